//! Terraform's built-in functions, one file per family, with Terraform's semantics: argument
//! types converted as Terraform converts them, errors where Terraform rejects a call, and
//! `Unknown` for an argument not known before apply.
//!
//! `catalog.txt` lists every built-in function of Terraform's documentation: a name found there
//! but not implemented here (impure, reading files, hashing) is `Unknown`, a name found nowhere
//! is a fault. `try`, `can`, `sensitive` and `nonsensitive` need the unevaluated arguments and
//! live in the evaluator.
//!
//! An error message names types, positions and counts, never a value: the value may be
//! sensitive.

mod collection;
mod encoding;
mod hash;
mod network;
mod numeric;
mod printf;
mod string;
mod types;
mod yaml;

use std::sync::OnceLock;

use compact_str::CompactString;
use foldhash::HashMap;

use super::convert;
use super::eval::MAX_VALUE_SIZE;
use super::Value;

/// Why a call has no value.
#[derive(Debug, PartialEq)]
pub enum Failure {
    /// Terraform would reject the call: the reason, without any value in it.
    Invalid(String),
    /// The result would pass the evaluator's size limit; it is not built.
    TooLarge,
    /// Terraform would evaluate the call, but the linter cannot: its value is unknown.
    Unsupported,
}

impl From<String> for Failure {
    fn from(why: String) -> Failure {
        Failure::Invalid(why)
    }
}

impl From<&str> for Failure {
    fn from(why: &str) -> Failure {
        Failure::Invalid(why.into())
    }
}

pub type Outcome = Result<Value, Failure>;

pub struct Function {
    pub name: &'static str,
    /// The fewest arguments, and the most (`None`: any number).
    pub arity: (usize, Option<usize>),
    /// Called with arguments that are not wholly known (`length`, `concat`, ...), where
    /// Terraform knows part of the result; other functions give `Unknown` for such arguments.
    pub partial: bool,
    pub run: fn(&[Value]) -> Outcome,
}

impl Function {
    /// A function of `min` to `max` arguments (`None`: any number), whose result is `Unknown`
    /// where an argument is not wholly known.
    pub(super) const fn new(
        name: &'static str,
        min: usize,
        max: Option<usize>,
        run: fn(&[Value]) -> Outcome,
    ) -> Function {
        Function {
            name,
            arity: (min, max),
            partial: false,
            run,
        }
    }

    /// The function of one argument `run`.
    pub(super) const fn unary(name: &'static str, run: fn(&[Value]) -> Outcome) -> Function {
        Function::new(name, 1, Some(1), run)
    }

    /// The same function, called with arguments not wholly known.
    pub(super) const fn partial(self) -> Function {
        Function {
            partial: true,
            ..self
        }
    }
}

/// What a function name is.
pub enum Lookup {
    Evaluated(&'static Function),
    /// A Terraform function whose result is not known before apply, or not to the linter.
    Unevaluated,
    /// Not a Terraform function.
    Missing,
}

const FAMILIES: &[&[Function]] = &[
    collection::FUNCTIONS,
    encoding::FUNCTIONS,
    hash::FUNCTIONS,
    network::FUNCTIONS,
    numeric::FUNCTIONS,
    string::FUNCTIONS,
    types::FUNCTIONS,
    yaml::FUNCTIONS,
];

/// Terraform's built-in functions (tab-separated name, category, purity), from its
/// documentation.
const CATALOG: &str = include_str!("catalog.txt");

pub fn lookup(name: &str) -> Lookup {
    static INDEX: OnceLock<HashMap<&'static str, &'static Function>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        FAMILIES
            .iter()
            .flat_map(|family| family.iter())
            .map(|f| (f.name, f))
            .collect()
    });
    if let Some(function) = index.get(name) {
        return Lookup::Evaluated(function);
    }
    let catalogued = CATALOG
        .lines()
        .filter(|line| !line.starts_with('#'))
        .any(|line| line.split('\t').next() == Some(name));
    if catalogued {
        Lookup::Unevaluated
    } else {
        Lookup::Missing
    }
}

/// Calls `function` as Terraform would: arity checked, `Unknown` for unknown arguments, and
/// the result marked sensitive when an argument is (or holds a sensitive part).
pub fn call(function: &Function, args: &[Value]) -> Outcome {
    let (min, max) = function.arity;
    if args.len() < min || max.is_some_and(|max| args.len() > max) {
        let expected = match max {
            Some(max) if max == min => format!("{min}"),
            Some(max) => format!("{min} to {max}"),
            None => format!("at least {min}"),
        };
        return Err(Failure::Invalid(format!(
            "takes {expected} argument{}, not {}",
            if expected == "1" { "" } else { "s" },
            args.len()
        )));
    }
    if !function.partial && !args.iter().all(Value::is_wholly_known) {
        return Ok(Value::Unknown);
    }
    if args.iter().any(Value::is_sensitive) {
        let plain: Vec<Value> = args.iter().cloned().map(Value::into_nonsensitive).collect();
        return (function.run)(&plain).map(Value::into_sensitive);
    }
    (function.run)(args)
}

/// Fails with `TooLarge` when a result of `size` elements and bytes would pass the limit:
/// checked before a result that can grow faster than its arguments is built.
fn within_limit(size: u64) -> Result<(), Failure> {
    if size > MAX_VALUE_SIZE {
        Err(Failure::TooLarge)
    } else {
        Ok(())
    }
}

/// A failure of argument `position` (1-based).
fn argument(position: usize, why: impl std::fmt::Display) -> Failure {
    Failure::Invalid(format!("argument {position}: {why}"))
}

/// Argument `i` (0-based) as a string.
fn text(args: &[Value], i: usize) -> Result<CompactString, Failure> {
    convert::to_string(&args[i]).map_err(|why| argument(i + 1, why))
}

/// Argument `i` (0-based) as a whole number.
fn integer(args: &[Value], i: usize) -> Result<i64, Failure> {
    convert::to_integer(&args[i]).map_err(|why| argument(i + 1, why))
}

#[cfg(test)]
mod tests;
