//! The diagnostics the linter reports and the report that collects them.

use serde::{Deserialize, Serialize};

// These types cross to JavaScript as they serialise; their doc comments are also the
// documentation of the npm package's declarations (src/typescript.rs writes them into
// pkg/src/index.d.ts).

/// How bad a finding is: `error` (apply fails or the config is wrong), `warning` (works but risky), `info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A point in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in UTF-16 code units (as JavaScript strings and editors count).
    pub column: u32,
    /// 0-based offset in UTF-8 bytes from the start of the file.
    pub offset: u32,
}

/// A span of a file; `end` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Another place that explains a diagnostic, such as the key whose `type` a distribution conflicts with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Related {
    pub file: String,
    pub range: Range,
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Diagnostic {
    /// The id of the rule that found it, e.g. `purpose-key-type`.
    pub rule: String,
    pub severity: Severity,
    /// One sentence naming the resource; never contains the value of a sensitive argument.
    pub message: String,
    /// The path of the file, as given in {@link SourceFile.path}.
    pub file: String,
    /// The narrowest span at fault: the offending value rather than its whole block.
    pub range: Range,
    /// How to fix it, when the rule knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub help: Option<String>,
    /// Other places involved; empty when there are none.
    #[serde(default)]
    pub related: Vec<Related>,
    /// The address of the resource concerned, e.g. `vault_keymgmt_distribute_key.aws_dist`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub resource: Option<String>,
    /// Ways to fix it by editing {@link Diagnostic.file}; absent when the rule has none here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
}

/// A fix: edits of the diagnostic's file, applied together. `safe`: the meaning cannot change
/// (a typo with one candidate, a slip of case, a string where a one-element list is required, a
/// missing `depends_on`); `unsafe`: it does (renaming `path` to `mount` for provider 5.x).
/// Edits never overlap; none holds a value the file does not already have at that place.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Fix {
    pub title: String,
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "'safe' | 'unsafe'"))]
    pub safety: crate::fix::Safety,
    pub edits: Vec<Edit>,
}

/// `range` of the file replaced by `text`: an insertion where the range is empty.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Edit {
    pub range: Range,
    pub text: String,
}

/// Counts over one lint run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files read.
    pub files: usize,
    /// Resources found in the module.
    pub resources: usize,
}

/// The result of {@link lint}: diagnostics sorted by file and position.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// Directories of local module calls (or of installed remote ones, with `callModuleType:
    /// 'all'`) that no file given belongs to: lint again with their `.tf` files added to follow
    /// them. Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_modules: Vec<String>,
    /// Files that `file()`, `fileexists()`, `filebase64()` or `templatefile()` read, in the root
    /// module's directory tree, that were not among the files given (their values are unknown):
    /// lint again with them added to evaluate those calls. Absent when there are none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_files: Vec<String>,
    /// Which generation of the provider's keymgmt resources the configuration was checked
    /// against, and why. Absent for plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub schema_generation: Option<SchemaGeneration>,
}

/// The generation a configuration pins through the Vault provider's version, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct SchemaGeneration {
    /// `'5.x'` when a `required_providers` constraint on `hashicorp/vault` admits only 5.9.0 and
    /// later, or the root module's `.terraform.lock.hcl` locks such a version; `null` when
    /// nothing pins it and each resource is read as the generation its mount argument names.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "'5.x' | null"))]
    pub pinned: Option<String>,
    /// Why, in words.
    pub reason: String,
    /// The file where the pin is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(optional))]
    pub range: Option<Range>,
}

impl Report {
    /// Sorts by file and position, drops exact duplicates and counts the severities.
    pub fn new(mut diagnostics: Vec<Diagnostic>, files: usize, resources: usize) -> Report {
        diagnostics.sort_by(|a, b| {
            (
                &a.file,
                a.range.start.offset,
                a.range.end.offset,
                &a.rule,
                &a.message,
            )
                .cmp(&(
                    &b.file,
                    b.range.start.offset,
                    b.range.end.offset,
                    &b.rule,
                    &b.message,
                ))
        });
        diagnostics.dedup();
        let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
        let summary = Summary {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            files,
            resources,
        };
        Report {
            diagnostics,
            summary,
            ..Report::default()
        }
    }
}
