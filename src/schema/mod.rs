//! The resource schemas (`schemas/*.json`, embedded) and their application to a resource.
//!
//! Each resource's known argument values are put together as one JSON object, converted the way
//! Terraform converts values (a number where a string is expected is fine), and validated with
//! the `jsonschema` crate. Errors come back as [`Violation`]s carrying the path inside the
//! resource, which the schema rules turn into diagnostics at the narrowest span.

mod coerce;
pub mod violation;

use foldhash::HashMap;
use std::sync::OnceLock;

use serde_json::Value as Json;

use crate::model::{PathSegment, Value};

pub use violation::{validate, Violation, ViolationKind};

/// Each resource schema's validator, generated at compile time by `jsonschema`'s `validator`
/// macro: validation is straight-line code for these documents instead of a schema interpreted at
/// run time, which is both faster and leaves the run-time schema compiler (and its regular
/// expression engines) out of the WebAssembly build.
mod generated {
    #[jsonschema::validator(path = "schemas/vault_mount.json")]
    pub struct VaultMount;
    #[jsonschema::validator(path = "schemas/vault_keymgmt_key.json")]
    pub struct VaultKeymgmtKey;
    #[jsonschema::validator(path = "schemas/vault_keymgmt_aws_kms.json")]
    pub struct VaultKeymgmtAwsKms;
    #[jsonschema::validator(path = "schemas/vault_keymgmt_azure_kms.json")]
    pub struct VaultKeymgmtAzureKms;
    #[jsonschema::validator(path = "schemas/vault_keymgmt_gcp_kms.json")]
    pub struct VaultKeymgmtGcpKms;
    #[jsonschema::validator(path = "schemas/vault_keymgmt_distribute_key.json")]
    pub struct VaultKeymgmtDistributeKey;
    #[jsonschema::validator(path = "schemas/vault_keymgmt_replicate_key.json")]
    pub struct VaultKeymgmtReplicateKey;
    #[jsonschema::validator(path = "schemas/vault_keymgmt_key_rotate.json")]
    pub struct VaultKeymgmtKeyRotate;
}

type IterErrors = for<'i> fn(&'i Json) -> jsonschema::ErrorIterator<'i>;

/// Every resource type with a schema: its document and its validator.
const SOURCES: &[(&str, &str, IterErrors)] = &[
    (
        "vault_mount",
        include_str!("../../schemas/vault_mount.json"),
        generated::VaultMount::iter_errors,
    ),
    (
        "vault_keymgmt_key",
        include_str!("../../schemas/vault_keymgmt_key.json"),
        generated::VaultKeymgmtKey::iter_errors,
    ),
    (
        "vault_keymgmt_aws_kms",
        include_str!("../../schemas/vault_keymgmt_aws_kms.json"),
        generated::VaultKeymgmtAwsKms::iter_errors,
    ),
    (
        "vault_keymgmt_azure_kms",
        include_str!("../../schemas/vault_keymgmt_azure_kms.json"),
        generated::VaultKeymgmtAzureKms::iter_errors,
    ),
    (
        "vault_keymgmt_gcp_kms",
        include_str!("../../schemas/vault_keymgmt_gcp_kms.json"),
        generated::VaultKeymgmtGcpKms::iter_errors,
    ),
    (
        "vault_keymgmt_distribute_key",
        include_str!("../../schemas/vault_keymgmt_distribute_key.json"),
        generated::VaultKeymgmtDistributeKey::iter_errors,
    ),
    (
        "vault_keymgmt_replicate_key",
        include_str!("../../schemas/vault_keymgmt_replicate_key.json"),
        generated::VaultKeymgmtReplicateKey::iter_errors,
    ),
    (
        "vault_keymgmt_key_rotate",
        include_str!("../../schemas/vault_keymgmt_key_rotate.json"),
        generated::VaultKeymgmtKeyRotate::iter_errors,
    ),
];

