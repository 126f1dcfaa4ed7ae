//! Modules: what each directory's files declare, and the configuration those declarations make
//! once module calls are followed.
//!
//! The configuration is flattened: every module instance is a [`Scope`] (its variables, locals,
//! outputs and calls), and its resources join the one list of resources the rules walk, each
//! knowing its scope and addressed as Terraform addresses it
//! (`module.payments.vault_keymgmt_distribute_key.this`). A directory called twice is two scopes
//! with the same spans: findings shared by both are made one when the report is written.
//!
//! Which calls are followed: a `source` that is a local path (`./`, `../`) is the directory it
//! names, relative to the calling module's; any other source (registry, git, http) is the
//! directory `terraform init` installed it in, read from `.terraform/modules/modules.json`, and
//! only when [`CallModuleType::All`] asks for it, as tflint's `call_module_type` does.

use std::collections::{BTreeMap, BTreeSet};

use compact_str::CompactString;
use foldhash::HashMap;
use serde::{Deserialize, Serialize};

use super::{Attribute, Body, Expr, Instance, Resource, Variable};
use crate::source::Span;

/// How many modules deep calls are followed. Terraform sets no limit; real configurations stay
/// within a handful of levels, and every level may multiply the instances of the next.
pub const MAX_MODULE_DEPTH: usize = 16;

/// Which module calls to follow, as tflint's `call_module_type` chooses: {@link Options.callModuleType}.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub enum CallModuleType {
    /// Calls whose source is a local path.
    #[default]
    Local,
    /// Local calls, and the remote ones `terraform init` installed.
    All,
    /// None: every module's outputs are unknown.
    None,
}

/// What the configuration files of one directory declare: one Terraform module, before its
/// calls are followed.
#[derive(Debug, Default, Clone)]
pub struct Declarations {
    /// The directory, normalised by [`normalize`]: `""` for the current one.
    pub dir: String,
    pub resources: Vec<Resource>,
    pub variables: BTreeMap<CompactString, Variable>,
    pub locals: BTreeMap<CompactString, Attribute>,
    pub outputs: BTreeMap<CompactString, Output>,
    /// `type.name` of each data source.
    pub data_sources: BTreeSet<String>,
    pub calls: BTreeMap<CompactString, ModuleCall>,
    /// `type` → `name` → position in `resources`: a repeated block is found without a scan.
    names: HashMap<CompactString, HashMap<CompactString, usize>>,
}

impl Declarations {
    pub fn new(dir: String) -> Declarations {
        Declarations {
            dir,
            ..Declarations::default()
        }
    }

    /// Adds a resource block, unless one of the same type and name is declared: that one is
    /// the error.
    pub fn add_resource(&mut self, resource: Resource) -> Result<(), &Resource> {
        let names = self.names.entry(resource.kind.clone()).or_default();
        if let Some(&first) = names.get(&resource.name) {
            return Err(&self.resources[first]);
        }
        names.insert(resource.name.clone(), self.resources.len());
        self.resources.push(resource);
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub name: CompactString,
    pub header: Span,
    pub value: Option<Expr>,
    pub sensitive: bool,
}

/// A `module` block.
#[derive(Debug, Clone, PartialEq)]
pub struct ModuleCall {
    pub name: CompactString,
    pub header: Span,
    /// The `source`, when it is a literal string.
    pub source: Option<String>,
    /// Its arguments: the called module's variables, and `count`, `for_each`, `providers`, ...
    pub body: Body,
}

/// Arguments of a `module` block that are Terraform's, not the called module's variables.
pub const CALL_META_ARGUMENTS: &[&str] = &[
    "source",
    "version",
    "count",
    "for_each",
    "providers",
    "depends_on",
];

impl ModuleCall {
    /// Whether `count` or `for_each` make instances of the call.
    pub fn is_repeated(&self) -> bool {
        self.body.attribute("count").is_some() || self.body.attribute("for_each").is_some()
    }

    /// The arguments that set the called module's variables.
    pub fn arguments(&self) -> impl Iterator<Item = &Attribute> {
        self.body
            .attributes
            .iter()
            .filter(|a| !CALL_META_ARGUMENTS.contains(&a.name.as_str()))
    }
}

/// One module instance: the root module, or one instance of a module call.
#[derive(Debug, Clone)]
pub struct Scope {
    /// What the addresses of its resources start with: `""` for a root module,
    /// `module.a.` or `module.a["x"].module.b.` for a called one.
    pub prefix: String,
    /// Its module's key in `.terraform/modules/modules.json`: the call names joined by `.`.
    pub key: String,
    /// Its module's directory, normalised.
    pub dir: String,
    /// `path.module`: its directory relative to the root module's, as Terraform gives it.
    pub path: String,
    /// The scope of the calling module, `None` for a root module.
    pub parent: Option<usize>,
    /// The name of the call that made it, and which instance of it this is (`None` when the
    /// call has neither `count` nor `for_each`, or they are not known).
    pub call: Option<(CompactString, Option<Instance>)>,
    pub variables: BTreeMap<CompactString, Variable>,
    pub locals: BTreeMap<CompactString, Attribute>,
    pub outputs: BTreeMap<CompactString, Output>,
    pub data_sources: BTreeSet<String>,
    pub calls: BTreeMap<CompactString, Call>,
}

impl Scope {
    /// The scope of a root module: what `declared` declares.
    pub fn root(declared: &Declarations) -> Scope {
        Scope {
            prefix: String::new(),
            key: String::new(),
            dir: declared.dir.clone(),
            path: ".".into(),
            parent: None,
            call: None,
            variables: declared.variables.clone(),
            locals: declared.locals.clone(),
            outputs: declared.outputs.clone(),
            data_sources: declared.data_sources.clone(),
            calls: super::configuration::calls_of(declared),
        }
    }

