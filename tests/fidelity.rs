//! Fidelity on real tables (issue 16, item 5): each point on a small table of its own, data in,
//! figures and findings a user sees out.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::str::FromStr;

use jixiao::model::edit::{get, set};
use jixiao::model::exchange::json::load;
use jixiao::model::report::{BudgetBlock, Indicator, PerfTable};
use jixiao::model::rules;
use jixiao::model::{evaluate_with, Evaluation, Report, Severity};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn row(name: &str, target: &str, actual: &str, weight: Option<&str>, declared: Option<&str>) -> Indicator {
    Indicator {
        level1: "产出指标".into(),
        level2: "数量指标".into(),
        name: name.into(),
        target: target.into(),
        actual: actual.into(),
        weight: weight.map(d),
        declared_score: declared.map(d),
        reason: "偏差原因".into(),
        ..Indicator::default()
    }
}

fn evaluate(rows: Vec<Indicator>, budget_weight: &str) -> Evaluation {
    let table = PerfTable {
        budget: BudgetBlock { adjusted: Some(d("100")), executed: Some(d("100")), weight: Some(d(budget_weight)), ..BudgetBlock::default() },
        indicators: rows,
        ..PerfTable::default()
    };
    let report = Report { rule_pack: "generic".into(), department: "测试局".into(), overall: Some(table), ..Report::default() };
    evaluate_with(&report, rules::find("generic").unwrap())
}

fn has(e: &Evaluation, code: &str, severity: Severity, fragment: &str) -> bool {
    e.findings.iter().any(|f| f.code == code && f.severity == severity && f.message.contains(fragment))
}

#[test]
fn not_applicable_marks_are_empty_numbers_typed_or_loaded() {
    for mark in ["/", "／", "—", "－", "-", "——", "无", "不适用", " / "] {
        let mut report = Report { overall: Some(PerfTable { indicators: vec![Indicator::default()], ..PerfTable::default() }), ..Report::default() };
        set(&mut report, "overall.indicators[0].weight", "5").unwrap();
        set(&mut report, "overall.indicators[0].weight", mark).unwrap_or_else(|e| panic!("{mark:?}: {e}"));
        // Empty for every figure, and shown as "/" (not as a blank cell).
        assert_eq!(report.overall.as_ref().unwrap().indicators[0].weight, None, "{mark:?}");
        assert_eq!(get(&report, "overall.indicators[0].weight"), "/", "{mark:?}");
        let text = include_str!("fixtures/seeds/seed-001.json").replacen("\"initial\": \"196.8\"", &format!("\"initial\": \"{mark}\""), 1);
        let loaded = load(&text).unwrap_or_else(|e| panic!("{mark:?}: {e}"));
        assert_eq!(get(&loaded.report, "overall.budget.initial"), "/", "{mark:?}");
        assert_eq!(loaded.report.overall.unwrap().budget.initial, None, "{mark:?}");
    }
    // A real mistake is still refused.
    let mut report = Report { overall: Some(PerfTable { indicators: vec![Indicator::default()], ..PerfTable::default() }), ..Report::default() };
    assert!(set(&mut report, "overall.indicators[0].weight", "五分").is_err());
}

#[test]
fn template_placeholder_rows_are_not_scored_and_raise_nothing() {
    for name in ["指标2：", "指标3:", "……", "/", "无", "", "指标十"] {
        let placeholder = row(name, "……", "/", None, None);
        let e = evaluate(vec![row("培训人次", "≥10次", "10次", Some("90"), Some("90")), placeholder], "10");
        assert!(e.findings.iter().all(|f| !f.path.contains("indicators[1]")), "{name:?}: {:#?}", e.findings);
        assert_eq!(e.tables[0].total, Some(d("100")), "{name:?}");
    }
    // A named row with a weight is a real row.
    let e = evaluate(vec![row("培训人次", "≥10次", "10次", Some("90"), None), row("指标2：", "", "", Some("5"), None)], "5");
    assert!(e.findings.iter().any(|f| f.path.contains("indicators[1]")));
}

