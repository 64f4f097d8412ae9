//! The tables beside the scored ones: 评价人员 (姓名 / 职务(职称) / 单位 / 签字) and the Sichuan
//! 监控 table (预算执行情况监控, 年度主要任务, 绩效目标完成情况监控).
//!
//! Guarantees: columns are found by header words; rows with nothing but blank markers are
//! skipped; every cell that went into the report is marked placed, the rest stay leftovers.

use super::lines::{Context, Step};
use super::sheet::{block, is_blank_marker, is_blank_number, key, one_line, Sheet};

pub use super::basic::basic_data;
use super::{budget, put, Found};
use jixiao_model::edit::{self, Change};
use jixiao_model::report::{MonitorIndicator, MonitorTask};

/// Columns of a header row: (column, field) for each header word `pick` recognises.
pub(super) fn header(sheet: &mut Sheet, row: usize, pick: impl Fn(&str) -> Option<&'static str>) -> Vec<(usize, &'static str)> {
    let mut out: Vec<(usize, &'static str)> = Vec::new();
    for i in sheet.starting(row) {
        if let Some(f) = pick(&sheet.cells[i].key) {
            if !out.iter().any(|(_, g)| *g == f) {
                out.push((sheet.cells[i].col, f));
            }
            sheet.place(i);
        }
    }
    out
}

/// The text of the cell starting in `row` at `col`, if any.
pub(super) fn cell_at(sheet: &Sheet, row: usize, col: usize) -> Option<usize> {
    sheet.at(row, col).filter(|&i| sheet.cells[i].row == row)
}

/// 评价人员: one Reviewer per row with a 姓名.
pub fn reviewers(cx: &mut Context, sheet: &mut Sheet, table_no: usize) {
    let Some(head) = (0..sheet.height()).find(|&r| sheet.find_in_row(r, |k| k == "姓名").is_some()) else { return };
    let cols = header(sheet, head, |k| {
        Some(if k == "姓名" {
            "name"
        } else if k.starts_with("职务") || k.starts_with("职称") {
            "title"
        } else if k.contains("单位") {
            "unit"
        } else if k.starts_with("签") {
            ""
        } else {
            return None;
        })
    });
    for r in head + 1..sheet.height() {
        let Some(&(name_col, _)) = cols.iter().find(|(_, f)| *f == "name") else { break };
        let Some(name) = cell_at(sheet, r, name_col).filter(|&i| !is_blank_marker(&sheet.cells[i].key)) else { continue };
        let _ = name;
        edit::apply(&mut cx.report, &Change::AddReviewer);
        let n = cx.report.sign_off.as_ref().map(|s| s.reviewers.len()).unwrap_or(1) - 1;
        for &(col, field) in &cols {
            let Some(i) = cell_at(sheet, r, col) else { continue };
            if field.is_empty() {
                continue; // 签字: a handwritten signature has no place; a typed one is left over
            }
            let text = one_line(&sheet.cells[i].text);
            if put(cx, &format!("sign_off.reviewers[{n}].{field}"), &text) {
                sheet.place(i);
            }
        }
    }
    cx.sign_off_step = Some(Step::Reviewers);
    cx.found.push(Found::new("评价人员", "sign_off", table_no));
}

/// The sections of the Sichuan 监控 table, in the order their header rows are tried: the word
/// that marks the header row, the section, and its columns as (word in the header cell, column),
/// the first word that a cell contains naming its column.
const MONITOR_SECTIONS: [(&str, &str, &[(&str, &str)]); 3] = [
    ("全年预算数", "money", &[("预算数", "budget"), ("执行数", "executed"), ("原因", "reason"), ("措施", "measures")]),
    ("任务名称", "tasks", &[("任务名称", "name"), ("主要内容", "content"), ("进度", "progress")]),
    (
        "三级指标",
        "indicators",
        &[("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name"), ("目标值", "target"), ("预计完成", "expected"), ("原因", "reason"), ("措施", "measures")],
    ),
];

/// The Sichuan 部门整体 监控 table.
pub fn monitor(cx: &mut Context, sheet: &mut Sheet, table_no: usize) {
    cx.report.monitor.get_or_insert_with(Default::default);
    super::lines::take_heading(cx, "monitor");
    let mut section = "";
    let mut cols: Vec<(usize, &'static str)> = Vec::new();
    for r in 0..sheet.height() {
        let cells = sheet.starting(r);
        let keys: Vec<String> = cells.iter().map(|&i| sheet.cells[i].key.clone()).collect();
        for &i in &cells {
            let k = sheet.cells[i].key.clone();
            if let Some(unit) = budget::unit_in(&k) {
                put(cx, "monitor.unit", unit);
            }
            if k.ends_with("监控") || k.starts_with("总体资金情况") || k == "年度主要任务完成情况" || k.starts_with("部门名称") || k == "部门" {
                sheet.place(i);
                if k.starts_with("部门名称") || k == "部门" {
                    if let Some(v) = sheet.right_of(i).filter(|&v| sheet.cells[v].row == r) {
                        let name = one_line(&sheet.cells[v].text);
                        if put(cx, "monitor.name", &name) {
                            sheet.place(v);
                            cx.signals.departments.push(name);
                        }
                    }
                }
            }
        }
        // A header row starts a section: its columns named by the words in its cells.
        if let Some((_, name, columns)) = MONITOR_SECTIONS.iter().find(|(word, _, _)| keys.iter().any(|k| k.contains(word))) {
            section = name;
            cols = header(sheet, r, |k| columns.iter().find(|(word, _)| k.contains(word)).map(|(_, column)| *column));
            continue;
        }
        match section {
            "money" => monitor_money(cx, sheet, r, &cols),
            "tasks" => monitor_row(cx, sheet, r, &cols, false),
            "indicators" => monitor_row(cx, sheet, r, &cols, true),
            _ => {}
        }
    }
    cx.found.push(Found::new("部门整体支出绩效自评表（监控）", "monitor", table_no));
}

fn monitor_money(cx: &mut Context, sheet: &mut Sheet, r: usize, cols: &[(usize, &'static str)]) {
    let Some(label) = sheet.starting(r).into_iter().find(|&i| {
        let k = &sheet.cells[i].key;
        k.contains("预算总额") || k.contains("基本支出") || k.contains("项目支出")
    }) else {
        return;
    };
    let k = sheet.cells[label].key.clone();
    let part = if k.contains("预算总额") {
        "total"
    } else if k.contains("基本支出") {
        "basic"
    } else {
        "project"
    };
    sheet.place(label);
    for &(col, field) in cols {
        let Some(i) = cell_at(sheet, r, col) else { continue };
        if is_blank_number(&sheet.cells[i].key) {
            sheet.place(i);
            continue;
        }
        let text = block(&sheet.cells[i].text);
        if put(cx, &format!("monitor.{part}.{field}"), &text) {
            sheet.place(i);
        }
    }
}

fn monitor_row(cx: &mut Context, sheet: &mut Sheet, r: usize, cols: &[(usize, &'static str)], indicators: bool) {
    let own = |sheet: &Sheet, col: usize| cell_at(sheet, r, col).map(|i| sheet.cells[i].key.clone()).unwrap_or_default();
    let content: Vec<&(usize, &str)> = cols.iter().filter(|(_, f)| !matches!(*f, "level1" | "level2")).collect();
    if content.iter().all(|(c, _)| is_blank_marker(&own(sheet, *c))) {
        return;
    }
    let Some(m) = cx.report.monitor.as_mut() else { return };
    let n = if indicators {
        m.indicators.push(MonitorIndicator::default());
        m.indicators.len() - 1
    } else {
        m.tasks.push(MonitorTask::default());
        m.tasks.len() - 1
    };
    let list = if indicators { "indicators" } else { "tasks" };
    // "任务1" labels in front of a task row.
    for i in sheet.starting(r) {
        let k = &sheet.cells[i].key;
        if k.starts_with("任务") && k.chars().skip(2).all(|c| c.is_ascii_digit()) {
            sheet.place(i);
        }
    }
    for &(col, field) in cols {
        let fills_down = matches!(field, "level1" | "level2");
        let Some(i) = sheet.at(r, col).filter(|&i| fills_down || sheet.cells[i].row == r) else { continue };
        if is_blank_marker(&sheet.cells[i].key) {
            continue;
        }
        let text = if fills_down { key(&sheet.cells[i].text) } else { block(&sheet.cells[i].text) };
        if put(cx, &format!("monitor.{list}[{n}].{field}"), &text) {
            sheet.place(i);
        }
    }
}
