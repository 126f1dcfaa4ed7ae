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
