//! The verbs of `format` and `formatlist`, as Terraform reads them (Go's `fmt` verbs for
//! Terraform's types): `%s %q %v %#v %t %d %b %o %x %X %e %E %f %g %G %%`, flags `+ - # 0`
//! and space, width, precision and explicit argument indexes (`%[2]s`).

use super::encoding::json_text;
use super::Failure;
use crate::model::convert;
use crate::model::Value;

/// The most a width or precision may ask for: padding is built, so it is bounded.
const MAX_WIDTH: usize = 1 << 16;

#[derive(Default)]
struct Spec {
    minus: bool,
    plus: bool,
    space: bool,
    zero: bool,
    sharp: bool,
    width: Option<usize>,
    precision: Option<usize>,
}

pub(super) fn format(spec: &str, args: &[Value]) -> Result<String, Failure> {
    let mut out = String::new();
    let mut chars = spec.char_indices().peekable();
    let mut next_arg = 0;
    let mut used = vec![false; args.len()];
    while let Some((_, c)) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        if chars.peek().map(|&(_, c)| c) == Some('%') {
            chars.next();
            out.push('%');
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&(_, c)) = chars.peek() {
            match c {
                '-' => spec.minus = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '0' => spec.zero = true,
                '#' => spec.sharp = true,
                _ => break,
            }
            chars.next();
        }
        let mut index = |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>| {
            if chars.peek().map(|&(_, c)| c) != Some('[') {
                return Ok(());
            }
            chars.next();
            let n = digits(chars).ok_or("an argument index must be a number")?;
            if chars.next().map(|(_, c)| c) != Some(']') {
                return Err(Failure::from("an argument index must end with `]`"));
            }
            if n == 0 || n > args.len() {
                return Err(Failure::Invalid(format!(
                    "the argument index {n} is out of range: there are {} arguments",
                    args.len()
                )));
            }
            next_arg = n - 1;
            Ok(())
        };
        index(&mut chars)?;
        spec.width = digits(&mut chars);
        if chars.peek().map(|&(_, c)| c) == Some('.') {
            chars.next();
            spec.precision = Some(digits(&mut chars).unwrap_or(0));
        }
        index(&mut chars)?;
        if spec.width.unwrap_or(0) > MAX_WIDTH || spec.precision.unwrap_or(0) > MAX_WIDTH {
            return Err("a width or precision is too large".into());
        }
        let Some((_, verb)) = chars.next() else {
            return Err("the format string ends in the middle of a verb".into());
        };
        let Some(arg) = args.get(next_arg) else {
            return Err(Failure::Invalid(format!(
                "not enough arguments: `%{verb}` needs argument {}",
                next_arg + 1
            )));
        };
        used[next_arg] = true;
        next_arg += 1;
        let piece = verb_text(verb, &spec, arg)?;
        pad(&mut out, &spec, &piece, verb);
    }
    if let Some(unused) = used.iter().position(|u| !u) {
        return Err(Failure::Invalid(format!(
            "too many arguments: no verb uses argument {}",
            unused + 1
        )));
    }
    Ok(out)
}

fn digits(chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>) -> Option<usize> {
    let mut n: Option<usize> = None;
    while let Some(&(_, c)) = chars.peek() {
        let Some(d) = c.to_digit(10) else { break };
        n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d as usize));
        chars.next();
    }
    n
}

