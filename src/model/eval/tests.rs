//! What the model knows of values: variables, tfvars, locals and references between resources,
//! and `Unknown` wherever a value is decided only at apply time.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use crate::model::eval::Evaluator;
use crate::model::{Module, ResourceId, Value};
use crate::{configuration, schema, Options, SourceFile};

fn module(files: &[(&str, &str)]) -> Module {
    let files: Vec<SourceFile> = files.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect();
    let module = configuration(&files, &Options::default());
    assert!(module.problems.is_empty(), "{:?}", module.problems);
    module
}

/// The value of `attr` of resource `kind.name`, with `-var` style `overrides`.
fn value_of(
    module: &Module,
    overrides: &[(&str, serde_json::Value)],
    kind: &str,
    name: &str,
    attr: &str,
) -> Value {
    let overrides: BTreeMap<String, serde_json::Value> = overrides
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    let eval = Evaluator::new(module, &overrides, schema::schemas().defaults());
    let index = module.resource_id(0, kind, name).expect("resource exists");
    eval.resource_attribute(index, attr).clone()
}

fn s(text: &str) -> Value {
    Value::String(text.into())
}

const VARIABLE: &str = r#"
variable "region" {
  default = "us-west-2"
}
resource "vault_keymgmt_aws_kms" "aws" {
  path           = "keymgmt"
  name           = "aws"
  key_collection = var.region
}
"#;

#[test]
fn variables_take_overrides_then_later_tfvars_then_defaults() {
    let m = module(&[("main.tf", VARIABLE)]);
    assert_eq!(
        value_of(&m, &[], "vault_keymgmt_aws_kms", "aws", "key_collection"),
        s("us-west-2")
    );

    let m = module(&[
        ("main.tf", VARIABLE),
        ("terraform.tfvars", "region = \"eu-west-1\"\n"),
        ("prod.auto.tfvars.json", "{\"region\": \"eu-central-1\"}"),
    ]);
    assert_eq!(
        value_of(&m, &[], "vault_keymgmt_aws_kms", "aws", "key_collection"),
        s("eu-central-1")
    );
    let cli = [("region", serde_json::json!("ap-south-1"))];
    assert_eq!(
        value_of(&m, &cli, "vault_keymgmt_aws_kms", "aws", "key_collection"),
        s("ap-south-1")
    );
}

#[test]
fn a_variable_without_value_is_unknown() {
    let m = module(&[(
        "main.tf",
        "variable \"region\" {}\nresource \"vault_keymgmt_aws_kms\" \"aws\" {\n  key_collection = var.region\n}\n",
    )]);
    assert_eq!(
        value_of(&m, &[], "vault_keymgmt_aws_kms", "aws", "key_collection"),
        Value::Unknown
    );
}

#[test]
fn references_follow_other_resources_locals_and_templates() {
    let m = module(&[(
        "main.tf",
        r#"
locals {
  env    = "prod"
  prefix = "${local.env}-keys"
}
resource "vault_mount" "keymgmt" {
  path = local.prefix
  type = "keymgmt"
}
resource "vault_keymgmt_key" "key" {
  count = 2
  path  = vault_mount.keymgmt.path
  name  = "key-${count.index}"
}
resource "vault_keymgmt_distribute_key" "dist" {
  path     = vault_keymgmt_key.key[0].path
  key_name = vault_keymgmt_key.key[0].name
  kms_name = "kms-${vault_mount.keymgmt.type}"
  purpose  = "${tolist(["encrypt"])}"
}
"#,
    )]);
    let dist = |attr| value_of(&m, &[], "vault_keymgmt_distribute_key", "dist", attr);
    assert_eq!(dist("path"), s("prod-keys"));
    assert_eq!(dist("kms_name"), s("kms-keymgmt"));
    // `count.index` is decided per instance, and `key[0]` is the first; functions are
    // evaluated.
    assert_eq!(dist("key_name"), s("key-0"));
    assert_eq!(dist("purpose"), Value::list(vec![s("encrypt")]));
}

