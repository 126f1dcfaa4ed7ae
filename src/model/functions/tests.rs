//! Terraform's documented examples of each function (`tests/functions/`), evaluated.

use std::collections::BTreeMap;

use crate::model::eval::Evaluator;
use crate::model::{Block, Module};
use crate::schema::Defaults;

/// Runs every `case` of a fixture file; all failures are reported together.
fn run(cases: &str) {
    let body = crate::parse::parse_body(0, cases).expect("the fixture parses");
    let module = Module::build(Default::default(), Default::default());
    let failures: Vec<String> = body
        .blocks
        .iter()
        .filter_map(|case| check(&module, case).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        body.blocks.len(),
        failures.join("\n")
    );
    assert!(body.blocks.len() >= 10, "the fixture holds its cases");
}

fn check(module: &Module, case: &Block) -> Result<(), String> {
    let name = case.labels.first().map_or("?", |l| l.as_str());
    let eval = Evaluator::new(module, &BTreeMap::new(), Defaults::default());
    let expr = &case
        .body
        .attribute("expr")
        .ok_or("a case without expr")?
        .value;
    let got = eval.eval(expr);
    let faults = eval.faults();
    let line = expr.span.start;
    if case.body.attribute("error").is_some() {
        // An undeclared `local.*` is the `unresolved-reference` rule's to report.
        let undeclared = expr.traversals().iter().any(|(t, _)| t.root == "local");
        return match faults.is_empty() && !undeclared {
            true => Err(format!(
                "{name} at byte {line}: no error, the value is {got:?}"
            )),
            false => Ok(()),
        };
    }
    let want = eval.eval(
        &case
            .body
            .attribute("want")
            .ok_or("a case without want")?
            .value,
    );
    if !faults.is_empty() {
        return Err(format!("{name} at byte {line}: {faults:?}"));
    }
    if !got.is_wholly_known() || got != want {
        return Err(format!("{name} at byte {line}: got {got:?}, want {want:?}"));
    }
    Ok(())
}

#[test]
fn string_functions() {
    run(include_str!("../../../tests/functions/string.tf"));
}

#[test]
fn collection_functions() {
    run(include_str!("../../../tests/functions/collection.tf"));
}

#[test]
fn type_functions() {
    run(include_str!("../../../tests/functions/type.tf"));
}

#[test]
fn encoding_functions() {
    run(include_str!("../../../tests/functions/encoding.tf"));
}

#[test]
fn hash_functions() {
    run(include_str!("../../../tests/functions/hash.tf"));
}

#[test]
fn numeric_functions() {
    run(include_str!("../../../tests/functions/numeric.tf"));
}

#[test]
fn network_functions() {
    run(include_str!("../../../tests/functions/network.tf"));
}

/// The value of `expr` in a module of `locals`, with the faults met.
fn eval_in(locals: &str, expr: &str) -> (crate::model::Value, Vec<String>) {
    let text = format!("locals {{\n{locals}\n  probe = {expr}\n}}\n");
    let sources = crate::parse::parse(&[crate::SourceFile::new("main.tf", text)]);
    let module = Module::build(sources, Default::default());
    assert!(module.problems.is_empty(), "{:?}", module.problems);
    let eval = Evaluator::new(&module, &BTreeMap::new(), Defaults::default());
    let value = eval.local(0, "probe");
    let faults = eval.faults().into_iter().map(|(_, why)| why).collect();
    (value, faults)
}

#[test]
fn unknown_arguments_give_unknown_results_without_faults() {
    for expr in [
        "upper(var.undeclared)",
        "format(\"%s-%s\", \"a\", timestamp())",
        "cidrsubnet(var.undeclared, 4, 1)",
        "regex(\"\\\\p{Greek}+\", \"αβγ\")",
    ] {
        let (value, faults) = eval_in("", expr);
        assert_eq!(value, crate::model::Value::Unknown, "{expr}");
        assert!(faults.is_empty(), "{expr}: {faults:?}");
    }
    // Where Terraform knows part of the result, so does the linter.
    let (value, _) = eval_in("", "length([timestamp(), \"b\"])");
    assert_eq!(value, crate::model::Value::Number(2.into()));
    let (value, _) = eval_in("", "keys(merge({ a = timestamp() }, { b = 1 }))");
    assert!(value.is_wholly_known());
}

#[test]
fn a_sensitive_argument_marks_the_result() {
    let locals = "  secret = sensitive(\"hunter2\")";
    for expr in [
        "upper(local.secret)",
        "merge({ a = local.secret }, { b = \"plain\" })",
        "[for c in split(\"\", local.secret) : c]",
        "format(\"%s\", local.secret)",
    ] {
        let (value, _) = eval_in(locals, expr);
        assert!(value.is_sensitive(), "{expr}");
    }
    let (value, _) = eval_in(locals, "nonsensitive(upper(local.secret))");
    assert!(!value.is_sensitive());
}

#[test]
fn results_past_the_limits_are_refused_before_they_are_built() {
    let (value, faults) = eval_in("", "range(2000)");
    assert_eq!(value, crate::model::Value::Unknown);
    assert!(faults[0].contains("more than 1024"), "{faults:?}");
    // 100^4 rows of 4: far past the value size limit, refused without building them.
    let (value, faults) = eval_in(
        "  r = range(100)",
        "setproduct(local.r, local.r, local.r, local.r)",
    );
    assert_eq!(value, crate::model::Value::Unknown);
    assert!(faults.is_empty(), "{faults:?}");
    let (value, _) = eval_in(
        "  s = join(\"\", range(1000))",
        "replace(local.s, \"\", local.s)",
    );
    assert_eq!(value, crate::model::Value::Unknown);
}
