//! Tab-separated text (the `text/plain` clipboard flavour of Excel, Word and WPS, or text saved
//! from a PDF) as grid tables: each run of lines that contain a tab is one table, other non-blank
//! lines are paragraphs.
//!
//! Guarantees: Excel's quoting is understood (a field that starts with `"` runs to the closing
//! quote, `""` is a quote, and may hold tabs and line breaks); a quote that never closes is read
//! as plain text instead; `\r\n` and `\r` end lines; never panics.

pub use jixiao_model::exchange::text::split;

use super::{at_most, grid, limits, piece, ReadError};

/// Reads tab-separated text into paragraphs and tables.
pub fn read(text: &str) -> Result<grid::Document, ReadError> {
    // Every tab or line break makes a cell or a row: counted before anything is built, so 30
    // million tabs or 50 MB of empty lines are refused at once.
    let (mut tabs, mut lines) = (0usize, 0usize);
    for b in text.bytes() {
        match b {
            b'\t' => tabs += 1,
            b'\n' => lines += 1,
            _ => {}
        }
    }
    if tabs > limits::MAX_CELLS {
        return Err(ReadError::TooManyCells);
    }
    at_most(lines, limits::MAX_CELLS, "文字行数")?;
    let records = split(text);
    if let Some(long) = records.iter().flatten().map(String::len).max() {
        piece(long)?;
    }
    let mut doc = grid::Document::default();
    let mut table: Vec<grid::Row> = Vec::new();
    let flush = |table: &mut Vec<grid::Row>, doc: &mut grid::Document| {
        if !table.is_empty() {
            doc.blocks.push(grid::Block::Table(grid::Table { name: String::new(), rows: std::mem::take(table) }));
        }
    };
    for fields in records {
        if fields.len() > 1 {
            let cells = fields.iter().enumerate().map(|(i, f)| grid::Cell::new(i, grid::shown_text(f))).collect();
            table.push(grid::Row { cells, hidden: false });
        } else {
            flush(&mut table, &mut doc);
            let line = grid::shown_text(fields.first().map(String::as_str).unwrap_or(""));
            if !line.is_empty() {
                doc.blocks.push(grid::Block::Paragraph(line));
            }
        }
    }
    flush(&mut table, &mut doc);
    Ok(doc)
}

