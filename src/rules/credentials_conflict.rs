use super::{Context, Finding};
use crate::fix::{self, Fix};
use crate::model::{Attribute, ResourceId, Value};
use crate::providers;
use crate::schema::Schema;
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    ///
    /// That a KMS provider resource (`vault_keymgmt_aws_kms`, `vault_keymgmt_azure_kms`,
    /// `vault_keymgmt_gcp_kms`) gives its credentials in one style only. The styles are:
    ///
    /// - the `credentials` map;
    /// - the individual arguments (AWS `access_key` / `secret_key`; Azure `tenant_id` / `client_id` /
    ///   `client_secret`), taken from the provider facts and the resource's schema;
    /// - the write-only map `credentials_wo` (provider 5.x).
    ///
    /// The diagnostic points at the argument that starts the second style in source order and
    /// relates the argument of the first. An argument counts as set when it is written and its value
    /// is not `null`: a variable that defaults to `null`, or a conditional with a `null` branch
    /// (`var.use_map ? null : var.key`), is a way to choose one style and is not reported; nor is an
    /// empty map `{}`. An unknown value (a variable without default) does count, since the module
    /// still writes both styles. Azure's `environment` only selects the cloud whose endpoints Vault
    /// calls and is no credential, so setting it next to a `credentials` map is not reported.
    ///
    /// ## Why it matters
    ///
    /// The early provider docs (hashicorp/terraform-provider-vault
    /// `website/docs/r/keymgmt_aws_kms.html.md` of its unreleased development branch): `credentials`
    /// is "Mutually exclusive with `access_key` and `secret_key` fields"; in provider 5.9.0 to
    /// 5.11.0 (`internal/vault/keymgmt/resource_keymgmt_aws_kms.go`, `resource_keymgmt_azure_kms.go`,
    /// `resource_keymgmt_gcp_kms.go`) `credentials_wo` is the only credential style. Terraform
    /// rejects the combination at `plan` or, worse, one style silently wins and Vault authenticates
    /// with credentials other than the ones you rotated.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-map-creds"
    ///   key_collection = "us-west-2"
    ///
    ///   credentials = {
    ///     access_key = var.aws_access_key_id
    ///     secret_key = var.aws_secret_access_key
    ///   }
    ///   access_key = var.aws_access_key_id
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-map-creds"
    ///   key_collection = "us-west-2"
    ///
    ///   credentials = {
    ///     access_key = var.aws_access_key_id
    ///     secret_key = var.aws_secret_access_key
    ///   }
    /// }
    /// ```
    ///
    /// ## Fix
    ///
    /// Unsafe: the style set later in the resource is removed, lines and all (the map argument, or
    /// every individual credential argument), keeping the first one; which credentials Vault gets
    /// may change, so check that the remaining style holds them. Offered in `.tf` files where each
    /// removed argument stands on lines of its own. `keymgmt-lint --fix-unsafe` applies it.
    ///
    /// ## Sources
    ///
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_aws_kms.html.md` of an unreleased development branch):
    ///   `credentials` is "Mutually exclusive with `access_key` and `secret_key` fields"; the same
    ///   branch's `keymgmt_azure_kms.html.md` gives Azure's `tenant_id`, `client_id` and
    ///   `client_secret`.
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_aws_kms.go`,
    ///   `resource_keymgmt_azure_kms.go` and `resource_keymgmt_gcp_kms.go` declare `credentials_wo`
    ///   as the only credential argument.
    /// - Vault API docs, "Create/Update KMS provider" of
    ///   <https://developer.hashicorp.com/vault/api-docs/secret/key-management/azurekeyvault>:
    ///   `environment` is "The Azure Cloud environment API endpoints to use".
    pub static RULE = {
        id: "credentials-conflict",
        name: "Conflicting credential styles",
        severity: Error,
        summary: "A KMS provider gives its credentials in more than one mutually exclusive style.",
        fixes: Unsafe,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

/// The map-valued credential arguments, each a style of its own.
const CREDENTIAL_MAPS: &[&str] = &["credentials", "credentials_wo"];

/// Credential fields of the provider facts that are settings rather than credentials, and so
/// never make a style of their own (Azure's cloud `environment`).
const SETTINGS: &[&str] = &["environment"];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, resource) in ctx.module.each_resource() {
        let Some(facts) = providers::of_resource_type(&resource.kind) else {
            continue;
        };
        let Some(schema) = ctx.schema(index) else {
            continue;
        };
        let fields = individual_fields(schema, facts.credential_fields);
        let styles = styles(ctx, index, schema, &fields);
        let Some((first, rest)) = styles.split_first() else {
            continue;
        };
        let address = resource.address();
        for second in rest {
            out.push(
                Finding::new(
                    second.name_span,
                    format!(
                        "`{address}` sets both `{}` and `{}`, which are mutually exclusive ways to give {} credentials.",
                        first.name, second.name, facts.display
                    ),
                )
                .help(format!(
                    "Keep one style: {}.",
                    style_list(schema, &fields)
                ))
                .related(first.name_span, format!("`{}` is set here", first.name))
                .about(resource)
                .fix(drop_style(ctx, index, second, first, &fields)),
            );
        }
    }
}

