//! Where a Word table may break across pages: which rows of a grid are kept with the next one
//! (`w:keepNext` on every paragraph of the row, which Word and LibreOffice honour in tables).
//!
//! Guarantees: a grid whose estimated height fits on one page is kept whole; otherwise the rows
//! under one vertically merged label (一级 / 二级 / 年度绩效目标 / 预算执行情况) are kept together
//! when they fit on half a page, and a larger group keeps together its first rows until they are
//! as tall as its label, so a merged label is never split from its rows ("（30 分）" alone); header rows and a line introducing
//! a table stay with its first row; the lines after the last table (填表人, the 评价人员 signature
//! lines) stay with its last row. The estimate errs on the tall side (wide fallback fonts), so a
//! grid declared to fit does fit in Word and LibreOffice.

use jixiao_model::forms::{Grid, RowKind};

/// Twips of one line of a table cell (五号 at the exact line height of the `Cell` style).
pub(crate) const CELL_LINE: u32 = 260;
/// Cell padding left + right (the table style's cell margins), twips.
const CELL_MARGINS: u32 = 170;
/// Twips of a line outside the table (小四 with its spacing) and of a table title (小二).
const LINE: u32 = 470;
const TITLE: u32 = 780;

/// Width in half-ems (CJK and full-width characters count two, like Excel's units).
fn half_ems(text: &str) -> u32 {
    text.chars().map(|c| if (c as u32) < 0x2E80 { 1 } else { 2 }).sum()
}

/// Lines a text takes in a cell `width` twips wide (五号: a CJK character is 210 twips).
pub(crate) fn lines(text: &str, width: u32) -> u32 {
    let per_line = (width.saturating_sub(CELL_MARGINS) / 105).max(1);
    text.split('\n').map(|l| half_ems(l.trim_end()).div_ceil(per_line).max(1)).sum()
}

/// Estimated height of each row of `grid` in twips, columns `twips` wide.
fn heights(grid: &Grid, twips: &[u32]) -> Vec<u32> {
    grid.rows
        .iter()
        .map(|row| match row.kind {
            RowKind::Title => TITLE,
            RowKind::Line => LINE,
            RowKind::Header | RowKind::Body => {
                let tallest = row
                    .cells
                    .iter()
                    .filter(|c| c.rowspan <= 1 && c.col < twips.len())
                    .map(|c| lines(&c.text, twips[c.col..(c.col + c.colspan.max(1)).min(twips.len())].iter().sum()))
                    .max()
                    .unwrap_or(1);
                tallest * CELL_LINE + 40
            }
        })
        .collect()
}

/// For each row of `grid`: whether it is kept on the same page as the row or paragraph after
/// it, for columns `twips` wide on a page whose text area is `height` twips tall.
pub(crate) fn keep_with_next(grid: &Grid, twips: &[u32], height: u32) -> Vec<bool> {
    let n = grid.rows.len();
    let mut keep = vec![false; n];
    if n == 0 {
        return keep;
    }
    let h = heights(grid, twips);
    let is_form = |i: usize| grid.rows.get(i).is_some_and(|r| matches!(r.kind, RowKind::Header | RowKind::Body));
    if h.iter().sum::<u32>() <= height {
        keep.iter_mut().take(n - 1).for_each(|k| *k = true);
        return keep;
    }
    for (i, row) in grid.rows.iter().enumerate() {
        match row.kind {
            RowKind::Title | RowKind::Header => keep[i] = true,
            RowKind::Line => keep[i] = is_form(i + 1),
            RowKind::Body => {
                for cell in row.cells.iter().filter(|c| c.rowspan > 1 && c.col < twips.len()) {
                    let last = (i + cell.rowspan).min(n) - 1;
                    let group: u32 = h[i..=last].iter().sum();
                    let kept_to = if group <= height / 2 {
                        last
                    } else {
                        // A long group breaks, but not before its first rows hold the label.
                        let width = twips[cell.col..(cell.col + cell.colspan.max(1)).min(twips.len())].iter().sum();
                        let label = lines(&cell.text, width) * CELL_LINE;
                        let mut to = i;
                        let mut have = h[i];
                        while have < label && to < last {
                            to += 1;
                            have += h[to];
                        }
                        to
                    };
                    keep[i..kept_to].iter_mut().for_each(|k| *k = true);
                }
            }
        }
    }
    // The lines after the last table belong to it: 填表人 is never alone on a page.
    let trailing = grid.rows.iter().rev().take_while(|r| r.kind == RowKind::Line).count();
    if trailing > 0 && trailing < n && is_form(n - trailing - 1) {
        keep[n - trailing - 1..n - 1].iter_mut().for_each(|k| *k = true);
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_model::forms::Cell;

    fn grid(rows: usize, label_span: usize) -> Grid {
        let mut g = Grid::new("t", vec![10, 10], 2);
        g.line(RowKind::Title, "表");
        g.push(RowKind::Header, vec![Cell::head(0, "一级指标"), Cell::head(1, "三级指标")]);
        for r in 0..rows {
            let mut cells = vec![Cell::text(1, format!("指标{r}"))];
            if r % label_span == 0 {
                cells.push(Cell::text(0, "产出指标（50分）").rows(label_span.min(rows - r)));
            }
            g.push(RowKind::Body, cells);
        }
        g.line(RowKind::Line, "填表人：某");
        g
    }

    #[test]
    fn a_grid_that_fits_is_kept_whole() {
        let g = grid(9, 3);
        let keep = keep_with_next(&g, &[2000, 2000], 9638);
        assert_eq!(keep.iter().filter(|k| **k).count(), keep.len() - 1);
        assert!(!keep[keep.len() - 1]);
    }

    #[test]
    fn a_long_grid_breaks_between_groups_and_keeps_its_last_row_with_the_sign_off_line() {
        let g = grid(60, 4);
        let keep = keep_with_next(&g, &[2000, 2000], 9638);
        // Rows 2.. are the body; each group of four keeps rows 1-3 with the next, not row 4.
        let body = &keep[2..62];
        for (r, k) in body.iter().enumerate() {
            assert_eq!(*k, r % 4 != 3 || r == 59, "row {r}");
        }
        assert!(keep[1], "the header row stays with the first row");
        assert!(!keep[62], "the last paragraph keeps with nothing");
    }

    #[test]
    fn a_group_taller_than_half_a_page_keeps_its_first_rows_as_tall_as_its_label() {
        // "产出指标（50分）" takes two lines of a 1200-twip column; one-line rows: two are kept.
        let g = grid(60, 30);
        let keep = keep_with_next(&g, &[1200, 2000], 9638);
        assert!(keep[2] && !keep[3], "the label row is kept with the next, no more");
        // A first row as tall as the label is not kept with the next.
        let mut g = grid(60, 30);
        g.rows[2].cells[0].text = "一\n二\n三".into();
        let keep = keep_with_next(&g, &[1200, 2000], 9638);
        assert!(!keep[2], "a tall first row holds the label");
    }

    #[test]
    fn lines_count_cjk_as_two_half_ems() {
        assert_eq!(lines("产出指标（50分）", 170 + 105 * 16), 1);
        assert_eq!(lines("产出指标（50分）", 170 + 105 * 15), 2);
        assert_eq!(lines("a\nb", 1000), 2);
    }
}
