// First use of the on-demand reader worker and cold start of the one-file build (issue 25).
// 1. Served dist/ (fresh context each run): app ready on 首页, then the time from choosing a
//    Word file (seed 000 附件2) to its import preview, which includes downloading, compiling and
//    starting the reader worker; unthrottled and on an emulated 10 Mbit/s link, and on that
//    link through the file dialog (opened 2 s before the file is chosen).
// 2. dist/jixiao.html from file:// (fresh context): navigation → app ready with 总分 shown
//    (the 3 MB file read from disk, its base64 decoded, the module compiled).
// 3. The editor's 得分结构图, first opening on a page (measured before 2).
// Usage: node bench/first-use.mjs [runs]
import path from "node:path";
import { pathToFileURL } from "node:url";
import { start } from "../tests/harness.mjs";
import { stats } from "./large.mjs";

const runs = Number(process.argv[2] || 5);
const root = new URL("../../", import.meta.url).pathname;
const docx = path.join(root, "tests/fixtures/samples/seed-000-附件2.docx");
const env = await start(process.env.DIST ? { root: process.env.DIST } : {});
const slow = async (cdp) => {
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 });
};
// For each [mode, link set-up, option]: `runs` fresh pages at `hash` (no service worker: as over
// plain HTTP; on 127.0.0.1 the offline copy would fetch the modules in the background,
// unthrottled), each measured by `measure(page, option)` once `ready` is shown; prints the median.
async function firstUse(what, hash, ready, modes, measure) {
  for (const [mode, setup, option] of modes) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: "block" });
      const p = await context.newPage();
      await setup(await context.newCDPSession(p));
      await p.goto(env.url + hash);
      await p.waitForSelector(ready);
      samples.push(await measure(p, option));
      await context.close();
    }
    const s = stats(samples);
    console.log(`${what}, ${mode}: median ${s.median} ms, min ${s.min} ms, max ${s.max} ms (n=${s.n})`);
  }
}
// "through the dialog": the drop zone is clicked (the file dialog opens) and the file is chosen
// 2 s later, as a person does; the time counts from the choice. The app starts loading what the
// preview needs when the dialog opens.
const none = async () => {};
await firstUse("first import (reader worker cold)", "#/", '[data-testid="import-input"]',
  [["unthrottled", none, false], ["10 Mbit/s link", slow, false], ["10 Mbit/s link, through the dialog", slow, true]],
  async (p, dialog) => {
    let chooser = null;
    if (dialog) {
      const opened = p.waitForEvent("filechooser");
      await p.locator('[data-testid="drop-zone"]').click();
      chooser = await opened;
      await p.waitForTimeout(2000);
    }
    const t0 = Date.now();
    if (chooser) await chooser.setFiles([docx]);
    else await p.locator('[data-testid="import-input"]').setInputFiles([docx]);
    await p.waitForSelector('[data-testid="import-preview"]', { timeout: 60000 });
    return Date.now() - t0;
  });
// The editor's 得分结构图 opened for the first time on a page (session 15: drawn by the screens
// module, which then loads), from the click to the chart's SVG. The pointer resting on the button
// for 0.5 s before the click, as a person's does, starts the module's download (the bench's click
// alone moves the pointer there only just before).
await firstUse("first 得分结构图 on a page", "#/edit/seed-000", '[data-testid="score-chart-toggle"]',
  [["unthrottled", none, 0], ["10 Mbit/s link", slow, 0], ["10 Mbit/s link, pointer on the button 0.5 s before the click", slow, 500]],
  async (p, rest) => {
    const toggle = p.locator('[data-testid="score-chart-toggle"]').first();
    if (rest) {
      await toggle.hover();
      await p.waitForTimeout(rest);
    }
    const t0 = Date.now();
    await toggle.click();
    await p.waitForSelector('[data-testid="score-chart"] svg', { timeout: 60000 });
    return Date.now() - t0;
  });
const file = pathToFileURL(path.join(root, "dist/jixiao.html")).href;
const samples = [];
for (let i = 0; i < runs; i++) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p = await context.newPage();
  await p.goto(file + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]', { timeout: 30000 });
  samples.push(await p.evaluate(() => performance.now()));
  await context.close();
}
const s = stats(samples);
console.log(`jixiao.html from file://, navigation → 总分 shown: median ${s.median.toFixed(0)} ms, min ${s.min.toFixed(0)} ms, max ${s.max.toFixed(0)} ms (n=${s.n})`);
await env.stop();
