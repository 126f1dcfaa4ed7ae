//! What the model knows of values: variables, tfvars, locals and references between resources,
//! and `Unknown` wherever a value is decided only at apply time.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use keymgmt_lint::model::eval::Evaluator;
use keymgmt_lint::model::{Module, Value};
use keymgmt_lint::{parse::parse, schema, SourceFile};

fn module(files: &[(&str, &str)]) -> Module {
    let files: Vec<SourceFile> = files.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect();
    let module = parse(&files);
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
    let index = module.resource_index(kind, name).expect("resource exists");
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
    // `count.index` is decided per instance, and functions are not evaluated.
    assert_eq!(dist("key_name"), Value::Unknown);
    assert_eq!(dist("purpose"), Value::Unknown);
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
    let rep = m.resource("vault_keymgmt_replicate_key", "rep").unwrap();
    let depends = rep.attribute("depends_on").unwrap();
    let refs = depends.value.traversals();
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].0.root, "vault_keymgmt_key");
}
