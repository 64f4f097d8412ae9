//! `jixiao-check --rules FILE`: a bureau's pack read from disk changes the grade of a report
//! whose total lies between two band sets, and a broken pack is named with its field.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::path::PathBuf;
use std::process::Command;
use std::str::FromStr;

use jixiao::model::exchange::json::save;
use jixiao::model::report::{BudgetBlock, Indicator, PerfTable};
use jixiao::model::Report;
use rust_decimal::Decimal;

/// A scratch folder of this test's own.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jixiao-bureau-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A report totalling 85: budget 10 of 10, one row 90 × 75 ÷ 90 = 75.
fn report(rule_pack: &str) -> String {
    let d = |s: &str| Decimal::from_str(s).unwrap();
    let table = PerfTable {
        budget: BudgetBlock { adjusted: Some(d("100")), executed: Some(d("100")), weight: Some(d("10")), ..BudgetBlock::default() },
        indicators: vec![Indicator {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            name: "培训人次".into(),
            target: "≥90次".into(),
            actual: "75次".into(),
            weight: Some(d("90")),
            reason: "参训人数不足".into(),
            ..Indicator::default()
        }],
        ..PerfTable::default()
    };
    save(&Report { id: "r".into(), rule_pack: rule_pack.into(), department: "某局".into(), overall: Some(table), ..Report::default() }, None)
}

/// The example bureau pack's bands (优 ≥ 80) on the generic pack's other rules.
fn bureau_pack(id: &str) -> String {
    let generic = std::fs::read_to_string("crates/model/rules/generic.json").unwrap();
    let example: serde_json::Value = serde_json::from_str(&std::fs::read_to_string("docs/rules-example.json").unwrap()).unwrap();
    let mut pack: serde_json::Value = serde_json::from_str(&generic).unwrap();
    pack["id"] = id.into();
    pack["provenance"] = "本局口径".into();
    pack["grades"] = example["grades"].clone();
    pack.to_string()
}

/// Runs the checker; returns (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-check")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

#[test]
fn a_bureau_pack_from_disk_changes_the_grade() {
    let dir = scratch("grade");
    let pack = dir.join("bureau.json");
    std::fs::write(&pack, bureau_pack("bureau-2025")).unwrap();
    let generic_report = dir.join("generic.json");
    std::fs::write(&generic_report, report("generic")).unwrap();
    let bureau_report = dir.join("bureau-report.json");
    std::fs::write(&bureau_report, report("bureau-2025")).unwrap();
    let (p, g, b) = (pack.to_str().unwrap(), generic_report.to_str().unwrap(), bureau_report.to_str().unwrap());

    // (arguments, the pack the line names, the grade of 85)
    let cases: [(Vec<&str>, &str, &str); 4] = [
        (vec![g], "generic", "良"),
        (vec!["--rules", p, b], "bureau-2025", "优"),
        (vec!["--rules", p, "--pack", "bureau-2025", g], "bureau-2025", "优"),
        (vec!["--rules", p, "--rules", "docs/rules-example.json", g], "generic", "良"),
    ];
    for (args, pack_id, grade) in cases {
        let (code, out, err) = run(&args);
        let first = out.lines().next().unwrap_or_default();
        assert!(first.contains(&format!("\t{pack_id}\t")) && first.contains("计算总分 85.00") && first.contains(&format!("\t{grade}\t")), "{args:?}: {code} {out}{err}");
    }
    // The documented example pack loads.
    let (code, _, err) = run(&["--rules", "docs/rules-example.json", g]);
    assert_ne!(code, 2, "{err}");
    // Without the bureau's file its id is unknown.
    let (code, out, _) = run(&[b]);
    assert_eq!(code, 1);
    assert!(out.contains("未知的评分规则“bureau-2025”"), "{out}");
    // --json carries the pack's id and content hash.
    let (_, out, _) = run(&["--json", "--rules", p, b]);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rows[0]["rule_pack"], "bureau-2025");
    assert_eq!(rows[0]["grade"], "优");
    assert_eq!(rows[0]["rule_pack_hash"].as_str().map(str::len), Some(16));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_broken_bureau_pack_is_named_and_the_built_in_packs_still_work() {
    let dir = scratch("broken");
    let pack = dir.join("broken.json");
    std::fs::write(&pack, bureau_pack("bureau-2025").replace("\"free\"", "\"loose\"")).unwrap();
    let report_file = dir.join("generic.json");
    std::fs::write(&report_file, report("generic")).unwrap();
    let (code, out, err) = run(&["--rules", pack.to_str().unwrap(), report_file.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("broken.json") && err.contains("level1_weights：应为 fixed、free、template 之一"), "{err}");
    assert!(out.contains("计算总分 85.00") && out.contains("\t良\t"), "{out}");
    std::fs::remove_dir_all(dir).unwrap();
}
