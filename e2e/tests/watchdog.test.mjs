// Issue 26 in the browser: on 审核, a file that the reader worker is still reading past its time
// allowance is reported as too complex, the worker is terminated and restarted, and the good
// files before and after it keep their rows; a file past one of the readers' limits gets the
// message naming that limit. The allowance is lowered to 1 s for the test
// (window.jixiaoReadAllowanceMs); the slow file is 9 million <b> tags (27 MB, under the 30 MB
// file limit), which takes seconds to read.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, page } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.stop(); });

const root = new URL("../../", import.meta.url).pathname;
const sample = (name) => ({ name, mimeType: "application/octet-stream", buffer: fs.readFileSync(path.join(root, "tests/fixtures/samples", name)) });

function slowPage() {
  const head = Buffer.from("<html><body><table><tr><td>");
  const tags = Buffer.alloc(9_000_000 * 3);
  for (let i = 0; i < tags.length; i += 3) tags.write("<b>", i, "latin1");
  return Buffer.concat([head, tags, Buffer.from("</td></tr></table></body></html>")]);
}

test("审核: a bad file in the middle of good ones is named, and every good file keeps its rows", async () => {
  const { page: p, problems } = await page(env);
  await p.goto(env.url + "#/review");
  await p.waitForSelector('[data-testid="review-table"]');
  await p.evaluate(() => { window.jixiaoReadAllowanceMs = 1000; });
  const colspan = "<html><body><table><tr>" + '<td colspan="1000">x</td>'.repeat(17) + "</tr></table></body></html>";
  const files = [
    sample("seed-003-整体绩效自评表.docx"),
    { name: "慢.html", mimeType: "text/html", buffer: slowPage() },
    sample("seed-000-附件2.xlsx"),
    { name: "宽.html", mimeType: "text/html", buffer: Buffer.from(colspan) },
    sample("seed-001-部门整体.html"),
  ];
  const started = Date.now();
  await p.locator('[data-testid="review-input"]').setInputFiles(files);
  const rows = async () => p.evaluate(() => [...document.querySelectorAll('[data-testid="review-row"]')].map((tr) => [...tr.children].map((td) => td.textContent)));
  await p.waitForFunction(() => {
    const names = [...document.querySelectorAll('[data-testid="review-row"]')].map((tr) => tr.children[0].textContent);
    return ["seed-003-整体绩效自评表.docx", "慢.html", "seed-000-附件2.xlsx", "宽.html", "seed-001-部门整体.html"].every((n) => names.includes(n));
  }, null, { timeout: 60000 });
  const all = await rows();
  const of = (name) => all.filter((r) => r[0] === name);
  for (const good of ["seed-003-整体绩效自评表.docx", "seed-000-附件2.xlsx", "seed-001-部门整体.html"]) {
    assert.ok(of(good).length >= 1, `rows of ${good}`);
    assert.ok(of(good).every((r) => r[5] !== "—"), `${good} has a computed 总分: ${JSON.stringify(of(good))}`);
  }
  const slow = of("慢.html");
  assert.equal(slow.length, 1);
  assert.match(slow[0].join(" "), /文件过于复杂，读取超过 1 秒仍未完成/);
  const wide = of("宽.html");
  assert.match(wide[0].join(" "), /表格一行超过 16384 列/);
  assert.ok(Date.now() - started < 45000, `took ${Date.now() - started} ms`);
  assert.deepEqual(problems, []);
});
