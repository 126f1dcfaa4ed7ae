//! The graph as front ends draw it (the playground's key graph), built from the link model.

use super::{mount_of, referenced, Graph};
use crate::model::eval::Evaluator;
use crate::model::{Module, ResourceId, Value};
use crate::providers;

/// The graph as front ends draw it (the playground's key graph): one node per mount, key, KMS
/// provider, distribution, replication and key rotation, with what the picture shows of each,
/// and the edges mount → key / KMS provider, key → distribution / replication → KMS provider,
/// key → rotation.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct View {
    pub nodes: Vec<NodeView>,
    pub edges: Vec<EdgeView>,
}

/// One keymgmt resource in {@link graph}.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "GraphNode"))]
pub struct NodeView {
    /// The resource address; edges refer to it.
    pub id: String,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'mount' | 'key' | 'kms' | 'distribution' | 'replication' | 'rotation'")
    )]
    pub kind: &'static str,
    pub resource_type: String,
    /// The Vault-side name (`name`, a mount's `path`) where known, else the resource name.
    pub title: String,
    /// Known values worth showing: `type`, `provider`, `keyCollection`, `purpose`, `protection`.
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(
            type = "Partial<Record<'type' | 'provider' | 'keyCollection' | 'purpose' | 'protection', string>>"
        )
    )]
    pub facts: std::collections::BTreeMap<&'static str, String>,
    pub file: String,
    /// The block's header.
    pub range: crate::diagnostic::Range,
}

/// A link in {@link graph}: mount → key / KMS provider, key → distribution → KMS provider, the same for replications, and key → rotation.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "GraphEdge"))]
pub struct EdgeView {
    pub from: String,
    pub to: String,
    #[cfg_attr(
        all(test, not(target_arch = "wasm32")),
        ts(type = "'mount' | 'distribution' | 'replication' | 'rotation'")
    )]
    pub kind: &'static str,
}

impl Graph {
    pub fn view(&self, module: &Module, eval: &Evaluator<'_>) -> View {
        // Shown through `redact`, like every value in a message.
        let known = |index: ResourceId, attr: &str| {
            let value = eval.resource_attribute(index, attr);
            match value.unmarked() {
                Value::List(items) => {
                    let texts = items.iter().map(Value::text).collect::<Option<Vec<_>>>()?;
                    let shown: Vec<_> = texts.iter().map(|t| t.plain()).collect();
                    Some(shown.join(", "))
                }
                _ => value.text().map(|t| t.plain().into_owned()),
            }
        };
        let mut view = View::default();
        let mut node = |index: ResourceId,
                        kind: &'static str,
                        title_attr: Option<&str>,
                        facts: &[(&'static str, &str)]| {
            let resource = &module.resources[index];
            let file = module.file(resource.header);
            view.nodes.push(NodeView {
                id: resource.address().to_string(),
                kind,
                resource_type: String::from(resource.kind.as_str()),
                title: title_attr
                    .and_then(|attr| known(index, attr))
                    .unwrap_or_else(|| String::from(resource.name.as_str())),
                facts: facts
                    .iter()
                    .filter_map(|&(fact, attr)| known(index, attr).map(|v| (fact, v)))
                    .collect(),
                file: file.path.clone(),
                range: file.range(resource.header),
            });
        };
        for &i in &self.mounts {
            node(i, "mount", Some("path"), &[("type", "type")]);
        }
        for &i in &self.keys {
            node(i, "key", Some("name"), &[("type", "type")]);
        }
        for &(i, _) in &self.kms {
            node(
                i,
                "kms",
                Some("name"),
                &[("keyCollection", "key_collection")],
            );
        }
        for link in &self.distributions {
            node(
                link.resource,
                "distribution",
                None,
                &[("purpose", "purpose"), ("protection", "protection")],
            );
        }
        for link in &self.replications {
            node(link.resource, "replication", None, &[]);
        }
        for link in &self.rotations {
            node(link.resource, "rotation", None, &[]);
        }
        for (index, provider) in &self.kms {
            let display = providers::facts(*provider).display.to_string();
            let id = module.resources[*index].address();
            if let Some(n) = view.nodes.iter_mut().find(|n| n.id == id) {
                n.facts.insert("provider", display);
            }
        }
        let address = |i: ResourceId| module.resources[i].address();
        for &i in self.keys.iter().chain(self.kms.iter().map(|(i, _)| i)) {
            let resource = &module.resources[i];
            let written = resource
                .attribute("mount")
                .or_else(|| resource.attribute("path"));
            let mount = mount_of(eval, i);
            let owner = written
                .and_then(|a| referenced(eval, i, &a.value, &self.mounts))
                .or_else(|| {
                    let by_path = |&m: &ResourceId| eval.resource_attribute(m, "path") == mount;
                    mount
                        .is_known()
                        .then(|| self.mounts.iter().copied().find(by_path))
                        .flatten()
                });
            if let Some(m) = owner {
                view.edges.push(EdgeView {
                    from: address(m).to_string(),
                    to: address(i).to_string(),
                    kind: "mount",
                });
            }
        }
        for (links, kind) in [
            (&self.distributions, "distribution"),
            (&self.replications, "replication"),
            (&self.rotations, "rotation"),
        ] {
            for link in links {
                if let Some(key) = link.key {
                    view.edges.push(EdgeView {
                        from: address(key).to_string(),
                        to: address(link.resource).to_string(),
                        kind,
                    });
                }
                if let Some(kms) = link.kms {
                    view.edges.push(EdgeView {
                        from: address(link.resource).to_string(),
                        to: address(kms).to_string(),
                        kind,
                    });
                }
            }
        }
        view
    }
}
