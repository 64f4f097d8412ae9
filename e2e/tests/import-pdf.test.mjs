// PDF in (issue 28) end to end in Chromium: a PDF that LibreOffice made from the seed 000 附件2
// Word file, dropped on 首页, previews with the same 总分 as the Word file; 审核 takes the PDF
// beside its Word twin (same 计算总分 in its CSV) and names a scanned PDF with its reason.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, page } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const root = new URL("../../", import.meta.url).pathname;
const fixture = (dir, name) => fs.readFileSync(path.join(root, "tests/fixtures", dir, name));
const text = (p, id) => p.locator(`[data-testid="${id}"]`).first().textContent();

/** A one-page PDF whose page is a single picture (no text layer), as a scanner writes it. */
const scanned = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n" +
  "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>\nendobj\n" +
  "4 0 obj\n<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\xff\nendstream\nendobj\n" +
  "5 0 obj\n<< /Length 30 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
  "latin1",
);

async function drop(p, name, bytes) {
  await p.evaluate(([n, data]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], n));
    document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, [...bytes]]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 60000 });
}

test("a PDF dropped on 首页 previews with the same 总分 as its Word twin", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  await drop(p, "附件2.docx", fixture("samples", "seed-000-附件2.docx"));
  const word = { computed: await text(p, "import-computed"), grade: await text(p, "import-grade"), pack: await p.locator('[data-testid="import-pack"]').inputValue() };
  await p.locator('[data-testid="import-cancel"]').click();
  await drop(p, "附件2.pdf", fixture("pdf", "seed-000-附件2.docx.pdf"));
  assert.equal(word.computed, "98.00");
  assert.equal(await text(p, "import-computed"), word.computed);
  assert.equal(await text(p, "import-grade"), word.grade);
  assert.equal(await p.locator('[data-testid="import-pack"]').inputValue(), word.pack);
  assert.equal(await p.locator('[data-testid="import-department"]').inputValue(), "岳阳市总工会");
  await p.locator('[data-testid="import-cancel"]').click();
  assert.deepEqual(problems, []);
  await context.close();
});

test("审核 takes a PDF beside its Word twin and names a scanned PDF", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.locator("button", { hasText: "清空列表" }).click();
  const files = [
    { name: "附件3.docx", mimeType: "application/octet-stream", buffer: fixture("samples", "seed-000-附件3.docx") },
    { name: "附件3.pdf", mimeType: "application/pdf", buffer: fixture("pdf", "seed-000-附件3.docx.cairo.pdf") },
    { name: "扫描件.pdf", mimeType: "application/pdf", buffer: scanned },
  ];
  await p.locator('[data-testid="review-input"]').setInputFiles(files);
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length >= 3, null, { timeout: 90000 });
  const [download] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="review-csv"]').click()]);
  const csv = fs.readFileSync(await download.path(), "utf8").replace(/^\ufeff/, "").trim().split("\r\n").map((l) => l.split(","));
  const col = (name) => csv[0].indexOf(name);
  const row = (file) => csv.find((r) => r[col("文件")] === file);
  assert.ok(row("附件3.docx") && row("附件3.pdf"), csv.join("\n"));
  assert.equal(row("附件3.pdf")[col("计算总分")], row("附件3.docx")[col("计算总分")]);
  assert.equal(row("附件3.pdf")[col("计算总分")], "100.00");
  assert.ok(row("扫描件.pdf") && /没有文字层/.test(row("扫描件.pdf").join(",")), csv.join("\n"));
  assert.deepEqual(problems, []);
  await context.close();
});
