//! Terraform's automatic type conversions, for operators and function arguments: a number or
//! bool where a string is expected becomes its text, a string of digits where a number is
//! expected becomes the number, `"true"`/`"false"` a bool. Anything else is an error that names
//! the types involved and never the value: a value may be sensitive.

use std::collections::BTreeMap;

use compact_str::{format_compact, CompactString};
use serde_json::Number;

use super::Value;

pub type Converted<T> = Result<T, String>;

/// The type name Terraform would use in an error about the value.
pub fn type_name(value: &Value) -> &'static str {
    match value.unmarked() {
        Value::Unknown => "unknown value",
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::List(_) => "list",
        Value::Object(_) => "object",
        Value::Sensitive(_) => unreachable!("unmarked"),
    }
}

pub fn to_string(value: &Value) -> Converted<CompactString> {
    match value.unmarked() {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(number_text(n)),
        Value::Bool(b) => Ok(if *b { "true" } else { "false" }.into()),
        Value::Null => Err("a string is required, but the value is null".into()),
        other => Err(format!("a string is required, not a {}", type_name(other))),
    }
}

/// A number as Terraform writes it in a string: integers without a fraction, others in their
/// shortest exact form.
pub fn number_text(n: &Number) -> CompactString {
    if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
        if f.fract() == 0.0 && f.abs() < 1e21 {
            return format_compact!("{}", f as i128);
        }
        return format_compact!("{f}");
    }
    format_compact!("{n}")
}

pub fn to_number(value: &Value) -> Converted<f64> {
    match value.unmarked() {
        Value::Number(n) => n.as_f64().ok_or_else(|| "a number is required".into()),
        Value::String(s) => parse_number(s)
            .ok_or_else(|| "a number is required, and this string is not a number".into()),
        Value::Null => Err("a number is required, but the value is null".into()),
        other => Err(format!("a number is required, not a {}", type_name(other))),
    }
}

/// A whole number, as list indexes and counts need.
pub fn to_integer(value: &Value) -> Converted<i64> {
    let n = to_number(value)?;
    if n.fract() != 0.0 || !n.is_finite() || n.abs() > 9.007_199_254_740_992e15 {
        return Err("a whole number is required".into());
    }
    Ok(n as i64)
}

/// Terraform's reading of a number in a string: decimal, with optional sign, fraction and
/// exponent; no hexadecimal, no surrounding space.
pub fn parse_number(s: &str) -> Option<f64> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if !digits
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    s.parse::<f64>().ok().filter(|f| f.is_finite())
}

pub fn to_bool(value: &Value) -> Converted<bool> {
    match value.unmarked() {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s == "true" => Ok(true),
        Value::String(s) if s == "false" => Ok(false),
        Value::Null => Err("a bool is required, but the value is null".into()),
        other => Err(format!("a bool is required, not a {}", type_name(other))),
    }
}

/// The elements of a list, tuple or set.
pub fn to_list(value: &Value) -> Converted<&[Value]> {
    match value.unmarked() {
        Value::List(items) => Ok(items.as_slice()),
        Value::Null => Err("a list is required, but the value is null".into()),
        other => Err(format!("a list is required, not a {}", type_name(other))),
    }
}

/// The entries of a map or object.
pub fn to_map(value: &Value) -> Converted<&BTreeMap<CompactString, Value>> {
    match value.unmarked() {
        Value::Object(map) => Ok(map),
        Value::Null => Err("a map is required, but the value is null".into()),
        other => Err(format!("a map is required, not a {}", type_name(other))),
    }
}

/// A number as a value: whole numbers as integers, so that they print without a fraction.
pub fn number(f: f64) -> Converted<Value> {
    if !f.is_finite() {
        return Err("the result is not a finite number".into());
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return Ok(Value::Number(Number::from(f as i64)));
    }
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| "the result is not a finite number".into())
}

/// Terraform's set ordering for a set made from these values: strings sorted by their text,
/// numbers by value, each value once.
pub fn set_of(items: impl IntoIterator<Item = Value>) -> Value {
    let mut items: Vec<Value> = items.into_iter().collect();
    items.sort_by(set_order);
    items.dedup();
    Value::list(items)
}

fn set_order(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a.unmarked(), b.unmarked()) {
        (Value::String(a), Value::String(b)) => a.cmp(b),
        (Value::Number(a), Value::Number(b)) => a
            .as_f64()
            .partial_cmp(&b.as_f64())
            .unwrap_or(Ordering::Equal),
        (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
        _ => Ordering::Equal,
    }
}

/// Elements of one type, as a list, set or map of "any single type" needs them: where strings
/// meet numbers or bools, all become strings.
pub fn unify(items: Vec<Value>) -> Converted<Vec<Value>> {
    let primitive = |v: &Value| matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_));
    let collection = |v: &Value| matches!(v, Value::List(_) | Value::Object(_));
    if items.iter().any(primitive) && items.iter().any(collection) {
        return Err("the values cannot be converted to one type".into());
    }
    let strings = items.iter().any(|v| matches!(v, Value::String(_)));
    let mixed = items
        .iter()
        .any(|v| !matches!(v, Value::String(_)) && primitive(v));
    if !(strings && mixed) {
        return Ok(items);
    }
    items
        .into_iter()
        .map(|v| match v {
            Value::Null => Ok(v),
            v if primitive(&v) => to_string(&v).map(Value::String),
            _ => Err("the values cannot be converted to one type".into()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_and_write_as_terraform_does() {
        assert_eq!(parse_number("12"), Some(12.0));
        assert_eq!(parse_number("-1.5e3"), Some(-1500.0));
        assert_eq!(parse_number(" 1"), None);
        assert_eq!(parse_number("0x10"), None);
        assert_eq!(parse_number("inf"), None);
        assert_eq!(number_text(&Number::from_f64(2.0).unwrap()), "2");
        assert_eq!(number_text(&Number::from_f64(0.25).unwrap()), "0.25");
        assert_eq!(number(6.0 / 2.0).unwrap(), Value::Number(3.into()));
    }

    #[test]
    fn sets_are_sorted_and_unique() {
        let s = |v: &str| Value::String(v.into());
        assert_eq!(
            set_of([s("b"), s("a"), s("b")]),
            Value::list(vec![s("a"), s("b")])
        );
    }
}
