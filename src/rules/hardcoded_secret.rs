use serde_json::Value as Json;

use super::{Context, Finding};
use crate::model::display_path;
use crate::model::expr::TemplatePart;
use crate::model::{Expr, ExprKind, Module, PathSegment, Resource, Step};
use crate::schema::Schema;
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    ///
    /// That no secret is written into the configuration itself: a sensitive argument (`secret_key`,
    /// `access_key`, Azure `client_secret`, GCP `credentials`, ...) or a sensitive entry of a
    /// credentials map (`credentials.secret_key`, `credentials_wo.client_secret`, ...) whose value is
    /// a literal, non-empty string, quoted or heredoc. What is sensitive comes from the schemas'
    /// `sensitive` marks; inside a map the entry's own mark decides, so Azure's `tenant_id` and
    /// `client_id`, which are identifiers rather than secrets, are not reported even inside the
    /// (sensitive) `credentials` map. Nor, inside `credentials_wo` (provider 5.x), are GCP's
    /// `service_account_file`, `project` and `location`, nor AWS's `endpoint`: the first is the path
    /// of a key file on the Vault server's host (Vault API docs,
    /// `api-docs/secret/key-management/gcpkms`: "The path to a Google service account key file ...
    /// readable on the host that Vault server is running on"), not the key itself, and `endpoint`
    /// is the URL of a KMS (VPC) endpoint (Vault API docs, `api-docs/secret/key-management/awskms`;
    /// hashicorp/terraform-provider-vault 5.11.0, `website/docs/r/keymgmt_aws_kms.html.md`). Their
    /// values are still never shown in messages: the schema marks the whole write-only
    /// `credentials_wo` map sensitive, and every part of it inherits the mark.
    ///
    /// A reference to a `local` whose value is itself a literal string (or an object of literals)
    /// is reported too, at the argument that uses it, with the literal as related location: moving
    /// a secret into `locals` does not take it out of version control. So is a variable of a called
    /// module whose caller sets it to a literal (`module "aws" { secret_key = "..." }`), at the
    /// argument that uses the variable, with the caller's literal as related location. Values from
    /// the root module's variables (`var.*`, including their defaults and `.tfvars`, which are the
    /// configuration's interface), from `file()` and other functions, from data sources or from
    /// other resources are fine, as are templates that interpolate anything. The message never
    /// contains the value.
    ///
    /// ## Why it matters
    ///
    /// The configuration is committed to version control, where every clone and every CI log has
    /// the secret, and it stays in the history after the line is changed. The early provider docs
    /// (hashicorp/terraform-provider-vault `website/docs/r/keymgmt_aws_kms.html.md`) mark
    /// `credentials`, `access_key` and `secret_key` as sensitive and pass them as
    /// `var.aws_access_key_id` / `var.aws_secret_access_key`; a variable marked `sensitive = true`
    /// whose value comes from the environment (`TF_VAR_...`) or an uncommitted `.tfvars` keeps the
    /// secret out of the repository.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-west-2"
    ///
    ///   access_key = "AKIAIOSFODNN7EXAMPLE"
    ///   secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_aws_kms" "aws" {
    ///   path           = vault_mount.keymgmt.path
    ///   name           = "aws-kms"
    ///   key_collection = "us-west-2"
    ///
    ///   access_key = var.aws_access_key_id
    ///   secret_key = var.aws_secret_access_key
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/resource_keymgmt_*_kms.go` (`credentials_wo` is `Sensitive`
    ///   and `WriteOnly`); `website/docs/r/keymgmt_aws_kms.html.md` (`endpoint`) and
    ///   `keymgmt_gcp_kms.html.md` (`service_account_file`, readable "on the host that Vault server
    ///   is running on").
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_aws_kms.html.md`, `keymgmt_azure_kms.html.md` and
    ///   `keymgmt_gcp_kms.html.md` of an unreleased development branch): the sensitive arguments.
    /// - Vault API docs, "Create/Update KMS provider" of
    ///   <https://developer.hashicorp.com/vault/api-docs/secret/key-management/awskms> (`endpoint`)
    ///   and of <https://developer.hashicorp.com/vault/api-docs/secret/key-management/gcpkms>
    ///   (`service_account_file`).
    /// - Terraform: <https://developer.hashicorp.com/terraform/language/block/variable>
    ///   (`sensitive`) and
    ///   <https://developer.hashicorp.com/terraform/cli/config/environment-variables>
    ///   (`TF_VAR_name`).
    pub static RULE = {
        id: "hardcoded-secret",
        name: "Hard-coded secret",
        severity: Warning,
        summary:
            "A sensitive argument or credentials entry given as a literal string in the configuration.",
        fixes: None,
        inputs: Configuration,
        phase: Checks,
        check,
    }
}

/// How many `local.a` → `local.b` (or variable → caller's argument) hops are followed.
const MAX_HOPS: usize = 16;

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    // One path buffer for every resource rather than an allocation each.
    let mut path = Vec::new();
    for (index, resource) in ctx.module.each_resource() {
        let Some(schema) = ctx.schema(index) else {
            continue;
        };
        let mut walk = Walk {
            module: ctx.module,
            schema,
            resource,
            out: &mut *out,
        };
        for attr in resource.arguments() {
            path.clear();
            path.push(PathSegment::Key(attr.name.clone()));
            walk.expr(&attr.value, &mut path, None);
        }
    }
}

struct Walk<'m, 'o> {
    module: &'m Module,
    schema: &'m Schema,
    resource: &'m Resource,
    out: &'o mut Vec<Finding>,
}

