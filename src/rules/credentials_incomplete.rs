use compact_str::CompactString;
use serde_json::Value as Json;

use super::{credentials_conflict, Context, Finding};
use crate::diagnostic::Severity;
use crate::model::{Attribute, PathSegment, Resource, ResourceId, Value};
use crate::providers;
use crate::redact::suggest_name;
use crate::schema::Schema;

declare_rule! {
    /// ## What it checks
    ///
    /// That a KMS provider's credentials come in whole pairs, and that write-only credentials come
    /// with their version counter:
    ///
    /// - an individual argument without its partner: AWS `access_key` without `secret_key` or the
    ///   reverse, Azure `client_id` without `client_secret` or the reverse (the pairs are provider
    ///   facts);
    /// - a `credentials` or `credentials_wo` map whose keys are known (written as an object, or from
    ///   a variable or local with a known value) holding only one half of such a pair;
    /// - `credentials_wo` without `credentials_wo_version` (a warning; any write-only argument of the
    ///   schema with a `<name>_version` companion is checked the same way).
    ///
    /// A half counts as missing when it is not written or is `null`; one whose value is unknown
    /// before apply (a variable without default) counts as given, and one that may be `null` (a
    /// conditional with a `null` branch) is given the benefit of the doubt. A map whose value is
    /// unknown is not looked into, and an empty map means "no credentials", which is fine.
    /// Unknown keys inside a credentials map (such as a misspelt `acess_key`) are reported by
    /// `unknown-argument` with a did-you-mean; when such a key looks like the missing half, this
    /// rule stays silent rather than report the same mistake twice. Giving both halves but in two
    /// styles (`access_key` with `credentials = { secret_key = ... }`) is `credentials-conflict`:
    /// on a resource whose credential styles conflict, this rule checks no pairs (the conflict is
    /// reported once, and the style that remains is checked after it is resolved).
    ///
    /// ## Why it matters
    ///
    /// Vault authenticates to the cloud with an access key and its secret (AWS) or a client ID and its
    /// secret (Azure service principal); one half alone is useless. The Vault docs (Azure Key Vault)
    /// say that "if the client ID or secret are not provided", Vault falls back to Managed Service
    /// Identity, so the half you gave is silently ignored, and the KMS provider fails at the first key
    /// distribution with an authentication error. For `credentials_wo`, provider 5.x: write-only
    /// values are not kept in state, so Terraform cannot see that they changed; only an incremented
    /// `credentials_wo_version` sends rotated credentials to Vault.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-west-2"
    ///
    ///   access_key = var.aws_access_key_id
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   mount          = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-west-2"
    ///
    ///   credentials_wo = {
    ///     access_key = var.aws_access_key_id
    ///     secret_key = var.aws_secret_access_key
    ///   }
    ///   credentials_wo_version = 1
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Vault API docs, "Create/Update KMS provider" of
    ///   <https://developer.hashicorp.com/vault/api-docs/secret/key-management/awskms>
    ///   (`access_key` and `secret_key` are both required in `credentials`) and of
    ///   <https://developer.hashicorp.com/vault/api-docs/secret/key-management/azurekeyvault>
    ///   (`client_id` and `client_secret` are "required or MSI").
    /// - Vault docs,
    ///   <https://developer.hashicorp.com/vault/docs/secrets/key-management/azurekeyvault>,
    ///   "Authentication": the fallback to Managed Service Identity.
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `credentials_wo_version` in `internal/vault/keymgmt/resource_keymgmt_*_kms.go`:
    ///   "Since write-only values are not stored in state, Terraform cannot detect when credentials
    ///   change."
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_aws_kms.html.md` and `keymgmt_azure_kms.html.md` of an unreleased
    ///   development branch): the individual `access_key` / `secret_key` and `client_id` /
    ///   `client_secret` arguments.
    /// - Terraform, "Update write-only arguments with versions" in
    ///   <https://developer.hashicorp.com/terraform/language/manage-sensitive-data/write-only>.
    pub static RULE = {
        id: "credentials-incomplete",
        name: "Incomplete credentials",
        severity: Error,
        summary: "Half a credential pair, or write-only credentials without their version counter.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

/// The map-valued credential arguments.
const CREDENTIAL_MAPS: &[&str] = &["credentials", "credentials_wo"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    Set,
    Unset,
    /// Unknown, and possibly `null`.
    Maybe,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, resource) in ctx.module.each_resource() {
        let Some(schema) = ctx.schema(index) else {
            continue;
        };
        if let Some(facts) = providers::of_resource_type(&resource.kind) {
            let fields = credentials_conflict::individual_fields(schema, facts.credential_fields);
            // Conflicting styles are reported by `credentials-conflict`; the style that stays
            // is checked once that is resolved.
            if credentials_conflict::styles(ctx, index, schema, &fields).len() <= 1 {
                pairs_in_arguments(ctx, index, schema, facts, out);
                for map in CREDENTIAL_MAPS {
                    if schema.is_argument(map) {
                        pairs_in_map(ctx, index, schema, facts, map, out);
                    }
                }
            }
        }
        write_only_versions(ctx, index, schema, out);
    }
}

/// `access_key` without `secret_key`, and the like, as top-level arguments.
fn pairs_in_arguments(
    ctx: &Context<'_>,
    index: ResourceId,
    schema: &Schema,
    facts: &providers::ProviderFacts,
    out: &mut Vec<Finding>,
) {
    let resource = ctx.resource(index);
    let unknown = unknown_arguments(resource, schema);
    for &(a, b) in facts.credential_pairs {
        if !schema.is_argument(a) || !schema.is_argument(b) {
            continue;
        }
        for (given, missing) in [(a, b), (b, a)] {
            let Some(attr) = resource.attribute(given) else {
                continue;
            };
            if !lacks(ctx, index, &unknown, given, missing) {
                continue;
            }
            out.push(
                Finding::new(
                    attr.name_span,
                    format!(
                        "`{}` sets `{given}` without `{missing}`; {} needs both to authenticate.",
                        resource.address(),
                        facts.display
                    ),
                )
                .help(format!(
                    "Add `{missing}`, or remove `{given}` so that Vault uses the credentials of its own environment."
                ))
                .about(resource),
            );
        }
    }
}

/// `credentials = { access_key = ... }` without `secret_key`, where the map's keys are known.
fn pairs_in_map(
    ctx: &Context<'_>,
    index: ResourceId,
    schema: &Schema,
    facts: &providers::ProviderFacts,
    map: &str,
    out: &mut Vec<Finding>,
) {
    let resource = ctx.resource(index);
    let Some(attr) = resource.attribute(map) else {
        return;
    };
    let Value::Object(entries) = ctx.value(index, map).unmarked() else {
        return;
    };
    if entries.values().all(|v| *v == Value::Null) {
        return;
    }
    let map_path = [PathSegment::Key(map.into())];
    let keys: Vec<&str> = schema
        .node_at(&map_path)
        .and_then(|node| node.get("properties"))
        .and_then(Json::as_object)
        .map(|p| p.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let unknown: Vec<&str> = entries
        .keys()
        .map(CompactString::as_str)
        .filter(|k| !keys.contains(k))
        .collect();
    let entry = |key: &str| -> Presence {
        match entries.get(key).map(Value::unmarked) {
            None | Some(Value::Null) => Presence::Unset,
            Some(Value::Unknown) => {
                let written = attr.value.locate(&[PathSegment::Key(key.into())]);
                if !std::ptr::eq(written, &attr.value) && written.may_be_null() {
                    Presence::Maybe
                } else {
                    Presence::Set
                }
            }
            Some(_) => Presence::Set,
        }
    };
    for &(a, b) in facts.credential_pairs {
        if !keys.contains(&a) || !keys.contains(&b) {
            continue;
        }
        for (given, missing) in [(a, b), (b, a)] {
            if entry(given) != Presence::Set
                || entry(missing) != Presence::Unset
                || misspelt(&unknown, missing)
            {
                continue;
            }
            let path = [PathSegment::Key(map.into()), PathSegment::Key(given.into())];
            out.push(
                Finding::new(
                    ctx.key_span_at(resource, &path),
                    format!(
                        "`{}` gives `{given}` in `{map}` without `{missing}`; {} needs both to authenticate.",
                        resource.address(),
                        facts.display
                    ),
                )
                .help(format!("Add `{missing}` to `{map}`, or remove `{given}`."))
                .about(resource),
            );
        }
    }
}

/// `credentials_wo` without `credentials_wo_version`: any write-only argument whose schema has
/// a `<name>_version` companion.
fn write_only_versions(
    ctx: &Context<'_>,
    index: ResourceId,
    schema: &Schema,
    out: &mut Vec<Finding>,
) {
    let resource = ctx.resource(index);
    let unknown = unknown_arguments(resource, schema);
    for (name, version) in schema.write_only_versions() {
        let (name, version) = (*name, version.as_str());
        let Some(attr) = resource.attribute(name) else {
            continue;
        };
        if !lacks(ctx, index, &unknown, name, version) {
            continue;
        }
        out.push(
            Finding::new(
                attr.name_span,
                format!(
                    "`{}` sets the write-only `{name}` without `{version}`, so later changes to it will never reach Vault.",
                    resource.address()
                ),
            )
            .help(format!(
                "Add `{version} = 1` and increment it whenever `{name}` changes: write-only values are not kept in state, so Terraform cannot see the change."
            ))
            .severity(Severity::Warning)
            .about(resource),
        );
    }
}

/// The arguments of `resource` that its schema does not have.
fn unknown_arguments<'r>(resource: &'r Resource, schema: &Schema) -> Vec<&'r str> {
    resource
        .arguments()
        .map(|a| a.name.as_str())
        .filter(|n| !schema.is_argument(n))
        .collect()
}

/// Whether the argument `given` is set and its companion `missing` is not, nor misspelt among
/// the `unknown` arguments (that is `unknown-argument`'s to report).
fn lacks(
    ctx: &Context<'_>,
    index: ResourceId,
    unknown: &[&str],
    given: &str,
    missing: &str,
) -> bool {
    presence(ctx, index, given) == Presence::Set
        && presence(ctx, index, missing) == Presence::Unset
        && !misspelt(unknown, missing)
}

fn presence(ctx: &Context<'_>, index: ResourceId, name: &str) -> Presence {
    let resource: &Resource = ctx.resource(index);
    let Some(attr): Option<&Attribute> = resource.attribute(name) else {
        return Presence::Unset;
    };
    match ctx.value(index, name).unmarked() {
        Value::Null => Presence::Unset,
        Value::Object(map) if map.is_empty() => Presence::Unset,
        Value::Unknown if attr.value.may_be_null() => Presence::Maybe,
        _ => Presence::Set,
    }
}

/// Whether one of the unknown names is a misspelling of `missing` (reported by
/// `unknown-argument`).
fn misspelt(unknown: &[&str], missing: &str) -> bool {
    unknown
        .iter()
        .any(|name| suggest_name(name, [missing]) == Some(missing))
}
