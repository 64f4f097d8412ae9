//! The seed reports: computed figures and every error domain.md lists for each seed, through
//! one `check` helper. A regression here means the checker misses a real-world mistake.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use jixiao::model::exchange::json::{load, save};
use jixiao::model::num::{fmt2, fmt_rate};
use jixiao::model::{evaluate, Evaluation, Report, Severity};

fn seed(name: &str) -> (Report, Evaluation) {
    let text = std::fs::read_to_string(format!("tests/fixtures/seeds/{name}.json")).unwrap();
    let report = load(&text).unwrap().report;
    let evaluation = evaluate(&report);
    (report, evaluation)
}

/// Expected finding: (code, severity, path, a fragment the message must contain).
type Expect<'a> = (&'a str, Severity, &'a str, &'a str);

fn check(evaluation: &Evaluation, expected: &[Expect]) {
    for (code, severity, path, fragment) in expected {
        assert!(
            evaluation.findings.iter().any(|f| f.code == *code && f.severity == *severity && f.path == *path && f.message.contains(fragment)),
            "missing finding {code} {severity:?} at {path} containing {fragment:?}; found:\n{:#?}",
            evaluation.findings
        );
    }
}

fn table<'a>(e: &'a Evaluation, path: &str) -> &'a jixiao::model::score::TableResult {
    e.tables.iter().find(|t| t.path == path).unwrap()
}

fn findings_at<'a>(e: &'a Evaluation, prefix: &str) -> Vec<&'a jixiao::model::Finding> {
    e.findings.iter().filter(|f| f.path.starts_with(prefix)).collect()
}

#[test]
fn seed_000_figures_and_errors() {
    let (_, e) = seed("seed-000");
    let overall = table(&e, "overall");
    assert_eq!(overall.total.map(fmt2).as_deref(), Some("98.00"));
    assert_eq!(overall.grade.as_deref(), Some("优"));
    assert_eq!(overall.budget.score.map(fmt2).as_deref(), Some("10.00"));
    assert_eq!(overall.budget.rate.map(fmt_rate).as_deref(), Some("373.29%"));
    let subtotal = |name: &str| overall.level1.iter().find(|s| s.name == name).and_then(|s| s.score).map(fmt2);
    assert_eq!(subtotal("产出指标").as_deref(), Some("48.00"));
    assert_eq!(subtotal("效益指标").as_deref(), Some("30.00"));
    assert_eq!(subtotal("满意度指标").as_deref(), Some("10.00"));
    assert_eq!(table(&e, "projects[0]").total.map(fmt2).as_deref(), Some("100.00"));
    assert_eq!(e.staff_control_rate.map(fmt_rate).as_deref(), Some("89.19%"));
    check(
        &e,
        &[
            ("narrative.share", Severity::Error, "narrative[1].text", "26.67%"),
            ("narrative.share", Severity::Error, "narrative[1].text", "6.44%"),
            ("budget.rate_mismatch", Severity::Error, "overall.budget.declared_rate_percent", "373.29%"),
            ("narrative.table_mismatch", Severity::Error, "narrative[1].text", "2019.16"),
            ("basic.unit_suspect", Severity::Warning, "basic_data.unit", "10000倍"),
            ("basic.project_vs_table", Severity::Warning, "basic_data.project_total", "932.68"),
            ("indicator.reason_missing", Severity::Error, "overall.indicators[5].reason", "活动阵地建设"),
            ("indicator.unverifiable", Severity::Warning, "overall.indicators[2].actual", "工运理论研究建设"),
        ],
    );
    // The consistent parts raise nothing: subtotals, total, grade, budget score, control rate, 附件3.
    assert!(findings_at(&e, "overall.level1_weights").is_empty());
    assert!(findings_at(&e, "overall.declared_total").is_empty());
    assert!(findings_at(&e, "overall.budget.declared_score").is_empty());
    assert!(findings_at(&e, "basic_data.declared_control_rate_percent").is_empty());
    let problems: Vec<_> = findings_at(&e, "projects[0]").into_iter().filter(|f| f.severity != Severity::Info).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // Its qualitative row without an evaluator's assessment is listed as 待评定 (提示).
    let pending = findings_at(&e, "projects[0].indicators[3].assessed_score");
    assert!(pending.iter().any(|f| f.code == "indicator.pending" && f.severity == Severity::Info && f.message.contains("10.00 分按单位自评得分计入")), "{pending:#?}");
}

