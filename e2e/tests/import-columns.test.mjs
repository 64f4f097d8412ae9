// Assigning an unrecognised column by hand in the import preview (issue 22), end to end in
// Chromium: a 部门整体 table whose actual-value head no rule knows ("全年数" under a merged
// 指标值) is previewed with its loss said in words; 第 5 列 → 实际完成值 re-reads the table at
// once; 导入 brings the table in with its actual values; the next file with the same header
// gets the same assignment by itself, and 清除指定 forgets it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, page, unknownHeadFile } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const file = unknownHeadFile();
const select = '[data-testid="import-column-1-5"]';

async function preview(p) {
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  await p.locator('[data-testid="import-input"]').setInputFiles([file]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
}

test("a column assigned by hand is read at once, imported with its actual values and remembered", async () => {
  const { page: p, problems, context } = await page(env);
  await preview(p);
  // The loss is said in words on the table, not only in the list of cells.
  const unread = await p.locator('[data-testid="import-unread"]').textContent();
  assert.match(unread, /4 个“指标值全年数”未读入（第 5 列）/);
  assert.equal(await p.locator(select).inputValue(), "");
  await p.locator(select).selectOption("actual");
  await p.waitForFunction(() => !document.querySelector('[data-testid="import-unread"]'));
  assert.equal(await p.locator(select).inputValue(), "actual");
  await p.waitForSelector('[data-testid="import-clear-columns"]');
  await p.locator('[data-testid="import-confirm"]').click();
  await p.waitForURL(/#\/edit\//);
  await p.waitForSelector('[data-path="overall.indicators[0].actual"]');
  const actual = (i) => p.locator(`[data-path="overall.indicators[${i}].actual"]`).inputValue();
  assert.deepEqual([await actual(0), await actual(1), await actual(2), await actual(3)], ["520人", "100%", "5.5%", "95%"]);
  assert.equal(await p.locator('[data-testid="summary-unread"]').count(), 0, "nothing left unread");

  // The same header again: the assignment is applied by itself; 清除指定 forgets it.
  await preview(p);
  await p.waitForFunction((s) => document.querySelector(s)?.value === "actual", select);
  assert.equal(await p.locator('[data-testid="import-unread"]').count(), 0);
  await p.locator('[data-testid="import-clear-columns"]').click();
  await p.waitForSelector('[data-testid="import-unread"]');
  assert.equal(await p.locator(select).inputValue(), "");
  const stored = await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.columns.")));
  assert.deepEqual(stored, []);
  // Imported without the assignment, the editor's summary says what was not read.
  await p.locator('[data-testid="import-confirm"]').click();
  await p.waitForURL(/#\/edit\//);
  await p.waitForSelector('[data-testid="summary-unread"]');
  assert.match(await p.locator('[data-testid="summary-unread"]').textContent(), /4 个“指标值全年数”未读入/);
  assert.deepEqual(problems, []);
  await context.close();
});
