use super::{Context, Finding};

declare_rule! {
    /// ## What it checks
    ///
    /// That the key a `vault_keymgmt_replicate_key` replicates is distributed, by a
    /// `vault_keymgmt_distribute_key` in the same module, to the same KMS provider on the same
    /// mount. The provider's page for the resource (hashicorp/terraform-provider-vault
    /// `website/docs/r/keymgmt_replicate_key.html.md`, in the early provider docs and in 5.9.0 to
    /// 5.11.0 alike): the key "must already be distributed to the AWS KMS provider". When some
    /// distribution's key or provider cannot be known before apply, it might be the one, and the
    /// rule stays silent.
    ///
    /// ## Why it matters
    ///
    /// Replication turns the distributed AWS key into a multi-region key; with no distributed key
    /// there is nothing to replicate and Vault fails the `apply`.
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
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws"
    ///   key_collection = "us-east-1"
    /// }
    ///
    /// resource "vault_keymgmt_replicate_key" "replicate" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
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
    /// resource "vault_keymgmt_distribute_key" "dist" {
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
    ///   depends_on = [vault_keymgmt_distribute_key.dist]
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
        id: "replicate-not-distributed",
        name: "Replication of an undistributed key",
        severity: Error,
        summary: "No distribution in the module sends the replicated key to that KMS provider.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    let undecided = graph
        .distributions
        .iter()
        .any(|d| d.key.is_none() || d.kms.is_none());
    if undecided {
        return;
    }
    for link in &graph.replications {
        let (Some(key), Some(kms)) = (link.key, link.kms) else {
            continue;
        };
        if graph.distributions_of(key).any(|d| d.kms == Some(kms)) {
            continue;
        }
        let resource = ctx.resource(link.resource);
        let (key_resource, kms_resource) = (ctx.resource(key), ctx.resource(kms));
        out.push(
            Finding::new(
                ctx.attr_span(link.resource, "key_name"),
                format!(
                    "`{}` replicates `{}`, which no `vault_keymgmt_distribute_key` in the module distributes to `{}`.",
                    resource.address(),
                    key_resource.address(),
                    kms_resource.address()
                ),
            )
            .help(format!(
                "Distribute the key first: a `vault_keymgmt_distribute_key` with `key_name = {}.name` and `kms_name = {}.name`.",
                key_resource.address(),
                kms_resource.address()
            ))
            .related(key_resource.header, format!("`{}` is declared here", key_resource.address()))
            .related(kms_resource.header, format!("`{}` is declared here", kms_resource.address()))
            .about(resource),
        );
    }
}
