use super::distribution::{resolved, Resolved};
use super::{Context, Finding};
use crate::diagnostic::Severity;
use crate::model::{PathSegment, Value};
use crate::providers;
use crate::redact::Text;

declare_rule! {
    /// ## What it checks
    ///
    /// That every `purpose` of a `vault_keymgmt_distribute_key` is one the target KMS provider allows
    /// for the key's type, per the "Key purpose compatibility" tables of the Vault docs (pages
    /// `docs/secrets/key-management/awskms`, `azurekeyvault` and `gcpkms`; the Vault UI's distribute
    /// form, `ui/app/components/keymgmt/distribute.js` in hashicorp/vault, offers the same choices):
    /// AWS KMS takes `aes256-gcm96` keys for `encrypt`/`decrypt` only; Azure Key Vault takes RSA keys
    /// for all six purposes; GCP Cloud KMS takes `aes256-gcm96` for `encrypt`/`decrypt`, ECDSA
    /// P-256/P-384 for `sign`, and an RSA key for **either** `decrypt` **or** `sign`, never both
    /// (Cloud KMS asymmetric keys are ASYMMETRIC_DECRYPT or ASYMMETRIC_SIGN). The early provider docs
    /// (hashicorp/terraform-provider-vault, `website/docs/r/keymgmt_distribute_key.html.md` of its
    /// development branch) say asymmetric keys take "combinations"; the per-provider tables are
    /// stricter and win. This holds for every provider version (5.9.0 to 5.11.0 pass `purpose` to
    /// Vault unchecked, `internal/vault/keymgmt/resource_keymgmt_distribute_key.go`).
    ///
    /// `encrypt` and `verify` on a GCP asymmetric key are reported as a **warning**: Vault's table
    /// omits them (with an RSA key the public key encrypts and verifies outside KMS) and what the API
    /// does with them is undocumented. `decrypt` together with `sign` on a GCP RSA key is an error.
    /// The diagnostic points at the offending element and relates the key's `type`.
    ///
    /// ## Why it matters
    ///
    /// Vault rejects the distribution at `apply`; a key created for the wrong purpose in the cloud
    /// cannot be repurposed and has to be deleted and distributed again.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_gcp_kms" "gcp" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "gcp"
    ///   key_collection = "projects/my-project/locations/us-central1/keyRings/my-keyring"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "gcp-key"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "gcp" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["sign", "verify"]
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_gcp_kms" "gcp" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "gcp"
    ///   key_collection = "projects/my-project/locations/us-central1/keyRings/my-keyring"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "gcp-key"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "gcp" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Vault docs, "Key purpose compatibility" of
    ///   <https://developer.hashicorp.com/vault/docs/secrets/key-management/awskms>,
    ///   <https://developer.hashicorp.com/vault/docs/secrets/key-management/azurekeyvault> and
    ///   <https://developer.hashicorp.com/vault/docs/secrets/key-management/gcpkms>.
    /// - hashicorp/vault `ui/app/components/keymgmt/distribute.js`: the purposes the distribute
    ///   form offers per provider and key type.
    /// - Google Cloud, "Key purposes" (`ASYMMETRIC_SIGN`, `ASYMMETRIC_DECRYPT`) in
    ///   <https://cloud.google.com/kms/docs/algorithms>.
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_distribute_key.html.md` of an unreleased development branch).
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_distribute_key.go`.
    pub static RULE = {
        id: "purpose-key-type",
        name: "Purpose not allowed for key type",
        severity: Error,
        summary: "A distribution asks for a purpose the provider does not allow for the key's type.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for dist in resolved(ctx) {
        let Some(entry) = providers::key_purposes(dist.key_type.as_str(), dist.provider) else {
            continue;
        };
        let families = entry.families;
        let resource = ctx.resource(dist.link.resource);
        let Some(attr) = resource.attribute("purpose") else {
            continue;
        };
        let value = ctx.value(dist.link.resource, &attr.name);
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
            if entry.unlisted.contains(&purpose.as_str()) {
                let message = format!(
                    "`{}` asks for purpose {purpose}, which the Vault docs do not list for {} keys on {}; what Vault does with it is undocumented.",
                    resource.address(),
                    dist.key_type,
                    dist.facts.display,
                );
                out.push(
                    finding(ctx, &dist, span_of(*i), message, entry).severity(Severity::Warning),
                );
                continue;
            }
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
            out.push(finding(ctx, &dist, span_of(*i), message, entry));
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
            out.push(finding(ctx, &dist, span_of(*i), message, entry));
        }
    }
}

fn finding(
    ctx: &Context<'_>,
    dist: &Resolved<'_>,
    span: crate::source::Span,
    message: String,
    entry: &providers::KeyPurposes,
) -> Finding {
    // The purposes Vault's table lists, family by family.
    let sets = entry
        .families
        .iter()
        .map(|f| {
            f.iter()
                .filter(|p| !entry.unlisted.contains(p))
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
