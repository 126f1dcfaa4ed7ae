//! Terraform's JSON syntax (`.tf.json`, `.tfvars.json`), read with jsonc-parser for its spans.
//!
//! JSON has no expressions of its own: Terraform reads strings in argument values as templates
//! (`"${var.x}"`), `depends_on` entries as references, and variable defaults and tfvars values
//! literally. This module applies those rules and hands the model the same tree HCL gives.

use compact_str::CompactString;
use jsonc_parser::ast::{Object, ObjectPropName, Value as Json};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

use crate::model::expr::ObjectItem;
use crate::model::{Attribute, Block, Body, Expr, ExprKind, Problem, META_BLOCKS};
use crate::source::Span;

use super::hcl::parse_embedded;

/// Top-level block types and how many labels each takes.
const BLOCK_LABELS: &[(&str, usize)] = &[
    ("resource", 2),
    ("data", 2),
    ("variable", 1),
    ("module", 1),
    ("output", 1),
    ("provider", 1),
    ("locals", 0),
    ("terraform", 0),
];

pub fn parse_config(file: usize, text: &str) -> Result<Body, Problem> {
    let reader = Reader { file, text };
    let root = reader.root()?;
    let mut body = Body::default();
    for (key, key_span, value) in reader.props(&root)? {
        let Some(&(_, labels)) = BLOCK_LABELS.iter().find(|(k, _)| *k == key) else {
            continue;
        };
        reader.blocks(
            &key,
            key_span,
            value,
            labels,
            &mut Vec::new(),
            &mut body.blocks,
        )?;
    }
    Ok(body)
}

/// `{ "name": value }` of a `.tfvars.json` file; values are literal.
pub fn parse_vars(file: usize, text: &str) -> Result<Vec<Attribute>, Problem> {
    let reader = Reader { file, text };
    let root = reader.root()?;
    reader
        .props(&root)?
        .into_iter()
        .map(|(name, name_span, value)| {
            Ok(Attribute {
                name,
                name_span,
                value: reader.literal(value),
            })
        })
        .collect()
}

/// Terraform's JSON, the plan's and the config file's are plain JSON: no JSONC extensions.
pub(crate) fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// A property's name and the byte range of the name.
pub(crate) fn prop_name(name: &ObjectPropName<'_>) -> (CompactString, jsonc_parser::common::Range) {
    match name {
        ObjectPropName::String(s) => (CompactString::from(&*s.value), s.range),
        ObjectPropName::Word(w) => (CompactString::from(w.value), w.range),
    }
}

pub(super) struct Reader<'t> {
    pub(super) file: usize,
    pub(super) text: &'t str,
}

pub(super) type Prop<'a, 'j> = (CompactString, Span, &'j Json<'a>);

impl<'t> Reader<'t> {
    pub(super) fn span(&self, range: jsonc_parser::common::Range) -> Span {
        Span::new(self.file, range.start..range.end)
    }

    pub(super) fn problem(&self, span: Span, message: impl Into<String>) -> Problem {
        Problem {
            span,
            help: None,
            message: message.into(),
        }
    }

