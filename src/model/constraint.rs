//! Type constraints of input variables (`type = map(object({ purpose = optional(list(string),
//! ["encrypt"]) }))`) and the conversion Terraform applies to a variable's value before anything
//! reads it: primitives become the declared primitive type, lists become sets, missing or null
//! `optional()` attributes take their defaults, attributes an object type does not declare are
//! dropped, and the elements of `list(any)` or `map(any)` are unified to one type. What cannot
//! be converted is an error that names types and attributes, never the value: it may be
//! sensitive.

use std::collections::BTreeMap;

use compact_str::CompactString;

use super::convert::{self, Converted};
use super::{Expr, ExprKind, Value};
use crate::source::Span;

#[derive(Debug, Clone, PartialEq)]
pub enum Constraint {
    /// `any`, or no `type` at all: the value as given.
    Any,
    String,
    Number,
    Bool,
    List(Box<Constraint>),
    Set(Box<Constraint>),
    Map(Box<Constraint>),
    Tuple(Vec<Constraint>),
    Object(BTreeMap<CompactString, Attribute>),
}

/// An attribute of an `object(...)` type.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribute {
    pub constraint: Constraint,
    /// `optional(...)`: the attribute may be left out, and is then its default or `null`.
    pub optional: bool,
    /// `optional(type, default)`'s default, a constant expression.
    pub default: Option<Expr>,
}

impl Constraint {
    /// The constraint a `type` argument's expression writes, or why Terraform would reject it.
    pub fn parse(expr: &Expr) -> Result<Constraint, (Span, String)> {
        let invalid = |why: &str| Err((expr.span, format!("invalid type constraint: {why}")));
        match &expr.kind {
            ExprKind::Traversal(t) if t.steps.is_empty() => match t.root.as_str() {
                "any" => Ok(Constraint::Any),
                "string" => Ok(Constraint::String),
                "number" => Ok(Constraint::Number),
                "bool" => Ok(Constraint::Bool),
                "list" | "set" | "map" | "tuple" | "object" => {
                    invalid(&format!("`{}` needs its element type: `{0}(...)`", t.root))
                }
                other => invalid(&format!("`{other}` is not a type")),
            },
            ExprKind::Call { name, args, expand } if !expand && args.len() == 1 => {
                let arg = &args[0];
                let element = || Constraint::parse(arg).map(Box::new);
                match name.as_str() {
                    "list" => Ok(Constraint::List(element()?)),
                    "set" => Ok(Constraint::Set(element()?)),
                    "map" => Ok(Constraint::Map(element()?)),
                    "tuple" => match &arg.kind {
                        ExprKind::Array(items) => items
                            .iter()
                            .map(Constraint::parse)
                            .collect::<Result<_, _>>()
                            .map(Constraint::Tuple),
                        _ => invalid("`tuple` takes a list of types: `tuple([string, number])`"),
                    },
                    "object" => match &arg.kind {
                        ExprKind::Object(items) => {
                            let mut attributes = BTreeMap::new();
                            for item in items {
                                let Some(key) = &item.key else {
                                    return invalid("an object attribute's name must be written out");
                                };
                                attributes.insert(key.clone(), Attribute::parse(&item.value)?);
                            }
                            Ok(Constraint::Object(attributes))
                        }
                        _ => invalid("`object` takes an object of attribute types: `object({ name = string })`"),
                    },
                    "optional" => invalid("`optional` is only allowed as an object attribute's type"),
                    other => invalid(&format!("`{other}` is not a type")),
                }
            }
            ExprKind::Call { name, .. } => invalid(&format!("wrong arguments for `{name}(...)`")),
            ExprKind::String(text) => invalid(&format!(
                "remove the quotes: type constraints are written `{text}`, not `\"{text}\"`"
            )),
            _ => invalid("expected a type such as `string`, `list(string)` or `object({...})`"),
        }
    }

    /// `value` converted to this type, with `default` evaluating the constant default of an
    /// `optional()` attribute.
    pub fn convert(&self, value: Value, default: &dyn Fn(&Expr) -> Value) -> Converted<Value> {
        self.convert_at(value, default).map_err(|(path, why)| {
            if path.is_empty() {
                why
            } else {
                format!("{path}: {why}")
            }
        })
    }

