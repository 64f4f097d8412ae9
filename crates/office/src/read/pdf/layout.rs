//! From positioned characters and ruling lines to a grid document: each connected group of
//! horizontal and vertical lines is a table whose column and row edges are the lines'
//! positions; grid units not separated by a line are one cell (row and column spans); every
//! character goes into the cell under its centre; a cell's visual lines are joined (a line
//! that runs to the cell's right edge was wrapped and continues without a break, otherwise
//! `\n`). Text outside tables becomes paragraphs in reading order (top to bottom), wrapped
//! lines joined. Page numbers and the running header/footer repeated on several pages in the
//! page margins are dropped. A table that ends a page and one that starts the next with the
//! same columns are one table, its repeated header rows dropped.
//!
//! Guarantees: cells of a row never overlap (a cell whose units are not a rectangle becomes
//! single-unit cells); a table has at most [`MAX_UNITS`] grid units; all cells count against
//! the document's budget.

use std::collections::HashMap;

use super::aligned;
use super::content::{Char, Page, Seg};
use super::syntax::{Fx, ONE};
use jixiao_model::exchange::grid::{self, Block};
use crate::read::{CellBudget, ReadError};

/// Two lines closer than this (2 pt) are the same edge.
const TOL: Fx = 2 * ONE;
/// Grid units one table may have.
const MAX_UNITS: usize = 200_000;

/// A table found on a page: its grid and column edges (for joining across pages).
struct Found {
    top: Fx,
    xs: Vec<Fx>,
    table: grid::Table,
    /// (col, cols) of first-row cells drawn without a top border: a cell continued from the
    /// page before.
    open_top: Vec<(usize, usize)>,
    /// (col, cols) of cells reaching the last row without a bottom border.
    open_bottom: Vec<(usize, usize)>,
}

enum Item {
    Line(Line),
    Table(Found),
}

#[derive(Debug, Clone)]
struct Line {
    top: Fx,
    x1: Fx,
    size: Fx,
    text: String,
    /// The line's pieces between wide gaps: left, right, text.
    pieces: Vec<(Fx, Fx, String)>,
}

/// A table's column edges and the (col, cols) of its cells open at the bottom.
type Edges = (Vec<Fx>, Vec<(usize, usize)>);
/// A group of touching ruling lines: horizontal, vertical.
type Lines = (Vec<Seg>, Vec<Seg>);

/// Builds the document from the pages.
pub fn document(pages: &[Page], budget: &mut CellBudget) -> Result<grid::Document, ReadError> {
    let mut per_page: Vec<Vec<Item>> = Vec::with_capacity(pages.len());
    for page in pages {
        per_page.push(page_items(page, budget)?);
    }
    drop_running_lines(pages, &mut per_page);
    let mut doc = grid::Document::default();
    // Column edges and open-bottom cells of the last table when it ended its page.
    let mut open: Option<Edges> = None;
    for items in per_page {
        let mut first = true;
        let mut prev_line: Option<Line> = None;
        let page_right = items.iter().filter_map(|i| if let Item::Line(l) = i { Some(l.x1) } else { None }).max().unwrap_or(0);
        for item in items {
            match item {
                Item::Table(found) => {
                    flush(&mut doc, &mut prev_line);
                    let joined = first
                        && matches!(doc.blocks.last(), Some(Block::Table(_)))
                        && open.as_ref().is_some_and(|(xs, _)| same_columns(xs, &found.xs));
                    let open_bottom = found.open_bottom.clone();
                    let xs = found.xs.clone();
                    match (joined, doc.blocks.last_mut(), open.take()) {
                        (true, Some(Block::Table(prev)), Some((_, prev_open))) if continues(prev, &found) => {
                            continue_table(prev, &prev_open, found)
                        }
                        _ => doc.blocks.push(Block::Table(found.table)),
                    }
                    open = Some((xs, open_bottom));
                }
                Item::Line(line) => {
                    open = None;
                    match prev_line.as_mut() {
                        Some(prev) if wraps(prev, &line, page_right) => {
                            join_into(&mut prev.text, &line.text);
                            prev.x1 = line.x1;
                            prev.top = line.top;
                        }
                        _ => {
                            flush(&mut doc, &mut prev_line);
                            prev_line = Some(line);
                        }
                    }
                }
            }
            first = false;
        }
        flush(&mut doc, &mut prev_line);
    }
    Ok(doc)
}

