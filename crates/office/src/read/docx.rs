//! Word documents (.docx, from Word, WPS and LibreOffice): the tables of `word/document.xml` in
//! document order with the paragraphs between them.
//!
//! Guarantees: text of all runs (`w:t`, including inserted text, content controls, hyperlinks
//! and fields' shown results), tabs as `\t`, `w:br`/`w:cr` and each paragraph of a cell as `\n`;
//! deleted and moved-away text, field codes, ruby (phonetic) text, drawings, text boxes and
//! embedded objects are left out.
//! `w:gridBefore` and `w:gridSpan` place cells in columns, `w:vMerge` restart/continue becomes
//! the starting cell's `row_span`, legacy `w:hMerge` its `col_span`, and nested tables go into
//! [`grid::Cell::nested`]. The walk is iterative (an explicit stack of open tables), nesting
//! deeper than [`limits::MAX_DEPTH`] is refused, and cells count against the document's budget.

use quick_xml::events::Event;

use super::xml::{attr, attr_num, attr_on, local, Xml};
use super::{at_most, grid, limits, piece, CellBudget, ReadError};

/// Elements whose whole subtree holds nothing shown as table text.
const SKIPPED: &[&[u8]] = &[
    b"pPr", b"rPr", b"tblPr", b"tblGrid", b"sectPr", b"del", b"moveFrom", b"delText", b"instrText",
    b"drawing", b"pict", b"object", b"Fallback", b"txbxContent", b"tblPrEx", b"tblStylePr", b"rt",
];

