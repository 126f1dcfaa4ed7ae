# Table tests for Terraform's built-in string functions.
# Each case is taken from the Terraform documentation page linked above the
# first case of its function; see README.md in this folder for the format.

# https://developer.hashicorp.com/terraform/language/functions/format
case "format" {
  expr = format("Hello, %s!", "Ander")
  want = "Hello, Ander!"
}

case "format" {
  expr = format("There are %d lights", 4)
  want = "There are 4 lights"
}

case "format" {
  # The docs use var.name; the value "Valentina" shown in the result is inlined.
  expr = format("Hello, %s!", "Valentina")
  want = "Hello, Valentina!"
}

case "format" {
  # The page shows this template as the equivalent of the call above (it is not
  # a call to format). The docs use var.name; "Valentina" is inlined.
  expr = "Hello, ${"Valentina"}!"
  want = "Hello, Valentina!"
}

case "format" {
  expr = format("%[1]s%[2]s%[1]s%[3]s", "/", "path", "file.tf")
  want = "/path/file.tf"
}

case "format" {
  expr = format("%#v", "hello")
  want = "\"hello\""
}

case "format" {
  expr = format("%#v", true)
  want = "true"
}

case "format" {
  expr = format("%#v", 1)
  want = "1"
}

case "format" {
  expr = format("%#v", {a = 1})
  want = "{\"a\":1}"
}

case "format" {
  expr = format("%#v", [true])
  want = "[true]"
}

case "format" {
  expr = format("%#v", null)
  want = "null"
}

# https://developer.hashicorp.com/terraform/language/functions/formatlist
case "formatlist" {
  expr = formatlist("Hello, %s!", ["Valentina", "Ander", "Olivia", "Sam"])
  want = ["Hello, Valentina!", "Hello, Ander!", "Hello, Olivia!", "Hello, Sam!"]
}

case "formatlist" {
  expr = formatlist("%s, %s!", "Salutations", ["Valentina", "Ander", "Olivia", "Sam"])
  want = ["Salutations, Valentina!", "Salutations, Ander!", "Salutations, Olivia!", "Salutations, Sam!"]
}

# https://developer.hashicorp.com/terraform/language/functions/join
case "join" {
  expr = join("-", ["foo", "bar", "baz"])
  want = "foo-bar-baz"
}

case "join" {
  expr = join(", ", ["foo", "bar", "baz"])
  want = "foo, bar, baz"
}

case "join" {
  expr = join(", ", ["foo"])
  want = "foo"
}

# https://developer.hashicorp.com/terraform/language/functions/split
case "split" {
  expr = split(",", "foo,bar,baz")
  want = ["foo", "bar", "baz"]
}

case "split" {
  expr = split(",", "foo")
  want = ["foo"]
}

case "split" {
  expr = split(",", "")
  want = [""]
}

# https://developer.hashicorp.com/terraform/language/functions/lower
case "lower" {
  expr = lower("HELLO")
  want = "hello"
}

case "lower" {
  expr = lower("ΓΕΙΑ ΣΟΥ")
  want = "γεια σου"
}

# https://developer.hashicorp.com/terraform/language/functions/upper
case "upper" {
  expr = upper("hello")
  want = "HELLO"
}

case "upper" {
  expr = upper("алло!")
  want = "АЛЛО!"
}

# https://developer.hashicorp.com/terraform/language/functions/title
case "title" {
  expr = title("hello world")
  want = "Hello World"
}

case "title" {
  # not from the docs: the page documents only one example; the first letter of
  # each word is converted to uppercase.
  expr = title("terraform console")
  want = "Terraform Console"
}

case "title" {
  # not from the docs: the page documents only one example; every word,
  # including one-letter words, gets an uppercase first letter.
  expr = title("a b c")
  want = "A B C"
}

# https://developer.hashicorp.com/terraform/language/functions/trim
case "trim" {
  expr = trim("?!hello?!", "!?")
  want = "hello"
}

case "trim" {
  expr = trim("foobar", "far")
  want = "oob"
}

case "trim" {
  expr = trim("   hello! world.!  ", "! ")
  want = "hello! world."
}

# https://developer.hashicorp.com/terraform/language/functions/trimprefix
case "trimprefix" {
  expr = trimprefix("helloworld", "hello")
  want = "world"
}

case "trimprefix" {
  expr = trimprefix("helloworld", "cat")
  want = "helloworld"
}

case "trimprefix" {
  expr = trimprefix("--hello", "-")
  want = "-hello"
}

