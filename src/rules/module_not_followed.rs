use super::{Context, Finding};
use crate::diagnostic::Severity;
use crate::model::modules::Unfollowed;

declare_rule! {
    /// ## What it checks
    ///
    /// That every module call the linter is asked to follow could be followed. A call whose
    /// `source` is a local path (`./modules/kms`) is followed into that directory, relative to the
    /// calling module's; with `callModuleType` set to `all` (`--call-module-type=all`), a call of a
    /// registry, git or http module is followed into the directory `terraform init` installed it
    /// in, as `.terraform/modules/modules.json` lists it. It reports, as an info, a call whose
    /// directory has no configuration file among those linted, and a remote call that is not
    /// installed; and, as an error, a call of a module that is already among its callers (a module
    /// that calls itself, directly or through others).
    ///
    /// Remote calls are not followed by default (`local`), and no call is with `none`; those calls
    /// are not reported. Calls nested more than 16 modules deep are `evaluation-limit`'s to report.
    ///
    /// ## Why it matters
    ///
    /// A module call that is not followed is a module the linter cannot see: its resources are not
    /// checked, and its outputs are unknown, so the rules that need them stay silent. This info says
    /// where that happened, so that no one takes silence for a clean result. The keymgmt-lint CLI
    /// reads the directories of local calls itself; a call reported there names a directory that
    /// does not exist or holds no `.tf` file, which `terraform init` would refuse ("Unreadable
    /// module directory"). A module that calls itself can never be installed: Terraform would
    /// follow it forever.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// module "kms_keys" {
    ///   source   = "./modules/kms_keys"
    ///   key_type = "aes256-gcm96"
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// module "kms_keys" {
    ///   source   = "acme/kms-keys/vault"
    ///   version  = "1.2.0"
    ///   key_type = "aes256-gcm96"
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Terraform, <https://developer.hashicorp.com/terraform/language/block/module>, `source`:
    ///   local paths, registry and other remote sources, and `terraform init` after changing
    ///   `source`.
    /// - Comparable practice: tflint (terraform-linters/tflint
    ///   `docs/user-guide/calling-modules.md`) calls local modules by default, remote ones with
    ///   `--call-module-type=all` after `terraform init`, and none with `--call-module-type=none`.
    /// - The depth limit of 16 modules is keymgmt-lint's own.
    pub static RULE = {
        id: "module-not-followed",
        name: "Module not followed",
        severity: Info,
        summary: "A module call the linter could not follow: its files are not among those linted, it is not installed, or it calls itself.",
        fixes: None,
        inputs: Configuration,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let module = ctx.module;
    for (scope, name, why) in &module.unfollowed {
        let caller = &module.scopes[*scope];
        let Some(call) = caller.calls.get(name) else {
            continue;
        };
        let address = format!("{}module.{name}", caller.prefix);
        let source = call.declared.source.as_deref().unwrap_or_default();
        let finding = match why {
            Unfollowed::Missing { dir } => {
                let dir = if dir.is_empty() { "." } else { dir.as_str() };
                Finding::new(
                    call.declared.header,
                    format!("`{address}` is not followed: its source `{source}` is the directory `{dir}`, and no configuration file of it is among those linted; its resources are not checked and its outputs are unknown."),
                )
                .help("Check the `source` path. The keymgmt-lint CLI reads the directories of local module calls itself; through the JavaScript API or the playground, give the module's files with their paths (`modules/kms/main.tf`).")
            }
            Unfollowed::NotInstalled => Finding::new(
                call.declared.header,
                format!("`{address}` is not followed: its source `{source}` is not installed (`.terraform/modules/modules.json` does not list it); its resources are not checked and its outputs are unknown."),
            )
            .help("Run `terraform init` to install the module, or leave remote modules out with `callModuleType` `local`."),
            Unfollowed::Cycle { through } => {
                let chain: Vec<String> = through
                    .iter()
                    .map(|a| if a.is_empty() { "the root module".to_string() } else { format!("`{a}`") })
                    .collect();
                Finding::new(
                    call.declared.header,
                    format!("`{address}` calls `{source}`, a module already among its callers ({}): Terraform cannot install a module that calls itself.", chain.join(" → ")),
                )
                .help("Remove the call, or point `source` at another module.")
                .severity(Severity::Error)
            }
        };
        out.push(finding);
    }
}
