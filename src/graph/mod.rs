//! How the keymgmt resources of a module connect: which key a distribution or replication names,
//! and which KMS provider, and which key a key rotation (`vault_keymgmt_key_rotate`, by its
//! `name`) rotates. A link is made through a reference (`vault_keymgmt_key.k.name`) or,
//! for a literal name, through the resource whose `name` has that value (on the same mount, and
//! then in the same namespace, when several do). A link that cannot be made is `None`, and rules that need it stay silent.

use crate::model::eval::Evaluator;
use crate::model::{Module, Resource, ResourceId, Value};
use crate::providers::{self, Provider};
use crate::redact::Text;

mod view;

pub use view::View;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) use view::{EdgeView, NodeView};

pub const KEY: &str = "vault_keymgmt_key";
pub const DISTRIBUTE: &str = "vault_keymgmt_distribute_key";
pub const REPLICATE: &str = "vault_keymgmt_replicate_key";
pub const ROTATE: &str = "vault_keymgmt_key_rotate";
pub const MOUNT: &str = "vault_mount";

/// A distribution, replication or key rotation and what it connects (a rotation has no KMS
/// provider: `kms` is `None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub resource: ResourceId,
    pub key: Option<ResourceId>,
    pub kms: Option<ResourceId>,
}

#[derive(Debug, Default)]
pub struct Graph {
    pub mounts: Vec<ResourceId>,
    pub keys: Vec<ResourceId>,
    /// KMS provider resources with their provider.
    pub kms: Vec<(ResourceId, Provider)>,
    pub distributions: Vec<Link>,
    pub replications: Vec<Link>,
    /// `vault_keymgmt_key_rotate` resources, with the key their `name` names.
    pub rotations: Vec<Link>,
    /// Positions in `distributions` of each key's distributions, in the order of `keys`, so
    /// that per-key questions stay linear.
    distributions_by_key: Vec<Vec<usize>>,
}

impl Graph {
    pub fn build(module: &Module, eval: &Evaluator<'_>) -> Graph {
        let mut graph = Graph::default();
        for (index, resource) in module.each_resource() {
            match resource.kind.as_str() {
                MOUNT => graph.mounts.push(index),
                KEY => graph.keys.push(index),
                kind => {
                    if let Some(facts) = providers::of_resource_type(kind) {
                        graph.kms.push((index, facts.provider));
                    }
                }
            }
        }
        let kms: Vec<ResourceId> = graph.kms.iter().map(|&(i, _)| i).collect();
        let keys = Candidates::new(eval, &graph.keys);
        let kms = Candidates::new(eval, &kms);
        for (index, resource) in module.each_resource() {
            let link = || Link {
                resource: index,
                key: keys.resolve(module, eval, index, "key_name"),
                kms: kms.resolve(module, eval, index, "kms_name"),
            };
            match resource.kind.as_str() {
                DISTRIBUTE => graph.distributions.push(link()),
                REPLICATE => graph.replications.push(link()),
                ROTATE => graph.rotations.push(Link {
                    resource: index,
                    key: keys.resolve(module, eval, index, "name"),
                    kms: None,
                }),
                _ => {}
            }
        }
        graph.distributions_by_key = vec![Vec::new(); graph.keys.len()];
        for (position, link) in graph.distributions.iter().enumerate() {
            if let Some(key) = link.key.and_then(|key| graph.keys.binary_search(&key).ok()) {
                graph.distributions_by_key[key].push(position);
            }
        }
        graph
    }

    pub fn provider_of(&self, kms: ResourceId) -> Option<Provider> {
        // `kms` is in the order of the resources, as every list of the graph.
        let position = self.kms.binary_search_by_key(&kms, |&(id, _)| id).ok()?;
        Some(self.kms[position].1)
    }

    /// The distributions whose key is the key resource at `key`.
    pub fn distributions_of(&self, key: ResourceId) -> impl Iterator<Item = &Link> {
        self.keys
            .binary_search(&key)
            .ok()
            .map(|at| &self.distributions_by_key[at])
            .into_iter()
            .flatten()
            .map(|&position| &self.distributions[position])
    }
}

/// The mount a keymgmt resource belongs to: its `path` or `mount` argument (a `vault_mount`'s
/// own `path`).
pub fn mount_of<'e>(eval: &'e Evaluator<'_>, index: ResourceId) -> &'e Value {
    let resource = &eval.module().resources[index];
    let name = if resource.attribute("mount").is_some() {
        "mount"
    } else {
        "path"
    };
    eval.resource_attribute(index, name)
}

