//! The resource schemas (`schemas/*.json`, embedded) and their application to a resource.
//!
//! Each resource's known argument values are put together as one JSON object, converted the way
//! Terraform converts values (a number where a string is expected is fine), and validated with
//! the `jsonschema` crate. Errors come back as [`Violation`]s carrying the path inside the
//! resource, which the schema rules turn into diagnostics at the narrowest span.

mod coerce;
pub mod violation;

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use serde_json::Value as Json;

use crate::model::{PathSegment, Value};

pub use violation::{validate, Violation, ViolationKind};

/// Every resource type with a schema, and its document.
const SOURCES: &[(&str, &str)] = &[
    (
        "vault_mount",
        include_str!("../../schemas/vault_mount.json"),
    ),
    (
        "vault_keymgmt_key",
        include_str!("../../schemas/vault_keymgmt_key.json"),
    ),
    (
        "vault_keymgmt_aws_kms",
        include_str!("../../schemas/vault_keymgmt_aws_kms.json"),
    ),
    (
        "vault_keymgmt_azure_kms",
        include_str!("../../schemas/vault_keymgmt_azure_kms.json"),
    ),
    (
        "vault_keymgmt_gcp_kms",
        include_str!("../../schemas/vault_keymgmt_gcp_kms.json"),
    ),
    (
        "vault_keymgmt_distribute_key",
        include_str!("../../schemas/vault_keymgmt_distribute_key.json"),
    ),
    (
        "vault_keymgmt_replicate_key",
        include_str!("../../schemas/vault_keymgmt_replicate_key.json"),
    ),
];

pub struct Schema {
    pub resource_type: &'static str,
    pub document: Json,
    validator: jsonschema::Validator,
}

pub struct Schemas {
    by_type: BTreeMap<&'static str, Schema>,
}

/// The schemas, compiled once. They are part of the build, so a broken one is a bug that the
/// test suite catches, not a user error.
pub fn schemas() -> &'static Schemas {
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    SCHEMAS.get_or_init(|| {
        let by_type = SOURCES
            .iter()
            .map(|&(resource_type, text)| {
                let document: Json = serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("schemas/{resource_type}.json: {e}"));
                let validator = jsonschema::validator_for(&document)
                    .unwrap_or_else(|e| panic!("schemas/{resource_type}.json: {e}"));
                (
                    resource_type,
                    Schema {
                        resource_type,
                        document,
                        validator,
                    },
                )
            })
            .collect();
        Schemas { by_type }
    })
}

impl Schemas {
    pub fn get(&self, resource_type: &str) -> Option<&Schema> {
        self.by_type.get(resource_type)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Schema> {
        self.by_type.values()
    }

    /// The value each resource type assumes for an unset argument, from `default` keywords.
    pub fn defaults(&self) -> HashMap<(String, String), Value> {
        let mut out = HashMap::new();
        for schema in self.iter() {
            for (name, property) in schema.properties() {
                if let Some(default) = property.get("default") {
                    out.insert(
                        (schema.resource_type.to_string(), name.clone()),
                        Value::from_json(default),
                    );
                }
            }
        }
        out
    }
}

impl Schema {
    pub fn properties(&self) -> impl Iterator<Item = (&String, &Json)> {
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

    /// The sub-schema that describes the value at `path`, following `properties`, `items`,
    /// `additionalProperties` and local `$ref`s.
    pub fn node_at(&self, path: &[PathSegment]) -> Option<&Json> {
        let mut node = self.resolve(&self.document);
        for segment in path {
            let next = match segment {
                PathSegment::Key(key) => node
                    .get("properties")
                    .and_then(|p| p.get(key))
                    .or_else(|| node.get("additionalProperties").filter(|a| a.is_object())),
                PathSegment::Index(_) => node.get("items"),
            }?;
            node = self.resolve(next);
        }
        Some(node)
    }

    /// Whether the value at `path`, or anything enclosing it, is marked `sensitive`.
    pub fn is_sensitive(&self, path: &[PathSegment]) -> bool {
        (0..=path.len()).any(|n| {
            self.node_at(&path[..n])
                .and_then(|node| node.get("sensitive"))
                .and_then(Json::as_bool)
                .unwrap_or(false)
        })
    }

    fn resolve<'a>(&'a self, mut node: &'a Json) -> &'a Json {
        // Bounded, so that a (buggy) self-referencing schema cannot loop.
        for _ in 0..16 {
            let Some(reference) = node.get("$ref").and_then(Json::as_str) else {
                break;
            };
            let Some(target) = reference
                .strip_prefix('#')
                .and_then(|pointer| self.document.pointer(pointer))
            else {
                break;
            };
            node = target;
        }
        node
    }

    fn validator(&self) -> &jsonschema::Validator {
        &self.validator
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
    fn key_type_defaults_to_rsa_2048() {
        let defaults = schemas().defaults();
        let key = ("vault_keymgmt_key".to_string(), "type".to_string());
        assert_eq!(defaults.get(&key), Some(&Value::String("rsa-2048".into())));
    }

    #[test]
    fn sensitivity_covers_nested_map_entries() {
        let aws = schemas().get("vault_keymgmt_aws_kms").unwrap();
        let path = |p: &[&str]| {
            p.iter()
                .map(|s| PathSegment::Key(s.to_string()))
                .collect::<Vec<_>>()
        };
        assert!(aws.is_sensitive(&path(&["secret_key"])));
        assert!(aws.is_sensitive(&path(&["credentials", "access_key"])));
        assert!(!aws.is_sensitive(&path(&["key_collection"])));
    }
}