/// Whether a table with the same columns at the top of the next page continues `prev`: not
/// when both start with a different title row across all columns (the same form filled in
/// again, e.g. the next sheet of a workbook).
fn continues(prev: &grid::Table, next: &Found) -> bool {
    let columns = next.xs.len().saturating_sub(1);
    let title = |row: Option<&grid::Row>| row.filter(|r| r.cells.len() == 1 && r.cells[0].col_span == columns && columns > 1).cloned();
    if let (Some(a), Some(b)) = (title(prev.rows.first()), title(next.table.rows.first())) {
        if a != b {
            return false;
        }
    }
    // After the rows it repeats, a new instance of the form has the same row again with the
    // same label ("项目名称") and other content; a continuation has its next rows.
    let repeated = prev.rows.iter().zip(&next.table.rows).take_while(|(a, b)| a == b).count();
    match (prev.rows.get(repeated), next.table.rows.get(repeated)) {
        (Some(a), Some(b)) => {
            let shape = |r: &grid::Row| r.cells.iter().map(|c| (c.col, c.col_span, c.row_span)).collect::<Vec<_>>();
            let label = |r: &grid::Row| r.cells.first().map(|c| c.text.clone()).unwrap_or_default();
            !(shape(a) == shape(b) && !label(a).is_empty() && label(a) == label(b))
        }
        _ => true,
    }
}

/// Appends a table's continuation on the next page: a repeated header is dropped, and a cell
/// continued across the page break (no border between its two parts) becomes one cell.
fn continue_table(prev: &mut grid::Table, prev_open: &[(usize, usize)], mut next: Found) {
    let repeated = prev.rows.iter().zip(&next.table.rows).take_while(|(a, b)| a == b).count();
    let repeated = if repeated == next.table.rows.len() { 0 } else { repeated };
    if repeated == 0 {
        let n = prev.rows.len();
        if let Some(first) = next.table.rows.first_mut() {
            first.cells.retain(|cell| {
                let key = (cell.col, cell.col_span);
                let above = prev.rows.iter_mut().enumerate().rev().find_map(|(r, row)| {
                    row.cells.iter_mut().find(|c| c.col == key.0 && c.col_span == key.1 && r + c.row_span == n)
                });
                let Some(above) = above else { return true };
                // Drawn open across the break, or (a border drawn at the foot of the page
                // anyway) an empty merged cell under a merged cell: Word writes a merged
                // cell's text in its first part only.
                let open = next.open_top.contains(&key) && prev_open.contains(&key);
                let merged_on = cell.text.is_empty() && cell.row_span > 1 && above.row_span > 1;
                if !open && !merged_on {
                    return true;
                }
                above.row_span += cell.row_span;
                if !cell.text.is_empty() {
                    if !above.text.is_empty() {
                        join_into(&mut above.text, &cell.text);
                    } else {
                        above.text = cell.text.clone();
                    }
                }
                false
            });
        }
    }
    prev.rows.extend(next.table.rows.into_iter().skip(repeated));
}

fn flush(doc: &mut grid::Document, line: &mut Option<Line>) {
    if let Some(l) = line.take() {
        let text = grid::shown_text(&l.text);
        if !text.is_empty() {
            doc.blocks.push(Block::Paragraph(text));
        }
    }
}

/// A line that reached the right edge of the text and is followed closely by the next one.
fn wraps(prev: &Line, next: &Line, right: Fx) -> bool {
    let gap = prev.top - next.top;
    prev.x1 + 2 * prev.size >= right && gap > 0 && gap <= prev.size * 2 && (next.size - prev.size).abs() <= ONE
}

fn join_into(text: &mut String, next: &str) {
    let ascii_end = text.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
    let ascii_start = next.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if ascii_end && ascii_start {
        text.push(' ');
    }
    text.push_str(next);
}

fn same_columns(a: &[Fx], b: &[Fx]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= TOL * 2)
}

