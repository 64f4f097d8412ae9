//! Workbooks built record by record, for the awkward parts of BIFF8 that real files rarely
//! show in a small sample: strings split across CONTINUE records, formula results, RK numbers,
//! embedded charts, merged ranges over text, lying counts, and the files that must be refused.

use std::io::{Cursor, Write};

use super::*;

pub(crate) fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

pub(crate) fn bof(sheet_type: u16) -> Vec<u8> {
    let mut data = vec![0x00, 0x06];
    data.extend_from_slice(&sheet_type.to_le_bytes());
    data.extend_from_slice(&[0; 12]);
    record(0x0809, &data)
}

pub(crate) fn eof() -> Vec<u8> {
    record(0x000A, &[])
}

/// An XLUnicodeString in two-byte characters.
pub(crate) fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u16).to_le_bytes().to_vec();
    out.push(1);
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

pub(crate) fn cell_head(row: u16, col: u16, xf: u16) -> Vec<u8> {
    [row.to_le_bytes(), col.to_le_bytes(), xf.to_le_bytes()].concat()
}

pub(crate) fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    record(0x0204, &[cell_head(row, col, 0), wide(text)].concat())
}

pub(crate) fn label_sst(row: u16, col: u16, index: u32) -> Vec<u8> {
    record(0x00FD, &[cell_head(row, col, 0), index.to_le_bytes().to_vec()].concat())
}

pub(crate) fn number(row: u16, col: u16, xf: u16, bits: u64) -> Vec<u8> {
    record(0x0203, &[cell_head(row, col, xf), bits.to_le_bytes().to_vec()].concat())
}

/// Builds a BIFF8 Workbook stream: globals, then one substream per sheet (name, BOF type,
/// records between BOF and EOF).
pub(crate) fn workbook(globals: &[Vec<u8>], sheets: &[(&str, u16, Vec<Vec<u8>>)]) -> Vec<u8> {
    let boundsheet = |offset: u32, name: &str, sheet_type: u16| {
        let kind = if sheet_type == 0x0020 { 2u8 } else { 0 };
        let name = wide(name);
        let mut data = offset.to_le_bytes().to_vec();
        data.extend_from_slice(&[0, kind, name[0]]);
        data.extend_from_slice(&name[2..]);
        record(0x0085, &data)
    };
    let mut head: Vec<u8> = bof(0x0005);
    for r in globals {
        head.extend_from_slice(r);
    }
    let directory_len: usize = sheets.iter().map(|(n, t, _)| boundsheet(0, n, *t).len()).sum();
    let mut offset = head.len() + directory_len + eof().len();
    let mut bodies = Vec::new();
    for (name, sheet_type, records) in sheets {
        head.extend_from_slice(&boundsheet(offset as u32, name, *sheet_type));
        let mut body = bof(*sheet_type);
        for r in records {
            body.extend_from_slice(r);
        }
        body.extend_from_slice(&eof());
        offset += body.len();
        bodies.push(body);
    }
    head.extend_from_slice(&eof());
    head.extend(bodies.concat());
    head
}

/// An OLE compound file holding the given streams.
pub(crate) fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        let mut stream = file.create_stream(format!("/{name}")).unwrap();
        stream.write_all(data).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

pub(crate) fn xls_file(globals: &[Vec<u8>], sheets: &[(&str, u16, Vec<Vec<u8>>)]) -> Vec<u8> {
    compound(&[("Workbook", &workbook(globals, sheets))])
}

pub(crate) fn texts(doc: &Document, sheet_name: &str) -> Vec<Vec<String>> {
    sheet(doc, sheet_name).rows.iter().map(|r| r.cells.iter().map(|c| c.text.clone()).collect()).collect()
}

