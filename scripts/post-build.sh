#!/usr/bin/env bash
# Trunk post_build hook: gives the app's JS, wasm and loader content-hashed names, so that a
# cache between the intranet server and the browser can never mix files of two releases.
# index.html (always revalidated by browsers) points at the hashed loader.
set -euo pipefail
dir="${TRUNK_STAGING_DIR:?run by trunk}"
cd "$dir"
short() { sha256sum "$1" | cut -c1-16; }
js_hash=$(short jixiao.js)
wasm_hash=$(short jixiao_bg.wasm)
mv jixiao.js "jixiao-$js_hash.js"
mv jixiao_bg.wasm "jixiao_bg-$wasm_hash.wasm"
sed -i "s|\"./jixiao.js\"|\"./jixiao-$js_hash.js\"|; s|\"./jixiao_bg.wasm\"|\"./jixiao_bg-$wasm_hash.wasm\"|" loader.js
# Trunk may also add preload links for the app files to index.html: keep them pointing right.
sed -i "s|jixiao\.js|jixiao-$js_hash.js|g; s|jixiao_bg\.wasm|jixiao_bg-$wasm_hash.wasm|g" index.html
loader_hash=$(short loader.js)
mv loader.js "loader-$loader_hash.js"
sed -i "s|src=\"./loader.js\"|src=\"./loader-$loader_hash.js\"|" index.html
grep -q "loader-$loader_hash.js" index.html || { echo "post-build: loader reference not rewritten" >&2; exit 1; }
