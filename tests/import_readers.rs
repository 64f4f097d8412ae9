//! The file readers on the sample documents: every Word, Excel and web-page sample gives the
//! grid its README describes, and the same grid as its committed snapshot in
//! tests/fixtures/grids/ (the recogniser's input corpus). `JIXIAO_BLESS=1` rewrites the
//! snapshots after a deliberate change; review the diff.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use jixiao::model::exchange::grid::{Block, Cell, Document, Table};
use jixiao_office::read::{decode, read, ReadError};

const SAMPLES: &str = "tests/fixtures/samples";

fn sample(name: &str) -> Document {
    let bytes = std::fs::read(format!("{SAMPLES}/{name}")).unwrap();
    read(name, &bytes, &decode).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.tables().collect()
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.as_str()),
            Block::Table(_) => None,
        })
        .collect()
}

/// Columns the table spans: the furthest cell end.
fn width(table: &Table) -> usize {
    table.rows.iter().flat_map(|r| &r.cells).map(|c| c.col + c.col_span).max().unwrap_or(0)
}

/// The first cell whose text is `text`.
fn find<'t>(table: &'t Table, text: &str) -> (usize, &'t Cell) {
    table
        .rows
        .iter()
        .enumerate()
        .find_map(|(r, row)| row.cells.iter().find(|c| c.text == text).map(|c| (r, c)))
        .unwrap_or_else(|| panic!("no cell {text:?}"))
}

fn has_text(table: &Table, text: &str) -> bool {
    table.rows.iter().flat_map(|r| &r.cells).any(|c| c.text == text)
}

/// Every file in the samples folder that a reader handles: its grid equals the snapshot.
#[test]
fn every_sample_matches_its_grid_snapshot() {
    let bless = std::env::var("JIXIAO_BLESS").is_ok_and(|v| v == "1");
    let mut names: Vec<String> = std::fs::read_dir(SAMPLES)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx") || n.ends_with(".xlsx") || n.ends_with(".html"))
        .collect();
    names.sort();
    assert!(names.len() >= 14, "{names:?}");
    let mut stale = Vec::new();
    for name in &names {
        let doc = sample(name);
        let json = serde_json::to_string_pretty(&doc).unwrap() + "\n";
        let path = format!("tests/fixtures/grids/{name}.json");
        if bless {
            std::fs::write(&path, &json).unwrap();
        } else {
            let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("missing {path}"));
            let expected: Document = serde_json::from_str(&expected).unwrap();
            if expected != doc {
                stale.push(name.clone());
            }
        }
    }
    assert!(stale.is_empty(), "grids differ from snapshots (JIXIAO_BLESS=1 to rewrite): {stale:?}");
}

/// The copies in tests/fixtures/samples are the shared samples (when ../shared is there).
#[test]
fn fixture_copies_match_the_shared_samples() {
    let Ok(entries) = std::fs::read_dir("../shared/samples") else { return };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            continue;
        }
        let copy = std::fs::read(format!("{SAMPLES}/{name}")).unwrap_or_default();
        assert_eq!(copy, std::fs::read(&path).unwrap(), "{name}: copy differs from ../shared/samples");
    }
}

#[test]
fn seed_000_attachment_2_word() {
    let doc = sample("seed-000-附件2.docx");
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].rows.len(), 29);
    assert_eq!(width(t[0]), 9);
    let p = paragraphs(&doc);
    assert!(p.iter().any(|p| p.contains("附件") && p.contains('2')), "{p:?}");
    assert!(p.iter().any(|p| p.contains("部门整体支出绩效自评表")), "{p:?}");
    assert!(p.iter().any(|p| p.contains("填表人")), "{p:?}");
    // The 一级 cell: 4 empty paragraphs dropped, the two lines kept, merged downwards.
    let (_, first) = find(t[0], "产出指标\n(50分)");
    assert!(first.row_span > 1);
    assert!(has_text(t[0], "790.77"));
    assert!(has_text(t[0], "2951.83"));
}

