// The 部门决算 editor end to end (issue 24 in the browser, on demand as issue 25 asks): a 决算
// .xlsx imported on 首页 opens in the editor; a figure changed moves the drafted 说明, a chart's
// text alternative and the findings; Ctrl+Z takes it back and Ctrl+Y redoes it; a reload keeps
// the draft; a written 说明 with a wrong share is found and its link highlights the sentence;
// 导出 Word gives a .docx (its content is checked in LibreOffice by tests/final_accounts_out.rs).
// The editor's page side is the pages module, loaded on the first visit of #/fa, never at start-up.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { start, page } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const xlsx = fs.readFileSync(new URL("../../tests/fixtures/final_accounts/seed-004.xlsx", import.meta.url));

/// Waits until the first element matching `selector` holds every one of `needles`.
async function waitText(p, selector, needles, what) {
  await p.waitForFunction(([s, all]) => {
    const el = document.querySelector(s);
    return !!el && all.every((n) => el.textContent.includes(n));
  }, [selector, needles], { timeout: 20000 }).catch(async (e) => {
    const now = await p.locator(selector).first().textContent().catch(() => "(missing)");
    assert.fail(`${what}: ${e.message.split("\n")[0]}: ${now}`);
  });
}

test("a 决算 .xlsx opens in the 决算 editor; figures, 说明, charts, findings, undo, reload, a written 说明 and 导出 Word", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/");
  await p.locator('[data-testid="app-ready"]').waitFor();
  await p.locator('[data-testid="fa-home"]').waitFor();
  await p.locator('[data-testid="import-input"]').setInputFiles([{ name: "决算公开表.xlsx", mimeType: "application/octet-stream", buffer: xlsx }]);
  // Opened in the editor: its own address, the tables as forms with inputs.
  await p.waitForFunction(() => location.hash.startsWith("#/fa/"), null, { timeout: 30000 });
  await p.locator('[data-testid="fa-title"]').waitFor({ timeout: 30000 });
  assert.match(await p.locator('[data-testid="fa-title"]').textContent(), /2024年度部门决算/);
  assert.equal(await p.locator('[data-testid="fa-table"]').count(), 9);
  assert.equal(await p.locator('[data-testid="loading"]').count(), 0, "the loading line is gone");

  const expense = p.locator("section.fa-table").filter({ has: p.locator("h3", { hasText: /^支出决算表$/ }) });
  const basic = expense.locator('input[aria-label="合计 基本支出"]');
  assert.equal(await basic.inputValue(), "844.68");
  const draft = '[data-testid="fa-draft"]';
  const alt3 = '[data-testid="fa-charts"] figure:nth-of-type(3) figcaption';
  await waitText(p, draft, ["基本支出844.68万元"], "the drafted 说明 before");
  const finding = "本年支出合计”应等于基本支出 + 项目支出";
  const findings = () => p.locator('[data-testid="fa-findings"]').textContent();
  assert.ok(!(await findings()).includes(finding));

  // A figure changed: the 说明, chart 3's text alternative and a check finding follow.
  await basic.fill("８５０");
  await basic.press("Tab");
  await waitText(p, draft, ["基本支出850.00万元"], "the drafted 说明 after the change");
  await waitText(p, alt3, ["基本支出 850.00万元"], "chart 3's text alternative");
  assert.ok((await findings()).includes(finding), await findings());
  assert.equal(await expense.locator('input[aria-label="合计 基本支出"]').inputValue(), "850.00");
  assert.equal(await expense.locator('input[aria-label="合计 本年支出合计"]').getAttribute("aria-invalid"), "true", "the cell of the finding is marked");
  // Focus went on with Tab and stays after the new view came.
  assert.equal(await p.evaluate(() => document.activeElement && document.activeElement.getAttribute("aria-label")), "合计 项目支出");
  // The finding's link focuses its cell.
  await p.locator('[data-testid="fa-findings"] button', { hasText: finding }).first().click();
  assert.equal(await p.evaluate(() => document.activeElement && document.activeElement.getAttribute("aria-label")), "合计 本年支出合计");

  // Ctrl+Z takes it back, Ctrl+Y redoes it.
  await p.keyboard.press("Control+z");
  await waitText(p, draft, ["基本支出844.68万元"], "undone");
  // 844.68 is also the 一般公共预算 table's 基本支出, which the 说明 names too: the undo's answer
  // is in when 850.00 is gone.
  await p.waitForFunction((s) => !document.querySelector(s).textContent.includes("基本支出850.00万元"), draft, { timeout: 20000 });
  assert.ok(!(await findings()).includes(finding));
  await p.keyboard.press("Control+y");
  await waitText(p, draft, ["基本支出850.00万元"], "redone");

  // Reload: the draft is kept, and 首页 lists it.
  await p.reload();
  await waitText(p, draft, ["基本支出850.00万元"], "after reload");
  await p.goto(env.url + "#/");
  await p.locator('[data-testid="fa-home-link"]').click();
  await waitText(p, '[data-testid="fa-drafts"]', ["2024年度部门决算"], "the 部门决算 page's drafts");
  await p.locator('[data-testid="fa-open"]').first().click();
  await waitText(p, draft, ["基本支出850.00万元"], "opened from 首页");

  // A written 说明 with a wrong share (99.78% written 98.78%): listed, and its link highlights it.
  const statement = "二、收入决算情况说明\n2024年度本年收入合计903.30万元，其中：一般公共预算财政拨款收入901.30万元，占98.78%；政府性基金预算财政拨款收入2.00万元，占0.22%。";
  await p.locator('[data-testid="fa-statement"]').fill(statement);
  await p.locator('[data-testid="fa-statement"]').blur();
  const link = p.locator('[data-testid="fa-findings"] button[data-goto="sentence"]', { hasText: "98.78%" });
  await link.first().waitFor({ timeout: 20000 });
  await link.first().click();
  const sentence = p.locator("#fa-s-1");
  assert.match(await sentence.getAttribute("class"), /highlight/);
  assert.match(await sentence.textContent(), /占98\.78%/);
  assert.equal(await p.locator(".fa-sentences .highlight").count(), 1);

  // 导出 Word: a .docx named after the document.
  const [d] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="export-docx"]').click()]);
  assert.match(d.suggestedFilename(), /2024年度部门决算\.docx$/);
  const size = fs.statSync(await d.path()).size;
  assert.ok(size > 20000, `docx of ${size} B`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a refused figure keeps the document and says why; a new 决算 starts from 首页; 打印 and 导出 Excel", async () => {
  const { page: p, problems, context } = await page(env, { initScript: "window.print = () => { window.__printed = (window.__printed || 0) + 1; };" });
  await p.goto(env.url + "#/");
  await p.locator('[data-testid="fa-home"]').waitFor();
  await p.locator('[data-testid="fa-home-link"]').click();
  await p.locator('[data-testid="fa-new-department"]').fill("某区总工会");
  await p.locator('[data-testid="fa-new"]').click();
  await p.waitForFunction(() => location.hash.startsWith("#/fa/"), null, { timeout: 30000 });
  await p.locator('[data-testid="fa-title"]').waitFor({ timeout: 30000 });
  assert.match(await p.locator('[data-testid="fa-title"]').textContent(), /某区总工会\d{4}年度部门决算/);
  const cell = p.locator('input[aria-label="一、一般公共预算财政拨款收入 决算数"]');
  await cell.fill("十二");
  await cell.press("Enter");
  await waitText(p, '[data-testid="fa-message"]', ["“十二”不是有效的数字", "本格仍为 空白"], "the refused value's message");
  assert.equal(await p.locator('input[aria-label="一、一般公共预算财政拨款收入 决算数"]').inputValue(), "");
  // 元 are read as 元: 1,200,000 元 is 120.00 万元.
  await p.locator('input[aria-label="一、一般公共预算财政拨款收入 决算数"]').fill("1,200,000元");
  await p.locator('input[aria-label="一、一般公共预算财政拨款收入 决算数"]').press("Enter");
  await p.waitForFunction(() => document.querySelector('input[aria-label="一、一般公共预算财政拨款收入 决算数"]')?.value === "120.00", null, { timeout: 20000 });
  // 打印: the print copy (the nine forms, the 说明, six charts, 名词解释) is in the page, then printed.
  await p.locator('[data-testid="fa-print"]').click();
  await p.waitForFunction(() => window.__printed === 1, null, { timeout: 20000 });
  assert.equal(await p.locator("#fa-print svg").count(), 6);
  const printed = await p.locator("#fa-print").textContent();
  for (const part of ["收入支出决算总表", "财政拨款“三公”经费支出决算表", "部门决算情况说明", "名词解释", "120.00"]) assert.ok(printed.includes(part), part);
  const [x] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="export-xlsx"]').click()]);
  assert.match(x.suggestedFilename(), /某区总工会\d{4}年度部门决算\.xlsx$/);
  assert.ok(fs.statSync(await x.path()).size > 5000);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a cold visit to 首页 does not fetch the pages module; opening #/fa/<id> does, once", async () => {
  const { page: p, problems, context } = await page(env);
  const pages = [];
  p.on("request", (r) => { if (/jixiao-pages/.test(r.url())) pages.push(new URL(r.url()).pathname.split("/").pop()); });
  await p.goto(env.url + "#/");
  await p.locator('[data-testid="app-ready"]').waitFor();
  await p.locator('[data-testid="fa-home-link"]').waitFor();
  await p.waitForLoadState("networkidle");
  assert.deepEqual(pages, [], "首页's start-up requests");
  // A draft id that does not exist: the module loads and says so.
  await p.evaluate(() => { location.hash = "#/fa/nothing-here"; });
  await waitText(p, '[data-testid="fa-error"]', ["找不到该部门决算草稿"], "the module's message");
  assert.deepEqual(pages.map((n) => n.replace(/-[0-9a-f]{16}\./, ".")).sort(), ["jixiao-pages.js", "jixiao-pages_bg.wasm.gz"]);
  // Back to 首页 and into the editor's page again: the module is not fetched a second time.
  await p.evaluate(() => { location.hash = "#/"; });
  await p.locator('[data-testid="fa-home-link"]').click();
  await p.locator('[data-testid="fa-new"]').waitFor();
  assert.equal(pages.length, 2, pages.join(", "));
  assert.deepEqual(problems, []);
  await context.close();
});

