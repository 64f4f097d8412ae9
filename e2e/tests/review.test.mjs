// The reviewer's quick check (issue 7) end to end: a batch of generated reports plus the seed
// examples and a malformed file, compared figure by figure with `jixiao-check --json`;
// filtering, sorting, search, the read-only view, CSV, 快速核分, and a 500-file batch that
// keeps the page answering.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { start, page } from "./harness.mjs";
import { generatedFiles } from "./generated.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const root = new URL("../../", import.meta.url).pathname;
/** A built-in rule pack's name (审核 shows packs by name). */
const packName = (id) => JSON.parse(fs.readFileSync(path.join(root, "crates/model/rules", id + ".json"), "utf8")).name;
const seedFiles = ["seed-000", "seed-001", "seed-003", "seed-004"].map((id) => ({
  name: `${id}.json`, mimeType: "application/json", buffer: fs.readFileSync(path.join(root, `tests/fixtures/seeds/${id}.json`)),
}));
const malformed = { name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{"format":"jixiao-report","version":1,"report":{"overall":{"budget":{"executed":"abc"}}}}') };

function checker() {
  // Built from the same sources as the page (a no-op when cargo test already built it).
  execFileSync("cargo", ["build", "--quiet", "--bin", "jixiao-check"], { cwd: root, stdio: "inherit" });
  return path.join(root, "target/debug/jixiao-check");
}

async function rowsOnPage(p) {
  return p.evaluate(() => [...document.querySelectorAll('[data-testid="review-row"]')].map((tr) => [...tr.children].map((td) => td.textContent)));
}

async function loadBatch(p, files) {
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.locator("button", { hasText: "清空列表" }).click();
  await p.locator('[data-testid="review-input"]').setInputFiles(files);
  await p.waitForFunction(() => !document.querySelector('[data-testid="review-progress"]') || document.querySelector('[data-testid="review-progress"]').value === document.querySelector('[data-testid="review-progress"]').max);
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="review-row"]').length > 0);
}

