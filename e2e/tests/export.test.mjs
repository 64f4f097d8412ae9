// Word and Excel out (issue 15) end to end in Chromium: the editor's 导出 Word / 导出 Excel and
// 审核's 导出 Excel / 导出 Word downloads, read by an independent reader: LibreOffice (headless,
// from Debian) converts them to PDF and CSV, and pdftotext must find the titles, every table's
// rows in order, 总分 98 / 94.15 (the declared 总分 as typed, issue 22's one figures policy), the
// 其中 rows and the "第 1 页 共 N 页" footer; 附上计算结果 puts the differing computed 执行率
// beside the declared one; a changed input cell of the downloaded workbook is recalculated in the
// 计算 columns while the form keeps the declared figures; 审核's workbook holds the rows on screen.
// Two soffice runs in all (LibreOffice is slow to start).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { start, page } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const root = new URL("../../", import.meta.url).pathname;
const seedJson = (id) => fs.readFileSync(path.join(root, `tests/fixtures/seeds/${id}.json`));
const seedReport = (id) => JSON.parse(seedJson(id).toString("utf8")).report;

/// Clicks the button and returns the download's suggested name and bytes.
async function download(p, testid) {
  const [d] = await Promise.all([p.waitForEvent("download"), p.locator(`[data-testid="${testid}"]`).first().click()]);
  return { name: d.suggestedFilename(), body: fs.readFileSync(await d.path()) };
}

/// Text with all white space removed: pdftotext spaces CJK from digits and wraps table cells.
const compact = (s) => s.replace(/\s+/g, "");

function inOrder(text, needles, what) {
  let at = 0;
  for (const n of needles) {
    const i = text.indexOf(n, at);
    assert.ok(i >= 0, `${what}: “${n}” missing or out of order`);
    at = i + n.length;
  }
}

/// The first four characters of every indicator name, table by table, as the tables print them.
function rowNames(r) {
  const tables = [r.overall, ...(r.projects ?? [])].filter(Boolean);
  return tables.flatMap((t) => [...(t.indicators ?? []), ...(t.goals ?? []).flatMap((g) => g.indicators ?? [])])
    .map((i) => [...compact(i.name)].slice(0, 4).join(""));
}

