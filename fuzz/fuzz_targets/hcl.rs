//! The native-syntax path: `main.tf`, and a `terraform.tfvars` when the input holds the
//! separator line, so that variable values reach the rules. The graph the playground draws is
//! built too. Every report must serialise, with positions that match their files (common.rs).
#![no_main]

use keymgmt_lint::{graph, lint, Options, SourceFile};
use libfuzzer_sys::fuzz_target;

mod common;

const TFVARS: &str = "\n#--tfvars--\n";

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (tf, tfvars) = match text.split_once(TFVARS) {
        Some((tf, tfvars)) => (tf, Some(tfvars)),
        None => (text.as_ref(), None),
    };
    let mut files = vec![SourceFile::new("main.tf", tf)];
    if let Some(tfvars) = tfvars {
        files.push(SourceFile::new("terraform.tfvars", tfvars));
    }
    let options = Options::default();
    let report = lint(&files, &options).expect("default options are valid");
    common::check(&files, &report);
    serde_json::to_string(&graph(&files, &options)).expect("a graph serialises");
});
