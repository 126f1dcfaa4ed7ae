//! Reading the files given into what each directory declares ([`Sources`]).

mod hcl;

#[cfg(test)]
pub(crate) use hcl::parse_body;
pub(crate) mod json;
mod plan;

pub use plan::parse_plan;

/// An expression given as text outside any file (a `TF_VAR_` value): each of its parts is at
/// `place`.
pub fn parse_expression(text: &str, place: Span) -> Result<crate::model::Expr, String> {
    hcl::parse_embedded(text, false, place, false).or_else(|error| {
        // Terraform's expression parser skips comments after the expression too; hcl-edit's
        // takes none there, but does inside parentheses.
        if !["#", "//", "/*"].iter().any(|c| text.contains(c)) {
            return Err(error);
        }
        hcl::parse_embedded(&format!("({text}\n)"), false, place, false)
    })
}

/// A template read from a file's whole text (`templatefile`), its spans in that file.
pub fn parse_template(text: &str, whole: Span) -> Result<crate::model::Expr, String> {
    hcl::parse_embedded(text, true, whole, true)
}

use std::collections::btree_map::Entry;

use compact_str::CompactString;

use crate::model::constraint::Constraint;
use crate::model::expr::{ObjectItem, TemplatePart};
use crate::model::modules::{self, Declarations, Manifest, ModuleCall, Output};
use crate::model::pin::{self, VaultVersion};
use crate::model::{Attribute, Block, Body, ExprKind, Problem, Resource, Sources, Variable};
use crate::source::{File, FileKind, Span};
use crate::{SourceFile, Unread};

/// Larger files are reported, not parsed: no Terraform module comes near it, and it keeps a
/// hostile input from exhausting the memory of a WebAssembly instance.
pub const MAX_FILE_BYTES: usize = 32 * 1024 * 1024;

/// The files of one module together: what is read of a module stays within it, in the order
/// given, and the files past it are reported, not read. A module's memory and time grow with its
/// input, and no Terraform module comes near this either (the 10,000-key benchmark is 7 MB);
/// sized so that linting a module of hostile text stays within the time goal of
/// bench/cli/hostile.mjs (figures in docs/robustness.md).
pub const MAX_MODULE_BYTES: usize = 16 * 1024 * 1024;

const NOT_TEXT_HELP: &str = "Terraform reads configuration files as UTF-8 text; re-save the file as UTF-8 or remove it from the module.";

const NOT_REGULAR_HELP: &str = "keymgmt-lint reads only regular files: a pipe, socket or device may block or never end. Replace it with the file it stands for, or remove it from the module.";

