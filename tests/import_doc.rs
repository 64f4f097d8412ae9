//! Word 97–2003 (.doc) files read natively: the .doc samples give the same grid as their .docx
//! twins (the figures are compared in import_samples.rs); a LibreOffice-made .doc with merged
//! and nested cells reads to its table; encrypted, cut and lying files get their message.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod support;

use support::read_as;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/samples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Paragraphs between tables, every cell's column, spans and text: the same blocks as the
/// .docx the .doc was saved from.
#[test]
fn the_doc_samples_read_to_the_grids_of_their_docx_twins() {
    for stem in ["seed-000-附件3", "seed-003-整体绩效自评表"] {
        let doc = read_as("a.doc", &sample(&format!("{stem}.doc"))).unwrap();
        let docx = read_as("a.docx", &sample(&format!("{stem}.docx"))).unwrap();
        assert_eq!(doc, docx, "{stem}");
        assert!(doc.tables().count() >= 1);
    }
}

/// The paragraphs of a small document with one table: merges given by the TC80 flags of
/// sprmTDefTable (`by_flags`) or by sprmTVertMerge / sprmTMerge (otherwise), a nested table in
/// row 3, a field, and a paragraph before and after.
fn merged_table(by_flags: bool) -> Vec<u8> {
    use support::doc::*;
    let edges = [0, 1000, 2000, 3000];
    let (grf1, more1, grf2, more2): (Vec<u16>, Vec<u8>, Vec<u16>, Vec<u8>) = if by_flags {
        (vec![0x60, 1, 2], vec![], vec![0x20, 0, 0], vec![])
    } else {
        (vec![0; 3], vec![0x2B, 0xD6, 2, 0, 3, 0x24, 0x56, 1, 3], vec![0; 3], vec![0x2B, 0xD6, 2, 0, 1])
    };
    doc(&[
        ("附件2\r", vec![]),
        ("项目\u{7}", in_table()),
        ("合并\u{7}", in_table()),
        ("\u{7}", in_table()),
        ("\u{7}", row_end(&edges, &grf1, &more1)),
        ("\u{7}", in_table()),
        ("甲\u{7}", in_table()),
        ("乙\u{b}第二行\u{7}", in_table()),
        ("\u{7}", row_end(&edges, &grf2, &more2)),
        ("内1\r", inner_cell(2)),
        ("内2\r", inner_cell(2)),
        ("\r", inner_row_end(2, &[0, 500, 1000])),
        ("外\u{7}", in_table()),
        ("丙\t丁\u{7}", in_table()),
        ("\u{7}", row_end(&[0, 1000, 3000], &[0, 0], &[])),
        ("填表人：\u{13} HYPERLINK \"x\" \u{14}刘\u{a0}倩\u{15}（签字）\r", vec![]),
    ])
}

#[test]
fn merged_and_nested_cells_and_fields_read_as_the_format_says() {
    use jixiao::model::exchange::grid::Block;
    for by_flags in [true, false] {
        let doc = read_as("m.doc", &merged_table(by_flags)).unwrap();
        let Block::Table(table) = &doc.blocks[1] else { panic!("{doc:?}") };
        assert_eq!(
            support::layout(table),
            ["0+2x1:项目 | 1+1x2:合并", "1:甲 | 2:乙\n第二行", "0:外 | 1+1x2:丙\t丁"],
            "by flags: {by_flags}"
        );
        assert_eq!(support::layout(&table.rows[2].cells[0].nested[0]), ["0:内1 | 1:内2"]);
        assert_eq!(doc.blocks[0], Block::Paragraph("附件2".into()));
        assert_eq!(doc.blocks[2], Block::Paragraph("填表人：刘 倩（签字）".into()));
        assert_eq!(doc.blocks.len(), 3);
    }
}

/// A compressed (8-bit) piece is cp1252: Word writes Latin text so.
#[test]
fn compressed_pieces_are_cp1252() {
    let mut s = support::doc::streams(&[("Score “A” – 100\r", vec![])]);
    let text = b"Score \x93A\x94 \x96 100\r";
    let at = support::doc::TEXT_AT;
    s.word[at..at + text.len()].copy_from_slice(text);
    // Pcd.fc of a compressed piece: byte offset × 2 with bit 30 set.
    s.table[15..19].copy_from_slice(&(((at as u32) * 2) | 0x4000_0000).to_le_bytes());
    let doc = read_as("c.doc", &s.build()).unwrap();
    assert_eq!(doc.blocks, [jixiao::model::exchange::grid::Block::Paragraph("Score “A” – 100".into())]);
}

/// Text marked as a tracked deletion is left out, as the .docx reader leaves out `w:del`.
#[test]
fn tracked_deletions_are_left_out() {
    let mut s = support::doc::streams(&[("得分98删去\r", vec![]), ("下一段\r", vec![])]);
    s.mark_deleted(4, 6);
    let doc = read_as("d.doc", &s.build()).unwrap();
    use jixiao::model::exchange::grid::Block::Paragraph;
    assert_eq!(doc.blocks, [Paragraph("得分98".into()), Paragraph("下一段".into())]);
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/doc/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Cell texts without trailing spaces: LibreOffice drops a cell's trailing space when it saves
/// .doc ("实施单位 " in seed 004), so the .doc holds none to read.
fn trimmed(mut doc: jixiao::model::exchange::grid::Document) -> jixiao::model::exchange::grid::Document {
    fn trim(table: &mut jixiao::model::exchange::grid::Table) {
        for cell in table.rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
            cell.text = cell.text.trim_end_matches(' ').to_string();
            cell.nested.iter_mut().for_each(trim);
        }
    }
    for block in &mut doc.blocks {
        if let jixiao::model::exchange::grid::Block::Table(t) = block {
            trim(t);
        }
    }
    doc
}

