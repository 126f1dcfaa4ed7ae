//! Hostile inputs: each ends in a clear diagnostic, never a crash, a hang or a stack overflow.
//! (The WASM-side twins of the nesting cases are in tests/wasm.rs; the CLI's binary and
//! non-UTF-8 files in pkg/test/cli.test.js.)

#![cfg(not(target_arch = "wasm32"))]

use keymgmt_lint::{lint, lint_plan, Options, Report, SourceFile};

fn lint_text(path: &str, text: String) -> Report {
    lint(&[SourceFile::new(path, text)], &Options::default()).unwrap()
}

fn rules(report: &Report) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.rule.as_str()).collect()
}

#[test]
fn a_file_over_the_size_limit_is_reported_not_read() {
    let text = format!("# {}\n", "x".repeat(keymgmt_lint::MAX_FILE_BYTES));
    let report = lint_text("huge.tf", text);
    assert_eq!(rules(&report), ["parse-error"]);
    assert!(report.diagnostics[0].message.contains("over the limit"));
}

#[test]
fn a_one_megabyte_string_literal_is_linted() {
    let text = format!(
        "resource \"vault_keymgmt_key\" \"k\" {{\n  path = \"keymgmt\"\n  name = \"{}\"\n  type = \"rsa-1\"\n}}\n",
        "n".repeat(1 << 20)
    );
    let report = lint_text("main.tf", text);
    assert_eq!(rules(&report), ["invalid-value"]);
    assert_eq!(report.diagnostics[0].range.start.line, 4);
}

#[test]
fn nul_bytes_inside_the_text_are_a_parse_error() {
    let report = lint_text(
        "main.tf",
        "resource \"x\" \"y\" {\n  a = \"\0\"\n}\n\0\0".into(),
    );
    assert_eq!(rules(&report), ["parse-error"]);
}

#[test]
fn deep_for_expressions_and_heredocs_end_in_a_parse_error_or_a_result() {
    let depth = 200;
    let mut expr = "1".to_string();
    for i in 0..depth {
        expr = format!("[for x{i} in [1] : {expr}]");
    }
    let report = lint_text("main.tf", format!("locals {{\n  x = {expr}\n}}\n"));
    assert_eq!(rules(&report), ["parse-error"]);

    let heredocs = (0..2000)
        .map(|i| format!("  h{i} = <<-EOT\n    ${{local.h{}}}\n  EOT\n", i + 1))
        .collect::<String>();
    let report = lint_text("main.tf", format!("locals {{\n{heredocs}}}\n"));
    // local.h2000 is undeclared; the chain of 2000 locals is followed without overflow.
    assert_eq!(rules(&report), ["unresolved-reference"]);
}

#[test]
fn reference_cycles_between_locals_end() {
    let text = "locals {\n  a = local.b\n  b = local.c\n  c = \"${local.a}-x\"\n}\nresource \"vault_keymgmt_key\" \"k\" {\n  path = local.a\n  name = local.b\n}\n";
    let report = lint_text("main.tf", text.into());
    assert!(!rules(&report).contains(&"parse-error"), "{report:?}");
}

#[test]
fn ten_thousand_files_are_linted() {
    let files: Vec<SourceFile> = (0..10_000)
        .map(|i| {
            SourceFile::new(
                format!("f{i}.tf"),
                format!("resource \"vault_keymgmt_key\" \"k{i}\" {{\n  path = \"keymgmt\"\n  name = \"k{i}\"\n}}\n"),
            )
        })
        .collect();
    let report = lint(&files, &Options::default()).unwrap();
    assert_eq!(report.summary.files, 10_000);
    assert_eq!(report.summary.resources, 10_000);
    assert_eq!(report.summary.errors, 0, "{:?}", report.diagnostics.first());
}

