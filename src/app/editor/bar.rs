//! The sticky summary bar (执行率, 得分, subtotals, 总分, 等次, counts of findings) and the section
//! navigation of the editor, drawn as HTML (`cells::live`) with one set of delegated listeners:
//! as typed views they cost the start-up download per view type (issue 25).

use std::fmt::Write;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::cells::{event_element, live};
use crate::app::doc::{use_doc, Doc, Section};
use crate::model::edit::Change;
use crate::model::print::escape;
use crate::model::score::Explained;
use crate::model::view::{findings_count, summary};

use super::go;

/// A figure of the bar: a button that shows how it was computed (`key` names its explanation).
fn figure(o: &mut String, class: &str, label: &str, key: &str, testid: Option<&str>, value: &str) {
    let (label, value) = (escape(label), escape(value));
    let testid = testid.map(|t| format!(" data-testid=\"{t}\"")).unwrap_or_default();
    let _ = write!(
        o,
        "<span class=\"{class}\"><span class=\"figure-label\">{label}</span><button type=\"button\" class=\"computed\" data-explain=\"{key}\" aria-label=\"{label}：{value}，查看计算说明\"><span{testid}>{value}</span></button></span>"
    );
}

/// The bar of the table in view.
fn bar_html(doc: Doc) -> String {
    let path = doc.table_in_view.get();
    let shown = doc.evaluation.with(|e| summary(e, Some(&path)));
    let mut o = String::new();
    let _ = write!(o, "<span class=\"summary-table\">{}</span>", escape(&doc.report.with(|r| table_label(r, &path))));
    figure(&mut o, "figure", "预算执行率", "rate", Some("budget-rate"), &shown.budget_rate);
    figure(&mut o, "figure", "预算执行得分", "score", Some("budget-score"), &shown.budget_score);
    for (i, (name, value)) in shown.subtotals.iter().enumerate() {
        figure(&mut o, "figure subtotal", name, &format!("sub{i}"), None, value);
    }
    figure(&mut o, "figure", "总分", "total", Some("total-score"), &shown.total);
    figure(&mut o, "figure", "评价等次", "grade", Some("grade"), &shown.grade);
    if let Some(note) = doc.report.with(|r| crate::model::view::unread_note(r, &path)) {
        let _ = write!(o, "<span class=\"figure summary-unread\" data-testid=\"summary-unread\" role=\"status\">{}</span>", escape(&note));
    }
    let _ = write!(
        o,
        "<span class=\"figure\"><span class=\"figure-label\">检查结果</span><a class=\"figure-value findings-link\" href=\"#findings\" data-testid=\"findings-count\">{}</a></span>",
        escape(&findings_count(&shown))
    );
    o
}

/// The explanation of the bar's figure `key` in the table in view, as it is now.
fn explain_of(doc: Doc, key: &str) -> Option<(String, Explained)> {
    let path = doc.table_in_view.get_untracked();
    doc.evaluation.with_untracked(|e| {
        let r = e.tables.iter().find(|t| t.path == path)?;
        Some(match key {
            "rate" => ("预算执行率".to_string(), r.budget.rate_explain.clone()),
            "score" => ("预算执行得分".to_string(), r.budget.score_explain.clone()),
            "total" => ("总分".to_string(), r.total_explain.clone()),
            "grade" => ("评价等次".to_string(), r.grade_explain.clone()),
            sub => {
                let i: usize = sub.strip_prefix("sub")?.parse().ok()?;
                let list = if r.goals.is_empty() { &r.level1 } else { &r.goals };
                let name = summary(e, Some(&path)).subtotals.get(i)?.0.clone();
                (name, list.get(i)?.explain.clone())
            }
        })
    })
}

