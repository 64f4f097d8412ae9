#!/usr/bin/env bash
# Runs every test: native (cargo test, incl. property tests), the size budget on the release
# dist/, wasm-bindgen-test in headless Chromium, and the end-to-end tests against dist/ served
# under a sub-path with the strict CSP. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/e2e/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver

echo "== native tests (every crate of the workspace)"
cargo test --locked --workspace

echo "== release build and size budget"
# The release build's environment (nightly, the standard library built with the app) stays in
# this subshell: the native and wasm tests use the stable toolchain.
(source scripts/release-env.sh && trunk build --release --offline && node scripts/size-report.mjs dist)

echo "== the size-floor reference programs still compile (scripts/size-floor.sh builds them for BENCHMARKS.md)"
for floor in leptos-only model; do
  (cd scripts/floor/$floor && CARGO_TARGET_DIR=../../../target/floor/cargo cargo check --quiet --target wasm32-unknown-unknown --all-features)
done

echo "== wasm tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --test web

echo "== end-to-end tests (dist/ under /apps/jixiao/ with CSP)"
(cd e2e && node --test --test-concurrency=1 tests/)
echo "all tests passed"