fn verb_text(verb: char, spec: &Spec, arg: &Value) -> Result<String, Failure> {
    let number =
        || convert::to_number(arg).map_err(|why| Failure::Invalid(format!("`%{verb}`: {why}")));
    let integer =
        || convert::to_integer(arg).map_err(|why| Failure::Invalid(format!("`%{verb}`: {why}")));
    let string =
        || convert::to_string(arg).map_err(|why| Failure::Invalid(format!("`%{verb}`: {why}")));
    Ok(match verb {
        'v' if spec.sharp => json_text(arg)?,
        'v' => match arg {
            Value::List(_) | Value::Object(_) => json_text(arg)?,
            Value::Null => "null".into(),
            _ => string()?.to_string(),
        },
        't' => convert::to_bool(arg)
            .map_err(|why| Failure::Invalid(format!("`%t`: {why}")))?
            .to_string(),
        's' => {
            let s = string()?;
            match spec.precision {
                Some(p) => s.chars().take(p).collect(),
                None => s.to_string(),
            }
        }
        'q' => json_text(&Value::String(string()?))?,
        'd' => signed(spec, integer()?.unsigned_abs().to_string(), integer()? < 0),
        'b' => signed(
            spec,
            format!("{:b}", integer()?.unsigned_abs()),
            integer()? < 0,
        ),
        'o' => {
            let prefix = if spec.sharp { "0" } else { "" };
            let n = integer()?;
            signed(spec, format!("{prefix}{:o}", n.unsigned_abs()), n < 0)
        }
        'x' | 'X' => {
            let n = integer()?;
            let mut body = format!("{:x}", n.unsigned_abs());
            if spec.sharp {
                body.insert_str(0, "0x");
            }
            if verb == 'X' {
                body = body.to_uppercase();
            }
            signed(spec, body, n < 0)
        }
        'e' | 'E' => {
            let f = number()?;
            let body = exponent(f.abs(), spec.precision.or(Some(6)), verb == 'E');
            signed(spec, body, f.is_sign_negative() && f != 0.0)
        }
        'f' | 'F' => {
            let f = number()?;
            let body = format!("{:.*}", spec.precision.unwrap_or(6), f.abs());
            signed(spec, body, f.is_sign_negative() && f != 0.0)
        }
        'g' | 'G' => {
            let f = number()?;
            let body = general(f.abs(), spec.precision, verb == 'G');
            signed(spec, body, f.is_sign_negative() && f != 0.0)
        }
        other => {
            return Err(Failure::Invalid(format!(
                "unrecognized format verb `%{other}`"
            )))
        }
    })
}

/// A number's digits with its sign as the flags ask.
fn signed(spec: &Spec, body: String, negative: bool) -> String {
    let sign = if negative {
        "-"
    } else if spec.plus {
        "+"
    } else if spec.space {
        " "
    } else {
        ""
    };
    format!("{sign}{body}")
}

/// `%e`: one digit, a fraction of `precision` digits (shortest when `None`), and an exponent of
/// at least two digits with its sign, as Go writes it.
fn exponent(f: f64, precision: Option<usize>, upper: bool) -> String {
    let rust = match precision {
        Some(p) => format!("{f:.p$e}"),
        None => format!("{f:e}"),
    };
    let (mantissa, exp) = rust.split_once('e').unwrap_or((&rust, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if exp < 0 { '-' } else { '+' };
    let e = if upper { 'E' } else { 'e' };
    format!("{mantissa}{e}{sign}{:02}", exp.abs())
}

/// `%g`: `%e` for large and small exponents, `%f` otherwise, without trailing zeros.
fn general(f: f64, precision: Option<usize>, upper: bool) -> String {
    let significant = precision.map(|p| p.max(1));
    let exp = if f == 0.0 {
        0
    } else {
        let rounded = match significant {
            Some(p) => format!("{f:.*e}", p - 1),
            None => format!("{f:e}"),
        };
        rounded
            .split_once('e')
            .and_then(|(_, e)| e.parse::<i32>().ok())
            .unwrap_or(0)
    };
    let limit = significant.map_or(21, |p| p as i32);
    if exp < -4 || exp >= limit {
        let text = exponent(f, significant.map(|p| p - 1), upper);
        let (mantissa, rest) = text.split_at(text.find(['e', 'E']).unwrap_or(text.len()));
        return format!("{}{rest}", trim_zeros(mantissa));
    }
    match significant {
        Some(p) => trim_zeros(&format!("{f:.*}", (p as i32 - 1 - exp).max(0) as usize)),
        None => format!("{f}"),
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// Pads `piece` to the width: spaces on the left, on the right with `-`, zeros after the sign
/// for numbers with `0`.
fn pad(out: &mut String, spec: &Spec, piece: &str, verb: char) {
    let length = piece.chars().count();
    let width = spec.width.unwrap_or(0);
    if length >= width {
        out.push_str(piece);
        return;
    }
    let fill = width - length;
    if spec.minus {
        out.push_str(piece);
        out.extend(std::iter::repeat_n(' ', fill));
    } else if spec.zero && "dboxXeEfFgG".contains(verb) {
        let signed = piece.starts_with(['-', '+', ' ']);
        let (sign, digits) = piece.split_at(usize::from(signed));
        out.push_str(sign);
        out.extend(std::iter::repeat_n('0', fill));
        out.push_str(digits);
    } else {
        out.extend(std::iter::repeat_n(' ', fill));
        out.push_str(piece);
    }
}
