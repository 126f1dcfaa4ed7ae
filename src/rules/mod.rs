//! The rule registry, and what every rule gets to work with.
//!
//! A rule is one file in this folder, declaring its `RULE` with `declare_rule!` (rule.rs): its
//! metadata and, in the doc comment, its documentation. The registry below lists them.

#[macro_use]
mod rule;

mod credentials_conflict;
mod credentials_incomplete;
mod distribution;
mod duplicate_distribution;
mod duplicate_name;
mod evaluation_limit;
mod hardcoded_secret;
mod invalid_expression;
mod invalid_ignore;
mod invalid_value;
mod key_collection_format;
mod key_multiple_kms;
mod key_type_unsupported;
mod missing_required_argument;
mod mixed_schema_generation;
mod module_not_followed;
mod mount_mismatch;
mod mount_type;
mod namespace_format;
mod parse_error;
mod protection_unsupported;
mod purpose_key_type;
mod replica_region_invalid;
mod replicate_no_replica_regions;
mod replicate_not_distributed;
mod replicate_ordering;
mod replicate_provider;
mod unknown_argument;
mod unknown_key;
mod unknown_kms;
mod unknown_name;
mod unresolved_reference;
mod unused_ignore;

use std::cell::OnceCell;

use crate::diagnostic::Severity;
use crate::graph::Graph;
use crate::model::eval::Evaluator;
use crate::model::{Module, PathSegment, Resource, Scope, Value};
use crate::options::Options;
use crate::redact::Suggester;
use crate::schema::{self, Schema, Violation};
use crate::source::Span;
use crate::suppress::Directive;

pub use rule::{Docs, Fixes, Inputs, Phase, Rule};

/// Every rule, in the order of the catalogue of the project's specification.
pub static RULES: &[&Rule] = &[
    &parse_error::RULE,
    &unknown_argument::RULE,
    &missing_required_argument::RULE,
    &invalid_value::RULE,
    &mixed_schema_generation::RULE,
    &evaluation_limit::RULE,
    &invalid_expression::RULE,
    &key_type_unsupported::RULE,
    &purpose_key_type::RULE,
    &protection_unsupported::RULE,
    &replicate_provider::RULE,
    &replicate_no_replica_regions::RULE,
    &replicate_not_distributed::RULE,
    &replicate_ordering::RULE,
    &replica_region_invalid::RULE,
    &credentials_conflict::RULE,
    &credentials_incomplete::RULE,
    &hardcoded_secret::RULE,
    &unresolved_reference::RULE,
    &module_not_followed::RULE,
    &unknown_kms::RULE,
    &unknown_key::RULE,
    &mount_mismatch::RULE,
    &mount_type::RULE,
    &duplicate_name::RULE,
    &duplicate_distribution::RULE,
    &key_multiple_kms::RULE,
    &key_collection_format::RULE,
    &namespace_format::RULE,
    &unused_ignore::RULE,
    &invalid_ignore::RULE,
];

/// The ignore comments of the module, and what they silenced.
pub struct Suppressions {
    pub directives: Vec<Directive>,
    /// `used[d][r]`: whether rule id `r` of directive `d` silenced at least one diagnostic.
    pub used: Vec<Vec<bool>>,
    /// The rules that ran, so that a rule switched off is not held against a comment.
    pub ran: Vec<&'static str>,
}

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

/// What a rule reports: the runner adds the rule id and severity and turns spans into ranges.
#[derive(Debug, Clone)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<(Span, String)>,
    pub resource: Option<String>,
    /// Set where one case of a rule is milder (or graver) than the rule's default severity.
    pub severity: Option<Severity>,
    pub fixes: Vec<crate::fix::Fix>,
    /// Findings like this one about the same subject that its rule counted but did not build:
    /// past [`crate::report::MAX_FINDINGS_PER_SUBJECT`] they would only be counted anyway.
    pub unlisted: usize,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Finding {
        Finding {
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
            resource: None,
            severity: None,
            fixes: Vec::new(),
            unlisted: 0,
        }
    }

    /// Adds `fix`, when there is one: a fix is offered only where the source allows it.
    pub fn fix(mut self, fix: Option<crate::fix::Fix>) -> Finding {
        self.fixes.extend(fix);
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Finding {
        self.related.push((span, message.into()));
        self
    }

    pub fn severity(mut self, severity: Severity) -> Finding {
        self.severity = Some(severity);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn about(mut self, resource: &Resource) -> Finding {
        self.resource = Some(resource.address().to_string());
        self
    }
}

pub struct Context<'m> {
    pub module: &'m Module,
    pub eval: Evaluator<'m>,
    pub options: &'m Options,
    /// Did-you-mean suggestions, within the run's budget.
    pub suggest: Suggester,
    /// The schema of each resource's type, looked up once: most rules need it for every resource.
    schemas: Vec<Option<&'static Schema>>,
    violations: OnceCell<Vec<(usize, Violation)>>,
    graph: OnceCell<Graph>,
    suppressions: OnceCell<Suppressions>,
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
            suppressions: OnceCell::new(),
        }
    }

    /// Set once the other rules have run and their diagnostics were filtered.
    pub fn suppressions(&self) -> Option<&Suppressions> {
        self.suppressions.get()
    }

    pub fn set_suppressions(&self, suppressions: Suppressions) {
        // Set once per lint run, by lint() itself.
        let _ = self.suppressions.set(suppressions);
    }

    /// Keys, KMS providers and the distributions and replications between them.
    pub fn graph(&self) -> &Graph {
        self.graph
            .get_or_init(|| Graph::build(self.module, &self.eval))
    }

    /// The value of an argument of the resource at `index` (the schema default when unset).
    pub fn value(&self, index: usize, attr: &str) -> &Value {
        self.eval.resource_attribute(index, attr)
    }

    /// The schema of the resource at `index`, if its type is one of the engine's.
    pub fn schema(&self, index: usize) -> Option<&'static Schema> {
        self.schemas[index]
    }

    pub fn resource(&self, index: usize) -> &'m Resource {
        &self.module.resources[index]
    }

    /// The span of an argument's value, or of the block header when the argument is unset.
    pub fn attr_span(&self, index: usize, attr: &str) -> Span {
        let resource = self.resource(index);
        resource
            .attribute(attr)
            .map_or(resource.header, |a| a.value.span)
    }

    /// Schema violations of every resource that has a schema, as (resource index, violation);
    /// computed once and shared by the schema rules.
    pub fn violations(&self) -> &[(usize, Violation)] {
        self.violations.get_or_init(|| {
            let mut out = Vec::new();
            for index in 0..self.module.resources.len() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_with_examples() {
        for rule in RULES {
            assert!(rule.docs.contains("## What it checks"), "{} docs", rule.id);
            assert!(rule.docs.contains("## Why"), "{} docs", rule.id);
            assert!(rule.docs.contains("## Bad"), "{} docs", rule.id);
            assert!(rule.docs.contains("## Good"), "{} docs", rule.id);
            assert_eq!(find(rule.id).map(|r| r.id), Some(rule.id));
        }
    }
}
