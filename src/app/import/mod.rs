//! Bringing in what people already have: jixiao's own JSON reports, and the 自评表 in Word,
//! Excel, WPS and web-page files or pasted from the clipboard. JSON opens here; every other
//! file goes to the reader worker (`worker`) and comes back as a preview the user confirms
//! (`preview`) before anything is stored. The preview's card is drawn by the screens module
//! (`host`; issue 25), in an element of this module's list; the module starts loading when a
//! file other than .json is chosen or a table is pasted, while the worker reads it.
//!
//! Guarantees: a file that cannot be imported gets a Chinese message naming it and changes
//! nothing in storage; nothing is stored until the user presses 导入.

pub mod host;
mod preview;
pub mod worker;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::storage;
use crate::model::exchange::import::{json_text, looks_like_json, Preview};
use crate::model::exchange::json;
use crate::model::Report;

/// Largest JSON report read; larger ones are refused before reading.
pub const MAX_JSON_BYTES: u64 = 5 * 1024 * 1024;
/// Largest Word, Excel or web-page file read (pictures inside make real ones large; the readers
/// never unpack pictures).
pub const MAX_TABLE_FILE_BYTES: u64 = 30 * 1024 * 1024;

/// What a file turned out to be.
pub enum Opened {
    /// A jixiao report, with the fields this version does not know.
    Saved(Report, Vec<String>),
    /// Tables recognised in another program's file, and the reader worker's answer as it came
    /// (what the screens module's preview card is drawn from).
    Tables(Preview, String),
    /// A 部门决算: its saved JSON (read by the worker, or the file as it came), opened in the
    /// 决算 editor (`app::final_accounts`).
    FinalAccounts(String),
}

/// A file's size in bytes (the browser reports it as a double).
pub fn file_bytes(file: &web_sys::File) -> u64 {
    file.size() as u64
}

/// Opens a chosen or dropped file by its content. The message of an `Err` is a sentence that
/// the caller puts after the file name.
pub async fn open(file: &web_sys::File) -> Result<Opened, String> {
    open_keeping(file, false).await.map(|(opened, _)| opened)
}

/// [`open`], with a copy of the file's bytes for a preview when `keep` (for reading it again
/// with columns assigned by hand).
pub async fn open_keeping(file: &web_sys::File, keep: bool) -> Result<(Opened, Option<js_sys::ArrayBuffer>), String> {
    let size = file_bytes(file);
    // Decimal, not an f64 format: float formatting would add 8 KB to the bundle.
    let megabytes = crate::model::num::megabytes(size);
    let named_json = file.name().to_ascii_lowercase().ends_with(".json");
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
    let source = keep.then(|| buffer.slice(0));
    let answer = worker::read_file_text(&file.name(), buffer.into()).await;
    if let Some(saved) = serde_json::from_str::<serde_json::Value>(&answer).ok().and_then(|v| v["final_accounts"].as_str().map(str::to_string)) {
        return Ok((Opened::FinalAccounts(saved), None));
    }
    crate::model::exchange::import::from_wire(&answer).map(|p| (Opened::Tables(p, answer), source))
}

