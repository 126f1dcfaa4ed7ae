//! String functions: `format`, `join`, `split`, `replace`, `regex`, `substr`, ...
//!
//! Lengths and offsets count user-perceived characters (grapheme clusters), as Terraform does.

use compact_str::CompactString;
use regex_lite::Regex;
use unicode_segmentation::UnicodeSegmentation;

use super::{argument, integer, printf, text, within_limit, Failure, Function, Outcome};
use crate::model::convert;
use crate::model::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("chomp", 1, Some(1), chomp),
    Function::new("endswith", 2, Some(2), endswith),
    Function::new("format", 1, None, format),
    Function::new("formatlist", 1, None, formatlist),
    Function::new("indent", 2, Some(2), indent),
    Function::new("join", 2, None, join),
    Function::new("lower", 1, Some(1), lower),
    Function::new("regex", 2, Some(2), regex),
    Function::new("regexall", 2, Some(2), regexall),
    Function::new("replace", 3, Some(3), replace),
    Function::new("split", 2, Some(2), split),
    Function::new("startswith", 2, Some(2), startswith),
    Function::new("strcontains", 2, Some(2), strcontains),
    Function::new("strrev", 1, Some(1), strrev),
    Function::new("substr", 3, Some(3), substr),
    Function::new("title", 1, Some(1), title),
    Function::new("trim", 2, Some(2), trim),
    Function::new("trimprefix", 2, Some(2), trimprefix),
    Function::new("trimspace", 1, Some(1), trimspace),
    Function::new("trimsuffix", 2, Some(2), trimsuffix),
    Function::new("upper", 1, Some(1), upper),
];

fn string(s: impl Into<CompactString>) -> Outcome {
    Ok(Value::String(s.into()))
}

fn chomp(args: &[Value]) -> Outcome {
    string(text(args, 0)?.trim_end_matches(['\n', '\r']))
}

fn endswith(args: &[Value]) -> Outcome {
    Ok(Value::Bool(
        text(args, 0)?.ends_with(text(args, 1)?.as_str()),
    ))
}

fn startswith(args: &[Value]) -> Outcome {
    Ok(Value::Bool(
        text(args, 0)?.starts_with(text(args, 1)?.as_str()),
    ))
}

fn strcontains(args: &[Value]) -> Outcome {
    Ok(Value::Bool(
        text(args, 0)?.contains(text(args, 1)?.as_str()),
    ))
}

fn format(args: &[Value]) -> Outcome {
    let spec = text(args, 0)?;
    string(printf::format(&spec, &args[1..])?)
}

/// `format` over lists: one result per element, lists all the same length, other arguments
/// repeated.
fn formatlist(args: &[Value]) -> Outcome {
    let spec = text(args, 0)?;
    let mut length: Option<usize> = None;
    for (i, arg) in args.iter().enumerate().skip(1) {
        if let Value::List(items) = arg {
            match length {
                Some(n) if n != items.len() => {
                    return Err(argument(
                        i + 1,
                        "all list arguments must have the same length",
                    ))
                }
                _ => length = Some(items.len()),
            }
        }
    }
    let length = length.unwrap_or(1);
    within_limit((length as u64).saturating_mul(1 + spec.len() as u64))?;
    let mut out = Vec::with_capacity(length);
    for at in 0..length {
        let row: Vec<Value> = args[1..]
            .iter()
            .map(|arg| match arg {
                Value::List(items) => items[at].clone(),
                other => other.clone(),
            })
            .collect();
        out.push(Value::String(printf::format(&spec, &row)?.into()));
    }
    Ok(Value::list(out))
}

fn indent(args: &[Value]) -> Outcome {
    let spaces = usize::try_from(integer(args, 0)?)
        .map_err(|_| argument(1, "the number of spaces must not be negative"))?;
    let s = text(args, 1)?;
    let lines = s.matches('\n').count() as u64;
    within_limit(s.len() as u64 + lines.saturating_mul(spaces as u64))?;
    let pad = format!("\n{}", " ".repeat(spaces));
    string(s.replace('\n', &pad))
}

fn join(args: &[Value]) -> Outcome {
    let sep = text(args, 0)?;
    let mut parts = Vec::new();
    for (i, list) in args.iter().enumerate().skip(1) {
        for item in convert::to_list(list).map_err(|why| argument(i + 1, why))? {
            if matches!(item, Value::Null) {
                return Err(argument(i + 1, "an element is null"));
            }
            parts.push(convert::to_string(item).map_err(|why| argument(i + 1, why))?);
        }
    }
    let size: u64 = parts
        .iter()
        .map(|p| p.len() as u64 + sep.len() as u64)
        .sum();
    within_limit(size)?;
    string(parts.join(sep.as_str()))
}

fn lower(args: &[Value]) -> Outcome {
    string(text(args, 0)?.to_lowercase())
}

fn upper(args: &[Value]) -> Outcome {
    string(text(args, 0)?.to_uppercase())
}