/// Excel splits an SST wherever a record fills up: inside the characters of a string (the
/// continuation starts with a fresh option byte that may switch between one- and two-byte
/// characters), inside formatting runs and inside phonetic data (no option byte there).
#[test]
fn shared_strings_split_inside_characters_runs_and_phonetic_data() {
    // String 0: "项目ab", rich (2 runs) with 6 bytes of phonetic data; split after "项" and
    // after "目" (there switching to one-byte characters), then inside its runs.
    let mut sst = vec![];
    sst.extend_from_slice(&3u32.to_le_bytes());
    sst.extend_from_slice(&3u32.to_le_bytes());
    sst.extend_from_slice(&4u16.to_le_bytes()); // 4 characters
    sst.push(0x01 | 0x04 | 0x08); // two-byte, phonetic, rich
    sst.extend_from_slice(&2u16.to_le_bytes()); // 2 runs
    sst.extend_from_slice(&6u32.to_le_bytes()); // 6 bytes of phonetic data
    sst.extend_from_slice(&"项".encode_utf16().next().unwrap().to_le_bytes());
    let mut continue1 = vec![0x01]; // still two-byte
    continue1.extend_from_slice(&"目".encode_utf16().next().unwrap().to_le_bytes());
    let mut continue2 = vec![0x00]; // now one-byte
    continue2.extend_from_slice(b"ab");
    continue2.extend_from_slice(&[1, 0, 0, 0, 3]); // runs, split after 5 bytes
    let mut continue3 = vec![0, 0, 0, 1, 2, 3, 4, 5, 6]; // rest of runs + phonetic data
                                                         // String 1: one-byte "Total" whose phonetic data runs into the next record.
    continue3.extend_from_slice(&5u16.to_le_bytes());
    continue3.push(0x04);
    continue3.extend_from_slice(&2u32.to_le_bytes());
    continue3.extend_from_slice(b"Total");
    continue3.push(9);
    let mut continue4 = vec![9];
    // String 2: its header ends a record (announcing one-byte characters) and its characters
    // "完成值" follow in the next one, which switches to two-byte characters.
    continue4.extend_from_slice(&3u16.to_le_bytes());
    continue4.push(0x00);
    let mut continue5 = vec![0x01];
    for u in "完成值".encode_utf16() {
        continue5.extend_from_slice(&u.to_le_bytes());
    }
    let globals = [
        record(0x00FC, &sst),
        record(0x003C, &continue1),
        record(0x003C, &continue2),
        record(0x003C, &continue3),
        record(0x003C, &continue4),
        record(0x003C, &continue5),
    ];
    let sheet_records = vec![label_sst(0, 0, 0), label_sst(0, 1, 1), label_sst(1, 0, 2)];
    let doc = xls::read(&xls_file(&globals, &[("表", 0x0010, sheet_records)])).unwrap();
    assert_eq!(texts(&doc, "表"), [vec!["项目ab", "Total"], vec!["完成值"]]);
}

#[test]
fn formulas_show_their_cached_results() {
    let formula = |row: u16, col: u16, xf: u16, value: [u8; 8]| {
        record(0x0006, &[cell_head(row, col, xf), value.to_vec(), vec![0; 6], vec![0, 0]].concat())
    };
    let special = |kind: u8, value: u8| [kind, 0, value, 0, 0, 0, 0xFF, 0xFF];
    // XF 0 General, XF 1 with format id 10 (0.00%), XF 2 with custom format 164.
    let xf = |format: u16| record(0x00E0, &[vec![0, 0], format.to_le_bytes().to_vec(), vec![0; 16]].concat());
    let custom = record(0x041E, &[164u16.to_le_bytes().to_vec(), wide("#,##0.00\"万元\"")].concat());
    let string = |text: &str| record(0x0207, &wide(text));
    let records = vec![
        formula(0, 0, 1, 0x3FF4_AE14_7AE1_47AEu64.to_le_bytes()), // 1.2925 → 129.25%
        formula(0, 1, 0, 0x3FD3_3333_3333_3334u64.to_le_bytes()), // 0.1+0.2 → 0.3
        formula(0, 2, 2, 0x40A7_0FA8_F5C2_8F5Cu64.to_le_bytes()), // 2951.83 万元
        formula(1, 0, 0, special(0, 0)),
        record(0x04BC, &[0; 10]), // a shared formula between FORMULA and its STRING
        string("优"),
        formula(1, 1, 0, special(1, 1)),
        formula(1, 2, 0, special(2, 0x07)),
        formula(1, 3, 0, special(3, 0)), // empty text: no cell
        formula(2, 0, 0, 0x7FF8_0000_0000_0000u64.to_le_bytes()),
        // A STRING with no formula before it is ignored.
        string("孤立"),
    ];
    let globals = [custom, xf(0), xf(10), xf(164)];
    let doc = xls::read(&xls_file(&globals, &[("公式", 0x0010, records)])).unwrap();
    assert_eq!(
        texts(&doc, "公式"),
        [vec!["129.25%", "0.3", "2,951.83万元"], vec!["优", "TRUE", "#DIV/0!"], vec!["#NUM!"]]
    );
}

