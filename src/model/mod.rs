//! The module model: what the files of one Terraform module declare, with spans.

pub mod eval;
pub mod expr;
pub mod value;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

pub use expr::{Expr, ExprKind, PathSegment, Step, Traversal};
pub use value::Value;

use crate::source::{File, Span};

/// Arguments Terraform itself reads on every resource; no provider schema lists them.
pub const META_ARGUMENTS: &[&str] = &[
    "count",
    "for_each",
    "depends_on",
    "provider",
    "lifecycle",
    "provisioner",
    "connection",
];

/// The meta-arguments that are written as nested blocks.
pub const META_BLOCKS: &[&str] = &["lifecycle", "provisioner", "connection"];

#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub name_span: Span,
    pub value: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    /// The whole block.
    pub span: Span,
    /// The block type and labels: what a diagnostic about the block as a whole points at.
    pub header: Span,
    pub body: Body,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Body {
    pub attributes: Vec<Attribute>,
    pub blocks: Vec<Block>,
}

impl Body {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub kind: String,
    pub name: String,
    pub span: Span,
    pub header: Span,
    pub body: Body,
}

impl Resource {
    /// `type.name`, as Terraform addresses the resource.
    pub fn address(&self) -> String {
        format!("{}.{}", self.kind, self.name)
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.body.attribute(name)
    }

    /// The attributes the provider reads, without Terraform's meta-arguments.
    pub fn arguments(&self) -> impl Iterator<Item = &Attribute> {
        self.body
            .attributes
            .iter()
            .filter(|a| !META_ARGUMENTS.contains(&a.name.as_str()))
    }

    /// Nested blocks that are not meta-argument blocks (`lifecycle`, `provisioner`, ...).
    pub fn argument_blocks(&self) -> impl Iterator<Item = &Block> {
        self.body
            .blocks
            .iter()
            .filter(|b| !META_ARGUMENTS.contains(&b.kind.as_str()))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    pub name: String,
    pub span: Span,
    pub default: Option<Expr>,
    pub sensitive: bool,
}

/// A problem found while reading the files, reported by the `parse-error` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Module {
    pub files: Vec<File>,
    pub resources: Vec<Resource>,
    pub variables: BTreeMap<String, Variable>,
    pub locals: BTreeMap<String, Attribute>,
    /// `type.name` of each data source.
    pub data_sources: BTreeSet<String>,
    pub module_calls: BTreeSet<String>,
    /// Variable values from `.tfvars` files, in the order given (a later one wins).
    pub tfvars: Vec<(String, Expr)>,
    pub problems: Vec<Problem>,
    /// Every block and argument of the native-syntax files: what an ignore comment attaches to.
    pub structures: Vec<Span>,
    by_address: HashMap<(String, String), usize>,
    resource_types: HashSet<String>,
}

impl Module {
    pub fn add_resource(&mut self, resource: Resource) {
        let key = (resource.kind.clone(), resource.name.clone());
        if let Some(&first) = self.by_address.get(&key) {
            let first = &self.resources[first];
            self.problems.push(Problem {
                span: resource.header,
                message: format!(
                    "duplicate resource `{}`: it is already declared in {}",
                    resource.address(),
                    self.files[first.span.file].path
                ),
            });
            return;
        }
        self.resource_types.insert(resource.kind.clone());
        self.by_address.insert(key, self.resources.len());
        self.resources.push(resource);
    }

    pub fn resource(&self, kind: &str, name: &str) -> Option<&Resource> {
        self.by_address
            .get(&(kind.to_string(), name.to_string()))
            .map(|&i| &self.resources[i])
    }

    pub fn resource_index(&self, kind: &str, name: &str) -> Option<usize> {
        self.by_address
            .get(&(kind.to_string(), name.to_string()))
            .copied()
    }

    pub fn has_resource_type(&self, kind: &str) -> bool {
        self.resource_types.contains(kind)
    }

    pub fn file(&self, span: Span) -> &File {
        &self.files[span.file]
    }
}
