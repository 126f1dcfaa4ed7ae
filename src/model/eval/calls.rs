//! Function calls: Terraform's built-in functions through `functions`, and the calls that
//! need their arguments unevaluated (`try`, `can`, `sensitive`, `nonsensitive`).

use super::{Certainty, Evaluator, Limit, MAX_VALUE_SIZE};
use crate::model::functions::{self, Failure, Lookup};
use crate::model::{Expr, Value};
use crate::source::Span;

impl<'m> Evaluator<'m> {
    pub(super) fn call(&self, span: Span, name: &str, args: &[Expr], expand: bool) -> Value {
        let name = name.strip_prefix("core::").unwrap_or(name);
        match (name, args) {
            ("sensitive", [arg]) if !expand => return self.eval(arg).into_sensitive(),
            ("nonsensitive", [arg]) if !expand => return self.eval(arg).into_nonsensitive(),
            ("try", _) if !args.is_empty() && !expand => return self.try_call(span, args),
            ("can", [arg]) if !expand => return self.can_call(arg),
            _ if !expand && super::files::NAMES.contains(&name) => {
                return self.file_call(span, name, args)
            }
            _ => {}
        }
        let function = match functions::lookup(name) {
            Lookup::Evaluated(function) => function,
            Lookup::Unevaluated => {
                // Not known before apply, but its arguments may still be at fault.
                for arg in args {
                    self.eval(arg);
                }
                return Value::Unknown;
            }
            // A provider's function (`provider::aws::arn_parse`): unknown to the linter.
            Lookup::Missing if name.contains("::") => return Value::Unknown,
            Lookup::Missing => {
                return self.fault(
                    span,
                    Certainty::Sure,
                    format!("there is no function named `{name}` in Terraform"),
                )
            }
        };
        let mut values: Vec<Value> = args.iter().map(|a| self.eval(a)).collect();
        if expand {
            let last = values.pop().unwrap_or(Value::Null);
            match last.unmarked() {
                Value::List(items) => values.extend(
                    items
                        .iter()
                        .map(|v| v.clone().marked_if(last.is_sensitive())),
                ),
                Value::Unknown => return Value::Unknown,
                _ => {
                    return self.fault(
                        span,
                        Certainty::Sure,
                        format!("`{name}`: the argument before `...` must be a list"),
                    )
                }
            }
        }
        let size: u64 = values.iter().map(Value::size).sum();
        if !self.spend(size / 64) {
            return self.reached(span, Limit::Work);
        }
        if size > MAX_VALUE_SIZE {
            return self.reached(span, Limit::ValueSize);
        }
        match functions::call(function, &values) {
            Ok(value) => {
                if !self.spend(value.size() / 64) {
                    return self.reached(span, Limit::Work);
                }
                value
            }
            Err(Failure::Invalid(why)) => {
                self.fault(span, Certainty::Sure, format!("`{name}`: {why}"))
            }
            Err(Failure::TooLarge) => self.reached(span, Limit::ValueSize),
            Err(Failure::Unsupported) => Value::Unknown,
        }
    }

    /// Whether `arg` is evaluated without a fault, and its value.
    pub(super) fn attempt(&self, arg: &Expr) -> Option<Value> {
        let before = self.failures.get();
        self.trying.set(self.trying.get() + 1);
        let value = self.eval(arg);
        self.trying.set(self.trying.get() - 1);
        (self.failures.get() == before).then_some(value)
    }

    /// `try(a, b, ...)`: the first argument evaluated without a fault; `Unknown` when it is not
    /// known whether one would fail.
    pub(super) fn try_call(&self, span: Span, args: &[Expr]) -> Value {
        for arg in args {
            if let Some(value) = self.attempt(arg) {
                return value;
            }
        }
        self.fault(
            span,
            Certainty::Sure,
            "`try`: every argument failed to evaluate".into(),
        )
    }

    /// `can(a)`: whether `a` is evaluated without a fault.
    pub(super) fn can_call(&self, arg: &Expr) -> Value {
        match self.attempt(arg) {
            Some(value) if !value.is_wholly_known() => Value::Unknown,
            Some(_) => Value::Bool(true),
            None => Value::Bool(false),
        }
    }
}
