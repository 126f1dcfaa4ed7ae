//! References: names bound by `for`, `count` and `each`, `var.*`, `local.*`, `module.*` (the
//! outputs of the module instance a key chooses) and resources (the instance a key chooses), and
//! the steps taken into a value (attributes, indexes, splats).

use std::collections::BTreeMap;

use compact_str::CompactString;

use super::{Certainty, Evaluator, Named};
use crate::model::convert;
use crate::model::modules::{Call, Made};
use crate::model::{Expr, Instance, InstanceKey, ResourceId, Step, Traversal, Value};
use crate::schema;
use crate::source::Span;

impl<'m> Evaluator<'m> {
    /// Binds `count.index`, or `each.key` and `each.value`, of an instance of a resource or
    /// module call.
    pub(super) fn bind_instance(&self, instance: &Instance) {
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
        self.bindings
            .borrow_mut()
            .push((name.into(), Value::object(fields)));
    }

    /// The resource (instance) that the traversal `t` in an argument of the resource at `from`
    /// names: `vault_keymgmt_key.k[each.key]` names the key instance of the same key. Followed
    /// through the module's variables (to the argument its caller gives), locals and the
    /// outputs of the modules it calls, so that a key handed from module to module is still
    /// the same key.
    pub fn referenced_resource(&self, from: ResourceId, t: &Traversal) -> Option<ResourceId> {
        let resource = &self.module.resources[from];
        self.within(resource.scope, resource.instance.as_ref(), || {
            self.resource_behind(t, 0)
        })
    }

