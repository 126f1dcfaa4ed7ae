use super::{Context, Finding};
use crate::providers::{self, KeyCollection};
use crate::redact::Text;

declare_rule! {
    /// ## What it checks
    ///
    /// That the `key_collection` of a KMS provider, where its value is known, has the shape the
    /// provider expects (the format of each provider is a provider fact):
    ///
    /// - AWS KMS: an AWS region code of any partition, such as `us-west-2`, `eu-central-1`,
    ///   `us-gov-west-1`, `cn-north-1`, `eusc-de-east-1` or `us-isof-south-1`. The regions are those
    ///   of the AWS SDK for JavaScript's partitions data (`partitionsInfo` in the npm package
    ///   @aws-sdk/core 3.981.2, `dist-es/submodules/client/util-endpoints/lib/aws/partitions.js`),
    ///   kept as data in `src/providers/aws_regions.txt` and generated from that package by
    ///   `scripts/gen-aws-regions.mjs`; the SDK's endpoint pseudo-regions such as `aws-global` are
    ///   not regions.
    /// - Azure Key Vault: a Key Vault name as the azurerm provider validates it
    ///   (`validate.VaultName` in hashicorp/terraform-provider-azurerm,
    ///   `internal/services/keyvault/validate/vault_name.go`): 3 to 24 letters, digits and hyphens,
    ///   starting with a letter, ending with a letter or digit, with no two hyphens in a row (`--`).
    /// - GCP Cloud KMS: a key ring resource name,
    ///   `projects/<project>/locations/<location>/keyRings/<ring>`, with no segment empty.
    ///
    /// Where the mistake is a common one, the help gives the corrected value: an availability zone
    /// (`us-west-2a`), upper case or a typo (`us-esat-1`) for a region, a Key Vault URL or resource
    /// ID for a vault name, a crypto key path or stray slashes for a key ring. Only these formats are
    /// checked, not that the vault or key ring exists. Values unknown before apply are not checked.
    ///
    /// ## Why it matters
    ///
    /// Vault docs: `key_collection` "refers to the name of an existing Azure Key Vault instance" /
    /// the AWS region / the GCP key ring, and it "cannot be changed after creation". A malformed
    /// value passes `terraform plan` and fails when Vault first calls the cloud, and fixing it
    /// afterwards means replacing the KMS provider and every distribution to it. A name azurerm
    /// refuses for an `azurerm_key_vault` is one Azure refuses for a vault too (Microsoft's "Naming
    /// rules and restrictions for Azure resources", `Microsoft.KeyVault/vaults`), so no Key Vault
    /// has it.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_gcp_kms" "gcp" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "gcp-kms"
    ///   key_collection = "my-project/us-central1/my-keyring"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-east-1a"
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_gcp_kms" "gcp" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "gcp-kms"
    ///   key_collection = "projects/my-project/locations/us-central1/keyRings/my-keyring"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-east-1"
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - AWS: the AWS SDK for JavaScript's partitions data, npm @aws-sdk/core 3.981.2,
    ///   `dist-es/submodules/client/util-endpoints/lib/aws/partitions.js`.
    /// - Azure: hashicorp/terraform-provider-azurerm,
    ///   `internal/services/keyvault/validate/vault_name.go`; Microsoft, "Naming rules and
    ///   restrictions for Azure resources" (`Microsoft.KeyVault`, `vaults`),
    ///   <https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules>.
    /// - GCP: the early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_gcp_kms.html.md` of an unreleased development branch): "Format:
    ///   `projects/{project}/locations/{location}/keyRings/{keyring}`".
    /// - Vault API docs, "Create/Update KMS provider" of
    ///   <https://developer.hashicorp.com/vault/api-docs/secret/key-management/awskms>,
    ///   <https://developer.hashicorp.com/vault/api-docs/secret/key-management/azurekeyvault> and
    ///   <https://developer.hashicorp.com/vault/api-docs/secret/key-management/gcpkms>: what
    ///   `key_collection` names, and that it "Cannot be changed after creation".
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `key_collection` in `website/docs/r/keymgmt_aws_kms.html.md`,
    ///   `keymgmt_azure_kms.html.md` and `keymgmt_gcp_kms.html.md`.
    pub static RULE = {
        id: "key-collection-format",
        name: "Malformed key collection",
        severity: Error,
        summary: "A KMS provider's `key_collection` that is not a region code, Key Vault name or key ring path as its provider expects.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

const GCP_KEYWORDS: [&str; 3] = ["projects", "locations", "keyRings"];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, resource) in ctx.module.each_resource() {
        let Some(facts) = providers::of_resource_type(&resource.kind) else {
            continue;
        };
        if resource.attribute("key_collection").is_none() {
            continue;
        }
        let Some(text) = ctx.value(index, "key_collection").text() else {
            continue;
        };
        if matches(facts.key_collection, text.as_str()) {
            continue;
        }
        let finding = Finding::new(
            ctx.attr_span(index, "key_collection"),
            format!(
                "`key_collection` of `{}` is {}, which is not {}.",
                resource.address(),
                text.quoted(),
                facts.key_collection_means
            ),
        );
        // A correction is made from the value: none for a sensitive one.
        let fixed = (!text.is_sensitive())
            .then(|| correction(facts.key_collection, text.as_str()))
            .flatten();
        // Else, for a region, the closest one of the data (`us-esat-1` → `us-east-1`); the
        // suggester never answers for a sensitive value.
        let closest = match facts.key_collection {
            KeyCollection::AwsRegion if fixed.is_none() => ctx.suggest.text(
                text,
                providers::aws_regions().map(|(code, _)| Text::new(code, false)),
            ),
            _ => None,
        };
        let help = match (fixed, closest) {
            (Some(fixed), _) => format!("Did you mean `\"{fixed}\"`?"),
            (None, Some(closest)) => format!("Did you mean `{}`?", closest.quoted()),
            (None, None) => hint(facts.key_collection).to_string(),
        };
        out.push(finding.help(help).about(resource));
    }
}

