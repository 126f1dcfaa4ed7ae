# Keys declared as a map of settings and expanded with for_each, names built with format() and a
# conditional: keymgmt-lint evaluates all of it, and checks each instance.
variable "env" {
  default = "prod"
}

variable "keys" {
  default = {
    payments = { type = "rsa-2048", purpose = ["sign"] }
    archive  = { type = "aes256-gcm96", purpose = ["encrypt", "decrypt"] }
    ledger   = { type = "aes256-gcm96", purpose = ["sign", "verify"] }
  }
}

locals {
  prefix = var.env == "prod" ? "" : "${var.env}-"
}

resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_keymgmt_gcp_kms" "gcp" {
  path           = vault_mount.keymgmt.path
  name           = "gcp"
  key_collection = "projects/acme/locations/global/keyRings/vault"
}

resource "vault_keymgmt_key" "k" {
  for_each = var.keys
  path     = vault_mount.keymgmt.path
  name     = format("%s%s", local.prefix, each.key)
  type     = each.value.type
}

resource "vault_keymgmt_distribute_key" "d" {
  for_each = var.keys
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_gcp_kms.gcp.name
  key_name = vault_keymgmt_key.k[each.key].name
  purpose  = each.value.purpose
}
