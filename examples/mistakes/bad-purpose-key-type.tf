# Purpose and key type: an AES key cannot sign, and Azure Key Vault holds only RSA keys.

resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

variable "azure_client_secret" {
  type      = string
  sensitive = true
}

resource "vault_keymgmt_key" "payments" {
  path = vault_mount.keymgmt.path
  name = "payments"
  type = "aes256-gcm96"
}

# Vault distributes a key to one KMS provider: each provider gets a key of its own.
resource "vault_keymgmt_key" "ledger" {
  path = vault_mount.keymgmt.path
  name = "ledger"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_azure_kms" "azure" {
  path           = vault_mount.keymgmt.path
  name           = "azure-kv"
  key_collection = "payments-vault"
  tenant_id      = "00000000-0000-0000-0000-000000000000"
  client_id      = "11111111-1111-1111-1111-111111111111"
  client_secret  = var.azure_client_secret
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = vault_mount.keymgmt.path
  name           = "aws-kms"
  key_collection = "us-east-1"
}

resource "vault_keymgmt_distribute_key" "aws_signing" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.payments.name
  purpose  = ["sign", "verify"]
}

resource "vault_keymgmt_distribute_key" "azure_encryption" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_azure_kms.azure.name
  key_name = vault_keymgmt_key.ledger.name
  purpose  = ["encrypt", "decrypt"]
}
