use super::{Context, Finding};
use crate::model::modules::Call;
use crate::model::pin;
use crate::model::{Body, Expr, ExprKind, Module, PathSegment, ResourceId, Scope, Step, Traversal};
use crate::redact::Suggester;
use crate::schema::{schemas, Schema};
use crate::source::Span;
use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt};

declare_rule! {
    /// ## What it checks
    ///
    /// That every reference in the module names something the module declares: `var.X` a
    /// `variable "X"` block, `local.X` a local value, `data.T.N` a `data "T" "N"` block,
    /// `module.M` a `module "M"` call, and `T.N` (or `resource.T.N`) a `resource "T" "N"` block.
    /// A bare name such as `foo`, which is none of these, is reported too. A misspelt name gets the
    /// closest declared name of its kind as a suggestion.
    ///
    /// It reads the arguments of every resource (not only the keymgmt ones), including `count`,
    /// `for_each` and `depends_on`, the arguments of ordinary nested blocks, and the values in
    /// `locals` blocks. It does not read `provider` (a provider configuration address such as
    /// `aws.west`, not a reference), `lifecycle` (`ignore_changes` holds bare argument names),
    /// `provisioner` and `connection` (where `self` and provisioner-specific names apply), nor
    /// `dynamic` blocks (whose iterator, e.g. `setting.value`, is a name of their own). Names bound
    /// by a `for` expression are not references. The roots `path`, `terraform`, `count`, `each`,
    /// `self` and `ephemeral` (Terraform 1.10 ephemeral resources, which the linter does not model)
    /// are never reported.
    ///
    /// A reference to a declared keymgmt resource is also reported when it names an attribute that
    /// only the other generation of the provider's schema has. A resource that sets `mount` is a
    /// provider 5.x resource, which has no `id`, `uuid`, `region` or `key_id` attribute (nor
    /// `path`): `vault_keymgmt_key.k.id` is then an "Unsupported attribute". A resource that sets
    /// `path` is of the early generation, for which `id` and the like are valid computed
    /// attributes, and `latest_version` (a provider 5.x attribute) and `mount` are not. A resource
    /// that sets neither or both is not judged.
    ///
    /// ## Why it matters
    ///
    /// Terraform refuses to plan a module with a reference to an undeclared variable, local value,
    /// resource, data source or module ("Reference to undeclared input variable", "Reference to
    /// undeclared resource"), or to an attribute the resource type does not have ("Unsupported
    /// attribute"). The released provider (hashicorp/terraform-provider-vault 5.11.0,
    /// `internal/vault/keymgmt/*.go`, and its pages `website/docs/r/keymgmt_*.html.md`) declares
    /// `mount` and, as computed attributes, only `latest_version` (keys) and `versions`; it has no
    /// `id`. A keymgmt resource that names its key or KMS provider through a misspelt reference also
    /// loses the link the other rules of this linter walk.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   mount          = vault_mount.keymgmt.path
    ///   name           = "aws"
    ///   key_collection = "us-east-1"
    /// }
    ///
    /// resource "vault_keymgmt_key" "encryption_key" {
    ///   mount = vault_mount.keymgmt.path
    ///   name  = "app-key"
    ///   type  = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "aws_dist" {
    ///   mount    = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.encrytion_key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    ///
    /// resource "vault_keymgmt_key" "released" {
    ///   mount = vault_mount.keymgmt.path
    ///   name  = "released-key"
    ///   type  = "aes256-gcm96"
    /// }
    ///
    /// locals {
    ///   released_key_id = vault_keymgmt_key.released.id
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_mount" "keymgmt" {
    ///   path = "keymgmt"
    ///   type = "keymgmt"
    /// }
    ///
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   mount          = vault_mount.keymgmt.path
    ///   name           = "aws"
    ///   key_collection = "us-east-1"
    /// }
    ///
    /// resource "vault_keymgmt_key" "encryption_key" {
    ///   mount = vault_mount.keymgmt.path
    ///   name  = "app-key"
    ///   type  = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "aws_dist" {
    ///   mount    = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.encryption_key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    ///
    /// resource "vault_keymgmt_key" "released" {
    ///   mount = vault_mount.keymgmt.path
    ///   name  = "released-key"
    ///   type  = "aes256-gcm96"
    /// }
    ///
    /// locals {
    ///   released_key_version = vault_keymgmt_key.released.latest_version
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Terraform, <https://developer.hashicorp.com/terraform/language/expressions/references>.
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): the schemas in `internal/vault/keymgmt/*.go`, and "Attributes Reference" in
    ///   `website/docs/r/keymgmt_*.html.md`.
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_*.html.md` of an unreleased development branch), "Attributes
    ///   Reference": `id`, `key_id`, ...
    pub static RULE = {
        id: "unresolved-reference",
        name: "Unresolved reference",
        severity: Error,
        summary: "A reference to a variable, local value, resource, data source or module that the module does not declare, or to an attribute the resource does not have.",
        fixes: None,
        inputs: Configuration,
        phase: Checks,
        check,
    }
}

/// Roots Terraform defines itself, or that name objects the linter does not model.
const UNCHECKED_ROOTS: &[&str] = &["path", "terraform", "count", "each", "self", "ephemeral"];

/// Prefixes a misspelt root may have meant.
const PREFIXES: &[&str] = &["var", "local", "data", "module"];

/// Resource arguments and nested blocks whose contents are not references of the module.
const SKIPPED: &[&str] = &[
    "provider",
    "lifecycle",
    "provisioner",
    "connection",
    "dynamic",
];

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let module = ctx.module;
    // Buffers for every resource: most have a handful of references, and one allocation per
    // resource and expression showed in the profile.
    let mut sensitive_spans: Vec<(&str, Span)> = Vec::new();
    let mut exprs = Vec::new();
    let mut found = Vec::new();
    // Locals (by scope and name) whose value reaches a sensitive argument, with one such
    // argument.
    let mut feeding: HashMap<(usize, &str), &str> = HashMap::new();
    let mut pending: Vec<(usize, &str, &str)> = Vec::new();
    for (index, resource) in module.each_resource() {
        sensitive_spans.clear();
        if let Some(schema) = ctx.schema(index) {
            sensitive_values(schema, &resource.body, &mut sensitive_spans);
        }
        exprs.clear();
        body_exprs(&resource.body, &mut exprs);
        found.clear();
        for expr in &exprs {
            traversals(expr, &mut found);
        }
        let owner = resource.address();
        let scope = resource.scope;
        for &(traversal, span) in &found {
            let in_sensitive = sensitive_spans
                .iter()
                .find(|(_, outer)| outer.contains(span));
            if let (Some(&(argument, _)), "local", Some((name, _))) = (
                in_sensitive,
                traversal.root.as_str(),
                attr(traversal.steps.first()),
            ) {
                pending.push((scope, name, argument));
            }
            let Some(finding) = unresolved(module, scope, &ctx.suggest, traversal, span, owner)
            else {
                continue;
            };
            // In a sensitive argument, a name that is no reference at all (`secret_key =
            // AKIA...`) is most likely a secret written without quotes: the finding names
            // the argument, never the word.
            let finding = match in_sensitive {
                Some((argument, _)) if !PREFIXES.contains(&traversal.root.as_str()) => {
                    sensitive(owner, argument, span)
                }
                _ => finding,
            };
            out.push(finding.about(resource));
        }
    }
    // Each local is followed once, however many paths lead to it.
    while let Some((scope, name, argument)) = pending.pop() {
        let Some((name, local)) = module.scopes[scope].locals.get_key_value(name) else {
            continue;
        };
        if feeding.insert((scope, name.as_str()), argument).is_some() {
            continue;
        }
        for (traversal, _) in local.value.traversals() {
            if let ("local", Some((next, _))) =
                (traversal.root.as_str(), attr(traversal.steps.first()))
            {
                pending.push((scope, next, argument));
            }
        }
    }
    for (index, scope) in module.scopes.iter().enumerate() {
        let prefix = &scope.prefix;
        let mut check = |owner: &str, expr: &Expr, feeds: Option<&str>| {
            for (traversal, span) in expr.traversals() {
                let Some(finding) = unresolved(module, index, &ctx.suggest, traversal, span, owner)
                else {
                    continue;
                };
                out.push(match feeds {
                    Some(argument) if !PREFIXES.contains(&traversal.root.as_str()) => {
                        sensitive(owner, argument, span)
                    }
                    _ => finding,
                });
            }
        };
        for (name, local) in &scope.locals {
            let feeds = feeding.get(&(index, name.as_str())).copied();
            check(&format!("{prefix}local.{name}"), &local.value, feeds);
        }
        for (name, output) in &scope.outputs {
            if let Some(value) = &output.value {
                check(&format!("{prefix}output.{name}"), value, None);
            }
        }
        for (name, call) in &scope.calls {
            let owner = format!("{prefix}module.{name}");
            for argument in &call.declared.body.attributes {
                if argument.name != "providers" {
                    check(&owner, &argument.value, None);
                }
            }
        }
    }
}

