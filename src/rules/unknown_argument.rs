use super::{Context, Finding};
use crate::model::display_path;
use std::rc::Rc;

use crate::fix::{self, Safety};
use crate::model::{pin, ExprKind, PathSegment};
use crate::redact::{self, Text};
use crate::schema::{self, ViolationKind};

declare_rule! {
    /// ## What it checks
    ///
    /// That a keymgmt resource sets only arguments its schema has, that map arguments such as
    /// `credentials` hold only the keys the provider reads, and that a module call the linter
    /// follows sets only the variables the called module declares. A misspelt name gets the closest
    /// valid name as a suggestion; a computed attribute (`id`, `key_id`, ...) is explained as
    /// read-only.
    /// `vault_keymgmt_key_rotate` exists only in provider 5.x and takes `mount`, `name` and
    /// `namespace`: `path` on it (the early provider's name for the mount) gets a help naming
    /// `mount`.
    /// An argument of the other generation of the provider than the resource's own is unknown too:
    /// the early generation's `path`, `credentials`, `access_key`, ... where the configuration pins
    /// provider 5.x (a `required_providers` constraint that admits only 5.9.0 and later, or such a
    /// version in `.terraform.lock.hcl`), or beside `mount` on the same resource; `credentials_wo`
    /// beside `path`. The help names what provider 5.x takes instead.
    /// Terraform's meta-arguments (`count`, `for_each`, `depends_on`, `provider`, `lifecycle`, ...)
    /// are accepted everywhere; `vault_mount` accepts any argument, since only its `path` and `type`
    /// matter to the Key Management engine.
    ///
    /// ## Why it matters
    ///
    /// Terraform stops at `plan` with "Unsupported argument" for a name the provider (or, in a
    /// `module` block, the called module) does not know;
    /// an unknown key inside a map argument is worse, as it is sent to Vault and ignored there, so a
    /// misspelt `secret_key` silently leaves the credential unset.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "key" {
    ///   path = vault_mount.keymgmt.path
    ///   nmae = "my-key"
    /// }
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
    /// ## Fix
    ///
    /// Safe: a misspelt argument or map key with one close valid name is renamed to it (`nmae` to
    /// `name`). Unsafe: `path` renamed to `mount` where the configuration pins provider 5.x (or
    /// `mount` to `path` on an early-generation resource), since what else the resource sets may then
    /// need changing too. `keymgmt-lint --fix` applies the safe fixes, `--fix-unsafe` both.
    ///
    /// ## Sources
    ///
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): the schemas in `internal/vault/keymgmt/*.go` and the pages
    ///   `website/docs/r/keymgmt_*.html.md` (arguments; computed `latest_version` and `versions`).
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_*.html.md` of an unreleased development branch): `path`,
    ///   `credentials`, `access_key`, `secret_key`, ...; computed `id` and `key_id`.
    /// - Terraform: <https://developer.hashicorp.com/terraform/language/block/resource>,
    ///   <https://developer.hashicorp.com/terraform/language/block/module> (module inputs) and
    ///   <https://developer.hashicorp.com/terraform/language/meta-arguments>; the version pin:
    ///   <https://developer.hashicorp.com/terraform/language/providers/requirements> and
    ///   <https://developer.hashicorp.com/terraform/language/files/dependency-lock>.
    pub static RULE = {
        id: "unknown-argument",
        name: "Unknown argument",
        severity: Error,
        summary: "An argument, block or map key that the resource's schema does not have.",
        fixes: SafeAndUnsafe,
        inputs: Configuration,
        phase: Checks,
        check,
    }
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut valid_names = ValidNames::default();
    // A resource may set a million unknown arguments: past the findings the report lists, the
    // rest are only counted. Not where an ignore comment might silence one of those built, as
    // the report's count and the comments' use must then see each one.
    let countable = !ctx
        .module
        .files
        .iter()
        .any(|f| f.text.contains(crate::suppress::MARKER));
    let mut built: Vec<(usize, usize)> = Vec::new(); // (findings built, index in `out` of the last)
    for (index, violation) in ctx.violations() {
        let resource = &ctx.module.resources[*index];
        let address = resource.address();
        let path = &violation.path;
        let Some(PathSegment::Key(name)) = path.last() else {
            continue;
        };
        let reported = matches!(
            violation.kind,
            ViolationKind::UnknownArgument { .. }
                | ViolationKind::ReadOnly
                | ViolationKind::UnknownBlock { .. }
        );
        if reported && countable && resource.instance.is_none() {
            if built.len() <= index.index() {
                built.resize(index.index() + 1, (0, 0));
            }
            let (count, last) = built[index.index()];
            if count > crate::report::MAX_FINDINGS_PER_SUBJECT {
                out[last].unlisted += 1;
                continue;
            }
        }
        let finding = match &violation.kind {
            ViolationKind::UnknownArgument { known } => {
                // A key of a sensitive map that is not written out here came with the value
                // (`credentials = var.creds`), and is as secret as the value.
                let written = path.len() == 1
                    || resource
                        .attribute(&display_path(&path[..1]))
                        .and_then(|a| a.value.locate_key(&path[1..]))
                        .is_some();
                let hidden = !written && violation.shown.as_deref() == Some(redact::SENSITIVE);
                let name = Text::new(name, hidden);
                let finding = if path.len() == 1 {
                    Finding::new(
                        ctx.key_span_at(resource, path),
                        format!("`{address}` has no argument {name}."),
                    )
                } else {
                    let parent = display_path(&path[..path.len() - 1]);
                    Finding::new(
                        ctx.key_span_at(resource, path),
                        format!("`{parent}` of `{address}` has no key {name}."),
                    )
                };
                let candidates = known.iter().map(|k| Text::new(k, false));
                if path.len() == 1 && only_mount(resource.kind.as_str(), name.as_str()) {
                    finding.help(format!(
                        "`{}` exists only in provider 5.x, which names the mount `mount`: write `mount` instead of `path`.",
                        resource.kind
                    ))
                } else {
                    match ctx.suggest.text(name, candidates) {
                    // Both names are written out and no secrets: the suggestion never is one.
                    Some(s) if !name.is_sensitive() => {
                        let span = ctx.key_span_at(resource, path);
                        finding
                            .help(format!("Did you mean {s}?"))
                            .fix(fix::rename(ctx.module, span, name.as_str(), s.as_str(), Safety::Safe))
                    }
                    Some(s) => finding.help(format!("Did you mean {s}?")),
                    None if known.is_empty() => finding,
                    None => finding.help(valid_names.listed(known)),
                }
                }
            }
            ViolationKind::ReadOnly => Finding::new(
                ctx.key_span_at(resource, path),
                format!("`{address}` sets `{name}`, which the provider computes and cannot be set."),
            )
            .help(format!(
                "Remove it; other resources can read it as `{address}.{name}`."
            )),
            ViolationKind::UnknownBlock { name } => Finding::new(
                ctx.span_at(resource, path),
                format!("`{address}` takes no `{name}` block."),
            )
            .help(
                "Keymgmt resources have no nested blocks; a map argument is written `name = { ... }`.",
            ),
            _ => continue,
        };
        out.push(finding.about(resource));
        if let Some(slot) = built.get_mut(index.index()) {
            *slot = (slot.0 + 1, out.len() - 1);
        }
    }
    other_generation(ctx, out);
    module_arguments(ctx, out);
}

/// Arguments of the other generation than the resource's own: the pinned one, else the one its
/// mount argument names. The schemas hold both generations' arguments, so the validator cannot
/// tell.
fn other_generation(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, resource) in ctx.module.each_resource() {
        let Some(generation) = ctx.module.generation(resource) else {
            continue;
        };
        let Some(schema) = ctx.schema(index) else {
            continue;
        };
        for attr in resource.arguments() {
            if matches!(attr.value.kind, ExprKind::Null) {
                continue;
            }
            let Some(other) = schema.generation(&attr.name).filter(|g| *g != generation) else {
                continue;
            };
            let name = &attr.name;
            let finding = Finding::new(
                attr.name_span,
                format!(
                    "`{}` has no argument `{name}` in {} (\"Unsupported argument\"): {}, and `{name}` belongs to {}.",
                    resource.address(),
                    pin::describe(generation),
                    ctx.module.generation_reason(generation),
                    pin::describe(other),
                ),
            );
            let finding = match &ctx.module.pin {
                Some(pin) => {
                    finding.related(pin.span, "the Vault provider's version is pinned here")
                }
                None => finding,
            };
            // Renaming the mount argument moves the resource to the other generation: what
            // else it sets may then need changing too.
            let rename = match (generation, name.as_str()) {
                (pin::RELEASED, "path") => Some("mount"),
                (pin::SEED, "mount") => Some("path"),
                _ => None,
            }
            .and_then(|new| fix::rename(ctx.module, attr.name_span, name, new, Safety::Unsafe));
            out.push(
                finding
                    .help(replacement(generation, name))
                    .fix(rename)
                    .about(resource),
            );
        }
    }
}

/// What `generation` writes instead of argument `name` of the other generation.
fn replacement(generation: &str, name: &str) -> String {
    match (generation, name) {
        (pin::RELEASED, "path") => "Write `mount` instead of `path`.".into(),
        (pin::RELEASED, "credentials") => "Provider 5.x takes credentials only as the write-only map `credentials_wo`, with `credentials_wo_version`: write `credentials_wo` instead of `credentials`.".into(),
        (pin::RELEASED, _) => format!("Provider 5.x takes credentials only as the write-only map `credentials_wo`, with `credentials_wo_version`: move `{name}` into `credentials_wo`."),
        (_, "mount") => "Write `path` instead of `mount`, or `mount` on every resource for provider 5.x.".into(),
        _ => format!("`{name}` needs provider 5.x, which names the mount `mount`: write `mount` instead of `path`, or use the early generation's credential arguments."),
    }
}

/// Arguments of a followed module call that the called module declares no variable for.
fn module_arguments(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    for scope in &ctx.module.scopes {
        for (name, call) in &scope.calls {
            let Some(child) = call.made.first() else {
                continue;
            };
            let variables = &ctx.module.scopes[child].variables;
            let source = call.declared.source.as_deref().unwrap_or_default();
            for argument in call.declared.arguments() {
                if variables.contains_key(&argument.name) {
                    continue;
                }
                let finding = Finding::new(
                    argument.name_span,
                    format!(
                        "`{}module.{name}` has no argument `{}`: `{source}` declares no variable so named (\"Unsupported argument\").",
                        scope.prefix, argument.name
                    ),
                );
                let names = variables.keys().map(|v| v.as_str());
                out.push(match ctx.suggest.name(&argument.name, names) {
                    Some(s) => finding.help(format!("Did you mean `{s}`?")),
                    None => finding.help(
                        "Declare it in the module with a `variable` block, or remove the argument.",
                    ),
                });
            }
        }
    }
}

/// Whether `name` is `path`, the early provider's name for the mount, on a resource type that
/// has only provider 5.x's `mount` (`vault_keymgmt_key_rotate`).
fn only_mount(resource_type: &str, name: &str) -> bool {
    name == "path"
        && schema::schemas().get(resource_type).is_some_and(|s| {
            !s.has_property("path") && s.generation("mount") == Some(pin::RELEASED)
        })
}

/// "Valid names: ...", made once per list of names: a resource may have a great many misspelt
/// arguments, all against the same list.
#[derive(Default)]
struct ValidNames {
    last: Option<(Rc<[String]>, String)>,
}

impl ValidNames {
    fn listed(&mut self, known: &Rc<[String]>) -> String {
        match &self.last {
            Some((names, text)) if Rc::ptr_eq(names, known) => text.clone(),
            _ => {
                let listed: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                let text = format!("Valid names: {}.", listed.join(", "));
                self.last = Some((known.clone(), text.clone()));
                text
            }
        }
    }
}