/// A page's tables and text lines, top to bottom.
fn page_items(page: &Page, budget: &mut CellBudget) -> Result<Vec<Item>, ReadError> {
    let mut boxes = tables(&page.segs);
    let mut free: Vec<&Char> = Vec::new();
    let mut placed: Vec<Vec<Vec<&Char>>> = boxes.iter().map(|b| vec![Vec::new(); b.cells.len()]).collect();
    let [left, bottom, right, top] = page.bbox;
    for c in page.chars.iter().filter(|c| c.x >= left - TOL && c.x <= right && c.y >= bottom - TOL && c.y <= top) {
        let (cx, cy) = (c.x + c.w / 2, c.y + c.size / 3);
        let hit = boxes.iter().enumerate().find_map(|(t, b)| b.cell_at(cx, cy).map(|cell| (t, cell)));
        match hit {
            Some((t, cell)) => placed[t][cell].push(c),
            None => free.push(c),
        }
    }
    let free_lines = lines(&free);
    let views: Vec<aligned::Line<'_>> = free_lines.iter().map(|l| aligned::Line { top: l.top, size: l.size, pieces: &l.pieces }).collect();
    let mut found = aligned::find(&views).into_iter().peekable();
    let mut items: Vec<Item> = Vec::new();
    let mut skip_until = 0;
    for (i, line) in free_lines.iter().enumerate() {
        if i < skip_until {
            continue;
        }
        match found.next_if(|f| f.first == i) {
            Some(f) => {
                budget.take(f.table.rows.iter().map(|r| r.cells.len()).sum())?;
                skip_until = f.end;
                items.push(Item::Table(Found { top: line.top, xs: f.xs, table: f.table, open_top: Vec::new(), open_bottom: Vec::new() }));
            }
            None => items.push(Item::Line(line.clone())),
        }
    }
    for (b, chars) in boxes.drain(..).zip(placed) {
        budget.take(b.cells.len())?;
        let n_rows = b.ys.len() - 1;
        let mut rows: Vec<grid::Row> = vec![grid::Row::default(); n_rows];
        let mut open_top = Vec::new();
        let mut open_bottom = Vec::new();
        for (cell, chars) in b.cells.iter().zip(chars) {
            let right = b.xs[cell.col + cell.cols];
            let mut text = String::new();
            let ls = lines(&chars);
            for (i, l) in ls.iter().enumerate() {
                if i > 0 {
                    let prev = &ls[i - 1];
                    if prev.x1 + 2 * prev.size >= right {
                        join_into(&mut text, &l.text);
                        continue;
                    }
                    text.push('\n');
                }
                text.push_str(&l.text);
            }
            let mut g = grid::Cell::new(cell.col, grid::shown_text(&text));
            g.row_span = cell.rows;
            g.col_span = cell.cols;
            if cell.row == 0 && cell.open_top {
                open_top.push((cell.col, cell.cols));
            }
            if cell.row + cell.rows == n_rows && cell.open_bottom {
                open_bottom.push((cell.col, cell.cols));
            }
            if let Some(row) = rows.get_mut(cell.row) {
                row.cells.push(g);
            }
        }
        // A last row of empty, open cells is the rest of the page under a cell continued on
        // the next page, not a row of the table.
        let last_open = rows.len() > 1
            && rows.last().is_some_and(|r| r.cells.iter().all(|c| c.text.is_empty() && open_bottom.contains(&(c.col, c.col_span))));
        if last_open {
            if let Some(last) = rows.pop() {
                open_bottom.retain(|k| !last.cells.iter().any(|c| (c.col, c.col_span) == *k));
                let n = rows.len();
                for (r, row) in rows.iter_mut().enumerate() {
                    for c in row.cells.iter_mut().filter(|c| r + c.row_span > n) {
                        c.row_span = n - r;
                        open_bottom.push((c.col, c.col_span));
                    }
                }
            }
        }
        // Rows without any cell starting in them (all covered by spans) stay, as in Word.
        items.push(Item::Table(Found { top: b.ys[0], xs: b.xs, table: grid::Table { name: String::new(), rows }, open_top, open_bottom }));
    }
    let top = |i: &Item| match i {
        Item::Line(l) => l.top,
        Item::Table(t) => t.top,
    };
    let items = sort_by(items, |i| (-top(i), 0));
    Ok(items)
}

