//! The views: 首页 (examples), the report view with live figures, 审核 and 打印.
//! Every figure shown comes from `model::view` or `model::num`; nothing is computed here.

use leptos::prelude::*;

use crate::model::examples::{example, EXAMPLES};
use crate::model::format::LoadError;
use crate::model::num::plain;
use crate::model::report::{Indicator, PerfTable, Report};
use crate::model::score::{RowResult, TableResult};
use crate::model::view::{findings_count, row_score, summary};
use crate::model::{evaluate, Evaluation};

/// Loads a report and evaluates it, or the Chinese message to show instead.
fn open_report(id: &str) -> Result<(Report, Evaluation), AnyView> {
    match load_example(id) {
        Ok(report) => {
            let evaluation = evaluate(&report);
            Ok((report, evaluation))
        }
        Err(message) => Err(view! { <p class="error" role="alert">{message}</p> }.into_any()),
    }
}

fn load_example(id: &str) -> Result<Report, String> {
    match example(id) {
        Some(Ok(report)) => Ok(report),
        Some(Err(e)) => Err(LoadError::to_string(&e)),
        None => Err(format!("找不到报告“{id}”。")),
    }
}

/// 首页: the built-in examples.
#[component]
pub fn Home() -> impl IntoView {
    view! {
        <section class="home">
            <h1>"预算绩效自评"</h1>
            <p class="lead">"按地区评分规则实时计算得分，解释每一个数字，并指出表内不一致之处。以下示例取自真实的2024年度自评报告，原文中的错误均已标出。"</p>
            <h2>"打开示例报告"</h2>
            <ul class="example-list">
                {EXAMPLES.iter().map(|e| {
                    let href = format!("#/edit/{}", e.id);
                    view! {
                        <li class="example">
                            <span class="example-title">{e.title}</span>
                            <a class="button" data-testid="open-example" href=href>"打开"</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// The report view: summary bar, 部门整体 table (or the first project table), findings.
#[component]
pub fn Editor(
    /// Id of the report to show (an example id).
    report_id: String,
) -> impl IntoView {
    let (report, evaluation) = match open_report(&report_id) {
        Ok(opened) => opened,
        Err(message) => return message,
    };
    let tables: Vec<(String, PerfTable)> = report.scored_tables().into_iter().map(|(p, t)| (p, t.clone())).collect();
    let (selected, set_selected) = signal(tables.first().map(|(p, _)| p.clone()).unwrap_or_default());
    let evaluation = StoredValue::new(evaluation);
    let shown = move || evaluation.with_value(|e| summary(e, Some(&selected.get())));
    let tabs = tables.iter().zip(evaluation.with_value(|e| e.tables.iter().map(|t| t.label.clone()).collect::<Vec<_>>())).map(|((path, table), label)| {
        let path_for_click = path.clone();
        let path_for_class = path.clone();
        let name = if label == "整体" { "部门整体支出绩效自评表".to_string() } else { format!("项目：{}", table.name) };
        view! {
            <button class="tab" class:current=move || selected.get() == path_for_class
                on:click=move |_| set_selected.set(path_for_click.clone())>{name}</button>
        }
    }).collect_view();
    let tables = StoredValue::new(tables);
    view! {
        <section class="editor">
            <h1 class="report-title">{format!("{} {}年度绩效自评", report.department, report.year)}</h1>
            <div class="summary-bar" role="status" aria-live="polite">
                <Figure label="预算执行率" testid="budget-rate" value=Signal::derive(move || shown().budget_rate) />
                <Figure label="预算执行得分" testid="budget-score" value=Signal::derive(move || shown().budget_score) />
                {move || shown().subtotals.into_iter().map(|(name, value)| view! {
                    <span class="figure subtotal"><span class="figure-label">{name}</span><span class="figure-value">{value}</span></span>
                }).collect_view()}
                <Figure label="总分" testid="total-score" value=Signal::derive(move || shown().total) />
                <Figure label="评价等次" testid="grade" value=Signal::derive(move || shown().grade) />
                <Figure label="检查结果" testid="findings-count" value=Signal::derive(move || findings_count(&shown())) />
            </div>
            <div class="tabs" role="tablist">{tabs}</div>
            {move || {
                let path = selected.get();
                let table = tables.with_value(|t| t.iter().find(|(p, _)| *p == path).map(|(_, t)| t.clone()));
                let result = evaluation.with_value(|e| e.tables.iter().find(|t| t.path == path).cloned());
                match (table, result) {
                    (Some(table), Some(result)) => view! { <TableView table=table result=result /> }.into_any(),
                    _ => view! { <p>"该报告没有可计分的自评表。"</p> }.into_any(),
                }
            }}
            <FindingsList evaluation=evaluation.get_value() />
        </section>
    }
    .into_any()
}

/// One figure of the summary bar with its test hook.
#[component]
fn Figure(
    /// Label shown above the value.
    label: &'static str,
    /// `data-testid` of the value.
    testid: &'static str,
    /// The display string.
    #[prop(into)]
    value: Signal<String>,
) -> impl IntoView {
    view! {
        <span class="figure">
            <span class="figure-label">{label}</span>
            <span class="figure-value" data-testid=testid>{move || value.get()}</span>
        </span>
    }
}

/// A scored table in the official layout, with computed beside declared figures.
#[component]
fn TableView(
    /// The table as written.
    table: PerfTable,
    /// Its computed figures.
    result: TableResult,
) -> impl IntoView {
    let budget = table.budget.clone();
    let opt = |d: Option<rust_decimal::Decimal>| d.map(plain).unwrap_or_default();
    let rows: Vec<(Indicator, RowResult)> = crate::model::score::all_indicators(&table).cloned().zip(result.rows.iter().cloned()).collect();
    view! {
        <table class="official">
            <caption>{format!("{}（单位：{}）", table.name, table.unit.label())}</caption>
            <thead>
                <tr><th>"年初预算数"</th><th>"全年预算数"</th><th>"全年执行数"</th><th>"分值"</th><th>"执行率"</th><th>"得分"</th></tr>
            </thead>
            <tbody>
                <tr>
                    <td class="num">{opt(budget.initial)}</td>
                    <td class="num">{opt(budget.adjusted)}</td>
                    <td class="num">{opt(budget.executed)}</td>
                    <td class="num">{plain(result.budget.weight)}</td>
                    <td class="num computed" tabindex="0" title=result.budget.rate_explain.text.clone()>{summary_rate(&result)}</td>
                    <td class="num computed" tabindex="0" title=result.budget.score_explain.text.clone()>{result.budget.score.map(crate::model::num::fmt2).unwrap_or_else(|| crate::model::view::MISSING.into())}</td>
                </tr>
            </tbody>
        </table>
        <table class="official indicators">
            <thead>
                <tr><th>"一级指标"</th><th>"二级指标"</th><th>"三级指标"</th><th>"年度指标值"</th><th>"实际完成值"</th>
                    <th>"分值"</th><th>"填报得分"</th><th>"计算得分"</th><th>"偏差原因分析及改进措施"</th></tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|(ind, row)| view! {
                    <tr>
                        <td>{ind.level1.clone()}</td>
                        <td>{ind.level2.clone()}</td>
                        <td>{ind.name.clone()}</td>
                        <td>{ind.target_text()}<span class="understood">{row.target_understood.clone()}</span></td>
                        <td>{ind.actual.clone()}<span class="understood">{row.actual_understood.clone()}</span></td>
                        <td class="num">{opt(ind.weight)}</td>
                        <td class="num">{opt(ind.declared_score)}</td>
                        <td class="num computed" tabindex="0" title=row.explain.text.clone()>{row_score(&row)}</td>
                        <td>{ind.reason.clone()}</td>
                    </tr>
                }).collect_view()}
                <tr class="total-row">
                    <td colspan="6">"总分"</td>
                    <td class="num">{opt(table.declared_total)}</td>
                    <td class="num computed" tabindex="0" title=result.total_explain.text.clone()>{result.total.map(crate::model::num::fmt2).unwrap_or_else(|| "—".into())}</td>
                    <td>{result.grade.clone().unwrap_or_default()}</td>
                </tr>
            </tbody>
        </table>
    }
}

fn summary_rate(result: &TableResult) -> String {
    result.budget.rate.map(crate::model::num::fmt_rate).unwrap_or_else(|| crate::model::view::MISSING.into())
}

/// 检查结果: every finding, errors first.
#[component]
fn FindingsList(
    /// The evaluation whose findings are listed.
    evaluation: Evaluation,
) -> impl IntoView {
    view! {
        <section class="findings" data-testid="findings">
            <h2>"检查结果"</h2>
            <ul>
                {evaluation.findings.into_iter().map(|f| view! {
                    <li class=format!("finding {}", serde_json::to_value(f.severity).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())>
                        <span class="severity">{f.severity.label()}</span>
                        <span class="message">{f.message}</span>
                        <code class="path">{f.path}</code>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

/// 审核: every built-in report recomputed, declared against computed totals.
#[component]
pub fn Review() -> impl IntoView {
    let rows = EXAMPLES.iter().filter_map(|e| load_example(e.id).ok().map(|r| (e.id, r))).flat_map(|(id, report)| {
        let evaluation = evaluate(&report);
        report.scored_tables().into_iter().zip(evaluation.tables.clone()).map(|((path, table), result)| {
            let errors = evaluation.findings_of(Some(&path)).filter(|f| f.severity == crate::model::Severity::Error).count();
            let href = format!("#/edit/{id}");
            view! {
                <tr>
                    <td><a href=href>{report.department.clone()}</a></td>
                    <td>{result.label.clone()}</td>
                    <td>{evaluation.rule_pack.clone()}</td>
                    <td class="num">{table.declared_total.map(plain).unwrap_or_default()}</td>
                    <td class="num">{result.total.map(crate::model::num::fmt2).unwrap_or_else(|| "—".into())}</td>
                    <td>{table.declared_grade.clone().unwrap_or_default()}" / "{result.grade.clone().unwrap_or_else(|| "—".into())}</td>
                    <td class="num">{errors}</td>
                </tr>
            }
        }).collect::<Vec<_>>()
    }).collect_view();
    view! {
        <section class="review">
            <h1>"审核"</h1>
            <table class="official" data-testid="review-table">
                <thead><tr><th>"部门"</th><th>"表"</th><th>"评分规则"</th><th>"填报总分"</th><th>"计算总分"</th><th>"等次（填报/计算）"</th><th>"错误"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// 打印: the report's scored tables in a plain printable layout.
#[component]
pub fn PrintView(
    /// Id of the report to print.
    report_id: String,
) -> impl IntoView {
    let (report, evaluation) = match open_report(&report_id) {
        Ok(opened) => opened,
        Err(message) => return message,
    };
    let tables = report.scored_tables().into_iter().map(|(_, t)| t.clone()).zip(evaluation.tables.clone()).map(|(table, result)| {
        view! { <TableView table=table result=result /> }
    }).collect_view();
    view! {
        <section class="print-view" data-testid="print-view">
            <button class="button no-print" on:click=move |_| { window().print().ok(); }>"打印"</button>
            <h1>{format!("{}{}年度部门整体支出绩效评价自评报告", report.department, report.year)}</h1>
            {tables}
        </section>
    }
    .into_any()
}