fn nested_plan(depth: usize) -> SourceFile {
    let mut module = r#"{"address": "module.m", "resources": []}"#.to_string();
    for _ in 0..depth {
        module =
            format!(r#"{{"address": "module.m", "resources": [], "child_modules": [{module}]}}"#);
    }
    SourceFile::new(
        "plan.json",
        format!(r#"{{"planned_values": {{"root_module": {module}}}}}"#),
    )
}

#[test]
fn a_plan_of_nested_child_modules_is_read_up_to_the_json_depth_limit() {
    let report = lint_plan(&nested_plan(100), &Options::default()).unwrap();
    assert_eq!(rules(&report), Vec::<&str>::new());
    let report = lint_plan(&nested_plan(10_000), &Options::default()).unwrap();
    assert_eq!(rules(&report), ["parse-error"]);
    assert!(
        report.diagnostics[0].message.contains("nesting"),
        "{report:?}"
    );
}

// The hostile inputs of docs/robustness.md ("Bounds after parsing"), each at a size that runs
// in well under a second here; `node bench/cli/hostile.mjs` times them at full size through the CLI.
// A quadratic path, an unbounded value or a deep recursion would show as a timeout or a crash.

fn key(name: &str, args: &str) -> String {
    format!("resource \"vault_keymgmt_key\" \"{name}\" {{\n  path = \"keymgmt\"\n{args}\n}}\n")
}

fn count(report: &Report, rule: &str) -> usize {
    report.diagnostics.iter().filter(|d| d.rule == rule).count()
}

#[test]
fn doubling_strings_and_lists_stop_at_the_size_limit() {
    let strings: String = (0..30)
        .map(|i| format!("  l{i} = \"${{local.l{}}}${{local.l{}}}\"\n", i + 1, i + 1))
        .collect();
    let text = format!(
        "locals {{\n{strings}  l30 = \"x\"\n}}\n{}",
        key("k", "  name = local.l0")
    );
    assert_eq!(rules(&lint_text("main.tf", text)), ["evaluation-limit"]);

    let lists: String = (0..60)
        .map(|i| format!("  l{i} = [local.l{}, local.l{}]\n", i + 1, i + 1))
        .collect();
    let text = format!(
        "variable \"v\" {{\n  default = local.l0\n}}\nlocals {{\n{lists}  l60 = \"us-east-1\"\n}}\n{}",
        key("k", "  replica_regions = var.v")
    );
    assert!(count(&lint_text("main.tf", text), "evaluation-limit") >= 1);
}

#[test]
fn locals_nested_through_a_json_chain_stop_at_the_value_depth_limit() {
    let mut locals = serde_json::Map::new();
    for i in 0..500 {
        let mut value = serde_json::json!(format!("${{local.l{}}}", i + 1));
        for _ in 0..16 {
            value = serde_json::json!([value]);
        }
        locals.insert(format!("l{i}"), value);
    }
    locals.insert("l500".into(), "x".into());
    let text = serde_json::json!({"locals": locals, "resource": {"vault_keymgmt_key": {"k": {
        "path": "keymgmt", "name": "k", "replica_regions": "${local.l0}"}}}});
    let report = lint_text("main.tf.json", text.to_string());
    assert!(count(&report, "evaluation-limit") >= 1, "{report:?}");
}

#[test]
fn a_variable_default_past_the_json_depth_limit_is_a_parse_error() {
    let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
    for (path, text) in [
        (
            "main.tf.json",
            format!("{{\"variable\": {{\"v\": {{\"default\": {deep}}}}}}}"),
        ),
        ("terraform.tfvars.json", format!("{{\"v\": {deep}}}")),
    ] {
        let report = lint_text(path, text);
        assert_eq!(rules(&report), ["parse-error"], "{path}");
    }
}

#[test]
fn a_long_chain_of_locals_read_through_a_sensitive_check_is_followed_to_its_end() {
    let chain: String = (0..10_000)
        .map(|i| format!("  l{i} = local.l{}\n", i + 1))
        .collect();
    let text = format!(
        "variable \"s\" {{\n  sensitive = true\n  default = \"x\"\n}}\nlocals {{\n{chain}  l10000 = var.s\n}}\nresource \"vault_keymgmt_aws_kms\" \"a\" {{\n  path = \"keymgmt\"\n  name = \"a\"\n  key_collection = local.l0\n}}\n"
    );
    // Locals are evaluated in the order of their references, so the chain is no deeper than
    // one link, and the sensitive value at its end is checked and not shown.
    let report = lint_text("main.tf", text);
    assert_eq!(rules(&report), ["key-collection-format"]);
    assert!(report.diagnostics[0].message.contains("(sensitive value)"));
}

#[test]
fn many_misspelt_references_among_many_names_stay_linear() {
    let n = 5_000;
    let locals: String = (0..n).map(|i| format!("  name_{i:05} = {i}\n")).collect();
    // Each in a resource of its own: a rule lists a hundred findings per resource or file.
    let refs: String = (0..n)
        .map(|i| {
            format!("resource \"null_resource\" \"r{i}\" {{\n  triggers = local.nmae_{i:05}\n}}\n")
        })
        .collect();
    let text = format!("locals {{\n{locals}}}\n{refs}");
    let report = lint_text("main.tf", text);
    assert_eq!(count(&report, "unresolved-reference"), n);
    // The budget spends itself on the first ones; the rest come without a suggestion.
    let suggested = report
        .diagnostics
        .iter()
        .filter(|d| {
            d.help
                .as_deref()
                .is_some_and(|h| h.starts_with("Did you mean"))
        })
        .count();
    assert!(suggested > 0 && suggested < n, "{suggested}");
}

#[test]
fn many_distributions_naming_missing_resources_or_keys() {
    let n = 2_000;
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            "resource \"vault_keymgmt_distribute_key\" \"d{i}\" {{\n  path = \"keymgmt\"\n  kms_name = vault_keymgmt_aws_kms.missing_{i}.name\n  key_name = vault_keymgmt_key.missing_{i}.name\n  purpose = [\"encrypt\"]\n}}\n"
        ));
    }
    let report = lint_text("main.tf", text);
    assert_eq!(count(&report, "unresolved-reference"), 2 * n);

    let mut text = "resource \"vault_keymgmt_aws_kms\" \"aws\" {\n  path = \"keymgmt\"\n  name = \"aws\"\n  key_collection = \"us-east-1\"\n}\n".to_string();
    for i in 0..n {
        text.push_str(&key(&format!("k{i}"), &format!("  name = \"key-{i}\"")));
        text.push_str(&format!(
            "resource \"vault_keymgmt_distribute_key\" \"d{i}\" {{\n  path = \"keymgmt\"\n  kms_name = \"aws\"\n  key_name = \"nokey-{i}\"\n  purpose = [\"encrypt\"]\n}}\n"
        ));
    }
    assert_eq!(count(&lint_text("main.tf", text), "unknown-key"), n);
}

