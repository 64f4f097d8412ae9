//! 审核: one row per scored table of many reports, declared against computed, for a reviewer
//! who has minutes per report. Sorting, filtering, the CSV and the table's HTML are here so the
//! page, the tests and the command-line checker share them.
//!
//! Guarantees: a file that does not load is a row with its Chinese message, never a reason to
//! stop; the computed figures are `evaluate`'s (or `evaluate_with` a pack the reviewer chose);
//! the difference is 填报 − 计算 on the figures as displayed (计算 四舍五入 to 2 decimals), so a
//! table that shows "98" against "98.00" has no difference.

use std::cmp::Ordering;
use std::fmt::Write;

use rust_decimal::Decimal;

use crate::check::Evaluation;
use crate::figures::{self, Figure};
use crate::finding::Severity;
use crate::num::fmt2;
use crate::print::escape;
use crate::report::Report;
use crate::rules;

/// One row of the review table (serialised for the reader worker, which writes the workbook).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReviewRow {
    /// File name (or draft name).
    pub file: String,
    /// Index of the report in the batch (to open it), `None` for a file that did not load.
    pub report: Option<usize>,
    /// 部门.
    pub department: String,
    /// "整体" or the project's name.
    pub table: String,
    /// Rule pack used.
    pub rule_pack: String,
    /// 总分 as declared.
    pub declared_total: Option<Decimal>,
    /// 总分 as computed (exact).
    pub computed_total: Option<Decimal>,
    /// 评价等次 as declared.
    pub declared_grade: Option<String>,
    /// 评价等次 computed.
    pub computed_grade: Option<String>,
    /// Errors in this table.
    pub errors: usize,
    /// Warnings in this table.
    pub warnings: usize,
    /// 待评定: qualitative rows counted at the department's declared score.
    pub pending: usize,
    /// Why the file did not load.
    pub problem: Option<String>,
    /// The file this one repeats (same name or same report loaded earlier in the batch).
    pub duplicate_of: Option<String>,
    /// What a reviewer reads first in a row without a score: a 部门决算 table's first error (or
    /// warning) message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl ReviewRow {
    /// The 总分 as the one figures policy shows it (`model::figures`).
    pub fn total(&self) -> Figure {
        Figure::points(self.declared_total, self.computed_total)
    }

    /// 填报 − 计算 (计算 rounded as displayed), when both are there.
    pub fn difference(&self) -> Option<Decimal> {
        self.total().difference()
    }

    /// Whether the declared figures disagree with the computed ones (or the file is broken).
    pub fn differs(&self) -> bool {
        if self.problem.is_some() || self.total().differs() {
            return true;
        }
        if self.declared_total.is_some() != self.computed_total.is_some() {
            return true;
        }
        let declared = self.declared_grade.as_deref().map(str::trim).unwrap_or("");
        let canonical = rules::find(&self.rule_pack).and_then(|p| p.canonical_grade(declared)).unwrap_or(declared);
        !declared.is_empty() && Some(canonical) != self.computed_grade.as_deref()
    }
}

/// The rows of one report: one per scored table, from the table's figures (`model::figures`).
pub fn rows_for(file: &str, index: usize, report: &Report, evaluation: &Evaluation) -> Vec<ReviewRow> {
    figures::of_report(report, evaluation)
        .into_iter()
        .map(|f| ReviewRow {
            file: file.to_string(),
            report: Some(index),
            department: report.department.clone(),
            table: f.label,
            rule_pack: evaluation.rule_pack.clone(),
            declared_total: f.total.declared,
            computed_total: f.total.computed,
            declared_grade: f.grade.declared,
            computed_grade: f.grade.computed,
            errors: f.errors,
            warnings: f.warnings,
            pending: f.pending,
            problem: None,
            duplicate_of: None,
            note: None,
        })
        .collect()
}

/// The row of a file that did not load.
pub fn broken_row(file: &str, problem: &str) -> ReviewRow {
    ReviewRow {
        file: file.to_string(),
        report: None,
        department: String::new(),
        table: String::new(),
        rule_pack: String::new(),
        declared_total: None,
        computed_total: None,
        declared_grade: None,
        computed_grade: None,
        errors: 0,
        warnings: 0,
        pending: 0,
        problem: Some(problem.to_string()),
        duplicate_of: None,
        note: None,
    }
}

/// The rule-pack column of a 部门决算's rows.
const ACCOUNTS: &str = "部门决算";

