use compact_str::CompactString;

use super::{Context, Finding};
use crate::graph;
use crate::model::ResourceId;
use crate::redact::Text;
use crate::source::Span;

declare_rule! {
    /// ## What it checks
    ///
    /// That a `vault_keymgmt_distribute_key` or `vault_keymgmt_replicate_key` is on the same mount
    /// (`path` or `mount`) **and in the same namespace** as the key and the KMS provider it
    /// connects, and a `vault_keymgmt_key_rotate` as the key it rotates (its `name`), whether it
    /// names them by reference or by a literal name. Mounts are compared as
    /// Vault resolves them: `keymgmt`, `keymgmt/` and `/keymgmt` are one mount. Namespaces are
    /// compared the same way (`team-a/` is `team-a`), and an unset or `null` `namespace` is the
    /// provider configuration's own namespace, `""`: a distribution in namespace `team-b` cannot
    /// reach a key declared in `team-a`, nor one declared without `namespace`. Namespaces are
    /// compared only between resources of the same provider configuration (the same `provider`
    /// argument, or none), as each configuration may set a namespace of its own. A mount or
    /// namespace that cannot be known before apply is never reported.
    ///
    /// ## Why it matters
    ///
    /// Keys and KMS providers live inside one Key Management mount of one namespace: Vault's API
    /// (`api-docs/secret/key-management`, "Distribute key to KMS provider") addresses a
    /// distribution as `<mount>/kms/<kms_name>/key/<key_name>`, and the provider
    /// (hashicorp/terraform-provider-vault 5.11.0, `internal/vault/keymgmt/*.go`) sends that request
    /// through a client for the resource's own `namespace` (`website/docs/r/keymgmt_*.html.md`:
    /// "The namespace of the target resource"). A key rotation (provider 5.x,
    /// `website/docs/r/keymgmt_key_rotate.html.md`) is likewise a request to
    /// `<mount>/key/<name>/rotate` in its own namespace. On another mount or in another namespace
    /// Vault looks for the key and the KMS provider there, finds neither, and the `apply` fails.
    ///
    /// ## Bad
    ///
    /// ```hcl
    /// resource "vault_keymgmt_key" "key" {
    ///   path = "keymgmt"
    ///   name = "app-key"
    ///   type = "aes256-gcm96"
    /// }
    ///
    /// resource "vault_keymgmt_distribute_key" "aws_dist" {
    ///   path     = "keymgmt-prod"
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    ///
    /// resource "vault_keymgmt_replicate_key" "replica" {
    ///   namespace = "team-b"
    ///   path      = "keymgmt"
    ///   kms_name  = vault_keymgmt_aws_kms.aws.name
    ///   key_name  = vault_keymgmt_key.key.name
    /// }
    /// ```
    ///
    /// ## Good
    ///
    /// ```hcl
    /// resource "vault_keymgmt_distribute_key" "aws_dist" {
    ///   path     = vault_keymgmt_key.key.path
    ///   kms_name = vault_keymgmt_aws_kms.aws.name
    ///   key_name = vault_keymgmt_key.key.name
    ///   purpose  = ["encrypt", "decrypt"]
    /// }
    ///
    /// resource "vault_keymgmt_replicate_key" "replica" {
    ///   path       = vault_keymgmt_key.key.path
    ///   kms_name   = vault_keymgmt_aws_kms.aws.name
    ///   key_name   = vault_keymgmt_key.key.name
    ///   depends_on = [vault_keymgmt_distribute_key.aws_dist]
    /// }
    /// ```
    ///
    /// ## Sources
    ///
    /// - Vault API docs, <https://developer.hashicorp.com/vault/api-docs/secret/key-management>,
    ///   "Distribute key to KMS provider" and "Rotate key".
    /// - Provider 5.9.0 to 5.11.0 (hashicorp/terraform-provider-vault, the same keymgmt code in
    ///   each): `internal/vault/keymgmt/helpers.go` (`BuildDistributeKeyPath`,
    ///   `BuildReplicateKeyPath`, `BuildKeyRotatePath`, which trim `/` from the mount), and each
    ///   resource's `getVaultClient`, a client for its `namespace`; `namespace` in
    ///   `website/docs/r/keymgmt_*.html.md`.
    /// - Terraform, <https://developer.hashicorp.com/terraform/language/meta-arguments/provider>.
    pub static RULE = {
        id: "mount-mismatch",
        name: "Mount mismatch",
        severity: Error,
        summary: "A distribution, replication or key rotation on another mount or in another namespace than its key or KMS provider.",
        fixes: None,
        inputs: ConfigurationAndPlans,
        phase: Checks,
        check,
    }
}

