use super::Finding;
use crate::suppress::Suppressions;

declare_rule! {
    /// ## What it checks
    ///
    /// That every `# keymgmt-lint:ignore <rule-id> -- <reason>` comment silences something: each
    /// rule it names reported a diagnostic inside the block or argument that follows it. A rule
    /// switched off in the options is not held against the comment.
    ///
    /// ## Why it matters
    ///
    /// An ignore comment that no longer silences anything — the problem was fixed, or the comment
    /// names the wrong rule — would silently swallow the next real problem of that rule in that
    /// place. Removing it keeps the exceptions honest.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// # keymgmt-lint:ignore purpose-key-type -- GCP approved this key for signing
    /// resource "vault_keymgmt_distribute_key" "gcp" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.gcp_key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_distribute_key" "gcp" {
    ///   path     = vault_mount.keymgmt.path
    ///   kms_name = vault_keymgmt_gcp_kms.gcp.name
    ///   key_name = vault_keymgmt_key.gcp_key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - keymgmt-lint's own rule.
    /// - Comparable practice: ESLint's `--report-unused-disable-directives`,
    ///   <https://eslint.org/docs/latest/use/command-line-interface>; tflint's ignore annotations
    ///   (terraform-linters/tflint `docs/user-guide/annotations.md`).
    pub static RULE = {
        id: "unused-ignore",
        name: "Unused ignore comment",
        severity: Warning,
        summary: "An ignore comment that silenced nothing.",
        fixes: None,
        inputs: Configuration,
        phase: AfterSuppression,
        check,
    }
}

fn check(state: &Suppressions, out: &mut Vec<Finding>) {
    for (index, directive) in state.directives.iter().enumerate() {
        if directive.reason.is_none() || directive.target.is_none() {
            continue; // invalid-ignore's to report
        }
        for (position, (id, span)) in directive.rules.iter().enumerate() {
            let known_and_ran = state.ran.contains(&id.as_str());
            if known_and_ran && !state.used[index][position] {
                out.push(
                    Finding::new(
                        *span,
                        format!("This ignore comment names `{id}`, which reports nothing in the block or argument below it."),
                    )
                    .help("Remove the rule from the comment, or the comment itself."),
                );
            }
        }
    }
}
