// Drafts that are never lost (issue 5), end to end in Chromium: reload, a killed renderer,
// quarantined entries, a full storage, two tabs on one draft, backup and restore.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { start, page } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const text = (p, id) => p.locator(`[data-testid="${id}"]`).first().textContent();
const field = (p, path) => p.locator(`[data-path="${path}"]`);
const saved = (p) => p.waitForFunction(() => /^已保存 /.test(document.querySelector('[data-testid="save-status"]')?.textContent ?? ""));
const stored = (p, id) => p.evaluate((id) => localStorage.getItem("jixiao.draft." + id), id);

async function openExample(p, id = "seed-001") {
  await p.goto(env.url + "#/edit/" + id);
  await p.waitForSelector('[data-testid="total-score"]');
}

test("type → reload → identical", async () => {
  const { page: p, problems, context } = await page(env);
  await openExample(p);
  await field(p, "overall.indicators[8].weight").fill("3");
  await field(p, "overall.indicators[5].reason").fill("部分工作跨年度实施，已制定整改计划。");
  await field(p, "department").count(); // the cover is another section; type into the 整体表 only
  await saved(p);
  const before = { total: await text(p, "total-score"), findings: await text(p, "findings-count") };
  await p.reload();
  await p.waitForSelector('[data-testid="total-score"]');
  assert.equal(await field(p, "overall.indicators[8].weight").inputValue(), "3");
  assert.equal(await field(p, "overall.indicators[5].reason").inputValue(), "部分工作跨年度实施，已制定整改计划。");
  assert.deepEqual({ total: await text(p, "total-score"), findings: await text(p, "findings-count") }, before);
  assert.match(await text(p, "save-status"), /^已保存 \d\d:\d\d:\d\d$/);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="draft"]');
  assert.match(await p.locator('[data-testid="draft"]').first().textContent(), /岳阳市云溪区总工会 2024年度绩效自评.*岳阳市云溪区总工会.*湖南/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a killed renderer mid-typing loses at most the last second", async () => {
  const { page: p, context } = await page(env);
  await openExample(p);
  const cell = field(p, "overall.indicators[5].reason");
  await cell.focus();
  const typed = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
  const times = [];
  for (const ch of typed) {
    await p.keyboard.type(ch);
    times.push(Date.now());
    await p.waitForTimeout(100);
  }
  const crashAt = Date.now();
  const cdp = await context.newCDPSession(p);
  const crashed = p.waitForEvent("crash");
  cdp.send("Page.crash").catch(() => {}); // the renderer dies without unload handlers; the call never answers
  await crashed;
  const q = await context.newPage();
  await q.goto(env.url + "#/");
  const draft = JSON.parse(await stored(q, "seed-001"));
  const reason = draft.report.overall.indicators[5].reason;
  const mustHave = times.filter((t) => t <= crashAt - 1000).length;
  assert.ok(typed.startsWith(reason), `stored "${reason}" is a prefix of what was typed`);
  assert.ok(reason.length >= mustHave, `stored ${reason.length} characters, typed ${mustHave} more than a second before the crash`);
  await context.close();
});

