#!/usr/bin/env bash
# Writes pkg/THIRD-PARTY-NOTICES.md, the licences of the Rust crates compiled into the .wasm, with
# cargo-about (scripts/notices/about.toml, about.hbs) from the crates' own licence files.
# With --check, fails when the committed file differs from what it would write (scripts/test.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
out=pkg/THIRD-PARTY-NOTICES.md
generated=$(mktemp)
trap 'rm -f "$generated"' EXIT
cargo about -L error generate --locked --fail --manifest-path crates/keymgmt_lint_wasm/Cargo.toml -c scripts/notices/about.toml \
  scripts/notices/about.hbs -o "$generated"
if [ "${1:-}" = "--check" ]; then
  if ! diff -q "$out" "$generated" >/dev/null; then
    echo "notices: $out is out of date with Cargo.lock; run bash scripts/notices.sh" >&2
    diff "$out" "$generated" | head -20 >&2
    exit 1
  fi
else
  cp "$generated" "$out"
fi
