//! Turns the paragraphs of a .doc into grid blocks: paragraphs outside tables as
//! `Block::Paragraph` (as the .docx reader keeps them), table paragraphs into cells and rows by
//! their marks and properties, nested tables (depth from sprmPItap) into the cell that holds
//! them. A table's columns are the distinct cell edges of all its rows (sprmTDefTable's
//! rgdxaCenter, edges within [`SAME_EDGE`] twips taken as one), so a cell spanning several
//! columns gets its `col_span`; cells merged horizontally (TC80 fMerged / sprmTMerge) join the
//! first cell of their run, cells merged vertically (sprmTVertMerge / TC80 vertMerge) become the
//! `row_span` of the cell that starts the run.
//!
//! Guarantees: tables deeper than [`limits::MAX_DEPTH`] are refused, cells count against the
//! document's budget, cells of a row never overlap whatever edges a file claims.

use super::super::{grid, limits, CellBudget, ReadError};
use super::papx::{Tap, TapCell};
use super::{Mark, Para};

/// Edges closer than this (twips) are one column edge: writers round widths differently.
const SAME_EDGE: i32 = 20;

#[derive(Debug, Default)]
struct OpenCell {
    /// The cell's paragraphs so far, joined by `\n` (one string: a cell of a million empty
    /// paragraphs costs a megabyte, not a million strings).
    text: String,
    lines: usize,
    nested: Vec<grid::Table>,
}

impl OpenCell {
    fn add_line(&mut self, line: &str) {
        if self.lines > 0 {
            self.text.push('\n');
        }
        self.text.push_str(line);
        self.lines += 1;
    }
}

#[derive(Debug, Default)]
struct OpenRow {
    cells: Vec<OpenCell>,
    tap: Option<Tap>,
}

#[derive(Debug, Default)]
struct OpenTable {
    rows: Vec<OpenRow>,
    row: Vec<OpenCell>,
    cell: OpenCell,
}

/// Builds the document's blocks from its paragraphs, one at a time.
#[derive(Debug, Default)]
pub(super) struct Assembler {
    doc: grid::Document,
    stack: Vec<OpenTable>,
    budget: CellBudget,
}

impl Assembler {
    /// Takes the next paragraph.
    pub fn push(&mut self, para: Para) -> Result<(), ReadError> {
        let depth = para.props.depth();
        if depth > limits::MAX_DEPTH as i64 {
            return Err(ReadError::TooDeep);
        }
        let depth = depth as usize;
        while self.stack.len() > depth {
            close(&mut self.stack, &mut self.doc, &mut self.budget)?;
        }
        while self.stack.len() < depth {
            self.stack.push(OpenTable::default());
        }
        let Some(table) = self.stack.last_mut() else {
            let text = grid::shown_text(&para.text);
            if !text.is_empty() {
                self.doc.blocks.push(grid::Block::Paragraph(text));
            }
            return Ok(());
        };
        let (row_end, cell_end) = if depth == 1 {
            (para.props.ttp, para.mark == Mark::Cell)
        } else {
            (para.props.inner_ttp, para.props.inner_cell)
        };
        if row_end {
            table.end_cell_if_open(&mut self.budget)?;
            let cells = std::mem::take(&mut table.row);
            table.rows.push(OpenRow { cells, tap: para.props.tap });
        } else {
            table.cell.add_line(&para.text);
            if cell_end {
                self.budget.take(1)?;
                let cell = std::mem::take(&mut table.cell);
                table.row.push(cell);
            }
        }
        Ok(())
    }

    /// The document, with tables left open at its end closed.
    pub fn finish(mut self) -> Result<grid::Document, ReadError> {
        while !self.stack.is_empty() {
            close(&mut self.stack, &mut self.doc, &mut self.budget)?;
        }
        Ok(self.doc)
    }
}

