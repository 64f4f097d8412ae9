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
