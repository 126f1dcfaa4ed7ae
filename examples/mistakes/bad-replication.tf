# Replication: only AWS KMS replicates keys, and the key must list its replica regions.

resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_keymgmt_key" "orders" {
  path = vault_mount.keymgmt.path
  name = "orders"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_gcp_kms" "gcp" {
  path           = vault_mount.keymgmt.path
  name           = "gcp-kms"
  key_collection = "projects/shop/locations/global/keyRings/orders"
  credentials    = file("gcp-credentials.json")
}

resource "vault_keymgmt_distribute_key" "orders_gcp" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_gcp_kms.gcp.name
  key_name = vault_keymgmt_key.orders.name
  purpose  = ["encrypt", "decrypt"]
}

resource "vault_keymgmt_replicate_key" "orders" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_gcp_kms.gcp.name
  key_name   = vault_keymgmt_key.orders.name
  depends_on = [vault_keymgmt_distribute_key.orders_gcp]
}
