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
//!
//! Evaluation is bounded, whatever the input: nested evaluation (expressions inside expressions
//! and references followed) stops at [`MAX_EVAL_DEPTH`], a value may nest lists and maps
//! [`MAX_VALUE_DEPTH`] deep and hold [`MAX_VALUE_SIZE`] elements and string bytes, and one lint
//! run spends at most [`WORK_BUDGET`] units of work. Past a limit the value is `Unknown`, so the
//! rules that need it stay silent, and the place is recorded for the `evaluation-limit` rule.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::BTreeMap;

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt, HashSet};

use super::expr::TemplatePart;
use super::{Expr, ExprKind, Module, Step, Traversal, Value};
use crate::schema::{self, Defaults};
use crate::source::Span;

/// Evaluations in progress at once: an expression inside another, or a reference followed.
/// Deeper recursion would risk the stack, which is small in WebAssembly.
pub const MAX_EVAL_DEPTH: usize = 128;

/// How deeply lists and maps may nest in a value: every walk over a value (conversion,
/// validation, comparison, freeing) recurses this deep.
pub const MAX_VALUE_DEPTH: u32 = 64;

/// Elements and string bytes of one value (`Value::size`): 4 Mi, far beyond any real
/// configuration, and a bound on what a value can cost to build and walk.
pub const MAX_VALUE_SIZE: u64 = 4 << 20;

/// Work units one lint run may spend evaluating: one per expression evaluated, one per element
/// built and one per 64 bytes of string built.
pub const WORK_BUDGET: u64 = 64 << 20;

/// Places where a limit was reached that are recorded: the first hundred say enough.
const MAX_RECORDED_LIMITS: usize = 100;

/// Which limit an expression reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// [`MAX_EVAL_DEPTH`].
    EvalDepth,
    /// [`MAX_VALUE_DEPTH`].
    ValueDepth,
    /// [`MAX_VALUE_SIZE`].
    ValueSize,
    /// [`WORK_BUDGET`].
    Work,
}

/// The memoised value of one argument of one resource. Rules read the same arguments many
/// times: a slot per argument hands out a reference, where a map of owned values would hash the
/// name and clone the value on every read.
#[derive(Default)]
struct Slot {
    value: OnceCell<Value>,
    /// Being computed: reaching it again is a reference cycle.
    busy: Cell<bool>,
}

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
    /// Work units left of [`WORK_BUDGET`].
    work: Cell<u64>,
    /// Where a limit was reached, in the order met, each place once.
    limits: RefCell<Vec<(Span, Limit)>>,
    /// What an argument is when nothing can be known of it before `terraform apply`.
    unknown: Value,
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
            work: Cell::new(WORK_BUDGET),
            limits: RefCell::default(),
            unknown: Value::Unknown,
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
                let value = literal.checked(var.span, Value::from_json(json));
                variables.insert(name.as_str().into(), value.marked_if(var.sensitive));
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

    /// Where evaluation reached a limit, each place once, in the order met.
    pub fn limits(&self) -> Vec<(Span, Limit)> {
        self.limits.borrow().clone()
    }

    pub fn eval(&self, expr: &Expr) -> Value {
        if self.depth.get() >= MAX_EVAL_DEPTH {
            return self.reached(expr.span, Limit::EvalDepth);
        }
        if !self.spend(1) {
            return self.reached(expr.span, Limit::Work);
        }
        self.depth.set(self.depth.get() + 1);
        let value = self.eval_kind(expr);
        self.depth.set(self.depth.get() - 1);
        self.checked(expr.span, value)
    }

    fn eval_kind(&self, expr: &Expr) -> Value {
        match &expr.kind {
            ExprKind::Null => Value::Null,
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Number(n) => Value::Number(n.clone()),
            ExprKind::String(s) => Value::String(s.clone()),
            ExprKind::Template(parts) => self.template(expr.span, parts),
            ExprKind::Array(items) => {
                if !self.spend(items.len() as u64) {
                    return self.reached(expr.span, Limit::Work);
                }
                Value::list(items.iter().map(|e| self.eval(e)).collect())
            }
            ExprKind::Object(items) => {
                if !self.spend(items.len() as u64) {
                    return self.reached(expr.span, Limit::Work);
                }
                let mut map = BTreeMap::new();
                for item in items {
                    let Some(key) = &item.key else {
                        return Value::Unknown;
                    };
                    map.insert(key.clone(), self.eval(&item.value));
                }
                Value::object(map)
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

    /// The one gate every evaluated value passes: too deep or too large is `Unknown`.
    fn checked(&self, span: Span, value: Value) -> Value {
        if value.depth() > MAX_VALUE_DEPTH {
            self.reached(span, Limit::ValueDepth)
        } else if value.size() > MAX_VALUE_SIZE {
            self.reached(span, Limit::ValueSize)
        } else {
            value
        }
    }

    /// Takes `units` of work, or says the budget is spent.
    fn spend(&self, units: u64) -> bool {
        match self.work.get().checked_sub(units) {
            Some(left) => {
                self.work.set(left);
                true
            }
            None => {
                self.work.set(0);
                false
            }
        }
    }

    /// Records that the expression at `span` reached `limit`; its value is `Unknown`.
    fn reached(&self, span: Span, limit: Limit) -> Value {
        let mut limits = self.limits.borrow_mut();
        // Once the budget is spent every later expression would say so: the first one does.
        let said = limits
            .iter()
            .any(|&(s, l)| s == span || (l == Limit::Work && limit == Limit::Work));
        if !said && limits.len() < MAX_RECORDED_LIMITS {
            limits.push((span, limit));
        }
        Value::Unknown
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
                .unwrap_or(&self.unknown),
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
        if slot.busy.replace(true) {
            return &self.unknown;
        }
        let resource = &self.module.resources[index];
        let attr = &resource.body.attributes[position];
        let value = match schema::schemas().get(&resource.kind) {
            Some(schema) => schema.mark(&attr.name, self.eval(&attr.value)),
            None => self.eval(&attr.value),
        };
        slot.busy.set(false);
        slot.value.get_or_init(|| value)
    }

    fn template(&self, span: Span, parts: &[TemplatePart]) -> Value {
        // `"${expr}"` alone yields the value of expr, whatever its type.
        if let [TemplatePart::Interpolation(e)] = parts {
            return self.eval(e);
        }
        let mut out = CompactString::default();
        let mut sensitive = false;
        for part in parts {
            let piece = match part {
                TemplatePart::Literal(s) => s.clone(),
                TemplatePart::Interpolation(e) => match self.eval(e).to_template_string() {
                    Some((s, marked)) => {
                        sensitive |= marked;
                        s
                    }
                    None => return Value::Unknown,
                },
            };
            // Checked before it is copied: doubling templates grow exponentially.
            if (out.len() + piece.len()) as u64 >= MAX_VALUE_SIZE {
                return self.reached(span, Limit::ValueSize);
            }
            if !self.spend(piece.len() as u64 / 64) {
                return self.reached(span, Limit::Work);
            }
            out.push_str(&piece);
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
        if !self.locals_in_progress.borrow_mut().insert(name) {
            return Value::Unknown;
        }
        let value = self.eval(&attr.value);
        self.locals_in_progress.borrow_mut().remove(name);
        self.locals.borrow_mut().insert(name, value.clone());
        value
    }
}
