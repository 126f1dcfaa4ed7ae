//! The JSON-syntax path: `main.tf.json`, plus the same text as a `.tfvars.json`; the report is
//! checked as in common.rs.
#![no_main]

use keymgmt_lint::{lint, Options, SourceFile};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let files = [
        SourceFile::new("main.tf.json", text.as_ref()),
        SourceFile::new("terraform.tfvars.json", text.as_ref()),
    ];
    let report = lint(&files, &Options::default()).expect("default options are valid");
    common::check(&files, &report);
});
