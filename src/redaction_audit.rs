//! The redaction audit, generated from the rule registry: no rule can be added without it.
//!
//! For every rule, each of its bad fixtures (`tests/fixtures/<rule>/bad*`, which every rule must
//! have) and its documented `## Bad` example is linted again with each distinct string literal of
//! its resources replaced, everywhere it stands, by a planted value read through one
//! sensitive source (a `sensitive = true` variable by default, tfvars or lint option, a local,
//! `sensitive()`, a schema-sensitive argument or credentials entry of another resource, a
//! declaration in a `.tf.json` file). The same substitution through a plain variable is the twin
//! that shows whether the rule quotes that value at all: the audit counts those cases, so that it
//! cannot pass by testing nothing. No planted value may appear in any message, help, related
//! message or the graph.
//!
//! Values chosen from a fixed set (key types, purposes) cannot be replaced by a planted word
//! without making them invalid, so each literal is also read, unchanged, through a sensitive
//! variable: the same findings must come out, and every text that then differs from the plain
//! twin must quote the value fewer times.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Expr, ExprKind, Module};
use crate::source::Span;
use crate::{graph, lint, rules, Options, Report, SourceFile};

#[path = "../tests/common/mod.rs"]
mod common;

const SENSITIVE: &str = "(sensitive value)";

/// The `## Bad` example of a rule's documentation.
fn bad_example(docs: &str) -> Option<String> {
    let bad = &docs[docs.find("## Bad")?..];
    let start = bad.find("```hcl\n")? + "```hcl\n".len();
    let end = start + bad[start..].find("```")?;
    Some(bad[start..end].to_string())
}

