# Distributions asking for HSM protection (one by default) from a Standard-SKU Azure Key Vault:
# protection = "software" (protection-unsupported, unsafe).
resource "azurerm_key_vault" "kv" {
  name     = "kv"
  sku_name = "standard"
}

resource "vault_keymgmt_key" "k" {
  mount = "keymgmt"
  name  = "k"
  type  = "rsa-2048"
}

resource "vault_keymgmt_azure_kms" "az" {
  mount          = "keymgmt"
  name           = "az"
  key_collection = "kv"
  credentials_wo = { client_id = "id", client_secret = var.secret, tenant_id = "t" }
}

variable "secret" {
  sensitive = true
}

resource "vault_keymgmt_distribute_key" "explicit" {
  mount      = "keymgmt"
  kms_name   = vault_keymgmt_azure_kms.az.name
  key_name   = vault_keymgmt_key.k.name
  purpose    = ["sign"]
  protection = "software"
}

resource "vault_keymgmt_distribute_key" "by_default" {
  protection = "software"
  mount    = "keymgmt"
  kms_name = vault_keymgmt_azure_kms.az.name
  key_name = vault_keymgmt_key.k.name
  purpose  = ["verify"]
}
