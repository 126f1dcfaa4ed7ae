//! Each rule page's examples are linted, as Biome lints the examples of its rule docs: every
//! `hcl` block under `## Bad` must report the rule, and every one under `## Good` must not.

#![cfg(not(target_arch = "wasm32"))]

use keymgmt_lint::{lint, rules, Options, SourceFile};

/// The `hcl` code blocks of the section `heading` of a rule's docs.
fn examples(docs: &str, heading: &str) -> Vec<String> {
    let marker = format!("\n## {heading}\n");
    let Some(start) = docs.find(&marker) else {
        return Vec::new();
    };
    let section = &docs[start + marker.len()..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .split("```hcl\n")
        .skip(1)
        .map(|block| block[..block.find("```").expect("a closed code block")].to_string())
        .collect()
}

#[test]
fn bad_examples_report_their_rule_and_good_ones_do_not() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for rule in rules() {
        for (heading, must_report) in [("Bad", true), ("Good", false)] {
            for (i, text) in examples(&rule.docs, heading).iter().enumerate() {
                checked += 1;
                let report =
                    lint(&[SourceFile::new("main.tf", text)], &Options::default()).unwrap();
                if report.diagnostics.iter().any(|d| d.rule == rule.id) != must_report {
                    problems.push(format!(
                        "{} `## {heading}` example {}: {}",
                        rule.id,
                        i + 1,
                        if must_report {
                            "does not report the rule"
                        } else {
                            "reports the rule"
                        },
                    ));
                }
            }
        }
    }
    // Every rule has a bad and a good example but parse-error's good one, which any module is.
    assert!(
        checked >= 2 * rules().len() - 1,
        "only {checked} examples found"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
