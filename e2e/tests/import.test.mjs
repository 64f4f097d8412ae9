// Importing the tables people already have (issue 14) end to end in Chromium: the seed 000
// 附件2 Word file imported by file input and by drop gives the built-in example's 总分, grade
// and findings and edits and saves on; a table copied from a web page in Chromium and pasted on
// 首页 is recognised; 审核 takes a mix of .docx, .xlsx, .xls, .html and .json files and its
// CSV agrees with jixiao-check --json; files that cannot be imported are named and explained
// and change nothing in storage.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { start, page, copyTable } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const root = new URL("../../", import.meta.url).pathname;
/** A built-in rule pack's name (审核 shows packs by name). */
const packName = (id) => JSON.parse(fs.readFileSync(path.join(root, "crates/model/rules", id + ".json"), "utf8")).name;
const sample = (name) => ({ name, mimeType: "application/octet-stream", buffer: fs.readFileSync(path.join(root, "tests/fixtures/samples", name)) });
const text = (p, id) => p.locator(`[data-testid="${id}"]`).first().textContent();
const storageSnapshot = (p) => p.evaluate(() => JSON.stringify(Object.keys(localStorage).sort().map((k) => [k, localStorage.getItem(k)])));

/** The error findings of the 整体 table as (field, message), sorted. */
async function overallErrors(p) {
  await p.waitForSelector('[data-testid="findings"]');
  return p.evaluate(() => [...document.querySelectorAll('li.finding.error [data-testid="finding"]')]
    .filter((b) => (b.dataset.finding || "").startsWith("overall"))
    .map((b) => b.dataset.finding + " " + b.querySelector(".message").textContent)
    .sort());
}

test("the seed 000 附件2 Word file imports with the example's 总分, grade and findings, and edits and saves on", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  // The example's own 整体 findings, to compare with the imported table's.
  const exampleErrors = await overallErrors(p);
  assert.ok(exampleErrors.length > 0);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  await p.locator('[data-testid="import-input"]').setInputFiles([sample("seed-000-附件2.docx")]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
  assert.equal(await text(p, "import-computed"), "98.00");
  assert.equal(await text(p, "import-grade"), "优");
  assert.equal(await p.locator('[data-testid="import-pack"]').inputValue(), "hunan-2024");
  assert.equal(await p.locator('[data-testid="import-year"]').inputValue(), "2024");
  assert.equal(await p.locator('[data-testid="import-department"]').inputValue(), "岳阳市总工会");
  // Changing the rule pack recomputes the preview at once.
  await p.locator('[data-testid="import-pack"]').selectOption("hubei-2024");
  await p.waitForFunction(() => document.querySelector('[data-testid="import-computed"]').textContent !== "98.00");
  await p.locator('[data-testid="import-pack"]').selectOption("hunan-2024");
  await p.locator('[data-testid="import-confirm"]').click();
  await p.waitForURL(/#\/edit\//);
  await p.waitForSelector('[data-testid="total-score"]');
  assert.equal(await text(p, "total-score"), "98.00");
  assert.equal(await text(p, "grade"), "优");
  assert.deepEqual(await overallErrors(p), exampleErrors, "the same errors as the built-in example");
  // Edit on and save: 全年执行数 to 790.77 makes the rate 100% and its error goes away.
  const url = p.url();
  await p.goto(url.replace(/#.*/, "") + "#" + url.split("#")[1]);
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  await p.locator('[data-path="overall.budget.executed"]').fill("790.77");
  await p.waitForFunction(() => /^已保存/.test(document.querySelector('[data-testid="save-status"]')?.textContent ?? ""));
  await p.reload();
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  assert.equal(await p.locator('[data-path="overall.budget.executed"]').inputValue(), "790.77");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a dropped Excel file shows its preview; 取消 stores nothing", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  const before = await storageSnapshot(p);
  const bytes = [...fs.readFileSync(path.join(root, "tests/fixtures/samples/seed-003-整体绩效自评表.xlsx"))];
  await p.evaluate((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], "汉阳区.xlsx"));
    document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
  assert.equal(await text(p, "import-computed"), "94.15");
  assert.equal(await p.locator('[data-testid="import-pack"]').inputValue(), "hubei-2024");
  await p.locator('[data-testid="import-cancel"]').click();
  assert.equal(await p.locator('[data-testid="import-preview"]').count(), 0);
  assert.equal(await storageSnapshot(p), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a table copied from a web page in Chromium and pasted on 首页 is recognised", async () => {
  const { page: p, problems, context } = await page(env);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(env.url).origin });
  // The county site's page, opened from the same server's origin, its table selected and copied
  // with the browser's own copy command: the clipboard then holds real text/html.
  const html = fs.readFileSync(path.join(root, "tests/fixtures/samples/seed-001-部门整体.html"), "utf8");
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  const source = await context.newPage();
  await source.setContent(html);
  const copied = await source.evaluate(() => {
    const table = document.querySelector("table");
    const range = document.createRange();
    range.selectNode(table);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return document.execCommand("copy");
  });
  assert.ok(copied, "copy command ran");
  await source.close();
  await p.bringToFront();
  await p.locator("h1").first().click();
  await p.keyboard.press("Control+V");
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 30000 });
  assert.match(await p.locator('[data-testid="import-preview"] h3').textContent(), /粘贴的表格/);
  assert.equal(await text(p, "import-computed"), "99.00");
  assert.equal(await text(p, "import-grade"), "优");
  assert.deepEqual(problems, []);
  await context.close();
});


