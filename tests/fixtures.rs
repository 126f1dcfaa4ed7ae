//! Snapshot tests: every case under `tests/fixtures/<group>/` is linted and its diagnostics are
//! compared with `tests/snapshots/fixtures__<group>__<case>.snap`. A group named after a rule
//! holds `bad*` cases (which must report that rule) and `good*` cases (which must not).

#![cfg(not(target_arch = "wasm32"))]

mod common;

use keymgmt_lint::{lint, Options};

#[test]
fn fixture_snapshots() {
    let mut groups: Vec<_> = std::fs::read_dir(common::fixtures())
        .unwrap()
        .map(|e| e.unwrap().path())
        // `cli/` holds the command line's scenarios (which `.tfvars` files, which directories),
        // which only the package's tests can drive.
        .filter(|p| p.is_dir() && !p.ends_with("provider-docs") && !p.ends_with("cli"))
        .collect();
    groups.sort();
    assert!(!groups.is_empty(), "no fixture groups found");
    // FIXTURES=<group> checks one group only, e.g. while writing its snapshots.
    if let Ok(only) = std::env::var("FIXTURES") {
        groups.retain(|g| g.file_name().is_some_and(|n| n.to_string_lossy() == only));
    }
    for group in groups {
        let group_name = group.file_name().unwrap().to_string_lossy().to_string();
        for case in common::cases(&group_name) {
            let case_name = case
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .replace(".tf", "");
            let report = lint(&common::load(&case), &Options::default()).unwrap();
            let is_rule_group = keymgmt_lint::rules().iter().any(|r| r.id == group_name);
            if is_rule_group {
                let fired = report.diagnostics.iter().any(|d| d.rule == group_name);
                if case_name.starts_with("bad") {
                    assert!(fired, "{group_name}/{case_name} must report {group_name}");
                } else if case_name.starts_with("good") {
                    assert!(
                        !fired,
                        "{group_name}/{case_name} must not report {group_name}"
                    );
                }
            }
            insta::assert_snapshot!(
                format!("{group_name}__{case_name}"),
                common::render(&report)
            );
        }
    }
}
