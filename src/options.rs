//! What a caller can ask of one lint run.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;

/// What a rule can be set to in {@link Options.rules}: off, on with its default severity, or another severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
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

/// What a caller can ask of one lint run. Unknown keys are rejected with a `TypeError`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Options {
    /// Per-rule settings by rule id; rules not named keep their default. An unknown id is a `TypeError`.
    #[serde(default)]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(optional, as = "Option<BTreeMap<String, RuleSetting>>")
    )]
    pub rules: BTreeMap<String, RuleSetting>,
    /// When given, only these rules run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub only: Option<Vec<String>>,
    /// Values of input variables, as `terraform -var` gives them; they win over `.tfvars` files and defaults.
    #[serde(default)]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(optional, as = "Option<BTreeMap<String, crate::typescript::Unknown>>")
    )]
    pub variables: BTreeMap<String, serde_json::Value>,
    /// `TF_VAR_<name>` environment variables of the root module, by variable name (without the
    /// prefix), as the text set: they win over defaults and lose to `.tfvars` files and
    /// `variables`, as in Terraform. A variable with no `type`, or a `string`, `number` or `bool`
    /// one, takes the text as it is; any other reads it as an HCL expression. Names the module
    /// does not declare are ignored.
    #[serde(default)]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(optional, as = "Option<BTreeMap<String, String>>")
    )]
    pub environment: BTreeMap<String, String>,
    /// What the configuration cannot show about KMS providers, by the provider's `name`: the Azure
    /// Key Vault SKU (`standard` has no HSMs), whether HSM protection is available at all.
    #[serde(default)]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(optional, as = "Option<BTreeMap<String, ProviderSettings>>")
    )]
    pub providers: BTreeMap<String, ProviderSettings>,
    /// Which module calls to follow, as tflint's `call_module_type`: `local` (the default) follows
    /// calls whose `source` is a local path into the files given for that directory; `all` also
    /// follows registry, git and http modules into the directories `terraform init` installed
    /// them in, read from `.terraform/modules/modules.json` when it is among the files; `none`
    /// follows none. A module not followed has unknown outputs.
    #[serde(default)]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(optional, as = "Option<crate::model::modules::CallModuleType>")
    )]
    pub call_module_type: crate::model::modules::CallModuleType,
    /// When given, only the diagnostics of these files (paths as in the files given) are reported,
    /// and the summary counts them and these files: the module is still linted whole, for context,
    /// as the CLI does for files named on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub report_files: Option<Vec<String>>,
    /// Test-only: makes the core panic, to prove that callers get an {@link InternalError} and that
    /// the next call works. Never set it in real use.
    #[serde(default, rename = "__testPanic", skip_serializing)]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(optional, as = "Option<bool>")
    )]
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

/// Facts about one KMS provider that lint rules cannot read from the configuration.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct ProviderSettings {
    /// Azure Key Vault SKU: `standard` or `premium`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(optional, type = "'standard' | 'premium'")
    )]
    pub sku: Option<String>,
    /// Whether HSM protection is available (GCP: Cloud HSM in the key ring's location).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
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
