# Table tests for Terraform's built-in collection functions.
# Each case is taken from the Terraform documentation page linked above the
# first case of its function; see README.md in this folder for the format.

# https://developer.hashicorp.com/terraform/language/functions/concat
case "concat" {
  expr = concat(["a", ""], ["b", "c"])
  want = ["a", "", "b", "c"]
}

case "concat" {
  # The page shows this example without the "> " console prompt.
  expr = concat([], [1, "a"], [[3], "c"])
  want = [1, "a", [3], "c"]
}

# https://developer.hashicorp.com/terraform/language/functions/merge
case "merge" {
  expr = merge({a="b", c="d"}, {e="f", c="z"})
  want = { a = "b", c = "z", e = "f" }
}

case "merge" {
  expr = merge({a="b"}, {a=[1,2], c="z"}, {d=3})
  want = { a = [1, 2], c = "z", d = 3 }
}

case "merge" {
  expr = merge([{a="b", c="d"}, {}, {e="f", c="z"}]...)
  want = { a = "b", c = "z", e = "f" }
}

# https://developer.hashicorp.com/terraform/language/functions/lookup
case "lookup" {
  expr = lookup({a="ay", b="bee"}, "a", "what?")
  want = "ay"
}

case "lookup" {
  expr = lookup({a="ay", b="bee"}, "c", "what?")
  want = "what?"
}

# https://developer.hashicorp.com/terraform/language/functions/element
case "element" {
  expr = element(["a", "b", "c"], 1)
  want = "b"
}

case "element" {
  expr = element(["a", "b", "c"], 3)
  want = "a"
}

case "element" {
  expr = element(["a", "b", "c"], -1)
  want = "c"
}

# https://developer.hashicorp.com/terraform/language/functions/flatten
case "flatten" {
  expr = flatten([["a", "b"], [], ["c"]])
  want = ["a", "b", "c"]
}

case "flatten" {
  expr = flatten([[["a", "b"], []], ["c"]])
  want = ["a", "b", "c"]
}

# https://developer.hashicorp.com/terraform/language/functions/keys
case "keys" {
  expr = keys({a=1, c=2, d=3})
  want = ["a", "c", "d"]
}

case "keys" {
  # not from the docs: the page documents only one example; keys are returned
  # in lexicographical order, whatever order they were written in.
  expr = keys({z = 1, a = 2, m = 3})
  want = ["a", "m", "z"]
}

case "keys" {
  # not from the docs: the page documents only one example; lexicographical
  # order, keys that are not identifiers.
  expr = keys({"b-c" = 1, "a" = 2})
  want = ["a", "b-c"]
}

# https://developer.hashicorp.com/terraform/language/functions/values
case "values" {
  expr = values({a=3, c=2, d=1})
  want = [3, 2, 1]
}

case "values" {
  # not from the docs: the page documents only one example; values come in the
  # lexicographical order of their keys.
  expr = values({z = 1, a = 2, m = 3})
  want = [2, 3, 1]
}

case "values" {
  # not from the docs: the page documents only one example; same ordering rule
  # with string values.
  expr = values({b = "x", a = "y"})
  want = ["y", "x"]
}

# https://developer.hashicorp.com/terraform/language/functions/length
case "length" {
  expr = length([])
  want = 0
}

case "length" {
  expr = length(["a", "b"])
  want = 2
}

case "length" {
  expr = length({"a" = "b"})
  want = 1
}

case "length" {
  expr = length("hello")
  want = 5
}

case "length" {
  # The second character is U+1F579 followed by U+FE0F (one grapheme cluster).
  expr = length("👾🕹️")
  want = 2
}

# https://developer.hashicorp.com/terraform/language/functions/contains
case "contains" {
  expr = contains(["a", "b", "c"], "a")
  want = true
}

case "contains" {
  expr = contains(["a", "b", "c"], "d")
  want = false
}

# https://developer.hashicorp.com/terraform/language/functions/distinct
case "distinct" {
  expr = distinct(["a", "b", "a", "c", "d", "b"])
  want = ["a", "b", "c", "d"]
}

