# Table tests for Terraform's built-in encoding functions.
# Each case is taken from the Terraform documentation page linked above the
# first case of its function; see README.md in this folder for the format.

# https://developer.hashicorp.com/terraform/language/functions/jsonencode
case "jsonencode" {
  expr = jsonencode({"hello"="world"})
  want = "{\"hello\":\"world\"}"
}

case "jsonencode" {
  # not from the docs: the page documents only one example; output is minified
  # and lists, numbers, bools and null map to their JSON types.
  expr = jsonencode(["a", 1, true, null])
  want = "[\"a\",1,true,null]"
}

case "jsonencode" {
  # not from the docs: the page documents only one example; the page states
  # that "<" and ">" are escaped as \u003c and \u003e.
  expr = jsonencode("<b>")
  want = "\"\\u003cb\\u003e\""
}

# https://developer.hashicorp.com/terraform/language/functions/jsondecode
case "jsondecode" {
  expr = jsondecode("{\"hello\": \"world\"}")
  want = { hello = "world" }
}

case "jsondecode" {
  expr = jsondecode("true")
  want = true
}

# https://developer.hashicorp.com/terraform/language/functions/yamlencode
# The console prints the YAML without showing whether it ends in a newline;
# yamlencode's block-style output ends with one, so each result ends in "\n".
case "yamlencode" {
  expr = yamlencode({"a":"b", "c":"d"})
  want = "\"a\": \"b\"\n\"c\": \"d\"\n"
}

case "yamlencode" {
  expr = yamlencode({"foo":[1, 2, 3], "bar": "baz"})
  want = "\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n"
}

case "yamlencode" {
  expr = yamlencode({"foo":[1, {"a":"b","c":"d"}, 3], "bar": "baz"})
  want = "\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n"
}

# https://developer.hashicorp.com/terraform/language/functions/yamldecode
case "yamldecode" {
  expr = yamldecode("hello: world")
  want = { hello = "world" }
}

case "yamldecode" {
  expr = yamldecode("true")
  want = true
}

case "yamldecode" {
  expr = yamldecode("{a: &foo [1, 2, 3], b: *foo}")
  want = { a = [1, 2, 3], b = [1, 2, 3] }
}

case "yamldecode" {
  expr  = yamldecode("{a: &foo [1, *foo, 3]}")
  error = true
}

case "yamldecode" {
  expr  = yamldecode("{a: !not-supported foo}")
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/base64encode
case "base64encode" {
  expr = base64encode("Hello World")
  want = "SGVsbG8gV29ybGQ="
}

case "base64encode" {
  # not from the docs: the page documents only one example; standard Base64
  # alphabet with "=" padding.
  expr = base64encode("a")
  want = "YQ=="
}

case "base64encode" {
  # not from the docs: the page documents only one example; characters are
  # first encoded as UTF-8 (U+2603 is E2 98 83), then Base64-encoded.
  expr = base64encode("☃")
  want = "4piD"
}

# https://developer.hashicorp.com/terraform/language/functions/base64decode
case "base64decode" {
  expr = base64decode("SGVsbG8gV29ybGQ=")
  want = "Hello World"
}

case "base64decode" {
  # not from the docs: the page documents only one example; the decoded bytes
  # E2 98 83 are interpreted as UTF-8.
  expr = base64decode("4piD")
  want = "☃"
}

case "base64decode" {
  # not from the docs: the page documents only one example; the page states
  # that decoded bytes that are not valid UTF-8 (here the single byte FF)
  # produce an error.
  expr  = base64decode("/w==")
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/csvdecode
case "csvdecode" {
  expr = csvdecode("a,b,c\n1,2,3\n4,5,6")
  want = [
    { a = "1", b = "2", c = "3" },
    { a = "4", b = "5", c = "6" },
  ]
}

case "csvdecode" {
  # not from the docs: the page documents only one example; the header row
  # gives the keys and every value is a string.
  expr = csvdecode("a,b\n1,2")
  want = [{ a = "1", b = "2" }]
}

case "csvdecode" {
  # not from the docs: the page documents only one example; the page states
  # that all lines must contain the same number of fields.
  expr  = csvdecode("a,b\n1,2,3")
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/urlencode
case "urlencode" {
  expr = urlencode("Hello World!")
  want = "Hello+World%21"
}

case "urlencode" {
  expr = urlencode("☃")
  want = "%E2%98%83"
}

case "urlencode" {
  expr = "http://example.com/search?q=${urlencode("terraform urlencode")}"
  want = "http://example.com/search?q=terraform+urlencode"
}