pub struct Schema {
    pub resource_type: &'static str,
    pub document: &'static Json,
    root: Node,
    iter_errors: IterErrors,
    /// Write-only arguments that have a `<name>_version` argument, with that name.
    write_only_versions: Vec<(&'static str, String)>,
}

/// A sub-schema with its children indexed, built once: rules look sub-schemas up for every
/// argument of every resource, and a walk through the JSON document costs string comparisons at
/// every level.
struct Node {
    json: &'static Json,
    properties: HashMap<&'static str, Node>,
    /// `additionalProperties` when it is a schema: every key of a map.
    additional: Option<Box<Node>>,
    items: Option<Box<Node>>,
    /// Marked `sensitive`, or inside something that is.
    sensitive: bool,
    /// Itself or anything inside it is sensitive: whether marking a value must look inside.
    any_sensitive: bool,
    /// Marked `readOnly`: computed by the provider, never set.
    read_only: bool,
    write_only: bool,
    /// The `x-generation` mark: which generation of the provider's schema it belongs to.
    generation: Option<&'static str>,
    /// The `type` keyword when it names one type: what Terraform's conversions aim at.
    ty: Option<&'static str>,
}

impl Node {
    fn new(json: &'static Json, inside_sensitive: bool) -> Node {
        let sensitive =
            inside_sensitive || json.get("sensitive").and_then(Json::as_bool) == Some(true);
        let child = |json: &'static Json| Node::new(json, sensitive);
        let mut node = Node {
            json,
            properties: json
                .get("properties")
                .and_then(Json::as_object)
                .into_iter()
                .flatten()
                .map(|(name, property)| (name.as_str(), child(property)))
                .collect(),
            additional: json
                .get("additionalProperties")
                .filter(|a| a.is_object())
                .map(|a| Box::new(child(a))),
            items: json.get("items").map(|i| Box::new(child(i))),
            sensitive,
            any_sensitive: false,
            read_only: is_read_only(json),
            write_only: json.get("writeOnly").and_then(Json::as_bool) == Some(true),
            generation: json.get("x-generation").and_then(Json::as_str),
            ty: json.get("type").and_then(Json::as_str),
        };
        node.any_sensitive = sensitive
            || node.properties.values().any(|n| n.any_sensitive)
            || node.additional.as_ref().is_some_and(|n| n.any_sensitive)
            || node.items.as_ref().is_some_and(|n| n.any_sensitive);
        node
    }

    fn child(&self, key: &str) -> Option<&Node> {
        self.properties.get(key).or(self.additional.as_deref())
    }

    /// `value` with the marks this sub-schema's `sensitive` keywords give it.
    fn mark(&self, value: Value) -> Value {
        if self.sensitive {
            return value.into_sensitive();
        }
        if !self.any_sensitive {
            return value;
        }
        match value {
            Value::Object(map) => Value::object(
                std::rc::Rc::unwrap_or_clone(map)
                    .iter()
                    .map(|(key, v)| match self.child(key) {
                        Some(child) => (key.clone(), child.mark(v.clone())),
                        None => (key.clone(), v.clone()),
                    })
                    .collect(),
            ),
            Value::List(list) => match &self.items {
                Some(child) => Value::list(list.iter().map(|v| child.mark(v.clone())).collect()),
                None => Value::List(list),
            },
            other => other,
        }
    }

    fn at(&self, path: &[PathSegment]) -> Option<&Node> {
        path.iter().try_fold(self, |node, segment| match segment {
            PathSegment::Key(key) => node.child(key),
            PathSegment::Index(_) => node.items.as_deref(),
        })
    }
}

/// Resource type → argument → the value assumed when it is unset; keyed so that a lookup borrows
/// and allocates nothing, as it runs for every unset argument any rule reads.
pub type Defaults = HashMap<&'static str, HashMap<String, Value>>;

pub struct Schemas {
    /// Sorted by resource type.
    all: Vec<Schema>,
}

/// The schema documents, parsed once (rules read their `sensitive`, `default` and `readOnly`
/// marks). Their validators are generated by the build, so a broken schema fails to compile.
pub fn schemas() -> &'static Schemas {
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        let mut all: Vec<Schema> = SOURCES
            .iter()
            .map(|&(resource_type, text, iter_errors)| {
                // Lives as long as the program, like the OnceLock that holds the schemas.
                let document: &'static Json = Box::leak(Box::new(
                    serde_json::from_str(text)
                        .unwrap_or_else(|e| panic!("schemas/{resource_type}.json: {e}")),
                ));
                Schema::new(resource_type, document, iter_errors)
            })
            .collect();
        all.sort_by_key(|schema| schema.resource_type);
        Schemas { all }
    })
}

