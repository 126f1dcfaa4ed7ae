//! The filesystem functions that read the configuration's own files: `file`, `fileexists`,
//! `filebase64` and `templatefile`, over the files given with the configuration.

#![cfg(not(target_arch = "wasm32"))]

use crate::model::eval::Evaluator;
use crate::model::Value;
use crate::{configuration, lint, Options, SourceFile};

fn files(files: &[(&str, &str)]) -> Vec<SourceFile> {
    files.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect()
}

/// The value of `local.probe` in the root module of `files`, the first of which gets the local.
fn probe(extra: &[(&str, &str)], expr: &str) -> Value {
    let main = format!("locals {{\n  probe = {expr}\n}}\n");
    let mut all = vec![("infra/main.tf", main.as_str())];
    all.extend_from_slice(extra);
    let module = configuration(&files(&all), &Options::default());
    let eval = Evaluator::new(&module, &Default::default(), Default::default());
    eval.local(0, "probe")
}

fn s(text: &str) -> Value {
    Value::String(text.into())
}

#[test]
fn files_given_are_read_relative_to_the_root_module() {
    let data = [("infra/policy/key.txt", "aes256-gcm96")];
    assert_eq!(probe(&data, "file(\"policy/key.txt\")"), s("aes256-gcm96"));
    assert_eq!(
        probe(&data, "file(\"${path.module}/policy/../policy/key.txt\")"),
        s("aes256-gcm96")
    );
    assert_eq!(
        probe(&data, "fileexists(\"policy/key.txt\")"),
        Value::Bool(true)
    );
    assert_eq!(
        probe(&data, "filebase64(\"policy/key.txt\")"),
        s("YWVzMjU2LWdjbTk2")
    );
    // The hashes of a file are those of its bytes (`printf aes256-gcm96 | sha256sum`, `md5sum`).
    assert_eq!(
        probe(&data, "filesha256(\"policy/key.txt\")"),
        s("b3b1443144c39f9a214ba00b1cb6c1480349c4cf865f6eed9d3970d15c745932")
    );
    assert_eq!(
        probe(&data, "filemd5(\"policy/key.txt\")"),
        s("5a1546280211eea8f5b58780ef4940bf")
    );
    // Not given: not known, whether it exists or not.
    assert_eq!(probe(&data, "fileexists(\"other.txt\")"), Value::Unknown);
    // Outside the root module's tree, or absolute: never read.
    let outside = [("secrets.txt", "hunter2")];
    assert_eq!(probe(&outside, "file(\"../secrets.txt\")"), Value::Unknown);
    assert_eq!(probe(&outside, "file(\"/etc/passwd\")"), Value::Unknown);
}

#[test]
fn templatefile_renders_the_template_with_its_variables() {
    let data = [(
        "infra/names.tftpl",
        "%{ for r in regions ~}\n${prefix}-${r}\n%{ endfor ~}",
    )];
    assert_eq!(
        probe(
            &data,
            "templatefile(\"names.tftpl\", { prefix = \"kms\", regions = [\"eu\", \"us\"] })"
        ),
        s("kms-eu\nkms-us\n")
    );
    let bad = [("infra/bad.tftpl", "${")];
    assert_eq!(
        probe(&bad, "templatefile(\"bad.tftpl\", {})"),
        Value::Unknown
    );
}

#[test]
fn values_read_from_files_are_checked_and_missing_files_are_named() {
    let main = r#"
resource "vault_keymgmt_key" "k" {
  mount = "keymgmt"
  name  = "k"
  type  = trimspace(file("${path.module}/key-type.txt"))
}

resource "vault_keymgmt_aws_kms" "aws" {
  mount          = "keymgmt"
  name           = "aws"
  key_collection = templatefile("${path.module}/region.tftpl", { region = "us-west-2" })
}

resource "vault_keymgmt_distribute_key" "d" {
  mount    = "keymgmt"
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.k.name
  purpose  = ["encrypt", "decrypt"]
}
"#;
    let given = files(&[
        ("main.tf", main),
        ("key-type.txt", "rsa-2048\n"),
        ("region.tftpl", "${region}"),
    ]);
    let report = lint(&given, &Options::default()).unwrap();
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert_eq!(rules, ["key-type-unsupported"], "{report:#?}");
    assert!(report.missing_files.is_empty());
    // Without the data files nothing is known, and the report names what it would have read.
    let report = lint(&given[..1], &Options::default()).unwrap();
    assert_eq!(report.diagnostics, []);
    assert_eq!(report.missing_files, ["key-type.txt", "region.tftpl"]);
}
