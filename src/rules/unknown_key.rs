//! ## What it checks
//!
//! That a `key_name` of a `vault_keymgmt_distribute_key` or `vault_keymgmt_replicate_key` given
//! as a name rather than a reference (a literal string, or a variable or local value whose value
//! is known) matches the `name` of a `vault_keymgmt_key` in the module. A close match is
//! suggested. When the `name` of some key in the module cannot be known before apply, it may be
//! the one named, and the rule stays silent. A key of that name on another mount is a match
//! here; the wrong mount is `mount-mismatch`'s to report.
//!
//! ## Why it matters
//!
//! RULES.md makes this an info: the key may be managed outside the module (by another workspace
//! or by hand), and then the configuration is correct. When it is not, Vault rejects the
//! distribution or replication at apply time because the key does not exist; and even when it
//! is declared in the module, a literal name gives Terraform no dependency, so it may create the
//! distribution before the key. A reference (`vault_keymgmt_key.encryption_key.name`) avoids
//! both.
//!
//! ## Bad
//!
//! ```hcl
//! resource "vault_keymgmt_key" "encryption_key" {
//!   path = vault_mount.keymgmt.path
//!   name = "aws-encryption-key"
//!   type = "aes256-gcm96"
//! }
//!
//! resource "vault_keymgmt_distribute_key" "aws_dist" {
//!   path     = vault_mount.keymgmt.path
//!   kms_name = vault_keymgmt_aws_kms.aws.name
//!   key_name = "aws-encrytion-key"
//!   purpose  = ["encrypt", "decrypt"]
//! }
//! ```
//!
//! ## Good
//!
//! ```hcl
//! resource "vault_keymgmt_distribute_key" "aws_dist" {
//!   path     = vault_mount.keymgmt.path
//!   kms_name = vault_keymgmt_aws_kms.aws.name
//!   key_name = vault_keymgmt_key.encryption_key.name
//!   purpose  = ["encrypt", "decrypt"]
//! }
//! ```

use super::{suggest, Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::model::Value;

pub static RULE: Rule = Rule {
    id: "unknown-key",
    name: "Unknown key",
    severity: Severity::Info,
    summary: "A `key_name` that names no `vault_keymgmt_key` of the module.",
    docs: super::docs::UNKNOWN_KEY,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    // (name, address) of every key; any Unknown name might be the one named.
    let Some(declared) = graph
        .keys
        .iter()
        .map(|&index| match ctx.value(index, "name") {
            Value::String(name) => Some((name, ctx.resource(index).address())),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    for link in graph.distributions.iter().chain(&graph.replications) {
        if link.key.is_some() {
            continue;
        }
        let resource = ctx.resource(link.resource);
        let Some(attr) = resource.attribute("key_name") else {
            continue;
        };
        let Value::String(name) = ctx.eval.eval(&attr.value) else {
            continue;
        };
        if declared.iter().any(|(n, _)| *n == name) {
            continue;
        }
        let close = suggest(&name, declared.iter().map(|(n, _)| n.as_str()))
            .and_then(|close| declared.iter().find(|(n, _)| n == close));
        let help = match close {
            Some((close, address)) => format!(
                "Did you mean `{close}`, the name of `{address}`? Reference it as `{address}.name`."
            ),
            None => "If the key is managed outside this module, nothing is wrong; otherwise declare it and reference its `name` (`vault_keymgmt_key.<name>.name`), so that Terraform creates it first.".to_string(),
        };
        out.push(
            Finding::new(
                attr.value.span,
                format!(
                    "`{}` names the key `{name}`, which no `vault_keymgmt_key` in the module declares.",
                    resource.address()
                ),
            )
            .help(help)
            .about(resource),
        );
    }
}