#[test]
fn a_resource_with_many_unknown_arguments_silenced_or_not() {
    let n = 20_000;
    let args: String = (0..n).map(|i| format!("  arg_{i} = \"x\"\n")).collect();
    let report = lint_text("main.tf", key("k", &format!("  name = \"k\"\n{args}")));
    // A hundred about the resource, then one that says how many more.
    assert_eq!(count(&report, "unknown-argument"), 101);
    let more = format!(
        "{} more findings of `unknown-argument` about `vault_keymgmt_key.k`",
        n - 100
    );
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.message.starts_with(&more)));

    let silenced: String = (0..n)
        .map(|i| format!("  # keymgmt-lint:ignore unknown-argument -- test\n  arg_{i} = \"x\"\n"))
        .collect();
    let report = lint_text("main.tf", key("k", &format!("  name = \"k\"\n{silenced}")));
    assert_eq!(rules(&report), Vec::<&str>::new());
}

#[test]
fn a_long_run_of_ignore_comments() {
    let comments = "# keymgmt-lint:ignore unknown-argument\n".repeat(40_000);
    let report = lint_text(
        "main.tf",
        format!("{comments}{}", key("k", "  name = \"k\"")),
    );
    // Without a reason, each is invalid.
    assert_eq!(count(&report, "invalid-ignore"), 101);
}

#[test]
fn a_purpose_repeating_one_element() {
    // `purpose` is a set: the repetition itself is fine; the one bad element at the end is
    // reported, once.
    let mut purpose = vec!["\"encrypt\""; 50_000].join(", ");
    purpose.push_str(", \"bogus\"");
    let text = format!(
        "resource \"vault_keymgmt_distribute_key\" \"d\" {{\n  path = \"keymgmt\"\n  kms_name = \"aws\"\n  key_name = \"k\"\n  purpose = [{purpose}]\n}}\n"
    );
    let report = lint_text("main.tf", text);
    assert_eq!(count(&report, "invalid-value"), 1, "{:?}", rules(&report));
}

#[test]
fn a_one_megabyte_identifier() {
    let id = "a".repeat(1 << 20);
    let report = lint_text("main.tf", key("k", &format!("  name = {id}")));
    assert_eq!(rules(&report), ["unresolved-reference"]);
    assert!(report.diagnostics[0]
        .help
        .as_deref()
        .is_some_and(|h| !h.contains(&id[..100])));
}

#[test]
fn a_plan_whose_instances_each_reference_every_instance() {
    let n = 1_000;
    let keys: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({"address": format!("vault_keymgmt_key.k[{i}]"), "mode": "managed",
            "type": "vault_keymgmt_key", "name": "k", "index": i,
            "values": {"path": "keymgmt", "name": format!("key-{i}"), "type": "aes256-gcm96"}})
        })
        .collect();
    let references: Vec<String> = (0..n)
        .map(|i| format!("vault_keymgmt_key.k[{i}]"))
        .collect();
    let configuration = serde_json::json!({"root_module": {"resources": [{"address": "vault_keymgmt_key.k",
        "mode": "managed", "type": "vault_keymgmt_key", "name": "k",
        "expressions": {"name": {"references": references}}}]}});
    let plan = serde_json::json!({"planned_values": {"root_module": {"resources": keys}},
        "configuration": configuration});
    let report = lint_plan(
        &SourceFile::new("plan.json", plan.to_string()),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(report.summary.resources, n);
}

