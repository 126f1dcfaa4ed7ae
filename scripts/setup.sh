#!/usr/bin/env bash
# Installs everything building and testing need, on a fresh machine, then builds the WASM core
# and the npm package. Safe to run again: what is already there is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target add wasm32-unknown-unknown
# The Zed extension (editors/zed) is built for the target Zed runs extensions on.
rustup target add wasm32-wasip1
rustup component add clippy rustfmt

# wasm-bindgen-cli must match the wasm-bindgen crate exactly; the binding crate pins it with `=`.
want=$(sed -n 's/^wasm-bindgen = "=\([^"]*\)"/\1/p' crates/keymgmt_lint_wasm/Cargo.toml)
[ -n "$want" ] || { echo "setup: no wasm-bindgen pin found in crates/keymgmt_lint_wasm/Cargo.toml" >&2; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  cargo install wasm-bindgen-cli --version "$want"
fi

# The Rust crates' licence notices shipped in the package are generated, and checked, by
# cargo-about (scripts/notices.sh).
if [ "$(cargo about --version 2>/dev/null)" != "cargo-about 0.8.2" ]; then
  cargo install cargo-about --version =0.8.2 --locked
fi

npm ci --prefix pkg --no-audit --no-fund
npm run --prefix pkg build

# The pre-commit hook's test builds a Python venv and installs pre-commit from PyPI.
python3 -m venv --help >/dev/null 2>&1 || { apt-get update && apt-get install -y python3-venv; }

# The VS Code extension: its client's dependencies and vsce, which packages it offline (the
# optional dependencies are for signing and publishing, neither of which happens here).
npm ci --prefix editors/vscode --omit=optional --no-audit --no-fund

# The language server's end-to-end test opens a file in Debian's Neovim, headless.
command -v nvim >/dev/null || { apt-get update && apt-get install -y neovim; }

# The playground: its tests drive Debian's Chromium (no browser download) with playwright-core.
command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; }
npm ci --prefix www --no-audit --no-fund
npm run --prefix www build
