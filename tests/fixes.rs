//! Fixes: each `tests/fixes/NAME.before.tf`, with every safe fix applied, is
//! `NAME.after.tf`; applying the safe fixes of the result changes nothing (a fix removes its own
//! finding); and no fix is offered where the source does not hold what the fix expects.

#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::Path;

use keymgmt_lint::Safety;
use keymgmt_lint::{lint, Diagnostic, Options, Report, SourceFile};

fn lint_text(name: &str, text: &str, options: &Options) -> Report {
    lint(&[SourceFile::new(name, text)], options).unwrap()
}

/// `text` with the edits of every fix of `safety` applied, each fix whole or not at all, a fix
/// that overlaps one applied before it skipped; and how many were applied.
fn apply(text: &str, diagnostics: &[Diagnostic], safety: Safety) -> (String, usize) {
    let mut fixes: Vec<_> = diagnostics
        .iter()
        .flat_map(|d| &d.fixes)
        .filter(|f| f.safety == safety || safety == Safety::Unsafe)
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.range.start.offset).min());
    let mut edits = Vec::new();
    let mut end = 0;
    let mut applied = 0;
    for fix in fixes {
        let start = fix
            .edits
            .iter()
            .map(|e| e.range.start.offset)
            .min()
            .unwrap();
        if start < end {
            continue;
        }
        end = fix.edits.iter().map(|e| e.range.end.offset).max().unwrap();
        edits.extend(fix.edits.iter());
        applied += 1;
    }
    let mut out = text.to_string();
    edits.sort_by_key(|e| std::cmp::Reverse(e.range.start.offset));
    for edit in edits {
        out.replace_range(
            edit.range.start.offset as usize..edit.range.end.offset as usize,
            &edit.text,
        );
    }
    (out, applied)
}

/// Each `NAME.before.tf` of the directory `dir` (relative to the crate) with its `NAME.after.tf`:
/// (name, before, after).
fn fixture_pairs(dir: &str) -> Vec<(String, String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut pairs = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let file_name = path.file_name().unwrap().to_str().unwrap();
        let Some(name) = file_name.strip_suffix(".before.tf") else {
            continue;
        };
        let after = fs::read_to_string(dir.join(format!("{name}.after.tf"))).unwrap();
        pairs.push((name.to_string(), fs::read_to_string(&path).unwrap(), after));
    }
    pairs
}

#[test]
fn safe_fixes_turn_each_before_into_its_after_and_leave_nothing_to_fix() {
    let cases = fixture_pairs("tests/fixes");
    for (name, before, after) in &cases {
        let report = lint_text("main.tf", before, &Options::default());
        let (fixed, applied) = apply(before, &report.diagnostics, Safety::Safe);
        assert!(applied > 0, "{name}: no fix offered\n{report:#?}");
        assert_eq!(&fixed, after, "{name}");
        let again = lint_text("main.tf", &fixed, &Options::default());
        assert_eq!(
            apply(&fixed, &again.diagnostics, Safety::Safe),
            (fixed.clone(), 0),
            "{name}: a fix is left"
        );
        assert!(
            again
                .diagnostics
                .iter()
                .all(|d| d.rule == "unknown-argument"
                    || !report
                        .diagnostics
                        .iter()
                        .any(|b| b.rule == d.rule
                            && b.fixes.iter().any(|f| f.safety == Safety::Safe))),
            "{name}: the fixed findings are gone\n{again:#?}"
        );
    }
    assert_eq!(cases.len(), 3);
}

/// Each `tests/fixes/unsafe/NAME.before.tf`, with every fix applied (safe and unsafe), is
/// `NAME.after.tf`; the safe fixes alone change nothing; fixing the result changes nothing.
#[test]
fn unsafe_fixes_turn_each_before_into_its_after() {
    let cases = fixture_pairs("tests/fixes/unsafe");
    for (name, before, after) in &cases {
        let report = lint_text("main.tf", before, &Options::default());
        assert_eq!(
            apply(before, &report.diagnostics, Safety::Safe).1,
            0,
            "{name}: a safe fix"
        );
        let (fixed, applied) = apply(before, &report.diagnostics, Safety::Unsafe);
        assert!(applied > 0, "{name}: no fix offered\n{report:#?}");
        assert_eq!(&fixed, after, "{name}");
        let again = lint_text("main.tf", &fixed, &Options::default());
        assert_eq!(
            apply(&fixed, &again.diagnostics, Safety::Unsafe),
            (fixed.clone(), 0),
            "{name}: a fix is left\n{again:#?}"
        );
        let fixed_rules: Vec<&str> = report
            .diagnostics
            .iter()
            .filter(|d| !d.fixes.is_empty())
            .map(|d| d.rule.as_str())
            .collect();
        assert!(
            again
                .diagnostics
                .iter()
                .all(|d| !fixed_rules.contains(&d.rule.as_str())),
            "{name}: the fixed findings are gone\n{again:#?}"
        );
    }
    assert_eq!(cases.len(), 3);
}