/// A row of a 部门决算 in the batch (issue 24) from one line of
/// `final_accounts::check::review_lines`: its table (or 情况说明) with its error and warning
/// counts and first message; no 总分, no rule pack (the 决算 has no score), not opened from
/// 审核 (it opens in its editor from 首页).
pub fn final_accounts_row(file: &str, line: &str) -> Option<ReviewRow> {
    let mut parts = line.split('\t');
    let (department, table, errors, warnings) = (parts.next()?, parts.next()?, parts.next()?.parse().ok()?, parts.next()?.parse().ok()?);
    let note = parts.next().filter(|n| !n.is_empty()).map(str::to_string);
    Some(ReviewRow { department: department.to_string(), table: format!("部门决算：{table}"), rule_pack: ACCOUNTS.into(), errors, warnings, problem: None, note, ..broken_row(file, "") })
}

/// Marks each row whose file was already in the batch: the same file name, or (for files that
/// loaded) the same report, as `reports[i]` is the report of rows with `report == Some(i)`.
/// A file loaded twice is then visible as such, instead of being counted twice unnoticed.
pub fn flag_duplicates(rows: &mut [ReviewRow], reports: &[&Report]) {
    for i in 0..rows.len() {
        let earlier = rows[..i].iter().find(|e| {
            // Rows of one loaded report (one per table) are not copies of each other, nor are the
            // tables of one 部门决算 (rows without a report: a repeat names the same table again).
            (e.report.is_none() || e.report != rows[i].report)
                && (e.file == rows[i].file && (e.rule_pack != ACCOUNTS || e.table == rows[i].table)
                    || matches!((e.report, rows[i].report), (Some(a), Some(b)) if reports.get(a).is_some() && reports.get(a) == reports.get(b)))
        });
        rows[i].duplicate_of = earlier.map(|e| e.file.clone());
    }
}

/// Which rows to show: with neither box ticked every row; otherwise rows with errors (有错误:
/// error findings, or a file that did not load) and/or rows whose declared figures differ from
/// the computed ones (有差额). A repeated file shows under either.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    /// 只看有错误的.
    pub errors: bool,
    /// 只看有差额的.
    pub difference: bool,
}

impl Filter {
    /// Whether `row` passes.
    pub fn keeps(self, row: &ReviewRow) -> bool {
        if !self.errors && !self.difference {
            return true;
        }
        row.duplicate_of.is_some() || (self.errors && (row.errors > 0 || row.problem.is_some())) || (self.difference && row.differs())
    }
}

/// Columns the table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// 文件.
    File,
    /// 部门.
    Department,
    /// 表.
    Table,
    /// 评分规则.
    RulePack,
    /// 填报总分.
    Declared,
    /// 计算总分.
    Computed,
    /// 差额.
    Difference,
    /// 错误.
    Errors,
    /// 警告.
    Warnings,
}

impl SortKey {
    /// The key as written in the table's `data-sort` attributes.
    pub fn id(self) -> &'static str {
        match self {
            SortKey::File => "file",
            SortKey::Department => "department",
            SortKey::Table => "table",
            SortKey::RulePack => "rule_pack",
            SortKey::Declared => "declared",
            SortKey::Computed => "computed",
            SortKey::Difference => "difference",
            SortKey::Errors => "errors",
            SortKey::Warnings => "warnings",
        }
    }

    /// The key of a `data-sort` attribute.
    pub fn from_id(id: &str) -> Option<SortKey> {
        COLUMNS.iter().map(|(k, _)| *k).find(|k| k.id() == id)
    }
}

/// The table's sortable columns in order, with their headers.
pub const COLUMNS: &[(SortKey, &str)] = &[
    (SortKey::File, "文件"),
    (SortKey::Department, "部门"),
    (SortKey::Table, "表"),
    (SortKey::RulePack, "评分规则"),
    (SortKey::Declared, "填报总分"),
    (SortKey::Computed, "计算总分"),
    (SortKey::Difference, "差额（填报−计算）"),
    (SortKey::Errors, "错误"),
    (SortKey::Warnings, "警告"),
];

/// Sorts rows by a column; rows without a figure sort last either way.
pub fn sort(rows: &mut [ReviewRow], key: SortKey, descending: bool) {
    fn figures(a: Option<Decimal>, b: Option<Decimal>, descending: bool) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) if descending => b.cmp(&a),
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    rows.sort_by(|a, b| {
        let texts = |x: &str, y: &str| if descending { y.cmp(x) } else { x.cmp(y) };
        let counts = |x: usize, y: usize| if descending { y.cmp(&x) } else { x.cmp(&y) };
        match key {
            SortKey::File => texts(&a.file, &b.file),
            SortKey::Department => texts(&a.department, &b.department),
            SortKey::Table => texts(&a.table, &b.table),
            SortKey::RulePack => texts(&a.rule_pack, &b.rule_pack),
            SortKey::Declared => figures(a.declared_total, b.declared_total, descending),
            SortKey::Computed => figures(a.computed_total, b.computed_total, descending),
            SortKey::Difference => figures(a.difference().map(|d| d.abs()), b.difference().map(|d| d.abs()), descending),
            SortKey::Errors => counts(a.errors, b.errors),
            SortKey::Warnings => counts(a.warnings, b.warnings),
        }
    });
}