/// What the files declare, directory by directory: the configuration files of one directory
/// are one module, and the root module's is the directory of the first of them. Variable files
/// belong to the root module wherever they are, and `.terraform/modules/modules.json` says
/// where `terraform init` installed remote modules.
pub fn parse(files: &[SourceFile]) -> Sources {
    let mut sources = Sources::default();
    let mut read = 0u64;
    for (index, source) in files.iter().enumerate() {
        let whole = Span::new(index, 0..0);
        let size = source.size();
        let unread = source.unread();
        let too_large = matches!(unread, Some((_, Unread::TooLarge)));
        let over = if size > MAX_FILE_BYTES as u64 {
            Some(format!(
                "file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes; it was not read"
            ))
        } else if too_large || read + size > MAX_MODULE_BYTES as u64 {
            Some(format!(
                "the module's files are over the limit of {MAX_MODULE_BYTES} bytes together with this one ({size} bytes); it was not read"
            ))
        } else {
            None
        };
        if let Some(message) = over {
            // Kept without its text: the problem points at its start, and nothing else reads it.
            sources.files.push(File::new(&source.path, ""));
            sources.problems.push(Problem {
                span: whole,
                help: None,
                message,
            });
            continue;
        }
        if let Some((at, unread)) = unread {
            let path = &source.path;
            let (message, help) = match unread {
                Unread::Nul(at) => (
                    format!("{path} looks like a binary file (NUL byte at offset {at})"),
                    NOT_TEXT_HELP,
                ),
                Unread::InvalidUtf8(at, byte) => (
                    format!("{path} is not valid UTF-8 text (byte 0x{byte:02x} at offset {at})"),
                    NOT_TEXT_HELP,
                ),
                Unread::NotRegular(reason) => {
                    (format!("{path} was not read: {reason}"), NOT_REGULAR_HELP)
                }
                Unread::TooLarge => unreachable!("reported as over a limit"),
            };
            // Kept only for the position of the problem; a file read whole counts whole.
            read += size;
            sources.files.push(File::new(path, &source.text));
            sources.problems.push(Problem {
                span: at.map_or(whole, |at| Span::new(index, at..at + 1)),
                message,
                help: Some(help),
            });
            continue;
        }
        sources.files.push(File::new(&source.path, &source.text));
        read += size;
        // Terraform reads a file that starts with a UTF-8 byte order mark; three spaces in its
        // place keep every byte offset as it is in the file.
        let unmarked = source
            .text
            .strip_prefix('\u{feff}')
            .map(|rest| format!("   {rest}"));
        let text = unmarked.as_deref().unwrap_or(source.text.as_str());
        let kind = FileKind::of(&source.path);
        let parsed = match kind {
            FileKind::Hcl | FileKind::Json => {
                let dir = modules::directory_of(&source.path);
                let at = match sources.directories.iter().position(|d| d.dir == dir) {
                    Some(at) => at,
                    None => {
                        sources.directories.push(Declarations::new(dir));
                        sources.directories.len() - 1
                    }
                };
                let mut reading = Reading {
                    declared: &mut sources.directories[at],
                    problems: &mut sources.problems,
                    files: &sources.files,
                    vault: &mut sources.vault,
                };
                if kind == FileKind::Hcl {
                    hcl::parse_body(index, text).map(|body| {
                        collect_structures(&body, &mut sources.structures);
                        reading.add_config(body, true)
                    })
                } else {
                    json::parse_config(index, text).map(|body| reading.add_config(body, false))
                }
            }
            FileKind::HclVars => {
                hcl::parse_body(index, text).map(|body| add_vars(&mut sources, body))
            }
            FileKind::JsonVars => json::parse_vars(index, text)
                .map(|attributes| add_vars(&mut sources, Body::new(attributes, Vec::new()))),
            FileKind::Other if modules::is_manifest(&source.path) => {
                Manifest::read(&source.path, text)
                    .map(|manifest| sources.manifest = Some(manifest))
                    .map_err(|message| Problem {
                        span: whole,
                        help: None,
                        message,
                    })
            }
            FileKind::Other if is_lock_file(&source.path) => hcl::parse_body(index, text)
                .map(|body| read_lock_file(&mut sources, &source.path, body)),
            // Any other file is data that the filesystem functions (`file`, `templatefile`) may
            // read.
            FileKind::Other => Ok(()),
        };
        if let Err(problem) = parsed {
            sources.problems.push(problem);
        }
    }
    sources
}

/// The declarations of one directory being read, and where problems go.
struct Reading<'a> {
    declared: &'a mut Declarations,
    problems: &'a mut Vec<Problem>,
    files: &'a [File],
    vault: &'a mut VaultVersion,
}

