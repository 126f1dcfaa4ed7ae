//! Building the configuration from what the files declare: the root module's scope, a scope
//! for each module instance its calls make (and theirs, [`MAX_MODULE_DEPTH`] deep), and every
//! resource of each scope in the one list of resources.
//!
//! A call with `count` or `for_each` makes one scope per instance once their value is known;
//! knowing it may need the outputs of other calls, so the configuration is built again with
//! what the previous build let the evaluator find out ([`CallPlan`]), until nothing changes.

use std::collections::{BTreeMap, VecDeque};

use super::eval::Limit;
use super::instances::MAX_INSTANCES;
use super::modules::{
    self, Call, CallModuleType, Declarations, Made, Manifest, Scope, Unfollowed, MAX_MODULE_DEPTH,
};
use super::pin::VaultVersion;
use super::{Attribute, Expr, Instance, Module, Problem};
use crate::source::{File, Span};
use compact_str::CompactString;

/// What the files given declare, directory by directory, before module calls are followed.
#[derive(Debug, Default)]
pub struct Sources {
    pub files: Vec<File>,
    pub problems: Vec<Problem>,
    /// Every block and argument of the native-syntax files: what an ignore comment attaches to.
    pub structures: Vec<Span>,
    /// Variable values from `.tfvars` files, in the order given (a later one wins).
    pub tfvars: Vec<(CompactString, Expr)>,
    /// The root module's directory first: the directory of the first configuration file.
    pub directories: Vec<Declarations>,
    pub manifest: Option<Manifest>,
    pub vault: VaultVersion,
}

/// What is known of the module calls with `count` or `for_each`.
#[derive(Debug, Default, PartialEq)]
pub struct CallPlan {
    /// The instances of each call whose `count` or `for_each` is known, by the call's address
    /// (`module.a["x"].module.b`).
    pub instances: BTreeMap<String, Vec<Instance>>,
    /// Calls that would make more than [`MAX_INSTANCES`]: made once, as if unknown.
    pub limits: Vec<Span>,
}

/// What a configuration keeps to be built again: see [`Module::rebuild`].
#[derive(Debug)]
pub(super) struct Kept {
    directories: Vec<Declarations>,
    manifest: Option<Manifest>,
    follow: CallModuleType,
}

impl Module {
    /// The configuration the sources make, each call followed as `follow` says, calls with
    /// `count` or `for_each` as one scope each (see [`Module::rebuild`]).
    pub fn build(sources: Sources, follow: CallModuleType) -> Module {
        let Sources {
            files,
            problems,
            structures,
            tfvars,
            mut directories,
            manifest,
            vault,
        } = sources;
        // A configuration has a root module, if an empty one: expressions are evaluated in one.
        if directories.is_empty() {
            directories.push(Declarations::default());
        }
        let mut module = Module {
            pin: vault.pin(&directories[0].dir),
            files,
            problems,
            structures,
            tfvars,
            ..Module::default()
        };
        if directories.iter().all(|d| d.calls.is_empty()) {
            // Nothing to follow, nothing to build again: each directory is a root module, its
            // declarations moved rather than copied.
            for declared in directories {
                let scope = module.add_scope(Scope::root(&declared));
                for resource in declared.resources {
                    module.add_resource(resource.in_scope(scope, ""));
                }
            }
            return module;
        }
        module.kept = Some(Box::new(Kept {
            directories,
            manifest,
            follow,
        }));
        module.instantiate(&CallPlan::default());
        module
    }

    /// The same configuration built again, the calls `plan` knows the instances of expanded.
    pub fn rebuild(mut self, plan: &CallPlan) -> Module {
        if self.kept.is_none() {
            return self;
        }
        self.resources.clear();
        self.scopes.clear();
        self.clear_indexes();
        self.empty_blocks.clear();
        self.limits.clear();
        self.unfollowed.clear();
        for &span in &plan.limits {
            self.limit(span, Limit::Instances);
        }
        self.instantiate(plan);
        self
    }

