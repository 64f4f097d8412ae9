//! The `.xls` (Excel 97–2003) reader, tested on what a user sees: the real sample workbooks of
//! `../shared/samples` (copied to tests/fixtures/samples), workbooks written by xlwt and
//! LibreOffice (tests/fixtures/xls), workbooks built record by record here for the awkward parts
//! of the format (strings split across CONTINUE records, formula results), and damaged or
//! hostile files, which must give a Chinese message and never a panic.

#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use std::io::{Cursor, Read, Write};

use jixiao::model::exchange::grid::{Cell, Document, Table};
use jixiao::model::exchange::xls::{self, XlsError};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn read(path: &str) -> Document {
    xls::read(&fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn sheet<'a>(doc: &'a Document, name: &str) -> &'a Table {
    doc.tables().find(|t| t.name == name).unwrap_or_else(|| panic!("no sheet {name}"))
}

/// The cell that begins at (row, col), both zero-based.
fn cell(table: &Table, row: usize, col: usize) -> Option<&Cell> {
    table.rows.get(row)?.cells.iter().find(|c| c.col == col)
}

/// Expected cells: (row, col, text, row_span, col_span), zero-based.
type Expect<'a> = &'a [(usize, usize, &'a str, usize, usize)];

fn check_cells(table: &Table, expected: Expect<'_>) {
    for &(row, col, text, row_span, col_span) in expected {
        let got = cell(table, row, col).unwrap_or_else(|| panic!("{}: no cell at row {row} col {col}", table.name));
        assert_eq!(
            (got.text.as_str(), got.row_span, got.col_span),
            (text, row_span, col_span),
            "{}: row {row} col {col}",
            table.name
        );
    }
}

#[test]
fn seed_000_attachment_2_reads_as_the_sheet_shows_it() {
    let doc = read("samples/seed-000-附件2.xls");
    let names: Vec<&str> = doc.tables().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["附件2"]);
    assert!(doc.notes.is_empty(), "{:?}", doc.notes);
    let table = sheet(&doc, "附件2");
    assert_eq!(table.rows.len(), 34);
    check_cells(
        table,
        &[
            (0, 0, "附件 2", 1, 9),
            (1, 0, "2024年度部门整体支出绩效自评表", 1, 9),
            (2, 0, "市级预算部门名称", 1, 2),
            (2, 2, "岳阳市总工会整体支出", 1, 7),
            (3, 0, "\n年度预 算申请 (万元)", 7, 1),
            (3, 1, "", 1, 2),
            (3, 3, "年初\n预算数", 1, 1),
            (4, 1, "年度资金总额", 1, 2),
            // Numbers stored as numbers with formats 0.00, General and 0%.
            (4, 3, "790.77", 1, 1),
            (4, 4, "790.77", 1, 1),
            (4, 5, "2951.83", 1, 1),
            (4, 6, "10", 1, 1),
            (4, 7, "100%", 1, 1),
            (4, 8, "10", 1, 1),
            (6, 5, "其中：基本支出：2019.16", 1, 4),
            (7, 5, "项目支出：932.67", 1, 4),
            (8, 5, "", 1, 4),
            (12, 0, "\n绩效指标", 18, 1),
            (13, 1, "\n\n\n\n产出指标\n(50分)", 10, 1),
            (13, 2, "数量\n指标", 3, 1),
            (13, 6, "5", 1, 1),
            (18, 7, "3", 1, 1),
            (23, 1, "\n\n\n\n效益指标\n(30分)", 6, 1),
            (29, 1, "满意度\n指标\n(10分)", 1, 1),
            (29, 5, "100%", 1, 1),
            (30, 0, "总分", 1, 6),
            (30, 6, "100", 1, 1),
            (30, 7, "98", 1, 1),
            (
                33,
                0,
                "填表人：   周彬                    填报日期：2025.6.11                      联系电话:8726829",
                1,
                9,
            ),
        ],
    );
    // Cells under a merged range are not repeated; the empty rows before 填表人 stay rows.
    assert!(cell(table, 14, 1).is_none() && cell(table, 14, 2).is_none());
    assert!(table.rows[31].cells.is_empty() && table.rows[32].cells.is_empty());
    // Empty cells without a span are left out: rows 23–25 (三级 "无") hold one cell each.
    assert_eq!(table.rows[24].cells.len(), 1);
    // 17 indicator rows (a 三级指标 name in column D below the header).
    let indicators = (13..30).filter(|r| cell(table, *r, 3).is_some_and(|c| !c.text.is_empty())).count();
    assert_eq!(indicators, 17);
    assert!(table.rows.iter().all(|r| !r.hidden));
}

#[test]
fn seed_004_two_sheets_keep_their_values_stored_as_text() {
    let doc = read("samples/seed-004-项目支出绩效自评表.xls");
    let names: Vec<&str> = doc.tables().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["劳模经费", "困难职工帮扶救助"]);
    let first = sheet(&doc, "劳模经费");
    // The 21st row is an empty row of the template: trailing empty rows are dropped.
    assert_eq!(first.rows.len(), 20);
    check_cells(
        first,
        &[
            (0, 0, "部门预算项目支出绩效自评表（2024年度）", 1, 11),
            (1, 1, "51090422T000000386793-劳模经费", 1, 10),
            (5, 0, "预算执行情况（10分）", 6, 1),
            (6, 4, "", 1, 2), // 年初预算 blank
            (6, 6, "14.82", 1, 1),
            (6, 7, "100.00%", 1, 1),
            (6, 8, "10", 1, 1),
            (6, 9, "96", 1, 1),
            (8, 7, "0.00%", 1, 1),
            (11, 0, "绩效指标（90分）", 4, 1),
            (12, 4, "≥", 1, 1),
            (12, 8, "30", 1, 1),
            (14, 4, "＞", 1, 1),
            (15, 0, "合计", 1, 8),
            (15, 8, "100", 1, 1),
            (19, 5, "财务负责人：曹秀容", 1, 6),
        ],
    );
    assert!(cell(first, 12, 9).is_none(), "得分 is blank");
    let second = sheet(&doc, "困难职工帮扶救助");
    assert_eq!(second.rows.len(), 21);
    check_cells(
        second,
        &[
            (2, 4, "实施单位 ", 1, 3),
            (3, 0, "项目基本情况", 3, 1),
            (7, 4, "12.95", 1, 2),
            (7, 6, "41.80", 1, 1),
            (7, 7, "100.00%", 1, 1),
            (13, 6, "元/人·次", 1, 1),
            (13, 7, "99%", 1, 1),
            (16, 8, "100", 1, 1),
        ],
    );
}

