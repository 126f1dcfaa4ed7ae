use super::distribution::resolved;
use super::{Context, Finding};
use crate::providers;

declare_rule! {
    /// ## What it checks
    ///
    /// That a `vault_keymgmt_distribute_key` sends a key to a KMS provider that can hold keys of its
    /// type. From the "Key purpose compatibility" tables of the Vault docs
    /// (pages `docs/secrets/key-management/awskms`, `azurekeyvault` and `gcpkms`), for every provider
    /// version (5.9.0 to 5.11.0 pass the key to Vault unchecked): AWS KMS holds
    /// only `aes256-gcm96` keys, Azure Key Vault only RSA keys, GCP Cloud KMS `aes256-gcm96`, RSA and
    /// `ecdsa-p256`/`ecdsa-p384` keys; no provider holds `ecdsa-p521`. A key without `type` is
    /// `rsa-2048`, Vault's default.
    ///
    /// ## Why it matters
    ///
    /// Terraform plans the distribution happily; Vault refuses it at `apply`, when the key already
    /// exists, leaving a half-applied configuration.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_azure_kms" "azure" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "azure"
    ///   key_collection = "my-keyvault"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "payments"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "azure" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_azure_kms.azure.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_azure_kms" "azure" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "azure"
    ///   key_collection = "my-keyvault"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "payments"
    ///   type = "rsa-2048"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "azure" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_azure_kms.azure.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Vault docs, "Key purpose compatibility" of
    ///   <https://developer.hashicorp.com/vault/docs/secrets/key-management/awskms>,
    ///   <https://developer.hashicorp.com/vault/docs/secrets/key-management/azurekeyvault> and
    ///   <https://developer.hashicorp.com/vault/docs/secrets/key-management/gcpkms>.
    /// - Vault API docs, <https://developer.hashicorp.com/vault/api-docs/secret/key-management>,
    ///   "Create key": `type` defaults to `rsa-2048`.
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_key.go` (default `rsa-2048`) and
    ///   `resource_keymgmt_distribute_key.go` (no check of the key's type).
    pub static RULE = {
        id: "key-type-unsupported",
        name: "Key type unsupported by provider",
        severity: Error,
        summary: "A distribution sends a key of a type the target KMS provider cannot hold.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for dist in resolved(ctx) {
        if providers::purpose_families(dist.key_type.as_str(), dist.provider).is_some() {
            continue;
        }
        let resource = ctx.resource(dist.link.resource);
        let supported = providers::supported_key_types(dist.provider)
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let (type_span, type_note) = dist.key_type_note(ctx);
        let (kms_span, kms_note) = dist.kms_note(ctx);
        out.push(
            Finding::new(
                ctx.attr_span(dist.link.resource, "key_name"),
                format!(
                    "`{}` sends `{}`, a key of type {}, to {}, which cannot hold keys of that type.",
                    resource.address(),
                    ctx.resource(dist.key).address(),
                    dist.key_type,
                    dist.facts.display
                ),
            )
            .help(format!("{} holds {supported} keys.", dist.facts.display))
            .related(type_span, type_note)
            .related(kms_span, kms_note)
            .about(resource),
        );
    }
}
