//! Evaluation of expressions to values, as far as they can be known before `terraform apply`.
//!
//! As `terraform console` would before plan: literals, `var.*` (with `-var` values, tfvars or
//! defaults), `local.*` and arguments of other resources in the module are followed;
//! conditionals, operators, `for` expressions, splats, template directives and Terraform's pure
//! built-in functions are evaluated. Data sources, `count`/`each`, impure functions and anything
//! computed by a provider are `Unknown`, and an `Unknown` operand makes its result `Unknown`.
//! Cycles and runaway depth also end in `Unknown`, never in a loop.
//!
//! What Terraform would reject (a call to no function, arguments of the wrong type, an operand
//! that is not a number) is a fault: recorded at its span for the `invalid-expression` rule, and
//! `Unknown` as a value. `try` and `can` see the faults of their arguments and recover from them,
//! as Terraform's do.
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

use super::convert;
use super::expr::{For, TemplatePart};
use super::functions::{self, Failure, Lookup};
use super::operators;
use super::{Expr, ExprKind, InstanceKey, Module, Step, Traversal, Value};
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

/// Places where a limit was reached, or a fault met, that are recorded: the first hundred say
/// enough.
const MAX_RECORDED: usize = 100;

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
    /// [`super::instances::MAX_INSTANCES`], at a block with `count` or `for_each`.
    Instances,
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
    /// Names bound by the `for` expressions being evaluated, innermost last.
    scope: RefCell<Vec<(CompactString, Value)>>,
    /// Expressions Terraform would reject, with why, each place once, in the order met.
    faults: RefCell<Vec<(Span, String)>>,
    /// Faults met so far, recorded or not: how `try` and `can` see that an argument failed.
    failures: Cell<u64>,
    /// Arguments of `try` and `can` being evaluated: their faults are expected, not recorded.
    trying: Cell<u32>,
}

