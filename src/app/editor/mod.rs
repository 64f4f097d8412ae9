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
use crate::model::print::PrintOptions;
use crate::model::report::Report;

use autosave::{autosave, SaveIndicator, SaveProblems, Snapshots};
use bar::{SectionNav, SummaryBar};
use findings::{ExplainPanel, FindingsList};
use suggestions::Suggestions;
use table::{table_sheet, TableSection};

thread_local! {
    /// Set by 新建 just before it opens the new draft: the editor then focuses its first field.
    static FOCUS_FIRST: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks the next editor opened to put the focus on its first field (after 新建).
pub fn focus_first_field_on_open() {
    FOCUS_FIRST.with(|f| f.set(true));
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
    let pasted = crate::app::import::table_paste_listener(doc, false, move || match doc.section.get_untracked() {
        Section::Table(path) => Some(path),
        _ => None,
    });
    on_cleanup(move || pasted.remove());
    if FOCUS_FIRST.with(|f| f.replace(false)) {
        focus_first_field();
    }
    let example = crate::model::examples::is_example(&doc.report.with_untracked(|r| r.id.clone()));
    let show_snapshots = RwSignal::new(false);
    let show_import = RwSignal::new(false);
    let with_notes = RwSignal::new(false);
    let with_computed = RwSignal::new(false);
    let with_import_notes = RwSignal::new(false);
    let has_import_notes = move || doc.report.with(|r| r.narrative.iter().any(|s| s.title == crate::model::report::IMPORT_NOTES_TITLE));
    let docx_options = move || PrintOptions {
        findings: with_notes.get_untracked(),
        explanations: with_notes.get_untracked(),
        computed: with_computed.get_untracked(),
        import_notes: with_import_notes.get_untracked(),
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
    let title = move || doc.report.with(|r| format!("{} {}年度绩效自评", if r.department.is_empty() { "（未填部门）" } else { &r.department }, r.year));
    let print_href = move || doc.report.with(|r| format!("#/print/{}", r.id));
    let edit_href = move || doc.report.with(|r| format!("#/edit/{}", r.id));
    view! {
        <section class="editor" on:keydown=on_keydown>
            <a class="skip-inline" href=edit_href data-testid="skip-to-table" on:click=move |ev| {
                ev.prevent_default();
                skip_to_table(doc);
            }>"跳到指标表"</a>
            <div class="editor-head">
                <h1 class="report-title">{example.then(|| view! { <span class="tag" data-testid="example-tag">"示例"</span> })}{title}</h1>
                <div class="toolbar" role="toolbar" aria-label="编辑">
                    <button type="button" class="button" on:click=move |_| doc.undo() disabled=move || !doc.can_undo.get()
                        title="撤销（Ctrl+Z）">"撤销"</button>
                    <button type="button" class="button" on:click=move |_| doc.redo() disabled=move || !doc.can_redo.get()
                        title="重做（Ctrl+Y）">"重做"</button>
                    <button type="button" class="button" data-testid="editor-import" aria-expanded=move || show_import.get().to_string()
                        on:click=move |_| show_import.update(|v| *v = !*v)>"导入"</button>
                    <button type="button" class="button" data-testid="snapshots-toggle" aria-expanded=move || show_snapshots.get().to_string()
                        on:click=move |_| show_snapshots.update(|v| *v = !*v)>"历史版本"</button>
                    <button type="button" class="button" data-testid="export-json" on:click=move |_| download_json(doc)>"导出 JSON"</button>
                    <button type="button" class="button" data-testid="export-docx" on:click=move |_| download_docx(doc, docx_options())>"导出 Word"</button>
                    <label class="check"><input type="checkbox" data-testid="export-docx-notes" prop:checked=move || with_notes.get()
                        on:change=move |ev| with_notes.set(event_target_checked(&ev)) />"附上检查结果和计算说明"</label>
                    <label class="check" title="填报数与计算结果不一致时，在填报数旁注明计算结果"><input type="checkbox" data-testid="export-docx-computed" prop:checked=move || with_computed.get()
                        on:change=move |ev| with_computed.set(event_target_checked(&ev)) />"附上计算结果"</label>
                    {move || has_import_notes().then(|| view! {
                        <label class="check"><input type="checkbox" data-testid="export-docx-import-notes" prop:checked=move || with_import_notes.get()
                            on:change=move |ev| with_import_notes.set(event_target_checked(&ev)) />"附上导入时未识别的内容"</label>
                    })}
                    <button type="button" class="button" data-testid="export-xlsx" on:click=move |_| download_xlsx(doc)>"导出 Excel"</button>
                    <a class="button" href=print_href>"打印预览"</a>
                    <SaveIndicator />
                </div>
            </div>
            <SaveProblems />
            {move || show_import.get().then(|| view! {
                <crate::app::import::ImportPanel refresh=Callback::new(|_| ()) in_editor=true />
            })}
            {move || show_snapshots.get().then(|| view! { <Snapshots /> })}
            <SummaryBar />
            {move || doc.notice.get().map(|n| view! {
                <p class="notice" role="status">{n}
                    <button type="button" class="link" on:click=move |_| doc.notice.set(None) aria-label="关闭提示">"×"</button></p>
            })}
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
