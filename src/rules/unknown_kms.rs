//! ## What it checks
//!
//! That a `kms_name` of a `vault_keymgmt_distribute_key` or `vault_keymgmt_replicate_key` given
//! as a name rather than a reference (a literal string, or a variable or local value whose value
//! is known) matches the `name` of a KMS provider resource (`vault_keymgmt_aws_kms`,
//! `vault_keymgmt_azure_kms` or `vault_keymgmt_gcp_kms`) in the module. A close match is
//! suggested. When the `name` of some KMS provider in the module cannot be known before apply,
//! it may be the one named, and the rule stays silent. A KMS provider of that name on another
//! mount is a match here; the wrong mount is `mount-mismatch`'s to report.
//!
//! ## Why it matters
//!
//! RULES.md makes this an info: the KMS provider may be managed outside the module (by another
//! workspace or by hand), and then the configuration is correct. When it is not, Vault rejects
//! the distribution at apply time because the KMS provider does not exist; and even when it is
//! declared in the module, a literal name gives Terraform no dependency, so it may create the
//! distribution before the KMS provider. A reference (`vault_keymgmt_aws_kms.aws.name`) avoids
//! both.
//!
//! ## Bad
//!
//! ```hcl
//! resource "vault_keymgmt_aws_kms" "aws" {
//!   path           = vault_mount.keymgmt.path
//!   name           = "aws-kms"
//!   key_collection = "us-west-2"
//! }
//!
//! resource "vault_keymgmt_distribute_key" "aws_dist" {
//!   path     = vault_mount.keymgmt.path
//!   kms_name = "aws-ksm"
//!   key_name = vault_keymgmt_key.encryption_key.name
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
    id: "unknown-kms",
    name: "Unknown KMS provider",
    severity: Severity::Info,
    summary: "A `kms_name` that names no KMS provider resource of the module.",
    docs: super::docs::UNKNOWN_KMS,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    // (name, address) of every KMS provider; any Unknown name might be the one named.
    let Some(declared) = graph
        .kms
        .iter()
        .map(|&(index, _)| match ctx.value(index, "name") {
            Value::String(name) => Some((name, ctx.resource(index).address())),
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
    else {
        return;
    };
    for link in graph.distributions.iter().chain(&graph.replications) {
        if link.kms.is_some() {
            continue;
        }
        let resource = ctx.resource(link.resource);
        let Some(attr) = resource.attribute("kms_name") else {
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
            None => "If the KMS provider is managed outside this module, nothing is wrong; otherwise declare it and reference its `name` (e.g. `vault_keymgmt_aws_kms.<name>.name`), so that Terraform creates it first.".to_string(),
        };
        out.push(
            Finding::new(
                attr.value.span,
                format!(
                    "`{}` names the KMS provider `{name}`, which no KMS provider resource in the module declares.",
                    resource.address()
                ),
            )
            .help(help)
            .about(resource),
        );
    }
}
