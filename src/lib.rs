//! keymgmt-lint: validates Terraform configurations of Vault's Key Management secrets engine.
//!
//! One call, [`lint`], takes the files of one Terraform module and returns a [`Report`]; the
//! items re-exported here are the whole public API. [`lint_plan`] lints a Terraform plan,
//! [`read_config`] reads `.keymgmt-lint.json`, [`rules`] and [`schemas`] document what is
//! checked, [`graph`], [`variable_sources`] and [`called_directories`] serve front ends.

mod config;
mod diagnostic;
mod fix;
mod graph;
mod memory;
mod model;
mod options;
mod parse;
mod providers;
mod redact;
mod report;
mod rules;
mod schema;
mod source;
mod suppress;

#[cfg(test)]
mod redaction_audit;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod typescript;
// The integration tests' helpers (tests/common) name the crate; the audit shares them.
#[cfg(test)]
extern crate self as keymgmt_lint;

use serde::{Deserialize, Serialize};

pub use config::{read_config, schema as config_schema, Config, ConfigProblem};
pub use diagnostic::{
    Diagnostic, Edit, Fix, Position, Range, Related, Report, SchemaGeneration, Severity, Summary,
};
pub use fix::Safety;
pub use graph::View as GraphView;
pub use memory::leave_trees_in_place;
pub use model::instances::MAX_EXPANSION_ROUNDS;
pub use model::modules::CallModuleType;
pub use options::{Options, ProviderSettings, RuleSetting};
pub use parse::{MAX_FILE_BYTES, MAX_MODULE_BYTES};
pub use rules::{Fixes, Inputs, Phase, Rule};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// One file of a module: `.tf`, `.tf.json`, or a variable file (`.tfvars`, `.tfvars.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    /// Set when the file is not all in `text`: it is reported, not parsed.
    #[serde(skip)]
    unread: Option<Unread>,
    /// The file's size in bytes, when `text` does not hold all of it (a file left unread may be
    /// larger than a WebAssembly address space).
    #[serde(skip)]
    size: Option<u64>,
}

