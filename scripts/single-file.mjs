// Writes jixiao.html next to index.html: the whole app in one file that opens by double-click
// (file://) with no web server (issue 25). Run by scripts/post-build.sh after the hashed names
// are made; usage: node scripts/single-file.mjs <dist dir>.
//
// What is inlined and how:
// - the stylesheet as <style>, the icon as a data: URL;
// - both WebAssembly modules as base64 in non-executed <script type="application/octet-stream">
//   elements, decoded only when needed (the reader module only when the worker starts);
// - the app's wasm-bindgen glue (an ES module) as an inline module script that hands its init
//   function to the loader through `jixiaoInline`; the loader itself (public/loader.js) follows
//   as a second inline module, so the browser checks and messages are the same as on a server;
// - the reader worker: its glue and worker script made into one classic script at run time and
//   started from a Blob URL (`jixiaoReader`, read by src/app/import/worker.rs), the module bytes
//   inside it, so the worker makes no request at all;
// - the example reports, as JSON script elements the app reads instead of fetching them;
// - the pages module (crates/pages, on the page thread): its no-modules glue served from a Blob
//   URL made on the first visit of #/fa, its bytes decoded then (`jixiaoInline.pagesJs` and
//   `pagesWasm`, read by the loader's `jixiaoPages`); the screens module (crates/screens, 审核)
//   the same way on the first visit of #/review (`screensJs`, `screensWasm`).
// Inline scripts are why this file cannot be served under the site's strict CSP; dist/ itself
// is unchanged and the server build does not load this file.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] || "dist";
const names = fs.readdirSync(dir);
function one(re) {
  const found = names.filter((n) => re.test(n));
  if (found.length !== 1) {
    console.error(`single-file: expected one file matching ${re} in ${dir}, found ${found.length}`);
    process.exit(1);
  }
  return fs.readFileSync(path.join(dir, found[0]));
}
function fail(what) {
  console.error(`single-file: ${what}`);
  process.exit(1);
}
const glue = one(/^jixiao-[0-9a-f]{16}\.js$/).toString("utf8");
const wasm = one(/^jixiao_bg-[0-9a-f]{16}\.wasm$/);
const readerGlue = one(/^jixiao-reader-[0-9a-f]{16}\.js$/).toString("utf8");
const readerWasm = one(/^jixiao-reader_bg-[0-9a-f]{16}\.wasm$/);
const worker = one(/^reader-worker-[0-9a-f]{16}\.js$/).toString("utf8");
const pagesGlue = one(/^jixiao-pages-[0-9a-f]{16}\.js$/).toString("utf8");
const pagesWasm = one(/^jixiao-pages_bg-[0-9a-f]{16}\.wasm$/);
const screensGlue = one(/^jixiao-screens-[0-9a-f]{16}\.js$/).toString("utf8");
const screensWasm = one(/^jixiao-screens_bg-[0-9a-f]{16}\.wasm$/);
const loader = one(/^loader-[0-9a-f]{16}\.js$/).toString("utf8");
const css = fs.readFileSync(path.join(dir, "main.css"), "utf8");
const icon = fs.readFileSync(path.join(dir, "favicon.svg"));
// The example reports (fetched beside index.html on first use, issue 25) travel inline: the app
// reads `<script type="application/json" id="example-<id>">` before it would fetch.
const examplesDir = path.join(dir, "examples");
const examples = fs.readdirSync(examplesDir).filter((n) => n.endsWith(".json")).sort()
  .map((n) => `  <script type="application/json" id="example-${n.slice(0, -5)}">${fs.readFileSync(path.join(examplesDir, n), "utf8").replace(/<\//g, "<\\/")}</script>`);
if (examples.length === 0) fail("no example reports in dist/examples");

// The glue must not fetch anything itself (no snippet imports) and must name its init function.
if (/^\s*import\s/m.test(glue)) fail("the app glue imports another file; it cannot be inlined as is");
const init = /export default ([\w$]+);/.exec(glue) || /export ?\{(?:[^}]*[,{\s])?([\w$]+) as default\b[^}]*\};?/.exec(glue);
if (!init) fail("no default export (the init function) in the app glue");

