//! Expressions as the model keeps them: the same tree for HCL and JSON sources, each node with
//! its span, so that rules can point at the narrowest piece of source.

use std::cell::Cell;

use compact_str::CompactString;

pub use hcl_edit::expr::{BinaryOperator, UnaryOperator};

use crate::source::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub span: Span,
    pub kind: ExprKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(CompactString),
    /// A string with interpolations and directives; `<<-` heredocs come already dedented and
    /// strip markers (`~`) already applied to the literals.
    Template(Vec<TemplatePart>),
    Array(Vec<Expr>),
    Object(Vec<ObjectItem>),
    Traversal(Traversal),
    /// Steps taken into the value of an expression that is not a name: `f(x)[0]`, `[a][*].b`.
    Access {
        base: Box<Expr>,
        steps: Vec<Step>,
    },
    Call {
        /// With its namespace, as written: `provider::aws::arn_parse`.
        name: CompactString,
        args: Vec<Expr>,
        /// `f(list...)`: the last argument's elements are the final arguments.
        expand: bool,
    },
    /// `cond ? then : otherwise`.
    Conditional(Box<[Expr; 3]>),
    Unary {
        op: UnaryOperator,
        operand: Box<Expr>,
    },
    Binary {
        op: BinaryOperator,
        operands: Box<[Expr; 2]>,
    },
    For(Box<For>),
    /// Source that has no value (a number beyond what a value can hold): evaluated to Unknown.
    Opaque,
}