/// Why a file is reported instead of parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Unread {
    /// Its bytes hold a NUL at this offset: a binary file.
    Nul(usize),
    /// Its bytes stop being UTF-8 at this offset, with this byte.
    InvalidUtf8(usize, u8),
    /// The reader did not read it: over the per-file or the module's size limit.
    TooLarge,
    /// The reader did not read it: not a regular file (a pipe, socket or device), in its words.
    NotRegular(String),
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
            unread: None,
            size: None,
        }
    }

    /// A file as read from disk. Terraform reads configuration files as UTF-8 text: a file with
    /// a NUL byte or an invalid UTF-8 sequence is kept only up to and including that byte (in
    /// `text`, the byte as `?` where it is not UTF-8, so offsets and columns stay those of the
    /// file) and reported there, not parsed.
    pub fn from_bytes(path: impl Into<String>, bytes: Vec<u8>) -> SourceFile {
        let (unread, end, bytes) = match memchr::memchr(0, &bytes) {
            Some(nul) => (Unread::Nul(nul), nul, bytes),
            None => match String::from_utf8(bytes) {
                Ok(text) => return SourceFile::new(path, text),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let bytes = e.into_bytes();
                    (Unread::InvalidUtf8(at, bytes[at]), at, bytes)
                }
            },
        };
        // Every invalid byte before `end` as one `?`: one byte, one UTF-16 unit.
        let mut text = String::with_capacity(end + 1);
        let mut rest = &bytes[..end];
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    text.push_str(valid);
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    text.push_str(std::str::from_utf8(valid).expect("valid up to here"));
                    let bad = e.error_len().unwrap_or(after.len());
                    text.extend(std::iter::repeat_n('?', bad));
                    rest = &after[bad..];
                }
            }
        }
        text.push('?');
        SourceFile {
            path: path.into(),
            text,
            unread: Some(unread),
            size: Some(bytes.len() as u64),
        }
    }

    /// A file of `size` bytes that the reader left unread because it is over the per-file limit
    /// ([`MAX_FILE_BYTES`]) or takes the module's files over theirs ([`MAX_MODULE_BYTES`]).
    pub fn too_large(path: impl Into<String>, size: u64) -> SourceFile {
        SourceFile {
            unread: Some(Unread::TooLarge),
            size: Some(size),
            ..SourceFile::new(path, "")
        }
    }

    /// A file that the reader left unread because it is not a regular file, with its reason.
    pub fn not_regular(path: impl Into<String>, reason: impl Into<String>) -> SourceFile {
        SourceFile {
            unread: Some(Unread::NotRegular(reason.into())),
            ..SourceFile::new(path, "")
        }
    }

    /// The files a front end passes as JSON: an array of `{path, text}` (`null` for none).
    pub fn list_from_json(json: serde_json::Value) -> Result<Vec<SourceFile>, serde_json::Error> {
        if json.is_null() {
            return Ok(Vec::new());
        }
        serde_json::from_value(json)
    }

    /// The file's size in bytes, as the limits count it.
    fn size(&self) -> u64 {
        self.size.unwrap_or(self.text.len() as u64)
    }

    /// Why the file is reported instead of parsed, and where: a byte offset, or `None` for the
    /// file as a whole.
    fn unread(&self) -> Option<(Option<usize>, Unread)> {
        let unread = self.unread.clone()?;
        Some(match unread {
            Unread::Nul(at) | Unread::InvalidUtf8(at, _) => (Some(at), unread),
            _ => (None, unread),
        })
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
pub(crate) fn configuration(files: &[SourceFile], options: &Options) -> model::Module {
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
    let mut module = model::Module::build(parse::parse(files), options.call_module_type);
    let mut work = model::eval::WORK_BUDGET;
    // Each round expands the calls the last one found the instances of; a nested call's
    // instances may need the instances of its caller, so there is a round per level at most.
    let mut plan = CallPlan::default();
    // Whether `module`'s resources are expanded already: a call repeated over a block's
    // instances (`for_each = vault_keymgmt_key.k`) is planned in the configuration with them.
    let mut expanded = false;
    // The instances of the calls, whether planning them read a repeated resource block, and
    // the work left.
    let plan_calls = |module: &model::Module, work| {
        let eval = evaluator(module, options, defaults.clone(), work);
        let plan = model::instances::plan_calls(module, &eval);
        (plan, eval.read_unexpanded_blocks(), eval.work_left())
    };
    for _ in 0..=model::modules::MAX_MODULE_DEPTH {
        if !module.has_repeated_calls() {
            break;
        }
        let (mut next, read_blocks, left) = plan_calls(&module, work);
        work = left;
        if read_blocks && model::instances::has_repeated_resources(&module) {
            (module, work) = expand_resources(module, options, defaults, work);
            (next, _, work) = plan_calls(&module, work);
            expanded = true;
        }
        if next == plan {
            break;
        }
        plan = next;
        module = module.rebuild(&plan);
        expanded = false;
    }
    if !expanded && model::instances::has_repeated_resources(&module) {
        (module, work) = expand_resources(module, options, defaults, work);
    }
    (module, work)
}

/// An evaluator of `module` with the run's variables and `TF_VAR_` values, which may spend
/// `work` units.
fn evaluator<'m>(
    module: &'m model::Module,
    options: &Options,
    defaults: schema::Defaults,
    work: u64,
) -> model::eval::Evaluator<'m> {
    model::eval::Evaluator::with_budget(module, &options.variables, defaults, work)
        .with_environment(&options.environment)
}

/// `module` with its resource blocks made their instances, as `count` and `for_each` say. A
/// block whose `count` or `for_each` reads another block's instances is expanded a round after
/// that one, as Terraform expands blocks in the order of their references; the rounds end when
/// one changes nothing.
fn expand_resources(
    mut module: model::Module,
    options: &Options,
    defaults: &schema::Defaults,
    mut work: u64,
) -> (model::Module, u64) {
    use model::instances;
    // Kept only once a second round is needed: the first plans the blocks in place.
    let mut blocks: Option<Vec<model::Resource>> = None;
    let mut planned = None;
    let limits = module.limits.len();
    for _ in 0..instances::MAX_EXPANSION_ROUNDS {
        let eval = evaluator(&module, options, defaults.clone(), work);
        let declared = blocks.as_deref().unwrap_or(&module.resources);
        let expansion = instances::plan(declared, &eval);
        let again = eval.read_unexpanded_blocks();
        work = eval.work_left();
        drop(eval);
        let Some(expansion) = expansion.filter(|e| planned.as_ref() != Some(e)) else {
            break;
        };
        // The blocks' traversals name the resources of the configuration just planned in.
        let declared = match &blocks {
            Some(blocks) => {
                instances::forget_targets(blocks);
                blocks.clone()
            }
            None => {
                let declared = std::mem::take(&mut module.resources);
                if again {
                    instances::forget_targets(&declared);
                    blocks = Some(declared.clone());
                }
                declared
            }
        };
        module.limits.truncate(limits);
        module = instances::apply(module, declared, &expansion);
        planned = Some(expansion);
        if !again {
            break;
        }
    }
    (module, work)
}

