//! What every target expects of a report, beyond not panicking: each diagnostic (and each of its
//! related places) names one of the linted files, and its range lies inside that file, on
//! character boundaries, with the line and UTF-16 column that its byte offset gives.
//! tests/fuzz_regressions.rs runs these same checks on the inputs kept from fuzzing.

use keymgmt_lint::{Range, Report, SourceFile};

/// The value of the sensitive variable `var.s` in the `eval` target's modules: it must never
/// appear in a report unless the input lifts the mark itself.
pub const SECRET: &str = "fz-7f3a9c-secret";

/// The `eval` target's module from its input: each line is the expression of a local `e<N>`
/// (up to 64), and a key, a KMS provider, a distribution, a replication and a module called with
/// `for_each` read the first eleven locals in the arguments the rules look at (and in the
/// module's variables), so that evaluated values reach them. `var.s` is sensitive.
pub fn eval_module(text: &str) -> Vec<SourceFile> {
    let mut locals = String::new();
    for (n, line) in text.lines().take(64).enumerate() {
        locals.push_str(&format!("  e{n} = {line}\n"));
    }
    let main = format!(
        r#"variable "s" {{
  sensitive = true
  default   = "{SECRET}"
}}

locals {{
{locals}}}

resource "vault_keymgmt_key" "k" {{
  path            = "keymgmt"
  name            = local.e0
  type            = local.e1
  replica_regions = local.e2
}}

resource "vault_keymgmt_aws_kms" "a" {{
  path           = local.e3
  name           = "aws"
  key_collection = local.e4
}}

resource "vault_keymgmt_distribute_key" "d" {{
  path     = "keymgmt"
  kms_name = vault_keymgmt_aws_kms.a.name
  key_name = local.e5
  purpose  = local.e6
}}

module "m" {{
  source   = "./m"
  for_each = local.e7
  v        = local.e8
  w        = each.value
}}

resource "vault_keymgmt_replicate_key" "r" {{
  path     = "keymgmt"
  kms_name = local.e9
  key_name = module.m[local.e10].key
}}
"#
    );
    // A called module, instantiated by `for_each` over an input line, whose variables come from
    // two more and whose output flows back.
    let child = r#"variable "v" {}
variable "w" {}

resource "vault_keymgmt_key" "k" {
  path = "keymgmt"
  name = var.v
  type = var.w
}

output "key" {
  value = vault_keymgmt_key.k.name
}
"#;
    vec![
        SourceFile::new("main.tf", main),
        SourceFile::new("m/main.tf", child),
    ]
}

/// Whether a report of the module of `text` may show [`SECRET`]: only when the input removes the
/// mark (`nonsensitive`) or spells the value out itself.
pub fn may_show_secret(text: &str) -> bool {
    text.contains("nonsensitive") || text.contains("7f3a9c")
}

pub fn check(files: &[SourceFile], report: &Report) {
    for d in &report.diagnostics {
        check_range(files, &d.file, &d.range);
        for related in &d.related {
            check_range(files, &related.file, &related.range);
        }
    }
    serde_json::to_string(report).expect("a report serialises");
}

fn check_range(files: &[SourceFile], path: &str, range: &Range) {
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("diagnostic in `{path}`, which is not a linted file"));
    assert!(
        range.start.offset <= range.end.offset,
        "reversed range {range:?}"
    );
    for position in [range.start, range.end] {
        let offset = position.offset as usize;
        assert!(
            file.text.is_char_boundary(offset),
            "offset {offset} outside `{path}` or inside a character"
        );
        let before = &file.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() + 1;
        let column = before[line_start..].encode_utf16().count() + 1;
        assert_eq!(
            (position.line as usize, position.column as usize),
            (line, column),
            "position {position:?} in `{path}` does not match its offset"
        );
    }
}
