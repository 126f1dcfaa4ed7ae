//! Values as far as the linter can know them: never guessed, `Unknown` where in doubt, and marked
//! where they are sensitive.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::rc::Rc;

use compact_str::CompactString;
use serde_json::Value as Json;

use crate::redact::Text;

/// The elements of a list or map, shared: a value read from a local or another resource is
/// handed out again, never copied. Its size and depth are counted once, when it is built, for
/// the evaluator's limits.
#[derive(Debug, Clone)]
pub struct Items<T> {
    items: T,
    size: u64,
    depth: u32,
}

impl<T> Deref for Items<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.items
    }
}

impl<T: PartialEq> PartialEq for Items<T> {
    fn eq(&self, other: &Items<T>) -> bool {
        self.items == other.items
    }
}

pub type List = Rc<Items<Vec<Value>>>;
pub type Map = Rc<Items<BTreeMap<CompactString, Value>>>;

#[derive(Debug, Clone)]
pub enum Value {
    /// Decided only at apply time (a variable without value, `file()`, a data source, ...).
    Unknown,
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(CompactString),
    List(List),
    Object(Map),
    /// Sensitive, as Terraform marks a value: it comes from a `sensitive = true` variable, a
    /// schema-sensitive argument, `sensitive()` or a plan's sensitive paths. The mark is pushed
    /// down when a value is marked, so every part of a marked list or map is marked too and a
    /// rule that walks into it cannot lose the mark; `Unknown` is never marked (it has no text).
    Sensitive(Box<Value>),
}

/// Marks are not part of a value's identity: a name read from a sensitive variable names the
/// same key as the literal it equals.
impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        match (self.unmarked(), other.unmarked()) {
            (Value::Unknown, Value::Unknown) | (Value::Null, Value::Null) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            // `1` and `1.0` are the same number.
            (Value::Number(a), Value::Number(b)) => a == b || a.as_f64() == b.as_f64(),
            (Value::String(a), Value::String(b)) => a == b,
            (Value::List(a), Value::List(b)) => Rc::ptr_eq(a, b) || a == b,
            (Value::Object(a), Value::Object(b)) => Rc::ptr_eq(a, b) || a == b,
            _ => false,
        }
    }
}

impl Value {
    pub fn list(items: Vec<Value>) -> Value {
        let (size, depth) = measure(items.iter(), 0);
        Value::List(Rc::new(Items { items, size, depth }))
    }

    pub fn object(map: BTreeMap<CompactString, Value>) -> Value {
        let keys: usize = map.keys().map(|k| k.len()).sum();
        let (size, depth) = measure(map.values(), keys as u64);
        Value::Object(Rc::new(Items {
            items: map,
            size,
            depth,
        }))
    }

    /// Elements and string bytes, all the way down: what the evaluator's size limit counts.
    pub fn size(&self) -> u64 {
        match self {
            Value::String(s) => 1 + s.len() as u64,
            Value::List(list) => list.size,
            Value::Object(map) => map.size,
            Value::Sensitive(inner) => inner.size(),
            _ => 1,
        }
    }

    /// How deeply lists and maps nest in the value: 0 for a string.
    pub fn depth(&self) -> u32 {
        match self {
            Value::List(list) => list.depth,
            Value::Object(map) => map.depth,
            Value::Sensitive(inner) => inner.depth(),
            _ => 0,
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Value::Unknown)
    }

    /// Known all the way down.
    pub fn is_wholly_known(&self) -> bool {
        match self.unmarked() {
            Value::Unknown => false,
            Value::List(items) => items.iter().all(Value::is_wholly_known),
            Value::Object(map) => map.values().all(Value::is_wholly_known),
            _ => true,
        }
    }

    /// The value without its mark, for rules that look at its shape. Its parts keep theirs.
    pub fn unmarked(&self) -> &Value {
        let mut value = self;
        while let Value::Sensitive(inner) = value {
            value = inner;
        }
        value
    }

    /// Whether the value, or any part of it, is sensitive.
    pub fn is_sensitive(&self) -> bool {
        match self {
            Value::Sensitive(_) => true,
            Value::List(items) => items.iter().any(Value::is_sensitive),
            Value::Object(map) => map.values().any(Value::is_sensitive),
            _ => false,
        }
    }

