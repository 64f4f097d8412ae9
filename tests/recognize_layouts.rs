//! Layouts of published 自评表 the recogniser learnt from issue 22, each as a fixture in three
//! formats (tests/fixtures/layouts: the .html is written by hand, its .docx and .xlsx twins are
//! generated from the HTML reader's grid by recognize_common/office.rs, with real merged
//! cells): two-row column heads, 年初设定目标 / 全年实际完成情况 goal rows in rows and in
//! columns, weights only in the 一级 headings, the 决策/过程/产出/效益 framework, the Chongqing
//! 部门整体 layout, 分值 before 年度指标值, "部门：" lines, a declared 等次, "/" rows; and the
//! rule pack proposed from region names, never from the layout alone.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod recognize_common;

use jixiao::model::edit;
use jixiao_office::import::{open, Opened, Preview};
use jixiao_office::read;
use jixiao::model::num::fmt2;
use jixiao::model::{evaluate, Evaluation, Severity};
use recognize_common::office;

const FIXTURES: &[&str] =
    &["two-row-heads", "merged-head", "goal-rows", "goal-columns", "heading-weights", "framework", "chongqing", "weight-first"];

fn path(name: &str) -> String {
    format!("{}/tests/fixtures/layouts/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The .docx and .xlsx twins are what the generator makes of the .html (JIXIAO_REGEN=1
/// rewrites them).
#[test]
fn the_word_and_excel_twins_are_generated_from_the_html() {
    for name in FIXTURES {
        let html = std::fs::read(path(&format!("{name}.html"))).unwrap();
        let doc = read::read("x.html", &html, &read::decode).unwrap();
        for (ext, bytes) in [("docx", office::docx(&doc)), ("xlsx", office::xlsx(&doc))] {
            let file = path(&format!("{name}.{ext}"));
            if std::env::var_os("JIXIAO_REGEN").is_some() {
                std::fs::write(&file, &bytes).unwrap();
            }
            assert_eq!(std::fs::read(&file).unwrap_or_default(), bytes, "{file} is stale: JIXIAO_REGEN=1 cargo test --test recognize_layouts");
        }
    }
}

/// The fixture in each format, opened as the app opens a file.
fn each(name: &str) -> Vec<(String, Preview, Evaluation)> {
    ["html", "docx", "xlsx"]
        .iter()
        .map(|ext| {
            let file = format!("{name}.{ext}");
            let bytes = std::fs::read(path(&file)).unwrap();
            let Opened::Tables(p) = open(&file, &bytes, &read::decode).unwrap_or_else(|e| panic!("{file}: {e}")) else { panic!("{file}") };
            let e = evaluate(&p.report);
            (file, p, e)
        })
        .collect()
}

fn get(p: &Preview, field: &str) -> String {
    edit::get(&p.report, field)
}

fn leftovers_without(p: &Preview, allowed: &[&str]) -> Vec<String> {
    p.leftovers.iter().filter(|l| !allowed.iter().any(|a| l.contains(a))).cloned().collect()
}

#[test]
fn heads_over_two_rows_are_one_column_name() {
    for (file, p, e) in each("two-row-heads") {
        let t = &p.report.projects[0];
        assert_eq!(t.indicators.len(), 4, "{file}: {:#?}", t.indicators);
        assert_eq!(t.indicators[0].target, "≥120公里", "{file}");
        assert_eq!(t.indicators[0].actual, "126公里", "{file}");
        assert!(t.indicators.iter().all(|i| !i.name.is_empty()), "{file}: no phantom row");
        assert_eq!(leftovers_without(&p, &[]), Vec::<String>::new(), "{file}");
        assert_eq!(p.proposal.rule_pack, "hunan-2024", "{file}");
        assert_eq!(get(&p, "projects[0].declared_total"), "100", "{file}");
        assert!(e.tables[0].total.is_some(), "{file}");
    }
}

#[test]
fn an_actual_column_under_a_merged_head_a_department_line_and_a_declared_grade() {
    for (file, p, e) in each("merged-head") {
        let t = p.report.overall.as_ref().unwrap();
        assert_eq!(t.indicators.len(), 4, "{file}");
        assert_eq!(t.indicators[0].target, "≥500人", "{file}");
        assert_eq!(t.indicators[0].actual, "520人", "{file}");
        assert_eq!(t.indicators[3].actual, "95%", "{file}");
        assert_eq!(get(&p, "overall.declared_grade"), "优", "{file}");
        assert_eq!(t.supervisor, "岳阳市某区人民政府", "{file}");
        assert_eq!(p.proposal.department, "岳阳市某区农业农村局", "{file}: 主管部门 is not the 部门");
        assert_eq!(leftovers_without(&p, &[]), Vec::<String>::new(), "{file}");
        assert!(e.tables[0].total.is_some(), "{file}: no budget block, the rows make the whole");
    }
}

#[test]
fn goal_texts_as_year_start_and_year_end_in_rows_and_in_columns() {
    for (file, p, e) in each("goal-rows") {
        assert_eq!(get(&p, "projects[0].goal_expected"), "为辖区老年人提供助餐、助浴等居家养老服务。", "{file}");
        assert_eq!(get(&p, "projects[0].goal_actual"), "全年提供助餐服务3.2万人次，助浴服务1500人次。", "{file}");
        assert_eq!(get(&p, "projects[0].budget.weight"), "10", "{file}");
        assert_eq!(get(&p, "projects[0].budget.declared_score"), "9.5", "{file}");
        assert_eq!(get(&p, "projects[0].budget.declared_rate_percent"), "95", "{file}");
        assert_eq!(leftovers_without(&p, &[]), Vec::<String>::new(), "{file}");
        assert_eq!(p.proposal.rule_pack, "hubei-2024", "{file}: {}", p.proposal.why);
        assert_eq!(p.report.projects[0].indicators.len(), 3, "{file}");
        assert!(e.tables[0].total.is_some(), "{file}");
    }
    for (file, p, _) in each("goal-columns") {
        assert_eq!(get(&p, "projects[0].goal_expected"), "培训职工400人次。", "{file}");
        assert_eq!(get(&p, "projects[0].goal_actual"), "培训职工420人次。", "{file}");
        assert_eq!(leftovers_without(&p, &[]), Vec::<String>::new(), "{file}");
        assert_eq!(p.proposal.rule_pack, "generic", "{file}");
        assert!(p.proposal.why.contains("请确认"), "{file}: {}", p.proposal.why);
    }
}

#[test]
fn weights_only_in_the_level1_headings_are_shared_and_said_so() {
    for (file, p, e) in each("heading-weights") {
        let t = &p.report.projects[0];
        let rows: Vec<_> = t.indicators.iter().filter(|i| !i.is_placeholder()).collect();
        assert_eq!(rows.len(), 5, "{file}: the 指标1:/ and 指标2： rows are skipped: {:#?}", t.indicators);
        let weights: Vec<String> = rows.iter().map(|i| i.weight.map(fmt2).unwrap_or_default()).collect();
        assert_eq!(weights, ["20.00", "20.00", "20.00", "10.00", "10.00"], "{file}");
        assert!(rows.iter().all(|i| i.weight_from == "产出指标（60分）" || i.weight_from == "效益指标（20分）"), "{file}");
        assert_eq!(get(&p, "projects[0].budget.weight"), "20", "{file}: 得分（20分*执行率）");
        assert_eq!(get(&p, "projects[0].budget.declared_score"), "19", "{file}");
        assert!(e.findings.iter().all(|f| f.code != "indicator.weight_missing"), "{file}: {:#?}", e.findings);
        let hint = e.findings.iter().find(|f| f.code == "table.weights_from_headings").unwrap_or_else(|| panic!("{file}: {:#?}", e.findings));
        assert_eq!(hint.severity, Severity::Info);
        assert!(hint.message.contains("请按原表补填各指标分值"), "{}", hint.message);
        let row = &e.tables[0].rows[0];
        assert!(row.explain.text.contains("“产出指标”的 60 分由其 3 个指标平分"), "{file}: {}", row.explain.text);
        assert_eq!(e.tables[0].total.map(fmt2).as_deref(), Some("99.00"), "{file}");
        assert_eq!(p.proposal.rule_pack, "hubei-2024", "{file}");
        // The template's 二级 heading left with no indicator under it is listed, not dropped.
        assert_eq!(leftovers_without(&p, &["“成本指标”"]), Vec::<String>::new(), "{file}");
    }
}

#[test]
fn the_decision_process_output_effect_framework_is_its_own_table() {
    for (file, p, e) in each("framework") {
        let t = &p.report.projects[0];
        assert_eq!(t.layout, "决策过程产出效益", "{file}");
        assert_eq!(t.name, "城乡环境综合治理", "{file}");
        assert_eq!(t.indicators.len(), 6, "{file}");
        let own: Vec<String> = t.indicators.iter().map(|i| i.declared_score.map(fmt2).unwrap_or_default()).collect();
        let reviewed: Vec<String> = t.indicators.iter().map(|i| i.reviewed_score.map(fmt2).unwrap_or_default()).collect();
        assert_eq!(own, ["5.00", "4.00", "15.00", "10.00", "30.00", "33.00"], "{file}");
        assert_eq!(reviewed, ["5.00", "4.00", "14.00", "9.00", "30.00", "32.00"], "{file}");
        assert_eq!(t.indicators[0].criterion, "依据充分得5分，否则酌情扣分", "{file}");
        let names: Vec<&str> = t.level1_weights.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, ["项目决策", "项目管理", "项目产出", "项目效益"], "{file}");
        assert_eq!(get(&p, "projects[0].declared_total"), "97", "{file}");
        assert_eq!(get(&p, "projects[0].reviewed_total"), "94", "{file}");
        // Scored by 评分标准, not by a formula: counted as declared and 待评定.
        assert!(e.tables[0].rows.iter().all(|r| r.pending), "{file}");
        assert!(e.tables[0].rows[2].explain.text.starts_with("按评分标准评分，无计算公式，计入单位填报的得分（复核分 14.00）。"), "{}", e.tables[0].rows[2].explain.text);
        assert_eq!(e.tables[0].total.map(fmt2).as_deref(), Some("97.00"), "{file}");
        assert_eq!(leftovers_without(&p, &[]), Vec::<String>::new(), "{file}");
        assert_eq!(p.proposal.rule_pack, "sichuan-2024", "{file}: 四川 in the title");
    }
}

#[test]
fn the_chongqing_department_layout_with_its_coefficient_checked() {
    for (file, p, e) in each("chongqing") {
        let t = p.report.overall.as_ref().unwrap();
        assert_eq!(t.indicators.len(), 3, "{file}");
        let i = &t.indicators[1];
        assert_eq!((i.name.as_str(), i.unit.as_str(), i.nature.as_str(), i.target.as_str(), i.actual.as_str()), ("教师培训人次", "人次", "≥", "1200", "1100"), "{file}: 调整指标值 wins");
        assert_eq!(i.coefficient.map(fmt2).as_deref(), Some("0.92"), "{file}");
        assert_eq!(i.weight.map(fmt2).as_deref(), Some("30.00"), "{file}");
        assert_eq!(i.core, "否", "{file}");
        assert_eq!(get(&p, "overall.declared_total"), "98.6", "{file}");
        assert_eq!(p.proposal.department, "重庆市某区教育委员会", "{file}");
        let wrong: Vec<_> = e.findings.iter().filter(|f| f.code == "indicator.coefficient_mismatch").collect();
        assert_eq!(wrong.len(), 1, "{file}: {:#?}", e.findings);
        assert!(wrong[0].message.contains("1 × 30 = 30.00"), "{}", wrong[0].message);
        assert!(p.notes.iter().any(|n| n.contains("调整指标值")), "{file}: {:?}", p.notes);
        assert_eq!(leftovers_without(&p, &[]), Vec::<String>::new(), "{file}");
        assert_eq!(p.proposal.rule_pack, "generic", "{file}");
    }
}

#[test]
fn weight_before_target_and_a_yunnan_table_is_not_proposed_as_sichuan() {
    for (file, p, e) in each("weight-first") {
        let t = &p.report.projects[0];
        assert_eq!(t.indicators.len(), 3, "{file}");
        assert_eq!(t.indicators[0].weight.map(fmt2).as_deref(), Some("50.00"), "{file}");
        assert_eq!(t.indicators[0].target_text(), "≥10公里", "{file}");
        assert_eq!(t.indicators[0].actual, "11", "{file}");
        assert_eq!(p.proposal.rule_pack, "generic", "{file}: {}", p.proposal.why);
        assert!(p.proposal.why.contains("云南") && p.proposal.why.contains("请确认"), "{file}: {}", p.proposal.why);
        assert_eq!(leftovers_without(&p, &[]), Vec::<String>::new(), "{file}");
        assert!(e.tables[0].total.is_some() || !e.tables.is_empty());
    }
}

/// The merged-head fixture with its actual-value head in words no rule knows ("全年数"), and
/// one 分值 written as "十分".
fn unknown_head() -> Vec<u8> {
    std::fs::read_to_string(path("merged-head.html")).unwrap().replace("全年实际值", "全年数").replacen("<td>30</td><td>30</td>", "<td>十分</td><td>30</td>", 1).into_bytes()
}

#[test]
fn figures_not_read_are_said_in_words_on_their_table() {
    let Opened::Tables(p) = open("x.html", &unknown_head(), &read::decode).unwrap() else { panic!() };
    assert_eq!(p.tables[0].unread, ["4 个“指标值全年数”未读入（第 5 列）", "1 个分值未读入（第 6 列）"]);
    assert_eq!(jixiao_office::import::unread(&p), ["表 1（部门整体支出绩效自评表）：4 个“指标值全年数”未读入（第 5 列）；1 个分值未读入（第 6 列）。"]);
    // Every figure read: nothing said.
    for (file, p, _) in each("merged-head") {
        assert!(jixiao_office::import::unread(&p).is_empty(), "{file}");
    }
}

#[test]
fn a_column_assigned_by_hand_is_read_as_that_field() {
    use jixiao_office::import::open_with;
    use jixiao_office::recognize::{assignable_fields, ColumnOverride};
    let assign = |field: &str| vec![ColumnOverride { table: 1, column: 5, field: field.to_string() }];
    let Opened::Tables(p) = open_with("x.html", &unknown_head(), &read::decode, &assign("实际完成值")).unwrap() else { panic!() };
    let t = p.report.overall.as_ref().unwrap();
    let actual: Vec<&str> = t.indicators.iter().map(|i| i.actual.as_str()).collect();
    assert_eq!(actual, ["520人", "100%", "5.5%", "95%"]);
    assert_eq!(t.indicators[0].target, "≥500人", "the target column keeps its field");
    assert_eq!(p.tables[0].unread, ["1 个分值未读入（第 6 列）"]);
    // By field name too; an unknown name is noted and changes nothing.
    let Opened::Tables(q) = open_with("x.html", &unknown_head(), &read::decode, &assign("actual")).unwrap() else { panic!() };
    assert_eq!(q.report, p.report);
    let Opened::Tables(r) = open_with("x.html", &unknown_head(), &read::decode, &assign("备注栏")).unwrap() else { panic!() };
    assert!(r.notes.iter().any(|n| n.contains("“备注栏”不是可读入的栏目")), "{:?}", r.notes);
    assert!(assignable_fields().contains(&("actual", "实际完成值")));
}

/// The file read again with a column assigned (the page hands the kept bytes, or the pasted
/// text, to the reader worker with the assignments as JSON), across the worker's wire; the
/// preview offers the columns with their heads and the header words files share.
#[test]
fn a_file_is_read_again_with_a_column_assigned_and_survives_the_wire() {
    use jixiao_office::import::{from_wire, open_pasted_with, open_with, overrides_from_json, overrides_to_json, to_wire};
    use jixiao_office::recognize::ColumnOverride;
    let Opened::Tables(p) = open("x.html", &unknown_head(), &read::decode).unwrap() else { panic!() };
    let t = &p.tables[0];
    assert_eq!(t.header, "一级指标|二级指标|三级指标|指标值|分值|得分|偏差原因分析及改进措施|年度指标值|全年数");
    let fifth = t.columns.iter().find(|c| c.column == 5).unwrap();
    assert_eq!((fifth.head.as_str(), fifth.field.as_str()), ("指标值全年数", ""));
    assert_eq!(t.columns.iter().find(|c| c.column == 4).unwrap().field, "target");
    let assign = vec![ColumnOverride { table: 1, column: 5, field: "actual".into() }];
    // As the reader worker gets it: the assignments as JSON.
    let wire = overrides_to_json(&assign);
    assert_eq!(overrides_from_json(&wire), assign);
    assert!(overrides_from_json("not json").is_empty());
    let Opened::Tables(again) = open_with("x.html", &unknown_head(), &read::decode, &overrides_from_json(&wire)).unwrap() else { panic!() };
    assert_eq!(again.overrides, assign);
    assert_eq!(again.tables[0].columns.iter().find(|c| c.column == 5).unwrap().field, "actual");
    assert_eq!(again.report.overall.as_ref().unwrap().indicators[0].actual, "520人");
    let back = from_wire(&to_wire(&Ok::<_, String>(again.clone()))).unwrap();
    assert_eq!(back.overrides, assign);
    assert_eq!(back.tables, again.tables);
    assert_eq!(back.report, again.report);
    // A pasted table (the same HTML on the clipboard) is read again the same way.
    let pasted = open_pasted_with(&String::from_utf8(unknown_head()).unwrap(), &assign).unwrap();
    assert_eq!(pasted.report, again.report);
    // Cleared: read by the heads again.
    let Opened::Tables(cleared) = open_with("x.html", &unknown_head(), &read::decode, &[]).unwrap() else { panic!() };
    assert_eq!(cleared.report, p.report);
}

/// 导入 keeps what was not read on its table, and the editor's summary says it there; the
/// field saves and loads like every other.
#[test]
fn what_was_not_read_stays_with_the_imported_table() {
    use jixiao_office::import::{finish, Choice};
    use jixiao::model::exchange::json;
    let Opened::Tables(p) = open("x.html", &unknown_head(), &read::decode).unwrap() else { panic!() };
    let choice = Choice { id: "u1".into(), rule_pack: "hunan-2024".into(), year: 2024, department: "某局".into(), keep_leftovers: false };
    let report = finish(&p, &choice);
    assert_eq!(jixiao::model::view::unread_note(&report, "overall").as_deref(), Some("导入时：4 个“指标值全年数”未读入（第 5 列）；1 个分值未读入（第 6 列），请核对原表补填。"));
    let loaded = json::load(&json::save(&report, None)).unwrap().report;
    assert_eq!(loaded, report);
    // A file that lost nothing says nothing.
    for (_, p, _) in each("framework") {
        let report = finish(&p, &choice);
        assert_eq!(jixiao::model::view::unread_note(&report, "projects[0]"), None);
        assert_eq!(json::load(&json::save(&report, None)).unwrap().report, report, "layout, 复核分, 评分标准 saved and loaded");
    }
}

/// "总分 | … | 评价等次 | 优" on the total row: the declared grade is read there.
#[test]
fn a_grade_beside_the_total_is_read() {
    let text = std::fs::read_to_string(path("goal-columns.html")).unwrap().replace(
        r#"<tr><td colspan="5">总分</td><td>100</td><td>100</td><td></td></tr>"#,
        r#"<tr><td colspan="3">总分</td><td>评价等次</td><td>优</td><td>100</td><td>100</td><td></td></tr>"#,
    );
    let Opened::Tables(p) = open("x.html", text.as_bytes(), &read::decode).unwrap() else { panic!() };
    assert_eq!(get(&p, "projects[0].declared_grade"), "优");
    assert_eq!(get(&p, "projects[0].declared_total"), "100");
    assert_eq!(p.leftovers, Vec::<String>::new());
}

/// Weights in the 二级 headings ("数量指标（20分）") are shared among their own rows, before
/// the 一级 heading's.
#[test]
fn weights_in_level2_headings_are_shared_among_their_rows() {
    let text = r#"<table>
<tr><td>项目名称</td><td colspan="5">某项目</td></tr>
<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>年度指标值</td><td>实际完成值</td><td>得分</td></tr>
<tr><td rowspan="3">产出指标（90分）</td><td rowspan="2">数量指标（50分）</td><td>甲</td><td>≥1个</td><td>1个</td><td>25</td></tr>
<tr><td>乙</td><td>≥1个</td><td>1个</td><td>25</td></tr>
<tr><td>质量指标（40分）</td><td>丙</td><td>100%</td><td>100%</td><td>40</td></tr>
</table>"#;
    let Opened::Tables(p) = open("x.html", text.as_bytes(), &read::decode).unwrap() else { panic!() };
    let rows = &p.report.projects[0].indicators;
    let got: Vec<(String, String, String)> = rows.iter().map(|i| (i.level2.clone(), i.weight.map(fmt2).unwrap_or_default(), i.weight_from.clone())).collect();
    assert_eq!(
        got,
        [
            ("数量指标".to_string(), "25.00".to_string(), "数量指标（50分）".to_string()),
            ("数量指标".to_string(), "25.00".to_string(), "数量指标（50分）".to_string()),
            ("质量指标".to_string(), "40.00".to_string(), "质量指标（40分）".to_string()),
        ]
    );
    // Shares that do not divide evenly add up to the heading's weight exactly.
    let odd = text.replace("数量指标（50分）", "数量指标").replace("质量指标（40分）", "质量指标").replace("产出指标（90分）", "产出指标（10分）");
    let Opened::Tables(q) = open("x.html", odd.as_bytes(), &read::decode).unwrap() else { panic!() };
    let w: Vec<String> = q.report.projects[0].indicators.iter().map(|i| i.weight.map(fmt2).unwrap_or_default()).collect();
    assert_eq!(w, ["3.33", "3.33", "3.34"]);
}
