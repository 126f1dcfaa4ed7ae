//! Type conversion functions: `tolist`, `toset`, `tomap`, `tostring`, `tonumber`, `tobool`.
//! (`try` and `can` evaluate their arguments themselves, in the evaluator.)

use std::collections::BTreeMap;

use super::{argument, Function, Outcome};
use crate::model::convert::{self, set_of};
use crate::model::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::unary("tobool", tobool),
    Function::unary("tolist", tolist),
    Function::unary("tomap", tomap),
    Function::unary("tonumber", tonumber),
    Function::unary("toset", toset),
    Function::unary("tostring", tostring),
];

fn tobool(args: &[Value]) -> Outcome {
    match &args[0] {
        Value::Null => Ok(Value::Null),
        v => convert::to_bool(v)
            .map(Value::Bool)
            .map_err(|why| argument(1, why)),
    }
}

fn tonumber(args: &[Value]) -> Outcome {
    match &args[0] {
        Value::Null => Ok(Value::Null),
        Value::Bool(_) => Err(argument(1, "a bool cannot be converted to a number")),
        v => {
            let n = convert::to_number(v).map_err(|why| argument(1, why))?;
            Ok(convert::number(n)?)
        }
    }
}

fn tostring(args: &[Value]) -> Outcome {
    match &args[0] {
        Value::Null => Ok(Value::Null),
        v => convert::to_string(v)
            .map(Value::String)
            .map_err(|why| argument(1, why)),
    }
}

fn tolist(args: &[Value]) -> Outcome {
    match &args[0] {
        Value::Null => Ok(Value::Null),
        v => {
            let items = convert::to_list(v).map_err(|why| argument(1, why))?;
            Ok(Value::list(convert::unify(items.to_vec())?))
        }
    }
}

fn toset(args: &[Value]) -> Outcome {
    match &args[0] {
        Value::Null => Ok(Value::Null),
        v => {
            let items = convert::to_list(v).map_err(|why| argument(1, why))?;
            Ok(set_of(convert::unify(items.to_vec())?))
        }
    }
}

fn tomap(args: &[Value]) -> Outcome {
    match &args[0] {
        Value::Null => Ok(Value::Null),
        v => {
            let map = convert::to_map(v).map_err(|why| argument(1, why))?;
            let values = convert::unify(map.values().cloned().collect())?;
            let map: BTreeMap<_, _> = map.keys().cloned().zip(values).collect();
            Ok(Value::object(map))
        }
    }
}
