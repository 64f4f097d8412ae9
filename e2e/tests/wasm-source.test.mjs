// The WebAssembly modules as the build's gzip files (X.wasm.gz, public/wasm-source.js): a
// server that compresses nothing sends the .gz files and the browser inflates them; a server
// without them, one that marks them Content-Encoding: gzip and one that compresses everything
// again, one that answers its start page for them and one whose .gz files are cut short all give
// a working app. Each case opens the editor of an example (the app's module:
// 总分 98.00), 审核 (the screens module) and imports a Word file (the reader worker's module,
// fetched inside the worker), and checks which module files went over the wire and how big.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, page } from "./harness.mjs";

const root = new URL("../../", import.meta.url).pathname;
const dist = path.join(root, "dist");
const sample = path.join(root, "tests/fixtures/samples/seed-000-附件2.docx");

async function run(gz, initScript) {
  const env = await start({ gz });
  try {
    const { page: p, problems, context } = await page(env, { initScript });
    // Module requests of the page and of the reader worker, with the bytes that came.
    const modules = [];
    context.on("response", async (r) => {
      // Not the offline copy's own downloads (its service worker keeps the same files).
      if (r.request().serviceWorker()) return;
      const name = new URL(r.url()).pathname.split("/").pop();
      if (!/\.wasm(\.gz)?$/.test(name)) return;
      const body = await r.body().catch(() => null);
      modules.push({ name, status: r.status(), bytes: body ? body.length : -1 });
    });
    await p.goto(env.url + "#/edit/seed-000");
    await p.waitForSelector('[data-testid="total-score"]', { timeout: 30000 });
    assert.equal((await p.locator('[data-testid="total-score"]').textContent()).trim(), "98.00");
    await p.goto(env.url + "#/review");
    await p.waitForSelector('[data-testid="review-input"]', { timeout: 30000 });
    await p.goto(env.url + "#/");
    await p.locator('[data-testid="import-input"]').setInputFiles([sample]);
    await p.waitForSelector('[data-testid="import-preview"]', { timeout: 60000 });
    assert.equal(await p.locator('[data-testid="import-computed"]').first().textContent(), "98.00");
    await context.close();
    return { modules, problems };
  } finally {
    await env.stop();
  }
}

const size = (name) => fs.statSync(path.join(dist, name)).size;
const kinds = (modules) => modules.map((m) => m.name.replace(/-[0-9a-f]{16}\./, ".")).sort();

test("a server that compresses nothing sends the modules' .gz files, each once, and the app works", async () => {
  const { modules, problems } = await run("file");
  assert.deepEqual(problems, []);
  assert.deepEqual(kinds(modules), ["jixiao-reader_bg.wasm.gz", "jixiao-screens_bg.wasm.gz", "jixiao_bg.wasm.gz"]);
  for (const m of modules) {
    assert.equal(m.status, 200, m.name);
    // What came over the wire is the .gz file, well under half the plain module.
    assert.equal(m.bytes, size(m.name), m.name);
    assert.ok(m.bytes < size(m.name.slice(0, -3)) / 2, m.name);
  }
});

test("a server without the .gz files: the plain modules are fetched and the app works", async () => {
  const { modules, problems } = await run("missing");
  // The only problems are the refused .gz requests (and the browser's console line for each).
  assert.deepEqual(problems.filter((m) => !/^HTTP 404: .*\.wasm\.gz$/.test(m) && !/^console error: Failed to load resource: .* 404 /.test(m)), []);
  assert.ok(problems.some((m) => /^HTTP 404: .*jixiao_bg-[0-9a-f]{16}\.wasm\.gz$/.test(m)), problems.join("\n"));
  assert.deepEqual(kinds(modules.filter((m) => m.status === 200)), ["jixiao-reader_bg.wasm", "jixiao-screens_bg.wasm", "jixiao_bg.wasm"]);
});

test("a server that sends .gz files as Content-Encoding: gzip, or compresses everything again: the app works", async () => {
  for (const gz of ["encoded", "compressing"]) {
    const { modules, problems } = await run(gz);
    assert.deepEqual(problems, [], gz);
    assert.deepEqual(kinds(modules), ["jixiao-reader_bg.wasm.gz", "jixiao-screens_bg.wasm.gz", "jixiao_bg.wasm.gz"], gz);
  }
});

test("a browser that cannot inflate gzip itself (Firefox < 113) fetches the plain modules on the page", async () => {
  const { modules, problems } = await run("file", () => { delete globalThis.DecompressionStream; });
  assert.deepEqual(problems, []);
  // The page's two modules plain; the reader worker (a browser that has no DecompressionStream on
  // the page has none in workers either; here only the page's was removed) still inflates.
  // index.html's preload hint names the app's .gz (what Chromium-based browsers, nearly all of
  // the offices', use): such a browser downloads it too, unused.
  assert.deepEqual(kinds(modules), ["jixiao-reader_bg.wasm.gz", "jixiao-screens_bg.wasm", "jixiao_bg.wasm", "jixiao_bg.wasm.gz"]);
});

test("a server that answers the start page for the .gz files, or sends them cut short: the plain modules are fetched and the app works", async () => {
  for (const gz of ["html", "truncated"]) {
    const { modules, problems } = await run(gz);
    // The loader stops reading a .gz that is not gzip once it has its first bytes: the browser
    // may then report that download as cancelled, depending on how far it had come.
    assert.deepEqual(problems.filter((m) => !/^request failed: .*\.wasm\.gz$/.test(m)), [], gz);
    // Each module's .gz was asked for and its plain file then used.
    const names = kinds(modules);
    for (const m of ["jixiao_bg.wasm", "jixiao-screens_bg.wasm", "jixiao-reader_bg.wasm"]) {
      assert.ok(names.includes(m) && names.includes(m + ".gz"), `${gz}: ${names.join(", ")}`);
    }
  }
});