thread_local! {
    /// The last preview card's key: page-wide, as the screens module keeps the cards of every
    /// import card by key.
    static NEXT_CARD: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    /// Whether [`prefetch_screens_once`] ran.
    static PREFETCHED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts loading the screens module ahead of its use: it draws the preview cards (while a file
/// is read) and the editor's 得分结构图 (the pointer on its button). The loader fetches it once.
pub(crate) fn prefetch_screens() {
    leptos::task::spawn_local(async {
        let _ = crate::app::views::module("jixiaoScreens").await;
    });
}

/// Starts the reader worker and loading the screens module as soon as an import is likely (the
/// file dialog opened, a file dragged over the page), once per page: the seconds a user spends
/// in the dialog hide their download. A screens module that failed to load is tried again when
/// the file comes; a worker that failed to start says so for that file and is started afresh
/// for the next (`worker`).
fn prefetch_screens_once() {
    if !PREFETCHED.with(|p| p.replace(true)) {
        worker::warm_up();
        prefetch_screens();
    }
}

/// Has the screens module take card `key` away (its listeners and the source it kept).
async fn forget_card(key: u32) {
    if let Some(hide) = crate::app::views::module_export("jixiaoScreens", "unpreview").await {
        crate::app::views::call_module(&hide, &js_sys::Array::of1(&key.into()));
    }
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
///
/// One copy for both callers (the editor and 快速核分): `target` is boxed and the function is not
/// inlined, so the handler is not compiled twice.
#[inline(never)]
pub fn table_paste_listener(doc: crate::app::doc::Doc, adopt_kind: bool, target: Box<dyn Fn() -> Option<String>>) -> WindowListenerHandle {
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
    // The preview cards on screen, in order: key, the element the screens module draws the card
    // in (issue 25: the import preview is on demand; 加载中… there until it is loaded), and
    // whether it was handed to the module (only those are taken back from it).
    let cards = StoredValue::new_local(Vec::<(u32, web_sys::Element, bool)>::new());
    // The card is HTML (issue 25); its parts are found by class under `root`.
    let root = NodeRef::<leptos::html::Div>::new();
    let part = move |class: &str| root.try_get_untracked().flatten().and_then(|r| r.query_selector(class).ok().flatten());
    // Takes card `key` away, after the click that asked for it has been handled (it runs in the
    // screens module).
    let remove = move |key: u32| {
        leptos::task::spawn_local(async move {
            let card = cards.try_update_value(|c| c.iter().position(|e| e.0 == key).map(|i| c.remove(i))).flatten();
            if let Some((_, element, handed)) = card {
                element.remove();
                if handed {
                    forget_card(key).await;
                }
            }
        });
    };
    // What the screens module says of a card: `done(key, close, ok, message, id)` (`host`).
    let told = wasm_bindgen::closure::Closure::<dyn Fn(u32, bool, bool, String, String)>::new(move |key: u32, close: bool, ok: bool, message: String, id: String| {
        if close {
            remove(key);
        }
        if !message.is_empty() {
            messages.try_update(|m| m.push((ok, message)));
        }
        if !id.is_empty() {
            crate::app::editor::open_for_typing(&id);
        }
        refresh.try_run(());
    });
    let told = StoredValue::new_local(Some(told));
    // A preview: an element at the end of the list, and the screens module draws the card there.
    let add_preview = move |name: String, wire: String, source: wasm_bindgen::JsValue| {
        // The panel may have been left while the file was read.
        let Some(parent) = part(".import-previews") else { return };
        let key = NEXT_CARD.with(|k| {
            k.set(k.get().wrapping_add(1));
            k.get()
        });
        let Ok(element) = document().create_element("div") else { return };
        element.set_inner_html(crate::app::views::LOADING_HTML);
        let _ = parent.append_child(&element);
        cards.update_value(|c| c.push((key, element.clone(), false)));
        leptos::task::spawn_local(async move {
            let show = crate::app::views::module_export("jixiaoScreens", "preview").await;
            let told = told.try_with_value(|t| t.as_ref().map(|t| t.as_ref().clone())).flatten();
            // Taken away meanwhile (the panel left).
            let (Some(told), true) = (told, element.is_connected()) else { return };
            let shown = show.is_some_and(|show| {
                let _ = cards.try_update_value(|c| c.iter_mut().filter(|e| e.0 == key).for_each(|e| e.2 = true));
                let args = js_sys::Array::of5(&element, &key.into(), &name.into(), &wire.into(), &source);
                args.push(&told);
                crate::app::views::call_module(&show, &args).is_some()
            });
            // The module could not be had, or it failed: said in the card, which 关闭 takes away.
            if !shown {
                element.set_inner_html(&format!(
                    "<p class=\"error\" role=\"alert\">导入预览组件加载失败，请检查网络后重新导入；如仍失败，请刷新页面或联系系统管理员。\
                     <button type=\"button\" class=\"button\" data-close-card=\"{key}\">关闭</button></p>"
                ));
            }
        });
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
            // A file for the reader worker ends in a preview: its card's module loads meanwhile.
            if !file.name().to_ascii_lowercase().ends_with(".json") {
                prefetch_screens();
            }
            leptos::task::spawn_local(async move {
                let name = file.name();
                match open_keeping(&file, true).await {
                    Ok((Opened::Saved(report, unknown), _)) => import_saved(name, report, unknown),
                    Ok((Opened::Tables(_, wire), source)) => add_preview(name, wire, source.map(Into::into).unwrap_or_default()),
                    // A 部门决算: stored as a 决算 draft, opened in its editor when it came alone.
                    Ok((Opened::FinalAccounts(text), _)) => messages.update(|m| m.push(crate::app::final_accounts::import(&name, &text, one))),
                    Err(message) => messages.update(|m| m.push((false, format!("无法导入“{name}”：{message}")))),
                }
            });
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = crate::app::cells::event_element(&ev, "[data-testid=import-input]").and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(files) = input.files() {
            take_files(files);
        }
        input.set_value("");
    };
    let over = window_event_listener(leptos::ev::dragover, |ev| {
        ev.prevent_default();
        // Files only: not a link or text dragged within the page.
        let files = ev.data_transfer().is_some_and(|d| d.types().includes(&"Files".into(), 0));
        if files {
            prefetch_screens_once();
        }
    });
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
        prefetch_screens();
        leptos::task::spawn_local(async move {
            match worker::read_pasted_wire(text.clone()).await {
                Ok(wire) => add_preview("粘贴的表格".to_string(), wire, text.into()),
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
    on_cleanup(move || {
        // The cards go with the panel (their elements with the panel's own), and the function
        // the screens module calls with it: a late call then fails in the screens module, quietly.
        let gone = cards.try_update_value(std::mem::take).unwrap_or_default();
        leptos::task::spawn_local(async move {
            for (key, _, handed) in gone {
                if handed {
                    forget_card(key).await;
                }
            }
        });
        told.try_update_value(Option::take);
    });
    // The messages and the question about a report already stored, as HTML (issue 25).
    let first_said = crate::app::cells::live(move || root.get().and(part(".import-messages")), move || {
        messages.with(|m| m.iter().map(|(ok, text)| format!("<li{}>{}</li>", if *ok { "" } else { " class=\"error\"" }, crate::model::print::escape(text))).collect())
    });
    let first_asked = crate::app::cells::live(move || root.get().and(part(".import-pending")), move || {
        if pending.with(Option::is_none) {
            return String::new();
        }
        "<p class=\"notice\" role=\"alert\"><button type=\"button\" class=\"button\" data-testid=\"import-replace\">替换现有草稿</button> \
         <button type=\"button\" class=\"button\" data-testid=\"import-keep-both\">保留两份</button></p>"
            .to_string()
    });
    let on_pending = move |ev: leptos::ev::MouseEvent| {
        // A click on the drop zone opens the file dialog (by mouse, or Enter on the field).
        if crate::app::cells::event_element(&ev, ".drop-zone").is_some() {
            prefetch_screens_once();
        }
        let Some(button) = crate::app::cells::event_element(&ev, "button") else { return };
        if let Some(key) = button.get_attribute("data-close-card").and_then(|k| k.parse().ok()) {
            return remove(key);
        }
        match button.get_attribute("data-testid").as_deref() {
            Some("import-replace") => resolve(false),
            Some("import-keep-both") => resolve(true),
            _ => {}
        }
    };
    let hint = if in_editor {
        "或把文件拖到本页。导入的文件保存为新的草稿；要替换本报告中的一张表，请在该表的页面按 Ctrl+V 粘贴从 Word、WPS、Excel 或网页复制的整张表。"
    } else {
        "或把文件拖到这里（本页任意位置均可），或按 Ctrl+V 粘贴从 Word、WPS、Excel 或网页复制的整张表。可导入 Word（.docx、.doc）、Excel（.xlsx、.xls）、WPS、网页（.html）、PDF 中的自评表和本应用导出的 JSON 报告。"
    };
    let html = format!(
        "<label class=\"drop-zone\" data-testid=\"drop-zone\"><span class=\"drop-title\">导入报告文件</span><span class=\"drop-action\">选择文件…</span>\
         <span class=\"hint\">{hint}</span><input type=\"file\" accept=\".json,.docx,.xlsx,.xls,.et,.html,.htm,.txt,.doc,.wps,.pdf,application/json\" multiple \
         class=\"visually-hidden\" data-testid=\"import-input\"></label><ul class=\"import-messages\" data-testid=\"import-messages\" aria-live=\"polite\">{first_said}</ul>\
         <div class=\"import-pending\">{first_asked}</div><div class=\"import-previews\"></div>"
    );
    view! { <div class="import" node_ref=root inner_html=html on:change=on_change on:click=on_pending></div> }
}
