# Table tests for Terraform's built-in type conversion functions.
# Each case is taken from the Terraform documentation page linked above the
# first case of its function; see README.md in this folder for the format.
#
# The tolist/toset/tomap pages print results in the older console style as a
# bare [...] / {...}; since the type is the point of these functions, the
# results are written wrapped in tolist()/toset()/tomap(), in the page's order.

# https://developer.hashicorp.com/terraform/language/functions/tolist
case "tolist" {
  expr = tolist(["a", "b", "c"])
  want = tolist(["a", "b", "c"])
}

case "tolist" {
  expr = tolist(["a", "b", 3])
  want = tolist(["a", "b", "3"])
}

# https://developer.hashicorp.com/terraform/language/functions/toset
case "toset" {
  expr = toset(["a", "b", "c"])
  want = toset(["a", "b", "c"])
}

case "toset" {
  expr = toset(["a", "b", 3])
  want = toset(["3", "a", "b"])
}

case "toset" {
  expr = toset(["c", "b", "b"])
  want = toset(["b", "c"])
}

# https://developer.hashicorp.com/terraform/language/functions/tomap
case "tomap" {
  expr = tomap({"a" = 1, "b" = 2})
  want = tomap({ a = 1, b = 2 })
}

case "tomap" {
  expr = tomap({"a" = "foo", "b" = true})
  want = tomap({ a = "foo", b = "true" })
}

# https://developer.hashicorp.com/terraform/language/functions/tostring
case "tostring" {
  expr = tostring("hello")
  want = "hello"
}

case "tostring" {
  expr = tostring(1)
  want = "1"
}

case "tostring" {
  expr = tostring(true)
  want = "true"
}

case "tostring" {
  # The console prints the result as `tostring(null)`: a null value of type
  # string.
  expr = tostring(null)
  want = tostring(null)
}

case "tostring" {
  expr  = tostring([])
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/tonumber
case "tonumber" {
  expr = tonumber(1)
  want = 1
}

case "tonumber" {
  expr = tonumber("1")
  want = 1
}

case "tonumber" {
  expr = tonumber(null)
  want = null
}

case "tonumber" {
  expr  = tonumber("no")
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/tobool
case "tobool" {
  expr = tobool(true)
  want = true
}

case "tobool" {
  expr = tobool("true")
  want = true
}

case "tobool" {
  expr = tobool(null)
  want = null
}

case "tobool" {
  expr  = tobool("no")
  error = true
}

case "tobool" {
  expr  = tobool(1)
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/try
case "try" {
  # The docs use local.foo, shown on the page as { "bar" = "baz" }; that object
  # is inlined.
  expr = try({ bar = "baz" }.bar, "fallback")
  want = "baz"
}

case "try" {
  # The docs use local.foo, shown on the page as { "bar" = "baz" }; that object
  # is inlined.
  expr = try({ bar = "baz" }.boop, "fallback")
  want = "fallback"
}

case "try" {
  # Kept as documented: the point is a reference to a local value that has not
  # been declared ("Reference to undeclared local value"), which try does not
  # catch. The test must run with no local named "nonexist".
  expr  = try(local.nonexist, "fallback")
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/can
case "can" {
  # The docs use local.foo, shown on the page as { "bar" = "baz" }; that object
  # is inlined.
  expr = can({ bar = "baz" }.bar)
  want = true
}

case "can" {
  # The docs use local.foo, shown on the page as { "bar" = "baz" }; that object
  # is inlined.
  expr = can({ bar = "baz" }.boop)
  want = false
}

case "can" {
  # Kept as documented: the point is a reference to a local value that has not
  # been declared ("Reference to undeclared local value"), which can does not
  # catch. The test must run with no local named "nonexist".
  expr  = can(local.nonexist)
  error = true
}
