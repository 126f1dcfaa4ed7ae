#!/usr/bin/env bash
# Runs every check and test: formatting, lints, Rust unit and fixture tests, the WASM API under
# Node, the npm package's tests against a fresh WASM build, and the playground in Chromium.
# Run scripts/setup.sh once first.
set -euo pipefail
cd "$(dirname "$0")/.."

# The core natively; the core and its WebAssembly binding (crates/keymgmt_lint_wasm) for wasm32.
cargo fmt --check -p keymgmt-lint -p keymgmt-lint-wasm
cargo clippy --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p keymgmt-lint -p keymgmt-lint-wasm --lib --tests -- -D warnings
cargo test
cargo test --target wasm32-unknown-unknown -p keymgmt-lint-wasm --test wasm
# The patched hcl-edit (vendor/README.md) parses exactly as the published release.
cargo run --quiet --release --manifest-path vendor/hcl-edit-differential/Cargo.toml

# The licence notices of the Rust crates in the .wasm match Cargo.lock.
bash scripts/notices.sh --check

# The npm package, CLI and pre-commit hook, against a WASM build of the sources as they are now.
npm run --prefix pkg build
npm test --prefix pkg
npm test --prefix editors/vscode
# The Zed extension, for the target Zed builds it for (Zed itself cannot run here).
cargo fmt --check --manifest-path editors/zed/Cargo.toml
cargo clippy --manifest-path editors/zed/Cargo.toml --target wasm32-wasip1 -- -D warnings

# The playground in headless Chromium, built from that same WASM.
npm run --prefix www build
npm test --prefix www
