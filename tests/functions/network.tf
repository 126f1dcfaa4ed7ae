# Table tests for Terraform's built-in IP network functions.
# Each case is taken from the Terraform documentation page linked above the
# first case of its function; see README.md in this folder for the format.

# https://developer.hashicorp.com/terraform/language/functions/cidrhost
case "cidrhost" {
  expr = cidrhost("10.12.112.0/20", 16)
  want = "10.12.112.16"
}

case "cidrhost" {
  expr = cidrhost("10.12.112.0/20", 268)
  want = "10.12.113.12"
}

case "cidrhost" {
  expr = cidrhost("fd00:fd12:3456:7890:00a2::/72", 34)
  want = "fd00:fd12:3456:7890::22"
}

case "cidrhost" {
  # From the page's prose: `cidrhost("10.0.0.0/8", 2)` returns `10.0.0.2`.
  expr = cidrhost("10.0.0.0/8", 2)
  want = "10.0.0.2"
}

case "cidrhost" {
  # From the page's prose: `cidrhost("10.0.0.0/8", -2)` returns
  # `10.255.255.254` (a negative hostnum counts from the end of the range).
  expr = cidrhost("10.0.0.0/8", -2)
  want = "10.255.255.254"
}

# The next two cidrhost examples are on the cidrsubnet page:
# https://developer.hashicorp.com/terraform/language/functions/cidrsubnet
case "cidrhost" {
  expr = cidrhost("10.1.2.240/28", 1)
  want = "10.1.2.241"
}

case "cidrhost" {
  expr = cidrhost("10.1.2.240/28", 14)
  want = "10.1.2.254"
}

# https://developer.hashicorp.com/terraform/language/functions/cidrnetmask
case "cidrnetmask" {
  expr = cidrnetmask("172.16.0.0/12")
  want = "255.240.0.0"
}

case "cidrnetmask" {
  # not from the docs: the page documents only one example; a /8 prefix gives
  # the dotted-decimal mask with the first octet set.
  expr = cidrnetmask("10.0.0.0/8")
  want = "255.0.0.0"
}

case "cidrnetmask" {
  # not from the docs: the page documents only one example; the page states
  # that an IPv6 prefix returns an error.
  expr  = cidrnetmask("fd00::/8")
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/cidrsubnet
case "cidrsubnet" {
  expr = cidrsubnet("172.16.0.0/12", 4, 2)
  want = "172.18.0.0/16"
}

case "cidrsubnet" {
  expr = cidrsubnet("10.1.2.0/24", 4, 15)
  want = "10.1.2.240/28"
}

case "cidrsubnet" {
  expr = cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)
  want = "fd00:fd12:3456:7800:a200::/72"
}

# https://developer.hashicorp.com/terraform/language/functions/cidrsubnets
case "cidrsubnets" {
  expr = cidrsubnets("10.1.0.0/16", 4, 4, 8, 4)
  want = ["10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20"]
}

case "cidrsubnets" {
  expr = cidrsubnets("fd00:fd12:3456:7890::/56", 16, 16, 16, 32)
  want = [
    "fd00:fd12:3456:7800::/72",
    "fd00:fd12:3456:7800:100::/72",
    "fd00:fd12:3456:7800:200::/72",
    "fd00:fd12:3456:7800:300::/88",
  ]
}

case "cidrsubnets" {
  expr = [for cidr_block in cidrsubnets("10.0.0.0/8", 8, 8, 8, 8) : cidrsubnets(cidr_block, 4, 4)]
  want = [
    ["10.0.0.0/20", "10.0.16.0/20"],
    ["10.1.0.0/20", "10.1.16.0/20"],
    ["10.2.0.0/20", "10.2.16.0/20"],
    ["10.3.0.0/20", "10.3.16.0/20"],
  ]
}
