//! Module calls: which are followed (`callModuleType`), what crosses a call (variables in,
//! outputs out, sensitivity, links between resources), and the bounds on depth and instances.
//! The fixtures under `tests/fixtures/modules/` show the findings themselves.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use keymgmt_lint::CallModuleType;
use keymgmt_lint::{lint, Options, Report, SourceFile};

fn files(files: &[(&str, &str)]) -> Vec<SourceFile> {
    files.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect()
}

fn owned(files: &[(String, String)]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|(p, t)| SourceFile::new(p.as_str(), t.as_str()))
        .collect()
}

/// The files of the findings of `rule`, in the report's order.
fn files_reporting<'r>(report: &'r Report, rule: &str) -> Vec<&'r str> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| d.file.as_str())
        .collect()
}

fn with(call_module_type: CallModuleType) -> Options {
    Options {
        call_module_type,
        ..Options::default()
    }
}

fn rules_of(report: &Report) -> Vec<(&str, Option<&str>)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.as_str(), d.resource.as_deref()))
        .collect()
}

fn remote_fixture() -> Vec<SourceFile> {
    common::load(&common::fixtures().join("modules/remote"))
}

#[test]
fn installed_remote_modules_are_followed_only_when_asked() {
    let all = lint(&remote_fixture(), &with(CallModuleType::All)).unwrap();
    assert!(
        rules_of(&all).contains(&(
            "key-type-unsupported",
            Some("module.kms.vault_keymgmt_distribute_key.this")
        )),
        "{all:#?}"
    );
    let local = lint(&remote_fixture(), &Options::default()).unwrap();
    assert!(!rules_of(&local)
        .iter()
        .any(|(rule, _)| *rule == "key-type-unsupported"));
    assert_eq!(local.missing_modules, ["network"]);
    let none = lint(&remote_fixture(), &with(CallModuleType::None)).unwrap();
    assert_eq!(rules_of(&none), []);
    assert!(none.missing_modules.is_empty());
}

#[test]
fn a_remote_module_not_installed_is_an_info() {
    let mut fixture = remote_fixture();
    fixture.retain(|f| !f.path.starts_with(".terraform"));
    let report = lint(&fixture, &with(CallModuleType::All)).unwrap();
    let infos: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "module-not-followed")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(infos.len(), 2, "{infos:?}");
    assert!(infos.iter().any(|m| m.contains("is not installed")));
    assert!(report
        .diagnostics
        .iter()
        .all(|d| d.severity.as_str() == "info"));
}

#[test]
fn module_calls_nest_only_so_deep() {
    let mut tree = vec![(
        "main.tf".to_string(),
        "module \"m\" {\n  source = \"./m0\"\n}\n".to_string(),
    )];
    let mut dir = String::new();
    for level in 0..20 {
        dir = if dir.is_empty() {
            format!("m{level}")
        } else {
            format!("{dir}/m{level}")
        };
        tree.push((
            format!("{dir}/main.tf"),
            format!("module \"m\" {{\n  source = \"./m{}\"\n}}\n", level + 1),
        ));
    }
    let report = lint(&owned(&tree), &Options::default()).unwrap();
    let limits = files_reporting(&report, "evaluation-limit");
    assert_eq!(
        limits,
        ["m0/m1/m2/m3/m4/m5/m6/m7/m8/m9/m10/m11/m12/m13/m14/main.tf"]
    );
}

#[test]
fn instances_of_module_calls_are_bounded() {
    let report = lint(
        &files(&[
            (
                "main.tf",
                "module \"many\" {\n  source   = \"./child\"\n  for_each = toset(flatten([for a in range(400) : [for b in range(400) : \"${a}-${b}\"]]))\n}\n",
            ),
            (
                "child/main.tf",
                "resource \"vault_keymgmt_key\" \"k\" {\n  mount = \"keymgmt\"\n  name  = \"k\"\n}\n",
            ),
        ]),
        &Options::default(),
    )
    .unwrap();
    let limit = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "evaluation-limit")
        .expect("the instance limit is reported");
    assert_eq!(
        (limit.file.as_str(), limit.range.start.line),
        ("main.tf", 1)
    );
    // Made once instead, as if `for_each` were unknown.
    assert_eq!(report.summary.resources, 1);
}

const KEYS_MODULE: &str = r#"
variable "mount" {}
variable "key_name" {}
variable "kms" {
  sensitive = true
}

resource "vault_keymgmt_aws_kms" "this" {
  mount          = var.mount
  name           = "aws"
  key_collection = "us-west-2"
}

