// Shared end-to-end setup: Debian's Chromium through playwright-core, a page that fails the
// test on any console error, uncaught exception, failed request or request to another host.
import { chromium } from "playwright-core";
import fs from "node:fs";
import { serve } from "../server.mjs";

export const CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

export async function start(options = {}) {
  const { server, url } = await serve(options);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
  return { server, url, browser, async stop() { await browser.close(); server.close(); } };
}

/** A fresh page whose problems are collected in `problems` (asserted empty by `clean`). */
export async function page(env, { initScript } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const p = await context.newPage();
  const problems = [];
  const origin = new URL(env.url).origin;
  p.on("console", (m) => { if (m.type() === "error") problems.push("console error: " + m.text()); });
  p.on("pageerror", (e) => problems.push("uncaught: " + e.message));
  p.on("requestfailed", (r) => problems.push("request failed: " + r.url()));
  p.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  p.on("request", (r) => { const u = r.url(); if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.push("foreign request: " + u); });
  if (initScript) await p.addInitScript(initScript);
  return { page: p, problems, context };
}

/** Copies the first table of `html` with the browser's own copy command (real text/html on the
 * clipboard, as a user copying from a web page or Word): true when the copy happened. */
export async function copyTable(context, html) {
  const source = await context.newPage();
  await source.setContent(html);
  const copied = await source.evaluate(() => {
    const range = document.createRange();
    range.selectNode(document.querySelector("table"));
    window.getSelection().removeAllRanges();
    window.getSelection().addRange(range);
    return document.execCommand("copy");
  });
  await source.close();
  return copied;
}

/** Issue 22's 部门整体 table whose actual-value head no rule knows ("全年数" under a merged
 * 指标值), as a file for setInputFiles: its 第 5 列 is not read until assigned by hand. */
export function unknownHeadFile() {
  const root = new URL("../../", import.meta.url).pathname;
  const html = fs.readFileSync(root + "tests/fixtures/layouts/merged-head.html", "utf8").replace("全年实际值", "全年数");
  return { name: "某局自评表.html", mimeType: "text/html", buffer: Buffer.from(html, "utf8") };
}
