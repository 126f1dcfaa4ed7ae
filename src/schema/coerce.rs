//! Terraform's automatic type conversions, applied before validation so that what Terraform
//! accepts (`deletion_allowed = "true"`, `name = 42`) is never reported as a wrong type.

use serde_json::Value as Json;

use super::Schema;
use crate::model::{PathSegment, Value};

/// What stands in for an unknown part of a value in the JSON instance: a text no configuration
/// writes in practice (it begins with a NUL character), so that every error about it, or about a
/// collection that holds it, is known for what it is and says nothing.
pub const UNKNOWN: &str = "\0unknown";

/// The JSON instance the schema judges: `value` at `path` as Terraform would convert it to the
/// type the schema expects there, with [`UNKNOWN`] standing in for each unknown part.
///
/// A list or map where the schema judges no parts (it wants a string there, or says nothing) is
/// an empty one: only its type can be judged, and a value of millions of elements, shared many
/// times over, would otherwise be copied out in full.
pub fn instance(schema: &Schema, path: &mut Vec<PathSegment>, value: &Value) -> Json {
    let expected = schema.type_at(path);
    match (expected, value.unmarked()) {
        (_, Value::List(_)) if !schema.judges_parts(path) => Json::Array(Vec::new()),
        (_, Value::Object(_)) if !schema.judges_parts(path) => Json::Object(serde_json::Map::new()),
        (_, Value::Unknown) => Json::String(UNKNOWN.into()),
        (_, Value::Null) => Json::Null,
        // `unmarked` peels every mark.
        (_, Value::Sensitive(_)) => Json::Null,
        (Some("string"), Value::Number(n)) => Json::String(n.to_string()),
        (Some("string"), Value::Bool(b)) => Json::String(b.to_string()),
        (Some("boolean"), Value::String(s)) if s == "true" || s == "false" => {
            Json::Bool(s == "true")
        }
        (Some("number" | "integer"), Value::String(s)) => match s.parse::<serde_json::Number>() {
            Ok(n) => Json::Number(n),
            Err(_) => Json::String(String::from(s.as_str())),
        },
        (_, Value::Bool(b)) => Json::Bool(*b),
        (_, Value::Number(n)) => Json::Number(n.clone()),
        (_, Value::String(s)) => Json::String(String::from(s.as_str())),
        (_, Value::List(items)) => Json::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    path.push(PathSegment::Index(i));
                    let json = instance(schema, path, item);
                    path.pop();
                    json
                })
                .collect(),
        ),
        (_, Value::Object(map)) => Json::Object(
            map.iter()
                .map(|(key, item)| {
                    path.push(PathSegment::Key(key.clone()));
                    let json = instance(schema, path, item);
                    path.pop();
                    (String::from(key.as_str()), json)
                })
                .collect(),
        ),
    }
}
