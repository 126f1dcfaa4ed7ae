//! Expressions as the model keeps them: the same tree for HCL and JSON sources, each node with
//! its span, so that rules can point at the narrowest piece of source.

use std::cell::OnceCell;

use compact_str::CompactString;

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
    /// A string with interpolations; directives (`%{if}`, `%{for}`) make it `Opaque`.
    Template(Vec<TemplatePart>),
    Array(Vec<Expr>),
    Object(Vec<ObjectItem>),
    Traversal(Traversal),
    Call {
        name: CompactString,
        args: Vec<Expr>,
    },
    /// A `for` expression: its children, and the names it binds (which are not references).
    For {
        bound: Vec<CompactString>,
        children: Vec<Expr>,
    },
    /// Conditionals, operators, directives: never evaluated, but their references still count.
    Opaque(Vec<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TemplatePart {
    Literal(CompactString),
    Interpolation(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectItem {
    /// `None` when the key is computed by an expression.
    pub key: Option<CompactString>,
    pub key_span: Span,
    pub value: Expr,
}

/// `root.step.step[...]`, e.g. `vault_keymgmt_key.k.name` or `var.regions[0]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Traversal {
    pub root: CompactString,
    pub steps: Vec<Step>,
    /// The resource `root.name` names, once `Module::target` has looked it up: evaluation, the
    /// graph and the reference rules each ask for most traversals, and a lookup hashes two names.
    pub(super) target: OnceCell<Option<usize>>,
}

impl Traversal {
    pub fn new(root: CompactString, steps: Vec<Step>) -> Traversal {
        Traversal {
            root,
            steps,
            target: OnceCell::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Attr(CompactString, Span),
    Index(Expr),
    Splat,
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
            (ExprKind::Call { name, args }, _) if name == "sensitive" && args.len() == 1 => {
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
                for step in &t.steps {
                    if let Step::Index(e) = step {
                        e.collect_traversals(bound, out);
                    }
                }
            }
            ExprKind::Template(parts) => {
                for part in parts {
                    if let TemplatePart::Interpolation(e) = part {
                        e.collect_traversals(bound, out);
                    }
                }
            }
            ExprKind::Array(items)
            | ExprKind::Opaque(items)
            | ExprKind::Call { args: items, .. } => {
                for e in items {
                    e.collect_traversals(bound, out);
                }
            }
            ExprKind::Object(items) => {
                for item in items {
                    item.value.collect_traversals(bound, out);
                }
            }
            ExprKind::For {
                bound: names,
                children,
            } => {
                let depth = bound.len();
                bound.extend(names.iter().map(CompactString::as_str));
                for e in children {
                    e.collect_traversals(bound, out);
                }
                bound.truncate(depth);
            }
            ExprKind::Null | ExprKind::Bool(_) | ExprKind::Number(_) | ExprKind::String(_) => {}
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
