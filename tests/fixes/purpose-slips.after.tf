# A purpose in the wrong case, and a single purpose written as a string (invalid-value).
resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_keymgmt_key" "key" {
  path = vault_mount.keymgmt.path
  name = "payments"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = vault_mount.keymgmt.path
  name           = "aws"
  key_collection = "us-west-2"
}

resource "vault_keymgmt_distribute_key" "dist" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_aws_kms.aws.name
  key_name   = vault_keymgmt_key.key.name
  purpose    = ["encrypt", "decrypt"]
  protection = "hsm"
}

resource "vault_keymgmt_distribute_key" "other" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_aws_kms.aws.name
  key_name   = vault_keymgmt_key.key.name
  purpose    = ["encrypt"]
  protection = "software"
}
