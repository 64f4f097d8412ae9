// The editor end to end (issue 4): typing seed 000's 附件2 field by field, pasting its rows as
// tab-separated text, and seed 001's findings focusing their fields.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, page } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const seed000 = JSON.parse(fs.readFileSync(new URL("../../tests/fixtures/seeds/seed-000.json", import.meta.url))).report;
const text = (p, id) => p.locator(`[data-testid="${id}"]`).first().textContent();
const field = (p, path) => p.locator(`[data-path="${path}"]`);
const COLUMNS = ["level1", "level2", "name", "target", "actual", "weight", "declared_score", "reason"];

/** Creates an empty Hunan report for 岳阳市总工会 2024 with no project table; returns on its 整体表. */
async function newReport(p) {
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="new-report"]');
  await p.getByLabel("部门（单位）名称").fill(seed000.department);
  await p.getByLabel("年度", { exact: true }).fill("2024");
  await p.getByLabel("项目支出绩效自评表数量").fill("0");
  await p.locator('[data-testid="new-report"]').click();
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  assert.match(p.url(), /#\/edit\/d\d+$/);
}

async function fillBudget(p) {
  const b = seed000.overall.budget;
  for (const [key, value] of Object.entries({ initial: b.initial, adjusted: b.adjusted, executed: b.executed, declared_rate_percent: b.declared_rate_percent, declared_score: b.declared_score })) {
    await field(p, `overall.budget.${key}`).fill(value);
  }
}

async function rowCount(p) {
  return p.locator('[data-path^="overall.indicators["][data-path$="].name"]').count();
}

test("(a) seed 000's 附件2 typed in field by field gives 总分 98.00 and 优", async () => {
  const { page: p, problems, context } = await page(env);
  await newReport(p);
  assert.equal(await text(p, "total-score"), "—", "an empty table has no total, not 0");
  await fillBudget(p);
  assert.equal(await text(p, "budget-rate"), "373.29%");
  assert.equal(await text(p, "budget-score"), "10.00");
  const rows = seed000.overall.indicators;
  while ((await rowCount(p)) > rows.length) await p.locator('[data-testid="remove-row"]').last().click();
  for (let i = 0; i < rows.length; i++) {
    if ((await rowCount(p)) <= i) await p.locator('[data-testid="add-row"]').click();
    for (const c of COLUMNS) {
      const value = rows[i][c] ?? "";
      const input = field(p, `overall.indicators[${i}].${c}`);
      if ((await input.inputValue()) !== value) await input.fill(value);
    }
  }
  await field(p, "overall.declared_total").fill("98");
  assert.equal(await text(p, "total-score"), "98.00");
  assert.equal(await text(p, "grade"), "优");
  assert.match(await p.locator(".summary-bar").textContent(), /产出指标48\.00 \/ 50/);
  // Live: lowering one row's weight changes the figures at once.
  await field(p, "overall.indicators[0].declared_score").fill("4");
  assert.match(await p.locator('[data-testid="findings"]').textContent(), /宣传教育活动次数/);
  await field(p, "overall.indicators[0].declared_score").fill("5");
  await p.waitForFunction(() => /^已保存 \d\d:\d\d:\d\d$/.test(document.querySelector('[data-testid="save-status"]')?.textContent));
  assert.deepEqual(problems, []);
  await context.close();
});

test("(b) seed 000's indicator rows pasted as tab-separated text land in the right cells", async () => {
  const { page: p, problems, context } = await page(env);
  await newReport(p);
  await fillBudget(p);
  const rows = seed000.overall.indicators;
  // As Excel copies merged 一级/二级 cells: the value in the first row of the group only.
  const tsv = rows.map((r, i) => COLUMNS.map((c) => {
    const above = rows[i - 1];
    if ((c === "level1" || c === "level2") && above && above[c] === r[c] && (c === "level2" || true)) return "";
    return r[c] ?? "";
  }).join("\t")).join("\r\n") + "\r\n";
  await field(p, "overall.indicators[0].level1").focus();
  await p.evaluate((data) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", data);
    document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, tsv);
  await p.waitForFunction(() => document.querySelector('[data-testid="total-score"]')?.textContent === "98.00");
  assert.match(await p.locator(".notice").textContent(), /已粘贴 17 行（新增 8 行）/);
  assert.equal(await rowCount(p), 17);
  for (const i of [0, 5, 13, 16]) {
    for (const c of COLUMNS) assert.equal(await field(p, `overall.indicators[${i}].${c}`).inputValue(), rows[i][c] ?? "", `row ${i} ${c}`);
  }
  assert.equal(await field(p, "overall.indicators[9].level2").inputValue(), "成本指标", "a merged cell is filled down");
  // The whole paste is one undo step.
  await p.keyboard.press("Control+z");
  await p.waitForFunction(() => document.querySelectorAll('[data-path^="overall.indicators["][data-path$="].name"]').length === 9);
  assert.equal(await text(p, "total-score"), "10.00", "back to the empty template rows: only the budget scores");
  await p.keyboard.press("Control+y");
  await p.waitForFunction(() => document.querySelector('[data-testid="total-score"]')?.textContent === "98.00");
  assert.deepEqual(problems, []);
  await context.close();
});