/// .doc files LibreOffice saved from three more samples (vertically merged 一级/二级 cells,
/// cover lines and a page break before the table, a second 评价人员 table, a landscape
/// Sichuan table), and from a web page with row and column spans, a nested table with a merged
/// row, a line break in a cell and a link: the same grid as the .docx of the same document.
#[test]
fn libreoffice_doc_files_read_to_the_grids_of_their_docx() {
    let cases = [
        ("seed-000-附件2.lo-from-docx.doc", sample("seed-000-附件2.docx")),
        ("seed-001-部门整体.lo-from-docx.doc", sample("seed-001-部门整体.docx")),
        ("seed-004-困难职工帮扶救助.lo-from-docx.doc", sample("seed-004-困难职工帮扶救助.docx")),
        ("merged-nested.lo-from-html.doc", fixture("merged-nested.lo-from-html.docx")),
    ];
    for (name, twin) in cases {
        let doc = read_as("a.doc", &fixture(name)).unwrap();
        let docx = read_as("a.docx", &twin).unwrap();
        assert_eq!(trimmed(doc), trimmed(docx), "{name}");
    }
    // The web page's spans and nested table, as LibreOffice laid them out (it moved the inner
    // table into the first cell of its row, in the .docx as in the .doc).
    let doc = read_as("a.doc", &fixture("merged-nested.lo-from-html.doc")).unwrap();
    let table = support::tables(&doc).remove(0);
    assert_eq!(
        support::layout(&table),
        ["0+2x1:一级指标 | 1+1x2:二级与三级 | 3:分值", "1:数量指标 | 2:培训人次\n第二行 | 3:10", "0:效益指标 | 1+1x3:外表文字", "0+1x4:合计 100"]
    );
    assert_eq!(support::layout(&table.rows[2].cells[0].nested[0]), ["0:内表甲 | 1:内表乙", "0+1x2:内表合并"]);
}

/// The LibreOffice .doc files import with the figures of their .docx: every declared field
/// of every scored table, every computed result, every finding.
#[test]
fn libreoffice_doc_files_import_with_the_figures_of_their_docx() {
    use jixiao::model::evaluate;
    use jixiao_office::import::{open, Opened};
    use jixiao_office::read::decode;
    let preview = |name: &str, bytes: &[u8]| match open(name, bytes, &decode).unwrap() {
        Opened::Tables(p) => p,
        _ => panic!("{name}"),
    };
    for stem in ["seed-000-附件2", "seed-001-部门整体", "seed-004-困难职工帮扶救助"] {
        let doc = preview("a.doc", &fixture(&format!("{stem}.lo-from-docx.doc")));
        let docx = preview("a.docx", &sample(&format!("{stem}.docx")));
        assert_eq!(doc.proposal, docx.proposal, "{stem}");
        let json = |p: &jixiao_office::import::Preview| {
            let tables: Vec<_> = p.report.scored_tables().into_iter().map(|(path, t)| (path, serde_json::to_value(t).unwrap())).collect();
            let results: Vec<_> = evaluate(&p.report).tables.iter().map(|t| serde_json::to_value(t).unwrap()).collect();
            (tables, results, serde_json::to_value(evaluate(&p.report).findings).unwrap())
        };
        let (a, b) = (json(&doc), json(&docx));
        assert!(!a.0.is_empty(), "{stem}: no scored table");
        // Seed 004's "实施单位 " lost its trailing space in LibreOffice's .doc: a header word, not a figure.
        assert_eq!(a, b, "{stem}");
    }
}

/// WPS 文字 saves .wps files with the same WordDocument stream: read by content, whatever the
/// name says; a Word 97 file named .et (WPS 表格) is still read as the Word document it is.
#[test]
fn a_wps_file_in_the_word_format_is_read_by_content() {
    let bytes = sample("seed-000-附件3.doc");
    let doc = read_as("a.doc", &bytes).unwrap();
    assert_eq!(read_as("附件3.wps", &bytes).unwrap(), doc);
    assert_eq!(read_as("附件3.et", &bytes).unwrap(), doc);
}

/// A section mark (0x0C at a section's end, as before a landscape table) ends its paragraph as
/// the .docx paragraph holding the section properties does; a page break inside a paragraph
/// (0x0C elsewhere) shows nothing, as `w:br type="page"`.
#[test]
fn section_marks_end_paragraphs_and_page_breaks_show_nothing() {
    let mut s = support::doc::streams(&[("附件2\u{c}", vec![]), ("自评表\u{c}（续）\r", vec![])]);
    s.set_sections(&[4, 14]);
    let doc = read_as("s.doc", &s.build()).unwrap();
    use jixiao::model::exchange::grid::Block::Paragraph;
    assert_eq!(doc.blocks, [Paragraph("附件2".into()), Paragraph("自评表（续）".into())]);
}
