use super::{Context, Finding};

declare_rule! {
    /// ## What it checks
    ///
    /// That every file of the module can be read: HCL and JSON syntax, block labels, arguments set
    /// only once, files within the size limit. The diagnostic points at the first character that
    /// could not be read.
    ///
    /// ## Why it matters
    ///
    /// Terraform refuses to plan a module with a syntax error, and nothing else in a file that cannot
    /// be parsed can be checked. Other files of the module are still checked.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "my-key"
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "key" {
    ///   path = vault_mount.keymgmt.path
    ///   name = "my-key"
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Terraform: <https://developer.hashicorp.com/terraform/language/syntax/configuration> and
    ///   <https://developer.hashicorp.com/terraform/language/syntax/json>.
    /// - The HCL native syntax specification (hashicorp/hcl `hclsyntax/spec.md`, "Attribute
    ///   Definitions"): "Each distinct attribute name may be defined no more than once within a
    ///   single body."
    /// - The file size limit is keymgmt-lint's own.
    pub static RULE = {
        id: "parse-error",
        name: "Parse error",
        severity: Error,
        summary: "A file cannot be read as Terraform HCL or JSON syntax.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for problem in &ctx.module.problems {
        let finding = Finding::new(problem.span, problem.message.clone());
        out.push(match problem.help {
            Some(help) => finding.help(help),
            None => finding,
        });
    }
}
