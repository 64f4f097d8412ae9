// Every view from a cold start on a slowed network (issue 25): each view is opened as the first
// page of a fresh browser context (empty cache) with the link emulated at 10 Mbit/s and 20 ms
// latency, and must show its working content: 首页 with its import and 备份 controls, the editor
// of an example with 总分, 历史版本, 审核, 快速核分, 评分规则, the print view, and the import
// preview of a Word file (the reader worker downloaded on that slow link). When screens become
// on-demand modules (ARCHITECTURE.md, "On-demand modules"), this is the test that proves each
// still arrives from a cold start.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, page } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const root = new URL("../../", import.meta.url).pathname;
const sample = (name) => path.join(root, "tests/fixtures/samples", name);

async function cold(hash) {
  const opened = await page(env);
  const cdp = await opened.context.newCDPSession(opened.page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 });
  await opened.page.goto(env.url + hash);
  await opened.page.waitForSelector('[data-testid="app-ready"]', { timeout: 30000 });
  return opened;
}

// The on-demand files page `p` requests whose names (without their hash) match `names`, and
// the workers it starts, as they happen.
function watchModules(p, names) {
  const loaded = [];
  const workers = [];
  p.on("request", (r) => {
    const name = new URL(r.url()).pathname.split("/").pop().replace(/-[0-9a-f]{16}\./, ".");
    if (names.test(name)) loaded.push(name);
  });
  p.on("worker", (w) => workers.push(w.url()));
  return { loaded, workers };
}

const VIEWS = [
  ["首页", "#/", ['[data-testid="import-input"]', '[data-testid="backup-all"]']],
  ["编辑", "#/edit/seed-000", ['[data-testid="total-score"]', '[data-path="overall.budget.executed"]']],
  ["审核", "#/review", ['[data-testid="review-input"]']],
  ["快速核分", "#/quick", ['[data-path="overall.budget.executed"]']],
  ["评分规则", "#/rules", ['[data-testid="rules-page"]']],
  ["打印", "#/print/seed-000", ['[data-testid="print-view"]']],
];

