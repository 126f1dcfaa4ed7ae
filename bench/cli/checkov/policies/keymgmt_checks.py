"""Checkov custom Python checks mirroring keymgmt-lint's single-resource rules.

Each class says which keymgmt-lint rule it mirrors (see /work/shared/spec/RULES.md section 3 and
docs/rules/<rule>.md). Checkov gives a Python check one resource's configuration at a time, with
every value in a list and references already replaced by what checkov could evaluate (a
variable without a default stays the string "var.NAME", a function call stays its text), so
these checks cover the rules that need one resource only. The rules that join resources are the
YAML graph policies beside this file.

Used by bench/cli/checkov.mjs only: a reference run of checkov for the side-by-side benchmark.
"""
import re

from checkov.common.models.enums import CheckCategories, CheckResult
from checkov.terraform.checks.resource.base_resource_check import BaseResourceCheck

KEY = "vault_keymgmt_key"
AWS = "vault_keymgmt_aws_kms"
AZURE = "vault_keymgmt_azure_kms"
GCP = "vault_keymgmt_gcp_kms"
DIST = "vault_keymgmt_distribute_key"
REPL = "vault_keymgmt_replicate_key"
KMS = [AWS, AZURE, GCP]
KEYMGMT = [KEY, *KMS, DIST, REPL]

# RULES.md section 1: the arguments of each resource (both schema generations).
COMMON = {"path", "mount", "namespace"}
ARGUMENTS = {
    KEY: COMMON | {"name", "type", "deletion_allowed", "replica_regions"},
    AWS: COMMON | {"name", "key_collection", "credentials", "access_key", "secret_key",
                   "credentials_wo", "credentials_wo_version"},
    AZURE: COMMON | {"name", "key_collection", "tenant_id", "client_id", "client_secret", "environment",
                     "credentials", "credentials_wo", "credentials_wo_version"},
    GCP: COMMON | {"name", "key_collection", "credentials", "credentials_wo", "credentials_wo_version"},
    DIST: COMMON | {"kms_name", "key_name", "purpose", "protection"},
    REPL: COMMON | {"kms_name", "key_name"},
}
REQUIRED = {
    KEY: ["name"],
    AWS: ["name", "key_collection"],
    AZURE: ["name", "key_collection"],
    GCP: ["name", "key_collection"],
    DIST: ["kms_name", "key_name", "purpose"],
    REPL: ["kms_name", "key_name"],
}
META = {"count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"}
KEY_TYPES = {"aes256-gcm96", "rsa-2048", "rsa-3072", "rsa-4096", "ecdsa-p256", "ecdsa-p384", "ecdsa-p521"}
PURPOSES = {"encrypt", "decrypt", "sign", "verify", "wrap", "unwrap"}
PROTECTIONS = {"hsm", "software"}
# Sensitive arguments and credentials-map entries (RULES.md section 1, "S").
SENSITIVE = {
    AWS: {"access_key", "secret_key"},
    AZURE: {"client_secret"},
    GCP: {"credentials"},
}
SENSITIVE_ENTRIES = {"access_key", "secret_key", "session_token", "client_secret", "service_account_file"}
INDIVIDUAL = {AWS: ["access_key", "secret_key"], AZURE: ["tenant_id", "client_id", "client_secret"], GCP: []}

AWS_REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$")
GCP_KEY_RING = re.compile(r"^projects/[^/]+/locations/[^/]+/keyRings/[^/]+$")
AZURE_VAULT = re.compile(r"^[A-Za-z][A-Za-z0-9-]{2,23}$")
# What checkov leaves of a value it could not evaluate: a reference or a function call.
NOT_LITERAL = re.compile(r"^(var|local|data|module|each|count|self|path|terraform)\.|^[a-z_][a-z0-9_]*\(|\$\{")


def value(conf, name):
    """The single value of an argument, or None when it is not set."""
    values = conf.get(name)
    if not isinstance(values, list) or not values:
        return None
    return values[0]


def is_set(conf, name):
    return value(conf, name) is not None


def is_literal(v):
    """A literal string that checkov did not get from a variable, function or reference."""
    return isinstance(v, str) and v != "" and not NOT_LITERAL.search(v)


def is_known(v):
    return isinstance(v, str) and not NOT_LITERAL.search(v)


class KeymgmtCheck(BaseResourceCheck):
    def __init__(self, id, name, resources):
        super().__init__(name=name, id=id, categories=[CheckCategories.GENERAL_SECURITY],
                         supported_resources=resources)

    def scan_resource_conf(self, conf):
        return CheckResult.FAILED if self.bad(self.entity_type, conf) else CheckResult.PASSED


class UnknownArgument(KeymgmtCheck):
    """Mirrors keymgmt-lint `unknown-argument` (without the closest-name help)."""

    def __init__(self):
        super().__init__("CKV_KEYMGMT_101", "unknown-argument: argument not in the resource's schema", KEYMGMT)

    def bad(self, kind, conf):
        allowed = ARGUMENTS[kind] | META
        return any(not k.startswith("__") and k not in allowed for k in conf)


