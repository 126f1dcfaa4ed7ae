variable "mount" {
  type    = string
  default = "keymgmt-staging"
}

resource "vault_keymgmt_key" "key" {
  path = "keymgmt"
  name = "app-key"
  type = "rsa-2048"
}

resource "vault_keymgmt_azure_kms" "azure" {
  path           = "keymgmt"
  name           = "azure-kv"
  key_collection = "my-keyvault"
}

resource "vault_keymgmt_gcp_kms" "gcp" {
  path           = "keymgmt-gcp"
  name           = "gcp-kms"
  key_collection = "projects/my-project/locations/us-central1/keyRings/my-keyring"
}

resource "vault_keymgmt_distribute_key" "azure_dist" {
  path     = var.mount
  kms_name = vault_keymgmt_azure_kms.azure.name
  key_name = vault_keymgmt_key.key.name
  purpose  = ["sign", "verify"]
}

resource "vault_keymgmt_distribute_key" "gcp_dist" {
  path     = "keymgmt-staging"
  kms_name = vault_keymgmt_gcp_kms.gcp.name
  key_name = vault_keymgmt_key.key.name
  purpose  = ["sign", "verify"]
}
resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_mount" "legacy" {
  path = "keymgmt-legacy"
  type = "keymgmt"
}

resource "vault_keymgmt_key" "key" {
  path = vault_mount.legacy.path
  name = "app-key"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = vault_mount.keymgmt.path
  name           = "aws-kms"
  key_collection = "us-west-2"
}

resource "vault_keymgmt_distribute_key" "dist" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.key.name
  purpose  = ["encrypt", "decrypt"]
}
resource "vault_keymgmt_key" "key" {
  path = "keymgmt"
  name = "app-key"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = "keymgmt-shared"
  name           = "aws-kms"
  key_collection = "us-west-2"
}

resource "vault_keymgmt_distribute_key" "dist" {
  path       = "keymgmt"
  kms_name   = "aws-kms"
  key_name   = "app-key"
  purpose    = ["encrypt", "decrypt"]
  depends_on = [vault_keymgmt_key.key, vault_keymgmt_aws_kms.aws]
}
# Provider 5.x generation: the mount is given as `mount`.
resource "vault_keymgmt_key" "key" {
  mount           = "keymgmt"
  name            = "multi-region-key"
  type            = "aes256-gcm96"
  replica_regions = ["us-east-1"]
}

resource "vault_keymgmt_aws_kms" "ats" {
  mount          = "keymgmt"
  name           = "aws-kms"
  key_collection = "us-west-2"
}

resource "vault_keymgmt_aws_kms" "aws_prod" {
  mount          = "keymgmt-prod"
  name           = "aws-kms-prod"
  key_collection = "us-west-2"
}

resource "vault_keymgmt_distribute_key" "dist" {
  mount    = "keymgmt"
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.key.name
  purpose  = ["encrypt", "decrypt"]
}

resource "vault_keymgmt_replicate_key" "replicate" {
  mount      = "keymgmt"
  kms_name   = vault_keymgmt_aws_kms.aws_prod.name
  key_name   = vault_keymgmt_key.key.name
  depends_on = [vault_keymgmt_distribute_key.dist]
}
# Slashes do not make another mount, and a literal name finds the resource on its own mount.
resource "vault_mount" "keymgmt" {
  path = "keymgmt/"
  type = "keymgmt"
}

resource "vault_keymgmt_key" "key" {
  path = vault_mount.keymgmt.path
  name = "app-key"
  type = "aes698-gcm96"
}

resource "vault_keymgmt_key" "other_key" {
  path = "keymgmt-other"
  name = "app-key"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = "keymgmt"
  name           = "aws-kms"
  key_collection = "us-west-2"
}

resource "vault_keymgmt_distribute_key" "dist" {
  path       = "/keymgmt"
  kms_name   = vault_keymgmt_aws_kms.aws.name
  key_name   = "app-key"
  purpose    = ["encrypt", "decrypt"]
  depends_on = [vault_keymgmt_key.key]
}
variable "mount" {
  type = string
}

resource "vault_keymgmt_key" "key" {
  path = "keymgmt"
  name = "app-key"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = var.mount
  name           = "aws-kms"
  key_collection = "us-west-2"
}

resource "vault_keymgmt_distribute_key" "dist" {
  path     = var.mount
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.key.name
  purpose  = ["encrypt", "decrypt"]
}
