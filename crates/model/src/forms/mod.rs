//! The official forms as data: each official table is described once, as a grid of cells with
//! their spans, the text Word prints and the value (number, text or formula with its cached
//! figure) Excel holds, built from the report and its evaluation. The description sits in the
//! model below `exchange`, so the writers render it and the print view shares its rows
//! (`rows`) without depending on any file format.
//!
//! Files: `scored.rs` the 整体表 / 项目表 in every regional layout (plain or grouped by
//! 年度绩效目标); `official.rs` 基础数据表, 监控表 and 评价人员; `rows.rs` the indicator rows and
//! merged-cell spans that print, Word and Excel share; `heading.rs` the 附件 label and title
//! above each form (from the imported document, else the rule pack).
//!
//! Adding an official table (ARCHITECTURE.md, "Adding an official table"): its model type in
//! `report`, one function here returning its `Grid`, its checks in `check`; the writers render
//! any grid, so Word and Excel need no change beyond listing it.
//!
//! Print (`model::print::form_html`) renders the same grids as HTML: `Hint` and `RowHint` carry
//! what only paper needs (column classes, merged labels, groups kept on one page, the kept end
//! block); Word and Excel ignore them.
//!
//! Guarantees: one description per official table, built once from the report and its
//! evaluation, so print, the .docx and the .xlsx merge the same cells and list the same rows in
//! the same order. Cells never overlap (builders place them at explicit columns); rows are numbered
//! as in the worksheet (row 0 is Excel row 1), which is what formulas refer to.

pub mod heading;
pub mod official;
pub mod rows;
pub mod scored;

use rust_decimal::Decimal;

/// How Excel shows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fmt {
    /// As written (weights, counts).
    General,
    /// Two decimals (money, scores): built-in format 2, `0.00`.
    Fixed2,
    /// Percent with two decimals: built-in format 10, `0.00%`.
    Percent,
}

/// What the spreadsheet cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Xl {
    /// Nothing (a blank, bordered cell).
    Empty,
    /// Text (never a formula, whatever it looks like).
    Text(String),
    /// A number.
    Number(Decimal, Fmt),
    /// A formula (without `=`) with the model's exact figure cached; `None` caches an empty text.
    Formula(String, Option<Decimal>, Fmt),
    /// A formula whose result is text (评价等次), with its cached text.
    FormulaText(String, String),
}

/// Horizontal alignment and weight of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// A heading cell of the form: centred.
    Head,
    /// Text: left.
    Text,
    /// A figure: right.
    Figure,
    /// A blank cell for a handwritten signature (wide and tall on paper), otherwise as text.
    Signature,
}

/// How print shows a cell beyond its look (Word and Excel ignore it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    /// Nothing more.
    #[default]
    None,
    /// A column heading carrying print's column class (its share of the page width): "c-name".
    Column(&'static str),
    /// A merged label (年度绩效目标, 一级, 二级指标): one unbreakable box on paper.
    Label,
    /// An empty heading cell naming its column for screen readers only ("项目").
    Hidden(&'static str),
}

/// How print groups and marks a row (Word and Excel ignore it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowHint {
    /// The class of the row (a table row's `tr`, a line's `p`): "total-row", "table-meta",
    /// "fill-line". A line with a class is a paragraph of its own, never a table's caption.
    pub class: &'static str,
    /// The class of the table this row opens ("indicators").
    pub table: &'static str,
    /// This row starts a group of body rows printed as one `tbody`; `Some(true)`: a group never
    /// split across pages.
    pub group: Option<bool>,
    /// This row and all after it are one unbreakable block (a table's last rows and 填表人).
    pub keep_to_end: bool,
}

/// One cell, placed at a column, spanning columns and rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// First column (0-based).
    pub col: usize,
    /// Columns spanned (≥ 1).
    pub colspan: usize,
    /// Rows spanned (≥ 1).
    pub rowspan: usize,
    /// What Word prints.
    pub text: String,
    /// What Excel holds.
    pub xl: Xl,
    /// Alignment.
    pub look: Look,
    /// What print adds.
    pub hint: Hint,
}

