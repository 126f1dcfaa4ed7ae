//! Encoding functions: `jsonencode`, `jsondecode`, `base64encode`, `base64decode`,
//! `csvdecode`, `urlencode` (`yamlencode` and `yamldecode` are in `yaml.rs`).

use std::collections::BTreeMap;

use base64::Engine;
use compact_str::CompactString;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::Value as Json;

use super::{argument, text, Failure, Function, Outcome};
use crate::model::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::unary("base64decode", base64decode),
    Function::unary("base64encode", base64encode),
    Function::unary("csvdecode", csvdecode),
    Function::unary("jsondecode", jsondecode),
    Function::unary("jsonencode", jsonencode),
    Function::unary("urlencode", urlencode),
];

/// The value as JSON.
fn json(value: &Value) -> Result<Json, Failure> {
    Ok(match value.unmarked() {
        Value::Unknown => return Err("the value is not known".into()),
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Number(n.clone()),
        Value::String(s) => Json::String(s.to_string()),
        Value::List(items) => Json::Array(items.iter().map(json).collect::<Result<_, _>>()?),
        Value::Object(map) => Json::Object(
            map.iter()
                .map(|(k, v)| Ok((k.to_string(), json(v)?)))
                .collect::<Result<_, Failure>>()?,
        ),
        Value::Sensitive(_) => unreachable!("unmarked"),
    })
}

/// The value as Terraform's `jsonencode` writes it: compact, keys sorted, and `<`, `>`, `&`,
/// U+2028 and U+2029 escaped as Go's encoder escapes them.
pub(super) fn json_text(value: &Value) -> Result<String, Failure> {
    let plain = serde_json::to_string(&json(value)?).map_err(|_| "cannot be encoded as JSON")?;
    let mut out = String::with_capacity(plain.len());
    for c in plain.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    Ok(out)
}

fn jsonencode(args: &[Value]) -> Outcome {
    Ok(Value::String(json_text(&args[0])?.into()))
}

fn jsondecode(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let parsed: Json =
        serde_json::from_str(&s).map_err(|_| argument(1, "the string is not valid JSON"))?;
    Ok(Value::from_json(&parsed))
}

fn base64encode(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    Ok(Value::String(
        base64::engine::general_purpose::STANDARD
            .encode(s.as_bytes())
            .into(),
    ))
}

fn base64decode(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s.as_bytes())
        .map_err(|_| argument(1, "the string is not valid Base64"))?;
    let decoded = String::from_utf8(bytes).map_err(|_| "the decoded bytes are not valid UTF-8")?;
    Ok(Value::String(decoded.into()))
}

/// CSV with a header line: a list of maps from the header's names to each row's fields.
fn csvdecode(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let mut reader = csv::ReaderBuilder::new().from_reader(s.as_bytes());
    let header: Vec<CompactString> = reader
        .headers()
        .map_err(|_| argument(1, "the CSV header cannot be read"))?
        .iter()
        .map(CompactString::from)
        .collect();
    let mut rows = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(|_| {
            Failure::Invalid(format!(
                "CSV parse error on line {}: wrong number of fields",
                line + 2
            ))
        })?;
        let row: BTreeMap<CompactString, Value> = header
            .iter()
            .cloned()
            .zip(record.iter().map(|field| Value::String(field.into())))
            .collect();
        rows.push(Value::object(row));
    }
    Ok(Value::list(rows))
}

/// Go's `url.QueryEscape`: letters, digits and `-_.~` kept, space as `+`, the rest `%XX`.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b' ');

fn urlencode(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let encoded = utf8_percent_encode(&s, QUERY).to_string().replace(' ', "+");
    Ok(Value::String(encoded.into()))
}
