//! Bad input never panics and always gets a Chinese message: malformed files, strange numbers,
//! and a bounded property test over the target/actual parser and the JSON loader.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use proptest::prelude::*;

use jixiao::model::exchange::json::{load, LoadError};
use jixiao::model::measure::Measure;
use jixiao::model::{evaluate, Report};

fn load_err(text: &str) -> LoadError {
    load(text).unwrap_err()
}

#[test]
fn malformed_files_get_named_errors() {
    assert!(matches!(load_err("{\"format\": "), LoadError::Syntax { line: 1, .. }));
    assert!(matches!(load_err("\n\n  {oops}"), LoadError::Syntax { line: 3, column: 4, .. }));
    assert_eq!(load_err("[1,2]"), LoadError::NotAReport);
    assert_eq!(load_err("{\"name\": \"x\"}"), LoadError::NotAReport);
    assert_eq!(load_err("{\"format\": \"surveyjs\", \"version\": 1}"), LoadError::OtherFormat("surveyjs".into()));
    assert_eq!(load_err("{\"format\": \"jixiao-report\", \"version\": 99, \"report\": {}}"), LoadError::NewerVersion(99));
    assert_eq!(load_err("{\"format\": \"jixiao-report\", \"version\": \"1\"}"), LoadError::BadVersion);
    assert_eq!(load_err("{\"format\": \"jixiao-report\", \"version\": 1}"), LoadError::MissingReport);
    let e = load_err(r#"{"format": "jixiao-report", "version": 1, "report": {"overall": {"budget": {"executed": "12万"}}}}"#);
    match &e {
        LoadError::Invalid { path, message } => {
            assert_eq!(path, "report.overall.budget.executed");
            assert!(message.contains("不是有效的数字"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // Named as a person would, the path only in brackets (changed deliberately, issue 22).
    assert!(e.to_string().starts_with("“部门整体支出绩效自评表 预算执行情况的全年执行数”有误："), "{e}");
    assert!(e.to_string().ends_with("（字段 report.overall.budget.executed）。"), "{e}");
    let e = load_err(r#"{"format": "jixiao-report", "version": 1, "report": {"overall": {"budget": {"executed": "1e400"}}}}"#);
    assert!(matches!(e, LoadError::Invalid { .. }));
    let e = load_err(r#"{"format": "jixiao-report", "version": 1, "report": {"year": "二〇二四"}}"#);
    assert!(e.to_string().contains("report.year"), "{e}");
}

#[test]
fn strange_numbers_in_the_file_are_read_leniently() {
    let loaded = load(r#"{"format": "jixiao-report", "version": 1, "report": {"overall": {"budget": {"executed": "２,９５１．８３", "adjusted": 790.77}}}, "extra": true}"#).unwrap();
    let budget = &loaded.report.overall.as_ref().unwrap().budget;
    assert_eq!(budget.executed.unwrap().to_string(), "2951.83");
    assert_eq!(budget.adjusted.unwrap().to_string(), "790.77");
    assert_eq!(loaded.unknown_fields, ["extra"]);
}

#[test]
fn v1_fixture_loads_in_this_version() {
    // Never edit this fixture: it is what version 1 files look like; later versions upgrade it.
    let text = std::fs::read_to_string("tests/fixtures/format/v1.json").unwrap();
    let loaded = load(&text).unwrap();
    assert_eq!(loaded.from_version, 1);
    assert_eq!(loaded.report.department, "示例单位");
    let e = evaluate(&loaded.report);
    assert_eq!(e.tables[0].total.map(jixiao::model::num::fmt2).as_deref(), Some("94.50"));
}

#[test]
fn an_empty_report_is_checked_not_rejected() {
    let e = evaluate(&Report::default());
    assert!(e.findings.iter().any(|f| f.code == "report.rule_pack_unknown"));
    let e = evaluate(&Report { rule_pack: "hunan-2024".into(), ..Report::default() });
    assert!(e.findings.iter().any(|f| f.code == "report.department_missing"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]

    #[test]
    fn measure_parser_never_panics(text in "\\PC{0,40}") {
        let m = Measure::parse(&text);
        prop_assert_eq!(m.raw, text);
    }

    #[test]
    fn measure_parser_handles_numeric_soup(text in "[0-9０-９.,，%％≥≤<>=万亿元次家 -]{0,30}") {
        let _ = Measure::parse(&text).summary();
    }

    #[test]
    fn loader_never_panics(text in "\\PC{0,200}") {
        let _ = load(&text);
    }

    #[test]
    fn evaluate_never_panics_on_any_figures(
        executed in "[-0-9.]{0,18}", adjusted in "[-0-9.]{0,18}", weight in "[-0-9.]{0,6}",
        target in "[≥≤=<>]?[-0-9.]{0,18}[%次万元]?", actual in "[-0-9.]{0,18}[%次万元]?",
    ) {
        let json = format!(
            r#"{{"format":"jixiao-report","version":1,"report":{{"rule_pack":"hunan-2024","department":"x",
            "overall":{{"budget":{{"executed":"{executed}","adjusted":"{adjusted}"}},
            "indicators":[{{"level1":"产出指标","name":"n","target":"{target}","actual":"{actual}","weight":"{weight}"}}]}}}}}}"#
        );
        if let Ok(loaded) = load(&json) {
            let _ = evaluate(&loaded.report);
        }
    }
}

#[test]
fn compact_storage_text_loads_like_the_export() {
    let report = jixiao::model::examples::example("seed-003").unwrap().unwrap();
    let compact = jixiao::model::exchange::json::save_compact(&report);
    assert!(!compact.contains('\n'));
    assert!(compact.len() < jixiao::model::exchange::json::save(&report, None).len());
    assert_eq!(load(&compact).unwrap().report, report);
}

#[test]
fn compact_text_is_exactly_serde_jsons_compact_form() {
    use jixiao::model::exchange::json::compact;
    let awkward = "引号\" 反斜杠\\ 换行\n 制表\t 空格  {\"a\": [1, 2]}\\";
    let value = serde_json::json!({"a": [1, {"b": awkward, "c": []}], "d": {}, "e": null, "f": " x "});
    assert_eq!(compact(&serde_json::to_string_pretty(&value).unwrap()), serde_json::to_string(&value).unwrap());
    let mut report = jixiao::model::examples::example("seed-000").unwrap().unwrap();
    report.department = awkward.to_string();
    report.narrative.push(jixiao::model::report::NarrativeSection { title: "一、".into(), text: format!("第一段\n\n{awkward}") });
    let text = jixiao::model::exchange::json::save_compact(&report);
    assert!(text.contains(r#""department":"引号\" 反斜杠\\ 换行\n 制表\t 空格  {\"a\": [1, 2]}\\""#), "{text}");
    assert_eq!(load(&text).unwrap().report, report);
}

#[test]
fn backups_round_trip_and_refuse_other_files() {
    use jixiao::model::exchange::json::{load_backup, merge, save_backup, BackupDraft, BackupEntry, Merge};
    let draft = BackupDraft { id: "d1".into(), name: "草稿".into(), saved: 5, text: "{}".into() };
    let broken = BackupEntry { key: "jixiao.draft.x".into(), text: "{not json".into() };
    let text = save_backup(vec![draft.clone()], vec![broken.clone()]);
    let backup = load_backup(&text).unwrap();
    assert_eq!((backup.drafts, backup.quarantine), (vec![draft], vec![broken]));
    assert_eq!(load_backup("[1,").unwrap_err(), "备份文件不是有效的 JSON：第 1 行第 3 列附近有错误（文件不完整，可能被截断）。");
    let report = jixiao::model::exchange::json::save(&jixiao::model::Report::default(), None);
    assert!(load_backup(&report).unwrap_err().contains("单个报告文件"));
    assert!(load_backup(r#"{"format":"jixiao-backup","version":9}"#).unwrap_err().contains("更新版本"));
    assert_eq!(merge(None, 3), Merge::Add);
    assert_eq!(merge(Some(2), 3), Merge::Replace);
    assert_eq!(merge(Some(3), 3), Merge::Same);
    assert_eq!(merge(Some(4), 3), Merge::Ask);
}

#[test]
fn export_import_export_is_byte_identical() {
    // Issue 6: the exported file (with computed figures) loads back to the same report and
    // exports to the same bytes, for every example.
    use jixiao::model::exchange::json::save;
    for e in jixiao::model::examples::EXAMPLES {
        let report = jixiao::model::examples::example(e.id).unwrap().unwrap();
        let first = save(&report, Some(&evaluate(&report)));
        let loaded = load(&first).unwrap();
        assert!(loaded.unknown_fields.is_empty(), "{}: {:?}", e.id, loaded.unknown_fields);
        let second = save(&loaded.report, Some(&evaluate(&loaded.report)));
        assert_eq!(first, second, "{}", e.id);
    }
}

#[test]
fn backups_carry_imported_rule_packs_and_older_backups_still_load() {
    use jixiao::model::exchange::json::{load_backup, save_backup, save_backup_with_rules, BackupEntry};
    let pack = BackupEntry { key: "example-bureau-2025".into(), text: include_str!("../docs/rules-example.json").into() };
    let text = save_backup_with_rules(Vec::new(), Vec::new(), vec![pack.clone()]);
    assert!(text.contains("\"rules\": ["), "{text}");
    assert_eq!(load_backup(&text).unwrap().rules, vec![pack]);
    // A backup without packs is written as before (no "rules" key) and one from an older app loads.
    let old = save_backup(Vec::new(), Vec::new());
    assert!(!old.contains("\"rules\""));
    assert!(load_backup(&old).unwrap().rules.is_empty());
    let incomplete = r#"{"format":"jixiao-backup","version":1,"drafts":[],"rules":[{"key":"x"}]}"#;
    assert_eq!(load_backup(incomplete).unwrap_err(), "备份文件内容有误：第 1 个评分规则不完整。");
}

#[test]
fn backups_carry_final_accounts_drafts_with_their_name_and_save_time() {
    use jixiao::model::exchange::json::{load_backup, save_backup, save_backup_with_accounts, BackupDraft};
    use jixiao::model::final_accounts::json::{draft_meta, read_meta};
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/final_accounts/seed-004.json")).unwrap();
    let (name, saved) = read_meta(&draft_meta("遂宁市安居区总工会 2024 年度部门决算", 1_764_900_000_123));
    assert_eq!((name.as_str(), saved), ("遂宁市安居区总工会 2024 年度部门决算", 1_764_900_000_123));
    assert_eq!(read_meta("{broken"), (String::new(), 0));
    let draft = BackupDraft { id: "fa1".into(), name, saved, text };
    let backup = save_backup_with_accounts(Vec::new(), Vec::new(), Vec::new(), vec![draft.clone()]);
    assert!(backup.contains("\"final_accounts\": ["));
    assert_eq!(load_backup(&backup).unwrap().final_accounts, vec![draft]);
    // Without 决算 drafts the file is as before; an older backup loads with none.
    assert!(!save_backup(Vec::new(), Vec::new()).contains("final_accounts"));
    let incomplete = r#"{"format":"jixiao-backup","version":1,"drafts":[],"final_accounts":[{"id":"x","saved":1}]}"#;
    assert_eq!(load_backup(incomplete).unwrap_err(), "备份文件内容有误：第 1 个部门决算草稿缺少内容。");
}