case "distinct" {
  # not from the docs: the page documents only one example; all duplicates of
  # a single value collapse to its first occurrence.
  expr = distinct(["a", "a", "a"])
  want = ["a"]
}

case "distinct" {
  # not from the docs: the page documents only one example; the first
  # occurrences keep their relative order.
  expr = distinct([1, 2, 1, 3])
  want = [1, 2, 3]
}

# https://developer.hashicorp.com/terraform/language/functions/coalesce
case "coalesce" {
  expr = coalesce("a", "b")
  want = "a"
}

case "coalesce" {
  expr = coalesce("", "b")
  want = "b"
}

case "coalesce" {
  expr = coalesce(1,2)
  want = 1
}

case "coalesce" {
  expr = coalesce(["", "b"]...)
  want = "b"
}

case "coalesce" {
  expr = coalesce(1, "hello")
  want = "1"
}

case "coalesce" {
  expr = coalesce(true, "hello")
  want = "true"
}

case "coalesce" {
  expr  = coalesce({}, "hello")
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/coalescelist
case "coalescelist" {
  expr = coalescelist(["a", "b"], ["c", "d"])
  want = ["a", "b"]
}

case "coalescelist" {
  expr = coalescelist([], ["c", "d"])
  want = ["c", "d"]
}

case "coalescelist" {
  expr = coalescelist([[], ["c", "d"]]...)
  want = ["c", "d"]
}

# https://developer.hashicorp.com/terraform/language/functions/compact
case "compact" {
  expr = compact(["a", "", "b", null, "c"])
  want = ["a", "b", "c"]
}

case "compact" {
  # not from the docs: the page documents only one example; an empty string
  # at the start is removed.
  expr = compact(["", "a"])
  want = ["a"]
}

case "compact" {
  # not from the docs: the page documents only one example; a list without
  # null or empty elements is returned unchanged.
  expr = compact(["a", "b"])
  want = ["a", "b"]
}

# https://developer.hashicorp.com/terraform/language/functions/index_function
case "index" {
  expr = index(["a", "b", "c"], "b")
  want = 1
}

case "index" {
  expr = index(["one", "two", "two"], "two")
  want = 1
}

# https://developer.hashicorp.com/terraform/language/functions/range
case "range" {
  expr = range(3)
  want = [0, 1, 2]
}

case "range" {
  expr = range(1, 4)
  want = [1, 2, 3]
}

case "range" {
  expr = range(1, 8, 2)
  want = [1, 3, 5, 7]
}

case "range" {
  expr = range(1, 4, 0.5)
  want = [1, 1.5, 2, 2.5, 3, 3.5]
}

case "range" {
  expr = range(4, 1)
  want = [4, 3, 2]
}

case "range" {
  expr = range(10, 5, -2)
  want = [10, 8, 6]
}

# https://developer.hashicorp.com/terraform/language/functions/reverse
case "reverse" {
  expr = reverse([1, 2, 3])
  want = [3, 2, 1]
}

case "reverse" {
  # not from the docs: the page documents only one example; same length, same
  # elements, reverse order.
  expr = reverse(["a", "b", "c"])
  want = ["c", "b", "a"]
}

case "reverse" {
  # not from the docs: the page documents only one example; a one-element
  # sequence is its own reverse.
  expr = reverse(["a"])
  want = ["a"]
}

# https://developer.hashicorp.com/terraform/language/functions/setproduct
case "setproduct" {
  expr = setproduct(["development", "staging", "production"], ["app1", "app2"])
  want = [
    ["development", "app1"],
    ["development", "app2"],
    ["staging", "app1"],
    ["staging", "app2"],
    ["production", "app1"],
    ["production", "app2"],
  ]
}

case "setproduct" {
  expr = setproduct(["development", "staging", "production"], [])
  want = []
}

case "setproduct" {
  expr = setproduct(["a"], ["b"])
  want = [["a", "b"]]
}

case "setproduct" {
  expr = setproduct(["staging", "production"], ["a", 2])
  want = [
    ["staging", "a"],
    ["staging", "2"],
    ["production", "a"],
    ["production", "2"],
  ]
}

# https://developer.hashicorp.com/terraform/language/functions/setunion
case "setunion" {
  # The page prints a bare list ["d", "b", "c", "a"] but states that the result
  # is a set whose ordering is not preserved, so it is written as toset() in
  # the page's order.
  expr = setunion(["a", "b"], ["b", "c"], ["d"])
  want = toset(["d", "b", "c", "a"])
}

case "setunion" {
  # not from the docs: the page documents only one example; duplicates across
  # the given sets appear once in the union.
  expr = setunion(["a"], ["a"])
  want = toset(["a"])
}

case "setunion" {
  # not from the docs: the page documents only one example; the union of
  # disjoint sets holds every element.
  expr = setunion(["a", "b"], ["c"])
  want = toset(["a", "b", "c"])
}

# https://developer.hashicorp.com/terraform/language/functions/setintersection
case "setintersection" {
  # The page prints a bare list ["b"]; the result is a set (the page says "The
  # setintersection result is an unordered set"), so it is written as toset().
  expr = setintersection(["a", "b"], ["b", "c"], ["b", "d"])
  want = toset(["b"])
}

case "setintersection" {
  expr = setintersection([3,3.3,4], [4,3.3,65,99], [4.0,3.3])
  want = toset([3.3, 4])
}

case "setintersection" {
  expr = setintersection(["bob","jane",3], ["jane",3,"ajax",10], ["3","jane",26,"nomad"])
  want = toset(["3", "jane"])
}

# https://developer.hashicorp.com/terraform/language/functions/setsubtract
case "setsubtract" {
  expr = setsubtract(["a", "b", "c"], ["a", "c"])
  want = toset(["b"])
}

case "setsubtract" {
  expr = setunion(setsubtract(["a", "b", "c"], ["a", "c", "d"]), setsubtract(["a", "c", "d"], ["a", "b", "c"]))
  want = toset(["b", "d"])
}

# https://developer.hashicorp.com/terraform/language/functions/slice
case "slice" {
  expr = slice(["a", "b", "c", "d"], 1, 3)
  want = ["b", "c"]
}

case "slice" {
  # not from the docs: the page documents only one example; startindex is
  # inclusive, endindex exclusive.
  expr = slice(["a", "b", "c", "d"], 0, 2)
  want = ["a", "b"]
}

case "slice" {
  # not from the docs: the page documents only one example; endindex may be
  # the length of the list.
  expr = slice(["a", "b", "c", "d"], 2, 4)
  want = ["c", "d"]
}

# https://developer.hashicorp.com/terraform/language/functions/sort
case "sort" {
  expr = sort(["e", "d", "a", "x"])
  want = ["a", "d", "e", "x"]
}

case "sort" {
  # not from the docs: the page documents only one example; lexicographic sort
  # of strings.
  expr = sort(["b", "a", "c"])
  want = ["a", "b", "c"]
}

case "sort" {
  # not from the docs: the page documents only one example; the sort is by
  # Unicode codepoint, so uppercase letters come before lowercase ones.
  expr = sort(["B", "a", "A"])
  want = ["A", "B", "a"]
}

# https://developer.hashicorp.com/terraform/language/functions/sum
case "sum" {
  expr = sum([10, 13, 6, 4.5])
  want = 33.5
}

case "sum" {
  # not from the docs: the page documents only one example; sum of a list of
  # whole numbers.
  expr = sum([1, 2, 3])
  want = 6
}

case "sum" {
  # not from the docs: the page documents only one example; the page states
  # that sum fails when given an empty list or set.
  expr  = sum([])
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/transpose
case "transpose" {
  expr = transpose({"a" = ["1", "2"], "b" = ["2", "3"]})
  want = { "1" = ["a"], "2" = ["a", "b"], "3" = ["b"] }
}

case "transpose" {
  # not from the docs: the page documents only one example; keys and values
  # swap places.
  expr = transpose({"a" = ["1"]})
  want = { "1" = ["a"] }
}

case "transpose" {
  # not from the docs: the page documents only one example; one key with two
  # values becomes two keys.
  expr = transpose({"x" = ["y", "z"]})
  want = { y = ["x"], z = ["x"] }
}

# https://developer.hashicorp.com/terraform/language/functions/zipmap
case "zipmap" {
  expr = zipmap(["a", "b"], [1, 2])
  want = { a = 1, b = 2 }
}

case "zipmap" {
  # not from the docs: the page documents only one example; the page states
  # that for a repeated key the value with the highest index is used.
  expr = zipmap(["a", "a"], [1, 2])
  want = { a = 2 }
}

case "zipmap" {
  # not from the docs: the page documents only one example; values may be
  # strings.
  expr = zipmap(["x"], ["y"])
  want = { x = "y" }
}

# https://developer.hashicorp.com/terraform/language/functions/one
case "one" {
  expr = one([])
  want = null
}

case "one" {
  expr = one(["hello"])
  want = "hello"
}

case "one" {
  expr  = one(["hello", "goodbye"])
  error = true
}

case "one" {
  expr = one(toset([]))
  want = null
}

case "one" {
  expr = one(toset(["hello"]))
  want = "hello"
}

case "one" {
  expr  = one(toset(["hello","goodbye"]))
  error = true
}

# https://developer.hashicorp.com/terraform/language/functions/alltrue
case "alltrue" {
  expr = alltrue(["true", true])
  want = true
}

case "alltrue" {
  expr = alltrue([true, false])
  want = false
}

# https://developer.hashicorp.com/terraform/language/functions/anytrue
case "anytrue" {
  expr = anytrue(["true"])
  want = true
}

case "anytrue" {
  expr = anytrue([true])
  want = true
}

case "anytrue" {
  expr = anytrue([true, false])
  want = true
}

case "anytrue" {
  expr = anytrue([])
  want = false
}

# https://developer.hashicorp.com/terraform/language/functions/chunklist
case "chunklist" {
  expr = chunklist(["a", "b", "c", "d", "e"], 2)
  want = [["a", "b"], ["c", "d"], ["e"]]
}

case "chunklist" {
  expr = chunklist(["a", "b", "c", "d", "e"], 1)
  want = [["a"], ["b"], ["c"], ["d"], ["e"]]
}

# https://developer.hashicorp.com/terraform/language/functions/matchkeys
case "matchkeys" {
  expr = matchkeys(["i-123", "i-abc", "i-def"], ["us-west", "us-east", "us-east"], ["us-east"])
  want = ["i-abc", "i-def"]
}

case "matchkeys" {
  # The page shows this `for` expression as an alternative to matchkeys "if the
  # result ordering is not significant" (it is not a call to matchkeys).
  # NOTE: the page prints ["i-def", "i-abc"], but a `for` over a map visits keys
  # in lexicographical order and Terraform (v1.11) gives ["i-abc", "i-def"]: the
  # expected value here is Terraform's.
  expr = [for i, z in {"i-123"="us-west","i-abc"="us-east","i-def"="us-east"}: i if z == "us-east"]
  want = ["i-abc", "i-def"]
}

case "matchkeys" {
  # The page shows this `for` expression as an alternative to matchkeys (it is
  # not a call to matchkeys).
  expr = [for x in [{id="i-123",zone="us-west"},{id="i-abc",zone="us-east"}]: x.id if x.zone == "us-east"]
  want = ["i-abc"]
}

case "matchkeys" {
  # The page shows this `for` expression as an alternative to matchkeys (it is
  # not a call to matchkeys). The docs iterate over aws_instance.example; a
  # literal list of two instance objects matching the documented result is
  # inlined instead.
  expr = [for x in [{id="i-abc123",availability_zone="us-east-1a"},{id="i-def456",availability_zone="us-east-1a"}]: x.id if x.availability_zone == "us-east-1a"]
  want = ["i-abc123", "i-def456"]
}
