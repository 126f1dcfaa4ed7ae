//! What the lint options declare about providers (`providers.<kms name>`): facts the
//! configuration cannot show, such as an Azure Key Vault's SKU or where Cloud HSM is served.

#![cfg(not(target_arch = "wasm32"))]

use keymgmt_lint::{lint, Options, SourceFile};

const MODULE: &str = r#"
resource "vault_keymgmt_key" "rsa" {
  path = "keymgmt"
  name = "rsa"
}

resource "vault_keymgmt_azure_kms" "azure" {
  path           = "keymgmt"
  name           = "azure-kv"
  key_collection = "my-keyvault"
}

resource "vault_keymgmt_gcp_kms" "gcp" {
  path           = "keymgmt"
  name           = "gcp-kms"
  key_collection = "projects/p/locations/europe-west9/keyRings/r"
}

resource "vault_keymgmt_distribute_key" "azure" {
  path       = "keymgmt"
  kms_name   = vault_keymgmt_azure_kms.azure.name
  key_name   = vault_keymgmt_key.rsa.name
  purpose    = ["sign"]
  protection = "hsm"
}

resource "vault_keymgmt_distribute_key" "gcp" {
  path       = "keymgmt"
  kms_name   = vault_keymgmt_gcp_kms.gcp.name
  key_name   = vault_keymgmt_key.rsa.name
  purpose    = ["sign"]
  protection = "hsm"
}
"#;

fn protection_findings(options: serde_json::Value) -> Vec<String> {
    let options: Options = serde_json::from_value(options).unwrap();
    let report = lint(&[SourceFile::new("main.tf", MODULE)], &options).unwrap();
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "protection-unsupported")
        .map(|d| d.resource.clone().unwrap_or_default())
        .collect()
}

#[test]
fn without_settings_hsm_is_assumed_available() {
    assert!(protection_findings(serde_json::json!({})).is_empty());
}

#[test]
fn a_declared_standard_sku_or_missing_cloud_hsm_forbids_hsm() {
    let options = serde_json::json!({
        "providers": { "azure-kv": { "sku": "standard" }, "gcp-kms": { "hsm": false } }
    });
    assert_eq!(
        protection_findings(options),
        [
            "vault_keymgmt_distribute_key.azure",
            "vault_keymgmt_distribute_key.gcp"
        ]
    );
    let premium = serde_json::json!({ "providers": { "azure-kv": { "sku": "premium" } } });
    assert!(protection_findings(premium).is_empty());
}

#[test]
fn unknown_provider_settings_are_rejected() {
    let options = serde_json::json!({ "providers": { "azure-kv": { "tier": "premium" } } });
    assert!(serde_json::from_value::<Options>(options).is_err());
}
