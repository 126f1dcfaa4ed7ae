//! Conditionals, `for` expressions and templates: the expressions that choose or repeat.

use std::collections::BTreeMap;

use compact_str::CompactString;

use super::{Certainty, Evaluator, Limit, MAX_VALUE_SIZE};
use crate::model::convert;
use crate::model::expr::{For, TemplatePart};
use crate::model::{Expr, Value};
use crate::source::Span;

impl<'m> Evaluator<'m> {
    pub(super) fn conditional(&self, [cond, then, otherwise]: &[Expr; 3]) -> Value {
        let condition = self.eval(cond);
        if !condition.is_known() {
            // Both branches, quietly: a fault in a branch that may not be taken is no fault.
            self.trying.set(self.trying.get() + 1);
            let (a, b) = (self.eval(then), self.eval(otherwise));
            self.trying.set(self.trying.get() - 1);
            return if a.is_wholly_known() && a == b {
                a
            } else {
                Value::Unknown
            };
        }
        // Terraform evaluates both branches but reports the faults of the one taken only.
        match convert::to_bool(&condition) {
            Ok(true) => self.eval(then).marked_if(condition.is_sensitive()),
            Ok(false) => self.eval(otherwise).marked_if(condition.is_sensitive()),
            Err(why) => self.fault(cond.span, Certainty::Sure, format!("the condition: {why}")),
        }
    }

