//! The editor page: every part of the report laid out like the official tables, a sticky
//! summary bar, the explanation panel, the findings list that focuses fields, undo/redo and
//! autosave. Components only place fields and figures; every figure comes from the model.
//!
//! One file per part: `autosave`, `bar` (summary bar and nav), `table` (the scored tables),
//! `suggestions` (the rule pack's suggestions), `sections` (封面, 基础数据表, 监控表, 评价人员,
//! 自评报告 and the forms' rows) and `findings` (explanation panel, findings list). The
//! sections are drawn as HTML into `sheet::Sheet`.

mod autosave;
mod bar;
mod findings;
mod sections;
mod suggestions;
mod table;

use leptos::prelude::*;

use crate::app::doc::{Doc, SaveStatus, Section};
use crate::app::storage;
use crate::model::exchange::json;
use crate::model::print::{escape, PrintOptions};
use crate::model::report::Report;

use autosave::{autosave, SaveProblems, Snapshots};
use bar::{SectionNav, SummaryBar};
use findings::{ExplainPanel, FindingsList};
use suggestions::Suggestions;
use table::{table_sheet, TableSection};

thread_local! {
    /// Set by [`open_for_typing`] just before it opens a draft: the editor then focuses its first field.
    static FOCUS_FIRST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Opens draft `id` in the editor with the focus on its first field (after 新建, and after 导入
/// of a previewed file).
pub fn open_for_typing(id: &str) {
    FOCUS_FIRST.with(|f| f.set(true));
    let _ = window().location().set_hash(&format!("#/edit/{id}"));
}

/// The first field to fill: 年初预算数 of the table in view, else the section's first field.
fn focus_first_field() {
    set_timeout(
        || {
            if !crate::app::cells::focus_selector(".section-body [data-path$=\".budget.initial\"]") {
                crate::app::cells::focus_selector(".section-body .field");
            }
        },
        std::time::Duration::ZERO,
    );
}

/// The editor of one report.
#[component]
pub fn Editor(
    /// The report to edit (a draft or a fresh copy of an example).
    report: Report,
    /// Its stored metadata when it is already a draft (an example becomes one on its first change).
    meta: Option<storage::Meta>,
) -> impl IntoView {
    let doc = Doc::new(report, meta.as_ref().map(|m| m.saved).unwrap_or(0));
    provide_context(doc);
    if let Some(m) = &meta {
        doc.save_status.set(SaveStatus::Saved(storage::clock(m.saved)));
    }
    autosave(doc);
    // A whole table pasted on a table section replaces it (after asking; Ctrl+Z undoes it).
    let pasted = crate::app::import::table_paste_listener(doc, false, Box::new(move || match doc.section.get_untracked() {
        Section::Table(path) => Some(path),
        _ => None,
    }));
    on_cleanup(move || pasted.remove());
    if FOCUS_FIRST.with(|f| f.replace(false)) {
        focus_first_field();
    }
    let show_snapshots = RwSignal::new(false);
    let show_import = RwSignal::new(false);
    let head = NodeRef::<leptos::html::Div>::new();
    // The head is HTML (issue 25); what changes in it is set by this effect.
    crate::app::cells::effect(move || {
        let Some(head) = head.get() else { return };
        let (title, id, import_notes) = doc.report.with(|r| (title(r), r.id.clone(), has_import_notes(r)));
        let (status, failed) = save_text(&doc.save_status.get());
        patch_head(&head, &title, &id, import_notes, [doc.can_undo.get(), doc.can_redo.get(), show_import.get(), show_snapshots.get()], &status, failed);
    });
    let on_head_click = move |ev: leptos::ev::MouseEvent| match editor_action(&ev).as_deref() {
        Some("undo") => doc.undo(),
        Some("redo") => doc.redo(),
        Some("import") => show_import.update(|v| *v = !*v),
        Some("snapshots") => show_snapshots.update(|v| *v = !*v),
        Some("json") => download_json(doc),
        Some("docx") => download_docx(doc, docx_options()),
        Some("xlsx") => download_xlsx(doc),
        _ => {}
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match ev.key().as_str() {
            "z" | "Z" if !ev.shift_key() => {
                ev.prevent_default();
                doc.undo();
            }
            "y" | "Y" | "z" | "Z" => {
                ev.prevent_default();
                doc.redo();
            }
            _ => {}
        }
    };
    let first_head = doc.report.with_untracked(|r| head_html(r, &save_text(&doc.save_status.get_untracked()).0));
    let edit_href = doc.report.with_untracked(|r| format!("#/edit/{}", r.id));
    let notice = NodeRef::<leptos::html::Div>::new();
    let first_notice = crate::app::cells::live(move || notice.get().map(Into::into), move || {
        doc.notice.get().map(|n| format!("<p class=\"notice\" role=\"status\">{}<button type=\"button\" class=\"link\" data-editor=\"close-notice\" aria-label=\"关闭提示\">×</button></p>", escape(&n))).unwrap_or_default()
    });
    let on_notice_click = move |ev: leptos::ev::MouseEvent| {
        if editor_action(&ev).as_deref() == Some("close-notice") {
            doc.notice.set(None);
        }
    };
    view! {
        <section class="editor" on:keydown=on_keydown>
            <a class="skip-inline" href=edit_href data-testid="skip-to-table" on:click=move |ev| {
                ev.prevent_default();
                skip_to_table(doc);
            }>"跳到指标表"</a>
            <div class="editor-head" node_ref=head inner_html=first_head on:click=on_head_click></div>
            <SaveProblems />
            {move || show_import.get().then(|| view! {
                <crate::app::import::ImportPanel refresh=Callback::new(|_| ()) in_editor=true />
            })}
            {move || show_snapshots.get().then(|| view! { <Snapshots /> })}
            <SummaryBar />
            <div class="editor-notice" node_ref=notice inner_html=first_notice on:click=on_notice_click></div>
            <div class="editor-body">
                <SectionNav />
                <div class="section-body">{move || section_view(doc.section.get())}</div>
            </div>
            <ExplainPanel />
            <FindingsList />
            <Suggestions />
        </section>
    }
}

/// The `data-editor` action of the element an event came from (a button of the editor's HTML).
pub(super) fn editor_action<E: AsRef<web_sys::Event>>(ev: &E) -> Option<String> {
    crate::app::cells::event_element(ev, "[data-editor]")?.get_attribute("data-editor")
}

/// The report's title: 部门 and 年度.
fn title(r: &Report) -> String {
    format!("{} {}年度绩效自评", if r.department.is_empty() { "（未填部门）" } else { &r.department }, r.year)
}

fn has_import_notes(r: &Report) -> bool {
    r.narrative.iter().any(|s| s.title == crate::model::report::IMPORT_NOTES_TITLE)
}

/// 已保存 / 保存中 / 保存失败 as the header shows it, and whether it is a failure.
fn save_text(status: &SaveStatus) -> (String, bool) {
    match status {
        SaveStatus::Unchanged => ("未修改".to_string(), false),
        SaveStatus::Pending => ("保存中".to_string(), false),
        SaveStatus::Saved(t) => (format!("已保存 {t}"), false),
        SaveStatus::Failed(_) => ("保存失败".to_string(), true),
        SaveStatus::Conflict => ("已暂停保存（另一页有新版本）".to_string(), true),
    }
}

const IMPORT_NOTES_OPTION: &str = "<label class=\"check\"><input type=\"checkbox\" data-testid=\"export-docx-import-notes\">附上导入时未识别的内容</label>";

/// The editor's head: title, and the toolbar (撤销, 重做, 导入, 历史版本, 导出 with its options,
/// 打印预览, the save status) as the report is opened; [`patch_head`] keeps it current.
fn head_html(r: &Report, status: &str) -> String {
    let tag = if crate::model::examples::is_example(&r.id) { "<span class=\"tag\" data-testid=\"example-tag\">示例</span>" } else { "" };
    format!(
        "<h1 class=\"report-title\">{tag}<span data-editor-title>{}</span></h1>\
         <div class=\"toolbar\" role=\"toolbar\" aria-label=\"编辑\">\
         <button type=\"button\" class=\"button\" data-editor=\"undo\" title=\"撤销（Ctrl+Z）\" disabled>撤销</button>\
         <button type=\"button\" class=\"button\" data-editor=\"redo\" title=\"重做（Ctrl+Y）\" disabled>重做</button>\
         <button type=\"button\" class=\"button\" data-testid=\"editor-import\" data-editor=\"import\" aria-expanded=\"false\">导入</button>\
         <button type=\"button\" class=\"button\" data-testid=\"snapshots-toggle\" data-editor=\"snapshots\" aria-expanded=\"false\">历史版本</button>\
         <button type=\"button\" class=\"button\" data-testid=\"export-json\" data-editor=\"json\">导出 JSON</button>\
         <button type=\"button\" class=\"button\" data-testid=\"export-docx\" data-editor=\"docx\">导出 Word</button>\
         <label class=\"check\"><input type=\"checkbox\" data-testid=\"export-docx-notes\">附上检查结果和计算说明</label>\
         <label class=\"check\" title=\"填报数与计算结果不一致时，在填报数旁注明计算结果\"><input type=\"checkbox\" data-testid=\"export-docx-computed\">附上计算结果</label>{}\
         <button type=\"button\" class=\"button\" data-testid=\"export-xlsx\" data-editor=\"xlsx\">导出 Excel</button>\
         <a class=\"button\" href=\"#/print/{}\">打印预览</a>\
         <span class=\"save-status\" data-testid=\"save-status\" role=\"status\">{}</span></div>",
        escape(&title(r)),
        if has_import_notes(r) { IMPORT_NOTES_OPTION } else { "" },
        escape(&r.id),
        escape(status)
    )
}

/// Brings the head up to date: the title, 撤销 / 重做 enabled, 导入 / 历史版本 open
/// (`flags`: can undo, can redo, import shown, snapshots shown), the 导入 notes option, the
/// print link and the save status. Only what differs is written.
fn patch_head(head: &web_sys::Element, title: &str, id: &str, import_notes: bool, flags: [bool; 4], status: &str, failed: bool) {
    let find = |selector: &str| head.query_selector(selector).ok().flatten();
    let set = |selector: &str, name: &str, value: Option<&str>| {
        if let Some(el) = find(selector) {
            crate::app::cells::set_attribute(&el, name, value);
        }
    };
    if let Some(el) = find("[data-editor-title]").filter(|e| e.text_content().as_deref() != Some(title)) {
        el.set_text_content(Some(title));
    }
    let [undo, redo, import, snapshots] = flags;
    set("[data-editor=undo]", "disabled", (!undo).then_some(""));
    set("[data-editor=redo]", "disabled", (!redo).then_some(""));
    set("[data-editor=import]", "aria-expanded", Some(if import { "true" } else { "false" }));
    set("[data-editor=snapshots]", "aria-expanded", Some(if snapshots { "true" } else { "false" }));
    set("a[href^=\"#/print/\"]", "href", Some(&format!("#/print/{id}")));
    set("[data-testid=save-status]", "class", Some(if failed { "save-status failed" } else { "save-status" }));
    if let Some(el) = find("[data-testid=save-status]").filter(|e| e.text_content().as_deref() != Some(status)) {
        el.set_text_content(Some(status));
    }
    match (find("[data-testid=export-docx-import-notes]"), import_notes) {
        (Some(input), false) => {
            if let Some(label) = input.parent_element() {
                label.remove();
            }
        }
        (None, true) => {
            if let Some(xlsx) = find("[data-editor=xlsx]") {
                let _ = xlsx.insert_adjacent_html("beforebegin", IMPORT_NOTES_OPTION);
            }
        }
        _ => {}
    }
}

/// 导出 Word's options as ticked in the head.
fn docx_options() -> PrintOptions {
    let notes = ticked("export-docx-notes");
    PrintOptions { findings: notes, explanations: notes, computed: ticked("export-docx-computed"), import_notes: ticked("export-docx-import-notes") }
}

/// Whether the head's checkbox `testid` is ticked.
fn ticked(testid: &str) -> bool {
    let box_ = document().query_selector(&format!(".editor-head [data-testid={testid}]")).ok().flatten();
    box_.and_then(|b| crate::app::cells::control_value(&b)).as_deref() == Some("true")
}

/// The editor of a single 整体 table for 快速核分: figures, table, explanations, findings
/// (the caller provides the `Doc`).
pub fn quick_editor() -> impl IntoView {
    view! {
        <SummaryBar />
        <div class="section-body">{table_sheet("overall")}</div>
        <ExplainPanel />
        <FindingsList />
        <Suggestions />
    }
}

/// Offers a file (UTF-8 text or an archive) for download; a refusal is shown as the notice.
fn offer(doc: Doc, name: &str, bytes: &[u8], mime: &str) {
    if let Err(m) = storage::download_bytes(name, bytes, mime) {
        doc.notice.set(Some(m));
    }
}

/// Downloads the report with its computed figures and findings.
fn download_json(doc: Doc) {
    let (name, text) = doc.report.with_untracked(|r| doc.evaluation.with_untracked(|e| (json::export_file_name(r), json::save(r, Some(e)))));
    offer(doc, &name, text.as_bytes(), "application/json");
}

/// Downloads the whole report as Word (`{部门}-{年度}.docx`), optionally with the findings
/// and the 计算说明 appended, the differing computed figures beside the declared ones and the
/// import notes. Written by the reader worker (loaded on first use).
fn download_docx(doc: Doc, options: PrintOptions) {
    export_in_worker(doc, "docx", options);
}

/// Downloads the tables as an Excel workbook with live formulas (`{部门}-{年度}.xlsx`).
fn download_xlsx(doc: Doc) {
    export_in_worker(doc, "xlsx", PrintOptions::default());
}

/// Has the worker write the report as `what` (docx, xlsx) and offers the file; the editor says
/// that it is being written (the first export loads the writers) and why it failed, if it did.
fn export_in_worker(doc: Doc, what: &'static str, options: PrintOptions) {
    let (name, text) = doc.report.with_untracked(|r| (format!("{}.{what}", json::file_stem(r)), json::save(r, None)));
    doc.notice.set(Some(format!("正在生成 {name}…")));
    let done = format!("已生成 {name}。");
    crate::app::import::worker::export(what, text, options, name, move |result| {
        doc.notice.try_set(Some(result.err().unwrap_or(done)));
    });
}

/// 跳到指标表: shows the scored table in view (the first one when none was opened) and focuses
/// the first cell of its indicator rows.
fn skip_to_table(doc: Doc) {
    let path = doc.table_in_view.get_untracked();
    let path = if path.is_empty() { doc.report.with_untracked(|r| r.scored_tables().first().map(|(p, _)| p.clone())).unwrap_or_default() } else { path };
    if path.is_empty() {
        return;
    }
    go(doc, Section::Table(path.clone()));
    set_timeout(
        move || {
            if !crate::app::cells::focus_selector(&format!(".section-body [data-path^=\"{path}.indicators[\"]")) {
                crate::app::cells::focus_selector(".section-body .field");
            }
        },
        std::time::Duration::ZERO,
    );
}

fn go(doc: Doc, section: Section) {
    if let Section::Table(path) = &section {
        doc.table_in_view.set(path.clone());
    }
    doc.section.set(section);
}

fn section_view(section: Section) -> AnyView {
    match section {
        Section::Cover => sections::section(sections::cover),
        Section::Basic => sections::section(sections::basic),
        Section::Table(path) => view! { <TableSection path=path /> }.into_any(),
        Section::Monitor => sections::section(sections::monitor),
        Section::SignOff => sections::section(sections::sign_off),
        Section::Narrative => sections::section(sections::narrative),
    }
}
