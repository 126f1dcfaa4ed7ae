//! YAML functions: `yamlencode` and `yamldecode`, as Terraform implements them with
//! go-cty-yaml v1.1.0 (the version Terraform v1.11 embeds).
//!
//! `yamlencode` is a port of the parts of libyaml's emitter (go-yaml's `emitterc.go`) that
//! Terraform's values reach: block style, strings double-quoted or, with a newline, literal,
//! long double-quoted lines folded at 80 columns, and keys over 128 bytes written as `? key`.
//! yaml-rust2's emitter writes another style, so it is not used.
//!
//! `yamldecode` reads yaml-rust2's parser events and builds the value as go-cty-yaml does: its
//! YAML 1.1 reading of plain scalars (`yes` and `off` are bools, `2001-12-14` becomes an RFC 3339
//! timestamp), its tags, anchors, aliases and `<<` merge keys. A number the linter cannot hold
//! (an infinity, or past `f64`) makes the whole result `Unknown`. Aliases share their anchor's
//! value, but each use counts its full size against the evaluator's limits, so that a document
//! of nested aliases cannot grow past them.

use std::collections::BTreeMap;

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine;
use compact_str::CompactString;
use serde_json::Number;
use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Scanner, TScalarStyle, Token, TokenType};
use yaml_rust2::ScanError;

use super::{argument, text, within_limit, Failure, Function, Outcome};
use crate::model::convert::{self, number_text};
use crate::model::eval::MAX_VALUE_DEPTH;
use crate::model::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::unary("yamldecode", yamldecode),
    Function::unary("yamlencode", yamlencode),
];

fn yamlencode(args: &[Value]) -> Outcome {
    Ok(Value::String(encode(&args[0])?.into()))
}

fn yamldecode(args: &[Value]) -> Outcome {
    let source = text(args, 0)?;
    // libyaml skips a byte order mark at the start of the stream; yaml-rust2 would read it as
    // content.
    let source = source.strip_prefix('\u{feff}').unwrap_or(&source);
    Decoder::new(source).document()
}

/// Deeper than this, the value would not pass the evaluator's limit anyway.
fn too_deep() -> Failure {
    argument(
        1,
        format!("lists and maps nest more than {MAX_VALUE_DEPTH} deep"),
    )
}

// ---------------------------------------------------------------------------------------------
// yamlencode

/// libyaml's defaults, which go-cty-yaml keeps.
const INDENT: i32 = 2;
const WIDTH: usize = 80;
/// A longer key is not a simple key: libyaml writes it after `? `.
const MAX_SIMPLE_KEY: usize = 128;

/// The value as go-cty-yaml's `Marshal` writes it.
fn encode(value: &Value) -> Result<String, Failure> {
    if value.depth() > MAX_VALUE_DEPTH {
        return Err(too_deep());
    }
    let mut emitter = Emitter {
        out: String::new(),
        column: 0,
        indent: -1,
        whitespace: true,
        indention: true,
        open_ended: false,
    };
    emitter.node(
        value,
        Context {
            root: true,
            ..Context::default()
        },
    )?;
    // The document's implicit end, then the stream's: a plain scalar at the root leaves the
    // document open-ended, and libyaml closes it with `...`.
    emitter.write_indent();
    if emitter.open_ended {
        emitter.write_indicator("...", true, false, false);
        emitter.write_indent();
    }
    within_limit(1 + emitter.out.len() as u64)?;
    Ok(emitter.out)
}

/// Where a node is written, as libyaml's emitter tracks it.
#[derive(Clone, Copy, Default)]
struct Context {
    root: bool,
    /// A key or a value of a block mapping.
    mapping: bool,
    /// A key written without `? `.
    simple_key: bool,
}

#[derive(Clone, Copy)]
enum Style {
    Plain,
    DoubleQuoted,
    Literal,
}

/// libyaml's emitter state: the same fields, changed by the same rules, since the output's
/// spaces and line breaks follow from them.
struct Emitter {
    out: String,
    /// In characters, not bytes, as libyaml counts.
    column: usize,
    /// -1 before the root node.
    indent: i32,
    /// The last character written is a space or the line is empty.
    whitespace: bool,
    /// Only indentation has been written on the line.
    indention: bool,
    open_ended: bool,
}

impl Emitter {
    fn node(&mut self, value: &Value, context: Context) -> Result<(), Failure> {
        match value {
            Value::Unknown => return Err("the value is not known".into()),
            Value::Null => self.scalar("null", Style::Plain, context),
            Value::Bool(b) => self.scalar(if *b { "true" } else { "false" }, Style::Plain, context),
            Value::Number(n) => self.scalar(&number_text(n), Style::Plain, context),
            Value::String(s) => {
                within_limit(self.out.len() as u64 + s.len() as u64)?;
                self.scalar(s, string_style(s, context.simple_key), context);
            }
            Value::List(items) if items.is_empty() => self.empty("[", "]"),
            Value::List(items) => self.sequence(items, context)?,
            Value::Object(map) if map.is_empty() => self.empty("{", "}"),
            Value::Object(map) => self.mapping(map)?,
            Value::Sensitive(inner) => return self.node(inner, context),
        }
        within_limit(self.out.len() as u64)
    }

    fn sequence(&mut self, items: &[Value], context: Context) -> Result<(), Failure> {
        let saved = self.indent;
        // A sequence that is a mapping's value starts on the key's own column.
        let indentless = context.mapping && !self.indention;
        self.indent = match saved {
            i if i < 0 => 0,
            i if indentless => i,
            i => i + INDENT,
        };
        for item in items {
            self.write_indent();
            self.write_indicator("-", true, false, true);
            self.node(item, Context::default())?;
        }
        self.indent = saved;
        Ok(())
    }

    fn mapping(&mut self, map: &BTreeMap<CompactString, Value>) -> Result<(), Failure> {
        let saved = self.indent;
        self.indent = if saved < 0 { 0 } else { saved + INDENT };
        for (key, value) in map {
            within_limit(self.out.len() as u64 + key.len() as u64)?;
            self.write_indent();
            let simple = key.len() <= MAX_SIMPLE_KEY && !key.chars().any(is_break);
            let context = Context {
                root: false,
                mapping: true,
                simple_key: simple,
            };
            if simple {
                self.scalar(key, string_style(key, true), context);
                self.write_indicator(":", false, false, false);
            } else {
                self.write_indicator("?", true, false, true);
                self.scalar(key, string_style(key, false), context);
                self.write_indent();
                self.write_indicator(":", true, false, true);
            }
            let context = Context {
                simple_key: false,
                ..context
            };
            self.node(value, context)?;
        }
        self.indent = saved;
        Ok(())
    }

    /// An empty list or map, which libyaml writes in flow style.
    fn empty(&mut self, open: &str, close: &str) {
        self.write_indicator(open, true, true, false);
        self.write_indicator(close, false, false, false);
    }

