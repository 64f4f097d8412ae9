// The daily work of a finance officer (issue 17 items 2, 3, 6, 7, 11, 13 and issue 15 item 4),
// end to end in Chromium: each test first does what the issue describes went wrong, then checks
// what the user now sees.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { start, page } from "./harness.mjs";
import { largeReport, LARGE_ID } from "../bench/large.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const seed000 = JSON.parse(fs.readFileSync(new URL("../../tests/fixtures/seeds/seed-000.json", import.meta.url))).report;
const text = (p, id) => p.locator(`[data-testid="${id}"]`).first().textContent();
const field = (p, path) => p.locator(`[data-path="${path}"]`);

async function open(p, id) {
  await p.goto(env.url + "#/edit/" + id);
  await p.waitForSelector('[data-testid="total-score"]');
}

async function csvOf(p) {
  const [download] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="export-csv"]').click()]);
  return fs.readFileSync(await download.path()).toString("utf8");
}

async function paste(p, path, data) {
  await field(p, path).focus();
  await p.evaluate((data) => {
    const dt = new DataTransfer();
    dt.setData("text/plain", data);
    document.activeElement.dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
}

/** The printed cells of the indicator row named `name`, from the 三级指标 cell on. */
async function printedRow(p, name) {
  return p.evaluate((name) => {
    for (const tr of document.querySelectorAll('[data-testid="print-view"] table.indicators tr')) {
      const cells = [...tr.querySelectorAll("td")].map((td) => td.textContent);
      const at = cells.indexOf(name);
      if (at >= 0) return cells.slice(at);
    }
    return null;
  }, name);
}

/** The printed cells of the budget block's row labelled `label` (the first such row). */
async function budgetRow(p, label) {
  return p.evaluate((label) => {
    for (const tr of document.querySelectorAll('[data-testid="print-view"] .scored table:not(.indicators) tr')) {
      const cells = [...tr.querySelectorAll("th, td")].map((c) => c.textContent);
      if (cells[0] === label) return cells;
    }
    return null;
  }, label);
}

test("17.2: the budget block's 其中 rows have fields, print and go to CSV; the footer says 单位负责人签字", async () => {
  const { page: p, problems, context } = await page(env);
  await open(p, "seed-000");
  assert.equal(await field(p, "overall.budget.by_source[0].label").inputValue(), "一般公共预算");
  await field(p, "overall.budget.by_source[0].executed").fill("700");
  await p.locator(".section-link", { hasText: seed000.projects[0].name }).click();
  await p.waitForSelector('[data-path="projects[0].budget.by_source[0].initial"]');
  assert.deepEqual(
    await Promise.all(["label", "initial", "adjusted", "executed"].map((f) => field(p, `projects[0].budget.by_source[0].${f}`).inputValue())),
    ["当年财政拨款", "100", "100", "100"],
  );
  await field(p, "projects[0].budget.by_source[1].executed").fill("5");
  assert.equal(await p.getByLabel("单位负责人签字", { exact: true }).count(), 1, "the editor names the footer field as the form does");
  const csv = await csvOf(p);
  assert.match(csv, /\r\n其中：当年财政拨款,100,100,100\r\n上年结转资金,0,0,5\r\n其他资金,,,\r\n/);
  await p.waitForFunction(() => /已保存/.test(document.querySelector('[data-testid="save-status"]')?.textContent || ""));
  await p.getByRole("link", { name: "打印", exact: true }).click();
  await p.waitForSelector('[data-testid="print-view"]');
  const printed = (await p.locator('[data-testid="print-view"]').textContent()).replace(/\s+/g, "");
  for (const s of ["年度资金总额", "按收入性质分：", "按支出性质分：", "单位负责人签字："]) {
    assert.ok(printed.includes(s), `the print shows ${s}`);
  }
  // Each 其中 row with its 年初预算数, 全年预算数 and 全年执行数, laid out as in Word and Excel.
  for (const row of [["其中：一般公共预算", "", "", "700"], ["其中：基本支出", "", "", "2019.16"], ["项目支出", "", "", "932.67"], ["其中：当年财政拨款", "100", "100", "100"], ["上年结转资金", "0", "0", "5"]]) {
    assert.deepEqual(await budgetRow(p, row[0]), row, `the printed 其中 row ${row[0]}`);
  }
  assert.ok(!printed.includes("项目负责人"), "seed 000's forms have no 项目负责人 line");
  assert.deepEqual(problems, []);
  await context.close();
});

test("17.11: the print shows seed 001's declared 得分; 采用计算结果 writes the computed ones as one undo step", async () => {
  const { page: p, problems, context } = await page(env);
  await open(p, "seed-001");
  const n = await p.locator('[data-path^="overall.indicators["][data-path$="].declared_score"]').count();
  let row = -1;
  let computed = "";
  for (let i = 0; i < n && row < 0; i++) {
    const declared = await field(p, `overall.indicators[${i}].declared_score`).inputValue();
    const score = await p.locator(`tr:has([data-path="overall.indicators[${i}].declared_score"]) .score-cell .computed`).first().textContent();
    if (declared === "10" && /^\d/.test(score.trim()) && Number(score.trim().replace(/[^\d.]/g, "")) < 10) { row = i; computed = score.trim().replace(/[^\d.]/g, ""); }
  }
  assert.ok(row >= 0, "seed 001 has a row declared 10 that the app scores lower");
  const name = await field(p, `overall.indicators[${row}].name`).inputValue();

  const printPage = await context.newPage();
  await printPage.goto(env.url + "#/print/seed-001");
  await printPage.waitForSelector('[data-testid="print-view"]');
  const cells = await printedRow(printPage, name);
  assert.equal(cells[4], "10", `printed 得分 is the declared 10, not ${computed}`);
  await printPage.close();

  await p.locator('[data-testid="adopt-computed"]').first().click();
  assert.match(await p.locator(".notice").textContent(), /已采用计算结果，改写 \d+ 处填报数/);
  assert.equal(Number(await field(p, `overall.indicators[${row}].declared_score`).inputValue()), Number(computed));
  assert.equal(await field(p, "overall.declared_grade").inputValue(), await text(p, "grade"));
  await p.keyboard.press("Control+z");
  await p.waitForFunction((path) => document.querySelector(`[data-path="${path}"]`)?.value === "10", `overall.indicators[${row}].declared_score`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("17.3: 插入数据 writes each section its own paragraph, never the same one twice", async () => {
  const { page: p, problems, context } = await page(env);
  await open(p, "seed-000");
  await p.locator(".section-link", { hasText: "自评报告" }).click();
  const buttons = p.locator('[data-testid="insert-data"]');
  const n = await buttons.count();
  assert.equal(n, 10);
  const texts = [];
  for (let i = 0; i < n; i++) {
    await field(p, `narrative[${i}].text`).fill("");
    await buttons.nth(i).click();
    texts.push(await field(p, `narrative[${i}].text`).inputValue());
  }
  assert.match(texts[1], /全年执行数2951\.83万元/);
  for (const i of [2, 3, 4, 8, 9]) assert.equal(texts[i], "", `section ${i + 1} has nothing of its own in seed 000`);
  assert.match(texts[5], /^部门整体支出绩效自评得分98\.00分/);
  assert.match(texts[6], /未得满分：.*“活动阵地建设”分值5分，得3\.00分/);
  assert.match(texts[6], /预算执行率373\.29%/);
  const filled = texts.filter((t) => t);
  assert.equal(new Set(filled).size, filled.length, "no paragraph twice");
  assert.deepEqual(problems, []);
  await context.close();
});

test("17.7: a pasted multi-line 一级 cell gives the name and the declared weight; names keep no line break", async () => {
  const { page: p, problems, context } = await page(env);
  await open(p, "seed-000");
  await paste(p, "overall.indicators[0].level1", "\"产出指标\n(45分)\"\t数量指标\t\"活动阵地\n建设\"\t≥4次\t5次\t5\t5\t\"原因一\n原因二\"\r\n");
  await p.waitForFunction(() => document.querySelector('[data-path="overall.indicators[0].name"]')?.value === "活动阵地建设");
  assert.equal(await field(p, "overall.indicators[0].level1").inputValue(), "产出指标");
  assert.equal(await field(p, "overall.level1_weights[0].weight").inputValue(), "45", "the header weight is taken as declared");
  const csv = await csvOf(p);
  assert.ok(csv.includes("\"原因一\n原因二\""), "偏差原因 keeps its lines");
  assert.match(csv, /\r\n产出指标,数量指标,活动阵地建设,/);
  assert.ok(!csv.includes("活动阵地\n") && !csv.includes("(45分)"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("17.6: a refused number shows the value in force, before and after a reload; unit suffixes are understood", async () => {
  const { page: p, problems, context } = await page(env);
  await open(p, "seed-000");
  const executed = field(p, "overall.budget.executed");
  await executed.fill("abc");
  assert.match(await p.locator(".cell-error").first().textContent(), /“abc”不是有效的数字，本格保留原值 2951\.83。/);
  // Ctrl+Z takes back the refused typing (issue 27): the value in force returns, no error left.
  await p.keyboard.press("Control+z");
  assert.equal(await executed.inputValue(), "2951.83", "Ctrl+Z after a refused entry restores the cell");
  assert.equal(await p.locator(".cell-error").count(), 0);
  await executed.fill("abc");
  await p.keyboard.press("Tab");
  assert.equal(await executed.inputValue(), "2951.83", "leaving the cell shows the value in force");
  assert.match(await text(p, "cell-kept"), /未采用“abc”，本格仍为 2951\.83/);
  assert.equal(await text(p, "budget-rate"), "373.29%");

  await executed.fill("1,581.54万元");
  assert.equal(await text(p, "budget-rate"), "200.00%", "万元 in a 万元 table is the number");
  await executed.fill("7907700元");
  assert.equal(await text(p, "budget-rate"), "100.00%", "元 in a 万元 table is converted");
  await field(p, "overall.declared_total").fill("97分");
  assert.equal(await p.locator(".cell-error").count(), 0);
  await executed.fill("12分");
  assert.match(await p.locator(".cell-error").first().textContent(), /本格保留原值 790\.77。/, "分 is not money");
  await p.keyboard.press("Tab");
  await p.waitForFunction(() => /已保存/.test(document.querySelector('[data-testid="save-status"]')?.textContent || ""));
  const shown = await executed.inputValue();
  await p.reload();
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  assert.equal(await field(p, "overall.budget.executed").inputValue(), shown, "a reload shows what the cell showed");
  assert.equal(shown, "790.77");
  // "—" means not applicable: the figure is empty for the calculation (no 执行率), and the cell
  // shows "/" again after a reload instead of looking blank.
  await field(p, "overall.budget.executed").fill("—");
  assert.equal(await p.locator(".cell-error").count(), 0);
  assert.equal(await text(p, "budget-rate"), "—");
  await p.keyboard.press("Tab");
  await p.waitForFunction(() => /已保存/.test(document.querySelector('[data-testid="save-status"]')?.textContent || ""));
  await p.reload();
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  assert.equal(await field(p, "overall.budget.executed").inputValue(), "/");
  assert.deepEqual(problems, []);
  await context.close();
});

async function keystrokes(p, n) {
  return p.evaluate(async (n) => {
    const cell = document.querySelector('[data-path="overall.indicators[0].actual"]');
    const total = document.querySelector('[data-testid="total-score"]');
    const times = [];
    for (let i = 0; i < n + 3; i++) {
      const before = total.textContent;
      const t0 = performance.now();
      cell.value = i % 2 === 0 ? "5次" : "10次";
      cell.dispatchEvent(new Event("input", { bubbles: true }));
      await new Promise((resolve) => {
        if (total.textContent !== before) return resolve();
        const mo = new MutationObserver(() => { if (total.textContent !== before) { mo.disconnect(); resolve(); } });
        mo.observe(total, { characterData: true, childList: true, subtree: true });
      });
      if (i >= 3) times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 5));
    }
    return times.sort((a, b) => a - b);
  }, n);
}

test("17.13: one keystroke in a 300-row 整体表 takes milliseconds, not a large part of a second", async () => {
  // 500 ms: the order of magnitude on a shared, loaded CI machine; the budget (p95 ≤ 16 ms) is
  // measured by bench/keystroke.mjs on an idle machine (BENCHMARKS.md: p95 11.2 ms).
  for (const [rows, limit] of [[300, 500]]) {
    const { page: p, problems, context } = await page(env, {});
    await p.addInitScript((t) => localStorage.setItem("jixiao.draft.bench-large", t), JSON.stringify(largeReport(rows)));
    await p.goto(env.url + "#/edit/" + LARGE_ID);
    await p.waitForSelector(`[data-path="overall.indicators[${rows - 1}].actual"]`, { timeout: 120000 });
    const times = await keystrokes(p, 20);
    const p95 = times[Math.floor(times.length * 0.95)];
    assert.ok(p95 < limit, `${rows} rows: p95 ${p95.toFixed(1)} ms`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("15.4: the printed seed 000 wastes no half page except before a new 附件, and prints every row of 附件2 and 附件3", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/print/seed-000");
  await p.waitForSelector('[data-testid="print-view"]');
  await p.emulateMedia({ media: "print" });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-flow-"));
  const pdf = path.join(dir, "seed-000.pdf");
  await p.pdf({ path: pdf, preferCSSPageSize: true });
  const bbox = execFileSync("pdftotext", ["-bbox", pdf, "-"]).toString();
  const pages = [...bbox.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map(([, , h, body]) => {
    const words = [...body.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)]
      .map(([, y0, y1, t]) => ({ y0: Number(y0), y1: Number(y1), t }))
      .filter((w) => !/^(第|页|共|\d+)$/.test(w.t)); // the page footer
    words.sort((a, b) => a.y0 - b.y0);
    return { height: Number(h), bottom: Math.max(0, ...words.map((w) => w.y1)), top: words.slice(0, 3).map((w) => w.t).join("") };
  });
  assert.ok(pages.length >= 6);
  // A new 附件 (or the report body after the cover) starts with its title.
  const starts = /^(岳阳市总工会2024年度部门整体支出绩效评价自评报告|附件\d|基础数据表|部门整体支出绩效自评表|项目支出绩效自评表|评价人员)/;
  pages.forEach((pg, i) => {
    const next = pages[i + 1];
    if (next && !starts.test(next.top)) {
      assert.ok(pg.bottom / pg.height > 0.5, `page ${i + 1} is more than half empty (content ends at ${Math.round((pg.bottom / pg.height) * 100)}%) and page ${i + 2} starts no 附件: ${next.top}`);
    }
  });
  const raw = execFileSync("pdftotext", ["-raw", pdf, "-"]).toString().replace(/\s+/g, "");
  const names = [...seed000.overall.indicators, ...seed000.projects.flatMap((t) => t.indicators)].map((i) => i.name).filter((n) => n !== "无");
  for (const n of names) assert.ok(raw.includes(n.replace(/\s+/g, "")), `row ${n} printed`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("27.6: the print keeps a 9-row 项目表 on one page, 填表人 with its table and every 一级 label with its rows", async () => {
  const { page: p, problems, context } = await page(env);
  const envelope = JSON.parse(fs.readFileSync(new URL("../../tests/fixtures/seeds/seed-000.json", import.meta.url)));
  const nine = JSON.parse(JSON.stringify(envelope));
  Object.assign(nine.report, { id: "nine-rows", overall: null, basic_data: null, narrative: [] });
  nine.report.projects[0].indicators.splice(8, 1);
  await p.addInitScript((t) => localStorage.setItem("jixiao.draft.nine-rows", t), JSON.stringify(nine));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-paper-"));
  const printed = async (id) => {
    await p.goto(env.url + "#/print/" + id);
    await p.waitForSelector('[data-testid="print-view"]');
    await p.emulateMedia({ media: "print" });
    const pdf = path.join(dir, id + ".pdf");
    await p.pdf({ path: pdf, preferCSSPageSize: true });
    await p.emulateMedia({ media: "screen" });
    const n = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString())[1]);
    return Array.from({ length: n }, (_, i) => execFileSync("pdftotext", ["-layout", "-f", String(i + 1), "-l", String(i + 1), pdf, "-"]).toString());
  };
  const pages = await printed("nine-rows");
  const title = pages.findIndex((t) => t.includes("项目支出绩效自评表"));
  const fill = pages.findIndex((t) => t.includes("填表人："));
  assert.ok(title >= 0 && title === fill, `the 9-row 项目表 on one page (title on page ${title + 1}, 填表人 on page ${fill + 1})`);
  for (const [i, t] of (await printed("seed-000")).entries()) {
    const lines = t.split("\n").map((l) => l.trimStart());
    lines.forEach((l, n) => {
      if (/^（\d+分）/.test(l)) assert.ok(lines.slice(0, n).some((a) => /^(产出指标|效益指标|满意度指标)/.test(a)), `page ${i + 1}: “${l}” without its 一级 name`);
    });
    if (t.includes("填表人：")) assert.ok(t.replace(/\s+/g, "").includes("改进措施"), `page ${i + 1}: 填表人 without the table's last rows`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
