//! What the distribution rules share: the key type and KMS provider a distribution connects.

use super::Context;
use crate::graph::Link;
use crate::model::ResourceId;
use crate::providers::{self, Provider, ProviderFacts};
use crate::redact::Text;
use crate::source::Span;

/// A distribution whose key and KMS provider are both known, with the key's Known type.
pub struct Resolved<'c> {
    pub link: &'c Link,
    pub key: ResourceId,
    pub kms: ResourceId,
    pub provider: Provider,
    pub facts: &'static ProviderFacts,
    pub key_type: Text<'c>,
}

impl Resolved<'_> {
    /// Where the key's type is decided, and a note saying so, for `related`.
    pub fn key_type_note(&self, ctx: &Context<'_>) -> (Span, String) {
        let key = ctx.resource(self.key);
        match key.attribute("type") {
            Some(attr) => (
                attr.value.span,
                format!("`{}` is of type {}", key.address(), self.key_type),
            ),
            None => (
                key.header,
                format!(
                    "`{}` sets no `type`, so it is {}, the default",
                    key.address(),
                    self.key_type
                ),
            ),
        }
    }

    pub fn kms_note(&self, ctx: &Context<'_>) -> (Span, String) {
        let kms = ctx.resource(self.kms);
        (
            kms.header,
            format!("`{}` is {}", kms.address(), self.facts.display),
        )
    }
}

/// Every distribution whose key, KMS provider and key type are known; the key type is one
/// Vault knows (an unknown one is `invalid-value`'s to report).
pub fn resolved<'c>(ctx: &'c Context<'_>) -> Vec<Resolved<'c>> {
    let graph = ctx.graph();
    graph
        .distributions
        .iter()
        .filter_map(|link| {
            let (key, kms) = (link.key?, link.kms?);
            let provider = graph.provider_of(kms)?;
            let key_type = ctx.value(key, "type").text()?;
            providers::KEY_TYPES
                .contains(&key_type.as_str())
                .then(|| Resolved {
                    link,
                    key,
                    kms,
                    provider,
                    facts: providers::facts(provider),
                    key_type,
                })
        })
        .collect()
}
