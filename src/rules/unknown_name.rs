//! What `unknown-key` and `unknown-kms` share: a literal `key_name` / `kms_name` of a
//! distribution or replication (or the `name` of a key rotation) that names no resource of the
//! module.

use foldhash::HashSet;

use super::{Context, Finding};
use crate::graph::Link;
use crate::model::ResourceId;
use crate::redact::Text;

/// The kind of resource a name argument names.
pub struct Named {
    /// The argument: `key_name` or `kms_name`.
    pub attr: &'static str,
    /// The argument of a key rotation that names the same kind of resource (`name` for a key),
    /// `None` when rotations name none.
    pub rotation_attr: Option<&'static str>,
    /// Which end of a link it resolves: the key or the KMS provider.
    pub end: fn(&Link) -> Option<ResourceId>,
    /// For messages: "the key", "the KMS provider".
    pub what: &'static str,
    /// For messages: "`vault_keymgmt_key`", "KMS provider resource".
    pub declared_as: &'static str,
    /// How to reference one, for the help: "`vault_keymgmt_key.<name>.name`".
    pub reference: &'static str,
}

pub fn check(ctx: &Context<'_>, named: &Named, candidates: &[ResourceId], out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    // (name, address) of every candidate; any Unknown name might be the one named.
    let Some(declared) = candidates
        .iter()
        .map(|&index| {
            Some((
                ctx.value(index, "name").text()?,
                ctx.resource(index).address(),
            ))
        })
        .collect::<Option<Vec<(Text<'_>, &str)>>>()
    else {
        return;
    };
    let names: HashSet<&str> = declared.iter().map(|(n, _)| n.as_str()).collect();
    let rotations = named
        .rotation_attr
        .into_iter()
        .flat_map(|attr| graph.rotations.iter().map(move |link| (link, attr)));
    let links = graph
        .distributions
        .iter()
        .chain(&graph.replications)
        .map(|link| (link, named.attr))
        .chain(rotations);
    for (link, argument) in links {
        if (named.end)(link).is_some() {
            continue;
        }
        let resource = ctx.resource(link.resource);
        let Some(attr) = resource.attribute(argument) else {
            continue;
        };
        let value = ctx.value(link.resource, &attr.name);
        let Some(name) = value.text() else {
            continue;
        };
        if names.contains(name.as_str()) {
            continue;
        }
        let close = ctx
            .suggest
            .text(name, declared.iter().map(|&(n, _)| n))
            .and_then(|close| declared.iter().find(|&&(n, _)| n == close));
        let help = match close {
            Some((close, address)) => format!(
                "Did you mean {close}, the name of `{address}`? Reference it as `{address}.name`."
            ),
            None => format!(
                "If {} is managed outside this module, nothing is wrong; otherwise declare it and reference its `name` ({}), so that Terraform creates it first.",
                named.what, named.reference
            ),
        };
        out.push(
            Finding::new(
                attr.value.span,
                format!(
                    "`{}` names {} {name}, which no {} in the module declares.",
                    resource.address(),
                    named.what,
                    named.declared_as
                ),
            )
            .help(help)
            .about(resource),
        );
    }
}