/// Spans and values of the string literals in resource arguments and locals.
fn literals(module: &Module) -> Vec<(Span, String)> {
    fn walk(expr: &Expr, out: &mut Vec<(Span, String)>) {
        match &expr.kind {
            ExprKind::String(s) => out.push((expr.span, s.to_string())),
            ExprKind::Array(items) => items.iter().for_each(|e| walk(e, out)),
            ExprKind::Object(items) => items.iter().for_each(|i| walk(&i.value, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for resource in &module.resources {
        for attr in resource.arguments() {
            walk(&attr.value, &mut out);
        }
    }
    for local in module.scopes.iter().flat_map(|s| s.locals.values()) {
        walk(&local.value, &mut out);
    }
    out
}

/// Where a planted value comes from: the expression that reads it, the files that declare it,
/// and lint options.
struct Source {
    name: &'static str,
    plant: fn(value: &str) -> Planted,
}

struct Planted {
    expr: String,
    /// Appended to the example's file.
    hcl: String,
    files: Vec<SourceFile>,
    options: Options,
}

impl Planted {
    fn hcl(expr: &str, hcl: String) -> Planted {
        Planted {
            expr: expr.to_string(),
            hcl,
            files: Vec::new(),
            options: Options::default(),
        }
    }
}

fn aws_kms(body: &str) -> String {
    format!(
        "resource \"vault_keymgmt_aws_kms\" \"planted\" {{\n  path = \"planted\"\n  name = \"planted\"\n  key_collection = \"us-east-1\"\n{body}\n}}\n"
    )
}

const SOURCES: &[Source] = &[
    Source {
        name: "sensitive variable default",
        plant: |v| {
            Planted::hcl(
                "var.planted",
                format!("variable \"planted\" {{\n  sensitive = true\n  default = {v:?}\n}}\n"),
            )
        },
    },
    Source {
        name: "sensitive variable from tfvars",
        plant: |v| Planted {
            files: vec![SourceFile::new(
                "terraform.tfvars",
                format!("planted = {v:?}\n"),
            )],
            ..Planted::hcl(
                "var.planted",
                "variable \"planted\" {\n  sensitive = true\n}\n".into(),
            )
        },
    },
    Source {
        name: "sensitive variable from the lint options",
        plant: |v| {
            let mut options = Options::default();
            options.variables.insert("planted".into(), v.into());
            Planted {
                options,
                ..Planted::hcl(
                    "var.planted",
                    "variable \"planted\" {\n  sensitive = true\n}\n".into(),
                )
            }
        },
    },
    Source {
        name: "local reading a sensitive variable",
        plant: |v| {
            Planted::hcl(
                "local.planted",
                format!(
                    "variable \"planted\" {{\n  sensitive = true\n  default = {v:?}\n}}\nlocals {{\n  planted = \"${{var.planted}}\"\n}}\n"
                ),
            )
        },
    },
    Source {
        name: "sensitive()",
        plant: |v| Planted::hcl(&format!("sensitive({v:?})"), String::new()),
    },
    Source {
        name: "schema-sensitive argument",
        plant: |v| {
            Planted::hcl(
                "vault_keymgmt_aws_kms.planted.secret_key",
                aws_kms(&format!("  access_key = \"AKIA\"\n  secret_key = {v:?}")),
            )
        },
    },
    Source {
        name: "schema-sensitive credentials entry",
        plant: |v| {
            Planted::hcl(
                "vault_keymgmt_aws_kms.planted.credentials.secret_key",
                aws_kms(&format!(
                    "  credentials = {{\n    access_key = \"AKIA\"\n    secret_key = {v:?}\n  }}"
                )),
            )
        },
    },
    Source {
        name: "sensitive variable in .tf.json",
        plant: |v| Planted {
            files: vec![SourceFile::new(
                "planted.tf.json",
                serde_json::json!({"variable": {"planted": {"sensitive": true, "default": v}}})
                    .to_string(),
            )],
            ..Planted::hcl("var.planted", String::new())
        },
    },
    Source {
        name: "schema-sensitive argument in .tf.json",
        plant: |v| Planted {
            files: vec![SourceFile::new(
                "planted.tf.json",
                serde_json::json!({"resource": {"vault_keymgmt_aws_kms": {"planted": {
                    "path": "planted", "name": "planted", "key_collection": "us-east-1",
                    "credentials": {"access_key": "AKIA", "secret_key": v}
                }}}})
                .to_string(),
            )],
            ..Planted::hcl(
                "vault_keymgmt_aws_kms.planted.credentials.secret_key",
                String::new(),
            )
        },
    },
];

/// The same value through a variable that is not sensitive.
fn plain(v: &str) -> Planted {
    Planted::hcl(
        "var.planted",
        format!("variable \"planted\" {{\n  default = {v:?}\n}}\n"),
    )
}

/// The case with every occurrence of `literal` in its native-syntax files read through
/// `planted`, whose declarations come as files of their own.
fn module(
    case: &[SourceFile],
    parsed: &Module,
    literal: &str,
    planted: &Planted,
) -> Vec<SourceFile> {
    let mut files = case.to_vec();
    let mut spans: Vec<Span> = literals(parsed)
        .into_iter()
        .filter(|(span, v)| v == literal && files[span.file].path.ends_with(".tf"))
        .map(|(span, _)| span)
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.start));
    // The instances of a `count` or `for_each` block share its spans.
    spans.dedup();
    for span in spans {
        files[span.file]
            .text
            .replace_range(span.start..span.end, &planted.expr);
    }
    files.push(SourceFile::new("planted.tf", planted.hcl.clone()));
    files.extend(planted.files.iter().cloned());
    files
}

/// Every module the audit starts from, for one rule: its bad fixtures and its `## Bad` example.
fn audited(rule: &str, docs: &str) -> Vec<Vec<SourceFile>> {
    let mut out: Vec<Vec<SourceFile>> = common::cases(rule)
        .iter()
        .filter(|case| {
            case.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("bad")
        })
        .map(|case| common::load(case))
        .collect();
    assert!(!out.is_empty(), "{rule} has no bad fixture");
    out.extend(bad_example(docs).map(|text| vec![SourceFile::new("main.tf", text)]));
    out
}

/// Every text the core produces for a module: the report and the graph.
fn output(files: &[SourceFile], options: &Options) -> (Report, String) {
    let report = lint(files, options).unwrap();
    let text = serde_json::to_string(&report).unwrap()
        + &serde_json::to_string(&graph(files, options)).unwrap();
    (report, text)
}

fn texts(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .flat_map(|d| {
            let related = d.related.iter().map(|r| r.message.clone());
            [d.message.clone(), d.help.clone().unwrap_or_default()]
                .into_iter()
                .chain(related)
        })
        .collect()
}

fn findings(report: &Report) -> BTreeSet<(String, u32)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.clone(), d.range.start.offset))
        .collect()
}