    /// The directories of local module calls that were not among the files, each once.
    pub fn missing_directories(&self) -> Vec<String> {
        // Inserted one by one, as in `called_directories`.
        let mut dirs = std::collections::BTreeSet::new();
        for (_, _, why) in &self.unfollowed {
            if let Unfollowed::Missing { dir } = why {
                dirs.insert(dir.clone());
            }
        }
        dirs.into_iter().collect()
    }

    /// Whether some module call has `count` or `for_each`: only then is there a plan to find.
    pub fn has_repeated_calls(&self) -> bool {
        self.scopes
            .iter()
            .any(|s| s.calls.values().any(|c| c.declared.is_repeated()))
    }

    fn instantiate(&mut self, plan: &CallPlan) {
        let Some(kept) = self.kept.take() else {
            return;
        };
        let mut reached = vec![false; kept.directories.len()];
        let mut built = 0usize;
        for root in roots(&kept) {
            if reached[root] {
                continue;
            }
            reached[root] = true;
            let declared = &kept.directories[root];
            let scope = self.add_scope(Scope::root(declared));
            built += self.add_resources(scope, declared);
            let mut pending = VecDeque::from([scope]);
            while let Some(scope) = pending.pop_front() {
                let names: Vec<CompactString> = self.scopes[scope].calls.keys().cloned().collect();
                for name in names {
                    let made = self.follow(&kept, plan, scope, &name, &mut built, &mut reached);
                    if let Made::One(child) = made {
                        pending.push_back(child);
                    } else if let Made::Instances(children) = &made {
                        pending.extend(children);
                    }
                    if let Some(call) = self.scopes[scope].calls.get_mut(&name) {
                        call.made = made;
                    }
                }
            }
        }
        self.kept = Some(kept);
    }

