//! What a rule is, and `declare_rule!`, the one place each rule states all of it.

use std::sync::OnceLock;

use serde::Serialize;

use super::{Context, Finding};
use crate::diagnostic::Severity;
use crate::suppress::Suppressions;

/// A rule: its identity and documentation, where and when it runs, and its check. What
/// `rules()` tells a front end is what it serialises: the first six fields.
///
/// Written only through `declare_rule!`, so that everything about a rule is in its file.
#[derive(Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "RuleMeta"))]
pub struct Rule {
    /// Stable kebab-case id, used in diagnostics and {@link Options.rules}.
    pub id: &'static str,
    /// Human-readable name.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary.
    pub summary: &'static str,
    // The doc comment of its `declare_rule!`.
    /// Full documentation in Markdown: what, why, bad and good examples.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "string"))]
    pub docs: Docs,
    /// Which fixes its diagnostics may carry ({@link Fix.safety}); the page's `## Fix` section says
    /// what they do.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'none' | 'safe' | 'unsafe' | 'safeAndUnsafe'")
    )]
    pub fixes: Fixes,
    #[serde(skip)]
    pub inputs: Inputs,
    #[serde(skip)]
    pub phase: Phase,
    #[serde(skip)]
    pub check: Check,
}

/// What a rule reads to judge; its phase decides which.
#[derive(Clone, Copy)]
pub enum Check {
    /// The configuration, through the lint's context.
    Configuration(fn(&Context<'_>, &mut Vec<Finding>)),
    /// The ignore comments and what they silenced (the suppression pass runs it).
    IgnoreComments(fn(&Suppressions, &mut Vec<Finding>)),
}

/// A rule's documentation, made from its doc comment when first read.
pub struct Docs(pub fn() -> &'static str);

impl std::ops::Deref for Docs {
    type Target = str;

    fn deref(&self) -> &str {
        (self.0)()
    }
}

impl Serialize for Docs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

/// Which fixes a rule's findings may carry: see [`crate::fix::Safety`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Fixes {
    None,
    Safe,
    Unsafe,
    SafeAndUnsafe,
}

impl Fixes {
    /// How a rule page says it.
    pub fn describe(self) -> &'static str {
        match self {
            Fixes::None => "no fix",
            Fixes::Safe => "safe fix",
            Fixes::Unsafe => "unsafe fix",
            Fixes::SafeAndUnsafe => "safe and unsafe fixes",
        }
    }
}

/// What a rule can judge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inputs {
    /// Only configuration files. A plan says nothing to it: Terraform validated arguments and
    /// references against the real provider schema before it could plan, and a plan's values no
    /// longer show whether the configuration wrote them as literals.
    Configuration,
    /// Configuration files and the JSON of a Terraform plan.
    ConfigurationAndPlans,
}

/// When a rule runs in a lint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// With the other rules, on the configuration.
    Checks,
    /// After the other checks, because it reports on what they did (before suppression).
    AfterChecks,
    /// In the suppression pass, because it reports on the ignore comments themselves: its
    /// `check` reads them (`Check::IgnoreComments`).
    AfterSuppression,
}

/// The text of a doc comment, given as its `#[doc]` lines joined (`concat!`), made once into
/// `cell`: each `/// ` line without the space that follows the slashes.
pub fn doc_text(cell: &'static OnceLock<String>, joined: &str) -> &'static str {
    cell.get_or_init(|| {
        let lines: Vec<&str> = joined
            .lines()
            .map(|line| line.strip_prefix(' ').unwrap_or(line))
            .collect();
        lines.join("\n").trim().to_string()
    })
}

/// Declares a rule: its doc comment is its page (`## What it checks`, `## Why`, `## Bad`,
/// `## Good`, and `## Fix` when it has fixes), its fields say the rest, and its file's `check`
/// function is its check.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it checks
///     /// ...
///     pub static RULE = {
///         id: "namespace-format",
///         name: "Malformed namespace",
///         severity: Error,
///         summary: "A `namespace` that is empty or has a leading or trailing `/`.",
///         fixes: None,
///         inputs: ConfigurationAndPlans,
///         phase: Checks,
///         check,
///     }
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $static:ident = {
            id: $id:literal,
            name: $name:literal,
            severity: $severity:ident,
            summary: $summary:literal,
            fixes: $fixes:ident,
            inputs: $inputs:ident,
            phase: $phase:ident,
            check $(,)?
        }
    ) => {
        pub static $static: $crate::rules::Rule = $crate::rules::Rule {
            id: $id,
            name: $name,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            docs: $crate::rules::Docs({
                fn docs() -> &'static str {
                    static TEXT: ::std::sync::OnceLock<String> = ::std::sync::OnceLock::new();
                    $crate::rules::rule::doc_text(&TEXT, concat!($($doc, "\n"),*))
                }
                docs
            }),
            fixes: $crate::rules::Fixes::$fixes,
            inputs: $crate::rules::Inputs::$inputs,
            phase: $crate::rules::Phase::$phase,
            check: declare_rule!(@check $phase),
        };
    };
    // The `check` function of the rule's file, read as its phase says.
    (@check AfterSuppression) => {
        $crate::rules::Check::IgnoreComments(check)
    };
    (@check $phase:ident) => {
        $crate::rules::Check::Configuration(check)
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_text_drops_the_space_after_the_slashes_only() {
        static TEXT: OnceLock<String> = OnceLock::new();
        assert_eq!(
            doc_text(&TEXT, " ## Bad\n\n ```hcl\n   indented\n ```\n"),
            "## Bad\n\n```hcl\n  indented\n```"
        );
    }
}