test("审核 takes 决算 files: one row per table plus the 说明, as jixiao-check counts them; 全部备份 carries the 决算 drafts", async () => {
  const { page: p, problems, context } = await page(env);
  const root = new URL("../../", import.meta.url).pathname;
  const seed003 = path.join(root, "tests/fixtures/final_accounts/seed-003.json");
  execFileSync("cargo", ["build", "--quiet", "--bin", "jixiao-check"], { cwd: root, stdio: "inherit" });
  let cli;
  try {
    cli = JSON.parse(execFileSync(path.join(root, "target/debug/jixiao-check"), ["--json", seed003]).toString());
  } catch (e) {
    cli = JSON.parse(e.stdout.toString()); // exit code 1: the 说明 has errors
  }
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.locator('[data-testid="review-input"]').setInputFiles([
    { name: "汉阳区决算.json", mimeType: "application/json", buffer: fs.readFileSync(seed003) },
    { name: "安居区决算公开表.xlsx", mimeType: "application/octet-stream", buffer: xlsx },
  ]);
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length === 20, null, { timeout: 30000 });
  const rows = await p.evaluate(() => [...document.querySelectorAll('[data-testid="review-row"]')].map((tr) => [...tr.children].map((td) => td.textContent)));
  const hanyang = rows.filter((r) => r[0] === "汉阳区决算.json");
  assert.equal(hanyang.length, cli.length, "one row per table plus the 说明, as jixiao-check --json");
  for (const c of cli) {
    const row = hanyang.find((r) => r[2] === `部门决算：${c.table}`);
    assert.ok(row, c.table);
    assert.equal([row[1], row[3], row[8], row[9]].join("|"), ["武汉市汉阳区总工会", "部门决算", c.errors, c.warnings].join("|"), c.table);
  }
  const statement = hanyang.find((r) => r[2] === "部门决算：情况说明");
  assert.equal(statement[8], "4");
  assert.ok(statement[11].length > 0, "the first problem is named");
  assert.match(await p.locator('[data-testid="review-counts"]').textContent(), /共 20 张表/);
  // 只看有错误的: the rows with errors remain, and no row of one file is called a copy of another.
  await p.locator('[data-testid="only-errors"]').check();
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length < 20);
  const shown = await p.evaluate(() => [...document.querySelectorAll('[data-testid="review-row"]')].map((tr) => tr.children[8].textContent));
  assert.ok(shown.length >= 1 && shown.every((n) => Number(n) > 0), shown.join(","));
  assert.ok(!rows.some((r) => r[11].includes("重复")));

  // 全部备份 → storage cleared → 恢复备份: the 决算 draft and its name are back.
  await p.goto(env.url + "#/");
  await p.locator('[data-testid="app-ready"]').waitFor();
  await p.locator('[data-testid="import-input"]').setInputFiles([{ name: "决算公开表.xlsx", mimeType: "application/octet-stream", buffer: xlsx }]);
  await p.locator('[data-testid="fa-title"]').waitFor({ timeout: 30000 });
  await p.goto(env.url + "#/");
  await p.locator('[data-testid="backup-all"]').waitFor();
  const stored = () => p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.fa")).sort().map((k) => [k, localStorage.getItem(k)]));
  const before = await stored();
  assert.equal(before.length, 2, "the draft and its record");
  const [download] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="backup-all"]').click()]);
  const backup = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  assert.equal(backup.final_accounts.length, 1);
  await p.evaluate(() => localStorage.clear());
  await p.reload();
  await p.locator('[data-testid="restore-input"]').waitFor({ state: "attached" });
  await p.locator('[data-testid="restore-input"]').setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: fs.readFileSync(await download.path()) });
  await waitText(p, '[data-testid="backup-status"]', ["已恢复 1 个草稿"], "the restore's message");
  assert.deepEqual(await stored(), before);
  await p.evaluate(() => { location.hash = "#/fa"; });
  const name = JSON.parse(before.find(([k]) => k.startsWith("jixiao.fa-meta."))[1]).name;
  assert.match(name, /遂宁市安居区总工会2024年度部门决算/);
  await waitText(p, '[data-testid="fa-drafts"]', [name], "the 决算 list after the restore");
  assert.deepEqual(problems, []);
  await context.close();
});
