//! Evaluation of expressions to values, as far as they can be known before `terraform apply`.
//!
//! As `terraform console` would before plan: literals, `var.*` (in a root module `-var` values,
//! tfvars or defaults; in a called one the call's arguments or defaults), `local.*`, outputs of
//! called modules (`module.m.out`) and arguments of other resources in the module are followed;
//! conditionals, operators, `for` expressions, splats, template directives and Terraform's pure
//! built-in functions are evaluated. Every expression is evaluated in the module instance (the
//! [`Scope`]) it belongs to. Data sources, impure functions and anything computed by a provider
//! are `Unknown`, and an `Unknown` operand makes its result `Unknown`. Cycles and runaway depth
//! also end in `Unknown`, never in a loop.
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

mod calls;
mod expressions;
mod files;
#[cfg(test)]
mod files_tests;
mod references;
#[cfg(test)]
mod tests;

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet};

use compact_str::CompactString;
use foldhash::{HashMap, HashSet};

use super::constraint::Constraint;
use super::convert;
use super::modules::Output;
use super::operators;
use super::{Expr, ExprKind, Instance, Module, ResourceId, Step, Value, Variable};
use crate::schema::{self, Defaults};
use crate::source::Span;

/// Evaluations in progress at once: an expression inside another, or a reference followed.
/// Deeper recursion would risk the stack, which is small in WebAssembly.
pub const MAX_EVAL_DEPTH: usize = 128;

/// How deeply lists and maps may nest in a value: every walk over a value (conversion,
/// validation, comparison, freeing) recurses this deep.
pub const MAX_VALUE_DEPTH: u32 = 64;

/// Elements and string bytes of one value (`Value::size`): 2 Mi, far beyond any real
/// configuration, and a bound on what a value can cost to build and walk.
pub const MAX_VALUE_SIZE: u64 = 2 << 20;

