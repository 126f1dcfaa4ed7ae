//! What every rule gets to work with: the module, its evaluation, the options, and what several
//! rules share, computed once (schemas, violations, the graph).

use std::cell::OnceCell;

use crate::graph::Graph;
use crate::model::eval::Evaluator;
use crate::model::{Module, PathSegment, Resource, ResourceId, Scope, Value};
use crate::options::Options;
use crate::redact::Suggester;
use crate::schema::{self, Schema, Violation};
use crate::source::Span;

pub struct Context<'m> {
    pub module: &'m Module,
    pub eval: Evaluator<'m>,
    pub options: &'m Options,
    /// Did-you-mean suggestions, within the run's budget.
    pub suggest: Suggester,
    /// The schema of each resource's type, looked up once: most rules need it for every resource.
    schemas: Vec<Option<&'static Schema>>,
    violations: OnceCell<Vec<(ResourceId, Violation)>>,
    graph: OnceCell<Graph>,
}

impl<'m> Context<'m> {
    pub fn new(module: &'m Module, eval: Evaluator<'m>, options: &'m Options) -> Context<'m> {
        let schemas = module
            .resources
            .iter()
            .map(|resource| schema::schemas().get(&resource.kind))
            .collect();
        Context {
            module,
            eval,
            options,
            suggest: Suggester::default(),
            schemas,
            violations: OnceCell::new(),
            graph: OnceCell::new(),
        }
    }

    /// Keys, KMS providers and the distributions and replications between them.
    pub fn graph(&self) -> &Graph {
        self.graph
            .get_or_init(|| Graph::build(self.module, &self.eval))
    }

    /// The value of an argument of the resource at `index` (the schema default when unset).
    pub fn value(&self, index: ResourceId, attr: &str) -> &Value {
        self.eval.resource_attribute(index, attr)
    }

    /// The schema of the resource at `index`, if its type is one of the engine's.
    pub fn schema(&self, index: ResourceId) -> Option<&'static Schema> {
        self.schemas[index.index()]
    }

    pub fn resource(&self, index: ResourceId) -> &'m Resource {
        &self.module.resources[index]
    }

    /// The span of an argument's value, or of the block header when the argument is unset.
    pub fn attr_span(&self, index: ResourceId, attr: &str) -> Span {
        let resource = self.resource(index);
        resource
            .attribute(attr)
            .map_or(resource.header, |a| a.value.span)
    }

    /// Schema violations of every resource that has a schema, as (resource index, violation);
    /// computed once and shared by the schema rules.
    pub fn violations(&self) -> &[(ResourceId, Violation)] {
        self.violations.get_or_init(|| {
            let mut out = Vec::new();
            for (index, _) in self.module.each_resource() {
                if let Some(schema) = self.schema(index) {
                    out.extend(
                        schema::validate(schema, index, &self.eval)
                            .into_iter()
                            .map(|v| (index, v)),
                    );
                }
            }
            out
        })
    }

    /// What holds the expression at `span`, for the message: `The value of `name` of
    /// `vault_keymgmt_key.k``, `The value of `local.x``, `The block `type.name`` for a block
    /// header, or `This expression`.
    pub fn owner(&self, span: Span) -> String {
        let module = self.module;
        if let Some(resource) = module.resources.iter().find(|r| r.header == span) {
            return format!("The block `{}`", resource.block_address());
        }
        if let Some((resource, attr)) = module.resources.iter().find_map(|r| {
            let attr = r
                .body
                .attributes
                .iter()
                .find(|a| a.value.span.contains(span))?;
            Some((r, attr))
        }) {
            return format!("The value of `{}` of `{}`", attr.name, resource.address());
        }
        for scope in &module.scopes {
            let Some(what) = Self::owner_in_scope(scope, span) else {
                continue;
            };
            // In a called module, the address of the scope (built only for the one found: a
            // configuration may have tens of thousands); a directory called twice is found at
            // its first scope, and the findings of the two are made one.
            let address = scope.address();
            return if address.is_empty() {
                what
            } else {
                format!("{what} of `{address}`")
            };
        }
        "This expression".to_string()
    }

    fn owner_in_scope(scope: &Scope, span: Span) -> Option<String> {
        if let Some(name) = scope
            .locals
            .iter()
            .find_map(|(name, attr)| attr.value.span.contains(span).then_some(name))
        {
            return Some(format!("The value of `local.{name}`"));
        }
        if let Some(name) = scope.outputs.iter().find_map(|(name, output)| {
            let value = output.value.as_ref()?;
            value.span.contains(span).then_some(name)
        }) {
            return Some(format!("The value of `output.{name}`"));
        }
        if let Some(name) = scope.variables.iter().find_map(|(name, var)| {
            var.default
                .as_ref()
                .is_some_and(|d| d.span.contains(span))
                .then_some(name)
        }) {
            return Some(format!("The default of `var.{name}`"));
        }
        if let Some(name) = scope
            .calls
            .iter()
            .find_map(|(name, call)| (call.declared.header == span).then_some(name))
        {
            return Some(format!("The call `module.{name}`"));
        }
        scope.calls.iter().find_map(|(name, call)| {
            call.declared
                .body
                .attributes
                .iter()
                .any(|a| a.value.span.contains(span))
                .then(|| format!("An argument of `module.{name}`"))
        })
    }

    /// The narrowest span for a path inside a resource: the value itself where the source
    /// spells it out, else the nearest enclosing expression, else the block header.
    pub fn span_at(&self, resource: &Resource, path: &[PathSegment]) -> Span {
        let Some((PathSegment::Key(name), rest)) = path.split_first() else {
            return resource.header;
        };
        match resource.body.last_attribute(name) {
            Some(attr) => attr.value.locate(rest).span,
            None => resource
                .body
                .blocks
                .iter()
                .find(|b| b.kind == name)
                .map_or(resource.header, |b| b.header),
        }
    }

    /// The span of the key at the end of `path`: an argument name or a map key.
    pub fn key_span_at(&self, resource: &Resource, path: &[PathSegment]) -> Span {
        let Some((PathSegment::Key(name), rest)) = path.split_first() else {
            return resource.header;
        };
        match resource.body.last_attribute(name) {
            Some(attr) if rest.is_empty() => attr.name_span,
            Some(attr) => attr
                .value
                .locate_key(rest)
                .unwrap_or(attr.value.locate(rest).span),
            None => self.span_at(resource, path),
        }
    }
}