#[test]
fn unset_arguments_take_the_schema_default_or_stay_unknown() {
    let m = module(&[(
        "main.tf",
        "resource \"vault_keymgmt_key\" \"key\" {\n  path = \"keymgmt\"\n  name = \"k\"\n}\n",
    )]);
    assert_eq!(
        value_of(&m, &[], "vault_keymgmt_key", "key", "type"),
        s("rsa-2048")
    );
    assert_eq!(
        value_of(&m, &[], "vault_keymgmt_key", "key", "replica_regions"),
        Value::Unknown
    );
}

#[test]
fn cycles_between_locals_end_in_unknown() {
    let m = module(&[(
        "main.tf",
        r#"
locals {
  a = local.b
  b = "${local.a}-x"
}
resource "vault_keymgmt_key" "key" {
  path = local.a
  name = "k"
}
"#,
    )]);
    assert_eq!(
        value_of(&m, &[], "vault_keymgmt_key", "key", "path"),
        Value::Unknown
    );
}

#[test]
fn json_syntax_reads_templates_references_and_literal_defaults() {
    let m = module(&[(
        "main.tf.json",
        r#"{
  "variable": { "name": { "default": "${not-a-template}" } },
  "resource": [
    { "vault_keymgmt_key": { "key": { "path": "keymgmt", "name": "${var.name}" } } },
    { "vault_keymgmt_replicate_key": { "rep": {
        "path": "keymgmt",
        "key_name": "${vault_keymgmt_key.key.name}",
        "depends_on": ["vault_keymgmt_key.key"]
    } } }
  ]
}"#,
    )]);
    assert_eq!(
        value_of(&m, &[], "vault_keymgmt_replicate_key", "rep", "key_name"),
        s("${not-a-template}")
    );
    let rep = &m.resources[m
        .resource_id(0, "vault_keymgmt_replicate_key", "rep")
        .unwrap()];
    let depends = rep.attribute("depends_on").unwrap();
    let refs = depends.value.traversals();
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].0.root, "vault_keymgmt_key");
}

/// The value of `local.probe` in a module of `text` plus that local.
fn probe(text: &str, expr: &str) -> Value {
    let m = module(&[(
        "main.tf",
        &format!("{text}\nlocals {{\n  probe = {expr}\n}}\n"),
    )]);
    let eval = Evaluator::new(&m, &BTreeMap::new(), schema::schemas().defaults());
    eval.local(0, "probe")
}

fn list(items: &[&str]) -> Value {
    Value::list(items.iter().map(|i| s(i)).collect())
}

