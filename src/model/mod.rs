//! The module model: what the files of one Terraform module declare, with spans.

pub mod configuration;
pub mod constraint;
pub mod convert;
pub mod eval;
pub mod expr;
pub mod functions;
pub mod instances;
pub mod modules;
pub mod operators;
pub mod pin;
pub mod value;

use std::cell::OnceCell;
use std::collections::hash_map::Entry;
use std::collections::BTreeSet;

use compact_str::CompactString;
use foldhash::HashMap;

pub use configuration::Sources;
pub use expr::{display_path, Expr, ExprKind, PathSegment, Step, Traversal};
pub use modules::Scope;
pub use value::Value;

use crate::source::{File, Span};

/// Arguments Terraform itself reads on every resource; no provider schema lists them.
pub const META_ARGUMENTS: &[&str] = &[
    "count",
    "for_each",
    "depends_on",
    "provider",
    "lifecycle",
    "provisioner",
    "connection",
];

/// The meta-arguments that are written as nested blocks.
pub const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: CompactString,
    pub name_span: Span,
    pub value: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: CompactString,
    pub labels: Vec<CompactString>,
    /// The whole block.
    pub span: Span,
    /// The block type and labels: what a diagnostic about the block as a whole points at.
    pub header: Span,
    pub body: Body,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
    /// Name → positions of its first and last attribute, built at the first lookup in a large
    /// body, once parsing is done (the body never changes after): with many thousand arguments
    /// every lookup by name would otherwise be a scan, and every rule looks up names.
    by_name: OnceCell<HashMap<CompactString, (usize, usize)>>,
}

/// Bodies up to this many attributes are searched: their index would cost more than it saves.
const SEARCHED: usize = 16;

impl Body {
    pub fn new(attributes: Vec<Attribute>, blocks: Vec<Block>) -> Body {
        Body {
            attributes,
            blocks,
            by_name: OnceCell::new(),
        }
    }

    /// The first attribute so named.
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.position(name).map(|i| &self.attributes[i])
    }

    /// The last attribute so named: the one Terraform would read, where a JSON body names one
    /// twice.
    pub fn last_attribute(&self, name: &str) -> Option<&Attribute> {
        self.positions(name).map(|(_, last)| &self.attributes[last])
    }

    /// The position of the first attribute so named.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.positions(name).map(|(first, _)| first)
    }

    fn positions(&self, name: &str) -> Option<(usize, usize)> {
        if self.attributes.len() <= SEARCHED {
            let first = self.attributes.iter().position(|a| a.name == name)?;
            let last = self.attributes.iter().rposition(|a| a.name == name)?;
            return Some((first, last));
        }
        self.index().get(name).copied()
    }

    /// The positions of the attributes that set a name an attribute before them set (an error
    /// in Terraform, which a JSON body can write). In a large body this builds the index of
    /// names the lookups use, so that each name is hashed once for both.
    pub fn repeated(&self) -> Vec<usize> {
        let attributes = &self.attributes;
        if attributes.len() <= SEARCHED {
            return (0..attributes.len())
                .filter(|&i| attributes[..i].iter().any(|a| a.name == attributes[i].name))
                .collect();
        }
        let index = self.index();
        // The index holds fewer names than attributes only where one repeats.
        if index.len() == attributes.len() {
            return Vec::new();
        }
        (0..attributes.len())
            .filter(|&i| {
                index
                    .get(&attributes[i].name)
                    .is_some_and(|&(first, _)| first != i)
            })
            .collect()
    }

    /// Name → positions of its first and last attribute, built once.
    fn index(&self) -> &HashMap<CompactString, (usize, usize)> {
        self.by_name.get_or_init(|| {
            // Sized at once: growing it would rehash every name again at each doubling.
            let mut index: HashMap<CompactString, (usize, usize)> =
                HashMap::with_capacity_and_hasher(self.attributes.len(), Default::default());
            for (i, attr) in self.attributes.iter().enumerate() {
                index
                    .entry(attr.name.clone())
                    .and_modify(|(_, last)| *last = i)
                    .or_insert((i, i));
            }
            index
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub kind: CompactString,
    pub name: CompactString,
    pub span: Span,
    pub header: Span,
    pub body: Body,
    /// Which instance of a `count` or `for_each` block this is; `None` for a block without
    /// them, or whose `count` or `for_each` is not known before apply (checked once).
    pub instance: Option<Instance>,
    /// The module instance it belongs to: an index into [`Module::scopes`].
    pub scope: usize,
    /// Formatted once: rules name the resource in messages and compare addresses.
    address: String,
    /// Where the block's address ends in `address`: before an instance key.
    block_end: usize,
}

/// One instance of a resource block with `count` or `for_each`.
#[derive(Debug, Clone, PartialEq)]
pub struct Instance {
    pub key: InstanceKey,
    /// `each.value` (for `count`, the index again).
    pub value: Value,
}

/// `count.index` or `each.key`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum InstanceKey {
    Index(u64),
    Key(CompactString),
}

impl InstanceKey {
    pub fn value(&self) -> Value {
        match self {
            InstanceKey::Index(i) => Value::Number((*i).into()),
            InstanceKey::Key(k) => Value::String(k.clone()),
        }
    }
}

/// `[0]` or `["name"]`, as in an address.
impl std::fmt::Display for InstanceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InstanceKey::Index(i) => write!(f, "[{i}]"),
            InstanceKey::Key(k) => write!(f, "[{}]", serde_json::Value::from(k.as_str())),
        }
    }
}

