//! Evaluation of expressions to values, as far as they can be known before `terraform apply`.
//!
//! Literals, `var.*` (with `-var` values, tfvars or defaults), `local.*` and arguments of other
//! resources in the module are followed; functions, data sources, `count`/`each` and anything
//! computed by a provider are `Unknown`. Cycles and runaway depth also end in `Unknown`, never in
//! a loop.
//!
//! Sensitivity flows with the values, as Terraform's marks do: a `sensitive = true` variable, an
//! argument the schema marks `sensitive` (at any depth of a map), `sensitive()` and whatever is
//! computed from these (templates, indexing with a marked key) come out marked, and
//! `nonsensitive()` removes the mark. What a message shows of a value is decided by
//! `crate::redact` from these marks alone.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::BTreeMap;

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt, HashSet};

use super::expr::TemplatePart;
use super::{Expr, ExprKind, Module, Step, Traversal, Value};
use crate::schema::{self, Defaults};

const MAX_DEPTH: usize = 64;

/// The memoised value of one argument of one resource. Rules read the same arguments many
/// times: a slot per argument hands out a reference, where a map of owned values would hash the
/// name and clone the value on every read.
#[derive(Default)]
struct Slot {
    value: OnceCell<Value>,
    /// Being computed: reaching it again is a reference cycle.
    busy: Cell<bool>,
}

/// What an argument is when nothing can be known of it before `terraform apply`.
static UNKNOWN: Value = Value::Unknown;

pub struct Evaluator<'m> {
    module: &'m Module,
    variables: BTreeMap<CompactString, Value>,
    /// Values a provider assumes for unset arguments.
    defaults: Defaults,
    /// `arguments[resource][position]`, positions as in the resource body's attributes.
    arguments: Vec<Box<[Slot]>>,
    locals: RefCell<HashMap<&'m str, Value>>,
    locals_in_progress: RefCell<HashSet<&'m str>>,
    depth: Cell<usize>,
}