    /// `module.a` for the scope `module.a.`: its address in messages; `""` for a root module.
    pub fn address(&self) -> &str {
        self.prefix.strip_suffix('.').unwrap_or("")
    }
}

/// A module call in a scope, and what following it made.
#[derive(Debug, Clone)]
pub struct Call {
    pub declared: ModuleCall,
    pub made: Made,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Made {
    /// Not followed: see [`Unfollowed`].
    Nothing,
    /// One scope: the call has neither `count` nor `for_each`, or they are not known.
    One(usize),
    /// A scope for each instance, in key order; none for `count = 0` or an empty `for_each`.
    Instances(Vec<usize>),
}

impl Made {
    /// The first module instance made, if any: what every instance declares alike.
    pub fn first(&self) -> Option<usize> {
        match self {
            Made::Nothing => None,
            Made::One(scope) => Some(*scope),
            Made::Instances(scopes) => scopes.first().copied(),
        }
    }
}

/// Why a module call was not followed, where that is worth a diagnostic.
#[derive(Debug, Clone, PartialEq)]
pub enum Unfollowed {
    /// A local source whose directory is not among the files.
    Missing { dir: String },
    /// A remote source that `.terraform/modules/modules.json` does not list.
    NotInstalled,
    /// The call's module is among its callers.
    Cycle { through: Vec<String> },
}

/// `.terraform/modules/modules.json`: where `terraform init` installed each module call, by key.
#[derive(Debug, Default, Clone)]
pub struct Manifest {
    /// The root module's directory: the manifest's directories are relative to it.
    pub base: String,
    pub dirs: BTreeMap<String, String>,
}

impl Manifest {
    /// Reads the manifest at `path`; `Err` says why it cannot be read.
    pub fn read(path: &str, text: &str) -> Result<Manifest, String> {
        // Read as a JSON value, whose parser the core has anyway, rather than by a derived
        // deserializer of its own.
        let json: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| format!("cannot read the module manifest: {e}"))?;
        let base = normalize(
            path.trim_end_matches(MANIFEST)
                .trim_end_matches(['/', '\\']),
        );
        let mut dirs = BTreeMap::new();
        for entry in json
            .get("Modules")
            .and_then(|m| m.as_array())
            .into_iter()
            .flatten()
        {
            if let (Some(key), Some(dir)) = (
                entry.get("Key").and_then(|k| k.as_str()),
                entry.get("Dir").and_then(|d| d.as_str()),
            ) {
                dirs.insert(key.to_string(), join(&base, dir));
            }
        }
        Ok(Manifest { base, dirs })
    }
}

/// Where `terraform init` lists the modules it installed, under the root module's directory.
pub const MANIFEST: &str = ".terraform/modules/modules.json";

/// Whether `path` names the module manifest.
pub fn is_manifest(path: &str) -> bool {
    normalize(path).ends_with(MANIFEST)
}

/// Whether a module `source` is a local path, which Terraform reads in place.
pub fn is_local(source: &str) -> bool {
    source.starts_with("./") || source.starts_with("../")
}

/// The directory of the file at `path`, normalised.
pub fn directory_of(path: &str) -> String {
    let path = normalize(path);
    match path.rfind('/') {
        Some(0) => "/".into(),
        Some(at) => path[..at].to_string(),
        None => String::new(),
    }
}

/// `path` with `/` as separator and without `.` components or `x/..` pairs: one spelling per
/// directory, `""` for the current one. Leading `..` and a leading `/` stay.
pub fn normalize(path: &str) -> String {
    let path = path.replace('\\', "/");
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            _ => parts.push(part),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// `relative` read from the directory `dir`.
pub fn join(dir: &str, relative: &str) -> String {
    if relative.starts_with('/') || dir.is_empty() {
        normalize(relative)
    } else {
        normalize(&format!("{dir}/{relative}"))
    }
}

/// The directory `to` as seen from the directory `from`: `.` when they are the same.
pub fn relative(from: &str, to: &str) -> String {
    let parts = |p: &str| -> Vec<String> {
        p.split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    let (from, to) = (parts(from), parts(to));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(to[common..].iter().map(String::as_str));
    if out.is_empty() {
        ".".into()
    } else {
        out.join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_have_one_spelling() {
        assert_eq!(normalize("./a/b/../c/"), "a/c");
        assert_eq!(normalize("a\\b"), "a/b");
        assert_eq!(normalize("../x"), "../x");
        assert_eq!(normalize("/a/../../b"), "/b");
        assert_eq!(directory_of("main.tf"), "");
        assert_eq!(directory_of("./infra/main.tf"), "infra");
        assert_eq!(join("infra", "./modules/kms"), "infra/modules/kms");
        assert_eq!(join("infra", "../shared"), "shared");
        assert_eq!(join("", "../shared"), "../shared");
        assert_eq!(relative("infra", "infra/modules/kms"), "modules/kms");
        assert_eq!(relative("infra", "shared"), "../shared");
        assert_eq!(relative("a", "a"), ".");
    }

    #[test]
    fn the_manifest_names_directories_from_the_root_module() {
        let text = r#"{"Modules":[{"Key":"","Source":"","Dir":"."},
            {"Key":"kms","Source":"registry.terraform.io/acme/kms/vault","Version":"1.0.0",
             "Dir":".terraform/modules/kms"}]}"#;
        let manifest = Manifest::read("infra/.terraform/modules/modules.json", text).unwrap();
        assert_eq!(manifest.base, "infra");
        assert_eq!(manifest.dirs["kms"], "infra/.terraform/modules/kms");
        assert_eq!(manifest.dirs[""], "infra");
        assert!(Manifest::read("x/.terraform/modules/modules.json", "{").is_err());
    }
}
