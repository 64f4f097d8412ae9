//! The read-only report view (打印): how a route's report id is resolved (a stored draft, else a
//! built-in example) and the printable report with its print CSS. Nothing is computed here.

use leptos::prelude::*;

use crate::app::storage;
use crate::model::print::{report_html, PrintOptions};
use crate::model::examples::example;
use crate::model::exchange::json::LoadError;
use crate::model::report::Report;
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
    let with_computed = RwSignal::new(false);
    let with_import_notes = RwSignal::new(false);
    let with_charts = RwSignal::new(true);
    let has_import_notes = report.narrative.iter().any(|s| s.title == crate::model::report::IMPORT_NOTES_TITLE);
    let opened = StoredValue::new((report, evaluation));
    let html = move || {
        let options = PrintOptions { findings: with_findings.get(), explanations: false, computed: with_computed.get(), import_notes: with_import_notes.get() };
        let charts = with_charts.get();
        opened.with_value(|(r, e)| {
            let mut html = report_html(r, e, options);
            if charts {
                html.push_str(&crate::model::chart::charts_html(e));
            }
            html
        })
    };
    let back = format!("#/edit/{report_id}");
    view! {
        <section class="print-view">
            <div class="print-toolbar no-print">
                <button type="button" class="button primary" data-testid="print-button" on:click=move |_| { window().print().ok(); }>"打印"</button>
                <label class="check"><input type="checkbox" data-testid="print-findings" prop:checked=move || with_findings.get()
                    on:change=move |ev| with_findings.set(event_target_checked(&ev)) />"附上检查结果"</label>
                <label class="check" title="填报数与计算结果不一致时，在填报数旁注明计算结果"><input type="checkbox" data-testid="print-computed" prop:checked=move || with_computed.get()
                    on:change=move |ev| with_computed.set(event_target_checked(&ev)) />"附上计算结果"</label>
                <label class="check"><input type="checkbox" data-testid="print-charts" prop:checked=move || with_charts.get()
                    on:change=move |ev| with_charts.set(event_target_checked(&ev)) />"附上得分结构图"</label>
                {has_import_notes.then(|| view! {
                    <label class="check"><input type="checkbox" data-testid="print-import-notes" prop:checked=move || with_import_notes.get()
                        on:change=move |ev| with_import_notes.set(event_target_checked(&ev)) />"附上导入时未识别的内容"</label>
                })}
                <a class="button" href=back>"返回编辑"</a>
                {crate::app::is_example(&report_id).then(|| view! { <span class="tag" data-testid="example-tag">"示例"</span> })}
                <span class="hint">"A4 纸；自评表页自动横向，表头每页重复，页脚为“第 X 页 共 Y 页”。打印的是本页计算的结果。"</span>
            </div>
            <div class="print-doc" data-testid="print-view" inner_html=html></div>
        </section>
    }
    .into_any()
}
