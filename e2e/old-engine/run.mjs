// Runs the built app (dist/, or the one file dist/jixiao.html) in the engine of Chromium 86 (V8 8.6: this script is run by Node 15.14
// from e2e/old-engine/node_modules) with jsdom as the page, the way a 360安全浏览器 13 or an
// early 信创 browser would: index.html is parsed, public/loader.js is imported as the module it
// is (feature checks, syntax probe, glue, wasm), then the script waits for app-ready, reads the
// example's 总分, opens a second example from the home page and types one value.
// It prints one JSON object per step on stdout; e2e/tests/old-engine.test.mjs asserts them.
// Usage: node run.mjs DIST_DIR   (or: node run.mjs --validate FILE.wasm)
// Or: node run.mjs dist/jixiao.html: the one-file build (issue 25) from file://; its classic
// inline script runs in the page's globals, its two inline modules are imported in order.
import fs from "fs";
import os from "os";
import path from "path";
import { pathToFileURL, fileURLToPath } from "url";
import jsdom from "jsdom";

const report = (step, fields) => console.log(JSON.stringify({ step, ...fields }));
const engine = { node: process.version, v8: process.versions.v8 };

if (process.argv[2] === "--validate") {
  // Whether this engine accepts a module at all (the stored externref module must fail).
  const bytes = fs.readFileSync(process.argv[3]);
  let compileError = null;
  try {
    new WebAssembly.Module(bytes);
  } catch (e) {
    compileError = `${e.name}: ${e.message}`;
  }
  report("validate", { ...engine, valid: WebAssembly.validate(bytes), compileError });
  process.exit(0);
}

const dist = path.resolve(process.argv[2] || "../../dist");
const single = dist.endsWith(".html");
const problems = [];
const origError = console.error;
console.error = (...args) => { problems.push("console error: " + args.map(String).join(" ")); origError(...args); };
process.on("unhandledRejection", (e) => problems.push("unhandled rejection: " + (e && e.stack || e)));
process.on("uncaughtException", (e) => problems.push("uncaught: " + (e && e.stack || e)));

// Node treats .js as CommonJS outside a "type": "module" package: a copy of dist/ gets one.
const root = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-old-engine-"));
(function copy(from, to) { // fs.cpSync needs Node 16.7
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      fs.mkdirSync(path.join(to, entry.name));
      copy(path.join(from, entry.name), path.join(to, entry.name));
    } else fs.copyFileSync(path.join(from, entry.name), path.join(to, entry.name));
  }
})(single ? path.dirname(dist) : dist, root);
fs.writeFileSync(path.join(root, "package.json"), '{"type": "module"}');

// The inline stylesheet of jixiao.html is dropped: jsdom's CSS parser fails on modern CSS, and
// the server path does not load the stylesheet in jsdom either.
const html = single
  ? fs.readFileSync(dist, "utf8").replace(/<style>[\s\S]*?<\/style>/, "")
  : fs.readFileSync(path.join(root, "index.html"), "utf8");
const dom = new jsdom.JSDOM(html, { url: single ? pathToFileURL(dist).href : "http://127.0.0.1/apps/jixiao/", pretendToBeVisual: true });
const { window } = dom;