#[test]
fn a_value_from_elsewhere_is_never_edited_and_secrets_are_never_moved() {
    // The purpose comes from a variable: the finding points at `var.p`, which no fix rewrites.
    let text = r#"
variable "p" {
  default = "encrypt"
}
resource "vault_keymgmt_distribute_key" "d" {
  path     = "keymgmt"
  kms_name = "aws"
  key_name = "k"
  purpose  = var.p
}
"#;
    let report = lint_text("main.tf", text, &Options::default());
    assert!(
        report.diagnostics.iter().any(|d| d.rule == "invalid-value"),
        "{report:#?}"
    );
    assert!(
        report.diagnostics.iter().all(|d| d.fixes.is_empty()),
        "{report:#?}"
    );
    // A misspelt key inside a sensitive map is renamed, its value untouched and never quoted.
    let text = r#"
resource "vault_keymgmt_aws_kms" "aws" {
  path           = "keymgmt"
  name           = "aws"
  key_collection = "us-west-2"
  credentials    = { access_key = "AKIA-PLANTED", secrt_key = "PLANTED-SECRET" }
}
"#;
    let report = lint_text("main.tf", text, &Options::default());
    let fixes: Vec<_> = report.diagnostics.iter().flat_map(|d| &d.fixes).collect();
    assert!(!fixes.is_empty(), "{report:#?}");
    for fix in fixes {
        assert!(!format!("{fix:?}").contains("PLANTED"), "{fix:?}");
    }
}

#[test]
fn renaming_path_for_a_pinned_provider_is_unsafe() {
    let versions =
        "terraform {\n  required_providers {\n    vault = { version = \"~> 5.11\" }\n  }\n}\n";
    let text = "resource \"vault_keymgmt_key\" \"k\" {\n  path = \"keymgmt\"\n  name = \"k\"\n}\n";
    let report = lint(
        &[
            SourceFile::new("main.tf", text),
            SourceFile::new("versions.tf", versions),
        ],
        &Options::default(),
    )
    .unwrap();
    let fixes: Vec<_> = report.diagnostics.iter().flat_map(|d| &d.fixes).collect();
    assert_eq!(fixes.len(), 1, "{report:#?}");
    assert_eq!(fixes[0].safety, Safety::Unsafe);
    assert_eq!(apply(text, &report.diagnostics, Safety::Safe).1, 0);
    let (fixed, _) = apply(text, &report.diagnostics, Safety::Unsafe);
    assert_eq!(fixed, text.replace("path", "mount"));
}

#[test]
fn a_byte_order_mark_is_read_as_terraform_reads_it() {
    let text =
        "\u{feff}resource \"vault_keymgmt_key\" \"k\" {\n  path = \"keymgmt\"\n  nmae = \"k\"\n}\n";
    let report = lint_text("main.tf", text, &Options::default());
    let rules: Vec<_> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert!(!rules.contains(&"parse-error"), "{report:#?}");
    assert!(rules.contains(&"unknown-argument"), "{report:#?}");
    let (fixed, _) = apply(text, &report.diagnostics, Safety::Safe);
    assert_eq!(fixed, text.replace("nmae", "name"));
}