resource "vault_keymgmt_distribute_key" "this" {
  mount    = var.mount
  kms_name = vault_keymgmt_aws_kms.this.name
  key_name = var.key_name
  purpose  = ["encrypt", "decrypt"]
}

resource "vault_keymgmt_distribute_key" "named" {
  mount    = var.mount
  kms_name = var.kms
  key_name = var.key_name
  purpose  = ["encrypt", "decrypt"]
}

output "kms_name" {
  value = vault_keymgmt_aws_kms.this.name
}
"#;

#[test]
fn links_cross_module_calls_even_when_names_are_unknown() {
    // The key's name is known only at apply; the distribution in the module still sends that
    // key, through the variable its caller sets to the key's name.
    let root = r#"
variable "suffix" {}

resource "vault_keymgmt_key" "k" {
  mount = "keymgmt"
  name  = "payments-${var.suffix}"
  type  = "rsa-2048"
}

module "dist" {
  source   = "./dist"
  mount    = "keymgmt"
  key_name = vault_keymgmt_key.k.name
  kms      = "aws-Pl4ntedSecret"
}

resource "vault_keymgmt_replicate_key" "r" {
  mount    = "keymgmt"
  kms_name = module.dist.kms_name
  key_name = vault_keymgmt_key.k.name
}
"#;
    let report = lint(
        &files(&[("main.tf", root), ("dist/main.tf", KEYS_MODULE)]),
        &Options::default(),
    )
    .unwrap();
    let rules = rules_of(&report);
    assert!(
        rules.contains(&(
            "key-type-unsupported",
            Some("module.dist.vault_keymgmt_distribute_key.this")
        )),
        "{report:#?}"
    );
    // The replication reaches the KMS provider through the module's output.
    assert!(
        rules.contains(&(
            "replicate-no-replica-regions",
            Some("vault_keymgmt_replicate_key.r")
        )),
        "{rules:?}"
    );
    // The KMS name given to the module's sensitive variable is never shown.
    let unknown_kms = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "unknown-kms")
        .expect("a KMS provider no resource declares");
    assert!(
        !format!("{unknown_kms:?}").contains("Pl4nted"),
        "{unknown_kms:?}"
    );
}