    /// The value marked sensitive, with every part of it.
    pub fn into_sensitive(self) -> Value {
        match self {
            Value::Unknown | Value::Sensitive(_) => self,
            Value::List(list) => Value::Sensitive(Box::new(Value::list(
                Rc::unwrap_or_clone(list)
                    .items
                    .into_iter()
                    .map(Value::into_sensitive)
                    .collect(),
            ))),
            Value::Object(map) => Value::Sensitive(Box::new(Value::object(
                Rc::unwrap_or_clone(map)
                    .items
                    .into_iter()
                    .map(|(k, v)| (k, v.into_sensitive()))
                    .collect(),
            ))),
            leaf => Value::Sensitive(Box::new(leaf)),
        }
    }

    /// The value with every mark removed, as `nonsensitive()` returns it.
    pub fn into_nonsensitive(self) -> Value {
        match self {
            Value::Sensitive(inner) => inner.into_nonsensitive(),
            Value::List(list) if list.iter().any(Value::is_sensitive) => Value::list(
                Rc::unwrap_or_clone(list)
                    .items
                    .into_iter()
                    .map(Value::into_nonsensitive)
                    .collect(),
            ),
            Value::Object(map) if map.values().any(Value::is_sensitive) => Value::object(
                Rc::unwrap_or_clone(map)
                    .items
                    .into_iter()
                    .map(|(k, v)| (k, v.into_nonsensitive()))
                    .collect(),
            ),
            other => other,
        }
    }

    /// The value marked sensitive when `sensitive` is true.
    pub fn marked_if(self, sensitive: bool) -> Value {
        if sensitive {
            self.into_sensitive()
        } else {
            self
        }
    }

    /// The string, with its mark: what a rule compares, and quotes only through the `Text`.
    pub fn text(&self) -> Option<Text<'_>> {
        match self {
            Value::String(s) => Some(Text::new(s, false)),
            Value::Sensitive(inner) => inner.text().map(Text::into_sensitive),
            _ => None,
        }
    }

    /// One step into the value: an attribute or a key.
    pub fn key(&self, name: &str) -> Value {
        match self.unmarked() {
            Value::Object(map) => map.get(name).cloned().unwrap_or(Value::Null),
            _ => Value::Unknown,
        }
    }

    /// One step into the value: an index.
    pub fn index(&self, index: usize) -> Value {
        match self.unmarked() {
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
            Json::Array(items) => Value::list(items.iter().map(Value::from_json).collect()),
            Json::Object(map) => Value::object(
                map.iter()
                    .map(|(k, v)| (k.as_str().into(), Value::from_json(v)))
                    .collect(),
            ),
        }
    }
}

/// Size and depth of a list or map of `values`, with `extra` units (its keys' bytes).
fn measure<'a>(values: impl Iterator<Item = &'a Value>, extra: u64) -> (u64, u32) {
    values.fold((1 + extra, 1), |(size, depth), v| {
        (size.saturating_add(v.size()), depth.max(1 + v.depth()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Value {
        Value::list(items.iter().map(|s| Value::String((*s).into())).collect())
    }

    #[test]
    fn size_and_depth_are_counted_when_built() {
        let inner = list(&["ab", "c"]);
        assert_eq!(inner.size(), 1 + 3 + 2);
        assert_eq!(inner.depth(), 1);
        let outer = Value::list(vec![inner.clone(), inner.into_sensitive()]);
        assert_eq!(outer.size(), 1 + 6 + 6);
        assert_eq!(outer.depth(), 2);
    }

    #[test]
    fn marks_reach_every_part_and_survive_steps() {
        let marked = list(&["a", "b"]).into_sensitive();
        assert!(marked.is_sensitive());
        assert!(marked.index(1).is_sensitive());
        let Value::List(items) = marked.unmarked() else {
            panic!("a list");
        };
        assert!(items
            .iter()
            .all(|v| v.text().is_some_and(|t| t.is_sensitive())));
        assert_eq!(marked.index(0).text().map(|t| t.as_str()), Some("a"));
    }

    #[test]
    fn marks_do_not_change_equality() {
        assert_eq!(list(&["a"]).into_sensitive(), list(&["a"]));
        assert_ne!(list(&["a"]).into_sensitive(), list(&["b"]));
    }

    #[test]
    fn nonsensitive_removes_every_mark() {
        let value = list(&["a"]).into_sensitive().into_nonsensitive();
        assert!(!value.is_sensitive());
        assert_eq!(Value::Unknown.into_sensitive(), Value::Unknown);
    }
}