/// The sticky bar with the figures of the table in view.
#[component]
pub(super) fn SummaryBar() -> impl IntoView {
    let doc = use_doc();
    // The column headers of the indicator grid stick just below this bar: publish its height
    // (set through the CSS object model, which the strict CSP allows). A ResizeObserver reports
    // it after the browser's own layout: reading offsetHeight from an effect forced a layout of
    // the whole editor while it was still being built (most of the cold start) and after every
    // keystroke. The root's property is set only when the height changed: setting it restyles
    // the whole page.
    let bar = NodeRef::<leptos::html::Div>::new();
    let last = StoredValue::new(-1);
    let measure = move || {
        let Some(el) = bar.try_get_untracked().flatten() else { return };
        let height = el.offset_height();
        if last.try_get_value() == Some(height) || last.try_set_value(height).is_some() {
            return;
        }
        if let Some(root) = document().document_element().and_then(|r| r.dyn_into::<web_sys::HtmlElement>().ok()) {
            root.style().set_property("--bar-h", &format!("{height}px")).ok();
        }
    };
    let observer = StoredValue::new_local(None::<(web_sys::ResizeObserver, wasm_bindgen::closure::Closure<dyn FnMut()>)>);
    crate::app::cells::effect(move || {
        let Some(el) = bar.get() else { return };
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(measure);
        if let Ok(ro) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
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
    let first = live(move || bar.get().map(Into::into), move || bar_html(doc));
    // A figure clicked or focused shows its explanation; the findings count goes to the list.
    let show = move |ev: &web_sys::Event| {
        let Some(button) = event_element(ev, "[data-explain]") else { return };
        if let Some((title, e)) = explain_of(doc, &button.get_attribute("data-explain").unwrap_or_default()) {
            doc.show(title, e.text, e.clause);
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if event_element(&ev, ".findings-link").is_some() {
            ev.prevent_default();
            focus_findings();
        } else {
            show(&ev);
        }
    };
    view! {
        <div class="summary-bar" aria-label="本表计算结果" node_ref=bar inner_html=first on:click=on_click on:focusin=move |ev| show(&ev)></div>
    }
}

pub(super) fn focus_findings() {
    crate::app::cells::focus_selector("#findings-heading");
}

pub(super) use crate::model::finding_scope::table_label;

/// The sections of the report in the order of the nav, with their labels.
fn nav_items(doc: Doc) -> Vec<(String, Section)> {
    doc.report.with(|r| {
        let mut items = vec![("封面".to_string(), Section::Cover), ("基础数据表".to_string(), Section::Basic)];
        let monitor = r.monitor.is_some();
        if r.overall.is_some() || !monitor {
            items.push(("部门整体支出绩效自评表".into(), Section::Table("overall".into())));
        }
        if monitor {
            items.push(("部门整体支出绩效自评表（监控）".into(), Section::Monitor));
        }
        for (i, p) in r.projects.iter().enumerate() {
            let name = if p.name.is_empty() { "（未命名项目）" } else { &p.name };
            items.push((format!("项目：{name}"), Section::Table(format!("projects[{i}]"))));
        }
        items
    })
}

/// 封面 · 基础数据表 · 整体表 · 项目表 · ＋ 添加项目 · 评价人员 · 自评报告 · 检查结果.
fn nav_html(doc: Doc) -> String {
    let current = doc.section.get();
    let mut o = String::from("<ul>");
    // Each item keyed by its section, so that `morph` keeps the others (and the focus on one)
    // when a project is added or removed.
    let item = |o: &mut String, i: usize, label: &str, section: &Section| {
        let here = *section == current;
        let key = match section {
            Section::Cover => "cover".to_string(),
            Section::Basic => "basic".into(),
            Section::Table(path) => path.clone(),
            Section::Monitor => "monitor".into(),
            Section::SignOff => "sign-off".into(),
            Section::Narrative => "narrative".into(),
        };
        let _ = write!(
            o,
            "<li data-key=\"{}\"><button type=\"button\" class=\"section-link{}\" data-nav=\"{i}\"{}>{}</button></li>",
            escape(&key),
            if here { " current" } else { "" },
            if here { " aria-current=\"true\"" } else { "" },
            escape(label)
        );
    };
    let items = nav_items(doc);
    for (i, (label, section)) in items.iter().enumerate() {
        item(&mut o, i, label, section);
    }
    o.push_str("<li data-key=\"add\"><button type=\"button\" class=\"section-link add\" data-testid=\"add-project\" data-nav=\"add\">＋ 添加项目支出绩效自评表</button></li>");
    let n = items.len();
    item(&mut o, n, "评价人员", &Section::SignOff);
    item(&mut o, n + 1, "自评报告", &Section::Narrative);
    let count = findings_count(&doc.evaluation.with(|e| summary(e, None)));
    let _ = write!(o, "<li data-key=\"findings\"><button type=\"button\" class=\"section-link\" data-nav=\"findings\">检查结果（{}）</button></li></ul>", escape(&count));
    o
}

#[component]
pub(super) fn SectionNav() -> impl IntoView {
    let doc = use_doc();
    let nav = NodeRef::<leptos::html::Nav>::new();
    let first = live(move || nav.get().map(Into::into), move || nav_html(doc));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = event_element(&ev, "[data-nav]") else { return };
        match button.get_attribute("data-nav").as_deref() {
            Some("findings") => focus_findings(),
            Some("add") => {
                if doc.change(Change::AddProject) {
                    let n = doc.report.with_untracked(|r| r.projects.len());
                    go(doc, Section::Table(format!("projects[{}]", n.saturating_sub(1))));
                }
            }
            Some(i) => {
                let mut items = nav_items(doc);
                items.push((String::new(), Section::SignOff));
                items.push((String::new(), Section::Narrative));
                if let Some((_, section)) = i.parse::<usize>().ok().and_then(|i| items.into_iter().nth(i)) {
                    go(doc, section);
                }
            }
            None => {}
        }
    };
    view! { <nav class="section-nav" aria-label="报告各部分" node_ref=nav inner_html=first on:click=on_click></nav> }
}
