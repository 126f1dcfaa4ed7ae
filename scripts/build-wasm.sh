#!/usr/bin/env bash
# Builds the WebAssembly binding of the core (crates/keymgmt_lint_wasm) and writes the
# wasm-bindgen output to pkg/dist/ (keymgmt_lint.js, keymgmt_lint_bg.wasm).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
cargo build --quiet --release --target wasm32-unknown-unknown -p keymgmt-lint-wasm
out=pkg/dist
rm -rf "$out"
wasm-bindgen --target web --experimental-reset-state-function --out-dir "$out" --out-name keymgmt_lint \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/keymgmt_lint_wasm.wasm"
wasm_opt="pkg/node_modules/.bin/wasm-opt"
if [ -x "$wasm_opt" ]; then
  "$wasm_opt" -O3 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/keymgmt_lint_bg.wasm" -o "$out/keymgmt_lint_bg.wasm"
else
  echo "build-wasm: wasm-opt not found (run npm ci in pkg/); the .wasm is not size-optimised" >&2
fi
