//! A resource or an argument declared twice is a `parse-error` at the second declaration,
//! whatever the size of the module or the block.

#![cfg(not(target_arch = "wasm32"))]

use keymgmt_lint::{lint, Diagnostic, Options, SourceFile};

fn parse_errors(files: &[SourceFile]) -> Vec<Diagnostic> {
    let report = lint(files, &Options::default()).unwrap();
    report
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == "parse-error")
        .collect()
}

const KEY: &str =
    "resource \"vault_keymgmt_key\" \"k\" {\n  path = \"keymgmt\"\n  name = \"k\"\n}\n";

#[test]
fn a_resource_declared_in_two_files_is_reported_at_the_second() {
    let errors = parse_errors(&[
        SourceFile::new("a.tf", KEY),
        SourceFile::new("b.tf", format!("\n{KEY}")),
    ]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, "b.tf");
    assert_eq!(errors[0].range.start.line, 2);
    assert!(errors[0]
        .message
        .contains("duplicate resource `vault_keymgmt_key.k`: it is already declared in a.tf"));
}

// In native syntax hcl-edit itself refuses a redefined attribute; JSON syntax leaves it to us.
#[test]
fn an_argument_set_twice_in_json_syntax_is_reported_at_the_second() {
    let text = r#"{
  "resource": {
    "vault_keymgmt_key": {
      "k": {
        "path": "keymgmt",
        "name": "k",
        "path": "other"
      }
    }
  }
}
"#;
    let errors = parse_errors(&[SourceFile::new("main.tf.json", text)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].range.start.line, 7);
    assert!(errors[0]
        .message
        .contains("argument `path` is set more than once"));
}

#[test]
fn an_argument_set_twice_among_thousands_is_reported_once() {
    let mut text = String::from(
        "{\n  \"resource\": { \"vault_keymgmt_key\": { \"k\": {\n    \"path\": \"keymgmt\",\n",
    );
    for i in 0..10_000 {
        text.push_str(&format!("    \"a{i}\": {i},\n"));
    }
    text.push_str("    \"a5\": 1\n  } } }\n}\n");
    let errors = parse_errors(&[SourceFile::new("main.tf.json", text)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].range.start.line, 10_004);
    assert!(errors[0]
        .message
        .contains("argument `a5` is set more than once"));
}
