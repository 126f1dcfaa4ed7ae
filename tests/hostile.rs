//! Hostile inputs: each ends in a clear diagnostic, never a crash, a hang or a stack overflow.
//! (The WASM-side twins of the nesting cases are in tests/wasm.rs; the CLI's binary and
//! non-UTF-8 files in pkg/test/cli.test.js.)

#![cfg(not(target_arch = "wasm32"))]

use keymgmt_lint::{lint, lint_plan, Options, Report, SourceFile};

fn lint_text(path: &str, text: String) -> Report {
    lint(&[SourceFile::new(path, text)], &Options::default()).unwrap()
}

fn rules(report: &Report) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.rule.as_str()).collect()
}

#[test]
fn a_file_over_the_size_limit_is_reported_not_read() {
    let text = format!("# {}\n", "x".repeat(keymgmt_lint::parse::MAX_FILE_BYTES));
    let report = lint_text("huge.tf", text);
    assert_eq!(rules(&report), ["parse-error"]);
    assert!(report.diagnostics[0].message.contains("over the limit"));
}

#[test]
fn a_one_megabyte_string_literal_is_linted() {
    let text = format!(
        "resource \"vault_keymgmt_key\" \"k\" {{\n  path = \"keymgmt\"\n  name = \"{}\"\n  type = \"rsa-1\"\n}}\n",
        "n".repeat(1 << 20)
    );
    let report = lint_text("main.tf", text);
    assert_eq!(rules(&report), ["invalid-value"]);
    assert_eq!(report.diagnostics[0].range.start.line, 4);
}

#[test]
fn nul_bytes_inside_the_text_are_a_parse_error() {
    let report = lint_text(
        "main.tf",
        "resource \"x\" \"y\" {\n  a = \"\0\"\n}\n\0\0".into(),
    );
    assert_eq!(rules(&report), ["parse-error"]);
}

#[test]
fn deep_for_expressions_and_heredocs_end_in_a_parse_error_or_a_result() {
    let depth = 200;
    let mut expr = "1".to_string();
    for i in 0..depth {
        expr = format!("[for x{i} in [1] : {expr}]");
    }
    let report = lint_text("main.tf", format!("locals {{\n  x = {expr}\n}}\n"));
    assert_eq!(rules(&report), ["parse-error"]);

    let heredocs = (0..2000)
        .map(|i| format!("  h{i} = <<-EOT\n    ${{local.h{}}}\n  EOT\n", i + 1))
        .collect::<String>();
    let report = lint_text("main.tf", format!("locals {{\n{heredocs}}}\n"));
    // local.h2000 is undeclared; the chain of 2000 locals is followed without overflow.
    assert_eq!(rules(&report), ["unresolved-reference"]);
}

#[test]
fn reference_cycles_between_locals_end() {
    let text = "locals {\n  a = local.b\n  b = local.c\n  c = \"${local.a}-x\"\n}\nresource \"vault_keymgmt_key\" \"k\" {\n  path = local.a\n  name = local.b\n}\n";
    let report = lint_text("main.tf", text.into());
    assert!(!rules(&report).contains(&"parse-error"), "{report:?}");
}

#[test]
fn ten_thousand_files_are_linted() {
    let files: Vec<SourceFile> = (0..10_000)
        .map(|i| {
            SourceFile::new(
                format!("f{i}.tf"),
                format!("resource \"vault_keymgmt_key\" \"k{i}\" {{\n  path = \"keymgmt\"\n  name = \"k{i}\"\n}}\n"),
            )
        })
        .collect();
    let report = lint(&files, &Options::default()).unwrap();
    assert_eq!(report.summary.files, 10_000);
    assert_eq!(report.summary.resources, 10_000);
    assert_eq!(report.summary.errors, 0, "{:?}", report.diagnostics.first());
}

fn nested_plan(depth: usize) -> SourceFile {
    let mut module = r#"{"address": "module.m", "resources": []}"#.to_string();
    for _ in 0..depth {
        module =
            format!(r#"{{"address": "module.m", "resources": [], "child_modules": [{module}]}}"#);
    }
    SourceFile::new(
        "plan.json",
        format!(r#"{{"planned_values": {{"root_module": {module}}}}}"#),
    )
}

#[test]
fn a_plan_of_nested_child_modules_is_read_up_to_the_json_depth_limit() {
    let report = lint_plan(&nested_plan(100), &Options::default()).unwrap();
    assert_eq!(rules(&report), Vec::<&str>::new());
    let report = lint_plan(&nested_plan(10_000), &Options::default()).unwrap();
    assert_eq!(rules(&report), ["parse-error"]);
    assert!(
        report.diagnostics[0].message.contains("nesting"),
        "{report:?}"
    );
}
