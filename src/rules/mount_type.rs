use super::{Context, Finding};
use crate::graph::{self, DISTRIBUTE, KEY, MOUNT, REPLICATE, ROTATE};
use crate::model::expr::TemplatePart;
use crate::model::{Expr, ExprKind, ResourceId, Step};
use crate::providers;

declare_rule! {
    /// ## What it checks
    ///
    /// That the mount of every keymgmt resource (`vault_keymgmt_key`, the three KMS provider types,
    /// `vault_keymgmt_distribute_key`, `vault_keymgmt_replicate_key`, `vault_keymgmt_key_rotate`),
    /// when it is a `vault_mount` of the module, is a Key Management mount: `type = "keymgmt"`. The
    /// mount is found through a reference (`path = vault_mount.kv.path`, or `.id`, which the
    /// provider sets to the path), or else through a known `path` or `mount` equal to a
    /// `vault_mount`'s known `path` (slashes at either end ignored) in the same namespace and of the
    /// same provider configuration. A mount that is no `vault_mount` of the module, or whose `type`
    /// cannot be known before apply, is never reported; when several `vault_mount`s may be the one,
    /// the rule reports only if none of them is a Key Management mount.
    ///
    /// ## Why it matters
    ///
    /// `vault_mount` takes `type = "keymgmt"` for this engine (Vault docs page
    /// `docs/secrets/key-management`; hashicorp/terraform-provider-vault 5.11.0
    /// `website/docs/r/keymgmt_key.html.md` examples). On a mount of
    /// another secrets engine (`kv-v2`, `transit`, ...) the Key Management paths (`key/<name>`,
    /// `kms/<name>`) do not exist, and Vault fails the `apply` of every keymgmt resource on it.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "transit"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "app-key"
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
    ///   name = "app-key"
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Vault docs, <https://developer.hashicorp.com/vault/docs/secrets/key-management>, "Setup":
    ///   `vault secrets enable keymgmt`.
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `mount` in `internal/vault/keymgmt/*.go`: "Must match the `path` of a `vault_mount`
    ///   resource with `type = "keymgmt"`"; the examples of `website/docs/r/keymgmt_*.html.md`.
    pub static RULE = {
        id: "mount-type",
        name: "Mount type",
        severity: Error,
        summary: "A keymgmt resource on a `vault_mount` whose `type` is not `keymgmt`.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let mounts = &ctx.graph().mounts;
    if mounts.is_empty() {
        return;
    }
    for (index, resource) in ctx.module.each_resource() {
        let kind = resource.kind.as_str();
        let keymgmt = [KEY, DISTRIBUTE, REPLICATE, ROTATE].contains(&kind)
            || providers::of_resource_type(kind).is_some();
        if !keymgmt {
            continue;
        }
        let argument = if resource.attribute("mount").is_some() {
            "mount"
        } else {
            "path"
        };
        let Some(attr) = resource.attribute(argument) else {
            continue;
        };
        let target = match referenced_mount(ctx, resource.scope, &attr.value) {
            Some(mount) => mount,
            None => {
                let Some(mount) = mount_by_path(ctx, index) else {
                    continue;
                };
                mount
            }
        };
        let Some(mount_type) = ctx.value(target, "type").text() else {
            continue;
        };
        if mount_type == "keymgmt" {
            continue;
        }
        let address = resource.address();
        let mount = ctx.resource(target).address();
        let path = match graph::mount_of(&ctx.eval, index).text() {
            Some(path) => format!("mount {path}"),
            None => "a mount".to_string(),
        };
        out.push(
            Finding::new(
                attr.value.span,
                format!(
                    "`{address}` is on {path}, which `{mount}` creates as a {mount_type} secrets engine, not `keymgmt`."
                ),
            )
            .help(format!(
                "Set `type = \"keymgmt\"` on `{mount}`, or put `{address}` on a Key Management mount."
            ))
            .related(
                ctx.attr_span(target, "type"),
                format!("`{mount}` is of type {mount_type}"),
            )
            .about(resource),
        );
    }
}

/// The `vault_mount` that `vault_mount.X.path` (or `.id`) names, alone or as `"${...}"`.
fn referenced_mount(ctx: &Context<'_>, scope: usize, expr: &Expr) -> Option<ResourceId> {
    let traversal = match &expr.kind {
        ExprKind::Traversal(t) => t,
        ExprKind::Template(parts) => match parts.as_slice() {
            [TemplatePart::Interpolation(inner)] => inner.as_traversal()?,
            _ => return None,
        },
        _ => return None,
    };
    if traversal.root != MOUNT {
        return None;
    }
    let mut steps = traversal.steps.iter().peekable();
    let Some(Step::Attr(name, _)) = steps.next() else {
        return None;
    };
    if let Some(Step::Index(_)) = steps.peek() {
        steps.next();
    }
    match (steps.next(), steps.next()) {
        (Some(Step::Attr(attr, _)), None) if attr == "path" || attr == "id" => {
            ctx.module.resource_id(scope, MOUNT, name.as_str())
        }
        _ => None,
    }
}

/// The `vault_mount` with the resource's Known mount as its Known `path`, in the same
/// namespace; when several may be, one that is not a Key Management mount only if all are not.
fn mount_by_path(ctx: &Context<'_>, index: ResourceId) -> Option<ResourceId> {
    let path = graph::mount_of(&ctx.eval, index).text()?.trimmed('/');
    let namespace = graph::namespace_of(&ctx.eval, index);
    let provider = ctx.resource(index).provider_config();
    let candidates: Vec<ResourceId> = ctx
        .graph()
        .mounts
        .iter()
        .copied()
        .filter(|&mount| {
            ctx.value(mount, "path")
                .text()
                .is_some_and(|p| p.trimmed('/') == path)
        })
        .filter(
            |&mount| match (&namespace, graph::namespace_of(&ctx.eval, mount)) {
                (Some(a), Some(b)) => *a == b,
                _ => true,
            },
        )
        .filter(
            |&mount| match (&provider, ctx.resource(mount).provider_config()) {
                (Some(a), Some(b)) => *a == b,
                _ => true,
            },
        )
        .collect();
    let all_other = candidates.iter().all(|&mount| {
        ctx.value(mount, "type")
            .text()
            .is_some_and(|t| t != "keymgmt")
    });
    if all_other {
        candidates.first().copied()
    } else {
        None
    }
}