/// Where a keymgmt resource lives: its Known mount and, when Known, its namespace and provider
/// configuration.
#[derive(Clone, Copy)]
struct Place<'c> {
    mount: Text<'c>,
    /// `None` when unknown before apply.
    namespace: Option<Text<'c>>,
    mount_span: Span,
    /// The `namespace` argument, or the mount's span when it is unset.
    namespace_span: Span,
}

impl<'c> Place<'c> {
    /// `mount `keymgmt`` or, when namespaces are in question, `mount `keymgmt` in namespace
    /// `team-a`` / `in the provider's namespace`.
    fn show(&self, with_namespace: bool) -> String {
        match self.namespace {
            Some(namespace) if with_namespace => {
                if namespace.as_str().is_empty() && !namespace.is_sensitive() {
                    format!("mount {} in the provider's namespace", self.mount)
                } else {
                    format!("mount {} in namespace {namespace}", self.mount)
                }
            }
            _ => format!("mount {}", self.mount),
        }
    }

    /// The same place with the marks of `other`, an equal one: what one keeps secret, the other
    /// must not tell.
    fn marked_as(self, other: &Place<'_>) -> Place<'c> {
        let mark = |t: Text<'c>, secret: bool| if secret { t.into_sensitive() } else { t };
        Place {
            mount: mark(self.mount, other.mount.is_sensitive()),
            namespace: self
                .namespace
                .map(|n| mark(n, other.namespace.is_some_and(|o| o.is_sensitive()))),
            ..self
        }
    }
}

/// One end (key or KMS provider) on another mount or in another namespace.
struct Other<'c> {
    what: &'static str,
    address: &'c str,
    place: Place<'c>,
    /// The mount differs (else only the namespace).
    mount_differs: bool,
    namespace_differs: bool,
}