    fn scalar(&mut self, text: &str, style: Style, context: Context) {
        let saved = self.indent;
        self.indent = if saved < 0 { INDENT } else { saved + INDENT };
        match style {
            Style::Plain => self.plain(text, context.root),
            Style::DoubleQuoted => self.double_quoted(text, !context.simple_key),
            Style::Literal => self.literal(text),
        }
        self.indent = saved;
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn write_indent(&mut self) {
        let indent = usize::try_from(self.indent).unwrap_or(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &str,
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for c in indicator.chars() {
            self.put(c);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
        self.open_ended = false;
    }

    /// Numbers, bools and null: no spaces or breaks to handle.
    fn plain(&mut self, text: &str, root: bool) {
        if !self.whitespace {
            self.put(' ');
        }
        for c in text.chars() {
            self.put(c);
        }
        self.whitespace = false;
        self.indention = false;
        if root {
            self.open_ended = true;
        }
    }

    fn double_quoted(&mut self, value: &str, allow_breaks: bool) {
        // libyaml tests for a byte order mark at the start of the value, not at each
        // character: a string that starts with one has every character escaped.
        let bom = value.starts_with('\u{feff}');
        let mut spaces = false;
        self.write_indicator("\"", true, false, false);
        for (i, c) in value.char_indices() {
            if bom || !is_printable(c) || is_break(c) || c == '"' || c == '\\' {
                self.put('\\');
                self.escape(c);
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > WIDTH && i > 0 && i < value.len() - 1 {
                    // Folded: the line break reads back as this space; a space after it
                    // would be lost to the folding, so it is escaped.
                    self.write_indent();
                    if value.as_bytes().get(i + 1) == Some(&b' ') {
                        self.put('\\');
                    }
                } else {
                    self.put(' ');
                }
                spaces = true;
            } else {
                self.put(c);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    /// The escape after the backslash.
    fn escape(&mut self, c: char) {
        let short = match c {
            '\0' => '0',
            '\u{7}' => 'a',
            '\u{8}' => 'b',
            '\t' => 't',
            '\n' => 'n',
            '\u{b}' => 'v',
            '\u{c}' => 'f',
            '\r' => 'r',
            '\u{1b}' => 'e',
            '"' => '"',
            '\\' => '\\',
            '\u{85}' => 'N',
            '\u{a0}' => '_',
            '\u{2028}' => 'L',
            '\u{2029}' => 'P',
            _ => {
                let code = u32::from(c);
                let (letter, digits) = match code {
                    0..=0xff => ('x', 2),
                    0x100..=0xffff => ('u', 4),
                    _ => ('U', 8),
                };
                self.put(letter);
                for shift in (0..digits).rev() {
                    let digit = (code >> (shift * 4)) & 0xf;
                    let hex = char::from_digit(digit, 16).unwrap_or('0');
                    self.put(hex.to_ascii_uppercase());
                }
                return;
            }
        };
        self.put(short);
    }

    fn literal(&mut self, value: &str) {
        self.write_indicator("|", true, false, false);
        // An indentation hint when the content's own indentation would be misread.
        if value.starts_with(|c: char| c == ' ' || is_break(c)) {
            self.write_indicator(&INDENT.to_string(), false, false, false);
        }
        let mut last = value.chars().rev();
        let chomp = match (last.next(), last.next()) {
            (Some(c), _) if !is_break(c) => Some("-"),
            (None, _) => Some("-"),
            (Some(_), None) => Some("+"),
            (Some(_), Some(c)) if is_break(c) => Some("+"),
            _ => None,
        };
        // libyaml marks a `+` block as open-ended, but writing the indicator clears it again:
        // no `...` follows.
        if let Some(chomp) = chomp {
            self.write_indicator(chomp, false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        for c in value.chars() {
            if is_break(c) {
                if c == '\n' {
                    self.put_break();
                } else {
                    self.out.push(c);
                    self.column = 0;
                }
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.put(c);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

/// go-cty-yaml asks for a literal block when a string holds a newline, a double-quoted scalar
/// otherwise; libyaml falls back to double quotes where a block cannot hold the string.
fn string_style(s: &str, simple_key: bool) -> Style {
    if s.contains('\n') && !simple_key && block_allowed(s) {
        Style::Literal
    } else {
        Style::DoubleQuoted
    }
}

/// libyaml's test: no trailing space, no space before a line break, only printable
/// characters.
fn block_allowed(s: &str) -> bool {
    let mut previous_space = false;
    for c in s.chars() {
        if !is_printable(c) || (previous_space && is_break(c)) {
            return false;
        }
        previous_space = c == ' ';
    }
    !s.is_empty() && !previous_space
}

/// libyaml's printable characters: its test reads UTF-8 bytes, and so leaves out every
/// character outside the Basic Multilingual Plane.
fn is_printable(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '\u{a0}'..='\u{d7ff}')
        || (('\u{e000}'..='\u{fffd}').contains(&c) && c != '\u{feff}')
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

// ---------------------------------------------------------------------------------------------
// yamldecode

const TAG_STR: &str = "tag:yaml.org,2002:str";
const TAG_BOOL: &str = "tag:yaml.org,2002:bool";
const TAG_INT: &str = "tag:yaml.org,2002:int";
const TAG_FLOAT: &str = "tag:yaml.org,2002:float";
const TAG_NULL: &str = "tag:yaml.org,2002:null";
const TAG_TIMESTAMP: &str = "tag:yaml.org,2002:timestamp";
const TAG_BINARY: &str = "tag:yaml.org,2002:binary";
const TAG_SEQ: &str = "tag:yaml.org,2002:seq";
const TAG_MAP: &str = "tag:yaml.org,2002:map";

/// A list or map being read.
enum Frame {
    Sequence {
        items: Vec<Value>,
        anchor: Option<String>,
    },
    Mapping {
        entries: BTreeMap<CompactString, Value>,
        anchor: Option<String>,
        /// The key just read, whose value comes next.
        key: Option<Key>,
    },
}

enum Key {
    Name(CompactString),
    /// `<<`: the value's entries are merged into the mapping.
    Merge,
}

struct Decoder<'a> {
    source: &'a str,
    parser: Parser<std::str::Chars<'a>>,
    /// The anchors' names in the order yaml-rust2 numbers them (from 1), read on first use:
    /// go-cty-yaml follows names, so that an anchor defined again inside its own node is still
    /// being defined.
    anchor_names: Option<Vec<String>>,
    /// Anchors whose node is being read, with how many times over.
    pending: BTreeMap<String, usize>,
    anchors: BTreeMap<String, Value>,
    stack: Vec<Frame>,
    /// Elements and bytes read so far, an alias counting its anchor's full size: never less
    /// than the result's size.
    size: u64,
    /// A number the linter cannot hold was converted to a string (a key, a block scalar).
    unheld_text: bool,
}

impl<'a> Decoder<'a> {
    fn new(source: &'a str) -> Decoder<'a> {
        Decoder {
            source,
            parser: Parser::new_from_str(source),
            anchor_names: None,
            pending: BTreeMap::new(),
            anchors: BTreeMap::new(),
            stack: Vec::new(),
            size: 0,
            unheld_text: false,
        }
    }

    /// The stream must hold exactly one document, as go-cty-yaml requires.
    fn document(mut self) -> Outcome {
        // libyaml reads YAML 1.1 and refuses a document that declares another version;
        // yaml-rust2 reads the directive but does not pass it on.
        if self.source.contains("%YAML") {
            let other_version = Scanner::new(self.source.chars()).any(|Token(_, token)| {
                matches!(token, TokenType::VersionDirective(major, minor)
                    if (major, minor) != (1, 1))
            });
            if other_version {
                return Err(argument(
                    1,
                    "the YAML document declares a version other than 1.1",
                ));
            }
        }
        if !matches!(self.next()?, Event::StreamStart) {
            return Err(argument(1, "the YAML stream does not start"));
        }
        if !matches!(self.next()?, Event::DocumentStart) {
            return Err(argument(1, "the string holds no YAML document"));
        }
        let value = self.value()?;
        if !matches!(self.next()?, Event::DocumentEnd) {
            return Err(argument(1, "unexpected extra content after the YAML value"));
        }
        if !matches!(self.next()?, Event::StreamEnd) {
            return Err(argument(1, "only a single YAML document is allowed"));
        }
        if self.unheld_text || !value.is_wholly_known() {
            return Ok(Value::Unknown);
        }
        Ok(value)
    }

    fn next(&mut self) -> Result<Event, Failure> {
        self.parser
            .next_token()
            .map(|(event, _)| event)
            .map_err(syntax_error)
    }

    /// The next node, read event by event with an explicit stack: its nesting is the input's.
    fn value(&mut self) -> Result<Value, Failure> {
        loop {
            let done = match self.next()? {
                Event::Scalar(text, style, anchor, tag) => {
                    if self.expects_key() {
                        self.key(&text, style, tag.as_ref())?;
                        None
                    } else {
                        let anchor = self.begin_anchor(anchor);
                        let scalar = resolve(&text, style, tag.as_ref())?;
                        // go-cty-yaml gives an untagged block scalar (`|`, `>`) the type string
                        // before reading it, and converts what it reads to that type: `|- 12`
                        // is "12", `>- 1e3` is "1000".
                        let block = matches!(style, TScalarStyle::Literal | TScalarStyle::Folded);
                        let value = if block && tag.is_none() {
                            self.text_of(scalar)?.map_or(Value::Null, Value::String)
                        } else {
                            scalar_value(scalar)
                        };
                        self.grow(value.size())?;
                        self.complete_anchor(anchor, &value);
                        Some(value)
                    }
                }
                Event::Alias(id) => {
                    self.no_key()?;
                    Some(self.alias(id)?)
                }
                Event::SequenceStart(anchor, tag) => {
                    self.no_key()?;
                    if tag.as_ref().is_some_and(|tag| full_tag(tag) != TAG_SEQ) {
                        return Err(argument(1, "a YAML sequence can only be tagged !!seq"));
                    }
                    let anchor = self.begin_anchor(anchor);
                    self.open(Frame::Sequence {
                        items: Vec::new(),
                        anchor,
                    })?;
                    None
                }
                Event::MappingStart(anchor, tag) => {
                    self.no_key()?;
                    if tag.as_ref().is_some_and(|tag| full_tag(tag) != TAG_MAP) {
                        return Err(argument(1, "a YAML mapping can only be tagged !!map"));
                    }
                    let anchor = self.begin_anchor(anchor);
                    self.open(Frame::Mapping {
                        entries: BTreeMap::new(),
                        anchor,
                        key: None,
                    })?;
                    None
                }
                Event::SequenceEnd | Event::MappingEnd => Some(self.close()?),
                _ => return Err(argument(1, "the YAML value is incomplete")),
            };
            if let Some(value) = done {
                if let Some(root) = self.add(value)? {
                    return Ok(root);
                }
            }
        }
    }

    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }))
    }

    fn no_key(&self) -> Result<(), Failure> {
        if self.expects_key() {
            return Err(argument(1, "only strings are allowed as YAML mapping keys"));
        }
        Ok(())
    }

    fn grow(&mut self, size: u64) -> Result<(), Failure> {
        self.size = self.size.saturating_add(size);
        within_limit(self.size)
    }

    fn open(&mut self, frame: Frame) -> Result<(), Failure> {
        self.grow(1)?;
        self.stack.push(frame);
        if self.stack.len() as u64 > u64::from(MAX_VALUE_DEPTH) {
            return Err(too_deep());
        }
        Ok(())
    }

    fn close(&mut self) -> Result<Value, Failure> {
        let (value, anchor) = match self.stack.pop() {
            Some(Frame::Sequence { items, anchor }) => (Value::list(items), anchor),
            Some(Frame::Mapping {
                entries, anchor, ..
            }) => (Value::object(entries), anchor),
            None => return Err(argument(1, "the YAML value is incomplete")),
        };
        self.complete_anchor(anchor, &value);
        Ok(value)
    }

    /// Adds a finished node to the list or map being read: the root when there is none.
    fn add(&mut self, value: Value) -> Result<Option<Value>, Failure> {
        match self.stack.last_mut() {
            None => Ok(Some(value)),
            Some(Frame::Sequence { items, .. }) => {
                items.push(value);
                Ok(None)
            }
            Some(Frame::Mapping { entries, key, .. }) => match (key.take(), value) {
                (Some(Key::Name(name)), value) => {
                    entries.insert(name, value);
                    Ok(None)
                }
                (Some(Key::Merge), Value::Object(merged)) => {
                    for (name, value) in merged.iter() {
                        entries.insert(name.clone(), value.clone());
                    }
                    Ok(None)
                }
                (Some(Key::Merge), _) => Err(argument(
                    1,
                    "the value of a YAML merge key (<<) must be a mapping",
                )),
                (None, _) => Err(argument(1, "the YAML mapping is incomplete")),
            },
        }
    }

    /// A mapping key: go-cty-yaml resolves it as a scalar, then converts it to a string. Its
    /// anchor, if any, is not recorded, as go-cty-yaml does not record it.
    fn key(&mut self, text: &str, style: TScalarStyle, tag: Option<&Tag>) -> Result<(), Failure> {
        let key = match resolve(text, style, tag)? {
            Scalar::Merge => Key::Merge,
            scalar => match self.text_of(scalar)? {
                Some(name) => {
                    self.grow(name.len() as u64)?;
                    Key::Name(name)
                }
                None => return Err(argument(1, "a YAML mapping key cannot be null")),
            },
        };
        if let Some(Frame::Mapping { key: slot, .. }) = self.stack.last_mut() {
            *slot = Some(key);
        }
        Ok(())
    }

    /// The scalar converted to a string as cty converts it, `None` for null.
    fn text_of(&mut self, scalar: Scalar) -> Result<Option<CompactString>, Failure> {
        Ok(Some(match scalar {
            Scalar::Null => return Ok(None),
            Scalar::Bool(b) => CompactString::from(if b { "true" } else { "false" }),
            Scalar::Str(s) => s,
            Scalar::Merge => "<<".into(),
            Scalar::Number(n) => self.numeric_text(&n)?,
        }))
    }

    /// A number as cty converts it to a string: decimal, without exponent, exact.
    fn numeric_text(&mut self, number: &Numeric) -> Result<CompactString, Failure> {
        Ok(match number {
            Numeric::Integer(i) => compact_str::format_compact!("{i}"),
            Numeric::Decimal(text) => {
                let (negative, digits, point) = decimal_parts(text);
                // `1e999999` is a short literal but a long key: each step of the point away
                // from the digits is one more zero to write.
                let length = (digits.len() as u64).saturating_add(point.unsigned_abs());
                within_limit(self.size.saturating_add(length))?;
                decimal_text(negative, &digits, point)
            }
            Numeric::Binary(f) => match Number::from_f64(*f) {
                Some(n) => number_text(&n),
                None => {
                    self.unheld_text = true;
                    CompactString::default()
                }
            },
            Numeric::Unheld => {
                self.unheld_text = true;
                CompactString::default()
            }
            Numeric::Infinity(true) => "-Inf".into(),
            Numeric::Infinity(false) => "+Inf".into(),
        })
    }

    fn anchor_name(&mut self, id: usize) -> String {
        let source = self.source;
        // yaml-rust2 numbers anchors as it meets them, and its events carry only the number:
        // the scanner, run again over the source, gives the names in the same order.
        let names = self.anchor_names.get_or_insert_with(|| {
            Scanner::new(source.chars())
                .filter_map(|Token(_, token)| match token {
                    TokenType::Anchor(name) => Some(name),
                    _ => None,
                })
                .collect()
        });
        match id.checked_sub(1).and_then(|i| names.get(i)) {
            Some(name) => name.clone(),
            // Not expected; a name that no anchor can have keeps the numbers apart.
            None => format!("\0{id}"),
        }
    }

    /// go-cty-yaml counts the nodes an anchor is on: an alias to a name still counted is a
    /// reference from inside the anchor's own node, which a finite value cannot hold.
    fn begin_anchor(&mut self, id: usize) -> Option<String> {
        if id == 0 {
            return None;
        }
        let name = self.anchor_name(id);
        *self.pending.entry(name.clone()).or_insert(0) += 1;
        Some(name)
    }

    fn complete_anchor(&mut self, name: Option<String>, value: &Value) {
        let Some(name) = name else {
            return;
        };
        if let Some(count) = self.pending.get_mut(&name) {
            *count -= 1;
            if *count == 0 {
                self.pending.remove(&name);
            }
        }
        self.anchors.insert(name, value.clone());
    }

    fn alias(&mut self, id: usize) -> Result<Value, Failure> {
        let name = self.anchor_name(id);
        if self.pending.contains_key(&name) {
            return Err(argument(
                1,
                "a YAML alias cannot refer to its anchor from inside the anchor's own node",
            ));
        }
        let Some(value) = self.anchors.get(&name) else {
            return Err(argument(1, "a YAML alias refers to an undefined anchor"));
        };
        if self.stack.len() as u64 + u64::from(value.depth()) > u64::from(MAX_VALUE_DEPTH) {
            return Err(too_deep());
        }
        let value = value.clone();
        self.grow(value.size())?;
        Ok(value)
    }
}

/// yaml-rust2's reason and place, unless the reason quotes the source (it may be secret).
fn syntax_error(error: ScanError) -> Failure {
    let info = error.info();
    let why = if info.contains(['`', '\'', '"']) {
        "invalid YAML syntax"
    } else {
        info
    };
    let at = error.marker();
    argument(
        1,
        format!("{why} (line {}, column {})", at.line(), at.col() + 1),
    )
}

fn full_tag(tag: &Tag) -> String {
    format!("{}{}", tag.handle, tag.suffix)
}

/// A scalar as go-cty-yaml resolves it.
enum Scalar {
    Null,
    Bool(bool),
    Number(Numeric),
    Str(CompactString),
    /// `<<`, a merge key where it is a mapping's key, the string `<<` elsewhere.
    Merge,
}

/// A number as go-cty-yaml reads it: Terraform's numbers are exact, the linter's are
/// integers or `f64`, so the form read is kept for a key's text.
enum Numeric {
    /// A decimal literal: sign, digits, an optional point and `e` exponent.
    Decimal(String),
    /// Go's `ParseInt` or `ParseUint`: `0x`, `0o` and `0b` prefixes.
    Integer(i128),
    /// A decimal mantissa with a binary exponent (`p`), which Go's `big.ParseFloat` accepts.
    Binary(f64),
    /// Finite for Terraform, but past what an `f64` holds.
    Unheld,
    /// Negative or not.
    Infinity(bool),
}

/// The first byte's hint, from go-yaml's `resolveTable`.
#[derive(PartialEq)]
enum Hint {
    None,
    /// Possibly in the table of `implicit` scalars.
    Table,
    Dot,
    Digit,
    Sign,
}

fn hint(src: &str) -> Hint {
    match src.as_bytes().first() {
        None => Hint::Table,
        Some(b'+' | b'-') => Hint::Sign,
        Some(b'0'..=b'9') => Hint::Digit,
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => {
            Hint::Table
        }
        Some(b'.') => Hint::Dot,
        Some(_) => Hint::None,
    }
}

/// go-yaml's `resolveMap`: YAML 1.1 bools, nulls and infinities.
fn implicit(src: &str) -> Option<Scalar> {
    Some(match src {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            Scalar::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            Scalar::Bool(false)
        }
        "" | "~" | "null" | "Null" | "NULL" => Scalar::Null,
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            Scalar::Number(Numeric::Infinity(false))
        }
        "-.inf" | "-.Inf" | "-.INF" => Scalar::Number(Numeric::Infinity(true)),
        _ => return None,
    })
}

/// go-cty-yaml's `resolveScalar`, step for step: its order decides, for instance, that an
/// explicit `!!bool` on `1` still gives the number 1.
fn resolve(src: &str, style: TScalarStyle, tag: Option<&Tag>) -> Result<Scalar, Failure> {
    let full = tag.map(full_tag).unwrap_or_default();
    let mut tag = match full.as_str() {
        "" => "",
        TAG_STR => TAG_STR,
        TAG_BOOL => TAG_BOOL,
        TAG_INT => TAG_INT,
        TAG_FLOAT => TAG_FLOAT,
        TAG_NULL => TAG_NULL,
        TAG_TIMESTAMP => TAG_TIMESTAMP,
        TAG_BINARY => TAG_BINARY,
        _ => {
            return Err(argument(
                1,
                "a YAML scalar can only be untagged or tagged !!str, !!int, !!float, !!bool, \
                 !!null, !!timestamp or !!binary",
            ))
        }
    };
    let hint = hint(src);
    if hint != Hint::None && tag != TAG_STR && tag != TAG_BINARY {
        if matches!(
            style,
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted
        ) {
            return Ok(Scalar::Str(src.into()));
        }
        if let Some(scalar) = implicit(src) {
            return Ok(scalar);
        }
        if tag.is_empty() && matches!(src, ".nan" | ".NaN" | ".NAN") {
            return Err(argument(1, "floating point NaN is not supported"));
        }
        match hint {
            Hint::Dot => {
                if let Some(number) = parse_float(src) {
                    return Ok(Scalar::Number(number));
                }
            }
            Hint::Digit | Hint::Sign => {
                if tag.is_empty() || tag == TAG_TIMESTAMP {
                    if let Some(time) = timestamp(src) {
                        return Ok(Scalar::Str(time.into()));
                    }
                }
                if is_integer_literal(src) {
                    tag = TAG_INT;
                } else if is_float_literal(src) {
                    tag = TAG_FLOAT;
                }
            }
            Hint::Table | Hint::None => {}
        }
    }
    if tag.is_empty() && src == "<<" {
        return Ok(Scalar::Merge);
    }
    match tag {
        TAG_BINARY if !is_base64(src) => Err(argument(1, "a !!binary YAML scalar is not Base64")),
        TAG_BOOL => match implicit(src) {
            Some(Scalar::Bool(b)) => Ok(Scalar::Bool(b)),
            _ => Err(argument(1, "a !!bool YAML scalar is not a bool")),
        },
        TAG_INT | TAG_FLOAT => {
            let plain = src.replace('_', "");
            parse_float(&plain)
                .or_else(|| parse_int(&plain))
                .map(Scalar::Number)
                .ok_or_else(|| argument(1, "a !!int or !!float YAML scalar is not a number"))
        }
        TAG_TIMESTAMP => timestamp(src)
            .map(|time| Scalar::Str(time.into()))
            .ok_or_else(|| argument(1, "a !!timestamp YAML scalar is not a timestamp")),
        TAG_NULL => Ok(Scalar::Null),
        _ => Ok(Scalar::Str(src.into())),
    }
}

fn scalar_value(scalar: Scalar) -> Value {
    match scalar {
        Scalar::Null => Value::Null,
        Scalar::Bool(b) => Value::Bool(b),
        Scalar::Number(number) => number_value(&number),
        Scalar::Str(s) => Value::String(s),
        Scalar::Merge => Value::String("<<".into()),
    }
}

/// The number as a value: exact for whole numbers that fit 64 bits, `Unknown` where an `f64`
/// would not be the number Terraform holds (an infinity, an overflow, an underflow to zero).
fn number_value(number: &Numeric) -> Value {
    let float = |f: f64, nonzero: bool| {
        if !f.is_finite() || (f == 0.0 && nonzero) {
            return Value::Unknown;
        }
        convert::number(f).unwrap_or(Value::Unknown)
    };
    match number {
        Numeric::Integer(i) => {
            if let Ok(i) = i64::try_from(*i) {
                Value::Number(i.into())
            } else if let Ok(u) = u64::try_from(*i) {
                Value::Number(u.into())
            } else {
                Value::Unknown
            }
        }
        Numeric::Decimal(text) => {
            if let Ok(i) = text.parse::<i64>() {
                return Value::Number(i.into());
            }
            if let Ok(u) = text.parse::<u64>() {
                return Value::Number(u.into());
            }
            let (_, digits, _) = decimal_parts(text);
            match text.parse::<f64>() {
                Ok(f) => float(f, !digits.is_empty()),
                Err(_) => Value::Unknown,
            }
        }
        // `parse_float` has already made an underflow `Unheld`.
        Numeric::Binary(f) => float(*f, false),
        Numeric::Unheld | Numeric::Infinity(_) => Value::Unknown,
    }
}

/// Go's `big.ParseFloat(s, 10, ...)`, which cty's `ParseNumberVal` calls: an optional sign,
/// then `inf`, `Inf`, or a decimal mantissa with an optional `e` or `p` (binary) exponent.
fn parse_float(s: &str) -> Option<Numeric> {
    let negative = s.starts_with('-');
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    if unsigned == "inf" || unsigned == "Inf" {
        return Some(Numeric::Infinity(negative));
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E', 'p', 'P']) {
        Some(i) => (
            &unsigned[..i],
            Some((&unsigned[i..i + 1], &unsigned[i + 1..])),
        ),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let Some((kind, exponent)) = exponent else {
        return Some(Numeric::Decimal(s.into()));
    };
    let magnitude = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    if magnitude.is_empty() || !digits(magnitude) {
        return None;
    }
    let exponent: i64 = exponent.parse().ok()?;
    if kind == "e" || kind == "E" {
        return Some(Numeric::Decimal(s.into()));
    }
    let mantissa: f64 = mantissa.parse().ok()?;
    let power = i32::try_from(exponent.clamp(-2000, 2000)).unwrap_or(0);
    let value = mantissa * 2f64.powi(power);
    if !value.is_finite() || (value == 0.0 && mantissa != 0.0) {
        return Some(Numeric::Unheld);
    }
    Some(Numeric::Binary(if negative { -value } else { value }))
}

/// Go's `strconv.ParseInt(s, 0, 64)`, then `ParseUint`: a sign (signed only), then a `0x`,
/// `0o`, `0b` or `0` (octal) prefix, or decimal digits.
fn parse_int(s: &str) -> Option<Numeric> {
    let (negative, signed, body) = match s.as_bytes().first() {
        Some(b'-') => (true, true, &s[1..]),
        Some(b'+') => (false, true, &s[1..]),
        _ => (false, false, s),
    };
    let (radix, digits) = match body.as_bytes() {
        [b'0', b'b' | b'B', _, ..] => (2, &body[2..]),
        [b'0', b'o' | b'O', _, ..] => (8, &body[2..]),
        [b'0', b'x' | b'X', _, ..] => (16, &body[2..]),
        [b'0', ..] => (8, &body[1..]),
        [] => return None,
        _ => (10, body),
    };
    let mut magnitude: u64 = 0;
    for c in digits.chars() {
        let digit = c.to_digit(radix)?;
        magnitude = magnitude
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(digit))?;
    }
    let magnitude = i128::from(magnitude);
    let value = if negative { -magnitude } else { magnitude };
    if i64::try_from(value).is_ok() || !signed {
        Some(Numeric::Integer(value))
    } else {
        None
    }
}

/// go-cty-yaml's implicit integers (the YAML 1.2 core schema's): decimal with an optional
/// sign, `0o` octal, `0x` hexadecimal.
fn is_integer_literal(s: &str) -> bool {
    let all = |d: &str, f: fn(&u8) -> bool| !d.is_empty() && d.as_bytes().iter().all(f);
    if let Some(octal) = s.strip_prefix("0o") {
        if all(octal, |b| (b'0'..=b'7').contains(b)) {
            return true;
        }
    }
    if let Some(hex) = s.strip_prefix("0x") {
        if all(hex, u8::is_ascii_hexdigit) {
            return true;
        }
    }
    all(s.strip_prefix(['+', '-']).unwrap_or(s), u8::is_ascii_digit)
}

/// go-cty-yaml's implicit floats: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
fn is_float_literal(s: &str) -> bool {
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", fraction)) => !fraction.is_empty() && digits(fraction),
        Some((whole, fraction)) => digits(whole) && digits(fraction),
        None => !mantissa.is_empty() && digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// A decimal literal (checked by `parse_float`) as its sign, its significant digits, and the
/// place of the point counted from the first of them.
fn decimal_parts(text: &str) -> (bool, String, i64) {
    let negative = text.starts_with('-');
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (
            &unsigned[..i],
            unsigned[i + 1..].parse::<i64>().unwrap_or(0),
        ),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{whole}{fraction}");
    let significant = all.trim_start_matches('0');
    let skipped = (all.len() - significant.len()) as i64;
    let point = (whole.len() as i64)
        .saturating_add(exponent)
        .saturating_sub(skipped);
    (
        negative,
        significant.trim_end_matches('0').to_string(),
        point,
    )
}

/// Go's `big.Float.Text('f', -1)` of an exact decimal: no exponent, no trailing zeros.
fn decimal_text(negative: bool, digits: &str, point: i64) -> CompactString {
    let mut out = CompactString::default();
    if negative {
        out.push('-');
    }
    if digits.is_empty() {
        out.push('0');
        return out;
    }
    let len = digits.len() as i64;
    let zeros = |n: i64| "0".repeat(usize::try_from(n).unwrap_or(0));
    if point <= 0 {
        out.push_str("0.");
        out.push_str(&zeros(-point));
        out.push_str(digits);
    } else if point >= len {
        out.push_str(digits);
        out.push_str(&zeros(point - len));
    } else {
        let (whole, fraction) = digits.split_at(usize::try_from(point).unwrap_or(0));
        out.push_str(whole);
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// go-cty-yaml's timestamps, read with Go's `time.Parse` and the layouts
/// `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), `2006-1-2 15:4:5.999999999` and
/// `2006-1-2`, written back in RFC 3339 (seconds, no fraction).
fn timestamp(s: &str) -> Option<String> {
    let b = s.as_bytes();
    // Go's quick check: four digits, then '-'.
    if b.len() < 5 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return None;
    }
    let year: i64 = s[..4].parse().ok()?;
    let mut rest = &b[5..];
    let month = one_or_two_digits(&mut rest)?;
    literal(&mut rest, b'-')?;
    let day = one_or_two_digits(&mut rest)?;
    let mut clock = (0, 0, 0);
    // Minutes east of UTC.
    let mut offset = 0;
    if let Some((&separator, after)) = rest.split_first() {
        let zoned = match separator {
            b'T' | b't' => true,
            b' ' => false,
            _ => return None,
        };
        rest = after;
        let hour = one_or_two_digits(&mut rest)?;
        literal(&mut rest, b':')?;
        let minute = one_or_two_digits(&mut rest)?;
        literal(&mut rest, b':')?;
        let second = one_or_two_digits(&mut rest)?;
        if hour >= 24 || minute >= 60 || second >= 60 {
            return None;
        }
        clock = (hour, minute, second);
        // Any number of fraction digits, after a point or a comma.
        if let [b'.' | b',', d, ..] = rest {
            if d.is_ascii_digit() {
                let digits = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
                rest = &rest[1 + digits..];
            }
        }
        if zoned {
            match rest {
                [b'Z', after @ ..] => rest = after,
                [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2, after @ ..] => {
                    let hours = two_digits(*h1, *h2)?;
                    let minutes = two_digits(*m1, *m2)?;
                    // Go accepts up to 24 hours and 60 minutes.
                    if hours > 24 || minutes > 60 {
                        return None;
                    }
                    offset = hours * 60 + minutes;
                    if *sign == b'-' {
                        offset = -offset;
                    }
                    rest = after;
                }
                _ => return None,
            }
        }
    }
    if !rest.is_empty() || !(1..=12).contains(&month) || day < 1 || day > days_in(month, year) {
        return None;
    }
    let (hour, minute, second) = clock;
    let zone = match offset {
        0 => "Z".to_string(),
        _ => format!(
            "{}{:02}:{:02}",
            if offset < 0 { '-' } else { '+' },
            offset.abs() / 60,
            offset.abs() % 60
        ),
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}{zone}"
    ))
}

/// Go's `getnum` for a layout field such as `1` or `15`: one digit, or two.
fn one_or_two_digits(rest: &mut &[u8]) -> Option<i64> {
    let bytes: &[u8] = rest;
    match bytes {
        [a, b, after @ ..] if a.is_ascii_digit() && b.is_ascii_digit() => {
            *rest = after;
            two_digits(*a, *b)
        }
        [a, after @ ..] if a.is_ascii_digit() => {
            *rest = after;
            Some(i64::from(a - b'0'))
        }
        _ => None,
    }
}

fn two_digits(a: u8, b: u8) -> Option<i64> {
    (a.is_ascii_digit() && b.is_ascii_digit())
        .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
}

fn literal(rest: &mut &[u8], expected: u8) -> Option<()> {
    let (&first, after) = rest.split_first()?;
    (first == expected).then(|| *rest = after)
}

fn days_in(month: i64, year: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Go's `base64.StdEncoding.DecodeString`: padding required, line breaks skipped, unused
/// trailing bits allowed.
fn is_base64(src: &str) -> bool {
    const ENGINE: GeneralPurpose = GeneralPurpose::new(
        &alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
    );
    let plain: String = src.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
    ENGINE.decode(plain).is_ok()
}

/// Every result that Terraform also gives was checked with Terraform v1.11.4 (`terraform
/// console`); the linter's own are marked: `Unknown` for numbers it cannot hold, and its limits.
#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.into())
    }

    fn n(v: i64) -> Value {
        Value::Number(v.into())
    }

    fn list(items: Vec<Value>) -> Value {
        Value::list(items)
    }

    fn map(entries: Vec<(&str, Value)>) -> Value {
        Value::object(entries.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    fn encoded(value: Value) -> String {
        match yamlencode(&[value]) {
            Ok(Value::String(text)) => text.to_string(),
            other => panic!("not a string: {other:?}"),
        }
    }

    fn decoded(source: &str) -> Outcome {
        yamldecode(&[s(source)])
    }

    #[test]
    fn encodes_the_documented_examples() {
        let ab_cd = map(vec![("a", s("b")), ("c", s("d"))]);
        assert_eq!(encoded(ab_cd.clone()), "\"a\": \"b\"\n\"c\": \"d\"\n");
        assert_eq!(
            encoded(map(vec![
                ("foo", list(vec![n(1), n(2), n(3)])),
                ("bar", s("baz"))
            ])),
            "\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n"
        );
        assert_eq!(
            encoded(map(vec![
                ("foo", list(vec![n(1), ab_cd, n(3)])),
                ("bar", s("baz"))
            ])),
            "\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n"
        );
    }

    #[test]
    fn scalars_at_the_root() {
        assert_eq!(encoded(n(1)), "1\n...\n");
        assert_eq!(encoded(Value::Null), "null\n...\n");
        assert_eq!(encoded(Value::Bool(true)), "true\n...\n");
        assert_eq!(encoded(s("foo")), "\"foo\"\n");
        assert_eq!(encoded(list(vec![])), "[]\n");
        assert_eq!(encoded(map(vec![])), "{}\n");
        assert_eq!(encoded(s("a\nb")), "|-\n  a\n  b\n");
        assert_eq!(encoded(s("x\n\n")), "|+\n  x\n\n");
    }

    #[test]
    fn nested_lists_and_maps() {
        let value = list(vec![
            s("a"),
            list(vec![]),
            map(vec![]),
            list(vec![n(1), list(vec![n(2), n(3)])]),
            map(vec![("b", list(vec![n(1), n(2)]))]),
        ]);
        assert_eq!(
            encoded(value),
            "- \"a\"\n- []\n- {}\n- - 1\n  - - 2\n    - 3\n- \"b\":\n  - 1\n  - 2\n"
        );
        let value = map(vec![
            ("a", list(vec![])),
            ("b", map(vec![])),
            ("c", list(vec![list(vec![n(1), n(2)]), n(3)])),
            ("d", map(vec![("e", map(vec![("f", n(1))]))])),
        ]);
        assert_eq!(
            encoded(value),
            "\"a\": []\n\"b\": {}\n\"c\":\n- - 1\n  - 2\n- 3\n\"d\":\n  \"e\":\n    \"f\": 1\n"
        );
        let value = map(vec![
            (
                "a",
                list(vec![map(vec![("b", s("x\ny")), ("c", list(vec![s("z")]))])]),
            ),
            ("k k", map(vec![("x\ny", list(vec![]))])),
        ]);
        assert_eq!(
            encoded(value),
            "\"a\":\n- \"b\": |-\n    x\n    y\n  \"c\":\n  - \"z\"\n\
             \"k k\":\n  ? |-\n    x\n    y\n  : []\n"
        );
    }

    #[test]
    fn block_scalars_and_their_fallbacks() {
        let value = map(vec![
            ("a", s("line1\nline2\n")),
            ("b", s("x\n\n")),
            ("c", s("\n")),
            ("d", s(" lead\nx")),
            ("e", s("trail \nx")),
            ("f", s("tab\there\nx")),
        ]);
        assert_eq!(
            encoded(value),
            "\"a\": |\n  line1\n  line2\n\"b\": |+\n  x\n\n\"c\": |2+\n\n\"d\": |2-\n   lead\n  x\n\
             \"e\": \"trail \\nx\"\n\"f\": \"tab\\there\\nx\"\n"
        );
        assert_eq!(encoded(s("a\n b\n\n  c\n")), "|\n  a\n   b\n\n    c\n");
        // A space before a line separator rules a block out too.
        assert_eq!(
            encoded(list(vec![s("line\nwith \u{2028} sep"), s("x\u{85}\ny")])),
            "- \"line\\nwith \\L sep\"\n- \"x\\N\\ny\"\n"
        );
    }

    #[test]
    fn escapes() {
        assert_eq!(
            encoded(s("😀 é \u{85} \u{2028} \u{a0} \u{7f} \u{1}")),
            "\"\\U0001F600 é \\N \\L \u{a0} \\x7F \\x01\"\n"
        );
        // A leading byte order mark has every character escaped.
        assert_eq!(
            encoded(s("\u{feff}ab c")),
            "\"\\uFEFF\\x61\\x62\\x20\\x63\"\n"
        );
        assert_eq!(
            encoded(list(vec![s("\"q\" \\ b"), s("#x"), s("\r\n"), s("")])),
            "- \"\\\"q\\\" \\\\ b\"\n- \"#x\"\n- \"\\r\\n\"\n- \"\"\n"
        );
    }

    #[test]
    fn keys_that_are_not_simple() {
        let value = map(vec![("a\nb", n(1)), ("c\rd", list(vec![n(1)]))]);
        assert_eq!(encoded(value), "? |-\n  a\n  b\n: 1\n? \"c\\rd\"\n: - 1\n");
        let long = "k".repeat(129);
        let short = "k".repeat(128);
        let value = map(vec![
            (long.as_str(), list(vec![n(1), n(2)])),
            (short.as_str(), n(1)),
        ]);
        assert_eq!(
            encoded(value),
            format!("\"{short}\": 1\n? \"{long}\"\n: - 1\n  - 2\n")
        );
    }

    #[test]
    fn long_strings_fold_past_80_columns() {
        let words = |n: usize| vec!["word"; n].join(" ");
        assert_eq!(
            encoded(s(&words(30))),
            format!("\"{}\n  {}\"\n", words(17), words(13))
        );
        assert_eq!(
            encoded(map(vec![("k", s(&words(30)))])),
            format!("\"k\": \"{}\n  {}\"\n", words(16), words(14))
        );
        let doubled = format!("word  {}  word word", words(15));
        assert_eq!(
            encoded(map(vec![("a", s(&doubled))])),
            format!("\"a\": \"word  {}\n  word  word word\"\n", words(14))
        );
    }

    #[test]
    fn numbers() {
        let value = list(vec![
            Value::Number(Number::from_f64(1.5).unwrap()),
            n(-3),
            Value::Number(Number::from_f64(1e21).unwrap()),
            Value::Number(Number::from_f64(1e-7).unwrap()),
            Value::Number(12_345_678_901_234_567_890_u64.into()),
        ]);
        assert_eq!(
            encoded(value),
            "- 1.5\n- -3\n- 1000000000000000000000\n- 0.0000001\n- 12345678901234567890\n"
        );
    }

    #[test]
    fn decodes_the_documented_examples() {
        assert_eq!(
            decoded("hello: world"),
            Ok(map(vec![("hello", s("world"))]))
        );
        assert_eq!(decoded("true"), Ok(Value::Bool(true)));
        let three = list(vec![n(1), n(2), n(3)]);
        assert_eq!(
            decoded("{a: &foo [1, 2, 3], b: *foo}"),
            Ok(map(vec![("a", three.clone()), ("b", three)]))
        );
        assert!(decoded("{a: &foo [1, *foo, 3]}").is_err());
        assert!(decoded("{a: !not-supported foo}").is_err());
    }

    #[test]
    fn plain_scalars_are_read_as_yaml_1_1() {
        let t = Value::Bool(true);
        let f = Value::Bool(false);
        assert_eq!(
            decoded("[y, Y, yes, on, off, no, n, NO, True, TRUE, tRue]"),
            Ok(list(vec![
                t.clone(),
                t.clone(),
                t.clone(),
                t.clone(),
                f.clone(),
                f.clone(),
                f.clone(),
                f,
                t.clone(),
                t,
                s("tRue")
            ]))
        );
        assert_eq!(
            decoded("[~, null, Null, NULL, nUll, '', \"null\"]"),
            Ok(list(vec![
                Value::Null,
                Value::Null,
                Value::Null,
                Value::Null,
                s("nUll"),
                s(""),
                s("null")
            ]))
        );
        let half = Value::Number(Number::from_f64(0.5).unwrap());
        assert_eq!(
            decoded(
                "[1, -1, +1, 0o17, 0x1F, 017, 1_000, 0b101, 1.5, 1e3, -1.5E-3, .5, 1., +.5, \
                 .5p1, 1.5p1, +0x10, 0o]"
            ),
            Ok(list(vec![
                n(1),
                n(-1),
                n(1),
                n(15),
                n(31),
                n(17),
                s("1_000"),
                s("0b101"),
                Value::Number(Number::from_f64(1.5).unwrap()),
                n(1000),
                Value::Number(Number::from_f64(-0.0015).unwrap()),
                half.clone(),
                n(1),
                half,
                n(1),
                s("1.5p1"),
                s("+0x10"),
                s("0o"),
            ]))
        );
        assert_eq!(
            decoded("[2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 1:2:3,5, 2001-02-30]"),
            Ok(list(vec![
                s("2001-12-14T00:00:00Z"),
                s("2001-12-14T21:59:43-05:00"),
                s("2001-12-14T01:02:03Z"),
                n(5),
                s("2001-02-30"),
            ]))
        );
        assert_eq!(
            decoded("a: 2001-12-14T21:59:43.5+24:60"),
            Ok(map(vec![("a", s("2001-12-14T21:59:43+25:00"))]))
        );
    }

    #[test]
    fn tags() {
        assert_eq!(
            decoded(
                "[!!int 0b101, !!int 017, !!int 1_000, !!float 1, !!int 1.5, !!str 1, !!bool yes, \
                 !!null x, !!null 1, !!null \"1\", !!int true, !!int -0x10, !!float 1p3, \
                 !!binary YR==, !<tag:yaml.org,2002:str> 1]"
            ),
            Ok(list(vec![
                n(5),
                n(17),
                n(1000),
                n(1),
                Value::Number(Number::from_f64(1.5).unwrap()),
                s("1"),
                Value::Bool(true),
                Value::Null,
                n(1),
                s("1"),
                Value::Bool(true),
                n(-16),
                n(8),
                s("YR=="),
                s("1"),
            ]))
        );
        assert_eq!(
            decoded("a: !!str\nb: !!null\n"),
            Ok(map(vec![("a", s("")), ("b", Value::Null)]))
        );
        assert_eq!(
            decoded("[!!bool 1, .0p3, !!float 0p3, !!float -0.5p1, !!int 0o17]"),
            Ok(list(vec![n(1), n(0), n(0), n(-1), n(15)]))
        );
        assert_eq!(decoded("!!map {a: 1}"), Ok(map(vec![("a", n(1))])));
        for invalid in [
            "! a",
            "!!str {a: 1}",
            "[!!int \"x\"]",
            "[!!bool \"x\"]",
            "[!!float .nan]",
            "!!binary aGVsbG8",
            "[!!timestamp x]",
            "[0x10000000000000000]",
        ] {
            assert!(decoded(invalid).is_err(), "{invalid}");
        }
    }

    #[test]
    fn keys_and_merges() {
        assert_eq!(
            decoded("{1: a, 1.5: b, true: c, yes: d, 0x10: e, 1e3: f, 2001-12-14: g}"),
            Ok(map(vec![
                ("1", s("a")),
                ("1.5", s("b")),
                ("1000", s("f")),
                ("16", s("e")),
                ("2001-12-14T00:00:00Z", s("g")),
                ("true", s("d")),
            ]))
        );
        assert_eq!(
            decoded("{-0: a, 0.0: b, -0.0: c, 1e-7: d, 00012: e, +5: f, .inf: g}"),
            Ok(map(vec![
                ("-0", s("c")),
                ("0", s("b")),
                ("0.0000001", s("d")),
                ("12", s("e")),
                ("5", s("f")),
                ("+Inf", s("g")),
            ]))
        );
        let bc = map(vec![("b", n(1)), ("c", n(2))]);
        assert_eq!(
            decoded("{a: &x {b: 1, c: 2}, d: {<<: *x, c: 3}, e: {c: 3, <<: *x}}"),
            Ok(map(vec![
                ("a", bc.clone()),
                ("d", map(vec![("b", n(1)), ("c", n(3))])),
                ("e", bc),
            ]))
        );
        // Quoted, `<<` is still a merge key; tagged !!str, it is not.
        assert_eq!(
            decoded("{'<<': {a: 1}, !!str <<: 3}"),
            Ok(map(vec![("<<", n(3)), ("a", n(1))]))
        );
        assert_eq!(decoded("[<<]"), Ok(list(vec![s("<<")])));
        assert_eq!(decoded("{a: 1, a: 2}"), Ok(map(vec![("a", n(2))])));
        for invalid in ["{~: a}", "{[1]: a}", "{*x : 1}", "{<<: [1]}", "{<<: ~}"] {
            assert!(decoded(invalid).is_err(), "{invalid}");
        }
    }

    #[test]
    fn anchors_follow_names() {
        assert_eq!(
            decoded("[&a 1, &a 2, *a]"),
            Ok(list(vec![n(1), n(2), n(2)]))
        );
        // Still being defined under its own name; an anchor on a key is not recorded.
        assert!(decoded("&a [&a 1, *a]").is_err());
        assert!(decoded("{&k a: 1, b: *k}").is_err());
    }

    #[test]
    fn documents() {
        assert_eq!(decoded("---\n...\n"), Ok(Value::Null));
        assert_eq!(decoded("---"), Ok(Value::Null));
        assert_eq!(decoded("a: 1\n...\n# c\n"), Ok(map(vec![("a", n(1))])));
        assert_eq!(
            decoded("a: |\n  x\n  y\nb: >\n  p\n  q\n"),
            Ok(map(vec![("a", s("x\ny\n")), ("b", s("p q\n"))]))
        );
        // An untagged block scalar is read, then converted to a string.
        assert_eq!(
            decoded(
                "a: >-\n  1e3\nb: |-\n  ~\nc: >-\n  2001-12-14\nd: |-\n  0x10\ne: >-\n  yes\n\
                 f: |-\n  1.50\ng: |-\n  <<\nh: !!int |-\n  12\n"
            ),
            Ok(map(vec![
                ("a", s("1000")),
                ("b", Value::Null),
                ("c", s("2001-12-14T00:00:00Z")),
                ("d", s("16")),
                ("e", s("true")),
                ("f", s("1.5")),
                ("g", s("<<")),
                ("h", n(12)),
            ]))
        );
        assert_eq!(decoded("\u{feff}a: 1"), Ok(map(vec![("a", n(1))])));
        assert_eq!(
            decoded("%YAML 1.1\n---\na: 1\n"),
            Ok(map(vec![("a", n(1))]))
        );
        for invalid in [
            "%YAML 1.2\n---\na: 1\n",
            "",
            "# just a comment\n",
            "a: 1\n---\nb: 2\n",
            "a: b: c",
            "[a, b]]",
        ] {
            assert!(decoded(invalid).is_err(), "{invalid:?}");
        }
    }

    #[test]
    fn numbers_the_linter_cannot_hold_are_unknown() {
        // The linter's own: Terraform holds these numbers.
        for source in [".inf", "{a: -.Inf}", "!!float inf", "[1e400]", "[1e-400]"] {
            assert_eq!(decoded(source), Ok(Value::Unknown), "{source}");
        }
        assert_eq!(decoded("{a: .inf, a: 1}"), Ok(map(vec![("a", n(1))])));
        assert!(decoded(".nan").is_err());
    }

    #[test]
    fn work_and_depth_are_bounded() {
        // The linter's own limits. Each level holds ten aliases of the one below: 10^9
        // strings if expanded.
        let mut source = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..9 {
            let below = format!("*a{}", level - 1);
            let items = [below.as_str(); 10].join(", ");
            source.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        assert_eq!(decoded(&source), Err(Failure::TooLarge));
        assert_eq!(decoded("a: 1e99999999"), Ok(Value::Unknown));
        assert_eq!(decoded("{1e99999999: a}"), Err(Failure::TooLarge));

        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(decoded(&nested(64)).is_ok());
        assert!(matches!(decoded(&nested(65)), Err(Failure::Invalid(_))));
        assert!(matches!(
            decoded(&nested(100_000)),
            Err(Failure::Invalid(_))
        ));
        let deep = format!("a: &a {}\nb: [*a]", nested(64));
        assert!(matches!(decoded(&deep), Err(Failure::Invalid(_))));
    }

    #[test]
    fn errors_do_not_quote_the_source() {
        for source in [
            "{a: !secret-tag x}",
            "[!!int secretvalue]",
            "a: b: secret",
            "@secret",
        ] {
            match decoded(source) {
                Err(Failure::Invalid(why)) => assert!(!why.contains("secret"), "{why}"),
                other => panic!("{source}: {other:?}"),
            }
        }
    }
}