/// The other seed tables saved as .xls by LibreOffice 7.4 from their .xlsx samples
/// (tests/fixtures/xls/*.lo.xls): Hubei 整体 with numbers stored as numbers (129.25% = 1.2925
/// with format 0.00%), and 附件3 as LibreOffice rebuilt it from Word.
#[test]
fn seed_003_and_attachment_3_saved_by_libreoffice_read_as_their_sheets_show() {
    let hubei = read("xls/seed-003-整体绩效自评表.lo.xls");
    let table = sheet(&hubei, "整体自评表");
    assert_eq!(table.rows.len(), 64);
    check_cells(
        table,
        &[
            (0, 0, "一、2024 年度武汉市汉阳区总工会整体绩效评价自评表", 1, 7),
            (5, 1, "315.18", 1, 2),
            (5, 5, "150.20", 1, 2),
            (6, 3, "预算数（A）", 1, 1),
            (7, 3, "360.05", 1, 1),
            (7, 4, "465.38", 1, 1),
            (7, 5, "129.25%", 1, 1),
            (7, 6, "14.15", 1, 1),
            (8, 0, "年度绩效目标 1：（5分）积极开展招商引资，完成企业引进工作。", 1, 7),
            (20, 5, "82%", 1, 1),
            (26, 4, "100%", 1, 1),
            (55, 4, "95%", 1, 1),
            (55, 5, "98%", 1, 1),
            (56, 6, "94.15", 1, 1),
        ],
    );
    let goals =
        table.rows.iter().filter(|r| r.cells.first().is_some_and(|c| c.text.starts_with("年度绩效目标"))).count();
    assert_eq!(goals, 9);

    let attachment = read("xls/seed-000-附件3.lo.xls");
    let table = sheet(&attachment, "Sheet1");
    assert_eq!(table.rows.len(), 27);
    check_cells(
        table,
        &[
            (0, 0, "附 件 3", 1, 1),
            (3, 0, "项目支\n出名称", 1, 2),
            (5, 0, "项目资金\n(万元)", 5, 1),
            (6, 3, "100", 1, 1),
            (6, 7, "100%", 1, 1),
            (8, 3, "0", 1, 1),
            (13, 1, "产出指标\n(50分)", 6, 1),
            (22, 2, "服务对象\n满意度指\n标", 1, 1),
            (23, 6, "100", 1, 1),
            (23, 7, "100", 1, 1),
            (26, 0, "填表人：刘 倩 填报日期：2025年6月11日 联系电话：0730-8726825 单位负责人签字：", 1, 1),
        ],
    );
}