    /// The error's path is built as the error returns, outermost step first.
    fn convert_at(
        &self,
        value: Value,
        default: &dyn Fn(&Expr) -> Value,
    ) -> Result<Value, (String, String)> {
        let plain = |why: String| (String::new(), why);
        let value = match value {
            Value::Sensitive(inner) => {
                return self.convert_at(*inner, default).map(Value::into_sensitive);
            }
            Value::Unknown | Value::Null => return Ok(value),
            value => value,
        };
        match self {
            Constraint::Any => Ok(value),
            Constraint::String => match value {
                Value::String(_) => Ok(value),
                _ => convert::to_string(&value).map(Value::String).map_err(plain),
            },
            Constraint::Number => match value {
                Value::Number(_) => Ok(value),
                _ => convert::to_number(&value)
                    .and_then(convert::number)
                    .map_err(plain),
            },
            Constraint::Bool => convert::to_bool(&value).map(Value::Bool).map_err(plain),
            Constraint::List(element) | Constraint::Set(element) => {
                let items = convert::to_list(&value)
                    .map_err(|_| plain(format!("{} required", self.describe())))?;
                let mut converted = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let item = element
                        .convert_at(item.clone(), default)
                        .map_err(|e| step(format!("element {i}"), e))?;
                    converted.push(item);
                }
                if **element == Constraint::Any {
                    converted = convert::unify(converted).map_err(plain)?;
                }
                Ok(match self {
                    Constraint::Set(_) => convert::set_of(converted),
                    _ => Value::list(converted),
                })
            }
            Constraint::Tuple(elements) => {
                let items = convert::to_list(&value)
                    .ok()
                    .filter(|items| items.len() == elements.len())
                    .ok_or_else(|| {
                        plain(format!("a tuple of {} elements required", elements.len()))
                    })?;
                let mut converted = Vec::with_capacity(items.len());
                for (i, (item, element)) in items.iter().zip(elements).enumerate() {
                    let item = element
                        .convert_at(item.clone(), default)
                        .map_err(|e| step(format!("element {i}"), e))?;
                    converted.push(item);
                }
                Ok(Value::list(converted))
            }
            Constraint::Map(element) => {
                let entries = convert::to_map(&value)
                    .map_err(|_| plain(format!("{} required", self.describe())))?;
                let mut converted = Vec::with_capacity(entries.len());
                for (key, item) in entries.iter() {
                    let item = element
                        .convert_at(item.clone(), default)
                        .map_err(|e| step(format!("element \"{key}\""), e))?;
                    converted.push(item);
                }
                if **element == Constraint::Any {
                    converted = convert::unify(converted).map_err(plain)?;
                }
                let mut map = BTreeMap::new();
                for (key, item) in entries.keys().zip(converted) {
                    map.insert(key.clone(), item);
                }
                Ok(Value::object(map))
            }
            Constraint::Object(attributes) => {
                let entries =
                    convert::to_map(&value).map_err(|_| plain("an object required".to_string()))?;
                let mut map = BTreeMap::new();
                for (name, attribute) in attributes {
                    let given = entries.get(name).filter(|v| !matches!(v, Value::Null));
                    let item = match (given, attribute.optional, &attribute.default) {
                        (Some(item), ..) => item.clone(),
                        (None, true, Some(expr)) => default(expr),
                        (None, true, None) => Value::Null,
                        (None, false, _) if entries.contains_key(name) => Value::Null,
                        (None, false, _) => {
                            return Err(plain(format!("attribute \"{name}\" is required")));
                        }
                    };
                    let item = attribute
                        .constraint
                        .convert_at(item, default)
                        .map_err(|e| step(format!("attribute \"{name}\""), e))?;
                    map.insert(name.clone(), item);
                }
                Ok(Value::object(map))
            }
        }
    }

    /// The type as Terraform's messages name it: `list of string`, `map of object`.
    fn describe(&self) -> String {
        match self {
            Constraint::Any => "any".into(),
            Constraint::String => "string".into(),
            Constraint::Number => "number".into(),
            Constraint::Bool => "bool".into(),
            Constraint::List(e) => format!("list of {}", e.describe()),
            Constraint::Set(e) => format!("set of {}", e.describe()),
            Constraint::Map(e) => format!("map of {}", e.describe()),
            Constraint::Tuple(_) => "tuple".into(),
            Constraint::Object(_) => "object".into(),
        }
    }
}

impl Attribute {
    fn parse(expr: &Expr) -> Result<Attribute, (Span, String)> {
        match &expr.kind {
            ExprKind::Call { name, args, expand } if name == "optional" => {
                if *expand || args.is_empty() || args.len() > 2 {
                    return Err((
                        expr.span,
                        "invalid type constraint: `optional` takes a type and, optionally, a default"
                            .into(),
                    ));
                }
                Ok(Attribute {
                    constraint: Constraint::parse(&args[0])?,
                    optional: true,
                    default: args.get(1).cloned(),
                })
            }
            _ => Ok(Attribute {
                constraint: Constraint::parse(expr)?,
                optional: false,
                default: None,
            }),
        }
    }
}

