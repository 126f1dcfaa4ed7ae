//! Native HCL syntax (`.tf`, `.tfvars`) through hcl-edit, which keeps the byte span of every node.

use compact_str::CompactString;
use hcl_edit::expr::{Expression, ObjectKey, TraversalOperator};
use hcl_edit::structure::{BlockLabel, Structure};
use hcl_edit::template::{Directive, Element, Template};

use crate::model::expr::{For, ObjectItem, TemplatePart};
use crate::model::{Attribute, Block, Body, Expr, ExprKind, Problem, Step, Traversal};
use crate::source::Span;

pub fn parse_body(file: usize, text: &str) -> Result<Body, Problem> {
    match parse_in_pieces(file, text) {
        Some(body) => Ok(body),
        None => parse_whole(file, text),
    }
}

fn parse_whole(file: usize, text: &str) -> Result<Body, Problem> {
    let body = hcl_edit::parser::parse_body(text).map_err(|e| problem(file, text, &e))?;
    let converted = Converter::new(file, 0).body(&body);
    crate::memory::discard(body);
    Ok(converted)
}

/// Pieces of about this size are parsed one at a time.
const PIECE_BYTES: usize = 8 << 10;

/// A large file parsed a piece at a time, each piece's syntax tree converted and freed before
/// the next is parsed: the tree of the whole file is several times the size of the text, and
/// building it at once touched fresh memory for all of it (a large part of the time of a 7 MB
/// module in WebAssembly, bench/).
///
/// Pieces end after a line holding only `}` at the start of the line, where a top-level block
/// usually ends. Such a line may also sit inside a heredoc or a comment; then the piece before it
/// holds an unterminated heredoc or comment, or an unclosed block, and fails to parse. Only when
/// every piece parses on its own is the result used: a body that ends where a structure ends
/// parses the same alone as followed by more structures. Otherwise `None`, and the file is
/// parsed whole, which also gives any syntax error its exact position.
fn parse_in_pieces(file: usize, text: &str) -> Option<Body> {
    if text.len() < 2 * PIECE_BYTES {
        return None;
    }
    let mut out = Body::default();
    let mut start = 0;
    while start < text.len() {
        let end = piece_end(text, start);
        let piece = &text[start..end];
        let body = hcl_edit::parser::parse_body(piece).ok()?;
        let converted = Converter::new(file, start).body(&body);
        drop(body);
        out.attributes.extend(converted.attributes);
        out.blocks.extend(converted.blocks);
        start = end;
    }
    Some(out)
}

/// Where the piece starting at `start` ends: after the first line holding only `}` at least
/// `PIECE_BYTES` on, or at the end of the text.
fn piece_end(text: &str, start: usize) -> usize {
    let from = start + PIECE_BYTES;
    if from >= text.len() {
        return text.len();
    }
    let mut search = from;
    // `from` may fall inside a UTF-8 sequence; the bytes searched for are ASCII.
    while let Some(found) = text.as_bytes()[search..]
        .windows(2)
        .position(|w| w == b"\n}")
    {
        let close = search + found + 1;
        let rest = &text.as_bytes()[close + 1..];
        for newline in [&b"\n"[..], b"\r\n"] {
            if rest.starts_with(newline) {
                return close + 1 + newline.len();
            }
        }
        search = close;
    }
    text.len()
}

/// A template or expression embedded in a JSON string whose content starts at `base`. When the
/// string holds escapes, offsets inside it no longer match the file, so every node gets `whole`.
pub fn parse_embedded(
    text: &str,
    as_template: bool,
    base: Span,
    exact: bool,
) -> Result<Expr, String> {
    let converter = Converter {
        file: base.file,
        base: base.start,
        whole: (!exact).then_some(base),
    };
    if as_template {
        let template =
            hcl_edit::parser::parse_template(text).map_err(|e| e.message().to_string())?;
        Ok(Expr::new(base, converter.template(&template)))
    } else {
        let expr = hcl_edit::parser::parse_expr(text).map_err(|e| e.message().to_string())?;
        Ok(converter.expr(&expr))
    }
}

