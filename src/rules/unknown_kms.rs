use super::unknown_name::{self, Named};
use super::{Context, Finding};

declare_rule! {
    /// ## What it checks
    ///
    /// That a `kms_name` of a `vault_keymgmt_distribute_key` or `vault_keymgmt_replicate_key` given
    /// as a name rather than a reference (a literal string, or a variable or local value whose value
    /// is known) matches the `name` of a KMS provider resource (`vault_keymgmt_aws_kms`,
    /// `vault_keymgmt_azure_kms` or `vault_keymgmt_gcp_kms`) in the module. A close match is
    /// suggested. When the `name` of some KMS provider in the module cannot be known before apply,
    /// it may be the one named, and the rule stays silent. A KMS provider of that name on another
    /// mount is a match here; the wrong mount is `mount-mismatch`'s to report.
    ///
    /// ## Why it matters
    ///
    /// It is an info only: the KMS provider may be managed outside the module (by another
    /// workspace or by hand), and then the configuration is correct. When it is not, Vault rejects
    /// the distribution at apply time because the KMS provider does not exist; and even when it is
    /// declared in the module, a literal name gives Terraform no dependency, so it may create the
    /// distribution before the KMS provider. A reference (`vault_keymgmt_aws_kms.aws.name`) avoids
    /// both.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-west-2"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "aws_dist" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = "aws-ksm"
    ///   key_name = vault_keymgmt_key.encryption_key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_distribute_key" "aws_dist" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.encryption_key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Vault API docs, <https://developer.hashicorp.com/vault/api-docs/secret/key-management>,
    ///   "Distribute key to KMS provider": the key and the KMS provider are named in the request
    ///   path.
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_distribute_key.go` and
    ///   `resource_keymgmt_replicate_key.go`, which send the names as given.
    /// - Terraform, <https://developer.hashicorp.com/terraform/language/meta-arguments/depends_on>:
    ///   "we recommend using expression references to imply dependencies when possible".
    pub static RULE = {
        id: "unknown-kms",
        name: "Unknown KMS provider",
        severity: Info,
        summary: "A `kms_name` that names no KMS provider resource of the module.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let named = Named {
        attr: "kms_name",
        rotation_attr: None,
        end: |link| link.kms,
        what: "the KMS provider",
        declared_as: "KMS provider resource",
        reference: "e.g. `vault_keymgmt_aws_kms.<name>.name`",
    };
    unknown_name::check(
        ctx,
        &named,
        &ctx.graph().kms.iter().map(|&(i, _)| i).collect::<Vec<_>>(),
        out,
    );
}