test("50 generated reports, the seeds and a malformed file: the page agrees with jixiao-check --json", async () => {
  const { page: p, problems, context } = await page(env);
  const files = [...generatedFiles(50), ...seedFiles, malformed];
  await loadBatch(p, files);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-review-"));
  for (const f of files) fs.writeFileSync(path.join(dir, f.name), f.buffer);
  let cli;
  try {
    cli = JSON.parse(execFileSync(checker(), ["--json", ...files.filter((f) => f !== malformed).map((f) => path.join(dir, f.name))]).toString());
  } catch (e) {
    cli = JSON.parse(e.stdout.toString()); // exit code 1: some reports have errors
  }
  const tables = cli.filter((r) => r.table !== "报告");
  await p.waitForFunction((n) => document.querySelectorAll('[data-testid="review-row"]').length === n, tables.length + 1);
  const rows = await rowsOnPage(p);
  assert.equal(rows.length, tables.length + 1, "one row per scored table, plus the malformed file");
  const broken = rows.find((r) => r[0] === "broken.json");
  assert.match(broken[11], /预算执行情况的全年执行数”有误：“abc”不是有效的数字（字段 report\.overall\.budget\.executed）/);
  for (const t of tables) {
    const file = path.basename(t.file);
    const row = rows.find((r) => r[0] === file && r[2] === t.table);
    assert.ok(row, `no row for ${file} ${t.table}`);
    assert.equal(row[1], t.department || "（未填部门）");
    assert.equal(row[3], packName(t.rule_pack), "packs by name, not id (issue 27)");
    assert.equal(row[4] === "—" ? null : Number(row[4]), t.declared_total === null ? null : Number(t.declared_total), `${file} declared`);
    assert.equal(row[5], t.computed_total ?? "—", `${file} computed`);
    assert.equal(row[7].split(" / ")[1], t.grade ?? "—", `${file} grade`);
    assert.equal(Number(row[8]), t.findings.filter((f) => f.severity === "error").length, `${file} errors`);
    assert.equal(Number(row[9]), t.findings.filter((f) => f.severity === "warning").length, `${file} warnings`);
    assert.equal(Number(row[10]), t.findings.filter((f) => f.code === "indicator.pending").length, `${file} 待评定`);
  }
  // seed 003 as known figures: Hubei 94.15, declared right.
  const s3 = rows.find((r) => r[0] === "seed-003.json");
  assert.deepEqual([s3[4], s3[5], s3[6]], ["94.15", "94.15", "0.00"]);

  // Filter: only rows that differ (or are broken), and each of them does.
  await p.locator('[data-testid="only-different"]').check();
  const differing = await rowsOnPage(p);
  assert.ok(differing.length < rows.length && differing.length > 0);
  assert.ok(differing.every((r) => r[6] !== "0.00" || r[11] !== "" || r[7].split(" / ")[0] !== r[7].split(" / ")[1]));
  await p.locator('[data-testid="only-different"]').uncheck();
  // Sort by errors, descending.
  await p.locator('[data-sort="errors"]').click();
  const byErrors = (await rowsOnPage(p)).map((r) => Number(r[8]));
  assert.deepEqual(byErrors, [...byErrors].sort((a, b) => b - a));
  await p.locator('[data-sort="errors"]').click();
  const ascending = (await rowsOnPage(p)).map((r) => Number(r[8]));
  assert.deepEqual(ascending, [...ascending].sort((a, b) => a - b));
  // One rule pack for the whole batch: seed 003 (Hubei) recomputed under Hunan's rules changes.
  await p.locator('[data-testid="review-pack"]').selectOption("hunan-2024");
  const underHunan = (await rowsOnPage(p)).find((r) => r[0] === "seed-003.json");
  assert.equal(underHunan[3], packName("hunan-2024"));
  assert.notEqual(underHunan[5], "94.15");
  await p.locator('[data-testid="review-pack"]').selectOption("");
  assert.equal((await rowsOnPage(p)).find((r) => r[0] === "seed-003.json")[5], "94.15");
  // Search by 部门.
  await p.locator('[data-testid="review-search"]').fill("生成单位01");
  assert.equal((await rowsOnPage(p)).length, 10);
  await p.locator('[data-testid="review-search"]').fill("云溪");
  assert.equal((await rowsOnPage(p)).length, 1);
  // CSV of what is shown.
  const [download] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="review-csv"]').click()]);
  const csv = fs.readFileSync(await download.path(), "utf8");
  assert.ok(csv.startsWith("\ufeff文件,部门,表,评分规则,填报总分,计算总分"));
  assert.match(csv, /\r\nseed-001\.json,岳阳市云溪区总工会,整体,湖南省 2024 年度部门整体支出绩效自评,99,99\.00,0\.00,— \/ 优,10,1,0,\r\n$/);
  // A row opens read-only with findings and explanations.
  await p.locator('[data-testid="review-row"] a').first().click();
  await p.waitForSelector('[data-testid="review-report"]');
  const report = await p.locator('[data-testid="review-report"]').textContent();
  assert.match(report, /附：检查结果/);
  assert.match(report, /附：计算说明/);
  assert.match(report, /评价等次未填写/);
  assert.equal(await p.locator('[data-testid="review-report"] input').count(), 0, "read-only");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 500-file batch: the progress bar advances and the page answers clicks meanwhile", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.locator("button", { hasText: "清空列表" }).click();
  const started = Date.now();
  await p.locator('[data-testid="review-input"]').setInputFiles(generatedFiles(500));
  const seen = new Set();
  const answers = [];
  while (true) {
    const value = await p.evaluate(() => document.querySelector('[data-testid="review-progress"]')?.value ?? null);
    if (value !== null) seen.add(value);
    if (value === 500) break;
    // A click during the load is handled (the table's click counter moves) within a frame or two.
    const t0 = Date.now();
    const before = await p.locator('[data-testid="review-table"]').getAttribute("data-clicks");
    await p.locator('[data-testid="review-table"]').click({ position: { x: 2, y: 2 } });
    await p.waitForFunction((b) => document.querySelector('[data-testid="review-table"]').getAttribute("data-clicks") !== b, before);
    answers.push(Date.now() - t0);
    if (Date.now() - started > 60000) break;
  }
  await p.waitForFunction(() => /^共 500 张表/.test(document.querySelector('[data-testid="review-counts"]')?.textContent ?? ""));
  const elapsed = Date.now() - started;
  assert.ok(seen.size >= 3, `progress values seen: ${[...seen].join(", ")}`);
  assert.ok(answers.length >= 2, "clicks answered while loading");
  console.log(`500 files: ${elapsed} ms; progress values seen ${seen.size}; click answered in median ${answers.sort((a, b) => a - b)[Math.floor(answers.length / 2)]} ms, max ${Math.max(...answers)} ms (n=${answers.length})`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("快速核分: a table typed from paper is scored at once and saved only when asked", async () => {
  const { page: p, problems, context } = await page(env);
  await p.goto(env.url + "#/quick");
  await p.waitForSelector('[data-path="overall.budget.executed"]');
  await p.locator('[data-path="overall.budget.adjusted"]').fill("100");
  await p.locator('[data-path="overall.budget.executed"]').fill("95");
  for (let i = 0; i < 9; i++) {
    await p.locator(`[data-path="overall.indicators[${i}].name"]`).fill(`指标${i + 1}`);
    await p.locator(`[data-path="overall.indicators[${i}].target"]`).fill("≥10次");
    await p.locator(`[data-path="overall.indicators[${i}].actual"]`).fill("10次");
    await p.locator(`[data-path="overall.indicators[${i}].weight"]`).fill("10");
  }
  assert.equal(await p.locator('[data-testid="total-score"]').textContent(), "99.50");
  assert.equal(await p.locator('[data-testid="grade"]').textContent(), "优");
  assert.equal(await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.draft.")).length), 0, "nothing saved");
  await p.locator('[data-testid="quick-save"]').click();
  assert.equal(await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.draft.")).length), 1);
  assert.deepEqual(problems, []);
  await context.close();
});