#[test]
fn a_digit_no_rounding_produces_is_an_error_naming_it() {
    // 90 × 10 ÷ 12 = 75 exactly; 10 × 2 ÷ 3 = 6.666…
    // (actual, declared, expected code, severity, fragment)
    let cases = [
        ("2次", "6.67", None),
        ("2次", "6.66", Some(("indicator.score_rounding", Severity::Warning, "仅舍入差异"))),
        ("2次", "6.68", Some(("indicator.score_mismatch", Severity::Error, "第2位小数应为7（填为8）"))),
        ("2次", "6.65", Some(("indicator.score_mismatch", Severity::Error, "第2位小数应为7（填为5），任何舍入都得不出所填数字"))),
        ("2次", "6.57", Some(("indicator.score_mismatch", Severity::Error, "第1位小数应为6（填为5）"))),
        ("2次", "5.76", Some(("indicator.score_mismatch", Severity::Error, "按规则应为 6.67"))),
    ];
    for (actual, declared, expected) in cases {
        let e = evaluate(vec![row("培训", "≥3次", actual, Some("10"), Some(declared)), row("其他", "≥1次", "1次", Some("80"), None)], "10");
        let scoring: Vec<_> = e.findings.iter().filter(|f| f.code.starts_with("indicator.score_")).collect();
        match expected {
            None => assert!(scoring.is_empty(), "{declared}: {scoring:#?}"),
            Some((code, severity, fragment)) => assert!(has(&e, code, severity, fragment), "{declared}: {scoring:#?}"),
        }
    }
}

#[test]
fn weights_over_100_reported_raw_and_by_the_packs_total_rule() {
    // The finding states the same 总分 as the summary (the pack's `total_rule`, cap by default),
    // not a second, normalised one.
    // (budget weight, row weights, fragment)
    let cases = [
        ("10", ["60", "50"], "10 + 指标分值合计 110 = 120，超过100；各项得分原始合计 120.00（满分 120），按本规则（各项得分相加，超过100分的按100分计）总分为 100.00"),
        ("20", ["50", "40"], "20 + 指标分值合计 90 = 110，超过100；各项得分原始合计 110.00（满分 110），按本规则（各项得分相加，超过100分的按100分计）总分为 100.00"),
    ];
    for (budget, weights, fragment) in cases {
        let rows = weights.iter().map(|w| row("培训", "≥1次", "1次", Some(w), None)).collect();
        let e = evaluate(rows, budget);
        assert!(has(&e, "weights.total", Severity::Error, fragment), "{:#?}", e.findings);
        assert!(e.tables[0].total_explain.text.contains("超过100，按100计"), "{}", e.tables[0].total_explain.text);
    }
}

#[test]
fn qualitative_rows_on_the_declared_score_are_pending() {
    let mut pending = row("服务质量", "有效提升", "明显提升", Some("10"), Some("9"));
    let mut assessed = row("群众评价", "良好", "良好", Some("80"), Some("80"));
    assessed.assessed_score = Some(d("80"));
    pending.level1 = "效益指标".into();
    let e = evaluate(vec![pending, assessed], "10");
    let listed: Vec<&str> = e.tables[0].pending().map(|r| r.path.as_str()).collect();
    assert_eq!(listed, ["overall.indicators[0]"]);
    assert!(e.tables[0].rows[0].explain.text.contains("待评定"), "{}", e.tables[0].rows[0].explain.text);
    assert!(!e.tables[0].rows[1].explain.text.contains("待评定"));
    assert_eq!(e.tables[0].total, Some(d("99")));
}

#[test]
fn header_formula_reported_only_when_it_changes_the_score() {
    // (executed of 100, header text, reported)
    let cases = [("90", "10分 × (1 − |执行率 − 100%|)", false), ("110", "10分 × (1 − |执行率 − 100%|)", true), ("110", "10分*执行率", false)];
    for (executed, header, reported) in cases {
        let table = PerfTable {
            budget: BudgetBlock {
                adjusted: Some(d("100")),
                executed: Some(d(executed)),
                weight: Some(d("10")),
                declared_formula: header.into(),
                ..BudgetBlock::default()
            },
            indicators: vec![row("培训", "≥1次", "1次", Some("90"), None)],
            ..PerfTable::default()
        };
        let report = Report { rule_pack: "hunan-2024".into(), department: "测试局".into(), overall: Some(table), ..Report::default() };
        let e = evaluate_with(&report, rules::find("hunan-2024").unwrap());
        assert_eq!(e.findings.iter().any(|f| f.code == "budget.formula_text"), reported, "{executed} {header}");
    }
}

#[test]
fn compound_units_stay_whole_in_messages() {
    // (target, actual, fragment of the finding)
    let cases = [("≤50元/人·次", "60元/人·次", "60 元/人·次"), ("≥2次/人·年", "3%", "2 次/人·年"), ("≤200元/人·天", "5次", "200 元/人·天")];
    for (target, actual, fragment) in cases {
        let e = evaluate(vec![row("人均成本", target, actual, Some("90"), Some("80"))], "10");
        let texts: Vec<String> = e.findings.iter().map(|f| f.message.clone()).chain(e.tables[0].rows.iter().map(|r| r.explain.text.clone())).collect();
        assert!(texts.iter().any(|t| t.contains(fragment)), "{target}: {texts:#?}");
        assert!(texts.iter().all(|t| !t.contains("元/人 ") && !t.contains("元/人，") && !t.contains("元/人）")), "{texts:#?}");
    }
}

