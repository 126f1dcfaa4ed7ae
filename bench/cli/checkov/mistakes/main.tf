# Known mistakes for bench/cli/checkov.mjs: each block below plants one mistake, named by the
# keymgmt-lint rule it should trigger. The bench runs keymgmt-lint and checkov (with the custom
# policies of ../policies) on this module and prints, rule by rule, how many findings each
# tool reports, to show that both do comparable work before the timings are compared.
# Everything not marked as a mistake is meant to be correct.

variable "aws_access_key" {
  type      = string
  sensitive = true
}

variable "aws_secret_key" {
  type      = string
  sensitive = true
}

variable "azure_client_secret" {
  type      = string
  sensitive = true
}

resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_mount" "kv" {
  path = "kv"
  type = "kv-v2"
}

# Shared, correct KMS providers.
resource "vault_keymgmt_aws_kms" "aws" {
  path           = vault_mount.keymgmt.path
  name           = "aws"
  key_collection = "us-east-1"
  access_key     = var.aws_access_key
  secret_key     = var.aws_secret_key
}

resource "vault_keymgmt_azure_kms" "azure" {
  path           = vault_mount.keymgmt.path
  name           = "azure"
  key_collection = "kv-mistakes"
  tenant_id      = "00000000-0000-0000-0000-000000000000"
  client_id      = "11111111-1111-1111-1111-111111111111"
  client_secret  = var.azure_client_secret
}

resource "vault_keymgmt_gcp_kms" "gcp" {
  path           = vault_mount.keymgmt.path
  name           = "gcp"
  key_collection = "projects/bench/locations/us-central1/keyRings/mistakes"
  credentials    = file("gcp-credentials.json")
}

# purpose-key-type: an AES key cannot sign on GCP.
resource "vault_keymgmt_key" "gcp_aes_sign" {
  path = vault_mount.keymgmt.path
  name = "gcp-aes-sign"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_distribute_key" "gcp_aes_sign" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_gcp_kms.gcp.name
  key_name = vault_keymgmt_key.gcp_aes_sign.name
  purpose  = ["sign", "verify"]
}

# purpose-key-type: a GCP RSA key either decrypts or signs, not both.
resource "vault_keymgmt_key" "gcp_rsa_both" {
  path = vault_mount.keymgmt.path
  name = "gcp-rsa-both"
  type = "rsa-3072"
}

resource "vault_keymgmt_distribute_key" "gcp_rsa_both" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_gcp_kms.gcp.name
  key_name = vault_keymgmt_key.gcp_rsa_both.name
  purpose  = ["encrypt", "sign"]
}

# purpose-key-type: AWS KMS keys only encrypt and decrypt.
resource "vault_keymgmt_key" "aws_aes_wrap" {
  path = vault_mount.keymgmt.path
  name = "aws-aes-wrap"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_distribute_key" "aws_aes_wrap" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.aws_aes_wrap.name
  purpose  = ["wrap", "unwrap"]
}

# key-type-unsupported: Azure Key Vault holds no AES keys.
resource "vault_keymgmt_key" "azure_aes" {
  path = vault_mount.keymgmt.path
  name = "azure-aes"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_distribute_key" "azure_aes" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_azure_kms.azure.name
  key_name = vault_keymgmt_key.azure_aes.name
  purpose  = ["encrypt", "decrypt"]
}

# key-type-unsupported: AWS KMS holds no ECDSA keys.
resource "vault_keymgmt_key" "aws_ecdsa" {
  path = vault_mount.keymgmt.path
  name = "aws-ecdsa"
  type = "ecdsa-p256"
}

resource "vault_keymgmt_distribute_key" "aws_ecdsa" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.aws_ecdsa.name
  purpose  = ["sign", "verify"]
}

# protection-unsupported: HSM in a Standard SKU Key Vault.
resource "azurerm_key_vault" "standard" {
  name     = "kv-standard"
  sku_name = "standard"
}

resource "vault_keymgmt_azure_kms" "azure_standard" {
  path           = vault_mount.keymgmt.path
  name           = "azure-standard"
  key_collection = azurerm_key_vault.standard.name
  credentials = {
    tenant_id     = "00000000-0000-0000-0000-000000000000"
    client_id     = "11111111-1111-1111-1111-111111111111"
    client_secret = var.azure_client_secret
  }
}

resource "vault_keymgmt_key" "azure_hsm" {
  path = vault_mount.keymgmt.path
  name = "azure-hsm"
  type = "rsa-2048"
}

resource "vault_keymgmt_distribute_key" "azure_hsm" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_azure_kms.azure_standard.name
  key_name   = vault_keymgmt_key.azure_hsm.name
  purpose    = ["sign", "verify"]
  protection = "hsm"
}

# replicate-no-replica-regions: the replicated key names no replica regions.
resource "vault_keymgmt_key" "no_regions" {
  path = vault_mount.keymgmt.path
  name = "no-regions"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_distribute_key" "no_regions" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.no_regions.name
  purpose  = ["encrypt", "decrypt"]
}

