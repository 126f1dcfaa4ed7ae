//! Validation of one resource against its schema, and the violations that come out of it.

use std::rc::Rc;

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use serde_json::Value as Json;

use super::coerce;
use super::{is_read_only, Schema};
use crate::model::eval::Evaluator;
use crate::model::{PathSegment, Resource, ResourceId, Value};
use crate::redact;

#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Where inside the resource: the argument name, then keys and indices.
    pub path: Vec<PathSegment>,
    pub kind: ViolationKind,
    /// The offending value as JSON for messages, `redact::SENSITIVE` where any part of it is
    /// sensitive.
    pub shown: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ViolationKind {
    /// A key the schema does not have; `known` are the names it does have, for suggestions.
    UnknownArgument { known: Rc<[String]> },
    /// A nested block where the resource takes none.
    UnknownBlock { name: String },
    /// A computed attribute, which only the provider sets.
    ReadOnly,
    /// A required key is missing.
    Missing { name: String },
    /// Of `names`, exactly one must be set; `given` are those that are.
    ExactlyOneOf {
        names: Vec<String>,
        given: Vec<String>,
    },
    /// A value of the wrong type or outside the allowed set.
    Invalid(Invalid),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    Type {
        expected: Vec<String>,
        actual: &'static str,
    },
    NotAllowed {
        allowed: Vec<String>,
    },
    TooFew {
        min: u64,
    },
    Duplicate {
        index: usize,
    },
    Other {
        problem: String,
    },
}

/// The violations of the schema by the resource at `index`.
pub fn validate(schema: &Schema, index: ResourceId, eval: &Evaluator<'_>) -> Vec<Violation> {
    let resource = &eval.module().resources[index];
    let mut instance = serde_json::Map::new();
    let mut violations = Vec::new();
    let mut path = Vec::new();
    // Names the schema does not have are reported here, not handed to the validator: a body of
    // a million of them would otherwise be built into the instance and listed back one by one.
    let closed = !schema.allows_other_arguments();
    let mut known: Option<Rc<[String]>> = None;
    for (position, attr) in resource.body.attributes.iter().enumerate() {
        if !Resource::is_argument(&attr.name) {
            continue;
        }
        if closed && !schema.has_property(&attr.name) {
            let known = known.get_or_insert_with(|| {
                schema
                    .argument_names()
                    .into_iter()
                    .map(String::from)
                    .collect()
            });
            violations.push(Violation {
                path: vec![PathSegment::Key(attr.name.clone())],
                kind: ViolationKind::UnknownArgument {
                    known: known.clone(),
                },
                shown: None,
            });
            continue;
        }
        let value = eval.argument(index, position);
        // An argument set to null is unset, as far as Terraform is concerned.
        if *value == Value::Null {
            continue;
        }
        path.clear();
        path.push(PathSegment::Key(attr.name.clone()));
        let json = coerce::instance(schema, &mut path, value);
        instance.insert(String::from(attr.name.as_str()), json);
    }
    for block in resource.argument_blocks() {
        violations.push(Violation {
            path: vec![PathSegment::Key(block.kind.clone())],
            kind: ViolationKind::UnknownBlock {
                name: String::from(block.kind.as_str()),
            },
            shown: None,
        });
    }
    let instance = Json::Object(instance);
    for error in schema.iter_errors(&instance) {
        let path: Vec<PathSegment> = error.instance_path().iter().map(segment).collect();
        if is_undecidable(error.kind(), &path, &instance) {
            continue;
        }
        violations.extend(violations_of(schema, &instance, &path, error.kind()));
    }
    for violation in &mut violations {
        // What the message shows is the value as written, before conversion; the marks that
        // decide whether it may be shown are on it, not on the JSON instance.
        let Some((PathSegment::Key(name), rest)) = violation.path.split_first() else {
            continue;
        };
        // A misspelt argument name is reported without its value.
        let unknown_name = matches!(violation.kind, ViolationKind::UnknownArgument { .. });
        if unknown_name && rest.is_empty() {
            continue;
        }
        let Some(position) = resource.body.position(name) else {
            continue;
        };
        let value =
            rest.iter().fold(
                eval.argument(index, position).clone(),
                |value, segment| match segment {
                    PathSegment::Key(k) => value.key(k),
                    PathSegment::Index(i) => value.index(*i),
                },
            );
        // Marks on enclosing values are on their parts too, so the value's own suffice. The
        // message shows the value as converted, as validation judged it, unless part of it is
        // not known.
        violation.shown = if value.is_sensitive() {
            Some(redact::SENSITIVE.to_string())
        } else {
            pointer(&instance, &violation.path)
                .filter(|json| !holds_unknown(json))
                .map(Json::to_string)
        };
    }
    violations
}

