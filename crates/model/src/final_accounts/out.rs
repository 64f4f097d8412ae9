//! The 决算 tables as layout grids (the forms' neutral shape, `model::forms`), so
//! the .xlsx and the .docx print the same rows: 科目编码 | 科目名称 | figures for the 功能分类 /
//! 经济分类 tables, 收入 | 支出 side by side for the two 总表, 预算数 / 决算数 rows for 三公.
//!
//! Guarantees: every total that equals the sum of its parts is an Excel formula over the cells it
//! sums (项 → 款 → 类 → 合计, columns → 合计, 总计 = 合计 + 结转), with the table's own figure
//! cached, so a changed figure in Excel recomputes its totals; a total the department wrote
//! differently from its parts is written as the number it wrote, as the Word document and print
//! show it (the checks name the difference), never silently replaced by the sum; a table the
//! forms do not know is printed as it came.

use rust_decimal::Decimal;

use super::forms::{self, PERSONNEL_CLASSES};
use super::{FaRow, FaTable, FinalAccounts};
use crate::forms::{a1, Cell, Fmt, Grid, RowKind, Xl};
use crate::num::fmt2;

fn number(col: usize, v: Option<Decimal>) -> Cell {
    match v {
        Some(v) => Cell::figure(col, fmt2(v), Xl::Number(v, Fmt::Fixed2)),
        None => Cell::figure(col, "", Xl::Empty),
    }
}

/// A total over `parts` (cell reference, the figure there): a formula when the declared figure
/// is their sum, else the declared number (a formula would show Excel's sum where Word and print
/// show what the department wrote).
fn total(col: usize, parts: &[(String, Decimal)], declared: Decimal) -> Cell {
    let sum: Decimal = parts.iter().map(|(_, v)| *v).sum();
    if sum != declared {
        return number(col, Some(declared));
    }
    let f = if parts.is_empty() { "0".to_string() } else { parts.iter().map(|(r, _)| r.as_str()).collect::<Vec<_>>().join("+") };
    Cell::figure(col, fmt2(declared), Xl::Formula(f, Some(declared), Fmt::Fixed2))
}

fn head(g: &mut Grid, fa: &FinalAccounts, t: &FaTable) {
    g.line(RowKind::Title, t.title.clone());
    let who = if fa.unit.trim().is_empty() { fa.department.trim() } else { fa.unit.trim() };
    g.line(RowKind::Line, format!("编制单位：{who}　　{}年度　　单位：万元", fa.year.trim()));
}

/// 功能分类 or 经济分类 rows: code | name | columns, totals as formulas.
fn by_code(fa: &FinalAccounts, t: &FaTable) -> Grid {
    let n = t.columns.len();
    let mut widths = vec![12, 30];
    widths.extend(std::iter::repeat_n(14, n));
    let mut g = Grid::new(t.title.clone(), widths, n + 2);
    head(&mut g, fa, t);
    let mut cells = vec![Cell::head(0, "科目编码"), Cell::head(1, "科目名称")];
    cells.extend(t.columns.iter().enumerate().map(|(i, c)| Cell::head(i + 2, c.clone())));
    g.push(RowKind::Header, cells);
    let first = g.rows.len();
    let row_of = |i: usize| first + i;
    let economic = t.form == "t6";
    for (ri, r) in t.rows.iter().enumerate() {
        let children: Vec<usize> = children(t, r, economic);
        let mut cells = vec![Cell::text(0, if r.code.chars().all(|c| c.is_ascii_digit()) { r.code.clone() } else { String::new() }), Cell::text(1, r.name.clone())];
        for ci in 0..n {
            let col = ci + 2;
            let cell = if !children.is_empty() {
                let parts: Vec<(String, Decimal)> = children.iter().map(|k| (a1(row_of(*k), col), t.rows[*k].get(ci))).collect();
                total(col, &parts, r.get(ci))
            } else {
                number(col, r.values.get(ci).copied().flatten())
            };
            cells.push(cell);
        }
        // Columns → 合计 in the rows without children (支出/收入决算表, 一般公共预算表).
        if children.is_empty() && r.level() > 0 {
            if let Some((sum, parts)) = column_parts(t) {
                let parts: Vec<(String, Decimal)> = parts.iter().map(|p| (a1(row_of(ri), p + 2), r.get(*p))).collect();
                // A table without that column (its header words not found) has no cell to sum into.
                if let Some(cell) = cells.get_mut(sum + 2) {
                    *cell = total(sum + 2, &parts, r.get(sum));
                }
            }
        }
        g.push(RowKind::Body, cells);
    }
    if !t.note.trim().is_empty() {
        g.line(RowKind::Line, format!("注：{}", t.note.trim()));
    }
    g
}