    pub(super) fn root(&self) -> Result<Json<'t>, Problem> {
        let parsed = jsonc_parser::parse_to_ast(self.text, &CollectOptions::default(), &strict())
            .map_err(|e| {
            let span = self.span(e.range());
            self.problem(span, format!("JSON syntax error: {}", e.kind()))
        })?;
        match parsed.value {
            Some(root @ Json::Object(_)) => Ok(root),
            Some(other) => Err(self.problem(
                self.span(other.range()),
                "expected a JSON object at the top level",
            )),
            None => Ok(Json::Object(Object {
                range: jsonc_parser::common::Range { start: 0, end: 0 },
                properties: Vec::new(),
            })),
        }
    }

    /// The properties of an object, skipping Terraform's `"//"` comment keys.
    pub(super) fn props<'j>(&self, value: &'j Json<'t>) -> Result<Vec<Prop<'t, 'j>>, Problem> {
        match value {
            Json::Object(object) => Ok(object
                .properties
                .iter()
                .filter_map(|p| {
                    let (name, range) = prop_name(&p.name);
                    (name != "//").then(|| (name, self.span(range), &p.value))
                })
                .collect()),
            other => Err(self.problem(self.span(other.range()), "expected a JSON object")),
        }
    }

    /// An object, or an array of objects (Terraform accepts both wherever blocks are listed).
    fn objects<'j>(&self, value: &'j Json<'t>) -> Result<Vec<&'j Json<'t>>, Problem> {
        match value {
            Json::Array(array) => Ok(array.elements.iter().collect()),
            other => Ok(vec![other]),
        }
    }

    fn blocks(
        &self,
        kind: &str,
        header: Span,
        value: &Json<'t>,
        labels_left: usize,
        labels: &mut Vec<CompactString>,
        out: &mut Vec<Block>,
    ) -> Result<(), Problem> {
        for object in self.objects(value)? {
            if labels_left == 0 {
                out.push(Block {
                    kind: CompactString::from(kind),
                    labels: labels.clone(),
                    span: header.to(self.span(object.range())),
                    header,
                    body: self.body(kind, object)?,
                });
                continue;
            }
            for (label, label_span, inner) in self.props(object)? {
                labels.push(label);
                self.blocks(kind, label_span, inner, labels_left - 1, labels, out)?;
                labels.pop();
            }
        }
        Ok(())
    }

    fn body(&self, kind: &str, object: &Json<'t>) -> Result<Body, Problem> {
        let mut body = Body::default();
        for (name, name_span, value) in self.props(object)? {
            if kind == "resource" && META_BLOCKS.contains(&name.as_str()) {
                self.blocks(
                    &name,
                    name_span,
                    value,
                    0,
                    &mut Vec::new(),
                    &mut body.blocks,
                )?;
                continue;
            }
            let value = match (kind, name.as_str()) {
                // A type constraint in JSON is the type expression written as a string.
                ("variable", "type") => match value {
                    Json::StringLit(s) => self.embedded(&s.value, self.span(s.range), false)?,
                    _ => self.literal(value),
                },
                ("variable", _) => self.literal(value),
                (_, "depends_on") => self.references(value)?,
                _ => self.expr(value)?,
            };
            body.attributes.push(Attribute {
                name,
                name_span,
                value,
            });
        }
        Ok(body)
    }

    /// A value in an argument: strings are templates.
    fn expr(&self, value: &Json<'t>) -> Result<Expr, Problem> {
        let span = self.span(value.range());
        let kind = match value {
            Json::StringLit(s) => {
                return self.embedded(&s.value, span, true);
            }
            Json::Array(array) => ExprKind::Array(
                array
                    .elements
                    .iter()
                    .map(|e| self.expr(e))
                    .collect::<Result<_, _>>()?,
            ),
            Json::Object(_) => ExprKind::Object(
                self.props(value)?
                    .into_iter()
                    .map(|(key, key_span, v)| {
                        Ok(ObjectItem {
                            key: Some(key),
                            key_span,
                            key_expr: None,
                            value: self.expr(v)?,
                        })
                    })
                    .collect::<Result<_, Problem>>()?,
            ),
            _ => return Ok(self.literal(value)),
        };
        Ok(Expr::new(span, kind))
    }

    /// `depends_on` entries: each string is a reference such as `"vault_keymgmt_key.k"`.
    fn references(&self, value: &Json<'t>) -> Result<Expr, Problem> {
        let span = self.span(value.range());
        let Json::Array(array) = value else {
            return Err(self.problem(span, "`depends_on` must be an array of references"));
        };
        let items = array
            .elements
            .iter()
            .map(|e| match e {
                Json::StringLit(s) => self.embedded(&s.value, self.span(s.range), false),
                other => Err(self.problem(self.span(other.range()), "expected a reference string")),
            })
            .collect::<Result<_, _>>()?;
        Ok(Expr::new(span, ExprKind::Array(items)))
    }

    /// A template or reference written in the JSON string at `span`.
    pub(super) fn embedded(
        &self,
        content: &str,
        span: Span,
        as_template: bool,
    ) -> Result<Expr, Problem> {
        let inner = span.sub(1, span.end.saturating_sub(span.start + 2));
        let exact = self.text.get(inner.start..inner.end) == Some(content);
        let parsed = parse_embedded(content, as_template, inner, exact);
        // The string as a whole is the value, quotes included, as in HCL.
        let parsed = parsed.map(|expr| match expr.kind {
            ExprKind::Template(_) => Expr { span, ..expr },
            _ => expr,
        });
        parsed.map_err(|message| {
            let what = if as_template { "template" } else { "reference" };
            self.problem(span, format!("invalid {what} in JSON string: {message}"))
        })
    }

    /// A value taken as written: no templates.
    pub(super) fn literal(&self, value: &Json<'t>) -> Expr {
        let span = self.span(value.range());
        let kind = match value {
            Json::NullKeyword(_) => ExprKind::Null,
            Json::BooleanLit(b) => ExprKind::Bool(b.value),
            Json::NumberLit(n) => match serde_json::from_str(n.value) {
                Ok(number) => ExprKind::Number(number),
                Err(_) => ExprKind::Opaque,
            },
            Json::StringLit(s) => ExprKind::String(CompactString::from(&*s.value)),
            Json::Array(array) => {
                ExprKind::Array(array.elements.iter().map(|e| self.literal(e)).collect())
            }
            Json::Object(object) => ExprKind::Object(
                object
                    .properties
                    .iter()
                    .map(|p| {
                        let (key, range) = prop_name(&p.name);
                        ObjectItem {
                            key: Some(key),
                            key_span: self.span(range),
                            key_expr: None,
                            value: self.literal(&p.value),
                        }
                    })
                    .collect(),
            ),
        };
        Expr::new(span, kind)
    }
}
