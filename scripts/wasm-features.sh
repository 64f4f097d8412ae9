#!/usr/bin/env bash
# Fails unless every WebAssembly module given needs no feature beyond the ones the supported
# browsers have (README "Supported browsers"): MVP + mutable-globals + sign-ext + bulk-memory
# (with its memory.copy/fill subset) + nontrapping-fptoint. In particular no reference types
# (externref, Chrome 96) and no multi-value. Called by scripts/post-build.sh for every *.wasm of
# a build; usage: bash scripts/wasm-features.sh FILE.wasm...
#
# binaryen's wasm-opt enables whatever a module's own `target_features` section lists, so
# validating the module as it is would trust the module; a copy without that section is
# validated with exactly the allowed features instead.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
wasm_opt="$root/e2e/node_modules/.bin/wasm-opt"
[ -x "$wasm_opt" ] || { echo "wasm-features: $wasm_opt missing (run scripts/setup.sh)" >&2; exit 1; }
allowed=(--mvp-features --enable-mutable-globals --enable-sign-ext --enable-bulk-memory
  --enable-bulk-memory-opt --enable-nontrapping-float-to-int)
[ $# -gt 0 ] || { echo "wasm-features: no module given" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for module in "$@"; do
  copy="$tmp/$(basename "$module")"
  # Read with the module's own features (so any module can be read), write without the section.
  if ! "$wasm_opt" "$module" --strip-target-features -o "$copy" 2>"$tmp/log" ||
    ! "$wasm_opt" "${allowed[@]}" "$copy" -o /dev/null 2>"$tmp/log"; then
    grep -v "no passes specified" "$tmp/log" | head -20 >&2
    echo "wasm-features: $module needs a WebAssembly feature beyond mvp, mutable-globals," \
      "sign-ext, bulk-memory and nontrapping-fptoint (see README, Supported browsers)" >&2
    exit 1
  fi
  echo "wasm-features: $(basename "$module") ok (mvp + mutable-globals, sign-ext, bulk-memory, nontrapping-fptoint)"
done