    /// Follows the call `name` of `scope`: the scopes it makes, each with its resources.
    fn follow(
        &mut self,
        kept: &Kept,
        plan: &CallPlan,
        scope: usize,
        name: &str,
        built: &mut usize,
        reached: &mut [bool],
    ) -> Made {
        let caller = &self.scopes[scope];
        let call = &caller.calls[name].declared;
        let Some(source) = &call.source else {
            return Made::Nothing;
        };
        let key = if caller.key.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", caller.key)
        };
        let dir = if modules::is_local(source) {
            if kept.follow == CallModuleType::None {
                return Made::Nothing;
            }
            modules::join(&caller.dir, source)
        } else {
            if kept.follow != CallModuleType::All {
                return Made::Nothing;
            }
            match kept.manifest.as_ref().and_then(|m| m.dirs.get(&key)) {
                Some(dir) => dir.clone(),
                None => return self.unfollowed(scope, name, Unfollowed::NotInstalled),
            }
        };
        let Some(target) = kept.directories.iter().position(|d| d.dir == dir) else {
            return self.unfollowed(scope, name, Unfollowed::Missing { dir });
        };
        let header = call.header;
        let callers = self.callers(scope);
        if let Some(at) = callers.iter().position(|&s| self.scopes[s].dir == dir) {
            let through = callers[..=at]
                .iter()
                .rev()
                .map(|&s| self.scopes[s].address().to_string())
                .collect();
            return self.unfollowed(scope, name, Unfollowed::Cycle { through });
        }
        if callers.len() >= MAX_MODULE_DEPTH {
            self.limit(header, Limit::ModuleDepth);
            return Made::Nothing;
        }
        let address = format!("{}module.{name}", caller.prefix);
        let instances: Option<Vec<Instance>> = call
            .is_repeated()
            .then(|| plan.instances.get(&address).cloned())
            .flatten();
        let declared = &kept.directories[target];
        let cost = instances.as_ref().map_or(1, Vec::len).max(1) * (1 + declared.resources.len());
        if *built + cost > MAX_INSTANCES {
            self.limit(header, Limit::Instances);
            return Made::Nothing;
        }
        *built += cost;
        reached[target] = true;
        let path = modules::relative(&self.scopes[self.root_of(scope)].dir, &dir);
        let child = |prefix: String, instance: Option<Instance>| Scope {
            prefix,
            key: key.clone(),
            dir: dir.clone(),
            path: path.clone(),
            parent: Some(scope),
            call: Some((name.into(), instance)),
            variables: declared.variables.clone(),
            locals: declared.locals.clone(),
            outputs: declared.outputs.clone(),
            data_sources: declared.data_sources.clone(),
            calls: calls_of(declared),
        };
        match instances {
            None => {
                let child = self.add_scope(child(format!("{address}."), None));
                self.add_resources(child, declared);
                Made::One(child)
            }
            Some(instances) => Made::Instances(
                instances
                    .into_iter()
                    .map(|instance| {
                        let prefix = format!("{address}{}.", instance.key);
                        let child = self.add_scope(child(prefix, Some(instance)));
                        self.add_resources(child, declared);
                        child
                    })
                    .collect(),
            ),
        }
    }

    /// Records that the block at `span` reached `limit`, once however many module instances
    /// share the block: a call repeated in thousands of instances is one place to report.
    pub(super) fn limit(&mut self, span: Span, limit: Limit) {
        if !self.limits.iter().any(|&(s, _)| s == span) {
            self.limits.push((span, limit));
        }
    }

    fn unfollowed(&mut self, scope: usize, name: &str, why: Unfollowed) -> Made {
        self.unfollowed.push((scope, name.into(), why));
        Made::Nothing
    }

    /// `scope` and the scopes that called it, innermost first.
    fn callers(&self, scope: usize) -> Vec<usize> {
        let mut out = vec![scope];
        while let Some(parent) = self.scopes[*out.last().expect("never empty")].parent {
            out.push(parent);
        }
        out
    }

    /// What sets the variable `name` of the called module instance `scope`: the argument of the
    /// call that made it, with the caller's scope and the call's instance (its `count.index` or
    /// `each`), in which the argument is evaluated. `None` in a root module, or when the call
    /// does not set it.
    pub fn caller_argument(
        &self,
        scope: usize,
        name: &str,
    ) -> Option<(usize, Option<&Instance>, &Attribute)> {
        let declared = &self.scopes[scope];
        let parent = declared.parent?;
        let (call, instance) = declared.call.as_ref()?;
        let argument = self.scopes[parent]
            .calls
            .get(call)?
            .declared
            .body
            .attribute(name)?;
        Some((parent, instance.as_ref(), argument))
    }

    /// The root module scope `scope` belongs to.
    pub fn root_of(&self, scope: usize) -> usize {
        *self.callers(scope).last().expect("never empty")
    }

    fn add_resources(&mut self, scope: usize, declared: &Declarations) -> usize {
        let prefix = self.scopes[scope].prefix.clone();
        for resource in &declared.resources {
            self.add_resource(resource.clone().in_scope(scope, &prefix));
        }
        declared.resources.len() + 1
    }
}

pub(super) fn calls_of(declared: &Declarations) -> BTreeMap<CompactString, Call> {
    let mut calls = BTreeMap::new();
    for (name, call) in &declared.calls {
        let call = Call {
            declared: call.clone(),
            made: Made::Nothing,
        };
        calls.insert(name.clone(), call);
    }
    calls
}

/// The directories that are root modules: the first, and every other that no call names (the
/// files of unrelated directories, linted side by side). A directory that only calls name is
/// linted through its callers, or not at all: an installed remote module when remote calls are
/// not followed.
fn roots(kept: &Kept) -> Vec<usize> {
    let mut called = vec![false; kept.directories.len()];
    let position = |dir: &str| kept.directories.iter().position(|d| d.dir == dir);
    for declared in &kept.directories {
        for call in declared.calls.values() {
            let Some(source) = &call.source else { continue };
            if modules::is_local(source) {
                if let Some(at) = position(&modules::join(&declared.dir, source)) {
                    called[at] = true;
                }
            }
        }
    }
    if let Some(manifest) = &kept.manifest {
        for (key, dir) in &manifest.dirs {
            if let (false, Some(at)) = (key.is_empty(), position(dir)) {
                called[at] = true;
            }
        }
    }
    (0..called.len())
        .filter(|&at| at == 0 || !called[at])
        .collect()
}
