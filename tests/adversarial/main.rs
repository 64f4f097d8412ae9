//! Issue 26: hostile files of every family (long lines and strings, repeated shared content,
//! huge number formats, many attributes, sheets, columns, records, end-of-directory records,
//! unbounded text) are refused or read within a time bound, with a message naming the limit.
//! Sizes are chosen so a debug build stays fast while quadratic work would not: each case runs
//! under its bound; `cargo run --example adversarial-files` writes the full-size files for
//! BENCHMARKS.md.
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

#[path = "../support/mod.rs"]
mod support;
mod gen;

use std::time::Duration;

use jixiao_office::import::{open, Opened};
use jixiao_office::read::decode;

/// Opens `bytes` as the CLI and the worker do; returns the message or a summary of what was read,
/// and fails when its work (CPU time, `support::Work`) took longer than `seconds`.
fn opened(name: &str, bytes: &[u8], seconds: u64) -> String {
    let start = support::Work::start();
    let result = open(name, bytes, &decode);
    let took = start.elapsed();
    let text = match &result {
        Ok(Opened::Saved(l)) => format!("saved {} projects", l.report.projects.len()),
        Ok(Opened::Tables(p)) => format!("tables {} leftovers {}", p.tables.len(), p.leftovers.len()),
        Ok(Opened::FinalAccounts(f)) => format!("final accounts {} tables", f.tables.len()),
        Err(e) => e.to_string(),
    };
    assert!(took < Duration::from_secs(seconds), "{name}: {took:?} ({text})");
    text
}