/// The rows shown: those the filter keeps whose 部门 or file contains `search`.
pub fn filter<'a>(rows: &'a [ReviewRow], which: Filter, search: &str) -> Vec<&'a ReviewRow> {
    let search = search.trim();
    rows.iter()
        .filter(|r| which.keeps(r))
        .filter(|r| search.is_empty() || r.department.contains(search) || r.file.contains(search))
        .collect()
}

fn signed(d: Decimal) -> String {
    if d > Decimal::ZERO { format!("+{}", fmt2(d)) } else { fmt2(d) }
}

/// The texts of a row as the table and the CSV show them.
pub fn cells(r: &ReviewRow) -> [String; 12] {
    let grade = |g: &Option<String>| g.clone().filter(|g| !g.trim().is_empty()).unwrap_or_else(|| "—".into());
    [
        r.file.clone(),
        r.department.clone(),
        r.table.clone(),
        // The pack's name, as the 评分规则 page and the pickers show it (its id where unknown).
        rules::find(&r.rule_pack).map(|p| p.name.clone()).unwrap_or_else(|| r.rule_pack.clone()),
        r.total().declared_text(),
        r.total().computed_text(),
        r.difference().map(signed).unwrap_or_else(|| "—".into()),
        format!("{} / {}", grade(&r.declared_grade), grade(&r.computed_grade)),
        r.errors.to_string(),
        r.warnings.to_string(),
        if r.problem.is_some() { String::new() } else { r.pending.to_string() },
        match (&r.problem, &r.duplicate_of) {
            (Some(p), _) => p.clone(),
            (None, Some(d)) => format!("与“{d}”重复：同一份文件加载了两次"),
            (None, None) => r.note.clone().unwrap_or_default(),
        },
    ]
}

/// The column headers of the table, the CSV and the spreadsheet.
/// 待评定 counts the qualitative rows counted at the department's own score (no evaluator's
/// assessment yet): the points a reviewer has to judge.
pub const HEADERS: [&str; 12] = ["文件", "部门", "表", "评分规则", "填报总分", "计算总分", "差额（填报−计算）", "等次（填报/计算）", "错误", "警告", "待评定", "说明（无法读取的原因、重复、首个问题）"];