#[test]
fn numbers_in_rk_and_mulrk_records() {
    let rk_int = |n: i32, x100: bool| (((n << 2) as u32) | 2 | u32::from(x100)).to_le_bytes().to_vec();
    let rk = |row: u16, col: u16, raw: Vec<u8>| record(0x027E, &[cell_head(row, col, 0), raw].concat());
    let mut mulrk = [0u16.to_le_bytes(), 1u16.to_le_bytes()].concat();
    for raw in [rk_int(79077, true), rk_int(-5, false), 0x3FF8_0000u32.to_le_bytes().to_vec()] {
        mulrk.extend_from_slice(&0u16.to_le_bytes());
        mulrk.extend_from_slice(&raw);
    }
    mulrk.extend_from_slice(&3u16.to_le_bytes());
    let records = vec![
        rk(0, 0, rk_int(10, false)),
        record(0x00BD, &mulrk),
        rk(1, 0, rk_int(-12345, true)),
        rk(1, 1, (0x4059_0000u32 | 1).to_le_bytes().to_vec()), // 100.0 / 100
        number(1, 2, 0, 0x415C_54B5_D70A_3D71),                // 7426775.36
        number(1, 3, 0, 0xC0A7_0FA8_F5C2_8F5C),                // -2951.83
    ];
    let doc = xls::read(&xls_file(&[], &[("数", 0x0010, records)])).unwrap();
    assert_eq!(texts(&doc, "数"), [vec!["10", "790.77", "-5", "1.5"], vec!["-123.45", "1", "7426775.36", "-2951.83"]]);
}

#[test]
fn a_long_label_continues_in_continue_records() {
    // LABEL (row 0, col 0) with 5,000 two-byte characters, cut after 3,000 of them; the
    // continuation restarts with an option byte that switches to one-byte characters.
    let mut first = cell_head(0, 0, 0);
    first.extend_from_slice(&5000u16.to_le_bytes());
    first.push(1);
    first.extend("绩".repeat(3000).encode_utf16().flat_map(u16::to_le_bytes));
    let mut second = vec![0];
    second.extend(std::iter::repeat_n(b'x', 2000));
    let records = vec![record(0x0204, &first), record(0x003C, &second), label(1, 0, "下")];
    let doc = xls::read(&xls_file(&[], &[("长", 0x0010, records)])).unwrap();
    assert_eq!(texts(&doc, "长"), [vec![format!("{}{}", "绩".repeat(3000), "x".repeat(2000))], vec!["下".to_string()]]);
}

#[test]
fn chart_sheets_and_charts_inside_a_sheet_are_skipped() {
    let embedded_chart = [bof(0x0020), label(0, 0, "图表里的字"), eof()].concat();
    let sheets = [
        ("图表", 0x0020, vec![label(0, 0, "图")]),
        ("表一", 0x0010, vec![label(0, 0, "甲"), embedded_chart, label(1, 0, "乙")]),
    ];
    let doc = xls::read(&xls_file(&[], &sheets)).unwrap();
    let names: Vec<&str> = doc.tables().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["表一"]);
    assert_eq!(texts(&doc, "表一"), [vec!["甲"], vec!["乙"]]);
}

#[test]
fn a_cell_hidden_under_a_merged_range_is_named_in_the_notes() {
    // MERGEDCELLS: count, then (first row, last row, first column, last column) per range.
    let merges = |ranges: &[[u16; 4]]| {
        let mut data = (ranges.len() as u16).to_le_bytes().to_vec();
        data.extend(ranges.iter().flatten().flat_map(|n| n.to_le_bytes()));
        record(0x00E5, &data)
    };
    let records = vec![
        label(0, 0, "一级指标\r\n(50分)"),
        label(1, 2, "被遮住"),
        label(2, 1, "下一行"),
        merges(&[[0, 1, 0, 2]]),
        // Overlapping the first range: ignored, as Excel would repair it.
        merges(&[[1, 2, 1, 1]]),
    ];
    let doc = xls::read(&xls_file(&[], &[("表", 0x0010, records)])).unwrap();
    let table = sheet(&doc, "表");
    assert_eq!(
        (table.rows[0].cells[0].text.as_str(), table.rows[0].cells[0].row_span, table.rows[0].cells[0].col_span),
        ("一级指标\n(50分)", 2, 3)
    );
    assert!(table.rows[1].cells.is_empty());
    assert_eq!((table.rows[2].cells[0].text.as_str(), table.rows[2].cells[0].row_span), ("下一行", 1));
    assert_eq!(doc.notes, ["工作表“表”C2 单元格在合并区域内，其内容“被遮住”不显示"]);
}