/// The style that `second` starts removed, keeping `first`'s: the map argument, or every
/// individual argument. Unsafe: which credentials Vault is given changes.
fn drop_style(
    ctx: &Context<'_>,
    index: ResourceId,
    second: &Attribute,
    first: &Attribute,
    fields: &[&str],
) -> Option<Fix> {
    let resource = ctx.resource(index);
    let dropped: Vec<&Attribute> = if CREDENTIAL_MAPS.contains(&second.name.as_str()) {
        vec![second]
    } else {
        resource
            .arguments()
            .filter(|a| fields.contains(&a.name.as_str()))
            .collect()
    };
    let names: Vec<String> = dropped.iter().map(|a| format!("`{}`", a.name)).collect();
    let spans: Vec<Span> = dropped
        .iter()
        .map(|a| Span {
            end: a.value.span.end,
            ..a.name_span
        })
        .collect();
    fix::remove_lines(
        ctx.module,
        &spans,
        format!("Remove {}, keeping `{}`", names.join(" and "), first.name),
    )
}

/// The argument that starts each credential style the resource uses, in source order.
pub(super) fn styles<'m>(
    ctx: &Context<'m>,
    index: ResourceId,
    schema: &Schema,
    fields: &[&str],
) -> Vec<&'m Attribute> {
    let resource = ctx.resource(index);
    let mut styles: Vec<&'m Attribute> = Vec::new();
    for map in CREDENTIAL_MAPS {
        if let Some(attr) = resource.attribute(map) {
            if schema.is_argument(map) && is_set(ctx, index, attr) {
                styles.push(attr);
            }
        }
    }
    if let Some(attr) = resource
        .arguments()
        .filter(|a| fields.contains(&a.name.as_str()))
        .find(|a| is_set(ctx, index, a))
    {
        styles.push(attr);
    }
    styles.sort_by_key(|a| a.name_span);
    styles
}

/// The individual credential arguments of a resource: the provider's credential fields that
/// are top-level arguments of its schema.
pub(super) fn individual_fields(
    schema: &Schema,
    credential_fields: &[&'static str],
) -> Vec<&'static str> {
    credential_fields
        .iter()
        .copied()
        .filter(|f| !SETTINGS.contains(f) && !CREDENTIAL_MAPS.contains(f))
        .filter(|f| schema.is_argument(f))
        .collect()
}

/// `the \`credentials\` map, the individual arguments (...) or \`credentials_wo\``.
fn style_list(schema: &Schema, fields: &[&str]) -> String {
    let mut styles: Vec<String> = Vec::new();
    for map in CREDENTIAL_MAPS {
        if schema.is_argument(map) {
            styles.push(format!("`{map}`"));
        }
    }
    if !fields.is_empty() {
        let listed: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
        styles.push(format!("the individual arguments {}", listed.join(", ")));
    }
    match styles.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => styles.join(""),
    }
}

/// Whether an argument is surely set: written, not `null`, not an empty map, and not an
/// expression that may yield `null` (a conditional with a `null` branch).
fn is_set(ctx: &Context<'_>, index: ResourceId, attr: &Attribute) -> bool {
    match ctx.value(index, &attr.name).unmarked() {
        Value::Null => false,
        Value::Object(map) if map.is_empty() => false,
        Value::Unknown => !attr.value.may_be_null(),
        _ => true,
    }
}
