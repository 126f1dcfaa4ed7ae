use std::collections::BTreeMap;

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};

use super::{Context, Finding};
use crate::graph;
use crate::model::{ResourceId, Value};
use crate::redact::Text;

declare_rule! {
    /// ## What it checks
    ///
    /// That no two `vault_keymgmt_key` resources, and no two KMS provider resources (of any of the
    /// three types together, since Vault keeps them under one `kms/<name>` path), have the same
    /// `name` on the same mount and in the same namespace. Mounts and namespaces are compared
    /// without slashes at either end; a resource without `namespace` is in the root namespace (or
    /// the provider's, which is the same for all such resources). Resources of different provider
    /// configurations (`provider = vault.eu`) may talk to different Vault servers or namespaces and
    /// are never compared. The later resource is reported, with the first as related location.
    /// Names, mounts or namespaces that cannot be known before apply are never compared.
    ///
    /// A resource with `count` or `for_each` whose `name` is known (so uses neither `count.index`
    /// nor `each`) gives every instance that one name: it is reported when `count` or `for_each`
    /// is known to create two or more instances. A `count` that cannot be known (often
    /// `var.enabled ? 1 : 0`) is not reported.
    ///
    /// ## Why it matters
    ///
    /// Vault identifies a key as `<mount>/key/<name>` and a KMS provider as `<mount>/kms/<name>`
    /// (Vault API docs, `api-docs/secret/key-management`; provider 5.9.0 to 5.11.0,
    /// `internal/vault/keymgmt/resource_keymgmt_key.go` and `resource_keymgmt_*_kms.go`). Two
    /// Terraform resources with one name manage one Vault object: the second create fails, or
    /// silently rewrites the first one's settings on every apply, and destroying either removes the
    /// object both depend on.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_key" "encryption_key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "app-key"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_key" "signing_key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "app-key"
    ///   type = "rsa-2048"
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
    /// resource "vault_keymgmt_key" "encryption_key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "app-encryption-key"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_key" "signing_key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "app-signing-key"
    ///   type = "rsa-2048"
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Vault API docs, <https://developer.hashicorp.com/vault/api-docs/secret/key-management>,
    ///   "Create key" (`/keymgmt/key/:name`) and "Create/Update KMS provider"
    ///   (`/keymgmt/kms/:name`, whatever the `provider`).
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/helpers.go` (`BuildKeyPath`, `BuildKMSPath`), used by
    ///   `resource_keymgmt_key.go` and `resource_keymgmt_*_kms.go`.
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_key.html.md` and `keymgmt_*_kms.html.md` of an unreleased
    ///   development branch): the IDs `{path}/key/{name}` and `{path}/kms/{name}`.
    /// - Terraform: <https://developer.hashicorp.com/terraform/language/meta-arguments/count>,
    ///   <https://developer.hashicorp.com/terraform/language/meta-arguments/for_each> and
    ///   <https://developer.hashicorp.com/terraform/language/meta-arguments/provider>.
    pub static RULE = {
        id: "duplicate-name",
        name: "Duplicate name",
        severity: Error,
        summary: "Two keys, or two KMS providers, with the same name on the same mount and namespace.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    let kms: Vec<ResourceId> = graph.kms.iter().map(|&(index, _)| index).collect();
    check_group(ctx, &graph.keys, "key", out);
    check_group(ctx, &kms, "KMS provider", out);
}

fn check_group<'c>(ctx: &'c Context<'_>, group: &[ResourceId], what: &str, out: &mut Vec<Finding>) {
    // (provider configuration, namespace, mount, name) → the first resource with it, and
    // whether its identity is sensitive.
    let mut first: HashMap<(CompactString, &str, &str, &str), (ResourceId, bool)> = HashMap::new();
    // The first instance of a block → how many of its instances share its identity, and where.
    let mut shared: BTreeMap<ResourceId, (usize, String)> = BTreeMap::new();
    let mut ordered = group.to_vec();
    ordered.sort_unstable();
    for index in ordered {
        let Some(Identity {
            provider,
            namespace,
            mount,
            name,
        }) = identity(ctx, index)
        else {
            continue;
        };
        let resource = ctx.resource(index);
        // Formatted only for a finding: nearly every resource has none.
        let where_ = || place(mount, namespace);
        let sensitive = [namespace, mount, name].iter().any(Text::is_sensitive);
        let key = (provider, namespace.as_str(), mount.as_str(), name.as_str());
        match first.get(&key) {
            // Instances of one block: one finding about the block, below.
            Some(&(earlier, _))
                if ctx.resource(earlier).block_address() == address_of_block(ctx, index) =>
            {
                shared.entry(earlier).or_insert((1, where_())).0 += 1;
            }
            Some(&(earlier, earlier_sensitive)) => {
                let address = resource.address();
                let earlier_address = ctx.resource(earlier).address();
                // The two are equal: what one keeps secret, the other must not tell.
                let mark = |t: Text<'c>| {
                    if earlier_sensitive {
                        t.into_sensitive()
                    } else {
                        t
                    }
                };
                let (name, mount, namespace) = (mark(name), mark(mount), mark(namespace));
                let where_ = || place(mount, namespace);
                out.push(
                    Finding::new(
                        ctx.attr_span(index, "name"),
                        format!(
                            "`{address}` has the same name {name} as the {what} `{earlier_address}` {}, so both manage one Vault {what}.",
                            where_()
                        ),
                    )
                    .help(format!(
                        "Rename one of them; if both are meant to be one {what}, remove `{address}` and reference `{earlier_address}` instead."
                    ))
                    .related(
                        ctx.attr_span(earlier, "name"),
                        format!("`{earlier_address}` has the name {name}"),
                    )
                    .about(resource),
                );
            }
            None => {
                first.insert(key, (index, sensitive));
            }
        }
    }
    for (first, (same, where_)) in shared {
        report_instances(ctx, first, same, &where_, what, out);
    }
}

