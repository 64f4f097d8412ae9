//! The explanation panel of the figure in focus and the findings list that focuses fields.

use std::time::Duration;

use leptos::prelude::*;

use crate::app::cells::focus_path;
use crate::app::doc::{use_doc, Doc, Section};
use crate::model::finding::Severity;

use super::bar::table_label;
use super::go;

/// The explanation of the figure or field in focus.
#[component]
pub(super) fn ExplainPanel() -> impl IntoView {
    let doc = use_doc();
    view! {
        <aside class="explain" data-testid="explain" aria-live="polite" aria-label="计算说明">
            {move || match doc.explain.get() {
                Some(e) => view! {
                    <strong>{e.title}</strong>
                    <span class="explain-text">{e.text}</span>
                    {(!e.clause.is_empty()).then(|| view! { <span class="clause">"依据："{e.clause}</span> })}
                }.into_any(),
                None => view! { <span class="hint">"点击或用 Tab 选中任一计算结果，可在此查看计算公式和规则依据。"</span> }.into_any(),
            }}
        </aside>
    }
}

/// 检查结果: every finding grouped by table; a click goes to the field and focuses it.
#[component]
pub(super) fn FindingsList() -> impl IntoView {
    let doc = use_doc();
    let groups = Memo::new(move |_| {
        doc.evaluation.with(|e| {
            let mut groups: Vec<(String, Vec<crate::model::Finding>)> = Vec::new();
            let report_level: Vec<_> = e.findings_of(None).cloned().collect();
            if !report_level.is_empty() {
                groups.push(("报告其他部分".into(), report_level));
            }
            for t in &e.tables {
                let list: Vec<_> = e.findings_of(Some(&t.path)).cloned().collect();
                if !list.is_empty() {
                    let name = doc.report.with(|r| table_label(r, &t.path));
                    groups.push((name, list));
                }
            }
            groups
        })
    });
    view! {
        <section class="findings" data-testid="findings" aria-labelledby="findings-heading">
            <h2 id="findings-heading" tabindex="-1">"检查结果"</h2>
            <crate::app::rules::Rescore />
            {move || groups.get().is_empty().then(|| view! { <p>"未发现问题。"</p> })}
            {move || groups.get().into_iter().map(|(name, list)| view! {
                <h3>{name}</h3>
                <ul>
                    {list.into_iter().map(|f| {
                        let path = f.path.clone();
                        let class = if f.severity == Severity::Error { "finding error" } else { "finding warning" };
                        view! {
                            <li class=class>
                                <button type="button" class="finding-link" data-testid="finding" data-finding=f.path.clone()
                                    on:click=move |_| open_finding(doc, path.clone())>
                                    <span class="severity">{f.severity.label()}</span>
                                    <span class="message">{f.message}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </section>
    }
}

pub(super) fn open_finding(doc: Doc, path: String) {
    go(doc, Section::of_path(&path));
    set_timeout(
        move || {
            if !focus_path(&path) {
                doc.notice.set(Some("该问题所在的栏目不在当前页面上。".into()));
            }
        },
        Duration::ZERO,
    );
}
