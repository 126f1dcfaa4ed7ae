use super::{Context, Finding};
use crate::model::{PathSegment, ResourceId, Value};
use crate::providers::{self, KeyCollection};
use crate::redact::Text;

declare_rule! {
    /// ## What it checks
    ///
    /// That every known element of a key's `replica_regions` is a region a replica of the key can
    /// go to. Replicas are AWS KMS multi-Region keys: provider 5.9.0 to 5.11.0 document
    /// `replica_regions` as "Specifies the regions in which the key should be replicated. Supported
    /// only for AWS KMS." (hashicorp/terraform-provider-vault,
    /// `internal/vault/keymgmt/resource_keymgmt_key.go`).
    /// Each element must be:
    ///
    /// - an AWS region code of any partition (`us-east-1`, `eu-central-1`, `us-gov-west-1`,
    ///   `cn-north-1`, `eusc-de-east-1`, `us-isof-south-1`, ...). The regions and their partitions
    ///   are those of the AWS SDK for JavaScript's partitions data (`partitionsInfo` in the npm
    ///   package @aws-sdk/core 3.981.2,
    ///   `dist-es/submodules/client/util-endpoints/lib/aws/partitions.js`), kept as data in
    ///   `src/providers/aws_regions.txt` and generated from that package by
    ///   `scripts/gen-aws-regions.mjs`;
    /// - in the same partition (`aws`, `aws-cn`, `aws-us-gov`, `aws-eusc`, `aws-iso`, ...) as the
    ///   region of each AWS KMS provider the key is distributed to (its `key_collection`): a key in
    ///   `us-east-1` cannot have a replica in `cn-north-1`;
    /// - not that provider's own region, where the key already lives.
    ///
    /// All three are errors. Values unknown before apply are not checked, nor is the partition
    /// where the provider's region is unknown or itself no region (`key-collection-format` reports
    /// that).
    ///
    /// ## Why it matters
    ///
    /// Vault replicates the key with AWS KMS's `ReplicateKey` operation. The AWS KMS API Reference
    /// for `ReplicateKey` says the replica goes to "a different AWS Region than its primary key and
    /// other replicas of that primary key, but in the same AWS partition"; AWS rejects an unknown
    /// region, a region of another partition, and the primary key's own region. Terraform cannot
    /// see any of this: the `apply` fails when Vault replicates, after the key and its distribution
    /// were created.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-east-1"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path            = vault_mount.keymgmt.path
    ///   name            = "multi-region-key"
    ///   type            = "aes256-gcm96"
    ///   replica_regions = ["us-east1", "cn-north-1", "us-east-1"]
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-east-1"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path            = vault_mount.keymgmt.path
    ///   name            = "multi-region-key"
    ///   type            = "aes256-gcm96"
    ///   replica_regions = ["us-west-2", "eu-west-1"]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `replica_regions` in `internal/vault/keymgmt/resource_keymgmt_key.go` and
    ///   `website/docs/r/keymgmt_key.html.md`; `website/docs/r/keymgmt_replicate_key.html.md` (the
    ///   resource "enables AWS KMS multi-region keys").
    /// - AWS KMS API Reference, `ReplicateKey`, request parameter `ReplicaRegion`:
    ///   <https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html>.
    /// - The AWS SDK for JavaScript's partitions data, npm @aws-sdk/core 3.981.2,
    ///   `dist-es/submodules/client/util-endpoints/lib/aws/partitions.js`.
    pub static RULE = {
        id: "replica-region-invalid",
        name: "Invalid replica region",
        severity: Error,
        summary: "A `replica_regions` element that is not an AWS region, is in another AWS partition than the key, or is the key's own region.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    for &key in &graph.keys {
        let resource = ctx.resource(key);
        let Some(attr) = resource.attribute("replica_regions") else {
            continue;
        };
        let value = ctx.value(key, &attr.name);
        let Value::List(regions) = value.unmarked() else {
            continue;
        };
        // AWS KMS providers this key is distributed to, with their (primary) region.
        let homes: Vec<(ResourceId, Text<'_>)> = graph
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
            let Some(partition) = providers::aws_partition(region.as_str()) else {
                let closest = ctx.suggest.text(
                    region,
                    providers::aws_regions().map(|(code, _)| Text::new(code, false)),
                );
                let help = match closest {
                    Some(closest) => format!("Did you mean `{}`?", closest.quoted()),
                    None => {
                        "AWS region codes look like `us-east-1`, `eu-central-1` or `us-gov-west-1`."
                            .to_string()
                    }
                };
                out.push(
                    Finding::new(
                        span,
                        format!(
                            "`{}` lists {region} in `replica_regions`, which is not an AWS region code.",
                            resource.address()
                        ),
                    )
                    .help(help)
                    .about(resource),
                );
                continue;
            };
            for (kms, home) in &homes {
                let kms_resource = ctx.resource(*kms);
                // Facts derived from both values are shown only where neither is sensitive.
                let sensitive = region.is_sensitive() || home.is_sensitive();
                let region = if sensitive {
                    region.into_sensitive()
                } else {
                    region
                };
                let home = if sensitive {
                    home.into_sensitive()
                } else {
                    *home
                };
                let related = (
                    ctx.attr_span(*kms, "key_collection"),
                    format!("`{}` keeps keys in {home}", kms_resource.address()),
                );
                if home == region {
                    out.push(
                        Finding::new(
                            span,
                            format!(
                                "`{}` lists {region} in `replica_regions`, the region its key already lives in through `{}`.",
                                resource.address(),
                                kms_resource.address()
                            ),
                        )
                        .help("Remove the key's own region; AWS KMS puts replicas in other regions only.")
                        .related(related.0, related.1)
                        .about(resource),
                    );
                    break;
                }
                let Some(home_partition) = providers::aws_partition(home.as_str()) else {
                    continue;
                };
                if home_partition != partition {
                    let partition = Text::new(partition, sensitive);
                    let home_partition = Text::new(home_partition, sensitive);
                    out.push(
                        Finding::new(
                            span,
                            format!(
                                "`{}` lists {region} in `replica_regions`, in AWS partition {partition}, but its key lives in {home} through `{}`, in partition {home_partition}.",
                                resource.address(),
                                kms_resource.address()
                            ),
                        )
                        .help("AWS KMS replicates a key only to other regions of its own partition; replicate to a region of the key's partition, or keep a separate key there.")
                        .related(related.0, related.1)
                        .about(resource),
                    );
                    break;
                }
            }
        }
    }
}