fn address_of_block<'c>(ctx: &'c Context<'_>, index: ResourceId) -> &'c str {
    ctx.resource(index).block_address()
}

/// `same` instances of the block whose first instance is at `first` have one name.
fn report_instances(
    ctx: &Context<'_>,
    first: ResourceId,
    same: usize,
    where_: &str,
    what: &str,
    out: &mut Vec<Finding>,
) {
    let Some((meta, count)) = instances(ctx, first) else {
        return;
    };
    let resource = ctx.resource(first);
    let address = resource.block_address();
    let Some(name) = ctx.value(first, "name").text() else {
        return;
    };
    let per_instance = if meta == "count" {
        "count.index"
    } else {
        "each.key"
    };
    let which = if same == count {
        format!("each of its {count} instances")
    } else {
        format!("{same} of its {count} instances")
    };
    out.push(
        Finding::new(
            ctx.attr_span(first, "name"),
            format!(
                "`{address}` gives {which} the {what} name {name} {where_}, so they all manage one Vault {what}."
            ),
        )
        .help(format!(
            "Make the name differ per instance, e.g. with `{per_instance}`."
        ))
        .related(
            ctx.attr_span(first, meta),
            format!("`{meta}` creates {count} instances"),
        )
        .about(resource),
    );
}

/// What makes a key or KMS provider one Vault object: its provider configuration, namespace,
/// mount and name.
struct Identity<'c> {
    provider: CompactString,
    namespace: Text<'c>,
    mount: Text<'c>,
    name: Text<'c>,
}

/// The Known identity of a key or KMS provider.
fn identity<'c>(ctx: &'c Context<'_>, index: ResourceId) -> Option<Identity<'c>> {
    let provider = ctx.resource(index).provider_config()?;
    let name = ctx.value(index, "name").text()?;
    let mount = graph::mount_of(&ctx.eval, index).text()?;
    let namespace = graph::namespace_of(&ctx.eval, index)?;
    Some(Identity {
        provider,
        namespace,
        mount: mount.trimmed('/'),
        name,
    })
}

/// `on mount `keymgmt`` or `on mount `keymgmt` in namespace `team-a``.
fn place(mount: Text<'_>, namespace: Text<'_>) -> String {
    if namespace.as_str().is_empty() {
        format!("on mount {mount}")
    } else {
        format!("on mount {mount} in namespace {namespace}")
    }
}

/// `count` or `for_each` and the Known number of instances, when it is two or more.
fn instances(ctx: &Context<'_>, index: ResourceId) -> Option<(&'static str, usize)> {
    let resource = ctx.resource(index);
    let (meta, value) = if let Some(attr) = resource.attribute("count") {
        ("count", ctx.value(index, &attr.name).clone())
    } else {
        let attr = resource.attribute("for_each")?;
        ("for_each", ctx.value(index, &attr.name).clone())
    };
    let count = match (meta, value.unmarked().clone()) {
        ("count", Value::Number(n)) => usize::try_from(n.as_u64()?).ok()?,
        ("for_each", Value::Object(map)) => map.len(),
        // A set (`toset`) holds each element once already.
        ("for_each", Value::List(items)) if items.iter().all(Value::is_wholly_known) => items.len(),
        _ => return None,
    };
    (count >= 2).then_some((meta, count))
}
