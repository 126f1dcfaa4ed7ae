//! keymgmt-lint: validates Terraform configurations of Vault's Key Management secrets engine.
//!
//! One call, [`lint`], takes the files of one Terraform module and returns a [`Report`].

pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod graph;
pub(crate) mod memory;
pub mod model;
pub mod options;
pub mod parse;
pub mod providers;
pub mod redact;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suppress;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

use serde::{Deserialize, Serialize};

pub use diagnostic::{
    Diagnostic, Edit, Fix, Position, Range, Related, Report, SchemaGeneration, Severity, Summary,
};
pub use options::{Options, RuleSetting};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One file of a module: `.tf`, `.tf.json`, or a variable file (`.tfvars`, `.tfvars.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }
}

/// Misuse of the API; everything wrong with the linted files is a diagnostic instead.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Error {
    #[error("unknown rule id `{id}`{}", hint(*suggestion))]
    UnknownRule {
        id: String,
        suggestion: Option<&'static str>,
    },
}

fn hint(suggestion: Option<&str>) -> String {
    suggestion.map_or(String::new(), |s| format!("; did you mean `{s}`?"))
}

/// Lints the files of one module. Fails only on misuse of the API (an unknown rule id in the
/// options); everything wrong with the files themselves is a diagnostic.
pub fn lint(files: &[SourceFile], options: &Options) -> Result<Report, Error> {
    let selected = select_rules(options)?;
    if options.test_panic {
        panic!("panic requested by the __testPanic option");
    }
    let defaults = schema::schemas().defaults();
    let (module, work) = configure(files, options, &defaults);
    Ok(lint_module(module, work, selected, options))
}

/// The configuration `files` make, as the rules see it: module calls followed as the options
/// say, `count` and `for_each` expanded.
pub fn configuration(files: &[SourceFile], options: &Options) -> model::Module {
    configure(files, options, &schema::schemas().defaults()).0
}

/// The configuration `files` make: module calls followed as the options say, and module calls
/// and resources with a known `count` or `for_each` expanded into their instances. With it, the
/// evaluation work left for the rules.
fn configure(
    files: &[SourceFile],
    options: &Options,
    defaults: &schema::Defaults,
) -> (model::Module, u64) {
    use model::configuration::CallPlan;
    use model::eval::Evaluator;
    let mut module = model::Module::build(parse::parse(files), options.call_module_type);
    let mut work = model::eval::WORK_BUDGET;
    // Each round expands the calls the last one found the instances of; a nested call's
    // instances may need the instances of its caller, so there is a round per level at most.
    let mut plan = CallPlan::default();
    for _ in 0..=model::modules::MAX_MODULE_DEPTH {
        if !module.has_repeated_calls() {
            break;
        }
        let eval = Evaluator::with_budget(&module, &options.variables, defaults.clone(), work)
            .with_environment(&options.environment);
        let next = model::instances::plan_calls(&module, &eval);
        work = eval.work_left();
        drop(eval);
        if next == plan {
            break;
        }
        plan = next;
        module = module.rebuild(&plan);
    }
    if model::instances::has_repeated_resources(&module) {
        let eval = Evaluator::with_budget(&module, &options.variables, defaults.clone(), work)
            .with_environment(&options.environment);
        let expansion = model::instances::plan(&module, &eval);
        work = eval.work_left();
        drop(eval);
        if let Some(expansion) = expansion {
            module = model::instances::apply(module, expansion);
        }
    }
    (module, work)
}

/// Lints the output of `terraform show -json <planfile>`: resources from `planned_values` with
/// their resolved values, positions pointing into the plan JSON. Rules about the configuration's
/// text (unknown arguments, references, literal secrets, ignore comments) do not run.
pub fn lint_plan(plan: &SourceFile, options: &Options) -> Result<Report, Error> {
    let mut selected = select_rules(options)?;
    selected.retain(|(rule, _)| rules::applies_to_plans(rule));
    let module = parse::parse_plan(plan);
    Ok(lint_module(
        module,
        model::eval::WORK_BUDGET,
        selected,
        options,
    ))
}

fn lint_module(
    module: model::Module,
    work: u64,
    selected: Vec<(&'static rules::Rule, Severity)>,
    options: &Options,
) -> Report {
    let defaults = schema::schemas().defaults();
    let eval = model::eval::Evaluator::with_budget(&module, &options.variables, defaults, work)
        .with_environment(&options.environment);
    let report = run_rules(&module, eval, selected, options);
    memory::discard(module);
    report
}

fn run_rules<'m>(
    module: &'m model::Module,
    eval: model::eval::Evaluator<'m>,
    selected: Vec<(&'static rules::Rule, Severity)>,
    options: &'m Options,
) -> Report {
    let ctx = rules::Context::new(module, eval, options);
    let (meta, mut regular): (Vec<_>, Vec<_>) = selected
        .into_iter()
        .partition(|(rule, _)| rules::is_about_suppression(rule));
    regular.sort_by_key(|(rule, _)| rules::runs_last(rule));
    let mut findings = Vec::new();
    for &(rule, severity) in &regular {
        let mut found = Vec::new();
        (rule.check)(&ctx, &mut found);
        findings.extend(found.into_iter().map(|f| (rule, severity, f)));
    }
    let directives = suppress::directives(module);
    let applied = suppress::apply(&directives, findings, |(rule, _, finding)| {
        (rule.id, finding.span)
    });
    let mut findings = applied.kept;
    ctx.set_suppressions(rules::Suppressions {
        directives,
        used: applied.used,
        ran: regular.iter().map(|(rule, _)| rule.id).collect(),
    });
    for &(rule, severity) in &meta {
        let mut found = Vec::new();
        (rule.check)(&ctx, &mut found);
        findings.extend(found.into_iter().map(|f| (rule, severity, f)));
    }
    // Only instances and called modules repeat the spans of a block.
    let repeated = module.scopes.len() > 1 || module.resources.iter().any(|r| r.instance.is_some());
    let findings = if repeated {
        one_per_block(findings)
    } else {
        findings
    };
    let diagnostics = at_most_per_subject(findings)
        .into_iter()
        .map(|(rule, severity, f)| to_diagnostic(module, options, rule, severity, f))
        .collect();
    let mut report = Report::new(diagnostics, module.files.len(), module.resources.len());
    report.missing_modules = module.missing_directories();
    report.missing_files = ctx.eval.missing_files();
    if !module.from_plan {
        report.schema_generation = Some(schema_generation(module));
    }
    memory::discard(ctx);
    report
}

fn schema_generation(module: &model::Module) -> SchemaGeneration {
    match &module.pin {
        Some(pin) => {
            let file = module.file(pin.span);
            SchemaGeneration {
                pinned: Some(pin.generation.to_string()),
                reason: format!(
                    "{} admits only provider releases with keymgmt resources (5.9.0 and later), which have `mount` and `credentials_wo` only",
                    pin.what
                ),
                file: Some(file.path.clone()),
                range: Some(file.range(pin.span)),
            }
        }
        None => SchemaGeneration {
            pinned: None,
            reason: "no version of hashicorp/vault that admits only 5.9.0 and later is pinned by `required_providers` or `.terraform.lock.hcl`: each resource is read as the generation its mount argument names (`path`: the early provider, `mount`: provider 5.x)".into(),
            file: None,
            range: None,
        },
    }
}

/// Instances named in a finding that several instances of one block share; the rest are counted.
const MAX_INSTANCES_NAMED: usize = 5;

/// The findings, those that instances of one `count` or `for_each` block or of one module share
/// (same rule, same span, the same message but for instance keys and module paths) made one,
/// which names the other instances.
fn one_per_block(findings: Vec<Found>) -> Vec<Found> {
    let mut first: foldhash::HashMap<(&str, source::Span, String), usize> =
        foldhash::HashMap::default();
    let mut others: Vec<Vec<String>> = Vec::new();
    let mut kept: Vec<Option<Found>> = Vec::with_capacity(findings.len());
    for (rule, severity, finding) in findings {
        let key = (
            rule.id,
            finding.span,
            without_instance_keys(&finding.message),
        );
        if let Some(&at) = first.get(&key) {
            others[at].extend(finding.resource);
            continue;
        }
        first.insert(key, kept.len());
        kept.push(Some((rule, severity, finding)));
        others.push(Vec::new());
    }
    kept.into_iter()
        .zip(others)
        .filter_map(|(found, others)| {
            let (rule, severity, mut finding) = found?;
            if !others.is_empty() {
                let mut named: Vec<String> = others
                    .iter()
                    .take(MAX_INSTANCES_NAMED)
                    .map(|a| format!("`{a}`"))
                    .collect();
                if others.len() > MAX_INSTANCES_NAMED {
                    named.push(format!(
                        "{} more instances",
                        others.len() - MAX_INSTANCES_NAMED
                    ));
                }
                let last = named.pop().unwrap_or_default();
                let list = if named.is_empty() {
                    last
                } else {
                    format!("{} and {last}", named.join(", "))
                };
                finding.message = format!("{} The same holds for {list}.", finding.message);
            }
            Some((rule, severity, finding))
        })
        .collect()
}

/// `message` without the module paths of addresses (`module.a["x"].`) and the instance keys
/// that follow a name (`d["a"]`, `k[0]`): what the findings of several instances of one block
/// have in common.
fn without_instance_keys(message: &str) -> String {
    let message = without_module_paths(message);
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(open) = rest.find('[') {
        let after_name = rest[..open]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
        let key_len = after_name
            .then(|| instance_key_len(&rest[open..]))
            .flatten();
        out.push_str(&rest[..open]);
        match key_len {
            Some(len) => rest = &rest[open + len..],
            None => {
                out.push('[');
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `message` without `module.<name>` (and the instance key and `.` after it) wherever an
/// address starts.
fn without_module_paths(message: &str) -> String {
    const MODULE: &str = "module.";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(MODULE) {
        let starts_address = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == '-'));
        out.push_str(&rest[..at]);
        let after = &rest[at + MODULE.len()..];
        let name = after
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        if !starts_address || name == 0 {
            out.push_str(MODULE);
            rest = after;
            continue;
        }
        let mut next = &after[name..];
        if let Some(len) = instance_key_len(next) {
            next = &next[len..];
        }
        rest = next.strip_prefix('.').unwrap_or(next);
    }
    out.push_str(rest);
    out
}

/// The length of an instance key at the start of `text`: `[12]` or `["a \" b"]`.
fn instance_key_len(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('[')?;
    if let Some(quoted) = inner.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in quoted.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' if quoted[i + 1..].starts_with(']') => return Some(1 + 1 + i + 1 + 1),
                '"' => return None,
                _ => {}
            }
        }
        return None;
    }
    let digits = inner.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && inner[digits..].starts_with(']')).then_some(digits + 2)
}

/// Findings one rule may report about one resource (or one file, for findings about none).
pub(crate) const MAX_FINDINGS_PER_SUBJECT: usize = 100;

type Found = (&'static rules::Rule, Severity, rules::Finding);

/// The findings, each rule's first [`MAX_FINDINGS_PER_SUBJECT`] about each resource or file, and
/// one more wherever some were left out, saying how many: a resource of a million misspelt
/// arguments gets a report that can be read, in time and memory that do not grow with it.
fn at_most_per_subject(findings: Vec<Found>) -> Vec<Found> {
    // Each finding's subject as a number, and how many findings each subject has.
    let mut subjects: foldhash::HashMap<(&str, Option<&str>, usize), usize> =
        foldhash::HashMap::default();
    let mut counts: Vec<usize> = Vec::new();
    let ids: Vec<usize> = findings
        .iter()
        .map(|(rule, _, f)| {
            let next = subjects.len();
            let id = *subjects
                .entry((rule.id, f.resource.as_deref(), f.span.file))
                .or_insert(next);
            if id == counts.len() {
                counts.push(0);
            }
            counts[id] += 1 + f.unlisted;
            id
        })
        .collect();
    drop(subjects);
    if counts.iter().all(|&n| n <= MAX_FINDINGS_PER_SUBJECT) {
        return findings;
    }
    let mut seen = vec![0usize; counts.len()];
    let mut out = Vec::new();
    for (found, id) in findings.into_iter().zip(ids) {
        seen[id] += 1;
        if seen[id] <= MAX_FINDINGS_PER_SUBJECT {
            out.push(found);
        } else if seen[id] == MAX_FINDINGS_PER_SUBJECT + 1 {
            let (rule, severity, first_left_out) = found;
            let more = counts[id] - MAX_FINDINGS_PER_SUBJECT;
            let about = match &first_left_out.resource {
                Some(address) => format!("`{address}`"),
                None => "this file".to_string(),
            };
            let mut summary = rules::Finding::new(
                first_left_out.span,
                format!(
                    "{more} more findings of `{}` about {about} are not listed, from here on.",
                    rule.id
                ),
            );
            summary.resource = first_left_out.resource;
            summary.severity = first_left_out.severity;
            out.push((rule, severity, summary));
        }
    }
    out
}

/// The rules to run, each with the severity it reports at.
fn select_rules(options: &Options) -> Result<Vec<(&'static rules::Rule, Severity)>, Error> {
    let named = options.rules.keys().chain(options.only.iter().flatten());
    if let Some(unknown) = named.into_iter().find(|id| rules::find(id).is_none()) {
        let suggestion = redact::suggest_name(unknown, rules::RULES.iter().map(|r| r.id));
        return Err(Error::UnknownRule {
            id: unknown.clone(),
            suggestion,
        });
    }
    Ok(rules::RULES
        .iter()
        .copied()
        .filter(|rule| {
            options
                .only
                .as_ref()
                .is_none_or(|only| only.iter().any(|id| id == rule.id))
        })
        .filter_map(|rule| {
            let setting = options
                .rules
                .get(rule.id)
                .copied()
                .unwrap_or(RuleSetting::On);
            setting
                .severity(rule.severity)
                .map(|severity| (rule, severity))
        })
        .collect())
}

fn to_diagnostic(
    module: &model::Module,
    options: &Options,
    rule: &rules::Rule,
    severity: Severity,
    finding: rules::Finding,
) -> Diagnostic {
    let file = module.file(finding.span);
    // A rule may report one of its cases at another severity, unless the user chose one.
    let severity = match options.rules.get(rule.id) {
        None | Some(RuleSetting::On) => finding.severity.unwrap_or(severity),
        Some(_) => severity,
    };
    Diagnostic {
        rule: rule.id.to_string(),
        severity,
        message: finding.message,
        file: file.path.clone(),
        range: file.range(finding.span),
        help: finding.help,
        related: finding
            .related
            .into_iter()
            .map(|(span, message)| {
                let file = module.file(span);
                Related {
                    file: file.path.clone(),
                    range: file.range(span),
                    message,
                }
            })
            .collect(),
        resource: finding.resource,
        fixes: finding
            .fixes
            .into_iter()
            .map(|fix| Fix {
                title: fix.title,
                safety: fix.safety,
                edits: fix
                    .edits
                    .into_iter()
                    .map(|edit| Edit {
                        range: file.range(edit.span),
                        text: edit.text,
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// Where each input variable of the root module gets its value, in Terraform's order: its
/// default, `TF_VAR_<name>` (`options.environment`), each `.tfvars` file that sets it, then
/// `options.variables`; the last one given wins. Variables that something sets but no
/// `variable` block declares are listed too. Names and places only, never values: a variable
/// may be sensitive.
pub fn variable_sources(files: &[SourceFile], options: &Options) -> Vec<VariableSource> {
    let module = configuration(files, options);
    let mut by_name: std::collections::BTreeMap<String, VariableSource> = Default::default();
    if let Some(root) = module.scopes.first() {
        for variable in root.variables.values() {
            let source = by_name.entry(variable.name.to_string()).or_default();
            source.declared = true;
            source.sensitive = variable.sensitive;
            if variable.default.is_some() {
                source.sources.push("default".into());
            }
        }
    }
    let mut add = |name: &str, from: String| {
        let source = by_name.entry(name.to_string()).or_default();
        // A file that sets a variable twice is one source.
        if source.sources.last() != Some(&from) {
            source.sources.push(from);
        }
    };
    for name in options.environment.keys() {
        add(name, format!("TF_VAR_{name}"));
    }
    for (name, expr) in &module.tfvars {
        add(name, module.file(expr.span).path.clone());
    }
    for name in options.variables.keys() {
        add(name, "variables".into());
    }
    let mut listed = Vec::with_capacity(by_name.len());
    for (name, mut source) in by_name {
        // Terraform reads `TF_VAR_` only for the variables the root module declares.
        if !source.declared {
            source.sources.retain(|s| !s.starts_with("TF_VAR_"));
            if source.sources.is_empty() {
                continue;
            }
        }
        source.name = name;
        listed.push(source);
    }
    listed
}

/// Where one input variable of the root module gets its value: see [`variable_sources`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct VariableSource {
    pub name: String,
    pub declared: bool,
    pub sensitive: bool,
    /// `"default"`, `"TF_VAR_<name>"`, a `.tfvars` file's path or `"variables"`, in Terraform's
    /// order: the last one is where the value comes from.
    pub sources: Vec<String>,
}

/// The directories of the modules that the configuration files in `files` call and that
/// `options.call_module_type` says to follow: those local calls name, and with `all` those a
/// `.terraform/modules/modules.json` among the files lists. Each once, in order. Only the files
/// are parsed, nothing is linted: how a front end that reads files finds what to read before it
/// lints, and tells root modules from the modules they call.
pub fn called_directories(files: &[SourceFile], options: &Options) -> Vec<String> {
    use model::modules::{self, CallModuleType};
    let sources = parse::parse(files);
    // Inserted one by one: collecting into a set, or sorting, would monomorphise a sort into
    // the `.wasm` for this one type.
    let mut dirs = std::collections::BTreeSet::new();
    if options.call_module_type == CallModuleType::None {
        return Vec::new();
    }
    for declared in &sources.directories {
        for call in declared.calls.values() {
            if let Some(source) = call.source.as_deref().filter(|s| modules::is_local(s)) {
                dirs.insert(modules::join(&declared.dir, source));
            }
        }
    }
    if let (CallModuleType::All, Some(manifest)) = (options.call_module_type, &sources.manifest) {
        for (key, dir) in &manifest.dirs {
            if !key.is_empty() {
                dirs.insert(dir.clone());
            }
        }
    }
    dirs.into_iter().collect()
}

/// The keymgmt resources of one module and how they connect, for pictures such as the
/// playground's key graph.
pub fn graph(files: &[SourceFile], options: &Options) -> graph::View {
    let defaults = schema::schemas().defaults();
    let (module, work) = configure(files, options, &defaults);
    let eval = model::eval::Evaluator::with_budget(&module, &options.variables, defaults, work)
        .with_environment(&options.environment);
    graph::Graph::build(&module, &eval).view(&module, &eval)
}

/// The documentation of every rule.
pub fn rules() -> Vec<rules::RuleMeta> {
    rules::RULES
        .iter()
        .map(|r| rules::RuleMeta::from(*r))
        .collect()
}

/// The JSON Schema of every resource type, by type name.
pub fn schemas() -> serde_json::Map<String, serde_json::Value> {
    schema::schemas()
        .iter()
        .map(|s| (s.resource_type.to_string(), s.document.clone()))
        .collect()
}
