//! A layout grid as a SpreadsheetML worksheet: cells with inline strings, numbers and formulas
//! with cached values, merged cells, column widths, estimated row heights for wrapped text,
//! thin borders over whole merged areas, and A4 landscape printing fitted to the page width.
//!
//! Inline strings rather than a shared-string table: the sheet is written in one pass with no
//! lookup table (less code in the browser bundle, no hashing), every reader (Excel, WPS,
//! LibreOffice, openpyxl) accepts them, and an inline string can never be read as a formula.
//! The cost is a slightly larger file where texts repeat, which the forms rarely do.

use std::fmt::Write;

use jixiao_model::forms::{a1, col_name, Cell, Fmt, Grid, Look, RowKind, Xl};
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

/// Quarter points of one line of wrapped text: 16 pt, the line of the 11 pt CJK fallback fonts
/// LibreOffice and WPS use where 宋体 is missing (Noto Sans CJK: 1.45 em); Excel's 宋体 needs
/// 14.25 pt, so the rows are a little taller there, never clipped.
const LINE_QUARTERS: u32 = 64;

/// Column widths: the grid's, widened so that a merged label of one column (一级指标（50分）,
/// a 年度绩效目标) fits on one line when it is short (up to 20 units): LibreOffice would otherwise
/// break "产出指标（50分" from its "）".
fn column_widths(grid: &Grid) -> Vec<u16> {
    let mut widths = grid.widths.clone();
    for cell in grid.rows.iter().flat_map(|r| &r.cells).filter(|c| c.rowspan > 1 && c.colspan <= 1) {
        let need = text_units(&cell.text) + 2;
        if let (Some(w), true) = (widths.get_mut(cell.col), need <= 20) {
            *w = (*w).max(need as u16);
        }
    }
    widths
}

/// Lines a text takes in a cell `width` units wide.
fn lines(text: &str, width: u32) -> u32 {
    text.split('\n').map(|l| text_units(l).div_ceil(width.saturating_sub(1).max(1)).max(1)).sum()
}

/// Row heights in quarter points: each row as tall as its tallest wrapped cell, and the rows under
/// a vertically merged cell together as tall as its text (the last of them takes the rest).
fn row_heights(grid: &Grid, widths: &[u16]) -> Vec<u32> {
    let span_width = |c: &Cell| widths.iter().skip(c.col).take(c.colspan.max(1)).map(|w| u32::from(*w)).sum::<u32>();
    let height = |lines: u32| LINE_QUARTERS * lines.clamp(1, 40) + 8;
    let mut heights: Vec<u32> = grid
        .rows
        .iter()
        .map(|row| match row.kind {
            RowKind::Title => 30 * 4,
            RowKind::Line => height(1),
            _ => height(row.cells.iter().filter(|c| c.rowspan <= 1).map(|c| lines(&c.text, span_width(c))).max().unwrap_or(1)),
        })
        .collect();
    for (r, row) in grid.rows.iter().enumerate() {
        for c in row.cells.iter().filter(|c| c.rowspan > 1) {
            let last = (r + c.rowspan).min(heights.len()) - 1;
            let have: u32 = heights[r..=last].iter().sum();
            let need = height(lines(&c.text, span_width(c)));
            if need > have {
                heights[last] += need - have;
            }
        }
    }
    heights
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
    let widths = column_widths(grid);
    let heights = row_heights(grid, &widths);
    x.push_str("<sheetFormatPr defaultRowHeight=\"14.25\"/><cols>");
    for (i, w) in widths.iter().enumerate() {
        let _ = write!(x, "<col min=\"{0}\" max=\"{0}\" width=\"{w}\" customWidth=\"1\"/>", i + 1);
    }
    x.push_str("</cols><sheetData>");
    for (r, height) in heights.iter().enumerate() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_as_tall_as_their_wrapped_lines_in_libreoffice() {
        // Seed 000's 工运理论研究建设: 41 characters, four lines of the 22-unit 实际完成值 column,
        // which LibreOffice clipped at 14.25 pt a line.
        let text = "组织全市各级工会干部和广大职工积极参加大国工匠论坛征文活动，织开展工运史研讨活动";
        let mut g = Grid::new("t", vec![12, 22], 2);
        g.push(RowKind::Body, vec![Cell::text(0, "产出指标（50分）").rows(2), Cell::text(1, text)]);
        g.push(RowKind::Body, vec![Cell::text(1, "完成")]);
        let widths = column_widths(&g);
        assert_eq!(widths, vec![18, 22], "the merged label fits on one line");
        let h = row_heights(&g, &widths);
        assert!(h[0] >= 4 * LINE_QUARTERS, "four lines of 16 pt: {h:?}");
        assert_eq!(h[1], LINE_QUARTERS + 8);

        // A merged cell whose text is taller than its rows: the last of them grows.
        let mut g = Grid::new("t", vec![6, 10], 2);
        g.push(RowKind::Body, vec![Cell::text(0, "提升职工群众满意度和获得感的年度绩效目标").rows(2), Cell::text(1, "a")]);
        g.push(RowKind::Body, vec![Cell::text(1, "b")]);
        let widths = column_widths(&g);
        let h = row_heights(&g, &widths);
        assert!(h[0] + h[1] >= LINE_QUARTERS * lines("提升职工群众满意度和获得感的年度绩效目标", 6), "{h:?}");
        assert_eq!(h[0], LINE_QUARTERS + 8, "the first row keeps its own height");
    }
}
