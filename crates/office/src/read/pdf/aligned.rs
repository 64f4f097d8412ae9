//! Tables drawn without ruling lines, found from the alignment of text: a run of at least
//! [`MIN_ROWS`] consecutive lines, each split by wide gaps into at least [`MIN_COLS`] pieces,
//! whose pieces line up in columns (the gaps of every line fall on common gutters) is a table
//! of one row per line.
//!
//! Guarantees: conservative: a cover page's "名称： 值" lines (two pieces) or a lone
//! "填表人 … 日期 … 电话" line never make a table; cells of a row never overlap (pieces in one
//! column are joined with a space); rows of wrapped text are not rebuilt (each visual line is a
//! row), and no spans are guessed.

use super::syntax::Fx;
use jixiao_model::exchange::grid;

/// Lines a table without rules needs.
const MIN_ROWS: usize = 3;
/// Columns it needs.
const MIN_COLS: usize = 3;

/// A line of text as the finder sees it: its top, font size and pieces (left, right, text).
pub struct Line<'a> {
    pub top: Fx,
    pub size: Fx,
    pub pieces: &'a [(Fx, Fx, String)],
}

/// A table found: the lines it takes (`first..end`), its grid and its column edges.
pub struct Found {
    pub first: usize,
    pub end: usize,
    pub table: grid::Table,
    pub xs: Vec<Fx>,
}

/// The tables among `lines` (top to bottom).
pub fn find(lines: &[Line<'_>]) -> Vec<Found> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut end = i;
        while end < lines.len()
            && lines[end].pieces.len() >= MIN_COLS
            && (end == i || lines[end - 1].top - lines[end].top <= lines[end - 1].size.max(lines[end].size) * 5 / 2)
        {
            end += 1;
        }
        if end - i >= MIN_ROWS {
            if let Some(found) = table(&lines[i..end], i) {
                out.push(found);
                i = end;
                continue;
            }
        }
        i = end.max(i + 1);
    }
    out
}

fn table(block: &[Line<'_>], first: usize) -> Option<Found> {
    // Columns: the union of all pieces' extents; gutters are what no piece covers.
    let mut spans: Vec<(Fx, Fx)> = block.iter().flat_map(|l| l.pieces.iter().map(|p| (p.0, p.1))).collect();
    spans.sort_unstable();
    let mut columns: Vec<(Fx, Fx)> = Vec::new();
    for (a, b) in spans {
        match columns.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => columns.push((a, b)),
        }
    }
    if columns.len() < MIN_COLS {
        return None;
    }
    let mut rows = Vec::with_capacity(block.len());
    for line in block {
        let mut row = grid::Row::default();
        for (x0, _, text) in line.pieces {
            let col = columns.iter().position(|c| *x0 >= c.0 && *x0 <= c.1).unwrap_or(0);
            match row.cells.last_mut() {
                Some(cell) if cell.col == col => {
                    cell.text.push(' ');
                    cell.text.push_str(text.trim());
                }
                _ => row.cells.push(grid::Cell::new(col, text.trim())),
            }
        }
        rows.push(row);
    }
    let mut xs: Vec<Fx> = columns.iter().map(|c| c.0).collect();
    xs.extend(columns.last().map(|c| c.1));
    Some(Found { first, end: first + block.len(), table: grid::Table { name: String::new(), rows }, xs })
}
