// A bureau's own rule packs end to end (issue 16): a rules/ folder next to dist/index.html with
// one valid and one broken pack, a pack imported on 评分规则 that survives a reload and is in
// 全部备份, and 按其他规则重算 on a report.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { start, page } from "./harness.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, "../../dist");
const rulesDir = path.join(dist, "rules");
const example = fs.readFileSync(path.resolve(here, "../../docs/rules-example.json"), "utf8");
const variant = (id, name) => example.replace('"example-bureau-2025"', JSON.stringify(id)).replace("某市财政局 2025 年度项目支出绩效自评（本局口径示例）", name);
const FOLDER_NAME = "江安县财政局 2025 年度评分规则（文件夹）";
const IMPORTED_NAME = "江安县财政局 2025 年度评分规则（导入）";

const shippedIndex = path.join(rulesDir, "index.json");
let shipped;
let env;
before(async () => {
  // dist/ ships rules/index.json listing no packs (a start then makes no failing request); a
  // bureau lists its own files there.
  shipped = fs.readFileSync(shippedIndex, "utf8");
  assert.deepEqual(JSON.parse(shipped), [], "dist/rules/index.json must ship listing no packs");
  fs.writeFileSync(shippedIndex, JSON.stringify(["jiangan-2025.json", "broken.json"]));
  fs.writeFileSync(path.join(rulesDir, "jiangan-2025.json"), variant("jiangan-2025", FOLDER_NAME));
  fs.writeFileSync(path.join(rulesDir, "broken.json"), variant("broken-2025", "坏的规则").replace('"capped"', '"capd"'));
  env = await start();
});
after(async () => {
  await env?.stop();
  fs.writeFileSync(shippedIndex, shipped);
  for (const f of ["jiangan-2025.json", "broken.json"]) fs.rmSync(path.join(rulesDir, f), { force: true });
});

const text = (p, id) => p.locator(`[data-testid="${id}"]`).first().textContent();

