import { start } from "../tests/harness.mjs";
const env = await start();
const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
const p = await context.newPage();
const browser = context.browser();
await p.addInitScript(() => {
  new MutationObserver((_, mo) => { if (document.querySelector('[data-testid="total-score"]')) { window.__ready = performance.now(); mo.disconnect(); } }).observe(document, { childList: true, subtree: true });
});
await browser.startTracing(p, { categories: ["devtools.timeline", "v8.execute", "disabled-by-default-devtools.timeline", "v8", "blink"] });
await p.goto(env.url);
await p.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30000 });
const buf = await browser.stopTracing();
const ev = JSON.parse(buf.toString()).traceEvents;
const t0 = Math.min(...ev.filter((e) => e.ts > 0 && e.name === "navigationStart").map((e) => e.ts));
for (const e of ev.filter((e) => e.ph === "X" && e.dur > 15000 && ["RunTask"].includes(e.name) === false).sort((a, b) => a.ts - b.ts)) console.log("ev", ((e.ts - t0) / 1000).toFixed(0).padStart(6), (e.dur / 1000).toFixed(1).padStart(7), e.name, JSON.stringify(e.args?.data?.url || e.args?.data?.functionName || "").slice(0, 60));
const agg = new Map();
for (const e of ev) if (e.ph === "X" && e.dur > 1000) { const k = e.name; const a = agg.get(k) || [0, 0]; a[0] += e.dur; a[1]++; agg.set(k, a); }
for (const [k, [d, n]] of [...agg].sort((a, b) => b[1][0] - a[1][0]).slice(0, 30)) console.log((d / 1000).toFixed(1).padStart(9), String(n).padStart(5), k);
console.log("ready", await p.evaluate(() => window.__ready));
await context.close();
await env.stop();