#[test]
fn conditionals_operators_and_for_expressions_are_evaluated() {
    let vars = "variable \"env\" {\n  default = \"dev\"\n}\nvariable \"regions\" {\n  default = [\"us-east-1\", \"us-west-2\", \"eu-west-1\"]\n}\nvariable \"later\" {}";
    assert_eq!(
        probe(vars, r#"var.env == "prod" ? "" : "${var.env}-""#),
        s("dev-")
    );
    assert_eq!(
        probe(
            vars,
            r#"[for r in var.regions : upper(r) if r != "us-west-2"]"#
        ),
        list(&["US-EAST-1", "EU-WEST-1"])
    );
    assert_eq!(
        probe(vars, "{ for r in var.regions : substr(r, 0, 2) => r... }").key("us"),
        list(&["us-east-1", "us-west-2"])
    );
    assert_eq!(
        probe(vars, "length(var.regions) * 2 + 1"),
        Value::Number(7.into())
    );
    assert_eq!(
        probe(vars, "!(1 < 2) || var.env != \"prod\""),
        Value::Bool(true)
    );
    // Unknown stays Unknown; a condition that cannot be known decides nothing, unless both
    // branches are the same.
    assert_eq!(probe(vars, "var.later ? \"a\" : \"b\""), Value::Unknown);
    assert_eq!(probe(vars, "var.later ? \"a\" : \"a\""), s("a"));
    assert_eq!(probe(vars, "var.later + 1"), Value::Unknown);
    // A partly known list stays partly known.
    let partly = probe(vars, "[var.env, var.later]");
    assert_eq!(partly.index(0), s("dev"));
    assert_eq!(partly.index(1), Value::Unknown);
}

#[test]
fn splats_templates_and_heredocs_follow_terraform() {
    let objects = "locals {\n  keys = [{ name = \"a\" }, { name = \"b\" }]\n}";
    assert_eq!(probe(objects, "local.keys[*].name"), list(&["a", "b"]));
    assert_eq!(probe(objects, "local.keys.*.name"), list(&["a", "b"]));
    assert_eq!(
        probe(
            objects,
            r#""%{ for k in local.keys ~}${k.name},%{ endfor ~}""#
        ),
        s("a,b,")
    );
    assert_eq!(
        probe(
            objects,
            r#""%{ if length(local.keys) > 1 }many%{ else }one%{ endif }""#
        ),
        s("many")
    );
    assert_eq!(
        probe("", "<<-EOT\n    first\n      second\n    EOT"),
        s("first\n  second\n")
    );
}

const INSTANCES: &str = r#"
variable "keys" {
  default = {
    signer    = { type = "rsa-2048" }
    encrypter = { type = "aes256-gcm96" }
  }
}
resource "vault_keymgmt_key" "k" {
  for_each = var.keys
  path     = "keymgmt"
  name     = "${each.key}-key"
  type     = each.value.type
}
resource "vault_keymgmt_key" "numbered" {
  count = 2
  path  = "keymgmt"
  name  = "key-${count.index}"
}
resource "vault_keymgmt_key" "none" {
  count = 0
  path  = "keymgmt"
  name  = "never"
}
resource "vault_keymgmt_distribute_key" "d" {
  for_each = var.keys
  path     = "keymgmt"
  kms_name = "aws"
  key_name = vault_keymgmt_key.k[each.key].name
}
"#;

#[test]
fn count_and_for_each_make_instances_that_references_reach() {
    let m = module(&[("main.tf", INSTANCES)]);
    let addresses: Vec<&str> = m.resources.iter().map(|r| r.address()).collect();
    assert_eq!(
        addresses,
        [
            "vault_keymgmt_key.k[\"encrypter\"]",
            "vault_keymgmt_key.k[\"signer\"]",
            "vault_keymgmt_key.numbered[0]",
            "vault_keymgmt_key.numbered[1]",
            "vault_keymgmt_distribute_key.d[\"encrypter\"]",
            "vault_keymgmt_distribute_key.d[\"signer\"]",
        ]
    );
    assert!(m.declares(0, "vault_keymgmt_key", "none"));
    let eval = Evaluator::new(&m, &BTreeMap::new(), schema::schemas().defaults());
    let value = |i: usize, attr: &str| eval.resource_attribute(ResourceId(i), attr).clone();
    assert_eq!(value(1, "name"), s("signer-key"));
    assert_eq!(value(1, "type"), s("rsa-2048"));
    assert_eq!(value(3, "name"), s("key-1"));
    // A splat over a `count` block lists its instances.
    let splat = |expr: &str| {
        let m2 = module(&[(
            "main.tf",
            &format!("{INSTANCES}\nlocals {{\n  probe = {expr}\n}}\n"),
        )]);
        let eval = Evaluator::new(&m2, &BTreeMap::new(), schema::schemas().defaults());
        eval.local(0, "probe")
    };
    assert_eq!(
        splat("vault_keymgmt_key.numbered[*].name"),
        list(&["key-0", "key-1"])
    );
    assert_eq!(
        splat("vault_keymgmt_key.numbered.*.name"),
        list(&["key-0", "key-1"])
    );
    assert_eq!(
        splat("length(vault_keymgmt_key.numbered[*].name)"),
        Value::Number(2.into())
    );
    // `vault_keymgmt_key.k[each.key]` is the key instance of the same key.
    assert_eq!(value(5, "key_name"), s("signer-key"));
    assert_eq!(value(4, "key_name"), s("encrypter-key"));
}

#[test]
fn a_for_each_over_another_blocks_instances_is_expanded_after_it() {
    // Each block repeated over the one before, as Terraform expands them in the order of their
    // references: three rounds.
    let text = r#"
variable "keys" {
  default = { a = "aes256-gcm96", r = "rsa-2048" }
}
resource "vault_keymgmt_key" "k" {
  for_each = var.keys
  mount    = "keymgmt"
  name     = "${each.key}-key"
  type     = each.value
}
resource "vault_keymgmt_distribute_key" "d" {
  for_each = vault_keymgmt_key.k
  mount    = "keymgmt"
  kms_name = "aws"
  key_name = each.value.name
}
resource "vault_keymgmt_replicate_key" "r" {
  for_each = { for k, d in vault_keymgmt_distribute_key.d : k => d.key_name }
  mount    = "keymgmt"
  kms_name = "aws"
  key_name = each.value
}
"#;
    let m = module(&[("main.tf", text)]);
    let addresses: Vec<&str> = m.resources.iter().map(|r| r.address()).collect();
    assert_eq!(
        addresses,
        [
            "vault_keymgmt_key.k[\"a\"]",
            "vault_keymgmt_key.k[\"r\"]",
            "vault_keymgmt_distribute_key.d[\"a\"]",
            "vault_keymgmt_distribute_key.d[\"r\"]",
            "vault_keymgmt_replicate_key.r[\"a\"]",
            "vault_keymgmt_replicate_key.r[\"r\"]",
        ]
    );
    let eval = Evaluator::new(&m, &BTreeMap::new(), schema::schemas().defaults());
    let value = |i: usize, attr: &str| eval.resource_attribute(ResourceId(i), attr).clone();
    assert_eq!(value(3, "key_name"), s("r-key"));
    assert_eq!(value(4, "key_name"), s("a-key"));
}

#[test]
fn a_block_as_a_whole_is_its_instances_and_a_resource_an_object_of_its_schema() {
    let whole = |expr: &str| probe(INSTANCES, expr);
    assert_eq!(
        whole("keys(vault_keymgmt_key.k)"),
        list(&["encrypter", "signer"])
    );
    assert_eq!(
        whole("[for k in vault_keymgmt_key.k : k.name]"),
        list(&["encrypter-key", "signer-key"])
    );
    assert_eq!(whole("vault_keymgmt_key.numbered[1].name"), s("key-1"));
    assert_eq!(
        whole("length(vault_keymgmt_key.numbered)"),
        Value::Number(2.into())
    );
    assert_eq!(whole("vault_keymgmt_key.k[\"signer\"].type"), s("rsa-2048"));
    // Computed attributes (and `id`) are there, Unknown: reading one is no error.
    assert_eq!(whole("vault_keymgmt_key.k[\"signer\"].id"), Value::Unknown);
    assert_eq!(whole("values(vault_keymgmt_key.k)[0].id"), Value::Unknown);
    // A block whose `for_each` is not known is not known as a whole either.
    let unknown = "variable \"keys\" {}\nresource \"vault_keymgmt_key\" \"k\" {\n  for_each = var.keys\n  path = \"keymgmt\"\n  name = each.key\n}\n";
    assert_eq!(probe(unknown, "vault_keymgmt_key.k"), Value::Unknown);
}

#[test]
fn an_unknown_for_each_leaves_the_block_whole() {
    let text = "variable \"keys\" {}\nresource \"vault_keymgmt_key\" \"k\" {\n  for_each = var.keys\n  path = \"keymgmt\"\n  name = each.key\n}\n";
    let m = module(&[("main.tf", text)]);
    assert_eq!(m.resources.len(), 1);
    assert_eq!(m.resources[0].address(), "vault_keymgmt_key.k");
    assert_eq!(
        value_of(&m, &[], "vault_keymgmt_key", "k", "name"),
        Value::Unknown
    );
}

#[test]
fn path_module_and_root_are_the_root_modules_directory() {
    assert_eq!(probe("", "\"${path.module}/keys.json\""), s("./keys.json"));
    assert_eq!(probe("", "path.root"), s("."));
    assert_eq!(probe("", "path.cwd"), Value::Unknown);
    assert_eq!(probe("", "terraform.workspace"), Value::Unknown);
}

#[test]
fn variable_types_convert_values_in_both_syntaxes() {
    let json = r#"{
  "variable": {
    "spec": {
      "type": "object({ purpose = optional(list(string), [\"sign\"]), n = number })",
      "default": { "n": "3" }
    }
  },
  "resource": { "vault_keymgmt_key": { "k": { "path": "keymgmt", "name": "${var.spec.n}", "type": "${var.spec.purpose[0]}" } } }
}"#;
    let module = module(&[("main.tf.json", json)]);
    assert_eq!(
        value_of(&module, &[], "vault_keymgmt_key", "k", "type"),
        s("sign")
    );
    // `"${...}"` alone is the value itself: the number the string `"3"` converted to.
    assert_eq!(
        value_of(&module, &[], "vault_keymgmt_key", "k", "name"),
        Value::Number(3.into())
    );
    // `-var` values are converted too.
    let overridden = value_of(
        &module,
        &[("spec", serde_json::json!({ "n": 7, "purpose": ["verify"] }))],
        "vault_keymgmt_key",
        "k",
        "type",
    );
    assert_eq!(overridden, s("verify"));
}