/// The values of `body` that the schema marks sensitive, with the argument each belongs to:
/// whole arguments (`secret_key`), and the sensitive entries of a map written out
/// (`credentials = { secret_key = ... }`).
fn sensitive_values<'a>(schema: &Schema, body: &'a Body, out: &mut Vec<(&'a str, Span)>) {
    for attr in &body.attributes {
        if schema.is_sensitive_argument(&attr.name) {
            out.push((attr.name.as_str(), attr.value.span));
        } else if let ExprKind::Object(items) = &attr.value.kind {
            for item in items {
                let Some(key) = &item.key else { continue };
                let path = [
                    PathSegment::Key(attr.name.clone()),
                    PathSegment::Key(key.clone()),
                ];
                if schema.is_sensitive(&path) {
                    out.push((attr.name.as_str(), item.value.span));
                }
            }
        }
    }
}

/// The expressions of a resource body that hold references of the module.
fn body_exprs<'a>(body: &'a Body, out: &mut Vec<&'a Expr>) {
    out.extend(
        body.attributes
            .iter()
            .filter(|a| !SKIPPED.contains(&a.name.as_str()))
            .map(|a| &a.value),
    );
    for block in &body.blocks {
        if !SKIPPED.contains(&block.kind.as_str()) {
            body_exprs(&block.body, out);
        }
    }
}

