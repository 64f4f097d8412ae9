// Keystroke → updated 总分 on the large report (1 整体 + 30 项目 × 20 indicators) in headless
// Chromium against the release dist/. Each sample types one value into an 实际完成值 cell of
// the 整体 table (alternating so the total changes every time) and stops the clock when the
// 总分 in the summary bar shows the new figure; "frame" also waits for the next animation
// frame's callbacks, and "drawn" for a task after it, i.e. includes style, layout and paint. Usage: node bench/keystroke.mjs [samples] [整体 rows]
// (rows: 20 by default; 300 and 2000 are issue 17's large-table cases).
import { openLarge, stats } from "./large.mjs";

const samples = Number(process.argv[2] || 200);
const rows = Number(process.argv[3] || 20);
const { p, finish } = await openLarge(rows);
const result = await p.evaluate(async (n) => {
  const cell = document.querySelector('[data-path="overall.indicators[0].actual"]');
  const total = document.querySelector('[data-testid="total-score"]');
  const dom = [];
  const frame = [];
  const painted = [];
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));
  for (let i = 0; i < n + 10; i++) {
    const before = total.textContent;
    const t0 = performance.now();
    cell.value = i % 2 === 0 ? "5次" : "10次";
    cell.dispatchEvent(new Event("input", { bubbles: true }));
    await new Promise((resolve) => {
      if (total.textContent !== before) return resolve();
      const mo = new MutationObserver(() => { if (total.textContent !== before) { mo.disconnect(); resolve(); } });
      mo.observe(total, { characterData: true, childList: true, subtree: true });
    });
    const t1 = performance.now();
    await nextFrame();
    const t2 = performance.now();
    // A task after that frame's callbacks: the frame with the new figures (style, layout and
    // paint included) has been produced.
    await new Promise((r) => setTimeout(r, 0));
    const t3 = performance.now();
    if (i >= 10) { dom.push(t1 - t0); frame.push(t2 - t0); painted.push(t3 - t0); } // the first 10 warm up
    await new Promise((r) => setTimeout(r, 5));
  }
  return { dom, frame, painted, total: total.textContent };
}, samples);
const fmt = (s) => `median ${s.median.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms, min ${s.min.toFixed(2)} ms, max ${s.max.toFixed(2)} ms (n=${s.n})`;
console.log(`整体表 with ${rows} indicator rows + 30 项目 × 20`);
console.log(`keystroke → 总分 updated: ${fmt(stats(result.dom))}`);
console.log(`keystroke → next frame:   ${fmt(stats(result.frame))}`);
console.log(`keystroke → frame drawn: ${fmt(stats(result.painted))}`);
await finish();
