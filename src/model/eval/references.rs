//! References: names bound by `for`, `count` and `each`, `var.*`, `local.*` and resources (the
//! instance a key chooses), and the steps taken into a value (attributes, indexes, splats).

use std::collections::BTreeMap;

use super::{Certainty, Evaluator};
use crate::model::convert;
use crate::model::{InstanceKey, Step, Traversal, Value};
use crate::source::Span;

impl<'m> Evaluator<'m> {
    /// Binds `count.index`, or `each.key` and `each.value`, of the resource at `index`, if it is
    /// an instance of a `count` or `for_each` block.
    pub(super) fn bind_instance(&self, index: usize) {
        let Some(instance) = &self.module.resources[index].instance else {
            return;
        };
        let mut fields = BTreeMap::new();
        let name = match instance.key {
            InstanceKey::Index(_) => {
                fields.insert("index".into(), instance.key.value());
                "count"
            }
            InstanceKey::Key(_) => {
                fields.insert("key".into(), instance.key.value());
                fields.insert("value".into(), instance.value.clone());
                "each"
            }
        };
        self.scope
            .borrow_mut()
            .push((name.into(), Value::object(fields)));
    }

    /// The resource (instance) that the traversal `t` in an argument of the resource at `from`
    /// names: `vault_keymgmt_key.k[each.key]` names the key instance of the same key.
    pub fn referenced_resource(&self, from: usize, t: &Traversal) -> Option<usize> {
        let first = self.module.target(t)?;
        self.isolated(|| {
            self.bind_instance(from);
            let mut steps = &t.steps[1..];
            self.instance(first, &mut steps)
        })
    }

    /// The instance `steps` choose of the resource block whose first instance is at `first`,
    /// taking its key from `steps`; the resource itself when the block has no instances.
    pub(super) fn instance(&self, first: usize, steps: &mut &[Step]) -> Option<usize> {
        if self.module.resources[first].instance.is_none() {
            // The block's `count` or `for_each` is not known: every instance has the same
            // arguments, except where they use `count.index` or `each`, which are Unknown.
            if let Some(Step::Index(_)) = steps.first() {
                *steps = &steps[1..];
            }
            return Some(first);
        }
        let Some((Step::Index(e), rest)) = steps.split_first() else {
            return None;
        };
        *steps = rest;
        let key = match self.eval(e).unmarked() {
            Value::String(s) => InstanceKey::Key(s.clone()),
            Value::Number(n) => InstanceKey::Index(n.as_u64()?),
            _ => return None,
        };
        let found = self.module.instance_index(first, &key);
        if found.is_none() {
            let why = format!(
                "`{}` has no instance {key}",
                self.module.resources[first].block_address()
            );
            self.fault(e.span, Certainty::Likely, why);
        }
        found
    }

