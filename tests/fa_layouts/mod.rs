//! 部门决算公开表 layouts as departments publish them, written as rows of text ("<" a place
//! covered by the cell to its left, "^" one covered by the cell above), and helpers to build the
//! grids the readers deliver and to read what a user sees after import (shared by
//! final_accounts_layouts.rs and final_accounts_files.rs).
#![allow(dead_code, clippy::unwrap_used)] // test code: a panic is a failed test

use jixiao::model::exchange::grid::{Block, Cell, Document, Row, Table};
use jixiao_office::final_accounts::{check, recognize::recognize, FaTable, FinalAccounts};
use rust_decimal::Decimal;

pub fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A table from rows of text as a reader delivers it: "<" is a place covered by the span of the
/// cell to its left, "^" one covered by the cell above (neither is a cell of its own).
pub fn table(name: &str, rows: &[&[&str]]) -> Table {
    let mut out = Vec::new();
    for (ri, r) in rows.iter().enumerate() {
        let mut cells = Vec::new();
        for (ci, text) in r.iter().enumerate() {
            if matches!(*text, "<" | "^") {
                continue;
            }
            let mut cell = Cell::new(ci, *text);
            cell.col_span = 1 + r[ci + 1..].iter().take_while(|t| **t == "<").count();
            cell.row_span = 1 + rows[ri + 1..].iter().take_while(|below| below.get(ci) == Some(&"^")).count();
            cells.push(cell);
        }
        out.push(Row { cells, hidden: false });
    }
    Table { name: name.into(), rows: out }
}

pub fn doc(tables: Vec<Table>) -> Document {
    Document { blocks: tables.into_iter().map(Block::Table).collect(), notes: vec![] }
}

/// A plain 三公 table beside the table under test (a document needs two 决算 tables).
pub fn sangong_zero() -> Table {
    table("公开09表", &[&["财政拨款“三公”经费支出决算表"], &["项目", "合计", "因公出国（境）费", "公务用车购置及运行费小计", "公务用车购置费", "公务用车运行费", "公务接待费"], &["预算数", "0", "0", "0", "0", "0", "0"], &["决算数", "0", "0", "0", "0", "0", "0"]])
}

pub fn read_doc(tables: Vec<Table>) -> FinalAccounts {
    recognize(&doc(tables)).expect("recognised as a 部门决算")
}

/// Row `code` of the table: its figures as a user sees them (blank for an empty cell).
pub fn shown(t: &FaTable, code: &str) -> Vec<String> {
    let r = t.row(code).unwrap_or_else(|| panic!("row {code} missing in {}: {:?}", t.title, t.rows.iter().map(|r| &r.code).collect::<Vec<_>>()));
    r.values.iter().map(|v| v.map(jixiao::model::num::fmt2).unwrap_or_default()).collect()
}

pub fn no_findings(fa: &FinalAccounts) {
    let f = check::check_tables(fa).0;
    assert!(f.is_empty(), "{:#?}", f.iter().map(|x| &x.message).collect::<Vec<_>>());
}

pub const T1_NATIONAL: &[&[&str]] = &[
    &["收入支出决算总表", "<", "<", "<", "<", "<"],
    &["", "", "", "", "", "公开01表"],
    &["编制单位：武汉市汉阳区总工会", "<", "2024年度", "", "", "金额单位：万元"],
    &["收入", "<", "<", "支出", "<", "<"],
    &["项目", "行次", "金额", "项目", "行次", "金额"],
    &["栏次", "", "1", "栏次", "", "2"],
    &["一、一般公共预算财政拨款收入", "1", "465.38", "一、一般公共服务支出", "32", "362.10"],
    &["二、政府性基金预算财政拨款收入", "2", "-", "二、外交支出", "33", "-"],
    &["三、国有资本经营预算财政拨款收入", "3", "—", "三、国防支出", "34", "-"],
    &["四、上级补助收入", "4", "", "四、社会保障和就业支出", "35", "42.69"],
    &["五、事业收入", "5", "0.00", "五、卫生健康支出", "36", "27.74"],
    &["六、经营收入", "6", "-", "六、农林水支出", "37", "5.00"],
    &["七、附属单位上缴收入", "7", "-", "七、住房保障支出", "38", "27.85"],
    &["八、其他收入", "8", "-", "", "39", ""],
    &["本年收入合计", "9", "465.38", "本年支出合计", "40", "465.38"],
    &["使用非财政拨款结余", "10", "12.50", "结余分配", "41", "-"],
    &["年初结转和结余", "11", "-", "年末结转和结余", "42", "12.50"],
    &["总计", "12", "477.88", "总计", "43", "477.88"],
    &["注：本表反映部门本年度的总收支和年末结转结余情况。", "<", "<", "<", "<", "<"],
];