test("(c) seed 001 lists its findings; clicking one focuses its field, marked inline", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/edit/seed-001");
  await p.waitForSelector('[data-testid="finding"]');
  const findings = await p.locator('[data-testid="finding"]').allTextContents();
  const expected = [
    /指标“2024年度完成工作目标”得分填为 10，按规则应为 9\.00/,
    /指标“2024年度完成工作目标”得分 9\.00 低于分值 10，须填写偏差原因分析/,
    /指标“帮扶对象满意度”未填分值/,
    /指标“工会会员满意度”未填分值/,
    /指标“劳模服务满意度”未填分值/,
    /产出指标表头分值为 50，但其下各指标分值合计 70/,
    /效益指标表头分值为 30，但其下各指标分值合计 20/,
    /满意度指标表头分值为 10，但其下各指标分值合计 0/,
    /表内填报得分相加为 100\.00.*与填报总分 99 不一致/,
    /评价等次未填写/,
    /打造工会阵地建设示范点.*超过30%/,
  ];
  assert.equal(findings.length, expected.length, findings.join("\n"));
  for (const re of expected) assert.ok(findings.some((f) => re.test(f)), `missing ${re}`);
  assert.equal(await text(p, "findings-count"), "错误 10 · 警告 1");

  const target = "overall.indicators[5].declared_score";
  await p.locator(`[data-testid="finding"][data-finding="${target}"]`).click();
  await p.waitForFunction((t) => document.activeElement?.getAttribute("data-path") === t, target);
  const input = field(p, target);
  assert.equal(await input.getAttribute("aria-invalid"), "true");
  assert.match(await input.getAttribute("title"), /按规则应为 9\.00/);
  assert.match(await text(p, "explain"), /按规则应为 9\.00/, "the focused field's finding is explained");
  if (process.env.SCREENSHOTS) await p.screenshot({ path: "../docs/editor-finding-seed-001.png" });
  // Fixing the value clears its finding and the declared-sum one (the row scores now add up to 99).
  await input.fill("9");
  await p.waitForFunction(() => document.querySelector('[data-testid="findings-count"]')?.textContent === "错误 8 · 警告 1");
  // A finding in another section switches to it.
  await p.locator('[data-testid="finding"][data-finding="overall.declared_grade"]').click();
  await p.waitForFunction(() => document.activeElement?.getAttribute("data-path") === "overall.declared_grade");
  assert.deepEqual(problems, []);
  await context.close();
});

test("computed figures explain themselves; Enter moves down; undo restores a typed value; bad numbers are refused in Chinese", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  await p.locator('[data-testid="total-score"]').click();
  assert.match(await text(p, "explain"), /总分/);
  await p.locator('[data-testid="budget-rate"]').click();
  assert.match(await text(p, "explain"), /2951\.83/);

  const weight = field(p, "overall.indicators[0].weight");
  await weight.focus();
  await p.keyboard.press("Enter");
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute("data-path")), "overall.indicators[1].weight");
  await p.keyboard.press("Shift+Tab");
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute("data-path")), "overall.indicators[1].actual");

  await weight.fill("");
  await weight.pressSequentially("４");
  assert.equal(await text(p, "total-score"), "97.00");
  await weight.fill("abc");
  assert.match(await p.locator(".cell-error").first().textContent(), /“abc”不是有效的数字/);
  assert.equal(await text(p, "total-score"), "97.00", "a refused value keeps the last valid one");
  // The first Ctrl+Z takes back the refused typing (the cell shows the value in force again),
  // the next one undoes the last change the report took (４ → 5).
  await p.keyboard.press("Control+z");
  assert.equal(await weight.inputValue(), "4");
  assert.equal(await p.locator(".cell-error").count(), 0);
  assert.equal(await text(p, "total-score"), "97.00");
  await p.keyboard.press("Control+z");
  await p.waitForFunction(() => document.querySelector('[data-testid="total-score"]')?.textContent === "98.00");

  // 元/万元: amounts convert, the rate stays.
  await p.getByLabel("金额单位").first().selectOption("元");
  assert.equal(await field(p, "overall.budget.executed").inputValue(), "29518300");
  assert.equal(await text(p, "budget-rate"), "373.29%");

  // 插入数据 drafts the standard sentences.
  await p.locator(".section-link", { hasText: "自评报告" }).click();
  await p.locator('[data-testid="insert-data"]').nth(1).click();
  assert.match(await field(p, "narrative[1].text").inputValue(), /其中基本支出20191600\.00元，占68\.40%/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("usable at 200% zoom (640×360 CSS pixels): no sideways page scroll, figures and fields reachable", async () => {
  const { page: p, problems, context } = await page(env);
  await p.setViewportSize({ width: 640, height: 360 });
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  assert.ok(await p.locator('[data-testid="total-score"]').isVisible());
  const cell = field(p, "overall.indicators[16].weight");
  await cell.focus();
  assert.ok(await cell.isVisible(), "a cell at the far end of the indicator table scrolls into view");
  assert.deepEqual(problems, []);
  await context.close();
});
