//! Ignore comments: `# keymgmt-lint:ignore <rule-id>[,<rule-id>] -- <reason>` (also with `//`
//! or `/* */`) on the line before a block or argument silences those rules inside it.
//!
//! Comments are found line by line in the native-syntax files (JSON has no comments): a line
//! whose first non-blank characters open a comment and that holds the marker. The first line
//! after it that is neither blank nor a comment must start a block or an argument.

use foldhash::HashMap;

use crate::model::Module;
use crate::rules::{Check, Rule, RuleFinding};
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
    /// Whether the directive silences `rule` in its target; malformed directives silence nothing.
    fn silences(&self, rule: &str) -> Option<usize> {
        self.target?;
        self.reason.as_ref()?;
        self.rules.iter().position(|(id, _)| id == rule)
    }
}

pub fn directives(module: &Module) -> Vec<Directive> {
    let mut out = Vec::new();
    // One scan of the whole text spares the line-by-line work in the usual file without any.
    // (std's substring search: in WebAssembly, without SIMD, memchr's memmem took twice as
    // long on the bench modules.)
    let marked = |file: &crate::source::File| {
        matches!(file.kind, FileKind::Hcl | FileKind::HclVars) && file.text.contains(MARKER)
    };
    if !module.files.iter().any(marked) {
        return out;
    }
    // Where each block or argument starts → its end (the longest, when several start there).
    let mut structures: HashMap<(usize, usize), usize> = HashMap::default();
    structures.reserve(module.structures.len());
    for s in &module.structures {
        let end = structures.entry((s.file, s.start)).or_insert(s.end);
        *end = (*end).max(s.end);
    }
    for (file_index, file) in module.files.iter().enumerate() {
        if !marked(file) {
            continue;
        }
        let lines: Vec<(usize, &str)> = line_starts(&file.text);
        // For each line, the first line after it that is neither blank nor a comment: found in
        // one pass from the end, as a run of comments would make a search per comment quadratic.
        let mut next_code = vec![None; lines.len()];
        let mut after = None;
        for (n, &(start, line)) in lines.iter().enumerate().rev() {
            next_code[n] = after;
            let t = line.trim_start();
            if !t.is_empty() && !is_comment(t) {
                after = Some(start + (line.len() - t.len()));
            }
        }
        for (n, &(start, line)) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let Some(at) = is_comment(trimmed).then(|| line.find(MARKER)).flatten() else {
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
            let target = next_code[n].and_then(|first| {
                let end = structures.get(&(file_index, first))?;
                Some(Span::new(file_index, first..*end))
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

fn is_comment(trimmed: &str) -> bool {
    ["#", "//", "/*"].iter().any(|m| trimmed.starts_with(m))
}

/// The ignore comments of the module, and what they silenced: what the rules about ignore
/// comments judge.
pub struct Suppressions {
    pub directives: Vec<Directive>,
    /// `used[d][r]`: whether rule id `r` of directive `d` silenced at least one diagnostic.
    pub used: Vec<Vec<bool>>,
    /// The rules that ran, so that a rule switched off is not held against a comment.
    pub ran: Vec<&'static str>,
}

/// The suppression pass, after the rules: drops the findings that ignore comments silence, then
/// adds the findings of `comment_rules` (the rules about the comments themselves, which judge
/// what this pass saw). `ran` lists the rules that produced `findings`.
pub fn pass(
    module: &Module,
    findings: Vec<RuleFinding>,
    ran: Vec<&'static str>,
    comment_rules: &[&'static Rule],
) -> Vec<RuleFinding> {
    let directives = directives(module);
    let applied = apply(&directives, findings, |(rule, finding)| {
        (rule.id, finding.span)
    });
    let suppressions = Suppressions {
        directives,
        used: applied.used,
        ran,
    };
    let mut kept = applied.kept;
    for &rule in comment_rules {
        if let Check::IgnoreComments(check) = rule.check {
            let mut found = Vec::new();
            check(&suppressions, &mut found);
            kept.extend(found.into_iter().map(|f| (rule, f)));
        }
    }
    kept
}

/// What the ignore comments did to the findings of the rules.
pub struct Applied<T> {
    /// The findings no comment silenced, in their order.
    pub kept: Vec<T>,
    /// `used[d][r]`: whether rule id `r` of directive `d` silenced a finding.
    pub used: Vec<Vec<bool>>,
}

/// Silences each finding that a comment covers: the innermost comment whose block or argument
/// holds the finding and that names its rule. `about` gives a finding's rule id and span.
///
/// Comments are grouped by the block or argument they precede. Those are syntax structures, so
/// any two are nested or apart; each knows the nearest one enclosing it, and a finding looks up
/// the last that starts before it and walks outwards: a lookup costs a search and the nesting
/// depth, never a pass over every comment.
fn apply<T>(
    directives: &[Directive],
    findings: Vec<T>,
    about: impl Fn(&T) -> (&str, Span),
) -> Applied<T> {
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.rules.len()])
        .collect();
    // Targets, outermost first where several start together, each with its directives.
    let mut targets: Vec<(Span, Vec<usize>)> = Vec::new();
    let mut order: Vec<usize> = (0..directives.len())
        .filter(|&d| directives[d].target.is_some())
        .collect();
    order.sort_by_key(|&d| {
        let t = directives[d].target.unwrap_or(Span::new(0, 0..0));
        (t.file, t.start, std::cmp::Reverse(t.end), d)
    });
    for d in order {
        let target = directives[d].target.unwrap_or(Span::new(0, 0..0));
        match targets.last_mut() {
            Some((last, ds)) if *last == target => ds.push(d),
            _ => targets.push((target, vec![d])),
        }
    }
    // The nearest enclosing target of each, found with a stack of the open ones.
    let mut parent = vec![None; targets.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, (t, _)) in targets.iter().enumerate() {
        while let Some(&o) = open.last() {
            let outer = targets[o].0;
            if outer.file == t.file && t.end <= outer.end {
                break;
            }
            open.pop();
        }
        parent[i] = open.last().copied();
        open.push(i);
    }
    let mut kept = Vec::with_capacity(findings.len());
    for finding in findings {
        let (rule, span) = about(&finding);
        let key = (span.file, span.start);
        let last = targets.partition_point(|(t, _)| (t.file, t.start) <= key);
        let mut at = last.checked_sub(1);
        let mut silenced = false;
        while let Some(i) = at {
            let (t, ds) = &targets[i];
            if t.file == span.file && span.start < t.end {
                if let Some((d, r)) = ds
                    .iter()
                    .find_map(|&d| Some((d, directives[d].silences(rule)?)))
                {
                    used[d][r] = true;
                    silenced = true;
                    break;
                }
            }
            at = parent[i];
        }
        if !silenced {
            kept.push(finding);
        }
    }
    Applied { kept, used }
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
