//! Web pages and clipboard HTML (Word, WPS, Excel, browsers) as grid documents: every `<table>`
//! with its `rowspan`/`colspan` placed as a browser places them, and the text outside tables as
//! paragraphs.
//!
//! Guarantees: text as a browser renders it — runs of whitespace collapse to one space,
//! `&nbsp;` is a space that does not collapse, `<br>` is a line break, block elements (`<p>`,
//! `<div>`, `<li>`, headings) start a new line (one paragraph block each outside tables); a
//! missing `</td>` or `</tr>` is closed as a browser would. Cells are placed around cells that
//! rowspans from above occupy; spans are capped (colspan 1000, rowspan to the table's end).
//! Nested tables go into [`grid::Cell::nested`]; nesting deeper than [`limits::MAX_DEPTH`] is
//! refused; the walk is iterative. The Windows clipboard header (`Version:0.9 StartHTML:…`) is
//! skipped. Charset: see [`lex::decode_page`].

mod lex;

use super::{at_most, grid, limits, CellBudget, Decode, ReadError};
use lex::Token;

/// Columns a table may reach.
const MAX_COLS: usize = 16_384;

/// Elements that start and end a line of text.
const BLOCKS: &[&str] = &[
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section",
    "article", "header", "footer", "nav", "main", "aside", "address", "dl", "dt", "dd", "hr", "form",
    "fieldset", "center", "figure", "figcaption", "body", "html",
];

/// Reads a page from its bytes, decoding them first.
///
/// A page whose text does not decode in the encoding it declares (or, undeclared, in UTF-8 or
/// GB18030) is refused naming the encoding, rather than read as garbled characters.
pub fn read(bytes: &[u8], decode: Decode<'_>) -> Result<grid::Document, ReadError> {
    let text = lex::decode_page(bytes, decode);
    let bad = text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
    if bad >= 8 && bad.saturating_mul(50) >= text.chars().count() {
        let named = match lex::declared_charset(&bytes[..bytes.len().min(4096)]) {
            Some(label) => format!("网页声明的编码为 {label}，但内容不是这种编码"),
            None => "网页没有声明编码，内容既不是 UTF-8 也不是 GB18030".to_string(),
        };
        return Err(ReadError::Encoding(named));
    }
    read_text(&text)
}

/// Text that collapses whitespace as it is written, for a cell or a paragraph.
#[derive(Debug, Default)]
struct Text {
    out: String,
    space: bool,
}

impl Text {
    fn push(&mut self, raw: &str) {
        for c in raw.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                self.space = true;
            } else {
                if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push(c);
            }
        }
    }
    fn hard_break(&mut self) {
        self.out.push('\n');
        self.space = false;
    }
    fn soft_break(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.space = false;
    }
    fn take(&mut self) -> String {
        self.space = false;
        grid::shown_text(&std::mem::take(&mut self.out))
    }
}

#[derive(Debug, Default)]
struct OpenCell {
    text: Text,
    row_span: usize,
    col_span: usize,
    nested: Vec<grid::Table>,
}

#[derive(Debug, Default)]
struct OpenTable {
    rows: Vec<(Vec<OpenCell>, bool)>,
    /// The open row and whether it is hidden (`display:none`, or Office's `height=0` sizing row).
    row: Option<(Vec<OpenCell>, bool)>,
    cell: Option<OpenCell>,
    /// Caption and text standing in the table outside any cell (browsers show it above).
    caption: Text,
}

