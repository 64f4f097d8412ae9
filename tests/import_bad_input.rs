//! Hostile and broken files get a Chinese message within seconds, never a panic: decompression
//! bombs, entity definitions, tables nested too deep, huge sheets, encrypted and renamed files,
//! truncated archives, path tricks.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod support;

use std::time::Duration;

use jixiao_office::read::{read_pasted, ReadError};
use support::{compound, docx, read_as, tables, xlsx, zip};

const SAMPLE: &str = "tests/fixtures/samples/seed-000-附件2.docx";

fn table_xml(depth: usize) -> String {
    let mut xml = String::from("<w:p><w:r><w:t>底</w:t></w:r></w:p>");
    for _ in 0..depth {
        xml = format!("<w:tbl><w:tr><w:tc>{xml}<w:p/></w:tc></w:tr></w:tbl>");
    }
    xml
}

/// Each case: the bytes, and the error with the words its message must contain.
#[test]
fn bad_files_get_their_messages() {
    let sample = std::fs::read(SAMPLE).unwrap();
    let json = br#"{"format": "jixiao-report", "version": 1, "report": {}}"#.to_vec();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    let cases: Vec<(&str, Vec<u8>, ReadError, &str)> = vec![
        ("空.docx", Vec::new(), ReadError::Empty, "空"),
        ("json.docx", json, ReadError::Json, "JSON"),
        ("图.docx", png, ReadError::Image, "图片无法识别表格文字"),
        ("扫描.pdf", b"%PDF-1.7\n%\xe2\xe3".to_vec(), ReadError::Pdf, "另存为"),
        ("x.docx", b"\x00\x01\x02binary\x00".to_vec(), ReadError::Unknown, "无法识别"),
        ("plain.zip", zip(&[("a.txt", b"hello")]), ReadError::OtherArchive, "不是 Word"),
        ("导出.doc", br"{\rtf1\ansi\ansicpg936 {\fonttbl}}".to_vec(), ReadError::Rtf, "另存为 .docx"),
        (
            "2003.xls",
            br#"<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row/></Table></Worksheet></Workbook>"#.to_vec(),
            ReadError::OfficeXml,
            "另存为 .docx 或 .xlsx",
        ),
        ("页.mht", b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n".to_vec(), ReadError::Mht, ".mht"),
        ("legacy.doc", compound(&[("WordDocument", b"x"), ("1Table", b"y")]), ReadError::BadArchive(String::new()), "损坏或不完整"),
        ("pw.docx", compound(&[("EncryptionInfo", b"x"), ("EncryptedPackage", b"y")]), ReadError::Encrypted, "文件已加密，请取消密码后再导入"),
        ("other.bin", compound(&[("Something", b"x")]), ReadError::LegacyOther, "另存为"),
        (
            "laughs.docx",
            zip(&[(
                "word/document.xml",
                br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><w:document><w:body>&lol2;</w:body></w:document>"#,
            )]),
            ReadError::Doctype,
            "实体定义",
        ),
        ("deep.docx", docx(&table_xml(60)), ReadError::TooDeep, "嵌套超过 50 层"),
        ("cut.docx", sample[..sample.len() / 2].to_vec(), ReadError::BadArchive(String::new()), "损坏或不完整"),
        (
            "wide.xlsx",
            xlsx(&[("表", "visible", r#"<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1000"><c r="XFD1000"><v>2</v></c></row></sheetData>"#)], "", None),
            ReadError::TooManyCells,
            "100 万",
        ),
    ];
    for (name, bytes, expected, words) in cases {
        let started = support::Work::start();
        let e = read_as(name, &bytes).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5), "{name} took {:?}", started.elapsed());
        match (&e, &expected) {
            (ReadError::BadArchive(_), ReadError::BadArchive(_)) => {}
            _ => assert_eq!(e, expected, "{name}"),
        }
        assert!(e.to_string().contains(words), "{name}: {e}");
    }
}

#[test]
fn archives_that_expand_too_far_are_refused() {
    // Declared: one entry over 50 MB.
    let zeros = vec![0u8; 51 * 1024 * 1024];
    let big = zip(&[("word/document.xml", b"<w:document/>"), ("word/big.xml", &zeros)]);
    assert!(big.len() < 1024 * 1024, "the bomb itself is small: {}", big.len());
    assert_eq!(read_as("big.docx", &big).unwrap_err(), ReadError::TooLarge);
    // The same bytes as a picture are never inflated: the document reads.
    let pictured = zip(&[("word/document.xml", b"<w:document/>"), ("word/media/image1.png", &zeros)]);
    assert!(read_as("pictured.docx", &pictured).unwrap().blocks.is_empty());
    // Ratio: a 3 MB part packed a thousandfold.
    let padded = format!("<w:document><w:body>{}</w:body></w:document>", " ".repeat(3 * 1024 * 1024));
    let dense = zip(&[("word/document.xml", padded.as_bytes())]);
    assert_eq!(read_as("dense.docx", &dense).unwrap_err(), ReadError::TooLarge);
    // A header that lies about the size: inflation is still cut off at the limit.
    let mut lying = dense.clone();
    let central = lying.windows(4).rposition(|w| w == b"PK\x01\x02").unwrap();
    lying[central + 24..central + 28].copy_from_slice(&1000u32.to_le_bytes());
    let local = lying.windows(4).position(|w| w == b"PK\x03\x04").unwrap();
    lying[local + 22..local + 26].copy_from_slice(&1000u32.to_le_bytes());
    let started = support::Work::start();
    match read_as("lying.docx", &lying) {
        Err(e) => assert!(matches!(e, ReadError::TooLarge | ReadError::BadArchive(_)), "{e:?}"),
        // Read only as far as the header admits: the body is cut off, nothing expanded.
        Ok(doc) => assert!(doc.blocks.is_empty(), "{doc:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));
    // The message says what happened.
    assert!(ReadError::TooLarge.to_string().contains("50 MB"));
}

#[test]
fn nesting_to_the_limit_reads_and_deeper_html_is_refused_without_overflow() {
    let doc = read_as("49.docx", &docx(&table_xml(49))).unwrap();
    let mut table = tables(&doc)[0].clone();
    let mut depth = 1;
    while let Some(inner) = table.rows[0].cells[0].nested.first().cloned() {
        table = inner;
        depth += 1;
    }
    assert_eq!(depth, 49);
    assert_eq!(table.rows[0].cells[0].text, "底");
    let open_tables = "<table><tr><td>".repeat(100_000);
    let started = support::Work::start();
    assert_eq!(read_pasted(&open_tables).unwrap_err(), ReadError::TooDeep);
    assert!(started.elapsed() < Duration::from_secs(5));
    let closed = format!("{}x{}", "<table><tr><td>".repeat(40), "</td></tr></table>".repeat(40));
    assert_eq!(read_pasted(&closed).unwrap().tables().count(), 1);
}

#[test]
fn a_twenty_thousand_row_sheet_reads_in_seconds() {
    let mut sheet = String::from("<sheetData>");
    for r in 1..=20_000 {
        sheet.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>指标{r}</t></is></c><c r="B{r}"><v>{r}.5</v></c></row>"#
        ));
    }
    sheet.push_str("</sheetData>");
    let bytes = xlsx(&[("大表", "visible", &sheet)], "", None);
    let started = support::Work::start();
    let doc = read_as("big.xlsx", &bytes).unwrap();
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    let t = tables(&doc);
    assert_eq!(t[0].rows.len(), 20_000);
    assert_eq!(t[0].rows[19_999].cells[1].text, "20000.5");
}

#[test]
fn path_tricks_and_odd_names_do_not_confuse_the_reader() {
    let document = br#"<w:document><w:body><w:tbl><w:tr><w:tc><w:p><w:r><w:t>ok</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"#;
    // The root relationship climbs out of the archive: ignored, the usual part is used.
    let rels = br#"<Relationships><Relationship Id="r" Type="http://x/officeDocument" Target="../../../../etc/passwd"/></Relationships>"#;
    let tricked = zip(&[("_rels/.rels", rels), ("../../evil.xml", b"<x/>"), ("/abs.xml", b"<x/>"), ("Word/Document.XML", document)]);
    let doc = read_as("t.docx", &tricked).unwrap();
    assert_eq!(tables(&doc)[0].rows[0].cells[0].text, "ok");
    // Only a part outside the root: not a Word file.
    let outside = zip(&[("../word/document.xml", document)]);
    assert_eq!(read_as("t.docx", &outside).unwrap_err(), ReadError::OtherArchive);
    // A workbook whose sheet target climbs out: that sheet is missing.
    let book = zip(&[
        ("xl/workbook.xml", br#"<workbook><sheets><sheet name="a" r:id="r1" xmlns:r="x"/></sheets></workbook>"#),
        ("xl/_rels/workbook.xml.rels", br#"<Relationships><Relationship Id="r1" Type="t/worksheet" Target="../../../x.xml"/></Relationships>"#),
    ]);
    let e = read_as("t.xlsx", &book).unwrap_err();
    assert!(matches!(e, ReadError::MissingPart(_)), "{e:?}");
    assert!(e.to_string().contains("缺少"), "{e}");
}

/// Word 97–2003 files that lie: each is refused with its message (or read as far as it is
/// sound) within seconds, never a panic or a hang.
#[test]
fn hostile_word_97_files_get_a_message_quickly() {
    use support::doc::{in_table, itap, streams, CCP_TEXT_AT};
    let plain = || streams(&[("附件3\r", vec![]), ("表\u{7}", in_table()), ("\u{7}", support::doc::row_end(&[0, 900], &[0], &[]))]);
    let bent = |f: &dyn Fn(&mut support::doc::Streams)| {
        let mut s = plain();
        f(&mut s);
        s.build()
    };
    let bad = ReadError::BadArchive(String::new());
    let cases: Vec<(&str, Vec<u8>, ReadError, &str)> = vec![
        ("cut-fib.doc", bent(&|s| s.word.truncate(40)), bad.clone(), "损坏或不完整"),
        ("no-fib.doc", bent(&|s| s.word.truncate(1)), bad.clone(), "Word 文档结构无效"),
        ("clx-outside.doc", bent(&|s| s.set_pair(33, 0, 1_000_000)), bad.clone(), "文字位置表"),
        ("clx-huge.doc", bent(&|s| s.table[1..5].copy_from_slice(&u32::MAX.to_le_bytes())), bad.clone(), "文字位置表"),
        ("piece-outside.doc", bent(&|s| s.table[15..19].copy_from_slice(&0x3FFF_0000u32.to_le_bytes())), bad.clone(), "超出"),
        (
            "ccp-huge.doc",
            bent(&|s| {
                s.word[CCP_TEXT_AT..CCP_TEXT_AT + 4].copy_from_slice(&u32::MAX.to_le_bytes());
                s.table[9..13].copy_from_slice(&u32::MAX.to_le_bytes());
            }),
            bad.clone(),
            "超出",
        ),
        ("no-table-stream.doc", compound(&[("WordDocument", &plain().word)]), bad.clone(), "缺少表格数据流"),
        ("pw.doc", bent(&|s| s.word[0x0B] |= 0x01), ReadError::Encrypted, "文件已加密"),
        ("xor.doc", bent(&|s| s.word[0x0B] |= 0x81), ReadError::Encrypted, "文件已加密"),
        ("word95.doc", bent(&|s| s.word[2..4].copy_from_slice(&0x68u16.to_le_bytes())), ReadError::LegacyWord, "另存为 .docx"),
        ("deep.doc", support::doc::doc(&[("底\r", itap(60))]), ReadError::TooDeep, "嵌套超过 50 层"),
        ("cells.doc", support::doc::doc(&[(&"\u{7}".repeat(1_000_001), in_table())]), ReadError::TooManyCells, "100 万"),
    ];
    for (name, bytes, expected, words) in cases {
        let started = support::Work::start();
        let e = read_as(name, &bytes).unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(5), "{name} took {:?}", started.elapsed());
        match (&e, &expected) {
            (ReadError::BadArchive(_), ReadError::BadArchive(_)) => {}
            _ => assert_eq!(e, expected, "{name}"),
        }
        assert!(e.to_string().contains(words), "{name}: {e}");
    }
    // A bin table of a hundred thousand pages that do not exist, and a hundred thousand open
    // fields: the text still reads, quickly, without table properties or field codes.
    let mut s = streams(&[(&format!("正文{}", "\u{13}".repeat(100_000)), vec![]), ("\r", vec![])]);
    let at = s.table.len() as u32;
    s.table.extend(std::iter::repeat_n(0xFFu8, 800_004));
    s.set_pair(13, at, 800_004);
    let started = support::Work::start();
    let doc = read_as("pages.doc", &s.build()).unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(doc.blocks, [jixiao::model::exchange::grid::Block::Paragraph("正文".into())]);
}