fn problem(file: usize, text: &str, error: &hcl_edit::parser::Error) -> Problem {
    let mut offset = error.location().offset().min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let end = text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8());
    Problem {
        span: Span::new(file, offset..end),
        help: None,
        message: format!("HCL syntax error: {}", error.message()),
    }
}

struct Converter {
    file: usize,
    base: usize,
    whole: Option<Span>,
}

impl Converter {
    /// For text that starts at byte `base` of the file.
    fn new(file: usize, base: usize) -> Converter {
        Converter {
            file,
            base,
            whole: None,
        }
    }

    fn span(&self, node: &impl hcl_edit::Span) -> Span {
        if let Some(whole) = self.whole {
            return whole;
        }
        let range = node.span().unwrap_or(0..0);
        Span::new(self.file, self.base + range.start..self.base + range.end)
    }

    fn body(&self, body: &hcl_edit::structure::Body) -> Body {
        // Sized up front: growing the vectors one push at a time reallocates them for nearly
        // every block of a module.
        let attributes = body.iter().filter(|s| s.is_attribute()).count();
        let mut out = Body::new(
            Vec::with_capacity(attributes),
            Vec::with_capacity(body.len() - attributes),
        );
        for structure in body.iter() {
            match structure {
                Structure::Attribute(attr) => out.attributes.push(Attribute {
                    name: CompactString::from(attr.key.as_str()),
                    name_span: self.span(&attr.key),
                    value: self.expr(&attr.value),
                }),
                Structure::Block(block) => {
                    let ident = self.span(&block.ident);
                    let header = block
                        .labels
                        .last()
                        .map_or(ident, |label| ident.to(self.label_span(label)));
                    out.blocks.push(Block {
                        kind: CompactString::from(block.ident.as_str()),
                        labels: block
                            .labels
                            .iter()
                            .map(|l| CompactString::from(l.as_str()))
                            .collect(),
                        span: self.span(block),
                        header,
                        body: self.body(&block.body),
                    });
                }
            }
        }
        out
    }

    fn label_span(&self, label: &BlockLabel) -> Span {
        match label {
            BlockLabel::Ident(ident) => self.span(ident),
            BlockLabel::String(string) => self.span(string),
        }
    }

    fn expr(&self, expr: &Expression) -> Expr {
        let span = self.span(expr);
        let kind = match expr {
            Expression::Null(_) => ExprKind::Null,
            Expression::Bool(b) => ExprKind::Bool(*b.value()),
            Expression::Number(n) => number(n.value()),
            Expression::String(s) => ExprKind::String(CompactString::from(s.value().as_str())),
            Expression::Array(items) => {
                ExprKind::Array(items.iter().map(|e| self.expr(e)).collect())
            }
            Expression::Object(object) => ExprKind::Object(
                object
                    .iter()
                    .map(|(key, value)| self.object_item(key, value.expr()))
                    .collect(),
            ),
            Expression::StringTemplate(t) => self.template(t),
            Expression::HeredocTemplate(h) => self.template(&h.template),
            Expression::Parenthesis(p) => return self.expr(p.inner()),
            Expression::Variable(v) => {
                ExprKind::Traversal(Traversal::new(CompactString::from(v.as_str()), Vec::new()))
            }
            Expression::Traversal(t) => self.traversal(&t.expr, &t.operators),
            Expression::FuncCall(call) => {
                let mut name = CompactString::default();
                for part in &call.name.namespace {
                    name.push_str(part.as_str());
                    name.push_str("::");
                }
                name.push_str(call.name.name.as_str());
                ExprKind::Call {
                    name,
                    args: call.args.iter().map(|e| self.expr(e)).collect(),
                    expand: call.args.expand_final(),
                }
            }
            Expression::Conditional(c) => ExprKind::Conditional(Box::new([
                self.expr(&c.cond_expr),
                self.expr(&c.true_expr),
                self.expr(&c.false_expr),
            ])),
            Expression::UnaryOp(op) => ExprKind::Unary {
                op: *op.operator.value(),
                operand: Box::new(self.expr(&op.expr)),
            },
            Expression::BinaryOp(op) => ExprKind::Binary {
                op: *op.operator.value(),
                operands: Box::new([self.expr(&op.lhs_expr), self.expr(&op.rhs_expr)]),
            },
            Expression::ForExpr(f) => ExprKind::For(Box::new(For {
                key_var: f.intro.key_var.as_ref().map(|k| k.as_str().into()),
                value_var: f.intro.value_var.as_str().into(),
                collection: self.expr(&f.intro.collection_expr),
                key: f.key_expr.as_ref().map(|e| self.expr(e)),
                value: self.expr(&f.value_expr),
                cond: f.cond.as_ref().map(|c| self.expr(&c.expr)),
                grouping: f.grouping,
            })),
        };
        Expr::new(span, kind)
    }

