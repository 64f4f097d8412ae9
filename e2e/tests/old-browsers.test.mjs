// What keeps jixiao running in Chromium 80–95 kernels, Firefox 79 and Safari 15 (issue 18): the
// release wasm needs exactly the WebAssembly features the loader checks, the post-build guard
// refuses any module that needs more (externref), the glue needs no syntax newer than the
// loader's probe, a browser that cannot parse the probe gets the Chinese message, and the
// stylesheet has fallbacks for what those browsers lack. Runs against the release dist/.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import zlib from "node:zlib";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as acorn from "acorn";
import postcss from "postcss";
import doiuse from "doiuse";
import { start, page } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const dist = path.join(repo, "dist");
const wasmOpt = path.join(repo, "e2e/node_modules/.bin/wasm-opt");
const externref = path.join(repo, "e2e/old-engine/externref.wasm");
/** The supported browsers (README "Supported browsers"), as a browserslist query. */
const SUPPORTED = ["chrome >= 80", "edge >= 80", "firefox >= 79", "safari >= 15", "ios_saf >= 15"];
const ALLOWED = { "mutable-globals": "--enable-mutable-globals", "sign-ext": "--enable-sign-ext", "bulk-memory": "--enable-bulk-memory", "nontrapping-fptoint": "--enable-nontrapping-float-to-int" };

const distFile = (re) => {
  const name = fs.readdirSync(dist).find((n) => re.test(n));
  assert.ok(name, `dist/ has a file matching ${re}`);
  return path.join(dist, name);
};
const run = (cmd, args, opts = {}) => spawnSync(cmd, args, { encoding: "utf8", ...opts });

test("the release wasm needs exactly the WebAssembly features public/loader.js checks, no more", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-features-"));
  const stripped = path.join(tmp, "app.wasm");
  assert.equal(run(wasmOpt, [distFile(/^jixiao_bg-[0-9a-f]{16}\.wasm$/), "--strip-target-features", "-o", stripped]).status, 0);
  const valid = (features) => run(wasmOpt, ["--mvp-features", ...features, stripped, "-o", "/dev/null"]).status === 0;
  // bulk-memory-opt (memory.copy/fill) is part of bulk-memory in browsers and in the loader's probe.
  const all = [...Object.values(ALLOWED), "--enable-bulk-memory-opt"];
  assert.ok(valid(all), "valid with the allowed features");
  const needed = Object.keys(ALLOWED).filter((name) => !valid(all.filter((f) => f !== ALLOWED[name] && !(name === "bulk-memory" && f === "--enable-bulk-memory-opt"))));
  // The source (the built loader is minified from it).
  const loader = fs.readFileSync(path.join(repo, "public/loader.js"), "utf8");
  const table = /const FEATURES = \{([\s\S]*?)\n\};/.exec(loader)[1];
  const checked = [...table.matchAll(/^\s*"([a-z-]+)": \[/gm)].map((m) => m[1]);
  assert.deepEqual(checked.sort(), needed.sort());
  assert.doesNotMatch(loader, /reference-types|externref/);
  fs.rmSync(tmp, { recursive: true });
});

/** A staging dir as Trunk hands it to the post_build hook, with the given wasm modules. */
function staging(modules) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-staging-"));
  fs.copyFileSync(path.join(repo, "public/loader.js"), path.join(dir, "loader.js"));
  fs.copyFileSync(path.join(repo, "public/syntax-probe.js"), path.join(dir, "syntax-probe.js"));
  // The service worker's file list is written by the hook too (issue 25).
  fs.copyFileSync(path.join(repo, "public/sw.js"), path.join(dir, "sw.js"));
  fs.writeFileSync(path.join(dir, "jixiao.js"), "export default function init() {}\n");
  fs.writeFileSync(path.join(dir, "index.html"), '<script type="module" src="./loader.js"></script>\n');
  for (const [name, file] of Object.entries(modules)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.copyFileSync(file, path.join(dir, name));
  }
  return dir;
}
const postBuild = (dir) => run("bash", [path.join(repo, "scripts/post-build.sh")], { env: { ...process.env, TRUNK_STAGING_DIR: dir } });