/// What a case must give: refused with a message containing the text, or read (any result that
/// is not a refusal by the readers' limits).
enum Expect {
    Refused(&'static str),
    Read,
}

/// Each family at a size where quadratic work would take minutes in a debug build, refused with
/// the message naming its limit or read, each within its bound.
#[test]
fn every_family_is_refused_or_read_within_its_bound() {
    use Expect::{Read, Refused};
    let cases: Vec<(&str, Vec<u8>, Expect)> = vec![
        // Recogniser: a line rebuilt at each character took 6 s at 20,000 characters.
        ("paragraph.docx", gen::docx_long_paragraph(100_000), Read),
        ("first-cell.docx", gen::docx_long_first_cell(300_000), Read),
        ("attributes.docx", gen::docx_attributes(300_000), Read),
        ("shared-string.xlsx", gen::xlsx_shared_string(333_000, 5_000), Refused("文字总量超过 16 MB")),
        ("zeros-format.xlsx", gen::xlsx_long_format('0', 1_000_000, 1, 1), Refused("数字格式超过 255 个字符")),
        ("hash-format.xlsx", gen::xlsx_long_format('#', 1_000, 100, 10_000), Refused("数字格式超过 255 个字符")),
        ("sheets.xlsx", gen::xlsx_sheets(20_000), Refused("超过 10000 个")),
        ("hidden-columns.xlsx", gen::xlsx_hidden_columns(100_000), Read),
        ("end-records.zip", gen::zip_many_eocd(20_000), Refused("目录结束记录")),
        ("newlines.txt", gen::text_newlines(10_000_000), Refused("文字行数超过 1000000")),
        ("50-MB.txt", gen::text_newlines(50 * 1024 * 1024), Refused("超过 30 MB")),
        ("tabs.txt", gen::text_tabs(10_000_000), Refused("单元格超过 100 万个")),
        ("tags.html", gen::html_tags(300_000), Read),
        ("colspan.html", gen::html_colspan(1000), Refused("一行超过 16384 列")),
        ("paragraph.html", gen::html_long_paragraph(3_000_000), Refused("超过 1 MB")),
        ("tables.json", gen::json_tables(5_000), Read),
        ("shared-string.xls", gen::xls_shared_string(65_535, 30_000), Refused("文字总量超过 16 MB")),
        ("zeros-format.xls", gen::xls_long_format(65_530, 10), Refused("数字格式超过 255 个字符")),
        ("continues.xls", gen::xls_empty_continues(1_000_000), Read),
        ("sheets.xls", gen::xls_sheets(1_001), Refused("工作表超过 1000 个")),
        // Many rows, tables, merges and labelled lines: linear in their number.
        ("indicators.txt", gen::text_indicators(4_000), Read),
        // Weighted headings, one per row: each was compared with all before it (11 s here).
        ("heading-weights.txt", gen::text_heading_weights(10_000), Read),
        ("tables.docx", gen::docx_tables(5_000), Read),
        ("labelled-lines.docx", gen::docx_paragraphs(10_000), Read),
        ("merges.xlsx", gen::xlsx_merges(10_000), Read),
        ("long-number.xlsx", gen::xlsx_long_number(500_000), Read),
    ];
    let start = support::Work::start();
    for (name, bytes, expect) in cases {
        // 10 s in a debug build on a shared machine; quadratic work at these sizes takes minutes.
        let got = opened(name, &bytes, 10);
        match expect {
            Refused(text) => assert!(got.contains(text), "{name}: {got}"),
            Read => assert!(!got.contains("超过读取上限") && !got.contains("超过 100 万个"), "{name}: {got}"),
        }
    }
    assert!(start.elapsed() < Duration::from_secs(60), "{:?}", start.elapsed());
}

/// UTF-16 with a byte-order mark: web pages, JSON reports and XML parts are read as what they
/// are; a page in another encoding than it declares is refused naming the encoding.
#[test]
fn byte_order_marks_are_honoured_and_a_misdeclared_encoding_is_named() {
    let utf16 = |text: &str, le: bool| -> Vec<u8> {
        let mut out = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
        for u in text.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    };
    let page = "<html><body><table><tr><td>项目名称</td><td>工会</td></tr></table></body></html>";
    for le in [true, false] {
        let doc = jixiao_office::read::read("p.html", &utf16(page, le), &decode).unwrap();
        let texts: Vec<String> = doc.tables().flat_map(|t| &t.rows).flat_map(|r| &r.cells).map(|c| c.text.clone()).collect();
        assert_eq!(texts, ["项目名称", "工会"], "le {le}");
    }
    let seed = std::fs::read_to_string("tests/fixtures/seeds/seed-000.json").unwrap();
    match open("r.json", &utf16(&seed, true), &decode) {
        Ok(Opened::Saved(l)) => assert!(!l.report.department.is_empty()),
        other => panic!("{:?}", other.map(|_| ())),
    }
    let body = r#"<w:p><w:r><w:t>项目支出绩效自评表</w:t></w:r></w:p>"#;
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-16" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    let plain = support::docx(body);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(plain)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap();
        let name = f.name().to_string();
        parts.push(if name == "word/document.xml" { (name, utf16(&document, true)) } else { (name, data) });
    }
    let entries: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let doc = jixiao_office::read::read("d.docx", &support::zip(&entries), &decode).unwrap();
    assert!(format!("{doc:?}").contains("项目支出绩效自评表"), "{doc:?}");
    // GBK bytes in a page that says it is UTF-8.
    let gbk = encoding_rs::GBK.encode(&"<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>项目名称绩效自评表一级指标二级指标</td></tr></table></body></html>".repeat(3)).0.into_owned();
    let e = open("g.html", &gbk, &decode).map(|_| ()).unwrap_err().to_string();
    assert!(e.contains("声明的编码为 utf-8"), "{e}");
    // Text that is neither UTF-8 nor GB18030.
    let e = open("t.txt", &b"A\xFF\tB\xFF\n".repeat(40), &decode).map(|_| ()).unwrap_err().to_string();
    assert!(e.contains("既不是 UTF-8 也不是 GB18030"), "{e}");
}

/// A damaged JSON report gets the JSON loader's message (as in the browser), not "no table".
#[test]
fn damaged_json_is_named_as_json() {
    let deep = format!("{{\"format\":\"jixiao-report\",\"x\":{}1{}}}", "[".repeat(200), "]".repeat(200));
    let cases = [
        r#"{"format": "jixiao-report", "version": 1, "rep"#.to_string(),
        r#"{"format": "jixiao-report", "version": 1} trailing"#.to_string(),
        r#"{"format": "jixiao-report", "version": 1, "x": "\ud800"}"#.to_string(),
        r#"{"format": "jixiao-report", "version": 1e400}"#.to_string(),
        deep,
    ];
    for text in cases {
        let e = open("r.json", text.as_bytes(), &decode).map(|_| ()).unwrap_err();
        assert!(matches!(e, jixiao_office::import::ImportError::Json(_)), "{text:.60}: {e}");
        assert!(!e.to_string().contains("没有找到可识别的自评表"), "{e}");
    }
}

mod cli;
