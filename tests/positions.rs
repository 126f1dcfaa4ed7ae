//! Positions in diagnostics: 1-based lines, UTF-16 columns, UTF-8 byte offsets, narrowest span.

#![cfg(not(target_arch = "wasm32"))]

use keymgmt_lint::{lint, Options, SourceFile};

#[test]
fn columns_count_utf16_units_and_offsets_count_bytes() {
    let text = "resource \"vault_keymgmt_key\" \"k\" {\n  path = \"keymgmt\" # ключ 🔑\n  name = \"k\"\n  /* 🔑 */ type = \"rsa\"\n}\n";
    let report = lint(&[SourceFile::new("main.tf", text)], &Options::default()).unwrap();
    assert_eq!(report.diagnostics.len(), 1, "{report:?}");
    let start = report.diagnostics[0].range.start;
    let byte = text.find("\"rsa\"").unwrap();
    assert_eq!(start.offset as usize, byte);
    assert_eq!(start.line, 4);
    // `  /* ` is 5 units, the key emoji 2 (a surrogate pair), ` */ type = ` 11.
    assert_eq!(start.column, 5 + 2 + 11 + 1);
    assert_eq!(
        report.diagnostics[0].range.end.offset as usize,
        byte + "\"rsa\"".len()
    );
}

#[test]
fn other_files_are_still_checked_when_one_does_not_parse() {
    let files = [
        SourceFile::new("broken.tf", "resource \"vault_keymgmt_key\" \"k\" {\n"),
        SourceFile::new(
            "ok.tf",
            "resource \"vault_keymgmt_key\" \"j\" {\n  path = \"keymgmt\"\n}\n",
        ),
    ];
    let report = lint(&files, &Options::default()).unwrap();
    let rules: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.rule.as_str()))
        .collect();
    assert_eq!(
        rules,
        [
            ("broken.tf", "parse-error"),
            ("ok.tf", "missing-required-argument")
        ]
    );
}

#[test]
fn only_and_rule_settings_select_what_runs() {
    let files = [SourceFile::new(
        "main.tf",
        "resource \"vault_keymgmt_key\" \"k\" {\n  nmae = 1\n}\n",
    )];
    let all = lint(&files, &Options::default()).unwrap();
    assert!(all.diagnostics.iter().any(|d| d.rule == "unknown-argument"));
    let options: Options =
        serde_json::from_value(serde_json::json!({ "only": ["unknown-argument"] })).unwrap();
    let only = lint(&files, &options).unwrap();
    assert!(only
        .diagnostics
        .iter()
        .all(|d| d.rule == "unknown-argument"));
    let options: Options =
        serde_json::from_value(serde_json::json!({ "rules": { "nonsense": "off" } })).unwrap();
    assert!(lint(&files, &options).is_err());
}

#[test]
fn report_files_keep_the_named_files_diagnostics_and_count_them() {
    let files = [
        SourceFile::new("broken.tf", "resource \"vault_keymgmt_key\" \"k\" {\n"),
        SourceFile::new(
            "ok.tf",
            "resource \"vault_keymgmt_key\" \"j\" {\n  path = \"keymgmt\"\n}\n",
        ),
    ];
    let options: Options =
        serde_json::from_value(serde_json::json!({ "reportFiles": ["ok.tf"] })).unwrap();
    let report = lint(&files, &options).unwrap();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.rule.as_str()))
        .collect();
    assert_eq!(found, [("ok.tf", "missing-required-argument")]);
    assert_eq!(
        (report.summary.errors, report.summary.files),
        (1, 1),
        "{:?}",
        report.summary
    );
}