/// The Known namespace of a keymgmt resource, relative to its provider configuration's, without
/// leading or trailing `/`: an unset or `null` `namespace` is the provider's own, `""`. `None`
/// when it is not known before apply.
pub fn namespace_of<'e>(eval: &'e Evaluator<'_>, index: ResourceId) -> Option<Text<'e>> {
    if eval.module().resources[index]
        .attribute("namespace")
        .is_none()
    {
        return Some(Text::new("", false));
    }
    let value = eval.resource_attribute(index, "namespace");
    match value.unmarked() {
        Value::Null => Some(Text::new("", value.is_sensitive())),
        _ => Some(value.text()?.trimmed('/')),
    }
}

/// Resources a `key_name` or `kms_name` may name, with their Known `name`.
struct Candidates<'e> {
    all: Vec<ResourceId>,
    /// (name, resource) sorted by name, then resource: one list rather than a map of lists, as
    /// names are nearly always unique.
    by_name: Vec<(&'e str, ResourceId)>,
}

impl<'e> Candidates<'e> {
    fn new(eval: &'e Evaluator<'_>, all: &[ResourceId]) -> Candidates<'e> {
        let mut by_name: Vec<(&str, ResourceId)> = all
            .iter()
            .filter_map(|&index| {
                let name = eval.resource_attribute(index, "name").text()?;
                Some((name.as_str(), index))
            })
            .collect();
        by_name.sort_unstable();
        Candidates {
            all: all.to_vec(),
            by_name,
        }
    }

    /// The candidates named `name`, in ascending order.
    fn named(&self, name: &str) -> &[(&'e str, ResourceId)] {
        let start = self.by_name.partition_point(|&(n, _)| n < name);
        let end = start + self.by_name[start..].partition_point(|&(n, _)| n == name);
        &self.by_name[start..end]
    }

    /// Which candidate the argument `attr` of resource `index` names.
    fn resolve(
        &self,
        module: &Module,
        eval: &Evaluator<'_>,
        index: ResourceId,
        attr: &str,
    ) -> Option<ResourceId> {
        let argument = module.resources[index].attribute(attr)?;
        if let Some(target) = referenced(eval, index, &argument.value, &self.all) {
            return Some(target);
        }
        let name = eval.resource_attribute(index, attr);
        let named = self.named(name.text()?.as_str());
        let mount = mount_of(eval, index);
        let same_mount = |c: ResourceId| mount.is_known() && mount_of(eval, c) == mount;
        // On the same mount, the one in the same namespace when several are.
        let namespace = namespace_of(eval, index);
        let candidates = || named.iter().map(|&(_, c)| c);
        candidates()
            .find(|&c| same_mount(c) && namespace.is_some() && namespace_of(eval, c) == namespace)
            .or_else(|| candidates().find(|&c| same_mount(c)))
            .or_else(|| named.first().map(|&(_, c)| c))
    }
}

/// The candidate a reference in `expr`, an argument of the resource at `from`, points at, as in
/// `vault_keymgmt_key.k.name` or `vault_keymgmt_key.k[each.key].name` (the instance with the
/// same key). `candidates` are resource indices in ascending order, as every list of the graph
/// is built.
fn referenced(
    eval: &Evaluator<'_>,
    from: ResourceId,
    expr: &crate::model::Expr,
    candidates: &[ResourceId],
) -> Option<ResourceId> {
    expr.traversals().into_iter().find_map(|(t, _)| {
        eval.referenced_resource(from, t)
            .filter(|i| candidates.binary_search(i).is_ok())
    })
}

/// Whether `resource` refers to the block of the resource at `target`, in an argument or in
/// `depends_on`: to any of its instances, since Terraform orders blocks, not instances
/// (`for_each = vault_keymgmt_distribute_key.d` waits for every distribution).
pub fn refers_to(module: &Module, resource: &Resource, target: ResourceId) -> bool {
    let block = module.resources[target].block_address();
    resource.body.attributes.iter().any(|attr| {
        attr.value.traversals().iter().any(|(t, _)| {
            module
                .target(resource.scope, t)
                .is_some_and(|found| module.resources[found].block_address() == block)
        })
    })
}
