//! Terraform's automatic type conversions, applied before validation so that what Terraform
//! accepts (`deletion_allowed = "true"`, `name = 42`) is never reported as a wrong type.

use serde_json::Value as Json;

use super::Schema;
use crate::model::{PathSegment, Value};

pub fn coerce(schema: &Schema, path: &mut Vec<PathSegment>, value: Value) -> Value {
    let Some(node) = schema.node_at(path) else {
        return value;
    };
    let expected = node.get("type").and_then(Json::as_str);
    match (expected, value) {
        (Some("string"), Value::Number(n)) => Value::String(n.to_string()),
        (Some("string"), Value::Bool(b)) => Value::String(b.to_string()),
        (Some("boolean"), Value::String(s)) if s == "true" || s == "false" => {
            Value::Bool(s == "true")
        }
        (Some("number" | "integer"), Value::String(s)) => match s.parse::<serde_json::Number>() {
            Ok(n) => Value::Number(n),
            Err(_) => Value::String(s),
        },
        (_, Value::List(items)) => Value::List(
            items
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    path.push(PathSegment::Index(i));
                    let item = coerce(schema, path, item);
                    path.pop();
                    item
                })
                .collect(),
        ),
        (_, Value::Object(map)) => Value::Object(
            map.into_iter()
                .map(|(key, item)| {
                    path.push(PathSegment::Key(key.clone()));
                    let item = coerce(schema, path, item);
                    path.pop();
                    (key, item)
                })
                .collect(),
        ),
        (_, value) => value,
    }
}
