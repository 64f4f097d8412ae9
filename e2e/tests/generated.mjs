// Generated report files for the reviewer's batch tests and benchmark: Hunan 整体 tables with
// varied budgets, rows and declared totals (some declared right, some wrong).
export function generatedReport(i) {
  const executed = 800 + (i * 37) % 400; // against a budget of 1000: rates 80 %–120 %
  const rows = [];
  const n = 6 + (i % 5);
  for (let r = 0; r < n; r++) {
    const level1 = r < n - 2 ? "产出指标" : r < n - 1 ? "效益指标" : "满意度指标";
    const level2 = r < n - 2 ? "数量指标" : r < n - 1 ? "社会效益指标" : "服务对象满意度指标";
    const actual = 8 + ((i + r) % 5); // targets ≥10: some rows fall short
    rows.push({ level1, level2, name: `指标${r + 1}`, target: "≥10次", actual: `${actual}次`, weight: "10", declared_score: "10", reason: actual < 10 ? "" : "" });
  }
  const declared = i % 3 === 0 ? "100" : i % 3 === 1 ? "95.5" : "90";
  return {
    format: "jixiao-report",
    version: 1,
    app_version: "test",
    report: {
      id: `gen-${i}`,
      rule_pack: "hunan-2024",
      year: 2024,
      department: `生成单位${String(i).padStart(3, "0")}`,
      overall: {
        kind: "overall",
        name: `生成单位${i}`,
        budget: { initial: "1000", adjusted: "1000", executed: String(executed), weight: "10", declared_score: "10" },
        level1_weights: [{ name: "产出指标", weight: String((n - 2) * 10) }, { name: "效益指标", weight: "10" }, { name: "满意度指标", weight: "10" }],
        indicators: rows,
        declared_total: declared,
        declared_grade: "优",
      },
    },
  };
}

export function generatedFiles(count) {
  return Array.from({ length: count }, (_, i) => ({
    name: `gen-${String(i).padStart(3, "0")}.json`,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(generatedReport(i), null, 2)),
  }));
}
