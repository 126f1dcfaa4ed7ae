//! The example module the README lints: exactly its two marked mistakes are reported.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use keymgmt_lint::{lint, Options};

#[test]
fn the_bundled_example_reports_its_two_marked_mistakes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/basic");
    let report = lint(&common::load(&dir), &Options::default()).unwrap();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule.as_str(), d.range.start.line))
        .collect();
    assert_eq!(
        found,
        [("unknown-argument", 38), ("invalid-value", 53)],
        "{}",
        common::render(&report)
    );
}

#[test]
fn the_for_each_example_reports_the_one_instance_that_asks_for_signing() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/for-each");
    let report = lint(&common::load(&dir), &Options::default()).unwrap();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule.as_str(), d.range.start.line, d.message.as_str()))
        .collect();
    assert_eq!(found.len(), 2, "{}", common::render(&report));
    for (rule, line, message) in found {
        assert_eq!((rule, line), ("purpose-key-type", 42));
        assert!(message.starts_with("`vault_keymgmt_distribute_key.d[\"ledger\"]`"));
    }
}

#[test]
fn the_modules_example_reports_two_instances_of_its_module() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/modules");
    let report = lint(&common::load(&dir), &Options::default()).unwrap();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule.as_str(), d.file.as_str(), d.resource.as_deref()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "key-collection-format",
                "modules/region/main.tf",
                Some("module.region[\"apac\"].vault_keymgmt_aws_kms.this")
            ),
            (
                "purpose-key-type",
                "modules/region/main.tf",
                Some("module.region[\"west\"].vault_keymgmt_distribute_key.this")
            ),
        ],
        "{}",
        common::render(&report)
    );
}
