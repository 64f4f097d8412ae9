//! Every sample file of ../shared/samples (copied to tests/fixtures/samples) imported from its
//! bytes, the way the command-line checker and the browser's reader worker do it, gives the
//! figures the samples' README lists, recomputed by the same model as the app.

#![allow(clippy::unwrap_used)]

use jixiao_office::import::{open, Opened};
use jixiao_office::read;
use jixiao::model::num::fmt2;
use jixiao::model::{evaluate, Severity};

/// (file, rule pack proposed, tables recognised as scored, first table's declared 总分,
/// its computed 总分, its grade).
const CASES: &[(&str, &str, usize, Option<&str>, Option<&str>, Option<&str>)] = &[
    ("seed-000-附件2.docx", "hunan-2024", 1, Some("98"), Some("98.00"), Some("优")),
    ("seed-000-附件2.xlsx", "hunan-2024", 1, Some("98"), Some("98.00"), Some("优")),
    ("seed-000-附件2.xls", "hunan-2024", 1, Some("98"), Some("98.00"), Some("优")),
    ("seed-000-附件3.docx", "hunan-2024", 1, Some("100"), Some("100.00"), Some("优")),
    ("seed-000-附件3.doc", "hunan-2024", 1, Some("100"), Some("100.00"), Some("优")),
    ("seed-000-附件3.html", "hunan-2024", 1, Some("100"), Some("100.00"), Some("优")),
    ("seed-000-附件3.lo-from-docx.xlsx", "hunan-2024", 1, Some("100"), Some("100.00"), Some("优")),
    ("seed-001-部门整体.docx", "hunan-2024", 1, Some("99"), Some("99.00"), Some("优")),
    ("seed-001-部门整体.html", "hunan-2024", 1, Some("99"), Some("99.00"), Some("优")),
    ("seed-001-部门整体.lo-from-html.docx", "hunan-2024", 1, Some("99"), Some("99.00"), Some("优")),
    ("seed-003-整体绩效自评表.docx", "hubei-2024", 1, Some("94.15"), Some("94.15"), Some("优")),
    ("seed-003-整体绩效自评表.xlsx", "hubei-2024", 1, Some("94.15"), Some("94.15"), Some("优")),
    ("seed-003-整体绩效自评表.doc", "hubei-2024", 1, Some("94.15"), Some("94.15"), Some("优")),
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

fn preview(file: &str) -> jixiao_office::import::Preview {
    match open(file, &bytes(file), &read::decode).unwrap_or_else(|e| panic!("{file}: {e}")) {
        Opened::Tables(preview) => preview,
        _ => panic!("{file}: read as a saved report"),
    }
}

/// A Word 97–2003 file is read natively and gives, table by table, the same declared figures
/// (every field of every scored table), the same computed results (budget, each row, subtotals,
/// 总分, 等次) and the same findings as the .docx it was saved from.
#[test]
fn a_legacy_word_file_gives_the_figures_of_its_docx_twin() {
    for stem in ["seed-000-附件3", "seed-003-整体绩效自评表"] {
        let (doc, docx) = (preview(&format!("{stem}.doc")), preview(&format!("{stem}.docx")));
        assert_eq!(doc.proposal, docx.proposal, "{stem}");
        let (a, b) = (doc.report.scored_tables(), docx.report.scored_tables());
        assert_eq!(a.len(), b.len(), "{stem}");
        for ((path_a, table_a), (path_b, table_b)) in a.iter().zip(&b) {
            assert_eq!(path_a, path_b, "{stem}");
            assert_eq!(serde_json::to_value(table_a).unwrap(), serde_json::to_value(table_b).unwrap(), "{stem} {path_a}: declared figures");
        }
        let (ea, eb) = (evaluate(&doc.report), evaluate(&docx.report));
        assert_eq!(ea.tables.len(), eb.tables.len(), "{stem}");
        for (ta, tb) in ea.tables.iter().zip(&eb.tables) {
            assert_eq!(serde_json::to_value(ta).unwrap(), serde_json::to_value(tb).unwrap(), "{stem} {}: computed figures", ta.path);
        }
        assert_eq!(serde_json::to_value(&ea.findings).unwrap(), serde_json::to_value(&eb.findings).unwrap(), "{stem}: findings");
        assert_eq!(doc.leftovers, docx.leftovers, "{stem}: unplaced cells");
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
    // A .doc is read like its .docx: the same rows, figures and exit code.
    let check = |file: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao-check")).arg("--json").arg(format!("{dir}/{file}")).output().unwrap();
        let mut rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        rows.as_array_mut().unwrap().iter_mut().for_each(|r| r["file"] = serde_json::Value::Null);
        (rows, out.status.code())
    };
    let (doc, docx) = (check("seed-000-附件3.doc"), check("seed-000-附件3.docx"));
    assert_eq!(doc, docx);
    assert!(doc.0.as_array().unwrap().iter().any(|r| r["computed_total"] == "100.00"), "{}", doc.0);
}
