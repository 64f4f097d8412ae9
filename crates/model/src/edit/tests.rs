//! Native tests of field editing, loading, changes, paste, new reports and undo.

use rust_decimal::Decimal;

use super::*;
use crate::report::*;
use crate::{evaluate, examples};

fn seed(id: &str) -> Report {
    examples::example(id).unwrap().unwrap()
}

#[test]
fn get_and_set_every_kind() {
    let mut r = seed("seed-000");
    assert_eq!(get(&r, "overall.indicators[0].name"), r.overall.as_ref().unwrap().indicators[0].name);
    set(&mut r, "overall.indicators[0].weight", "１２．５").unwrap();
    assert_eq!(get(&r, "overall.indicators[0].weight"), "12.5");
    set(&mut r, "overall.budget.executed", "1,234.50").unwrap();
    assert_eq!(r.overall.as_ref().unwrap().budget.executed, Some(Decimal::new(123450, 2)));
    set(&mut r, "overall.budget.declared_rate_percent", "98%").unwrap();
    assert_eq!(get(&r, "overall.budget.declared_rate_percent"), "98");
    set(&mut r, "overall.declared_grade", "良").unwrap();
    assert_eq!(r.overall.as_ref().unwrap().declared_grade.as_deref(), Some("良"));
    set(&mut r, "overall.indicators[0].tier", "partly").unwrap();
    assert_eq!(r.overall.as_ref().unwrap().indicators[0].tier, Some(Tier::Partly));
    set(&mut r, "year", "2025").unwrap();
    assert_eq!(r.year, 2025);
    set(&mut r, "basic_data.three_public.final_", "3.2").unwrap();
    assert_eq!(get(&r, "basic_data.three_public.final_"), "3.2");
    set(&mut r, "overall.budget.executed", "").unwrap();
    assert_eq!(r.overall.as_ref().unwrap().budget.executed, None);
}

#[test]
fn every_seed_round_trips_through_the_json_loader() {
    for e in examples::EXAMPLES {
        let report = seed(e.id);
        let value = serde_json::to_value(&report).unwrap();
        let (loaded, unknown) = from_json(&value).unwrap();
        assert_eq!(loaded, report, "{}", e.id);
        assert!(unknown.is_empty(), "{}: {unknown:?}", e.id);
    }
}

/// Every field the format writes is a path the loader knows: a report with every part
/// present and one element in every list, saved, lists no unknown field on load.
#[test]
fn the_loader_knows_every_field_of_the_format() {
    let mut table = PerfTable {
        budget: BudgetBlock { by_source: vec![BudgetLine::default()], ..BudgetBlock::default() },
        level1_weights: vec![DeclaredWeight::default()],
        indicators: vec![Indicator { tier: Some(Tier::Met), ..Indicator::default() }],
        goals: vec![Goal { indicators: vec![Indicator::default()], ..Goal::default() }],
        declared_grade: Some("优".into()),
        ..PerfTable::default()
    };
    table.declared_total = Some(Decimal::ONE);
    let report = Report {
        id: "x".into(),
        year: 2024,
        cover: Some(Cover::default()),
        basic_data: Some(BasicData { specials: vec![NamedTriple::default()], buildings: vec![Building::default()], ..BasicData::default() }),
        overall: Some(table.clone()),
        projects: vec![PerfTable { kind: TableKind::Project, unit: MoneyUnit::Yuan, ..table }],
        monitor: Some(MonitorTable { tasks: vec![MonitorTask::default()], indicators: vec![MonitorIndicator::default()], ..MonitorTable::default() }),
        sign_off: Some(SignOff { reviewers: vec![Reviewer::default()], ..SignOff::default() }),
        narrative: vec![NarrativeSection::default()],
        ..Report::default()
    };
    let value = serde_json::to_value(&report).unwrap();
    let (loaded, unknown) = from_json(&value).unwrap();
    assert!(unknown.is_empty(), "{unknown:?}");
    assert_eq!(loaded, report);
}