class MissingRequiredArgument(KeymgmtCheck):
    """Mirrors keymgmt-lint `missing-required-argument`, with "exactly one of path/mount"."""

    def __init__(self):
        super().__init__("CKV_KEYMGMT_102", "missing-required-argument", KEYMGMT)

    def bad(self, kind, conf):
        if is_set(conf, "path") == is_set(conf, "mount"):
            return True
        return any(not is_set(conf, a) for a in REQUIRED[kind])


class InvalidValue(KeymgmtCheck):
    """Mirrors keymgmt-lint `invalid-value` for the value sets (key type, purpose, protection);
    the type checks of the rule are not mirrored."""

    def __init__(self):
        super().__init__("CKV_KEYMGMT_103", "invalid-value: key type, purpose or protection", [KEY, DIST])

    def bad(self, kind, conf):
        if kind == KEY:
            t = value(conf, "type")
            return is_known(t) and t not in KEY_TYPES
        purpose = value(conf, "purpose")
        if isinstance(purpose, list):
            if not purpose or len(set(map(str, purpose))) != len(purpose):
                return True
            if any(is_known(p) and p not in PURPOSES for p in purpose):
                return True
        protection = value(conf, "protection")
        return is_known(protection) and protection not in PROTECTIONS


class CredentialsConflict(KeymgmtCheck):
    """Mirrors keymgmt-lint `credentials-conflict`: more than one credential style."""

    def __init__(self):
        super().__init__("CKV_KEYMGMT_104", "credentials-conflict: more than one credential style", KMS)

    def bad(self, kind, conf):
        styles = [
            is_set(conf, "credentials") and value(conf, "credentials") != {},
            any(is_set(conf, a) for a in INDIVIDUAL[kind]),
            is_set(conf, "credentials_wo") and value(conf, "credentials_wo") != {},
        ]
        return sum(styles) > 1


class CredentialsIncomplete(KeymgmtCheck):
    """Mirrors keymgmt-lint `credentials-incomplete`: half a pair, or credentials_wo without
    its version."""

    def __init__(self):
        super().__init__("CKV_KEYMGMT_105", "credentials-incomplete: half a credential pair", KMS)

    PAIRS = {AWS: ("access_key", "secret_key"), AZURE: ("client_id", "client_secret")}
    MAP_PAIRS = {AWS: ("access_key", "secret_key"), AZURE: ("client_id", "client_secret")}

    def bad(self, kind, conf):
        pair = self.PAIRS.get(kind)
        maps = is_set(conf, "credentials") or is_set(conf, "credentials_wo")
        # Beside a credentials map, a lone access_key is credentials-conflict's, not this rule's.
        if pair and not maps and is_set(conf, pair[0]) != is_set(conf, pair[1]):
            return True
        for name in ("credentials", "credentials_wo"):
            m = value(conf, name)
            if isinstance(m, dict) and pair and (pair[0] in m) != (pair[1] in m):
                return True
        return is_set(conf, "credentials_wo") and not is_set(conf, "credentials_wo_version")


class HardcodedSecret(KeymgmtCheck):
    """Mirrors keymgmt-lint `hardcoded-secret`: a sensitive argument or credentials entry that is
    a literal string. Approximate: checkov puts a variable's default in place of `var.NAME`, so a
    variable with a literal default is reported here and not by keymgmt-lint."""

    def __init__(self):
        super().__init__("CKV_KEYMGMT_106", "hardcoded-secret: literal secret in the configuration", KMS)

    def bad(self, kind, conf):
        if any(is_literal(value(conf, a)) for a in SENSITIVE[kind]):
            return True
        for name in ("credentials", "credentials_wo"):
            m = value(conf, name)
            if isinstance(m, dict) and any(k in SENSITIVE_ENTRIES and is_literal(v) for k, v in m.items()):
                return True
        return False


class KeyCollectionFormat(KeymgmtCheck):
    """Mirrors keymgmt-lint `key-collection-format`."""

    def __init__(self):
        super().__init__("CKV_KEYMGMT_107", "key-collection-format", KMS)

    FORMATS = {AWS: AWS_REGION, GCP: GCP_KEY_RING, AZURE: AZURE_VAULT}

    def bad(self, kind, conf):
        v = value(conf, "key_collection")
        return is_known(v) and not self.FORMATS[kind].match(v)


class NamespaceFormat(KeymgmtCheck):
    """Mirrors keymgmt-lint `namespace-format`."""

    def __init__(self):
        super().__init__("CKV_KEYMGMT_108", "namespace-format: leading or trailing slash", KEYMGMT)

    def bad(self, kind, conf):
        v = value(conf, "namespace")
        return is_known(v) and (v.startswith("/") or v.endswith("/"))


class ReplicaRegionInvalid(KeymgmtCheck):
    """Mirrors keymgmt-lint `replica-region-invalid` (the error half; the warning for the
    provider's own region needs a join checkov cannot make)."""

    def __init__(self):
        super().__init__("CKV_KEYMGMT_109", "replica-region-invalid: not an AWS region code", [KEY])

    def bad(self, kind, conf):
        regions = value(conf, "replica_regions")
        return isinstance(regions, list) and any(is_known(r) and not AWS_REGION.match(r) for r in regions)


for check in (UnknownArgument, MissingRequiredArgument, InvalidValue, CredentialsConflict,
              CredentialsIncomplete, HardcodedSecret, KeyCollectionFormat, NamespaceFormat,
              ReplicaRegionInvalid):
    check()