// The worker: its importScripts of the glue becomes the glue itself, its module URL the bytes.
let workerSource = worker.replace(/importScripts\(READER_JS\);/, () => readerGlue);
if (workerSource === worker) fail("reader-worker.js: `importScripts(READER_JS);` not found");
const before = workerSource;
workerSource = workerSource.replace("jixiaoWasmInit(wasm_bindgen, READER_WASM)", "wasm_bindgen({ module_or_path: jixiaoReaderWasm() })");
if (workerSource === before) fail("reader-worker.js: `jixiaoWasmInit(wasm_bindgen, READER_WASM)` not found");

// Text that goes inside <script> or <style> must not close it early.
const inScript = (text) => text.replace(/<\/(script)/gi, "<\\/$1");
if (/<\/style/i.test(css)) fail("main.css contains </style");
for (const [what, text] of [["glue", glue], ["loader", loader], ["pages glue", pagesGlue], ["screens glue", screensGlue]]) {
  if (/<!--/.test(text)) fail(`${what} contains <!--, which changes how an inline script is parsed`);
}

const DECODE = `function jixiaoDecode(text) {
  const s = atob(text.trim());
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  return bytes;
}
`;
// Runs before the modules: the app's module bytes on demand, and the worker's Blob URL made on
// the first import or export (a getter, so a visit that never imports decodes nothing).
const boot = `(function () {
  ${DECODE}
  var text = function (id) { return document.getElementById(id).textContent; };
  var workerUrl = null;
  var workerSource = ${JSON.stringify(DECODE + workerSource)};
  var pagesUrl = null;
  var screensUrl = null;
  globalThis.jixiaoInline = {
    wasm: function () { return jixiaoDecode(text("jixiao-wasm")); },
    pagesWasm: function () { return jixiaoDecode(text("jixiao-pages-wasm")); },
    pagesJs: function () {
      if (pagesUrl === null) pagesUrl = URL.createObjectURL(new Blob([${JSON.stringify(pagesGlue)}], { type: "text/javascript" }));
      return pagesUrl;
    },
    screensWasm: function () { return jixiaoDecode(text("jixiao-screens-wasm")); },
    screensJs: function () {
      if (screensUrl === null) screensUrl = URL.createObjectURL(new Blob([${JSON.stringify(screensGlue)}], { type: "text/javascript" }));
      return screensUrl;
    }
  };
  Object.defineProperty(globalThis, "jixiaoReader", {
    configurable: true,
    get: function () {
      if (workerUrl === null) {
        var source = "function jixiaoReaderWasm() { return jixiaoDecode(" + JSON.stringify(text("jixiao-reader-wasm").trim()) + "); }\\n" + workerSource;
        workerUrl = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      }
      return workerUrl;
    }
  });
})();
`;

const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>绩效 · 预算绩效自评</title>
  <link rel="icon" href="data:image/svg+xml;base64,${icon.toString("base64")}">
  <style>
${css}
  </style>
</head>
<body>
  <div id="boot" class="boot" data-testid="boot">正在加载绩效自评应用…</div>
  <noscript><p class="boot">本应用需要启用 JavaScript。</p></noscript>
  <script type="application/octet-stream" id="jixiao-wasm">${wasm.toString("base64")}</script>
  <script type="application/octet-stream" id="jixiao-reader-wasm">${readerWasm.toString("base64")}</script>
  <script type="application/octet-stream" id="jixiao-pages-wasm">${pagesWasm.toString("base64")}</script>
  <script type="application/octet-stream" id="jixiao-screens-wasm">${screensWasm.toString("base64")}</script>
${examples.join("\n")}
  <script>
${inScript(boot)}
  </script>
  <script type="module">
${inScript(glue)}
globalThis.jixiaoInline.init = ${init[1]};
  </script>
  <script type="module">
${inScript(loader)}
  </script>
</body>
</html>
`;
fs.writeFileSync(path.join(dir, "jixiao.html"), html);
console.log(`single-file: wrote ${path.join(dir, "jixiao.html")} (${html.length} B)`);
