//! The budget block of a scored table (预算执行情况 / 年度预算申请 / 项目资金): its header
//! columns in every regional wording, the 总额 row, and the 其中 rows by source and by nature.
//!
//! Guarantees: columns are found by their header words (年初预算数; 全年预算数 / 调整后预算数 /
//! 预算数(A); 全年执行数 / 执行数(B) / 预算执行数; 执行率; 分值 / 权重; 得分); the unit and the
//! points come from the label ("（万元）", "（20 分）"); "/" and "—" read as blank.

use super::lines::Context;
use super::put;
use super::sheet::{is_blank_number, points, split_weight, Sheet};

/// A column of the budget block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Initial,
    Adjusted,
    Executed,
    Rate,
    Weight,
    Score,
    Reason,
}

fn column(k: &str) -> Option<Col> {
    let k = k.trim_end_matches(':');
    Some(if k.starts_with("得分") {
        Col::Score
    } else if k.contains("执行率") {
        Col::Rate
    } else if k.contains("执行数") || k.contains("决算数") || k.contains("支出数") {
        Col::Executed
    } else if k.contains("年初") {
        Col::Initial
    } else if k.contains("预算数") || k.contains("调整后") || k.contains("全年预算") {
        Col::Adjusted
    } else if k.contains("分值") || k.contains("权重") {
        Col::Weight
    } else if k.contains("得分") {
        Col::Score
    } else if k.contains("原因") {
        Col::Reason
    } else {
        return None;
    })
}

/// Whether row `row` is the header of a budget block.
pub fn is_header(sheet: &Sheet, row: usize) -> bool {
    let cols: Vec<Col> = sheet.starting(row).iter().filter_map(|&i| column(&sheet.cells[i].key)).collect();
    cols.contains(&Col::Executed) && (cols.contains(&Col::Adjusted) || cols.contains(&Col::Initial) || cols.contains(&Col::Rate))
}

const TOTAL_WORDS: &[&str] = &["资金总额", "总额", "合计", "总计", "小计"];
const SOURCE_WORDS: &[&str] =
    &["一般公共预算", "政府性基金", "非税收入", "财政拨款", "结转", "其他资金", "财政资金", "专户", "单位资金", "自有资金", "上级补助", "国有资本", "社会资金"];

/// The label of a 其中 row without "其中", colons and an inline figure: ("一般公共预算", "503.37").
fn split_label(k: &str) -> (String, String) {
    let k = k.strip_prefix("其中").unwrap_or(k).trim_start_matches(':');
    match k.split_once(':') {
        Some((label, value)) => (label.to_string(), value.trim_start_matches(':').to_string()),
        None => (k.to_string(), String::new()),
    }
}

/// The money unit written in a label.
pub fn unit_in(k: &str) -> Option<&'static str> {
    if k.contains("万元") {
        Some("万元")
    } else if k.contains("(元)") || k.contains("单位:元") || k.contains("单位元") {
        Some("元")
    } else {
        None
    }
}

/// A line that only states the money unit: "单位：元", "金额单位：万元".
pub fn unit_line(k: &str) -> Option<&'static str> {
    let short = k.chars().count() <= 10;
    (short && (k.starts_with("单位:") || k.starts_with("金额单位") || k.starts_with("单位(") || k.starts_with("(单位"))).then(|| unit_in(k)).flatten()
}