impl Schemas {
    /// Found by equality among the eight: rules ask for every resource, and most comparisons end
    /// at unequal lengths, where hashing reads the whole name and ordered comparisons walk the
    /// shared `vault_keymgmt_` prefix.
    pub fn get(&self, resource_type: &str) -> Option<&Schema> {
        self.all
            .iter()
            .find(|schema| schema.resource_type == resource_type)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Schema> {
        self.all.iter()
    }

    /// The value each resource type assumes for an unset argument, from `default` keywords.
    pub fn defaults(&self) -> Defaults {
        self.iter()
            .map(|schema| {
                let by_name = schema
                    .properties()
                    .filter_map(|(name, property)| {
                        Some((name.clone(), Value::from_json(property.get("default")?)))
                    })
                    .collect();
                (schema.resource_type, by_name)
            })
            .collect()
    }
}

impl Schema {
    fn new(
        resource_type: &'static str,
        document: &'static Json,
        iter_errors: IterErrors,
    ) -> Schema {
        let mut schema = Schema {
            resource_type,
            document,
            root: Node::new(document, false),
            iter_errors,
            write_only_versions: Vec::new(),
        };
        schema.write_only_versions = schema
            .properties()
            .map(|(name, _)| name.as_str())
            .filter(|&name| schema.root.properties[name].write_only)
            .map(|name| (name, format!("{name}_version")))
            .filter(|(_, version)| schema.is_argument(version))
            .collect();
        schema
    }

    pub fn properties(&self) -> impl Iterator<Item = (&'static String, &'static Json)> {
        self.document
            .get("properties")
            .and_then(Json::as_object)
            .into_iter()
            .flatten()
    }

    /// The names a user may set: every property that is not computed.
    pub fn argument_names(&self) -> Vec<&str> {
        self.properties()
            .filter(|(_, p)| !is_read_only(p))
            .map(|(name, _)| name.as_str())
            .collect()
    }

    /// The sub-schema that describes the value at `path`, following `properties`, `items` and
    /// `additionalProperties`.
    pub fn node_at(&self, path: &[PathSegment]) -> Option<&'static Json> {
        self.root.at(path).map(|node| node.json)
    }

