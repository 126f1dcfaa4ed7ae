# A misspelt argument with one close name: renamed (unknown-argument).
resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_keymgmt_key" "key" {
  path = vault_mount.keymgmt.path
  name = "payments"
  type = "aes256-gcm96"
}
