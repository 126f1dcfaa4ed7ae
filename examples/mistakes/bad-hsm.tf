# HSM: a Standard-SKU Azure Key Vault has no HSM, so `protection = "hsm"` fails at apply.

resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

variable "azure_client_secret" {
  type      = string
  sensitive = true
}

resource "azurerm_key_vault" "kv" {
  name                = "signing-vault"
  location            = "westeurope"
  resource_group_name = "security"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
}

resource "vault_keymgmt_key" "signing" {
  path = vault_mount.keymgmt.path
  name = "signing"
  type = "rsa-3072"
}

resource "vault_keymgmt_azure_kms" "azure" {
  path           = vault_mount.keymgmt.path
  name           = "azure-kv"
  key_collection = azurerm_key_vault.kv.name
  tenant_id      = "00000000-0000-0000-0000-000000000000"
  client_id      = "11111111-1111-1111-1111-111111111111"
  client_secret  = var.azure_client_secret
}

resource "vault_keymgmt_distribute_key" "signing_azure" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_azure_kms.azure.name
  key_name   = vault_keymgmt_key.signing.name
  purpose    = ["sign", "verify"]
  protection = "hsm"
}