test("a table pasted on 快速核分 and on an editor table section is scored after the user confirms, and Ctrl+Z undoes it", async () => {
  const { page: p, problems, context } = await page(env);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(env.url).origin });
  const dialogs = [];
  p.on("dialog", async (d) => { dialogs.push(d.message()); await d.accept(); });
  await p.goto(env.url + "#/quick");
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  assert.ok(await copyTable(context, fs.readFileSync(path.join(root, "tests/fixtures/samples/seed-001-部门整体.html"), "utf8")));
  await p.bringToFront();
  await p.evaluate(() => document.activeElement && document.activeElement.blur());
  await p.keyboard.press("Control+V");
  await p.waitForFunction(() => document.querySelector('[data-testid="total-score"]')?.textContent === "99.00", null, { timeout: 30000 });
  assert.ok(dialogs.some((d) => /填报总分 99，计算总分 99\.00，等次 优/.test(d)), dialogs.join("\n"));
  // The 附件3 project of the seed 000 example, emptied, comes back from its web page.
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  await p.locator('[data-testid="nav-table"], .section-link').filter({ hasText: "市财政帮扶资金" }).first().click();
  await p.waitForSelector('[data-path="projects[0].budget.executed"]');
  await p.locator('[data-path="projects[0].budget.executed"]').fill("50");
  await p.evaluate(() => document.activeElement && document.activeElement.blur());
  assert.ok(await copyTable(context, fs.readFileSync(path.join(root, "tests/fixtures/samples/seed-000-附件3.html"), "utf8")));
  await p.bringToFront();
  await p.evaluate(() => document.activeElement && document.activeElement.blur());
  await p.keyboard.press("Control+V");
  await p.waitForFunction(() => document.querySelector('[data-path="projects[0].budget.executed"]')?.value === "100", null, { timeout: 30000 });
  assert.ok(dialogs.some((d) => /用粘贴的项目支出绩效自评表/.test(d)), dialogs.join("\n"));
  // Ctrl+Z in the editor (focus in one of its fields) undoes the whole replacement.
  await p.locator('[data-path="projects[0].goal_expected"]').focus();
  await p.keyboard.press("Control+Z");
  await p.waitForFunction(() => document.querySelector('[data-path="projects[0].budget.executed"]')?.value === "50");
  assert.deepEqual(problems, []);
  await context.close();
});

