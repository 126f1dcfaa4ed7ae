//! Terraform's filesystem functions that read the configuration's own files: `file`,
//! `fileexists`, `filebase64`, `templatefile` and the hashes of a file (`filesha256`, ...).
//!
//! They read the files the front end gave with the configuration files (the CLI reads those the
//! last lint run asked for, see `Evaluator::missing_files`), by a path relative to the root
//! module's directory, as Terraform resolves them against its working directory
//! (`"${path.module}/policy.json"`). A path outside the root module's directory tree, or
//! absolute, is never read: its value is `Unknown`, as is a file that was not given.

use std::rc::Rc;

use base64::Engine as _;
use foldhash::HashMap;

use super::{Certainty, Evaluator};
use crate::model::functions::{self, Lookup};
use crate::model::{modules, Expr, Value};
use crate::source::Span;

/// The functions of this file.
pub(super) const NAMES: &[&str] = &[
    "file",
    "fileexists",
    "filebase64",
    "templatefile",
    "filemd5",
    "filesha1",
    "filesha256",
    "filesha512",
    "filebase64sha256",
    "filebase64sha512",
];

impl<'m> Evaluator<'m> {
    /// A call of one of [`NAMES`].
    pub(super) fn file_call(&self, span: Span, name: &str, args: &[Expr]) -> Value {
        let arity = if name == "templatefile" { 2 } else { 1 };
        if args.len() != arity {
            let why = format!("`{name}` takes {arity} argument(s), not {}", args.len());
            return self.fault(span, Certainty::Sure, why);
        }
        let path = self.eval(&args[0]);
        let marked = path.is_sensitive();
        let path = match path.unmarked() {
            Value::String(path) => path.clone(),
            Value::Unknown => return Value::Unknown,
            other => {
                let why = format!(
                    "`{name}`: the path must be a string, not a {}",
                    crate::model::convert::type_name(other)
                );
                return self.fault(span, Certainty::Sure, why);
            }
        };
        let Some(file) = self.data_file(&path) else {
            return Value::Unknown;
        };
        let text = self.module.files[file].text.as_str();
        let value = match name {
            "file" => Value::String(text.into()),
            "fileexists" => Value::Bool(true),
            "filebase64" => Value::String(
                base64::engine::general_purpose::STANDARD
                    .encode(text)
                    .into(),
            ),
            "templatefile" => self.template_file(span, file, &args[1]),
            // `filesha256` and the others: the hash function of the name without `file`, of
            // the file's bytes (a file given is text).
            hash => match functions::lookup(&hash["file".len()..]) {
                Lookup::Evaluated(function) => {
                    (function.run)(&[Value::String(text.into())]).unwrap_or(Value::Unknown)
                }
                _ => Value::Unknown,
            },
        };
        value.marked_if(marked)
    }

    /// `templatefile(path, vars)`: the file's text as a template, with the names of `vars`
    /// bound.
    fn template_file(&self, span: Span, file: usize, vars: &Expr) -> Value {
        let vars = self.eval(vars);
        let marked = vars.is_sensitive();
        let bound = match vars.unmarked() {
            Value::Object(map) => map.clone(),
            Value::Unknown => return Value::Unknown,
            other => {
                let why = format!(
                    "`templatefile`: the variables must be an object or a map, not a {}",
                    crate::model::convert::type_name(other)
                );
                return self.fault(span, Certainty::Sure, why);
            }
        };
        let Some(template) = self.parsed_template(span, file) else {
            return Value::Unknown;
        };
        let scope = self.current.get();
        self.within(scope, None, || {
            self.bindings.borrow_mut().extend(
                bound
                    .iter()
                    .map(|(name, value)| (name.clone(), value.clone().marked_if(marked))),
            );
            self.eval(&template)
        })
    }

    /// The template in the file at `file`, parsed once.
    fn parsed_template(&self, span: Span, file: usize) -> Option<Rc<Expr>> {
        if let Some(template) = self.templates.borrow().get(&file) {
            return Some(template.clone());
        }
        let source = &self.module.files[file];
        let whole = Span::new(file, 0..source.text.len());
        match crate::parse::parse_template(&source.text, whole) {
            Ok(template) => {
                let template = Rc::new(template);
                self.templates.borrow_mut().insert(file, template.clone());
                Some(template)
            }
            Err(why) => {
                let why = format!(
                    "`templatefile`: `{}` is not a valid template: {why}",
                    source.path
                );
                self.fault(span, Certainty::Sure, why);
                None
            }
        }
    }

    /// The index of the file given at `path` (relative to the root module's directory), when it
    /// lies in the root module's directory tree; one not given is recorded as missing.
    fn data_file(&self, path: &str) -> Option<usize> {
        if path.starts_with(['/', '\\', '~']) || path.get(1..2) == Some(":") {
            return None;
        }
        let root = &self.module.scopes[self.module.root_of(self.current.get())].dir;
        let full = modules::join(root, path);
        if modules::relative(root, &full).starts_with("..") {
            return None;
        }
        let index = self.file_index.get_or_init(|| {
            let mut index = HashMap::default();
            for (at, file) in self.module.files.iter().enumerate() {
                index.insert(modules::normalize(&file.path), at);
            }
            index
        });
        let found = index.get(&full).copied();
        if found.is_none() {
            self.missing_files.borrow_mut().insert(full);
        }
        found
    }

    /// Files the filesystem functions asked for that were not given, by their path from the
    /// directory the configuration's paths are relative to: what a front end that reads files
    /// may read and lint again with.
    pub fn missing_files(&self) -> Vec<String> {
        self.missing_files.borrow().iter().cloned().collect()
    }
}
