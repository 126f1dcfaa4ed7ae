//! The seed documents' examples (`../shared/seeds/`) are fixtures under `tests/fixtures/seeds/`:
//! each must lint clean, and each `hcl` example of the seeds must be there word for word.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use std::path::Path;

use keymgmt_lint::{lint, Options};

#[test]
fn seed_examples_yield_no_diagnostics() {
    let cases = common::cases("seeds");
    assert!(cases.len() >= 8, "expected every seed example as a fixture");
    for case in cases {
        let report = lint(&common::load(&case), &Options::default()).unwrap();
        assert!(
            report.diagnostics.is_empty(),
            "{}:\n{}",
            case.display(),
            common::render(&report)
        );
        assert!(
            report.summary.resources > 0,
            "{} declares resources",
            case.display()
        );
    }
}

#[test]
fn every_seed_example_is_a_fixture() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        // The seeds live beside the repository (as in CI); a bare clone checks the copies only.
        eprintln!("skipped: {} not present", seeds.display());
        return;
    }
    let fixtures: Vec<String> = common::cases("seeds")
        .iter()
        .map(|case| std::fs::read_to_string(case.join("main.tf")).unwrap())
        .collect();
    let mut examples = 0;
    for name in ["000", "001", "002"] {
        let entry = std::fs::read_dir(&seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
            .unwrap();
        let text = std::fs::read_to_string(entry).unwrap();
        for example in text.split("```hcl\n").skip(1) {
            let example = example.split("```").next().unwrap();
            examples += 1;
            assert!(
                fixtures.iter().any(|f| f == example),
                "seed {name} example not among the fixtures:\n{example}"
            );
        }
    }
    assert_eq!(examples, 8);
}

/// RULES.md section 4: a seed example with one edit yields exactly one rule.
fn variant(case: &str, from: &str, to: &str) -> Vec<String> {
    let dir = common::fixtures().join("seeds").join(case);
    let mut files = common::load(&dir);
    let main = files.iter_mut().find(|f| f.path == "main.tf").unwrap();
    assert!(
        main.text.contains(from),
        "{case}: edit target not found: {from}"
    );
    main.text = main.text.replacen(from, to, 1);
    let report = lint(&files, &Options::default()).unwrap();
    let mut rules: Vec<String> = report.diagnostics.iter().map(|d| d.rule.clone()).collect();
    rules.dedup();
    rules
}

#[test]
fn credentials_map_plus_access_key_conflicts() {
    let rules = variant(
        "001-aws-kms-credential-styles",
        "  key_collection = \"us-west-2\"\n",
        "  key_collection = \"us-west-2\"\n  access_key     = var.aws_access_key_id\n",
    );
    assert_eq!(rules, ["credentials-conflict"]);
}

#[test]
fn replication_without_replica_regions() {
    let rules = variant(
        "002-replicate-key",
        "replica_regions = [\"us-east-1\", \"eu-west-1\"]",
        "",
    );
    assert_eq!(rules, ["replicate-no-replica-regions"]);
}

#[test]
fn replication_without_depends_on() {
    let rules = variant(
        "002-replicate-key",
        "depends_on = [vault_keymgmt_distribute_key.dist]",
        "",
    );
    assert_eq!(rules, ["replicate-ordering"]);
}

#[test]
fn gcp_aes_key_for_signing() {
    let rules = variant(
        "000-distribute-gcp",
        "purpose    = [\"encrypt\", \"decrypt\"]",
        "purpose    = [\"sign\", \"verify\"]",
    );
    assert_eq!(rules, ["purpose-key-type"]);
}

#[test]
fn azure_aes_key() {
    let rules = variant(
        "000-distribute-azure",
        "type = \"rsa-2048\"",
        "type = \"aes256-gcm96\"",
    );
    assert_eq!(rules, ["key-type-unsupported"]);
}