test("the post-build guard fails the build on an externref module, also a second module in a subfolder", (t) => {
  const mvp = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-mvp-")) + "/mvp.wasm";
  // (module (func (export "f") (result i32) i32.const 1)), made with binaryen's wasm-as
  fs.writeFileSync(mvp, Buffer.from([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 6, 1, 4, 0, 65, 1, 11]));
  for (const modules of [{ "jixiao_bg.wasm": externref }, { "jixiao_bg.wasm": mvp, "reader/reader_bg.wasm": externref }]) {
    const dir = staging(modules);
    const r = postBuild(dir);
    assert.notEqual(r.status, 0, JSON.stringify(modules));
    assert.match(r.stderr, /requires reference types/);
    assert.match(r.stderr, /needs a WebAssembly feature beyond mvp/);
    assert.ok(fs.existsSync(path.join(dir, "loader.js")), "nothing renamed after a refusal");
    fs.rmSync(dir, { recursive: true });
  }
  // The same staging dir with only MVP modules passes and gets its hashed names.
  const dir = staging({ "jixiao_bg.wasm": mvp, "reader/reader_bg.wasm": mvp });
  const r = postBuild(dir);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /reader_bg\.wasm ok/);
  const names = fs.readdirSync(dir).sort();
  const loader = names.find((n) => /^loader-[0-9a-f]{16}\.js$/.test(n));
  assert.ok(loader, names.join(" "));
  assert.ok(names.some((n) => /^jixiao_bg-[0-9a-f]{16}\.wasm$/.test(n)) && names.some((n) => /^syntax-probe-[0-9a-f]{16}\.js$/.test(n)), names.join(" "));
  assert.match(fs.readFileSync(path.join(dir, "index.html"), "utf8"), new RegExp(`src="\\./${loader}"`));
  const loaderText = fs.readFileSync(path.join(dir, loader), "utf8");
  for (const n of names.filter((n) => /^(jixiao|syntax-probe)/.test(n) && !n.endsWith(".gz"))) assert.ok(loaderText.includes(`"./${n}"`), n);
  // Every module also as gzip beside itself (public/wasm-source.js), inflating to the same bytes,
  // and the loader holds the code that fetches it.
  for (const n of names.filter((n) => n.endsWith(".wasm"))) {
    assert.ok(names.includes(n + ".gz"), n + ".gz");
    assert.deepEqual(zlib.gunzipSync(fs.readFileSync(path.join(dir, n + ".gz"))), fs.readFileSync(path.join(dir, n)), n);
  }
  assert.match(loaderText, /new DecompressionStream\("gzip"\)/);
  assert.match(loaderText, /"\.gz"/);
  fs.rmSync(dir, { recursive: true });
});

/** Nodes of an acorn AST, depth first. */
function* nodes(node) {
  if (!node || typeof node.type !== "string") return;
  yield node;
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child === "object") yield* nodes(child);
  }
}
const parse = (file, ecmaVersion) => acorn.parse(fs.readFileSync(file, "utf8"), { ecmaVersion, sourceType: "module" });

test("the glue needs no syntax newer than the probe's ES2020, which the loader itself does not use", () => {
  assert.doesNotThrow(() => parse(distFile(/^jixiao-[0-9a-f]{16}\.js$/), 2020), "the wasm-bindgen glue parses as ES2020");
  const probe = distFile(/^syntax-probe-[0-9a-f]{16}\.js$/);
  assert.doesNotThrow(() => parse(probe, 2020));
  assert.throws(() => parse(probe, 2019), SyntaxError, "the probe uses ES2020 syntax, so an ES2019 parser rejects it");
  const modern = [...nodes(parse(distFile(/^loader-[0-9a-f]{16}\.js$/), 2020))]
    .filter((n) => n.type === "ChainExpression" || (n.type === "LogicalExpression" && n.operator === "??") || typeof n.bigint === "string");
  assert.deepEqual(modern.map((n) => n.type), [], "the loader must parse where the probe fails");
});

