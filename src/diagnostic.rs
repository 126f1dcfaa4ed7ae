//! The diagnostics the linter reports and the report that collects them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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

/// A point in a source file. `line` and `column` are 1-based; `column` counts UTF-16 code units
/// (what browsers and most editors count); `offset` is the 0-based byte offset in the UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Another place that explains a diagnostic, such as the key whose `type` forbids a purpose.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Related {
    pub file: String,
    pub range: Range,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnostic {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub range: Range,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    #[serde(default)]
    pub related: Vec<Related>,
    /// The address of the resource the diagnostic is about, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// Ways to fix it, by editing the diagnostic's file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
}

/// A fix: edits of the diagnostic's file that never overlap, applied together.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fix {
    pub title: String,
    pub safety: crate::fix::Safety,
    pub edits: Vec<Edit>,
}

/// `range` of the file replaced by `text` (an insertion where the range is empty).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Edit {
    pub range: Range,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files: usize,
    pub resources: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Summary,
    /// The directories of local module calls that have no configuration file among the files
    /// linted: what a front end that reads files should read and lint again with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_modules: Vec<String>,
    /// Files that `file`, `fileexists`, `filebase64` or `templatefile` read and that were not
    /// among the files linted (their values are unknown): what such a front end may read too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing_files: Vec<String>,
    /// Which generation of the provider's keymgmt resources the configuration was checked
    /// against, and why (not for plans, which Terraform has already checked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_generation: Option<SchemaGeneration>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaGeneration {
    /// `"5.x"` when the configuration pins a provider release (5.9.0 or later); `None` when it
    /// pins none, and each resource is read as the generation its mount argument names.
    pub pinned: Option<String>,
    /// Why, in words.
    pub reason: String,
    /// Where the pin is written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
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
