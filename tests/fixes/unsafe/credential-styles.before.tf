# Credentials given as the map and as individual arguments: the later style is removed
# (credentials-conflict, unsafe).
resource "vault_keymgmt_aws_kms" "aws" {
  path           = "keymgmt"
  name           = "aws"
  key_collection = "us-west-2"

  credentials = {
    access_key = var.id
    secret_key = var.secret
  }
  access_key = var.id # the old way
  secret_key = var.secret
}

variable "id" {}

variable "secret" {
  sensitive = true
}