    fn object_item(&self, key: &ObjectKey, value: &Expression) -> ObjectItem {
        let (name, key_span) = match key {
            ObjectKey::Ident(ident) => {
                (Some(CompactString::from(ident.as_str())), self.span(ident))
            }
            ObjectKey::Expression(expr) => {
                return match expr {
                    Expression::String(s) => ObjectItem {
                        key: Some(CompactString::from(s.value().as_str())),
                        key_span: self.span(expr),
                        key_expr: None,
                        value: self.expr(value),
                    },
                    // `{ (local.k) = ... }`, `{ "${var.k}" = ... }`: evaluated.
                    _ => ObjectItem {
                        key: None,
                        key_span: self.span(expr),
                        key_expr: Some(self.expr(expr)),
                        value: self.expr(value),
                    },
                };
            }
        };
        ObjectItem {
            key: name,
            key_span,
            key_expr: None,
            value: self.expr(value),
        }
    }

    fn traversal(
        &self,
        root: &Expression,
        operators: &[hcl_edit::Decorated<TraversalOperator>],
    ) -> ExprKind {
        let steps = operators
            .iter()
            .map(|op| match op.value() {
                TraversalOperator::GetAttr(ident) => {
                    Step::Attr(CompactString::from(ident.as_str()), self.span(op))
                }
                TraversalOperator::Index(e) => Step::Index(self.expr(e)),
                TraversalOperator::LegacyIndex(i) => {
                    let span = self.span(op);
                    Step::Index(Expr::new(span, ExprKind::Number((*i.value()).into())))
                }
                TraversalOperator::AttrSplat(_) => Step::Splat { full: false },
                TraversalOperator::FullSplat(_) => Step::Splat { full: true },
            })
            .collect();
        match root {
            Expression::Variable(var) => {
                ExprKind::Traversal(Traversal::new(CompactString::from(var.as_str()), steps))
            }
            _ => ExprKind::Access {
                base: Box::new(self.expr(root)),
                steps,
            },
        }
    }

    fn template(&self, template: &Template) -> ExprKind {
        ExprKind::Template(self.parts(template, false, false))
    }

    /// The parts of a template, with strip markers applied to its literals: `trim_start` and
    /// `trim_end` say whether the markers around a nested template strip its ends.
    fn parts(&self, template: &Template, trim_start: bool, trim_end: bool) -> Vec<TemplatePart> {
        let elements: Vec<&Element> = template.iter().collect();
        let mut parts = Vec::with_capacity(elements.len());
        for (i, element) in elements.iter().enumerate() {
            parts.push(match element {
                Element::Literal(lit) => {
                    let mut text = lit.value().as_str();
                    let before = i
                        .checked_sub(1)
                        .map_or(trim_start, |p| strips_after(elements[p]));
                    let after = elements.get(i + 1).map_or(trim_end, |n| strips_before(n));
                    if before {
                        text = text.trim_start();
                    }
                    if after {
                        text = text.trim_end();
                    }
                    TemplatePart::Literal(CompactString::from(text))
                }
                Element::Interpolation(i) => TemplatePart::Interpolation(self.expr(&i.expr)),
                Element::Directive(d) => self.directive(d),
            });
        }
        parts
    }

