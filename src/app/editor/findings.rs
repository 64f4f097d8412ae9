//! The explanation panel of the figure in focus and the findings list that focuses fields, drawn
//! as HTML (`cells::live`) with one delegated click listener (issue 25).

use std::fmt::Write;
use std::time::Duration;

use leptos::prelude::*;

use crate::app::cells::{focus_path, live};
use crate::app::doc::{use_doc, Doc, Section, FIXED};
use crate::model::finding::Severity;
use crate::model::finding_scope;
use crate::model::print::escape;

use super::bar::table_label;
use super::go;

/// The explanation panel's content: the figure or field in focus.
fn explain_html(doc: Doc) -> String {
    let Some(mut e) = doc.explain.get() else {
        return "<span class=\"hint\">点击或用 Tab 选中任一计算结果，可在此查看计算公式和规则依据。</span>".into();
    };
    // A finding shown for a field follows that field's findings: once fixed it says so.
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
    let mut o = format!("<strong>{}</strong><span class=\"explain-text\">{}</span>", escape(&e.title), escape(&e.text));
    if !e.clause.is_empty() {
        let _ = write!(o, "<span class=\"clause\">依据：{}</span>", escape(&e.clause));
    }
    o
}

/// The explanation of the figure or field in focus.
#[component]
pub(super) fn ExplainPanel() -> impl IntoView {
    let doc = use_doc();
    let panel = NodeRef::<leptos::html::Aside>::new();
    let first = live(move || panel.get().map(Into::into), move || explain_html(doc));
    view! { <aside class="explain" data-testid="explain" aria-live="polite" aria-label="计算说明" node_ref=panel inner_html=first></aside> }
}

/// 检查结果's list: every finding grouped by table (the rest of the report first).
fn findings_html(doc: Doc) -> String {
    let mut o = String::new();
    doc.evaluation.with(|e| {
        doc.report.with(|r| {
            let by_table = e.findings_by_table();
            let of = |table: Option<&str>| crate::model::Evaluation::group(&by_table, table).to_vec();
            let mut groups = vec![("报告其他部分".to_string(), of(None), true)];
            groups.extend(e.tables.iter().map(|t| (table_label(r, &t.path), of(Some(&t.path)), false)));
            for (name, list, with_table) in groups.into_iter().filter(|g| !g.1.is_empty()) {
                let texts = finding_scope::messages(r, &list, with_table);
                let _ = write!(o, "<h3>{}</h3><ul>", escape(&name));
                for (f, message) in list.iter().zip(texts) {
                    let class = match f.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "info",
                    };
                    let _ = write!(
                        o,
                        "<li class=\"finding {class}\"><button type=\"button\" class=\"finding-link\" data-testid=\"finding\" data-finding=\"{}\"><span class=\"severity\">{}</span><span class=\"message\">{}</span></button></li>",
                        escape(&f.path),
                        f.severity.label(),
                        escape(&message)
                    );
                }
                o.push_str("</ul>");
            }
        })
    });
    if o.is_empty() {
        return if doc.report.with(finding_scope::untouched) {
            "<p data-testid=\"findings-pending\">新报告尚未填写，开始填写后这里会列出检查结果。</p>".into()
        } else {
            "<p>未发现问题。</p>".into()
        };
    }
    o
}

/// 检查结果: every finding grouped by table; a click goes to the field and focuses it.
#[component]
pub(super) fn FindingsList() -> impl IntoView {
    let doc = use_doc();
    let list = NodeRef::<leptos::html::Div>::new();
    let first = live(move || list.get().map(Into::into), move || findings_html(doc));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = crate::app::cells::event_element(&ev, "[data-finding]") else { return };
        open_finding(doc, button.get_attribute("data-finding").unwrap_or_default());
    };
    view! {
        <section class="findings" data-testid="findings" aria-labelledby="findings-heading">
            <h2 id="findings-heading" tabindex="-1">"检查结果"</h2>
            <crate::app::rules::Rescore />
            <div class="finding-groups" node_ref=list inner_html=first on:click=on_click></div>
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
