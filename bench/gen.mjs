// Writes bench/out/<N>/main.tf: one keymgmt mount and N keys, each distributed to a KMS provider
// of its own (AWS, Azure and GCP in turn); the AWS keys are also replicated. The module is meant
// to lint clean, so the figures measure the normal case.
//
// With --shaped, bench/out/shaped-<N>/: the same N keys written as real configurations are, as a
// map variable in terraform.tfvars expanded with `for_each`, KMS providers per region through a
// local module (modules/region) called with `for_each` over a set, names built with format() and
// a conditional, settings read with lookup(); one key in a hundred is planted with a purpose its
// key type does not allow.
//
//   node bench/gen.mjs 1000            → bench/out/1000/main.tf
//   node bench/gen.mjs --shaped 1000   → bench/out/shaped-1000/{main.tf,terraform.tfvars,modules/region/main.tf}
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('out', import.meta.url));

const HEADER = `variable "aws_access_key" {
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
`;

const PROVIDERS = [aws, azure, gcp];

function aws(i) {
  return `
resource "vault_keymgmt_key" "key_${i}" {
  path            = vault_mount.keymgmt.path
  name            = "key-${i}"
  type            = "aes256-gcm96"
  replica_regions = ["eu-west-1", "ap-southeast-2"]
}

resource "vault_keymgmt_aws_kms" "kms_${i}" {
  path           = vault_mount.keymgmt.path
  name           = "aws-${i}"
  key_collection = "us-east-1"
  access_key     = var.aws_access_key
  secret_key     = var.aws_secret_key
}

resource "vault_keymgmt_distribute_key" "dist_${i}" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_aws_kms.kms_${i}.name
  key_name   = vault_keymgmt_key.key_${i}.name
  purpose    = ["encrypt", "decrypt"]
  protection = "hsm"
}

resource "vault_keymgmt_replicate_key" "replica_${i}" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_aws_kms.kms_${i}.name
  key_name   = vault_keymgmt_key.key_${i}.name
  depends_on = [vault_keymgmt_distribute_key.dist_${i}]
}
`;
}

function azure(i) {
  return `
resource "vault_keymgmt_key" "key_${i}" {
  path = vault_mount.keymgmt.path
  name = "key-${i}"
  type = "rsa-2048"
}

resource "vault_keymgmt_azure_kms" "kms_${i}" {
  path           = vault_mount.keymgmt.path
  name           = "azure-${i}"
  key_collection = "kv-bench-${i}"
  tenant_id      = "00000000-0000-0000-0000-000000000000"
  client_id      = "11111111-1111-1111-1111-111111111111"
  client_secret  = var.azure_client_secret
}

resource "vault_keymgmt_distribute_key" "dist_${i}" {
  path     = vault_mount.keymgmt.path
  kms_name = vault_keymgmt_azure_kms.kms_${i}.name
  key_name = vault_keymgmt_key.key_${i}.name
  purpose  = ["sign", "verify"]
}
`;
}

function gcp(i) {
  return `
resource "vault_keymgmt_key" "key_${i}" {
  path = vault_mount.keymgmt.path
  name = "key-${i}"
  type = "aes256-gcm96"
}

resource "vault_keymgmt_gcp_kms" "kms_${i}" {
  path           = vault_mount.keymgmt.path
  name           = "gcp-${i}"
  key_collection = "projects/bench/locations/us-central1/keyRings/ring-${i}"
  credentials    = file("gcp-credentials.json")
}

resource "vault_keymgmt_distribute_key" "dist_${i}" {
  path       = vault_mount.keymgmt.path
  kms_name   = vault_keymgmt_gcp_kms.kms_${i}.name
  key_name   = vault_keymgmt_key.key_${i}.name
  purpose    = ["encrypt", "decrypt"]
  protection = "software"
}
`;
}

/** @returns the directory written */
export function generate(n) {
  const dir = path.join(OUT, String(n));
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'main.tf'), moduleText(n));
  return dir;
}

/** The text of that main.tf: one mount and `n` keys with their KMS providers and distributions. */
export function moduleText(n) {
  const blocks = [HEADER];
  for (let i = 0; i < n; i++) blocks.push(PROVIDERS[i % PROVIDERS.length](i));
  return blocks.join('');
}