#[test]
fn software_protection_where_no_hsm_is_an_unsafe_fix() {
    let text = "resource \"azurerm_key_vault\" \"kv\" {\n  name     = \"kv\"\n  sku_name = \"standard\"\n}\n\n\
resource \"vault_keymgmt_key\" \"k\" {\n  mount = \"keymgmt\"\n  name  = \"k\"\n  type  = \"rsa-2048\"\n}\n\n\
resource \"vault_keymgmt_azure_kms\" \"az\" {\n  mount          = \"keymgmt\"\n  name           = \"az\"\n  key_collection = \"kv\"\n  credentials_wo = { client_id = \"id\", client_secret = var.secret, tenant_id = \"t\" }\n}\n\n\
variable \"secret\" {\n  sensitive = true\n}\n\n";
    let explicit = "resource \"vault_keymgmt_distribute_key\" \"d\" {\n  mount      = \"keymgmt\"\n  kms_name   = vault_keymgmt_azure_kms.az.name\n  key_name   = vault_keymgmt_key.k.name\n  purpose    = [\"sign\"]\n  protection = \"hsm\"\n}\n";
    let omitted = "resource \"vault_keymgmt_distribute_key\" \"d\" {\n  mount    = \"keymgmt\"\n  kms_name = vault_keymgmt_azure_kms.az.name\n  key_name = vault_keymgmt_key.k.name\n  purpose  = [\"sign\"]\n}\n";
    for (distribution, fixed) in [
        (explicit, explicit.replace("\"hsm\"", "\"software\"")),
        (
            omitted,
            omitted.replace("{\n  mount", "{\n  protection = \"software\"\n  mount"),
        ),
    ] {
        let source = format!("{text}{distribution}");
        let report = lint_text("main.tf", &source, &Options::default());
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "protection-unsupported")
            .collect();
        assert_eq!(found.len(), 1, "{report:#?}");
        assert_eq!(found[0].fixes.len(), 1);
        assert_eq!(found[0].fixes[0].safety, Safety::Unsafe);
        assert_eq!(apply(&source, &report.diagnostics, Safety::Safe).1, 0);
        let (after, _) = apply(&source, &report.diagnostics, Safety::Unsafe);
        assert_eq!(after, format!("{text}{fixed}"));
        let again = lint_text("main.tf", &after, &Options::default());
        assert!(
            again
                .diagnostics
                .iter()
                .all(|d| d.rule != "protection-unsupported"),
            "{again:#?}"
        );
    }
}

#[test]
fn conflicting_credential_styles_lose_the_later_one_as_an_unsafe_fix() {
    let head = "resource \"vault_keymgmt_aws_kms\" \"aws\" {\n  path           = \"keymgmt\"\n  name           = \"aws\"\n  key_collection = \"us-west-2\"\n\n  credentials = {\n    access_key = var.id\n    secret_key = var.secret\n  }\n";
    let text = format!(
        "{head}  access_key = var.id # the old way\n  secret_key = var.secret\n}}\n\nvariable \"id\" {{}}\n\nvariable \"secret\" {{\n  sensitive = true\n}}\n"
    );
    let report = lint_text("main.tf", &text, &Options::default());
    let conflicts: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "credentials-conflict")
        .collect();
    assert_eq!(conflicts.len(), 1, "{report:#?}");
    let fix = &conflicts[0].fixes[0];
    assert_eq!(fix.safety, Safety::Unsafe);
    assert_eq!(
        fix.title,
        "Remove `access_key` and `secret_key`, keeping `credentials`"
    );
    assert_eq!(apply(&text, &report.diagnostics, Safety::Safe).1, 0);
    let (after, _) = apply(&text, &report.diagnostics, Safety::Unsafe);
    assert_eq!(
        after,
        format!(
            "{head}}}\n\nvariable \"id\" {{}}\n\nvariable \"secret\" {{\n  sensitive = true\n}}\n"
        )
    );
    let again = lint_text("main.tf", &after, &Options::default());
    assert!(
        again
            .diagnostics
            .iter()
            .all(|d| d.rule != "credentials-conflict"),
        "{again:#?}"
    );

    // In JSON, removing a member would leave its comma: no fix.
    let json = r#"{"resource": {"vault_keymgmt_aws_kms": {"aws": {"path": "keymgmt", "name": "aws", "key_collection": "us-west-2", "credentials": {"access_key": "a", "secret_key": "b"}, "access_key": "a"}}}}"#;
    let report = lint_text("main.tf.json", json, &Options::default());
    let conflict = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "credentials-conflict")
        .expect("the conflict is found in JSON too");
    assert!(conflict.fixes.is_empty(), "{conflict:#?}");
}
