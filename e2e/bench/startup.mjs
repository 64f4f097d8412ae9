// Cold start in headless Chromium against the release dist/ served under /apps/jixiao/ with the
// CSP: navigation start → the first screen shown: a first visit's 首页 (the app frame with the start
// section, issue 27), the editor opened on the seed 000 example with its 总分, and 审核.
// Each run is a fresh browser context (empty cache). Modes: unthrottled, 4× CPU throttling and an
// emulated 10 Mbit/s link (20 ms latency), both through the DevTools protocol.
// The server compresses nothing (as nginx, Apache and IIS do for .wasm unless configured);
// GZ=compressing has it gzip every response on the fly (a server configured to compress all).
// Usage: node bench/startup.mjs [runs]   (DIST=<dir> measures another build's dist/)
import { start } from "../tests/harness.mjs";
import { stats } from "./large.mjs";

const runs = Number(process.argv[2] || 7);
const env = await start({ ...(process.env.DIST ? { root: process.env.DIST } : {}), gz: process.env.GZ || "file" });
const MODES = {
  "unthrottled": async () => {},
  "4× CPU throttling": (cdp) => cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 }),
  "10 Mbit/s link": async (cdp) => {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 });
  },
};
const SCREENS = [
  ["首页", "", '[data-testid="start"]'],
  ["the editor on seed 000", "#/edit/seed-000", '[data-testid="total-score"]'],
  // 审核 is in the screens module (issue 25, session 10): its cold start includes that module.
  ["审核", "#/review", '[data-testid="review-table"]'],
];
for (const [mode, setup] of Object.entries(MODES)) for (const [screen, hash, shown] of SCREENS) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
    const p = await context.newPage();
    const cdp = await context.newCDPSession(p);
    await setup(cdp);
    await p.addInitScript((shown) => {
      new MutationObserver((_, mo) => {
        if (document.querySelector('[data-testid="app-ready"]') && document.querySelector(shown)) {
          window.__ready = performance.now();
          mo.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, shown);
    await p.goto(env.url + hash);
    await p.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30000 });
    samples.push(await p.evaluate(() => window.__ready));
    await context.close();
  }
  const s = stats(samples);
  console.log(`cold start, ${mode}, ${screen}: median ${s.median.toFixed(0)} ms, min ${s.min.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (n=${s.n})`);
}
await env.stop();