const SHAPED = `variable "env" {
  default = "prod"
}

variable "regions" {
  default = ["us-east-1", "eu-west-1", "ap-southeast-2"]
}

variable "keys" {
  type = map(object({ type = string, purpose = list(string), region = string }))
}

variable "aws_access_key" {
  type      = string
  sensitive = true
}

variable "aws_secret_key" {
  type      = string
  sensitive = true
}

locals {
  prefix   = var.env == "prod" ? "" : "\${var.env}-"
  settings = { protection = "hsm" }
}

resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

module "region" {
  source     = "./modules/region"
  for_each   = toset(var.regions)
  mount      = vault_mount.keymgmt.path
  name       = format("%saws-%s", local.prefix, each.key)
  region     = each.value
  access_key = var.aws_access_key
  secret_key = var.aws_secret_key
}

resource "vault_keymgmt_key" "k" {
  for_each = var.keys
  path     = vault_mount.keymgmt.path
  name     = format("%s%s", local.prefix, each.key)
  type     = each.value.type
}

resource "vault_keymgmt_distribute_key" "d" {
  for_each   = var.keys
  path       = vault_mount.keymgmt.path
  kms_name   = module.region[each.value.region].kms_name
  key_name   = vault_keymgmt_key.k[each.key].name
  purpose    = each.value.purpose
  protection = lookup(local.settings, "protection", "software")
}
`;

// The KMS provider of one region, called once per region.
const REGION_MODULE = `variable "mount" {}
variable "name" {}
variable "region" {}

variable "access_key" {
  sensitive = true
}

variable "secret_key" {
  sensitive = true
}

resource "vault_keymgmt_aws_kms" "this" {
  path           = var.mount
  name           = var.name
  key_collection = var.region
  access_key     = var.access_key
  secret_key     = var.secret_key
}

output "kms_name" {
  value = vault_keymgmt_aws_kms.this.name
}
`;

const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];

/** @returns the directory written */
/**
 * `chained`: the distributions are repeated over the key instances themselves
 * (`for_each = vault_keymgmt_key.k`), so that they can be expanded only after the keys.
 */
export function generateShaped(n, { chained = false } = {}) {
  const dir = path.join(OUT, `${chained ? 'chained' : 'shaped'}-${n}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'main.tf'), chained ? CHAINED : SHAPED);
  mkdirSync(path.join(dir, 'modules', 'region'), { recursive: true });
  writeFileSync(path.join(dir, 'modules', 'region', 'main.tf'), REGION_MODULE);
  const entries = Array.from({ length: n }, (_, i) => {
    const purpose = i % 100 === 99 ? '["sign"]' : '["encrypt", "decrypt"]';
    return `  key-${i} = { type = "aes256-gcm96", purpose = ${purpose}, region = "${REGIONS[i % REGIONS.length]}" }\n`;
  });
  writeFileSync(path.join(dir, 'terraform.tfvars'), `keys = {\n${entries.join('')}}\n`);
  return dir;
}

const CHAINED = SHAPED.replace(
  `  for_each   = var.keys
  path       = vault_mount.keymgmt.path
  kms_name   = module.region[each.value.region].kms_name
  key_name   = vault_keymgmt_key.k[each.key].name
  purpose    = each.value.purpose`,
  `  for_each   = vault_keymgmt_key.k
  path       = vault_mount.keymgmt.path
  kms_name   = module.region[var.keys[each.key].region].kms_name
  key_name   = each.value.name
  purpose    = var.keys[each.key].purpose`,
);
if (CHAINED === SHAPED) throw new Error('bench/gen.mjs: the chained module no longer differs from the shaped one');

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const shaped = process.argv[2] === '--shaped';
  const n = Number(process.argv[shaped ? 3 : 2]);
  if (!Number.isInteger(n) || n < 1) {
    console.error('usage: node bench/gen.mjs [--shaped] N');
    process.exit(2);
  }
  console.log(shaped ? generateShaped(n) : generate(n));
}
