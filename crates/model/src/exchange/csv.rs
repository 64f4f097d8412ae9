//! CSV of one table for people who paste into Excel: UTF-8 with a byte-order mark (so Excel
//! opens Chinese correctly), CRLF line ends, RFC 4180 quoting.
//!
//! Guarantees: the declared figures as typed beside the computed ones as shown on screen, both
//! written by the one figures policy (`model::figures`);
//! a typed text that Excel would run as a formula (`=…`, `+…`, `@…`, a non-numeric `-…`) is
//! written with a leading apostrophe, so opening a CSV can never execute anything.

use crate::check::Evaluation;
use crate::figures::{Figure, TableFigures};
use crate::num::{parse_decimal, plain};
use crate::report::{BasicData, PerfTable, Report, Triple};
use crate::score::TableResult;
use crate::view::MISSING;

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: &str = "\u{feff}";

fn cell(text: &str) -> String {
    let starts_formula = match text.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => true,
        Some('-') => parse_decimal(text).is_err(),
        _ => false,
    };
    if starts_formula {
        quote(&format!("'{text}"))
    } else {
        quote(text)
    }
}

/// RFC 4180 quoting of one cell: in double quotes when it holds a comma, quote or line break.
pub fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn line(out: &mut String, cells: &[String]) {
    out.push_str(&cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
    out.push_str("\r\n");
}

fn opt(d: Option<rust_decimal::Decimal>) -> String {
    d.map(plain).unwrap_or_default()
}

/// The CSV of a scored table (`overall`, `projects[i]`), or `None` when there is no such table.
pub fn scored_table(report: &Report, evaluation: &Evaluation, path: &str) -> Option<String> {
    let table = crate::edit::table(report, path)?;
    let result = evaluation.tables.iter().find(|t| t.path == path)?;
    Some(table_csv(table, result, &crate::figures::of_table(report, path, table, result, evaluation)))
}

/// A declared figure as typed, or an empty cell.
fn declared(f: &Figure) -> String {
    f.declared.map(|_| f.declared_text()).unwrap_or_default()
}

fn table_csv(table: &PerfTable, result: &TableResult, figures: &TableFigures) -> String {
    let mut out = String::from(BOM);
    let s = |t: &str| t.to_string();
    line(&mut out, &[s(if crate::finding_scope::is_project(table, &result.path) { "项目支出绩效自评表" } else { "部门整体支出绩效自评表" }), table.name.clone()]);
    line(&mut out, &[format!("预算执行情况（{}）", table.unit.label()), s("年初预算数"), s("全年预算数"), s("全年执行数"), s("分值"), s("执行率（填报）"), s("执行率（计算）"), s("得分（填报）"), s("得分（计算）")]);
    let b = &table.budget;
    line(
        &mut out,
        &[
            String::new(),
            opt(b.initial),
            opt(b.adjusted),
            opt(b.executed),
            plain(result.budget.weight),
            declared(&figures.rate),
            figures.rate.computed_text(),
            declared(&figures.budget_score),
            figures.budget_score.computed_text(),
        ],
    );
    // The 其中 rows of the official form, amounts under the same columns as 年度资金总额.
    let overall = result.path == "overall";
    for (i, l) in b.by_source.iter().enumerate() {
        let label = crate::forms::rows::source_label(i, if overall { "按收入性质分：" } else { "" }, &l.label);
        line(&mut out, &[label, opt(l.initial), opt(l.adjusted), opt(l.executed)]);
    }
    if overall || b.basic.is_some() || b.project.is_some() {
        line(&mut out, &[s("按支出性质分：其中：基本支出"), String::new(), String::new(), opt(b.basic)]);
        line(&mut out, &[s("项目支出"), String::new(), String::new(), opt(b.project)]);
    }
    let goal_grouped = !table.goals.is_empty();
    let mut header = Vec::new();
    if goal_grouped {
        header.push(s("年度绩效目标"));
    }
    header.extend(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "填报得分", "计算得分", "偏差原因分析及改进措施"].map(s));
    line(&mut out, &header);
    let rows = table.indicators.iter().map(|i| (None, i)).chain(table.goals.iter().flat_map(|g| g.indicators.iter().map(move |i| (Some(g), i))));
    for ((goal, ind), row) in rows.zip(&result.rows) {
        let mut cells = Vec::new();
        if goal_grouped {
            cells.push(goal.map(|g| g.title.clone()).unwrap_or_default());
        }
        cells.extend([
            ind.level1.clone(),
            ind.level2.clone(),
            ind.name.clone(),
            ind.target_text(),
            ind.actual.clone(),
            opt(ind.weight),
            declared(&Figure::points(ind.declared_score, row.score)),
            Figure::points(ind.declared_score, row.score).computed_text(),
            ind.reason.clone(),
        ]);
        line(&mut out, &cells);
    }
    line(&mut out, &[s("总分（填报）"), declared(&figures.total), s("总分（计算）"), figures.total.computed_text()]);
    line(&mut out, &[s("评价等次（填报）"), figures.grade.declared.clone().unwrap_or_default(), s("评价等次（计算）"), figures.grade.computed.clone().unwrap_or_else(|| MISSING.into())]);
    out
}

