//! A 自评报告 comes in by its outline (issue 27 item 4): a web page or Word file with the
//! narrative and no tables (seed 002's text) imports into sections 一、… 十、 instead of being
//! refused as "no tables"; a Word report with tables and narrative brings both; the narrative
//! checks run on what came in.

#![allow(clippy::unwrap_used)]

use jixiao_office::import::{finish, open, Choice, Opened};
use jixiao_office::read;
use jixiao_office::write::{docx, DocxOptions};
use jixiao::model::{evaluate, examples};

fn seed_002_html() -> Vec<u8> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/narrative/seed-002.txt")).unwrap();
    let mut html = String::from("<html><head><meta charset=\"utf-8\"></head><body>");
    for line in text.lines() {
        html.push_str("<p>");
        html.push_str(&line.replace('&', "&amp;").replace('<', "&lt;"));
        html.push_str("</p>");
    }
    html.push_str("</body></html>");
    html.into_bytes()
}

#[test]
fn seed_002_narrative_without_tables_imports_into_its_sections() {
    let Opened::Tables(preview) = open("零陵区总工会自评报告.html", &seed_002_html(), &read::decode).unwrap() else { panic!("not a report file") };
    let titles: Vec<&str> = preview.report.narrative.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles, ["一、部门（单位）基本情况", "二、一般公共预算支出情况", "六、部门整体支出绩效情况", "七、存在的问题及原因分析", "十、其他需要说明的情况"]);
    assert!(preview.report.narrative[0].text.starts_with("[bookmark: _GoBack]（一）部门（单位）职能职责") || preview.report.narrative[0].text.contains("（一）部门（单位）职能职责"));
    assert!(preview.report.narrative[0].text.contains("“三公”经费支出管理情况"));
    assert_eq!(preview.tables.iter().map(|t| t.what.as_str()).collect::<Vec<_>>(), ["自评报告（5 节）"]);
    // The title before the outline stays a leftover; nothing of the sections is one.
    assert!(preview.leftovers.iter().all(|l| !l.contains("三公")), "{:?}", preview.leftovers);
    let choice = Choice { id: "n".into(), rule_pack: "hunan-2024".into(), year: 2024, department: "零陵区总工会".into(), keep_leftovers: false };
    let report = finish(&preview, &choice);
    assert_eq!(report.narrative.len(), 5);
    // The narrative checks run on it (no scored table, no panic).
    let evaluation = evaluate(&report);
    assert!(evaluation.tables.is_empty());
}

/// The same text as a Word file another producer wrote (LibreOffice, from the web page:
/// `soffice --convert-to docx`): the same five sections.
#[test]
fn seed_002_as_a_word_file_from_another_producer_imports_into_the_same_sections() {
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/narrative/seed-002.lo-from-html.docx")).unwrap();
    let Opened::Tables(word) = open("零陵区总工会自评报告.docx", &bytes, &read::decode).unwrap() else { panic!("not a report file") };
    let Opened::Tables(page) = open("零陵区总工会自评报告.html", &seed_002_html(), &read::decode).unwrap() else { panic!("not a report file") };
    let sections = |p: &jixiao_office::import::Preview| p.report.narrative.iter().map(|s| (s.title.clone(), s.text.replace("[bookmark: _GoBack]", ""))).collect::<Vec<_>>();
    assert_eq!(sections(&word).len(), 5);
    assert_eq!(sections(&word), sections(&page));
}

#[test]
fn word_report_with_tables_and_narrative_brings_both() {
    let seed = examples::example("seed-001").unwrap().unwrap();
    let bytes = docx(&seed, &evaluate(&seed), &DocxOptions::default());
    let Opened::Tables(preview) = open("云溪区.docx", &bytes, &read::decode).unwrap() else { panic!("not a report file") };
    let want: Vec<&str> = seed.narrative.iter().map(|s| s.title.as_str()).collect();
    let got: Vec<&str> = preview.report.narrative.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(got, want);
    for (a, b) in preview.report.narrative.iter().zip(&seed.narrative) {
        assert_eq!(a.text.lines().filter(|l| !l.trim().is_empty()).map(str::trim).collect::<Vec<_>>(), b.text.lines().filter(|l| !l.trim().is_empty()).map(str::trim).collect::<Vec<_>>(), "{}", b.title);
    }
    // The 整体 table is recognised as before.
    let evaluation = evaluate(&preview.report);
    assert_eq!(evaluation.tables.first().and_then(|t| t.total).map(|t| t.to_string()).as_deref(), Some("99.00"));
}

/// jixiao-check names the 自评报告 it recognised as the import preview does, without a "表 0"
/// that no table of the file has.
#[test]
fn jixiao_check_names_the_narrative_without_a_table_number() {
    let file = std::env::temp_dir().join(format!("jixiao-narrative-{}.html", std::process::id()));
    std::fs::write(&file, seed_002_html()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao-check")).arg(&file).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("  说明 识别到自评报告（5 节）\n"), "{stdout}");
    assert!(!stdout.contains("表 0"), "{stdout}");
    std::fs::remove_file(file).unwrap();
}
