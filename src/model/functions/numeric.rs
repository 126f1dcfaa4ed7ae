//! Numeric functions: `min`, `max`, `abs`, `ceil`, `floor`, `log`, `pow`, `parseint`, `signum`.

use super::{argument, integer, text, Failure, Function, Outcome};
use crate::model::convert;
use crate::model::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("abs", 1, Some(1), abs),
    Function::new("ceil", 1, Some(1), ceil),
    Function::new("floor", 1, Some(1), floor),
    Function::new("log", 2, Some(2), log),
    Function::new("max", 1, None, max),
    Function::new("min", 1, None, min),
    Function::new("parseint", 2, Some(2), parseint),
    Function::new("pow", 2, Some(2), pow),
    Function::new("signum", 1, Some(1), signum),
];

fn number(args: &[Value], i: usize) -> Result<f64, Failure> {
    convert::to_number(&args[i]).map_err(|why| argument(i + 1, why))
}

/// A result that Terraform would show as infinite is not a value the linter can hold: unknown.
fn result(f: f64) -> Outcome {
    if f.is_finite() {
        Ok(convert::number(f)?)
    } else {
        Ok(Value::Unknown)
    }
}

fn abs(args: &[Value]) -> Outcome {
    result(number(args, 0)?.abs())
}

fn ceil(args: &[Value]) -> Outcome {
    result(number(args, 0)?.ceil())
}

fn floor(args: &[Value]) -> Outcome {
    result(number(args, 0)?.floor())
}

fn log(args: &[Value]) -> Outcome {
    result(number(args, 0)?.log(number(args, 1)?))
}

fn pow(args: &[Value]) -> Outcome {
    result(number(args, 0)?.powf(number(args, 1)?))
}

fn signum(args: &[Value]) -> Outcome {
    let n = number(args, 0)?;
    result(if n == 0.0 { 0.0 } else { n.signum() })
}

fn max(args: &[Value]) -> Outcome {
    let mut best = f64::NEG_INFINITY;
    for i in 0..args.len() {
        best = best.max(number(args, i)?);
    }
    result(best)
}

fn min(args: &[Value]) -> Outcome {
    let mut best = f64::INFINITY;
    for i in 0..args.len() {
        best = best.min(number(args, i)?);
    }
    result(best)
}

/// `parseint(string, base)`: an integer written in base 2 to 62, as Go's `big.Int` reads it
/// (digits, then lower-case letters, then upper-case letters past base 36).
fn parseint(args: &[Value]) -> Outcome {
    let s = text(args, 0)?;
    let base = integer(args, 1)?;
    if !(2..=62).contains(&base) {
        return Err(argument(2, "the base must be between 2 and 62"));
    }
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    let cannot = || argument(1, format!("cannot be parsed as a base {base} integer"));
    if digits.is_empty() {
        return Err(cannot());
    }
    let mut n: f64 = 0.0;
    for c in digits.chars() {
        let d = match c {
            '0'..='9' => c as i64 - '0' as i64,
            'a'..='z' => c as i64 - 'a' as i64 + 10,
            'A'..='Z' if base <= 36 => c as i64 - 'A' as i64 + 10,
            'A'..='Z' => c as i64 - 'A' as i64 + 36,
            _ => return Err(cannot()),
        };
        if d >= base {
            return Err(cannot());
        }
        n = n * base as f64 + d as f64;
    }
    result(if negative { -n } else { n })
}