fn check(ctx: &Context<'_>, out: &mut Vec<Finding>) {
    let graph = ctx.graph();
    for link in graph
        .distributions
        .iter()
        .chain(&graph.replications)
        .chain(&graph.rotations)
    {
        let Some((here, provider)) = place_of(ctx, link.resource) else {
            continue;
        };
        let others: Vec<Other<'_>> = [("key", link.key), ("KMS provider", link.kms)]
            .into_iter()
            .filter_map(|(what, target)| {
                let target = target?;
                let (there, other_provider) = place_of(ctx, target)?;
                let mount_differs = there.mount != here.mount;
                let namespace_differs = provider.is_some()
                    && other_provider == provider
                    && matches!((here.namespace, there.namespace), (Some(a), Some(b)) if a != b);
                (mount_differs || namespace_differs).then(|| Other {
                    what,
                    address: ctx.resource(target).address(),
                    place: there,
                    mount_differs,
                    namespace_differs,
                })
            })
            .collect();
        if others.is_empty() {
            continue;
        }
        // Namespaces are named when one of them is in question.
        let ns = others.iter().any(|o| o.namespace_differs);
        let resource = ctx.resource(link.resource);
        let address = resource.address();
        let at = here.show(ns);
        let message = match others.as_slice() {
            [o] => format!(
                "`{address}` is on {at}, but its {} `{}` is on {}.",
                o.what,
                o.address,
                o.place.show(ns)
            ),
            [key, kms, ..]
                if key.place.mount == kms.place.mount
                    && key.place.namespace == kms.place.namespace =>
            {
                // One place named twice: secret if either end keeps it so.
                let shared = key.place.marked_as(&kms.place);
                format!(
                    "`{address}` is on {at}, but its key `{}` and its KMS provider `{}` are on {}.",
                    key.address,
                    kms.address,
                    shared.show(ns)
                )
            }
            [key, kms, ..] => format!(
                "`{address}` is on {at}, but its key `{}` is on {} and its KMS provider `{}` on {}.",
                key.address,
                key.place.show(ns),
                kms.address,
                kms.place.show(ns)
            ),
            [] => continue,
        };
        let help = match others.as_slice() {
            [o] => format!(
                "Move `{address}` to {}, or `{}` to {at}.",
                o.place.show(ns),
                o.address
            ),
            _ if ns => "Put the key, the KMS provider and the resources that connect them on one mount in one namespace."
                .to_string(),
            _ => "Put the key, the KMS provider and the resources that connect them on one mount."
                .to_string(),
        };
        // Where the difference is: the mount when any mount differs, else the namespace.
        let span = if others.iter().any(|o| o.mount_differs) {
            here.mount_span
        } else {
            here.namespace_span
        };
        let mut finding = Finding::new(span, message).help(help);
        for o in &others {
            let other_span = if o.mount_differs {
                o.place.mount_span
            } else {
                o.place.namespace_span
            };
            finding = finding.related(
                other_span,
                format!("the {} `{}` is on {}", o.what, o.address, o.place.show(ns)),
            );
        }
        out.push(finding.about(resource));
    }
}

/// The Known mount of a keymgmt resource, without leading or trailing `/`, with its namespace
/// and its provider configuration (`None` when it is not a plain provider address).
fn place_of<'c>(
    ctx: &'c Context<'_>,
    index: ResourceId,
) -> Option<(Place<'c>, Option<CompactString>)> {
    let path = graph::mount_of(&ctx.eval, index).text()?;
    let resource = ctx.resource(index);
    let argument = if resource.attribute("mount").is_some() {
        "mount"
    } else {
        "path"
    };
    let mount_span = ctx.attr_span(index, argument);
    let namespace_span = resource
        .attribute("namespace")
        .map_or(mount_span, |a| a.value.span);
    Some((
        Place {
            mount: path.trimmed('/'),
            namespace: graph::namespace_of(&ctx.eval, index),
            mount_span,
            namespace_span,
        },
        resource.provider_config(),
    ))
}

#[cfg(test)]
mod tests {
    use crate::{lint, Options, SourceFile};

    #[test]
    fn a_sensitive_namespace_is_never_shown() {
        let text = r#"
variable "ns" {
  type      = string
  sensitive = true
  default   = "zz-secret-namespace-4711"
}

resource "vault_keymgmt_key" "key" {
  namespace = var.ns
  mount     = "keymgmt"
  name      = "app-key"
  type      = "aes256-gcm96"
}

resource "vault_keymgmt_aws_kms" "aws" {
  namespace      = var.ns
  mount          = "keymgmt"
  name           = "aws-kms"
  key_collection = "us-west-2"
}

resource "vault_keymgmt_distribute_key" "dist" {
  namespace = "team-b"
  mount     = "keymgmt"
  kms_name  = vault_keymgmt_aws_kms.aws.name
  key_name  = vault_keymgmt_key.key.name
  purpose   = ["encrypt", "decrypt"]
}
"#;
        let report = lint(&[SourceFile::new("main.tf", text)], &Options::default()).unwrap();
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "mount-mismatch")
            .collect();
        assert_eq!(found.len(), 1, "{:?}", report.diagnostics);
        assert!(found[0].message.contains("(sensitive value)"));
        for d in &report.diagnostics {
            let texts = std::iter::once(d.message.as_str())
                .chain(d.help.as_deref())
                .chain(d.related.iter().map(|r| r.message.as_str()));
            for t in texts {
                assert!(!t.contains("zz-secret"), "{t}");
            }
        }
    }
}
