//! 部门决算 (final accounts publication): the second document family beside the 自评 report.
//!
//! A [`FinalAccounts`] holds the nine official tables as data (rows by 科目编码 / fixed row keys,
//! columns named as printed, 万元 with 2 decimals), last year's figures and the 说明 the
//! department wrote. The form descriptions ([`forms`]) say what each table holds; checks
//! ([`check`]), the drafted and checked 说明 ([`draft`], [`statement`]), the charts ([`chart`]),
//! the recogniser of imported grids ([`recognize`]) and the Word/Excel/JSON outputs ([`out`],
//! [`json`]) all read this one structure. Numbers are `Decimal`, never floats.

pub mod build;
pub mod chart;
pub mod check;
pub mod draft;
pub mod facts;
pub mod forms;
pub mod json;
pub mod out;
pub mod page;
pub mod session;
pub mod statement;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

/// One 部门决算 document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FinalAccounts {
    /// 年度 ("2024").
    pub year: String,
    /// 部门 (主管部门).
    pub department: String,
    /// 单位 (may equal the department).
    pub unit: String,
    /// The tables, in document order (the nine official ones and any a region adds).
    pub tables: Vec<FaTable>,
    /// Last year's figures by key (see [`facts::PRIOR_KEYS`]), 万元.
    #[serde(serialize_with = "ser_map")]
    pub last_year: BTreeMap<String, Decimal>,
    /// The 情况说明 as the department wrote it ("" when none was pasted or imported).
    pub statement: String,
    /// 名词解释: a standard text the user may edit.
    pub glossary: String,
}

/// One table: an instance of a form (or an unknown table kept as it came).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FaTable {
    /// Form id (`t1` … `t9`), or `other` for a table the forms do not know.
    pub form: String,
    /// Title as printed.
    pub title: String,
    /// Column names of the figure columns, in order.
    pub columns: Vec<String>,
    /// Rows, top to bottom.
    pub rows: Vec<FaRow>,
    /// A note printed under the table (本单位无…).
    pub note: String,
}

/// One row: a 科目 (code + name) or a fixed row (key in `code`, label in `name`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FaRow {
    /// 科目编码 (201, 20129, 2012901) or the fixed row's key (`in.gpb`, `out.total`, …).
    pub code: String,
    /// 科目名称 or the printed label.
    pub name: String,
    /// One figure per column; `None` for an empty cell.
    #[serde(serialize_with = "ser_values")]
    pub values: Vec<Option<Decimal>>,
}

fn ser_values<S: serde::Serializer>(values: &[Option<Decimal>], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(values.len()))?;
    for v in values {
        seq.serialize_element(&v.map(|d| d.to_string()))?;
    }
    seq.end()
}

fn ser_map<S: serde::Serializer>(map: &BTreeMap<String, Decimal>, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut m = s.serialize_map(Some(map.len()))?;
    for (k, v) in map {
        m.serialize_entry(k, &v.to_string())?;
    }
    m.end()
}

impl FaTable {
    /// The index of the first column whose name contains `word`.
    pub fn col(&self, word: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.contains(word))
    }

    /// The row with this code or key.
    pub fn row(&self, code: &str) -> Option<&FaRow> {
        self.rows.iter().find(|r| r.code == code)
    }

    /// The figure of row `code` in column `col` (an empty cell counts as 0 when the row exists).
    pub fn value(&self, code: &str, col: usize) -> Option<Decimal> {
        self.row(code).map(|r| r.get(col))
    }

    /// The 合计 row of a 功能分类 table.
    pub fn total_row(&self) -> Option<&FaRow> {
        self.rows.iter().find(|r| r.code.is_empty() || r.code == "total")
    }

    /// Whether every figure is empty or zero (an empty table: 本单位无…).
    pub fn is_empty(&self) -> bool {
        self.rows.iter().all(|r| r.values.iter().all(|v| v.is_none_or(|d| d.is_zero())))
    }
}

impl FaRow {
    /// The figure in column `col`, an empty cell as 0.
    pub fn get(&self, col: usize) -> Decimal {
        self.values.get(col).copied().flatten().unwrap_or_default()
    }

    /// The 科目 level by code length: 1 类 (3 digits), 2 款 (5), 3 项 (7); 0 for other rows.
    pub fn level(&self) -> u8 {
        if !self.code.chars().all(|c| c.is_ascii_digit()) {
            return 0;
        }
        match self.code.len() {
            3 => 1,
            5 => 2,
            7 => 3,
            _ => 0,
        }
    }
}

impl FinalAccounts {
    /// The table of form `id` (`t1` … `t9`).
    pub fn table(&self, id: &str) -> Option<&FaTable> {
        self.tables.iter().find(|t| t.form == id)
    }

    /// The index of the table of form `id`.
    pub fn table_index(&self, id: &str) -> Option<usize> {
        self.tables.iter().position(|t| t.form == id)
    }

    /// A short name for files and titles: "单位 2024 年度部门决算".
    pub fn title(&self) -> String {
        let who = if self.unit.trim().is_empty() { self.department.trim() } else { self.unit.trim() };
        format!("{who}{}年度部门决算", self.year.trim())
    }
}
