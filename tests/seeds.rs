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
