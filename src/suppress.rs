//! Ignore comments: `# keymgmt-lint:ignore <rule-id>[,<rule-id>] -- <reason>` (also with `//`
//! or `/* */`) on the line before a block or argument silences those rules inside it.
//!
//! Comments are found line by line in the native-syntax files (JSON has no comments): a line
//! whose first non-blank characters open a comment and that holds the marker. The first line
//! after it that is neither blank nor a comment must start a block or an argument.

use crate::model::Module;
use crate::source::{FileKind, Span};

pub const MARKER: &str = "keymgmt-lint:ignore";

#[derive(Debug, Clone)]
pub struct Directive {
    /// The comment itself.
    pub span: Span,
    /// The rule ids named, each with its span in the comment.
    pub rules: Vec<(String, Span)>,
    pub reason: Option<String>,
    /// The block or argument it silences rules in, if one follows.
    pub target: Option<Span>,
}

impl Directive {
    /// Whether the directive silences `rule` at `span`; malformed directives silence nothing.
    pub fn covers(&self, rule: &str, span: Span) -> bool {
        let Some(target) = self.target else {
            return false;
        };
        self.reason.is_some()
            && target.file == span.file
            && target.start <= span.start
            && span.start < target.end
            && self.rules.iter().any(|(id, _)| id == rule)
    }
}

pub fn directives(module: &Module) -> Vec<Directive> {
    let mut out = Vec::new();
    for (file_index, file) in module.files.iter().enumerate() {
        // One scan of the whole text spares the line-by-line work in the usual file without any.
        // (std's substring search: in WebAssembly, without SIMD, memchr's memmem took twice as
        // long on the bench modules.)
        if !matches!(file.kind, FileKind::Hcl | FileKind::HclVars) || !file.text.contains(MARKER) {
            continue;
        }
        let lines: Vec<(usize, &str)> = line_starts(&file.text);
        for (n, &(start, line)) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let is_comment = ["#", "//", "/*"].iter().any(|m| trimmed.starts_with(m));
            let Some(at) = is_comment.then(|| line.find(MARKER)).flatten() else {
                continue;
            };
            let span = Span::new(
                file_index,
                start + (line.len() - trimmed.len())..start + line.len(),
            );
            let (rules, reason) = parse(
                &line[at + MARKER.len()..],
                file_index,
                start + at + MARKER.len(),
            );
            let next = lines[n + 1..].iter().find(|(_, l)| {
                let t = l.trim_start();
                !t.is_empty() && !["#", "//", "/*"].iter().any(|m| t.starts_with(m))
            });
            let target = next.and_then(|&(next_start, next_line)| {
                let first = next_start + (next_line.len() - next_line.trim_start().len());
                module
                    .structures
                    .iter()
                    .filter(|s| s.file == file_index && s.start == first)
                    .max_by_key(|s| s.end)
                    .copied()
            });
            out.push(Directive {
                span,
                rules,
                reason,
                target,
            });
        }
    }
    out
}

/// `<rules> -- <reason> [*/]` after the marker; `offset` is where `text` starts in the file.
fn parse(text: &str, file: usize, offset: usize) -> (Vec<(String, Span)>, Option<String>) {
    let text = text.trim_end().trim_end_matches("*/");
    let (ids, reason) = match text.find("--") {
        Some(i) => (&text[..i], Some(text[i + 2..].trim())),
        None => (text, None),
    };
    let mut rules = Vec::new();
    let mut position = 0;
    for part in ids.split(',') {
        let id = part.trim();
        let lead = part.len() - part.trim_start().len();
        if !id.is_empty() {
            let start = offset + position + lead;
            rules.push((id.to_string(), Span::new(file, start..start + id.len())));
        }
        position += part.len() + 1;
    }
    let reason = reason.filter(|r| !r.is_empty()).map(String::from);
    (rules, reason)
}

/// Each line with its byte offset, without the line break.
fn line_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        out.push((start, line.strip_suffix('\r').unwrap_or(line)));
        start += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_reason_are_read_with_their_positions() {
        let text = " hcl-edit, purpose-key-type -- the key is rotated out */";
        let (rules, reason) = parse(text, 0, 100);
        let ids: Vec<_> = rules.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["hcl-edit", "purpose-key-type"]);
        assert_eq!(rules[1].1.start, 100 + text.find("purpose").unwrap());
        assert_eq!(reason.as_deref(), Some("the key is rotated out"));
        assert_eq!(parse(" invalid-value", 0, 0).1, None);
        assert_eq!(parse(" invalid-value --  ", 0, 0).1, None);
    }
}
