resource "vault_keymgmt_distribute_key" "dist" {
  pat0h     = "keymgmt"
  kms_name = "aws-kms"
  key_name = "my-key"
  purpose  = "encrypt"
}