/// Reads HTML that is already a string.
pub fn read_text(html: &str) -> Result<grid::Document, ReadError> {
    let html = skip_clipboard_header(html);
    let mut doc = grid::Document::default();
    let mut paragraph = Text::default();
    let mut stack: Vec<OpenTable> = Vec::new();
    let mut budget = CellBudget::default();
    // Cells and tables opened so far: counted as they open, so a page of millions of <td> is
    // refused before they are all held.
    let (mut opened_cells, mut opened_tables) = (0usize, 0usize);
    for token in lex::tokens(html) {
        match token {
            Token::Text(text) => sink(&mut stack, &mut paragraph).push(&text),
            Token::Start { name, attrs } => match name.as_str() {
                "table" => {
                    opened_tables += 1;
                    at_most(opened_tables, limits::MAX_TABLES, "表格")?;
                    if stack.len() >= limits::MAX_DEPTH {
                        return Err(ReadError::TooDeep);
                    }
                    if stack.is_empty() {
                        flush(&mut paragraph, &mut doc);
                    } else {
                        sink(&mut stack, &mut paragraph).soft_break();
                    }
                    stack.push(OpenTable::default());
                }
                "tr" | "thead" | "tbody" | "tfoot" => {
                    if let Some(table) = stack.last_mut() {
                        table.close_row();
                        if name == "tr" {
                            table.row = Some((Vec::new(), hidden_row(&attrs)));
                        }
                    }
                }
                "td" | "th" => {
                    opened_cells += 1;
                    if opened_cells > limits::MAX_CELLS {
                        return Err(ReadError::TooManyCells);
                    }
                    if let Some(table) = stack.last_mut() {
                        table.close_cell();
                        let span = |key: &str| {
                            attrs.iter().find(|(k, _)| k == key).and_then(|(_, v)| leading_number(v))
                        };
                        table.cell = Some(OpenCell {
                            row_span: span("rowspan").unwrap_or(1),
                            col_span: span("colspan").unwrap_or(1).clamp(1, 1000),
                            ..OpenCell::default()
                        });
                    }
                }
                "br" => sink(&mut stack, &mut paragraph).hard_break(),
                n if BLOCKS.contains(&n) => block_break(&mut stack, &mut paragraph, &mut doc),
                _ => {}
            },
            Token::End(name) => match name.as_str() {
                "table" => {
                    if let Some(open) = stack.pop() {
                        finish(open, &mut stack, &mut doc, &mut budget)?;
                    }
                }
                "tr" | "thead" | "tbody" | "tfoot" => {
                    if let Some(table) = stack.last_mut() {
                        table.close_row();
                    }
                }
                "td" | "th" => {
                    if let Some(table) = stack.last_mut() {
                        table.close_cell();
                    }
                }
                "br" => sink(&mut stack, &mut paragraph).hard_break(),
                n if BLOCKS.contains(&n) => block_break(&mut stack, &mut paragraph, &mut doc),
                _ => {}
            },
        }
    }
    while let Some(open) = stack.pop() {
        finish(open, &mut stack, &mut doc, &mut budget)?;
    }
    flush(&mut paragraph, &mut doc);
    // Text outside tables: each paragraph within the piece limit, all of it within the total.
    for block in &doc.blocks {
        if let grid::Block::Paragraph(text) = block {
            budget.take_text(text.len())?;
        }
    }
    Ok(doc)
}

/// The HTML of a Windows clipboard `CF_HTML` block: from its first `<`.
fn skip_clipboard_header(html: &str) -> &str {
    let trimmed = html.trim_start_matches('\u{feff}');
    if trimmed.starts_with("Version:") {
        trimmed.find('<').map_or(trimmed, |i| &trimmed[i..])
    } else {
        trimmed
    }
}

/// Whether a `<tr>` is not shown: `style="display:none"`, or the `height=0` row of column widths
/// that Word and Excel put at the end of clipboard tables.
fn hidden_row(attrs: &[(String, String)]) -> bool {
    attrs.iter().any(|(k, v)| match k.as_str() {
        "style" => v.to_ascii_lowercase().replace(' ', "").contains("display:none"),
        "height" => v.trim() == "0",
        "hidden" => true,
        _ => false,
    })
}

