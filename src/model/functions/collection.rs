//! Collection functions: `concat`, `merge`, `lookup`, `flatten`, `setproduct`, `zipmap`, ...
//!
//! Sets are lists in the linter's values, sorted and each element once (`convert::set_of`).

use std::collections::BTreeMap;

use compact_str::CompactString;
use foldhash::{HashSet, HashSetExt};

use super::encoding::json_text;
use super::{argument, integer, text, within_limit, Failure, Function, Outcome};
use crate::model::convert::unify;
use crate::model::convert::{self, set_of};
use crate::model::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("alltrue", 1, Some(1), alltrue),
    Function::new("anytrue", 1, Some(1), anytrue),
    Function::new("chunklist", 2, Some(2), chunklist),
    Function::new("coalesce", 1, None, coalesce),
    Function::new("coalescelist", 1, None, coalescelist),
    Function::new("compact", 1, Some(1), compact),
    Function::new("concat", 0, None, concat).partial(),
    Function::new("contains", 2, Some(2), contains),
    Function::new("distinct", 1, Some(1), distinct),
    Function::new("element", 2, Some(2), element).partial(),
    Function::new("flatten", 1, Some(1), flatten),
    Function::new("index", 2, Some(2), index),
    Function::new("keys", 1, Some(1), keys).partial(),
    Function::new("length", 1, Some(1), length).partial(),
    Function::new("lookup", 2, Some(3), lookup).partial(),
    Function::new("matchkeys", 3, Some(3), matchkeys),
    Function::new("merge", 0, None, merge).partial(),
    Function::new("one", 1, Some(1), one),
    Function::new("range", 1, Some(3), range),
    Function::new("reverse", 1, Some(1), reverse).partial(),
    Function::new("setintersection", 1, None, setintersection),
    Function::new("setproduct", 1, None, setproduct),
    Function::new("setsubtract", 2, Some(2), setsubtract),
    Function::new("setunion", 1, None, setunion),
    Function::new("slice", 3, Some(3), slice).partial(),
    Function::new("sort", 1, Some(1), sort),
    Function::new("sum", 1, Some(1), sum),
    Function::new("transpose", 1, Some(1), transpose),
    Function::new("values", 1, Some(1), values).partial(),
    Function::new("zipmap", 2, Some(2), zipmap),
];

/// Terraform's `range` refuses to build more elements than this.
const MAX_RANGE: usize = 1024;

fn list(args: &[Value], i: usize) -> Result<&[Value], Failure> {
    convert::to_list(&args[i]).map_err(|why| argument(i + 1, why))
}

/// Argument `i` as a set's elements, converted to one type.
fn set(args: &[Value], i: usize) -> Result<Vec<Value>, Failure> {
    Ok(unify(list(args, i)?.to_vec())?)
}

fn map(args: &[Value], i: usize) -> Result<&BTreeMap<CompactString, Value>, Failure> {
    convert::to_map(&args[i]).map_err(|why| argument(i + 1, why))
}

/// For the functions that take arguments not wholly known: `Unknown` unless the arguments
/// themselves (not necessarily their elements) are known.
fn all_known(args: &[Value]) -> bool {
    args.iter().all(Value::is_known)
}

/// A text that is the same for equal values and different for others: what sets and
/// `distinct` compare by, in linear time.
fn fingerprint(value: &Value) -> String {
    match value.unmarked() {
        Value::String(s) => format!("s{s}"),
        Value::Number(n) => format!("n{}", convert::number_text(n)),
        other => json_text(other).map_or_else(|_| "?".into(), |json| format!("j{json}")),
    }
}

fn alltrue(args: &[Value]) -> Outcome {
    let mut all = true;
    for item in list(args, 0)? {
        all &= convert::to_bool(item).map_err(|why| argument(1, why))?;
    }
    Ok(Value::Bool(all))
}