test("审核 takes every sample (.docx, .xlsx, .xls, .html, .doc) and a .json together; its CSV agrees with jixiao-check --json", async () => {
  const { page: p, problems, context } = await page(env);
  // Every sample file of ../shared/samples (copied to tests/fixtures/samples); the Word 97–2003
  // .doc ones are read like the others and give their .docx twins' figures.
  const names = fs.readdirSync(path.join(root, "tests/fixtures/samples")).sort();
  const files = [
    ...names.map(sample),
    { name: "seed-001.json", mimeType: "application/json", buffer: fs.readFileSync(path.join(root, "tests/fixtures/seeds/seed-001.json")) },
  ];
  const docs = files.filter((f) => f.name.endsWith(".doc"));
  assert.equal(docs.length, 2);
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.locator("button", { hasText: "清空列表" }).click();
  await p.locator('[data-testid="review-input"]').setInputFiles(files);
  await p.waitForFunction((n) => document.querySelectorAll('[data-testid="review-row"]').length >= n, files.length + 2, { timeout: 90000 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-import-"));
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.buffer);
  execFileSync("cargo", ["build", "--quiet", "--bin", "jixiao-check"], { cwd: root, stdio: "inherit" });
  let cli;
  try {
    cli = JSON.parse(execFileSync(path.join(root, "target/debug/jixiao-check"), ["--json", ...files.map((f) => path.join(dir, f.name))]).toString());
  } catch (e) {
    cli = JSON.parse(e.stdout.toString());
  }
  const tables = cli.filter((r) => r.table !== "报告");
  assert.equal(tables.length, files.length + 2, "one per scored table (the two seed 004 workbooks hold two tables each)");
  const [download] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="review-csv"]').click()]);
  const csv = fs.readFileSync(await download.path(), "utf8").replace(/^\ufeff/, "").trim().split("\r\n").map((l) => l.split(","));
  const header = csv[0];
  const col = (name) => header.indexOf(name);
  for (const t of tables) {
    const file = path.basename(t.file);
    const row = csv.find((r) => r[col("文件")] === file && r[col("表")] === t.table);
    assert.ok(row, `no CSV row for ${file} ${t.table}:\n${csv.map((r) => r.join(",")).join("\n")}`);
    assert.equal(row[col("计算总分")], t.computed_total ?? "—", `${file} computed`);
    assert.equal(row[col("评分规则")], packName(t.rule_pack), `${file} pack`);
  }
  for (const d of docs) {
    const row = csv.find((r) => r[col("文件")] === d.name);
    const twin = csv.find((r) => r[col("文件")] === d.name + "x");
    assert.ok(row && twin, `${d.name} and its .docx are listed`);
    for (const name of ["计算总分", "评分规则", "表"]) assert.equal(row[col(name)], twin[col(name)], `${d.name} ${name} as its .docx`);
    assert.ok(!/另存为/.test(row.join(",")), `${d.name} is read, not refused`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("files that cannot be imported are named and explained, and storage is unchanged", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  const before = await storageSnapshot(p);
  const crc32 = (buf) => {
    let c = ~0;
    for (const b of buf) {
      c ^= b;
      for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c >>> 0;
  };
  const zipOf = (entries) => {
    // A stored zip with the given (name, text) entries: enough to reach the readers' checks.
    const parts = []; const central = []; let offset = 0;
    for (const [name, body] of entries) {
      const n = Buffer.from(name); const b = Buffer.from(body);
      const local = Buffer.alloc(30); local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc32(b), 14); local.writeUInt32LE(b.length, 18); local.writeUInt32LE(b.length, 22); local.writeUInt16LE(n.length, 26);
      const c = Buffer.alloc(46); c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt32LE(crc32(b), 16); c.writeUInt32LE(b.length, 20); c.writeUInt32LE(b.length, 24); c.writeUInt16LE(n.length, 28); c.writeUInt32LE(offset, 42);
      parts.push(local, n, b); central.push(c, n); offset += 30 + n.length + b.length;
    }
    const cd = Buffer.concat(central); const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10); end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
    return Buffer.concat([...parts, cd, end]);
  };
  // The .doc sample with its FIB (wIdent 0xA5EC at the start of a sector) bent: a Word 95
  // version number, the fEncrypted flag.
  const wordFib = (name, bend) => {
    const buffer = Buffer.from(sample("seed-003-整体绩效自评表.doc").buffer);
    let at = 512;
    while (at < buffer.length && !(buffer.readUInt16LE(at) === 0xa5ec && buffer.readUInt16LE(at + 2) >= 0xc0)) at += 512;
    assert.ok(at < buffer.length, "no FIB");
    bend(buffer.subarray(at));
    return { name, mimeType: "application/msword", buffer };
  };
  const cases = [
    [wordFib("Word95.doc", (fib) => fib.writeUInt16LE(0x68, 2)), /Word 95.*另存为 \.docx/],
    [wordFib("密码.doc", (fib) => { fib[0x0b] |= 0x01; }), /加密/],
    [{ name: "导出.doc", mimeType: "application/msword", buffer: Buffer.from("{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}") }, /RTF.*另存为 \.docx/],
    [{ name: "扫描件.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%âãÏÓ\n1 0 obj\n") }, /PDF/],
    [{ name: "照片.png", mimeType: "image/png", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) }, /图片/],
    [{ name: "改名.docx", mimeType: "application/octet-stream", buffer: Buffer.from("这不是压缩文件，只是改了扩展名的文字") }, /./],
    [{ name: "实体.docx", mimeType: "application/octet-stream", buffer: zipOf([["[Content_Types].xml", "<Types/>"], ["word/document.xml", '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document>&a;</w:document>']]) }, /DOCTYPE|实体/],
    [{ name: "空文档.docx", mimeType: "application/octet-stream", buffer: zipOf([["[Content_Types].xml", "<Types/>"], ["word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body></w:body></w:document>']]) }, /没有|表格/],
    [{ name: "无表头.html", mimeType: "text/html", buffer: Buffer.from("<html><body><table><tr><td>甲</td><td>乙</td></tr></table></body></html>") }, /没有找到可识别的自评表/],
    // A 部门决算 (its tables, or its saved JSON) opens in the 决算 editor: final-accounts.test.mjs.
  ];
  await p.locator('[data-testid="import-input"]').setInputFiles(cases.map(([f]) => f));
  await p.waitForFunction((n) => document.querySelectorAll('[data-testid="import-messages"] li').length >= n, cases.length, { timeout: 30000 });
  const messages = await p.locator('[data-testid="import-messages"] li').allTextContents();
  for (const [file, re] of cases) {
    const m = messages.find((t) => t.includes(`“${file.name}”`));
    assert.ok(m, `no message for ${file.name}: ${messages.join("\n")}`);
    assert.match(m, /^无法导入/, file.name);
    assert.match(m, re, file.name);
  }
  assert.equal(await p.locator('[data-testid="import-preview"]').count(), 0);
  assert.equal(await storageSnapshot(p), before, "storage unchanged");
  assert.deepEqual(problems, []);
  await context.close();
});
