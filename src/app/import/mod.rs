//! Bringing in what people already have: jixiao's own JSON reports, and the 自评表 in Word,
//! Excel, WPS and web-page files or pasted from the clipboard. JSON opens here; every other
//! file goes to the reader worker (`worker`) and comes back as a preview the user confirms
//! (`preview`) before anything is stored.
//!
//! Guarantees: a file that cannot be imported gets a Chinese message naming it and changes
//! nothing in storage; nothing is stored until the user presses 导入.

mod preview;
pub mod worker;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::storage;
use crate::model::exchange::import::{json_text, looks_like_json, Preview};
use crate::model::exchange::json;
use crate::model::Report;

pub use preview::PreviewCard;

/// Largest JSON report read; larger ones are refused before reading.
pub const MAX_JSON_BYTES: u64 = 5 * 1024 * 1024;
/// Largest Word, Excel or web-page file read (pictures inside make real ones large; the readers
/// never unpack pictures).
pub const MAX_TABLE_FILE_BYTES: u64 = 30 * 1024 * 1024;

/// What a file turned out to be.
pub enum Opened {
    /// A jixiao report, with the fields this version does not know.
    Saved(Report, Vec<String>),
    /// Tables recognised in another program's file.
    Tables(Preview),
    /// A 部门决算: its saved JSON (read by the worker, or the file as it came), opened in the
    /// 决算 editor (`app::final_accounts`).
    FinalAccounts(String),
}

/// A file's size in bytes (the browser reports it as a double).
pub fn file_bytes(file: &web_sys::File) -> u64 {
    file.size() as u64
}

/// Where a preview came from, kept while it is shown so that a column assigned by hand re-reads
/// it (the file's bytes are handed to the reader worker, so a copy is kept here).
#[derive(Clone)]
pub enum Source {
    /// A chosen or dropped file: its name and a copy of its bytes.
    File(String, js_sys::ArrayBuffer),
    /// A pasted table's text.
    Pasted(String),
}

thread_local! {
    /// The sources of the previews on screen, by preview key.
    static SOURCES: std::cell::RefCell<std::collections::BTreeMap<u32, Source>> = const { std::cell::RefCell::new(std::collections::BTreeMap::new()) };
}

/// Keeps a preview's source while the preview is shown.
pub fn keep_source(key: u32, source: Source) {
    SOURCES.with(|s| s.borrow_mut().insert(key, source));
}

/// Forgets a preview's source (导入 or 取消).
pub fn drop_source(key: u32) {
    SOURCES.with(|s| s.borrow_mut().remove(&key));
}

/// Reads a shown preview's source again in the reader worker with columns assigned by hand.
pub async fn reread(key: u32, overrides: &[crate::model::exchange::found::ColumnOverride]) -> Result<Preview, String> {
    match SOURCES.with(|s| s.borrow().get(&key).cloned()) {
        // A copy is handed over; the kept one stays for the next assignment.
        Some(Source::File(name, bytes)) => worker::read_file(&name, bytes.slice(0).into(), overrides).await,
        Some(Source::Pasted(text)) => worker::read_pasted(text, overrides).await,
        None => Err("原文件已不在内存中，请重新选择文件。".to_string()),
    }
}

/// Opens a chosen or dropped file by its content. The message of an `Err` is a sentence that
/// the caller puts after the file name.
pub async fn open(file: &web_sys::File) -> Result<Opened, String> {
    open_keeping(file, false).await.map(|(opened, _)| opened)
}

