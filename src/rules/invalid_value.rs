use super::{Context, Finding};
use crate::fix;
use crate::model::display_path;
use crate::schema::violation::Invalid;
use crate::schema::ViolationKind;

declare_rule! {
    /// ## What it checks
    ///
    /// That each known argument value has the type the schema gives (`purpose` is a list, not a
    /// string; `min_enabled_version` and `credentials_wo_version` are whole numbers, so `1.5` is
    /// reported) and lies in the allowed set: key `type`, `purpose` elements, `protection`. It also
    /// reports an empty `purpose`. Values are converted first as Terraform converts them (`"true"`
    /// is a fine bool, `42` a fine string, `"2"` a fine whole number), and values that are unknown
    /// before apply (variables without value, `file()`, data sources) are skipped.
    ///
    /// A repeated element of a set-typed argument (`purpose`, `replica_regions`) is **not**
    /// reported, by this rule or any other: Terraform collapses the duplicates of a set, so
    /// `purpose = ["encrypt", "encrypt"]` is the set `["encrypt"]` and applies without error. The
    /// linter chose no diagnostic at all for it (not even an info), as nothing goes wrong.
    ///
    /// ## Why it matters
    ///
    /// A wrong type stops `terraform plan`; a value outside the allowed set passes plan and fails
    /// only at `apply`, against the Vault server, after other resources were already changed.
    /// The facts behind the schema come from the released provider
    /// (hashicorp/terraform-provider-vault 5.11.0, `internal/vault/keymgmt/resource_keymgmt_*.go`:
    /// `purpose` and `replica_regions` are set attributes, `min_enabled_version` an `Int64`
    /// attribute; `website/docs/r/keymgmt_key.html.md`, `keymgmt_distribute_key.html.md`) and from
    /// Vault's API documentation (`api-docs/secret/key-management`: the key types, purposes and
    /// protection levels it accepts).
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_distribute_key" "dist" {
    ///   path       = vault_mount.keymgmt.path
    ///   kms_name   = vault_keymgmt_aws_kms.aws.name
    ///   key_name   = vault_keymgmt_key.key.name
    ///   purpose    = "encrypt"
    ///   protection = "hardware"
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_distribute_key" "dist" {
    ///   path       = vault_mount.keymgmt.path
    ///   kms_name   = vault_keymgmt_aws_kms.aws.name
    ///   key_name   = vault_keymgmt_key.key.name
    ///   purpose    = ["encrypt"]
    ///   protection = "hsm"
    /// }
    /// ```
    ///
    /// ## Fix
    ///
    /// Safe, where the value is a string written out at that place: a value that differs from an
    /// allowed one only in case is rewritten (`"Encrypt"` to `"encrypt"`, `"HSM"` to `"hsm"`), and a
    /// string where a list is required becomes the list of that one string (`"encrypt"` to
    /// `["encrypt"]`). `keymgmt-lint --fix` applies them.
    ///
    /// ## Sources
    ///
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_key.go` (`type`, default `rsa-2048`;
    ///   `replica_regions` a set; `min_enabled_version` an `Int64`),
    ///   `resource_keymgmt_distribute_key.go` (`purpose` a set; `protection` `hsm` or `software`),
    ///   `resource_keymgmt_*_kms.go` (`credentials_wo_version` an `Int64`); the pages
    ///   `website/docs/r/keymgmt_key.html.md` and `keymgmt_distribute_key.html.md`.
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_key.html.md` and `keymgmt_distribute_key.html.md` of an unreleased
    ///   development branch).
    /// - Vault API docs, <https://developer.hashicorp.com/vault/api-docs/secret/key-management>:
    ///   "Create key" (the key types), "Update key" (`min_enabled_version (int: 0)`), "Distribute
    ///   key to KMS provider" (`purpose`, `protection`).
    /// - Terraform,
    ///   <https://developer.hashicorp.com/terraform/language/expressions/type-constraints>,
    ///   "Conversion of Primitive Types" and "Conversion of Complex Types" (converted to a set, a
    ///   list loses its duplicates).
    pub static RULE = {
        id: "invalid-value",
        name: "Invalid value",
        severity: Error,
        summary: "A value of the wrong type, outside the allowed set, or empty where it may not be.",
        fixes: Safe,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, violation) in ctx.violations() {
        let ViolationKind::Invalid(invalid) = &violation.kind else {
            continue;
        };
        let resource = &ctx.module.resources[*index];
        let subject = format!(
            "`{}` of `{}`",
            display_path(&violation.path),
            resource.address()
        );
        let span = ctx.span_at(resource, &violation.path);
        let shown = violation.shown.as_deref();
        let finding = match invalid {
            // A fractional number where the schema wants a whole one (`min_enabled_version`).
            Invalid::Type { expected, actual } if expected == &["integer"] && *actual == "number" => {
                Finding::new(
                    span,
                    match shown {
                        Some(value) => format!("{subject} is {value}, which is not a whole number."),
                        None => format!("{subject} is not a whole number."),
                    },
                )
                .help("Write a whole number, e.g. `1`: Terraform cannot convert a number with a fractional part to this integer argument.")
            }
            Invalid::Type { expected, actual } => {
                let expected: Vec<_> = expected.iter().map(|t| type_name(t)).collect();
                let finding = Finding::new(
                    span,
                    format!(
                        "{subject} must be {}, not {}.",
                        expected.join(" or "),
                        type_name(actual)
                    ),
                );
                if expected == ["a list"] && *actual != "object" {
                    // A string written out, where a list of strings is required, is the one
                    // element of that list.
                    let wrap = shown
                        .filter(|_| *actual == "string")
                        .and_then(|v| v.strip_prefix('"')?.strip_suffix('"'))
                        .and_then(|v| {
                            fix::replace_literal(
                                ctx.module,
                                span,
                                v,
                                format!("[\"{v}\"]"),
                                format!("Write `[\"{v}\"]`"),
                            )
                        });
                    finding
                        .help("Write a list in brackets, e.g. `[\"encrypt\", \"decrypt\"]`.")
                        .fix(wrap)
                } else {
                    finding
                }
            }
            Invalid::NotAllowed { allowed } => {
                let message = match shown {
                    Some(value) => format!("{subject} is {value}, which is not an allowed value."),
                    None => format!("{subject} is not an allowed value."),
                };
                let listed = allowed
                    .iter()
                    .map(|a| format!("`{a}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                // Only a string can be a typo; a redacted value is no string.
                let written = shown
                    .filter(|v| v.starts_with('"'))
                    .map(|v| v.trim_matches('"'));
                // Only a slip of case is sure to mean the allowed value.
                let recased = written.and_then(|v| {
                    let value = allowed.iter().find(|a| a.eq_ignore_ascii_case(v))?;
                    Some((v, value.as_str()))
                });
                let typo = recased.map(|(_, s)| s).or_else(|| {
                    written.and_then(|v| ctx.suggest.name(v, allowed.iter().map(String::as_str)))
                });
                Finding::new(span, message)
                    .help(match typo {
                        Some(s) => format!("Did you mean `{s}`? Allowed: {listed}."),
                        None => format!("Allowed: {listed}."),
                    })
                    .fix(recased.and_then(|(v, s)| {
                        fix::replace_literal(
                            ctx.module,
                            span,
                            v,
                            format!("\"{s}\""),
                            format!("Write `\"{s}\"`"),
                        )
                    }))
            }
            Invalid::TooFew { min } => Finding::new(
                span,
                format!(
                    "{subject} is empty; it needs at least {min} {}.",
                    if *min == 1 { "element" } else { "elements" }
                ),
            ),
            Invalid::Duplicate { .. } => {
                let parent = display_path(&violation.path[..violation.path.len() - 1]);
                let message = match shown {
                    Some(value) => format!(
                        "`{parent}` of `{}` lists {value} more than once.",
                        resource.address()
                    ),
                    None => format!(
                        "`{parent}` of `{}` lists a value more than once.",
                        resource.address()
                    ),
                };
                Finding::new(span, message).help("Remove the repeated element.")
            }
            Invalid::Other { problem } => Finding::new(span, format!("{subject} {problem}.")),
        };
        out.push(finding.about(resource));
    }
}

fn type_name(json_type: &str) -> &'static str {
    match json_type {
        "string" => "a string",
        "number" => "a number",
        "integer" => "a whole number",
        "boolean" => "a bool",
        "array" => "a list",
        "object" => "a map",
        _ => "null",
    }
}
