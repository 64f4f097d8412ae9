// The app shell end to end: release dist/ under /apps/jixiao/ with the strict CSP.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, page } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const text = (p, id) => p.locator(`[data-testid="${id}"]`).first().textContent();

test("loads under a sub-path with the CSP, opens on the start page; the seed 000 example opens", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url);
  await p.waitForSelector('[data-testid="app-ready"]', { timeout: 20000 });
  // A first visit lands on the start page (issue 27), not in an example.
  await p.waitForSelector('[data-testid="drop-zone"]');
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  assert.equal(await text(p, "total-score"), "98.00");
  assert.equal(await text(p, "grade"), "优");
  assert.equal(await text(p, "budget-rate"), "373.29%");
  assert.match(await text(p, "app-version"), /版本 \d+\.\d+\.\d+/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the home page's first example opens seed 000's editor; reload keeps it working", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="open-example"]');
  assert.equal(await p.locator('[data-testid="open-example"]').count(), 4);
  if (process.env.SCREENSHOTS) await p.screenshot({ path: "../docs/home.png" });
  await p.locator('[data-testid="open-example"]').first().click();
  await p.waitForSelector('[data-testid="total-score"]');
  assert.match(p.url(), /#\/edit\/seed-000$/);
  assert.equal(await text(p, "total-score"), "98.00");
  await p.reload();
  await p.waitForSelector('[data-testid="app-ready"]');
  assert.equal(await text(p, "total-score"), "98.00");
  if (process.env.SCREENSHOTS) await p.screenshot({ path: "../docs/editor-seed-000.png" });
  await p.goto(env.url + "#/edit/seed-001");
  await p.waitForFunction(() => document.querySelector('[data-testid="total-score"]')?.textContent === "99.00");
  assert.deepEqual(problems, []);
  await context.close();
});

test("navigation reaches 审核 and 打印 (of the report in hand)", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  await p.click(".app-nav >> text=审核");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.click(".app-nav >> text=打印");
  await p.waitForSelector('[data-testid="print-view"]');
  assert.match(await text(p, "print-view"), /总分\s*100\s*98/, "the declared 总分 is printed");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an old browser without the needed WebAssembly features gets a Chinese message", async () => {
  const { page: p, problems, context } = await page(env, {
    initScript: () => { WebAssembly.validate = () => false; },
  });
  await p.goto(env.url);
  const message = await p.waitForSelector('[data-testid="browser-unsupported"]');
  assert.match(await message.textContent(), /浏览器版本过旧.*Chrome \/ Edge 80 及以上、Firefox 79 及以上、Safari 15 及以上/);
  assert.equal(await p.locator('[data-testid="app-ready"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an unknown report id gets a Chinese message, the frame stays usable", async () => {
  const { page: p, context } = await page(env);
  await p.goto(env.url + "#/edit/no-such-report");
  await p.waitForSelector('[data-testid="app-ready"]');
  assert.match(await p.locator(".error").first().textContent(), /找不到报告/);
  await context.close();
});
