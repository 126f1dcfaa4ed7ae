//! From the rules' findings to the report: findings that instances of one block or module share
//! made one, at most [`MAX_FINDINGS_PER_SUBJECT`] listed per rule and subject, spans turned into
//! ranges, and which provider generation the configuration was checked against.

use crate::diagnostic::{Diagnostic, Edit, Fix, Related, SchemaGeneration};
use crate::model;
use crate::options::Options;
use crate::rules::{self, RuleFinding};
use crate::source;

pub(crate) fn schema_generation(module: &model::Module) -> SchemaGeneration {
    match &module.pin {
        Some(pin) => {
            let file = module.file(pin.span);
            SchemaGeneration {
                pinned: Some(pin.generation.to_string()),
                reason: format!(
                    "{} admits only provider releases with keymgmt resources (5.9.0 and later), which have `mount` and `credentials_wo` only",
                    pin.what
                ),
                file: Some(file.path.clone()),
                range: Some(file.range(pin.span)),
            }
        }
        None => SchemaGeneration {
            pinned: None,
            reason: "no version of hashicorp/vault that admits only 5.9.0 and later is pinned by `required_providers` or `.terraform.lock.hcl`: each resource is read as the generation its mount argument names (`path`: the early provider, `mount`: provider 5.x)".into(),
            file: None,
            range: None,
        },
    }
}

/// Instances named in a finding that several instances of one block share; the rest are counted.
const MAX_INSTANCES_NAMED: usize = 5;

/// The findings, those that instances of one `count` or `for_each` block or of one module share
/// (same rule, same span, the same message but for instance keys and module paths) made one,
/// which names the other instances.
pub(crate) fn one_per_block(findings: Vec<RuleFinding>) -> Vec<RuleFinding> {
    let mut first: foldhash::HashMap<(&str, source::Span, String), usize> =
        foldhash::HashMap::default();
    let mut others: Vec<Vec<String>> = Vec::new();
    let mut kept: Vec<Option<RuleFinding>> = Vec::with_capacity(findings.len());
    for (rule, finding) in findings {
        let key = (
            rule.id,
            finding.span,
            without_instance_keys(&finding.message),
        );
        if let Some(&at) = first.get(&key) {
            others[at].extend(finding.resource);
            continue;
        }
        first.insert(key, kept.len());
        kept.push(Some((rule, finding)));
        others.push(Vec::new());
    }
    kept.into_iter()
        .zip(others)
        .filter_map(|(found, others)| {
            let (rule, mut finding) = found?;
            if !others.is_empty() {
                let mut named: Vec<String> = others
                    .iter()
                    .take(MAX_INSTANCES_NAMED)
                    .map(|a| format!("`{a}`"))
                    .collect();
                if others.len() > MAX_INSTANCES_NAMED {
                    named.push(format!(
                        "{} more instances",
                        others.len() - MAX_INSTANCES_NAMED
                    ));
                }
                let last = named.pop().unwrap_or_default();
                let list = if named.is_empty() {
                    last
                } else {
                    format!("{} and {last}", named.join(", "))
                };
                finding.message = format!("{} The same holds for {list}.", finding.message);
            }
            Some((rule, finding))
        })
        .collect()
}

/// `message` without the module paths of addresses (`module.a["x"].`) and the instance keys
/// that follow a name (`d["a"]`, `k[0]`): what the findings of several instances of one block
/// have in common.
fn without_instance_keys(message: &str) -> String {
    let message = without_module_paths(message);
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(open) = rest.find('[') {
        let after_name = rest[..open]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
        let key_len = after_name
            .then(|| instance_key_len(&rest[open..]))
            .flatten();
        out.push_str(&rest[..open]);
        match key_len {
            Some(len) => rest = &rest[open + len..],
            None => {
                out.push('[');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `message` without `module.<name>` (and the instance key and `.` after it) wherever an
/// address starts.
fn without_module_paths(message: &str) -> String {
    const MODULE: &str = "module.";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(MODULE) {
        let starts_address = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'));
        out.push_str(&rest[..at]);
        let after = &rest[at + MODULE.len()..];
        let name = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        if !starts_address || name == 0 {
            out.push_str(MODULE);
            rest = after;
            continue;
        }
        let mut next = &after[name..];
        if let Some(len) = instance_key_len(next) {
            next = &next[len..];
        }
        rest = next.strip_prefix('.').unwrap_or(next);
    }
    out.push_str(rest);
    out
}

/// The length of an instance key at the start of `text`: `[12]` or `["a \" b"]`.
fn instance_key_len(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('[')?;
    if let Some(quoted) = inner.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in quoted.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' if quoted[i + 1..].starts_with(']') => return Some(1 + 1 + i + 1 + 1),
                '"' => return None,
                _ => {}
            }
        }
        return None;
    }
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && inner[digits..].starts_with(']')).then_some(digits + 2)
}