#[test]
fn seed_001_figures_and_errors() {
    let (_, e) = seed("seed-001");
    let overall = table(&e, "overall");
    assert_eq!(overall.total.map(fmt2).as_deref(), Some("99.00"));
    assert_eq!(overall.grade.as_deref(), Some("优"));
    check(
        &e,
        &[
            ("weights.level1_header", Severity::Error, "overall.level1_weights[0].weight", "合计 70"),
            ("weights.level1_header", Severity::Error, "overall.level1_weights[1].weight", "合计 20"),
            ("weights.level1_header", Severity::Error, "overall.level1_weights[2].weight", "合计 0"),
            ("indicator.weight_missing", Severity::Error, "overall.indicators[8].weight", "帮扶对象满意度"),
            ("indicator.score_mismatch", Severity::Error, "overall.indicators[5].declared_score", "10 × 90 ÷ 100 = 9.00"),
            ("total.declared_sum", Severity::Error, "overall.declared_total", "100.00"),
            ("grade.missing", Severity::Error, "overall.declared_grade", "优"),
            ("indicator.target_too_low", Severity::Warning, "overall.indicators[4].target", "66.7%"),
        ],
    );
}

#[test]
fn seed_003_hubei_goal_table() {
    let (_, e) = seed("seed-003");
    let overall = table(&e, "overall");
    assert_eq!(overall.budget.score.map(fmt2).as_deref(), Some("14.15"));
    assert_eq!(overall.budget.rate.map(fmt_rate).as_deref(), Some("129.25%"));
    assert_eq!(overall.total.map(fmt2).as_deref(), Some("94.15"));
    assert_eq!(overall.grade.as_deref(), Some("优"));
    let goal_weights: Vec<String> = overall.goals.iter().map(|g| g.declared_weight.unwrap().to_string()).collect();
    assert_eq!(goal_weights, ["5", "5", "10", "10", "9", "14", "11", "8", "8"]);
    assert!(overall.budget.score_explain.text.contains("1 − |129.25% − 100%|"), "{}", overall.budget.score_explain.text);
    check(
        &e,
        &[
            ("budget.formula_text", Severity::Warning, "overall.budget.declared_formula", "20分*执行率"),
            ("narrative.share", Severity::Error, "narrative[0].text", "5.98%"),
            ("narrative.rate", Severity::Error, "narrative[0].text", "99.96%"),
            ("narrative.rate_undefined", Severity::Error, "narrative[0].text", "18 万元"),
            ("narrative.rate_undefined", Severity::Error, "narrative[1].text", "120 万元"),
        ],
    );
    assert!(findings_at(&e, "overall.declared_total").is_empty());
    assert!(findings_at(&e, "overall.declared_grade").is_empty());
    assert!(findings_at(&e, "overall.goals").iter().all(|f| f.severity != Severity::Error));
}

#[test]
fn seed_004_sichuan_tables() {
    let (_, e) = seed("seed-004");
    assert_eq!(table(&e, "projects[1]").budget.rate.map(fmt_rate).as_deref(), Some("322.78%"));
    assert_eq!(table(&e, "projects[0]").total, None, "blank indicator scores: the total cannot be recomputed");
    check(
        &e,
        &[
            ("narrative.share", Severity::Warning, "narrative[0].text", "94.44%"),
            ("narrative.change", Severity::Error, "narrative[0].text", "0.03%"),
            ("narrative.change", Severity::Error, "narrative[0].text", "7.81%"),
            ("narrative.share", Severity::Error, "narrative[0].text", "0 ÷ 2.4"),
            ("narrative.parts_sum", Severity::Warning, "narrative[1].text", "841.00"),
            ("budget.rate_mismatch", Severity::Error, "projects[1].budget.declared_rate_percent", "322.78%"),
            ("budget.score_above_weight", Severity::Error, "projects[0].budget.declared_score", "96"),
            ("table.incomplete", Severity::Warning, "projects[0]", "总分暂不能计算"),
            ("indicator.unit_mismatch", Severity::Warning, "projects[1].indicators[0].actual", "元/人·次"),
            ("monitor.derived_rate", Severity::Error, "monitor.indicators[5].expected", "结余率应为 0.00%"),
            ("grade.mismatch", Severity::Error, "projects[0].declared_grade", "优"),
        ],
    );
    assert!(findings_at(&e, "monitor.total").is_empty(), "844.68 + 58.62 = 903.30");
}

#[test]
fn every_seed_round_trips_byte_for_byte() {
    for name in ["seed-000", "seed-001", "seed-003", "seed-004"] {
        let (report, e) = seed(name);
        let first = save(&report, Some(&e));
        let again = load(&first).unwrap();
        assert!(again.unknown_fields.is_empty(), "{name}: {:?}", again.unknown_fields);
        let second = save(&again.report, Some(&evaluate(&again.report)));
        assert_eq!(first, second, "{name}");
    }
}
