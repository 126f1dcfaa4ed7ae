#!/usr/bin/env bash
# Builds the core to WebAssembly and writes the wasm-bindgen output to pkg/dist/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --quiet --release --target wasm32-unknown-unknown
out=pkg/dist
rm -rf "$out"
wasm-bindgen --target web --experimental-reset-state-function --out-dir "$out" \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/keymgmt_lint.wasm"
wasm_opt="pkg/node_modules/.bin/wasm-opt"
if [ -x "$wasm_opt" ]; then
  "$wasm_opt" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/keymgmt_lint_bg.wasm" -o "$out/keymgmt_lint_bg.wasm"
else
  echo "build-wasm: wasm-opt not found (run npm ci in pkg/); the .wasm is not size-optimised" >&2
fi
