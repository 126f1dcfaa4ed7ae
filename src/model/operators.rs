//! Terraform's operators over values: arithmetic and comparison convert their operands to
//! numbers, logic to bools, equality compares type and value. An unknown operand gives an
//! unknown result, except where the other operand decides a logical operator alone, as in HCL.
//! A marked operand marks the result.

use super::convert::{self, Converted};
use super::expr::{BinaryOperator, UnaryOperator};
use super::Value;

pub fn unary(op: UnaryOperator, operand: &Value) -> Converted<Value> {
    if !operand.is_known() {
        return Ok(Value::Unknown);
    }
    let result = match op {
        UnaryOperator::Not => Value::Bool(!convert::to_bool(operand).map_err(operand_error)?),
        UnaryOperator::Neg => {
            convert::number(-convert::to_number(operand).map_err(operand_error)?)?
        }
    };
    Ok(result.marked_if(operand.is_sensitive()))
}

pub fn binary(op: BinaryOperator, lhs: &Value, rhs: &Value) -> Converted<Value> {
    use BinaryOperator::*;
    let marked = lhs.is_sensitive() || rhs.is_sensitive();
    let result = match op {
        And | Or => logical(op == And, lhs, rhs)?,
        _ if !lhs.is_known() || !rhs.is_known() => return Ok(Value::Unknown),
        Eq | NotEq => {
            if !lhs.is_wholly_known() || !rhs.is_wholly_known() {
                return Ok(Value::Unknown);
            }
            Value::Bool((lhs == rhs) == (op == Eq))
        }
        _ => {
            let a = convert::to_number(lhs).map_err(operand_error)?;
            let b = convert::to_number(rhs).map_err(operand_error)?;
            match op {
                Less => Value::Bool(a < b),
                LessEq => Value::Bool(a <= b),
                Greater => Value::Bool(a > b),
                GreaterEq => Value::Bool(a >= b),
                Plus => convert::number(a + b)?,
                Minus => convert::number(a - b)?,
                Mul => convert::number(a * b)?,
                Div if b == 0.0 => return Err("division by zero".into()),
                Div => convert::number(a / b)?,
                Mod if b == 0.0 => return Err("modulo by zero".into()),
                // Go's and Terraform's remainder keeps the sign of the dividend, as Rust's does.
                Mod => convert::number(a % b)?,
                And | Or | Eq | NotEq => unreachable!("handled above"),
            }
        }
    };
    Ok(result.marked_if(marked))
}

/// `&&` and `||`: a known operand that decides the result alone does so even when the other is
/// unknown.
fn logical(and: bool, lhs: &Value, rhs: &Value) -> Converted<Value> {
    let read = |v: &Value| -> Converted<Option<bool>> {
        if v.is_known() {
            convert::to_bool(v).map(Some).map_err(operand_error)
        } else {
            Ok(None)
        }
    };
    let (a, b) = (read(lhs)?, read(rhs)?);
    let decisive = !and;
    Ok(match (a, b) {
        (Some(x), _) | (_, Some(x)) if x == decisive => Value::Bool(decisive),
        (Some(_), Some(_)) => Value::Bool(!decisive),
        _ => Value::Unknown,
    })
}

fn operand_error(message: String) -> String {
    format!("invalid operand: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(i: i64) -> Value {
        Value::Number(i.into())
    }

    #[test]
    fn arithmetic_converts_strings_and_keeps_whole_numbers_whole() {
        assert_eq!(
            binary(BinaryOperator::Plus, &Value::String("2".into()), &n(3)),
            Ok(n(5))
        );
        assert_eq!(
            binary(BinaryOperator::Div, &n(10), &n(4)),
            Ok(Value::Number(serde_json::Number::from_f64(2.5).unwrap()))
        );
        assert_eq!(binary(BinaryOperator::Mod, &n(-7), &n(3)), Ok(n(-1)));
        assert!(binary(BinaryOperator::Div, &n(1), &n(0)).is_err());
        assert!(binary(BinaryOperator::Mul, &Value::Bool(true), &n(1)).is_err());
    }

    #[test]
    fn equality_compares_types_and_logic_short_cuts_unknowns() {
        assert_eq!(
            binary(BinaryOperator::Eq, &n(1), &Value::String("1".into())),
            Ok(Value::Bool(false))
        );
        assert_eq!(
            binary(BinaryOperator::Or, &Value::Unknown, &Value::Bool(true)),
            Ok(Value::Bool(true))
        );
        assert_eq!(
            binary(BinaryOperator::And, &Value::Unknown, &Value::Bool(true)),
            Ok(Value::Unknown)
        );
        assert_eq!(
            binary(BinaryOperator::Plus, &Value::Unknown, &n(1)),
            Ok(Value::Unknown)
        );
    }

    #[test]
    fn marks_carry_to_the_result() {
        let secret = n(2).into_sensitive();
        assert!(binary(BinaryOperator::Plus, &secret, &n(1))
            .unwrap()
            .is_sensitive());
        assert!(unary(UnaryOperator::Neg, &secret).unwrap().is_sensitive());
    }
}
