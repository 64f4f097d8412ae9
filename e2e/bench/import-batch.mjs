// A 500-file batch of Word and Excel files on 审核 (issue 14): every .docx and .xlsx sample of
// tests/fixtures/samples, cycled to 500 files under distinct names, chosen at once in the file
// input of the release dist/ in headless Chromium. Reports the time until the last file's rows
// are in the table, how many tables were recognised, and how fast a click on the page is
// answered while the reader worker reads (the page must stay responsive).
// Usage: node bench/import-batch.mjs [files]
import fs from "node:fs";
import path from "node:path";
import { start, page } from "../tests/harness.mjs";
import { stats } from "./large.mjs";

const count = Number(process.argv[2] || 500);
const dir = new URL("../../tests/fixtures/samples/", import.meta.url).pathname;
const samples = fs.readdirSync(dir).filter((n) => n.endsWith(".docx") || n.endsWith(".xlsx")).sort();
const mime = (n) => (n.endsWith(".docx") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
const files = [];
for (let i = 0; i < count; i++) {
  const name = samples[i % samples.length];
  files.push({ name: `${String(i).padStart(3, "0")}-${name}`, mimeType: mime(name), buffer: fs.readFileSync(path.join(dir, name)) });
}
const bytes = files.reduce((n, f) => n + f.buffer.length, 0);

const env = await start();
const { page: p, problems, context } = await page(env);
await p.goto(env.url + "#/review");
await p.waitForSelector('[data-testid="review-table"]');
await p.locator("button", { hasText: "清空列表" }).click();
const started = Date.now();
await p.locator('[data-testid="review-input"]').setInputFiles(files);
const answers = [];
while (true) {
  const value = await p.evaluate(() => document.querySelector('[data-testid="review-progress"]')?.value ?? null);
  if (value === count || value === null) break;
  const t0 = Date.now();
  const before = await p.locator('[data-testid="review-table"]').getAttribute("data-clicks");
  await p.locator('[data-testid="review-table"]').click({ position: { x: 2, y: 2 } });
  await p.waitForFunction((b) => document.querySelector('[data-testid="review-table"]').getAttribute("data-clicks") !== b, before);
  answers.push(Date.now() - t0);
  if (Date.now() - started > 600000) break;
}
await p.waitForFunction(() => /^共 \d+ 张表/.test(document.querySelector('[data-testid="review-counts"]')?.textContent ?? ""));
const elapsed = Date.now() - started;
const counts = await p.locator('[data-testid="review-counts"]').textContent();
const broken = await p.locator('[data-testid="review-row"].broken').count();
const s = stats(answers);
console.log(`${count} files (.docx and .xlsx, ${(bytes / 1e6).toFixed(1)} MB): all read and scored in ${elapsed} ms (${(elapsed / count).toFixed(1)} ms per file); ${counts}; unreadable ${broken}`);
console.log(`click answered while reading: median ${s.median} ms, p95 ${s.p95} ms, max ${s.max} ms (n=${s.n})`);
if (problems.length) { console.error(problems); process.exitCode = 1; }
await context.close();
await env.stop();
