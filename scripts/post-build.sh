#!/usr/bin/env bash
# Trunk post_build hook: fails the build if any WebAssembly module needs a feature the supported
# browsers lack (scripts/wasm-features.sh, every *.wasm of the build), then gives the app's JS,
# wasm, syntax probe, loader, reader worker and on-demand modules content-hashed names, so that a
# cache between the intranet server and the browser can never mix files of two releases. index.html (always revalidated by
# browsers) points at the hashed loader.
set -euo pipefail
scripts="$(cd "$(dirname "$0")" && pwd)"
dir="${TRUNK_STAGING_DIR:?run by trunk}"
cd "$dir"
mapfile -t modules < <(find . -name '*.wasm' | sort)
[ ${#modules[@]} -gt 0 ] || { echo "post-build: no .wasm in $dir" >&2; exit 1; }
bash "$scripts/wasm-features.sh" "${modules[@]}"
short() { sha256sum "$1" | cut -c1-16; }
# public/wasm-source.js (where a module comes from: its .gz inflated while it downloads, or the
# plain file) goes into the loader and the reader worker in place of their `// @wasm-source` line.
for file in loader.js reader-worker.js; do
  [ -f "$file" ] || continue
  grep -q '^// @wasm-source$' "$file" || { echo "post-build: no // @wasm-source line in $file" >&2; exit 1; }
  sed -i -e "/^\/\/ @wasm-source\$/{r $scripts/../public/wasm-source.js" -e 'd;}' "$file"
  grep -q '^function jixiaoWasmSource(url) {' "$file" || { echo "post-build: wasm-source not pasted into $file" >&2; exit 1; }
done
# The JavaScript the browser runs is minified (terser from e2e/node_modules): the glues and the
# loader are ≈5 KB gzip smaller at start-up, 30 KB raw for a server that compresses nothing.
# Each file is minified after its last edit here and before its hash. reader-worker.js is not:
# scripts/single-file.mjs edits its text.
# Both tools are installed by scripts/setup.sh; without them the sizes would silently grow.
terser="$scripts/../e2e/node_modules/.bin/terser"
[ -x "$terser" ] || { echo "post-build: terser is not installed (e2e/node_modules); run bash scripts/setup.sh" >&2; exit 1; }
command -v zopfli > /dev/null || { echo "post-build: zopfli is not installed; run bash scripts/setup.sh" >&2; exit 1; }
minify() {
  "$terser" "$@" --compress --mangle -o "$1.min"
  mv "$1.min" "$1"
}
minify jixiao.js --module
js_hash=$(short jixiao.js)
wasm_hash=$(short jixiao_bg.wasm)
probe_hash=$(short syntax-probe.js)
mv jixiao.js "jixiao-$js_hash.js"
mv jixiao_bg.wasm "jixiao_bg-$wasm_hash.wasm"
mv syntax-probe.js "syntax-probe-$probe_hash.js"
sed -i "s|\"./jixiao.js\"|\"./jixiao-$js_hash.js\"|; s|\"./jixiao_bg.wasm\"|\"./jixiao_bg-$wasm_hash.wasm\"|; s|\"./syntax-probe.js\"|\"./syntax-probe-$probe_hash.js\"|" loader.js
# Trunk may also add preload links for the app files to index.html: keep them pointing right.
sed -i "s|jixiao\.js|jixiao-$js_hash.js|g; s|jixiao_bg\.wasm|jixiao_bg-$wasm_hash.wasm|g" index.html
# The reader worker (when the build has it): its glue and module get hashed names inside the
# worker script, and the worker script's hashed name goes into the loader.
if [ -f jixiao-reader.js ]; then
  minify jixiao-reader.js
  reader_js_hash=$(short jixiao-reader.js)
  reader_wasm_hash=$(short jixiao-reader_bg.wasm)
  mv jixiao-reader.js "jixiao-reader-$reader_js_hash.js"
  mv jixiao-reader_bg.wasm "jixiao-reader_bg-$reader_wasm_hash.wasm"
  sed -i "s|\"./jixiao-reader.js\"|\"./jixiao-reader-$reader_js_hash.js\"|; s|\"./jixiao-reader_bg.wasm\"|\"./jixiao-reader_bg-$reader_wasm_hash.wasm\"|" reader-worker.js
  grep -q "jixiao-reader-$reader_js_hash.js" reader-worker.js || { echo "post-build: reader glue reference not rewritten" >&2; exit 1; }
  worker_hash=$(short reader-worker.js)
  mv reader-worker.js "reader-worker-$worker_hash.js"
  sed -i "s|\"./reader-worker.js\"|\"./reader-worker-$worker_hash.js\"|" loader.js
  grep -q "reader-worker-$worker_hash.js" loader.js || { echo "post-build: worker reference not rewritten" >&2; exit 1; }
fi
# The on-demand modules on the page thread (crates/pages, first visit of #/fa; crates/screens,
# first visit of #/review): hashed names in the loader, which loads them. Their no-modules glues
# both declare `let wasm_bindgen` at the top level of a classic script, and a second declaration
# of one name is a SyntaxError: the screens module's is renamed `jixiao_screens` (the one
# declaration; the loader reads that name).
if [ -f jixiao-screens.js ]; then
  sed -i '1s/^let wasm_bindgen = /let jixiao_screens = /' jixiao-screens.js
  head -1 jixiao-screens.js | grep -q '^let jixiao_screens = ' && ! grep -q '^let wasm_bindgen\b' jixiao-screens.js || { echo "post-build: screens glue global not renamed" >&2; exit 1; }
fi
for module in jixiao-pages jixiao-screens; do
  [ -f "$module.js" ] || continue
  minify "$module.js"
  m_js_hash=$(short "$module.js")
  m_wasm_hash=$(short "${module}_bg.wasm")
  mv "$module.js" "$module-$m_js_hash.js"
  mv "${module}_bg.wasm" "${module}_bg-$m_wasm_hash.wasm"
  sed -i "s|\"./$module.js\"|\"./$module-$m_js_hash.js\"|; s|\"./${module}_bg.wasm\"|\"./${module}_bg-$m_wasm_hash.wasm\"|" loader.js
  grep -q "$module-$m_js_hash.js" loader.js && grep -q "${module}_bg-$m_wasm_hash.wasm" loader.js || { echo "post-build: $module references not rewritten" >&2; exit 1; }
done
# Every module also gzip-compressed beside itself (X.wasm.gz), fetched and inflated by the
# browser where it can (public/wasm-source.js): an intranet server that sends .wasm uncompressed
# then sends 0.4 MB instead of 1.1 MB for the app's module. zopfli makes gzip that any inflater
# reads, about 5 % smaller than gzip -9. The modules are compressed side by side.
jobs=()
for module in $(find . -maxdepth 1 -name '*.wasm' | sort); do
  zopfli --gzip -c "$module" > "$module.gz" &
  jobs+=($!)
done
for job in "${jobs[@]}"; do
  wait "$job" || { echo "post-build: zopfli failed" >&2; exit 1; }
done
# Fetch the app's glue and module while the loader still checks the browser: without these hints
# the four files load one after another (loader → probe → glue → module). A browser that lacks
# the hints ignores them.
if grep -q "</head>" index.html; then
sed -i "s|</head>|  <link rel=\"modulepreload\" href=\"./jixiao-$js_hash.js\">\n  <link rel=\"preload\" href=\"./jixiao_bg-$wasm_hash.wasm.gz\" as=\"fetch\" crossorigin>\n</head>|" index.html
  grep -q "rel=\"preload\" href=\"./jixiao_bg-$wasm_hash.wasm.gz\"" index.html || { echo "post-build: preload hints not written" >&2; exit 1; }
fi
minify loader.js --module
loader_hash=$(short loader.js)
mv loader.js "loader-$loader_hash.js"
sed -i "s|src=\"./loader.js\"|src=\"./loader-$loader_hash.js\"|" index.html
grep -q "loader-$loader_hash.js" index.html || { echo "post-build: loader reference not rewritten" >&2; exit 1; }
grep -q "syntax-probe-$probe_hash.js" "loader-$loader_hash.js" || { echo "post-build: probe reference not rewritten" >&2; exit 1; }
# The offline copy's service worker (public/sw.js, issue 25) lists every file of this build and
# names its cache after their contents, so a new release replaces the old copy.
mapfile -t cached < <(find . -type f ! -name sw.js ! -name jixiao.html | sed 's|^\./||' | sort)
build_hash=$(cat "${cached[@]}" | sha256sum | cut -c1-16)
list=$(printf '"%s",' "./" "${cached[@]}")
sed -i "s|const CACHE = \"jixiao-BUILD\";|const CACHE = \"jixiao-$build_hash\";|; s|const FILES = \[\];|const FILES = [${list%,}];|" sw.js
grep -q "jixiao-$build_hash" sw.js && grep -q "\"index.html\"" sw.js || { echo "post-build: sw.js file list not written" >&2; exit 1; }
# The one file that opens from a disk with no server (issue 25): dist/jixiao.html, everything
# above inlined (scripts/single-file.mjs). Not loaded by index.html. It needs the reader worker,
# which every build of the app has (a staging dir of the hook's own test may not).
if ls reader-worker-*.js > /dev/null 2>&1; then
  node "$scripts/single-file.mjs" .
fi