/// Reads the block whose header is row `header`; returns the last row it used.
pub fn read(cx: &mut Context, sheet: &mut Sheet, header: usize, path: &str) -> usize {
    let b = format!("{path}.budget");
    // The 总额 row: the first row below the header whose label is a total.
    let total_row = (header + 1..sheet.height().min(header + 4))
        .find(|&r| sheet.find_in_row(r, |k| TOTAL_WORDS.iter().any(|w| k.contains(w)) && k.chars().count() <= 12).is_some());
    let labelled = total_row.and_then(|r| sheet.find_in_row(r, |k| TOTAL_WORDS.iter().any(|w| k.contains(w))).map(|l| (r, l)));
    let (total_row, total_label, label_end) = match labelled {
        Some((r, l)) => {
            sheet.place(l);
            (r, Some(l), sheet.cells[l].col + sheet.cells[l].col_span)
        }
        // No 总额 label: the row under the header holds the figures; what stands left of the
        // first figure header ("全年预算数", not "年度预算数（万元）") is label.
        None => {
            let first_value = sheet
                .starting(header)
                .into_iter()
                .filter(|&i| {
                    let k = &sheet.cells[i].key;
                    column(k).is_some() && unit_in(k).is_none() && !k.contains("情况")
                })
                .map(|i| sheet.cells[i].col)
                .min();
            match first_value {
                Some(col) if header + 1 < sheet.height() => (header + 1, None, col),
                _ => return header,
            }
        }
    };
    let label_col = total_label.map(|l| sheet.cells[l].col).unwrap_or(label_end);

    // Header: value columns right of the label area, labels (unit, points) within it.
    let mut columns: Vec<(usize, Col)> = Vec::new();
    for i in sheet.row(header).into_iter().chain(sheet.row(total_row)) {
        let cell = sheet.cells[i].clone();
        if cell.col < label_end && cell.row <= total_row {
            if cell.key.is_empty() || cell.row == total_row && Some(i) != total_label && cell.col >= label_col {
                continue;
            }
            if let Some(unit) = unit_in(&cell.key) {
                put(cx, &format!("{path}.unit"), unit);
            }
            if let (_, Some(points)) = split_weight(&cell.text) {
                if let Ok(d) = jixiao_model::num::parse_decimal(&points) {
                    cx.signals.budget_points = Some(d);
                }
                if jixiao_model::edit::get(&cx.report, &format!("{b}.weight")).is_empty() {
                    put(cx, &format!("{b}.weight"), &points);
                }
            }
            sheet.place(i);
        } else if cell.row == header {
            if let Some(col) = column(&cell.key) {
                columns.push((cell.col, col));
                if col == Col::Score {
                    if let Some(formula) = formula(&cell.key) {
                        put(cx, &format!("{b}.declared_formula"), &formula);
                        // "得分（20分*执行率）": the block's weight is in the formula.
                        let points: String = formula.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
                        if formula[points.len()..].starts_with('分') {
                            if let Ok(d) = jixiao_model::num::parse_decimal(&points) {
                                cx.signals.budget_points = Some(d);
                            }
                            if jixiao_model::edit::get(&cx.report, &format!("{b}.weight")).is_empty() {
                                put(cx, &format!("{b}.weight"), &points);
                            }
                        }
                    }
                }
                sheet.place(i);
            }
        }
    }
    for &(col, kind) in &columns {
        let Some(i) = sheet.at(total_row, col).filter(|&i| sheet.cells[i].row == total_row && Some(i) != total_label) else { continue };
        let text = sheet.cells[i].text.clone();
        if is_blank_number(&sheet.cells[i].key) {
            sheet.place(i);
            continue;
        }
        let field = match kind {
            Col::Initial => "initial",
            Col::Adjusted => "adjusted",
            Col::Executed => "executed",
            Col::Rate => "declared_rate_percent",
            Col::Weight => "weight",
            Col::Score => "declared_score",
            Col::Reason => "reason",
        };
        if kind == Col::Weight {
            if let Ok(d) = jixiao_model::num::parse_decimal(&text) {
                cx.signals.budget_points = Some(d);
            }
        }
        let text = if matches!(kind, Col::Weight | Col::Score) { points(&text) } else { text };
        if put(cx, &format!("{b}.{field}"), &text) {
            sheet.place(i);
        }
    }

    // 其中 rows.
    let mut last = total_row;
    for r in total_row + 1..sheet.height() {
        let cells = sheet.starting(r);
        let known = cells.iter().any(|&i| {
            let (label, _) = split_label(&sheet.cells[i].key);
            label.starts_with("按") && label.contains("分")
                || label.starts_with("基本支出")
                || label.starts_with("项目支出")
                || SOURCE_WORDS.iter().any(|w| label.contains(w)) && label.chars().count() <= 16
        });
        if !known {
            break;
        }
        last = r;
        let mut line: Option<usize> = None;
        for i in cells {
            let (label, inline) = split_label(&sheet.cells[i].key);
            let nature = if label.starts_with("基本支出") {
                Some("basic")
            } else if label.starts_with("项目支出") {
                Some("project")
            } else {
                None
            };
            if let Some(field) = nature {
                let value = if inline.is_empty() { label.trim_start_matches("基本支出").trim_start_matches("项目支出").to_string() } else { inline };
                if value.is_empty() || put(cx, &format!("{b}.{field}"), &value) {
                    sheet.place(i);
                }
                continue;
            }
            if label.starts_with("按") && label.contains("分") {
                sheet.place(i);
                continue;
            }
            if SOURCE_WORDS.iter().any(|w| label.contains(w)) {
                let n = cx.report_budget_lines(path);
                let lpath = format!("{b}.by_source[{n}]");
                if push_line(cx, path) && put(cx, &format!("{lpath}.label"), &label) {
                    sheet.place(i);
                    if !inline.is_empty() && !put(cx, &format!("{lpath}.executed"), &inline) {
                        cx.notes.push(format!("预算来源“{label}”的数额未能读出"));
                    }
                    line = Some(n);
                }
                continue;
            }
            // A figure under a header column.
            let col = sheet.cells[i].col;
            let kind = columns.iter().find(|(c, _)| *c == col).map(|(_, k)| *k);
            if is_blank_number(&sheet.cells[i].key) {
                sheet.place(i);
                continue;
            }
            let field = match kind {
                Some(Col::Initial) => "initial",
                Some(Col::Adjusted) => "adjusted",
                Some(Col::Executed) => "executed",
                _ => continue, // rates and scores of a 其中 row have no place: left over
            };
            if let Some(n) = line {
                let text = sheet.cells[i].text.clone();
                if put(cx, &format!("{b}.by_source[{n}].{field}"), &text) {
                    sheet.place(i);
                }
            }
        }
    }
    last
}