#[test]
fn seed_000_attachment_2_excel_shows_numbers_as_formatted() {
    let doc = sample("seed-000-附件2.xlsx");
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].name, "附件2");
    assert!(has_text(t[0], "100%"), "1 under format 0% shows as 100%");
    assert!(has_text(t[0], "790.77"));
    assert!(has_text(t[0], "2951.83"));
    assert_eq!(width(t[0]), 9);
    let (_, first) = find(t[0], "产出指标\n(50分)");
    assert!(first.row_span > 1);
}

#[test]
fn seed_000_attachment_3_in_three_formats() {
    for name in ["seed-000-附件3.docx", "seed-000-附件3.html", "seed-000-附件3.lo-from-docx.xlsx"] {
        let doc = sample(name);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{name}");
        assert_eq!(width(t[0]), 9, "{name}");
        assert!(has_text(t[0], "其中：当年财政拨款"), "{name}");
        assert!(has_text(t[0], "100%"), "{name}");
    }
    assert_eq!(tables(&sample("seed-000-附件3.docx"))[0].rows.len(), 21);
    assert_eq!(tables(&sample("seed-000-附件3.html"))[0].rows.len(), 21);
    assert_eq!(tables(&sample("seed-000-附件3.lo-from-docx.xlsx"))[0].rows.len(), 27);
}

#[test]
fn seed_001_department_with_people_table() {
    for name in ["seed-001-部门整体.docx", "seed-001-部门整体.html", "seed-001-部门整体.lo-from-html.docx"] {
        let doc = sample(name);
        let t = tables(&doc);
        assert_eq!(t.len(), 2, "{name}");
        assert_eq!(t[0].rows.len(), 27, "{name}");
        assert_eq!(width(t[0]), 9, "{name}");
        assert_eq!(t[1].rows.len(), 5, "{name}");
        assert!(has_text(t[0], "503.37"), "{name}");
        assert!(has_text(t[0], "其他资金："), "{name}");
    }
}

#[test]
fn seed_003_hubei_layout() {
    for name in ["seed-003-整体绩效自评表.docx", "seed-003-整体绩效自评表.xlsx"] {
        let doc = sample(name);
        let t = tables(&doc);
        assert_eq!(t.len(), 1, "{name}");
        assert_eq!(width(t[0]), 7, "{name}");
        assert!(has_text(t[0], "129.25%"), "{name}: 1.2925 under 0.00% shows 129.25%");
        assert!(has_text(t[0], "465.38"), "{name}");
    }
    let docx = sample("seed-003-整体绩效自评表.docx");
    assert_eq!(tables(&docx)[0].rows.len(), 55);
    assert_eq!(tables(&sample("seed-003-整体绩效自评表.xlsx"))[0].name, "整体自评表");
}

#[test]
fn seed_004_sichuan_tables() {
    let lm = sample("seed-004-劳模经费.docx");
    assert_eq!(tables(&lm).len(), 1);
    assert_eq!(tables(&lm)[0].rows.len(), 21);
    assert_eq!(width(tables(&lm)[0]), 11);
    assert!(has_text(tables(&lm)[0], "14.82"));
    let kn = sample("seed-004-困难职工帮扶救助.docx");
    assert_eq!(tables(&kn)[0].rows.len(), 22);
    assert!(has_text(tables(&kn)[0], "实施单位 "), "trailing space kept");
    let book = sample("seed-004-项目支出绩效自评表.xlsx");
    let t = tables(&book);
    assert_eq!(t.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["劳模经费", "困难职工帮扶救助"]);
    assert!(has_text(t[0], "14.82"));
    assert!(has_text(t[0], "100.00%"));
}

