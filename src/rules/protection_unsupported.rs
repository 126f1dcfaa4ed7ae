use super::{Context, Finding};
use crate::diagnostic::Severity;
use crate::fix::{self, Fix, Safety};
use crate::graph::Link;
use crate::model::{pin, ResourceId, Value};
use crate::providers::{self, Hsm, ProviderFacts};
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    ///
    /// That a distribution asks for `hsm` protection only where the provider can give it (the early
    /// provider docs, hashicorp/terraform-provider-vault
    /// `website/docs/r/keymgmt_distribute_key.html.md` of its development branch, "Protection
    /// Levels" and "Provider-Specific Considerations"): AWS KMS always can; Azure Key Vault only in
    /// a **Premium** SKU vault ("Premium SKU is required for HSM-backed keys"; Microsoft's "About
    /// keys" for Azure Key Vault: HSM-protected keys in the Premium SKU); GCP Cloud KMS only where
    /// Cloud HSM serves the key ring's location (Google Cloud's "Cloud KMS locations": HSM keys can
    /// be created in most, not all, Cloud KMS locations).
    ///
    /// The effective protection counts: the explicit `protection`, else `hsm`, in both provider
    /// generations. The Vault API docs (`api-docs/secret/key-management`, "Distribute key to KMS
    /// provider") give `protection (string: "hsm")`; provider 5.9.0 to 5.11.0 declare the default
    /// `hsm` (`internal/vault/keymgmt/`, `website/docs/r/keymgmt_distribute_key.html.md`); the early
    /// provider sends `protection` only when it is set, so Vault's `hsm` applies although its docs
    /// call `software` the default. An omitted `protection` that meets a provider without HSM is
    /// therefore an error on a resource that names its mount with `mount` (the released
    /// generation), and a **warning** on one that uses `path` (the early generation), whose message
    /// explains the documented and the actual default; set `protection = "software"` explicitly.
    ///
    /// The linter reports only what it can see: an `azurerm_key_vault` in the same module whose
    /// `name` is the KMS provider's `key_collection` and whose `sku_name` is `standard`, or what the
    /// lint options declare per KMS provider `name` (`providers.<name>.sku = "standard"`,
    /// `providers.<name>.hsm = false`). Without such knowledge it stays silent.
    ///
    /// ## Why it matters
    ///
    /// Vault forwards the request and the cloud provider refuses to create an HSM-backed key in a
    /// vault or location without HSMs: the failure comes at `apply`, from the cloud API.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "azurerm_key_vault" "signing" {
    ///   name     = "release-signing-kv"
    ///   sku_name = "standard"
    /// }
    ///
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_key" "signing" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "release-signing"
    ///   type = "rsa-2048"
    /// }
    ///
    /// resource "vault_keymgmt_azure_kms" "azure" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "azure"
    ///   key_collection = "release-signing-kv"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "azure" {
    ///   path       = vault_mount.keymgmt.path
    ///   kms_name   = vault_keymgmt_azure_kms.azure.name
    ///   key_name   = vault_keymgmt_key.signing.name
    ///   purpose    = ["sign", "verify"]
    ///   protection = "hsm"
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "azurerm_key_vault" "signing" {
    ///   name     = "release-signing-kv"
    ///   sku_name = "premium"
    /// }
    ///
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_key" "signing" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "release-signing"
    ///   type = "rsa-2048"
    /// }
    ///
    /// resource "vault_keymgmt_azure_kms" "azure" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "azure"
    ///   key_collection = "release-signing-kv"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "azure" {
    ///   path       = vault_mount.keymgmt.path
    ///   kms_name   = vault_keymgmt_azure_kms.azure.name
    ///   key_name   = vault_keymgmt_key.signing.name
    ///   purpose    = ["sign", "verify"]
    ///   protection = "hsm"
    /// }
    /// ```
    ///
    /// ## Fix
    ///
    /// Unsafe: `protection = "hsm"` becomes `protection = "software"`, or, where `protection` is not
    /// set, `protection = "software"` is added; the key is then kept in software, which may not be
    /// what the configuration wants (the other way out is a provider with HSMs). Offered only where
    /// the distribution itself spells `"hsm"` or sets nothing. `keymgmt-lint --fix-unsafe` applies
    /// it, and editors offer it as a quick fix.
    ///
    /// ## Sources
    ///
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_distribute_key.html.md` of an unreleased development branch),
    ///   "Protection Levels" and "Provider-Specific Considerations"; the same branch's
    ///   `internal/vault/keymgmt/resource_keymgmt_distribute_key.go` sends `protection` only when
    ///   set.
    /// - Vault API docs, <https://developer.hashicorp.com/vault/api-docs/secret/key-management>,
    ///   "Distribute key to KMS provider": `protection (string: "hsm")`.
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_distribute_key.go` (default `hsm`),
    ///   `website/docs/r/keymgmt_distribute_key.html.md` ("Defaults to `hsm`").
    /// - Microsoft, "About keys", <https://learn.microsoft.com/azure/key-vault/keys/about-keys>;
    ///   `sku_name` (`standard` or `premium`) in hashicorp/terraform-provider-azurerm
    ///   `website/docs/r/key_vault.html.markdown`.
    /// - Google Cloud, "Cloud KMS locations", <https://cloud.google.com/kms/docs/locations>.
    pub static RULE = {
        id: "protection-unsupported",
        name: "HSM protection unavailable",
        severity: Error,
        summary: "HSM protection where the provider cannot give it, using the effective protection.",
        fixes: Unsafe,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

/// The resource type whose SKU tells whether an Azure Key Vault has HSMs.
const AZURE_KEY_VAULT: &str = "azurerm_key_vault";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    let vaults: Vec<ResourceId> = ctx
        .module
        .each_resource()
        .filter(|(_, r)| r.kind == AZURE_KEY_VAULT)
        .map(|(id, _)| id)
        .collect();
    for link in &graph.distributions {
        let Some(kms) = link.kms else { continue };
        let Some(provider) = graph.provider_of(kms) else {
            continue;
        };
        let facts = providers::facts(provider);
        let Some((how, severity)) = effective_hsm(ctx, link) else {
            continue;
        };
        let Some(reason) = why_not(ctx, kms, facts, &vaults) else {
            continue;
        };
        let resource = ctx.resource(link.resource);
        let kms_resource = ctx.resource(kms);
        let mut finding = Finding::new(
            ctx.attr_span(link.resource, "protection"),
            format!(
                "`{}` {how}, but {} `{}` {}.",
                resource.address(),
                facts.display,
                kms_resource.address(),
                reason.text
            ),
        )
        .help(if severity == Some(Severity::Warning) {
            "Set `protection = \"software\"` explicitly: without it Vault applies `hsm`, whatever the early provider's documentation says."
        } else {
            "Set `protection = \"software\"`, or distribute to a provider with HSMs."
        })
        .related(
            kms_resource.header,
            format!("`{}` is declared here", kms_resource.address()),
        )
        .about(resource);
        if let Some((span, note)) = reason.evidence {
            finding = finding.related(span, note);
        }
        if let Some(severity) = severity {
            finding = finding.severity(severity);
        }
        out.push(finding.fix(software(ctx, link.resource)));
    }
}

/// `protection = "software"`: in place of the literal `"hsm"`, or added where `protection` is
/// not set. Unsafe: the key is then kept in software, which the configuration may not want.
fn software(ctx: &Context<'_>, index: ResourceId) -> Option<Fix> {
    let resource = ctx.resource(index);
    let title = "Set `protection = \"software\"`".to_string();
    let fix = match resource.attribute("protection") {
        Some(_) => fix::replace_literal(
            ctx.module,
            ctx.attr_span(index, "protection"),
            "hsm",
            "\"software\"".to_string(),
            title,
        ),
        None => fix::add_first_line(
            ctx.module,
            resource.header,
            "protection = \"software\"",
            title,
        ),
    };
    fix.map(|fix| Fix {
        safety: Safety::Unsafe,
        ..fix
    })
}

/// "asks for HSM protection" / "gets HSM protection by default (...)", with the severity when it
/// is not the rule's, or `None` when the effective protection is not (known to be) `hsm`.
fn effective_hsm(ctx: &Context<'_>, link: &Link) -> Option<(String, Option<Severity>)> {
    let resource = ctx.resource(link.resource);
    let protection = resource
        .attribute("protection")
        .map(|a| ctx.value(link.resource, &a.name).clone());
    match protection.as_ref().map(Value::unmarked) {
        Some(Value::String(p)) => (p == "hsm").then(|| ("asks for HSM protection".to_string(), None)),
        Some(Value::Null) | None if ctx.module.generation(resource) == Some(pin::RELEASED) => Some((
            "sets no `protection`, so it gets `hsm`, the default of provider 5.x and of Vault"
                .to_string(),
            None,
        )),
        Some(Value::Null) | None => Some((
            "sets no `protection`, so Vault applies its default `hsm` (the early provider's documentation calls `software` the default, but that provider sends `protection` only when it is set)"
                .to_string(),
            Some(Severity::Warning),
        )),
        Some(_) => None,
    }
}

struct Reason {
    text: String,
    evidence: Option<(Span, String)>,
}

/// Why the KMS provider at `kms` cannot give HSM protection, if the module (its Azure Key Vaults,
/// `vaults`) or the options say so.
fn why_not(
    ctx: &Context<'_>,
    kms: ResourceId,
    facts: &ProviderFacts,
    vaults: &[ResourceId],
) -> Option<Reason> {
    let name = ctx.value(kms, "name");
    let settings = name
        .text()
        .and_then(|n| ctx.options.providers.get(n.as_str()));
    if settings.and_then(|s| s.hsm) == Some(false) {
        return Some(Reason {
            text: "is declared without HSM support in the lint options".into(),
            evidence: None,
        });
    }
    if facts.hsm != Hsm::PremiumSku {
        return None;
    }
    if let Some(sku) = settings.and_then(|s| s.sku.as_deref()) {
        return (!sku.eq_ignore_ascii_case("premium")).then(|| Reason {
            text: format!(
                "is declared with the `{sku}` SKU in the lint options, and only Premium vaults have HSMs"
            ),
            evidence: None,
        });
    }
    let collection = ctx.value(kms, "key_collection");
    let collection = collection.text()?;
    vaults.iter().find_map(|&index| {
        let standard = ctx.value(index, "name").text() == Some(collection)
            && ctx
                .value(index, "sku_name")
                .text()
                .is_some_and(|sku| sku == "standard");
        standard.then(|| Reason {
            text: format!(
                "uses Key Vault {collection} of the Standard SKU, and only Premium vaults have HSMs"
            ),
            evidence: Some((
                ctx.attr_span(index, "sku_name"),
                format!("`{}` is a Standard vault", ctx.resource(index).address()),
            )),
        })
    })
}
