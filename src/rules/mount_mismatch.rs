//! ## What it checks
//!
//! That a `vault_keymgmt_distribute_key` or `vault_keymgmt_replicate_key` is on the same mount
//! (`path` or `mount`) as the key and the KMS provider it connects, whether it names them by
//! reference or by a literal name. Mounts are compared as Vault resolves them: `keymgmt`,
//! `keymgmt/` and `/keymgmt` are one mount. A mount that cannot be known before apply is never
//! reported. Namespaces are not compared: a resource without `namespace` takes the provider's,
//! which the linter cannot always know.
//!
//! ## Why it matters
//!
//! Keys and KMS providers live inside one Key Management mount: Vault's API addresses a
//! distribution as `<mount>/kms/<kms_name>/key/<key_name>`, so on another mount Vault looks for
//! the key and the KMS provider there, finds neither, and the `apply` fails (RULES.md,
//! `mount-mismatch`).
//!
//! ## Bad
//!
//! ```hcl
//! resource "vault_keymgmt_key" "key" {
//!   path = "keymgmt"
//!   name = "app-key"
//!   type = "aes256-gcm96"
//! }
//!
//! resource "vault_keymgmt_distribute_key" "aws_dist" {
//!   path     = "keymgmt-prod"
//!   kms_name = vault_keymgmt_aws_kms.aws.name
//!   key_name = vault_keymgmt_key.key.name
//!   purpose  = ["encrypt", "decrypt"]
//! }
//! ```
//!
//! ## Good
//!
//! ```hcl
//! resource "vault_keymgmt_distribute_key" "aws_dist" {
//!   path     = vault_keymgmt_key.key.path
//!   kms_name = vault_keymgmt_aws_kms.aws.name
//!   key_name = vault_keymgmt_key.key.name
//!   purpose  = ["encrypt", "decrypt"]
//! }
//! ```

use super::{Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::graph;
use crate::redact::Text;
use crate::source::Span;

pub static RULE: Rule = Rule {
    id: "mount-mismatch",
    name: "Mount mismatch",
    severity: Severity::Error,
    summary: "A distribution or replication on another mount than its key or KMS provider.",
    docs: super::docs::MOUNT_MISMATCH,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    for link in graph.distributions.iter().chain(&graph.replications) {
        let Some((mount, span)) = mount_at(ctx, link.resource) else {
            continue;
        };
        // (what, address, its mount, where that mount is set) for each end on another mount.
        let others: Vec<(&str, &str, Text<'_>, Span)> =
            [("key", link.key), ("KMS provider", link.kms)]
                .into_iter()
                .filter_map(|(what, target)| {
                    let target = target?;
                    let (other, other_span) = mount_at(ctx, target)?;
                    (other != mount)
                        .then(|| (what, ctx.resource(target).address(), other, other_span))
                })
                .collect();
        let resource = ctx.resource(link.resource);
        let address = resource.address();
        let message = match others.as_slice() {
            [] => continue,
            [(what, target, other, _)] => format!(
                "`{address}` is on mount {mount}, but its {what} `{target}` is on mount {other}."
            ),
            [(_, key, key_mount, _), (_, kms, kms_mount, _)] if key_mount == kms_mount => {
                // One mount named twice: secret if either place keeps it so.
                let shared = if kms_mount.is_sensitive() {
                    key_mount.into_sensitive()
                } else {
                    *key_mount
                };
                format!(
                    "`{address}` is on mount {mount}, but its key `{key}` and its KMS provider `{kms}` are on mount {shared}."
                )
            }
            [(_, key, key_mount, _), (_, kms, kms_mount, _), ..] => format!(
                "`{address}` is on mount {mount}, but its key `{key}` is on mount {key_mount} and its KMS provider `{kms}` on mount {kms_mount}."
            ),
        };
        let help = match others.as_slice() {
            [(_, target, other, _)] => {
                format!("Move `{address}` to mount {other}, or `{target}` to mount {mount}.")
            }
            _ => "Put the key, the KMS provider and the resources that connect them on one mount."
                .to_string(),
        };
        let mut finding = Finding::new(span, message).help(help);
        for (what, target, other, other_span) in &others {
            finding = finding.related(
                *other_span,
                format!("the {what} `{target}` is on mount {other}"),
            );
        }
        out.push(finding.about(resource));
    }
}

/// The Known mount of a keymgmt resource, without leading or trailing `/`, and where it is set.
fn mount_at<'c>(ctx: &'c Context<'_>, index: usize) -> Option<(Text<'c>, Span)> {
    let path = graph::mount_of(&ctx.eval, index).text()?;
    let argument = if ctx.resource(index).attribute("mount").is_some() {
        "mount"
    } else {
        "path"
    };
    Some((path.trimmed('/'), ctx.attr_span(index, argument)))
}