#[test]
fn gbk_page_declared_gb2312_decodes_gbk_only_characters() {
    let doc = sample("seed-004-困难职工帮扶救助.html");
    let t = tables(&doc);
    assert_eq!(t.len(), 1);
    let all: Vec<&str> = t[0].rows.iter().flat_map(|r| &r.cells).map(|c| c.text.as_str()).collect();
    assert!(all.iter().any(|c| c.contains("元/人·次")), "{all:?}");
    assert!(has_text(t[0], "实施单位"));
}

#[test]
fn legacy_and_other_files_get_their_messages() {
    // Word 97–2003 files are read natively (tests/import_doc.rs); Word 95 keeps its message.
    for name in ["seed-000-附件3.doc", "seed-003-整体绩效自评表.doc"] {
        let bytes = std::fs::read(format!("{SAMPLES}/{name}")).unwrap();
        assert_eq!(read(name, &bytes, &decode).unwrap().tables().count(), 1, "{name}");
    }
    assert!(ReadError::LegacyWord.to_string().contains("另存为 .docx"));
    // Word's "web page" saved under a .doc name is read by its content.
    let page = std::fs::read(format!("{SAMPLES}/seed-000-附件3.html")).unwrap();
    assert_eq!(read("附件3.doc", &page, &decode).unwrap().tables().count(), 1);
    for name in ["seed-000-附件2.xls", "seed-004-项目支出绩效自评表.xls"] {
        let bytes = std::fs::read(format!("{SAMPLES}/{name}")).unwrap();
        let r = read(name, &bytes, &decode);
        assert!(matches!(r, Ok(_) | Err(ReadError::LegacyExcel(_))), "{name}: {r:?}");
    }
}

/// A table as comparable rows: (col, text without trailing spaces, row span, col span).
fn rows_of(table: &Table) -> Vec<Vec<(usize, String, usize, usize)>> {
    table
        .rows
        .iter()
        .map(|r| r.cells.iter().map(|c| (c.col, c.text.trim_end().to_string(), c.row_span, c.col_span)).collect())
        .collect()
}

/// The same table saved by different programs reads to the same grid: (file, table index,
/// rows to skip above it) against the Word file. Trailing empty rows are not compared (Excel
/// drops them), nor trailing spaces (a browser does not show them).
#[test]
fn the_same_table_in_every_format_gives_the_same_grid() {
    type Other = (&'static str, usize, usize);
    let groups: &[(&str, &[Other])] = &[
        ("seed-000-附件2.docx", &[("seed-000-附件2.xlsx", 0, 2)]),
        ("seed-000-附件3.docx", &[("seed-000-附件3.html", 0, 0), ("seed-000-附件3.doc", 0, 0)]),
        ("seed-001-部门整体.docx", &[("seed-001-部门整体.html", 0, 0), ("seed-001-部门整体.lo-from-html.docx", 0, 0)]),
        ("seed-003-整体绩效自评表.docx", &[("seed-003-整体绩效自评表.xlsx", 0, 4), ("seed-003-整体绩效自评表.doc", 0, 0)]),
        ("seed-004-劳模经费.docx", &[("seed-004-项目支出绩效自评表.xlsx", 0, 0)]),
        ("seed-004-困难职工帮扶救助.docx", &[("seed-004-项目支出绩效自评表.xlsx", 1, 0), ("seed-004-困难职工帮扶救助.html", 0, 0)]),
    ];
    for (word, others) in groups {
        let word_doc = sample(word);
        let expected = rows_of(tables(&word_doc)[0]);
        let blank = |row: &Vec<(usize, String, usize, usize)>| row.iter().all(|c| c.1.is_empty());
        for (other, index, skip) in *others {
            let doc = sample(other);
            let got = rows_of(tables(&doc)[*index]);
            let got = &got[*skip..];
            let n = expected.len().min(got.len());
            assert_eq!(&expected[..n], &got[..n], "{other} against {word}");
            assert!(expected[n..].iter().all(blank), "{word} has more rows than {other}");
        }
    }
}