/// An error from inside an element or attribute, with that step in front of its path.
fn step(name: String, (path, why): (String, String)) -> (String, String) {
    if path.is_empty() {
        (name, why)
    } else {
        (format!("{name}, {path}"), why)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::eval::Evaluator;
    use crate::model::Module;
    use crate::parse::parse_body;
    use crate::schema::Defaults;

    /// The constraint of `type = <text>` and the value of `value = <value>`, each evaluated as a
    /// constant.
    fn convert(ty: &str, value: &str) -> Converted<Value> {
        let body = parse_body(0, &format!("type = {ty}\nvalue = {value}\n")).unwrap();
        let constraint = Constraint::parse(&body.attributes[0].value).map_err(|(_, why)| why)?;
        let module = Module::build(Default::default(), Default::default());
        let eval = Evaluator::new(&module, &BTreeMap::new(), Defaults::default());
        let constant = |expr: &Expr| eval.eval(expr);
        constraint.convert(constant(&body.attributes[1].value), &constant)
    }

    fn json(value: Converted<Value>) -> String {
        fn convert(value: &Value) -> serde_json::Value {
            match value {
                Value::Null => serde_json::Value::Null,
                Value::Bool(b) => (*b).into(),
                Value::Number(n) => serde_json::Value::Number(n.clone()),
                Value::String(s) => s.as_str().into(),
                Value::List(items) => items.iter().map(convert).collect(),
                Value::Object(map) => serde_json::Value::Object(
                    map.iter()
                        .map(|(k, v)| (k.to_string(), convert(v)))
                        .collect(),
                ),
                Value::Unknown | Value::Sensitive(_) => panic!("known and not sensitive"),
            }
        }
        convert(&value.unwrap()).to_string()
    }

    #[test]
    fn primitives_convert_as_terraform_does() {
        assert_eq!(json(convert("string", "5")), r#""5""#);
        assert_eq!(json(convert("number", r#""12""#)), "12");
        assert_eq!(json(convert("bool", r#""true""#)), "true");
        assert_eq!(
            json(convert("list(string)", r#"[1, true, "x"]"#)),
            r#"["1","true","x"]"#
        );
        assert_eq!(
            json(convert("set(string)", r#"["b", "a", "b"]"#)),
            r#"["a","b"]"#
        );
        assert_eq!(
            json(convert("map(any)", r#"{ a = 1, b = "x" }"#)),
            r#"{"a":"1","b":"x"}"#
        );
        assert_eq!(
            json(convert("tuple([string, number])", r#"["a", "2"]"#)),
            r#"["a",2]"#
        );
        assert_eq!(
            json(convert("any", r#"{ a = [1, "x"] }"#)),
            r#"{"a":[1,"x"]}"#
        );
    }

    #[test]
    fn optional_attributes_take_their_defaults_and_extras_are_dropped() {
        let ty = r#"map(object({
            type    = optional(string, "rsa-2048")
            purpose = optional(list(string), ["encrypt"])
            regions = optional(set(string))
        }))"#;
        assert_eq!(
            json(convert(
                ty,
                r#"{ a = {}, b = { purpose = ["sign"], extra = 1 }, c = { type = null } }"#
            )),
            concat!(
                r#"{"a":{"purpose":["encrypt"],"regions":null,"type":"rsa-2048"},"#,
                r#""b":{"purpose":["sign"],"regions":null,"type":"rsa-2048"},"#,
                r#""c":{"purpose":["encrypt"],"regions":null,"type":"rsa-2048"}}"#
            )
        );
        let nested =
            r#"object({ a = string, b = optional(object({ c = optional(number, 3) }), {}) })"#;
        assert_eq!(
            json(convert(nested, r#"{ a = "x" }"#)),
            r#"{"a":"x","b":{"c":3}}"#
        );
    }

    #[test]
    fn what_cannot_convert_names_the_place_and_types_only() {
        assert_eq!(
            convert("object({ name = string })", "{}").unwrap_err(),
            r#"attribute "name" is required"#
        );
        assert_eq!(
            convert(
                "map(object({ purpose = list(string) }))",
                r#"{ k = { purpose = "secret-text" } }"#
            )
            .unwrap_err(),
            r#"element "k", attribute "purpose": list of string required"#
        );
        assert_eq!(
            convert("list(number)", r#"["one"]"#).unwrap_err(),
            "element 0: a number is required, and this string is not a number"
        );
        assert_eq!(
            convert("tuple([string])", r#"["a", "b"]"#).unwrap_err(),
            "a tuple of 1 elements required"
        );
    }

    #[test]
    fn unknown_null_and_marks_pass_through() {
        assert_eq!(convert("string", "null").unwrap(), Value::Null);
        let secret = Value::String("5".into()).into_sensitive();
        let converted = Constraint::Number
            .convert(secret, &|_| Value::Unknown)
            .unwrap();
        assert!(converted.is_sensitive());
        assert_eq!(
            Constraint::List(Box::new(Constraint::String))
                .convert(Value::Unknown, &|_| Value::Null),
            Ok(Value::Unknown)
        );
    }

    #[test]
    fn type_expressions_terraform_rejects_are_errors() {
        let parse = |ty: &str| {
            let body = parse_body(0, &format!("type = {ty}\n")).unwrap();
            Constraint::parse(&body.attributes[0].value).map_err(|(_, why)| why)
        };
        assert!(parse(r#""string""#)
            .unwrap_err()
            .contains("remove the quotes"));
        assert!(parse("strin")
            .unwrap_err()
            .contains("`strin` is not a type"));
        assert!(parse("list").is_err());
        assert!(parse("optional(string)").is_err());
        assert!(parse("object({ a = optional(string, \"x\", 1) })").is_err());
        assert_eq!(
            parse("set(object({ a = optional(number) }))").unwrap(),
            Constraint::Set(Box::new(Constraint::Object(BTreeMap::from([(
                "a".into(),
                Attribute {
                    constraint: Constraint::Number,
                    optional: true,
                    default: None
                }
            )]))))
        );
    }
}