fn matches(format: KeyCollection, text: &str) -> bool {
    match format {
        KeyCollection::AwsRegion => providers::is_aws_region(text),
        // azurerm's `validate.VaultName`: `^[a-zA-Z0-9-]{3,24}$`, `^[a-zA-Z].*[a-zA-Z0-9]$`, no `--`.
        KeyCollection::AzureVaultName => {
            (3..=24).contains(&text.len())
                && text.starts_with(|c: char| c.is_ascii_alphabetic())
                && text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !text.contains("--")
        }
        KeyCollection::GcpKeyRing => {
            let segments: Vec<&str> = text.split('/').collect();
            segments.len() == 6
                && segments.iter().all(|s| !s.is_empty())
                && [segments[0], segments[2], segments[4]] == GCP_KEYWORDS
        }
    }
}

/// The value the user most likely meant, for common slips; only ever a value that matches.
fn correction(format: KeyCollection, text: &str) -> Option<String> {
    let candidate = match format {
        KeyCollection::AwsRegion => {
            let mut region = text.trim().to_ascii_lowercase().replace(['_', ' '], "-");
            // An availability zone: `us-west-2a` → `us-west-2`.
            let bytes = region.as_bytes();
            if bytes.len() > 2
                && bytes[bytes.len() - 1].is_ascii_lowercase()
                && bytes[bytes.len() - 2].is_ascii_digit()
            {
                region.pop();
            }
            region
        }
        KeyCollection::AzureVaultName => {
            let trimmed = text.trim().trim_end_matches('/');
            if let Some(host) = trimmed
                .strip_prefix("https://")
                .or_else(|| trimmed.strip_prefix("http://"))
            {
                // `https://my-vault.vault.azure.net/` → `my-vault`.
                host.split(['.', '/'])
                    .next()
                    .unwrap_or_default()
                    .to_string()
            } else if let Some((_, name)) = trimmed.rsplit_once("/vaults/") {
                // A resource ID `/subscriptions/.../providers/Microsoft.KeyVault/vaults/my-vault`.
                name.to_string()
            } else {
                trimmed.to_string()
            }
        }
        KeyCollection::GcpKeyRing => {
            // Stray slashes, a crypto key path beyond the ring, or `keyrings` in lower case.
            let segments: Vec<&str> = text.trim().split('/').filter(|s| !s.is_empty()).collect();
            if segments.len() < 6 {
                return None;
            }
            let mut fixed = Vec::new();
            for (i, segment) in segments[..6].iter().enumerate() {
                if i % 2 == 0 {
                    let keyword = GCP_KEYWORDS[i / 2];
                    if !segment.eq_ignore_ascii_case(keyword) {
                        return None;
                    }
                    fixed.push(keyword);
                } else {
                    fixed.push(segment);
                }
            }
            fixed.join("/")
        }
    };
    (candidate != text && matches(format, &candidate)).then_some(candidate)
}

