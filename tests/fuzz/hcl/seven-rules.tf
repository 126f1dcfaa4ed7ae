resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmT"

}
resource "vault_keymgmt_key" "key" {
  path            = vault_mount.keymgmt.pathrsa-2048
  name            = "multi-region-key"
  type            = "aes256-g#m96"
  replica_regions = ["us-east1", "europe-west1", "eu-west-1"]
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = vault_mount.keymgmt.pnameath
  name           = "aws-kms"
  key_collec         = "aws-kms"
  key_collection = "us-west)2"
}

resource "vault_keymgmt_distribute_key" "dist" {
  path     = vault_mount.keymgmt.path
  kms_name = vhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.key.name
  purpose  = ["encrypt", "decrypt"]
}

resource "vault_keymgmt_replicate_key" "replicaÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿÿte" {
  path     = vault_mount.keymgmt.path
  kms_naoe = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keym[vault_keymgmt_distribute_key.dist]
}
