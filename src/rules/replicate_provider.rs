use super::{Context, Finding};
use crate::providers::{self, PROVIDERS};

declare_rule! {
    /// ## What it checks
    ///
    /// That a `vault_keymgmt_replicate_key` names an AWS KMS provider. The provider's page for the
    /// resource (hashicorp/terraform-provider-vault `website/docs/r/keymgmt_replicate_key.html.md`,
    /// in the early provider docs and in 5.9.0 to 5.11.0 alike): "This resource is only applicable
    /// to AWS KMS and does not work with Azure Key Vault or GCP Cloud KMS" — it makes the key an AWS
    /// multi-region key.
    ///
    /// ## Why it matters
    ///
    /// Vault rejects the replication at `apply`, after the key and its distribution were created.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path            = vault_mount.keymgmt.path
    ///   name            = "multi-region-key"
    ///   type            = "aes256-gcm96"
    ///   replica_regions = ["us-west-2", "eu-west-1"]
    /// }
    ///
    /// resource "vault_keymgmt_gcp_kms" "gcp" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "gcp"
    ///   key_collection = "projects/my-project/locations/us-central1/keyRings/my-keyring"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "gcp" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    ///
    /// resource "vault_keymgmt_replicate_key" "replicate" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.key.name
    ///
    ///   depends_on = [vault_keymgmt_distribute_key.gcp]
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
    /// resource "vault_keymgmt_key" "key" {
    ///   path            = vault_mount.keymgmt.path
    ///   name            = "multi-region-key"
    ///   type            = "aes256-gcm96"
    ///   replica_regions = ["us-west-2", "eu-west-1"]
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws"
    ///   key_collection = "us-east-1"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "aws" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    ///
    /// resource "vault_keymgmt_replicate_key" "replicate" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///
    ///   depends_on = [vault_keymgmt_distribute_key.aws]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `website/docs/r/keymgmt_replicate_key.html.md`, and
    ///   `internal/vault/keymgmt/resource_keymgmt_replicate_key.go`: "Replicates a Key Management
    ///   key to configured regions (AWS KMS only)".
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_replicate_key.html.md` of an unreleased development branch).
    pub static RULE = {
        id: "replicate-provider",
        name: "Replication to a provider without replication",
        severity: Error,
        summary: "A replication names a KMS provider other than AWS KMS.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    let able: Vec<&str> = PROVIDERS
        .iter()
        .filter(|f| f.replication)
        .map(|f| f.display)
        .collect();
    for link in &graph.replications {
        let Some(kms) = link.kms else { continue };
        let Some(facts) = graph.provider_of(kms).map(providers::facts) else {
            continue;
        };
        if facts.replication {
            continue;
        }
        let resource = ctx.resource(link.resource);
        let kms_resource = ctx.resource(kms);
        out.push(
            Finding::new(
                ctx.attr_span(link.resource, "kms_name"),
                format!(
                    "`{}` replicates to {} `{}`, which does not support key replication.",
                    resource.address(),
                    facts.display,
                    kms_resource.address()
                ),
            )
            .help(format!("Only {} keys can be replicated.", able.join(", ")))
            .related(
                kms_resource.header,
                format!("`{}` is {}", kms_resource.address(), facts.display),
            )
            .about(resource),
        );
    }
}
