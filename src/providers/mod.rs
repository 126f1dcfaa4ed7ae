//! What each cloud KMS provider can do, as data: the Vault docs' "Key purpose compatibility"
//! tables (`docs/secrets/key-management/{awskms,azurekeyvault,gcpkms}`) and the provider notes of
//! the early `vault_keymgmt_distribute_key` docs (hashicorp/terraform-provider-vault,
//! `website/docs/r/keymgmt_distribute_key.html.md`). Rules look facts up here; no rule branches on
//! a provider by name.

/// The three KMS provider resource types of the Key Management engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Provider {
    Aws,
    Azure,
    Gcp,
}

/// Where HSM protection is available.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hsm {
    Always,
    /// Only in a Premium SKU Key Vault.
    PremiumSku,
    /// Only where Cloud HSM serves the key ring's location.
    ByLocation,
}

/// The shape of a provider's `key_collection`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyCollection {
    /// An AWS region code of any partition, e.g. `us-west-2` (see [`aws_regions`]).
    AwsRegion,
    /// A Key Vault name: 3–24 letters, digits and hyphens, starting with a letter, ending with a
    /// letter or digit, without `--` (azurerm's `validate.VaultName`).
    AzureVaultName,
    /// `projects/<p>/locations/<l>/keyRings/<r>`.
    GcpKeyRing,
}

pub struct ProviderFacts {
    pub provider: Provider,
    pub resource_type: &'static str,
    /// The name people know it by, for messages.
    pub display: &'static str,
    pub hsm: Hsm,
    pub key_collection: KeyCollection,
    /// What `key_collection` holds, for messages.
    pub key_collection_means: &'static str,
    /// The classic individual credential arguments and the keys of the `credentials` map.
    pub credential_fields: &'static [&'static str],
    /// Pairs of fields where one is useless without the other.
    pub credential_pairs: &'static [(&'static str, &'static str)],
    /// Whether the key can be replicated to other regions (`vault_keymgmt_replicate_key`).
    pub replication: bool,
}

pub static PROVIDERS: &[ProviderFacts] = &[
    ProviderFacts {
        provider: Provider::Aws,
        resource_type: "vault_keymgmt_aws_kms",
        display: "AWS KMS",
        hsm: Hsm::Always,
        key_collection: KeyCollection::AwsRegion,
        key_collection_means: "an AWS region code such as `us-west-2`",
        credential_fields: &["access_key", "secret_key", "session_token"],
        credential_pairs: &[("access_key", "secret_key")],
        replication: true,
    },
    ProviderFacts {
        provider: Provider::Azure,
        resource_type: "vault_keymgmt_azure_kms",
        display: "Azure Key Vault",
        hsm: Hsm::PremiumSku,
        key_collection: KeyCollection::AzureVaultName,
        key_collection_means: "a Key Vault name: 3 to 24 letters, digits and hyphens, starting with a letter, ending with a letter or digit, without `--`",
        credential_fields: &["tenant_id", "client_id", "client_secret", "environment"],
        credential_pairs: &[("client_id", "client_secret")],
        replication: false,
    },
    ProviderFacts {
        provider: Provider::Gcp,
        resource_type: "vault_keymgmt_gcp_kms",
        display: "GCP Cloud KMS",
        hsm: Hsm::ByLocation,
        key_collection: KeyCollection::GcpKeyRing,
        key_collection_means:
            "a key ring path `projects/<project>/locations/<location>/keyRings/<ring>`",
        credential_fields: &["service_account_file"],
        credential_pairs: &[],
        replication: false,
    },
];

pub fn facts(provider: Provider) -> &'static ProviderFacts {
    PROVIDERS
        .iter()
        .find(|f| f.provider == provider)
        .expect("every provider has facts")
}

pub fn of_resource_type(resource_type: &str) -> Option<&'static ProviderFacts> {
    PROVIDERS.iter().find(|f| f.resource_type == resource_type)
}

pub const KEY_TYPES: &[&str] = &[
    "aes256-gcm96",
    "rsa-2048",
    "rsa-3072",
    "rsa-4096",
    "ecdsa-p256",
    "ecdsa-p384",
    "ecdsa-p521",
];