impl Reading<'_> {
    fn add_config(&mut self, body: Body, native: bool) {
        if native {
            for attr in &body.attributes {
                self.problems.push(Problem {
                    span: attr.name_span,
                    help: None,
                    message: format!(
                        "unexpected argument `{}` at the top level: only blocks belong here",
                        attr.name
                    ),
                });
            }
        }
        for block in body.blocks {
            self.add_block(block);
        }
    }

    fn add_block(&mut self, block: Block) {
        let expected = match block.kind.as_str() {
            "resource" | "data" => 2,
            "variable" | "module" | "output" => 1,
            _ => 0,
        };
        if block.kind != "locals" && expected > 0 && block.labels.len() != expected {
            self.problems.push(Problem {
                span: block.header,
                help: None,
                message: format!(
                    "a `{}` block takes {expected} label(s), this one has {}",
                    block.kind,
                    block.labels.len()
                ),
            });
            return;
        }
        report_redefined(self.problems, &block.body);
        let declared = &mut *self.declared;
        let duplicate = match block.kind.as_str() {
            "resource" => {
                let [kind, name] = <[CompactString; 2]>::try_from(block.labels).unwrap_or_default();
                let resource = Resource::new(kind, name, block.span, block.header, block.body);
                match declared.add_resource(resource) {
                    Ok(()) => None,
                    Err(first) => {
                        let message = format!(
                            "duplicate resource `{}`: it is already declared in {}",
                            first.address(),
                            self.files[first.span.file].path
                        );
                        Some((block.header, message))
                    }
                }
            }
            "data" => {
                declared.data_sources.insert(block.labels.join("."));
                None
            }
            "terraform" => {
                read_required_providers(self.vault, &block.body);
                None
            }
            "module" => {
                let name = block.labels[0].clone();
                let source = block
                    .body
                    .attribute("source")
                    .and_then(|a| literal_string(&a.value));
                let call = ModuleCall {
                    name: name.clone(),
                    header: block.header,
                    source,
                    body: block.body,
                };
                match declared.calls.entry(name.clone()) {
                    Entry::Occupied(_) => {
                        Some((block.header, format!("duplicate module call `{name}`")))
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(call);
                        None
                    }
                }
            }
            "output" => {
                let name = block.labels[0].clone();
                let output = Output {
                    name: name.clone(),
                    header: block.header,
                    value: block.body.attribute("value").map(|a| a.value.clone()),
                    sensitive: is_true(&block.body, "sensitive"),
                };
                match declared.outputs.entry(name.clone()) {
                    Entry::Occupied(_) => {
                        Some((block.header, format!("duplicate output `{name}`")))
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(output);
                        None
                    }
                }
            }
            "variable" => {
                let name = block.labels[0].clone();
                let constraint = match block
                    .body
                    .attribute("type")
                    .map(|a| Constraint::parse(&a.value))
                {
                    Some(Ok(constraint)) => Some(constraint),
                    Some(Err((span, message))) => {
                        self.problems.push(Problem {
                            span,
                            message,
                            help: None,
                        });
                        Some(Constraint::Any)
                    }
                    None => None,
                };
                let variable = Variable {
                    constraint,
                    name: name.clone(),
                    span: block.header,
                    default: block.body.attribute("default").map(|a| a.value.clone()),
                    sensitive: is_true(&block.body, "sensitive"),
                    nullable: !block
                        .body
                        .attribute("nullable")
                        .is_some_and(|a| matches!(a.value.kind, ExprKind::Bool(false))),
                };
                match declared.variables.entry(name.clone()) {
                    Entry::Occupied(_) => {
                        Some((block.header, format!("duplicate variable `{name}`")))
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(variable);
                        None
                    }
                }
            }
            "locals" => {
                for attr in block.body.attributes {
                    if declared.locals.contains_key(&attr.name) {
                        self.problems.push(Problem {
                            span: attr.name_span,
                            help: None,
                            message: format!("duplicate local value `{}`", attr.name),
                        });
                        continue;
                    }
                    declared.locals.insert(attr.name.clone(), attr);
                }
                None
            }
            _ => None,
        };
        if let Some((span, message)) = duplicate {
            self.problems.push(Problem {
                span,
                message,
                help: None,
            });
        }
    }
}

/// The version constraints on the Vault provider in a `terraform` block's `required_providers`:
/// a nested block in native syntax, an object (or a list of them) in JSON.
fn read_required_providers(vault: &mut VaultVersion, terraform: &Body) {
    let mut entries: Vec<&Attribute> = Vec::new();
    for block in terraform
        .blocks
        .iter()
        .filter(|b| b.kind == "required_providers")
    {
        entries.extend(&block.body.attributes);
    }
    let mut objects: Vec<&[ObjectItem]> = Vec::new();
    if let Some(attr) = terraform.attribute("required_providers") {
        match &attr.value.kind {
            ExprKind::Object(items) => objects.push(items),
            ExprKind::Array(elements) => {
                objects.extend(elements.iter().filter_map(|e| match &e.kind {
                    ExprKind::Object(items) => Some(items.as_slice()),
                    _ => None,
                }))
            }
            _ => {}
        }
    }
    let listed = objects
        .into_iter()
        .flatten()
        .filter_map(|item| Some((item.key.as_deref()?, &item.value)));
    for (name, value) in entries
        .iter()
        .map(|a| (a.name.as_str(), &a.value))
        .chain(listed)
    {
        let (source, version) = match &value.kind {
            // The form of Terraform 0.12: `vault = "~> 5.11"`.
            ExprKind::String(_) | ExprKind::Template(_) => (None, Some(value)),
            ExprKind::Object(items) => {
                let field = |key: &str| {
                    items
                        .iter()
                        .find(|i| i.key.as_deref() == Some(key))
                        .map(|i| &i.value)
                };
                (field("source").and_then(literal_string), field("version"))
            }
            _ => continue,
        };
        if !pin::is_vault(name, source.as_deref()) {
            continue;
        }
        if let Some(version) = version {
            if let Some(text) = literal_string(version) {
                vault.constraints.push((version.span, text.into()));
            }
        }
    }
}

fn is_lock_file(path: &str) -> bool {
    path.rsplit(['/', '\\']).next() == Some(".terraform.lock.hcl")
}

