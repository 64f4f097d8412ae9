//! The sticky summary bar (执行率, 得分, subtotals, 总分, 等次, counts of findings) and the section
//! navigation of the editor.

use leptos::prelude::*;

use crate::app::cells::Computed;
use crate::app::doc::{use_doc, Section};
use crate::model::edit::Change;
use crate::model::score::{Explained, TableResult};
use crate::model::view::{findings_count, summary};

use super::go;

/// The sticky bar with the figures of the table in view.
#[component]
pub(super) fn SummaryBar() -> impl IntoView {
    let doc = use_doc();
    let shown = Memo::new(move |_| doc.evaluation.with(|e| summary(e, Some(&doc.table_in_view.get()))));
    let result = Memo::new(move |_| doc.evaluation.with(|e| e.tables.iter().find(|t| t.path == doc.table_in_view.get()).map(TableResult::head)));
    let explain_of = move |pick: fn(&TableResult) -> Explained| {
        Signal::derive(move || result.get().map(|r| pick(&r)).map(|e| (e.text, e.clause)).unwrap_or_default())
    };
    let table_name = move || {
        let path = doc.table_in_view.get();
        doc.report.with(|r| table_label(r, &path))
    };
    // The column headers of the indicator grid stick just below this bar: publish its height
    // (set through the CSS object model, which the strict CSP allows). A ResizeObserver reports
    // it after the browser's own layout: reading offsetHeight from an effect forced a layout of
    // the whole editor while it was still being built (most of the cold start) and after every
    // keystroke. The root's property is set only when the height changed: setting it restyles
    // the whole page.
    let bar = NodeRef::<leptos::html::Div>::new();
    let last = StoredValue::new(-1);
    let measure = move || {
        let Some(el) = bar.get_untracked() else { return };
        let height = el.offset_height();
        if last.try_get_value() == Some(height) || last.try_set_value(height).is_some() {
            return;
        }
        if let Some(root) = document().document_element().and_then(|r| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(r).ok()) {
            root.style().set_property("--bar-h", &format!("{height}px")).ok();
        }
    };
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, wasm_bindgen::closure::Closure<dyn FnMut()>)>);
    Effect::new(move |_| {
        let Some(el) = bar.get() else { return };
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(measure);
        if let Ok(ro) = web_sys::ResizeObserver::new(wasm_bindgen::JsCast::unchecked_ref(callback.as_ref())) {
            ro.observe(&el);
            observer.set_value(Some((ro, callback)));
        }
    });
    on_cleanup(move || {
        observer.try_with_value(|o| {
            if let Some((ro, _)) = o {
                ro.disconnect();
            }
        });
    });
    view! {
        <div class="summary-bar" aria-label="本表计算结果" node_ref=bar>
            <span class="summary-table">{table_name}</span>
            <span class="figure"><span class="figure-label">"预算执行率"</span>
                <Computed title="预算执行率" testid="budget-rate" value=Signal::derive(move || shown.get().budget_rate) explain=explain_of(|r| r.budget.rate_explain.clone()) /></span>
            <span class="figure"><span class="figure-label">"预算执行得分"</span>
                <Computed title="预算执行得分" testid="budget-score" value=Signal::derive(move || shown.get().budget_score) explain=explain_of(|r| r.budget.score_explain.clone()) /></span>
            {move || {
                let list = result.get().map(|r| if r.goals.is_empty() { r.level1 } else { r.goals }).unwrap_or_default();
                shown.get().subtotals.into_iter().zip(list).map(|((name, value), sub)| {
                    let explain = (sub.explain.text.clone(), sub.explain.clause.clone());
                    view! {
                        <span class="figure subtotal"><span class="figure-label">{name.clone()}</span>
                            <Computed title=name value=value explain=explain /></span>
                    }
                }).collect_view()
            }}
            <span class="figure"><span class="figure-label">"总分"</span>
                <Computed title="总分" testid="total-score" value=Signal::derive(move || shown.get().total) explain=explain_of(|r| r.total_explain.clone()) /></span>
            <span class="figure"><span class="figure-label">"评价等次"</span>
                <Computed title="评价等次" testid="grade" value=Signal::derive(move || shown.get().grade) explain=explain_of(|r| r.grade_explain.clone()) /></span>
            {move || doc.report.with(|r| crate::model::view::unread_note(r, &doc.table_in_view.get())).map(|note| view! {
                <span class="figure summary-unread" data-testid="summary-unread" role="status">{note}</span>
            })}
            <span class="figure"><span class="figure-label">"检查结果"</span>
                <a class="figure-value findings-link" href="#findings" data-testid="findings-count"
                   on:click=move |ev| { ev.prevent_default(); focus_findings(); }>{move || findings_count(&shown.get())}</a></span>
        </div>
    }
}

pub(super) fn focus_findings() {
    crate::app::cells::focus_selector("#findings-heading");
}

pub(super) use crate::model::finding_scope::table_label;

/// 封面 · 基础数据表 · 整体表 · 项目表 · 评价人员 · 自评报告 · 检查结果.
#[component]
pub(super) fn SectionNav() -> impl IntoView {
    let doc = use_doc();
    let shape = Memo::new(move |_| {
        doc.report.with(|r| {
            (
                r.overall.is_some(),
                r.monitor.is_some(),
                r.projects.iter().map(|p| if p.name.is_empty() { "（未命名项目）".to_string() } else { p.name.clone() }).collect::<Vec<_>>(),
            )
        })
    });
    let item = move |label: String, section: Section| {
        let current = section.clone();
        let aria = section.clone();
        view! {
            <li><button type="button" class="section-link" class:current=move || doc.section.get() == current
                aria-current=move || (doc.section.get() == aria).then_some("true")
                on:click={
                    let section = section.clone();
                    move |_| go(doc, section.clone())
                }>{label}</button></li>
        }
    };
    view! {
        <nav class="section-nav" aria-label="报告各部分">
            <ul>
                {item("封面".into(), Section::Cover)}
                {item("基础数据表".into(), Section::Basic)}
                {move || {
                    let (overall, monitor, _) = shape.get();
                    let mut items = Vec::new();
                    if overall || !monitor {
                        items.push(item("部门整体支出绩效自评表".into(), Section::Table("overall".into())));
                    }
                    if monitor {
                        items.push(item("部门整体支出绩效自评表（监控）".into(), Section::Monitor));
                    }
                    items.collect_view()
                }}
                {move || shape.get().2.into_iter().enumerate().map(|(i, name)| item(format!("项目：{name}"), Section::Table(format!("projects[{i}]")))).collect_view()}
                <li><button type="button" class="section-link add" data-testid="add-project"
                    on:click=move |_| {
                        if doc.change(Change::AddProject) {
                            let n = doc.report.with_untracked(|r| r.projects.len());
                            go(doc, Section::Table(format!("projects[{}]", n.saturating_sub(1))));
                        }
                    }>"＋ 添加项目支出绩效自评表"</button></li>
                {item("评价人员".into(), Section::SignOff)}
                {item("自评报告".into(), Section::Narrative)}
                <li><button type="button" class="section-link" on:click=move |_| focus_findings()>
                    {move || format!("检查结果（{}）", findings_count(&doc.evaluation.with(|e| summary(e, None))))}</button></li>
            </ul>
        </nav>
    }
}