fn hint(format: KeyCollection) -> &'static str {
    match format {
        KeyCollection::AwsRegion => {
            "Use an AWS region code, e.g. `eu-central-1`, not the region's display name, an availability zone or another cloud's region."
        }
        KeyCollection::AzureVaultName => {
            "Use the name of an existing Key Vault (3 to 24 letters, digits and single hyphens, from a letter to a letter or digit), not its URL or resource ID."
        }
        KeyCollection::GcpKeyRing => {
            "Use the key ring's full resource name, e.g. `projects/my-project/locations/global/keyRings/my-ring`."
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        for region in [
            "us-east-1",
            "eu-central-1",
            "us-gov-west-1",
            "cn-north-1",
            "eusc-de-east-1",
            "us-isof-south-1",
        ] {
            assert!(matches(KeyCollection::AwsRegion, region), "{region}");
        }
        for bad in ["us-east-1a", "Oregon", "europe-west1", "aws-global"] {
            assert!(!matches(KeyCollection::AwsRegion, bad), "{bad}");
        }
        assert!(matches(KeyCollection::AzureVaultName, "my-vault-01"));
        assert!(matches(KeyCollection::AzureVaultName, "kv1"));
        assert!(matches(
            KeyCollection::AzureVaultName,
            "a23456789012345678901234"
        ));
        assert!(!matches(KeyCollection::AzureVaultName, "my-vault-"));
        assert!(!matches(KeyCollection::AzureVaultName, "my--vault"));
        assert!(!matches(KeyCollection::AzureVaultName, "-vault"));
        assert!(!matches(KeyCollection::AzureVaultName, "1vault"));
        assert!(!matches(KeyCollection::AzureVaultName, "kv"));
        assert!(!matches(
            KeyCollection::AzureVaultName,
            "a234567890123456789012345"
        ));
        assert!(!matches(KeyCollection::AzureVaultName, "my_vault"));
        assert!(matches(
            KeyCollection::GcpKeyRing,
            "projects/p/locations/global/keyRings/r"
        ));
        assert!(!matches(
            KeyCollection::GcpKeyRing,
            "projects/p/locations//keyRings/r"
        ));
        assert!(!matches(
            KeyCollection::GcpKeyRing,
            "projects/p/locations/l/keyRings/r/cryptoKeys/k"
        ));
    }

    #[test]
    fn corrections() {
        let fix = |f, t| correction(f, t);
        assert_eq!(
            fix(KeyCollection::AwsRegion, "us-west-2a").as_deref(),
            Some("us-west-2")
        );
        assert_eq!(
            fix(KeyCollection::AwsRegion, "US_EAST_1").as_deref(),
            Some("us-east-1")
        );
        assert_eq!(fix(KeyCollection::AwsRegion, "Oregon"), None);
        assert_eq!(
            fix(KeyCollection::AwsRegion, "eusc-de-east-1b").as_deref(),
            Some("eusc-de-east-1")
        );
        assert_eq!(
            fix(
                KeyCollection::AzureVaultName,
                "https://my-vault.vault.azure.net/"
            )
            .as_deref(),
            Some("my-vault")
        );
        assert_eq!(
            fix(
                KeyCollection::GcpKeyRing,
                "/projects/p/locations/l/keyrings/r/cryptoKeys/k"
            )
            .as_deref(),
            Some("projects/p/locations/l/keyRings/r")
        );
        assert_eq!(fix(KeyCollection::GcpKeyRing, "p/l/r"), None);
    }

    #[test]
    fn docs_name_the_region_data_source() {
        // The page cites the package and version the committed region data was generated from.
        let source = providers::aws_regions_source();
        assert!(RULE.docs.contains(source), "docs do not cite {source}");
    }
}
