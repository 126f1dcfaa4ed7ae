use super::{find, Finding, RULES};
use crate::redact::Suggester;
use crate::suppress::Suppressions;

declare_rule! {
    /// ## What it checks
    ///
    /// That every ignore comment is well formed: `# keymgmt-lint:ignore <rule-id>[,<rule-id>] --
    /// <reason>` (also with `//` or `/* */`), naming known rule ids, with a reason after `--`, and
    /// standing on the line (or the comment lines) right before a block or an argument. A comment
    /// that breaks any of these silences nothing. Comments in `.tf.json` files do not exist: JSON
    /// has none.
    ///
    /// ## Why it matters
    ///
    /// An exception without a reason cannot be reviewed, and a misspelt rule id or a comment that
    /// floats away from its block silently fails to do what its author meant.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// # keymgmt-lint:ignore purpose-key-typ
    /// resource "vault_keymgmt_distribute_key" "gcp" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.gcp_key.name
    ///   purpose  = ["sign", "verify"]
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// # keymgmt-lint:ignore purpose-key-type -- key ring approved for signing, ticket SEC-142
    /// resource "vault_keymgmt_distribute_key" "gcp" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.gcp_key.name
    ///   purpose  = ["sign", "verify"]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - keymgmt-lint's own rule: the `keymgmt-lint:ignore` comment is the linter's syntax, not
    ///   Terraform's.
    /// - Comparable practice: tflint's ignore annotations (terraform-linters/tflint
    ///   `docs/user-guide/annotations.md`: `# tflint-ignore: <rule>, <rule>`, with the advice to
    ///   add a reason for why a rule is ignored).
    /// - Terraform's comment syntaxes (`#`, `//`, `/* */`):
    ///   <https://developer.hashicorp.com/terraform/language/syntax/configuration>, "Comments".
    pub static RULE = {
        id: "invalid-ignore",
        name: "Invalid ignore comment",
        severity: Warning,
        summary: "An ignore comment without a reason, with an unknown rule id, or attached to nothing.",
        fixes: None,
        inputs: Configuration,
        phase: AfterSuppression,
        check,
    }
}

fn check(state: &Suppressions, out: &mut Vec<Finding>) {
    let suggest = Suggester::default();
    for directive in &state.directives {
        if directive.rules.is_empty() {
            out.push(
                Finding::new(directive.span, "This ignore comment names no rule.")
                    .help("Write `# keymgmt-lint:ignore <rule-id> -- <reason>`."),
            );
        }
        for (id, span) in &directive.rules {
            if find(id).is_none() {
                let finding = Finding::new(
                    *span,
                    format!("This ignore comment names `{id}`, which is no rule."),
                );
                out.push(match suggest.name(id, RULES.iter().map(|r| r.id)) {
                    Some(s) => finding.help(format!("Did you mean `{s}`?")),
                    None => finding,
                });
            }
        }
        if directive.reason.is_none() {
            out.push(
                Finding::new(
                    directive.span,
                    "This ignore comment gives no reason, so it silences nothing.",
                )
                .help("Add the reason after `--`: `# keymgmt-lint:ignore <rule-id> -- <reason>`."),
            );
        } else if directive.target.is_none() {
            out.push(
                Finding::new(
                    directive.span,
                    "This ignore comment is not followed by a block or an argument, so it silences nothing.",
                )
                .help("Put it on the line right before the block or argument it is about."),
            );
        }
    }
}