impl Resource {
    pub fn new(
        kind: CompactString,
        name: CompactString,
        span: Span,
        header: Span,
        body: Body,
    ) -> Resource {
        // Concatenated rather than format!-ted: one resource of many thousands is no place for
        // the formatting machinery.
        let mut address = String::with_capacity(kind.len() + 1 + name.len());
        address.push_str(&kind);
        address.push('.');
        address.push_str(&name);
        Resource {
            block_end: address.len(),
            address,
            kind,
            name,
            span,
            header,
            body,
            instance: None,
            scope: 0,
        }
    }

    /// Whether `count` or `for_each` make instances of the block.
    pub fn is_repeated(&self) -> bool {
        self.body.attribute("count").is_some() || self.body.attribute("for_each").is_some()
    }

    /// The same block in the module instance `scope`, whose addresses start with `prefix`
    /// (`module.a.`).
    pub fn in_scope(mut self, scope: usize, prefix: &str) -> Resource {
        self.scope = scope;
        if !prefix.is_empty() {
            self.address.insert_str(0, prefix);
            self.block_end = self.address.len();
        }
        self
    }

    /// The same block as its instance `instance`, addressed `type.name[key]`.
    pub fn as_instance(&self, instance: Instance) -> Resource {
        Resource {
            address: format!("{}{}", self.address, instance.key),
            instance: Some(instance),
            ..self.clone()
        }
    }

    /// `type.name` of the block the resource is declared by (after its module's path), without
    /// an instance key.
    pub fn block_address(&self) -> &str {
        &self.address[..self.block_end]
    }

    /// The same resource where a plan puts it: `module_prefix` (`module.a.`) before the type,
    /// `instance_key` (`[0]` or `["k"]`) after the name.
    pub fn in_plan(mut self, module_prefix: &str, instance_key: &str) -> Resource {
        self.address = format!("{module_prefix}{}{instance_key}", self.address);
        self.block_end = self.address.len();
        self
    }

    /// `type.name`, as Terraform addresses the resource (with module path and instance key
    /// when read from a plan).
    pub fn address(&self) -> &str {
        &self.address
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.body.attribute(name)
    }

    /// The attributes the provider reads, without Terraform's meta-arguments.
    pub fn arguments(&self) -> impl Iterator<Item = &Attribute> {
        self.body
            .attributes
            .iter()
            .filter(|a| Resource::is_argument(&a.name))
    }

    /// Whether an attribute so named is for the provider rather than a meta-argument.
    pub fn is_argument(name: &str) -> bool {
        !META_ARGUMENTS.contains(&name)
    }

    /// The provider configuration the resource uses (`vault.eu` for `provider = vault.eu`), `""`
    /// for the default one; `None` when it cannot be read.
    pub fn provider_config(&self) -> Option<CompactString> {
        let Some(attr) = self.attribute("provider") else {
            return Some(CompactString::default());
        };
        let text = match &attr.value.kind {
            ExprKind::Traversal(t) => {
                let mut text = t.root.clone();
                for step in &t.steps {
                    let Step::Attr(name, _) = step else {
                        return None;
                    };
                    text.push('.');
                    text.push_str(name);
                }
                text
            }
            ExprKind::String(s) => s.clone(),
            ExprKind::Template(parts) => match parts.as_slice() {
                [expr::TemplatePart::Literal(s)] => s.clone(),
                _ => return None,
            },
            _ => return None,
        };
        // `provider = vault` is the default configuration.
        Some(if text.contains('.') {
            text
        } else {
            CompactString::default()
        })
    }

