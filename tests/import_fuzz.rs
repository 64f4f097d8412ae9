//! Bounded property tests of the file readers: random bytes, random bytes behind each format's
//! magic, mutated and truncated sample files, and random markup never panic, and whatever reads
//! gives a well-formed grid (spans at least 1, cells of a row left to right without overlap).
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod support;

use std::io::Read;

use proptest::prelude::*;

use jixiao::model::exchange::grid::{Document, Table};
use jixiao_office::read::read_pasted;
use support::{docx, read_as};

const SAMPLES: &[&str] = &[
    "seed-000-附件2.docx",
    "seed-000-附件2.xlsx",
    "seed-004-项目支出绩效自评表.xlsx",
    "seed-001-部门整体.html",
    "seed-000-附件3.lo-from-docx.xlsx",
    "seed-000-附件3.doc",
];

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!("tests/fixtures/samples/{name}")).unwrap()
}

/// The text of word/document.xml of the first sample, to mutate before zipping.
fn document_xml() -> String {
    let bytes = sample("seed-000-附件2.docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive.by_name("word/document.xml").unwrap().read_to_string(&mut text).unwrap();
    text
}

/// The `WordDocument` and table streams of a .doc: the seed sample's, or a small document with a
/// merged, nested table built by the test writer.
fn doc_streams(which: usize) -> (Vec<u8>, Vec<u8>, &'static str) {
    use support::doc::{in_table, inner_cell, inner_row_end, row_end, streams};
    if which == 0 {
        let mut file = cfb::CompoundFile::open(std::io::Cursor::new(sample("seed-000-附件3.doc"))).unwrap();
        let mut read = |name: &str| {
            let mut bytes = Vec::new();
            file.open_stream(name).unwrap().read_to_end(&mut bytes).unwrap();
            bytes
        };
        let (word, table) = (read("/WordDocument"), read("/1Table"));
        return (word, table, "1Table");
    }
    let s = streams(&[
        ("题\u{13}PAGE\u{14}1\u{15}\r", vec![]),
        ("甲\u{7}", in_table()),
        ("内\r", inner_cell(2)),
        ("\r", inner_row_end(2, &[0, 500])),
        ("\u{7}", in_table()),
        ("\u{7}", row_end(&[0, 1000, 2000], &[0x60, 2], &[0x2B, 0xD6, 2, 0, 1, 0x24, 0x56, 0, 2])),
    ]);
    (s.word, s.table, "1Table")
}

fn well_formed(table: &Table) -> bool {
    table.rows.iter().all(|row| {
        row.cells.windows(2).all(|w| w[0].col + w[0].col_span <= w[1].col)
            && row.cells.iter().all(|c| c.row_span >= 1 && c.col_span >= 1 && c.nested.iter().all(well_formed))
    })
}

fn check(result: Result<Document, jixiao_office::read::ReadError>) -> Result<(), TestCaseError> {
    match result {
        Ok(doc) => prop_assert!(doc.tables().all(well_formed), "{doc:?}"),
        Err(e) => prop_assert!(!e.to_string().is_empty()),
    }
    Ok(())
}

fn markup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<table>".to_string()),
        Just("</table>".to_string()),
        Just("<tr>".to_string()),
        Just("</tr>".to_string()),
        Just("<td rowspan=3>".to_string()),
        Just("<td colspan=\"2\">".to_string()),
        Just("<th rowspan=0 colspan=999999>".to_string()),
        Just("</td>".to_string()),
        Just("<p>".to_string()),
        Just("<br>".to_string()),
        Just("&nbsp;".to_string()),
        Just("&#x4e00;".to_string()),
        Just("&#99999999;".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<script>".to_string()),
        Just("\t".to_string()),
        Just("\"".to_string()),
        Just("\n".to_string()),
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(read_as("x.docx", &bytes))?;
    }

    #[test]
    fn random_bytes_behind_magic_never_panic(
        magic in prop::sample::select(vec![
            &b"PK\x03\x04"[..], b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b"<html><table>", b"Version:0.9\r\nStartHTML:1\r\n",
            b"\xEF\xBB\xBF<table>", b"\xFF\xFE", b"%PDF",
        ]),
        tail in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let bytes = [magic, tail.as_slice()].concat();
        check(read_as("x.xlsx", &bytes))?;
    }

    #[test]
    fn random_markup_and_text_never_panic(text in markup()) {
        check(read_pasted(&text))?;
        check(read_as("p.html", format!("<html>{text}").as_bytes()))?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_and_truncated_samples_never_panic(
        which in 0..SAMPLES.len(),
        mutations in prop::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        keep_percent in 5usize..=100,
    ) {
        let mut bytes = sample(SAMPLES[which]);
        for (at, byte) in mutations {
            let i = at % bytes.len();
            bytes[i] = byte;
        }
        let cut = bytes.len() / 100 * keep_percent;
        check(read_as(SAMPLES[which], &bytes[..cut.max(1)]))?;
        check(read_as(SAMPLES[which], &bytes))?;
    }

    #[test]
    fn mutated_doc_streams_never_panic(
        which in 0..2usize,
        in_table_stream in any::<bool>(),
        // Most structure sits near the start of each stream (FIB, Clx, bin table).
        near in prop::sample::select(vec![64usize, 1024, 4096, usize::MAX]),
        mutations in prop::collection::vec((any::<usize>(), any::<u8>()), 1..12),
        keep_percent in 1usize..=100,
    ) {
        let (mut word, mut table, table_name) = doc_streams(which);
        let target = if in_table_stream { &mut table } else { &mut word };
        let span = target.len().min(near).max(1);
        for (at, byte) in mutations {
            let i = at % span;
            if let Some(b) = target.get_mut(i) {
                *b = byte;
            }
        }
        let cut = target.len() * keep_percent / 100;
        target.truncate(cut);
        let started = support::Work::start();
        check(read_as("m.doc", &support::compound(&[("WordDocument", &word), (table_name, &table)])))?;
        prop_assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn mutated_word_xml_never_panics(
        mutations in prop::collection::vec((any::<usize>(), prop::sample::select(vec!["<", ">", "/", "\"", "&", "<w:tbl>", "</w:tc>", "<w:vMerge/>", "<w:gridSpan w:val=\"99999\"/>", ""])), 1..6),
    ) {
        let mut text = document_xml();
        for (at, insert) in mutations {
            let mut i = at % text.len();
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            text.insert_str(i, insert);
        }
        let body = text.split_once("<w:body>").map(|(_, b)| b).unwrap_or(&text);
        let body = body.rsplit_once("</w:body>").map(|(b, _)| b).unwrap_or(body);
        check(read_as("m.docx", &docx(body)))?;
    }
}

/// Long-line, long-string and many-repeat pieces (issue 26): inserted into a real Word
/// document or pasted as text, they are read or refused, never panic, and each case stays within
/// a time bound (quadratic work on a 100,000-character line would take minutes).
fn long_piece() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "预", "x", "\t", " ", "&amp;", "<w:t>填表人：</w:t>", "<w:tab/>", "<w:br/>", "</w:t></w:r><w:r><w:t>",
            "<w:tc><w:p><w:r><w:t>指标</w:t></w:r></w:p></w:tc>", "<w:tr><w:tc><w:p/></w:tc></w:tr>", "<w:p/>",
        ]),
        1_000usize..100_000,
    )
        .prop_map(|(piece, n)| piece.repeat(n.min(200_000 / piece.len().max(1))))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn long_lines_strings_and_repeats_never_panic_or_hang(piece in long_piece(), at in any::<usize>()) {
        let start = support::Work::start();
        let mut text = document_xml();
        // Into a run's text, where a piece of text or markup lands inside the document body.
        let runs: Vec<usize> = text.match_indices("<w:t>").map(|(i, _)| i + 5).collect();
        let i = runs[at % runs.len()];
        text.insert_str(i, &piece);
        let body = text.split_once("<w:body>").map(|(_, b)| b).unwrap_or(&text);
        let body = body.rsplit_once("</w:body>").map(|(b, _)| b).unwrap_or(body);
        let bytes = docx(body);
        check(read_as("long.docx", &bytes))?;
        let _ = jixiao_office::import::open("long.docx", &bytes, &jixiao_office::read::decode);
        let _ = jixiao_office::import::open_pasted(&piece);
        prop_assert!(start.elapsed() < std::time::Duration::from_secs(8), "{:?} for a piece of {} bytes", start.elapsed(), piece.len());
    }
}
