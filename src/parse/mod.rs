//! Reading the files of one module into the [`Module`] model.

mod hcl;

#[cfg(test)]
pub(crate) use hcl::parse_body;
pub(crate) mod json;
mod plan;

pub use plan::parse_plan;

use compact_str::CompactString;
use foldhash::{HashSet, HashSetExt};

use crate::model::{Attribute, Block, Body, Module, Problem, Resource, Variable};
use crate::source::{File, FileKind, Span};
use crate::SourceFile;

/// Larger files are reported, not parsed: no Terraform module comes near it, and it keeps a
/// hostile input from exhausting the memory of a WebAssembly instance.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// The files of one module together: what is read of a module stays within it, in the order
/// given, and the files past it are reported, not read. A module's memory and time grow with its
/// input, and no Terraform module comes near this either (the 10,000-key benchmark is 7 MB).
pub const MAX_MODULE_BYTES: usize = 32 * 1024 * 1024;

pub fn parse(files: &[SourceFile]) -> Module {
    let mut module = Module::default();
    let mut read = 0usize;
    for (index, source) in files.iter().enumerate() {
        let whole = Span::new(index, 0..0);
        let size = source.text.len();
        let over = if size > MAX_FILE_BYTES {
            Some(format!(
                "file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes; it was not read"
            ))
        } else if read + size > MAX_MODULE_BYTES {
            Some(format!(
                "the module's files are over the limit of {MAX_MODULE_BYTES} bytes together with this one ({size} bytes); it was not read"
            ))
        } else {
            None
        };
        if let Some(message) = over {
            // Kept without its text: the problem points at its start, and nothing else reads it.
            module.files.push(File::new(&source.path, ""));
            module.problems.push(Problem {
                span: whole,
                message,
            });
            continue;
        }
        module.files.push(File::new(&source.path, &source.text));
        read += size;
        let text = source.text.as_str();
        let parsed = match FileKind::of(&source.path) {
            FileKind::Hcl => {
                hcl::parse_body(index, text).map(|body| add_config(&mut module, body, true))
            }
            FileKind::Json => {
                json::parse_config(index, text).map(|body| add_config(&mut module, body, false))
            }
            FileKind::HclVars => {
                hcl::parse_body(index, text).map(|body| add_vars(&mut module, body))
            }
            FileKind::JsonVars => json::parse_vars(index, text)
                .map(|attributes| add_vars(&mut module, Body::new(attributes, Vec::new()))),
            FileKind::Other => Err(Problem {
                span: whole,
                message: format!(
                    "`{}` is not a Terraform file (.tf, .tf.json, .tfvars, .tfvars.json)",
                    source.path
                ),
            }),
        };
        if let Err(problem) = parsed {
            module.problems.push(problem);
        }
    }
    module
}

fn add_config(module: &mut Module, body: Body, native: bool) {
    if native {
        collect_structures(&body, &mut module.structures);
        for attr in &body.attributes {
            module.problems.push(Problem {
                span: attr.name_span,
                message: format!(
                    "unexpected argument `{}` at the top level: only blocks belong here",
                    attr.name
                ),
            });
        }
    }
    for block in body.blocks {
        add_block(module, block);
    }
}

fn collect_structures(body: &Body, out: &mut Vec<Span>) {
    for attr in &body.attributes {
        out.push(attr.name_span.to(attr.value.span));
    }
    for block in &body.blocks {
        out.push(block.span);
        collect_structures(&block.body, out);
    }
}

fn add_block(module: &mut Module, block: Block) {
    let expected = match block.kind.as_str() {
        "resource" | "data" => 2,
        "variable" | "module" => 1,
        _ => 0,
    };
    if block.kind != "locals" && expected > 0 && block.labels.len() != expected {
        module.problems.push(Problem {
            span: block.header,
            message: format!(
                "a `{}` block takes {expected} label(s), this one has {}",
                block.kind,
                block.labels.len()
            ),
        });
        return;
    }
    report_redefined(module, &block.body);
    match block.kind.as_str() {
        "resource" => {
            let [kind, name] = <[CompactString; 2]>::try_from(block.labels).unwrap_or_default();
            module.add_resource(Resource::new(
                kind,
                name,
                block.span,
                block.header,
                block.body,
            ));
        }
        "data" => {
            module.data_sources.insert(block.labels.join("."));
        }
        "module" => {
            module.module_calls.insert(block.labels[0].clone());
        }
        "variable" => {
            let name = block.labels[0].clone();
            let sensitive = block
                .body
                .attribute("sensitive")
                .is_some_and(|a| matches!(a.value.kind, crate::model::ExprKind::Bool(true)));
            let variable = Variable {
                name: name.clone(),
                span: block.header,
                default: block.body.attribute("default").map(|a| a.value.clone()),
                sensitive,
            };
            if module.variables.insert(name.clone(), variable).is_some() {
                module.problems.push(Problem {
                    span: block.header,
                    message: format!("duplicate variable `{name}`"),
                });
            }
        }
        "locals" => {
            for attr in block.body.attributes {
                if module.locals.contains_key(&attr.name) {
                    module.problems.push(Problem {
                        span: attr.name_span,
                        message: format!("duplicate local value `{}`", attr.name),
                    });
                    continue;
                }
                module.locals.insert(attr.name.clone(), attr);
            }
        }
        _ => {}
    }
}

/// Terraform rejects a body that sets the same argument twice.
fn report_redefined(module: &mut Module, body: &Body) {
    // A block holds a handful of arguments: comparing each with those before it is cheaper
    // than a set, which would be allocated for every block. A set past that, so that a body of
    // many thousand arguments stays linear.
    const COMPARE_UP_TO: usize = 16;
    // Created only when used: a new set seeds its hasher, which is costly in itself.
    let mut seen = (body.attributes.len() > COMPARE_UP_TO).then(HashSet::new);
    for (index, attr) in body.attributes.iter().enumerate() {
        let again = match &mut seen {
            Some(seen) => !seen.insert(attr.name.as_str()),
            None => body.attributes[..index].iter().any(|a| a.name == attr.name),
        };
        if again {
            module.problems.push(Problem {
                span: attr.name_span,
                message: format!("argument `{}` is set more than once", attr.name),
            });
        }
    }
}

fn add_vars(module: &mut Module, body: Body) {
    for block in &body.blocks {
        module.problems.push(Problem {
            span: block.header,
            message: "variable files hold only `name = value` assignments, not blocks".into(),
        });
    }
    for Attribute { name, value, .. } in body.attributes {
        module.tfvars.push((name, value));
    }
}