// The page's globals become this script's globals, as in a browser where the module scripts run
// with the window as global object: every property of the window that Node's global lacks
// (Node's own timers, queueMicrotask, URL, TextDecoder and the ECMAScript built-ins stay: jsdom
// calls them itself), as the global-jsdom package does, plus the DOM's Event and EventTarget in
// place of Node's, because the glue's `instanceof Event` must see the page's events.
const DOM_WINS = new Set(["Event", "EventTarget"]);
for (const key of Object.getOwnPropertyNames(window)) {
  if (key.startsWith("_") || (key in globalThis && !DOM_WINS.has(key))) continue;
  Object.defineProperty(globalThis, key, { configurable: true, get: () => window[key], set: (v) => { window[key] = v; } });
}
// jsdom has no fetch; Node 15 neither. A small one serves the copied dist/ as the page's origin
// would: the glue fetches the wasm file, the app its optional rules/index.json (absent: 404).
class Response {
  constructor(bytes, status = 200) { this.bytes = bytes; this.status = status; this.ok = status < 400; }
  arrayBuffer() { return Promise.resolve(this.bytes.buffer.slice(this.bytes.byteOffset, this.bytes.byteOffset + this.bytes.byteLength)); }
  text() { return Promise.resolve(this.bytes.toString("utf8")); }
  json() { return this.text().then(JSON.parse); }
}
globalThis.Response = Response;
globalThis.fetch = (url) => {
  const u = new URL(String(url), "http://127.0.0.1/apps/jixiao/");
  const file = u.protocol === "file:" ? fileURLToPath(u) : path.join(root, decodeURIComponent(u.pathname.replace(/^\/apps\/jixiao\//, "")));
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return Promise.resolve(new Response(Buffer.alloc(0), 404));
  return Promise.resolve(new Response(fs.readFileSync(file)));
};
window.fetch = globalThis.fetch;

const $ = (testid) => window.document.querySelector(`[data-testid="${testid}"]`);
const text = (testid) => { const el = $(testid); return el ? el.textContent : null; };
async function until(what, ok, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ok()) return;
    const stop = $("browser-unsupported") || $("load-failed");
    if (stop) throw new Error(`${what}: the page shows "${stop.textContent}"`);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what}: not reached in ${ms} ms; body: ${window.document.body.textContent.slice(0, 300)}`);
}

// A first visit lands on 首页 (its drop zone, issue 27); the seed 000 example opened from there
// shows 98.00 / 优.
async function firstVisit(started) {
  await until("app-ready on 首页", () => $("app-ready") && $("drop-zone"));
  const home = Date.now() - started;
  window.location.hash = "#/edit/seed-000";
  await until("seed 000", () => text("total-score") === "98.00");
  report("ready", { ...engine, ms: home, total: text("total-score"), grade: text("grade"), hash: window.location.hash });
}

try {
  if (single) {
    const scripts = [...window.document.querySelectorAll("script")];
    const classic = scripts.filter((s) => !s.type);
    const modules = scripts.filter((s) => s.type === "module");
    if (classic.length !== 1 || modules.length !== 2) throw new Error("jixiao.html: expected one classic and two module scripts");
    (0, eval)(classic[0].textContent);
    const started = Date.now();
    for (const [i, m] of modules.entries()) {
      const file = path.join(root, `inline-${i}.js`);
      fs.writeFileSync(file, m.textContent);
      await import(pathToFileURL(file).href);
    }
    await firstVisit(started);
  }
  const loader = single ? null : /src="\.\/(loader-[0-9a-f]+\.js)"/.exec(html);
  if (!single && !loader) throw new Error("index.html names no hashed loader");
  if (!single) {
    const started = Date.now();
    await import(pathToFileURL(path.join(root, loader[1])).href);
    await firstVisit(started);
  }

  window.location.hash = "#/";
  await until("home page", () => window.document.querySelectorAll('[data-testid="open-example"]').length > 1);
  window.document.querySelectorAll('[data-testid="open-example"]')[1].click();
  await until("second example", () => /^#\/edit\/seed-0*[1-9]/.test(window.location.hash) && text("total-score") && $("app-ready"));
  await until("second example's 总分", () => text("total-score") !== "98.00");
  const before = text("total-score");
  report("second", { hash: window.location.hash, total: before, grade: text("grade") });

  const weight = window.document.querySelector('[data-path="overall.indicators[0].weight"]');
  if (!weight) throw new Error("no 权重 input for the first indicator");
  weight.focus();
  weight.value = "4";
  weight.dispatchEvent(new window.Event("input", { bubbles: true }));
  await until("总分 after typing", () => text("total-score") !== before, 5000);
  report("typed", { field: "overall.indicators[0].weight", value: "4", total: text("total-score"), grade: text("grade") });
} catch (e) {
  problems.push(String(e && e.stack || e));
}
// Let autosave and pending tasks finish, so their errors are seen too.
await new Promise((r) => setTimeout(r, 800));
report("done", { problems });
fs.rmSync(root, { recursive: true, force: true });
window.close();
process.exit(0);
