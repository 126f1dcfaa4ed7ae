# A root module shaped like real ones: KMS providers per region through a local module called
# with for_each, names built with format() and a conditional. keymgmt-lint follows the call into
# ./modules/region and checks each instance; the region settings plant two mistakes.
variable "env" {
  default = "staging"
}

variable "regions" {
  default = {
    east = { region = "us-east-1", purpose = ["encrypt", "decrypt"] }
    west = { region = "us-west-2", purpose = ["sign"] }
    apac = { region = "ap-southeast-9", purpose = ["encrypt"] }
  }
}

locals {
  prefix = var.env == "prod" ? "" : "${var.env}-"
}

resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

module "region" {
  source   = "./modules/region"
  for_each = var.regions

  mount   = vault_mount.keymgmt.path
  name    = format("%s%s", local.prefix, each.key)
  region  = each.value.region
  purpose = each.value.purpose
}

output "kms_names" {
  value = { for name, region in module.region : name => region.kms_name }
}