    /// Nested blocks that are not meta-argument blocks (`lifecycle`, `provisioner`, ...).
    pub fn argument_blocks(&self) -> impl Iterator<Item = &Block> {
        self.body
            .blocks
            .iter()
            .filter(|b| !META_ARGUMENTS.contains(&b.kind.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    pub name: CompactString,
    pub span: Span,
    pub default: Option<Expr>,
    pub sensitive: bool,
    /// `nullable = false`: a caller's `null` means the default.
    pub nullable: bool,
    /// Its `type`: `None` when it has none, [`constraint::Constraint::Any`] for `any` (and for
    /// an invalid one, which is reported where the files are read).
    pub constraint: Option<constraint::Constraint>,
}

/// One resource of a [`Module`]: its position in [`Module::resources`], which `module.resources[id]`
/// reads. A type of its own so that a resource is never confused with a scope, a file or an
/// argument's position, which are positions too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ResourceId(usize);

impl ResourceId {
    /// The position in [`Module::resources`].
    pub fn index(self) -> usize {
        self.0
    }
}

impl std::ops::Index<ResourceId> for Vec<Resource> {
    type Output = Resource;

    fn index(&self, id: ResourceId) -> &Resource {
        &self[id.0]
    }
}

/// A problem found while reading the files, reported by the `parse-error` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub help: Option<&'static str>,
}

/// The configuration: the root module and every module instance its calls make, flattened into
/// one list of resources (see [`modules`]).
#[derive(Debug, Default)]
pub struct Module {
    pub files: Vec<File>,
    pub resources: Vec<Resource>,
    /// The module instances, root modules first; a resource's `scope` indexes them.
    pub scopes: Vec<Scope>,
    /// Variable values from `.tfvars` files, in the order given (a later one wins).
    pub tfvars: Vec<(CompactString, Expr)>,
    pub problems: Vec<Problem>,
    /// Every block and argument of the native-syntax files: what an ignore comment attaches to.
    pub structures: Vec<Span>,
    /// From a plan (`terraform show -json`) rather than configuration files.
    pub from_plan: bool,
    /// The generation of the keymgmt resources the configuration pins by the Vault provider's
    /// version, if it does.
    pub pin: Option<pin::Pin>,
    /// Where building the configuration reached a limit: `count` or `for_each` making more than
    /// [`instances::MAX_INSTANCES`] (the block is then checked once, as if they were unknown),
    /// or module calls nested deeper than [`modules::MAX_MODULE_DEPTH`].
    pub limits: Vec<(Span, eval::Limit)>,
    /// Module calls that were not followed, by scope and name, where the reason is worth telling.
    pub unfollowed: Vec<(usize, CompactString, modules::Unfollowed)>,
    /// Resource blocks whose `count` or `for_each` makes no instance, by block address:
    /// declared, so references to them resolve, but nothing to check.
    pub empty_blocks: BTreeSet<String>,
    /// The declarations, kept while module calls may have to be expanded.
    kept: Option<Box<configuration::Kept>>,
    /// Plan addresses, and the addresses of instances: see `add_resource`. The indexes hold
    /// positions, not [`ResourceId`]s, so that their maps share their code with the other maps
    /// of names to positions (the `.wasm` is within a size budget).
    by_address: HashMap<String, usize>,
    /// Scope → type → name → the first resource so named: what `type.name` in an expression
    /// refers to. Nested rather than keyed by a tuple so that a lookup borrows and allocates
    /// nothing.
    by_name: Vec<HashMap<CompactString, HashMap<CompactString, usize>>>,
}

impl Module {
    /// Adds a module instance; its index.
    pub fn add_scope(&mut self, scope: Scope) -> usize {
        self.scopes.push(scope);
        self.by_name.push(HashMap::default());
        self.scopes.len() - 1
    }

    /// Every resource, with its id.
    pub fn each_resource(&self) -> impl Iterator<Item = (ResourceId, &Resource)> {
        self.resources
            .iter()
            .enumerate()
            .map(|(i, r)| (ResourceId(i), r))
    }

    /// The instances of the block whose first instance is `first`, that one included: the
    /// instances of a block are added one after another.
    pub fn instances(&self, first: ResourceId) -> impl Iterator<Item = (ResourceId, &Resource)> {
        let block = self.resources[first].block_address();
        self.each_resource()
            .skip(first.index())
            .take_while(move |(_, r)| r.block_address() == block)
    }

    pub fn add_resource(&mut self, resource: Resource) {
        let index = self.resources.len();
        if self.by_name.len() <= resource.scope {
            self.by_name
                .resize_with(resource.scope + 1, HashMap::default);
        }
        // Configuration addresses are `type.name` in their scope, which `by_name` already
        // indexes; only a plan's addresses (module path, instance key) and instances need an
        // index of their own, and there `by_name` keeps the first instance so named.
        if self.from_plan || resource.instance.is_some() {
            if let Some(&first) = self.by_address.get(resource.address()) {
                return self.report_duplicate(&resource, first);
            }
            self.by_address.insert(resource.address.clone(), index);
            self.names_of(resource.scope, &resource.kind)
                .entry(resource.name.clone())
                .or_insert(index);
        } else {
            match self
                .names_of(resource.scope, &resource.kind)
                .entry(resource.name.clone())
            {
                Entry::Occupied(first) => {
                    let first = *first.get();
                    return self.report_duplicate(&resource, first);
                }
                Entry::Vacant(slot) => {
                    slot.insert(index);
                }
            }
        }
        self.resources.push(resource);
    }

    /// Forgets every resource: they are about to be added again, renumbered.
    fn clear_indexes(&mut self) {
        self.by_address.clear();
        self.by_name.iter_mut().for_each(HashMap::clear);
    }

    /// The index of the resources of type `kind` in `scope`, by name. An owned key only for a
    /// new type: most resources share their type with others.
    fn names_of(&mut self, scope: usize, kind: &str) -> &mut HashMap<CompactString, usize> {
        let by_kind = &mut self.by_name[scope];
        if !by_kind.contains_key(kind) {
            by_kind.insert(kind.into(), HashMap::default());
        }
        by_kind.get_mut(kind).expect("inserted above")
    }

    fn report_duplicate(&mut self, resource: &Resource, first: usize) {
        let first = &self.resources[first];
        self.problems.push(Problem {
            span: resource.header,
            help: None,
            message: format!(
                "duplicate resource `{}`: it is already declared in {}",
                resource.address(),
                self.files[first.span.file].path
            ),
        });
    }

    /// The resource `type.name` of `scope` (its first instance).
    pub fn resource_id(&self, scope: usize, kind: &str, name: &str) -> Option<ResourceId> {
        self.by_name
            .get(scope)?
            .get(kind)?
            .get(name)
            .copied()
            .map(ResourceId)
    }

    /// The instance `key` of the resource block whose first instance is at `first`.
    pub fn instance_id(&self, first: ResourceId, key: &InstanceKey) -> Option<ResourceId> {
        let address = format!("{}{key}", self.resources[first].block_address());
        self.by_address.get(&address).copied().map(ResourceId)
    }

    /// Whether `scope` declares a resource block `type.name`, even if it makes no instance.
    pub fn declares(&self, scope: usize, kind: &str, name: &str) -> bool {
        self.resource_id(scope, kind, name).is_some()
            || self.empty_blocks.contains(&format!(
                "{}{kind}.{name}",
                self.scopes.get(scope).map_or("", |s| s.prefix.as_str())
            ))
    }

    /// The resource a traversal `type.name...` in `scope` names (its first instance), if the
    /// scope declares it. Asked only once the configuration is complete, so that the answer can
    /// be kept in the traversal, which belongs to one scope.
    pub fn target(&self, scope: usize, t: &Traversal) -> Option<ResourceId> {
        if let Some(target) = t.target.get() {
            return target;
        }
        let target = match t.steps.first() {
            Some(Step::Attr(name, _)) => self.resource_id(scope, &t.root, name),
            _ => None,
        };
        t.target.set(Some(target));
        target
    }

    /// Whether `scope` declares a resource of type `kind`.
    pub fn has_resource_type(&self, scope: usize, kind: &str) -> bool {
        self.by_name
            .get(scope)
            .is_some_and(|k| k.contains_key(kind))
    }

    pub fn file(&self, span: Span) -> &File {
        &self.files[span.file]
    }
}