fn anytrue(args: &[Value]) -> Outcome {
    let mut any = false;
    for item in list(args, 0)? {
        any |= convert::to_bool(item).map_err(|why| argument(1, why))?;
    }
    Ok(Value::Bool(any))
}

fn chunklist(args: &[Value]) -> Outcome {
    let items = list(args, 0)?;
    let size = usize::try_from(integer(args, 1)?)
        .map_err(|_| argument(2, "the chunk size must not be negative"))?;
    if size == 0 {
        return Ok(Value::list(vec![Value::list(items.to_vec())]));
    }
    Ok(Value::list(
        items
            .chunks(size)
            .map(|c| Value::list(c.to_vec()))
            .collect(),
    ))
}

/// The first argument that is neither null nor an empty string.
fn coalesce(args: &[Value]) -> Outcome {
    unify(args.to_vec())?
        .into_iter()
        .find(|v| match v {
            Value::Null => false,
            Value::String(s) => !s.is_empty(),
            _ => true,
        })
        .ok_or_else(|| "every argument is null or an empty string".into())
}

fn coalescelist(args: &[Value]) -> Outcome {
    for (i, _) in args.iter().enumerate() {
        let items = list(args, i)?;
        if !items.is_empty() {
            return Ok(args[i].clone());
        }
    }
    Err("every argument is an empty list".into())
}

fn compact(args: &[Value]) -> Outcome {
    Ok(Value::list(
        list(args, 0)?
            .iter()
            .filter(|v| {
                !matches!(v, Value::Null) && v.text().is_none_or(|t| !t.as_str().is_empty())
            })
            .cloned()
            .collect(),
    ))
}

fn concat(args: &[Value]) -> Outcome {
    if !all_known(args) {
        return Ok(Value::Unknown);
    }
    let mut out = Vec::new();
    for i in 0..args.len() {
        out.extend(list(args, i)?.iter().cloned());
    }
    Ok(Value::list(out))
}

fn contains(args: &[Value]) -> Outcome {
    Ok(Value::Bool(list(args, 0)?.contains(&args[1])))
}

fn distinct(args: &[Value]) -> Outcome {
    let mut seen = HashSet::new();
    Ok(Value::list(
        list(args, 0)?
            .iter()
            .filter(|v| seen.insert(fingerprint(v)))
            .cloned()
            .collect(),
    ))
}

/// `element(list, index)`: the index wraps around the end, and a negative one counts from it.
fn element(args: &[Value]) -> Outcome {
    if !args[0].is_known() || !args[1].is_wholly_known() {
        return Ok(Value::Unknown);
    }
    let items = list(args, 0)?;
    let i = integer(args, 1)?;
    if items.is_empty() {
        return Err(argument(1, "cannot take an element of an empty list"));
    }
    Ok(items[i.rem_euclid(items.len() as i64) as usize].clone())
}

fn flatten(args: &[Value]) -> Outcome {
    fn into(items: &[Value], out: &mut Vec<Value>) {
        for item in items {
            match item.unmarked() {
                Value::List(inner) => into(inner, out),
                _ => out.push(item.clone()),
            }
        }
    }
    let mut out = Vec::new();
    into(list(args, 0)?, &mut out);
    Ok(Value::list(out))
}

fn index(args: &[Value]) -> Outcome {
    list(args, 0)?
        .iter()
        .position(|v| *v == args[1])
        .map(|i| Value::Number(i.into()))
        .ok_or_else(|| "the list does not contain the value".into())
}

fn keys(args: &[Value]) -> Outcome {
    if !all_known(args) {
        return Ok(Value::Unknown);
    }
    Ok(Value::list(
        map(args, 0)?
            .keys()
            .map(|k| Value::String(k.clone()))
            .collect(),
    ))
}

fn values(args: &[Value]) -> Outcome {
    if !all_known(args) {
        return Ok(Value::Unknown);
    }
    Ok(Value::list(map(args, 0)?.values().cloned().collect()))
}

