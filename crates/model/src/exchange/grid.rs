//! The neutral shape every imported document is read into before it is recognised: the tables
//! of a Word, Excel, WPS or web-page file as grids of cells with their spans, in document order,
//! with the paragraphs that stand between them.
//!
//! Guarantees: a grid holds text exactly as the document shows it (line breaks inside a cell are
//! `\n`, numbers as the sheet displays them), never a float; every reader (docx, xlsx, xls,
//! html, tab-separated text) produces this same shape, so the recogniser and its tests do not
//! know which format a table came from. It serializes to JSON (the browser's reader worker sends
//! it to the page this way, and the shared test corpus stores expected grids so).

use serde::{Deserialize, Serialize};

/// One imported document: its blocks in reading order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Paragraphs and tables in the order a reader meets them; for a workbook, one
    /// `Block::Table` per sheet (sheet name in `Table::name`).
    pub blocks: Vec<Block>,
    /// Things the reader noticed but did not turn into cells, in Chinese, e.g.
    /// "工作表“附件2”第 7 行为隐藏行" (shown to the user in the import preview).
    pub notes: Vec<String>,
}

/// A paragraph of text or a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// A paragraph outside any table ("附件2", "2024年度部门整体支出绩效自评表", "填表人：…").
    Paragraph(String),
    /// A table (a Word table, an HTML `<table>`, a worksheet's used range).
    Table(Table),
}

/// A table as a list of rows; each row lists only the cells that start in it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// Sheet name for workbooks, empty for documents.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Rows, top to bottom.
    pub rows: Vec<Row>,
}

/// One table row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The cells that begin in this row, left to right; a cell covered by a span from a row
    /// above is not repeated here.
    pub cells: Vec<Cell>,
    /// The row is hidden in the source (Excel hidden row); readers still deliver it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// One cell: text and how far it spans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// Zero-based column where the cell starts (its place in the full grid, spans counted).
    pub col: usize,
    /// Text as shown: runs joined, `\n` between lines/paragraphs of the cell, no trailing
    /// newline; non-breaking spaces become ordinary spaces; otherwise untrimmed, except that
    /// blank lines before the first and after the last line with text are dropped (Word and web
    /// pages show them only as blank space; see [`shown_text`]).
    pub text: String,
    /// Rows covered, at least 1.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub row_span: usize,
    /// Columns covered, at least 1.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub col_span: usize,
    /// Tables nested inside this cell (Word allows them); their text is not in `text`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nested: Vec<Table>,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

impl Cell {
    /// A one-by-one cell at `col` with `text`.
    pub fn new(col: usize, text: impl Into<String>) -> Cell {
        Cell { col, text: text.into(), row_span: 1, col_span: 1, nested: Vec::new() }
    }
}

impl Document {
    /// The tables of the document, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            Block::Paragraph(_) => None,
        })
    }
}

/// A cell's or paragraph's raw text as the grid holds it: non-breaking spaces (U+00A0) become
/// spaces, `\r\n` and `\r` become `\n`, and blank (whitespace-only) lines before the first and
/// after the last line with text are dropped; the lines in between, and spaces inside a line,
/// stay as they are. Every reader passes its text through this one function.
pub fn shown_text(raw: &str) -> String {
    if !raw.contains(['\r', '\n', '\u{a0}']) {
        return if raw.trim().is_empty() { String::new() } else { raw.to_string() };
    }
    let text = raw.replace("\r\n", "\n").replace(['\r'], "\n").replace('\u{a0}', " ");
    let lines: Vec<&str> = text.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    match (first, last) {
        (Some(a), Some(b)) => lines[a..=b].join("\n"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::shown_text;

    #[test]
    fn text_as_shown() {
        let cases = [
            ("\n\n\n\n产出指标\n(50分)", "产出指标\n(50分)"),
            ("\u{a0}", ""),
            ("实施单位 ", "实施单位 "),
            ("刘\u{a0}\u{a0}倩", "刘  倩"),
            ("a\r\n\r\nb\r", "a\n\nb"),
            ("  \n a \n  ", " a "),
        ];
        for (raw, shown) in cases {
            assert_eq!(shown_text(raw), shown, "{raw:?}");
        }
    }
}

/// A spreadsheet's column letters for a zero-based column (0 → A, 27 → AB), as the .xlsx and .xls
/// readers name a cell in their messages.
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut name = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    name.into_iter().map(char::from).collect()
}
