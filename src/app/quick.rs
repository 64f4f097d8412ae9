//! 快速核分: one table typed from paper (or pasted), scored at once with the editor's own
//! sections; nothing is saved unless asked. In the start-up module: the editor's sections are
//! there anyway, and in the screens module they would make every screen there ≈118 KB heavier.

use leptos::prelude::*;

use crate::app::doc::{Doc, Section};
use crate::app::storage;
use crate::model::rules;

/// 快速核分: one table typed from paper, scored at once; nothing is saved unless asked.
#[component]
pub fn QuickScore() -> impl IntoView {
    let form = crate::model::edit::NewReport {
        id: storage::new_id(),
        rule_pack: "hunan-2024".into(),
        year: js_sys::Date::new_0().get_full_year().saturating_sub(1),
        department: String::new(),
        overall: true,
        basic_data: false,
        projects: 0,
        narrative: false,
    };
    let report = rules::find("hunan-2024").map(|p| crate::model::edit::new_report(&form, p)).unwrap_or_default();
    let doc = Doc::scoped(report, 0, Some("overall"));
    provide_context(doc);
    // A table copied from Word, WPS, Excel or a web page and pasted here is scored at once.
    let pasted = crate::app::import::table_paste_listener(doc, true, Box::new(|| Some("overall".to_string())));
    on_cleanup(move || pasted.remove());
    // Typed input is kept only in this page: ask before it is dropped (another link, Back,
    // reload or close). Saved as a draft, or untouched, nothing is lost by leaving.
    // The revision last saved as a draft: any change after it counts as unsaved, even an undo
    // back to what was saved (it asks once too often, never too rarely; comparing the whole
    // report instead cost the start-up 2.5 KB of equality code used nowhere else).
    let saved_at = RwSignal::new(None::<u64>);
    let unsaved = Memo::new(move |_| {
        let revision = doc.revision.get();
        doc.report.with(|r| !crate::model::finding_scope::untouched(r)) && saved_at.get() != Some(revision)
    });
    if let Some(guard) = use_context::<crate::app::LeaveGuard>() {
        crate::app::cells::effect(move || {
            guard.0.set(unsaved.get().then(|| "快速核分中填写的内容还没有保存，离开本页将丢失。确定离开吗？（如需保留，请先点“保存为草稿”。）".to_string()));
        });
        on_cleanup(move || guard.0.set(None));
    }
    doc.section.set(Section::Table("overall".into()));
    let saved = RwSignal::new(None::<String>);
    // 整体 or 项目: a fresh table of that kind for the pack (a pasted table brings its own kind).
    let project = RwSignal::new(false);
    let fresh_table = Callback::new(move |id: String| {
        let Some(pack) = rules::find(&id) else { return };
        let mut fresh = crate::model::edit::new_report(&crate::model::edit::NewReport { rule_pack: id.clone(), ..form.clone() }, pack);
        if project.get_untracked() {
            fresh.overall = Some(crate::model::edit::blank_table(pack, crate::model::report::TableKind::Project));
        }
        doc.report.with_untracked(|r| {
            fresh.id = r.id.clone();
            fresh.department = r.department.clone();
        });
        doc.replace(fresh);
    });
    // A pasted 项目 table shows as one in the kind picker.
    let head = NodeRef::<leptos::html::Div>::new();
    crate::app::cells::effect(move || {
        let is_project = doc.report.with(|r| r.overall.as_ref().is_some_and(|t| t.kind == crate::model::report::TableKind::Project));
        if is_project != project.get_untracked() {
            project.set(is_project);
        }
        let kind = head.get().and_then(|h| h.query_selector("[data-testid=quick-kind]").ok().flatten());
        if let Some(kind) = kind.and_then(|k| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(k).ok()) {
            kind.set_value(if is_project { "project" } else { "overall" });
        }
    });
    let save = move || {
        let result = doc.report.with_untracked(|r| storage::write(r, None, None));
        if result.is_ok() {
            saved_at.set(Some(doc.revision.get_untracked()));
        }
        saved.set(Some(match result {
            Ok(meta) => format!("已保存为草稿“{}”，可在首页“我的草稿”中打开。", meta.name),
            Err(m) => m,
        }));
    };
    // The head is HTML with delegated listeners (issue 25: as typed views it cost the start-up
    // ≈10 KB); below it the hint and the notice after 保存为草稿, which follows `saved`.
    let on_change = move |ev: leptos::ev::Event| {
        let Some(select) = crate::app::cells::event_element(&ev, "select") else { return };
        let value = crate::app::cells::control_value(&select).unwrap_or_default();
        match select.get_attribute("data-testid").as_deref() {
            Some("quick-pack") => fresh_table.run(value),
            Some("quick-kind") => {
                project.set(value == "project");
                fresh_table.run(doc.report.with_untracked(|r| r.rule_pack.clone()));
            }
            _ => {}
        }
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if crate::app::cells::event_element(&ev, "[data-testid=quick-save]").is_some() {
            save();
        }
    };
    let notice = NodeRef::<leptos::html::Div>::new();
    let first_notice = crate::app::cells::live(move || notice.get().map(Into::into), move || {
        let mut o = String::from(HINT);
        saved.with(|s| {
            if let Some(s) = s {
                o.push_str(&format!("<p class=\"notice\" role=\"status\">{}</p>", crate::model::print::escape(s)));
            }
        });
        o
    });
    view! {
        <section class="editor quick">
            <div class="editor-head" node_ref=head inner_html=head_html() on:change=on_change on:click=on_click></div>
            <div node_ref=notice inner_html=first_notice></div>
            {crate::app::editor::quick_editor()}
        </section>
    }
}

/// What 快速核分 is for, above the table.
const HINT: &str = "<p class=\"hint\">照纸质表填入预算执行情况和各指标，或按 Ctrl+V 粘贴从 Word、WPS、Excel 或网页复制的整张自评表（整体或项目），立即得到得分、等次和检查结果。不会自动保存。</p>";

/// 快速核分's title, rule pack and table pickers and 保存为草稿.
fn head_html() -> String {
    use crate::model::print::escape;
    use std::fmt::Write;
    let mut o = String::from("<h1 class=\"report-title\">快速核分</h1><div class=\"toolbar\"><label>评分规则 <select data-testid=\"quick-pack\">");
    for p in rules::available() {
        let _ = write!(o, "<option value=\"{}\"{}>{}</option>", escape(&p.id), if p.id == "hunan-2024" { " selected" } else { "" }, escape(&p.name));
    }
    o.push_str(
        "</select></label><label>表格 <select data-testid=\"quick-kind\"><option value=\"overall\">部门整体支出绩效自评表</option>\
         <option value=\"project\">项目支出绩效自评表</option></select></label>\
         <button type=\"button\" class=\"button\" data-testid=\"quick-save\">保存为草稿</button></div>",
    );
    o
}