fn segment(s: LocationSegment<'_>) -> PathSegment {
    match s {
        LocationSegment::Property(p) => PathSegment::Key(p.into()),
        LocationSegment::Index(i) => PathSegment::Index(i),
    }
}

/// Whether an error may come from a stand-in for an unknown value, in which case it says
/// nothing: the error is about a stand-in, or it judges a collection as a whole while some of its
/// parts are unknown. Found in the instance at the error's path, not by comparing paths: a list
/// of many elements may hold many unknown ones and as many errors.
fn is_undecidable(kind: &ValidationErrorKind, path: &[PathSegment], instance: &Json) -> bool {
    let Some(judged) = pointer(instance, path) else {
        return false;
    };
    if is_unknown(judged) {
        return true;
    }
    let about_keys_or_shape = matches!(
        kind,
        ValidationErrorKind::Required { .. }
            | ValidationErrorKind::AdditionalProperties { .. }
            | ValidationErrorKind::Type { .. }
            | ValidationErrorKind::FalseSchema
            | ValidationErrorKind::Not { .. }
    ) || (path.is_empty() && is_one_of(kind));
    !about_keys_or_shape && holds_unknown(judged)
}

fn is_unknown(json: &Json) -> bool {
    json.as_str() == Some(coerce::UNKNOWN)
}

// Whether it is, or holds, a stand-in. The instance nests no deeper than the schema judges
// (coerce::instance), a few levels.
fn holds_unknown(json: &Json) -> bool {
    match json {
        Json::Array(items) => items.iter().any(holds_unknown),
        Json::Object(map) => map.values().any(holds_unknown),
        _ => is_unknown(json),
    }
}

fn is_one_of(kind: &ValidationErrorKind) -> bool {
    matches!(
        kind,
        ValidationErrorKind::OneOfNotValid { .. } | ValidationErrorKind::OneOfMultipleValid { .. }
    )
}

