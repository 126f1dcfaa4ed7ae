use super::{Context, Finding};
use crate::model::PathSegment;

declare_rule! {
    /// ## What it checks
    ///
    /// That a known `namespace` on a keymgmt resource or a `vault_mount` is neither empty nor has a
    /// leading or trailing `/`. The help gives the value without the slashes (a namespace is not
    /// secret), or, for an empty namespace or one made only of slashes, suggests leaving it unset.
    /// Slashes inside (`team-a/dev`, a nested namespace) are fine, and values unknown before apply
    /// are not checked.
    ///
    /// ## Why it matters
    ///
    /// The Vault provider's documentation of `namespace`: the value "should not contain leading or
    /// trailing forward slashes"; it is always relative to the provider's configured namespace.
    /// The released provider validates it with `PathValidator` (hashicorp/terraform-provider-vault,
    /// `internal/framework/validators/path.go`, used for `namespace` by
    /// `internal/framework/base/schema.go`), which refuses an empty value ("value cannot be empty")
    /// and one that "contains leading/trailing \"/\"". With the slashes, a provider that does not
    /// validate builds a request path Vault does not resolve to the intended namespace, and the
    /// resource is created in the wrong place or the apply fails; an empty namespace is refused, or
    /// at best means the same as leaving `namespace` unset.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "key" {
    ///   path      = vault_mount.keymgmt.path
    ///   name      = "my-key"
    ///   namespace = "/team-a/"
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "key" {
    ///   path      = vault_mount.keymgmt.path
    ///   name      = "my-key"
    ///   namespace = "team-a"
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/framework/validators/path.go` (`PathValidator`), used for `namespace` by
    ///   `internal/framework/base/schema.go`, with `RegexpPath` of
    ///   `internal/provider/validators.go`; `namespace` in `website/docs/r/keymgmt_*.html.md`.
    /// - The early provider generation's documentation (hashicorp/terraform-provider-vault
    ///   `website/docs/r/keymgmt_*.html.md` of an unreleased development branch): the same sentence
    ///   on slashes.
    pub static RULE = {
        id: "namespace-format",
        name: "Malformed namespace",
        severity: Error,
        summary: "A `namespace` that is empty or has a leading or trailing `/`.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

const NAMESPACE: &str = "namespace";

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let path = [PathSegment::Key(NAMESPACE.into())];
    for (index, resource) in ctx.module.each_resource() {
        let Some(schema) = ctx.schema(index) else {
            continue;
        };
        if schema.node_at(&path).is_none() || resource.attribute(NAMESPACE).is_none() {
            continue;
        }
        let Some(namespace) = ctx.value(index, NAMESPACE).text() else {
            continue;
        };
        let trimmed = namespace.trimmed('/');
        let raw = namespace.as_str();
        let shape = match (raw.starts_with('/'), raw.ends_with('/')) {
            _ if raw.is_empty() => "empty",
            _ if trimmed.as_str().is_empty() => "made only of `/`",
            (true, true) => "with a leading and a trailing `/`",
            (true, false) => "with a leading `/`",
            (false, true) => "with a trailing `/`",
            (false, false) => continue,
        };
        let help = if raw.is_empty() {
            "Remove `namespace` to use the provider's own namespace; the Vault provider refuses an empty one.".to_string()
        } else if namespace.is_sensitive() {
            "Remove the leading and trailing `/`; the namespace is relative to the provider's namespace.".to_string()
        } else if trimmed.as_str().is_empty() {
            "Leave `namespace` unset to use the provider's own namespace.".to_string()
        } else {
            format!(
                "Write `namespace = {}`; it is relative to the provider's namespace.",
                trimmed.quoted()
            )
        };
        let message = if raw.is_empty() && !namespace.is_sensitive() {
            format!("`namespace` of `{}` is empty.", resource.address())
        } else {
            format!(
                "`namespace` of `{}` is {}, {shape}.",
                resource.address(),
                namespace.quoted()
            )
        };
        out.push(
            Finding::new(ctx.attr_span(index, NAMESPACE), message)
                .help(help)
                .about(resource),
        );
    }
}
