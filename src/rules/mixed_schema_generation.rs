//! ## What it checks
//!
//! Whether one module uses arguments of both generations of the keymgmt resources: those of the
//! early provider (`path`, `credentials`, AWS `access_key` / `secret_key`; hashicorp/terraform-provider-vault
//! `website/docs/r/keymgmt_*.html.md` of an unreleased development branch) and those of
//! provider 5.9.0 to 5.11.0 (`mount`, `credentials_wo`, `credentials_wo_version`;
//! `internal/vault/keymgmt/*.go`). Which argument belongs to which generation is read from the
//! schemas' `x-generation` marks; an argument written as a literal `null` does not count.
//!
//! It reports once per module. The generation of the first marked argument in source order
//! (files in the order they are linted, then position) is taken as the module's own; the
//! diagnostic points at the first argument of the other generation and relates that first
//! argument, and the help lists the arguments of each generation the module uses.
//!
//! ## Why it matters
//!
//! No provider version accepts both argument sets: the early generation's docs
//! (`website/docs/r/keymgmt_*.html.md` of the development branch) are in no release tag, and
//! provider 5.9.0 to 5.11.0 (`internal/vault/keymgmt/*.go`) have only `mount` and
//! `credentials_wo`. The two generations come from different provider versions, so a module that mixes them was usually
//! half migrated or put together from two versions of the documentation; it is worth checking
//! that the provider version the module pins accepts every argument it uses, and then using one
//! generation throughout.
//!
//! ## Bad
//!
//! ```hcl
//! resource "vault_keymgmt_key" "key" {
//!   path = vault_mount.keymgmt.path
//!   name = "my-key"
//! }
//!
//! resource "vault_keymgmt_aws_kms" "aws" {
//!   mount          = vault_mount.keymgmt.path
//!   name           = "aws-kms"
//!   key_collection = "us-west-2"
//! }
//! ```
//!
//! ## Good
//!
//! ```hcl
//! resource "vault_keymgmt_key" "key" {
//!   mount = vault_mount.keymgmt.path
//!   name  = "my-key"
//! }
//!
//! resource "vault_keymgmt_aws_kms" "aws" {
//!   mount          = vault_mount.keymgmt.path
//!   name           = "aws-kms"
//!   key_collection = "us-west-2"
//! }
//! ```

use super::{Context, Finding, Rule};
use crate::diagnostic::Severity;
use crate::model::{Attribute, ExprKind, Resource};

pub static RULE: Rule = Rule {
    id: "mixed-schema-generation",
    name: "Mixed schema generation",
    severity: Severity::Info,
    summary:
        "A module that uses arguments of both the early (seed) and the provider 5.x keymgmt schema.",
    docs: super::docs::MIXED_SCHEMA_GENERATION,
    check,
};

struct Marked<'m> {
    generation: &'static str,
    resource: &'m Resource,
    attr: &'m Attribute,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut marked: Vec<Marked<'_>> = Vec::new();
    for (index, resource) in ctx.module.resources.iter().enumerate() {
        let Some(schema) = ctx.schema(index) else {
            continue;
        };
        for attr in resource.arguments() {
            if matches!(attr.value.kind, ExprKind::Null) {
                continue;
            }
            if let Some(generation) = schema.generation(&attr.name) {
                marked.push(Marked {
                    generation,
                    resource,
                    attr,
                });
            }
        }
    }
    marked.sort_by_key(|m| m.attr.name_span);
    let Some(first) = marked.first() else {
        return;
    };
    let Some(other) = marked.iter().find(|m| m.generation != first.generation) else {
        return;
    };
    let used = |generation: &str| {
        let mut names: Vec<String> = Vec::new();
        for m in marked.iter().filter(|m| m.generation == generation) {
            let name = format!("`{}`", m.attr.name);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.join(", ")
    };
    let other_address = other.resource.address();
    let first_address = first.resource.address();
    let whose = if first_address == other_address {
        "it also uses".to_string()
    } else {
        format!("`{first_address}` uses")
    };
    out.push(
        Finding::new(
            other.attr.name_span,
            format!(
                "`{other_address}` uses `{}` of the {} schema, while {whose} `{}` of the {} schema.",
                other.attr.name,
                generation_name(other.generation),
                first.attr.name,
                generation_name(first.generation),
            ),
        )
        .help(format!(
            "This module uses {} ({}) and {} ({}); check that the pinned provider version accepts all of them, and prefer one generation throughout.",
            used(first.generation),
            generation_name(first.generation),
            used(other.generation),
            generation_name(other.generation),
        ))
        .related(
            first.attr.name_span,
            format!(
                "`{}` of the {} schema is used here first",
                first.attr.name,
                generation_name(first.generation)
            ),
        )
        .about(other.resource),
    );
}

fn generation_name(mark: &str) -> &str {
    match mark {
        "seed" => "seed generation",
        "5.x" => "provider 5.x",
        other => other,
    }
}
