//! What a caller can ask of one lint run.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;

/// How one rule is configured: switched off, or on with its default or another severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    On,
    Error,
    Warning,
    Info,
}

impl RuleSetting {
    /// The severity of a finding of a rule set so, or `None` when the rule is off: the severity
    /// the user chose, else the one the rule gives this case (a milder or graver case of it),
    /// else the rule's default. The one place a severity is decided.
    pub fn severity(self, default: Severity, case: Option<Severity>) -> Option<Severity> {
        match self {
            RuleSetting::Off => None,
            RuleSetting::On => Some(case.unwrap_or(default)),
            RuleSetting::Error => Some(Severity::Error),
            RuleSetting::Warning => Some(Severity::Warning),
            RuleSetting::Info => Some(Severity::Info),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Options {
    /// Per-rule settings by rule id; rules not named keep their default severity.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// When given, only these rules run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only: Option<Vec<String>>,
    /// Values of input variables, as `-var` gives them: they win over tfvars files and defaults.
    #[serde(default)]
    pub variables: BTreeMap<String, serde_json::Value>,
    /// `TF_VAR_<name>` environment variables of the root module, by variable name, as the text
    /// set: they win over defaults and lose to tfvars files and `variables`, as in Terraform.
    /// A variable with no `type`, or a `string`, `number` or `bool` one, takes the text as it
    /// is; any other reads it as an HCL expression.
    #[serde(default)]
    pub environment: BTreeMap<String, String>,
    /// What the linter cannot see in the configuration, by KMS provider `name`: the Azure Key
    /// Vault SKU, whether Cloud HSM serves a GCP key ring's location.
    #[serde(default)]
    pub providers: BTreeMap<String, ProviderSettings>,
    /// Which module calls are followed: `local` (the default), `all` (also the remote ones
    /// `terraform init` installed) or `none`.
    #[serde(default)]
    pub call_module_type: crate::model::modules::CallModuleType,
    /// When given, only the diagnostics of these files (paths as given) are reported, and the
    /// summary counts them and these files: the module is still linted whole, for context, as
    /// when an editor or a commit names one file of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_files: Option<Vec<String>>,
    /// Test-only: panic inside the core, to prove that front ends contain it.
    #[serde(default, rename = "__testPanic", skip_serializing)]
    pub test_panic: bool,
}

impl Options {
    /// How the options set the rule `id`: `On` unless named in `rules`.
    pub fn setting(&self, id: &str) -> RuleSetting {
        self.rules.get(id).copied().unwrap_or(RuleSetting::On)
    }

    /// The options a front end passes as JSON (`null` for none): the keys are those of the
    /// npm package's `LintOptions`, and a key not among them is an error.
    pub fn from_json(json: serde_json::Value) -> Result<Options, serde_json::Error> {
        if json.is_null() {
            return Ok(Options::default());
        }
        serde_json::from_value(json)
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProviderSettings {
    /// Azure Key Vault SKU: `standard` or `premium`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// Whether HSM protection is available (GCP: Cloud HSM in the key ring's location).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hsm: Option<bool>,
}

#[cfg(test)]
mod severity_tests {
    use super::*;

    #[test]
    fn the_users_choice_wins_then_the_case_then_the_rules_default() {
        use Severity::{Error, Info, Warning};
        assert_eq!(RuleSetting::On.severity(Error, None), Some(Error));
        assert_eq!(RuleSetting::On.severity(Error, Some(Info)), Some(Info));
        assert_eq!(
            RuleSetting::Warning.severity(Error, Some(Info)),
            Some(Warning)
        );
        assert_eq!(RuleSetting::Off.severity(Error, Some(Info)), None);
    }
}
