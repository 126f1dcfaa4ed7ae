//! Plan JSON input (`terraform show -json <planfile>`): hand-written plans in Terraform's
//! documented format, linted with `lint_plan`, against snapshots.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use keymgmt_lint::{lint_plan, Options, SourceFile};

fn lint_file(name: &str) -> keymgmt_lint::Report {
    let path = common::fixtures().join("../plans").join(name);
    let text = std::fs::read_to_string(path).unwrap();
    lint_plan(&SourceFile::new(name, text), &Options::default()).unwrap()
}

#[test]
fn a_clean_plan_yields_nothing() {
    let report = lint_file("clean.json");
    assert_eq!(common::render(&report), "(no diagnostics)\n");
    assert_eq!(report.summary.resources, 5);
}

#[test]
fn every_rule_family_is_found_in_a_plan() {
    let report = lint_file("every-family.json");
    let rules: std::collections::BTreeSet<&str> =
        report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    for rule in [
        "purpose-key-type",
        "protection-unsupported",
        "replicate-no-replica-regions",
        "replicate-ordering",
        "credentials-conflict",
        "key-collection-format",
        "namespace-format",
    ] {
        assert!(
            rules.contains(rule),
            "{rule} missing:\n{}",
            common::render(&report)
        );
    }
    // Module paths and instance keys are part of the addresses.
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.resource.as_deref() == Some("module.kms.vault_keymgmt_distribute_key.gcp[0]")));
    // The value that the plan does not know yet (`type` of `unknown_type`) yields nothing.
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.message.contains("later")));
    insta::assert_snapshot!("plan__every_family", common::render(&report));
}

#[test]
fn plan_values_of_sensitive_arguments_never_reach_the_output() {
    for name in ["clean.json", "every-family.json"] {
        let report = lint_file(name);
        let json = serde_json::to_string(&report).unwrap();
        assert!(
            !json.contains("plan-secret-value") && !json.contains("AKIAEXAMPLEPLANVALUE"),
            "{name}"
        );
    }
}

#[test]
fn what_is_not_a_plan_is_a_parse_error_with_a_position() {
    for (text, expected) in [
        ("{\"resource\": {}}", "not a Terraform plan"),
        ("{\"planned_values\": [1,]}", "JSON syntax error"),
        ("[]", "expected a JSON object"),
    ] {
        let report = lint_plan(&SourceFile::new("plan.json", text), &Options::default()).unwrap();
        assert_eq!(report.diagnostics.len(), 1, "{text}");
        assert_eq!(report.diagnostics[0].rule, "parse-error");
        assert!(
            report.diagnostics[0].message.contains(expected),
            "{}",
            report.diagnostics[0].message
        );
    }
}
