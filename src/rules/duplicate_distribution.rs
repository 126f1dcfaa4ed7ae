use foldhash::{HashMap, HashMapExt};

use super::{Context, Finding};
use crate::model::ResourceId;

declare_rule! {
    /// ## What it checks
    ///
    /// That no two `vault_keymgmt_distribute_key` resources distribute the same key to the same KMS
    /// provider, whether they name them by reference or by literal name. Only distributions whose key
    /// and KMS provider are both resolved are compared. When the key or the KMS provider has `count`
    /// or `for_each`, or the distribution itself has, two distributions may name different instances
    /// (`vault_keymgmt_key.keys[0]` and `[1]`), so they are not compared. The later distribution is
    /// reported, with the first as related location.
    ///
    /// ## Why it matters
    ///
    /// Vault keeps one distribution per key and KMS provider, at
    /// `<mount>/kms/<kms_name>/key/<key_name>` (Vault API docs, `api-docs/secret/key-management`,
    /// "Distribute key to KMS provider"; provider 5.9.0 to 5.11.0,
    /// `internal/vault/keymgmt/resource_keymgmt_distribute_key.go`). Two resources for it both
    /// manage that one object: with different `purpose` or `protection` they rewrite each other on
    /// every apply, and destroying either removes the key from the KMS provider for both. It works,
    /// but is wasteful and risky, hence a warning.
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
    ///   name = "payments"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws"
    ///   key_collection = "us-east-1"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "encrypt" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt"]
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "decrypt" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["decrypt"]
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
    ///   path = vault_mount.keymgmt.path
    ///   name = "payments"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws"
    ///   key_collection = "us-east-1"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "aws_dist" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Vault API docs, <https://developer.hashicorp.com/vault/api-docs/secret/key-management>,
    ///   "Distribute key to KMS provider": one distribution at `/keymgmt/kms/:name/key/:key_name`.
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_distribute_key.go` and `helpers.go`
    ///   (`BuildDistributeKeyPath`).
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_distribute_key.html.md` of an unreleased development branch): the
    ///   import ID `{path}/kms/{kms_name}/key/{key_name}`.
    /// - Terraform: <https://developer.hashicorp.com/terraform/language/meta-arguments/count> and
    ///   <https://developer.hashicorp.com/terraform/language/meta-arguments/for_each>.
    pub static RULE = {
        id: "duplicate-distribution",
        name: "Duplicate distribution",
        severity: Warning,
        summary: "The same key distributed to the same KMS provider twice.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut first: HashMap<(ResourceId, ResourceId), ResourceId> = HashMap::new();
    for link in &ctx.graph().distributions {
        let (Some(key), Some(kms)) = (link.key, link.kms) else {
            continue;
        };
        if [link.resource, key, kms].iter().any(|&i| repeated(ctx, i)) {
            continue;
        }
        let Some(&earlier) = first.get(&(key, kms)) else {
            first.insert((key, kms), link.resource);
            continue;
        };
        let resource = ctx.resource(link.resource);
        let address = resource.address();
        let earlier_address = ctx.resource(earlier).address();
        let (key_address, kms_address) = (ctx.resource(key).address(), ctx.resource(kms).address());
        out.push(
            Finding::new(
                ctx.attr_span(link.resource, "kms_name"),
                format!(
                    "`{address}` distributes `{key_address}` to `{kms_address}`, as `{earlier_address}` already does."
                ),
            )
            .help(format!(
                "Keep one distribution: merge the `purpose` lists into `{earlier_address}` and remove `{address}`."
            ))
            .related(
                ctx.attr_span(earlier, "kms_name"),
                format!("`{earlier_address}` distributes the same key to the same KMS provider"),
            )
            .about(resource),
        );
    }
}

/// Whether the resource has several instances (or may have).
fn repeated(ctx: &Context<'_>, index: ResourceId) -> bool {
    let resource = ctx.resource(index);
    resource.attribute("count").is_some() || resource.attribute("for_each").is_some()
}
