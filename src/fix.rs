//! Fixes a diagnostic may carry: text edits of the file it is in, made only where the source
//! holds exactly what the fix expects (a name as written, a plain string literal), so that an
//! edit never lands on a value computed elsewhere, and never carries a value that is not
//! already in the file at that place. Applying every safe fix of a module and linting again
//! leaves nothing for those fixes to do: each fix removes its own finding.

use serde::{Deserialize, Serialize};

use crate::model::Module;
use crate::source::{FileKind, Span};

/// Whether applying a fix can change what the configuration means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Safety {
    /// The meaning cannot change: a typo with a single candidate, a case-only slip, a string
    /// where a one-element list is required, a missing `depends_on`.
    Safe,
    /// The meaning changes: the user should look at it first.
    Unsafe,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub title: String,
    pub safety: Safety,
    /// In the file of the finding, not overlapping.
    pub edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// `name` at `span` renamed to `new`, where the source there is the name as written (or, in
/// JSON, the quoted name).
pub fn rename(module: &Module, span: Span, name: &str, new: &str, safety: Safety) -> Option<Fix> {
    let written = source(module, span)?;
    let text = if written == name {
        new.to_string()
    } else if written.strip_prefix('"')?.strip_suffix('"')? == name {
        format!("\"{new}\"")
    } else {
        return None;
    };
    Some(Fix {
        title: format!("Rename `{name}` to `{new}`"),
        safety,
        edits: vec![Edit { span, text }],
    })
}

/// The plain string literal `"value"` at `span` (no escapes, no interpolation) replaced by
/// `text`.
pub fn replace_literal(
    module: &Module,
    span: Span,
    value: &str,
    text: String,
    title: String,
) -> Option<Fix> {
    let written = source(module, span)?;
    let plain = value
        .chars()
        .all(|c| !matches!(c, '"' | '\\' | '$' | '%') && !c.is_control());
    (plain && written.strip_prefix('"')?.strip_suffix('"')? == value).then(|| Fix {
        title,
        safety: Safety::Safe,
        edits: vec![Edit { span, text }],
    })
}

/// A line `line` (an argument, without indentation) added as the first line of the body of
/// the native-syntax block whose header (type and labels) is at `header`, indented as the
/// block's first argument is, with the file's own line ending.
pub fn add_first_line(module: &Module, header: Span, line: &str, title: String) -> Option<Fix> {
    let file = module.file(header);
    let after = file.text.get(header.end..)?;
    let brace = after.len() - after.trim_start_matches([' ', '\t']).len();
    if !after[brace..].starts_with('{') {
        return None;
    }
    let at = header.end + brace + 1;
    let newline = if file.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let rest = &file.text[at..];
    let indent: String = rest
        .trim_start_matches(['\r', '\n'])
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    let indent = if indent.is_empty() {
        "  ".into()
    } else {
        indent
    };
    Some(Fix {
        title,
        safety: Safety::Safe,
        edits: vec![Edit {
            span: Span::new(header.file, at..at),
            text: format!("{newline}{indent}{line}"),
        }],
    })
}

/// The source text at `span`, when it is one of the files given.
/// The native-syntax arguments `arguments` (each from its name to the end of its value) removed
/// with their lines, a comment after one on its line included; `None` where a line holds
/// anything else, or the file is JSON (removing a member there would leave its comma).
pub fn remove_lines(module: &Module, arguments: &[Span], title: String) -> Option<Fix> {
    let mut edits = Vec::new();
    for span in arguments {
        let file = module.files.get(span.file)?;
        if file.kind != FileKind::Hcl {
            return None;
        }
        let text = &file.text;
        let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        if !text[start..span.start].trim().is_empty() {
            return None;
        }
        let line_end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |i| span.end + i + 1);
        let rest = text[span.end..line_end].trim();
        if !(rest.is_empty() || rest.starts_with('#') || rest.starts_with("//")) {
            return None;
        }
        edits.push(Edit {
            span: Span {
                start,
                end: line_end,
                ..*span
            },
            text: String::new(),
        });
    }
    edits.sort_by_key(|e| e.span.start);
    (!edits.is_empty()).then_some(Fix {
        title,
        safety: Safety::Unsafe,
        edits,
    })
}

fn source(module: &Module, span: Span) -> Option<&str> {
    module.files.get(span.file)?.text.get(span.start..span.end)
}
