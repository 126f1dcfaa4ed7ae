# Credentials: a static key pair and a credentials map on one provider, half a pair on another.

resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

variable "aws_access_key" {
  type      = string
  sensitive = true
}

variable "aws_secret_key" {
  type      = string
  sensitive = true
}

resource "vault_keymgmt_aws_kms" "prod" {
  path           = vault_mount.keymgmt.path
  name           = "aws-prod"
  key_collection = "us-east-1"
  access_key     = var.aws_access_key
  secret_key     = var.aws_secret_key
  credentials = {
    access_key = var.aws_access_key
    secret_key = var.aws_secret_key
  }
}

resource "vault_keymgmt_aws_kms" "staging" {
  path           = vault_mount.keymgmt.path
  name           = "aws-staging"
  key_collection = "eu-west-1"
  access_key     = var.aws_access_key
}
