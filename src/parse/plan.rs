//! Terraform's plan JSON (`terraform show -json <planfile>`) into the module model.
//!
//! Resources and their values come from `planned_values` (root and child modules), with the
//! values a plan cannot know yet (`resource_changes[].change.after_unknown`) as Unknown and the
//! provider's computed attributes left out. References between resources come from
//! `configuration` (each expression's `references` and each resource's `depends_on`) and are
//! kept as the resource's `depends_on`, which is what they mean to Terraform: an ordering.
//! Values the plan marks sensitive (`sensitive_values`, `after_sensitive`, `before_sensitive`)
//! are read as `sensitive(...)`, so they are marked like sensitive values of a configuration.
//! Every span points into the plan JSON.

use compact_str::CompactString;
use foldhash::{HashMap, HashMapExt, HashSet};

use jsonc_parser::ast::Value as Json;
use jsonc_parser::common::Ranged;

use super::json::{Prop, Reader};
use crate::model::modules::Declarations;
use crate::model::{Attribute, Body, Expr, ExprKind, Module, Problem, Resource, Scope, Step};
use crate::schema;
use crate::source::{File, Span};
use crate::SourceFile;

pub fn parse_plan(source: &SourceFile) -> Module {
    let mut module = Module::default();
    module.from_plan = true;
    module.add_scope(Scope::root(&Declarations::default()));
    module.files.push(File::new(&source.path, &source.text));
    if source.text.len() > super::MAX_FILE_BYTES {
        module.problems.push(Problem {
            span: Span::new(0, 0..0),
            help: None,
            message: format!(
                "plan is {} bytes, over the limit of {} bytes; it was not read",
                source.text.len(),
                super::MAX_FILE_BYTES
            ),
        });
        return module;
    }
    let reader = Reader {
        file: 0,
        text: &source.text,
    };
    if let Err(problem) = read(&reader, &mut module) {
        module.problems.push(problem);
    }
    module
}

fn get<'a, 'j>(props: &[Prop<'a, 'j>], key: &str) -> Option<&'j Json<'a>> {
    props.iter().find(|(k, _, _)| k == key).map(|&(_, _, v)| v)
}

fn string(value: Option<&Json<'_>>) -> Option<String> {
    match value? {
        Json::StringLit(s) => Some(s.value.to_string()),
        _ => None,
    }
}

fn read(reader: &Reader<'_>, module: &mut Module) -> Result<(), Problem> {
    let root = reader.root()?;
    let top = reader.props(&root)?;
    let Some(planned) = get(&top, "planned_values") else {
        return Err(reader.problem(
            reader.span(root.range()),
            "not a Terraform plan: there is no `planned_values` (expected the output of `terraform show -json <planfile>`)",
        ));
    };
    let changes = changes(reader, get(&top, "resource_changes"))?;
    let mut references = HashMap::new();
    if let Some(configuration) = get(&top, "configuration") {
        if let Some(root_module) = get(&reader.props(configuration)?, "root_module") {
            config_references(reader, root_module, "", &mut references)?;
        }
    }
    let planned = reader.props(planned)?;
    if let Some(root_module) = get(&planned, "root_module") {
        let mut walker = Walker {
            reader,
            changes: &changes,
            references: &references,
            module,
        };
        walker.module(root_module)?;
    }
    Ok(())
}

/// What `resource_changes` says of one address.
#[derive(Default)]
struct Change<'t, 'j> {
    /// The top-level attributes whose planned value is (partly) unknown (`after_unknown`).
    unknown: Vec<(CompactString, Span)>,
    /// The sensitivity marks (`after_sensitive`, `before_sensitive`): what Terraform would hide
    /// when it shows the plan. Each mirrors the values' shape with `true` where a value is
    /// sensitive.
    marks: Vec<&'j Json<'t>>,
}

/// Address → what its change says.
fn changes<'t, 'j>(
    reader: &Reader<'t>,
    changes: Option<&'j Json<'t>>,
) -> Result<HashMap<String, Change<'t, 'j>>, Problem> {
    let mut out: HashMap<String, Change<'_, '_>> = HashMap::new();
    let Some(Json::Array(changes)) = changes else {
        return Ok(out);
    };
    for change in &changes.elements {
        let props = reader.props(change)?;
        let Some(address) = string(get(&props, "address")) else {
            continue;
        };
        let Some(change) = get(&props, "change") else {
            continue;
        };
        let change = reader.props(change)?;
        let entry = out.entry(address).or_default();
        if let Some(after) = get(&change, "after_unknown") {
            entry.unknown = reader
                .props(after)?
                .into_iter()
                .filter(|(_, _, v)| any_true(v))
                .map(|(name, span, _)| (name, span))
                .collect();
        }
        let marks = ["after_sensitive", "before_sensitive"]
            .into_iter()
            .filter_map(|name| get(&change, name));
        entry.marks.extend(marks);
    }
    Ok(out)
}

