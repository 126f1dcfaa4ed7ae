//! Inputs kept from fuzzing (`scripts/fuzz.sh`, docs/robustness.md): each file under
//! `tests/fuzz/<target>/` goes through the same path as its fuzz target (`fuzz/fuzz_targets/`),
//! under the same expectations: no panic, `Ok` with the default options, a report that
//! serialises, and every position inside its file and consistent with its byte offset. An input
//! whose name starts with `parse-error` must also report a `parse-error`. A fixed finding stays
//! here as its regression test; a few corpus entries that reach many rules keep the test from
//! ever being vacuous.

use std::fs;
use std::path::{Path, PathBuf};

use keymgmt_lint::{graph, lint, lint_plan, Options, Report, SourceFile};

#[path = "../fuzz/fuzz_targets/common.rs"]
mod common;

/// The line the `hcl` target splits its input on: `main.tf` before it, `terraform.tfvars` after.
const TFVARS: &str = "\n#--tfvars--\n";

/// The inputs of one target, as the fuzzer sees them: bytes, read as UTF-8 with replacement.
fn inputs(target: &str) -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz")
        .join(target);
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.unwrap().path();
            let text = String::from_utf8_lossy(&fs::read(&path).unwrap()).into_owned();
            (path, text)
        })
        .collect();
    inputs.sort();
    assert!(
        inputs.len() >= 2,
        "expected at least two inputs in {}",
        dir.display()
    );
    inputs
}

fn check(path: &Path, files: &[SourceFile], report: &Report) {
    let name = path.file_name().unwrap().to_string_lossy();
    // The fuzz targets' own checks; the input's name shows in the captured output on failure.
    println!("checking {name}");
    common::check(files, report);
    if name.starts_with("parse-error") {
        assert!(
            report.diagnostics.iter().any(|d| d.rule == "parse-error"),
            "{name}: no parse-error in {:#?}",
            report.diagnostics
        );
    }
}

#[test]
fn hcl_inputs() {
    for (path, text) in inputs("hcl") {
        let files = match text.split_once(TFVARS) {
            Some((tf, tfvars)) => vec![
                SourceFile::new("main.tf", tf),
                SourceFile::new("terraform.tfvars", tfvars),
            ],
            None => vec![SourceFile::new("main.tf", text.as_str())],
        };
        let options = Options::default();
        let report = lint(&files, &options).expect("default options are valid");
        check(&path, &files, &report);
        serde_json::to_string(&graph(&files, &options)).expect("a graph serialises");
    }
}

#[test]
fn tf_json_inputs() {
    for (path, text) in inputs("tf_json") {
        let files = [
            SourceFile::new("main.tf.json", text.as_str()),
            SourceFile::new("terraform.tfvars.json", text.as_str()),
        ];
        let report = lint(&files, &Options::default()).expect("default options are valid");
        check(&path, &files, &report);
    }
}

#[test]
fn plan_inputs() {
    for (path, text) in inputs("plan") {
        let plan = SourceFile::new("plan.json", text.as_str());
        let report = lint_plan(&plan, &Options::default()).expect("default options are valid");
        check(&path, std::slice::from_ref(&plan), &report);
    }
}

#[test]
fn eval_inputs() {
    for (path, text) in inputs("eval") {
        let files = common::eval_module(&text);
        let options = Options::default();
        let report = lint(&files, &options).expect("default options are valid");
        check(&path, &files, &report);
        let shown = serde_json::to_string(&report).unwrap()
            + &serde_json::to_string(&graph(&files, &options)).unwrap();
        if !common::may_show_secret(&text) {
            assert!(!shown.contains(common::SECRET), "{}", path.display());
        }
    }
}