#[test]
fn no_rule_shows_a_planted_value_from_any_sensitive_source() {
    // rule → sources through which a plain twin quoted the planted value.
    let mut quoting: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut cases = 0;
    for rule in rules() {
        for case in audited(rule.id, &rule.docs) {
            let parsed = crate::configuration(&case, &Options::default());
            let distinct: BTreeSet<String> =
                literals(&parsed).into_iter().map(|(_, v)| v).collect();
            // A planted word far from the literal, and one a letter away from it, which
            // stays close enough to the names it was close to for a did-you-mean.
            let planted_values = distinct
                .iter()
                .enumerate()
                .flat_map(|(n, l)| [(l, format!("{l}Pl4nt{n}q")), (l, format!("{l}\u{3a9}"))]);
            for (literal, value) in planted_values {
                let plain_files = module(&case, &parsed, literal, &plain(&value));
                let (_, plain_text) = output(&plain_files, &Options::default());
                for source in SOURCES {
                    let planted = (source.plant)(&value);
                    let files = module(&case, &parsed, literal, &planted);
                    let (_, text) = output(&files, &planted.options);
                    cases += 1;
                    assert!(
                        !text.contains(&value),
                        "rule {}, {literal:?} through a {}: the planted value is shown:\n{text}",
                        rule.id,
                        source.name
                    );
                    if plain_text.contains(&value) {
                        quoting.entry(rule.id).or_default().insert(source.name);
                    }
                }
            }
        }
    }
    eprintln!("{cases} cases; rules whose plain twin quoted the value: {quoting:?}");
    // The audit must have met the rules that quote values; were the harness broken (no
    // substitution, no finding), these would be missing.
    for rule in [
        "invalid-value",
        "unknown-key",
        "unknown-kms",
        "mount-mismatch",
        "mount-type",
        "duplicate-name",
        "replica-region-invalid",
        "key-collection-format",
        "namespace-format",
    ] {
        assert!(quoting.contains_key(rule), "{rule} never quoted a value");
    }
}

#[test]
fn values_from_a_fixed_set_are_redacted_and_still_checked() {
    let mut redacted = BTreeSet::new();
    for rule in rules() {
        for case in audited(rule.id, &rule.docs) {
            let parsed = crate::configuration(&case, &Options::default());
            let distinct: BTreeSet<String> =
                literals(&parsed).into_iter().map(|(_, v)| v).collect();
            for literal in &distinct {
                let (plain, _) = output(
                    &module(&case, &parsed, literal, &plain(literal)),
                    &Options::default(),
                );
                let secret = (SOURCES[0].plant)(literal);
                let (sensitive, _) = output(
                    &module(&case, &parsed, literal, &secret),
                    &Options::default(),
                );
                assert_eq!(
                    findings(&plain),
                    findings(&sensitive),
                    "rule {}'s example, {literal:?}: a sensitive value changed what is found",
                    rule.id
                );
                let count = |text: &str| {
                    text.matches(&format!("`{literal}`")).count()
                        + text.matches(&format!("{literal:?}")).count()
                };
                for (p, s) in texts(&plain).iter().zip(texts(&sensitive).iter()) {
                    // A text that quoted the value must change: the value redacted, or a
                    // did-you-mean made from it dropped.
                    if count(p) > 0 && p != s {
                        assert!(count(s) < count(p), "{literal:?} still quoted in: {s}");
                        if s.contains(SENSITIVE) {
                            redacted.insert(rule.id);
                        }
                    }
                }
            }
        }
    }
    for rule in ["purpose-key-type", "key-type-unsupported"] {
        assert!(
            redacted.contains(rule),
            "{rule} redacted nothing: {redacted:?}"
        );
    }
}