/// The number of elements, or of characters in a string.
fn length(args: &[Value]) -> Outcome {
    use unicode_segmentation::UnicodeSegmentation;
    let n = match &args[0] {
        Value::Unknown => return Ok(Value::Unknown),
        Value::List(items) => items.len(),
        Value::Object(map) => map.len(),
        Value::String(s) => s.graphemes(true).count(),
        Value::Null => return Err(argument(1, "the value is null")),
        other => {
            return Err(argument(
                1,
                format!("a {} has no length", convert::type_name(other)),
            ))
        }
    };
    Ok(Value::Number(n.into()))
}

fn lookup(args: &[Value]) -> Outcome {
    if !args[0].is_known() || !args[1..].iter().all(Value::is_wholly_known) {
        return Ok(Value::Unknown);
    }
    let entries = map(args, 0)?;
    let key = text(args, 1)?;
    match (entries.get(key.as_str()), args.get(2)) {
        (Some(value), _) => Ok(value.clone()),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err("the map has no element with this key, and no default is given".into()),
    }
}

fn matchkeys(args: &[Value]) -> Outcome {
    let values = list(args, 0)?;
    let keys = list(args, 1)?;
    if values.len() != keys.len() {
        return Err("the values and keys lists must have the same length".into());
    }
    let search: HashSet<String> = list(args, 2)?.iter().map(fingerprint).collect();
    Ok(Value::list(
        values
            .iter()
            .zip(keys)
            .filter(|(_, k)| search.contains(&fingerprint(k)))
            .map(|(v, _)| v.clone())
            .collect(),
    ))
}

fn merge(args: &[Value]) -> Outcome {
    if !all_known(args) {
        return Ok(Value::Unknown);
    }
    let mut out = BTreeMap::new();
    for (i, arg) in args.iter().enumerate() {
        if matches!(arg, Value::Null) {
            continue;
        }
        for (k, v) in map(args, i)? {
            out.insert(k.clone(), v.clone());
        }
    }
    Ok(Value::object(out))
}

fn one(args: &[Value]) -> Outcome {
    if matches!(args[0], Value::Null) {
        return Ok(Value::Null);
    }
    match list(args, 0)? {
        [] => Ok(Value::Null),
        [only] => Ok(only.clone()),
        _ => Err(argument(1, "must have no more than one element")),
    }
}

/// `range(limit)`, `range(start, limit)`, `range(start, limit, step)`.
fn range(args: &[Value]) -> Outcome {
    let number = |i: usize| convert::to_number(&args[i]).map_err(|why| argument(i + 1, why));
    let (start, limit) = match args.len() {
        1 => (0.0, number(0)?),
        _ => (number(0)?, number(1)?),
    };
    let step = match args.get(2) {
        Some(_) => number(2)?,
        None if limit < start => -1.0,
        None => 1.0,
    };
    if step == 0.0 {
        return Err(argument(3, "the step must not be zero"));
    }
    let mut out = Vec::new();
    let mut at = start;
    while (step > 0.0 && at < limit) || (step < 0.0 && at > limit) {
        if out.len() == MAX_RANGE {
            return Err(format!("more than {MAX_RANGE} values would be generated; decrease the difference between start and limit or use a larger step").into());
        }
        out.push(convert::number(at)?);
        at += step;
    }
    Ok(Value::list(out))
}

fn reverse(args: &[Value]) -> Outcome {
    if !all_known(args) {
        return Ok(Value::Unknown);
    }
    Ok(Value::list(list(args, 0)?.iter().rev().cloned().collect()))
}