#[test]
fn a_shared_string_table_that_promises_more_strings_than_it_holds() {
    let mut sst = [1000u32.to_le_bytes(), 1000u32.to_le_bytes()].concat();
    sst.extend_from_slice(&wide("有"));
    sst.extend_from_slice(&wide("无"));
    let globals = [record(0x00FC, &sst)];
    let ok = xls::read(&xls_file(&globals, &[("表", 0x0010, vec![label_sst(0, 0, 1)])])).unwrap();
    assert_eq!(texts(&ok, "表"), [vec!["无"]]);
    let past = xls::read(&xls_file(&globals, &[("表", 0x0010, vec![label_sst(0, 0, 2)])]));
    assert_eq!(past, Err(XlsError::Damaged("单元格引用了不存在的共享字符串".into())));
}

#[test]
fn files_that_are_not_readable_workbooks_get_their_message() {
    let sheets = || [("表", 0x0010u16, vec![label(0, 0, "甲")])];
    let good = workbook(&[], &sheets());
    let mut cut = good.clone();
    cut.truncate(good.len() - 3); // the last record's length runs past the end
    let mut biff5 = good.clone();
    biff5[4..6].copy_from_slice(&0x0500u16.to_le_bytes());
    let mut far = workbook(&[], &sheets());
    let at = far.windows(2).position(|w| w == [0x85, 0x00]).unwrap() + 4;
    far[at..at + 4].copy_from_slice(&0x00FF_FFFFu32.to_le_bytes()); // sheet offset past the end
    let cases: Vec<(&str, Vec<u8>, XlsError, &str)> = vec![
        (
            "empty file",
            vec![],
            XlsError::NotCompoundFile,
            "文件不是 Excel 97–2003 工作簿（.xls）：文件头无法识别，可能已损坏或扩展名有误。",
        ),
        ("a zip (.xlsx) renamed", b"PK\x03\x04rest".to_vec(), XlsError::NotCompoundFile, "文件头无法识别"),
        (
            "Word 97 document",
            compound(&[("WordDocument", b"x"), ("1Table", b"y")]),
            XlsError::WordDocument,
            "这是 Word 97–2003 文档（.doc），不是 Excel 工作簿；请用 Word/WPS 另存为 .docx 后再导入。",
        ),
        ("Excel 95 (Book stream)", compound(&[("Book", &biff5)]), XlsError::Biff5, "Excel 95 或更早版本"),
        (
            "Excel 95 in a Workbook stream",
            compound(&[("Workbook", &biff5)]),
            XlsError::Biff5,
            "请用 Excel/WPS 另存为 .xlsx",
        ),
        (
            "password-protected .xls",
            xls_file(&[record(0x002F, &[1, 0, 1, 0])], &sheets()),
            XlsError::Encrypted,
            "文件已加密，请取消密码后再导入。",
        ),
        (
            "password-protected .xlsx",
            compound(&[("EncryptionInfo", b"x"), ("EncryptedPackage", b"y")]),
            XlsError::Encrypted,
            "文件已加密",
        ),
        ("other compound file", compound(&[("Contents", b"x")]), XlsError::NoWorkbook, "文件中没有 Excel 工作簿数据"),
        (
            "no BOF",
            compound(&[("Workbook", &[1, 2, 3, 4, 5, 6, 7, 8])]),
            XlsError::Damaged("缺少工作簿开头记录".into()),
            "已损坏",
        ),
        (
            "cut record",
            compound(&[("Workbook", &cut)]),
            XlsError::Damaged("记录长度超出文件末尾".into()),
            "记录长度超出文件末尾",
        ),
        (
            "sheet offset past the end",
            compound(&[("Workbook", &far)]),
            XlsError::Damaged("工作表位置错误".into()),
            "工作表位置错误",
        ),
    ];
    for (what, bytes, error, message) in cases {
        let got = xls::read(&bytes).unwrap_err();
        assert_eq!(got, error, "{what}");
        assert!(got.to_string().contains(message), "{what}: {got}");
    }
}