/// The Vault provider's version in a lock file: `provider "registry.terraform.io/hashicorp/vault"
/// { version = "5.11.0" }`.
fn read_lock_file(sources: &mut Sources, path: &str, body: Body) {
    for block in body.blocks.iter().filter(|b| b.kind == "provider") {
        if !block.labels.first().is_some_and(|l| pin::is_vault_lock(l)) {
            continue;
        }
        if let Some(version) = block.body.attribute("version") {
            if let Some(text) = literal_string(&version.value) {
                let dir = modules::directory_of(path);
                sources
                    .vault
                    .locked
                    .push((dir, version.value.span, text.into()));
            }
        }
    }
}

fn is_true(body: &Body, name: &str) -> bool {
    body.attribute(name)
        .is_some_and(|a| matches!(a.value.kind, ExprKind::Bool(true)))
}

fn literal_string(expr: &crate::model::Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::String(s) => Some(s.to_string()),
        ExprKind::Template(parts) => match parts.as_slice() {
            [TemplatePart::Literal(s)] => Some(s.to_string()),
            _ => None,
        },
        _ => None,
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

/// Terraform rejects a body that sets the same argument twice.
fn report_redefined(problems: &mut Vec<Problem>, body: &Body) {
    for index in body.repeated() {
        let attr = &body.attributes[index];
        problems.push(Problem {
            span: attr.name_span,
            help: None,
            message: format!("argument `{}` is set more than once", attr.name),
        });
    }
}

fn add_vars(sources: &mut Sources, body: Body) {
    for block in &body.blocks {
        sources.problems.push(Problem {
            span: block.header,
            help: None,
            message: "variable files hold only `name = value` assignments, not blocks".into(),
        });
    }
    for Attribute { name, value, .. } in body.attributes {
        sources.tfvars.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, Options, SourceFile};

    /// (rule, message, start line, start column, start offset) of each diagnostic.
    fn found(files: Vec<SourceFile>) -> Vec<(String, String, u32, u32, u32)> {
        let report = lint(&files, &Options::default()).unwrap();
        report
            .diagnostics
            .iter()
            .map(|d| {
                let s = d.range.start;
                (
                    d.rule.to_string(),
                    d.message.clone(),
                    s.line,
                    s.column,
                    s.offset,
                )
            })
            .collect()
    }

    #[test]
    fn bytes_that_are_not_text_are_a_parse_error_at_the_first_offending_byte() {
        let nul = SourceFile::from_bytes(
            "main.tf",
            b"resource \"x\" \"y\" {\n  a = \"\xc3\xa9\0\"\n}\n".to_vec(),
        );
        assert_eq!(
            found(vec![nul]),
            [(
                "parse-error".into(),
                "main.tf looks like a binary file (NUL byte at offset 28)".into(),
                2,
                9,
                28
            )]
        );
        // Columns in UTF-16 units (the emoji is two), offsets in bytes; an invalid byte before the
        // offending one is one column.
        let latin1 = SourceFile::from_bytes("a.tf", "# 😀é".bytes().chain([0xff]).collect());
        assert_eq!(
            found(vec![latin1]),
            [(
                "parse-error".into(),
                "a.tf is not valid UTF-8 text (byte 0xff at offset 8)".into(),
                1,
                6,
                8
            )]
        );
        let text = SourceFile::from_bytes("ok.tf", b"locals {}\n".to_vec());
        assert_eq!(found(vec![text]), []);
    }

    #[test]
    fn a_file_left_unread_is_reported_as_the_reader_says() {
        let files = vec![
            SourceFile::too_large("huge.tf", 10 << 30),
            SourceFile::too_large("late.tf", 100),
            SourceFile::not_regular("fifo.tf", "it is a FIFO"),
        ];
        assert_eq!(
            found(files),
            [
                ("parse-error".into(), "fifo.tf was not read: it is a FIFO".into(), 1, 1, 0),
                ("parse-error".into(), "file is 10737418240 bytes, over the limit of 33554432 bytes; it was not read".into(), 1, 1, 0),
                ("parse-error".into(), "the module's files are over the limit of 16777216 bytes together with this one (100 bytes); it was not read".into(), 1, 1, 0),
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_text_counts_whole_towards_the_module_limit() {
        // Its NUL first: only one byte of it is kept as text.
        let mut big = vec![0];
        big.extend(vec![b'#'; crate::MAX_MODULE_BYTES - 10]);
        let after = SourceFile::new("b.tf", "# twenty bytes here\n");
        let messages: Vec<String> = found(vec![SourceFile::from_bytes("a.tf", big), after])
            .into_iter()
            .map(|d| d.1)
            .collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[1].contains("over the limit"), "{messages:?}");
    }
}
