// Issue 27, a finance officer's day: a first visit lands on the start page (导入报告文件 and 新建
// first, the examples below); a Word file chosen there shows its preview in view with the focus
// on its heading; after 导入 the focus is on the first field of the first table; a skip link
// reaches the indicator table; the editor's toolbar has 导入 too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, page, copyTable } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const root = new URL("../../", import.meta.url).pathname;
const sample = (name) => ({ name, mimeType: "application/octet-stream", buffer: fs.readFileSync(path.join(root, "tests/fixtures/samples", name)) });
const focused = (p) => p.evaluate(() => {
  const e = document.activeElement;
  return { tag: e?.tagName, testid: e?.dataset?.testid ?? null, path: e?.dataset?.path ?? null };
});
/** Whether the element's box lies inside the viewport. */
const inView = (p, selector) => p.evaluate((s) => {
  const r = document.querySelector(s).getBoundingClientRect();
  return r.top >= -1 && r.bottom <= window.innerHeight + 1 && r.height > 0;
}, selector);

test("item 1: first visit → start page → import a Word file → preview in view, focused → 导入 → first field focused → skip link", async () => {
  const { page: p, problems, context } = await page(env);
  await p.setViewportSize({ width: 1366, height: 768 });
  await p.goto(env.url);
  await p.waitForSelector('[data-testid="drop-zone"]');
  // The start page: the drop zone and 新建 are the first thing after the title, the examples below.
  assert.equal(await p.locator('[data-testid="total-score"]').count(), 0, "no example editor on a first visit");
  assert.ok(await inView(p, '[data-testid="drop-zone"]'));
  assert.ok(await inView(p, '[data-testid="start-new"]'));
  const box = await p.locator('[data-testid="drop-zone"]').boundingBox();
  assert.ok(box.width >= 500 && box.height >= 120, `a large drop zone (${box.width}×${box.height})`);
  assert.match(await p.locator('[data-testid="drop-zone"]').textContent(), /导入报告文件.*Word.*Excel.*WPS.*网页.*JSON/);
  const firstExample = await p.locator('[data-testid="open-example"]').first().boundingBox();
  assert.ok(firstExample.y > box.y + box.height, "the examples come below");
  // 新建 takes the keyboard to the new-report form.
  await p.locator('[data-testid="start-new"]').click();
  assert.equal((await focused(p)).testid, "new-department");

  // Choose the seed 000 Word file: its preview is in view and its heading holds the focus.
  await p.locator('[data-testid="import-input"]').setInputFiles([sample("seed-000-附件2.docx")]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
  await p.waitForFunction(() => document.activeElement?.dataset?.testid === "import-preview-heading");
  assert.ok(await inView(p, '[data-testid="import-preview-heading"]'), "the preview's heading is on screen");
  assert.ok(await inView(p, '[data-testid="import-figures"]'), "the preview's 总分 are on screen");
  // Keyboard on: Tab from the heading reaches the preview's choices, then 导入.
  await p.locator('[data-testid="import-confirm"]').focus();
  await p.keyboard.press("Enter");
  await p.waitForURL(/#\/edit\//);
  await p.waitForSelector('[data-testid="total-score"]');
  await p.waitForFunction(() => document.activeElement?.dataset?.path === "overall.budget.initial");

  // From the top of the page, the skip link to the indicator table is a few Tab presses away.
  await p.reload();
  await p.waitForSelector('[data-testid="total-score"]');
  let presses = 0;
  for (; presses < 12; presses++) {
    await p.keyboard.press("Tab");
    if ((await focused(p)).testid === "skip-to-table") break;
  }
  assert.ok(presses < 12, "跳到指标表 is reached within 12 Tab presses");
  await p.keyboard.press("Enter");
  await p.waitForFunction(() => /^overall\.indicators\[0\]/.test(document.activeElement?.dataset?.path ?? ""));
  assert.deepEqual(problems, []);
  await context.close();
});

test("item 1: 导入 in the editor's toolbar opens the import panel; a file there becomes a new report", async () => {
  const { page: p, problems, context } = await page(env);
  await p.setViewportSize({ width: 1366, height: 768 });
  await p.goto(env.url + "#/edit/seed-001");
  await p.waitForSelector('[data-testid="total-score"]');
  await p.locator('[data-testid="editor-import"]').click();
  await p.waitForSelector('.editor [data-testid="drop-zone"]');
  assert.equal(await p.locator('[data-testid="editor-import"]').getAttribute("aria-expanded"), "true");
  await p.locator('.editor [data-testid="import-input"]').setInputFiles([sample("seed-003-整体绩效自评表.xlsx")]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
  await p.waitForFunction(() => document.activeElement?.dataset?.testid === "import-preview-heading");
  assert.ok(await inView(p, '[data-testid="import-preview-heading"]'));
  await p.locator('[data-testid="import-confirm"]').click();
  await p.waitForURL((u) => /#\/edit\//.test(u.href) && !/seed-001$/.test(u.href));
  await p.waitForFunction(() => document.querySelector('[data-testid="total-score"]')?.textContent === "94.15");
  assert.deepEqual(problems, []);
  await context.close();
});

/** Each indicator column's width in ems of its own font, the table's scroll state. */
const columns = (p) => p.evaluate(() => {
  const table = document.querySelector("table.indicators");
  const row = table.querySelector("tbody tr");
  const cells = [...row.children].map((td) => td.getBoundingClientRect().width / parseFloat(getComputedStyle(td).fontSize));
  return { cells, scrolls: table.scrollWidth > table.clientWidth + 1, overflow: getComputedStyle(table).overflowX };
});

test("item 2: every indicator column is at least 6 characters wide or reachable at 1024 px, 1366 px and 200 % zoom; wide screens use the width", async () => {
  const { page: p, problems, context } = await page(env);
  // 200 % zoom of a 1366×768 screen is a 683×384 CSS viewport.
  for (const [width, height] of [[1366, 768], [1024, 768], [683, 384]]) {
    await p.setViewportSize({ width, height });
    await p.goto(env.url + "#/edit/seed-000");
    await p.waitForSelector("table.indicators tbody tr");
    const { cells, scrolls, overflow } = await columns(p);
    assert.equal(cells.length, 10);
    // Text columns (一级, 二级, 三级, 指标值, 完成值, 偏差原因) at least 6 characters; figures at least 3.5 em.
    for (const [i, w] of cells.entries()) {
      const least = [0, 1, 2, 3, 4, 8].includes(i) ? 6 : 3.5;
      assert.ok(w >= least, `${width}px: column ${i + 1} is ${w.toFixed(1)} em wide`);
    }
    if (scrolls) {
      assert.equal(overflow, "auto", `${width}px: the grid scrolls sideways`);
      // The last column is reachable, and 一级 stays in place while scrolling.
      const after = await p.evaluate(() => {
        const table = document.querySelector("table.indicators");
        table.scrollLeft = table.scrollWidth;
        const row = table.querySelector("tbody tr");
        const t = table.getBoundingClientRect();
        const first = row.children[0].getBoundingClientRect();
        const reason = row.children[8].getBoundingClientRect();
        return { firstLeft: first.left - t.left, reasonRight: reason.right - t.right };
      });
      assert.ok(Math.abs(after.firstLeft) < 2, `${width}px: 一级 stays at the left edge`);
      assert.ok(after.reasonRight <= 1, `${width}px: 偏差原因 is reachable`);
    } else {
      assert.ok(width >= 1280, `${width}px: a narrow grid must scroll`);
    }
  }
  await p.setViewportSize({ width: 1920, height: 1080 });
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector("table.indicators tbody tr");
  const wide = await p.evaluate(() => document.querySelector(".section-body").getBoundingClientRect().width);
  assert.ok(wide > 1400, `at 1920 px the editor's table pane is ${wide}px wide`);
  assert.deepEqual(problems, []);
  await context.close();
});


test("item 3: 快速核分 takes a web page's 项目 table pasted into a grid cell through the recogniser", async () => {
  const { page: p, problems, context } = await page(env);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(env.url).origin });
  const dialogs = [];
  p.on("dialog", async (d) => { dialogs.push(d.message()); await d.accept(); });
  await p.goto(env.url + "#/quick");
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  assert.equal(await p.locator('[data-testid="quick-kind"]').inputValue(), "overall");
  assert.ok(await copyTable(context, fs.readFileSync(path.join(root, "tests/fixtures/samples/seed-000-附件3.html"), "utf8")));
  await p.bringToFront();
  // The focus in the first cell of the indicator grid, as a user who clicked there first.
  await p.locator('[data-path^="overall.indicators["]').first().focus();
  await p.keyboard.press("Control+V");
  await p.waitForFunction(() => document.querySelector('[data-path="overall.budget.executed"]')?.value === "100", null, { timeout: 30000 });
  assert.ok(dialogs.some((d) => /用粘贴的项目支出绩效自评表/.test(d)), dialogs.join("\n"));
  // Its cells were not filled with the title rows' fragments, and the 项目 kind is taken.
  const level1 = await p.evaluate(() => [...document.querySelectorAll('[data-path$=".level1"]')].map((e) => e.value));
  assert.ok(!level1.some((v) => /项目名称|主管部门/.test(v)), level1.join("|"));
  assert.equal(await p.locator('[data-testid="quick-kind"]').inputValue(), "project");
  assert.match(await p.locator('[data-testid="total-score"]').textContent(), /^\d+\.\d\d$/);
  // Choosing 项目 by hand gives an empty 项目 table.
  await p.locator('[data-testid="quick-kind"]').selectOption("overall");
  await p.waitForFunction(() => document.querySelector('[data-path="overall.budget.executed"]')?.value === "");
  assert.deepEqual(problems, []);
  await context.close();
});

test("item 5: the editor draws the table's score structure as SVG with a text alternative, and 导出 Word as a chart", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="score-chart-toggle"]');
  await p.locator('[data-testid="score-chart-toggle"]').click();
  const svg = p.locator('[data-testid="score-chart"] svg');
  await svg.waitFor();
  assert.equal(await svg.getAttribute("role"), "img");
  assert.match(await svg.getAttribute("aria-label"), /得分结构/);
  assert.ok(await p.locator('[data-testid="score-chart"] svg rect').count() >= 4, "bars drawn");
  assert.match(await p.locator('[data-testid="score-chart"] figcaption').textContent(), /^部门整体得分结构：预算执行率 分值 \d+\.\d\d分、得分 /);
  // 导出 Word: a chart part per scored table (a stored zip: its parts readable as bytes), each
  // placed in the document with its text alternative as the drawing's description.
  const [download] = await Promise.all([p.waitForEvent("download", { timeout: 60000 }), p.locator('[data-testid="export-docx"]').click()]);
  const docx = fs.readFileSync(await download.path()).toString("utf8");
  for (const n of [1, 2]) {
    assert.ok(docx.includes(`word/charts/chart${n}.xml`) && docx.includes(`Target="charts/chart${n}.xml"`) && docx.includes(`r:id="rIdChart${n}"`), `chart ${n} in the .docx`);
  }
  assert.ok(!docx.includes("word/charts/chart3.xml"), "one chart per scored table (整体 and the project)");
  assert.match(docx, /<a:t>部门整体得分结构<\/a:t>.*<c:v>分值<\/c:v>.*<c:v>预算执行率<\/c:v>/s);
  assert.match(docx, /descr="部门整体得分结构：预算执行率 分值 \d+\.\d\d分、得分 /);
  // In print: one chart per scored table with its caption; the option takes them out.
  await p.goto(env.url + "#/print/seed-000");
  await p.waitForSelector('[data-testid="print-view"] [data-testid="charts"] svg');
  assert.equal(await p.locator('[data-testid="print-view"] [data-testid="charts"] svg').count(), 2, "整体 and the project");
  assert.match(await p.locator('[data-testid="print-view"] [data-testid="charts"] figcaption').first().textContent(), /得分结构：/);
  await p.locator('[data-testid="print-charts"]').uncheck();
  await p.waitForFunction(() => !document.querySelector('[data-testid="print-view"] [data-testid="charts"]'));
  // On 审核's opened report.
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.locator('[data-testid="review-input"]').setInputFiles([sample("seed-003-整体绩效自评表.xlsx")]);
  await p.waitForSelector('[data-testid="review-row"] a', { timeout: 30000 });
  await p.locator('[data-testid="review-row"] a').last().click();
  await p.waitForSelector('[data-testid="review-report"] [data-testid="charts"] svg');
  assert.deepEqual(problems, []);
  await context.close();
});

test("item 6: the same .xlsx imported twice asks before it makes a second identical draft", async () => {
  const { page: p, problems, context } = await page(env);
  const dialogs = [];
  let answer = true;
  p.on("dialog", async (d) => { dialogs.push(d.message()); if (answer) await d.accept(); else await d.dismiss(); });
  await p.goto(env.url + "#/");
  const drafts = () => p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.draft.")).length);
  const importOnce = async () => {
    await p.goto(env.url + "#/");
    await p.locator('[data-testid="import-input"]').setInputFiles([sample("seed-003-整体绩效自评表.xlsx")]);
    await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
    await p.locator('[data-testid="import-confirm"]').click();
  };
  await importOnce();
  await p.waitForURL(/#\/edit\//);
  assert.equal(await drafts(), 1);
  assert.equal(dialogs.length, 0, "the first import asks nothing");
  // Again, and 取消: nothing stored, the preview stays.
  answer = false;
  await importOnce();
  await p.waitForFunction(() => true);
  assert.equal(dialogs.length, 1);
  assert.match(dialogs[0], /与已有草稿“.*”完全相同/);
  assert.equal(await drafts(), 1);
  assert.equal(await p.locator('[data-testid="import-preview"]').count(), 1);
  // 确定 keeps both.
  answer = true;
  await p.locator('[data-testid="import-confirm"]').click();
  await p.waitForURL(/#\/edit\//);
  assert.equal(await drafts(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("item 6: 审核 says how 差额 sorts and names packs, not ids", async () => {
  const { page: p, problems, context } = await page(env);
  await p.setViewportSize({ width: 1366, height: 768 });
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.locator('[data-testid="review-input"]').setInputFiles([sample("seed-003-整体绩效自评表.xlsx")]);
  await p.waitForSelector('[data-testid="review-row"]', { timeout: 30000 });
  assert.match(await p.locator('[data-testid="review-sort-note"]').textContent(), /差额.*绝对值/);
  const table = await p.locator('[data-testid="review-table"]').textContent();
  assert.ok(!/hubei-2024/.test(table), "no pack id on the page");
  assert.match(table, /湖北省（武汉市）2024 年度部门整体绩效自评/);
  // 部门 stays on at most two lines at 1366 px.
  const lines = await p.evaluate(() => Math.max(...[...document.querySelectorAll('[data-testid="review-row"] td:nth-child(2)')].map((td) => {
    const range = document.createRange();
    range.selectNodeContents(td);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  })));
  assert.ok(lines <= 2, `部门 on ${lines} lines`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("item 4: a 自评报告 web page without tables (seed 002's text) imports into its sections", async () => {
  const { page: p, problems, context } = await page(env);
  const text = fs.readFileSync(path.join(root, "tests/fixtures/narrative/seed-002.txt"), "utf8");
  const html = "<html><head><meta charset=\"utf-8\"></head><body>" + text.split("\n").map((l) => "<p>" + l.replace(/&/g, "&amp;").replace(/</g, "&lt;") + "</p>").join("") + "</body></html>";
  await p.goto(env.url);
  await p.locator('[data-testid="import-input"]').setInputFiles([{ name: "零陵区总工会自评报告.html", mimeType: "text/html", buffer: Buffer.from(html) }]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
  assert.match(await p.locator('[data-testid="import-preview"] .import-found').textContent(), /自评报告（5 节）/);
  // The 自评报告 is not counted as a table.
  assert.equal(await p.locator('[data-testid="import-preview-heading"]').textContent(), "“零陵区总工会自评报告.html”：识别到自评报告");
  await p.locator('[data-testid="import-department"]').fill("零陵区总工会");
  await p.locator('[data-testid="import-confirm"]').click();
  await p.waitForURL(/#\/edit\//);
  await p.locator(".section-link", { hasText: "自评报告" }).first().click();
  await p.waitForFunction(() => /一、部门（单位）基本情况/.test(document.querySelector(".section-body")?.textContent + [...document.querySelectorAll(".section-body input, .section-body textarea")].map((e) => e.value).join("|")));
  const values = await p.evaluate(() => [...document.querySelectorAll(".section-body input, .section-body textarea")].map((e) => e.value).join("|"));
  assert.match(values, /“三公”经费支出管理情况/);
  const titles = await p.evaluate(() => document.querySelector(".section-body").textContent + [...document.querySelectorAll(".section-body input")].map((e) => e.value).join("|"));
  assert.match(titles, /十、其他需要说明的情况/);

  // The same report as a Word file (LibreOffice's .docx of that page) comes into the same sections.
  await p.goto(env.url + "#/");
  await p.locator('[data-testid="import-input"]').setInputFiles([{ name: "零陵区总工会自评报告.docx", mimeType: "application/octet-stream", buffer: fs.readFileSync(path.join(root, "tests/fixtures/narrative/seed-002.lo-from-html.docx")) }]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
  assert.match(await p.locator('[data-testid="import-preview"] .import-found').textContent(), /自评报告（5 节）/);
  assert.equal(await p.locator('[data-testid="import-preview-heading"]').textContent(), "“零陵区总工会自评报告.docx”：识别到自评报告");
  assert.deepEqual(problems, []);
  await context.close();
});