/// The review table as CSV for Excel (UTF-8 with BOM).
pub fn csv(rows: &[&ReviewRow]) -> String {
    let mut out = String::from(crate::exchange::csv::BOM);
    let quote = crate::exchange::csv::quote;
    out.push_str(&HEADERS.iter().map(|h| quote(h)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
    for r in rows {
        out.push_str(&cells(r).iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The review table's HTML: sortable headers (`data-sort`), rows linking to the read-only report.
pub fn html(rows: &[&ReviewRow], sorted: SortKey, descending: bool) -> String {
    let mut out = String::from("<table class=\"official review\"><thead><tr>");
    for (i, header) in HEADERS.iter().enumerate() {
        match COLUMNS.iter().find(|(_, h)| h == header) {
            Some((key, _)) if i != 7 => {
                let mark = if *key == sorted { if descending { " ▼" } else { " ▲" } } else { "" };
                let aria = if *key == sorted { if descending { " aria-sort=\"descending\"" } else { " aria-sort=\"ascending\"" } } else { "" };
                let _ = write!(out, "<th{aria}><button type=\"button\" class=\"sort\" data-sort=\"{}\">{header}{mark}</button></th>", key.id());
            }
            _ => {
                let _ = write!(out, "<th>{header}</th>");
            }
        }
    }
    out.push_str("</tr></thead><tbody>");
    for r in rows {
        let c = cells(r);
        let class = if r.problem.is_some() {
            " class=\"broken\""
        } else if r.duplicate_of.is_some() {
            " class=\"duplicate\""
        } else if r.differs() {
            " class=\"differs\""
        } else {
            ""
        };
        let _ = write!(out, "<tr{class} data-testid=\"review-row\">");
        for (i, text) in c.iter().enumerate() {
            let numeric = matches!(i, 4..=6 | 8..=10);
            let td = if numeric { "<td class=\"num\">" } else { "<td>" };
            match (i, r.report) {
                (1, Some(index)) => {
                    let _ = write!(out, "{td}<a href=\"#/review/{index}\">{}</a></td>", escape(if text.is_empty() { "（未填部门）" } else { text }));
                }
                _ => {
                    let _ = write!(out, "{td}{}</td>", escape(text));
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The top of a report opened from the batch: each scored table's 总分 and 等次 (填报 and 计算)
/// and every finding, a finding on an indicator row with a link to that row of the printed
/// table (`data-goto-table` = the table's place among the printed indicator tables,
/// `data-goto-row` = the row's place in it), so a reviewer sees the verdict first.
pub fn report_head_html(report: &Report, evaluation: &Evaluation) -> String {
    use crate::finding_scope;
    let mut out = String::from("<div class=\"review-head\" data-testid=\"review-head\"><table class=\"official\"><caption>总分与等次</caption><thead><tr><th scope=\"col\">表</th><th scope=\"col\">填报总分</th><th scope=\"col\">计算总分</th><th scope=\"col\">等次（填报/计算）</th><th scope=\"col\">错误</th><th scope=\"col\">警告</th><th scope=\"col\">待评定</th></tr></thead><tbody>");
    for row in rows_for("", 0, report, evaluation) {
        let c = cells(&row);
        let _ = write!(out, "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td><td class=\"num\" data-testid=\"review-head-total\">{}</td><td data-testid=\"review-head-grade\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>", escape(&c[2]), c[4], c[5], escape(&c[7]), c[8], c[9], c[10]);
    }
    out.push_str("</tbody></table>");
    let list: Vec<_> = evaluation.findings.iter().collect();
    let _ = write!(out, "<h2>检查结果（错误 {} · 警告 {} · 提示 {}）</h2>", evaluation.count(Severity::Error), evaluation.count(Severity::Warning), evaluation.count(Severity::Info));
    if list.is_empty() {
        out.push_str("<p>未发现问题。</p>");
    }
    out.push_str("<ul class=\"review-findings\">");
    for (f, message) in list.iter().zip(finding_scope::messages(report, &list, true)) {
        let class = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let _ = write!(out, "<li class=\"finding {class}\" data-testid=\"review-finding\"><span class=\"severity\">{}</span>{}", f.severity.label(), escape(&message));
        let target = finding_scope::row_of(report, &f.path).and_then(|(table, row_path, words, _)| {
            let t = evaluation.tables.iter().position(|t| t.path == table)?;
            let n = evaluation.tables[t].rows.iter().position(|r| r.path == row_path)?;
            Some((t, n, format!("{} {words}", finding_scope::table_label(report, &table))))
        });
        if let Some((t, n, words)) = target {
            let _ = write!(out, " <button type=\"button\" class=\"link\" data-goto-table=\"{t}\" data-goto-row=\"{n}\">查看{}</button>", escape(&words));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, examples};

    fn all_rows() -> Vec<ReviewRow> {
        let mut rows = Vec::new();
        for (i, e) in examples::EXAMPLES.iter().enumerate() {
            let r = examples::example(e.id).unwrap().unwrap();
            rows.extend(rows_for(&format!("{}.json", e.id), i, &r, &evaluate(&r)));
        }
        rows.push(broken_row("bad.json", "文件不是有效的 JSON"));
        rows
    }

    #[test]
    fn seed_rows_declared_against_computed() {
        let rows = all_rows();
        let seed001 = rows.iter().find(|r| r.file == "seed-001.json").unwrap();
        assert_eq!(seed001.declared_total, Some(Decimal::from(99)));
        assert_eq!(seed001.computed_total.map(fmt2).as_deref(), Some("99.00"));
        assert_eq!(seed001.difference(), Some(Decimal::ZERO));
        assert_eq!(seed001.errors, 10);
        let pending: Vec<usize> = rows.iter().map(|r| r.pending).collect();
        assert!(pending.iter().any(|p| *p > 0) && pending.contains(&0), "{pending:?}");
        let seed000 = rows.iter().find(|r| r.file == "seed-000.json" && r.table == "整体").unwrap();
        assert!(!seed000.differs(), "98 declared, 98.00 computed");
        let seed003 = rows.iter().find(|r| r.file == "seed-003.json").unwrap();
        assert_eq!(seed003.computed_total.map(fmt2).as_deref(), Some("94.15"));
        let difference = Filter { errors: false, difference: true };
        let shown = filter(&rows, difference, "");
        assert!(shown.iter().any(|r| r.file == "bad.json"));
        assert!(!shown.iter().any(|r| r.file == "seed-000.json" && r.table == "整体"));
        assert!(!shown.iter().any(|r| r.file == "seed-001.json"), "totals agree");
        let errors = filter(&rows, Filter { errors: true, difference: false }, "");
        assert!(errors.iter().any(|r| r.file == "seed-001.json"), "10 errors, totals agree: shown under 有错误");
        assert!(errors.iter().any(|r| r.file == "bad.json"));
        let both = filter(&rows, Filter { errors: true, difference: true }, "");
        assert!(both.len() >= errors.len() && both.len() >= shown.len());
        assert_eq!(filter(&rows, Filter::default(), "").len(), rows.len());
        assert_eq!(filter(&rows, Filter::default(), "汉阳").len(), 1);
    }

    #[test]
    fn an_opened_report_starts_with_its_verdict_and_findings() {
        let r = examples::example("seed-001").unwrap().unwrap();
        let html = report_head_html(&r, &evaluate(&r));
        assert!(html.contains("<td class=\"num\" data-testid=\"review-head-total\">99.00</td><td data-testid=\"review-head-grade\">— / 优</td><td class=\"num\">10</td>"));
        assert!(html.contains("<h2>检查结果（错误 10 · 警告 "));
        assert!(html.contains("data-goto-table=\"0\" data-goto-row=\""), "row findings link to their rows");
        assert!(html.contains(">查看部门整体支出绩效自评表 第 "));
    }

    #[test]
    fn a_file_loaded_twice_is_flagged() {
        let a = examples::example("seed-001").unwrap().unwrap();
        let b = examples::example("seed-003").unwrap().unwrap();
        let reports = [&a, &b, &a];
        let mut rows = Vec::new();
        for (i, (name, r)) in [("a.json", &a), ("b.json", &b), ("a 副本.json", &a)].into_iter().enumerate() {
            rows.extend(rows_for(name, i, r, &evaluate(r)));
        }
        rows.push(broken_row("bad.json", "坏"));
        rows.push(broken_row("bad.json", "坏"));
        flag_duplicates(&mut rows, &reports);
        let flagged: Vec<_> = rows.iter().map(|r| r.duplicate_of.as_deref()).collect();
        assert_eq!(flagged, [None, None, Some("a.json"), None, Some("bad.json")]);
        assert_eq!(cells(&rows[2])[11], "与“a.json”重复：同一份文件加载了两次");
        let problems = filter(&rows, Filter { errors: false, difference: true }, "");
        assert!(problems.iter().any(|r| r.file == "a 副本.json"));
    }

    #[test]
    fn sorting_puts_missing_figures_last() {
        let mut rows = all_rows();
        sort(&mut rows, SortKey::Computed, true);
        assert_eq!(rows.last().unwrap().file, "bad.json");
        assert!(rows[0].computed_total >= rows[1].computed_total);
        sort(&mut rows, SortKey::Errors, true);
        assert_eq!(rows[0].file, "seed-001.json");
        sort(&mut rows, SortKey::Department, false);
        assert_eq!(rows[0].department, "", "the broken file has no 部门");
    }

    #[test]
    fn csv_and_html() {
        let rows = all_rows();
        let shown = filter(&rows, Filter::default(), "");
        let csv = csv(&shown);
        assert!(csv.starts_with("\u{feff}文件,部门,表,评分规则,填报总分,计算总分,差额（填报−计算）,等次（填报/计算）,错误,警告,待评定,说明（无法读取的原因、重复、首个问题）\r\n"));
        assert!(csv.contains("seed-001.json,岳阳市云溪区总工会,整体,湖南省 2024 年度部门整体支出绩效自评,99,99.00,0.00,— / 优,10,1,0,\r\n"));
        // seed 000's 整体表: 8 qualitative rows counted at the department's own score.
        assert!(csv.contains("seed-000.json,岳阳市总工会,整体,湖南省 2024 年度部门整体支出绩效自评,98,98.00,0.00,— / 优,2,4,8,\r\n"), "{csv}");
        let html = html(&shown, SortKey::Errors, true);
        assert!(html.contains("<th aria-sort=\"descending\"><button type=\"button\" class=\"sort\" data-sort=\"errors\">错误 ▼</button></th>"));
        assert!(html.contains("<a href=\"#/review/1\">岳阳市云溪区总工会</a>"));
        assert!(html.contains("<tr class=\"broken\" data-testid=\"review-row\"><td>bad.json</td>"));
    }
}