test("Chromium 75–79, which cannot parse the glue, gets the Chinese message with the working versions", async () => {
  const env = await start();
  try {
    const { page: p, problems, context } = await page(env);
    // Such a browser fails on the probe as this one fails on a probe it cannot parse.
    await p.route(/syntax-probe-[0-9a-f]{16}\.js$/, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: "export const ok = ({})?.;\n" }));
    await p.goto(env.url);
    const message = await p.waitForSelector('[data-testid="browser-unsupported"]');
    assert.match(await message.textContent(), /浏览器版本过旧.*Chrome \/ Edge 80 及以上、Firefox 79 及以上、Safari 15 及以上.*内核版本 80 及以上.*JavaScript 语法/);
    assert.equal(await p.locator('[data-testid="app-ready"]').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();

    // A browser with flex gap (this one) keeps the stylesheet's gaps: no fallback class.
    const modern = await page(env);
    await modern.page.goto(env.url);
    await modern.page.waitForSelector('[data-testid="app-ready"]');
    assert.equal(await modern.page.evaluate(() => document.documentElement.className), "");
    assert.deepEqual(modern.problems, []);
    await modern.context.close();
  } finally {
    await env.stop();
  }
});

// doiuse features that some supported browsers lack or support only partly, and why that does
// not matter for this stylesheet. Any other feature doiuse reports fails the test.
const ACCEPTED = {
  "css-sticky": "Chromium < 91 cannot stick table parts (thead, tr); only blocks stick here",
  "css-overflow": "the partial part is the two-value `overflow` shorthand and `clip`; only overflow-x/-y are used",
  "css-resize": "iOS Safari cannot resize text areas by hand; they still grow with min-height",
  "multicolumn": "the partial part is break-* inside columns; page breaks work",
  "css-text-indent": "the partial part is the each-line/hanging keywords; only a length is used",
  "css-paged-media": "Safari ignores @page size and margins: it prints A4 with its default margins",
  "css-containment": "a speed hint only: Safari 15 lays the indicator cells out without it, the same page, slower to update",
  "css-has": "print only: older kernels drop the rule, so a table whose first merged block does not fit starts on the next page (blank space, no lost rows)",
};

test("style/main.css: every feature the supported browsers lack has a fallback (doiuse, caniuse data)", async () => {
  const file = path.join(repo, "style/main.css");
  const css = fs.readFileSync(file, "utf8");
  const found = [];
  const root = postcss.parse(css, { from: file });
  await postcss([doiuse({ browsers: SUPPORTED, onFeatureUsage: (u) => found.push(u) })]).process(root, { from: file });
  assert.ok(found.length > 0, "doiuse ran");
  const fallbacks = [];
  root.walkRules(/^\.no-flex-gap /, (r) => fallbacks.push(...r.selectors));
  for (const u of found) {
    const rule = u.usage.type === "rule" ? u.usage : u.usage.parent;
    const where = `${u.feature} at line ${u.usage.source.start.line}`;
    if (u.feature === "flexbox-gap") {
      // Chromium 80–83: each flex container with a gap is spaced by margins under .no-flex-gap.
      for (const sel of rule.selectors) {
        assert.ok(fallbacks.some((f) => f.startsWith(`.no-flex-gap ${sel} > *`)), `${where}: no .no-flex-gap fallback for ${sel}`);
      }
    } else if (u.feature === "css-focus-visible") {
      // Chromium 80–85 drop a rule whose selector list contains :focus-visible: it must hold only
      // :focus-visible selectors, so what is lost is the custom focus ring (the browser's own stays).
      for (const sel of rule.selectors) assert.match(sel, /:focus-visible/, `${where}: ${sel} would be lost with the rule`);
    } else {
      assert.ok(ACCEPTED[u.feature], `${where}: ${u.message}`);
    }
  }
  // doiuse does not know these two; the README says what old kernels print without them.
  assert.match(css, /@bottom-center \{ content: "第 " counter\(page\) " 页 共 " counter\(pages\) " 页"/);
  assert.match(css, /Page numbers come from @page margin boxes \(Chromium 131\+\)/);
});
