//! The core never puts a secret into a message: values of variables marked `sensitive = true`
//! and bare words in sensitive arguments. pkg/test/redaction.test.js audits every output format
//! end to end; these pin the core's part.

use keymgmt_lint::{graph, lint, Options, SourceFile};

const SECRET: &str = "S3CR3T-redaction-7f1c";

fn module() -> Vec<SourceFile> {
    vec![SourceFile::new(
        "main.tf",
        format!(
            r#"variable "region" {{
  type      = string
  sensitive = true
  default   = "{SECRET}"
}}

locals {{
  region = var.region
}}

resource "vault_keymgmt_aws_kms" "aws" {{
  path           = "keymgmt"
  name           = "aws"
  key_collection = local.region
  access_key     = var.region
  secret_key     = {SECRET_BARE}
}}

resource "vault_keymgmt_key" "k" {{
  path = "keymgmt"
  name = "k"
  type = var.region
}}
"#,
            SECRET_BARE = SECRET.replace('-', "_"),
        ),
    )]
}

#[test]
fn messages_show_no_value_of_a_sensitive_variable_nor_a_bare_secret() {
    let report = lint(&module(), &Options::default()).unwrap();
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    for expected in [
        "key-collection-format",
        "invalid-value",
        "unresolved-reference",
    ] {
        assert!(
            rules.contains(&expected),
            "{expected} missing from {rules:?}"
        );
    }
    let text = serde_json::to_string(&report).unwrap();
    assert!(!text.contains(SECRET), "{text}");
    assert!(!text.contains(&SECRET.replace('-', "_")), "{text}");
    assert!(text.contains("(sensitive value)"), "{text}");
    assert!(
        text.contains("the sensitive argument `secret_key`"),
        "{text}"
    );
}

#[test]
fn the_graph_shows_no_value_of_a_sensitive_variable() {
    let view = serde_json::to_string(&graph(&module(), &Options::default())).unwrap();
    assert!(!view.contains(SECRET), "{view}");
    assert!(view.contains("(sensitive value)"), "{view}");
}

#[test]
fn a_secret_written_without_quotes_in_a_local_that_feeds_a_secret_is_never_shown() {
    let hcl = SourceFile::new(
        "main.tf",
        r#"locals {
  raw    = AKIAUNQUOTEDHCL7
  secret = local.raw
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = "keymgmt"
  name           = "aws"
  key_collection = "us-east-1"
  credentials = {
    access_key = "AKIA"
    secret_key = local.secret
  }
}
"#,
    );
    let json = SourceFile::new(
        "main.tf.json",
        serde_json::json!({
            "locals": {"raw": "${AKIAUNQUOTEDJSON7}"},
            "resource": {"vault_keymgmt_aws_kms": {"aws": {
                "path": "keymgmt", "name": "aws", "key_collection": "us-east-1",
                "access_key": "AKIA", "secret_key": "${local.raw}"
            }}}
        })
        .to_string(),
    );
    for (file, secret) in [(hcl, "AKIAUNQUOTEDHCL7"), (json, "AKIAUNQUOTEDJSON7")] {
        let report = lint(&[file], &Options::default()).unwrap();
        let text = serde_json::to_string(&report).unwrap();
        assert!(!text.contains(secret), "{text}");
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.rule == "unresolved-reference"
                    && d.message.contains("feeds the sensitive argument `")),
            "{text}"
        );
    }
}

#[test]
fn sensitivity_follows_references_to_sensitive_arguments_and_nonsensitive_lifts_it() {
    let module = |reader: &str| {
        vec![SourceFile::new(
            "main.tf",
            format!(
                r#"resource "vault_keymgmt_aws_kms" "a" {{
  path           = "keymgmt"
  name           = "a"
  key_collection = "us-east-1"
  access_key     = "AKIA"
  secret_key     = "{SECRET}"
}}

resource "vault_keymgmt_aws_kms" "b" {{
  path           = "keymgmt"
  name           = "b"
  key_collection = {reader}
}}
"#
            ),
        )]
    };
    let shown = |reader: &str| {
        let report = lint(&module(reader), &Options::default()).unwrap();
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.rule == "key-collection-format"),
            "{reader}"
        );
        serde_json::to_string(&report).unwrap().contains(SECRET)
    };
    assert!(!shown("vault_keymgmt_aws_kms.a.secret_key"));
    assert!(!shown("\"${vault_keymgmt_aws_kms.a.secret_key}\""));
    // `nonsensitive()` is the configuration saying the value may be shown, as Terraform does.
    assert!(shown("nonsensitive(vault_keymgmt_aws_kms.a.secret_key)"));
}

#[test]
fn keys_of_a_sensitive_map_are_part_of_its_value_unless_written_out() {
    let module = |credentials: &str| {
        vec![SourceFile::new(
            "main.tf",
            format!(
                r#"variable "creds" {{
  sensitive = true
  default   = {{ access_key = "AKIA", {SECRET_KEY} = "x" }}
}}

resource "vault_keymgmt_aws_kms" "aws" {{
  path           = "keymgmt"
  name           = "aws"
  key_collection = "us-east-1"
  credentials    = {credentials}
}}
"#,
                SECRET_KEY = SECRET.replace('-', "_"),
            ),
        )]
    };
    let text = |credentials: &str| {
        let report = lint(&module(credentials), &Options::default()).unwrap();
        assert!(report
            .diagnostics
            .iter()
            .any(|d| d.rule == "unknown-argument"));
        serde_json::to_string(&report).unwrap()
    };
    let secret_key = SECRET.replace('-', "_");
    // A misspelt key written in the resource is a name, and named.
    let written = format!("{{ access_key = \"AKIA\", {secret_key} = \"x\" }}");
    assert!(text(&written).contains(&secret_key));
    assert!(
        !text("var.creds").contains(&secret_key),
        "{}",
        text("var.creds")
    );
}
