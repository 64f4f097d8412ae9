// One file, no server (issue 25): dist/jixiao.html opened from file:// in Chromium, with no
// web server running. A .docx sample imports through the reader worker (started from a Blob
// URL inside the file), an edit is kept as a draft over a reload, 导出 Word downloads a real
// .docx (a zip holding word/document.xml), and the print view shows the report. The page must
// make no request other than to its own file, data: and blob: URLs, and log no error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS } from "./harness.mjs";

const root = new URL("../../", import.meta.url).pathname;
const file = process.env.JIXIAO_HTML || path.join(root, "dist/jixiao.html");
const url = pathToFileURL(file).href;
const sample = (name) => path.join(root, "tests/fixtures/samples", name);
const text = (p, id) => p.locator(`[data-testid="${id}"]`).first().textContent();

let browser;
before(async () => {
  assert.ok(fs.existsSync(file), `${file} exists (the release build writes it)`);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
});
after(async () => { await browser?.close(); });

async function open() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const p = await context.newPage();
  const problems = [];
  p.on("console", (m) => { if (m.type() === "error") problems.push("console error: " + m.text()); });
  p.on("pageerror", (e) => problems.push("uncaught: " + e.message));
  p.on("requestfailed", (r) => problems.push("request failed: " + r.url()));
  p.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(url) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.push("other request: " + u);
  });
  return { p, problems, context };
}

test("jixiao.html from file://: import a .docx, edit, reload keeps the draft, export Word, print", async () => {
  const { p, problems, context } = await open();
  await p.goto(url + "#/");
  await p.waitForSelector('[data-testid="app-ready"]');
  await p.waitForSelector('[data-testid="import-input"]');
  await p.locator('[data-testid="import-input"]').setInputFiles([sample("seed-000-附件2.docx")]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 60000 });
  assert.equal(await text(p, "import-computed"), "98.00");
  await p.locator('[data-testid="import-confirm"]').click();
  await p.waitForURL(/#\/edit\//);
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  assert.equal(await text(p, "total-score"), "98.00");
  await p.locator('[data-path="overall.budget.executed"]').fill("790.77");
  await p.waitForFunction(() => /^已保存/.test(document.querySelector('[data-testid="save-status"]')?.textContent ?? ""));
  const editUrl = p.url();
  await p.reload();
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  assert.equal(await p.locator('[data-path="overall.budget.executed"]').inputValue(), "790.77", "the draft survives a reload");
  const [download] = await Promise.all([p.waitForEvent("download", { timeout: 60000 }), p.locator('[data-testid="export-docx"]').click()]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  const body = fs.readFileSync(await download.path());
  assert.equal(body.subarray(0, 2).toString("latin1"), "PK", "a zip file");
  assert.ok(body.includes(Buffer.from("word/document.xml")), "with word/document.xml");
  const id = editUrl.split("#/edit/")[1];
  await p.goto(url + "#/print/" + id);
  await p.waitForSelector('[data-testid="print-view"]');
  await p.emulateMedia({ media: "print" });
  const printed = (await p.locator('[data-testid="print-view"]').textContent()).replace(/\s+/g, "");
  assert.ok(printed.includes("岳阳市总工会"), "the print view shows the imported report");
  assert.ok(printed.includes("790.77"), "with the edited figure");
  const pdf = await p.pdf();
  assert.equal(pdf.subarray(0, 4).toString("latin1"), "%PDF");
  assert.deepEqual(problems, []);
  await context.close();
});

test("jixiao.html from file://: the 部门决算 page's module (inlined) loads, and a new 决算 opens in its editor", async () => {
  const { p, problems, context } = await open();
  await p.goto(url + "#/");
  await p.waitForSelector('[data-testid="app-ready"]');
  await p.locator('[data-testid="fa-home-link"]').click();
  await p.locator('[data-testid="fa-new-department"]').fill("某区总工会");
  await p.locator('[data-testid="fa-new"]').click();
  await p.waitForURL(/#\/fa\/d/);
  await p.waitForSelector('[data-testid="fa-title"]', { timeout: 60000 });
  assert.match(await text(p, "fa-title"), /某区总工会\d{4}年度部门决算/);
  assert.deepEqual(problems, []);
  await context.close();
});
