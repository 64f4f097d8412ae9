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

test("a WebAssembly trap (what a panic is in the release build) shows one Chinese banner; other errors do not", async () => {
  const { page: p, context } = await page(env);
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  // A script error that is not a trap: no banner.
  await p.evaluate(() => setTimeout(() => { throw new TypeError("not a trap"); }));
  await p.waitForTimeout(200);
  assert.equal(await p.locator('[data-testid="panic-banner"]').count(), 0);
  // A real trap (a module whose one function is `unreachable`), called from a timer as an event
  // handler's call into the app's module would be, then one from a Promise.
  await p.evaluate(() => {
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11]);
    const trap = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f;
    setTimeout(trap);
    Promise.resolve().then(trap);
  });
  await p.waitForSelector('[data-testid="panic-banner"]');
  await p.waitForTimeout(200);
  assert.equal(await p.locator('[data-testid="panic-banner"]').count(), 1, "one banner for two traps");
  assert.match(await p.locator('[data-testid="panic-banner"]').textContent(), /^程序出现意外错误，当前页面已停止响应。已保存的内容不会丢失，请刷新页面后继续/);
  assert.equal(await p.locator('[data-testid="panic-banner"]').getAttribute("role"), "alert");
  await context.close();
});

test("a trap inside a call into an on-demand module, which the app catches, still shows the banner", async () => {
  const { page: p, context } = await page(env);
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="score-chart-toggle"]');
  // The screens module's chart drawer replaced by a function that traps, as a panic in it would.
  await p.evaluate(async () => {
    const bytes = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11]);
    const trap = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports.f;
    const screens = await globalThis.jixiaoScreens();
    screens.score_chart = () => trap();
  });
  await p.locator('[data-testid="score-chart-toggle"]').click();
  await p.waitForSelector('[data-testid="panic-banner"]');
  assert.match(await p.locator('[data-testid="panic-banner"]').textContent(), /^程序出现意外错误/);
  await context.close();
});
