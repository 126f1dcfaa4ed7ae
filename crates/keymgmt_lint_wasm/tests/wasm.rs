//! The WebAssembly API, run under Node by wasm-bindgen-test: the same core, reached through
//! JS values as the npm package reaches it.

#![cfg(target_arch = "wasm32")]

use keymgmt_lint_wasm as wasm;
use serde::Deserialize;
use serde_json::json;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(value: serde_json::Value) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

use serde::Serialize as _;

fn rust<T: for<'de> Deserialize<'de>>(value: JsValue) -> T {
    serde_wasm_bindgen::from_value(value).unwrap()
}

const BAD: &str = r#"resource "vault_keymgmt_distribute_key" "dist" {
  path     = "keymgmt"
  kms_name = "aws-kms"
  key_name = "my-key"
  purpose  = "encrypt"
}
"#;

#[wasm_bindgen_test]
fn lint_returns_a_report_with_positions() {
    let files = js(json!([{ "path": "main.tf", "text": BAD }]));
    let report: serde_json::Value = rust(wasm::lint(files, JsValue::UNDEFINED).unwrap());
    // The key and KMS provider are named, not declared: two infos besides the error.
    let diagnostics: Vec<_> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .collect();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0]["rule"], "invalid-value");
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 5);
    assert_eq!(diagnostics[0]["range"]["start"]["column"], 14);
    assert_eq!(report["summary"]["errors"], 1);
    assert_eq!(report["summary"]["resources"], 1);
}

#[wasm_bindgen_test]
fn options_switch_rules_off_and_change_severity() {
    let files = js(json!([{ "path": "main.tf", "text": BAD }]));
    let off = js(json!({ "rules": { "invalid-value": "off" } }));
    let report: serde_json::Value = rust(wasm::lint(files.clone(), off).unwrap());
    assert_eq!(report["summary"]["errors"], 0);
    let warn = js(json!({ "rules": { "invalid-value": "warning" } }));
    let report: serde_json::Value = rust(wasm::lint(files.clone(), warn).unwrap());
    assert_eq!(report["summary"]["warnings"], 1);
    assert_eq!(report["summary"]["errors"], 0);
    let only = js(json!({ "only": ["invalid-value"] }));
    let report: serde_json::Value = rust(wasm::lint(files, only).unwrap());
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 1);
}

#[wasm_bindgen_test]
fn misuse_is_an_error_not_a_trap() {
    assert!(wasm::lint(js(json!("main.tf")), JsValue::UNDEFINED).is_err());
    assert!(wasm::lint(js(json!([{ "path": "main.tf" }])), JsValue::UNDEFINED).is_err());
    let files = js(json!([]));
    assert!(wasm::lint(
        files.clone(),
        js(json!({ "rules": { "no-such-rule": "off" } }))
    )
    .is_err());
    assert!(wasm::lint(files, js(json!({ "colour": true }))).is_err());
}

#[wasm_bindgen_test]
fn rules_schemas_and_version_describe_the_core() {
    let rules: Vec<serde_json::Value> = rust(wasm::rules().unwrap());
    assert!(rules
        .iter()
        .any(|r| r["id"] == "invalid-value" && r["severity"] == "error"));
    assert!(rules
        .iter()
        .all(|r| r["docs"].as_str().is_some_and(|d| d.contains("## Bad"))));
    let schemas: serde_json::Value = rust(wasm::schemas().unwrap());
    assert_eq!(schemas.as_object().unwrap().len(), 8);
    assert_eq!(schemas["vault_keymgmt_key"]["title"], "vault_keymgmt_key");
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

fn lint_one(path: &str, text: &str) -> serde_json::Value {
    let files = js(json!([{ "path": path, "text": text }]));
    rust(wasm::lint(files, JsValue::UNDEFINED).expect("lint returns a report"))
}

/// Deep nesting must end in a parse error, not in a stack overflow of the WASM instance.
#[wasm_bindgen_test]
fn deep_nesting_is_a_parse_error_not_a_trap() {
    let deep = format!(
        "locals {{\n  x = {}{}\n}}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let report = lint_one("main.tf", &deep);
    assert_eq!(report["diagnostics"][0]["rule"], "parse-error");

    let parens = format!(
        "locals {{\n  x = {}1{}\n}}\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    assert_eq!(
        lint_one("main.tf", &parens)["diagnostics"][0]["rule"],
        "parse-error"
    );

    let json = format!(
        "{{\"locals\": {{\"x\": {}{}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert_eq!(
        lint_one("main.tf.json", &json)["diagnostics"][0]["rule"],
        "parse-error"
    );
}

/// The deepest JSON that still parses is evaluated and validated without exhausting the stack.
#[wasm_bindgen_test]
fn deepest_accepted_json_is_linted() {
    let depth = 500;
    let json = format!(
        "{{\"resource\": {{\"vault_keymgmt_key\": {{\"k\": {{\"path\": \"keymgmt\", \"name\": \"k\", \"replica_regions\": {}{}}}}}}}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let report = lint_one("main.tf.json", &json);
    assert_eq!(
        report["diagnostics"][0]["rule"], "invalid-value",
        "{report}"
    );
}

#[wasm_bindgen_test]
fn lint_plan_reads_terraform_show_json() {
    let plan = json!({
        "format_version": "1.2",
        "planned_values": { "root_module": { "resources": [{
            "address": "vault_keymgmt_key.k", "mode": "managed", "type": "vault_keymgmt_key", "name": "k",
            "values": { "path": "keymgmt", "name": "k", "type": "rsa-1024" }
        }] } }
    });
    let report: serde_json::Value = rust(
        wasm::lint_plan(
            plan.to_string(),
            JsValue::UNDEFINED,
            Some("plan.json".into()),
        )
        .unwrap(),
    );
    assert_eq!(report["diagnostics"][0]["rule"], "invalid-value");
    assert_eq!(report["diagnostics"][0]["file"], "plan.json");
    let broken: serde_json::Value =
        rust(wasm::lint_plan("{".into(), JsValue::UNDEFINED, None).unwrap());
    assert_eq!(broken["diagnostics"][0]["rule"], "parse-error");
}
