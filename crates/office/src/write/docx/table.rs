//! A layout grid as WordprocessingML: table titles and lines as paragraphs, each run of form
//! rows as a `w:tbl` with fixed column widths, thin borders, header rows repeated on every page
//! (`w:tblHeader`), rows that never split across pages (`w:cantSplit`), rows kept with the next
//! where `keep` says so (`w:keepNext` on every paragraph of the row, merged cells included),
//! horizontal merges as `w:gridSpan` and vertical merges as `w:vMerge`.
//!
//! Guarantees: every row of a table has cells covering exactly its grid columns (merged cells
//! are continued, gaps filled with empty cells), which Word requires to open the file; the
//! Excel-only helper columns are left out.

use jixiao_model::forms::{Cell, Grid, Look, Row, RowKind};
use super::super::xml::push_escaped;

/// Appends a paragraph of `style` with `text` (line breaks kept).
pub(crate) fn para(out: &mut String, style: &str, jc: Option<&str>, text: &str) {
    kept_para(out, style, jc, text, false);
}

/// A paragraph as `para`, kept on the same page as the next one when `keep`.
fn kept_para(out: &mut String, style: &str, jc: Option<&str>, text: &str, keep: bool) {
    out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
    out.push_str(style);
    out.push('"');
    out.push_str("/>");
    if keep {
        out.push_str("<w:keepNext/>");
    }
    if let Some(jc) = jc {
        out.push_str("<w:jc w:val=\"");
        out.push_str(jc);
        out.push_str("\"/>");
    }
    out.push_str("</w:pPr>");
    run(out, text);
    out.push_str("</w:p>");
}

/// A run with `text`; newlines become `w:br`.
fn run(out: &mut String, text: &str) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        out.push_str("<w:t xml:space=\"preserve\">");
        push_escaped(out, line.trim_end_matches('\r'));
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

/// Renders a grid at `width` twips on pages whose text area is `height` twips tall (where its
/// rows may break: `keep`).
pub(crate) fn grid(out: &mut String, grid: &Grid, width: u32, height: u32) {
    let cols = grid.print_cols.min(grid.widths.len());
    let total: u32 = grid.widths[..cols].iter().map(|w| u32::from(*w)).sum::<u32>().max(1);
    let twips: Vec<u32> = grid.widths[..cols].iter().map(|w| u32::from(*w) * width / total).collect();
    let keep = super::keep::keep_with_next(grid, &twips, height);
    let mut segment: Vec<(&Row, bool)> = Vec::new();
    // Word joins two tables with nothing between them into one (and would then not repeat
    // the second one's header): a hairline paragraph keeps them apart. `after_table` holds
    // whether the last row of the table just written is kept with what follows.
    let mut after_table: Option<bool> = None;
    for (row, &kept) in grid.rows.iter().zip(&keep) {
        let is_form = matches!(row.kind, RowKind::Header | RowKind::Body);
        if !is_form || row.new_table {
            after_table = flush(out, &mut segment, &twips, after_table).or(after_table);
        }
        match row.kind {
            RowKind::Title => kept_para(out, "TableTitle", None, &row_text(row), kept),
            RowKind::Line => kept_para(out, "Line", None, &row_text(row), kept),
            _ => segment.push((row, kept)),
        }
        if !is_form {
            after_table = None;
        }
    }
    flush(out, &mut segment, &twips, after_table);
}

/// Writes the pending rows as a table, after a hairline paragraph if a table was just written
/// (`after_table`: whether its last row is kept with what follows); returns whether the new
/// table's last row is kept with what follows, if a table was written.
fn flush(out: &mut String, segment: &mut Vec<(&Row, bool)>, twips: &[u32], after_table: Option<bool>) -> Option<bool> {
    let last = segment.last()?.1;
    if let Some(kept) = after_table {
        out.push_str("<w:p><w:pPr>");
        if kept {
            out.push_str("<w:keepNext/>");
        }
        out.push_str("<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"60\" w:lineRule=\"exact\"/></w:pPr></w:p>");
    }
    table(out, segment, twips);
    segment.clear();
    Some(last)
}

fn row_text(row: &Row) -> String {
    row.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// One `w:tbl` of consecutive form rows.
fn table(out: &mut String, rows: &[(&Row, bool)], twips: &[u32]) {
    if rows.is_empty() {
        return;
    }
    let width: u32 = twips.iter().sum();
    out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"");
    out.push_str(&width.to_string());
    out.push_str("\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str("<w:");
        out.push_str(side);
        out.push_str(" w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>");
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
    for w in twips {
        out.push_str("<w:gridCol w:w=\"");
        out.push_str(&w.to_string());
        out.push_str("\"/>");
    }
    out.push_str("</w:tblGrid>");
    let n = twips.len();
    // Per column: (colspan, rows still covered) of a vertical merge from a row above.
    let mut below: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut leading_headers = true;
    for &(row, keep) in rows {
        leading_headers &= row.kind == RowKind::Header;
        out.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if leading_headers {
            out.push_str("<w:tblHeader/>");
        }
        out.push_str("</w:trPr>");
        let mut c = 0;
        while c < n {
            if let Some((span, left)) = below[c] {
                tc(out, twips, c, span, Some(false), None, keep);
                below[c] = if left > 1 { Some((span, left - 1)) } else { None };
                c += span;
            } else if let Some(cell) = row.cells.iter().find(|cell| cell.col == c) {
                let span = cell.colspan.min(n - c).max(1);
                let merge = (cell.rowspan > 1).then(|| {
                    below[c] = Some((span, cell.rowspan - 1));
                    true
                });
                tc(out, twips, c, span, merge, Some(cell), keep);
                c += span;
            } else {
                tc(out, twips, c, 1, None, None, keep);
                c += 1;
            }
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

/// One `w:tc`: `merge` is `Some(true)` to start a vertical merge, `Some(false)` to continue one;
/// `keep` keeps its row on the same page as the next (every cell's paragraph carries it).
fn tc(out: &mut String, twips: &[u32], col: usize, span: usize, merge: Option<bool>, cell: Option<&Cell>, keep: bool) {
    let width: u32 = twips[col..col + span].iter().sum();
    out.push_str("<w:tc><w:tcPr><w:tcW w:w=\"");
    out.push_str(&width.to_string());
    out.push_str("\" w:type=\"dxa\"/>");
    if span > 1 {
        out.push_str("<w:gridSpan w:val=\"");
        out.push_str(&span.to_string());
        out.push_str("\"/>");
    }
    match merge {
        Some(true) => out.push_str("<w:vMerge w:val=\"restart\"/>"),
        Some(false) => out.push_str("<w:vMerge/>"),
        None => {}
    }
    out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
    let (text, jc) = match cell {
        Some(cell) => (cell.text.as_str(), if matches!(cell.look, Look::Text | Look::Signature) { "left" } else { "center" }),
        None => ("", "center"),
    };
    kept_para(out, "Cell", Some(jc), text, keep);
    out.push_str("</w:tc>");
}
