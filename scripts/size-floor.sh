#!/usr/bin/env bash
# The size floor under the 200 KB budget (BENCHMARKS.md, issue 8): builds three reference
# programs with the app's release settings (opt-level z, LTO, panic=abort, wasm-bindgen, wasm-opt -Oz)
# and prints their gzip and brotli sizes (wasm + JS glue):
#   leptos-only   the smallest Leptos 0.8 CSR page using what the app's views use;
#   model         jixiao's model alone (load, score, check, save, print, examples, rule packs);
#   model + page  the model inside one Leptos page that edits a field and shows the live 总分.
# Run from anywhere: bash scripts/size-floor.sh (offline; uses the crates Cargo already has).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
export PATH="$HOME/.cargo/bin:$root/e2e/node_modules/.bin:$PATH"
out="$root/target/floor"
mkdir -p "$out"
export CARGO_TARGET_DIR="$out/cargo"
# The features the app may use (scripts/wasm-features.sh); no reference types or multi-value.
opt_features="--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals"

measure() { # name, crate dir, binary name, cargo args...
  local name=$1 dir=$2 bin=$3; shift 3
  (cd "$dir" && cargo build --offline --release --target wasm32-unknown-unknown --quiet "$@")
  rm -rf "$out/$name" && mkdir -p "$out/$name"
  wasm-bindgen --target web --out-dir "$out/$name" "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$bin.wasm"
  # shellcheck disable=SC2086
  wasm-opt -Oz $opt_features -o "$out/$name/${bin}_bg.wasm" "$out/$name/${bin}_bg.wasm"
  node -e '
    const fs = require("fs"), zlib = require("zlib"), path = require("path");
    const [name, dir] = process.argv.slice(1);
    let g = 0, b = 0;
    for (const f of fs.readdirSync(dir).filter((f) => /\.(wasm|js)$/.test(f))) {
      const d = fs.readFileSync(path.join(dir, f));
      g += zlib.gzipSync(d, { level: 9 }).length;
      b += zlib.brotliCompressSync(d, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    }
    console.log(`${name.padEnd(14)} gzip ${String(g).padStart(7)} B   brotli ${String(b).padStart(7)} B`);
  ' "$name" "$out/$name"
}

echo "== size floor (wasm + JS glue; release settings as the app)"
measure leptos-only scripts/floor/leptos-only floor-leptos-only
measure model scripts/floor/model floor-model
measure "model + page" scripts/floor/model floor-model --features page
