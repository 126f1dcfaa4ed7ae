#!/usr/bin/env bash
# Regenerates docs/rules/ (one page per rule and the index) from the rule registry, deleting
# pages of rules that no longer exist. `cargo test` (tests/docs.rs) fails when they drift.
set -euo pipefail
cd "$(dirname "$0")/.."
KEYMGMT_LINT_WRITE_DOCS=1 cargo test --test docs
