use super::{Context, Finding};
use crate::model::display_path;
use crate::model::{pin, PathSegment};
use crate::schema::ViolationKind;

declare_rule! {
    /// ## What it checks
    ///
    /// That every keymgmt resource sets its required arguments, and exactly one of `path` (early
    /// provider) and `mount` (provider 5.x) to name the mount of the Key Management engine;
    /// `vault_keymgmt_key_rotate`, which exists only in provider 5.x, requires `mount` and `name`
    /// (the key to rotate). Where the configuration pins provider 5.x (a `required_providers`
    /// constraint on `hashicorp/vault` that admits only 5.9.0 and later, or such a version in the
    /// root module's `.terraform.lock.hcl`), `mount` is required: `path` does not stand for it.
    /// A module call the linter follows sets every variable of the called
    /// module that has no default. Inside
    /// the write-only `credentials_wo` map (provider 5.x), when its keys are known, Azure's needs
    /// `tenant_id` and GCP's needs `service_account_file`; the other keys are optional.
    ///
    /// ## Why it matters
    ///
    /// Terraform stops at `plan` with "Missing required argument" (for a resource, or a module
    /// call that leaves a variable without default unset). Setting both `path` and `mount`,
    /// or neither, leaves the provider unable to tell which mount the resource belongs to. Vault's
    /// API documentation (`api-docs/secret/key-management/azurekeyvault`, "Create/Update KMS
    /// provider") lists `tenant_id` as required in Azure Key Vault credentials, and the engine's
    /// Azure page (`docs/secrets/key-management/azurekeyvault`) adds that "when MSI is used, the
    /// tenant ID must still be explicitly provided"; `api-docs/secret/key-management/gcpkms` lists
    /// `service_account_file` ("The path to a Google service account key file", readable on the
    /// Vault server's host) as required in GCP Cloud KMS credentials. The provider
    /// (hashicorp/terraform-provider-vault 5.11.0, `website/docs/r/keymgmt_azure_kms.html.md` and
    /// `keymgmt_gcp_kms.html.md`) passes the `credentials_wo` map to that endpoint as it is, so a
    /// missing key fails only at `apply`.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_distribute_key" "dist" {
    ///   path     = vault_mount.keymgmt.path
    ///   mount    = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_distribute_key" "dist" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/*.go` (`mount` required on every resource;
    ///   `resource_keymgmt_key_rotate.go` requires `mount` and `name`); the `credentials_wo` keys
    ///   in `website/docs/r/keymgmt_azure_kms.html.md` and `keymgmt_gcp_kms.html.md`.
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_*.html.md` of an unreleased development branch): `path` required.
    /// - Vault API docs, "Create/Update KMS provider" of
    ///   <https://developer.hashicorp.com/vault/api-docs/secret/key-management/azurekeyvault> and
    ///   <https://developer.hashicorp.com/vault/api-docs/secret/key-management/gcpkms>; Vault docs,
    ///   <https://developer.hashicorp.com/vault/docs/secrets/key-management/azurekeyvault>,
    ///   "Authentication".
    /// - Terraform: <https://developer.hashicorp.com/terraform/language/block/variable> (a variable
    ///   without `default` is required),
    ///   <https://developer.hashicorp.com/terraform/language/block/module> (module inputs),
    ///   <https://developer.hashicorp.com/terraform/language/providers/requirements> and
    ///   <https://developer.hashicorp.com/terraform/language/files/dependency-lock> (the version
    ///   pin).
    pub static RULE = {
        id: "missing-required-argument",
        name: "Missing required argument",
        severity: Error,
        summary: "A required argument is not set, or not exactly one of `path` and `mount` is.",
        fixes: None,
        inputs: Configuration,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, violation) in ctx.violations() {
        let resource = &ctx.module.resources[*index];
        let address = resource.address();
        let finding = match &violation.kind {
            ViolationKind::Missing { name } if violation.path.is_empty() => Finding::new(
                resource.header,
                format!("`{address}` is missing the required argument `{name}`."),
            ),
            ViolationKind::Missing { name } => {
                let map = display_path(&violation.path);
                Finding::new(
                    ctx.span_at(resource, &violation.path),
                    format!("`{map}` of `{address}` is missing the required key `{name}`."),
                )
                .help(format!("Add `{name}` to `{map}`."))
            }
            ViolationKind::ExactlyOneOf { names, given } => {
                let names_list = names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                match given.as_slice() {
                    [] => Finding::new(
                        resource.header,
                        format!("`{address}` must set exactly one of {names_list}."),
                    ),
                    [.., last] => Finding::new(
                        ctx.key_span_at(resource, &[PathSegment::Key(last.as_str().into())]),
                        format!(
                            "`{address}` sets {}; only one of them may be set.",
                            given.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" and ")
                        ),
                    ),
                }
                .help("`path` is the early provider's name for the mount, `mount` the name in provider 5.x.")
            }
            _ => continue,
        };
        out.push(finding.about(resource));
    }
    pinned_mount(ctx, out);
    module_variables(ctx, out);
}

/// `mount` on a resource that sets `path` where the configuration pins provider 5.x: the
/// schemas accept either, but that provider requires `mount`.
fn pinned_mount(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(pin) = ctx
        .module
        .pin
        .as_ref()
        .filter(|p| p.generation == pin::RELEASED)
    else {
        return;
    };
    for resource in &ctx.module.resources {
        if ctx.module.generation(resource).is_none()
            || resource.attribute("mount").is_some()
            || resource.attribute("path").is_none()
        {
            continue;
        }
        out.push(
            Finding::new(
                resource.header,
                format!(
                    "`{}` is missing the required argument `mount`: provider 5.x names the mount `mount`, and the configuration pins {}.",
                    resource.address(),
                    pin.what
                ),
            )
            .help("Write `mount` instead of `path`.")
            .related(pin.span, "the Vault provider's version is pinned here")
            .about(resource),
        );
    }
}

/// Variables without a default of a followed module that its call does not set.
fn module_variables(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for scope in &ctx.module.scopes {
        for (name, call) in &scope.calls {
            let Some(child) = call.made.first() else {
                continue;
            };
            let source = call.declared.source.as_deref().unwrap_or_default();
            for variable in ctx.module.scopes[child].variables.values() {
                if variable.default.is_some()
                    || call.declared.body.attribute(&variable.name).is_some()
                {
                    continue;
                }
                let wanted = &variable.name;
                out.push(
                    Finding::new(
                        call.declared.header,
                        format!(
                            "`{}module.{name}` is missing the required argument `{wanted}`: `{source}` declares `variable \"{wanted}\"` without a default.",
                            scope.prefix
                        ),
                    )
                    .help(format!("Set `{wanted} = ...` in the module block, or give the variable a default."))
                    .related(variable.span, format!("`variable \"{wanted}\"` has no default")),
                );
            }
        }
    }
}