/// Work units one lint run may spend evaluating: one per expression evaluated, one per element
/// built and one per 64 bytes of string built: the bound on evaluation time, sized so that
/// spending it all stays within the time goal for hostile inputs (bench/cli/hostile.mjs; figures in
/// docs/robustness.md).
pub const WORK_BUDGET: u64 = 16 << 20;

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
    /// [`super::instances::MAX_INSTANCES`], at a block with `count` or `for_each`, or a
    /// module call.
    Instances,
    /// [`super::modules::MAX_MODULE_DEPTH`], at a module call.
    ModuleDepth,
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
    /// `-var` style values of root module variables: they win over tfvars, which win over
    /// defaults.
    overrides: HashMap<CompactString, Value>,
    /// `TF_VAR_` texts of root module variables: they lose to tfvars, and win over defaults.
    environment: HashMap<CompactString, String>,
    /// Root module variable values from tfvars files, the last one given for each.
    tfvars: HashMap<&'m str, &'m Expr>,
    /// Values a provider assumes for unset arguments.
    defaults: Defaults,
    /// `arguments[resource][position]`, positions as in the resource body's attributes.
    arguments: Vec<Box<[Slot]>>,
    /// Variables, locals and outputs by scope and name, memoised; being computed while in
    /// `busy` (reaching one again is a cycle).
    named: RefCell<HashMap<(Named, usize, &'m str), Value>>,
    busy: RefCell<HashSet<(Named, usize, &'m str)>>,
    /// The module instance whose expression is being evaluated: where names are looked up.
    current: Cell<usize>,
    depth: Cell<usize>,
    /// Work units left of [`WORK_BUDGET`].
    work: Cell<u64>,
    /// Where a limit was reached, in the order met, each place once.
    limits: RefCell<Vec<(Span, Limit)>>,
    /// What an argument is when nothing can be known of it before `terraform apply`.
    unknown: Value,
    /// Names bound by `count`, `each` and the `for` expressions being evaluated, innermost last.
    bindings: RefCell<Vec<(CompactString, Value)>>,
    /// Expressions Terraform would reject, with why, each place once, in the order met.
    faults: RefCell<Vec<(Span, String)>>,
    /// Faults met so far, recorded or not: how `try` and `can` see that an argument failed.
    failures: Cell<u64>,
    /// Arguments of `try` and `can` being evaluated: their faults are expected, not recorded.
    trying: Cell<u32>,
    /// Every file given, by its normalised path: what the filesystem functions read.
    file_index: OnceCell<HashMap<String, usize>>,
    /// Files the filesystem functions asked for that were not given.
    missing_files: RefCell<BTreeSet<String>>,
    /// Templates of `templatefile`, parsed once, by file.
    templates: RefCell<HashMap<usize, std::rc::Rc<Expr>>>,
    /// Whether a resource block with `count` or `for_each` was read before it was expanded:
    /// what was read of it may change once it is (see `instances::plan`).
    read_unexpanded: Cell<bool>,
}

/// The kinds of names a module instance gives values to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Named {
    Variable,
    Local,
    Output,
    /// A resource block expanded by `count` or `for_each`, as a whole: keyed by its first
    /// instance's position and its name.
    Instances,
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
        Evaluator::with_budget(module, overrides, defaults, WORK_BUDGET)
    }

    /// The same evaluator, with the `TF_VAR_` texts of root module variables.
    pub fn with_environment(mut self, environment: &BTreeMap<String, String>) -> Evaluator<'m> {
        self.environment = environment
            .iter()
            .map(|(name, text)| (name.as_str().into(), text.clone()))
            .collect();
        self
    }

    /// An evaluator that may spend `work` units: what an earlier one of the same lint run left.
    pub fn with_budget(
        module: &'m Module,
        overrides: &BTreeMap<String, serde_json::Value>,
        defaults: Defaults,
        work: u64,
    ) -> Evaluator<'m> {
        let evaluator = Evaluator {
            module,
            overrides: overrides
                .iter()
                .map(|(name, json)| (name.as_str().into(), Value::from_json(json)))
                .collect(),
            environment: HashMap::default(),
            tfvars: module
                .tfvars
                .iter()
                .map(|(name, expr)| (name.as_str(), expr))
                .collect(),
            defaults,
            arguments: module
                .resources
                .iter()
                .map(|r| r.body.attributes.iter().map(|_| Slot::default()).collect())
                .collect(),
            named: RefCell::default(),
            busy: RefCell::default(),
            current: Cell::new(0),
            depth: Cell::new(0),
            work: Cell::new(work),
            limits: RefCell::new(module.limits.clone()),
            unknown: Value::Unknown,
            bindings: RefCell::default(),
            faults: RefCell::default(),
            failures: Cell::new(0),
            trying: Cell::new(0),
            file_index: OnceCell::new(),
            missing_files: RefCell::default(),
            templates: RefCell::default(),
            read_unexpanded: Cell::new(false),
        };
        evaluator.evaluate_locals();
        evaluator
    }

    /// The value of `expr`, an expression of the module instance `scope`.
    pub fn eval_in(&self, scope: usize, expr: &Expr) -> Value {
        self.within(scope, None, || self.eval(expr))
    }

    /// Whether what was evaluated read a resource block with `count` or `for_each` that is not
    /// expanded: its value may differ once the block is.
    pub fn read_unexpanded_blocks(&self) -> bool {
        self.read_unexpanded.get()
    }

    /// The work units left: what a later evaluator of the same lint run may spend.
    pub fn work_left(&self) -> u64 {
        self.work.get()
    }

    /// Evaluates every local, each after the locals of its scope it refers to, as Terraform
    /// orders them: a chain of locals of any length is then followed one link at a time, not by
    /// recursion.
    fn evaluate_locals(&self) {
        for (scope, declared) in self.module.scopes.iter().enumerate() {
            let locals = &declared.locals;
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
                            self.local(scope, name);
                        }
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

    /// `f` evaluated as an expression of its own (a local, an argument) of the module instance
    /// `scope`, with `count` or `each` of `instance` bound: outside the `for` expressions and
    /// `try` calls of the expression that refers to it.
    fn within<T>(&self, scope: usize, instance: Option<&Instance>, f: impl FnOnce() -> T) -> T {
        let bindings = self.bindings.take();
        let trying = self.trying.replace(0);
        let current = self.current.replace(scope);
        if let Some(instance) = instance {
            self.bind_instance(instance);
        }
        let value = f();
        self.bindings.replace(bindings);
        self.trying.set(trying);
        self.current.set(current);
        value
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
    pub fn resource_attribute(&self, index: ResourceId, name: &str) -> &Value {
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
    pub fn argument(&self, index: ResourceId, position: usize) -> &Value {
        let slot = &self.arguments[index.index()][position];
        if let Some(value) = slot.value.get() {
            return value;
        }
        if slot.busy.replace(true) {
            return &self.unknown;
        }
        let resource = &self.module.resources[index];
        let attr = &resource.body.attributes[position];
        let value =
            self.within(
                resource.scope,
                resource.instance.as_ref(),
                || match schema::schemas().get(&resource.kind) {
                    Some(schema) => schema.mark(&attr.name, self.eval(&attr.value)),
                    None => self.eval(&attr.value),
                },
            );
        slot.busy.set(false);
        slot.value.get_or_init(|| value)
    }

    /// The value of `local.<name>` in `scope`; `Unknown` when it is not declared or refers to
    /// itself.
    pub fn local(&self, scope: usize, name: &str) -> Value {
        let Some((name, attr)) = self.module.scopes[scope].locals.get_key_value(name) else {
            return Value::Unknown;
        };
        self.named(Named::Local, scope, name, || {
            self.within(scope, None, || self.eval(&attr.value))
        })
    }

    /// The value of `var.<name>` in `scope`; `Unknown` when it is not declared, or has neither
    /// a value nor a default.
    pub fn variable(&self, scope: usize, name: &str) -> Value {
        let Some((name, var)) = self.module.scopes[scope].variables.get_key_value(name) else {
            return Value::Unknown;
        };
        self.named(Named::Variable, scope, name, || {
            self.variable_value(scope, var)
        })
    }

    /// The value of the output `name` of the module instance `scope`.
    pub fn output(&self, scope: usize, name: &str) -> Value {
        let Some((name, output)) = self.module.scopes[scope].outputs.get_key_value(name) else {
            return Value::Unknown;
        };
        self.named(Named::Output, scope, name, || {
            self.output_value(scope, output)
        })
    }

    fn output_value(&self, scope: usize, output: &'m Output) -> Value {
        let Some(value) = &output.value else {
            return Value::Unknown;
        };
        self.within(scope, None, || self.eval(value))
            .marked_if(output.sensitive)
    }

    /// A variable's value: in a root module from `-var`, tfvars or its default; in a called
    /// module from the call's argument, evaluated in the caller with the call's instance bound,
    /// or its default. A `null` given to a variable with `nullable = false` is its default.
    /// The value is converted to the variable's type, as Terraform converts it before anything
    /// reads it; what does not convert is a fault at the expression that gave it.
    fn variable_value(&self, scope: usize, var: &'m Variable) -> Value {
        let declared = &self.module.scopes[scope];
        let name = var.name.as_str();
        let given = match declared.parent {
            Some(_) => {
                self.module
                    .caller_argument(scope, name)
                    .map(|(parent, instance, argument)| {
                        let value = self.within(parent, instance, || self.eval(&argument.value));
                        (argument.value.span, value)
                    })
            }
            None => match (self.overrides.get(name), self.tfvars.get(name)) {
                (Some(value), _) => Some((var.span, self.checked(var.span, value.clone()))),
                (None, Some(expr)) => {
                    Some((expr.span, self.within(scope, None, || self.eval(expr))))
                }
                (None, None) => self
                    .environment
                    .get(name)
                    .map(|text| (var.span, self.environment_value(scope, var, text))),
            },
        };
        let given = given.filter(|(_, value)| var.nullable || !matches!(value, Value::Null));
        let (span, value, given) = match (given, &var.default) {
            (Some((span, value)), _) => (span, value, true),
            (None, Some(default)) => (
                default.span,
                self.within(scope, None, || self.eval(default)),
                false,
            ),
            (None, None) => return Value::Unknown,
        };
        let value = self
            .typed(scope, var.constraint.as_ref(), span, value)
            .unwrap_or_else(|why| {
                // Terraform's words for each case.
                let why = match given {
                    true => format!("the given value is not suitable for `var.{name}`: {why}"),
                    false => format!(
                        "this default value is not compatible with the variable's type constraint: {why}"
                    ),
                };
                self.fault(span, Certainty::Sure, why)
            });
        value.marked_if(var.sensitive)
    }

    /// The value of `TF_VAR_<name>`: the text itself for a variable with no type or a
    /// primitive one, else the HCL expression it holds, as Terraform reads it. The text is not
    /// quoted when it does not parse: the variable may be sensitive.
    fn environment_value(&self, scope: usize, var: &Variable, text: &str) -> Value {
        let literal = matches!(
            var.constraint,
            None | Some(Constraint::String | Constraint::Number | Constraint::Bool)
        );
        if literal {
            return self.checked(var.span, Value::String(text.into()));
        }
        match crate::parse::parse_expression(text, var.span) {
            Ok(expr) => self.within(scope, None, || self.eval(&expr)),
            Err(_) => self.fault(
                var.span,
                Certainty::Sure,
                format!(
                    "the environment variable `TF_VAR_{}` does not hold a valid expression for its type",
                    var.name
                ),
            ),
        }
    }

    /// `value` converted to the type of the variable it is given to, `optional()` defaults
    /// evaluated in its module instance `scope`.
    fn typed(
        &self,
        scope: usize,
        constraint: Option<&Constraint>,
        span: Span,
        value: Value,
    ) -> Result<Value, String> {
        let Some(constraint) = constraint.filter(|c| **c != Constraint::Any) else {
            return Ok(value);
        };
        if !self.spend(value.size()) {
            return Ok(self.reached(span, Limit::Work));
        }
        let default = |expr: &Expr| self.within(scope, None, || self.eval(expr));
        let converted = constraint.convert(value, &default)?;
        Ok(self.checked(span, converted))
    }

    /// The memoised value of a variable, local or output, computed by `compute` the first time;
    /// `Unknown` when reached again while being computed.
    fn named(
        &self,
        kind: Named,
        scope: usize,
        name: &'m CompactString,
        compute: impl FnOnce() -> Value,
    ) -> Value {
        let key = (kind, scope, name.as_str());
        if let Some(value) = self.named.borrow().get(&key) {
            return value.clone();
        }
        if !self.busy.borrow_mut().insert(key) {
            return Value::Unknown;
        }
        let value = compute();
        self.busy.borrow_mut().remove(&key);
        self.named.borrow_mut().insert(key, value.clone());
        value
    }
}
