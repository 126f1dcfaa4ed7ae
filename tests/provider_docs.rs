//! The released provider's own documentation examples are fixtures under
//! `tests/fixtures/provider-docs/`: the `Example Usage` blocks of `website/docs/r/keymgmt_*.html.md`
//! in hashicorp/terraform-provider-vault v5.11.0. Each directory is one module: `main.tf` holds the
//! examples word for word, `context.tf` what Terraform needs besides them (variables, the mount
//! and key an example refers to) and `required_providers { vault = { version = "~> 5.11" } }`,
//! the version the docs describe. A page whose examples redeclare the same resources is split
//! into one directory per module (`<page>` and `<page>-<example>`).
//!
//! With that pin the released schema applies (`mount`, `credentials_wo`), and the examples lint
//! clean except for one mistake of the docs themselves: the distribution in
//! `keymgmt_aws_kms.html.md` ("Using AWS Environment Variables or IAM Roles") sets `path`, which
//! the released `vault_keymgmt_distribute_key` does not have (its schema in
//! `internal/vault/keymgmt/resource_keymgmt_distribute_key.go` has `mount`, required), so
//! Terraform reports "Unsupported argument" `path` and "Missing required argument" `mount`.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::fs;

use keymgmt_lint::{lint, Options};

/// A finding as (rule, file, line).
type Finding = (&'static str, &'static str, u32);

/// A fixture directory, the resources it declares, and its findings.
type Case = (&'static str, usize, &'static [Finding]);

const EXPECTED: &[Case] = &[
    (
        "keymgmt_aws_kms",
        5,
        &[
            // `resource "vault_keymgmt_distribute_key" "aws_dist"` lacks `mount` ...
            ("missing-required-argument", "main.tf", 50),
            // ... and sets `path` instead.
            ("unknown-argument", "main.tf", 51),
        ],
    ),
    ("keymgmt_azure_kms", 2, &[]),
    ("keymgmt_azure_kms-managed-identity", 2, &[]),
    ("keymgmt_distribute_key", 10, &[]),
    ("keymgmt_distribute_key-environment-variables", 4, &[]),
    ("keymgmt_gcp_kms", 2, &[]),
    ("keymgmt_gcp_kms-application-default-credentials", 2, &[]),
    ("keymgmt_key", 6, &[]),
    ("keymgmt_key_rotate", 3, &[]),
    ("keymgmt_replicate_key", 5, &[]),
];

fn name_of(case: &std::path::Path) -> String {
    case.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn provider_doc_examples_lint_as_expected() {
    let cases = common::cases("provider-docs");
    let names: Vec<String> = cases.iter().map(|c| name_of(c)).collect();
    let listed: Vec<&str> = EXPECTED.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(names, listed, "every fixture directory has its expectation");
    for (case, (name, resources, expected)) in cases.iter().zip(EXPECTED) {
        let report = lint(&common::load(case), &Options::default()).unwrap();
        let mut found: Vec<(&str, &str, u32)> = report
            .diagnostics
            .iter()
            .map(|d| (d.rule.as_str(), d.file.as_str(), d.range.start.line))
            .collect();
        found.sort();
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(found, expected, "{name}:\n{}", common::render(&report));
        assert_eq!(report.summary.resources, *resources, "{name}: resources");
    }
}

/// The expectations hold for the released provider only: each fixture must keep its pin and
/// name the page its examples come from, under the licence of that repository.
#[test]
fn provider_doc_fixtures_name_their_source_and_pin_the_version() {
    for case in common::cases("provider-docs") {
        let name = name_of(&case);
        let page = name.split('-').next().unwrap();
        let main = fs::read_to_string(case.join("main.tf")).unwrap();
        let source =
            format!("# hashicorp/terraform-provider-vault v5.11.0, website/docs/r/{page}.html.md");
        assert!(main.starts_with(&source), "{name}/main.tf names {source}");
        assert!(
            main.contains("# SPDX-License-Identifier: MPL-2.0\n"),
            "{name}/main.tf keeps the MPL-2.0 notice"
        );
        let context = fs::read_to_string(case.join("context.tf")).unwrap();
        assert!(
            context.contains("source  = \"hashicorp/vault\"")
                && context.contains("version = \"~> 5.11\""),
            "{name}/context.tf pins the Vault provider to ~> 5.11"
        );
    }
}
