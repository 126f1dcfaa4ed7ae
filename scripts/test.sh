#!/usr/bin/env bash
# Runs every check and test: formatting, lints, Rust unit and fixture tests, the WASM API under
# Node, and the npm package's tests against a fresh WASM build. Run scripts/setup.sh once first.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --tests -- -D warnings
cargo test
cargo test --target wasm32-unknown-unknown --test wasm

# The npm package and CLI, against a WASM build of the sources as they are now.
npm run --prefix pkg build
npm test --prefix pkg