fn push_line(cx: &mut Context, path: &str) -> bool {
    match jixiao_model::edit::table_mut(&mut cx.report, path) {
        Some(t) => {
            t.budget.by_source.push(Default::default());
            true
        }
        None => false,
    }
}

impl Context {
    fn report_budget_lines(&self, path: &str) -> usize {
        jixiao_model::edit::table(&self.report, path).map(|t| t.budget.by_source.len()).unwrap_or(0)
    }
}

/// The formula in a 得分 header: "得分(20分*执行率)" → "20分*执行率".
fn formula(k: &str) -> Option<String> {
    let open = k.find('(')?;
    let inner = k[open + 1..].trim_end_matches(')');
    (inner.contains('*') || inner.contains("执行率")).then(|| inner.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::sheet::key;
    use super::*;

    #[test]
    fn budget_header_words_in_every_wording() {
        for (words, col) in [
            ("年初预算数", Col::Initial),
            ("年初预算", Col::Initial),
            ("全年预算数", Col::Adjusted),
            ("调整后预算数", Col::Adjusted),
            ("预算数(A)", Col::Adjusted),
            ("全年执行数", Col::Executed),
            ("执行数(B)", Col::Executed),
            ("预算执行数", Col::Executed),
            ("执行率(B/A)", Col::Rate),
            ("预算执行率", Col::Rate),
            ("权重", Col::Weight),
            ("得分(20分*执行率)", Col::Score),
        ] {
            assert_eq!(column(&key(words)), Some(col), "{words}");
        }
        assert_eq!(formula(&key("得分（20分*执行率）")).as_deref(), Some("20分*执行率"));
        assert_eq!(split_label(&key("其中：基本支出：2019.16")), ("基本支出".into(), "2019.16".into()));
        assert_eq!(unit_in(&key("年度预 算申请 (万元)")), Some("万元"));
        assert_eq!(unit_in(&key("金额单位：元")), Some("元"));
        assert_eq!(unit_in("元/人"), None);
        assert_eq!(unit_line(&key("金额单位：万元")), Some("万元"));
        assert_eq!(unit_line(&key("单位：元")), Some("元"));
        assert_eq!(unit_line(&key("单位名称：某局")), None);
        assert_eq!(unit_in("单位:元"), Some("元"));
    }
}