test("a corrupt entry and one from a newer version are quarantined and downloadable; the rest load", async () => {
  const { page: p, problems, context } = await page(env);
  await openExample(p, "seed-003");
  await field(p, "overall.declared_total").fill("94");
  await saved(p);
  await p.evaluate(() => {
    localStorage.setItem("jixiao.draft.broken", '{"format":"jixiao-report","version":1,"report":{"overall":{"budget":{"executed":"一百"}}');
    localStorage.setItem("jixiao.draft.future", '{"format":"jixiao-report","version":7,"report":{"department":"未来"}}');
  });
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="quarantine"]');
  const items = await p.locator('[data-testid="quarantine"] li').allTextContents();
  assert.equal(items.length, 2);
  assert.ok(items.some((t) => /jixiao\.draft\.broken.*不是有效的 JSON/.test(t)), items.join("\n"));
  assert.ok(items.some((t) => /jixiao\.draft\.future.*更新版本的应用/.test(t)), items.join("\n"));
  assert.equal(await p.locator('[data-testid="draft"]').count(), 1, "the good draft still loads");
  const [download] = await Promise.all([
    p.waitForEvent("download"),
    p.locator('[data-testid="quarantine"] li', { hasText: "future" }).locator('[data-testid="download-quarantined"]').click(),
  ]);
  const body = fs.readFileSync(await download.path(), "utf8");
  assert.equal(body, '{"format":"jixiao-report","version":7,"report":{"department":"未来"}}', "downloaded untouched");
  // Opening a quarantined id by its address explains instead of failing.
  await p.goto(env.url + "#/edit/future");
  assert.match(await p.locator(".error").first().textContent(), /找不到报告/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("storage full: message, report kept in memory, download offered, saving resumes after space is freed", async () => {
  const { page: p, problems, context } = await page(env);
  await openExample(p);
  await field(p, "overall.indicators[8].weight").fill("3");
  await saved(p);
  const filled = await p.evaluate(() => {
    let chunk = "x".repeat(512 * 1024), n = 0;
    while (chunk.length >= 8) {
      try { localStorage.setItem("filler." + n, chunk); n++; } catch { chunk = chunk.slice(0, chunk.length / 2); }
    }
    return n;
  });
  assert.ok(filled > 0);
  const longReason = "因年度内部分活动受客观条件影响延期开展，".repeat(20);
  await field(p, "overall.indicators[5].reason").fill(longReason);
  await field(p, "overall.indicators[9].weight").fill("3");
  await p.waitForSelector('[data-testid="save-failed"]');
  assert.match(await text(p, "save-failed"), /存储空间已满.*本页中的内容仍在.*下载 JSON 备份/);
  assert.equal(await text(p, "save-status"), "保存失败");
  assert.equal(await field(p, "overall.indicators[9].weight").inputValue(), "3", "the report in memory is intact");
  const [download] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="download-json"]').click()]);
  assert.equal(download.suggestedFilename(), "岳阳市云溪区总工会-2024-绩效自评.json");
  const exported = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  assert.equal(exported.report.overall.indicators[9].weight, "3");
  assert.equal(exported.report.overall.indicators[5].reason, longReason);
  assert.equal(JSON.parse(await stored(p, "seed-001")).report.overall.indicators[5].reason, "", "not stored yet");
  await p.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith("filler.")) localStorage.removeItem(k); });
  await saved(p); // the retry every 3 s picks it up
  assert.equal(JSON.parse(await stored(p, "seed-001")).report.overall.indicators[5].reason, longReason);
  assert.equal(await p.locator('[data-testid="save-failed"]').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("two tabs on one draft: no silent overwrite, the user chooses, the other version is kept", async () => {
  const { page: a, problems, context } = await page(env);
  await openExample(a);
  await field(a, "overall.indicators[8].weight").fill("1");
  await saved(a);
  const b = await context.newPage();
  await b.goto(env.url + "#/edit/seed-001");
  await b.waitForSelector('[data-testid="total-score"]');
  assert.equal(await field(b, "overall.indicators[8].weight").inputValue(), "1");
  // A saves again; B learns of it and pauses rather than overwrite.
  await field(a, "overall.indicators[8].weight").fill("2");
  await b.waitForSelector('[data-testid="conflict"]');
  await field(b, "overall.indicators[9].weight").fill("4");
  await b.waitForTimeout(800);
  assert.equal(await text(b, "save-status"), "已暂停保存（另一页有新版本）");
  let draft = JSON.parse(await stored(b, "seed-001"));
  assert.equal(draft.report.overall.indicators[8].weight, "2", "A's save is intact");
  assert.equal(draft.report.overall.indicators[9].weight, null, "B did not overwrite it");
  // B keeps its own version; A's becomes a snapshot, and A is told in turn.
  await b.locator('[data-testid="keep-mine"]').click();
  await saved(b);
  draft = JSON.parse(await stored(b, "seed-001"));
  assert.deepEqual([draft.report.overall.indicators[8].weight, draft.report.overall.indicators[9].weight], ["1", "4"]);
  const snapshots = JSON.parse(await b.evaluate(() => localStorage.getItem("jixiao.snapshots.seed-001")));
  assert.ok(snapshots.some((s) => JSON.parse(s.text).report.overall.indicators[8].weight === "2"), "A's version kept as a snapshot");
  await a.waitForSelector('[data-testid="conflict"]');
  await a.locator('[data-testid="use-theirs"]').click();
  assert.equal(await field(a, "overall.indicators[9].weight").inputValue(), "4");
  assert.deepEqual(problems, []);
  await context.close();
});

test("snapshots: view and restore an earlier version", async () => {
  const { page: p, problems, context } = await page(env);
  await openExample(p, "seed-000");
  await field(p, "overall.declared_total").fill("97");
  await saved(p);
  await p.evaluate(() => { // make the first snapshot look a minute old so the next save takes one
    const key = "jixiao.snapshots.seed-000";
    const list = JSON.parse(localStorage.getItem(key));
    list[0].saved -= 61000;
    localStorage.setItem(key, JSON.stringify(list));
    const meta = JSON.parse(localStorage.getItem("jixiao.meta.seed-000"));
    meta.snapshot = list[0].saved; // the draft's metadata remembers when the last one was taken
    localStorage.setItem("jixiao.meta.seed-000", JSON.stringify(meta));
  });
  await field(p, "overall.declared_total").fill("50");
  await saved(p);
  await p.locator('[data-testid="snapshots-toggle"]').click();
  await p.waitForSelector('[data-testid="restore-snapshot"]');
  assert.equal(await p.locator('[data-testid="restore-snapshot"]').count(), 2);
  await p.locator('[data-testid="snapshots"] button', { hasText: "查看" }).last().click();
  assert.match(await p.locator(".snapshot-view").textContent(), /所选版本（只读）.*部门整体支出绩效自评表.*总分\s*100\s*9[78]/s, "an older version with its declared 总分, not the current 50");
  await p.locator('[data-testid="restore-snapshot"]').last().click(); // the oldest
  assert.equal(await field(p, "overall.declared_total").inputValue(), "97");
  await saved(p);
  assert.equal(JSON.parse(await stored(p, "seed-000")).report.overall.declared_total, "97");
  assert.deepEqual(problems, []);
  await context.close();
});

test("backup → clear storage → restore → identical drafts", async () => {
  const { page: p, problems, context } = await page(env);
  await openExample(p, "seed-000");
  await field(p, "overall.declared_total").fill("97");
  await saved(p);
  await openExample(p, "seed-004");
  await p.locator(".section-link", { hasText: "项目" }).first().click();
  await p.locator('[data-path$=".declared_total"]').first().fill("90");
  await saved(p);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="draft"]');
  const listBefore = await p.locator('[data-testid="draft"]').allTextContents();
  const storedBefore = await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.draft.") || k.startsWith("jixiao.meta.")).sort().map((k) => [k, localStorage.getItem(k)]));
  const [download] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="backup-all"]').click()]);
  const file = await download.path();
  await p.evaluate(() => localStorage.clear());
  await p.reload();
  await p.waitForSelector('[data-testid="draft-list"]');
  assert.equal(await p.locator('[data-testid="draft"]').count(), 0);
  await p.locator('[data-testid="restore-input"]').setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: fs.readFileSync(file) });
  await p.waitForSelector('[data-testid="backup-status"]');
  assert.match(await text(p, "backup-status"), /已恢复 2 个草稿/);
  assert.deepEqual(await p.locator('[data-testid="draft"]').allTextContents(), listBefore);
  const storedAfter = await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("jixiao.draft.") || k.startsWith("jixiao.meta.")).sort().map((k) => [k, localStorage.getItem(k)]));
  assert.deepEqual(storedAfter.map(([k, v]) => [k, k.startsWith("jixiao.meta.") ? JSON.parse(v).saved : v]),
    storedBefore.map(([k, v]) => [k, k.startsWith("jixiao.meta.") ? JSON.parse(v).saved : v]));
  // A report file is not a backup: a clear message, nothing changed.
  await p.locator('[data-testid="restore-input"]').setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from('{"format":"jixiao-report","version":1,"report":{}}') });
  await p.waitForFunction(() => /单个报告文件/.test(document.querySelector('[data-testid="backup-status"]')?.textContent));
  assert.equal(await p.locator('[data-testid="draft"]').count(), 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test("恢复备份 over a draft edited since: kept until asked, then 仍用备份覆盖 restores it and keeps this browser's version as a 历史版本", async () => {
  const { page: p, problems, context } = await page(env);
  await openExample(p, "seed-000");
  await field(p, "overall.declared_total").fill("97");
  await saved(p);
  await p.goto(env.url + "#/");
  const [download] = await Promise.all([p.waitForEvent("download"), p.locator('[data-testid="backup-all"]').click()]);
  const backup = fs.readFileSync(await download.path());
  // Edited after the backup: this browser's copy is newer.
  await openExample(p, "seed-000");
  await field(p, "overall.declared_total").fill("96");
  await saved(p);
  const id = await p.evaluate(() => location.hash.split("/").pop());
  await p.goto(env.url + "#/");
  await p.locator('[data-testid="restore-input"]').setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: backup });
  await p.waitForFunction(() => /本机的版本较新，未覆盖/.test(document.querySelector('[data-testid="backup-status"]')?.textContent));
  assert.match(await stored(p, id), /"declared_total":\s*"?96"?[,}]/, "nothing replaced without asking");
  const override = p.locator(".restore-ask button", { hasText: "仍用备份覆盖" });
  assert.equal(await override.count(), 1);
  assert.match(await p.locator(".restore-ask li").textContent(), /本机版本较新（备份中的保存于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}）/);
  await override.click();
  await p.waitForFunction(() => !document.querySelector(".restore-ask li"));
  assert.match(await stored(p, id), /"declared_total":\s*"?97"?[,}]/, "the backup's version");
  const versions = await p.evaluate((id) => JSON.parse(localStorage.getItem("jixiao.snapshots." + id) || "[]"), id);
  assert.match(versions.at(-1).text, /"declared_total":\s*"?96"?[,}]/, "this browser's version kept as a 历史版本");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the draft list: rename, copy, delete and undo the delete; newest save first", async () => {
  const { page: p, problems, context } = await page(env);
  await openExample(p, "seed-000");
  await field(p, "overall.declared_total").fill("97");
  await saved(p);
  await openExample(p, "seed-001");
  await field(p, "overall.declared_total").fill("98");
  await saved(p);
  await p.goto(env.url + "#/");
  await p.waitForSelector('[data-testid="draft"]');
  const names = () => p.locator('[data-testid="draft"] td:first-child').allTextContents();
  assert.deepEqual(await names(), ["岳阳市云溪区总工会 2024年度绩效自评", "岳阳市总工会 2024年度绩效自评"], "newest save first");
  const first = p.locator('[data-testid="draft"]').first();
  p.once("dialog", (d) => d.accept("云溪区总工会（第二稿）"));
  await first.locator("button", { hasText: "重命名" }).click();
  await p.waitForFunction(() => document.querySelector('[data-testid="draft"] td')?.textContent === "云溪区总工会（第二稿）");
  await p.locator('[data-testid="draft"]').first().locator("button", { hasText: "复制" }).click();
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="draft"]').length === 3);
  assert.ok((await names()).includes("云溪区总工会（第二稿）（副本）"));
  await p.locator('[data-testid="draft"]', { hasText: "岳阳市总工会 2024" }).locator('[data-testid="delete-draft"]').click();
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="draft"]').length === 2);
  await p.waitForTimeout(10500); // the undo stays offered for at least 10 s
  await p.locator('[data-testid="undo-delete"]').click();
  await p.waitForFunction(() => document.querySelectorAll('[data-testid="draft"]').length === 3);
  await p.goto(env.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  assert.equal(await field(p, "overall.declared_total").inputValue(), "97", "the undeleted draft is whole");
  assert.deepEqual(problems, []);
  await context.close();
});