/// The traversals of an argument value, appended to `out`. In JSON syntax nested blocks arrive
/// as objects, so an object entry named `dynamic` is skipped as the block would be.
fn traversals<'a>(expr: &'a Expr, out: &mut Vec<(&'a Traversal, Span)>) {
    match &expr.kind {
        ExprKind::Object(items) => {
            for item in items {
                if item.key.as_deref() != Some("dynamic") {
                    traversals(&item.value, out);
                }
            }
        }
        _ => expr.traversals_into(out),
    }
}

/// The name a step gives, with where it ends.
fn attr(step: Option<&Step>) -> Option<(&str, Span)> {
    match step {
        Some(Step::Attr(name, span)) => Some((name.as_str(), *span)),
        _ => None,
    }
}

/// From the start of the traversal to the end of the step that names the missing thing.
fn through(span: Span, end: Span) -> Span {
    if end.file == span.file && span.start < end.end && end.end <= span.end {
        Span {
            end: end.end,
            ..span
        }
    } else {
        span
    }
}

fn did_you_mean(candidate: Option<String>) -> Option<String> {
    candidate.map(|c| format!("Did you mean `{c}`?"))
}

fn unresolved(
    module: &Module,
    scope_index: usize,
    suggest: &Suggester,
    t: &Traversal,
    span: Span,
    owner: &str,
) -> Option<Finding> {
    let root = t.root.as_str();
    if UNCHECKED_ROOTS.contains(&root) {
        return None;
    }
    let scope = &module.scopes[scope_index];
    let mut steps = t.steps.iter();
    match root {
        "var" => {
            let (name, end) = attr(steps.next())?;
            if scope.variables.contains_key(name) {
                return None;
            }
            let help = did_you_mean(
                suggest
                    .name(name, scope.variables.keys().map(CompactString::as_str))
                    .map(|s| format!("var.{s}")),
            )
            .unwrap_or_else(|| format!("Declare it with a `variable \"{name}\"` block."));
            Some(
                Finding::new(
                    through(span, end),
                    format!("`{owner}` refers to `var.{name}`, but the module declares no variable `{name}`."),
                )
                .help(help),
            )
        }
        "local" => {
            let (name, end) = attr(steps.next())?;
            if scope.locals.contains_key(name) {
                return None;
            }
            let help = did_you_mean(
                suggest
                    .name(name, scope.locals.keys().map(CompactString::as_str))
                    .map(|s| format!("local.{s}")),
            )
            .unwrap_or_else(|| format!("Define `{name}` in a `locals` block."));
            Some(
                Finding::new(
                    through(span, end),
                    format!("`{owner}` refers to `local.{name}`, but the module defines no local value `{name}`."),
                )
                .help(help),
            )
        }
        "data" => {
            let (kind, _) = attr(steps.next())?;
            let (name, end) = attr(steps.next())?;
            let address = format!("{kind}.{name}");
            if scope.data_sources.contains(&address) {
                return None;
            }
            let help = did_you_mean(
                suggest
                    .name(&address, scope.data_sources.iter().map(String::as_str))
                    .map(|s| format!("data.{s}")),
            )
            .unwrap_or_else(|| format!("Declare it with a `data \"{kind}\" \"{name}\"` block."));
            Some(
                Finding::new(
                    through(span, end),
                    format!("`{owner}` refers to `data.{address}`, but the module declares no such data source."),
                )
                .help(help),
            )
        }
        "module" => {
            let (name, end) = attr(steps.next())?;
            if let Some(call) = scope.calls.get(name) {
                return missing_output(module, call, t, span, owner, suggest);
            }
            let help = did_you_mean(
                suggest
                    .name(name, scope.calls.keys().map(CompactString::as_str))
                    .map(|s| format!("module.{s}")),
            )
            .unwrap_or_else(|| format!("Declare it with a `module \"{name}\"` block."));
            Some(
                Finding::new(
                    through(span, end),
                    format!("`{owner}` refers to `module.{name}`, but the module calls no module `{name}`."),
                )
                .help(help),
            )
        }
        _ => {
            // `resource.T.N` is Terraform's escape for a resource type that clashes with a root.
            let (kind, prefix) = if root == "resource" {
                let (kind, _) = attr(steps.next())?;
                (kind, "resource.")
            } else {
                (root, "")
            };
            let Some((name, end)) = attr(steps.next()) else {
                return (prefix.is_empty()).then(|| bare(scope, root, span, owner));
            };
            let declared = if prefix.is_empty() {
                module.target(scope_index, t)
            } else {
                module.resource_id(scope_index, kind, name)
            };
            if let Some(target) = declared {
                return unsupported_attribute(module, t, target, span, owner);
            }
            // A block whose `count` or `for_each` makes no instance.
            if module.declares(scope_index, kind, name) {
                return None;
            }
            let address = format!("{kind}.{name}");
            let help = suggest
                .name(
                    &address,
                    module
                        .resources
                        .iter()
                        .filter(|r| r.scope == scope_index)
                        .map(|r| &r.block_address()[scope.prefix.len()..]),
                )
                .map(|s| format!("{prefix}{s}"))
                .or_else(|| {
                    (!module.has_resource_type(scope_index, kind) && prefix.is_empty())
                        .then(|| suggest.name(kind, PREFIXES.iter().copied()))
                        .flatten()
                        .map(|p| format!("{p}.{name}"))
                });
            let help = did_you_mean(help).unwrap_or_else(|| {
                format!("Declare it with a `resource \"{kind}\" \"{name}\"` block, or fix the reference.")
            });
            Some(
                Finding::new(
                    through(span, end),
                    format!("`{owner}` refers to `{prefix}{address}`, but the module declares no resource `{address}`."),
                )
                .help(help),
            )
        }
    }
}

