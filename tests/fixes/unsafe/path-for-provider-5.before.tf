# `path` on a configuration pinned to provider 5.x: renamed to `mount` (unknown-argument, unsafe).
terraform {
  required_providers {
    vault = { version = "~> 5.11" }
  }
}

resource "vault_keymgmt_key" "k" {
  path = "keymgmt"
  name = "k"
}
