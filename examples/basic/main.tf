# An example module for keymgmt-lint: one Key Management mount, keys distributed to AWS KMS and
# Azure Key Vault, and an AWS multi-region replica. It holds two deliberate mistakes, marked
# "MISTAKE", so that `keymgmt-lint examples/basic` has something to show.

resource "vault_mount" "keymgmt" {
  path        = "keymgmt"
  type        = "keymgmt"
  description = "Key Management secrets engine"
}

resource "vault_keymgmt_key" "payments" {
  path            = vault_mount.keymgmt.path
  name            = "payments"
  type            = "aes256-gcm96"
  replica_regions = ["us-east-1", "eu-west-1"]
}

resource "vault_keymgmt_key" "signing" {
  path = vault_mount.keymgmt.path
  name = "release-signing"
  type = "rsa-3072"
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = vault_mount.keymgmt.path
  name           = "aws-us-west-2"
  key_collection = var.aws_region
  access_key     = var.aws_access_key_id
  secret_key     = var.aws_secret_access_key
}

resource "vault_keymgmt_azure_kms" "azure" {
  path           = vault_mount.keymgmt.path
  name           = "azure-signing"
  key_collection = "release-signing-kv"
  tenant_id      = var.azure_tenant_id
  client_id      = var.azure_client_id
  clent_secret   = var.azure_client_secret # MISTAKE: misspelt argument
}

resource "vault_keymgmt_distribute_key" "payments_aws" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_aws_kms.aws.name
  key_name   = vault_keymgmt_key.payments.name
  purpose    = ["encrypt", "decrypt"]
  protection = "hsm"
}

resource "vault_keymgmt_distribute_key" "signing_azure" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_azure_kms.azure.name
  key_name = vault_keymgmt_key.signing.name
  purpose  = "sign" # MISTAKE: purpose is a list
}

resource "vault_keymgmt_replicate_key" "payments" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.payments.name

  depends_on = [vault_keymgmt_distribute_key.payments_aws]
}
