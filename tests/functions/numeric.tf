# Table tests for Terraform's built-in numeric functions.
# Each case is taken from the Terraform documentation page linked above the
# first case of its function; see README.md in this folder for the format.

# https://developer.hashicorp.com/terraform/language/functions/min
case "min" {
  expr = min(12, 54, 3)
  want = 3
}

case "min" {
  expr = min([12, 54, 3]...)
  want = 3
}

# https://developer.hashicorp.com/terraform/language/functions/max
case "max" {
  expr = max(12, 54, 3)
  want = 54
}

case "max" {
  expr = max([12, 54, 3]...)
  want = 54
}

# https://developer.hashicorp.com/terraform/language/functions/abs
# The page shows these three with a "$ " prompt instead of "> ".
case "abs" {
  expr = abs(23)
  want = 23
}

case "abs" {
  expr = abs(0)
  want = 0
}

case "abs" {
  expr = abs(-12.4)
  want = 12.4
}

case "abs" {
  # The page's use case: `abs(var.num)` with var.num defaulting to -10, "which
  # is 10". The value of var.num is inlined.
  expr = abs(-10)
  want = 10
}

# https://developer.hashicorp.com/terraform/language/functions/ceil
case "ceil" {
  expr = ceil(5)
  want = 5
}

case "ceil" {
  expr = ceil(5.1)
  want = 6
}

# https://developer.hashicorp.com/terraform/language/functions/floor
case "floor" {
  expr = floor(5)
  want = 5
}

case "floor" {
  expr = floor(4.9)
  want = 4
}

# https://developer.hashicorp.com/terraform/language/functions/log
case "log" {
  expr = log(50, 10)
  want = 1.6989700043360185
}

case "log" {
  expr = log(16, 2)
  want = 4
}

case "log" {
  expr = ceil(log(15, 2))
  want = 4
}

case "log" {
  expr = ceil(log(16, 2))
  want = 4
}

case "log" {
  expr = ceil(log(17, 2))
  want = 5
}

# https://developer.hashicorp.com/terraform/language/functions/pow
case "pow" {
  expr = pow(3, 2)
  want = 9
}

case "pow" {
  expr = pow(4, 0)
  want = 1
}

# https://developer.hashicorp.com/terraform/language/functions/parseint
case "parseint" {
  expr = parseint("100", 10)
  want = 100
}

case "parseint" {
  expr = parseint("FF", 16)
  want = 255
}

case "parseint" {
  expr = parseint("-10", 16)
  want = -16
}

case "parseint" {
  expr = parseint("1011111011101111", 2)
  want = 48879
}

case "parseint" {
  expr = parseint("aA", 62)
  want = 656
}

case "parseint" {
  expr  = parseint("12", 2)
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/signum
case "signum" {
  expr = signum(-13)
  want = -1
}

case "signum" {
  expr = signum(0)
  want = 0
}

case "signum" {
  expr = signum(344)
  want = 1
}
