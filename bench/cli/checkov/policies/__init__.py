# Makes this directory loadable by `checkov --external-checks-dir` (checkov imports Python checks
# only from a package); the YAML graph policies beside it need no such file.