/// The widest span believed from a file (Word's own limit is 63 columns).
const MAX_SPAN: usize = 1000;
/// The furthest column a cell may start at (Excel's width), however many spans a row claims.
const MAX_COL: usize = 16_384;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum VMerge {
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
struct OpenCell {
    cell: grid::Cell,
    lines: Vec<String>,
    line: String,
    vmerge: VMerge,
    hmerge_continue: bool,
}

#[derive(Debug, Default)]
struct OpenRow {
    cells: Vec<(grid::Cell, VMerge)>,
    next_col: usize,
    hidden: bool,
}

#[derive(Debug, Default)]
struct OpenTable {
    rows: Vec<OpenRow>,
    row: Option<OpenRow>,
    cell: Option<OpenCell>,
}

/// Reads the main document part (`data`, named `part`).
pub fn read(data: &[u8], part: &str) -> Result<grid::Document, ReadError> {
    let mut xml = Xml::new(data, part)?;
    let mut doc = grid::Document::default();
    let mut stack: Vec<OpenTable> = Vec::new();
    let mut paragraph = String::new();
    let mut in_text = false;
    let mut budget = CellBudget::default();
    // Tables and cells opened so far, counted as they open (not when their table closes).
    let (mut opened_tables, mut opened_cells) = (0usize, 0usize);
    loop {
        match xml.next()? {
            Event::Start(e) => {
                let name = local(&e);
                if SKIPPED.contains(&name) {
                    xml.skip(&e)?;
                    continue;
                }
                match name {
                    b"tbl" => {
                        opened_tables += 1;
                        at_most(opened_tables, limits::MAX_TABLES, "表格")?;
                        if stack.len() >= limits::MAX_DEPTH {
                            return Err(ReadError::TooDeep);
                        }
                        stack.push(OpenTable::default());
                    }
                    b"tr" => {
                        if let Some(table) = stack.last_mut() {
                            table.close_row();
                            table.row = Some(OpenRow::default());
                        }
                    }
                    b"tc" => {
                        opened_cells += 1;
                        if opened_cells > limits::MAX_CELLS {
                            return Err(ReadError::TooManyCells);
                        }
                        if let Some(table) = stack.last_mut() {
                            table.close_cell();
                            let row = table.row.get_or_insert_with(OpenRow::default);
                            table.cell = Some(OpenCell {
                                cell: grid::Cell::new(row.next_col, ""),
                                lines: Vec::new(),
                                line: String::new(),
                                vmerge: VMerge::None,
                                hmerge_continue: false,
                            });
                        }
                    }
                    b"gridBefore" => {
                        if let Some(OpenTable { row: Some(row), cell: None, .. }) = stack.last_mut() {
                            row.next_col += attr_num(&e, b"val").unwrap_or(0).min(MAX_SPAN);
                        }
                    }
                    b"hidden" => {
                        if let Some(OpenTable { row: Some(row), cell: None, .. }) = stack.last_mut() {
                            row.hidden = attr_on(&e, b"val", true);
                        }
                    }
                    b"gridSpan" | b"vMerge" | b"hMerge" => {
                        if let Some(OpenTable { cell: Some(open), .. }) = stack.last_mut() {
                            let val = attr(&e, b"val");
                            match name {
                                b"gridSpan" => {
                                    open.cell.col_span = val.and_then(|v| v.trim().parse().ok()).unwrap_or(1).clamp(1, MAX_SPAN)
                                }
                                b"vMerge" => {
                                    open.vmerge = if val.as_deref() == Some("restart") { VMerge::Restart } else { VMerge::Continue }
                                }
                                _ => open.hmerge_continue = val.as_deref() != Some("restart"),
                            }
                        }
                    }
                    b"t" => in_text = true,
                    b"tab" => sink(&mut stack, &mut paragraph).push('\t'),
                    b"br" if !matches!(attr(&e, b"type").as_deref(), Some("page" | "column")) => {
                        sink(&mut stack, &mut paragraph).push('\n');
                    }
                    b"cr" => sink(&mut stack, &mut paragraph).push('\n'),
                    b"noBreakHyphen" => sink(&mut stack, &mut paragraph).push('-'),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let text = xml.text(&t)?;
                budget.take_text(text.len())?;
                let line = sink(&mut stack, &mut paragraph);
                piece(line.len().saturating_add(text.len()))?;
                line.push_str(&text);
            }
            Event::CData(t) if in_text => {
                sink(&mut stack, &mut paragraph).push_str(&String::from_utf8_lossy(&t));
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"p" => match stack.last_mut() {
                    Some(OpenTable { cell: Some(open), .. }) => open.lines.push(std::mem::take(&mut open.line)),
                    Some(_) => {}
                    None => {
                        let text = grid::shown_text(&std::mem::take(&mut paragraph));
                        if !text.is_empty() {
                            doc.blocks.push(grid::Block::Paragraph(text));
                        }
                    }
                },
                b"tc" => {
                    if let Some(table) = stack.last_mut() {
                        table.close_cell();
                    }
                }
                b"tr" => {
                    if let Some(table) = stack.last_mut() {
                        table.close_row();
                    }
                }
                b"tbl" => {
                    if let Some(open) = stack.pop() {
                        let table = open.finish();
                        budget.take(table.rows.iter().map(|r| r.cells.len()).sum())?;
                        match stack.last_mut() {
                            Some(parent) => parent.nest(table),
                            None => doc.blocks.push(grid::Block::Table(table)),
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    // A document cut short: keep what was read of its open tables.
    while let Some(open) = stack.pop() {
        let table = open.finish();
        match stack.last_mut() {
            Some(parent) => parent.nest(table),
            None => doc.blocks.push(grid::Block::Table(table)),
        }
    }
    Ok(doc)
}

/// Where run text goes: the open cell of the innermost table, or the paragraph outside tables.
/// Text standing in a table outside any cell (not valid Word) goes to a scratch string.
fn sink<'s>(stack: &'s mut [OpenTable], paragraph: &'s mut String) -> &'s mut String {
    match stack.last_mut() {
        Some(table) => match &mut table.cell {
            Some(open) => &mut open.line,
            None => {
                paragraph.clear();
                paragraph
            }
        },
        None => paragraph,
    }
}

impl OpenTable {
    fn close_cell(&mut self) {
        let Some(mut open) = self.cell.take() else { return };
        if !open.line.is_empty() {
            open.lines.push(std::mem::take(&mut open.line));
        }
        open.cell.text = grid::shown_text(&open.lines.join("\n"));
        open.cell.col = open.cell.col.min(MAX_COL);
        let row = self.row.get_or_insert_with(OpenRow::default);
        if open.hmerge_continue {
            if let Some((previous, _)) = row.cells.last_mut() {
                previous.col_span += open.cell.col_span;
                row.next_col += open.cell.col_span;
                return;
            }
        }
        row.next_col = open.cell.col.saturating_add(open.cell.col_span);
        row.cells.push((open.cell, open.vmerge));
    }

    fn close_row(&mut self) {
        self.close_cell();
        if let Some(row) = self.row.take() {
            self.rows.push(row);
        }
    }

    /// Puts a finished inner table into the open cell (or the last cell read).
    fn nest(&mut self, table: grid::Table) {
        if let Some(open) = &mut self.cell {
            if !open.line.is_empty() {
                open.lines.push(std::mem::take(&mut open.line));
            }
            open.cell.nested.push(table);
        } else if let Some((cell, _)) = self.row.as_mut().and_then(|r| r.cells.last_mut()) {
            cell.nested.push(table);
        } else if let Some((cell, _)) = self.rows.last_mut().and_then(|r| r.cells.last_mut()) {
            cell.nested.push(table);
        }
    }

    /// The table with vertical merges turned into row spans on their starting cells.
    fn finish(mut self) -> grid::Table {
        self.close_row();
        let mut rows: Vec<grid::Row> = Vec::with_capacity(self.rows.len());
        // Column → (row, index in row) of the cell a vertical merge started at.
        let mut origin: std::collections::HashMap<usize, (usize, usize)> = Default::default();
        for open in self.rows {
            let r = rows.len();
            let mut next_origin = std::collections::HashMap::new();
            let mut cells = Vec::new();
            for (cell, vmerge) in open.cells {
                if vmerge == VMerge::Continue {
                    if let Some(&(orow, oi)) = origin.get(&cell.col) {
                        if let Some(start) = rows.get_mut(orow).and_then(|row: &mut grid::Row| row.cells.get_mut(oi)) {
                            start.row_span += 1;
                            next_origin.insert(cell.col, (orow, oi));
                            continue;
                        }
                    }
                }
                if vmerge != VMerge::None {
                    next_origin.insert(cell.col, (r, cells.len()));
                }
                cells.push(cell);
            }
            origin = next_origin;
            rows.push(grid::Row { cells, hidden: open.hidden });
        }
        grid::Table { name: String::new(), rows }
    }
}
