#!/usr/bin/env bash
# Installs everything building and testing need, on a fresh machine, then builds the WASM core
# and the npm package. Safe to run again: what is already there is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown
rustup component add clippy rustfmt

# wasm-bindgen-cli must match the wasm-bindgen crate exactly; Cargo.toml pins it with `=`.
want=$(sed -n 's/^wasm-bindgen = "=\([^"]*\)"/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  cargo install wasm-bindgen-cli --version "$want"
fi

if [ -f pkg/package-lock.json ]; then
  npm ci --prefix pkg --no-audit --no-fund
  npm run --prefix pkg build
else
  bash scripts/build-wasm.sh
fi
