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

#[test]
fn a_key_rotation_is_a_node_linked_from_its_key() {
    let text = "resource \"vault_mount\" \"keymgmt\" {\n  path = \"keymgmt\"\n  type = \"keymgmt\"\n}\nresource \"vault_keymgmt_key\" \"key\" {\n  mount = vault_mount.keymgmt.path\n  name  = \"k\"\n}\nresource \"vault_keymgmt_key_rotate\" \"rotate\" {\n  mount = vault_mount.keymgmt.path\n  name  = vault_keymgmt_key.key.name\n}\n";
    let view = keymgmt_lint::graph(
        &[keymgmt_lint::SourceFile::new("main.tf", text)],
        &keymgmt_lint::Options::default(),
    );
    let rotation = view
        .nodes
        .iter()
        .find(|n| n.id == "vault_keymgmt_key_rotate.rotate")
        .expect("the rotation is drawn");
    assert_eq!(rotation.kind, "rotation");
    assert!(view.edges.iter().any(|e| e.from == "vault_keymgmt_key.key"
        && e.to == "vault_keymgmt_key_rotate.rotate"
        && e.kind == "rotation"));
}
