//! Evaluation: expressions of locals (one per line of the input) read by the arguments the rules
//! look at, with a sensitive variable to reach. The report must serialise with valid positions
//! (common.rs), evaluation must stay within its limits (no panic, no overflow, no timeout), and
//! the sensitive value must never be shown.
#![no_main]

use keymgmt_lint::{graph, lint, Options};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let files = common::eval_module(&text);
    let options = Options::default();
    let report = lint(&files, &options).expect("default options are valid");
    common::check(&files, &report);
    let shown = serde_json::to_string(&report).unwrap()
        + &serde_json::to_string(&graph(&files, &options)).unwrap();
    if !common::may_show_secret(&text) {
        assert!(!shown.contains(common::SECRET), "the sensitive value is shown");
    }
});
