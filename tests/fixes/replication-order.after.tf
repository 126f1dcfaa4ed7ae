# A replication that does not wait for its distribution: `depends_on` added (replicate-ordering).
resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_keymgmt_key" "key" {
  path            = vault_mount.keymgmt.path
  name            = "payments"
  type            = "aes256-gcm96"
  replica_regions = ["us-east-1"]
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
  protection = "software"
}

resource "vault_keymgmt_replicate_key" "replica" {
    depends_on = [vault_keymgmt_distribute_key.dist]
    path     = vault_mount.keymgmt.path
    kms_name = "aws"
    key_name = "payments"
}