/// `module.m.out` where the module instance the call made declares no output `out`
/// ("Unsupported attribute"); nothing to say of a call not followed.
fn missing_output(
    module: &Module,
    call: &Call,
    t: &Traversal,
    span: Span,
    owner: &str,
    suggest: &Suggester,
) -> Option<Finding> {
    let child = call.made.first()?;
    // The step after the call's name and instance key.
    let (output, end) = t.steps[1..].iter().find_map(|step| match step {
        Step::Attr(name, end) => Some((name.as_str(), *end)),
        _ => None,
    })?;
    let outputs = &module.scopes[child].outputs;
    if outputs.contains_key(output) {
        return None;
    }
    let name = &call.declared.name;
    let help = did_you_mean(
        suggest
            .name(output, outputs.keys().map(CompactString::as_str))
            .map(|s| format!("module.{name}.{s}")),
    )
    .unwrap_or_else(|| {
        format!(
            "Declare it in the module with an `output \"{output}\"` block, or fix the reference."
        )
    });
    let source = call.declared.source.as_deref().unwrap_or_default();
    Some(
        Finding::new(
            through(span, end),
            format!("`{owner}` refers to `module.{name}.{output}`, but `{source}`, the module it calls, declares no output `{output}` (\"Unsupported attribute\")."),
        )
        .help(help),
    )
}

