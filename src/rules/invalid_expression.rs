use super::{Context, Finding};

declare_rule! {
    /// ## What it checks
    ///
    /// That every expression of the module that can be evaluated before apply is one Terraform
    /// accepts: a call to a function Terraform has, with arguments of the types and in the number
    /// it takes (`upper(["a"])`, `lookup(var.map)`, `cidrsubnet("10.0.0.0/16", 20, 0)`), operands
    /// of the right type (`"a" * 2`), an index inside its list, a `for` over a collection, a
    /// template that interpolates strings, numbers and bools only, and a variable's value (its
    /// default, a module call's argument, a tfvars entry) that converts to the variable's `type`
    /// (`list(string)` takes no map, an `object({...})` needs each attribute that is not
    /// `optional()`). Expressions whose operands are
    /// not known before apply are not checked, a fault inside `try()` or `can()` is what they are
    /// for, and a branch of a conditional that is not taken is not checked, as in Terraform.
    /// Functions from providers (`provider::aws::arn_parse`) are not known to keymgmt-lint and are
    /// never reported.
    ///
    /// ## Why it matters
    ///
    /// Terraform rejects the whole configuration at `terraform plan` when one expression fails;
    /// reported here, the mistake is found before any Vault or cloud credentials are needed. And
    /// the other rules cannot check an argument whose expression fails: it is treated as unknown.
    /// The message names the function or operator and what is wrong with it, but never a value,
    /// which may be a secret.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// locals {
    ///   purposes = concat(["encrypt"], "decrypt")
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path = "keymgmt"
    ///   name = uper("payments")
    ///   type = "aes256-gcm96"
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// locals {
    ///   purposes = concat(["encrypt"], ["decrypt"])
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path = "keymgmt"
    ///   name = upper("payments")
    ///   type = "aes256-gcm96"
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Terraform's functions, including `try` and `can`:
    ///   <https://developer.hashicorp.com/terraform/language/functions>.
    /// - Terraform's expressions (operators, conditionals, `for`, string templates):
    ///   <https://developer.hashicorp.com/terraform/language/expressions>.
    /// - Terraform's type conversions and `optional()` object attributes:
    ///   <https://developer.hashicorp.com/terraform/language/expressions/type-constraints>; a
    ///   variable's `type` and `default`:
    ///   <https://developer.hashicorp.com/terraform/language/block/variable>.
    pub static RULE = {
        id: "invalid-expression",
        name: "Invalid expression",
        severity: Error,
        summary: "An expression Terraform would reject at plan: an unknown function, arguments or operands of the wrong type, an index out of range.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    // Every expression is evaluated, not only those the other rules read.
    for (index, resource) in ctx.module.each_resource() {
        for position in 0..resource.body.attributes.len() {
            ctx.eval.argument(index, position);
        }
    }
    for (scope, declared) in ctx.module.scopes.iter().enumerate() {
        for name in declared.variables.keys() {
            ctx.eval.variable(scope, name);
        }
        for name in declared.locals.keys() {
            ctx.eval.local(scope, name);
        }
        for name in declared.outputs.keys() {
            ctx.eval.output(scope, name);
        }
    }
    for (span, why) in ctx.eval.faults() {
        out.push(
            Finding::new(
                span,
                format!("{} is rejected by Terraform: {why}.", ctx.owner(span)),
            )
            .help("Correct the expression; Terraform's documentation describes each function and operator."),
        );
    }
}
