//! The TypeScript declarations of the report's types, written from the Rust types into the npm
//! package's `pkg/src/index.d.ts`, between the lines that mark them: the test fails while they
//! differ, and with `KEYMGMT_LINT_WRITE_TYPES=1` it writes them.

use std::path::Path;

use ts_rs::{Config, TS};

use crate::config::{Config as LintConfig, ConfigProblem};
use crate::diagnostic::{
    Diagnostic, Edit, Fix, Position, Range, Related, Report, SchemaGeneration, Severity, Summary,
};
use crate::graph::{EdgeView, NodeView};
use crate::model::modules::CallModuleType;
use crate::options::{Options, ProviderSettings, RuleSetting};
use crate::rules::Rule;
use crate::VariableSource;

/// Any JSON value (a variable's value): `unknown` in TypeScript.
pub struct Unknown;

impl TS for Unknown {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &Config) -> String {
        "unknown".into()
    }
    fn inline(cfg: &Config) -> String {
        Self::name(cfg)
    }
}

const BEGIN: &str = "// BEGIN generated from the Rust types by src/typescript.rs: do not edit.\n";
const END: &str = "// END generated from the Rust types.\n";

fn declaration<T: TS>(cfg: &Config) -> String {
    declaration_documented::<T>(cfg, T::docs())
}

/// With other docs than the Rust type's, where those are about its Rust side.
fn declaration_documented<T: TS>(cfg: &Config, docs: Option<String>) -> String {
    let docs = docs.map(|docs| jsdoc(&docs, "")).unwrap_or_default();
    let decl = T::decl(cfg);
    let name = T::ident(cfg);
    let body = decl
        .strip_prefix(&format!("type {name} = "))
        .and_then(|rest| rest.strip_suffix(';'))
        .unwrap_or_else(|| panic!("ts-rs wrote an unexpected declaration: {decl}"));
    match body.strip_prefix('{').and_then(|b| b.strip_suffix('}')) {
        Some(fields) => {
            let fields: String = members(fields)
                .into_iter()
                .map(|(docs, member)| format!("{}  {member};\n", jsdoc(&docs, "  ")))
                .collect();
            format!("{docs}export interface {name} {{\n{fields}}}\n")
        }
        None => format!("{docs}export type {name} = {};\n", body.replace('"', "'")),
    }
}

/// A doc comment as the hand-written declarations have them: on one line when it fits one.
fn jsdoc(docs: &str, indent: &str) -> String {
    let lines: Vec<&str> = docs
        .lines()
        .map(str::trim)
        .filter(|line| !matches!(*line, "/**" | "*/" | ""))
        .map(|line| {
            line.strip_prefix("* ")
                .or(line.strip_prefix('*'))
                .unwrap_or(line)
        })
        .collect();
    match lines.as_slice() {
        [] => String::new(),
        [line] => format!("{indent}/** {line} */\n"),
        _ => {
            let body: String = lines.iter().map(|l| format!("{indent} * {l}\n")).collect();
            format!("{indent}/**\n{body}{indent} */\n")
        }
    }
}

/// The members of an object type as ts-rs writes it (`/** doc */ name: type, ...`): each one's
/// doc comment and `name: type`.
fn members(body: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = body.trim_start();
    while !rest.is_empty() {
        let mut docs = String::new();
        if let Some(after) = rest.strip_prefix("/**") {
            let end = after.find("*/").expect("a closed doc comment");
            docs = format!("/**{}*/", &after[..end]);
            rest = after[end + 2..].trim_start();
        }
        // A member ends at the first comma outside brackets; the types here hold none inside.
        let mut depth = 0i32;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '<' | '{' | '(' | '[' => depth += 1,
                    '>' | '}' | ')' | ']' => depth -= 1,
                    _ => {}
                }
                c == ',' && depth == 0
            })
            .map_or(rest.len(), |(i, _)| i);
        let member = rest[..end].trim().replace('"', "'");
        if !member.is_empty() {
            out.push((docs, member));
        }
        rest = rest[(end + 1).min(rest.len())..].trim_start();
    }
    out
}

fn declarations() -> String {
    // Counts are `usize` in Rust and plain numbers in JavaScript.
    let cfg = Config::default().with_large_int("number");
    [
        declaration::<Severity>(&cfg),
        declaration::<Position>(&cfg),
        declaration::<Range>(&cfg),
        declaration::<Related>(&cfg),
        declaration::<Diagnostic>(&cfg),
        declaration::<Fix>(&cfg),
        declaration::<Edit>(&cfg),
        declaration::<Summary>(&cfg),
        declaration::<Report>(&cfg),
        declaration::<SchemaGeneration>(&cfg),
        declaration::<RuleSetting>(&cfg),
        declaration::<Options>(&cfg),
        declaration::<CallModuleType>(&cfg),
        declaration::<ProviderSettings>(&cfg),
        declaration::<LintConfig>(&cfg),
        declaration::<ConfigProblem>(&cfg),
        declaration::<VariableSource>(&cfg),
        declaration::<NodeView>(&cfg),
        declaration::<EdgeView>(&cfg),
        declaration_documented::<Rule>(
            &cfg,
            Some("A rule's description, as {@link rules} lists it.".into()),
        ),
    ]
    .join("\n")
}

#[test]
fn the_package_declares_the_report_as_the_rust_types_are() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("pkg/src/index.d.ts");
    let text = std::fs::read_to_string(&file).unwrap();
    let start = text.find(BEGIN).expect("the BEGIN line in index.d.ts") + BEGIN.len();
    let end = text.find(END).expect("the END line in index.d.ts");
    let generated = declarations();
    if std::env::var_os("KEYMGMT_LINT_WRITE_TYPES").is_some() {
        std::fs::write(
            &file,
            format!("{}{generated}{}", &text[..start], &text[end..]),
        )
        .unwrap();
        return;
    }
    assert!(
        text[start..end] == generated,
        "pkg/src/index.d.ts is out of date: run KEYMGMT_LINT_WRITE_TYPES=1 cargo test typescript"
    );
}