/// The rows a row sums (indices): 类 ← 款, 款 ← 项, 合计 ← 类; 人员/公用经费 ← their classes.
fn children(t: &FaTable, r: &FaRow, economic: bool) -> Vec<usize> {
    let digits = |c: &str| !c.is_empty() && c.chars().all(|x| x.is_ascii_digit());
    let pick = |f: &dyn Fn(&FaRow) -> bool| t.rows.iter().enumerate().filter(|(_, c)| f(c)).map(|(i, _)| i).collect::<Vec<_>>();
    match (economic, r.code.as_str()) {
        (true, "personnel") => pick(&|c| digits(&c.code) && c.code.len() == 3 && PERSONNEL_CLASSES.contains(&c.code.as_str())),
        (true, "public") => pick(&|c| digits(&c.code) && c.code.len() == 3 && !PERSONNEL_CLASSES.contains(&c.code.as_str())),
        (true, code) if digits(code) && code.len() == 3 => pick(&|c| digits(&c.code) && c.code.len() == 5 && c.code.starts_with(code)),
        (false, "") | (false, "total") => pick(&|c| c.level() == 1),
        (false, code) if r.level() == 1 || r.level() == 2 => {
            let len = code.len() + 2;
            pick(&|c| c.level() > 0 && c.code.len() == len && c.code.starts_with(code))
        }
        _ => Vec::new(),
    }
}

/// The column that is the sum of others in a row, by form.
fn column_parts(t: &FaTable) -> Option<(usize, Vec<usize>)> {
    match t.form.as_str() {
        "t2" | "t3" if t.columns.len() > 1 && t.columns[0].ends_with("合计") => Some((0, (1..t.columns.len()).collect())),
        "t5" => Some((t.col("合计")?, vec![t.col("基本支出")?, t.col("项目支出")?])),
        "t7" | "t8" => Some((t.col("本年支出")?, vec![t.col("基本支出")?, t.col("项目支出")?])),
        _ => None,
    }
}

/// 收入 | 支出 side by side (t1: one figure column a side; t4: the 支出 side by kind).
fn two_sided(fa: &FinalAccounts, t: &FaTable) -> Grid {
    let kinds = if t.form == "t4" { 4 } else { 1 };
    let mut widths = vec![34, 14, 34];
    widths.extend(std::iter::repeat_n(14, kinds));
    let mut g = Grid::new(t.title.clone(), widths, 3 + kinds);
    head(&mut g, fa, t);
    let mut cells = vec![Cell::head(0, "收入项目"), Cell::head(1, "决算数"), Cell::head(2, "支出项目")];
    if kinds == 1 {
        cells.push(Cell::head(3, "决算数"));
    } else {
        cells.extend(t.columns.iter().enumerate().map(|(i, c)| Cell::head(3 + i, c.clone())));
    }
    g.push(RowKind::Header, cells);
    let first = g.rows.len();
    let left: Vec<&FaRow> = t.rows.iter().filter(|r| r.code.starts_with("in.")).collect();
    let right: Vec<&FaRow> = t.rows.iter().filter(|r| !r.code.starts_with("in.")).collect();
    let at_left = |code: &str| left.iter().position(|r| r.code == code).map(|i| first + i);
    let at_right = |code: &str| right.iter().position(|r| r.code == code).map(|i| first + i);
    let refs_left = |codes: &[&str]| codes.iter().filter_map(|c| at_left(c).map(|row| (a1(row, 1), left[row - first].get(0)))).collect::<Vec<_>>();
    for i in 0..left.len().max(right.len()) {
        let mut cells = Vec::new();
        match left.get(i) {
            Some(r) => {
                cells.push(Cell::text(0, r.name.clone()));
                let refs = match r.code.as_str() {
                    "in.total" if t.form == "t1" => refs_left(&["in.gpb", "in.fund", "in.soe", "in.upper", "in.business", "in.operating", "in.affiliated", "in.other"]),
                    "in.total" => refs_left(&["in.gpb", "in.fund", "in.soe"]),
                    "in.grand" if t.form == "t1" => refs_left(&["in.total", "in.surplus", "in.carry"]),
                    "in.grand" => refs_left(&["in.total", "in.carry.gpb", "in.carry.fund", "in.carry.soe"]),
                    _ => Vec::new(),
                };
                cells.push(if refs.is_empty() { number(1, r.values.first().copied().flatten()) } else { total(1, &refs, r.get(0)) });
            }
            None => cells.extend([Cell::text(0, ""), Cell::text(1, "")]),
        }
        match right.get(i) {
            Some(r) => {
                cells.push(Cell::text(2, if r.level() == 1 { format!("{} {}", r.code, r.name) } else { r.name.clone() }));
                for k in 0..kinds {
                    let col = 3 + k;
                    let at = |row: usize| (a1(row, col), right[row - first].get(k));
                    let refs: Vec<(String, Decimal)> = match r.code.as_str() {
                        "out.total" => right.iter().filter(|x| x.level() == 1).filter_map(|x| at_right(&x.code)).map(at).collect(),
                        "out.grand" => ["out.total", "out.distribution", "out.carry"].iter().filter_map(|c| at_right(c)).map(at).collect(),
                        _ if k == 0 && kinds == 4 && r.level() == 1 => (1..4).map(|j| (a1(first + i, 3 + j), r.get(j))).collect(),
                        _ => Vec::new(),
                    };
                    cells.push(if refs.is_empty() { number(col, r.values.get(k).copied().flatten()) } else { total(col, &refs, r.get(k)) });
                }
            }
            None => cells.extend((2..3 + kinds).map(|c| Cell::text(c, ""))),
        }
        g.push(RowKind::Body, cells);
    }
    g
}