impl Cell {
    /// A heading cell.
    pub fn head(col: usize, text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell { col, colspan: 1, rowspan: 1, xl: Xl::Text(text.clone()), text, look: Look::Head, hint: Hint::None }
    }

    /// A text cell (empty text: an empty bordered cell).
    pub fn text(col: usize, text: impl Into<String>) -> Cell {
        let text = text.into();
        let xl = if text.is_empty() { Xl::Empty } else { Xl::Text(text.clone()) };
        Cell { col, colspan: 1, rowspan: 1, text, xl, look: Look::Text, hint: Hint::None }
    }

    /// A figure: `text` printed by Word, `xl` held by Excel.
    pub fn figure(col: usize, text: impl Into<String>, xl: Xl) -> Cell {
        Cell { col, colspan: 1, rowspan: 1, text: text.into(), xl, look: Look::Figure, hint: Hint::None }
    }

    /// Spans `n` columns.
    pub fn cols(mut self, n: usize) -> Cell {
        self.colspan = n.max(1);
        self
    }

    /// Spans `n` rows.
    pub fn rows(mut self, n: usize) -> Cell {
        self.rowspan = n.max(1);
        self
    }

    /// With what print adds.
    pub fn hint(mut self, hint: Hint) -> Cell {
        self.hint = hint;
        self
    }
}

/// What a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// The table's title (a heading paragraph in Word).
    Title,
    /// A line of text outside the table (year, unit, 填表人): a paragraph in Word.
    Line,
    /// A column header row: repeated on every page.
    Header,
    /// A row of the form.
    Body,
}

/// One row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its kind.
    pub kind: RowKind,
    /// Word starts a new table here (e.g. the indicator block after the budget block).
    pub new_table: bool,
    /// The cells, each at its own column (in any order: the writers look them up by column).
    pub cells: Vec<Cell>,
    /// What print adds.
    pub print: RowHint,
}

/// One official table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    /// The worksheet's name before it is made unique and short.
    pub sheet: String,
    /// Column widths in Excel characters; the first `print_cols` are the form, the rest are
    /// Excel-only helper columns (numbers read from text, subtotals) that Word does not print.
    pub widths: Vec<u16>,
    /// Columns of the official form.
    pub print_cols: usize,
    /// The rows; row `i` is worksheet row `i + 1`.
    pub rows: Vec<Row>,
    /// The next pushed row starts a new Word table.
    next_new_table: bool,
}

impl Grid {
    /// An empty grid.
    pub fn new(sheet: impl Into<String>, widths: Vec<u16>, print_cols: usize) -> Grid {
        Grid { sheet: sheet.into(), widths, print_cols, rows: Vec::new(), next_new_table: false }
    }

    /// Appends a row and returns its index.
    pub fn push(&mut self, kind: RowKind, cells: Vec<Cell>) -> usize {
        let new_table = std::mem::take(&mut self.next_new_table);
        self.rows.push(Row { kind, new_table, cells, print: RowHint::default() });
        self.rows.len() - 1
    }

    /// Appends a title or text line spanning the form.
    pub fn line(&mut self, kind: RowKind, text: impl Into<String>) -> usize {
        let cell = Cell::text(0, text).cols(self.print_cols);
        self.push(kind, vec![cell])
    }

    /// Marks the next row as the start of a new Word table.
    pub fn break_table(&mut self) {
        self.next_new_table = true;
    }

    /// The indices of the rows with column headers (for repeated print titles).
    pub fn header_rows(&self) -> Vec<usize> {
        self.rows.iter().enumerate().filter(|(_, r)| r.kind == RowKind::Header).map(|(i, _)| i).collect()
    }
}

/// The Excel name of column `col` (0-based): A, B, … Z, AA…
pub fn col_name(col: usize) -> String {
    let mut n = col + 1;
    let mut out = String::new();
    while n > 0 {
        out.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    out
}

/// The A1 reference of (row, col), both 0-based.
pub fn a1(row: usize, col: usize) -> String {
    format!("{}{}", col_name(col), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(9, 25), "Z10");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(27), "AB");
    }
}
