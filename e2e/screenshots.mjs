// The README's screenshots of the pages issues 14, 16 and 17 changed, taken from the release
// dist/ in headless Chromium at 1366×768: the Word import preview on 首页, 审核 with a mix of
// Word, Excel and web-page files, an opened 审核 report with 按其他规则重算, and 评分规则.
// Usage (after `trunk build --release`): cd e2e && node screenshots.mjs
// (The home page and editor screenshots come from the tests: SCREENSHOTS=1 node --test tests/app.test.mjs.)
import fs from "node:fs";
import path from "node:path";
import { start, page } from "./tests/harness.mjs";

const root = new URL("../", import.meta.url).pathname;
const docs = path.join(root, "docs");
const samples = path.join(root, "tests/fixtures/samples");
const sample = (name) => ({ name, mimeType: "application/octet-stream", buffer: fs.readFileSync(path.join(samples, name)) });

const env = await start();
const { page: p, problems, context } = await page(env, {});
await p.setViewportSize({ width: 1366, height: 768 });

await p.goto(env.url + "#/");
await p.locator('[data-testid="import-input"]').setInputFiles([sample("seed-000-附件2.docx")]);
await p.waitForSelector('[data-testid="import-preview"]', { timeout: 60000 });
await p.locator('[data-testid="import-preview"]').scrollIntoViewIfNeeded();
await p.screenshot({ path: path.join(docs, "import-preview.png") });

await p.goto(env.url + "#/review");
await p.waitForSelector('[data-testid="review-table"]');
await p.locator("button", { hasText: "清空列表" }).click();
const mix = ["seed-000-附件2.docx", "seed-001-部门整体.html", "seed-003-整体绩效自评表.xlsx", "seed-004-项目支出绩效自评表.xls", "seed-004-困难职工帮扶救助.docx"];
await p.locator('[data-testid="review-input"]').setInputFiles(mix.map(sample));
await p.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length >= 6, null, { timeout: 60000 });
await p.screenshot({ path: path.join(docs, "review-batch.png") });

await p.locator('[data-testid="review-row"] a').first().click();
await p.waitForSelector('[data-testid="review-head"]');
await p.locator('[data-testid="rescore-button"]').click();
await p.waitForSelector('[data-testid="rescore"]');
await p.locator('[data-testid="rescore"]').scrollIntoViewIfNeeded();
await p.screenshot({ path: path.join(docs, "review-report.png") });

await p.goto(env.url + "#/rules");
await p.waitForSelector('[data-testid="rule-packs"] .rule-pack');
await p.evaluate(() => window.scrollTo(0, 0));
await p.screenshot({ path: path.join(docs, "rules-page.png") });

if (problems.length) { console.error(problems); process.exitCode = 1; }
await context.close();
await env.stop();
console.log("docs/import-preview.png, review-batch.png, review-report.png, rules-page.png");