    /// The single `type` of the sub-schema at `path`, if it names one.
    pub fn type_at(&self, path: &[PathSegment]) -> Option<&'static str> {
        self.root.at(path)?.ty
    }

    /// Whether the schema judges the parts of a list or map at `path`, not only its type: it
    /// has a sub-schema there that is not of a scalar type.
    pub fn judges_parts(&self, path: &[PathSegment]) -> bool {
        self.root.at(path).is_some_and(|node| {
            !matches!(
                node.ty,
                Some("string" | "number" | "integer" | "boolean" | "null")
            )
        })
    }

    /// Whether top-level property `name` exists, computed or not.
    pub fn has_property(&self, name: &str) -> bool {
        self.root.properties.contains_key(name)
    }

    /// Whether the resource takes arguments its schema does not name (`vault_mount`'s tuning
    /// arguments): its `additionalProperties` is not `false`.
    pub fn allows_other_arguments(&self) -> bool {
        self.document.get("additionalProperties") != Some(&Json::Bool(false))
    }

    /// Whether `name` is an argument a user may set: a property that is not computed.
    pub fn is_argument(&self, name: &str) -> bool {
        self.root
            .properties
            .get(name)
            .is_some_and(|node| !node.read_only)
    }

    /// The `x-generation` mark of top-level argument `name` (computed attributes excluded:
    /// setting one is never a choice of generation).
    pub fn generation(&self, name: &str) -> Option<&'static str> {
        let node = self.root.properties.get(name)?;
        (!node.read_only).then_some(node.generation).flatten()
    }

    /// The `x-generation` mark of top-level property `name`, argument or computed attribute:
    /// the one generation of the provider whose resources have it.
    pub fn property_generation(&self, name: &str) -> Option<&'static str> {
        self.root.properties.get(name)?.generation
    }

    /// The generation a resource of this type belongs to, from the mount argument it sets
    /// (`path` or `mount`, given as `is_set`); `None` when it sets neither or both.
    pub fn generation_of(&self, is_set: impl Fn(&str) -> bool) -> Option<&'static str> {
        let mut marks = ["path", "mount"]
            .into_iter()
            .filter(|name| is_set(name))
            .filter_map(|name| self.generation(name));
        match (marks.next(), marks.next()) {
            (Some(mark), None) => Some(mark),
            _ => None,
        }
    }

    /// The write-only arguments (`writeOnly`) that come with a `<name>_version` argument, and
    /// that argument's name.
    pub fn write_only_versions(&self) -> &[(&'static str, String)] {
        &self.write_only_versions
    }

    /// Whether top-level property `name` is computed by the provider (`readOnly`).
    pub fn is_computed(&self, name: &str) -> bool {
        self.root
            .properties
            .get(name)
            .is_some_and(|node| node.read_only)
    }

    /// Whether the value at `path`, or anything enclosing it, is marked `sensitive`.
    pub fn is_sensitive(&self, path: &[PathSegment]) -> bool {
        // Sensitivity is inherited, so where the path leaves the schema the deepest node it
        // reached decides.
        let mut node = &self.root;
        for segment in path {
            match node.at(std::slice::from_ref(segment)) {
                Some(next) => node = next,
                None => break,
            }
        }
        node.sensitive
    }

    /// The value of top-level argument `name` with the marks the schema's `sensitive` keywords
    /// give it: the whole value, or the sensitive entries of a map.
    pub fn mark(&self, name: &str, value: Value) -> Value {
        match self.root.child(name) {
            Some(node) => node.mark(value),
            None if self.root.sensitive => value.into_sensitive(),
            None => value,
        }
    }

    /// Whether top-level argument `name` is marked `sensitive`.
    pub fn is_sensitive_argument(&self, name: &str) -> bool {
        self.root.sensitive || self.root.properties.get(name).is_some_and(|n| n.sensitive)
    }

    fn iter_errors<'i>(&self, instance: &'i Json) -> jsonschema::ErrorIterator<'i> {
        (self.iter_errors)(instance)
    }
}

pub fn is_read_only(property: &Json) -> bool {
    property
        .get("readOnly")
        .and_then(Json::as_bool)
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_compiles_and_names_its_type() {
        let schemas = schemas();
        assert_eq!(schemas.iter().count(), SOURCES.len());
        for schema in schemas.iter() {
            assert_eq!(
                schema.document["title"].as_str(),
                Some(schema.resource_type),
                "title of {}",
                schema.resource_type
            );
        }
    }

    #[test]
    fn schemas_hold_no_references() {
        // Sub-schemas are looked up by walking `properties`, `items` and
        // `additionalProperties`; a `$ref` would need resolving first.
        for (resource_type, text, _) in SOURCES {
            assert!(!text.contains("$ref"), "schemas/{resource_type}.json");
        }
    }

    #[test]
    fn key_type_defaults_to_rsa_2048() {
        let defaults = schemas().defaults();
        assert_eq!(
            defaults["vault_keymgmt_key"].get("type"),
            Some(&Value::String("rsa-2048".into()))
        );
    }

    #[test]
    fn sensitivity_covers_nested_map_entries() {
        let aws = schemas().get("vault_keymgmt_aws_kms").unwrap();
        let path = |p: &[&str]| {
            p.iter()
                .map(|s| PathSegment::Key((*s).into()))
                .collect::<Vec<_>>()
        };
        assert!(aws.is_sensitive(&path(&["secret_key"])));
        assert!(aws.is_sensitive(&path(&["credentials", "access_key"])));
        assert!(!aws.is_sensitive(&path(&["key_collection"])));
    }
}