fn setproduct(args: &[Value]) -> Outcome {
    let sets: Vec<Vec<Value>> = (0..args.len())
        .map(|i| set(args, i))
        .collect::<Result<_, _>>()?;
    let count = sets
        .iter()
        .try_fold(1u64, |n, s| n.checked_mul(s.len() as u64))
        .ok_or(Failure::TooLarge)?;
    within_limit(count.saturating_mul(1 + sets.len() as u64))?;
    let mut rows: Vec<Vec<Value>> = vec![Vec::new()];
    for set in &sets {
        rows = rows
            .into_iter()
            .flat_map(|row| {
                set.iter().map(move |item| {
                    let mut row = row.clone();
                    row.push(item.clone());
                    row
                })
            })
            .collect();
    }
    Ok(Value::list(rows.into_iter().map(Value::list).collect()))
}

fn setunion(args: &[Value]) -> Outcome {
    let mut out = Vec::new();
    for i in 0..args.len() {
        out.extend(set(args, i)?);
    }
    Ok(set_of(out))
}

fn setintersection(args: &[Value]) -> Outcome {
    let mut out: Vec<Value> = set(args, 0)?;
    for i in 1..args.len() {
        let other: HashSet<String> = set(args, i)?.iter().map(fingerprint).collect();
        out.retain(|v| other.contains(&fingerprint(v)));
    }
    Ok(set_of(out))
}

fn setsubtract(args: &[Value]) -> Outcome {
    let other: HashSet<String> = set(args, 1)?.iter().map(fingerprint).collect();
    Ok(set_of(
        set(args, 0)?
            .into_iter()
            .filter(|v| !other.contains(&fingerprint(v))),
    ))
}

/// `slice(list, start, end)`: from `start` up to but not including `end`.
fn slice(args: &[Value]) -> Outcome {
    if !args[0].is_known() || !args[1..].iter().all(Value::is_wholly_known) {
        return Ok(Value::Unknown);
    }
    let items = list(args, 0)?;
    let start = integer(args, 1)?;
    let end = integer(args, 2)?;
    if start < 0 || end < start || end as usize > items.len() {
        return Err(
            "the start and end indexes must satisfy 0 <= start <= end <= length of the list".into(),
        );
    }
    Ok(Value::list(items[start as usize..end as usize].to_vec()))
}

/// Strings sorted lexicographically (numbers as their text).
fn sort(args: &[Value]) -> Outcome {
    let mut texts = Vec::new();
    for item in list(args, 0)? {
        if matches!(item, Value::Null) {
            return Err(argument(1, "an element is null"));
        }
        texts.push(convert::to_string(item).map_err(|why| argument(1, why))?);
    }
    texts.sort();
    Ok(Value::list(texts.into_iter().map(Value::String).collect()))
}

fn sum(args: &[Value]) -> Outcome {
    let items = list(args, 0)?;
    if items.is_empty() {
        return Err(argument(1, "cannot sum an empty list"));
    }
    let mut total = 0.0;
    for item in items {
        total += convert::to_number(item).map_err(|why| argument(1, why))?;
    }
    Ok(convert::number(total)?)
}

/// A map of lists of strings turned around: each string maps to the keys that listed it.
fn transpose(args: &[Value]) -> Outcome {
    let mut out: BTreeMap<CompactString, Vec<Value>> = BTreeMap::new();
    for (key, items) in map(args, 0)? {
        for item in convert::to_list(items).map_err(|why| argument(1, why))? {
            let item = convert::to_string(item).map_err(|why| argument(1, why))?;
            out.entry(item)
                .or_default()
                .push(Value::String(key.clone()));
        }
    }
    Ok(Value::object(
        out.into_iter().map(|(k, v)| (k, Value::list(v))).collect(),
    ))
}

fn zipmap(args: &[Value]) -> Outcome {
    let keys = list(args, 0)?;
    let values = list(args, 1)?;
    if keys.len() != values.len() {
        return Err("the keys and values lists must have the same length".into());
    }
    let mut out = BTreeMap::new();
    for (k, v) in keys.iter().zip(values) {
        let k = convert::to_string(k).map_err(|why| argument(1, why))?;
        out.insert(k, v.clone());
    }
    Ok(Value::object(out))
}
