//! The explanation panel of the figure in focus and the findings list that focuses fields.

use std::time::Duration;

use leptos::prelude::*;

use crate::app::cells::focus_path;
use crate::app::doc::{use_doc, Doc, Section, FIXED};
use crate::model::finding_scope;
use crate::model::finding::Severity;

use super::bar::table_label;
use super::go;

/// The explanation of the figure or field in focus.
#[component]
pub(super) fn ExplainPanel() -> impl IntoView {
    let doc = use_doc();
    // A finding shown for a field follows that field's findings: once fixed it says so.
    let live = move || {
        doc.explain.get().map(|mut e| {
            if let Some(path) = e.field.clone().filter(|_| e.title.starts_with("检查结果")) {
                match doc.marks.with(|m| m.get(&path).cloned()) {
                    Some(m) => {
                        e.title = format!("检查结果（{}）", m.severity.label());
                        e.text = m.message;
                    }
                    None => {
                        e.title = "检查结果".into();
                        e.text = FIXED.into();
                    }
                }
            }
            e
        })
    };
    view! {
        <aside class="explain" data-testid="explain" aria-live="polite" aria-label="计算说明">
            {move || match live() {
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
    // (group heading, [(finding, message as listed: with its row when the message repeats)])
    let groups = Memo::new(move |_| {
        doc.evaluation.with(|e| {
            doc.report.with(|r| {
                let mut groups: Vec<(String, Vec<(crate::model::Finding, String)>)> = Vec::new();
                let mut push = |name: String, list: Vec<&crate::model::Finding>, with_table: bool| {
                    if !list.is_empty() {
                        let texts = finding_scope::messages(r, &list, with_table);
                        groups.push((name, list.into_iter().cloned().zip(texts).collect()));
                    }
                };
                let by_table = e.findings_by_table();
                let of = |table: Option<&str>| crate::model::Evaluation::group(&by_table, table).to_vec();
                push("报告其他部分".into(), of(None), true);
                for t in &e.tables {
                    push(table_label(r, &t.path), of(Some(&t.path)), false);
                }
                groups
            })
        })
    });
    let untouched = Memo::new(move |_| doc.report.with(finding_scope::untouched));
    view! {
        <section class="findings" data-testid="findings" aria-labelledby="findings-heading">
            <h2 id="findings-heading" tabindex="-1">"检查结果"</h2>
            <crate::app::rules::Rescore />
            {move || groups.get().is_empty().then(|| if untouched.get() {
                view! { <p data-testid="findings-pending">"新报告尚未填写，开始填写后这里会列出检查结果。"</p> }.into_any()
            } else {
                view! { <p>"未发现问题。"</p> }.into_any()
            })}
            {move || groups.get().into_iter().map(|(name, list)| view! {
                <h3>{name}</h3>
                <ul>
                    {list.into_iter().map(|(f, message)| {
                        let path = f.path.clone();
                        let class = match f.severity { Severity::Error => "finding error", Severity::Warning => "finding warning", Severity::Info => "finding info" };
                        view! {
                            <li class=class>
                                <button type="button" class="finding-link" data-testid="finding" data-finding=f.path.clone()
                                    on:click=move |_| open_finding(doc, path.clone())>
                                    <span class="severity">{f.severity.label()}</span>
                                    <span class="message">{message}</span>
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