resource "vault_keymgmt_replicate_key" "no_regions" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_aws_kms.aws.name
  key_name   = vault_keymgmt_key.no_regions.name
  depends_on = [vault_keymgmt_distribute_key.no_regions]
}

# replicate-provider: only AWS KMS replicates.
resource "vault_keymgmt_key" "gcp_replica" {
  path            = vault_mount.keymgmt.path
  name            = "gcp-replica"
  type            = "aes256-gcm96"
  replica_regions = ["eu-west-1"]
}

resource "vault_keymgmt_distribute_key" "gcp_replica" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_gcp_kms.gcp.name
  key_name = vault_keymgmt_key.gcp_replica.name
  purpose  = ["encrypt", "decrypt"]
}

resource "vault_keymgmt_replicate_key" "gcp_replica" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_gcp_kms.gcp.name
  key_name   = vault_keymgmt_key.gcp_replica.name
  depends_on = [vault_keymgmt_distribute_key.gcp_replica]
}

# replicate-not-distributed: nothing distributes this key to AWS.
resource "vault_keymgmt_key" "undistributed" {
  path            = vault_mount.keymgmt.path
  name            = "undistributed"
  type            = "aes256-gcm96"
  replica_regions = ["eu-west-1"]
}

resource "vault_keymgmt_replicate_key" "undistributed" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.undistributed.name
}

# replicate-ordering: the replication does not wait for the distribution.
resource "vault_keymgmt_key" "unordered" {
  path            = vault_mount.keymgmt.path
  name            = "unordered"
  type            = "aes256-gcm96"
  replica_regions = ["eu-west-1"]
}

resource "vault_keymgmt_distribute_key" "unordered" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.unordered.name
  purpose  = ["encrypt", "decrypt"]
}

resource "vault_keymgmt_replicate_key" "unordered" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_aws_kms.aws.name
  key_name = vault_keymgmt_key.unordered.name
}

# replica-region-invalid: not an AWS region code.
resource "vault_keymgmt_key" "bad_region" {
  path            = vault_mount.keymgmt.path
  name            = "bad-region"
  type            = "aes256-gcm96"
  replica_regions = ["eu-west-1", "europe-north"]
}

# credentials-conflict: a credentials map and individual keys.
resource "vault_keymgmt_aws_kms" "conflict" {
  path           = vault_mount.keymgmt.path
  name           = "aws-conflict"
  key_collection = "us-west-2"
  credentials = {
    access_key = var.aws_access_key
    secret_key = var.aws_secret_key
  }
  access_key = var.aws_access_key
}

# credentials-incomplete: an access key without its secret key.
resource "vault_keymgmt_aws_kms" "incomplete" {
  path           = vault_mount.keymgmt.path
  name           = "aws-incomplete"
  key_collection = "us-west-2"
  access_key     = var.aws_access_key
}

# hardcoded-secret: a secret written into the configuration.
resource "vault_keymgmt_azure_kms" "hardcoded" {
  path           = vault_mount.keymgmt.path
  name           = "azure-hardcoded"
  key_collection = "kv-hardcoded"
  tenant_id      = "00000000-0000-0000-0000-000000000000"
  client_id      = "11111111-1111-1111-1111-111111111111"
  client_secret  = "s3cr3t-Value-Committed-To-Git"
}

# key-collection-format: not an AWS region code.
resource "vault_keymgmt_aws_kms" "bad_region" {
  path           = vault_mount.keymgmt.path
  name           = "aws-bad-region"
  key_collection = "virginia"
  access_key     = var.aws_access_key
  secret_key     = var.aws_secret_key
}

# mount-type: a key on a KV mount.
resource "vault_keymgmt_key" "on_kv" {
  path = vault_mount.kv.path
  name = "on-kv"
  type = "aes256-gcm96"
}

# namespace-format: a namespace with slashes at its ends.
resource "vault_keymgmt_key" "bad_namespace" {
  path      = vault_mount.keymgmt.path
  name      = "bad-namespace"
  type      = "aes256-gcm96"
  namespace = "/team-a/"
}

# invalid-value: no such key type.
resource "vault_keymgmt_key" "bad_type" {
  path = vault_mount.keymgmt.path
  name = "bad-type"
  type = "aes128-gcm96"
}

# unknown-argument: a misspelt argument.
resource "vault_keymgmt_key" "typo" {
  path = vault_mount.keymgmt.path
  name = "typo"
  tpye = "rsa-2048"
}

# missing-required-argument: a KMS provider without key_collection.
resource "vault_keymgmt_gcp_kms" "no_collection" {
  path        = vault_mount.keymgmt.path
  name        = "gcp-no-collection"
  credentials = file("gcp-credentials.json")
}

# duplicate-name: a second key named "typo" on the same mount.
resource "vault_keymgmt_key" "typo_again" {
  path = vault_mount.keymgmt.path
  name = "typo"
  type = "rsa-2048"
}
