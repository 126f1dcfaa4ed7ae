//! ## What it checks
//!
//! That every element of a key's `replica_regions` is an AWS region code (`us-east-1`,
//! `eu-central-1`, `us-gov-west-1`, `cn-north-1`, ...), since replicas are AWS KMS multi-region
//! keys (seed 002). A warning, not an error, when a region equals the `key_collection` of an AWS
//! KMS provider the key is distributed to: the key already lives there, so that replica is one
//! of itself.
//!
//! ## Why it matters
//!
//! AWS rejects an unknown region when Vault replicates the key, at `apply`; a replica in the
//! primary's own region is refused by AWS or, at best, wasted.
//!
//! ## Bad
//!
//! ```hcl
//! resource "vault_keymgmt_key" "key" {
//!   path            = vault_mount.keymgmt.path
//!   name            = "multi-region-key"
//!   type            = "aes256-gcm96"
//!   replica_regions = ["us-east1", "europe-west"]
//! }
//! ```
//!
//! ## Good
//!
//! ```hcl
//! resource "vault_keymgmt_key" "key" {
//!   path            = vault_mount.keymgmt.path
//!   name            = "multi-region-key"
//!   type            = "aes256-gcm96"
//!   replica_regions = ["us-east-1", "eu-west-1"]
//! }
//! ```

use super::{Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::model::{PathSegment, Value};
use crate::providers::{self, KeyCollection};
use crate::redact::Text;

pub static RULE: Rule = Rule {
    id: "replica-region-invalid",
    name: "Invalid replica region",
    severity: Severity::Error,
    summary:
        "A `replica_regions` element that is not an AWS region, or that is the key's own region.",
    docs: super::docs::REPLICA_REGION_INVALID,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    for &key in &graph.keys {
        let resource = ctx.resource(key);
        let Some(attr) = resource.attribute("replica_regions") else {
            continue;
        };
        let value = ctx.eval.eval(&attr.value);
        let Value::List(regions) = value.unmarked() else {
            continue;
        };
        // AWS KMS providers this key is distributed to, with their (primary) region.
        let homes: Vec<(usize, Text<'_>)> = graph
            .distributions_of(key)
            .filter_map(|d| d.kms)
            .filter(|&kms| {
                graph
                    .provider_of(kms)
                    .is_some_and(|p| providers::facts(p).key_collection == KeyCollection::AwsRegion)
            })
            .filter_map(|kms| Some((kms, ctx.value(kms, "key_collection").text()?)))
            .collect();
        for (i, region) in regions.iter().enumerate() {
            let Some(region) = region.text() else {
                continue;
            };
            let span = attr.value.locate(&[PathSegment::Index(i)]).span;
            if !providers::is_aws_region(region.as_str()) {
                out.push(
                    Finding::new(
                        span,
                        format!(
                            "`{}` lists {region} in `replica_regions`, which is not an AWS region code.",
                            resource.address()
                        ),
                    )
                    .help("AWS region codes look like `us-east-1`, `eu-central-1` or `us-gov-west-1`.")
                    .about(resource),
                );
            } else if let Some((kms, home)) = homes.iter().find(|(_, home)| *home == region) {
                // Equal to the KMS provider's region: sensitive if either is.
                let region = if home.is_sensitive() {
                    region.into_sensitive()
                } else {
                    region
                };
                let kms_resource = ctx.resource(*kms);
                out.push(
                    Finding::new(
                        span,
                        format!(
                            "`{}` lists {region} in `replica_regions`, the region its key already lives in through `{}`.",
                            resource.address(),
                            kms_resource.address()
                        ),
                    )
                    .severity(Severity::Warning)
                    .help("Remove the key's own region; replicas go to other regions.")
                    .related(ctx.attr_span(*kms, "key_collection"), format!("`{}` keeps keys in {region}", kms_resource.address()))
                    .about(resource),
                );
            }
        }
    }
}
