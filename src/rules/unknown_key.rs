use super::unknown_name::{self, Named};
use super::{Context, Finding};

declare_rule! {
    /// ## What it checks
    ///
    /// That a `key_name` of a `vault_keymgmt_distribute_key` or `vault_keymgmt_replicate_key`, or the
    /// `name` of a `vault_keymgmt_key_rotate` (the key it rotates), given as a name rather than a
    /// reference (a literal string, or a variable or local value whose value is known) matches the
    /// `name` of a `vault_keymgmt_key` in the module. A close match is suggested. When the `name` of
    /// some key in the module cannot be known before apply, it may be the one named, and the rule
    /// stays silent. A key of that name on another mount is a match here; the wrong mount is
    /// `mount-mismatch`'s to report.
    ///
    /// ## Why it matters
    ///
    /// It is an info only: the key may be managed outside the module (by another workspace
    /// or by hand), and then the configuration is correct. When it is not, Vault rejects the
    /// distribution, replication or rotation at apply time because the key does not exist; and even
    /// when it is declared in the module, a literal name gives Terraform no dependency, so it may
    /// create the distribution or rotation before the key. A reference
    /// (`vault_keymgmt_key.encryption_key.name`) avoids both.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "encryption_key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "aws-encryption-key"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "aws_dist" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = "aws-encrytion-key"
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
    ///   "Distribute key to KMS provider" and "Rotate key": the key (and, for a distribution, the
    ///   KMS provider) is named in the request path.
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_distribute_key.go`,
    ///   `resource_keymgmt_replicate_key.go` and `resource_keymgmt_key_rotate.go`, which send the
    ///   names as given.
    /// - Terraform, <https://developer.hashicorp.com/terraform/language/meta-arguments/depends_on>:
    ///   "we recommend using expression references to imply dependencies when possible".
    pub static RULE = {
        id: "unknown-key",
        name: "Unknown key",
        severity: Info,
        summary:
            "A `key_name` (or a key rotation's `name`) that names no `vault_keymgmt_key` of the module.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let named = Named {
        attr: "key_name",
        rotation_attr: Some("name"),
        end: |link| link.key,
        what: "the key",
        declared_as: "`vault_keymgmt_key`",
        reference: "`vault_keymgmt_key.<name>.name`",
    };
    unknown_name::check(ctx, &named, &ctx.graph().keys, out);
}
