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
