use super::{Context, Finding};
use crate::model::eval::{Limit, MAX_EVAL_DEPTH, MAX_VALUE_DEPTH, MAX_VALUE_SIZE, WORK_BUDGET};
use crate::model::instances::MAX_INSTANCES;
use crate::model::modules::MAX_MODULE_DEPTH;

declare_rule! {
    /// ## What it checks
    ///
    /// That every expression the rules need could be evaluated within keymgmt-lint's limits: an
    /// expression nested in expressions or a chain of references at most 128 deep, a value whose
    /// lists and maps nest at most 64 deep and that holds at most 2 Mi elements and string bytes,
    /// and at most 16 Mi units of work for a whole module. An expression past a limit is treated as
    /// unknown, as a value Terraform computes only at apply would be: rules that need it say
    /// nothing, and this warning says where that happened.
    ///
    /// ## Why it matters
    ///
    /// A linter runs unattended on every commit; a module whose values explode (a template that
    /// doubles a string at every step, lists nested through hundreds of locals) must neither stall
    /// the pipeline nor exhaust its memory. Such a module is almost always a mistake, or hostile;
    /// Terraform itself would spend minutes and gigabytes planning it. What was not checked is
    /// reported, so that no one takes silence for a clean result.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// locals {
    ///   l0 = "${local.l1}${local.l1}"
    ///   l1 = "${local.l2}${local.l2}"
    ///   l2 = "${local.l3}${local.l3}"
    ///   l3 = "${local.l4}${local.l4}"
    ///   l4 = "${local.l5}${local.l5}"
    ///   l5 = "${local.l6}${local.l6}"
    ///   l6 = "${local.l7}${local.l7}"
    ///   l7 = "${local.l8}${local.l8}"
    ///   l8 = "${local.l9}${local.l9}"
    ///   l9 = "${local.la}${local.la}"
    ///   la = "${local.lb}${local.lb}"
    ///   lb = "${local.lc}${local.lc}"
    ///   lc = "${local.ld}${local.ld}"
    ///   ld = "${local.le}${local.le}"
    ///   le = "${local.lf}${local.lf}"
    ///   lf = "${local.lg}${local.lg}"
    ///   lg = "${local.lh}${local.lh}"
    ///   lh = "${local.li}${local.li}"
    ///   li = "${local.lj}${local.lj}"
    ///   lj = "${local.lk}${local.lk}"
    ///   lk = "${local.ll}${local.ll}"
    ///   ll = "${local.lm}${local.lm}"
    ///   lm = "xx"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path = "keymgmt"
    ///   name = local.l0
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// locals {
    ///   prefix = "payments"
    ///   name   = "${local.prefix}-signing"
    /// }
    ///
    /// resource "vault_keymgmt_key" "key" {
    ///   path = "keymgmt"
    ///   name = local.name
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - keymgmt-lint's own rule: the limits are the linter's, chosen to keep it fast and its
    ///   memory bounded; no Terraform, provider or Vault document defines them.
    pub static RULE = {
        id: "evaluation-limit",
        name: "Evaluation limit",
        severity: Warning,
        summary: "An expression too deep or too large to evaluate within keymgmt-lint's limits; it is treated as unknown.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: AfterChecks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (span, limit) in ctx.eval.limits() {
        let what = match limit {
            Limit::EvalDepth => format!(
                "is nested in expressions and references more than {MAX_EVAL_DEPTH} deep"
            ),
            Limit::ValueDepth => {
                format!("would nest lists and maps more than {MAX_VALUE_DEPTH} deep")
            }
            Limit::ValueSize => format!(
                "would hold more than {MAX_VALUE_SIZE} elements and string bytes"
            ),
            Limit::Work => format!(
                "is where evaluating the module passed its budget of {WORK_BUDGET} steps; it and what was left are"
            ),
            Limit::Instances => format!(
                "would take the configuration past {MAX_INSTANCES} instances of resources and modules"
            ),
            Limit::ModuleDepth => format!(
                "calls a module more than {MAX_MODULE_DEPTH} module calls deep; it is not followed, and its outputs are"
            ),
        };
        let message = match limit {
            Limit::Work | Limit::ModuleDepth => {
                format!("{} {what} treated as unknown.", ctx.owner(span))
            }
            Limit::Instances => format!(
                "{} {what}, so it is checked once, as if they were unknown.",
                ctx.owner(span)
            ),
            _ => format!(
                "{} {what}, so it is treated as unknown and rules that need it say nothing.",
                ctx.owner(span)
            ),
        };
        out.push(Finding::new(span, message).help(
            "Simplify the expression; if the configuration is meant to be this large, the checks that need it cannot run on it.",
        ));
    }
}