/// [`open`], keeping the source of a preview when `keep` (for assigning columns by hand).
pub async fn open_keeping(file: &web_sys::File, keep: bool) -> Result<(Opened, Option<Source>), String> {
    let size = file_bytes(file);
    // Decimal, not an f64 format: float formatting would add 8 KB to the bundle.
    let megabytes = crate::model::num::megabytes(size);
    let named_json = file.name().to_lowercase().ends_with(".json");
    let too_large_for_json = || format!("文件有 {megabytes} MB，超过 5 MB，不像是绩效自评报告文件，未读取。");
    // A report named .json is refused by size before it is read.
    if named_json && size > MAX_JSON_BYTES {
        return Err(too_large_for_json());
    }
    if size > MAX_TABLE_FILE_BYTES {
        return Err(format!("文件有 {megabytes} MB，超过 30 MB，未读取。"));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(|_| "无法读取文件。".to_string())?;
    let Some(buffer) = buffer.dyn_ref::<js_sys::ArrayBuffer>().cloned() else { return Err("无法读取文件。".to_string()) };
    let head = js_sys::Uint8Array::new_with_byte_offset_and_length(&buffer, 0, size.min(64) as u32).to_vec();
    // A file named .json is a report (its errors are told as JSON errors); any other file is
    // judged by its content.
    if named_json || looks_like_json(&head) {
        if size > MAX_JSON_BYTES {
            return Err(too_large_for_json());
        }
        // UTF-8, or UTF-16 by its byte-order mark.
        let text = json_text(&js_sys::Uint8Array::new(&buffer).to_vec());
        // A saved 部门决算 is stored as it came; its editor (in the worker) reads it.
        if crate::model::final_accounts::json::is_final_accounts(&text) {
            return Ok((Opened::FinalAccounts(text), None));
        }
        return match json::load(&text) {
            Ok(l) => Ok((Opened::Saved(l.report, l.unknown_fields), None)),
            Err(json::LoadError::OtherFormat(f)) if f == json::FINAL_ACCOUNTS_FORMAT => Ok((Opened::FinalAccounts(text), None)),
            Err(e) => Err(e.to_string()),
        };
    }
    let source = keep.then(|| Source::File(file.name(), buffer.slice(0)));
    let answer = worker::read_file_text(&file.name(), buffer.into()).await;
    if let Some(saved) = serde_json::from_str::<serde_json::Value>(&answer).ok().and_then(|v| v["final_accounts"].as_str().map(str::to_string)) {
        return Ok((Opened::FinalAccounts(saved), None));
    }
    crate::model::exchange::import::from_wire(&answer).map(|p| (Opened::Tables(p), source))
}

/// Tables copied from Word, WPS, Excel or a web page, if the clipboard holds some and the paste
/// is not into a field (a field takes its own paste, e.g. rows into the indicator grid): the
/// `text/html` flavour when it has a table, else tab-separated `text/plain` of several lines.
pub fn pasted_table(ev: &web_sys::ClipboardEvent) -> Option<String> {
    let in_field = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    if in_field {
        return whole_table(ev);
    }
    let data = ev.clipboard_data()?;
    let html = data.get_data("text/html").unwrap_or_default();
    if html.to_ascii_lowercase().contains("<table") {
        return Some(html);
    }
    let text = data.get_data("text/plain").unwrap_or_default();
    (text.contains('\t') && text.trim().lines().count() > 1).then_some(text)
}

/// A whole 自评表 on the clipboard (a table with the header words 一级指标 / 三级指标, as HTML or
/// tab-separated text): pasted even while a field has the focus, it goes to the recogniser
/// like a file instead of filling the grid's cells with its title rows.
pub fn whole_table(ev: &web_sys::ClipboardEvent) -> Option<String> {
    let data = ev.clipboard_data()?;
    let headed = |t: &str| t.contains("一级指标") && t.contains("三级指标");
    let html = data.get_data("text/html").unwrap_or_default();
    if html.to_ascii_lowercase().contains("<table") && headed(&html) {
        return Some(html);
    }
    let text = data.get_data("text/plain").unwrap_or_default();
    (text.contains('\t') && text.trim().lines().count() > 1 && headed(&text)).then_some(text)
}

/// Ctrl+V of a whole table (copied from Word, WPS, Excel or a web page) outside any field, while
/// `target` names a scored table of the open report (`overall`, `projects[i]`): the table is
/// recognised like an imported file, and after the user confirms (the message shows the 总分
/// declared and computed) it takes the place of that table as one undo step. Pasting rows into
/// a cell of the indicator grid is not affected (that paste happens inside a field).
///
/// With `adopt_kind` (快速核分) the table takes the pasted table's kind (整体 or 项目) instead of
/// keeping the slot's.
pub fn table_paste_listener(doc: crate::app::doc::Doc, adopt_kind: bool, target: impl Fn() -> Option<String> + 'static) -> WindowListenerHandle {
    window_event_listener(leptos::ev::paste, move |ev| {
        let Some(text) = pasted_table(&ev) else { return };
        let Some(path) = target() else { return };
        ev.prevent_default();
        leptos::task::spawn_local(async move {
            let window = web_sys::window();
            let say = |text: &str| {
                if let Some(w) = &window {
                    let _ = w.alert_with_message(text);
                }
            };
            let preview = match worker::read_pasted(text, &[]).await {
                Ok(p) => p,
                Err(message) => return say(&format!("无法识别粘贴的表格：{message}")),
            };
            // The editor may have been left while the table was read.
            let Some(mut report) = doc.report.try_get_untracked() else { return };
            let Some(what) = crate::model::exchange::import::place_table(&mut report, &path, &preview) else {
                return say("粘贴的内容中没有找到绩效自评表（表头中没有“一级指标”“三级指标”等字样）。");
            };
            if adopt_kind {
                let kind = preview.report.scored_tables().first().map(|(_, t)| t.kind);
                if let (Some(kind), Some(slot)) = (kind, crate::model::edit::table_mut(&mut report, &path)) {
                    slot.kind = kind;
                }
            }
            let evaluation = crate::model::evaluate(&report);
            let figures = crate::model::exchange::import::figures(&report, &evaluation);
            let shown = report.scored_tables().iter().position(|(p, _)| *p == path).and_then(|i| figures.get(i).cloned());
            let question = match shown {
                Some(f) => format!("用粘贴的{what}替换当前表格的内容？\n填报总分 {}，计算总分 {}，等次 {}。\n可按 Ctrl+Z 撤销。", f.declared, f.computed, f.grade),
                None => format!("用粘贴的{what}替换当前表格的内容？可按 Ctrl+Z 撤销。"),
            };
            if window.as_ref().and_then(|w| w.confirm_with_message(&question).ok()) == Some(true) {
                doc.replace(report);
            }
        });
    })
}

/// 导入报告文件: files chosen, dropped anywhere on 首页, or a table pasted there. A jixiao report
/// is stored as a draft at once (asking when it is already one); other files show a preview.
#[component]
pub fn ImportPanel(
    /// Reloads the lists from storage.
    refresh: Callback<()>,
    /// In the editor: a pasted table goes into the open report (the editor's own listener),
    /// so this panel leaves Ctrl+V alone.
    #[prop(optional)]
    in_editor: bool,
) -> impl IntoView {
    let messages = RwSignal::new(Vec::<(bool, String)>::new());
    let pending = RwSignal::new(None::<Report>);
    let next_key = StoredValue::new(0u32);
    // The cards on screen, in order: key, file name, the card's own element and its mount.
    // Each card is mounted by itself into an element of the list (not by `<For>`, whose keyed
    // diffing cost the start-up 17 KB for a list that only grows, shrinks and swaps one card).
    let cards = StoredValue::new_local(Vec::<(u32, String, web_sys::Element, Box<dyn std::any::Any>)>::new());
    let list = NodeRef::<leptos::html::Div>::new();
    let reread_slot = StoredValue::new(None::<Callback<(u32, Vec<crate::model::exchange::found::ColumnOverride>)>>);
    let done = Callback::new(move |(key, outcome): (u32, Option<Result<String, String>>)| {
        // Taken away after the click that asked for it has been handled (it runs in the card).
        leptos::task::spawn_local(async move {
            let card = cards.try_update_value(|c| c.iter().position(|e| e.0 == key).map(|i| c.remove(i))).flatten();
            if let Some((_, _, element, mounted)) = card {
                drop(mounted);
                element.remove();
            }
        });
        drop_source(key);
        if let Some(outcome) = outcome {
            messages.update(|m| m.push(match outcome {
                Ok(text) => (true, text),
                Err(e) => (false, e),
            }));
        }
        refresh.try_run(());
    });
    // Mounts the card of a preview at the end of the list, or in the place of card `instead`.
    let show = move |key: u32, name: String, preview: Preview, instead: Option<u32>| {
        let (Some(parent), Some(reread)) = (list.try_get_untracked().flatten(), reread_slot.try_get_value().flatten()) else { return };
        let Ok(element) = document().create_element("div") else { return };
        let old = instead.and_then(|k| cards.try_with_value(|c| c.iter().position(|e| e.0 == k)).flatten());
        let before = old.and_then(|i| cards.try_with_value(|c| c.get(i).map(|e| e.2.clone())).flatten());
        let _ = parent.insert_before(&element, before.as_ref().map(|e| e.unchecked_ref::<web_sys::Node>()));
        let card_name = name.clone();
        let mounted = leptos::mount::mount_to(element.clone().unchecked_into(), move || view! {
            <PreviewCard key=key name=card_name preview=preview done=done reread=reread />
        });
        let entry = (key, name, element, Box::new(mounted) as Box<dyn std::any::Any>);
        let replaced = cards.try_update_value(|c| match old {
            Some(i) => Some(std::mem::replace(&mut c[i], entry)),
            None => {
                c.push(entry);
                None
            }
        });
        if let Some(Some((_, _, element, mounted))) = replaced {
            drop(mounted);
            element.remove();
        }
    };
    let add_preview = move |name: String, preview: Preview, source: Option<Source>| {
        next_key.update_value(|k| *k += 1);
        // The panel may have been left while the file was read.
        let Some(key) = next_key.try_get_value() else { return };
        if let Some(source) = source {
            keep_source(key, source);
        }
        show(key, name, preview, None);
    };
    let import_saved = move |name: String, mut report: Report, unknown: Vec<String>| {
        if report.id.trim().is_empty() {
            report.id = storage::new_id();
        }
        let ignored = if unknown.is_empty() { String::new() } else { format!("（本版本不认识的字段已忽略：{}）", unknown.join("、")) };
        let outcome = if storage::load(&report.id).is_some() {
            let message = format!("“{name}”与已有草稿“{}”是同一份报告。请选择替换现有草稿，或保留两份。{ignored}", storage::meta(&report.id).map(|m| m.name).unwrap_or_default());
            pending.set(Some(report));
            (true, message)
        } else {
            match storage::write(&report, None, None) {
                Ok(meta) => (true, format!("已导入“{name}”，保存为草稿“{}”。{ignored}", meta.name)),
                Err(m) => (false, m),
            }
        };
        messages.update(|m| m.push(outcome));
        refresh.try_run(());
    };
    let take_files = move |files: web_sys::FileList| {
        messages.set(Vec::new());
        let one = files.length() == 1;
        for i in 0..files.length() {
            let Some(file) = files.get(i) else { continue };
            leptos::task::spawn_local(async move {
                let name = file.name();
                match open_keeping(&file, true).await {
                    Ok((Opened::Saved(report, unknown), _)) => import_saved(name, report, unknown),
                    Ok((Opened::Tables(preview), source)) => add_preview(name, preview, source),
                    // A 部门决算: stored as a 决算 draft, opened in its editor when it came alone.
                    Ok((Opened::FinalAccounts(text), _)) => messages.update(|m| m.push(crate::app::final_accounts::import(&name, &text, one))),
                    Err(message) => messages.update(|m| m.push((false, format!("无法导入“{name}”：{message}")))),
                }
            });
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(files) = input.files() {
            take_files(files);
        }
        input.set_value("");
    };
    let over = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let dropped = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            take_files(files);
        }
    });
    // Ctrl+V of a whole table anywhere on 首页 except in a field being typed in.
    let pasted = window_event_listener(leptos::ev::paste, move |ev| {
        if in_editor {
            return;
        }
        let Some(text) = pasted_table(&ev) else { return };
        ev.prevent_default();
        messages.set(Vec::new());
        leptos::task::spawn_local(async move {
            match worker::read_pasted(text.clone(), &[]).await {
                Ok(preview) => add_preview("粘贴的表格".to_string(), preview, Some(Source::Pasted(text))),
                Err(message) => messages.update(|m| m.push((false, format!("无法识别粘贴的表格：{message}")))),
            }
        });
    });
    on_cleanup(move || {
        over.remove();
        dropped.remove();
        pasted.remove();
    });
    let resolve = move |keep_both: bool| {
        let Some(mut report) = pending.try_get_untracked().flatten() else { return };
        let result = if keep_both {
            report.id = storage::new_id();
            storage::write(&report, Some(format!("{}（导入）", storage::default_name(&report))), None).map(|m| format!("已另存为草稿“{}”。", m.name))
        } else {
            storage::snapshot_stored(&report.id);
            let previous = storage::meta(&report.id);
            storage::write(&report, None, previous.as_ref()).map(|m| format!("已替换草稿“{}”；原来的内容已存为它的历史版本。", m.name))
        };
        messages.update(|m| m.push(match result {
            Ok(text) => (true, text),
            Err(e) => (false, e),
        }));
        pending.set(None);
        refresh.try_run(());
    };
    // A column assigned by hand: the file is read again and its new preview takes the old one's
    // place (under a new key, so the card is built afresh).
    let reread_preview = Callback::new(move |(key, overrides): (u32, Vec<crate::model::exchange::found::ColumnOverride>)| {
        leptos::task::spawn_local(async move {
            match reread(key, &overrides).await {
                Ok(preview) => {
                    next_key.update_value(|k| *k += 1);
                    let Some(new_key) = next_key.try_get_value() else { return };
                    if let Some(source) = SOURCES.with(|s| s.borrow_mut().remove(&key)) {
                        keep_source(new_key, source);
                    }
                    let name = cards.try_with_value(|c| c.iter().find(|e| e.0 == key).map(|e| e.1.clone())).flatten();
                    if let Some(name) = name {
                        show(new_key, name, preview, Some(key));
                    }
                }
                Err(message) => messages.update(|m| m.push((false, message))),
            }
        });
    });
    reread_slot.set_value(Some(reread_preview));
    on_cleanup(move || {
        // The cards go with the panel (their elements with the panel's own).
        let _ = cards.try_update_value(std::mem::take);
    });
    // The messages and the question about a report already stored, as HTML (issue 25).
    let said = NodeRef::<leptos::html::Ul>::new();
    let first_said = crate::app::cells::live(move || said.get().map(Into::into), move || {
        messages.with(|m| m.iter().map(|(ok, text)| format!("<li{}>{}</li>", if *ok { "" } else { " class=\"error\"" }, crate::model::print::escape(text))).collect())
    });
    let asked = NodeRef::<leptos::html::Div>::new();
    let first_asked = crate::app::cells::live(move || asked.get().map(Into::into), move || {
        if pending.with(Option::is_none) {
            return String::new();
        }
        "<p class=\"notice\" role=\"alert\"><button type=\"button\" class=\"button\" data-testid=\"import-replace\">替换现有草稿</button> \
         <button type=\"button\" class=\"button\" data-testid=\"import-keep-both\">保留两份</button></p>"
            .to_string()
    });
    let on_pending = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = crate::app::cells::event_element(&ev, "button") else { return };
        match button.get_attribute("data-testid").as_deref() {
            Some("import-replace") => resolve(false),
            Some("import-keep-both") => resolve(true),
            _ => {}
        }
    };
    view! {
        <div class="import">
            <label class="drop-zone" data-testid="drop-zone">
                <span class="drop-title">"导入报告文件"</span>
                <span class="drop-action">"选择文件…"</span>
                <span class="hint">{if in_editor {
                    "或把文件拖到本页。导入的文件保存为新的草稿；要替换本报告中的一张表，请在该表的页面按 Ctrl+V 粘贴从 Word、WPS、Excel 或网页复制的整张表。"
                } else {
                    "或把文件拖到这里（本页任意位置均可），或按 Ctrl+V 粘贴从 Word、WPS、Excel 或网页复制的整张表。可导入 Word（.docx、.doc）、Excel（.xlsx、.xls）、WPS、网页（.html）、PDF 中的自评表和本应用导出的 JSON 报告。"
                }}</span>
                <input type="file" accept=".json,.docx,.xlsx,.xls,.et,.html,.htm,.txt,.doc,.wps,.pdf,application/json" multiple=true class="visually-hidden" data-testid="import-input" on:change=on_change /></label>
            <ul class="import-messages" data-testid="import-messages" aria-live="polite" node_ref=said inner_html=first_said></ul>
            <div class="import-pending" node_ref=asked inner_html=first_asked on:click=on_pending></div>
            <div class="import-previews" node_ref=list></div>
        </div>
    }
}
