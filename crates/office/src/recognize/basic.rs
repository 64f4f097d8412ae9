//! The Hunan 基础数据表 (附件1): 财政供养人员情况 (编制数, 实际在职人数, 控制率), the
//! 经费控制情况 rows with their three columns (上年决算数, 本年预算数, 本年决算数), the
//! 市级专项资金 rows (one per 专项), 楼堂馆所控制情况 and 厉行节约保障措施.
//!
//! Guarantees: rows are matched by their labels (numbering, "其中：" and colons ignored), the
//! columns by their header words; figures are kept as printed (the unit too, even when the
//! figures are in 元 under a 万元 header: the checker flags that, the import does not fix it).

use super::lines::Context;
use super::others::{cell_at, header};
use super::sheet::{block, is_blank_number, key, one_line, Sheet};
use super::{budget, put, Found};
use jixiao_model::report::BASIC_ROWS;

/// A row label without numbering, "其中" and colons: "1、公务用车购置和维护经费" → "公务用车购置和维护经费".
fn bare(k: &str) -> String {
    let k = k.trim_start_matches(|c: char| c.is_ascii_digit() || c == '、' || c == '.');
    let k = k.strip_prefix("其中").unwrap_or(k);
    k.trim_matches(':').to_string()
}

/// Which of the three columns a header word names; `决算` columns in order: previous, then this year.
fn triple_columns(sheet: &mut Sheet, row: usize, label_col: usize) -> Vec<(usize, &'static str)> {
    let mut finals = 0;
    let mut out = Vec::new();
    for i in sheet.starting(row) {
        let cell = &sheet.cells[i];
        if cell.col <= label_col {
            continue;
        }
        let k = cell.key.clone();
        let field = if k.contains("上年") && k.contains("决算") {
            "prev_final"
        } else if k.contains("预算") {
            "budget"
        } else if k.contains("决算") {
            finals += 1;
            if finals == 1 && !k.contains("本年") { "prev_final" } else { "final_" }
        } else {
            continue;
        };
        out.push((cell.col, field));
        sheet.place(i);
    }
    out
}

/// Reads a 基础数据表.
pub fn basic_data(cx: &mut Context, sheet: &mut Sheet, table_no: usize) {
    cx.report.basic_data.get_or_insert_with(Default::default);
    super::lines::take_heading(cx, "basic_data");
    let labels: Vec<(String, &str)> = BASIC_ROWS.iter().map(|(f, l)| (bare(&key(l)), *f)).collect();
    let mut cols: Vec<(usize, &'static str)> = Vec::new();
    let mut building_cols: Vec<(usize, &'static str)> = Vec::new();
    let mut specials = false;
    for r in 0..sheet.height() {
        let cells = sheet.starting(r);
        let Some(&first) = cells.first() else { continue };
        let k = sheet.cells[first].key.clone();
        if let Some(unit) = budget::unit_in(&k) {
            put(cx, "basic_data.unit", unit);
        }
        if k.contains("财政供养人员") || k.contains("经费控制情况") || k.contains("楼堂馆所") || k.starts_with("说明") {
            sheet.place(first);
        }
        if k.contains("经费控制情况") {
            cols = triple_columns(sheet, r, sheet.cells[first].col);
            building_cols.clear();
            continue;
        }
        if k.contains("楼堂馆所") {
            building_cols = header(sheet, r, |h| {
                Some(if h.contains("批复规模") {
                    "approved_area"
                } else if h.contains("实际规模") {
                    "actual_area"
                } else if h.contains("规模控制") {
                    "declared_area_rate_percent"
                } else if h.contains("预算投资") {
                    "budget_investment"
                } else if h.contains("实际投资") {
                    "actual_investment"
                } else if h.contains("概算控制") {
                    "declared_investment_rate_percent"
                } else {
                    return None;
                })
            });
            cols.clear();
            continue;
        }
        if k.starts_with("厉行节约") {
            sheet.place(first);
            if let Some(v) = sheet.right_of(first).filter(|&v| sheet.cells[v].row == r) {
                let text = block(&sheet.cells[v].text);
                if put(cx, "basic_data.frugality", &text) {
                    sheet.place(v);
                }
            }
            building_cols.clear();
            continue;
        }
        staff(cx, sheet, r, &cells);
        if !building_cols.is_empty() {
            building(cx, sheet, r, first, &building_cols);
            continue;
        }
        if cols.is_empty() {
            continue;
        }
        let name = bare(&k);
        let row_path = if let Some((_, field)) = labels.iter().find(|(l, _)| *l == name) {
            specials = false;
            format!("basic_data.{field}")
        } else if name.starts_with("市级专项资金") {
            specials = true;
            sheet.place(first);
            continue;
        } else if specials && !name.is_empty() {
            let Some(b) = cx.report.basic_data.as_mut() else { continue };
            b.specials.push(Default::default());
            let n = b.specials.len() - 1;
            put(cx, &format!("basic_data.specials[{n}].name"), &one_line(&sheet.cells[first].text));
            format!("basic_data.specials[{n}].values")
        } else {
            continue;
        };
        sheet.place(first);
        for &(col, field) in &cols {
            let Some(v) = cell_at(sheet, r, col) else { continue };
            let text = sheet.cells[v].text.clone();
            if is_blank_number(&sheet.cells[v].key) || put(cx, &format!("{row_path}.{field}"), &text) {
                sheet.place(v);
            }
        }
    }
    cx.found.push(Found::new("基础数据表", "basic_data", table_no));
}

/// 编制数 / 实际在职人数 / 控制率: labels in one row, figures below them (or to their right).
fn staff(cx: &mut Context, sheet: &mut Sheet, r: usize, cells: &[usize]) {
    for &i in cells {
        let k = sheet.cells[i].key.clone();
        let field = if k.contains("编制数") {
            "staff_quota"
        } else if k.contains("在职人数") {
            "staff_actual"
        } else if k.starts_with("控制率") {
            "declared_control_rate_percent"
        } else {
            continue;
        };
        sheet.place(i);
        let below = cell_at(sheet, r + 1, sheet.cells[i].col);
        let v = below.or_else(|| sheet.right_of(i).filter(|&v| sheet.cells[v].row == r));
        if let Some(v) = v {
            let text = sheet.cells[v].text.clone();
            if is_blank_number(&sheet.cells[v].key) || put(cx, &format!("basic_data.{field}"), &text) {
                sheet.place(v);
            }
        }
    }
}

/// One 楼堂馆所 row (skipped when it holds nothing).
fn building(cx: &mut Context, sheet: &mut Sheet, r: usize, first: usize, cols: &[(usize, &'static str)]) {
    let filled: Vec<usize> = sheet.starting(r).into_iter().filter(|&i| !is_blank_number(&sheet.cells[i].key)).collect();
    if filled.is_empty() {
        return;
    }
    let Some(b) = cx.report.basic_data.as_mut() else { return };
    b.buildings.push(Default::default());
    let n = b.buildings.len() - 1;
    if sheet.cells[first].col < cols.iter().map(|(c, _)| *c).min().unwrap_or(0) {
        let name = one_line(&sheet.cells[first].text);
        if put(cx, &format!("basic_data.buildings[{n}].name"), &name) {
            sheet.place(first);
        }
    }
    for &(col, field) in cols {
        let Some(v) = cell_at(sheet, r, col) else { continue };
        let text = sheet.cells[v].text.clone();
        if is_blank_number(&sheet.cells[v].key) || put(cx, &format!("basic_data.buildings[{n}].{field}"), &text) {
            sheet.place(v);
        }
    }
}