/// One LibreOffice run converting `files` in `dir`, with a private profile that recalculates
/// an .xlsx's formulas on load (as Excel and WPS do with fullCalcOnLoad; LibreOffice's default
/// trusts the cached values, and one cell here is changed behind its back).
function soffice(dir, to, files) {
  const user = path.join(dir, "lo-profile/user");
  fs.mkdirSync(user, { recursive: true });
  fs.writeFileSync(path.join(user, "registrymodifications.xcu"), `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`);
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${dir}/lo-profile`, "--convert-to", to, "--outdir", dir,
    ...files.map((f) => path.join(dir, f))], { stdio: "pipe", timeout: 120_000 });
}

const pdfText = (file) => compact(execFileSync("pdftotext", ["-layout", file, "-"]).toString());

/// The workbook with one cell of its first sheet changed, as a user typing in Excel would
/// (Python's zipfile rewrites the archive; the value is replaced in the sheet's XML).
function changeCell(from, to, before, after) {
  execFileSync("python3", ["-c", `
import sys, zipfile
src, dst, old, new = sys.argv[1:]
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w") as b:
    for i in a.infolist():
        data = a.read(i.filename)
        if i.filename == "xl/worksheets/sheet1.xml":
            text = data.decode()
            assert old in text, "cell not found"
            data = text.replace(old, new).encode()
        b.writestr(i, data)
`, from, to, before, after]);
}

test("seed 000 and 003 exported to Word and Excel from the editor and 审核, read back by LibreOffice", async () => {
  const { page: p, problems, context } = await page(env);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-export-"));
  const seeds = [["seed-000", "98"], ["seed-003", "94.15"]];
  const pdfs = [];
  for (const [id] of seeds) {
    const r = seedReport(id);
    await p.goto(env.url + `#/edit/${id}`);
    await p.waitForSelector('[data-testid="total-score"]');
    const word = await download(p, "export-docx");
    const excel = await download(p, "export-xlsx");
    assert.equal(word.name, `${r.department}-${r.year}.docx`);
    assert.equal(excel.name, `${r.department}-${r.year}.xlsx`);
    for (const f of [word, excel]) assert.equal(f.body.subarray(0, 2).toString(), "PK", `${f.name} is a ZIP archive`);
    fs.writeFileSync(path.join(dir, `${id}-word.docx`), word.body);
    fs.writeFileSync(path.join(dir, `${id}-excel.xlsx`), excel.body);
    pdfs.push(`${id}-word.docx`, `${id}-excel.xlsx`);
  }
  // 附上检查结果和计算说明 appends both to the Word file.
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  await p.locator('[data-testid="export-docx-notes"]').check();
  await p.locator('[data-testid="export-docx-computed"]').check();
  fs.writeFileSync(path.join(dir, "notes.docx"), (await download(p, "export-docx")).body);
  pdfs.push("notes.docx");

  // The print view: the declared 执行率 alone, and with 附上计算结果 the computed one beside it.
  await p.goto(env.url + "#/print/seed-000");
  await p.waitForSelector('[data-testid="print-view"] .scored');
  const printed = () => p.locator('[data-testid="print-view"]').innerText();
  assert.ok(!(await printed()).includes("（计算"), "print: declared figures only");
  await p.locator('[data-testid="print-computed"]').check();
  await p.waitForFunction(() => document.querySelector('[data-testid="print-view"]').textContent.includes("100%（计算 373.29%）"));

  // 审核: the batch table as a workbook, and one report opened read-only exported to Word.
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.locator('[data-testid="review-input"]').setInputFiles(["seed-000", "seed-003", "seed-001"].map((id) => ({ name: `${id}.json`, mimeType: "application/json", buffer: seedJson(id) })));
  await p.waitForFunction(() => !document.querySelector('[data-testid="review-progress"]') || document.querySelector('[data-testid="review-progress"]').value === document.querySelector('[data-testid="review-progress"]').max);
  await p.waitForFunction(() => /^共 [1-9]/.test(document.querySelector('[data-testid="review-counts"]')?.textContent ?? ""));
  const shown = await p.evaluate(() => [...document.querySelectorAll('[data-testid="review-row"]')].map((tr) => [...tr.children].map((td) => td.textContent.trim())));
  const batch = await download(p, "review-xlsx");
  assert.equal(batch.name, "审核结果.xlsx");
  fs.writeFileSync(path.join(dir, "review.xlsx"), batch.body);
  await p.locator('[data-testid="review-row"] a', { hasText: seedReport("seed-003").department }).first().click();
  await p.waitForSelector('[data-testid="review-report"]');
  const reviewed = await download(p, "export-docx");
  assert.equal(reviewed.name, `${seedReport("seed-003").department}-2024.docx`);
  fs.writeFileSync(path.join(dir, "reviewed.docx"), reviewed.body);
  pdfs.push("reviewed.docx");

  // Seed 003's 全年执行数 465.38 → 342.0475 (95% of 360.05): 得分 20 × (1 − 5%) = 19, 总分 99.00.
  // The Hubei form has one line above its table (the title with the year, no 附件 label): the
  // budget row is row 4.
  changeCell(path.join(dir, "seed-003-excel.xlsx"), path.join(dir, "changed.xlsx"), '<c r="E4" s="4"><v>465.38</v></c>', '<c r="E4" s="4"><v>342.0475</v></c>');

  soffice(dir, "pdf", pdfs);
  soffice(dir, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1", ["changed.xlsx", "review.xlsx"]);

  for (const [id, total] of seeds) {
    const r = seedReport(id);
    const word = pdfText(path.join(dir, `${id}-word.pdf`));
    assert.ok(word.includes(`${r.department}${r.year}年度部门整体支出绩效评价自评报告`), `${id}: the title`);
    assert.ok(word.includes(`总分100${total}`), `${id}: 总分 ${total} (Word)`);
    assert.ok(/第1页共\d+页/.test(word), `${id}: "第 1 页 共 N 页" from the footer's page fields`);
    // Each form under its region's 附件 label and title (issue 22): Hunan 附件1/2/3, Hubei its own title.
    const tables = id === "seed-000"
      ? ["附件1", "2024年度部门整体支出绩效评价基础数据表", "附件2", "2024年度部门整体支出绩效自评表", ...(r.projects ?? []).flatMap(() => ["附件3", "2024年度项目支出绩效自评表"]), "评价人员"]
      : ["2024年度武汉市汉阳区总工会整体绩效自评表", "评价人员"];
    inOrder(word, tables, `${id}: the tables in order (Word)`);
    inOrder(word, rowNames(r), `${id}: every indicator row in order (Word)`);
    const excel = pdfText(path.join(dir, `${id}-excel.pdf`));
    assert.ok(excel.includes(`总分100${total}`), `${id}: 总分 ${total} (Excel)`);
    inOrder(excel, rowNames(r), `${id}: every indicator row in order (Excel)`);
    assert.ok(/第1页共\d+页/.test(excel), `${id}: the sheet footer`);
  }
  const word000 = pdfText(path.join(dir, "seed-000-word.pdf"));
  inOrder(word000, ["按收入性质分", "其中：一般公共预算", "按支出性质分", "其中：基本支出"], "seed 000: the 其中 rows of the 整体 table");
  assert.ok(word000.includes("其中：当年财政拨款"), "seed 000: the project's 其中 rows");
  const notes = pdfText(path.join(dir, "notes.pdf"));
  inOrder(notes, ["评价人员", "检查结果", "附：计算说明"], "附上检查结果和计算说明");
  // The merged 执行率 cell wraps "100%（计算 373.29%）" over lines that pdftotext interleaves
  // with the neighbouring cells: the parts in order.
  inOrder(notes.slice(notes.indexOf("年度资金总额")), ["100%", "（计算", "373.29", "%）"], "附上计算结果: the computed 执行率 beside the declared 100%");
  assert.ok(!word000.includes("373.29%"), "without 附上计算结果, only the declared 执行率");
  assert.ok(!word000.includes("附：计算说明"), "without the option, no 计算说明");
  const reviewedPdf = pdfText(path.join(dir, "reviewed.pdf"));
  assert.ok(reviewedPdf.includes("总分10094.15") && reviewedPdf.includes("附：计算说明"), "审核's Word file: the report as viewed, with its 计算说明");

  // LibreOffice recalculated the changed workbook: the scores followed the new 全年执行数.
  const changed = fs.readFileSync(path.join(dir, "changed-部门整体.csv"), "utf8").split(/\r?\n/);
  // The form keeps the declared 129.25% and 14.15; 计算执行率 and 计算预算执行得分 followed.
  assert.equal(changed.find((l) => l.startsWith(",年度资金总额,")), ",年度资金总额,,360.05,342.05,20,129.25%,14.15,,95.00%,19.00,,");
  assert.match(changed.find((l) => l.startsWith("总分,")), /,99\.00,,,$/);

  // 审核's workbook: the header and the rows on screen, in their order, with the computed totals.
  const review = fs.readFileSync(path.join(dir, "review-审核.csv"), "utf8").split(/\r?\n/).filter((l) => l !== "");
  const header = review.findIndex((l) => l.startsWith("文件,部门,表,评分规则,填报总分,计算总分"));
  assert.ok(header >= 0, review.join("\n"));
  const data = review.slice(header + 1);
  assert.deepEqual(data.map((l) => l.split(",").slice(0, 2)), shown.map((row) => row.slice(0, 2)), "the rows on screen, in order");
  for (const row of shown) assert.ok(data.some((l) => l.startsWith(`${row[0]},`) && l.includes(`,${row[5]},`)), `${row[0]}: 计算总分 ${row[5]}`);

  assert.deepEqual(problems, []);
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