/// Findings one rule may report about one resource (or one file, for findings about none).
pub(crate) const MAX_FINDINGS_PER_SUBJECT: usize = 100;

/// The findings, each rule's first [`MAX_FINDINGS_PER_SUBJECT`] about each resource or file, and
/// one more wherever some were left out, saying how many: a resource of a million misspelt
/// arguments gets a report that can be read, in time and memory that do not grow with it.
pub(crate) fn at_most_per_subject(findings: Vec<RuleFinding>) -> Vec<RuleFinding> {
    // Each finding's subject as a number, and how many findings each subject has.
    let mut subjects: foldhash::HashMap<(&str, Option<&str>, usize), usize> =
        foldhash::HashMap::default();
    let mut counts: Vec<usize> = Vec::new();
    let ids: Vec<usize> = findings
        .iter()
        .map(|(rule, f)| {
            let next = subjects.len();
            let id = *subjects
                .entry((rule.id, f.resource.as_deref(), f.span.file))
                .or_insert(next);
            if id == counts.len() {
                counts.push(0);
            }
            counts[id] += 1 + f.unlisted;
            id
        })
        .collect();
    drop(subjects);
    if counts.iter().all(|&n| n <= MAX_FINDINGS_PER_SUBJECT) {
        return findings;
    }
    let mut seen = vec![0usize; counts.len()];
    let mut out = Vec::new();
    for (found, id) in findings.into_iter().zip(ids) {
        seen[id] += 1;
        if seen[id] <= MAX_FINDINGS_PER_SUBJECT {
            out.push(found);
        } else if seen[id] == MAX_FINDINGS_PER_SUBJECT + 1 {
            let (rule, first_left_out) = found;
            let more = counts[id] - MAX_FINDINGS_PER_SUBJECT;
            let about = match &first_left_out.resource {
                Some(address) => format!("`{address}`"),
                None => "this file".to_string(),
            };
            let mut summary = rules::Finding::new(
                first_left_out.span,
                format!(
                    "{more} more findings of `{}` about {about} are not listed, from here on.",
                    rule.id
                ),
            );
            summary.resource = first_left_out.resource;
            summary.severity = first_left_out.severity;
            out.push((rule, summary));
        }
    }
    out
}

pub(crate) fn to_diagnostic(
    module: &model::Module,
    options: &Options,
    rule: &rules::Rule,
    finding: rules::Finding,
) -> Diagnostic {
    let file = module.file(finding.span);
    let severity = options
        .setting(rule.id)
        .severity(rule.severity, finding.severity)
        .expect("a rule that is off does not run");
    Diagnostic {
        rule: rule.id.to_string(),
        severity,
        message: finding.message,
        file: file.path.clone(),
        range: file.range(finding.span),
        help: finding.help,
        related: finding
            .related
            .into_iter()
            .map(|(span, message)| {
                let file = module.file(span);
                Related {
                    file: file.path.clone(),
                    range: file.range(span),
                    message,
                }
            })
            .collect(),
        resource: finding.resource,
        fixes: finding
            .fixes
            .into_iter()
            .map(|fix| Fix {
                title: fix.title,
                safety: fix.safety,
                edits: fix
                    .edits
                    .into_iter()
                    .map(|edit| Edit {
                        range: file.range(edit.span),
                        text: edit.text,
                    })
                    .collect(),
            })
            .collect(),
    }
}
