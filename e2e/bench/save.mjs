// Saving the large report (1 整体 + 30 项目 × 20 indicators) to localStorage in headless
// Chromium against the release dist/: each sample is one autosave after a keystroke, timed by
// the app's own User Timing entry "jixiao-save" (serialise + conflict check + write).
// Usage: node bench/save.mjs [samples]
import { openLarge, stats } from "./large.mjs";

const samples = Number(process.argv[2] || 30);
const { p, finish } = await openLarge();
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
await finish();