pub const T3_YUAN: &[&[&str]] = &[
    &["支出决算表", "<", "<", "<", "<", "<", "<"],
    &["", "", "", "", "", "", "公开03表"],
    &["", "", "", "", "", "", ""],
    &["部门：武汉市汉阳区总工会", "<", "<", "<", "", "", "金额单位：元"],
    &["项目", "<", "<", "<", "本年支出合计", "基本支出", "项目支出"],
    &["功能分类科目编码", "<", "<", "科目名称", "^", "^", "^"],
    &["类", "款", "项", "^", "^", "^", "^"],
    &["栏次", "<", "<", "<", "1", "2", "3"],
    &["合计", "<", "<", "<", "4,653,800.00", "3,151,800.00", "1,502,000.00"],
    &["201", "<", "<", "一般公共服务支出", "3,621,000.00", "2,186,300.00", "1,434,700.00"],
    &["20129", "<", "<", "群众团体事务", "3,621,000.00", "2,186,300.00", "1,434,700.00"],
    &["2012901", "<", "<", "行政运行", "2,186,300.00", "2,186,300.00", ""],
    &["2012902", "<", "<", "一般行政管理事务", "1,434,700.00", "", "1,434,700.00"],
    &["208", "<", "<", "社会保障和就业支出", "1,032,800.00", "965,500.00", "67,300.00"],
    &["20805", "<", "<", "行政事业单位养老支出", "1,032,800.00", "965,500.00", "67,300.00"],
    &["2080505", "<", "<", "机关事业单位基本养老保险缴费支出", "1,032,800.00", "965,500.00", "67,300.00"],
];

pub const T6_BLOCKS: &[&[&str]] = &[
    &["一般公共预算财政拨款基本支出决算表", "<", "<", "<", "<", "<", "<", "<", "<"],
    &["编制单位：某某局", "<", "<", "", "", "", "", "", "金额单位：万元"],
    &["人员经费", "<", "<", "公用经费", "<", "<", "<", "<", "<"],
    &["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
    &["301", "工资福利支出", "280.00", "302", "商品和服务支出", "10.57", "307", "债务利息及费用支出", "-"],
    &["30101", "基本工资", "120.00", "30201", "办公费", "-", "30701", "国内债务付息", ""],
    &["30102", "津贴补贴", "160.00", "30228", "工会经费", "10.57", "310", "资本性支出", "-"],
    &["303", "对个人和家庭的补助", "24.61", "30229", "福利费", "", "31002", "办公设备购置", "-"],
    &["30302", "退休费", "24.61", "", "", "", "", "", ""],
    &["人员经费合计", "<", "304.61", "公用经费合计", "<", "<", "<", "<", "10.57"],
];

pub const T9_DOWN: &[&[&str]] = &[
    &["财政拨款“三公”经费支出决算表", "<", "<"],
    &["单位：万元", "<", "<"],
    &["项目", "预算数", "决算数"],
    &["合计", "3.50", "2.59"],
    &["1.因公出国（境）费", "-", "-"],
    &["2.公务用车购置及运行费", "2.00", "2.00"],
    &["  其中：（1）公务用车购置费", "-", "-"],
    &["        （2）公务用车运行费", "2.00", "2.00"],
    &["3.公务接待费", "1.50", "0.59"],
];

pub const T9_ACROSS: &[&[&str]] = &[
    &["财政拨款“三公”经费支出决算表", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<", "<"],
    &["编制单位：某某局", "<", "<", "", "", "", "", "", "", "", "", "金额单位：万元"],
    &["预算数", "<", "<", "<", "<", "<", "决算数", "<", "<", "<", "<", "<"],
    &["合计", "因公出国（境）费", "公务用车购置及运行费", "<", "<", "公务接待费", "合计", "因公出国（境）费", "公务用车购置及运行费", "<", "<", "公务接待费"],
    &["^", "^", "小计", "公务用车购置费", "公务用车运行费", "^", "^", "^", "小计", "公务用车购置费", "公务用车运行费", "^"],
    &["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"],
    &["3.50", "-", "2.00", "-", "2.00", "1.50", "2.59", "-", "2.00", "", "2.00", "0.59"],
];

/// The cells of rows in the "<" / "^" notation of [`table`]: (row, col, text, row span, col span).
pub fn spans(rows: &[&[&str]]) -> Vec<Vec<(usize, String, usize, usize)>> {
    table("", rows).rows.into_iter().map(|r| r.cells.into_iter().map(|c| (c.col, c.text, c.row_span, c.col_span)).collect()).collect()
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
