//! Which generation of the keymgmt resources a configuration is written for, when it says so:
//! the version of the Vault provider (`hashicorp/vault`) that a `required_providers` constraint
//! admits, in any module of the configuration, or that the root module's `.terraform.lock.hcl`
//! locks. Every release with keymgmt resources (5.9.0 and later) has only the released
//! generation (`mount`, `credentials_wo`), so a constraint that admits no earlier version, or a
//! locked version from 5.9.0 on, pins it. Otherwise nothing is pinned, and each resource is
//! read as the generation its mount argument names (`path` or `mount`).

use compact_str::CompactString;

use super::{Module, Resource};
use crate::schema::schemas;
use crate::source::Span;

/// The `x-generation` marks of the schemas.
pub const SEED: &str = "seed";
pub const RELEASED: &str = "5.x";

/// The first provider release with keymgmt resources.
const FIRST_RELEASED: Version = [5, 9, 0];

type Version = [u64; 3];

/// What the files say of the Vault provider's version.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VaultVersion {
    /// `version` constraints on `hashicorp/vault` in `required_providers` blocks, as written.
    pub constraints: Vec<(Span, CompactString)>,
    /// Versions of `hashicorp/vault` locked by `.terraform.lock.hcl` files, by directory.
    pub locked: Vec<(String, Span, CompactString)>,
}

/// The generation a configuration pins, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    pub generation: &'static str,
    /// Where the constraint or locked version is written.
    pub span: Span,
    /// What pins it, e.g. "the version constraint `~> 5.11` on hashicorp/vault".
    pub what: String,
}

impl VaultVersion {
    /// The generation pinned for the root module in `root_dir`, if any.
    pub fn pin(&self, root_dir: &str) -> Option<Pin> {
        let released = |v: Version| v >= FIRST_RELEASED;
        if let Some((span, text)) = self
            .constraints
            .iter()
            .find(|(_, text)| lowest_admitted(text).is_some_and(released))
        {
            return Some(Pin {
                generation: RELEASED,
                span: *span,
                what: format!("the version constraint `{text}` on hashicorp/vault"),
            });
        }
        self.locked
            .iter()
            .find(|(dir, _, version)| dir == root_dir && version_of(version).is_some_and(released))
            .map(|(_, span, version)| Pin {
                generation: RELEASED,
                span: *span,
                what: format!("hashicorp/vault {version}, locked in `.terraform.lock.hcl`"),
            })
    }
}

/// Whether a `required_providers` entry named `local_name`, with this `source`, is the Vault
/// provider: its source names `hashicorp/vault` (on any registry host), or it has none and is
/// named `vault`, as Terraform then assumes `hashicorp/vault`.
pub fn is_vault(local_name: &str, source: Option<&str>) -> bool {
    match source {
        Some(source) => {
            let source = source.to_ascii_lowercase();
            source == "hashicorp/vault" || source.ends_with("/hashicorp/vault")
        }
        None => local_name == "vault",
    }
}

/// Whether a lock file's `provider` block label is the Vault provider.
pub fn is_vault_lock(label: &str) -> bool {
    label.to_ascii_lowercase().ends_with("/hashicorp/vault")
}

/// The lowest version a Terraform version constraint (`">= 5.9, < 6.0"`, `"~> 5.11"`,
/// `"5.11.0"`) admits, or `None` when it is not one Terraform reads.
fn lowest_admitted(constraint: &str) -> Option<Version> {
    let mut lowest = [0, 0, 0];
    for part in constraint.split(',') {
        let part = part.trim();
        let (operator, version) = ["~>", ">=", "<=", "!=", ">", "<", "="]
            .into_iter()
            .find_map(|op| part.strip_prefix(op).map(|rest| (op, rest)))
            .unwrap_or(("=", part));
        let version = version_of(version.trim())?;
        // `> v` admits versions after `v`: none before it, so `v` bounds it as well as `>= v`.
        if matches!(operator, "~>" | ">=" | ">" | "=") {
            lowest = lowest.max(version);
        }
    }
    Some(lowest)
}

