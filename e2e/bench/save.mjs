// Saving the large report (1 整体 + 30 项目 × 20 indicators) to localStorage in headless
// Chromium against the release dist/: each sample is one autosave after a keystroke, timed by
// the app's own User Timing entry "jixiao-save" (serialise + conflict check + write).
// Usage: node bench/save.mjs [samples]
import { start, page } from "../tests/harness.mjs";
import { largeReport, storeLarge, stats, LARGE_ID } from "./large.mjs";

const samples = Number(process.argv[2] || 30);
const env = await start();
const { page: p, problems, context } = await page(env, {});
await p.addInitScript(storeLarge, JSON.stringify(largeReport()));
await p.goto(env.url + "#/edit/" + LARGE_ID);
await p.waitForSelector('[data-path="overall.indicators[0].actual"]', { timeout: 30000 });
const result = await p.evaluate(async (n) => {
  const cell = document.querySelector('[data-path="overall.indicators[0].actual"]');
  for (let i = 0; i < n + 3; i++) {
    cell.value = i % 2 === 0 ? "5次" : "10次";
    cell.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((r) => setTimeout(r, 500)); // one autosave each
  }
  const size = localStorage.getItem("jixiao.draft.bench-large").length;
  return { durations: performance.getEntriesByName("jixiao-save").map((e) => e.duration).slice(3), size };
}, samples);
const s = stats(result.durations);
console.log(`save of the large report (${result.size} characters): median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms, min ${s.min.toFixed(2)} ms, max ${s.max.toFixed(2)} ms (n=${s.n})`);
if (problems.length) { console.error(problems); process.exitCode = 1; }
await context.close();
await env.stop();
