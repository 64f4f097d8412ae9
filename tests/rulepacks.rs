//! Rule-pack variants: each field of a pack (docs/rules.md) changes the figures a user sees, on
//! small tables of its own, and the defaults keep the built-in packs' behaviour.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::str::FromStr;

use jixiao::model::num::fmt2;
use jixiao::model::report::{BudgetBlock, DeclaredWeight, Indicator, PerfTable, Tier};
use jixiao::model::rules::{self, RulePack};
use jixiao::model::{evaluate_with, Evaluation, Report};
use rust_decimal::Decimal;
use serde_json::Value;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Merges `patch` into `base` (objects member by member, anything else replaced).
fn merge(base: &mut Value, patch: &Value) {
    match (base, patch) {
        (Value::Object(b), Value::Object(p)) => {
            for (k, v) in p {
                merge(b.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
        (b, p) => *b = p.clone(),
    }
}

/// The central-2020 pack with `patch` (JSON) applied: a bureau's variant of it.
fn pack(patch: &str) -> RulePack {
    let text = std::fs::read_to_string("crates/model/rules/central-2020.json").unwrap();
    let mut value: Value = serde_json::from_str(&text).unwrap();
    merge(&mut value, &serde_json::from_str(patch).unwrap());
    rules::parse("variant.json", &value.to_string()).unwrap()
}

fn report(table: PerfTable) -> Report {
    Report { rule_pack: "central-2020".into(), department: "测试局".into(), overall: Some(table), ..Report::default() }
}

fn one_row(level1: &str, target: &str, actual: &str, weight: &str) -> PerfTable {
    PerfTable {
        budget: BudgetBlock { adjusted: Some(d("100")), executed: Some(d("100")), weight: Some(d("10")), ..BudgetBlock::default() },
        indicators: vec![Indicator {
            level1: level1.into(),
            level2: "数量指标".into(),
            name: "指标".into(),
            target: target.into(),
            actual: actual.into(),
            weight: Some(d(weight)),
            ..Indicator::default()
        }],
        ..PerfTable::default()
    }
}

fn row_score(e: &Evaluation) -> String {
    e.tables[0].rows[0].score.map(fmt2).unwrap_or_else(|| "—".into())
}

fn codes(e: &Evaluation) -> Vec<&str> {
    e.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn quantitative_formula_variants() {
    // (pack patch, target, actual, weight, expected score)
    let cases = [
        ("{}", "≤10天", "12天", "10", "8.33"),
        (r#"{"quantitative":{"reverse_formula":"ratio"}}"#, "≤10天", "15天", "10", "6.67"),
        (r#"{"quantitative":{"reverse_formula":"linear"}}"#, "≤10天", "10天", "10", "10.00"),
        (r#"{"quantitative":{"reverse_formula":"linear"}}"#, "≤10天", "12天", "10", "8.00"),
        (r#"{"quantitative":{"reverse_formula":"linear"}}"#, "≤10天", "15天", "10", "5.00"),
        (r#"{"quantitative":{"reverse_formula":"linear"}}"#, "≤10天", "20天", "10", "0.00"),
        (r#"{"quantitative":{"reverse_formula":"linear"}}"#, "≤10天", "25天", "10", "0.00"),
        ("{}", "=0起", "0起", "10", "10.00"),
        ("{}", "=0起", "1起", "10", "0.00"),
        (r#"{"quantitative":{"equal_zero_target":"at_most"}}"#, "=0起", "0起", "10", "10.00"),
        (r#"{"quantitative":{"equal_zero_target":"at_most"}}"#, "=0起", "1起", "10", "0.00"),
        (r#"{"quantitative":{"equal_zero_target":"at_most"}}"#, "=5起", "4起", "10", "8.00"),
    ];
    for (patch, target, actual, weight, expected) in cases {
        let e = evaluate_with(&report(one_row("产出指标", target, actual, weight)), &pack(patch));
        assert_eq!(row_score(&e), expected, "{patch} {target} {actual}: {}", e.tables[0].rows[0].explain.text);
    }
    let linear = evaluate_with(&report(one_row("产出指标", "≤10天", "12天", "10")), &pack(r#"{"quantitative":{"reverse_formula":"linear"}}"#));
    assert!(linear.tables[0].rows[0].explain.text.contains("10 × (1 − (12 − 10) ÷ 10) = 8.00"), "{}", linear.tables[0].rows[0].explain.text);
}

#[test]
fn budget_cap_and_over_execution() {
    // (pack patch, executed of 100, expected budget score)
    let cases = [
        ("{}", "110", "10.00"),
        (r#"{"budget":{"cap":true}}"#, "90", "9.00"),
        (r#"{"budget":{"cap":false}}"#, "110", "11.00"),
        (r#"{"budget":{"formula":"deviation"}}"#, "110", "9.00"),
        (r#"{"budget":{"formula":"deviation"}}"#, "90", "9.00"),
    ];
    for (patch, executed, expected) in cases {
        let mut table = one_row("产出指标", "≥1次", "1次", "90");
        table.budget.executed = Some(d(executed));
        let e = evaluate_with(&report(table), &pack(patch));
        assert_eq!(e.tables[0].budget.score.map(fmt2).as_deref(), Some(expected), "{patch} {executed}");
    }
}

#[test]
fn grade_bands_and_their_boundary() {
    let above = r#"{"grades":[{"name":"优","min":"90","boundary":"above","aliases":[]},{"name":"良","min":"80","aliases":[]},{"name":"中","min":"60","aliases":[]},{"name":"差","min":"0","aliases":[]}]}"#;
    let low = r#"{"grades":[{"name":"优","min":"80","aliases":[]},{"name":"良","min":"70","aliases":[]},{"name":"中","min":"60","aliases":[]},{"name":"差","min":"0","aliases":[]}]}"#;
    // (pack patch, total, grade)
    let cases = [("{}", "90", "优"), (above, "90", "良"), (above, "90.01", "优"), ("{}", "85", "良"), (low, "85", "优"), (low, "75", "良")];
    for (patch, total, grade) in cases {
        assert_eq!(pack(patch).grade_for(d(total)).map(|g| g.name.as_str()), Some(grade), "{patch} {total}");
    }
}

#[test]
fn overshoot_threshold_excess_or_share_of_target() {
    let of_target = r#"{"quantitative":{"overshoot_percent":"120","overshoot_basis":"of_target"}}"#;
    // (pack patch, actual against ≥100次, warned)
    let cases = [("{}", "125次", false), ("{}", "135次", true), (of_target, "115次", false), (of_target, "125次", true)];
    for (patch, actual, warned) in cases {
        let e = evaluate_with(&report(one_row("产出指标", "≥100次", actual, "90")), &pack(patch));
        assert_eq!(codes(&e).contains(&"indicator.target_too_low"), warned, "{patch} {actual}");
    }
}

#[test]
fn qualitative_band_as_error_or_hard_limit() {
    let table = || {
        let mut t = one_row("效益指标", "有效提升", "有所提升", "10");
        t.indicators[0].tier = Some(Tier::Met);
        t.indicators[0].assessed_score = Some(d("7"));
        t.indicators[0].reason = "原因".into();
        t
    };
    let error = evaluate_with(&report(table()), &pack("{}"));
    assert_eq!(row_score(&error), "7.00");
    assert!(codes(&error).contains(&"indicator.tier_band"));
    let limit = evaluate_with(&report(table()), &pack(r#"{"qualitative":{"band_rule":"limit"}}"#));
    assert_eq!(row_score(&limit), "8.00");
    let f = limit.findings.iter().find(|f| f.code == "indicator.tier_band").unwrap();
    assert!(f.message.contains("实际得分区间为[8.00, 10.00]"), "{}", f.message);
}

#[test]
fn level1_weights_fixed_free_or_from_the_template() {
    // (pack patch, header weight printed, expected rule warning, expected header warning)
    let cases = [
        ("{}", true, true, false),
        (r#"{"level1_weights":"free"}"#, true, false, false),
        (r#"{"level1_weights":"template"}"#, true, false, false),
        (r#"{"level1_weights":"template"}"#, false, false, true),
    ];
    for (patch, header, rule_warning, header_warning) in cases {
        let mut table = one_row("产出指标", "≥1次", "1次", "90");
        if header {
            table.level1_weights = vec![DeclaredWeight { name: "产出指标".into(), weight: Some(d("90")) }];
        }
        let e = evaluate_with(&report(table), &pack(patch));
        assert_eq!(codes(&e).contains(&"weights.level1_rule"), rule_warning, "{patch} {header}");
        assert_eq!(codes(&e).contains(&"weights.level1_header_missing"), header_warning, "{patch} {header}");
    }
}

#[test]
fn header_formula_text_checked_or_not() {
    // The header claims the deviation formula; at 110% it gives 9, the pack's capped formula 10.
    for (patch, reported) in [("{}", true), (r#"{"budget":{"check_formula_text":false}}"#, false)] {
        let mut table = one_row("产出指标", "≥1次", "1次", "90");
        table.budget.executed = Some(d("110"));
        table.budget.declared_formula = "10 × (1 − |执行率 − 100%|)".into();
        let e = evaluate_with(&report(table), &pack(patch));
        assert_eq!(codes(&e).contains(&"budget.formula_text"), reported, "{patch}");
    }
}

#[test]
fn optional_fields_default_and_broken_ones_name_the_field() {
    let p = pack("{}");
    assert_eq!((p.version.as_str(), p.provenance.as_str()), ("2020.1", "财预〔2020〕10号"));
    let e = rules::parse("bureau.json", &{
        let text = std::fs::read_to_string("crates/model/rules/central-2020.json").unwrap();
        text.replace("\"overshoot_rule\": \"warn\",", "\"overshoot_rule\": \"warn\", \"reverse_formula\": \"linearly\",")
    })
    .unwrap_err();
    assert_eq!(e.message, "quantitative.reverse_formula：应为 ratio、linear 之一");
    assert_eq!(e.file, "bureau.json");
}

#[test]
fn the_generic_pack_cites_no_region_as_rule() {
    let generic = rules::find("generic").unwrap();
    // A table with 20/40/30/10 weights and a grade written in another region's words.
    let mut table = one_row("产出指标", "≥1次", "1次", "40");
    table.budget.weight = Some(d("20"));
    table.budget.executed = Some(d("110"));
    table.budget.declared_formula = "20分*执行率".into();
    table.level1_weights = vec![DeclaredWeight { name: "产出指标".into(), weight: Some(d("40")) }];
    let mut benefit = table.indicators[0].clone();
    benefit.level1 = "效益指标".into();
    benefit.weight = Some(d("40"));
    table.indicators.push(benefit);
    table.declared_total = Some(d("100"));
    table.declared_grade = Some("优".into());
    let e = evaluate_with(&report(table.clone()), generic);
    assert_eq!(e.tables[0].total.map(fmt2).as_deref(), Some("100.00"));
    assert_eq!(e.tables[0].grade.as_deref(), Some("优"));
    assert!(e.findings.iter().all(|f| !f.message.contains("规定")), "{:#?}", e.findings);
    assert!(e.findings.is_empty(), "{:#?}", e.findings);
    // The same table under central-2020 is told its weights differ from 财预〔2020〕10号.
    let central = evaluate_with(&report(table), rules::find("central-2020").unwrap());
    assert!(central.findings.iter().any(|f| f.message.contains("规定")));
    // What holds everywhere is still checked: a score above its weight, a wrong total.
    let mut wrong = one_row("产出指标", "≥1次", "1次", "90");
    wrong.indicators[0].declared_score = Some(d("95"));
    wrong.declared_total = Some(d("99"));
    let e = evaluate_with(&report(wrong), generic);
    assert!(codes(&e).contains(&"indicator.score_above_weight") && codes(&e).contains(&"total.mismatch"), "{:?}", codes(&e));
}

/// `total_rule`: one rule for a table whose 分值 add up to 105; the total, its explanation, the
/// weights finding and the grade all state the same figure.
#[test]
fn total_rule_is_one_figure_everywhere() {
    // 10 (budget, full) + 95 (one row): 90 of 100 done gives 95.5 in all, 100 of 100 gives 105.
    for (actual, cases) in [
        ("90次", [("{}", "95.50"), (r#"{"total_rule": "cap"}"#, "95.50"), (r#"{"total_rule": "normalise"}"#, "90.95"), (r#"{"total_rule": "raw"}"#, "95.50")]),
        ("100次", [("{}", "100.00"), (r#"{"total_rule": "cap"}"#, "100.00"), (r#"{"total_rule": "normalise"}"#, "100.00"), (r#"{"total_rule": "raw"}"#, "105.00")]),
    ] {
        let r = report(one_row("产出指标", "≥100次", actual, "95"));
        for (patch, expected) in cases {
            let p = pack(patch);
            let e = evaluate_with(&r, &p);
            let t = &e.tables[0];
            let shown = t.total.map(fmt2).unwrap();
            assert_eq!(shown, expected, "{actual} {patch}");
            assert!(t.total_explain.text.contains(&format!("= {shown}")), "{patch}: {}", t.total_explain.text);
            let finding = e.findings.iter().find(|f| f.code == "weights.total").unwrap();
            assert!(finding.message.contains(&format!("总分为 {shown}")), "{patch}: {}", finding.message);
            assert_eq!(t.grade.as_deref(), p.grade_for(t.total.unwrap()).map(|g| g.name.as_str()));
        }
    }
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string("crates/model/rules/central-2020.json").unwrap()).unwrap();
    v["total_rule"] = "round".into();
    assert!(rules::parse("x.json", &v.to_string()).is_err(), "an unknown rule is refused");
}
