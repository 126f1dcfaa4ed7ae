# Table tests for Terraform's built-in hash functions of strings.
# Each case is taken from the Terraform documentation page linked above it;
# see README.md in this folder for the format.

# https://developer.hashicorp.com/terraform/language/functions/base64sha256
case "base64sha256" {
  expr = base64sha256("hello world")
  want = "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek="
}

# https://developer.hashicorp.com/terraform/language/functions/base64sha512
case "base64sha512" {
  expr = base64sha512("hello world")
  want = "MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw=="
}

# https://developer.hashicorp.com/terraform/language/functions/md5
case "md5" {
  expr = md5("hello world")
  want = "5eb63bbbe01eeed093cb22bb8f5acdc3"
}

# https://developer.hashicorp.com/terraform/language/functions/sha1
case "sha1" {
  expr = sha1("hello world")
  want = "2aae6c35c94fcfb415dbe95f408b9ce91ee846ed"
}

# https://developer.hashicorp.com/terraform/language/functions/sha256
case "sha256" {
  expr = sha256("hello world")
  want = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9"
}

# https://developer.hashicorp.com/terraform/language/functions/sha512
case "sha512" {
  expr = sha512("hello world")
  want = "309ecc489c12d6eb4cc40f50c902f2b4d0ed77ee511a7c7a9bcd3ca86d4cd86f989dd35bc5ff499670da34255b45b0cfd830e81f605dcf7dc5542e93ae9cd76f"
}

case "sha256" {
  # not from the docs: the page says the string is first encoded as UTF-8
  # (the digest of its two bytes, C3 A9, as `printf é | sha256sum` gives it).
  expr = sha256("é")
  want = "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"
}

case "md5" {
  # not from the docs: the digest of the empty string (`printf '' | md5sum`).
  expr = md5("")
  want = "d41d8cd98f00b204e9800998ecf8427e"
}

case "sha1" {
  # not from the docs: a number is converted to its string first, as for every string
  # parameter (`printf 1 | sha1sum`).
  expr = sha1(1)
  want = "356a192b7913b04c54574d18c28d46e6395428ab"
}

case "sha512" {
  # not from the docs: a hash of a hash, as names built from a seed are
  # (`printf "$(printf seed | sha256sum | cut -d" " -f1)" | sha512sum`).
  expr = substr(sha512(sha256("seed")), 0, 8)
  want = "45966089"
}
