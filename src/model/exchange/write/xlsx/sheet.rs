//! A layout grid as a SpreadsheetML worksheet: cells with inline strings, numbers and formulas
//! with cached values, merged cells, column widths, estimated row heights for wrapped text,
//! thin borders over whole merged areas, and A4 landscape printing fitted to the page width.
//!
//! Inline strings rather than a shared-string table: the sheet is written in one pass with no
//! lookup table (less code in the browser bundle, no hashing), every reader (Excel, WPS,
//! LibreOffice, openpyxl) accepts them, and an inline string can never be read as a formula.
//! The cost is a slightly larger file where texts repeat, which the forms rarely do.

use std::fmt::Write;

use crate::model::forms::{a1, col_name, Cell, Fmt, Grid, Look, RowKind, Xl};
use super::super::xml::push_escaped;
use super::parts::style;

/// Styles of the cells a merged area covers (borders must be on every cell of the area).
#[derive(Clone, Copy)]
enum Slot<'a> {
    Anchor(&'a Cell, u32),
    Covered(u32),
}

/// Width in Excel character units of a text (CJK and full-width characters count two).
fn text_units(text: &str) -> u32 {
    text.chars().map(|c| if (c as u32) < 0x2E80 { 1 } else { 2 }).sum()
}

/// The style index of a cell.
fn cell_style(kind: RowKind, cell: &Cell) -> u32 {
    match (kind, cell.look, &cell.xl) {
        (RowKind::Title, _, _) => style::TITLE,
        (RowKind::Line, _, _) => style::LINE,
        (_, Look::Head, _) => style::HEAD,
        (_, _, Xl::Number(_, f) | Xl::Formula(_, _, f)) => match f {
            Fmt::General => style::FIGURE,
            Fmt::Fixed2 => style::FIXED2,
            Fmt::Percent => style::PERCENT,
        },
        (_, Look::Figure, _) => style::FIGURE,
        _ => style::TEXT,
    }
}

/// The worksheet XML of a grid; `title_rows` are the repeated print titles (worksheet rows).
pub(crate) fn worksheet(grid: &Grid, selected: bool) -> String {
    let ncols = grid.widths.len().max(1);
    let nrows = grid.rows.len();
    let mut slots: Vec<Vec<Option<Slot>>> = vec![vec![None; ncols]; nrows];
    let mut merges: Vec<String> = Vec::new();
    for (r, row) in grid.rows.iter().enumerate() {
        for cell in &row.cells {
            if cell.col >= ncols {
                continue;
            }
            let s = cell_style(row.kind, cell);
            let last_col = (cell.col + cell.colspan.max(1)).min(ncols) - 1;
            let last_row = (r + cell.rowspan.max(1)).min(nrows) - 1;
            for (rr, slot_row) in slots.iter_mut().enumerate().take(last_row + 1).skip(r) {
                for (cc, slot) in slot_row.iter_mut().enumerate().take(last_col + 1).skip(cell.col) {
                    *slot = Some(if rr == r && cc == cell.col { Slot::Anchor(cell, s) } else { Slot::Covered(s) });
                }
            }
            if last_col > cell.col || last_row > r {
                merges.push(format!("{}:{}", a1(r, cell.col), a1(last_row, last_col)));
            }
        }
    }

    let mut x = String::with_capacity(256 * nrows + 1024);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
    let _ = write!(x, "<dimension ref=\"A1:{}\"/>", a1(nrows.max(1) - 1, ncols - 1));
    let _ = write!(x, "<sheetViews><sheetView{} workbookViewId=\"0\"/></sheetViews>", if selected { " tabSelected=\"1\"" } else { "" });
    x.push_str("<sheetFormatPr defaultRowHeight=\"14.25\"/><cols>");
    for (i, w) in grid.widths.iter().enumerate() {
        let _ = write!(x, "<col min=\"{0}\" max=\"{0}\" width=\"{w}\" customWidth=\"1\"/>", i + 1);
    }
    x.push_str("</cols><sheetData>");
    for (r, row) in grid.rows.iter().enumerate() {
        let lines = row
            .cells
            .iter()
            .filter(|c| c.rowspan == 1 && row.kind != RowKind::Line)
            .map(|c| {
                let width: u32 = grid.widths.iter().skip(c.col).take(c.colspan).map(|w| u32::from(*w)).sum::<u32>().saturating_sub(1).max(1);
                c.text.split('\n').map(|l| text_units(l).div_ceil(width).max(1)).sum::<u32>()
            })
            .max()
            .unwrap_or(1);
        let height = if row.kind == RowKind::Title { 30 * 4 } else { 57 * lines.clamp(1, 40) + 4 };
        let _ = write!(x, "<row r=\"{}\" ht=\"{}.{:02}\">", r + 1, height / 4, (height % 4) * 25);
        for (c, slot) in slots[r].iter().enumerate() {
            match slot {
                None => {}
                Some(Slot::Covered(s)) => {
                    let _ = write!(x, "<c r=\"{}\" s=\"{s}\"/>", a1(r, c));
                }
                Some(Slot::Anchor(cell, s)) => value(&mut x, &a1(r, c), *s, &cell.xl),
            }
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    if !merges.is_empty() {
        let _ = write!(x, "<mergeCells count=\"{}\">", merges.len());
        for m in &merges {
            let _ = write!(x, "<mergeCell ref=\"{m}\"/>");
        }
        x.push_str("</mergeCells>");
    }
    x.push_str("<printOptions horizontalCentered=\"1\"/><pageMargins left=\"0.6\" right=\"0.6\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/><pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/><headerFooter><oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter></headerFooter></worksheet>");
    x
}

/// One `<c>` element.
fn value(x: &mut String, r: &str, s: u32, xl: &Xl) {
    match xl {
        Xl::Empty => {
            let _ = write!(x, "<c r=\"{r}\" s=\"{s}\"/>");
        }
        Xl::Text(t) => {
            let _ = write!(x, "<c r=\"{r}\" s=\"{s}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
            push_escaped(x, t);
            x.push_str("</t></is></c>");
        }
        Xl::Number(v, _) => {
            let _ = write!(x, "<c r=\"{r}\" s=\"{s}\"><v>{}</v></c>", v.normalize());
        }
        Xl::Formula(f, cached, _) => {
            let t = if cached.is_none() { " t=\"str\"" } else { "" };
            let _ = write!(x, "<c r=\"{r}\" s=\"{s}\"{t}><f>");
            push_escaped(x, f);
            x.push_str("</f><v>");
            if let Some(v) = cached {
                x.push_str(&v.normalize().to_string());
            }
            x.push_str("</v></c>");
        }
        Xl::FormulaText(f, cached) => {
            let _ = write!(x, "<c r=\"{r}\" s=\"{s}\" t=\"str\"><f>");
            push_escaped(x, f);
            x.push_str("</f><v>");
            push_escaped(x, cached);
            x.push_str("</v></c>");
        }
    }
}

/// The print area (the official form, without helper columns) as `$A$1:$H$40`.
pub(crate) fn print_area(grid: &Grid) -> String {
    let last = grid.print_cols.max(1) - 1;
    format!("$A$1:${}${}", col_name(last), grid.rows.len().max(1))
}

/// The rows repeated at the top of every printed page (`$12:$12`), if the grid has a header.
pub(crate) fn print_titles(grid: &Grid) -> Option<String> {
    let rows = grid.header_rows();
    let first = *rows.first()?;
    let mut last = first;
    while rows.contains(&(last + 1)) {
        last += 1;
    }
    Some(format!("${}:${}", first + 1, last + 1))
}