/// features.xls was written by xlwt (RK and MULRK numbers, an SST with CONTINUE records);
/// features.lo.xls is the same workbook saved again by LibreOffice 7.4. Both must read alike.
#[test]
fn a_workbook_written_by_xlwt_and_by_libreoffice_gives_the_same_grid() {
    let xlwt = read("xls/features.xls");
    let libre = read("xls/features.lo.xls");
    assert_eq!(xlwt, libre);
    let names: Vec<&str> = xlwt.tables().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["特性", "长文本", "隐藏表"]);
    assert_eq!(
        xlwt.notes,
        ["工作表“特性”第 4 行为隐藏行", "工作表“特性”第 C 列为隐藏列", "工作表“隐藏表”为隐藏工作表"]
    );
    let table = sheet(&xlwt, "特性");
    assert_eq!(table.rows.len(), 13);
    let numbers: Vec<&str> = table.rows[1].cells.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        numbers,
        [
            "10",
            "790.77",
            "2951.83",
            "7426775.36",
            "-3.5",
            "129.25%",
            "100%",
            "1,234,567.89",
            "0.3",
            "1.01",
            "-1,234.50",
            "123456789",
            "50.0%"
        ]
    );
    check_cells(
        table,
        &[
            (0, 0, "特性表\n第二行", 1, 4),
            (3, 0, "隐藏行", 1, 1),
            (4, 2, "隐藏列中的字", 1, 1),
            (5, 0, "2025年6月11日", 1, 1),
            (5, 1, "2025-06-11", 1, 1),
            (5, 2, "2025/6/11 12:00", 1, 1),
            (6, 0, "TRUE", 1, 1),
            (6, 1, "  前后空格  ", 1, 1),
            (6, 2, "a b", 1, 1), // no-break space
            (7, 1, "", 3, 2),    // an empty merged range keeps its span
            (12, 0, "最后一行", 1, 1),
        ],
    );
    let hidden: Vec<usize> = table.rows.iter().enumerate().filter(|(_, r)| r.hidden).map(|(i, _)| i).collect();
    assert_eq!(hidden, [3]);
}

#[test]
fn long_shared_strings_survive_their_continue_records() {
    let doc = read("xls/features.lo.xls");
    let table = sheet(&doc, "长文本");
    assert_eq!(table.rows.len(), 601);
    for (i, row) in table.rows.iter().take(600).enumerate() {
        let text = format!("第{i}行{} abc{i}", "项目支出绩效自评".repeat(i % 7 + 1));
        assert_eq!(row.cells[0].text, text, "row {i}");
        assert_eq!(row.cells[1].text, (i * 3).to_string(), "row {i}");
    }
    let long = format!("{}{}尾", "长".repeat(5000), "x".repeat(5000));
    assert_eq!(table.rows[600].cells[0].text, long);
    assert_eq!(doc, read("xls/features.xls"));
}

// ---- workbooks built record by record ----------------------------------------------------

fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
    out
}

fn bof(sheet_type: u16) -> Vec<u8> {
    let mut data = vec![0x00, 0x06];
    data.extend_from_slice(&sheet_type.to_le_bytes());
    data.extend_from_slice(&[0; 12]);
    record(0x0809, &data)
}

fn eof() -> Vec<u8> {
    record(0x000A, &[])
}