    /// The resource `t` names in the current scope, or that the variable, local or module
    /// output it names passes on.
    fn resource_behind(&self, t: &Traversal, depth: usize) -> Option<ResourceId> {
        /// Links longer than this are not followed: real modules hand a key on a few times.
        const MAX_LINKS: usize = 8;
        /// The references of one expression that are followed.
        const MAX_FOLLOWED: usize = 4;
        if depth > MAX_LINKS || !self.spend(1) {
            return None;
        }
        let scope = self.current.get();
        let declared = &self.module.scopes[scope];
        let follow = |scope: usize, instance: Option<&Instance>, expr: &'m Expr| {
            self.within(scope, instance, || {
                expr.traversals()
                    .into_iter()
                    .take(MAX_FOLLOWED)
                    .find_map(|(t, _)| self.resource_behind(t, depth + 1))
            })
        };
        let name = match t.steps.first() {
            Some(Step::Attr(name, _)) => name.as_str(),
            _ => return None,
        };
        match t.root.as_str() {
            "var" => {
                let (parent, instance, argument) = self.module.caller_argument(scope, name)?;
                follow(parent, instance, &argument.value)
            }
            "local" => follow(scope, None, &declared.locals.get(name)?.value),
            "module" => {
                let mut steps = &t.steps[1..];
                let child = self.called_scope(scope, name, &mut steps)?;
                let Some(Step::Attr(output, _)) = steps.first() else {
                    return None;
                };
                let value = self.module.scopes[child].outputs.get(output.as_str())?;
                follow(child, None, value.value.as_ref()?)
            }
            _ => {
                let first = self.module.target(scope, t)?;
                let mut steps = &t.steps[1..];
                self.instance(first, &mut steps)
            }
        }
    }

    /// The module instance `module.<name>` and then `steps` choose among those the call `name`
    /// of `scope` made, `steps` moved past its instance key.
    fn called_scope(&self, scope: usize, name: &str, steps: &mut &[Step]) -> Option<usize> {
        let call = self.module.scopes[scope].calls.get(name)?;
        match &call.made {
            Made::Nothing => None,
            Made::One(child) => {
                // `count` or `for_each` not known: every instance looks alike.
                if let (true, Some(Step::Index(_))) = (call.declared.is_repeated(), steps.first()) {
                    *steps = &steps[1..];
                }
                Some(*child)
            }
            Made::Instances(children) => {
                let (Step::Index(e), rest) = steps.split_first()? else {
                    return None;
                };
                *steps = rest;
                let key = match self.eval(e).unmarked() {
                    Value::String(s) => InstanceKey::Key(s.clone()),
                    Value::Number(n) => InstanceKey::Index(n.as_u64()?),
                    _ => return None,
                };
                let found = children.iter().copied().find(|&child| {
                    matches!(&self.module.scopes[child].call, Some((_, Some(i))) if i.key == key)
                });
                if found.is_none() {
                    let why = format!(
                        "`{}module.{name}` has no instance {key}",
                        self.module.scopes[scope].prefix
                    );
                    self.fault(e.span, Certainty::Likely, why);
                }
                found
            }
        }
    }

    /// `module.<name>...`: the outputs of the module instance(s) the call made.
    fn module_value(&self, name: &str, steps: &mut &[Step]) -> Value {
        let scope = self.current.get();
        let Some(call) = self.module.scopes[scope].calls.get(name) else {
            return Value::Unknown;
        };
        if let Made::Instances(children) = &call.made {
            if !matches!(steps.first(), Some(Step::Index(_))) {
                return self.instances_value(call, children);
            }
        }
        let Some(child) = self.called_scope(scope, name, steps) else {
            return Value::Unknown;
        };
        match steps.split_first() {
            Some((Step::Attr(output, _), rest)) => {
                *steps = rest;
                self.output(child, output)
            }
            _ => self.outputs(child),
        }
    }

    /// Every instance a call made, as Terraform gives `module.m` of a call with `count` (a list
    /// of their outputs) or `for_each` (a map).
    fn instances_value(&self, call: &Call, children: &[usize]) -> Value {
        if !self.spend(children.len() as u64) {
            return Value::Unknown;
        }
        let instances = children.iter().map(|&child| {
            let key = match &self.module.scopes[child].call {
                Some((_, Some(instance))) => instance.key.value(),
                _ => Value::Unknown,
            };
            (key, self.outputs(child))
        });
        if call.declared.body.attribute("for_each").is_some() {
            let map = instances
                .filter_map(|(key, value)| match key {
                    Value::String(key) => Some((key, value)),
                    _ => None,
                })
                .collect();
            Value::object(map)
        } else {
            Value::list(instances.map(|(_, value)| value).collect())
        }
    }

    /// Every output of the module instance `scope`, as an object.
    fn outputs(&self, scope: usize) -> Value {
        let outputs = &self.module.scopes[scope].outputs;
        if !self.spend(outputs.len() as u64) {
            return Value::Unknown;
        }
        Value::object(
            outputs
                .keys()
                .map(|name| (name.clone(), self.output(scope, name)))
                .collect(),
        )
    }

    /// The instance `steps` choose of the resource block whose first instance is at `first`,
    /// taking its key from `steps`; the resource itself when the block has no instances.
    pub(super) fn instance(&self, first: ResourceId, steps: &mut &[Step]) -> Option<ResourceId> {
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
        let found = self.module.instance_id(first, &key);
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
            .bindings
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
        let scope = self.current.get();
        let value = match t.root.as_str() {
            "var" => match first_attr(&mut steps) {
                Some(name) => self.variable(scope, name),
                None => Value::Unknown,
            },
            // The module's directory relative to the root module's, as Terraform gives it;
            // `path.cwd` is the machine's and stays Unknown.
            "path" => match first_attr(&mut steps) {
                Some("module") => Value::String(self.module.scopes[scope].path.as_str().into()),
                Some("root") => Value::String(".".into()),
                _ => Value::Unknown,
            },
            "local" => match first_attr(&mut steps) {
                Some(name) => self.local(scope, name),
                None => Value::Unknown,
            },
            "module" => match first_attr(&mut steps) {
                Some(name) => self.module_value(name, &mut steps),
                None => Value::Unknown,
            },
            _ => {
                let Some(first) = self.module.target(scope, t) else {
                    return Value::Unknown;
                };
                // The resource's name.
                first_attr(&mut steps);
                let block = &self.module.resources[first];
                let expanded = block.instance.is_some();
                if !expanded && block.is_repeated() {
                    self.read_unexpanded.set(true);
                }
                if let Some(value) = self.count_splat(first, &mut steps) {
                    return value;
                }
                if expanded && !matches!(steps.first(), Some(Step::Index(_))) {
                    self.block_value(first)
                } else {
                    let Some(index) = self.instance(first, &mut steps) else {
                        return Value::Unknown;
                    };
                    match first_attr(&mut steps) {
                        Some(attr) => self.resource_attribute(index, attr).clone(),
                        // A block whose `count` or `for_each` is not known, as a whole: how
                        // many instances, and which, is not known either.
                        None if !expanded && block.is_repeated() => Value::Unknown,
                        None => self.resource_object(index),
                    }
                }
            }
        };
        self.steps(value, steps)
    }

    /// An expanded block as a whole, as `for_each = vault_keymgmt_key.k` reads it: a map of its
    /// instances by key (`for_each`), or a list of them (`count`).
    fn block_value(&self, first: ResourceId) -> Value {
        let build = || {
            if !self.spend(self.module.instances(first).count() as u64) {
                return Value::Unknown;
            }
            let mut by_key = BTreeMap::new();
            let mut items = Vec::new();
            for (id, resource) in self.module.instances(first) {
                let object = self.resource_object(id);
                match resource.instance.as_ref().map(|i| &i.key) {
                    Some(InstanceKey::Key(key)) => {
                        by_key.insert(key.clone(), object);
                    }
                    _ => items.push(object),
                }
            }
            if items.is_empty() {
                Value::object(by_key)
            } else {
                Value::list(items)
            }
        };
        let name = &self.module.resources[first].name;
        self.named(Named::Instances, first.index(), name, build)
    }

    /// A resource as a whole: an object of every attribute its schema has (`id` too), each as
    /// `type.name.attribute` reads it. `Unknown` for a resource type without a schema.
    fn resource_object(&self, index: ResourceId) -> Value {
        let Some(schema) = schema::schemas().get(&self.module.resources[index].kind) else {
            return Value::Unknown;
        };
        // Inserted one by one rather than collected: collecting sorts, and sorting code in the
        // `.wasm` costs more than the few names of a schema would save.
        let mut object = BTreeMap::new();
        for (name, _) in schema.properties() {
            let value = self.resource_attribute(index, name).clone();
            object.insert(CompactString::from(name.as_str()), value);
        }
        if !object.contains_key("id") {
            object.insert("id".into(), Value::Unknown);
        }
        Value::object(object)
    }

    /// `type.name[*].attr...` of a block expanded by `count`: the list of what the steps give
    /// of each instance, in order. `None` when `steps` start otherwise, or the block was not
    /// expanded by a known `count`.
    fn count_splat(&self, first: ResourceId, steps: &mut &[Step]) -> Option<Value> {
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
        let (each, after) = rest.split_at(splat_reach(*full, rest));
        let Some((Step::Attr(attr, _), each)) = each.split_first() else {
            return Some(Value::Unknown);
        };
        let items = self
            .module
            .instances(first)
            .map(|(id, _)| self.steps(self.resource_attribute(id, attr).clone(), each))
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
