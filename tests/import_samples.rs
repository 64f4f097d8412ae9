//! Every sample file of ../shared/samples (copied to tests/fixtures/samples) imported from its
//! bytes, the way the command-line checker and the browser's reader worker do it, gives the
//! figures the samples' README lists, recomputed by the same model as the app.

#![allow(clippy::unwrap_used)]

use jixiao::model::exchange::import::{open, ImportError, Opened};
use jixiao::model::exchange::read::{self, ReadError};
use jixiao::model::num::fmt2;
use jixiao::model::{evaluate, Severity};

/// (file, rule pack proposed, tables recognised as scored, first table's declared 总分,
/// its computed 总分, its grade).
const CASES: &[(&str, &str, usize, Option<&str>, Option<&str>, Option<&str>)] = &[
    ("seed-000-附件2.docx", "hunan-2024", 1, Some("98"), Some("98.00"), Some("优")),
    ("seed-000-附件2.xlsx", "hunan-2024", 1, Some("98"), Some("98.00"), Some("优")),
    ("seed-000-附件2.xls", "hunan-2024", 1, Some("98"), Some("98.00"), Some("优")),
    ("seed-000-附件3.docx", "hunan-2024", 1, Some("100"), Some("100.00"), Some("优")),
    ("seed-000-附件3.html", "hunan-2024", 1, Some("100"), Some("100.00"), Some("优")),
    ("seed-000-附件3.lo-from-docx.xlsx", "hunan-2024", 1, Some("100"), Some("100.00"), Some("优")),
    ("seed-001-部门整体.docx", "hunan-2024", 1, Some("99"), Some("99.00"), Some("优")),
    ("seed-001-部门整体.html", "hunan-2024", 1, Some("99"), Some("99.00"), Some("优")),
    ("seed-001-部门整体.lo-from-html.docx", "hunan-2024", 1, Some("99"), Some("99.00"), Some("优")),
    ("seed-003-整体绩效自评表.docx", "hubei-2024", 1, Some("94.15"), Some("94.15"), Some("优")),
    ("seed-003-整体绩效自评表.xlsx", "hubei-2024", 1, Some("94.15"), Some("94.15"), Some("优")),
    ("seed-004-劳模经费.docx", "sichuan-2024", 1, None, None, None),
    ("seed-004-困难职工帮扶救助.docx", "sichuan-2024", 1, None, None, None),
    ("seed-004-困难职工帮扶救助.html", "sichuan-2024", 1, None, None, None),
    ("seed-004-项目支出绩效自评表.xlsx", "sichuan-2024", 2, None, None, None),
    ("seed-004-项目支出绩效自评表.xls", "sichuan-2024", 2, None, None, None),
];

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn every_sample_imports_with_its_figures() {
    for (file, pack, n_tables, declared, computed, grade) in CASES {
        let Opened::Tables(preview) = open(file, &bytes(file), &read::decode).unwrap_or_else(|e| panic!("{file}: {e}")) else {
            panic!("{file}: read as a saved report")
        };
        assert_eq!(preview.proposal.rule_pack, *pack, "{file}");
        assert_eq!(preview.proposal.year, Some(2024), "{file}");
        let tables = preview.report.scored_tables();
        assert_eq!(tables.len(), *n_tables, "{file}: {:?}", preview.tables);
        let evaluation = evaluate(&preview.report);
        let first = &evaluation.tables[0];
        assert_eq!(tables[0].1.declared_total.map(|d| d.normalize().to_string()).as_deref(), *declared, "{file}");
        assert_eq!(first.total.map(fmt2).as_deref(), *computed, "{file}");
        assert_eq!(first.grade.as_deref(), *grade, "{file}");
    }
}

#[test]
fn the_000_table_in_word_has_the_built_in_examples_findings() {
    let Opened::Tables(preview) = open("附件2.docx", &bytes("seed-000-附件2.docx"), &read::decode).unwrap() else { panic!() };
    let imported = evaluate(&preview.report);
    let example = evaluate(&jixiao::model::examples::example("seed-000").unwrap().unwrap());
    let codes = |e: &jixiao::model::Evaluation| {
        let mut c: Vec<String> = e.findings_of(Some("overall")).filter(|f| f.severity == Severity::Error).map(|f| format!("{} {}", f.code, f.path)).collect();
        c.sort();
        c
    };
    assert_eq!(codes(&imported), codes(&example));
}

#[test]
fn a_legacy_word_file_is_named_and_explained() {
    for file in ["seed-000-附件3.doc", "seed-003-整体绩效自评表.doc"] {
        let e = open(file, &bytes(file), &read::decode).unwrap_err();
        assert_eq!(e, ImportError::Read(ReadError::LegacyWord), "{file}");
        assert!(e.to_string().contains("另存为 .docx"), "{e}");
    }
}

#[test]
fn jixiao_check_takes_word_excel_and_web_files_by_content() {
    let dir = format!("{}/tests/fixtures/samples", env!("CARGO_MANIFEST_DIR"));
    // A Word file named .bin is still read as Word: the content decides.
    let renamed = std::env::temp_dir().join(format!("jixiao-check-{}.bin", std::process::id()));
    std::fs::write(&renamed, bytes("seed-003-整体绩效自评表.docx")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao-check"))
        .arg("--json")
        .arg(format!("{dir}/seed-000-附件2.xls"))
        .arg(format!("{dir}/seed-000-附件3.html"))
        .arg(&renamed)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&renamed);
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let totals: Vec<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["table"] != "报告")
        .map(|r| (r["department"].as_str().unwrap_or("").to_string(), r["computed_total"].as_str().unwrap_or("").to_string()))
        .collect();
    assert_eq!(
        totals,
        [("岳阳市总工会", "98.00"), ("岳阳市总工会", "100.00"), ("武汉市汉阳区总工会", "94.15")].map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // Seed 000 has errors (the 373.29% rate): exit code 1.
    assert_eq!(out.status.code(), Some(1));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao-check")).arg(format!("{dir}/seed-000-附件3.doc")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("另存为 .docx"));
}