for (const [name, hash, selectors] of VIEWS) {
  test(`${name} (${hash}) works from a cold start at 10 Mbit/s`, async () => {
    const { page: p, problems, context } = await cold(hash);
    for (const s of selectors) await p.waitForSelector(s, { timeout: 30000 });
    if (name === "打印") {
      assert.match(await p.locator('[data-testid="print-view"]').textContent(), /绩效自评/);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("历史版本 and the import preview work from a cold start at 10 Mbit/s", async () => {
  const { page: p, problems, context } = await cold("#/edit/seed-000");
  await p.waitForSelector('[data-testid="snapshots-toggle"]');
  await p.locator('[data-testid="snapshots-toggle"]').click();
  await p.waitForSelector('[data-testid="snapshots"]');
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  await p.locator('[data-testid="import-input"]').setInputFiles([sample("seed-000-附件2.docx")]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 60000 });
  assert.equal(await p.locator('[data-testid="import-computed"]').first().textContent(), "98.00");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the screens module loads only with its screens, once, beside the pages module, and they share one reader worker", async () => {
  const { page: p, problems, context } = await page(env);
  const { loaded, workers } = watchModules(p, /^(jixiao-screens|jixiao-pages|reader-worker)/);
  // 首页 and the editor: neither on-demand page module.
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="backup-all"]');
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  assert.deepEqual(loaded.filter((n) => !n.startsWith("reader-worker")), [], "no on-demand page module for 首页 and the editor");
  // 审核, then 打印 and 评分规则: the screens module once.
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-input"]');
  await p.goto(env.url + "#/print/seed-000");
  await p.waitForSelector('[data-testid="print-view"]');
  await p.goto(env.url + "#/rules");
  await p.waitForSelector('[data-testid="rule-packs"]');
  assert.deepEqual(loaded.filter((n) => n.startsWith("jixiao-")).sort(), ["jixiao-screens.js", "jixiao-screens_bg.wasm.gz"]);
  // Then the 部门决算 page: the pages module loads and works beside it (both glues declare a global).
  await p.goto(env.url + "#/fa");
  await p.waitForSelector('[data-testid="fa-new"]', { timeout: 30000 });
  assert.ok(loaded.includes("jixiao-pages.js") && loaded.includes("jixiao-pages_bg.wasm.gz"), loaded.join(","));
  assert.equal(await p.locator('[data-testid="fa-error"]').count(), 0);
  // 审核 again: the same module, no second load; the reader worker is the start-up module's one.
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-input"]');
  assert.equal(loaded.filter((n) => n.startsWith("jixiao-screens_bg.wasm")).length, 1);
  assert.equal(workers.length, 1, `one reader worker: ${workers.join(", ")}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a screen whose module cannot be fetched says so, and the next visit loads it", async () => {
  const { page: p, problems, context } = await page(env);
  let block = true;
  await p.route(/jixiao-screens_bg-[0-9a-f]{16}\.wasm(\.gz)?$/, (route) => (block ? route.abort() : route.continue()));
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="screen-error"]', { timeout: 30000 });
  assert.match(await p.locator('[data-testid="screen-error"]').textContent(), /本页组件加载失败/);
  // The network is back: the next visit of a screen loads the module (its glue is not run twice).
  block = false;
  await p.locator('a.nav-link', { hasText: "首页" }).click();
  await p.waitForSelector('[data-testid="backup-all"]');
  await p.locator('a.nav-link', { hasText: "审核" }).click();
  await p.waitForSelector('[data-testid="review-input"]', { timeout: 30000 });
  assert.equal(await p.locator('[data-testid="screen-error"]').count(), 0);
  // Only the blocked request and the loader's report of it went wrong: no uncaught error.
  assert.ok(problems.every((m) => /jixiao-screens_bg|did not load|Failed to fetch|failed/i.test(m)), problems.join("\n"));
  assert.ok(!problems.some((m) => m.startsWith("uncaught")), problems.join("\n"));
  await context.close();
});

test("an import preview whose module cannot be fetched says so in its card (关闭 takes it away), stores nothing, and the next import shows the card", async () => {
  // No service worker: it would have the module in its cache before the file is read.
  const { page: p, problems, context } = await page(env, {
    initScript: () => delete Navigator.prototype.serviceWorker,
  });
  let block = true;
  await p.route(/jixiao-screens_bg-[0-9a-f]{16}\.wasm(\.gz)?$/, (route) => (block ? route.abort() : route.continue()));
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  const drafts = () => p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.draft.")).length);
  const before = await drafts();
  await p.locator('[data-testid="import-input"]').setInputFiles([sample("seed-000-附件2.docx")]);
  await p.waitForSelector(".import-previews .error", { timeout: 30000 });
  assert.match(await p.locator(".import-previews .error").textContent(), /导入预览组件加载失败/);
  assert.equal(await drafts(), before);
  // 关闭 takes the card away.
  await p.locator(".import-previews .error button", { hasText: "关闭" }).click();
  await p.waitForFunction(() => document.querySelectorAll(".import-previews > *").length === 0);
  // The network is back: the next file's card is drawn, and its 导入 opens the new draft.
  block = false;
  await p.locator('[data-testid="import-input"]').setInputFiles([sample("seed-000-附件2.docx")]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
  assert.equal(await p.locator('[data-testid="import-computed"]').first().textContent(), "98.00");
  await p.locator('[data-testid="import-confirm"]').click();
  await p.waitForFunction(() => location.hash.startsWith("#/edit/"));
  await p.waitForSelector('[data-testid="total-score"]');
  assert.equal(await drafts(), before + 1);
  assert.ok(problems.every((m) => /jixiao-screens_bg|did not load|Failed to fetch|failed/i.test(m)), problems.join("\n"));
  assert.ok(!problems.some((m) => m.startsWith("uncaught")), problems.join("\n"));
  await context.close();
});

test("opening the file dialog starts the reader worker and the preview's module before a file is chosen", async () => {
  const { page: p, problems, context } = await page(env);
  const { loaded, workers } = watchModules(p, /^(jixiao-screens|reader-worker)/);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  assert.deepEqual(loaded, [], "nothing of the import before the user asks");
  assert.equal(workers.length, 0, "no reader worker before the user asks");
  const opened = p.waitForEvent("filechooser");
  await p.locator('[data-testid="drop-zone"]').click();
  const chooser = await opened;
  for (let i = 0; i < 100 && !(loaded.includes("jixiao-screens_bg.wasm.gz") && workers.length === 1); i++) await p.waitForTimeout(50);
  assert.ok(loaded.includes("jixiao-screens_bg.wasm.gz"), loaded.join(","));
  assert.equal(workers.length, 1, workers.join(","));
  await chooser.setFiles([sample("seed-000-附件2.docx")]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
  assert.equal(await p.locator('[data-testid="import-computed"]').first().textContent(), "98.00");
  assert.equal(workers.length, 1, "the warmed-up worker reads the file");
  assert.deepEqual(problems, []);
  await context.close();
});
