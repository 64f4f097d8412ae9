import { start } from "../tests/harness.mjs";
const env = await start();
const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
const p = await context.newPage();
await p.addInitScript(() => {
  new MutationObserver((_, mo) => { if (document.querySelector('[data-testid="total-score"]')) { window.__ready = performance.now(); mo.disconnect(); } }).observe(document, { childList: true, subtree: true });
});
const cdp = await context.newCDPSession(p);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
await cdp.send("Profiler.start");
await p.goto(env.url);
await p.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30000 });
const { profile } = await cdp.send("Profiler.stop");
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const selfT = new Map(); profile.samples.forEach((id, i) => selfT.set(id, (selfT.get(id) || 0) + (profile.timeDeltas[i] || 0)));
const incl = new Map();
for (const [id, t] of selfT) { const seen = new Set(); let cur = id; while (cur !== undefined) { const n = byId.get(cur); const k = n.callFrame.functionName.replace(/::h[0-9a-f]{16}/, "").slice(0, 130); if (!seen.has(k)) { seen.add(k); incl.set(k, (incl.get(k) || 0) + t); } cur = parent.get(cur); } }
const under = new Map();
for (const [id, t] of selfT) { let cur = id; let inside = false; while (cur !== undefined) { const n = byId.get(cur); if (/app::start/.test(n.callFrame.functionName)) { inside = true; break; } cur = parent.get(cur); } if (inside) { const n = byId.get(id); const k = (n.callFrame.functionName || n.callFrame.url).replace(/::h[0-9a-f]{16}/, "").slice(0, 120); under.set(k, (under.get(k) || 0) + t); } }
for (const [k, t] of [...under].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log("self-under-start", (t / 1000).toFixed(1).padStart(8), k);
for (const [k, t] of [...incl].filter(([k]) => /jixiao::|serde|compile|instantiate|offset|Layout|get_bounding|scroll|focus/i.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log((t / 1000).toFixed(1).padStart(8), k);
console.log("ready", await p.evaluate(() => window.__ready));
await context.close();
await env.stop();