/// Whether a fault is Terraform's error for sure, or may come from what the linter does not
/// model (a variable's declared type adds the `optional()` attributes a value leaves out): the
/// second kind only makes `try` and `can` fall back.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Certainty {
    Sure,
    Likely,
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
            limits: RefCell::new(
                module
                    .instance_limits
                    .iter()
                    .map(|&span| (span, Limit::Instances))
                    .collect(),
            ),
            unknown: Value::Unknown,
            scope: RefCell::default(),
            faults: RefCell::default(),
            failures: Cell::new(0),
            trying: Cell::new(0),
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
        let evaluator = Evaluator {
            variables,
            defaults,
            ..literal
        };
        evaluator.evaluate_locals();
        evaluator
    }

    /// Evaluates every local, each after the locals it refers to, as Terraform orders them: a
    /// chain of locals of any length is then followed one link at a time, not by recursion.
    fn evaluate_locals(&self) {
        let locals = &self.module.locals;
        let refers_to = |name: &str| -> Vec<&'m str> {
            locals[name]
                .value
                .traversals()
                .into_iter()
                .filter(|(t, _)| t.root == "local")
                .filter_map(|(t, _)| match t.steps.first() {
                    Some(Step::Attr(dep, _)) => locals.get_key_value(dep.as_str()),
                    _ => None,
                })
                .map(|(dep, _)| dep.as_str())
                .collect()
        };
        let mut seen: HashSet<&'m str> = HashSet::default();
        for root in locals.keys() {
            if !seen.insert(root.as_str()) {
                continue;
            }
            let mut stack = vec![(root.as_str(), refers_to(root))];
            while let Some((name, deps)) = stack.last_mut() {
                match deps.pop() {
                    Some(dep) if seen.insert(dep) => {
                        let next = refers_to(dep);
                        stack.push((dep, next));
                    }
                    Some(_) => {}
                    None => {
                        let name = *name;
                        stack.pop();
                        self.local(name);
                    }
                }
            }
        }
    }

    pub fn module(&self) -> &'m Module {
        self.module
    }

    /// Where evaluation reached a limit, each place once, in the order met.
    pub fn limits(&self) -> Vec<(Span, Limit)> {
        self.limits.borrow().clone()
    }

    /// Where an expression Terraform would reject was met, and why, each place once.
    pub fn faults(&self) -> Vec<(Span, String)> {
        self.faults.borrow().clone()
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
                let mut marked = false;
                for item in items {
                    let key = match (&item.key, &item.key_expr) {
                        (Some(key), _) => key.clone(),
                        (None, Some(e)) => {
                            let key = self.eval(e);
                            if !key.is_known() {
                                return Value::Unknown;
                            }
                            marked |= key.is_sensitive();
                            match convert::to_string(&key) {
                                Ok(key) => key,
                                Err(why) => return self.fault(e.span, Certainty::Sure, why),
                            }
                        }
                        (None, None) => return Value::Unknown,
                    };
                    map.insert(key, self.eval(&item.value));
                }
                // A key computed from a secret tells the secret.
                Value::object(map).marked_if(marked)
            }
            ExprKind::Traversal(t) => self.traversal(t),
            ExprKind::Access { base, steps } => {
                let value = self.eval(base);
                self.steps(value, steps)
            }
            ExprKind::Call { name, args, expand } => self.call(expr.span, name, args, *expand),
            ExprKind::Conditional(parts) => self.conditional(parts),
            ExprKind::Unary { op, operand } => {
                let value = self.eval(operand);
                self.outcome(expr.span, operators::unary(*op, &value))
            }
            ExprKind::Binary { op, operands } => {
                let lhs = self.eval(&operands[0]);
                let rhs = self.eval(&operands[1]);
                self.outcome(expr.span, operators::binary(*op, &lhs, &rhs))
            }
            ExprKind::For(f) => self.for_expr(expr.span, f),
            ExprKind::Opaque => Value::Unknown,
        }
    }

    /// The value of an operator, or its fault.
    fn outcome(&self, span: Span, outcome: Result<Value, String>) -> Value {
        outcome.unwrap_or_else(|why| self.fault(span, Certainty::Sure, why))
    }

    /// Records that Terraform would reject the expression at `span` (unless a `try` or `can`
    /// expects it); its value is `Unknown`.
    fn fault(&self, span: Span, certainty: Certainty, why: String) -> Value {
        self.failures.set(self.failures.get() + 1);
        if certainty == Certainty::Sure && self.trying.get() == 0 {
            let mut faults = self.faults.borrow_mut();
            if faults.len() < MAX_RECORDED && !faults.iter().any(|(s, _)| *s == span) {
                faults.push((span, why));
            }
        }
        Value::Unknown
    }

    /// `f` evaluated as an expression of its own (a local, an argument): outside the `for`
    /// scopes and `try` calls of the expression that refers to it.
    fn isolated<T>(&self, f: impl FnOnce() -> T) -> T {
        let scope = self.scope.take();
        let trying = self.trying.replace(0);
        let value = f();
        self.scope.replace(scope);
        self.trying.set(trying);
        value
    }

    fn conditional(&self, [cond, then, otherwise]: &[Expr; 3]) -> Value {
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

    fn call(&self, span: Span, name: &str, args: &[Expr], expand: bool) -> Value {
        let name = name.strip_prefix("core::").unwrap_or(name);
        match (name, args) {
            ("sensitive", [arg]) if !expand => return self.eval(arg).into_sensitive(),
            ("nonsensitive", [arg]) if !expand => return self.eval(arg).into_nonsensitive(),
            ("try", _) if !args.is_empty() && !expand => return self.try_call(span, args),
            ("can", [arg]) if !expand => return self.can_call(arg),
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
    fn attempt(&self, arg: &Expr) -> Option<Value> {
        let before = self.failures.get();
        self.trying.set(self.trying.get() + 1);
        let value = self.eval(arg);
        self.trying.set(self.trying.get() - 1);
        (self.failures.get() == before).then_some(value)
    }

    /// `try(a, b, ...)`: the first argument evaluated without a fault; `Unknown` when it is not
    /// known whether one would fail.
    fn try_call(&self, span: Span, args: &[Expr]) -> Value {
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
    fn can_call(&self, arg: &Expr) -> Value {
        match self.attempt(arg) {
            Some(value) if !value.is_wholly_known() => Value::Unknown,
            Some(_) => Value::Bool(true),
            None => Value::Bool(false),
        }
    }

    /// `[for ...]` and `{for ...}`.
    fn for_expr(&self, span: Span, f: &For) -> Value {
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
        let frame = self.scope.borrow().len();
        let mut result = None;
        for (key, value) in entries {
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
                list.push(self.eval(&f.value));
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
            if f.grouping {
                groups.entry(key).or_default().push(value);
            } else if map.insert(key, value).is_some() {
                let why = "two elements have the same key; add `...` after the value to group them"
                    .into();
                result = Some(self.fault(key_expr.span, Certainty::Sure, why));
                break;
            }
        }
        self.scope.borrow_mut().truncate(frame);
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
    fn entries(&self, span: Span, collection: &Value) -> Option<Vec<(Value, Value)>> {
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
    fn bind(
        &self,
        frame: usize,
        key_var: Option<&CompactString>,
        value_var: &CompactString,
        key: Value,
        value: Value,
    ) {
        let mut scope = self.scope.borrow_mut();
        scope.truncate(frame);
        if let Some(name) = key_var {
            scope.push((name.clone(), key));
        }
        scope.push((value_var.clone(), value));
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
        if !said && limits.len() < MAX_RECORDED {
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
        let value = self.isolated(|| {
            self.bind_instance(index);
            match schema::schemas().get(&resource.kind) {
                Some(schema) => schema.mark(&attr.name, self.eval(&attr.value)),
                None => self.eval(&attr.value),
            }
        });
        slot.busy.set(false);
        slot.value.get_or_init(|| value)
    }

    /// Binds `count.index`, or `each.key` and `each.value`, of the resource at `index`, if it is
    /// an instance of a `count` or `for_each` block.
    fn bind_instance(&self, index: usize) {
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
    fn instance(&self, first: usize, steps: &mut &[Step]) -> Option<usize> {
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

    fn template(&self, span: Span, parts: &[TemplatePart]) -> Value {
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
    fn render(
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
                    let frame = self.scope.borrow().len();
                    let mut done = Some(());
                    for (key, value) in entries {
                        self.bind(frame, key_var.as_ref(), value_var, key, value);
                        done = self.render(span, body, out, sensitive);
                        if done.is_none() {
                            break;
                        }
                    }
                    self.scope.borrow_mut().truncate(frame);
                    done?;
                }
            }
        }
        Some(())
    }

    /// Appends `piece` to a template's text, within the size limit and the work budget.
    fn append(&self, span: Span, out: &mut String, piece: &str) -> Option<()> {
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

    fn traversal(&self, t: &Traversal) -> Value {
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

    /// `steps` taken into `value`, splats included: the steps after a splat apply to each
    /// element (up to the first index after an attribute-only `.*`).
    fn steps(&self, mut value: Value, steps: &[Step]) -> Value {
        let mut at = 0;
        while at < steps.len() {
            let Step::Splat { full } = &steps[at] else {
                value = self.step(value, &steps[at]);
                at += 1;
                continue;
            };
            let rest = &steps[at + 1..];
            let end = if *full {
                rest.len()
            } else {
                rest.iter()
                    .take_while(|s| matches!(s, Step::Attr(..)))
                    .count()
            };
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

    fn step(&self, value: Value, step: &Step) -> Value {
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
    fn element(&self, span: Span, value: &Value, key: &Value) -> Value {
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

    /// The value of `local.<name>`, memoised; `Unknown` when it is not declared or refers to
    /// itself.
    pub fn local(&self, name: &str) -> Value {
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
        let value = self.isolated(|| self.eval(&attr.value));
        self.locals_in_progress.borrow_mut().remove(name);
        self.locals.borrow_mut().insert(name, value.clone());
        value
    }
}