#[test]
fn tf_var_environment_values_sit_between_defaults_and_tfvars() {
    let config = r#"
variable "name" {
  default = "from-default"
}
variable "regions" {
  type    = list(string)
  default = []
}
variable "count_of" {
  type = number
}
resource "vault_keymgmt_key" "k" {
  path             = "keymgmt"
  name             = var.name
  replica_regions  = var.regions
  min_enabled_version = var.count_of
}
"#;
    let environment: BTreeMap<String, String> = [
        ("name", "from-env"),
        ("regions", r#"["us-east-1", "us-west-2"]"#),
        ("count_of", "3"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let read = |files: &[(&str, &str)], attr: &str| {
        let m = module(files);
        let eval = Evaluator::new(&m, &BTreeMap::new(), schema::schemas().defaults())
            .with_environment(&environment);
        let index = m.resource_id(0, "vault_keymgmt_key", "k").unwrap();
        eval.resource_attribute(index, attr).clone()
    };
    assert_eq!(read(&[("main.tf", config)], "name"), s("from-env"));
    assert_eq!(
        read(&[("main.tf", config)], "replica_regions"),
        Value::list(vec![s("us-east-1"), s("us-west-2")])
    );
    // The text of a number variable is converted by its type.
    assert_eq!(
        read(&[("main.tf", config)], "min_enabled_version"),
        Value::Number(3.into())
    );
    let tfvars = ("terraform.tfvars", "name = \"from-tfvars\"\n");
    assert_eq!(
        read(&[("main.tf", config), tfvars], "name"),
        s("from-tfvars")
    );
}

#[test]
fn a_tf_var_value_that_does_not_parse_is_reported_without_its_text() {
    let config = "variable \"regions\" {\n  type      = list(string)\n  sensitive = true\n}\n";
    let options = Options {
        environment: [("regions".to_string(), "[\"hunter2-secret\"".to_string())].into(),
        ..Options::default()
    };
    let report = crate::lint(&[SourceFile::new("main.tf", config)], &options).unwrap();
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.rule.as_str(), d.range.start.line))
        .collect();
    assert_eq!(found, [("invalid-expression", 1)], "{report:#?}");
    assert!(report.diagnostics[0].message.contains("TF_VAR_regions"));
    assert!(!format!("{report:?}").contains("hunter2"));
}

#[test]
fn variable_sources_name_where_each_value_comes_from_in_terraform_order() {
    let files = [
        SourceFile::new(
            "main.tf",
            "variable \"a\" {\n  default = 1\n}\nvariable \"b\" {\n  sensitive = true\n}\nvariable \"c\" {}\n",
        ),
        SourceFile::new("terraform.tfvars", "a = 2\nundeclared = 3\n"),
    ];
    let options = Options {
        environment: [("a", "4"), ("b", "5"), ("nobody", "6")]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .into(),
        variables: [("b".to_string(), serde_json::json!("x"))].into(),
        ..Options::default()
    };
    let listed: Vec<(String, bool, bool, Vec<String>)> = crate::variable_sources(&files, &options)
        .into_iter()
        .map(|v| (v.name, v.declared, v.sensitive, v.sources))
        .collect();
    let strings = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        listed,
        [
            (
                "a".into(),
                true,
                false,
                strings(&["default", "TF_VAR_a", "terraform.tfvars"])
            ),
            ("b".into(), true, true, strings(&["TF_VAR_b", "variables"])),
            ("c".into(), true, false, strings(&[])),
            (
                "undeclared".into(),
                false,
                false,
                strings(&["terraform.tfvars"])
            ),
        ]
    );
}