/// The CSV of the 基础数据表.
pub fn basic_data(data: &BasicData) -> String {
    let mut out = String::from(BOM);
    let s = |t: &str| t.to_string();
    line(&mut out, &[s("基础数据表")]);
    line(&mut out, &[s("编制数"), opt(data.staff_quota), s("实际在职人数"), opt(data.staff_actual), s("控制率（%）"), opt(data.declared_control_rate_percent)]);
    line(&mut out, &[format!("经费控制情况（{}）", data.unit.label()), s("上年决算数"), s("本年预算数"), s("本年决算数")]);
    let triple = |out: &mut String, label: &str, t: &Triple| line(out, &[label.to_string(), opt(t.prev_final), opt(t.budget), opt(t.final_)]);
    for (label, t) in data.rows() {
        triple(&mut out, &label, t);
    }
    line(&mut out, &[s("厉行节约保障措施"), data.frugality.clone()]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, examples};

    #[test]
    fn seed_000_overall_as_csv() {
        let r = examples::example("seed-000").unwrap().unwrap();
        let e = evaluate(&r);
        let csv = scored_table(&r, &e, "overall").unwrap();
        assert!(csv.starts_with("\u{feff}部门整体支出绩效自评表,岳阳市总工会整体支出\r\n"));
        assert!(csv.contains("\r\n,790.77,790.77,2951.83,10,100%,373.29%,10,10.00\r\n"));
        assert!(csv.contains("\r\n产出指标,质量指标,活动阵地建设,完成东风广场移交、工会资产登记和物业化管理工作,东风广场已建成并投入使用，但未完成资产移交。,5,3,3.00,\r\n"));
        assert!(csv.ends_with("总分（填报）,98,总分（计算）,98.00\r\n评价等次（填报）,,评价等次（计算）,优\r\n"));
        assert!(csv.contains("\r\n按收入性质分：其中：一般公共预算,,,\r\n政府性基金拨款,,,\r\n"));
        assert!(csv.contains("\r\n按支出性质分：其中：基本支出,,,2019.16\r\n项目支出,,,932.67\r\n"));
        let project = scored_table(&r, &e, "projects[0]").unwrap();
        assert!(project.contains("\r\n其中：当年财政拨款,100,100,100\r\n上年结转资金,0,0,0\r\n其他资金,,,\r\n"), "{project}");
        assert!(scored_table(&r, &e, "projects[9]").is_none());
        let basic = basic_data(r.basic_data.as_ref().unwrap());
        assert!(basic.contains("3、帮扶资金,1000000,1000000,1000000\r\n"));
    }

    #[test]
    fn quoting_and_formula_guard() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("他说\"好\""), "\"他说\"\"好\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-5"), "-5");
        assert_eq!(cell("-cmd"), "'-cmd");
        assert_eq!(cell("第一行\n第二行"), "\"第一行\n第二行\"");
    }
}