# https://developer.hashicorp.com/terraform/language/functions/trimsuffix
case "trimsuffix" {
  expr = trimsuffix("helloworld", "world")
  want = "hello"
}

case "trimsuffix" {
  expr = trimsuffix("helloworld", "cat")
  want = "helloworld"
}

case "trimsuffix" {
  expr = trimsuffix("hello--", "-")
  want = "hello-"
}

# https://developer.hashicorp.com/terraform/language/functions/trimspace
case "trimspace" {
  expr = trimspace("  hello\n\n")
  want = "hello"
}

case "trimspace" {
  # not from the docs: the page documents only one example; tabs, spaces and
  # newlines are removed from both ends, inner spaces are kept.
  expr = trimspace("\t  hello world \n")
  want = "hello world"
}

case "trimspace" {
  # not from the docs: the page documents only one example; a string without
  # surrounding space is returned unchanged.
  expr = trimspace("hello")
  want = "hello"
}

# https://developer.hashicorp.com/terraform/language/functions/replace
case "replace" {
  expr = replace("1 + 2 + 3", "+", "-")
  want = "1 - 2 - 3"
}

case "replace" {
  expr = replace("hello world", "/w.*d/", "everybody")
  want = "hello everybody"
}

# https://developer.hashicorp.com/terraform/language/functions/substr
case "substr" {
  expr = substr("hello world", 1, 4)
  want = "ello"
}

case "substr" {
  expr = substr("🤔🤷", 0, 1)
  want = "🤔"
}

case "substr" {
  expr = substr("hello world", -5, -1)
  want = "world"
}

case "substr" {
  expr = substr("hello world", 6, 10)
  want = "world"
}

# https://developer.hashicorp.com/terraform/language/functions/regex
case "regex" {
  expr = regex("[a-z]+", "53453453.345345aaabbbccc23454")
  want = "aaabbbccc"
}

case "regex" {
  expr = regex("(\\d\\d\\d\\d)-(\\d\\d)-(\\d\\d)", "2019-02-01")
  want = ["2019", "02", "01"]
}

case "regex" {
  expr = regex("^(?:(?P<scheme>[^:/?#]+):)?(?://(?P<authority>[^/?#]*))?", "https://terraform.io/docs/")
  want = { authority = "terraform.io", scheme = "https" }
}

case "regex" {
  expr  = regex("[a-z]+", "53453453.34534523454")
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/regexall
case "regexall" {
  expr = regexall("[a-z]+", "1234abcd5678efgh9")
  want = ["abcd", "efgh"]
}

case "regexall" {
  expr = length(regexall("[a-z]+", "1234abcd5678efgh9"))
  want = 2
}

case "regexall" {
  expr = length(regexall("[a-z]+", "123456789")) > 0
  want = false
}

# https://developer.hashicorp.com/terraform/language/functions/startswith
case "startswith" {
  expr = startswith("hello world", "hello")
  want = true
}

case "startswith" {
  expr = startswith("hello world", "world")
  want = false
}

# https://developer.hashicorp.com/terraform/language/functions/endswith
case "endswith" {
  expr = endswith("hello world", "world")
  want = true
}

case "endswith" {
  expr = endswith("hello world", "hello")
  want = false
}

# https://developer.hashicorp.com/terraform/language/functions/strcontains
case "strcontains" {
  expr = strcontains("hello world", "wor")
  want = true
}

case "strcontains" {
  expr = strcontains("hello world", "wod")
  want = false
}

# https://developer.hashicorp.com/terraform/language/functions/chomp
case "chomp" {
  expr = chomp("hello\n")
  want = "hello"
}

case "chomp" {
  expr = chomp("hello\r\n")
  want = "hello"
}

case "chomp" {
  expr = chomp("hello\n\n")
  want = "hello"
}

# https://developer.hashicorp.com/terraform/language/functions/indent
# The page shows only `indent(2, var.description)` inside an output block, with
# no result, so there is no documented console example.
case "indent" {
  # not from the docs: every line except the first gets num_spaces spaces.
  expr = indent(2, "a\nb")
  want = "a\n  b"
}

case "indent" {
  # not from the docs: the first line is never indented, so a one-line string
  # is returned unchanged.
  expr = indent(4, "single line")
  want = "single line"
}

# https://developer.hashicorp.com/terraform/language/functions/strrev
case "strrev" {
  expr = strrev("hello")
  want = "olleh"
}

case "strrev" {
  expr = strrev("a ☃")
  want = "☃ a"
}