#[test]
fn a_blank_rate_cell_is_told_apart_from_a_table_without_one() {
    let generic = rules::find("generic").unwrap();
    let text = std::fs::read_to_string("crates/model/rules/generic.json").unwrap().replace("\"check_formula_text\": false,", "\"check_formula_text\": false, \"rate_cell\": true,");
    let with_cell = rules::parse("with-cell.json", &text).unwrap();
    // (pack, declared rate, executed, finding expected)
    let cases = [(generic, None, Some("90"), false), (&with_cell, None, Some("90"), true), (&with_cell, Some("90"), Some("90"), false), (&with_cell, None, None, false)];
    for (pack, declared, executed, expected) in cases {
        let table = PerfTable {
            budget: BudgetBlock {
                adjusted: Some(d("100")),
                executed: executed.map(d),
                weight: Some(d("10")),
                declared_rate_percent: declared.map(d),
                ..BudgetBlock::default()
            },
            indicators: vec![row("培训", "≥1次", "1次", Some("90"), None)],
            ..PerfTable::default()
        };
        let report = Report { department: "测试局".into(), overall: Some(table), ..Report::default() };
        let e = evaluate_with(&report, pack);
        let found = e.findings.iter().find(|f| f.code == "budget.rate_blank");
        assert_eq!(found.is_some(), expected, "{} {declared:?} {executed:?}", pack.id);
        if let Some(f) = found {
            assert!(f.message.contains("按表中数字计算为 90.00%"), "{}", f.message);
        }
    }
}

#[test]
fn a_target_without_comparator_follows_the_pack_default_and_says_so() {
    let text = std::fs::read_to_string("crates/model/rules/generic.json").unwrap().replace("\"overshoot_rule\": \"warn\",", "\"overshoot_rule\": \"warn\", \"default_comparison\": \"at_most\",");
    let at_most = rules::parse("at-most.json", &text).unwrap();
    // (pack, target, actual, score, note)
    let cases = [
        (rules::find("generic").unwrap(), "10天", "8天", "8.00", "按本规则的默认（≥）处理"),
        (&at_most, "10天", "8天", "10.00", "按本规则的默认（≤）处理"),
        (&at_most, "≥10天", "8天", "8.00", ""),
    ];
    for (pack, target, actual, score, note) in cases {
        let table = PerfTable {
            budget: BudgetBlock { adjusted: Some(d("100")), executed: Some(d("100")), weight: Some(d("10")), ..BudgetBlock::default() },
            indicators: vec![row("办结时限", target, actual, Some("10"), None)],
            ..PerfTable::default()
        };
        let report = Report { department: "测试局".into(), overall: Some(table), ..Report::default() };
        let e = evaluate_with(&report, pack);
        let r = &e.tables[0].rows[0];
        assert_eq!(r.score.map(jixiao::model::num::fmt2).as_deref(), Some(score), "{}", r.explain.text);
        assert_eq!(r.explain.text.contains("按本规则的默认"), !note.is_empty(), "{}", r.explain.text);
        assert!(r.explain.text.contains(note), "{}", r.explain.text);
    }
}

/// A JSON report's number fields accept what typing accepts ("10分", "５", "90%" where a rate
/// is meant, "1,500元" in a 万元 table), with the unit checked: "10%" is not a 分值.
#[test]
fn json_numbers_are_read_as_typing_reads_them() {
    let text = std::fs::read_to_string("tests/fixtures/seeds/seed-000.json").unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let overall = &mut value["report"]["overall"];
    overall["indicators"][0]["weight"] = "5分".into();
    overall["indicators"][1]["weight"] = "５".into();
    overall["budget"]["declared_rate_percent"] = "90%".into();
    overall["budget"]["executed"] = "29,518,300元".into();
    overall["declared_total"] = "98 分".into();
    let loaded = load(&value.to_string()).unwrap().report;
    let t = loaded.overall.as_ref().unwrap();
    assert_eq!(t.indicators[0].weight, Some(d("5")));
    assert_eq!(t.indicators[1].weight, Some(d("5")));
    assert_eq!(t.budget.declared_rate_percent, Some(d("90")));
    assert_eq!(t.budget.executed, Some(d("2951.83")), "元 converted into the table's 万元");
    assert_eq!(t.declared_total, Some(d("98")));
    for (field, bad) in [("weight", "10%"), ("weight", "10元")] {
        let mut v = value.clone();
        v["report"]["overall"]["indicators"][0][field] = bad.into();
        let err = load(&v.to_string()).unwrap_err().to_string();
        assert!(err.contains("overall.indicators[0].weight") && err.contains(bad), "{err}");
    }
}