/// Groups characters into lines (top to bottom, each left to right) with spaces where the
/// gap between characters is wide.
fn lines(chars: &[&Char]) -> Vec<Line> {
    let sorted = sort_by(chars.to_vec(), |c| (-c.y, c.x));
    let mut groups: Vec<Vec<&Char>> = Vec::new();
    for c in sorted {
        match groups.last_mut() {
            Some(g) if (g[0].y - c.y).abs() <= g[0].size.max(c.size) / 2 => g.push(c),
            _ => groups.push(vec![c]),
        }
    }
    let mut out = Vec::new();
    for g in groups {
        let g = sort_by(g, |c| (c.x, 0));
        let mut text = String::new();
        let mut pieces: Vec<(Fx, Fx, String)> = Vec::new();
        let mut end: Option<(Fx, &Char)> = None;
        let size = g.iter().map(|c| c.size).max().unwrap_or(ONE);
        for c in &g {
            if let Some((e, prev)) = end {
                // Fake bold: the same character drawn again almost on top of itself.
                if prev.text == c.text && (c.x - prev.x).abs() < size / 8 {
                    continue;
                }
                if c.x - e > size / 4 && !text.ends_with(' ') && !c.text.starts_with(' ') {
                    text.push(' ');
                }
            }
            let wide = end.is_none_or(|(e, _)| c.x - e > size * 6 / 5);
            match pieces.last_mut() {
                Some(p) if !wide => {
                    p.1 = c.x + c.w;
                    p.2.push_str(&c.text);
                }
                _ if c.text.trim().is_empty() => {}
                _ => pieces.push((c.x, c.x + c.w, c.text.clone())),
            }
            text.push_str(&c.text);
            end = Some((c.x + c.w, c));
        }
        let x1 = g.iter().map(|c| c.x + c.w).max().unwrap_or(0);
        if !text.trim().is_empty() {
            out.push(Line { top: g[0].y + size, x1, size, text, pieces });
        }
    }
    out
}

/// Drops page numbers and lines repeated in the same margin position on several pages.
fn drop_running_lines(pages: &[Page], items: &mut [Vec<Item>]) {
    let in_margin = |page: &Page, l: &Line| {
        let h = page.bbox[3] - page.bbox[1];
        l.top > page.bbox[3] - h / 12 || l.top - l.size < page.bbox[1] + h / 12
    };
    let key = |l: &Line| (l.text.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect::<String>(), l.top / (4 * ONE));
    let mut seen: HashMap<(String, Fx), usize> = HashMap::new();
    for (page, list) in pages.iter().zip(items.iter()) {
        for item in list {
            if let Item::Line(l) = item {
                if in_margin(page, l) {
                    *seen.entry(key(l)).or_default() += 1;
                }
            }
        }
    }
    for (page, list) in pages.iter().zip(items.iter_mut()) {
        list.retain(|item| match item {
            Item::Line(l) => !(in_margin(page, l) && (page_number(&l.text) || pages.len() > 1 && seen.get(&key(l)).copied().unwrap_or(0) > 1)),
            Item::Table(_) => true,
        });
    }
}

/// "3", "- 3 -", "第 3 页", "第3页 共5页", "3 / 5", "Page 3 of 5".
fn page_number(text: &str) -> bool {
    let rest: String = text.chars().filter(|c| !c.is_whitespace() && !"第页共-—–/()（）Pageof".contains(*c)).collect();
    text.chars().any(|c| c.is_ascii_digit()) && rest.chars().all(|c| c.is_ascii_digit())
}

struct CellBox {
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
    open_top: bool,
    open_bottom: bool,
}

struct TableBox {
    /// Column edges, left to right.
    xs: Vec<Fx>,
    /// Row edges, top to bottom.
    ys: Vec<Fx>,
    cells: Vec<CellBox>,
    /// The cell of each grid unit, row by row.
    unit: Vec<usize>,
}