fn violations_of(
    schema: &Schema,
    instance: &Json,
    path: &[PathSegment],
    kind: &ValidationErrorKind,
) -> Vec<Violation> {
    let at = |kind| {
        vec![Violation {
            path: path.to_vec(),
            kind,
            shown: None,
        }]
    };
    let node = schema.node_at(path);
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            // Shared by every unexpected key: a body may have a great many.
            let known: Rc<[String]> = match node {
                Some(_) if path.is_empty() => schema
                    .argument_names()
                    .into_iter()
                    .map(String::from)
                    .collect(),
                Some(n) => n
                    .get("properties")
                    .and_then(Json::as_object)
                    .map(|p| p.keys().cloned().collect())
                    .unwrap_or_default(),
                None => Rc::from([]),
            };
            unexpected
                .iter()
                .map(|name| {
                    let mut path = path.to_vec();
                    path.push(PathSegment::Key(name.as_str().into()));
                    Violation {
                        path,
                        kind: ViolationKind::UnknownArgument {
                            known: known.clone(),
                        },
                        shown: None,
                    }
                })
                .collect()
        }
        ValidationErrorKind::FalseSchema | ValidationErrorKind::Not { .. }
            if node.is_some_and(is_read_only) =>
        {
            at(ViolationKind::ReadOnly)
        }
        ValidationErrorKind::Required { property } => at(ViolationKind::Missing {
            name: property.as_str().unwrap_or_default().to_string(),
        }),
        ValidationErrorKind::OneOfNotValid { .. }
        | ValidationErrorKind::OneOfMultipleValid { .. }
            if path.is_empty() =>
        {
            let names = one_of_required(schema.document);
            let given = names
                .iter()
                .filter(|n| instance.get(n.as_str()).is_some())
                .cloned()
                .collect();
            at(ViolationKind::ExactlyOneOf { names, given })
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                jsonschema::error::TypeKind::Single(t) => vec![t.to_string()],
                jsonschema::error::TypeKind::Multiple(set) => {
                    set.iter().map(|t| t.to_string()).collect()
                }
            };
            at(ViolationKind::Invalid(Invalid::Type {
                expected,
                actual: json_type(pointer(instance, path)),
            }))
        }
        ValidationErrorKind::Enum { options } => at(ViolationKind::Invalid(Invalid::NotAllowed {
            allowed: options
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), String::from))
                        .collect()
                })
                .unwrap_or_default(),
        })),
        ValidationErrorKind::MinItems { limit } => {
            at(ViolationKind::Invalid(Invalid::TooFew { min: *limit }))
        }
        ValidationErrorKind::UniqueItems => {
            let items = pointer(instance, path).and_then(Json::as_array);
            let index = items
                .and_then(|items| (1..items.len()).find(|&i| items[..i].contains(&items[i])))
                .unwrap_or(0);
            let mut element = path.to_vec();
            element.push(PathSegment::Index(index));
            vec![Violation {
                path: element,
                kind: ViolationKind::Invalid(Invalid::Duplicate { index }),
                shown: None,
            }]
        }
        other => at(ViolationKind::Invalid(Invalid::Other {
            problem: describe(other),
        })),
    }
}

/// The property names of the root `oneOf` branches: `[{required: [path]}, {required: [mount]}]`.
fn one_of_required(document: &Json) -> Vec<String> {
    document
        .get("oneOf")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(|branch| branch.get("required").and_then(Json::as_array))
        .flatten()
        .filter_map(|name| name.as_str().map(String::from))
        .collect()
}

fn pointer<'a>(instance: &'a Json, path: &[PathSegment]) -> Option<&'a Json> {
    path.iter()
        .try_fold(instance, |node, segment| match segment {
            PathSegment::Key(k) => node.get(k.as_str()),
            PathSegment::Index(i) => node.get(i),
        })
}

fn json_type(value: Option<&Json>) -> &'static str {
    match value {
        Some(Json::String(_)) => "string",
        Some(Json::Number(_)) => "number",
        Some(Json::Bool(_)) => "boolean",
        Some(Json::Array(_)) => "array",
        Some(Json::Object(_)) => "object",
        Some(Json::Null) | None => "null",
    }
}

/// A description of the rarer errors that never shows the offending value.
fn describe(kind: &ValidationErrorKind) -> String {
    match kind {
        ValidationErrorKind::MaxItems { limit } => format!("has more than {limit} elements"),
        ValidationErrorKind::MinLength { limit } => format!("is shorter than {limit} characters"),
        ValidationErrorKind::MaxLength { limit } => format!("is longer than {limit} characters"),
        ValidationErrorKind::Pattern { pattern } => {
            format!("does not match the pattern `{pattern}`")
        }
        ValidationErrorKind::Minimum { limit } => format!("is less than {limit}"),
        ValidationErrorKind::Maximum { limit } => format!("is greater than {limit}"),
        ValidationErrorKind::Constant { expected_value } => format!("must be {expected_value}"),
        _ => "does not match the schema".to_string(),
    }
}
