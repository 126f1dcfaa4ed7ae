//! The graph front ends draw: nodes for the keymgmt resources, edges for how they connect.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use keymgmt_lint::{graph, Options};

#[test]
fn the_replication_seed_is_a_connected_graph() {
    let case = common::fixtures().join("seeds/002-replicate-key");
    let view = graph(&common::load(&case), &Options::default());
    let kinds: Vec<_> = view.nodes.iter().map(|n| (n.id.as_str(), n.kind)).collect();
    assert_eq!(
        kinds,
        [
            ("vault_mount.keymgmt", "mount"),
            ("vault_keymgmt_key.key", "key"),
            ("vault_keymgmt_aws_kms.aws", "kms"),
            ("vault_keymgmt_distribute_key.dist", "distribution"),
            ("vault_keymgmt_replicate_key.replicate", "replication"),
        ]
    );
    let key = &view.nodes[1];
    assert_eq!(key.title, "multi-region-key");
    assert_eq!(key.facts["type"], "aes256-gcm96");
    assert_eq!(view.nodes[2].facts["provider"], "AWS KMS");
    assert_eq!(view.nodes[3].facts["purpose"], "encrypt, decrypt");
    assert!(
        !view.nodes[3].facts.contains_key("protection"),
        "unset protection is no fact"
    );
    let edges: Vec<_> = view
        .edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str(), e.kind))
        .collect();
    assert_eq!(
        edges,
        [
            ("vault_mount.keymgmt", "vault_keymgmt_key.key", "mount"),
            ("vault_mount.keymgmt", "vault_keymgmt_aws_kms.aws", "mount"),
            (
                "vault_keymgmt_key.key",
                "vault_keymgmt_distribute_key.dist",
                "distribution"
            ),
            (
                "vault_keymgmt_distribute_key.dist",
                "vault_keymgmt_aws_kms.aws",
                "distribution"
            ),
            (
                "vault_keymgmt_key.key",
                "vault_keymgmt_replicate_key.replicate",
                "replication"
            ),
            (
                "vault_keymgmt_replicate_key.replicate",
                "vault_keymgmt_aws_kms.aws",
                "replication"
            ),
        ]
    );
    assert_eq!(key.range.start.line, 6);
}
