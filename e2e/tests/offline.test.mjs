// The offline copy (issue 25, public/sw.js): served from 127.0.0.1 (a secure context, like
// HTTPS), a first visit installs the service worker, which keeps every file of the build. With
// the server stopped, a reload still opens the app, an example report and a Word import (the
// reader worker from the cache). With the server back holding a newer build, the next visit
// shows the newer index.html and its service worker replaces the old cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { serve } from "../server.mjs";
import { CHROMIUM_ARGS, page } from "./harness.mjs";

const root = new URL("../../", import.meta.url).pathname;
const sample = (name) => path.join(root, "tests/fixtures/samples", name);

function stop(server) {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
}

test("after a first visit the app opens, edits and imports with the server gone; the next visit online takes a new build", async () => {
  const first = await serve();
  const port = new URL(first.url).port;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const env = { browser, url: first.url };
  const { page: p, problems, context } = await page(env);
  await p.goto(first.url + "#/");
  await p.waitForSelector('[data-testid="app-ready"]');
  // The service worker is installed (every file in its cache) and controls the page.
  await p.waitForFunction(async () => {
    if (!navigator.serviceWorker.controller) return false;
    const keys = await caches.keys();
    if (keys.length !== 1) return false;
    const cache = await caches.open(keys[0]);
    return (await cache.keys()).some((r) => /jixiao-reader_bg-[0-9a-f]+\.wasm\.gz$/.test(r.url));
  }, null, { timeout: 30000, polling: 200 });
  const oldCache = await p.evaluate(async () => (await caches.keys())[0]);
  // The page is also served from the cache once the worker has its whole list.
  await p.waitForFunction(async () => (await navigator.serviceWorker.ready).active?.state === "activated", null, { timeout: 30000 });
  await p.waitForTimeout(1000);

  // The server is gone: the app still opens from the cache.
  await stop(first.server);
  await p.reload();
  await p.waitForSelector('[data-testid="app-ready"]');
  await p.goto(first.url + "#/edit/seed-000");
  await p.waitForSelector('[data-testid="total-score"]');
  await p.goto(first.url + "#/");
  await p.waitForSelector('[data-testid="import-input"]');
  await p.locator('[data-testid="import-input"]').setInputFiles([sample("seed-000-附件2.docx")]);
  await p.waitForSelector('[data-testid="import-preview"]', { timeout: 60000 });
  assert.equal(await p.locator('[data-testid="import-computed"]').first().textContent(), "98.00");
  // The pages module (the 部门决算 page, on demand: never fetched before) comes from the cache too.
  await p.goto(first.url + "#/fa");
  await p.waitForSelector('[data-testid="fa-new"]', { timeout: 30000 });

  // A newer build on the same address: the next visit shows it, and its worker replaces the cache.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jixiao-offline-"));
  fs.cpSync(path.join(root, "dist"), dir, { recursive: true });
  const index = path.join(dir, "index.html");
  fs.writeFileSync(index, fs.readFileSync(index, "utf8").replace("<title>", '<meta name="jixiao-build" content="newer">\n  <title>'));
  const sw = path.join(dir, "sw.js");
  fs.writeFileSync(sw, fs.readFileSync(sw, "utf8").replace(/const CACHE = "jixiao-[0-9a-f]+";/, 'const CACHE = "jixiao-newer";'));
  const second = await serve({ root: dir, port: Number(port) });
  assert.equal(second.url, first.url);
  await p.reload();
  await p.waitForSelector('[data-testid="app-ready"]');
  assert.equal(await p.locator('meta[name="jixiao-build"]').count(), 1, "the newer index.html is used");
  await p.waitForFunction(async () => (await caches.keys()).join() === "jixiao-newer", null, { timeout: 30000, polling: 200 });
  assert.notEqual(oldCache, "jixiao-newer");
  assert.deepEqual(problems, []);
  await context.close();
  await browser.close();
  await stop(second.server);
  fs.rmSync(dir, { recursive: true, force: true });
});
