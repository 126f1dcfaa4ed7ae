use foldhash::{HashMap, HashMapExt};

use super::{Context, Finding};
use crate::graph::{mount_of, namespace_of};
use crate::model::ResourceId;

declare_rule! {
    /// ## What it checks
    ///
    /// That a key is distributed to one KMS provider only: two `vault_keymgmt_distribute_key`
    /// resources that distribute the same `vault_keymgmt_key` on the same mount and in the same
    /// namespace to **different** KMS providers are an error. The later distribution is reported, at
    /// its `kms_name`, with the first as related location. Keys and KMS providers are matched by
    /// reference or by literal name, as the other distribution rules do; a distribution whose key,
    /// KMS provider, mount or namespace is not known before apply is not compared, nor one whose key
    /// or which itself has `count` or `for_each` (its instances may name different keys). Two KMS
    /// provider resources with the same `name` are `duplicate-name`'s to report, not this rule's.
    ///
    /// The fact comes from the Vault API docs, page `api-docs/secret/key-management`, "List KMS
    /// providers of key": "Currently, a key can only be distributed to a single KMS provider." It
    /// holds for every provider version: the early provider (hashicorp/terraform-provider-vault,
    /// `website/docs/r/keymgmt_distribute_key.html.md` of its development branch) and the released
    /// 5.9.0 to 5.11.0 (`internal/vault/keymgmt/resource_keymgmt_distribute_key.go`) both write
    /// `<mount>/kms/<kms_name>/key/<key_name>` and leave the check to Vault.
    ///
    /// ## Why it matters
    ///
    /// Terraform plans both distributions; Vault refuses the second at `apply`, after the first has
    /// already created the key in its cloud provider, leaving a half-applied configuration. A key
    /// needed in two clouds must be two keys in Vault.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "key" {
    ///   path = "keymgmt"
    ///   name = "payments"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = "keymgmt"
    ///   name           = "aws-kms"
    ///   key_collection = "us-west-2"
    /// }
    ///
    /// resource "vault_keymgmt_gcp_kms" "gcp" {
    ///   path           = "keymgmt"
    ///   name           = "gcp-kms"
    ///   key_collection = "projects/my-project/locations/us-central1/keyRings/my-keyring"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "aws" {
    ///   path     = "keymgmt"
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "gcp" {
    ///   path     = "keymgmt"
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "aws_key" {
    ///   path = "keymgmt"
    ///   name = "payments-aws"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_key" "gcp_key" {
    ///   path = "keymgmt"
    ///   name = "payments-gcp"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = "keymgmt"
    ///   name           = "aws-kms"
    ///   key_collection = "us-west-2"
    /// }
    ///
    /// resource "vault_keymgmt_gcp_kms" "gcp" {
    ///   path           = "keymgmt"
    ///   name           = "gcp-kms"
    ///   key_collection = "projects/my-project/locations/us-central1/keyRings/my-keyring"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "aws" {
    ///   path     = "keymgmt"
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.aws_key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "gcp" {
    ///   path     = "keymgmt"
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.gcp_key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Vault API docs, <https://developer.hashicorp.com/vault/api-docs/secret/key-management>,
    ///   "List KMS providers of key".
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_distribute_key.go` and `helpers.go`
    ///   (`BuildDistributeKeyPath`).
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_distribute_key.html.md` of an unreleased development branch).
    pub static RULE = {
        id: "key-multiple-kms",
        name: "Key distributed to several KMS providers",
        severity: Error,
        summary: "The same key distributed to two different KMS providers; Vault allows one per key.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    // Per key, the first distribution on each (mount, namespace): linear in the distributions.
    let mut first: HashMap<(&str, &str), (ResourceId, ResourceId)> = HashMap::new();
    for &key in &graph.keys {
        if repeated(ctx, key) {
            continue;
        }
        first.clear();
        for link in graph.distributions_of(key) {
            let Some(kms) = link.kms else { continue };
            if repeated(ctx, link.resource) {
                continue;
            }
            let (Some(mount), Some(namespace)) = (
                mount_of(&ctx.eval, link.resource).text(),
                namespace_of(&ctx.eval, link.resource),
            ) else {
                continue;
            };
            let Some(&(earlier, earlier_kms)) = first.get(&(mount.as_str(), namespace.as_str()))
            else {
                first.insert((mount.as_str(), namespace.as_str()), (link.resource, kms));
                continue;
            };
            if earlier_kms == kms || same_name(ctx, earlier_kms, kms) {
                continue;
            }
            let resource = ctx.resource(link.resource);
            let address = resource.address();
            let earlier_address = ctx.resource(earlier).address();
            let key_address = ctx.resource(key).address();
            let kms_address = ctx.resource(kms).address();
            let earlier_kms_address = ctx.resource(earlier_kms).address();
            out.push(
                Finding::new(
                    ctx.attr_span(link.resource, "kms_name"),
                    format!(
                        "`{address}` distributes `{key_address}` to `{kms_address}`, but `{earlier_address}` already distributes it to `{earlier_kms_address}`: Vault distributes a key to a single KMS provider."
                    ),
                )
                .help(format!(
                    "Create a separate `vault_keymgmt_key` for `{kms_address}`, or remove one of the two distributions."
                ))
                .related(
                    ctx.attr_span(earlier, "kms_name"),
                    format!("`{earlier_address}` distributes the key to `{earlier_kms_address}`"),
                )
                .about(resource),
            );
        }
    }
}

/// Whether the resource has several instances (or may have).
fn repeated(ctx: &Context<'_>, index: ResourceId) -> bool {
    let resource = ctx.resource(index);
    resource.attribute("count").is_some() || resource.attribute("for_each").is_some()
}

/// Whether two KMS provider resources have the same Known `name` on the same mount (then they
/// are one Vault object, and `duplicate-name`'s to report).
fn same_name(ctx: &Context<'_>, a: ResourceId, b: ResourceId) -> bool {
    let name = |i: ResourceId| ctx.value(i, "name").text();
    let mount = |i: ResourceId| mount_of(&ctx.eval, i).text();
    name(a).is_some()
        && name(a) == name(b)
        && mount(a).is_some()
        && mount(a) == mount(b)
        && namespace_of(&ctx.eval, a) == namespace_of(&ctx.eval, b)
}