/// `expr` with `sensitive(...)` around each part that `marks` (a shape of `true`s) marks, so
/// that evaluation marks those values as a sensitive expression of the configuration would.
fn mark(expr: Expr, marks: &Json<'_>) -> Expr {
    match (marks, expr.kind) {
        (Json::BooleanLit(b), kind) if b.value => {
            let span = expr.span;
            let inner = Expr::new(span, kind);
            Expr::new(
                span,
                ExprKind::Call {
                    name: "sensitive".into(),
                    args: vec![inner],
                    expand: false,
                },
            )
        }
        (Json::Object(marks), ExprKind::Object(items)) => {
            let items = items
                .into_iter()
                .map(|mut item| {
                    let key = item.key.as_deref();
                    if let Some(m) = marks
                        .properties
                        .iter()
                        .find(|p| Some(p.name.as_str()) == key)
                    {
                        item.value = mark(item.value, &m.value);
                    }
                    item
                })
                .collect();
            Expr::new(expr.span, ExprKind::Object(items))
        }
        (Json::Array(marks), ExprKind::Array(items)) => {
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match marks.elements.get(i) {
                    Some(m) => mark(item, m),
                    None => item,
                })
                .collect();
            Expr::new(expr.span, ExprKind::Array(items))
        }
        (_, kind) => Expr::new(expr.span, kind),
    }
}

/// The marks for top-level attribute `name` in each of `marks`.
fn marks_of<'a, 'j>(marks: &[&'j Json<'a>], name: &str) -> Vec<&'j Json<'a>> {
    marks
        .iter()
        .filter_map(|m| match m {
            Json::Object(o) => o
                .properties
                .iter()
                .find(|p| p.name.as_str() == name)
                .map(|p| &p.value),
            Json::BooleanLit(b) if b.value => Some(*m),
            _ => None,
        })
        .collect()
}

fn any_true(value: &Json<'_>) -> bool {
    match value {
        Json::BooleanLit(b) => b.value,
        Json::Array(a) => a.elements.iter().any(any_true),
        Json::Object(o) => o.properties.iter().any(|p| any_true(&p.value)),
        _ => false,
    }
}

/// Configuration address (module path, no instance key) → references of that resource.
fn config_references(
    reader: &Reader<'_>,
    module: &Json<'_>,
    prefix: &str,
    out: &mut HashMap<String, Vec<Expr>>,
) -> Result<(), Problem> {
    let props = reader.props(module)?;
    if let Some(Json::Array(resources)) = get(&props, "resources") {
        for resource in &resources.elements {
            let resource_props = reader.props(resource)?;
            let Some(address) = string(get(&resource_props, "address")) else {
                continue;
            };
            let mut refs = Vec::new();
            if let Some(expressions) = get(&resource_props, "expressions") {
                collect_references(reader, expressions, &mut refs)?;
            }
            if let Some(Json::Array(depends)) = get(&resource_props, "depends_on") {
                reference_strings(reader, &depends.elements, &mut refs)?;
            }
            out.insert(format!("{prefix}{address}"), distinct_targets(refs));
        }
    }
    if let Some(calls) = get(&props, "module_calls") {
        for (name, _, call) in reader.props(calls)? {
            if let Some(inner) = get(&reader.props(call)?, "module") {
                config_references(reader, inner, &format!("{prefix}module.{name}."), out)?;
            }
        }
    }
    Ok(())
}

/// One reference per thing referred to: what the rules ask of a plan's references is which
/// resource a resource depends on, and every instance of the resource carries the list, so
/// `vault_keymgmt_key.k[0]` … `k[4999]` (and `vault_keymgmt_key.k` itself, as Terraform lists it
/// beside them) are kept as one.
fn distinct_targets(refs: Vec<Expr>) -> Vec<Expr> {
    let mut seen = HashSet::default();
    refs.into_iter()
        .filter(|expr| {
            let Some(t) = expr.as_traversal() else {
                return true;
            };
            let name = match t.steps.first() {
                Some(Step::Attr(name, _)) => name.as_str(),
                _ => "",
            };
            seen.insert((t.root.clone(), CompactString::from(name)))
        })
        .collect()
}

