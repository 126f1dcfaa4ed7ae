//! Which generation of the keymgmt resources a configuration pins through the Vault provider's
//! version, and how the report says so.

#![cfg(not(target_arch = "wasm32"))]

use keymgmt_lint::{lint, Options, Report, SourceFile};

fn lint_files(files: &[(&str, &str)]) -> Report {
    let files: Vec<SourceFile> = files.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect();
    lint(&files, &Options::default()).unwrap()
}

const KEY_WITH_PATH: &str = r#"
resource "vault_keymgmt_key" "k" {
  path = "keymgmt"
  name = "k"
}
"#;

fn rules(report: &Report) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.rule.as_str()).collect()
}

#[test]
fn without_a_pin_each_resource_keeps_its_own_generation() {
    let report = lint_files(&[("main.tf", KEY_WITH_PATH)]);
    assert!(report.diagnostics.is_empty(), "{report:#?}");
    let generation = report.schema_generation.unwrap();
    assert_eq!(generation.pinned, None);
    assert!(generation.reason.contains("no version of hashicorp/vault"));
    assert_eq!(generation.file, None);
}

#[test]
fn a_called_module_s_constraint_pins_the_whole_configuration() {
    let report = lint_files(&[
        (
            "main.tf",
            &format!("module \"m\" {{\n  source = \"./m\"\n}}\n{KEY_WITH_PATH}"),
        ),
        (
            "m/versions.tf",
            "terraform {\n  required_providers {\n    vault = \">= 5.10\"\n  }\n}\n",
        ),
    ]);
    assert_eq!(
        rules(&report),
        ["missing-required-argument", "unknown-argument"],
        "{report:#?}"
    );
    let generation = report.schema_generation.unwrap();
    assert_eq!(generation.pinned.as_deref(), Some("5.x"));
    assert_eq!(generation.file.as_deref(), Some("m/versions.tf"));
    assert_eq!(generation.range.unwrap().start.line, 3);
    assert!(
        generation.reason.contains("`>= 5.10`"),
        "{}",
        generation.reason
    );
}

#[test]
fn json_syntax_and_other_local_names_pin_too() {
    let json = r#"{ "terraform": [{ "required_providers": [{ "secrets": { "source": "hashicorp/vault", "version": "~> 5.9" } }] }] }"#;
    let report = lint_files(&[("main.tf", KEY_WITH_PATH), ("versions.tf.json", json)]);
    assert_eq!(
        report.schema_generation.unwrap().pinned.as_deref(),
        Some("5.x")
    );
    // Another provider's constraint says nothing of Vault's.
    let other = r#"terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.9" }
  }
}"#;
    let report = lint_files(&[("main.tf", KEY_WITH_PATH), ("versions.tf", other)]);
    assert!(report.diagnostics.is_empty(), "{report:#?}");
    assert_eq!(report.schema_generation.unwrap().pinned, None);
}

#[test]
fn only_the_root_module_s_lock_file_counts() {
    let lock = "provider \"registry.terraform.io/hashicorp/vault\" {\n  version = \"5.11.0\"\n}\n";
    let beside = lint_files(&[("main.tf", KEY_WITH_PATH), (".terraform.lock.hcl", lock)]);
    assert_eq!(
        rules(&beside),
        ["missing-required-argument", "unknown-argument"]
    );
    let elsewhere = lint_files(&[
        ("main.tf", KEY_WITH_PATH),
        ("old/.terraform.lock.hcl", lock),
    ]);
    assert!(elsewhere.diagnostics.is_empty(), "{elsewhere:#?}");
    let old = lock.replace("5.11.0", "4.8.0");
    let report = lint_files(&[("main.tf", KEY_WITH_PATH), (".terraform.lock.hcl", &old)]);
    assert!(report.diagnostics.is_empty(), "{report:#?}");
}

#[test]
fn plans_carry_no_schema_generation() {
    let plan = r#"{"format_version":"1.2","planned_values":{"root_module":{"resources":[]}}}"#;
    let report =
        keymgmt_lint::lint_plan(&SourceFile::new("plan.json", plan), &Options::default()).unwrap();
    assert_eq!(report.schema_generation, None);
}