pub const ALL_PURPOSES: &[&str] = &["encrypt", "decrypt", "sign", "verify", "wrap", "unwrap"];

/// Which purposes a provider allows for some key types. A distribution's purposes must all lie
/// in one family; a (key type, provider) pair without an entry is not supported at all.
pub struct KeyPurposes {
    pub key_types: &'static [&'static str],
    pub provider: Provider,
    pub families: &'static [&'static [&'static str]],
    /// Purposes of the families that Vault's table does not list for these key types: accepted
    /// with a warning, as what Vault does with them is undocumented.
    pub unlisted: &'static [&'static str],
}

pub static KEY_PURPOSES: &[KeyPurposes] = &[
    KeyPurposes {
        key_types: &["aes256-gcm96"],
        provider: Provider::Aws,
        families: &[&["encrypt", "decrypt"]],
        unlisted: &[],
    },
    KeyPurposes {
        key_types: &["rsa-2048", "rsa-3072", "rsa-4096"],
        provider: Provider::Azure,
        families: &[ALL_PURPOSES],
        unlisted: &[],
    },
    KeyPurposes {
        key_types: &["aes256-gcm96"],
        provider: Provider::Gcp,
        families: &[&["encrypt", "decrypt"]],
        unlisted: &[],
    },
    // Cloud KMS gives an RSA key one purpose, ASYMMETRIC_DECRYPT or ASYMMETRIC_SIGN: Vault's
    // table lists `decrypt` or `sign`, never both. `encrypt` and `verify` are done with the
    // public key outside KMS; the table omits them, so they are warnings.
    KeyPurposes {
        key_types: &["rsa-2048", "rsa-3072", "rsa-4096"],
        provider: Provider::Gcp,
        families: &[&["decrypt", "encrypt"], &["sign", "verify"]],
        unlisted: &["encrypt", "verify"],
    },
    // Vault's table lists `sign` only; `encrypt` and `verify` on a GCP asymmetric key are
    // warnings, as on RSA keys.
    KeyPurposes {
        key_types: &["ecdsa-p256", "ecdsa-p384"],
        provider: Provider::Gcp,
        families: &[&["sign", "verify", "encrypt"]],
        unlisted: &["encrypt", "verify"],
    },
];

/// The purposes for a key type on a provider; `None` when the provider cannot hold it.
pub fn key_purposes(key_type: &str, provider: Provider) -> Option<&'static KeyPurposes> {
    KEY_PURPOSES
        .iter()
        .find(|k| k.provider == provider && k.key_types.contains(&key_type))
}

/// The purpose families for a key type on a provider; `None` when the provider cannot hold it.
pub fn purpose_families(
    key_type: &str,
    provider: Provider,
) -> Option<&'static [&'static [&'static str]]> {
    key_purposes(key_type, provider).map(|k| k.families)
}

/// The key types a provider can hold, for messages.
pub fn supported_key_types(provider: Provider) -> Vec<&'static str> {
    KEY_TYPES
        .iter()
        .copied()
        .filter(|t| purpose_families(t, provider).is_some())
        .collect()
}

/// AWS regions and their partitions, one `<region> <partition>` a line, generated by
/// `scripts/gen-aws-regions.mjs` from the AWS SDK for JavaScript's partitions data (its header
/// names the npm package and version; `pkg/test/aws-regions.test.js` checks that it matches them).
const AWS_REGIONS: &str = include_str!("aws_regions.txt");

/// Every AWS region with its partition (`("us-east-1", "aws")`, `("cn-north-1", "aws-cn")`).
pub fn aws_regions() -> impl Iterator<Item = (&'static str, &'static str)> {
    AWS_REGIONS
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .filter_map(|line| line.split_once(' '))
}

/// The partition of an AWS region code (`aws`, `aws-cn`, `aws-us-gov`, `aws-eusc`, ...), or
/// `None` when the code is no region of the data.
pub fn aws_partition(region: &str) -> Option<&'static str> {
    aws_regions()
        .find(|(code, _)| *code == region)
        .map(|(_, partition)| partition)
}

