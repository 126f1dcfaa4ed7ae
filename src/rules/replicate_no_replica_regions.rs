use super::{Context, Finding};
use crate::model::Value;

declare_rule! {
    /// ## What it checks
    ///
    /// That the key a `vault_keymgmt_replicate_key` replicates has a non-empty `replica_regions`.
    /// The provider's page for the resource (hashicorp/terraform-provider-vault
    /// `website/docs/r/keymgmt_replicate_key.html.md`, in the early provider docs of its unreleased
    /// development branch and in 5.9.0 to 5.11.0 alike): "The key must have `replica_regions`
    /// configured in `vault_keymgmt_key`".
    ///
    /// ## Why it matters
    ///
    /// Without replica regions there is nowhere to replicate to: Vault rejects the replication at
    /// `apply`.
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
    ///   path = vault_mount.keymgmt.path
    ///   name = "multi-region-key"
    ///   type = "aes256-gcm96"
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
    ///   each): `website/docs/r/keymgmt_replicate_key.html.md` (`key_name`, and the note after
    ///   "Import").
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_replicate_key.html.md` of an unreleased development branch).
    pub static RULE = {
        id: "replicate-no-replica-regions",
        name: "Replicated key without replica regions",
        severity: Error,
        summary: "A replication's key has no, or an empty, `replica_regions`.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for link in &ctx.graph().replications {
        let Some(key) = link.key else { continue };
        let key_resource = ctx.resource(key);
        let (what, span) = match key_resource.attribute("replica_regions") {
            None => ("sets no `replica_regions`", key_resource.header),
            Some(attr) => match ctx.value(key, &attr.name).unmarked() {
                Value::Null => ("sets `replica_regions` to null", attr.value.span),
                Value::List(items) if items.is_empty() => {
                    ("has an empty `replica_regions`", attr.value.span)
                }
                _ => continue,
            },
        };
        let resource = ctx.resource(link.resource);
        out.push(
            Finding::new(
                ctx.attr_span(link.resource, "key_name"),
                format!(
                    "`{}` replicates `{}`, which {what}.",
                    resource.address(),
                    key_resource.address()
                ),
            )
            .help("List the AWS regions to replicate to in the key's `replica_regions`.")
            .related(span, format!("`{}` {what}", key_resource.address()))
            .about(resource),
        );
    }
}
