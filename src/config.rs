//! `.keymgmt-lint.json`: read, validated against its own JSON Schema
//! (`schemas/keymgmt-lint-config.json`), and turned into lint options. Errors carry positions.

use std::collections::BTreeMap;

use jsonc_parser::ast::{ObjectPropName, Value as Json};
use jsonc_parser::common::Ranged;
use jsonschema::error::ValidationErrorKind;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Range;
use crate::model::modules::CallModuleType;
use crate::options::{Options, ProviderSettings, RuleSetting};
use crate::parse::json;
use crate::source::{File, Span};
use crate::SourceFile;

pub const SCHEMA: &str = include_str!("../schemas/keymgmt-lint-config.json");

/// The JSON Schema of `.keymgmt-lint.json`, for editors and front ends.
pub fn schema() -> serde_json::Value {
    serde_json::from_str(SCHEMA).expect("the configuration schema is JSON (tested)")
}

/// The most problems of one configuration file that are located and listed.
const MAX_ERRORS: usize = 100;

/// A parsed `.keymgmt-lint.json`: lint options plus the paths not to lint.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Config {
    pub options: Options,
    /// Glob patterns, relative to the config file's directory.
    pub ignore: Vec<String>,
    /// Where the rule pages are published: SARIF links each rule to this URL + `RULE.md`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub docs_base_url: Option<String>,
}

/// One problem of an invalid config file, positioned like a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct ConfigProblem {
    pub message: String,
    pub file: String,
    pub range: Range,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default, rename = "$schema")]
    _schema: Option<String>,
    #[serde(default)]
    rules: BTreeMap<String, RuleSetting>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    variables: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    providers: BTreeMap<String, ProviderSettings>,
    #[serde(default, rename = "callModuleType")]
    call_module_type: CallModuleType,
    #[serde(default, rename = "docsBaseUrl")]
    docs_base_url: Option<String>,
}

/// Generated at compile time from the schema, like the resource schemas' validators.
///
/// The schemas use no `pattern` or `format` keyword: either compiles `fancy-regex` and `regex`
/// into the core, about 1 MB of the `.wasm` (for one URL prefix). What they would check is
/// checked below, in code (`docsBaseUrl`).
#[jsonschema::validator(path = "schemas/keymgmt-lint-config.json")]
struct ConfigValidator;

pub fn read_config(source: &SourceFile) -> Result<Config, Vec<ConfigProblem>> {
    let file = File::new(&source.path, &source.text);
    let error = |start: usize, end: usize, message: String| ConfigProblem {
        message,
        file: source.path.clone(),
        range: file.range(Span::new(0, start..end)),
    };
    let ast = jsonc_parser::parse_to_ast(&source.text, &Default::default(), &json::strict())
        .map_err(|e| {
            vec![error(
                e.range().start,
                e.range().end,
                format!("JSON syntax error: {}", e.kind()),
            )]
        })?
        .value
        .ok_or_else(|| {
            vec![error(
                0,
                0,
                "the file is empty; `{}` is the smallest configuration".into(),
            )]
        })?;
    let json: serde_json::Value = serde_json::from_str(&source.text)
        .map_err(|e| vec![error(0, 0, format!("invalid JSON: {e}"))])?;
    // A file of a hundred thousand wrong keys is reported in part: locating each costs a search
    // of its object, and no one reads past the first screenful.
    let mut errors = Vec::new();
    let mut more = 0usize;
    let mut room = |errors: &Vec<ConfigProblem>| {
        let full = errors.len() >= MAX_ERRORS;
        more += usize::from(full);
        !full
    };
    for e in ConfigValidator::iter_errors(&json) {
        let path: Vec<String> = e.instance_path().iter().map(|s| s.to_string()).collect();
        let at = if path.is_empty() {
            "the configuration".to_string()
        } else {
            format!("`{}`", path.join("."))
        };
        match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    if !room(&errors) {
                        continue;
                    }
                    let (start, end) = locate_key(&ast, &path, key);
                    errors.push(error(start, end, format!("{at} has no setting `{key}`")));
                }
            }
            _ if !room(&errors) => {}
            ValidationErrorKind::Enum { options } => {
                let (start, end) = locate(&ast, &path);
                errors.push(error(start, end, format!("{at} must be one of {options}")));
            }
            _ => {
                let (start, end) = locate(&ast, &path);
                // The validator's own wording, never echoing values: variables may hold secrets.
                errors.push(error(start, end, format!("{at}: {}", e.masked())));
            }
        }
    }
    if let Some(rules) = json.get("rules").and_then(|r| r.as_object()) {
        for id in rules.keys().filter(|id| crate::rules::find(id).is_none()) {
            if !room(&errors) {
                continue;
            }
            let (start, end) = locate_key(&ast, &["rules".to_string()], id);
            let hint = crate::redact::suggest_name(id, crate::rules::RULES.iter().map(|r| r.id))
                .map_or(String::new(), |s| format!("; did you mean `{s}`?"));
            errors.push(error(
                start,
                end,
                format!("`rules.{id}`: no rule has this id{hint}"),
            ));
        }
    }
    if let Some(url) = json.get("docsBaseUrl").and_then(|u| u.as_str()) {
        if !(url.starts_with("https://") || url.starts_with("http://")) && room(&errors) {
            let (start, end) = locate(&ast, &["docsBaseUrl".to_string()]);
            errors.push(error(
                start,
                end,
                "`docsBaseUrl` must be an http:// or https:// URL".into(),
            ));
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.range.start.offset);
        if more > 0 {
            errors.push(error(0, 0, format!("and {more} more problems, not listed")));
        }
        return Err(errors);
    }
    let parsed: ConfigFile = serde_json::from_value(json)
        .map_err(|e| vec![error(0, 0, format!("invalid configuration: {e}"))])?;
    Ok(Config {
        options: Options {
            rules: parsed.rules,
            variables: parsed.variables,
            providers: parsed.providers,
            call_module_type: parsed.call_module_type,
            ..Options::default()
        },
        ignore: parsed.ignore,
        docs_base_url: parsed.docs_base_url,
    })
}