/// Each word's first letter upper-cased; a word starts after anything but a letter, digit,
/// underscore or apostrophe (Go's `strings.Title`).
fn title(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let mut out = String::with_capacity(s.len());
    let mut after_separator = true;
    for c in s.chars() {
        if after_separator {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        after_separator = !(c.is_alphanumeric() || c == '_' || c == '\'');
    }
    string(out)
}

fn trim(args: &[Value]) -> Outcome {
    let cutset: Vec<char> = text(args, 1)?.chars().collect();
    string(text(args, 0)?.trim_matches(cutset.as_slice()))
}

fn trimprefix(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let prefix = text(args, 1)?;
    string(s.strip_prefix(prefix.as_str()).unwrap_or(&s))
}

fn trimsuffix(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let suffix = text(args, 1)?;
    string(s.strip_suffix(suffix.as_str()).unwrap_or(&s))
}

fn trimspace(args: &[Value]) -> Outcome {
    string(text(args, 0)?.trim())
}

fn split(args: &[Value]) -> Outcome {
    let sep = text(args, 0)?;
    let s = text(args, 1)?;
    let parts: Vec<Value> = if sep.is_empty() {
        s.chars()
            .map(|c| Value::String(CompactString::from(&*c.encode_utf8(&mut [0; 4]))))
            .collect()
    } else {
        s.split(sep.as_str())
            .map(|p| Value::String(p.into()))
            .collect()
    };
    Ok(Value::list(parts))
}

fn strrev(args: &[Value]) -> Outcome {
    string(text(args, 0)?.graphemes(true).rev().collect::<String>())
}

/// `substr(string, offset, length)`: a negative offset counts from the end, a length of -1
/// takes the rest.
fn substr(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let chars: Vec<&str> = s.graphemes(true).collect();
    let total = chars.len() as i64;
    let mut offset = integer(args, 1)?;
    let length = integer(args, 2)?;
    // Past either end, the string is cut where it ends, as Terraform cuts it.
    if offset < 0 {
        offset = (offset + total).max(0);
    }
    let offset = offset.min(total);
    let end = match length {
        -1 => total,
        l if l < -1 => total + l + 1,
        l => (offset + l).min(total),
    }
    .max(offset);
    string(chars[offset as usize..end as usize].concat())
}

/// `replace(string, substring, replacement)`; a substring in slashes is a regular expression,
/// whose groups the replacement names as `$1` or `${name}`.
fn replace(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let pattern = text(args, 1)?;
    let replacement = text(args, 2)?;
    if pattern.len() > 1 && pattern.starts_with('/') && pattern.ends_with('/') {
        let re = compile(&pattern[1..pattern.len() - 1], 2)?;
        let matches = re.find_iter(&s).count() as u64;
        within_limit(s.len() as u64 + matches.saturating_mul(replacement.len() as u64 * 2))?;
        return string(re.replace_all(&s, replacement.as_str()).into_owned());
    }
    let matches = if pattern.is_empty() {
        s.chars().count() as u64 + 1
    } else {
        s.matches(pattern.as_str()).count() as u64
    };
    within_limit(s.len() as u64 + matches.saturating_mul(replacement.len() as u64))?;
    string(s.replace(pattern.as_str(), &replacement))
}

/// A regular expression in RE2 syntax, as Terraform's; `position` is its argument's. A
/// pattern with a Unicode class (`\p{Greek}`), which RE2 has and regex-lite has not, is not
/// evaluated: `Unknown` rather than a false error.
fn compile(pattern: &str, position: usize) -> Result<Regex, Failure> {
    Regex::new(pattern).map_err(|_| {
        if pattern.contains("\\p") || pattern.contains("\\P") {
            Failure::Unsupported
        } else {
            argument(position, "not a valid regular expression")
        }
    })
}

/// One match of `re` as Terraform shows it: the text without groups, a list of the groups, or
/// a map of the named groups. A group that took no part in the match is null.
fn shape(re: &Regex, captures: &regex_lite::Captures<'_>) -> Value {
    let group = |m: Option<regex_lite::Match<'_>>| {
        m.map_or(Value::Null, |m| Value::String(m.as_str().into()))
    };
    let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
    if names.is_empty() {
        return group(captures.get(0));
    }
    if names.iter().all(Option::is_some) {
        return Value::object(
            names
                .iter()
                .flatten()
                .map(|name| ((*name).into(), group(captures.name(name))))
                .collect(),
        );
    }
    Value::list((1..=names.len()).map(|i| group(captures.get(i))).collect())
}

fn check_groups(re: &Regex) -> Result<(), Failure> {
    let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
    if names.iter().any(Option::is_some) && names.iter().any(Option::is_none) {
        return Err(argument(
            1,
            "a pattern must use either only named or only unnamed capture groups",
        ));
    }
    Ok(())
}

fn regex(args: &[Value]) -> Outcome {
    let re = compile(&text(args, 0)?, 1)?;
    check_groups(&re)?;
    let s = text(args, 1)?;
    match re.captures(&s) {
        Some(captures) => Ok(shape(&re, &captures)),
        None => Err("the pattern did not match the string".into()),
    }
}

fn regexall(args: &[Value]) -> Outcome {
    let re = compile(&text(args, 0)?, 1)?;
    check_groups(&re)?;
    let s = text(args, 1)?;
    Ok(Value::list(
        re.captures_iter(&s).map(|c| shape(&re, &c)).collect(),
    ))
}
