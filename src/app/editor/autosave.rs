//! Autosave and what the user sees of it: save problems (another tab's newer save, storage full)
//! with their choices, and the 历史版本 list. The 已保存 / 保存中 / 保存失败 status is in the
//! editor's head (`patch_head`).

use std::time::Duration;

use leptos::prelude::*;

use crate::app::doc::{use_doc, Doc, SaveStatus};
use crate::app::storage;
use crate::model::evaluate;
use crate::model::exchange::json;
use crate::app::import::worker::{print_html, Pending};
use crate::model::print::{escape, PrintOptions};
use crate::model::view::MISSING;

use super::download_json;

/// Writes the report to storage at most 400 ms after a change, at once when the page is hidden
/// or left, and every 3 s while the browser refuses (so saving resumes once space is freed).
/// Another tab's newer save pauses it until the user chooses a version.
pub(super) fn autosave(doc: Doc) {
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let flush = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
        if !matches!(doc.save_status.get_untracked(), SaveStatus::Pending | SaveStatus::Failed(_)) || doc.conflict.get_untracked().is_some() {
            return;
        }
        let performance = window().performance();
        if let Some(p) = &performance {
            p.mark("jixiao-save-start").ok();
        }
        let result = doc.report.with_untracked(|r| storage::save(r, doc.base_saved.get_value()));
        if let Some(p) = &performance {
            // User Timing entries: the save benchmark reads them (BENCHMARKS.md).
            p.mark("jixiao-save-end").ok();
            p.measure_with_start_mark_and_end_mark("jixiao-save", "jixiao-save-start", "jixiao-save-end").ok();
        }
        match result {
            Ok(meta) => {
                doc.base_saved.set_value(meta.saved);
                doc.save_status.set(SaveStatus::Saved(storage::clock(meta.saved)));
                doc.report.with_untracked(|r| storage::snapshot(r, false));
            }
            Err(storage::SaveError::Conflict(meta)) => {
                doc.conflict.set(Some(meta));
                doc.save_status.set(SaveStatus::Conflict);
            }
            Err(storage::SaveError::Full(message)) => doc.save_status.set(SaveStatus::Failed(message)),
        }
    };
    Effect::new(move |previous: Option<u64>| {
        let revision = doc.revision.get();
        if previous.is_some_and(|p| p != revision) {
            if doc.conflict.get_untracked().is_none() {
                doc.save_status.set(SaveStatus::Pending);
            }
            // A save at most 400 ms after the first unsaved change, even while typing goes
            // on: a crash loses less than half a second.
            if pending.with_value(Option::is_none) {
                pending.set_value(set_timeout_with_handle(flush, Duration::from_millis(400)).ok());
            }
        }
        revision
    });
    let retry = set_interval_with_handle(
        move || {
            if matches!(doc.save_status.get_untracked(), SaveStatus::Failed(_)) {
                flush();
            }
        },
        Duration::from_secs(3),
    )
    .ok();
    let id = doc.report.with_untracked(|r| r.id.clone());
    let meta_key = format!("{}{id}", storage::META_PREFIX);
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(meta_key.as_str()) {
            return;
        }
        if let Some(meta) = storage::meta(&id) {
            if meta.writer != storage::tab_id() && meta.saved > doc.base_saved.get_value() {
                doc.conflict.set(Some(meta));
                doc.save_status.set(SaveStatus::Conflict);
            }
        }
    });
    let hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
    on_cleanup(move || {
        flush();
        if let Some(r) = retry {
            r.clear();
        }
        other_tab.remove();
        hide.remove();
        visibility.remove();
    });
}

/// Storage full or another tab's newer save: what happened and what the user can do.
#[component]
pub(super) fn SaveProblems() -> impl IntoView {
    let doc = use_doc();
    let id = doc.report.with_untracked(|r| r.id.clone());
    let id = StoredValue::new(id);
    let use_theirs = move || {
        let Some(Ok((theirs, meta))) = storage::load(&id.get_value()) else {
            doc.notice.set(Some("另一页的版本无法读取，已保留本页的版本。".into()));
            doc.conflict.set(None);
            return;
        };
        doc.report.with_untracked(|r| storage::snapshot(r, true));
        doc.base_saved.set_value(meta.saved);
        doc.conflict.set(None);
        doc.replace(theirs);
        doc.save_status.set(SaveStatus::Saved(storage::clock(meta.saved)));
        doc.notice.set(Some("已采用另一页的版本；本页原来的内容已存为历史版本。".into()));
    };
    let keep_mine = move || {
        let theirs = storage::meta(&id.get_value()).map(|m| m.saved).unwrap_or(0);
        storage::snapshot_stored(&id.get_value());
        doc.base_saved.set_value(theirs);
        doc.conflict.set(None);
        doc.save_status.set(SaveStatus::Pending);
        doc.revision.update(|r| *r += 1);
        doc.notice.set(Some("已保留本页的版本；另一页保存的内容已存为历史版本。".into()));
    };
    let shown = NodeRef::<leptos::html::Div>::new();
    let first = crate::app::cells::live(move || shown.get().map(Into::into), move || {
        let mut o = String::new();
        if let Some(meta) = doc.conflict.get() {
            o.push_str(&format!(
                "<div class=\"problem\" role=\"alert\" data-testid=\"conflict\"><p>另一个标签页或窗口在 {} 保存了此草稿的较新版本。为免互相覆盖，本页已暂停保存。请选择保留哪个版本，另一个版本会存为历史版本：</p>\
                 <button type=\"button\" class=\"button\" data-testid=\"use-theirs\" data-editor=\"use-theirs\">采用另一页的版本</button> \
                 <button type=\"button\" class=\"button\" data-testid=\"keep-mine\" data-editor=\"keep-mine\">保留本页的版本</button></div>",
                escape(&storage::clock(meta.saved))
            ));
        }
        if let SaveStatus::Failed(message) = doc.save_status.get() {
            o.push_str(&format!(
                "<div class=\"problem\" role=\"alert\" data-testid=\"save-failed\"><p>{}</p><p class=\"hint\">本应用已用存储约 {} KB。</p>\
                 <button type=\"button\" class=\"button\" data-testid=\"download-json\" data-editor=\"download-json\">下载 JSON 备份</button></div>",
                escape(&message),
                storage::usage() / 1024
            ));
        }
        o
    });
    let on_click = move |ev: leptos::ev::MouseEvent| match super::editor_action(&ev).as_deref() {
        Some("use-theirs") => use_theirs(),
        Some("keep-mine") => keep_mine(),
        Some("download-json") => download_json(doc),
        _ => {}
    };
    view! { <div class="save-problems" node_ref=shown inner_html=first on:click=on_click></div> }
}