/// The byte range of the value at `path`, or of the nearest enclosing value.
fn locate(ast: &Json<'_>, path: &[String]) -> (usize, usize) {
    let mut node = ast;
    for segment in path {
        let next = match node {
            Json::Object(o) => o
                .properties
                .iter()
                .find(|p| name(&p.name) == *segment)
                .map(|p| &p.value),
            Json::Array(a) => segment
                .parse::<usize>()
                .ok()
                .and_then(|i| a.elements.get(i)),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    (node.range().start, node.range().end)
}

/// The byte range of the key `key` in the object at `path`.
fn locate_key(ast: &Json<'_>, path: &[String], key: &str) -> (usize, usize) {
    let (start, end) = locate(ast, path);
    let mut node = ast;
    for segment in path {
        if let Json::Object(o) = node {
            if let Some(p) = o.properties.iter().find(|p| name(&p.name) == *segment) {
                node = &p.value;
            }
        }
    }
    match node {
        Json::Object(o) => o
            .properties
            .iter()
            .find(|p| name(&p.name) == key)
            .map_or((start, end), |p| (p.name.range().start, p.name.range().end)),
        _ => (start, end),
    }
}

fn name(n: &ObjectPropName<'_>) -> compact_str::CompactString {
    json::prop_name(n).0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match read_config(&SourceFile::new(".keymgmt-lint.json", text)) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .iter()
                .map(|e| {
                    format!(
                        "{}:{} {}",
                        e.range.start.line, e.range.start.column, e.message
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn docs_base_url_must_be_a_web_address() {
        assert_eq!(
            errors("{\n  \"docsBaseUrl\": \"file:///docs/\"\n}"),
            ["2:18 `docsBaseUrl` must be an http:// or https:// URL"]
        );
        assert!(errors(r#"{"docsBaseUrl": "https://example.com/rules/"}"#).is_empty());
        assert_eq!(schema()["properties"]["docsBaseUrl"]["type"], "string");
    }

    #[test]
    fn no_schema_compiles_a_regex_engine_into_the_core() {
        let schemas = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/schemas")).unwrap();
        for entry in schemas {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let schema: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let mut stack = vec![&schema];
            while let Some(node) = stack.pop() {
                if let Some(object) = node.as_object() {
                    for keyword in ["pattern", "patternProperties", "format"] {
                        // A property *named* like a keyword is not the keyword.
                        let is_keyword = object.get(keyword).is_some_and(|v| !v.is_object())
                            || (keyword == "patternProperties" && object.contains_key(keyword));
                        assert!(!is_keyword, "{} uses `{keyword}`", path.display());
                    }
                }
                match node {
                    serde_json::Value::Object(o) => stack.extend(o.values()),
                    serde_json::Value::Array(a) => stack.extend(a),
                    _ => {}
                }
            }
        }
    }

    #[test]
    fn a_file_of_many_wrong_keys_is_reported_in_part() {
        let keys: Vec<String> = (0..10_000).map(|i| format!("\"key{i}\": 1")).collect();
        let ids: Vec<String> = (0..10_000)
            .map(|i| format!("\"rule-{i}\": \"off\""))
            .collect();
        let text = format!("{{{}, \"rules\": {{{}}}}}", keys.join(","), ids.join(","));
        let found = errors(&text);
        assert_eq!(found.len(), MAX_ERRORS + 1);
        assert_eq!(found[MAX_ERRORS], "1:1 and 19900 more problems, not listed");
    }

    #[test]
    fn a_valid_file_becomes_options() {
        let text = r#"{"rules": {"hardcoded-secret": "off"}, "ignore": ["legacy/**"],
            "variables": {"region": "eu-west-1"}, "providers": {"azure-kv": {"sku": "standard"}}}"#;
        let config = read_config(&SourceFile::new("c.json", text)).unwrap();
        assert_eq!(config.options.rules["hardcoded-secret"], RuleSetting::Off);
        assert_eq!(config.ignore, ["legacy/**"]);
        assert_eq!(
            config.options.providers["azure-kv"].sku.as_deref(),
            Some("standard")
        );
    }

    #[test]
    fn mistakes_are_reported_with_positions() {
        let text = "{\n  \"rules\": {\"hardcoded-secrt\": \"off\", \"invalid-value\": \"loud\"},\n  \"colour\": true\n}";
        let found = errors(text);
        assert_eq!(
            found,
            [
                "2:13 `rules.hardcoded-secrt`: no rule has this id; did you mean `hardcoded-secret`?",
                "2:56 `rules.invalid-value` must be one of [\"off\",\"on\",\"error\",\"warning\",\"info\"]",
                "3:3 the configuration has no setting `colour`",
            ]
        );
        assert!(errors("{\"ignore\": [\"a\",]}")[0].contains("JSON syntax error"));
    }
}