/// Whether `text` is an AWS region code: `us-west-2`, `us-gov-west-1`, `eusc-de-east-1`, ...
pub fn is_aws_region(text: &str) -> bool {
    aws_partition(text).is_some()
}

/// The npm package and version the region data was generated from, e.g. `@aws-sdk/core 3.981.2`.
#[cfg(test)]
pub fn aws_regions_source() -> &'static str {
    AWS_REGIONS
        .lines()
        .find_map(|line| line.strip_prefix("# Generated by scripts/gen-aws-regions.mjs from "))
        .map(|rest| rest.trim_end_matches(','))
        .expect("the region data names its source")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gcp_rsa_keys_take_one_family_only() {
        let families = purpose_families("rsa-3072", Provider::Gcp).unwrap();
        assert_eq!(families.len(), 2);
        assert!(purpose_families("rsa-2048", Provider::Aws).is_none());
        assert!(purpose_families("ecdsa-p521", Provider::Gcp).is_none());
        assert_eq!(supported_key_types(Provider::Aws), ["aes256-gcm96"]);
    }

    #[test]
    fn unlisted_purposes_belong_to_a_family() {
        for entry in KEY_PURPOSES {
            for purpose in entry.unlisted {
                assert!(
                    entry.families.iter().any(|f| f.contains(purpose)),
                    "{purpose}"
                );
            }
            // Every family keeps at least one purpose Vault's table lists.
            for family in entry.families {
                assert!(family.iter().any(|p| !entry.unlisted.contains(p)));
            }
        }
        let rsa = key_purposes("rsa-4096", Provider::Gcp).unwrap();
        assert_eq!(rsa.unlisted, ["encrypt", "verify"]);
        let ec = key_purposes("ecdsa-p384", Provider::Gcp).unwrap();
        assert!(ec.unlisted.contains(&"verify"));
    }

    #[test]
    fn aws_region_codes() {
        for good in [
            "us-west-2",
            "eu-central-1",
            "us-gov-west-1",
            "cn-north-1",
            "ap-southeast-4",
            "eusc-de-east-1",
            "us-isof-south-1",
            "eu-isoe-west-1",
        ] {
            assert!(is_aws_region(good), "{good}");
        }
        for bad in [
            "us-west",
            "uswest2",
            "US-WEST-2",
            "us-west-2a",
            "us-east-1a",
            "Oregon",
            "europe-west1",
            // Endpoint pseudo-regions of the SDK's data, no place a key can live.
            "aws-global",
            "aws-cn-global",
            "",
        ] {
            assert!(!is_aws_region(bad), "{bad}");
        }
    }

    #[test]
    fn aws_partitions_of_regions() {
        for (region, partition) in [
            ("us-east-1", "aws"),
            ("eu-central-1", "aws"),
            ("cn-north-1", "aws-cn"),
            ("cn-northwest-1", "aws-cn"),
            ("us-gov-west-1", "aws-us-gov"),
            ("us-iso-east-1", "aws-iso"),
            ("us-isob-east-1", "aws-iso-b"),
            ("eu-isoe-west-1", "aws-iso-e"),
            ("us-isof-south-1", "aws-iso-f"),
            ("eusc-de-east-1", "aws-eusc"),
        ] {
            assert_eq!(aws_partition(region), Some(partition), "{region}");
        }
        assert_eq!(aws_partition("us-east-1a"), None);
    }

    #[test]
    fn aws_region_data_is_well_formed() {
        let regions: Vec<_> = aws_regions().collect();
        assert!(regions.len() > 30, "{} regions", regions.len());
        let mut codes: Vec<&str> = regions.iter().map(|(code, _)| *code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), regions.len(), "a region is listed twice");
        for (code, partition) in &regions {
            let plain = |s: &str| {
                !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            };
            assert!(plain(code) && plain(partition), "{code} {partition}");
            assert!(partition.starts_with("aws"), "{code} {partition}");
        }
        // Every line is a comment or a region: nothing is skipped silently.
        let lines = AWS_REGIONS.lines().filter(|l| !l.starts_with('#')).count();
        assert_eq!(lines, regions.len());
        assert!(aws_regions_source().starts_with("@aws-sdk/"));
    }
}
