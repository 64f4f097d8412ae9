//! Evaluating a whole report: every scored table, plus the report-level checks (required
//! fields, 基础数据表, Sichuan 监控表, narrative arithmetic and its agreement with the tables).
//!
//! Guarantees: `evaluate` never fails and never panics: an incomplete or inconsistent report
//! yields figures where they can be computed and findings for everything else.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::finding::{Finding, Findings, Severity};
use crate::measure::{Measure, UnitKind};
use crate::narrative;
use crate::num::{agreement, div, fmt2, fmt_rate, mul, plain, sum, Agreement, Precision};
use crate::report::{BasicData, MonitorTable, PerfTable, Report, TableKind, Triple};
use crate::rules::{self, RulePack};
use crate::score::{report_sum, score_table, TableResult};

/// Everything computed about a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// Rule pack id used.
    pub rule_pack: String,
    /// Its content hash.
    pub rule_pack_hash: String,
    /// One result per scored table: 整体 first, then projects.
    pub tables: Vec<TableResult>,
    /// 基础数据表 控制率 (fraction), when computable.
    pub staff_control_rate: Option<Decimal>,
    /// All findings, in a stable order (by severity, then as found).
    pub findings: Vec<Finding>,
}

impl Evaluation {
    /// Number of findings of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings.iter().filter(|f| f.severity == severity).count()
    }

    /// The findings of one scored table (`overall`, `projects[1]`), or of the report-level
    /// parts when `table` is `None`.
    pub fn findings_of<'a>(&'a self, table: Option<&'a str>) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.table_path() == table)
    }

    /// Every finding grouped by its table ([`Finding::table_path`]) in one pass, each group in
    /// the findings' order: what a caller looping over all tables uses (with
    /// [`Evaluation::group`]), so 20,000 tables do not scan all findings 20,000 times.
    pub fn findings_by_table(&self) -> FindingGroups<'_> {
        let mut groups: std::collections::HashMap<String, Vec<&Finding>> = std::collections::HashMap::new();
        for f in &self.findings {
            let key = f.table_path().unwrap_or_default();
            match groups.get_mut(key) {
                Some(list) => list.push(f),
                None => {
                    groups.insert(key.to_string(), vec![f]);
                }
            }
        }
        groups
    }

    /// The findings of `table` (`None`: the report-level ones) in a grouping made by
    /// [`Evaluation::findings_by_table`].
    pub fn group<'a, 'b>(groups: &'b FindingGroups<'a>, table: Option<&str>) -> &'b [&'a Finding] {
        groups.get(table.unwrap_or_default()).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// Findings by table path ("" for the report-level ones); see [`Evaluation::findings_by_table`].
pub type FindingGroups<'a> = std::collections::HashMap<String, Vec<&'a Finding>>;

/// Evaluates a report with the rule pack it names.
pub fn evaluate(report: &Report) -> Evaluation {
    match rules::find(&report.rule_pack) {
        Some(pack) => evaluate_with(report, pack),
        None => {
            let mut findings = Findings::default();
            findings.error(
                "report.rule_pack_unknown",
                "rule_pack",
                format!(
                    "未知的评分规则“{}”；可选：{}。",
                    report.rule_pack,
                    rules::all().iter().map(|p| p.id.as_str()).collect::<Vec<_>>().join("、")
                ),
            );
            Evaluation {
                rule_pack: report.rule_pack.clone(),
                rule_pack_hash: String::new(),
                tables: Vec::new(),
                staff_control_rate: None,
                findings: findings.0,
            }
        }
    }
}

/// Evaluates a report under a given rule pack (a reviewer may choose one for a whole batch).
pub fn evaluate_with(report: &Report, pack: &RulePack) -> Evaluation {
    evaluate_inner(report, pack, &mut Scored::default())
}

/// The scored tables of the last evaluation, so that evaluating again re-scores only the
/// tables that changed: the editor evaluates on every keystroke, and one keystroke changes one
/// table (a 300-row 整体表 beside 30 项目表 was re-scoring 900 rows each time).
#[derive(Debug, Default)]
pub struct Scored {
    tables: Vec<ScoredTable>,
}

#[derive(Debug)]
struct ScoredTable {
    path: String,
    pack: (String, String),
    table: PerfTable,
    result: TableResult,
    findings: Vec<Finding>,
}

/// Evaluates a report as [`evaluate`] does, reusing from `scored` every table that is the same
/// as last time (same path, same content, same rule pack); the result is the same as
/// `evaluate`'s, and `scored` then holds this evaluation's tables.
pub fn evaluate_reusing(report: &Report, scored: &mut Scored) -> Evaluation {
    match rules::find(&report.rule_pack) {
        Some(pack) => evaluate_inner(report, pack, scored),
        None => {
            scored.tables.clear();
            evaluate(report)
        }
    }
}

fn evaluate_inner(report: &Report, pack: &RulePack, scored: &mut Scored) -> Evaluation {
    let mut findings = Findings::default();
    let tol = pack.tolerance();
    if report.department.trim().is_empty() {
        findings.error("report.department_missing", "department", "未填写部门（单位）名称。");
    }
    if let Some(cover) = &report.cover {
        if cover.report_date.trim().is_empty() {
            findings.warning("cover.date_missing", "cover.report_date", "封面未填写报告日期。");
        }
    }

    let mut tables = Vec::new();
    let mut previous = std::mem::take(&mut scored.tables);
    let mut next = Vec::new();
    let key = (pack.id.clone(), pack.hash.clone());
    for (path, table) in report.scored_tables() {
        let label = match table.kind {
            TableKind::Overall => "整体".to_string(),
            TableKind::Project if table.name.trim().is_empty() => {
                findings.error("table.name_missing", format!("{path}.name"), "项目支出绩效自评表未填写项目名称。");
                "（未命名项目）".to_string()
            }
            TableKind::Project => table.name.trim().to_string(),
        };
        let entry = match previous.iter().position(|e| e.path == path && e.pack == key && e.table == *table) {
            Some(i) => previous.swap_remove(i),
            None => {
                let mut own = Findings::default();
                let result = score_table(table, &path, &label, pack, &mut own);
                ScoredTable { path, pack: key.clone(), table: table.clone(), result, findings: own.0 }
            }
        };
        findings.0.extend(entry.findings.iter().cloned());
        tables.push(entry.result.clone());
        next.push(entry);
    }
    scored.tables = next;

    let mut staff_control_rate = None;
    if let Some(basic) = &report.basic_data {
        staff_control_rate = check_basic_data(basic, report, tol, &mut findings);
    }
    if let Some(monitor) = &report.monitor {
        check_monitor(monitor, tol, &mut findings);
    }
    for (i, section) in report.narrative.iter().enumerate() {
        let path = format!("narrative[{i}].text");
        narrative::check_text(&section.text, &path, tol, &mut findings);
        if let Some(overall) = &report.overall {
            for (keyword, figure) in [("基本支出", overall.budget.basic), ("项目支出", overall.budget.project)] {
                if let (Some(stated), Some(table)) = (narrative::stated_amount(&section.text, keyword), figure) {
                    report_sum(
                        &mut findings,
                        "narrative.table_mismatch",
                        path.clone(),
                        &format!("自评报告中的{keyword}"),
                        stated,
                        &format!("整体表{keyword}"),
                        table,
                        tol,
                    );
                }
            }
        }
    }

    let findings = by_severity(findings.0);
    Evaluation {
        rule_pack: pack.id.clone(),
        rule_pack_hash: pack.hash.clone(),
        tables,
        staff_control_rate,
        findings,
    }
}

/// The findings errors first, then warnings, then remarks, each kind in the order found: a
/// stable sort by severity, done as three passes (the standard library's stable sort would add
/// 3 KB of code to the app's start-up for a key of three values).
fn by_severity(findings: Vec<Finding>) -> Vec<Finding> {
    let mut kinds: [Vec<Finding>; 3] = Default::default();
    for f in findings {
        let at = match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        kinds[at].push(f);
    }
    let [mut all, warnings, remarks] = kinds;
    all.extend(warnings);
    all.extend(remarks);
    all
}

fn check_basic_data(basic: &BasicData, report: &Report, tol: Decimal, findings: &mut Findings) -> Option<Decimal> {
    let path = "basic_data";
    let rate = match (basic.staff_actual, basic.staff_quota) {
        (Some(a), Some(q)) => div(a, q),
        _ => None,
    };
    if let (Some(declared), Some(r)) = (basic.declared_control_rate_percent, rate) {
        if let Some(percent) = mul(r, Decimal::ONE_HUNDRED) {
            if agreement(declared, percent, Precision::AsStated, tol) != Agreement::Same {
                findings.error(
                    "basic.control_rate",
                    format!("{path}.declared_control_rate_percent"),
                    format!("控制率填为 {}%，实际在职 {} ÷ 编制 {} = {}。", plain(declared), plain(basic.staff_actual.unwrap_or_default()), plain(basic.staff_quota.unwrap_or_default()), fmt_rate(r)),
                );
            }
        }
    }

    let mut project_parts: Vec<&Triple> = vec![&basic.business, &basic.operation];
    project_parts.extend(basic.specials.iter().map(|s| &s.values));
    let sums: [(&str, &Triple, Vec<&Triple>); 3] = [
        ("three_public", &basic.three_public, vec![&basic.cars, &basic.abroad, &basic.reception]),
        ("cars", &basic.cars, vec![&basic.car_purchase, &basic.car_running]),
        ("project_total", &basic.project_total, project_parts.clone()),
    ];
    let labels = [("three_public", "三公经费"), ("cars", "公务用车购置和维护经费"), ("project_total", "项目支出")];
    for (key, total, parts) in &sums {
        let label = labels.iter().find(|(k, _)| k == key).map(|(_, l)| *l).unwrap_or(key);
        for (column, get) in columns() {
            let values: Vec<Decimal> = parts.iter().filter_map(|p| get(p)).collect();
            if let (Some(t), false) = (get(total), values.is_empty()) {
                if let Some(s) = sum(values) {
                    report_sum(findings, "basic.sum", format!("{path}.{key}"), &format!("{label}各分项{column}之和"), s, &format!("{label}{column}"), t, tol);
                }
            }
        }
    }
    for (column, get) in columns() {
        let parts: Vec<Decimal> = [&basic.office, &basic.utilities_travel, &basic.meeting_training].iter().filter_map(|p| get(p)).collect();
        if let (Some(t), Some(s)) = (get(&basic.public_total), sum(parts)) {
            if s > t {
                findings.error("basic.sum", format!("{path}.public_total"), format!("公用经费“其中”各项{column}合计 {}，超过公用经费 {}。", plain(s), plain(t)));
            }
        }
    }

    // 项目支出 (本年决算) against the 整体表's 项目支出, and the unit each table claims.
    let basic_project = basic
        .project_total
        .final_
        .or_else(|| sum(project_parts.iter().filter_map(|p| p.final_)).filter(|s| !s.is_zero()));
    let overall = report.overall.as_ref();
    if let (Some(bp), Some(table)) = (basic_project, overall) {
        if let Some(tp) = table.budget.project {
            let bp_yuan = mul(bp, basic.unit.yuan_factor()).unwrap_or_default();
            let tp_yuan = mul(tp, table.unit.yuan_factor()).unwrap_or_default();
            let ratio = div(bp_yuan, tp_yuan).unwrap_or_default();
            let mut bp_in_table_unit = div(bp_yuan, table.unit.yuan_factor()).unwrap_or_default();
            if ratio > Decimal::from(5_000) && ratio < Decimal::from(20_000) {
                findings.warning(
                    "basic.unit_suspect",
                    format!("{path}.unit"),
                    format!(
                        "基础数据表标明单位为{}，但项目支出 {} 约为整体表项目支出 {} {}的10000倍，疑似按元填报；以下比较按元换算。",
                        basic.unit.label(),
                        plain(bp),
                        plain(tp),
                        table.unit.label()
                    ),
                );
                bp_in_table_unit = div(bp, Decimal::from(10_000)).unwrap_or_default();
            }
            report_sum(
                findings,
                "basic.project_vs_table",
                format!("{path}.project_total"),
                &format!("基础数据表项目支出合计（{}）", table.unit.label()),
                bp_in_table_unit,
                "整体表项目支出",
                tp,
                tol,
            );
        }
    }

    for (i, b) in basic.buildings.iter().enumerate() {
        let pairs = [
            ("规模控制率", b.actual_area, b.approved_area, b.declared_area_rate_percent, "declared_area_rate_percent"),
            ("投资概算控制率", b.actual_investment, b.budget_investment, b.declared_investment_rate_percent, "declared_investment_rate_percent"),
        ];
        for (label, actual, planned, declared, field) in pairs {
            if let (Some(a), Some(p), Some(d)) = (actual, planned, declared) {
                if let Some(r) = div(a, p).and_then(|r| mul(r, Decimal::ONE_HUNDRED)) {
                    if agreement(d, r, Precision::AsStated, tol) != Agreement::Same {
                        findings.error("basic.building_rate", format!("{path}.buildings[{i}].{field}"), format!("{label}填为 {}%，按数字应为 {}%。", plain(d), fmt2(r)));
                    }
                }
            }
        }
    }
    rate
}

type Getter = fn(&Triple) -> Option<Decimal>;

fn columns() -> [(&'static str, Getter); 3] {
    [("上年决算数", |t| t.prev_final), ("本年预算数", |t| t.budget), ("本年决算数", |t| t.final_)]
}

fn check_monitor(monitor: &MonitorTable, tol: Decimal, findings: &mut Findings) {
    let path = "monitor";
    for (label, get) in [("全年预算数", (|m| m.budget) as fn(&crate::report::MonitorMoney) -> Option<Decimal>), ("全年执行数", |m| m.executed)] {
        if let (Some(t), Some(b), Some(p)) = (get(&monitor.total), get(&monitor.basic), get(&monitor.project)) {
            report_sum(findings, "monitor.sum", format!("{path}.total"), &format!("基本支出 {} + 项目支出 {}", plain(b), plain(p)), b + p, &format!("年度预算总额{label}"), t, tol);
        }
    }
    for (key, money) in [("total", &monitor.total), ("basic", &monitor.basic), ("project", &monitor.project)] {
        if let (Some(b), Some(e)) = (money.budget, money.executed) {
            if let Some(dev) = div((e - b).abs(), b) {
                if dev > Decimal::new(2, 1) && money.reason.trim().is_empty() {
                    findings.error("monitor.reason_missing", format!("{path}.{key}.reason"), format!("执行数 {} 与预算数 {} 偏差 {}，超过20%，须填写偏差原因分析。", plain(e), plain(b), fmt_rate(dev)));
                }
            }
        }
    }
    // Rates that can be derived from the table's own money rows must agree with them.
    let balance = match (monitor.total.budget, monitor.total.executed) {
        (Some(b), Some(e)) => div(b - e, b),
        _ => None,
    };
    for (i, row) in monitor.indicators.iter().enumerate() {
        if !row.name.contains("结余率") {
            continue;
        }
        let Some(balance) = balance else { continue };
        for (field, text) in [("target", &row.target), ("expected", &row.expected)] {
            let m = Measure::parse(text);
            if let Some(q) = m.primary().filter(|q| q.kind == UnitKind::Percent) {
                let computed = balance * Decimal::ONE_HUNDRED;
                if agreement(q.value, computed, Precision::AsStated, tol) != Agreement::Same {
                    findings.error(
                        "monitor.derived_rate",
                        format!("{path}.indicators[{i}].{field}"),
                        format!(
                            "“结余率”填为 {}%，但本表预算 {} 万元、执行 {} 万元，结余率应为 {}。",
                            plain(q.value),
                            plain(monitor.total.budget.unwrap_or_default()),
                            plain(monitor.total.executed.unwrap_or_default()),
                            fmt_rate(balance)
                        ),
                    );
                }
            }
        }
    }
}
