//! ## What it checks
//!
//! That every `purpose` of a `vault_keymgmt_distribute_key` is one the target KMS provider allows
//! for the key's type (the Vault docs' key purpose compatibility tables, RULES.md section 2): AWS
//! KMS takes `aes256-gcm96` keys for `encrypt`/`decrypt` only; Azure Key Vault takes RSA keys
//! for all six purposes; GCP Cloud KMS takes `aes256-gcm96` for `encrypt`/`decrypt`, ECDSA
//! P-256/P-384 for `sign`/`verify`, and an RSA key for **either** `encrypt`/`decrypt` **or**
//! `sign`/`verify`, never both. Seed 000 says asymmetric keys take "combinations"; the
//! per-provider tables are stricter and win. The diagnostic points at the offending element and
//! relates the key's `type`.
//!
//! ## Why it matters
//!
//! Vault rejects the distribution at `apply`; a key created for the wrong purpose in the cloud
//! cannot be repurposed and has to be deleted and distributed again.
//!
//! ## Bad
//!
//! ```hcl
//! resource "vault_keymgmt_key" "key" {
//!   path = vault_mount.keymgmt.path
//!   name = "gcp-key"
//!   type = "aes256-gcm96"
//! }
//!
//! resource "vault_keymgmt_distribute_key" "gcp" {
//!   path     = vault_mount.keymgmt.path
//!   kms_name = vault_keymgmt_gcp_kms.gcp.name
//!   key_name = vault_keymgmt_key.key.name
//!   purpose  = ["sign", "verify"]
//! }
//! ```
//!
//! ## Good
//!
//! ```hcl
//! resource "vault_keymgmt_distribute_key" "gcp" {
//!   path     = vault_mount.keymgmt.path
//!   kms_name = vault_keymgmt_gcp_kms.gcp.name
//!   key_name = vault_keymgmt_key.key.name
//!   purpose  = ["encrypt", "decrypt"]
//! }
//! ```

use super::distribution::{resolved, Resolved};
use super::{Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::model::{PathSegment, Value};
use crate::providers;
use crate::redact::Text;

pub static RULE: Rule = Rule {
    id: "purpose-key-type",
    name: "Purpose not allowed for key type",
    severity: Severity::Error,
    summary: "A distribution asks for a purpose the provider does not allow for the key's type.",
    docs: super::docs::PURPOSE_KEY_TYPE,
    check,
};

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for dist in resolved(ctx) {
        let Some(families) = providers::purpose_families(dist.key_type.as_str(), dist.provider)
        else {
            continue;
        };
        let resource = ctx.resource(dist.link.resource);
        let Some(attr) = resource.attribute("purpose") else {
            continue;
        };
        let value = ctx.eval.eval(&attr.value);
        let Value::List(items) = value.unmarked() else {
            continue;
        };
        // Known, valid purposes with their positions; others are invalid-value's or Unknown.
        let purposes: Vec<(usize, Text<'_>)> = items
            .iter()
            .enumerate()
            .filter_map(|(i, v)| Some((i, v.text()?)))
            .filter(|(_, p)| providers::ALL_PURPOSES.contains(&p.as_str()))
            .collect();
        let span_of = |i: usize| attr.value.locate(&[PathSegment::Index(i)]).span;
        let allowed: Vec<&str> = families.iter().flat_map(|f| f.iter().copied()).collect();
        let mut any_disallowed = false;
        for (i, purpose) in &purposes {
            if allowed.contains(&purpose.as_str()) {
                continue;
            }
            any_disallowed = true;
            let message = format!(
                "`{}` asks for purpose {purpose}, which {} does not allow for {} keys.",
                resource.address(),
                dist.facts.display,
                dist.key_type
            );
            out.push(finding(ctx, &dist, span_of(*i), message, families));
        }
        if any_disallowed {
            continue;
        }
        // Each purpose is allowed on its own; they must also share one family (GCP RSA keys).
        let Some((_, first)) = purposes.first() else {
            continue;
        };
        let Some(family) = families.iter().find(|f| f.contains(&first.as_str())) else {
            continue;
        };
        if let Some((i, other)) = purposes.iter().find(|(_, p)| !family.contains(&p.as_str())) {
            let message = format!(
                "`{}` combines {first} with {other}, which {} does not allow on one {} key.",
                resource.address(),
                dist.facts.display,
                dist.key_type
            );
            out.push(finding(ctx, &dist, span_of(*i), message, families));
        }
    }
}

fn finding(
    ctx: &Context<'_>,
    dist: &Resolved<'_>,
    span: crate::source::Span,
    message: String,
    families: &[&[&str]],
) -> Finding {
    let sets = families
        .iter()
        .map(|f| {
            f.iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect::<Vec<_>>();
    let help = match sets.as_slice() {
        [one] => format!(
            "{} allows {one} for {} keys.",
            dist.facts.display, dist.key_type
        ),
        _ => format!(
            "{} allows one of these purpose sets per {} key: {}.",
            dist.facts.display,
            dist.key_type,
            sets.iter()
                .map(|s| format!("[{s}]"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    };
    let (type_span, type_note) = dist.key_type_note(ctx);
    let (kms_span, kms_note) = dist.kms_note(ctx);
    Finding::new(span, message)
        .help(help)
        .related(type_span, type_note)
        .related(kms_span, kms_note)
        .about(ctx.resource(dist.link.resource))
}
