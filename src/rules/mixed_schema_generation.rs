use super::{Context, Finding};
use crate::model::{pin, Resource};

declare_rule! {
    /// ## What it checks
    ///
    /// Whether the keymgmt resources of one configuration are written for two generations of the
    /// provider: some for the early provider, which names the mount `path`
    /// (hashicorp/terraform-provider-vault `website/docs/r/keymgmt_*.html.md` of an unreleased
    /// development branch), others for provider 5.9.0 to 5.11.0, which names it `mount`
    /// (`internal/vault/keymgmt/*.go`). Each resource's generation is the one its mount argument
    /// names; the generation with fewer resources is reported, at each of its resources (on a tie,
    /// the generation of the resource that comes later in the files), and the first resource of the
    /// other generation is related.
    ///
    /// Only a configuration that does not pin the Vault provider's version is checked. Where a
    /// `required_providers` constraint admits only 5.9.0 and later (`version = "~> 5.11"`), or the
    /// root module's `.terraform.lock.hcl` locks such a version, the pin decides the generation: the
    /// early generation's arguments are then `unknown-argument`, and `path` without `mount` is
    /// `missing-required-argument`. Within one resource, an argument of the other generation than
    /// its mount argument's (`access_key` beside `mount`) is `unknown-argument` as well.
    ///
    /// ## Why it matters
    ///
    /// No provider version accepts both: the early generation's arguments are in no release, and
    /// every release with keymgmt resources (5.9.0 to 5.11.0) has only `mount` and
    /// `credentials_wo`. Whatever version `terraform init` installs, the resources of one
    /// generation fail at `terraform plan` with "Unsupported argument". The module was usually half
    /// migrated, or put together from two versions of the documentation.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "my-key"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   mount          = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-west-2"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "dist" {
    ///   mount    = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "key" {
    ///   mount = vault_mount.keymgmt.path
    ///   name  = "my-key"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   mount          = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-west-2"
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/*.go` and `website/docs/r/keymgmt_*.html.md` (`mount`,
    ///   `credentials_wo`).
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_*.html.md` of an unreleased development branch): `path`,
    ///   `credentials`, `access_key`, `secret_key`, ...
    /// - Terraform: <https://developer.hashicorp.com/terraform/language/providers/requirements>,
    ///   <https://developer.hashicorp.com/terraform/language/expressions/version-constraints> and
    ///   <https://developer.hashicorp.com/terraform/language/files/dependency-lock>.
    pub static RULE = {
        id: "mixed-schema-generation",
        name: "Mixed schema generation",
        severity: Error,
        summary: "Keymgmt resources written for two generations of the provider (`path` and `mount`) in a configuration that pins no provider version.",
        fixes: None,
        inputs: Configuration,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    if ctx.module.pin.is_some() {
        return;
    }
    let mut seed: Vec<&Resource> = Vec::new();
    let mut released: Vec<&Resource> = Vec::new();
    for resource in &ctx.module.resources {
        match ctx.module.generation(resource) {
            Some(pin::SEED) => seed.push(resource),
            Some(_) => released.push(resource),
            None => {}
        }
    }
    let (Some(first_seed), Some(first_released)) = (seed.first(), released.first()) else {
        return;
    };
    let seed_first = first_seed.span < first_released.span;
    let seed_is_minority =
        seed.len() < released.len() || (seed.len() == released.len() && !seed_first);
    let (minority, majority) = match seed_is_minority {
        true => (seed, released),
        false => (released, seed),
    };
    let other = majority[0];
    let (own, theirs) = match seed_is_minority {
        true => (pin::SEED, pin::RELEASED),
        false => (pin::RELEASED, pin::SEED),
    };
    let (own_mount, their_mount) = (pin::mount_argument(own), pin::mount_argument(theirs));
    let others = match majority.len() {
        1 => format!("`{}` sets", other.address()),
        n => format!("{n} other keymgmt resources of this configuration set"),
    };
    for resource in minority {
        let Some(attr) = resource.attribute(own_mount) else {
            continue;
        };
        out.push(
            Finding::new(
                attr.name_span,
                format!(
                    "`{}` sets `{own_mount}`, a resource of {}, while {others} `{their_mount}`, of {}: no provider version has both.",
                    resource.address(),
                    pin::describe(own),
                    pin::describe(theirs),
                ),
            )
            .help(format!(
                "Write `{their_mount}` here as the other resources do (and their credential arguments), or pin the Vault provider's version in `required_providers` to say which generation the configuration is written for."
            ))
            .related(
                other.attribute(their_mount).map_or(other.header, |a| a.name_span),
                format!("`{}` sets `{their_mount}`", other.address()),
            )
            .about(resource),
        );
    }
}