/// A reference to an attribute that the resource at `target` has in the other generation of the
/// provider's schema only: `vault_keymgmt_key.k.id` where `k` sets `mount` (provider 5.x, which
/// computes no `id`), or `.path` of such a resource.
fn unsupported_attribute(
    module: &Module,
    t: &Traversal,
    target: ResourceId,
    span: Span,
    owner: &str,
) -> Option<Finding> {
    let resource = &module.resources[target];
    let schema = schemas().get(&resource.kind)?;
    // The steps after the resource name, past instance keys (`[0]`, `["a"]`) and splats.
    let (name, end) = t
        .steps
        .iter()
        .skip(if t.root == "resource" { 2 } else { 1 })
        .find_map(|step| match step {
            Step::Attr(name, end) => Some((name.as_str(), *end)),
            Step::Index(_) | Step::Splat { .. } => None,
        })?;
    let generation = module.generation(resource)?;
    let other = schema.property_generation(name)?;
    if other == generation {
        return None;
    }
    let address = resource.address();
    let mount = pin::mount_argument(generation);
    let message = format!(
        "`{owner}` refers to `{address}.{name}`, an attribute `{address}` does not have (\"Unsupported attribute\"): {}, so it is a resource of {}, and only {} gives `{}` an attribute `{name}`.",
        module.generation_reason(generation),
        pin::describe(generation),
        pin::describe(other),
        resource.kind,
    );
    let computed: Vec<String> = schema
        .properties()
        .filter(|(property, _)| {
            schema.is_computed(property)
                && schema
                    .property_generation(property)
                    .is_none_or(|mark| mark == generation)
        })
        .map(|(property, _)| format!("`{property}`"))
        .collect();
    let argument = ["name", "key_name"]
        .into_iter()
        .find(|a| schema.is_argument(a))
        .unwrap_or(mount);
    let help = match (name, generation) {
        ("path", pin::RELEASED) => format!("Did you mean `{address}.mount`?"),
        ("mount", pin::SEED) => format!("Did you mean `{address}.path`?"),
        _ if computed.is_empty() => {
            format!("Refer to one of its arguments instead, such as `{address}.{argument}`.")
        }
        _ => format!(
            "Refer to one of its arguments instead, such as `{address}.{argument}`; of its computed attributes, {} has {}.",
            pin::describe(generation),
            computed.join(", ")
        ),
    };
    Some(Finding::new(through(span, end), message).help(help))
}

fn sensitive(owner: &str, argument: &str, span: Span) -> Finding {
    let message = if owner.starts_with("local.") {
        format!("`{owner}` feeds the sensitive argument `{argument}` and refers to a name Terraform does not know (not shown: it may be a secret written without quotes).")
    } else {
        format!("`{owner}`: the sensitive argument `{argument}` refers to a name Terraform does not know (not shown: it may be a secret written without quotes).")
    };
    Finding::new(span, message)
    .help("Pass secrets through a variable marked `sensitive = true` (`var.<name>`) whose value is supplied outside the repository.")
}

/// A name that is no root Terraform knows and is not followed by a resource name.
fn bare(scope: &Scope, root: &str, span: Span, owner: &str) -> Finding {
    let help = if scope.variables.contains_key(root) {
        format!("Did you mean `var.{root}`?")
    } else if scope.locals.contains_key(root) {
        format!("Did you mean `local.{root}`?")
    } else {
        "References take the form `var.<name>`, `local.<name>`, `<type>.<name>`, `data.<type>.<name>` or `module.<name>`.".to_string()
    };
    Finding::new(
        span,
        format!("`{owner}` refers to `{root}`, which is not a variable, local value, resource or other name Terraform knows."),
    )
    .help(help)
}