    /// `[for ...]` and `{for ...}`.
    pub(super) fn for_expr(&self, span: Span, f: &For) -> Value {
        let collection = self.eval(&f.collection);
        let Some(entries) = self.entries(f.collection.span, &collection) else {
            return Value::Unknown;
        };
        if !self.spend(entries.len() as u64) {
            return self.reached(span, Limit::Work);
        }
        let mut list = Vec::new();
        let mut map: BTreeMap<CompactString, Value> = BTreeMap::new();
        let mut groups: BTreeMap<CompactString, Vec<Value>> = BTreeMap::new();
        let frame = self.bindings.borrow().len();
        let mut result = None;
        // The size of the result so far: nested `for`s multiply, so the limit is checked as it
        // grows, before the result is whole.
        let mut size: u64 = 0;
        for (key, value) in entries {
            if size > MAX_VALUE_SIZE {
                result = Some(self.reached(span, Limit::ValueSize));
                break;
            }
            self.bind(frame, f.key_var.as_ref(), &f.value_var, key, value);
            if let Some(cond) = &f.cond {
                let keep = self.eval(cond);
                if !keep.is_known() {
                    result = Some(Value::Unknown);
                    break;
                }
                match convert::to_bool(&keep) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(why) => {
                        let why = format!("the `if` of a `for`: {why}");
                        result = Some(self.fault(cond.span, Certainty::Sure, why));
                        break;
                    }
                }
            }
            let Some(key_expr) = &f.key else {
                let value = self.eval(&f.value);
                size += value.size();
                list.push(value);
                continue;
            };
            let key = self.eval(key_expr);
            if !key.is_known() {
                result = Some(Value::Unknown);
                break;
            }
            let key = match convert::to_string(&key) {
                Ok(text) if !key.is_sensitive() => text,
                Ok(_) => {
                    // A key made from a secret would be shown in messages as a plain key.
                    result = Some(Value::Unknown);
                    break;
                }
                Err(why) => {
                    let why = format!("the key of a `for`: {why}");
                    result = Some(self.fault(key_expr.span, Certainty::Sure, why));
                    break;
                }
            };
            let value = self.eval(&f.value);
            size += value.size() + key.len() as u64;
            if f.grouping {
                groups.entry(key).or_default().push(value);
            } else if map.insert(key, value).is_some() {
                let why = "two elements have the same key; add `...` after the value to group them"
                    .into();
                result = Some(self.fault(key_expr.span, Certainty::Sure, why));
                break;
            }
        }
        self.bindings.borrow_mut().truncate(frame);
        if let Some(result) = result {
            return result;
        }
        let value = match (&f.key, f.grouping) {
            (None, _) => Value::list(list),
            (Some(_), false) => Value::object(map),
            (Some(_), true) => Value::object(
                groups
                    .into_iter()
                    .map(|(k, v)| (k, Value::list(v)))
                    .collect(),
            ),
        };
        // The keys of a sensitive map are not marked one by one: the whole result is.
        value.marked_if(matches!(collection, Value::Sensitive(_)))
    }

    /// The key and value of each element a `for` iterates over: index and element of a list,
    /// key and value of a map. `None` when they are not known, or for a fault.
    pub(super) fn entries(&self, span: Span, collection: &Value) -> Option<Vec<(Value, Value)>> {
        match collection.unmarked() {
            Value::Unknown => None,
            Value::List(items) => Some(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (Value::Number(i.into()), v.clone()))
                    .collect(),
            ),
            Value::Object(map) => Some(
                map.iter()
                    .map(|(k, v)| (Value::String(k.clone()), v.clone()))
                    .collect(),
            ),
            other => {
                let why = format!(
                    "a `for` needs a list, set or map to iterate over, not a {}",
                    convert::type_name(other)
                );
                self.fault(span, Certainty::Sure, why);
                None
            }
        }
    }

    /// Binds the names of a `for` for one element, in the frame that starts at `frame`.
    pub(super) fn bind(
        &self,
        frame: usize,
        key_var: Option<&CompactString>,
        value_var: &CompactString,
        key: Value,
        value: Value,
    ) {
        let mut scope = self.bindings.borrow_mut();
        scope.truncate(frame);
        if let Some(name) = key_var {
            scope.push((name.clone(), key));
        }
        scope.push((value_var.clone(), value));
    }

    pub(super) fn template(&self, span: Span, parts: &[TemplatePart]) -> Value {
        // `"${expr}"` alone yields the value of expr, whatever its type.
        if let [TemplatePart::Interpolation(e)] = parts {
            return self.eval(e);
        }
        let mut out = String::new();
        let mut sensitive = false;
        match self.render(span, parts, &mut out, &mut sensitive) {
            Some(()) => Value::String(out.into()).marked_if(sensitive),
            None => Value::Unknown,
        }
    }

    /// Appends the text of `parts` to `out`; `None` when it is not known, or on a fault or limit.
    pub(super) fn render(
        &self,
        span: Span,
        parts: &[TemplatePart],
        out: &mut String,
        sensitive: &mut bool,
    ) -> Option<()> {
        for part in parts {
            match part {
                TemplatePart::Literal(s) => self.append(span, out, s)?,
                TemplatePart::Interpolation(e) => {
                    let value = self.eval(e);
                    if !value.is_known() {
                        return None;
                    }
                    *sensitive |= value.is_sensitive();
                    match convert::to_string(&value) {
                        Ok(text) => self.append(span, out, &text)?,
                        Err(why) => {
                            self.fault(e.span, Certainty::Sure, format!("in a template, {why}"));
                            return None;
                        }
                    }
                }
                TemplatePart::If {
                    cond,
                    then,
                    otherwise,
                } => {
                    let condition = self.eval(cond);
                    if !condition.is_known() {
                        return None;
                    }
                    *sensitive |= condition.is_sensitive();
                    match convert::to_bool(&condition) {
                        Ok(true) => self.render(span, then, out, sensitive)?,
                        Ok(false) => self.render(span, otherwise, out, sensitive)?,
                        Err(why) => {
                            self.fault(cond.span, Certainty::Sure, format!("the condition: {why}"));
                            return None;
                        }
                    }
                }
                TemplatePart::For {
                    key_var,
                    value_var,
                    collection,
                    body,
                } => {
                    let items = self.eval(collection);
                    let entries = self.entries(collection.span, &items)?;
                    *sensitive |= matches!(items, Value::Sensitive(_));
                    let frame = self.bindings.borrow().len();
                    let mut done = Some(());
                    for (key, value) in entries {
                        self.bind(frame, key_var.as_ref(), value_var, key, value);
                        done = self.render(span, body, out, sensitive);
                        if done.is_none() {
                            break;
                        }
                    }
                    self.bindings.borrow_mut().truncate(frame);
                    done?;
                }
            }
        }
        Some(())
    }

    /// Appends `piece` to a template's text, within the size limit and the work budget.
    pub(super) fn append(&self, span: Span, out: &mut String, piece: &str) -> Option<()> {
        // Checked before it is copied: doubling templates grow exponentially.
        if (out.len() + piece.len()) as u64 >= MAX_VALUE_SIZE {
            self.reached(span, Limit::ValueSize);
            return None;
        }
        if !self.spend(piece.len() as u64 / 64 + 1) {
            self.reached(span, Limit::Work);
            return None;
        }
        out.push_str(piece);
        Some(())
    }
}