/// Every `references` list anywhere in an `expressions` object (nested blocks included).
fn collect_references(
    reader: &Reader<'_>,
    value: &Json<'_>,
    out: &mut Vec<Expr>,
) -> Result<(), Problem> {
    match value {
        Json::Object(_) => {
            for (key, _, inner) in reader.props(value)? {
                match (key.as_str(), inner) {
                    ("references", Json::Array(items)) => {
                        reference_strings(reader, &items.elements, out)?
                    }
                    _ => collect_references(reader, inner, out)?,
                }
            }
        }
        Json::Array(items) => {
            for item in &items.elements {
                collect_references(reader, item, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn reference_strings(
    reader: &Reader<'_>,
    items: &[Json<'_>],
    out: &mut Vec<Expr>,
) -> Result<(), Problem> {
    for item in items {
        if let Json::StringLit(s) = item {
            // A reference Terraform wrote itself; one that does not parse is ignored.
            if let Ok(expr) = reader.embedded(&s.value, reader.span(s.range), false) {
                out.push(expr);
            }
        }
    }
    Ok(())
}

struct Walker<'r, 't> {
    reader: &'r Reader<'t>,
    changes: &'r HashMap<String, Change<'t, 'r>>,
    references: &'r HashMap<String, Vec<Expr>>,
    module: &'r mut Module,
}

impl Walker<'_, '_> {
    /// A module of `planned_values`; nesting is bounded by the JSON parser's depth limit.
    fn module(&mut self, value: &Json<'_>) -> Result<(), Problem> {
        let props = self.reader.props(value)?;
        let prefix = string(get(&props, "address")).map_or(String::new(), |a| format!("{a}."));
        if let Some(Json::Array(resources)) = get(&props, "resources") {
            for resource in &resources.elements {
                self.resource(resource, &prefix)?;
            }
        }
        if let Some(Json::Array(children)) = get(&props, "child_modules") {
            for child in &children.elements {
                self.module(child)?;
            }
        }
        Ok(())
    }

    fn resource(&mut self, value: &Json<'_>, prefix: &str) -> Result<(), Problem> {
        let reader = self.reader;
        let props = reader.props(value)?;
        if string(get(&props, "mode")).as_deref() != Some("managed") {
            return Ok(());
        }
        let (Some(kind), Some(name)) = (string(get(&props, "type")), string(get(&props, "name")))
        else {
            return Ok(());
        };
        let span = reader.span(value.range());
        let header = get(&props, "address").map_or(span, |a| reader.span(a.range()));
        let instance_key = match get(&props, "index") {
            Some(Json::NumberLit(n)) => format!("[{}]", n.value),
            Some(Json::StringLit(s)) => format!("[{:?}]", s.value),
            _ => String::new(),
        };
        let schema = schema::schemas().get(&kind);
        let computed = |attr: &str| schema.is_some_and(|s| s.is_computed(attr));
        let address = format!("{prefix}{kind}.{name}{instance_key}");
        let change = self.changes.get(&address);
        let unknown_attrs = change.map_or(&[][..], |c| &c.unknown);
        let unknown: HashSet<&str> = unknown_attrs.iter().map(|(n, _)| n.as_str()).collect();
        // `sensitive_values` of the planned values, and the change's own marks.
        let mut marks: Vec<&Json<'_>> = get(&props, "sensitive_values").into_iter().collect();
        marks.extend(change.into_iter().flat_map(|c| c.marks.iter().copied()));
        let mut body = Body::default();
        if let Some(values) = get(&props, "values") {
            for (attr, name_span, v) in reader.props(values)? {
                if computed(&attr) || unknown.contains(attr.as_str()) {
                    continue;
                }
                let value = marks_of(&marks, &attr)
                    .into_iter()
                    .fold(reader.literal(v), mark);
                body.attributes.push(Attribute {
                    name: attr,
                    name_span,
                    value,
                });
            }
        }
        for (attr, at) in unknown_attrs {
            if !computed(attr) {
                body.attributes.push(Attribute {
                    name: attr.clone(),
                    name_span: *at,
                    value: Expr::new(*at, ExprKind::Opaque),
                });
            }
        }
        if let Some(refs) = self.references.get(&format!("{prefix}{kind}.{name}")) {
            body.attributes.push(Attribute {
                name: "depends_on".into(),
                name_span: header,
                value: Expr::new(header, ExprKind::Array(refs.clone())),
            });
        }
        let resource = Resource::new(kind.into(), name.into(), span, header, body)
            .in_plan(prefix, &instance_key);
        self.module.add_resource(resource);
        Ok(())
    }
}
