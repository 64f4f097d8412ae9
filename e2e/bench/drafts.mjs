// The draft list with 100 stored drafts (copies of the seed 000 example): navigation start → all
// 100 rows of 我的草稿 shown (each draft is loaded and its 总分 computed).
// Usage: node bench/drafts.mjs [runs]
import fs from "node:fs";
import { start } from "../tests/harness.mjs";
import { stats } from "./large.mjs";

const runs = Number(process.argv[2] || 7);
const seed = JSON.parse(fs.readFileSync(new URL("../../tests/fixtures/seeds/seed-000.json", import.meta.url), "utf8"));
const drafts = Array.from({ length: 100 }, (_, i) => {
  const doc = structuredClone(seed);
  doc.report.id = `d${i}`;
  doc.report.department = `单位${i}`;
  return [`d${i}`, JSON.stringify(doc), JSON.stringify({ name: `草稿${i}`, saved: 1700000000000 + i, writer: "bench" })];
});
const env = await start();
const samples = [];
for (let i = 0; i < runs; i++) {
  const context = await env.browser.newContext();
  const p = await context.newPage();
  await p.addInitScript((drafts) => {
    if (!localStorage.getItem("jixiao.draft.d0")) {
      for (const [id, text, meta] of drafts) {
        localStorage.setItem("jixiao.draft." + id, text);
        localStorage.setItem("jixiao.meta." + id, meta);
      }
    }
    new MutationObserver((_, mo) => {
      if (document.querySelectorAll('[data-testid="draft"]').length === 100) {
        window.__listed = performance.now();
        mo.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, drafts);
  await p.goto(env.url + "#/");
  await p.waitForFunction(() => window.__listed !== undefined, null, { timeout: 30000 });
  samples.push(await p.evaluate(() => window.__listed));
  await context.close();
}
const s = stats(samples);
console.log(`draft list with 100 drafts: median ${s.median.toFixed(0)} ms, min ${s.min.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (n=${s.n}, navigation start → 100 rows)`);
await env.stop();