/// "3", " 2 ", "2px" → the leading whole number, as browsers read span attributes.
fn leading_number(value: &str) -> Option<usize> {
    let digits: String = value.trim().chars().take_while(char::is_ascii_digit).take(6).collect();
    digits.parse().ok()
}

/// Where text goes now: the open cell, the open table's caption, or the page paragraph.
fn sink<'s>(stack: &'s mut [OpenTable], paragraph: &'s mut Text) -> &'s mut Text {
    match stack.last_mut() {
        Some(table) => match &mut table.cell {
            Some(cell) => &mut cell.text,
            None => &mut table.caption,
        },
        None => paragraph,
    }
}

/// A block element starts or ends: a new line in a cell, a new paragraph outside tables.
fn block_break(stack: &mut [OpenTable], paragraph: &mut Text, doc: &mut grid::Document) {
    if stack.is_empty() {
        flush(paragraph, doc);
    } else {
        sink(stack, paragraph).soft_break();
    }
}

/// Ends the page paragraph being written (nothing for a blank one).
fn flush(paragraph: &mut Text, doc: &mut grid::Document) {
    let text = paragraph.take();
    if !text.is_empty() {
        doc.blocks.push(grid::Block::Paragraph(text));
    }
}

/// A closed table goes into the enclosing cell, or onto the page after its caption.
fn finish(
    open: OpenTable,
    stack: &mut [OpenTable],
    doc: &mut grid::Document,
    budget: &mut CellBudget,
) -> Result<(), ReadError> {
    let (mut caption, table) = open.place()?;
    budget.take(table.rows.iter().map(|r| r.cells.len()).sum())?;
    for cell in table.rows.iter().flat_map(|r| &r.cells) {
        budget.take_text(cell.text.len())?;
    }
    match stack.last_mut() {
        Some(parent) => match &mut parent.cell {
            Some(cell) => {
                cell.text.soft_break();
                cell.nested.push(table);
            }
            None => {
                if let Some(cell) = parent.row.as_mut().and_then(|r| r.0.last_mut()) {
                    cell.nested.push(table);
                } else if let Some(cell) = parent.rows.last_mut().and_then(|r| r.0.last_mut()) {
                    cell.nested.push(table);
                }
            }
        },
        None => {
            flush(&mut caption, doc);
            doc.blocks.push(grid::Block::Table(table));
        }
    }
    Ok(())
}

impl OpenTable {
    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            self.row.get_or_insert_with(Default::default).0.push(cell);
        }
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }

    /// Places the cells in the grid (HTML's table model, simplified: every row one row group)
    /// and returns the caption text with the table.
    fn place(mut self) -> Result<(Text, grid::Table), ReadError> {
        self.close_row();
        let height = self.rows.len();
        // For each column, the first row index no longer covered by a rowspan from above.
        let mut free_from: Vec<usize> = Vec::new();
        let mut rows = Vec::with_capacity(height);
        for (r, (open_row, hidden)) in self.rows.into_iter().enumerate() {
            let mut col = 0;
            let mut cells = Vec::with_capacity(open_row.len());
            for mut open in open_row {
                while free_from.get(col).is_some_and(|&f| f > r) {
                    col += 1;
                }
                let row_span = match open.row_span {
                    0 => height - r,
                    n => n.min(height - r),
                };
                let end = col + open.col_span;
                if end > MAX_COLS {
                    return Err(ReadError::Limit(format!("表格一行超过 {MAX_COLS} 列")));
                }
                if free_from.len() < end {
                    free_from.resize(end, 0);
                }
                for slot in &mut free_from[col..end] {
                    *slot = r + row_span;
                }
                cells.push(grid::Cell {
                    col,
                    text: open.text.take(),
                    row_span,
                    col_span: open.col_span,
                    nested: std::mem::take(&mut open.nested),
                });
                col = end;
            }
            rows.push(grid::Row { cells, hidden });
        }
        Ok((self.caption, grid::Table { name: String::new(), rows }))
    }
}