    fn directive(&self, directive: &Directive) -> TemplatePart {
        match directive {
            Directive::If(d) => {
                let closing = d.endif_expr.strip.strip_start();
                let then_end = d
                    .else_expr
                    .as_ref()
                    .map_or(closing, |e| e.strip.strip_start());
                TemplatePart::If {
                    cond: self.expr(&d.if_expr.cond_expr),
                    then: self.parts(&d.if_expr.template, d.if_expr.strip.strip_end(), then_end),
                    otherwise: d.else_expr.as_ref().map_or_else(Vec::new, |e| {
                        self.parts(&e.template, e.strip.strip_end(), closing)
                    }),
                }
            }
            Directive::For(d) => {
                let f = &d.for_expr;
                TemplatePart::For {
                    key_var: f.key_var.as_ref().map(|k| k.as_str().into()),
                    value_var: f.value_var.as_str().into(),
                    collection: self.expr(&f.collection_expr),
                    body: self.parts(
                        &f.template,
                        f.strip.strip_end(),
                        d.endfor_expr.strip.strip_start(),
                    ),
                }
            }
        }
    }
}

/// Whether the element strips the whitespace at the start of the literal after it (`~}`).
fn strips_after(element: &Element) -> bool {
    match element {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_end(),
        Element::Directive(d) => match &**d {
            Directive::If(d) => d.endif_expr.strip.strip_end(),
            Directive::For(d) => d.endfor_expr.strip.strip_end(),
        },
    }
}

/// Whether the element strips the whitespace at the end of the literal before it (`${~`).
fn strips_before(element: &Element) -> bool {
    match element {
        Element::Literal(_) => false,
        Element::Interpolation(i) => i.strip.strip_start(),
        Element::Directive(d) => match &**d {
            Directive::If(d) => d.if_expr.strip.strip_start(),
            Directive::For(d) => d.for_expr.strip.strip_start(),
        },
    }
}