/// `[for k, v in collection : value if cond]` or `{for k, v in collection : key => value...}`.
#[derive(Debug, Clone, PartialEq)]
pub struct For {
    pub key_var: Option<CompactString>,
    pub value_var: CompactString,
    pub collection: Expr,
    /// `Some` for an object `for`: the expression before `=>`.
    pub key: Option<Expr>,
    pub value: Expr,
    pub cond: Option<Expr>,
    /// `...` after the value: elements with the same key are grouped into a list.
    pub grouping: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Literal(CompactString),
    Interpolation(Expr),
    /// `%{ if cond }then%{ else }otherwise%{ endif }`.
    If {
        cond: Expr,
        then: Vec<TemplatePart>,
        otherwise: Vec<TemplatePart>,
    },
    /// `%{ for k, v in collection }body%{ endfor }`.
    For {
        key_var: Option<CompactString>,
        value_var: CompactString,
        collection: Expr,
        body: Vec<TemplatePart>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectItem {
    /// The key as written, `None` when it is computed by an expression.
    pub key: Option<CompactString>,
    pub key_span: Span,
    /// The expression that computes the key, when it is not written out.
    pub key_expr: Option<Expr>,
    pub value: Expr,
}

/// `root.step.step[...]`, e.g. `vault_keymgmt_key.k.name` or `var.regions[0]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Traversal {
    pub root: CompactString,
    pub steps: Vec<Step>,
    /// The resource `root.name` names, once `Module::target` has looked it up: evaluation, the
    /// graph and the reference rules each ask for most traversals, and a lookup hashes two names.
    /// Forgotten when `count` and `for_each` renumber the resources (`Module::expand`).
    pub(super) target: Cell<Option<Option<super::ResourceId>>>,
}

impl Traversal {
    pub fn new(root: CompactString, steps: Vec<Step>) -> Traversal {
        Traversal {
            root,
            steps,
            target: Cell::new(None),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Attr(CompactString, Span),
    Index(Expr),
    /// `[*]` (full) or `.*` (attribute-only): the steps after it apply to each element, up to
    /// the first index step after an attribute-only splat.
    Splat {
        full: bool,
    },
}

impl Expr {
    pub fn new(span: Span, kind: ExprKind) -> Expr {
        Expr { span, kind }
    }

    pub fn as_traversal(&self) -> Option<&Traversal> {
        match &self.kind {
            ExprKind::Traversal(t) => Some(t),
            _ => None,
        }
    }

    /// The sub-expression at `path` (object keys and array indices), as far as the source
    /// spells it out: a path into a value that came from elsewhere stops at this expression.
    pub fn locate(&self, path: &[PathSegment]) -> &Expr {
        let Some((first, rest)) = path.split_first() else {
            return self;
        };
        let child = match (&self.kind, first) {
            // A plan's sensitive value, marked where it stands.
            (ExprKind::Call { name, args, .. }, _) if name == "sensitive" && args.len() == 1 => {
                return args[0].locate(path);
            }
            (ExprKind::Array(items), PathSegment::Index(i)) => items.get(*i),
            (ExprKind::Object(items), PathSegment::Key(k)) => items
                .iter()
                .rev()
                .find(|item| item.key.as_deref() == Some(k.as_str()))
                .map(|item| &item.value),
            _ => None,
        };
        child.map_or(self, |c| c.locate(rest))
    }

    /// The key span of the object entry at `path`, for diagnostics about a key itself.
    pub fn locate_key(&self, path: &[PathSegment]) -> Option<Span> {
        let (last, parent) = path.split_last()?;
        let PathSegment::Key(key) = last else {
            return None;
        };
        match &self.locate(parent).kind {
            ExprKind::Object(items) => items
                .iter()
                .find(|item| item.key.as_deref() == Some(key.as_str()))
                .map(|item| item.key_span),
            _ => None,
        }
    }

    /// Every traversal in the expression, except names bound by an enclosing `for`.
    pub fn traversals(&self) -> Vec<(&Traversal, Span)> {
        let mut out = Vec::new();
        self.traversals_into(&mut out);
        out
    }

    /// `traversals`, appended to `out`: one buffer serves a walk over many expressions.
    pub fn traversals_into<'a>(&'a self, out: &mut Vec<(&'a Traversal, Span)>) {
        self.collect_traversals(&mut Vec::new(), out);
    }

    fn collect_traversals<'a>(
        &'a self,
        bound: &mut Vec<&'a str>,
        out: &mut Vec<(&'a Traversal, Span)>,
    ) {
        match &self.kind {
            ExprKind::Traversal(t) => {
                if !bound.contains(&t.root.as_str()) {
                    out.push((t, self.span));
                }
                steps_traversals(&t.steps, bound, out);
            }
            ExprKind::Access { base, steps } => {
                base.collect_traversals(bound, out);
                steps_traversals(steps, bound, out);
            }
            ExprKind::Template(parts) => parts_traversals(parts, bound, out),
            ExprKind::Array(items) | ExprKind::Call { args: items, .. } => {
                for e in items {
                    e.collect_traversals(bound, out);
                }
            }
            ExprKind::Object(items) => {
                for item in items {
                    if let Some(key) = &item.key_expr {
                        key.collect_traversals(bound, out);
                    }
                    item.value.collect_traversals(bound, out);
                }
            }
            ExprKind::Conditional(parts) => {
                for e in parts.iter() {
                    e.collect_traversals(bound, out);
                }
            }
            ExprKind::Binary { operands, .. } => {
                for e in operands.iter() {
                    e.collect_traversals(bound, out);
                }
            }
            ExprKind::Unary { operand, .. } => operand.collect_traversals(bound, out),
            ExprKind::For(f) => {
                // The collection is evaluated outside the `for` scope.
                f.collection.collect_traversals(bound, out);
                let depth = bound.len();
                bound.extend(f.key_var.as_deref());
                bound.push(&f.value_var);
                for e in [&f.key, &f.cond].into_iter().flatten() {
                    e.collect_traversals(bound, out);
                }
                f.value.collect_traversals(bound, out);
                bound.truncate(depth);
            }
            ExprKind::Null
            | ExprKind::Bool(_)
            | ExprKind::Number(_)
            | ExprKind::String(_)
            | ExprKind::Opaque => {}
        }
    }

    /// Whether the expression may yield `null` where its value is not known: it is `null`, or a
    /// conditional with a `null` branch.
    pub fn may_be_null(&self) -> bool {
        match &self.kind {
            ExprKind::Null => true,
            ExprKind::Conditional(parts) => parts[1].may_be_null() || parts[2].may_be_null(),
            _ => false,
        }
    }
}

fn steps_traversals<'a>(
    steps: &'a [Step],
    bound: &mut Vec<&'a str>,
    out: &mut Vec<(&'a Traversal, Span)>,
) {
    for step in steps {
        if let Step::Index(e) = step {
            e.collect_traversals(bound, out);
        }
    }
}

fn parts_traversals<'a>(
    parts: &'a [TemplatePart],
    bound: &mut Vec<&'a str>,
    out: &mut Vec<(&'a Traversal, Span)>,
) {
    for part in parts {
        match part {
            TemplatePart::Literal(_) => {}
            TemplatePart::Interpolation(e) => e.collect_traversals(bound, out),
            TemplatePart::If {
                cond,
                then,
                otherwise,
            } => {
                cond.collect_traversals(bound, out);
                parts_traversals(then, bound, out);
                parts_traversals(otherwise, bound, out);
            }
            TemplatePart::For {
                key_var,
                value_var,
                collection,
                body,
            } => {
                collection.collect_traversals(bound, out);
                let depth = bound.len();
                bound.extend(key_var.as_deref());
                bound.push(value_var);
                parts_traversals(body, bound, out);
                bound.truncate(depth);
            }
        }
    }
}

/// One step of a path into a value, as JSON pointers and schema errors spell it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSegment {
    Key(CompactString),
    Index(usize),
}

impl std::fmt::Display for PathSegment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PathSegment::Key(k) => write!(f, "{k}"),
            PathSegment::Index(i) => write!(f, "{i}"),
        }
    }
}

/// `purpose[1]`, `credentials.access_key`: a path as a Terraform user would write it.
pub fn display_path(path: &[PathSegment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            PathSegment::Key(k) if out.is_empty() => out.push_str(k),
            PathSegment::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            PathSegment::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}
