import { start } from "../tests/harness.mjs";
const env = await start();
for (let i = 0; i < 2; i++) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p = await context.newPage();
  await p.addInitScript(() => {
    new MutationObserver((_, mo) => {
      if (document.querySelector('[data-testid="app-ready"]') && !window.__app) window.__app = performance.now();
      if (document.querySelector('[data-testid="total-score"]')) { window.__ready = performance.now(); mo.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  await p.goto(env.url);
  await p.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30000 });
  const r = await p.evaluate(() => ({ app: window.__app, ready: window.__ready, hash: location.hash, res: performance.getEntriesByType("resource").map((e) => [e.name.split("/").pop(), Math.round(e.startTime), Math.round(e.responseEnd)]) }));
  console.log(JSON.stringify(r));
  await context.close();
}
await env.stop();