impl TableBox {
    fn cell_at(&self, x: Fx, y: Fx) -> Option<usize> {
        let (first, last) = (*self.xs.first()?, *self.xs.last()?);
        let (top, bottom) = (*self.ys.first()?, *self.ys.last()?);
        if x < first || x > last || y > top || y < bottom {
            return None;
        }
        let col = self.xs.iter().skip(1).take_while(|&&e| e < x).count().min(self.xs.len() - 2);
        let row = self.ys.iter().skip(1).take_while(|&&e| e > y).count().min(self.ys.len() - 2);
        self.unit.get(row * (self.xs.len() - 1) + col).copied()
    }
}

/// `items` in the order of their keys. One sort of (key, index) pairs serves every caller: a
/// sort instantiated per element type costs the reader worker kilobytes each.
fn sort_by<T>(items: Vec<T>, key: impl Fn(&T) -> (Fx, Fx)) -> Vec<T> {
    let mut keys: Vec<(Fx, Fx, usize)> = items.iter().enumerate().map(|(i, t)| {
        let (a, b) = key(t);
        (a, b, i)
    }).collect();
    keys.sort_unstable();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keys.into_iter().filter_map(|(_, _, i)| slots.get_mut(i).and_then(Option::take)).collect()
}

/// Merges collinear pieces of lines (a border drawn cell by cell is one line).
fn merge(segs: Vec<Seg>) -> Vec<Seg> {
    let segs = sort_by(segs, |s| (s.at, s.from));
    let mut rows: Vec<Vec<Seg>> = Vec::new();
    for s in segs {
        match rows.last_mut() {
            Some(r) if (s.at - r[0].at).abs() <= TOL => r.push(s),
            _ => rows.push(vec![s]),
        }
    }
    let mut out = Vec::new();
    for r in rows {
        let r = sort_by(r, |s| (s.from, 0));
        let at = r[0].at;
        let mut cur: Option<Seg> = None;
        for s in r {
            match cur.as_mut() {
                Some(c) if s.from <= c.to + TOL => c.to = c.to.max(s.to),
                _ => {
                    out.extend(cur.take());
                    cur = Some(Seg { at, ..s });
                }
            }
        }
        out.extend(cur);
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Edge positions: values closer than [`TOL`] are one.
fn edges(values: Vec<Fx>) -> Vec<Fx> {
    let values = sort_by(values, |&v| (v, 0));
    let mut out: Vec<Fx> = Vec::new();
    for v in values {
        if out.last().is_none_or(|&l| v - l > TOL) {
            out.push(v);
        }
    }
    out
}

/// The tables drawn by a page's ruling lines.
fn tables(segs: &[Seg]) -> Vec<TableBox> {
    let h = merge(segs.iter().filter(|s| s.horizontal).copied().collect());
    let v = merge(segs.iter().filter(|s| !s.horizontal).copied().collect());
    if h.len() + v.len() > 20_000 {
        return Vec::new();
    }
    let mut parent: Vec<usize> = (0..h.len() + v.len()).collect();
    for (i, a) in h.iter().enumerate() {
        for (j, b) in v.iter().enumerate() {
            if b.at >= a.from - TOL && b.at <= a.to + TOL && a.at >= b.from - TOL && a.at <= b.to + TOL {
                union(&mut parent, i, h.len() + j);
            }
        }
    }
    let mut groups: HashMap<usize, (Vec<Seg>, Vec<Seg>)> = HashMap::new();
    for i in 0..h.len() + v.len() {
        let root = find(&mut parent, i);
        let g = groups.entry(root).or_default();
        if i < h.len() {
            g.0.push(h[i]);
        } else {
            g.1.push(v[i - h.len()]);
        }
    }
    let (mut grids, orphans): (Vec<Lines>, Vec<Lines>) =
        groups.into_values().partition(|(hs, vs)| hs.len() >= 2 && vs.len() >= 2);
    // A vertical line touching no horizontal one beside a table (the border of a cell continued
    // from the page before, drawn without its top and bottom) belongs to that table.
    for v in orphans.into_iter().filter(|(hs, _)| hs.is_empty()).flat_map(|(_, vs)| vs) {
        let near = grids.iter_mut().find(|(hs, vs)| {
            let top = hs.iter().map(|s| s.at).max().unwrap_or(0);
            let bottom = hs.iter().map(|s| s.at).min().unwrap_or(0);
            let left = vs.iter().map(|s| s.at).min().unwrap_or(0);
            let right = vs.iter().map(|s| s.at).max().unwrap_or(0);
            let overlap = v.to.min(top + TOL) - v.from.max(bottom - TOL);
            overlap * 5 >= (v.to - v.from) * 4 && v.at >= left - 150 * ONE && v.at <= right + 150 * ONE
        });
        if let Some((_, vs)) = near {
            vs.push(v);
        }
    }
    let out: Vec<TableBox> = grids.iter().filter_map(|(hs, vs)| table(hs, vs)).collect();
    sort_by(out, |t| (-t.ys[0], 0))
}

fn table(hs: &[Seg], vs: &[Seg]) -> Option<TableBox> {
    if hs.len() < 2 || vs.len() < 2 {
        return None;
    }
    let mut x_vals: Vec<Fx> = vs.iter().map(|s| s.at).collect();
    x_vals.extend(hs.iter().map(|s| s.from).min());
    x_vals.extend(hs.iter().map(|s| s.to).max());
    let mut y_vals: Vec<Fx> = hs.iter().map(|s| s.at).collect();
    y_vals.extend(vs.iter().map(|s| s.from).min());
    y_vals.extend(vs.iter().map(|s| s.to).max());
    let xs = edges(x_vals);
    let mut ys = edges(y_vals);
    ys.reverse();
    let (nc, nr) = (xs.len().checked_sub(1)?, ys.len().checked_sub(1)?);
    // Each unit looks at the group's lines: keep units × lines bounded too.
    if nc == 0 || nr == 0 || nc * nr > MAX_UNITS || (nc * nr).saturating_mul(hs.len() + vs.len()) > 50_000_000 {
        return None;
    }
    let covers = |s: &Seg, at: Fx, mid: Fx| (s.at - at).abs() <= TOL && s.from - TOL <= mid && mid <= s.to + TOL;
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    for r in 0..nr {
        for c in 0..nc {
            let mid_y = (ys[r] + ys[r + 1]) / 2;
            let mid_x = (xs[c] + xs[c + 1]) / 2;
            if c + 1 < nc && !vs.iter().any(|s| covers(s, xs[c + 1], mid_y)) {
                union(&mut parent, r * nc + c, r * nc + c + 1);
            }
            if r + 1 < nr && !hs.iter().any(|s| covers(s, ys[r + 1], mid_x)) {
                union(&mut parent, r * nc + c, (r + 1) * nc + c);
            }
        }
    }
    // Each group's bounding box, and whether the group fills it.
    let mut bounds: HashMap<usize, (usize, usize, usize, usize, usize)> = HashMap::new();
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, r * nc + c);
            let b = bounds.entry(root).or_insert((r, c, r, c, 0));
            *b = (b.0.min(r), b.1.min(c), b.2.max(r), b.3.max(c), b.4 + 1);
        }
    }
    let mut cells = Vec::new();
    let mut unit = vec![usize::MAX; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            if unit[r * nc + c] != usize::MAX {
                continue;
            }
            let root = find(&mut parent, r * nc + c);
            let (r0, c0, r1, c1, n) = bounds.get(&root).copied().unwrap_or((r, c, r, c, 1));
            let rect = n == (r1 - r0 + 1) * (c1 - c0 + 1) && r0 == r && c0 == c;
            let (rows, cols) = if rect { (r1 - r0 + 1, c1 - c0 + 1) } else { (1, 1) };
            for rr in r..r + rows {
                for cc in c..c + cols {
                    unit[rr * nc + cc] = cells.len();
                }
            }
            let mid_x = (xs[c] + xs[c + cols]) / 2;
            let open_top = r == 0 && !hs.iter().any(|s| covers(s, ys[0], mid_x));
            let open_bottom = r + rows == nr && !hs.iter().any(|s| covers(s, ys[nr], mid_x));
            cells.push(CellBox { row: r, col: c, rows, cols, open_top, open_bottom });
        }
    }
    Some(TableBox { xs, ys, cells, unit })
}
