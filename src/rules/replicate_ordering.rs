//! ## What it checks
//!
//! That a `vault_keymgmt_replicate_key` waits for the distribution of its key to the same KMS
//! provider: it must reference that `vault_keymgmt_distribute_key`, in an argument or in
//! `depends_on`, as the example of
//! hashicorp/terraform-provider-vault `website/docs/r/keymgmt_replicate_key.html.md` does with
//! `depends_on = [vault_keymgmt_distribute_key.dist]`.
//!
//! ## Why it matters
//!
//! Both resources reference only the key and the KMS provider, so Terraform sees no order
//! between them and may create both at once; the replication then finds no distributed key
//! and the `apply` fails, or succeeds only on a second run.
//!
//! ## Bad
//!
//! ```hcl
//! resource "vault_keymgmt_replicate_key" "replicate" {
//!   path     = vault_mount.keymgmt.path
//!   kms_name = vault_keymgmt_aws_kms.aws.name
//!   key_name = vault_keymgmt_key.key.name
//! }
//! ```
//!
//! ## Good
//!
//! ```hcl
//! resource "vault_keymgmt_replicate_key" "replicate" {
//!   path     = vault_mount.keymgmt.path
//!   kms_name = vault_keymgmt_aws_kms.aws.name
//!   key_name = vault_keymgmt_key.key.name
//!
//!   depends_on = [vault_keymgmt_distribute_key.dist]
//! }
//! ```

use super::{Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::graph::refers_to;

pub static RULE: Rule = Rule {
    id: "replicate-ordering",
    name: "Replication not ordered after its distribution",
    severity: Severity::Warning,
    summary: "A replication neither references nor depends on the distribution it needs.",
    docs: super::docs::REPLICATE_ORDERING,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    for link in &graph.replications {
        let (Some(key), Some(kms)) = (link.key, link.kms) else {
            continue;
        };
        let resource = ctx.resource(link.resource);
        let distributions: Vec<usize> = graph
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
        out.push(
            Finding::new(
                resource.header,
                format!(
                    "`{}` does not depend on `{}`, so Terraform may create both at once and the replication fail.",
                    resource.address(),
                    dist.address()
                ),
            )
            .help(format!("Add `depends_on = [{}.{}]`.", dist.kind, dist.name))
            .related(dist.header, format!("`{}` distributes the key", dist.address()))
            .about(resource),
        );
    }
}