/// An XLUnicodeString in two-byte characters.
fn wide(text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = (units.len() as u16).to_le_bytes().to_vec();
    out.push(1);
    for u in units {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

fn cell_head(row: u16, col: u16, xf: u16) -> Vec<u8> {
    [row.to_le_bytes(), col.to_le_bytes(), xf.to_le_bytes()].concat()
}

fn label(row: u16, col: u16, text: &str) -> Vec<u8> {
    record(0x0204, &[cell_head(row, col, 0), wide(text)].concat())
}

fn label_sst(row: u16, col: u16, index: u32) -> Vec<u8> {
    record(0x00FD, &[cell_head(row, col, 0), index.to_le_bytes().to_vec()].concat())
}

fn number(row: u16, col: u16, xf: u16, bits: u64) -> Vec<u8> {
    record(0x0203, &[cell_head(row, col, xf), bits.to_le_bytes().to_vec()].concat())
}

/// Builds a BIFF8 Workbook stream: globals, then one substream per sheet (name, BOF type,
/// records between BOF and EOF).
fn workbook(globals: &[Vec<u8>], sheets: &[(&str, u16, Vec<Vec<u8>>)]) -> Vec<u8> {
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
fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        let mut stream = file.create_stream(format!("/{name}")).unwrap();
        stream.write_all(data).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

fn xls_file(globals: &[Vec<u8>], sheets: &[(&str, u16, Vec<Vec<u8>>)]) -> Vec<u8> {
    compound(&[("Workbook", &workbook(globals, sheets))])
}

fn texts(doc: &Document, sheet_name: &str) -> Vec<Vec<String>> {
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

// ---- hostile input ---------------------------------------------------------------------------

/// A small deterministic generator, so a failure can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn workbook_stream(bytes: &[u8]) -> Vec<u8> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).unwrap();
    let mut data = Vec::new();
    file.open_stream("/Workbook").unwrap().read_to_end(&mut data).unwrap();
    data
}

/// Files to damage, with how finely: every 97th byte of the small real samples, coarser on the
/// larger generated workbooks (the test must stay within seconds in a debug build).
const SAMPLES: [(&str, usize); 5] = [
    ("samples/seed-000-附件2.xls", 97),
    ("samples/seed-004-项目支出绩效自评表.xls", 97),
    ("xls/seed-003-整体绩效自评表.lo.xls", 397),
    ("xls/features.xls", 997),
    ("xls/features.lo.xls", 997),
];

#[test]
fn truncated_files_never_panic() {
    for (path, step) in SAMPLES {
        let bytes = fixture(path);
        for len in (0..bytes.len()).step_by(step) {
            let _ = xls::read(&bytes[..len]);
        }
        // Cut inside the Workbook stream itself (the container stays valid).
        let stream = workbook_stream(&bytes);
        for len in (0..stream.len()).step_by(step) {
            let result = xls::read(&compound(&[("Workbook", &stream[..len])]));
            if let Err(e) = result {
                assert!(!e.to_string().is_empty());
            }
        }
    }
}

#[test]
fn random_and_mutated_files_never_panic() {
    let mut random = XorShift(0x2024_0611);
    for round in 0..400 {
        let len = (random.next() % 4096) as usize;
        let mut bytes: Vec<u8> = (0..len).map(|_| random.next() as u8).collect();
        if round % 2 == 0 && bytes.len() >= 8 {
            bytes[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        }
        let _ = xls::read(&bytes);
    }
    for (path, step) in SAMPLES {
        let rounds = if step < 100 { 150 } else { 15 };
        let stream = workbook_stream(&fixture(path));
        for _ in 0..rounds {
            let mut mutated = stream.clone();
            for _ in 0..1 + random.next() % 8 {
                let at = (random.next() as usize) % mutated.len();
                mutated[at] = random.next() as u8;
            }
            let _ = xls::read(&compound(&[("Workbook", &mutated)]));
        }
        // The container itself damaged.
        let bytes = fixture(path);
        for _ in 0..rounds {
            let mut mutated = bytes.clone();
            let at = (random.next() as usize) % mutated.len();
            mutated[at] = random.next() as u8;
            let _ = xls::read(&mutated);
        }
    }
}

/// The `.xlsx` reader formats numbers through the same functions, so a sheet and its `.xls`
/// copy give the same text.
#[test]
fn numbers_stored_in_decimal_format_as_in_xls() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("1.2925", "0.00%", Some("129.25%")),
        ("0.30000000000000004", "General", Some("0.3")),
        ("790.77", "0.00", Some("790.77")),
        ("150.2", "0.00", Some("150.20")),
        ("1", "0%", Some("100%")),
        ("1234.5", "#,##0.00", Some("1,234.50")),
        ("45819", "yyyy\"年\"m\"月\"d\"日\"", Some("2025年6月11日")),
        ("一百", "General", None),
    ];
    for (value, code, want) in cases {
        assert_eq!(xls::format_number(value, code, false).as_deref(), *want, "{value} in {code}");
    }
    let builtin: Vec<Option<&str>> = [0, 2, 9, 10, 14, 31, 200].iter().map(|id| xls::builtin_format(*id)).collect();
    assert_eq!(
        builtin,
        [
            Some("General"),
            Some("0.00"),
            Some("0%"),
            Some("0.00%"),
            Some("yyyy/m/d"),
            Some("yyyy\"年\"m\"月\"d\"日\""),
            None
        ]
    );
}