/// A value written elsewhere than the argument: the span of the reference that uses it, and
/// what it names (`local.creds`, or `var.secret_key` of a called module whose caller wrote it).
type Via = (Span, String);

impl<'m> Walk<'m, '_> {
    fn expr(&mut self, expr: &'m Expr, path: &mut Vec<PathSegment>, via: Option<&Via>) {
        let Some((expr, found)) = self.resolve(expr, self.resource.scope) else {
            return;
        };
        let via = via.or(found.as_ref());
        match &expr.kind {
            ExprKind::Object(items) => {
                for item in items {
                    let Some(key) = &item.key else { continue };
                    path.push(PathSegment::Key(key.clone()));
                    self.expr(&item.value, path, via);
                    path.pop();
                }
            }
            _ if is_literal_text(expr) && self.sensitive(path) => self.report(expr, path, via),
            _ => {}
        }
    }

    /// Looks through `"${...}"`, `local.<name>` and, in a called module, `var.<name>` (to the
    /// argument its caller gives) to the expression that gives the value, with the first
    /// reference followed; `None` for a reference into part of a value, or a chain that does not
    /// end.
    fn resolve(&self, mut expr: &'m Expr, mut scope: usize) -> Option<(&'m Expr, Option<Via>)> {
        let mut via: Option<Via> = None;
        for _ in 0..MAX_HOPS {
            match &expr.kind {
                ExprKind::Template(parts) => match parts.as_slice() {
                    [TemplatePart::Interpolation(inner)] => expr = inner,
                    _ => return Some((expr, via)),
                },
                ExprKind::Traversal(t) if t.root == "local" => {
                    let [Step::Attr(name, _)] = t.steps.as_slice() else {
                        return None;
                    };
                    let (name, local) = self.module.scopes[scope].locals.get_key_value(name)?;
                    via = via.or_else(|| Some((expr.span, format!("local.{name}"))));
                    expr = &local.value;
                }
                // A called module's variable is its caller's value: a literal there is as much
                // in version control. A root module's variables are its interface.
                ExprKind::Traversal(t) if t.root == "var" => {
                    let [Step::Attr(name, _)] = t.steps.as_slice() else {
                        return None;
                    };
                    let (parent, _, argument) = self.module.caller_argument(scope, name)?;
                    via = via.or_else(|| Some((expr.span, format!("var.{name}"))));
                    expr = &argument.value;
                    scope = parent;
                }
                _ => return Some((expr, via)),
            }
        }
        None
    }

    /// Whether the value at `path` is a secret: an entry the schema describes is judged by its
    /// own `sensitive` mark; a top-level argument, or an entry the schema does not describe, by
    /// its own mark or that of an enclosing map.
    fn sensitive(&self, path: &[PathSegment]) -> bool {
        match self.schema.node_at(path) {
            Some(node) if path.len() > 1 => node
                .get("sensitive")
                .and_then(Json::as_bool)
                .unwrap_or(false),
            _ => self.schema.is_sensitive(path),
        }
    }

    fn report(&mut self, literal: &Expr, path: &[PathSegment], via: Option<&Via>) {
        let address = self.resource.address();
        let shown = display_path(path);
        let finding = match via {
            None => Finding::new(
                literal.span,
                format!(
                    "`{address}` sets `{shown}` to a literal string, so the secret is committed to version control with the configuration."
                ),
            ),
            Some((use_span, name)) => Finding::new(
                *use_span,
                format!(
                    "`{address}` sets `{shown}` from `{name}`, a literal string committed to version control with the configuration."
                ),
            )
            .related(literal.span, format!("the literal behind `{name}`")),
        };
        self.out.push(
            finding
                .help(
                    "Read it from a variable marked `sensitive = true` whose value is supplied outside the repository (`TF_VAR_...` or an uncommitted `.tfvars`), and rotate this secret: it is already in the version control history.",
                )
                .about(self.resource),
        );
    }
}

/// A string spelt out in the source: quoted or heredoc, without interpolations, not blank.
fn is_literal_text(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::String(s) => !s.trim().is_empty(),
        ExprKind::Template(parts) => {
            let mut text = String::new();
            for part in parts {
                match part {
                    TemplatePart::Literal(s) => text.push_str(s),
                    _ => return false,
                }
            }
            !text.trim().is_empty()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::{lint, Options, SourceFile};

    #[test]
    fn messages_never_contain_the_value() {
        let secret = "zz-unit-test-marker-4711";
        let text = format!(
            r#"
locals {{
  creds = {{ secret_key = "{secret}" }}
}}

resource "vault_keymgmt_aws_kms" "aws" {{
  path           = "keymgmt"
  name           = "aws-kms"
  key_collection = "us-west-2"
  access_key     = "{secret}"
  secret_key     = <<EOT
{secret}
EOT
}}

resource "vault_keymgmt_aws_kms" "map" {{
  path           = "keymgmt"
  name           = "aws-map"
  key_collection = "us-east-1"
  credentials    = local.creds
}}
"#
        );
        let report = lint(&[SourceFile::new("main.tf", text)], &Options::default()).unwrap();
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "hardcoded-secret")
            .collect();
        assert_eq!(found.len(), 3);
        for d in &report.diagnostics {
            assert!(!d.message.contains(secret), "{}", d.message);
            assert!(!d.help.as_deref().unwrap_or("").contains(secret));
            for r in &d.related {
                assert!(!r.message.contains(secret));
            }
        }
    }
}
