import { start, page } from "../tests/harness.mjs";

// The benchmark report: 1 整体 table + 30 项目 tables × 20 indicators (Hunan rules), as a stored
// draft in the saved format, so benchmarks open it the way a user opens a draft.
const LEVELS = [
  ["产出指标", "数量指标", 10, "5"],
  ["效益指标", "社会效益指标", 6, "5"],
  ["满意度指标", "服务对象满意度指标", 4, "2.5"],
];

// Rows and weights per 一级指标 of the large 整体 tables, so the weights still add up to 50/30/10
// and the 总分 is computed (and changes with each benchmark keystroke).
const LARGE = { 300: [[125, "0.4"], [125, "0.24"], [50, "0.2"]], 2000: [[1000, "0.05"], [750, "0.04"], [250, "0.04"]] };

function table(kind, name, rows = 20) {
  const indicators = [];
  LEVELS.forEach(([level1, level2, n20, weight20], l) => {
    const [n, weight] = LARGE[rows] ? LARGE[rows][l] : [n20, weight20];
    for (let i = 0; i < n; i++) {
      indicators.push({ level1, level2, name: `${name}指标${indicators.length + 1}`, target: "≥10次", actual: "10次", weight, declared_score: weight, reason: "" });
    }
  });
  return {
    kind, name, unit: "万元",
    budget: { initial: "1000", adjusted: "1200", executed: "1100.5", weight: "10", declared_rate_percent: "91.71", declared_score: "9.17" },
    level1_weights: [{ name: "产出指标", weight: "50" }, { name: "效益指标", weight: "30" }, { name: "满意度指标", weight: "10" }],
    indicators, declared_total: "99.17", declared_grade: "优",
  };
}

export const LARGE_ID = "bench-large";

/** The benchmark report; `overallRows` sets the 整体 table's indicator rows (20 by default;
 * 300 and 2,000 — the paste limit — are the large-table cases of issue 17). */
export function largeReport(overallRows = 20) {
  const projects = [];
  for (let p = 0; p < 30; p++) projects.push(table("project", `项目${p + 1}`));
  return {
    format: "jixiao-report", version: 1, app_version: "bench",
    report: { id: LARGE_ID, rule_pack: "hunan-2024", year: 2024, department: "基准测试局", overall: table("overall", "基准测试局", overallRows), projects, narrative: [] },
  };
}

/** Puts the large report into the page's storage as a draft (run before the app starts). */
function storeLarge(envelopeText) {
  localStorage.setItem("jixiao.draft.bench-large", envelopeText);
}

/** Serves dist/, opens the large report as a stored draft in the editor; `finish()` reports
 * any console error or foreign request and closes everything. */
export async function openLarge(overallRows = 20) {
  const env = await start(process.env.DIST ? { root: process.env.DIST } : {});
  const { page: p, problems, context } = await page(env, {});
  await p.addInitScript(storeLarge, JSON.stringify(largeReport(overallRows)));
  await p.goto(env.url + "#/edit/" + LARGE_ID);
  await p.waitForSelector('[data-path="overall.indicators[0].actual"]', { timeout: 120000 });
  const finish = async () => {
    if (problems.length) { console.error(problems); process.exitCode = 1; }
    await context.close();
    await env.stop();
  };
  return { p, finish };
}

export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), min: s[0], max: s[s.length - 1] };
}
