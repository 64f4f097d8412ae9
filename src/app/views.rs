//! The read-only views: 审核 and 打印, and how a route's report id is resolved.
//! Every figure shown comes from `model::view` or `model::num`; nothing is computed here.

use leptos::prelude::*;

use crate::app::storage;
use crate::model::print::{report_html, PrintOptions};
use crate::model::examples::example;
use crate::model::format::LoadError;
use crate::model::num::plain;
use crate::model::report::{Indicator, PerfTable, Report};
use crate::model::score::{RowResult, TableResult};
use crate::model::view::row_score;
use crate::model::{evaluate, Evaluation};

/// The report with this id: the stored draft (with its metadata), else a fresh copy of the
/// example. A stored draft that does not load is moved to the quarantine, untouched, and the
/// message says so.
pub fn find_report(id: &str) -> Result<(Report, Option<storage::Meta>), String> {
    match storage::load(id) {
        Some(Ok((report, meta))) => return Ok((report, Some(meta))),
        Some(Err(e)) => {
            storage::quarantine(&format!("{}{id}", storage::DRAFT_PREFIX));
            return Err(format!("草稿“{id}”无法读取：{e} 原数据未作改动，已移到首页的“无法读取的条目”中，可下载保存。"));
        }
        None => {}
    }
    load_example(id).map(|r| (r, None))
}

/// Loads a report and evaluates it, or the Chinese message to show instead.
fn open_report(id: &str) -> Result<(Report, Evaluation), AnyView> {
    match find_report(id) {
        Ok((report, _)) => {
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

/// A scored table in the official layout, with computed beside declared figures.
#[component]
pub fn TableView(
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

/// 打印: the whole report in the official layouts, as printed on A4 (the HTML comes from
/// `model::print`, every typed text escaped).
#[component]
pub fn PrintView(
    /// Id of the report to print.
    report_id: String,
) -> impl IntoView {
    let (report, evaluation) = match open_report(&report_id) {
        Ok(opened) => opened,
        Err(message) => return message,
    };
    let with_findings = RwSignal::new(false);
    let opened = StoredValue::new((report, evaluation));
    let html = move || opened.with_value(|(r, e)| report_html(r, e, PrintOptions { findings: with_findings.get(), explanations: false }));
    let back = format!("#/edit/{report_id}");
    view! {
        <section class="print-view">
            <div class="print-toolbar no-print">
                <button type="button" class="button primary" data-testid="print-button" on:click=move |_| { window().print().ok(); }>"打印"</button>
                <label class="check"><input type="checkbox" data-testid="print-findings" prop:checked=move || with_findings.get()
                    on:change=move |ev| with_findings.set(event_target_checked(&ev)) />"附上检查结果"</label>
                <a class="button" href=back>"返回编辑"</a>
                <span class="hint">"A4 纸；自评表页自动横向，表头每页重复，页脚为“第 X 页 共 Y 页”。打印的是本页计算的结果。"</span>
            </div>
            <div class="print-doc" data-testid="print-view" inner_html=html></div>
        </section>
    }
    .into_any()
}