/// Closes the innermost open table into its parent's open cell, or the document.
fn close(stack: &mut Vec<OpenTable>, doc: &mut grid::Document, budget: &mut CellBudget) -> Result<(), ReadError> {
    let Some(mut open) = stack.pop() else { return Ok(()) };
    open.end_cell_if_open(budget)?;
    if !open.row.is_empty() {
        let cells = std::mem::take(&mut open.row);
        open.rows.push(OpenRow { cells, tap: None });
    }
    let table = layout(open.rows);
    match stack.last_mut() {
        Some(parent) => parent.cell.nested.push(table),
        None => doc.blocks.push(grid::Block::Table(table)),
    }
    Ok(())
}

impl OpenTable {
    /// A cell left without its mark (text before a row end, or at the end of the document).
    fn end_cell_if_open(&mut self, budget: &mut CellBudget) -> Result<(), ReadError> {
        if self.cell.text.chars().any(|c| c != '\n') || !self.cell.nested.is_empty() {
            budget.take(1)?;
            let cell = std::mem::take(&mut self.cell);
            self.row.push(cell);
        } else {
            self.cell = OpenCell::default();
        }
        Ok(())
    }
}

/// Column edges of a table: the sorted starts of groups of edges within [`SAME_EDGE`].
fn columns(rows: &[OpenRow]) -> Vec<i32> {
    let mut edges: Vec<i32> = rows.iter().filter_map(|r| r.tap.as_ref()).flat_map(|t| t.cells.iter().flat_map(|c| [c.left, c.right])).collect();
    edges.sort_unstable();
    let mut starts: Vec<i32> = Vec::new();
    let mut last = i32::MIN;
    for e in edges {
        if starts.is_empty() || e.saturating_sub(last) > SAME_EDGE {
            starts.push(e);
        }
        last = e;
    }
    starts
}

/// The grid table: cells placed by their edges, merges applied.
fn layout(rows: Vec<OpenRow>) -> grid::Table {
    let starts = columns(&rows);
    let column = |x: i32| starts.partition_point(|&s| s <= x).saturating_sub(1);
    let mut out: Vec<grid::Row> = Vec::with_capacity(rows.len());
    // Column → (row, index in row) of the cell a vertical merge started at.
    let mut origin: std::collections::HashMap<usize, (usize, usize)> = Default::default();
    for row in rows {
        let r = out.len();
        let mut next_origin = std::collections::HashMap::new();
        let mut cells: Vec<grid::Cell> = Vec::new();
        let mut next_col = 0usize;
        for (k, open) in row.cells.into_iter().enumerate() {
            let tc: Option<TapCell> = row.tap.as_ref().and_then(|t| t.cells.get(k).copied());
            let (col, end) = match tc {
                Some(tc) => {
                    let col = column(tc.left).max(next_col);
                    (col, column(tc.right).max(col + 1))
                }
                None => (next_col, next_col + 1),
            };
            next_col = end;
            let text = grid::shown_text(&open.text);
            let tc = tc.unwrap_or_default();
            if tc.hmerge >= 2 {
                if let Some(previous) = cells.last_mut() {
                    previous.col_span = end - previous.col;
                    if !text.is_empty() {
                        previous.text = if previous.text.is_empty() { text } else { format!("{}\n{text}", previous.text) };
                    }
                    previous.nested.extend(open.nested);
                    continue;
                }
            }
            if tc.vmerge == 1 {
                if let Some(&(orow, oi)) = origin.get(&col) {
                    if let Some(start) = out.get_mut(orow).and_then(|row: &mut grid::Row| row.cells.get_mut(oi)) {
                        start.row_span += 1;
                        next_origin.insert(col, (orow, oi));
                        continue;
                    }
                }
            }
            if tc.vmerge != 0 {
                next_origin.insert(col, (r, cells.len()));
            }
            cells.push(grid::Cell { col, text, row_span: 1, col_span: end - col, nested: open.nested });
        }
        origin = next_origin;
        out.push(grid::Row { cells, hidden: false });
    }
    grid::Table { name: String::new(), rows: out }
}
