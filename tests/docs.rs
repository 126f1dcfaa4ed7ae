//! The rule pages in `docs/rules/` are generated from the registry (`keymgmt_lint::rules()`):
//! one `<id>.md` per rule and an index, `README.md`. This test renders them and fails when the
//! checked-in pages differ, are missing, or a page is left for a rule no longer in the registry.
//! With `KEYMGMT_LINT_WRITE_DOCS=1` it writes the pages instead and deletes stale ones; that is
//! what `bash scripts/gen-docs.sh` runs.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use keymgmt_lint::Rule;

const INDEX: &str = "README.md";
const REGENERATE: &str = "bash scripts/gen-docs.sh";

fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules")
}

/// Every generated page, by file name.
fn render(rules: &[&Rule]) -> BTreeMap<String, String> {
    let mut pages: BTreeMap<String, String> = rules
        .iter()
        .map(|rule| (format!("{}.md", rule.id), rule_page(rule)))
        .collect();
    pages.insert(INDEX.to_string(), index_page(rules));
    pages
}

fn rule_page(rule: &Rule) -> String {
    format!(
        "# {}\n\n<!-- {} -->\n\n**{}** · default severity: `{}` · {} · {}\n\n{}\n",
        rule.id,
        generated_notice(),
        rule.name,
        rule.severity.as_str(),
        rule.fixes.describe(),
        one_line(rule.summary),
        rule.docs.trim_end(),
    )
}

fn index_page(rules: &[&Rule]) -> String {
    let mut out = format!(
        "# Rules\n\n<!-- {} -->\n\nEvery rule of keymgmt-lint, in the order of the registry. \
         A rule's page says what it checks, why it matters, gives a bad and a good \
         example, and says whether `--fix` and the editor can fix its findings.\n\n| rule | severity | fix | summary |\n| --- | --- | --- | --- |\n",
        generated_notice(),
    );
    for rule in rules {
        out.push_str(&format!(
            "| [`{id}`]({id}.md) | {} | {} | {} |\n",
            rule.severity.as_str(),
            match rule.fixes {
                keymgmt_lint::Fixes::None => "",
                keymgmt_lint::Fixes::Safe => "safe",
                keymgmt_lint::Fixes::Unsafe => "unsafe",
                keymgmt_lint::Fixes::SafeAndUnsafe => "safe, unsafe",
            },
            one_line(rule.summary).replace('|', "\\|"),
            id = rule.id,
        ));
    }
    out
}

fn generated_notice() -> String {
    format!("Generated from the rule registry (src/rules/) by `{REGENERATE}`; do not edit.")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `.md` files now in `docs/rules/`, by file name.
fn checked_in(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|e| e.expect("docs/rules is readable").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, text)
        })
        .collect()
}

#[test]
fn rule_pages_match_the_registry() {
    let dir = docs_dir();
    let expected = render(keymgmt_lint::rules());
    let actual = checked_in(&dir);
    let stale: Vec<&String> = actual
        .keys()
        .filter(|n| !expected.contains_key(*n))
        .collect();

    if std::env::var("KEYMGMT_LINT_WRITE_DOCS").as_deref() == Ok("1") {
        fs::create_dir_all(&dir).expect("docs/rules can be created");
        for (name, text) in &expected {
            if actual.get(name) != Some(text) {
                fs::write(dir.join(name), text).expect("docs/rules is writable");
            }
        }
        for name in stale {
            fs::remove_file(dir.join(name)).expect("a stale page can be removed");
        }
        return;
    }

    let mut problems = Vec::new();
    for (name, text) in &expected {
        match actual.get(name) {
            None => problems.push(format!("missing: docs/rules/{name}")),
            Some(have) if have != text => problems.push(format!("out of date: docs/rules/{name}")),
            Some(_) => {}
        }
    }
    problems.extend(
        stale
            .iter()
            .map(|n| format!("stale (no such rule): docs/rules/{n}")),
    );
    assert!(
        problems.is_empty(),
        "the rule pages differ from the registry; run `{REGENERATE}` and commit the result:\n  {}",
        problems.join("\n  "),
    );
}

#[test]
fn every_rule_has_its_own_page_name() {
    let rules = keymgmt_lint::rules();
    let pages = render(rules);
    assert_eq!(pages.len(), rules.len() + 1, "rule ids must be unique");
    assert!(rules.iter().all(|r| format!("{}.md", r.id) != INDEX));
}

#[test]
fn a_rule_page_describes_its_fixes_exactly_when_the_rule_has_some() {
    for rule in keymgmt_lint::rules() {
        let has_section = rule.docs.contains("\n## Fix\n");
        assert_eq!(
            has_section,
            rule.fixes != keymgmt_lint::Fixes::None,
            "{}: its `fixes` is {:?}, and its page {} a `## Fix` section",
            rule.id,
            rule.fixes,
            if has_section { "has" } else { "has no" },
        );
    }
}