/// Lints the output of `terraform show -json <planfile>`: resources from `planned_values` with
/// their resolved values, positions pointing into the plan JSON. Rules about the configuration's
/// text (unknown arguments, references, literal secrets, ignore comments) do not run.
pub fn lint_plan(plan: &SourceFile, options: &Options) -> Result<Report, Error> {
    let mut selected = select_rules(options)?;
    selected.retain(|rule| rule.inputs == rules::Inputs::ConfigurationAndPlans);
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
    selected: Vec<&'static rules::Rule>,
    options: &Options,
) -> Report {
    let defaults = schema::schemas().defaults();
    let eval = evaluator(&module, options, defaults, work);
    let report = run_rules(&module, eval, selected, options);
    memory::discard(module);
    report
}

fn run_rules<'m>(
    module: &'m model::Module,
    eval: model::eval::Evaluator<'m>,
    selected: Vec<&'static rules::Rule>,
    options: &'m Options,
) -> Report {
    let ctx = rules::Context::new(module, eval, options);
    let (comment_rules, mut checks): (Vec<_>, Vec<_>) = selected
        .into_iter()
        .partition(|rule| rule.phase == rules::Phase::AfterSuppression);
    checks.sort_by_key(|rule| rule.phase == rules::Phase::AfterChecks);
    let mut findings = Vec::new();
    for &rule in &checks {
        if let rules::Check::Configuration(check) = rule.check {
            let mut found = Vec::new();
            check(&ctx, &mut found);
            findings.extend(found.into_iter().map(|f| (rule, f)));
        }
    }
    let ran = checks.iter().map(|rule| rule.id).collect();
    let findings = suppress::pass(module, findings, ran, &comment_rules);
    // Only instances and called modules repeat the spans of a block.
    let repeated = module.scopes.len() > 1 || module.resources.iter().any(|r| r.instance.is_some());
    let findings = if repeated {
        report::one_per_block(findings)
    } else {
        findings
    };
    let mut diagnostics: Vec<Diagnostic> = report::at_most_per_subject(findings)
        .into_iter()
        .map(|(rule, f)| report::to_diagnostic(module, options, rule, f))
        .collect();
    let mut files = module.files.len();
    if let Some(named) = &options.report_files {
        let mut named = named.clone();
        named.sort_unstable();
        named.dedup();
        diagnostics.retain(|d| named.binary_search(&d.file).is_ok());
        files = named.len();
    }
    let mut out = Report::new(diagnostics, files, module.resources.len());
    out.missing_modules = module.missing_directories();
    out.missing_files = ctx.eval.missing_files();
    if !module.from_plan {
        out.schema_generation = Some(report::schema_generation(module));
    }
    memory::discard(ctx);
    out
}

/// The rules to run: those the options name or leave on.
fn select_rules(options: &Options) -> Result<Vec<&'static rules::Rule>, Error> {
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
        .filter(|rule| options.setting(rule.id) != RuleSetting::Off)
        .collect())
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

/// Where one input variable of the root module gets its value: see {@link variableSources}.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
pub struct VariableSource {
    pub name: String,
    /// Whether the root module has a `variable` block for it.
    pub declared: bool,
    pub sensitive: bool,
    /// `'default'`, `'TF_VAR_<name>'` (from `options.environment`), a `.tfvars` file's path or
    /// `'variables'` (from `options.variables`), in Terraform's order: the last one is where the
    /// value comes from; empty for a declared variable that nothing gives a value.
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
    let eval = evaluator(&module, options, defaults, work);
    graph::Graph::build(&module, &eval).view(&module, &eval)
}

/// Every rule, with its documentation.
pub fn rules() -> &'static [&'static Rule] {
    rules::RULES
}

/// The JSON Schema of every resource type, by type name.
pub fn schemas() -> serde_json::Map<String, serde_json::Value> {
    schema::schemas()
        .iter()
        .map(|s| (s.resource_type.to_string(), s.document.clone()))
        .collect()
}
