//! The plan path: `terraform show -json` output, linted with `lint_plan`.
#![no_main]

use keymgmt_lint::{lint_plan, Options, SourceFile};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let plan = SourceFile::new("plan.json", text.as_ref());
    let report = lint_plan(&plan, &Options::default()).expect("default options are valid");
    common::check(std::slice::from_ref(&plan), &report);
});