test("rules/ folder pack offered, broken pack named, import survives reload and backup, 按其他规则重算", async () => {
  const { page: p, problems } = await page(env);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="new-report"]');

  // The broken pack: its file and field, on 首页.
  const message = await text(p, "rules-problems");
  assert.match(message, /rules\/broken\.json/);
  assert.match(message, /budget\.formula：应为 capped、deviation 之一/);

  // The folder's pack is offered on 新建自评报告, next to the built-in ones.
  const options = await p.locator(".new-report select option").allTextContents();
  assert.ok(options.includes(FOLDER_NAME), options.join(" | "));
  assert.ok(options.some((o) => o.includes("湖南")), options.join(" | "));
  assert.ok(!options.includes("坏的规则"));

  // A new report under the folder's pack opens and scores.
  await p.locator(".new-report select").selectOption({ label: FOLDER_NAME });
  await p.locator('[data-testid="new-department"]').fill("江安县财政局");
  await p.locator('[data-testid="new-report"]').click();
  await p.waitForSelector('[data-testid="total-score"]');
  const packsOfDrafts = await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.draft.")).map((k) => /"rule_pack":"([^"]*)"/.exec(localStorage.getItem(k))?.[1]));
  assert.deepEqual(packsOfDrafts, ["jiangan-2025"]);

  // 审核 can recompute a batch under it, and 快速核分 can score under it.
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  assert.ok((await p.locator('[data-testid="review-pack"] option').allTextContents()).includes(`全部按：${FOLDER_NAME}`), "审核's 评分规则 lists the folder's pack");

  // Built-in packs still work: the example's total under hunan-2024.
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForFunction(() => document.querySelector('[data-testid="total-score"]')?.textContent === "98.00");

  // 评分规则: the folder's pack in Chinese, the broken one's message, two packs compared.
  await p.goto(env.url + "#/rules");
  await p.waitForSelector('[data-testid="rule-packs"] section');
  const packs = await text(p, "rule-packs");
  assert.ok(packs.includes(FOLDER_NAME), "folder pack listed");
  assert.match(packs, /预算执行率 20 分/);
  assert.match(await text(p, "rules-problems"), /rules\/broken\.json/);
  await p.locator('[data-testid="compare-left"]').selectOption("hunan-2024");
  await p.locator('[data-testid="compare-right"]').selectOption("jiangan-2025");
  await p.waitForFunction(() => /项规则不同/.test(document.querySelector('[data-testid="rule-compare"]')?.textContent ?? ""));
  assert.ok((await p.locator('[data-testid="rule-compare"] tr.differs').count()) > 0, "differences marked");
  // The header marks 评分规则 as the current page, not 首页.
  assert.equal(await p.locator('.app-nav a[aria-current="page"]').textContent(), "评分规则");
  // The left pack's file downloads as the starting point of a bureau's own: the folder's pack
  // as the bureau wrote it, a built-in pack as shipped.
  await p.locator('[data-testid="compare-left"]').selectOption("jiangan-2025");
  const [ownFile] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="rules-download"]').click()]);
  assert.equal(JSON.parse(fs.readFileSync(await ownFile.path(), "utf8")).name, FOLDER_NAME);
  await p.locator('[data-testid="compare-left"]').selectOption("generic");
  const [builtIn] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="rules-download"]').click()]);
  assert.equal(builtIn.suggestedFilename(), "generic.json");
  assert.equal(JSON.parse(fs.readFileSync(await builtIn.path(), "utf8")).id, "generic");

  // Import a pack: kept after a reload.
  await p.locator('[data-testid="rules-import"]').setInputFiles({ name: "imported.json", mimeType: "application/json", buffer: Buffer.from(variant("imported-2025", IMPORTED_NAME)) });
  await p.waitForSelector('[data-testid="rules-message"]');
  assert.match(await text(p, "rules-message"), /已导入评分规则/);
  await p.reload();
  await p.waitForSelector('[data-testid="rule-packs"] section');
  assert.match(await text(p, "imported-rules"), /imported-2025/);
  assert.ok((await text(p, "rule-packs")).includes(IMPORTED_NAME), "imported pack listed after reload");

  // 全部备份 holds the imported pack file.
  await p.goto(env.url + "#/");
  const [download] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="backup-all"]').click()]);
  const backup = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  const entry = backup.rules.find((r) => r.key === "imported-2025");
  assert.ok(entry, JSON.stringify(backup.rules?.map((r) => r.key)));
  assert.equal(JSON.parse(entry.text).name, IMPORTED_NAME);

  // 按其他规则重算: the example's total under its own pack and under the bureau's.
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  await p.locator('[data-testid="rescore-button"]').click();
  await p.waitForSelector('[data-testid="rescore"]');
  const own = await p.locator('[data-testid="rescore"] tr[data-pack="hunan-2024"] td').allTextContents();
  const bureau = await p.locator('[data-testid="rescore"] tr[data-pack="jiangan-2025"] td').allTextContents();
  // Every scored table: 部门整体 first, then seed 000's project table.
  assert.deepEqual(own.slice(0, 2), ["98.00", "优"]);
  assert.equal(own.length, 4);
  assert.ok((await p.locator('[data-testid="rescore"] thead').textContent()).includes("项目："));
  assert.equal(bureau.length, 4);
  assert.match(bureau[0], /^\d+\.\d\d$/);
  assert.match(bureau[1], /^[优良中差]$/);

  // The delete button forgets the imported pack.
  await p.goto(env.url + "#/rules");
  await p.locator('[data-testid="imported-rules"] button[data-id="imported-2025"]').click();
  await p.waitForFunction(() => !document.querySelector('[data-testid="imported-rules"]'));
  assert.ok(!(await text(p, "rule-packs")).includes(IMPORTED_NAME));
  assert.deepEqual(problems, []);
});