#[test]
fn json_errors_name_the_field_in_chinese() {
    let check = |json: &str, path: &str, message: &str| {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        let e = from_json(&value).unwrap_err();
        assert_eq!((e.path.as_str(), e.message.as_str()), (path, message), "{json}");
    };
    check(r#"{"overall":{"budget":{"executed":"abc"}}}"#, "overall.budget.executed", "“abc”不是有效的数字");
    check(r#"{"overall":{"budget":{"executed":true}}}"#, "overall.budget.executed", "应为数字，实际是真假值");
    check(r#"{"projects":{"name":"x"}}"#, "projects", "应为列表，实际是对象");
    check(r#"{"overall":[{}]}"#, "overall", "应为对象，实际是列表");
    check(r#"{"projects":[{"indicators":[{},{"weight":"1e999"}]}]}"#, "projects[0].indicators[1].weight", "“1e999”不是有效的数字");
    check(r#"{"department":["x"]}"#, "department", "应为文本，实际是列表");
    check(
        r#"{"overall":{"budget":{"executed":123456789012345678901234567890}}}"#,
        "overall.budget.executed",
        "“1.2345678901234568e+29”超出允许的数值范围（绝对值须小于10的15次方）",
    );
    check(r#"{"year":"二〇二四"}"#, "year", "“二〇二四”不是有效的年度");
    check(r#"{"overall":{"unit":"千元"}}"#, "overall.unit", "金额单位应为“万元”或“元”，实际是“千元”");
    let value: serde_json::Value =
        serde_json::from_str(r#"{"year":"２０２４","extra":1,"overall":{"budget":{"executed":1.5,"initial":2e3,"note":"x"}}}"#).unwrap();
    let (r, unknown) = from_json(&value).unwrap();
    assert_eq!(r.year, 2024);
    let budget = r.overall.unwrap().budget;
    assert_eq!(budget.executed, Some(Decimal::new(15, 1)));
    assert_eq!(budget.initial, Some(Decimal::from(2000)));
    assert_eq!(unknown, ["extra", "overall.budget.note"]);
}

#[test]
fn refused_edit_changes_nothing() {
    let mut r = seed("seed-001");
    let before = r.clone();
    let e = set(&mut r, "overall.indicators[0].weight", "十分").unwrap_err();
    assert_eq!(e.to_string(), "“十分”不是有效的数字，本格保留原值。");
    assert!(set(&mut r, "overall.nope", "1").is_err());
    assert!(set(&mut r, "projects[99].name", "x").is_err());
    // A refused number for an absent part must not create the part.
    r.basic_data = None;
    let before_none = r.clone();
    assert!(set(&mut r, "basic_data.staff_quota", "abc").is_err());
    assert_eq!(r, before_none);
    assert!(set(&mut r, "year", "99999").is_err());
    r.basic_data = before.basic_data.clone();
    assert_eq!(r, before);
}

#[test]
fn absent_parts_read_empty_and_are_created_on_write() {
    let mut r = Report::default();
    assert_eq!(get(&r, "cover.report_date"), "");
    set(&mut r, "cover.report_date", "2025年3月").unwrap();
    assert_eq!(r.cover.unwrap().report_date, "2025年3月");
    assert_eq!(kind("overall.indicators[0].weight"), None, "rows are not created by a write");
    assert_eq!(kind("overall.declared_total"), Some(FieldKind::Number));
}

#[test]
fn an_input_shows_the_stored_value_as_typed() {
    assert!(shows(FieldKind::Number, "1.", "1"));
    assert!(shows(FieldKind::Number, "１０", "10"));
    assert!(shows(FieldKind::Number, "", ""));
    assert!(!shows(FieldKind::Number, "abc", "1"));
    assert!(shows(FieldKind::Grade, " 优 ", "优"));
    assert!(!shows(FieldKind::Text, "a ", "a"));
}

#[test]
fn typing_decimal_point_keeps_value() {
    let mut r = seed("seed-000");
    set(&mut r, "overall.indicators[0].weight", "1.").unwrap();
    assert_eq!(get(&r, "overall.indicators[0].weight"), "1");
}

#[test]
fn rows_insert_remove_move() {
    let mut r = seed("seed-000");
    let n = r.overall.as_ref().unwrap().indicators.len();
    let first = r.overall.as_ref().unwrap().indicators[0].clone();
    assert!(apply(&mut r, &Change::InsertRow { table: "overall".into(), list: RowList::Table, at: 1 }));
    let o = r.overall.as_ref().unwrap();
    assert_eq!(o.indicators.len(), n + 1);
    assert_eq!(o.indicators[1].level1, first.level1, "a new row takes 一级 from the row above");
    assert_eq!(o.indicators[1].name, "");
    assert!(apply(&mut r, &Change::MoveRow { table: "overall".into(), list: RowList::Table, at: 1, up: true }));
    assert_eq!(r.overall.as_ref().unwrap().indicators[1], first);
    assert!(!apply(&mut r, &Change::MoveRow { table: "overall".into(), list: RowList::Table, at: 0, up: true }));
    assert!(apply(&mut r, &Change::RemoveRow { table: "overall".into(), list: RowList::Table, at: 0 }));
    assert_eq!(r.overall.as_ref().unwrap().indicators[0], first);
    assert!(!apply(&mut r, &Change::RemoveRow { table: "overall".into(), list: RowList::Table, at: 999 }));
}

#[test]
fn projects_add_duplicate_move_remove() {
    let mut r = seed("seed-000");
    let n = r.projects.len();
    assert!(apply(&mut r, &Change::DuplicateProject { at: 0 }));
    assert_eq!(r.projects.len(), n + 1);
    assert!(r.projects[1].name.ends_with("（副本）"));
    assert!(apply(&mut r, &Change::MoveProject { at: 1, up: true }));
    assert!(r.projects[0].name.ends_with("（副本）"));
    assert!(apply(&mut r, &Change::RemoveProject { at: 0 }));
    assert_eq!(r.projects.len(), n);
    assert!(apply(&mut r, &Change::AddProject));
    let added = r.projects.last().unwrap();
    assert_eq!(added.kind, TableKind::Project);
    assert_eq!(added.indicators[0].level1, "产出指标");
    assert_eq!(added.budget.weight, Some(Decimal::from(10)));
}

#[test]
fn unit_switch_keeps_amounts_and_scores() {
    let mut r = seed("seed-000");
    let before = evaluate(&r).tables[0].clone();
    let executed = r.overall.as_ref().unwrap().budget.executed.unwrap();
    assert!(apply(&mut r, &Change::SetUnit { table: "overall".into(), unit: MoneyUnit::Yuan }));
    let o = r.overall.as_ref().unwrap();
    assert_eq!(o.unit, MoneyUnit::Yuan);
    assert_eq!(o.budget.executed.unwrap(), executed * Decimal::from(10_000));
    let after = evaluate(&r).tables[0].clone();
    assert_eq!(after.budget.rate, before.budget.rate);
    assert_eq!(after.total, before.total);
    assert!(apply(&mut r, &Change::SetUnit { table: "overall".into(), unit: MoneyUnit::WanYuan }));
    assert_eq!(r.overall.as_ref().unwrap().budget.executed.unwrap(), executed);
}

#[test]
fn tsv_with_quotes_and_crlf() {
    let rows = split_tsv("a\tb\r\n\"x\ty\"\t\"he said \"\"hi\"\"\nok\"\r\n\r\n");
    assert_eq!(rows, vec![vec!["a".to_string(), "b".into()], vec!["x\ty".into(), "he said \"hi\"\nok".into()]]);
    assert!(split_tsv("").is_empty());
}

#[test]
fn paste_fills_rows_and_merged_cells() {
    let mut r = seed("seed-000");
    r.overall.as_mut().unwrap().indicators.clear();
    let text = "产出指标\t数量指标\t开展活动\t≥4次\t5次\t10\t10\t\n\t\t培训人次\t≥100人次\t120人次\t１０\t10\t\n效益指标\t社会效益指标\t满意度\t≥90%\t95%\tabc\t8\t无\n";
    let pasted = paste_rows(&mut r, "overall", RowList::Table, 0, 0, text).unwrap();
    assert_eq!(pasted.rows, 3);
    assert_eq!(pasted.added, 3);
    assert_eq!(pasted.refused, vec!["第 3 行“分值”：“abc”不是有效的数字，本格保留原值。".to_string()]);
    let rows = &r.overall.as_ref().unwrap().indicators;
    assert_eq!(rows[1].level1, "产出指标");
    assert_eq!(rows[1].level2, "数量指标");
    assert_eq!(rows[1].weight, Some(Decimal::from(10)));
    assert_eq!(rows[2].level1, "效益指标");
    assert_eq!(rows[2].weight, None);
    assert_eq!(rows[2].reason, "无");
    // Starting at a later column writes only from there on.
    let pasted = paste_rows(&mut r, "overall", RowList::Table, 0, 4, "6次\t12").unwrap();
    assert_eq!(pasted.rows, 1);
    assert_eq!(rows_of(&r)[0].actual, "6次");
    assert_eq!(rows_of(&r)[0].weight, Some(Decimal::from(12)));
    assert_eq!(rows_of(&r)[0].name, "开展活动");
}

#[test]
fn pasted_multiline_cells_are_cleaned_and_the_header_weight_is_declared() {
    let mut r = seed("seed-000");
    let t = r.overall.as_mut().unwrap();
    t.indicators.clear();
    t.level1_weights.clear();
    let text = "\"产出指标\n(50分)\"\t数量指标\t\"活动阵地\n建设\"\t≥4次\t5次\t10\t10\t\"第一段\n第二段\"\n\"效益指标\r\n（30分）\"\t\"社会效益\n指标\"\t\"Small\nwords\"\t1\t1\t30\t30\t\n";
    let pasted = paste_rows(&mut r, "overall", RowList::Table, 0, 0, text).unwrap();
    assert!(pasted.refused.is_empty(), "{:?}", pasted.refused);
    let rows = rows_of(&r);
    assert_eq!((rows[0].level1.as_str(), rows[0].name.as_str()), ("产出指标", "活动阵地建设"));
    assert_eq!(rows[0].reason, "第一段\n第二段", "偏差原因 keeps its paragraphs");
    assert_eq!((rows[1].level1.as_str(), rows[1].level2.as_str()), ("效益指标", "社会效益指标"));
    let weights = &r.overall.as_ref().unwrap().level1_weights;
    assert_eq!(weights, &vec![DeclaredWeight { name: "产出指标".into(), weight: Some(Decimal::from(50)) }, DeclaredWeight { name: "效益指标".into(), weight: Some(Decimal::from(30)) }]);
    let html = crate::print::report_html(&r, &evaluate(&r), Default::default());
    assert!(html.contains(">产出指标（50分）</span></td>") && !html.contains("(50分)"), "the weight printed once");
    assert_eq!(split_weight("满意度指标 （10 分）"), ("满意度指标".to_string(), Some(Decimal::from(10))));
    assert_eq!(split_weight("（10分）"), ("（10分）".to_string(), None));
    assert_eq!(split_weight("数量(件)"), ("数量(件)".to_string(), None));
    assert_eq!(one_line("Small\nwords 满意\n度"), "Small words满意度");
}

fn rows_of(r: &Report) -> &Vec<Indicator> {
    &r.overall.as_ref().unwrap().indicators
}

#[test]
fn huge_paste_is_refused_whole() {
    let mut r = seed("seed-000");
    let before = r.clone();
    let text = "a\tb\n".repeat(MAX_PASTE_ROWS + 1);
    assert_eq!(paste_rows(&mut r, "overall", RowList::Table, 0, 0, &text), Err(EditError::PasteTooLarge(MAX_PASTE_ROWS + 1)));
    assert_eq!(r, before);
}

#[test]
fn new_report_follows_the_rule_pack() {
    let pack = crate::rules::find("hunan-2024").unwrap();
    let form = NewReport {
        id: "d1".into(),
        rule_pack: pack.id.clone(),
        year: 2025,
        department: "某某局".into(),
        overall: true,
        basic_data: true,
        projects: 2,
        narrative: true,
    };
    let r = new_report(&form, pack);
    let o = r.overall.as_ref().unwrap();
    assert_eq!(o.level1_weights.len(), 3);
    assert_eq!(o.indicators.len(), 9, "one row per 二级指标");
    assert_eq!(r.projects.len(), 2);
    assert_eq!(r.narrative.len(), pack.narrative.len());
    let e = evaluate(&r);
    assert_eq!(e.tables.len(), 3);
    assert_eq!(e.tables[0].total, None, "nothing typed: no total, not 0");
    let hubei = crate::rules::find("hubei-2024").unwrap();
    let r = new_report(&NewReport { rule_pack: hubei.id.clone(), ..form }, hubei);
    assert_eq!(r.overall.as_ref().unwrap().goals.len(), 1);
}

#[test]
fn history_merges_typing_in_one_field() {
    let mut r = seed("seed-000");
    let original = r.clone();
    let mut h = History::default();
    for text in ["1", "12"] {
        h.record(&r, Some("overall.indicators[0].weight"));
        set(&mut r, "overall.indicators[0].weight", text).unwrap();
    }
    h.seal();
    let after_weight = r.clone();
    h.record(&r, None);
    apply(&mut r, &Change::AddProject);
    let undone = h.undo(&r).unwrap();
    assert_eq!(undone, after_weight);
    let undone = h.undo(&undone).unwrap();
    assert_eq!(undone, original);
    assert!(!h.can_undo());
    let redone = h.redo(&undone).unwrap();
    assert_eq!(redone, after_weight);
}

#[test]
fn not_applicable_cells_stay_marked_through_save_load_and_row_moves() {
    let mut r = seed("seed-000");
    // Typed "—" over a figure: empty for the calculation, shown as "/" again.
    set(&mut r, "overall.budget.executed", "—").unwrap();
    assert_eq!(r.overall.as_ref().unwrap().budget.executed, None);
    assert_eq!(get(&r, "overall.budget.executed"), NOT_APPLICABLE);
    set(&mut r, "overall.indicators[1].weight", "不适用").unwrap();
    set(&mut r, "overall.declared_total", "／").unwrap();
    // A blank cell is blank, not "/".
    set(&mut r, "overall.indicators[2].declared_score", "").unwrap();
    assert_eq!(get(&r, "overall.indicators[2].declared_score"), "");
    // The input that shows "—" already shows the stored "/".
    assert!(shows_at(&r, "overall.budget.executed", FieldKind::Number, "—", NOT_APPLICABLE));
    assert!(!shows_at(&r, "overall.budget.executed", FieldKind::Number, "", NOT_APPLICABLE));
    // Saved and loaded: still "/".
    let text = crate::exchange::json::save(&r, None);
    assert!(text.contains("\"not_applicable\""), "the marks are saved");
    let back = crate::exchange::json::load(&text).unwrap().report;
    assert_eq!(back, r);
    for path in ["overall.budget.executed", "overall.indicators[1].weight", "overall.declared_total"] {
        assert_eq!(get(&back, path), NOT_APPLICABLE, "{path}");
    }
    // The mark moves with its row.
    assert!(apply(&mut r, &Change::MoveRow { table: "overall".into(), list: RowList::Table, at: 1, up: true }));
    assert_eq!(get(&r, "overall.indicators[0].weight"), NOT_APPLICABLE);
    assert_eq!(get(&r, "overall.indicators[1].weight"), get(&seed("seed-000"), "overall.indicators[0].weight"));
    // A figure typed over it clears the mark.
    set(&mut r, "overall.indicators[0].weight", "5").unwrap();
    assert_eq!(get(&r, "overall.indicators[0].weight"), "5");
    assert!(r.overall.as_ref().unwrap().indicators[0].not_applicable.is_empty());
    // A saved file without marks (every earlier version) loads as before.
    let plain = crate::exchange::json::save(&seed("seed-000"), None);
    assert!(!plain.contains("not_applicable"));
}


#[test]
fn a_new_report_of_project_tables_only_is_titled_as_one() {
    use crate::edit::{new_report, NewReport};
    let pack = crate::rules::find("hunan-2024").unwrap();
    let form = NewReport { id: "p".into(), rule_pack: "hunan-2024".into(), year: 2025, department: "某某局".into(), overall: false, basic_data: false, projects: 2, narrative: false };
    assert_eq!(new_report(&form, pack).cover.unwrap().title, "某某局2025年度项目支出绩效自评报告");
    let both = NewReport { overall: true, ..form };
    assert_eq!(new_report(&both, pack).cover.unwrap().title, "某某局2025年度部门整体支出绩效评价自评报告");
}