/// 历史版本: the draft's snapshots; view one, or restore it (the current state becomes a snapshot).
/// The list and the viewed version are HTML strings (the latter from `model::print`, built in
/// the worker) with one delegated click handler.
#[component]
pub(super) fn Snapshots() -> impl IntoView {
    let doc = use_doc();
    let id = doc.report.with_untracked(|r| r.id.clone());
    let list = RwSignal::new(storage::snapshots(&id));
    let viewing = RwSignal::new(false);
    let shown = Pending::new();
    let loaded = move |index: usize| list.with_untracked(|l| l.get(index).and_then(|s| json::load(&s.text).ok()).map(|l| l.report));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = crate::app::cells::event_element(&ev, "[data-action]") else { return };
        let index = button.get_attribute("data-index").and_then(|i| i.parse().ok()).unwrap_or(usize::MAX);
        match button.get_attribute("data-action").as_deref() {
            Some("view") => {
                // Built in the worker from the version's saved text (issue 25); one that does
                // not load is said in words there.
                if let Some(text) = list.with_untracked(|l| l.get(index).map(|s| s.text.clone())) {
                    viewing.set(true);
                    shown.ask(true, print_html(text, PrintOptions::default(), false));
                }
            }
            Some("restore") => {
                if let Some(r) = loaded(index) {
                    doc.report.with_untracked(|current| storage::snapshot(current, true));
                    doc.replace(r);
                    doc.notice.set(Some("已恢复所选版本；恢复前的内容已存为历史版本，也可按 Ctrl+Z 撤销。".into()));
                    list.set(storage::snapshots(&doc.report.with_untracked(|r| r.id.clone())));
                }
            }
            Some("close") => viewing.set(false),
            _ => {}
        }
    };
    // HTML kept current by `cells::live` (issue 25); the table is built again only when the
    // list changes (each row evaluates its version).
    let rows = Memo::new(move |_| {
        use std::fmt::Write;
        let items = list.get();
        if items.is_empty() {
            return "<p>还没有历史版本（首次保存后生成）。</p>".to_string();
        }
        let mut out = String::from("<table class=\"official\"><thead><tr><th>时间</th><th>总分</th><th>操作</th></tr></thead><tbody>");
        for (i, snap) in items.iter().enumerate().rev() {
            let total = match json::load(&snap.text) {
                Ok(l) => evaluate(&l.report).tables.first().and_then(|t| t.total).map(crate::model::num::fmt2).unwrap_or_else(|| MISSING.into()),
                Err(_) => "无法读取".into(),
            };
            let _ = write!(
                out,
                "<tr data-key=\"{}\"><td>{}</td><td class=\"num\">{total}</td><td><button type=\"button\" class=\"button\" data-action=\"view\" data-index=\"{i}\">查看</button> \
                 <button type=\"button\" class=\"button\" data-action=\"restore\" data-testid=\"restore-snapshot\" data-index=\"{i}\">恢复</button></td></tr>",
                snap.saved,
                storage::local_time(snap.saved)
            );
        }
        out.push_str("</tbody></table>");
        out
    });
    let part = NodeRef::<leptos::html::Div>::new();
    let first = crate::app::cells::live(move || part.get().map(Into::into), move || {
        let mut o = String::from("<h2>历史版本</h2><p class=\"hint\">编辑时每分钟最多保留一个版本，共保留最近 20 个。恢复某个版本时，当前内容也会先存为一个版本。</p>");
        o.push_str(&rows.get());
        if viewing.get() {
            o.push_str(&shown.html(|html| {
                format!("<div class=\"snapshot-view\"><h3>所选版本（只读）</h3><button type=\"button\" class=\"button\" data-action=\"close\">关闭</button><div class=\"print-doc\">{html}</div></div>")
            }));
        }
        o
    });
    view! { <div class="snapshots" data-testid="snapshots" node_ref=part inner_html=first on:click=on_click></div> }
}