    pub(super) fn traversal(&self, t: &Traversal) -> Value {
        let bound = self
            .scope
            .borrow()
            .iter()
            .rev()
            .find(|(name, _)| *name == t.root)
            .map(|(_, value)| value.clone());
        if let Some(value) = bound {
            return self.steps(value, &t.steps);
        }
        let mut steps = t.steps.as_slice();
        fn first_attr<'t>(steps: &mut &'t [Step]) -> Option<&'t str> {
            match steps.split_first() {
                Some((Step::Attr(name, _), rest)) => {
                    *steps = rest;
                    Some(name.as_str())
                }
                _ => None,
            }
        }
        let value = match t.root.as_str() {
            "var" => match first_attr(&mut steps) {
                Some(name) => self.variables.get(name).cloned().unwrap_or(Value::Unknown),
                None => Value::Unknown,
            },
            // The root module's own directory, as `terraform console` gives it; `path.cwd` is
            // the machine's and stays Unknown.
            "path" => match first_attr(&mut steps) {
                Some("module" | "root") => Value::String(".".into()),
                _ => Value::Unknown,
            },
            "local" => match first_attr(&mut steps) {
                Some(name) => self.local(name),
                None => Value::Unknown,
            },
            _ => {
                let Some(first) = self.module.target(t) else {
                    return Value::Unknown;
                };
                // The resource's name.
                first_attr(&mut steps);
                if let Some(value) = self.count_splat(first, &mut steps) {
                    return value;
                }
                let Some(index) = self.instance(first, &mut steps) else {
                    return Value::Unknown;
                };
                match first_attr(&mut steps) {
                    Some(attr) => self.resource_attribute(index, attr).clone(),
                    None => Value::Unknown,
                }
            }
        };
        self.steps(value, steps)
    }

    /// `type.name[*].attr...` of a block expanded by `count`: the list of what the steps give
    /// of each instance, in order. `None` when `steps` start otherwise, or the block was not
    /// expanded by a known `count`.
    fn count_splat(&self, first: usize, steps: &mut &[Step]) -> Option<Value> {
        let (Step::Splat { full }, rest) = steps.split_first()? else {
            return None;
        };
        let resources = &self.module.resources;
        if !matches!(
            resources[first].instance.as_ref().map(|i| &i.key),
            Some(InstanceKey::Index(_))
        ) {
            return None;
        }
        let block = resources[first].block_address();
        let (each, after) = rest.split_at(splat_reach(*full, rest));
        let Some((Step::Attr(attr, _), each)) = each.split_first() else {
            return Some(Value::Unknown);
        };
        let instances = resources[first..]
            .iter()
            .take_while(|r| r.block_address() == block)
            .count();
        let items = (first..first + instances)
            .map(|i| self.steps(self.resource_attribute(i, attr).clone(), each))
            .collect();
        *steps = &[];
        Some(self.steps(Value::list(items), after))
    }

    /// `steps` taken into `value`, splats included: the steps after a splat apply to each
    /// element (up to the first index after an attribute-only `.*`).
    pub(super) fn steps(&self, mut value: Value, steps: &[Step]) -> Value {
        let mut at = 0;
        while at < steps.len() {
            let Step::Splat { full } = &steps[at] else {
                value = self.step(value, &steps[at]);
                at += 1;
                continue;
            };
            let rest = &steps[at + 1..];
            let end = splat_reach(*full, rest);
            let each = &rest[..end];
            value = match value.unmarked() {
                Value::Unknown => return Value::Unknown,
                // A splat over null is an empty list, over a single value a list of it.
                Value::Null => Value::list(Vec::new()),
                Value::List(items) => {
                    if !self.spend(items.len() as u64) {
                        return Value::Unknown;
                    }
                    let marked = matches!(value, Value::Sensitive(_));
                    let items = items.iter().map(|v| self.steps(v.clone(), each)).collect();
                    Value::list(items).marked_if(marked)
                }
                _ => Value::list(vec![self.steps(value.clone(), each)]),
            };
            at += 1 + end;
        }
        value
    }

    pub(super) fn step(&self, value: Value, step: &Step) -> Value {
        match step {
            Step::Attr(name, span) => match value.unmarked() {
                Value::Unknown => Value::Unknown,
                Value::Object(map) => match map.get(name.as_str()) {
                    Some(v) => v.clone(),
                    None => self.fault(
                        *span,
                        Certainty::Likely,
                        format!("the value has no attribute `{name}`"),
                    ),
                },
                other => {
                    let why = format!("a {} has no attributes", convert::type_name(other));
                    self.fault(*span, Certainty::Sure, why)
                }
            },
            Step::Index(e) => {
                // An element chosen by a sensitive key tells the key: it is marked too.
                let key = self.eval(e);
                if !key.is_known() || !value.is_known() {
                    return Value::Unknown;
                }
                self.element(e.span, &value, &key)
                    .marked_if(key.is_sensitive())
            }
            Step::Splat { .. } => unreachable!("splats are taken by `steps`"),
        }
    }

    /// `value[key]`.
    pub(super) fn element(&self, span: Span, value: &Value, key: &Value) -> Value {
        match value.unmarked() {
            Value::List(items) => match convert::to_integer(key) {
                Ok(i) => match usize::try_from(i).ok().and_then(|i| items.get(i)) {
                    Some(v) => v.clone(),
                    None => self.fault(
                        span,
                        Certainty::Sure,
                        match items.len() {
                            1 => "the index is out of range: the list has 1 element".into(),
                            n => format!("the index is out of range: the list has {n} elements"),
                        },
                    ),
                },
                Err(why) => self.fault(span, Certainty::Sure, format!("the index: {why}")),
            },
            Value::Object(map) => match convert::to_string(key) {
                Ok(k) => match map.get(k.as_str()) {
                    Some(v) => v.clone(),
                    None => self.fault(
                        span,
                        Certainty::Likely,
                        "the map has no element with this key".into(),
                    ),
                },
                Err(why) => self.fault(span, Certainty::Sure, format!("the key: {why}")),
            },
            other => {
                let why = format!("a {} cannot be indexed", convert::type_name(other));
                self.fault(span, Certainty::Sure, why)
            }
        }
    }
}

/// How many of the steps after a splat apply to each element: all of them after `[*]`, the
/// attribute steps up to the first index after `.*`.
fn splat_reach(full: bool, rest: &[Step]) -> usize {
    if full {
        rest.len()
    } else {
        rest.iter()
            .take_while(|s| matches!(s, Step::Attr(..)))
            .count()
    }
}
