//! The `.xls` (Excel 97–2003) reader, tested on what a user sees: the real sample workbooks of
//! `../shared/samples` (copied to tests/fixtures/samples), workbooks written by xlwt and
//! LibreOffice (tests/fixtures/xls); `records` builds workbooks record by record for the awkward
//! parts of the format (strings split across CONTINUE records, formula results) and the files
//! that must be refused with a Chinese message; `hostile` damages files, which must never panic.

#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

mod hostile;
mod records;

use jixiao::model::exchange::grid::{Cell, Document, Table};
use jixiao_office::xls::{self, XlsError};

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