/// 三公: 预算数 / 决算数 rows; 合计 and 车 小计 as formulas.
fn sangong(fa: &FinalAccounts, t: &FaTable) -> Grid {
    let mut g = Grid::new(t.title.clone(), vec![12, 14, 16, 16, 14, 14, 14], 7);
    head(&mut g, fa, t);
    let mut cells = vec![Cell::head(0, "项目")];
    cells.extend(t.columns.iter().enumerate().map(|(i, c)| Cell::head(i + 1, c.clone())));
    g.push(RowKind::Header, cells);
    for r in &t.rows {
        let row = g.rows.len();
        let mut cells = vec![Cell::text(0, r.name.clone())];
        for ci in 0..t.columns.len() {
            let col = ci + 1;
            cells.push(match ci {
                0 => total(col, &[(a1(row, 2), r.get(1)), (a1(row, 3), r.get(2)), (a1(row, 6), r.get(5))], r.get(0)),
                2 => total(col, &[(a1(row, 4), r.get(3)), (a1(row, 5), r.get(4))], r.get(2)),
                _ => number(col, r.values.get(ci).copied().flatten()),
            });
        }
        g.push(RowKind::Body, cells);
    }
    g
}

/// A table the forms do not know: its rows as they came.
fn as_is(fa: &FinalAccounts, t: &FaTable) -> Grid {
    let n = t.columns.len();
    let mut widths = vec![12, 30];
    widths.extend(std::iter::repeat_n(14, n));
    let mut g = Grid::new(t.title.clone(), widths, n + 2);
    head(&mut g, fa, t);
    let mut cells = vec![Cell::head(0, "编码"), Cell::head(1, "项目")];
    cells.extend(t.columns.iter().enumerate().map(|(i, c)| Cell::head(i + 2, c.clone())));
    g.push(RowKind::Header, cells);
    for r in &t.rows {
        let mut cells = vec![Cell::text(0, r.code.clone()), Cell::text(1, r.name.clone())];
        cells.extend((0..n).map(|ci| number(ci + 2, r.values.get(ci).copied().flatten())));
        g.push(RowKind::Body, cells);
    }
    g
}

/// The layout grid of one table.
pub fn grid(fa: &FinalAccounts, t: &FaTable) -> Grid {
    match forms::form(&t.form).map(|f| f.id) {
        Some("t1" | "t4") => two_sided(fa, t),
        Some("t9") => sangong(fa, t),
        Some(_) => by_code(fa, t),
        None => as_is(fa, t),
    }
}

/// The layout grids of every table, in document order (the .xlsx writes one sheet each).
pub fn grids(fa: &FinalAccounts) -> Vec<Grid> {
    fa.tables.iter().map(|t| grid(fa, t)).collect()
}