#[test]
fn variables_take_the_caller_value_the_default_or_nothing() {
    let child = r#"
variable "type" {
  default  = "aes256-gcm96"
  nullable = false
}
variable "purpose" {
  default = ["sign"]
}

resource "vault_keymgmt_key" "k" {
  mount = "keymgmt"
  name  = "k"
  type  = var.type
}

resource "vault_keymgmt_gcp_kms" "g" {
  mount          = "keymgmt"
  name           = "gcp"
  key_collection = "projects/p/locations/global/keyRings/r"
}

resource "vault_keymgmt_distribute_key" "d" {
  mount    = "keymgmt"
  kms_name = vault_keymgmt_gcp_kms.g.name
  key_name = vault_keymgmt_key.k.name
  purpose  = var.purpose
}
"#;
    // `null` for a variable with `nullable = false` is its default: an AES key, which GCP does
    // not sign with.
    let root = "module \"c\" {\n  source  = \"./c\"\n  type    = null\n}\n";
    let report = lint(
        &files(&[("main.tf", root), ("c/main.tf", child)]),
        &Options::default(),
    )
    .unwrap();
    assert!(rules_of(&report).contains(&(
        "purpose-key-type",
        Some("module.c.vault_keymgmt_distribute_key.d")
    )));
    // An explicit value wins over the default.
    let root = "module \"c\" {\n  source  = \"./c\"\n  purpose = [\"encrypt\"]\n}\n";
    let report = lint(
        &files(&[("main.tf", root), ("c/main.tf", child)]),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(rules_of(&report), []);
}

#[test]
fn count_on_a_call_makes_its_instances_and_module_values() {
    let child = "variable \"n\" {}\noutput \"name\" {\n  value = \"key-${var.n}\"\n}\n";
    let root = r#"
module "c" {
  source = "./c"
  count  = 3
  n      = count.index
}

module "none" {
  source = "./c"
  count  = 0
  n      = 1
}

resource "vault_keymgmt_key" "k" {
  mount = "keymgmt"
  name  = module.c[2].name
  type  = length(module.c) == 3 && length(module.none) == 0 ? "ecdsa-p521" : "aes256-gcm96"
}

resource "vault_keymgmt_gcp_kms" "g" {
  mount          = "keymgmt"
  name           = join(",", module.c[*].name)
  key_collection = "projects/p/locations/global/keyRings/r"
}

resource "vault_keymgmt_distribute_key" "d" {
  mount    = "keymgmt"
  kms_name = "key-0,key-1,key-2"
  key_name = "key-2"
  purpose  = ["sign"]
}
"#;
    let report = lint(
        &files(&[("main.tf", root), ("c/main.tf", child)]),
        &Options::default(),
    )
    .unwrap();
    // The distribution found the key and the KMS provider by their computed names, and the
    // key's type by the instances counted.
    assert_eq!(
        rules_of(&report),
        [(
            "key-type-unsupported",
            Some("vault_keymgmt_distribute_key.d")
        )],
        "{report:#?}"
    );
}

#[test]
fn sensitive_values_stay_hidden_across_module_calls() {
    // A sensitive root variable passed to a plain variable of the module, and a module output
    // marked sensitive: values quoted by messages (a KMS name no provider declares, a region
    // that is no AWS region) are never shown.
    let child = r#"
variable "kms" {}

resource "vault_keymgmt_distribute_key" "d" {
  mount    = "keymgmt"
  kms_name = var.kms
  key_name = "k"
  purpose  = ["encrypt"]
}

output "region" {
  value     = "Pl4ntedRegion"
  sensitive = true
}
"#;
    let root = r#"
variable "kms" {
  sensitive = true
  default   = "Pl4ntedKms"
}

module "c" {
  source = "./c"
  kms    = var.kms
}

resource "vault_keymgmt_aws_kms" "aws" {
  mount          = "keymgmt"
  name           = "aws"
  key_collection = module.c.region
}
"#;
    let report = lint(
        &files(&[("main.tf", root), ("c/main.tf", child)]),
        &Options::default(),
    )
    .unwrap();
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert!(rules.contains(&"key-collection-format"), "{rules:?}");
    let shown = format!("{report:?}");
    assert!(!shown.contains("Pl4nted"), "{shown}");
}

#[test]
fn a_module_called_twice_at_every_level_stays_bounded() {
    // Twenty levels of two calls each would be a million module instances.
    let call = |next: &str| {
        format!("module \"a\" {{\n  source = \"{next}\"\n}}\nmodule \"b\" {{\n  source = \"{next}\"\n}}\n")
    };
    let mut tree = vec![("main.tf".to_string(), call("./m0"))];
    for level in 0..20 {
        let key =
            "resource \"vault_keymgmt_key\" \"k\" {\n  mount = \"keymgmt\"\n  name  = \"k\"\n}\n";
        tree.push((
            format!("m{level}/main.tf"),
            format!("{}{key}", call(&format!("../m{}", level + 1))),
        ));
    }
    let report = lint(&owned(&tree), &Options::default()).unwrap();
    assert!(report.summary.resources < 50_000, "{:?}", report.summary);
    let limits = files_reporting(&report, "evaluation-limit");
    // Reported once per call block where the instances ran out, not once per instance.
    assert!(!limits.is_empty() && limits.len() <= 4, "{limits:?}");
}

#[test]
fn call_arguments_are_converted_to_the_variables_types() {
    let child = r#"
variable "spec" {
  type = object({
    type    = string
    purpose = optional(list(string), ["sign"])
  })
}
resource "vault_mount" "m" {
  path = "keymgmt"
  type = "keymgmt"
}
resource "vault_keymgmt_key" "k" {
  path = vault_mount.m.path
  name = "k"
  type = var.spec.type
}
resource "vault_keymgmt_aws_kms" "aws" {
  path           = vault_mount.m.path
  name           = "aws"
  key_collection = "us-west-2"
}
resource "vault_keymgmt_distribute_key" "d" {
  path     = vault_mount.m.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.k.name
  purpose  = var.spec.purpose
}
"#;
    // The default purpose `sign` meets an AES key; the second call gives no `type` at all.
    let root = r#"
module "aes" {
  source = "./keys"
  spec   = { type = "aes256-gcm96", comment = "dropped" }
}
module "untyped" {
  source = "./keys"
  spec   = { purpose = ["encrypt"] }
}
"#;
    let report = lint(
        &files(&[("main.tf", root), ("keys/main.tf", child)]),
        &Options::default(),
    )
    .unwrap();
    let rules = rules_of(&report);
    assert!(
        rules.contains(&(
            "purpose-key-type",
            Some("module.aes.vault_keymgmt_distribute_key.d")
        )),
        "{report:#?}"
    );
    let invalid: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "invalid-expression")
        .collect();
    assert_eq!(invalid.len(), 1, "{report:#?}");
    assert_eq!(
        (invalid[0].file.as_str(), invalid[0].range.start.line),
        ("main.tf", 8)
    );
    assert!(
        invalid[0]
            .message
            .contains(r#"not suitable for `var.spec`: attribute "type" is required"#),
        "{}",
        invalid[0].message
    );
}