/// `5.11.0`, `5.11` or `5` (missing parts are 0); a pre-release or build suffix is ignored.
fn version_of(text: &str) -> Option<Version> {
    let text = text.strip_prefix('v').unwrap_or(text);
    let core = text.split(['-', '+']).next()?;
    let mut version = [0; 3];
    let mut parts = core.split('.');
    for slot in &mut version {
        match parts.next() {
            Some(part) => *slot = part.parse().ok()?,
            None => break,
        }
    }
    if parts.next().is_some() || core.is_empty() {
        return None;
    }
    Some(version)
}

impl Module {
    /// The generation `resource` is checked against: the pinned one, else the one its mount
    /// argument names (`None` for a resource that sets neither or both, or is not a keymgmt
    /// resource).
    pub fn generation(&self, resource: &Resource) -> Option<&'static str> {
        let schema = schemas().get(&resource.kind)?;
        schema.generation("mount")?;
        if let Some(pin) = &self.pin {
            return Some(pin.generation);
        }
        schema.generation_of(|argument| resource.attribute(argument).is_some())
    }

    /// Why a resource is of `generation`, as [`Module::generation`] decided it: "the
    /// configuration pins ..." or "it sets `mount`".
    pub fn generation_reason(&self, generation: &str) -> String {
        match &self.pin {
            Some(pin) => format!("the configuration pins {}", pin.what),
            None => format!("it sets `{}`", mount_argument(generation)),
        }
    }
}

/// The name of the mount argument in `generation`.
pub fn mount_argument(generation: &str) -> &'static str {
    match generation {
        SEED => "path",
        _ => "mount",
    }
}

/// A generation mark as messages name it.
pub fn describe(generation: &str) -> &'static str {
    match generation {
        SEED => "the early provider generation",
        _ => "provider 5.x",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraints_admitting_only_released_versions_pin_them() {
        let pins = |constraint: &str| {
            let version = VaultVersion {
                constraints: vec![(Span::new(0, 0..0), constraint.into())],
                locked: Vec::new(),
            };
            version.pin("").is_some()
        };
        for pinned in [
            "~> 5.11",
            ">= 5.9.0",
            "5.11.0",
            "= 5.10.1",
            ">= 5.0, >= 5.9",
            "> 5.9",
            "~> 5.9.0-beta1",
            ">= 5.9, < 6.0.0",
        ] {
            assert!(pins(pinned), "{pinned}");
        }
        for open in [
            "~> 5",
            ">= 4.0",
            "< 6.0",
            "!= 5.10.0",
            "~> 5.8",
            "> 5.8.9",
            "",
            "latest",
            "5.x",
        ] {
            assert!(!pins(open), "{open}");
        }
    }

    #[test]
    fn a_locked_version_pins_only_its_own_root_module() {
        let version = VaultVersion {
            constraints: Vec::new(),
            locked: vec![
                ("live".into(), Span::new(0, 0..0), "5.11.0".into()),
                ("old".into(), Span::new(1, 0..0), "4.8.0".into()),
            ],
        };
        assert_eq!(version.pin("live").unwrap().generation, RELEASED);
        assert!(version.pin("old").is_none());
        assert!(version.pin("").is_none());
    }

    #[test]
    fn vault_is_found_by_source_or_by_name() {
        assert!(is_vault("vault", None));
        assert!(is_vault(
            "hcv",
            Some("registry.terraform.io/hashicorp/vault")
        ));
        assert!(is_vault("vault", Some("HashiCorp/Vault")));
        assert!(!is_vault("vault", Some("example/vault")));
        assert!(!is_vault("aws", None));
        assert!(is_vault_lock("registry.terraform.io/hashicorp/vault"));
    }
}