fn number(n: &hcl_edit::Number) -> ExprKind {
    let json = if let Some(i) = n.as_i64() {
        serde_json::Number::from(i)
    } else if let Some(u) = n.as_u64() {
        serde_json::Number::from(u)
    } else {
        match n.as_f64().and_then(serde_json::Number::from_f64) {
            Some(f) => f,
            None => return ExprKind::Opaque,
        }
    };
    ExprKind::Number(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of about 200 bytes, enough of them to make many pieces.
    fn module(blocks: usize, newline: &str) -> String {
        (0..blocks)
            .map(|i| {
                [
                    format!("resource \"vault_keymgmt_key\" \"key_{i}\" {{"),
                    "  path = vault_mount.keymgmt.path".to_string(),
                    format!("  name = \"key-{i}\""),
                    "  type = \"rsa-2048\"".to_string(),
                    "  lifecycle {".to_string(),
                    "    ignore_changes = [name]".to_string(),
                    "  }".to_string(),
                    "}".to_string(),
                    String::new(),
                ]
                .join(newline)
            })
            .collect()
    }

    fn pieces_match_whole(text: &str) {
        let whole = parse_whole(0, text).expect("the module parses");
        assert_eq!(parse_body(0, text).expect("the module parses"), whole);
    }

    /// The values of quoted strings around the characters that vendor/hcl-edit's patched
    /// string-literal parser treats specially: `$` and `%` alone, before `{` (a template), doubled
    /// before `{` (an escaped marker), and escapes.
    #[test]
    fn quoted_strings_keep_dollar_percent_escaped_markers_and_escapes() {
        let cases = [
            (r#""50%""#, "50%"),
            (r#""$""#, "$"),
            (r#""a$b%c""#, "a$b%c"),
            (r#""$$""#, "$$"),
            (r#""cost: $5 {x}""#, "cost: $5 {x}"),
            (r#""$${literal}""#, "${literal}"),
            (r#""%%{literal}""#, "%{literal}"),
            (r#""x$$${y}""#, "x$${y}"),
            (r#""tab\there\"q\"\\ \u00e9 é""#, "tab\there\"q\"\\ é é"),
        ];
        for (source, value) in cases {
            let body = parse_whole(0, &format!("a = {source}\n")).expect(source);
            let ExprKind::String(parsed) = &body.attributes[0].value.kind else {
                panic!(
                    "{source} is a plain string, got {:?}",
                    body.attributes[0].value.kind
                );
            };
            assert_eq!(parsed, value, "{source}");
        }
        // `${` and `%{` still start an interpolation or a directive, right after a literal `$` or
        // `%` too.
        for source in [
            r#""$${x}$${y}${z}""#,
            r#""%${z}""#,
            r#""$%{if true}x%{endif}""#,
            r#""%%{%{if true}x%{endif}""#,
        ] {
            let body = parse_whole(0, &format!("a = {source}\n")).expect(source);
            assert!(
                !matches!(body.attributes[0].value.kind, ExprKind::String(_)),
                "{source} is a template, not a plain string"
            );
        }
    }

    #[test]
    fn a_large_module_is_parsed_in_pieces_with_the_same_result() {
        let text = module(1_000, "\n");
        assert!(parse_in_pieces(0, &text).is_some(), "pieces were used");
        pieces_match_whole(&text);
        let crlf = module(1_000, "\r\n");
        assert!(parse_in_pieces(0, &crlf).is_some(), "pieces were used");
        pieces_match_whole(&crlf);
    }

    #[test]
    fn a_closing_brace_inside_a_heredoc_or_comment_is_no_piece_boundary() {
        // Lines holding only `}` inside a heredoc and a block comment, placed in every piece.
        let heredoc = "locals {\n  policy = <<EOF\n{\n  \"a\": 1\n}\nEOF\n}\n";
        let comment = "/*\nresource \"x\" \"y\" {\n}\n*/\n";
        let text: String = (0..400)
            .map(|i| {
                format!(
                    "{}{heredoc}{comment}",
                    module(1, "\n").replace("key_0", &format!("key_{i}"))
                )
            })
            .collect();
        assert!(text.len() > 2 * PIECE_BYTES);
        pieces_match_whole(&text);
    }

    #[test]
    fn a_syntax_error_in_a_large_module_keeps_its_position() {
        let mut text = module(1_000, "\n");
        let at = text.len() - 100;
        text.insert_str(text[..at].rfind('\n').unwrap() + 1, "  = broken\n");
        let error = parse_body(0, &text).expect_err("the module does not parse");
        assert_eq!(
            error,
            parse_whole(0, &text).expect_err("the module does not parse")
        );
        assert!(error.span.start > text.len() - 200, "at the inserted line");
    }

    /// Every native-syntax file the tests and the fuzzing corpus hold, each repeated until it is
    /// large enough for pieces: the result is the same as parsing it whole, error or not.
    #[test]
    fn every_test_file_repeated_parses_the_same_in_pieces() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
        let mut files = Vec::new();
        let mut dirs = vec![root.join("fixtures"), root.join("fuzz/hcl")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "tf" || e == "tfvars") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 100, "found {} files", files.len());
        for path in files {
            let Ok(one) = std::fs::read_to_string(&path) else {
                continue;
            };
            if one.trim().is_empty() {
                continue;
            }
            let copies = (3 * PIECE_BYTES).div_ceil(one.len()) + 1;
            let mut text = String::new();
            for _ in 0..copies {
                text.push_str(&one);
                if !text.ends_with('\n') {
                    text.push('\n');
                }
            }
            assert_eq!(
                parse_body(0, &text),
                parse_whole(0, &text),
                "{}",
                path.display()
            );
        }
    }
}