#[test]
fn a_module_over_the_total_limit_is_read_up_to_it() {
    use keymgmt_lint::MAX_MODULE_BYTES;
    let filler = |n: usize| format!("{}\n", "#".repeat(n));
    let files = vec![
        SourceFile::new("a.tf", key("k", "  name = \"k\"")),
        SourceFile::new("b.tf", filler(MAX_MODULE_BYTES / 2)),
        SourceFile::new("c.tf", filler(MAX_MODULE_BYTES / 2)),
        SourceFile::new("d.tf", key("j", "  name = \"j\"")),
    ];
    let report = lint(&files, &Options::default()).unwrap();
    let errors: Vec<(&str, &str)> = report
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.rule.as_str()))
        .collect();
    // c.tf passes the total; d.tf, small, still fits after it.
    assert_eq!(errors, [("c.tf", "parse-error")]);
    assert!(report.diagnostics[0].message.contains("together"));
    assert_eq!(report.summary.resources, 2);
}

#[test]
fn a_million_instances_end_at_the_instance_limit() {
    let text = "resource \"vault_keymgmt_key\" \"k\" {\n  count = 1000000\n  path  = \"keymgmt\"\n  name  = \"key-${count.index}\"\n  type  = \"aes256-gcm96\"\n}\nlocals {\n  pairs = { for p in setproduct(range(1000), range(1000)) : \"${p[0]}-${p[1]}\" => p }\n}\nresource \"vault_keymgmt_key\" \"each\" {\n  for_each = local.pairs\n  path     = \"keymgmt\"\n  name     = each.key\n}\n";
    let report = lint_text("main.tf", text.to_string());
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        rules(&report),
        ["evaluation-limit", "evaluation-limit"],
        "{messages:?}"
    );
    assert!(messages[0].contains("50000 instances"), "{messages:?}");
}

#[test]
fn a_value_of_millions_of_shared_elements_is_judged_by_its_type_not_copied_out() {
    // Nineteen doublings: half a million strings, within the value size limit, held as nineteen
    // lists; where a list of strings is wanted, each element is a list, and that is all to say.
    let lists: String = (0..19)
        .map(|i| format!("  l{i} = [local.l{}, local.l{}]\n", i + 1, i + 1))
        .collect();
    let text = format!(
        "locals {{\n{lists}  l19 = \"x\"\n}}\n{}",
        key(
            "k",
            "  name = \"k\"\n  type = \"aes256-gcm96\"\n  replica_regions = local.l0"
        )
    );
    let report = lint_text("main.tf", text);
    assert_eq!(rules(&report), ["invalid-value", "invalid-value"]);
    assert!(report.diagnostics[0]
        .message
        .contains("must be a string, not a list"));
}

#[test]
fn a_long_list_of_unknown_and_wrong_elements_is_judged_in_linear_time() {
    // 90,000 elements, every other one unknown and the others lists: each error is checked
    // against the unknown parts by lookup, not against each of them.
    let text = format!(
        "variable \"u\" {{}}\nlocals {{\n  l = [for p in setproduct(range(300), range(300)) : (p[0] + p[1]) % 2 == 0 ? var.u : [p[1]]]\n}}\n{}",
        key("k", "  name = \"k\"\n  type = \"aes256-gcm96\"\n  replica_regions = local.l")
    );
    let report = lint_text("main.tf", text);
    assert_eq!(count(&report, "invalid-value"), 101, "{:?}", rules(&report));
}

#[test]
fn a_chain_of_blocks_each_repeated_over_the_last_is_expanded_up_to_the_round_limit() {
    // `k0` over a variable, each next block over the instances of the one before: a round
    // each. The blocks past the limit stay one block each; a block repeated over itself too.
    let mut text = String::from(
        "variable \"keys\" {\n  default = { a = 1, b = 2 }\n}\n\
         resource \"vault_keymgmt_key\" \"k0\" {\n  for_each = var.keys\n  path = \"keymgmt\"\n  name = each.key\n}\n\
         resource \"vault_keymgmt_key\" \"own\" {\n  for_each = vault_keymgmt_key.own\n  path = \"keymgmt\"\n  name = each.key\n}\n",
    );
    for i in 1..12 {
        text.push_str(&format!(
            "resource \"vault_keymgmt_key\" \"k{i}\" {{\n  for_each = vault_keymgmt_key.k{}\n  path = \"keymgmt\"\n  name = \"${{each.value.name}}-{i}\"\n}}\n",
            i - 1
        ));
    }
    let report = lint_text("main.tf", text);
    let rounds = keymgmt_lint::MAX_EXPANSION_ROUNDS;
    // Two instances for each block expanded within the rounds, one block for each of the rest.
    assert_eq!(report.summary.resources, 2 * rounds + (12 - rounds) + 1);
}
