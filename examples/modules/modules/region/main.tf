# One AES key distributed to AWS KMS in one region.
variable "mount" {
  type = string
}

variable "name" {
  type = string
}

variable "region" {
  type = string
}

variable "purpose" {
  type    = list(string)
  default = ["encrypt", "decrypt"]
}

resource "vault_keymgmt_key" "this" {
  mount = var.mount
  name  = var.name
  type  = "aes256-gcm96"
}

resource "vault_keymgmt_aws_kms" "this" {
  mount          = var.mount
  name           = "aws-${var.name}"
  key_collection = var.region
}

resource "vault_keymgmt_distribute_key" "this" {
  mount    = var.mount
  kms_name = vault_keymgmt_aws_kms.this.name
  key_name = vault_keymgmt_key.this.name
  purpose  = var.purpose
}

output "kms_name" {
  value = vault_keymgmt_aws_kms.this.name
}
