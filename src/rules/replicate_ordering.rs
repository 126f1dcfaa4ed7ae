use super::{Context, Finding};
use crate::fix;
use crate::graph::refers_to;
use crate::model::ResourceId;

declare_rule! {
    /// ## What it checks
    ///
    /// That a `vault_keymgmt_replicate_key` waits for the distribution of its key to the same KMS
    /// provider: it must reference that `vault_keymgmt_distribute_key`, in an argument or in
    /// `depends_on`, as the example of
    /// hashicorp/terraform-provider-vault `website/docs/r/keymgmt_replicate_key.html.md` does with
    /// `depends_on = [vault_keymgmt_distribute_key.dist]`.
    ///
    /// ## Why it matters
    ///
    /// Both resources reference only the key and the KMS provider, so Terraform sees no order
    /// between them and may create both at once; the replication then finds no distributed key
    /// and the `apply` fails, or succeeds only on a second run.
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
    /// ## Fix
    ///
    /// Safe: `depends_on = [vault_keymgmt_distribute_key.NAME]` is added as the first line of the
    /// replication's block, where it has no `depends_on` yet and the distribution is in the same
    /// module. `keymgmt-lint --fix` applies it.
    ///
    /// ## Sources
    ///
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): the example of `website/docs/r/keymgmt_replicate_key.html.md`.
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_replicate_key.html.md` of an unreleased development branch): the
    ///   same `depends_on`.
    /// - Terraform, <https://developer.hashicorp.com/terraform/language/meta-arguments/depends_on>:
    ///   dependencies that Terraform cannot infer from references.
    pub static RULE = {
        id: "replicate-ordering",
        name: "Replication not ordered after its distribution",
        severity: Warning,
        summary: "A replication neither references nor depends on the distribution it needs.",
        fixes: Safe,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    for link in &graph.replications {
        let (Some(key), Some(kms)) = (link.key, link.kms) else {
            continue;
        };
        let resource = ctx.resource(link.resource);
        let distributions: Vec<ResourceId> = graph
            .distributions_of(key)
            .filter(|d| d.kms == Some(kms))
            .map(|d| d.resource)
            .collect();
        let Some(&first) = distributions.first() else {
            continue;
        };
        if distributions
            .iter()
            .any(|&d| refers_to(ctx.module, resource, d))
        {
            continue;
        }
        let dist = ctx.resource(first);
        let depends_on = format!("depends_on = [{}.{}]", dist.kind, dist.name);
        // Where the block has no `depends_on` yet, and the distribution is of its own module
        // (where the reference resolves).
        let fix = (resource.attribute("depends_on").is_none() && resource.scope == dist.scope)
            .then(|| {
                fix::add_first_line(
                    ctx.module,
                    resource.header,
                    &depends_on,
                    format!("Add `{depends_on}`"),
                )
            })
            .flatten();
        out.push(
            Finding::new(
                resource.header,
                format!(
                    "`{}` does not depend on `{}`, so Terraform may create both at once and the replication fail.",
                    resource.address(),
                    dist.address()
                ),
            )
            .help(format!("Add `{depends_on}`."))
            .fix(fix)
            .related(dist.header, format!("`{}` distributes the key", dist.address()))
            .about(resource),
        );
    }
}
