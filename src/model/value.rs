//! Values as far as the linter can know them: never guessed, `Unknown` where in doubt.

use std::collections::BTreeMap;

use compact_str::CompactString;
use serde_json::Value as Json;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Decided only at apply time (a variable without value, `file()`, a data source, ...).
    Unknown,
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(CompactString),
    List(Vec<Value>),
    Object(BTreeMap<CompactString, Value>),
}

impl Value {
    pub fn is_known(&self) -> bool {
        !matches!(self, Value::Unknown)
    }

    /// Known all the way down.
    pub fn is_wholly_known(&self) -> bool {
        match self {
            Value::Unknown => false,
            Value::List(items) => items.iter().all(Value::is_wholly_known),
            Value::Object(map) => map.values().all(Value::is_wholly_known),
            _ => true,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as Terraform would turn it into a string in a template, if it can.
    pub fn to_template_string(&self) -> Option<CompactString> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string().into()),
            Value::Bool(b) => Some(b.to_string().into()),
            _ => None,
        }
    }

    /// One step into the value: an attribute or a key.
    pub fn key(&self, name: &str) -> Value {
        match self {
            Value::Object(map) => map.get(name).cloned().unwrap_or(Value::Null),
            _ => Value::Unknown,
        }
    }

    /// One step into the value: an index.
    pub fn index(&self, index: usize) -> Value {
        match self {
            Value::List(items) => items.get(index).cloned().unwrap_or(Value::Unknown),
            _ => Value::Unknown,
        }
    }

    pub fn from_json(json: &Json) -> Value {
        match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.clone()),
            Json::String(s) => Value::String(s.as_str().into()),
            Json::Array(items) => Value::List(items.iter().map(Value::from_json).collect()),
            Json::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.as_str().into(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }
}