impl<'m> Evaluator<'m> {
    /// `overrides` are `-var` style values; they win over tfvars, which win over defaults.
    pub fn new(
        module: &'m Module,
        overrides: &BTreeMap<String, serde_json::Value>,
        defaults: Defaults,
    ) -> Evaluator<'m> {
        let literal = Evaluator {
            module,
            variables: BTreeMap::new(),
            defaults: HashMap::new(),
            arguments: module
                .resources
                .iter()
                .map(|r| r.body.attributes.iter().map(|_| Slot::default()).collect())
                .collect(),
            locals: RefCell::default(),
            locals_in_progress: RefCell::default(),
            depth: Cell::new(0),
        };
        let mut variables = BTreeMap::new();
        for (name, var) in &module.variables {
            if let Some(default) = &var.default {
                variables.insert(name.clone(), literal.eval(default).marked_if(var.sensitive));
            }
        }
        for (name, expr) in &module.tfvars {
            if let Some(var) = module.variables.get(name) {
                variables.insert(name.clone(), literal.eval(expr).marked_if(var.sensitive));
            }
        }
        for (name, json) in overrides {
            if let Some(var) = module.variables.get(name.as_str()) {
                let value = Value::from_json(json).marked_if(var.sensitive);
                variables.insert(name.as_str().into(), value);
            }
        }
        Evaluator {
            variables,
            defaults,
            ..literal
        }
    }

    pub fn module(&self) -> &'m Module {
        self.module
    }

    pub fn eval(&self, expr: &Expr) -> Value {
        match &expr.kind {
            ExprKind::Null => Value::Null,
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Number(n) => Value::Number(n.clone()),
            ExprKind::String(s) => Value::String(s.clone()),
            ExprKind::Template(parts) => self.template(parts),
            ExprKind::Array(items) => Value::List(items.iter().map(|e| self.eval(e)).collect()),
            ExprKind::Object(items) => {
                let mut map = BTreeMap::new();
                for item in items {
                    let Some(key) = &item.key else {
                        return Value::Unknown;
                    };
                    map.insert(key.clone(), self.eval(&item.value));
                }
                Value::Object(map)
            }
            ExprKind::Traversal(t) => self.traversal(t),
            ExprKind::Call { name, args } => match (name.as_str(), args.as_slice()) {
                ("sensitive", [arg]) => self.eval(arg).into_sensitive(),
                ("nonsensitive", [arg]) => self.eval(arg).into_nonsensitive(),
                _ => Value::Unknown,
            },
            ExprKind::For { .. } | ExprKind::Opaque(_) => Value::Unknown,
        }
    }

    /// The value of argument `name` of the resource at `index`: as written, the provider's
    /// default when unset, or `Unknown` (computed attributes, unset arguments without default).
    pub fn resource_attribute(&self, index: usize, name: &str) -> &Value {
        let resource = &self.module.resources[index];
        match resource.body.position(name) {
            Some(position) => self.argument(index, position),
            None => self
                .defaults
                .get(resource.kind.as_str())
                .and_then(|by_name| by_name.get(name))
                .unwrap_or(&UNKNOWN),
        }
    }

    /// The value of the attribute at `position` in the body of the resource at `index`, marked
    /// where the schema says it is sensitive. Memoised; a cycle or excessive depth yields
    /// `Unknown`.
    pub fn argument(&self, index: usize, position: usize) -> &Value {
        let slot = &self.arguments[index][position];
        if let Some(value) = slot.value.get() {
            return value;
        }
        if self.depth.get() >= MAX_DEPTH || slot.busy.replace(true) {
            return &UNKNOWN;
        }
        self.depth.set(self.depth.get() + 1);
        let resource = &self.module.resources[index];
        let attr = &resource.body.attributes[position];
        let value = match schema::schemas().get(&resource.kind) {
            Some(schema) => schema.mark(&attr.name, self.eval(&attr.value)),
            None => self.eval(&attr.value),
        };
        self.depth.set(self.depth.get() - 1);
        slot.busy.set(false);
        slot.value.get_or_init(|| value)
    }

    fn template(&self, parts: &[TemplatePart]) -> Value {
        // `"${expr}"` alone yields the value of expr, whatever its type.
        if let [TemplatePart::Interpolation(e)] = parts {
            return self.eval(e);
        }
        let mut out = CompactString::default();
        let mut sensitive = false;
        for part in parts {
            match part {
                TemplatePart::Literal(s) => out.push_str(s),
                TemplatePart::Interpolation(e) => match self.eval(e).to_template_string() {
                    Some((s, marked)) => {
                        out.push_str(&s);
                        sensitive |= marked;
                    }
                    None => return Value::Unknown,
                },
            }
        }
        Value::String(out).marked_if(sensitive)
    }

    fn traversal(&self, t: &Traversal) -> Value {
        let mut steps = t.steps.iter();
        fn first_attr<'t>(steps: &mut std::slice::Iter<'t, Step>) -> Option<&'t str> {
            match steps.next() {
                Some(Step::Attr(name, _)) => Some(name.as_str()),
                _ => None,
            }
        }
        let value = match t.root.as_str() {
            "var" => match first_attr(&mut steps) {
                Some(name) => self.variables.get(name).cloned().unwrap_or(Value::Unknown),
                None => Value::Unknown,
            },
            "local" => match first_attr(&mut steps) {
                Some(name) => self.local(name),
                None => Value::Unknown,
            },
            _ => {
                let Some(index) = self.module.target(t) else {
                    return Value::Unknown;
                };
                // The resource's name.
                steps.next();
                // Skip the instance key of a `count`/`for_each` resource: every instance has the
                // same arguments, unless they use `count.index` or `each`, which are Unknown.
                match steps.clone().next() {
                    Some(Step::Index(_)) => {
                        steps.next();
                    }
                    Some(Step::Splat) => return Value::Unknown,
                    _ => {}
                }
                match first_attr(&mut steps) {
                    Some(attr) => self.resource_attribute(index, attr).clone(),
                    None => Value::Unknown,
                }
            }
        };
        steps.fold(value, |value, step| self.step(value, step))
    }

    fn step(&self, value: Value, step: &Step) -> Value {
        match step {
            Step::Attr(name, _) => value.key(name),
            Step::Index(e) => {
                // An element chosen by a sensitive key tells the key: it is marked too.
                let key = self.eval(e);
                let element = match key.unmarked() {
                    Value::Number(n) => match n.as_u64() {
                        Some(i) => value.index(i as usize),
                        None => Value::Unknown,
                    },
                    Value::String(k) => value.key(k),
                    _ => Value::Unknown,
                };
                element.marked_if(key.is_sensitive())
            }
            Step::Splat => Value::Unknown,
        }
    }

    fn local(&self, name: &str) -> Value {
        let Some((name, attr)) = self.module.locals.get_key_value(name) else {
            return Value::Unknown;
        };
        let name = name.as_str();
        if let Some(v) = self.locals.borrow().get(name) {
            return v.clone();
        }
        if self.depth.get() >= MAX_DEPTH || !self.locals_in_progress.borrow_mut().insert(name) {
            return Value::Unknown;
        }
        self.depth.set(self.depth.get() + 1);
        let value = self.eval(&attr.value);
        self.depth.set(self.depth.get() - 1);
        self.locals_in_progress.borrow_mut().remove(name);
        self.locals.borrow_mut().insert(name, value.clone());
        value
    }
}
