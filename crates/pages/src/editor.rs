//! The 部门决算 editor (`#/fa/<id>`). Everything the editor computes and shows comes from the
//! reader worker (`final_accounts::session` there, asked through the app): the page sends an
//! operation with the document's saved JSON and puts the answered HTML into its container. The
//! page keeps only text: the saved JSON in storage (`jixiao.fa.<id>`, its name and save time in
//! `jixiao.fa-meta.<id>`) and an undo stack of saved JSON texts.
//!
//! Guarantees: one delegated handler per event kind on the document (no listener per cell);
//! operations go to the worker one at a time, each on the answer of the one before; a field's
//! typing is committed when it is left and after a pause in typing, and what is being typed when
//! an answer arrives is kept (focus, caret and text restored in the new view); every changed
//! answer is stored before it is shown; a draft that does not load is quarantined untouched; an
//! editor whose container left the page (another route) sends and stores nothing more.

use std::cell::RefCell;
use std::collections::VecDeque;

use jixiao_model::exchange::export::{DOCX_MIME, XLSX_MIME};
use jixiao_model::print::escape;
use wasm_bindgen::{JsCast, JsValue};

use crate::web::{self, data, document, num, op, prop, q, set_prop, status, text_prop, META_PREFIX, PREFIX};

/// Undo steps kept.
const UNDO_KEPT: usize = 100;

/// An operation on the figure cell `el` (its address) with `text`: "set" or "paste".
fn cell_op(name: &str, el: &web_sys::Element, text: &str) -> String {
    op(name, &[("table", num(el, "t").to_string()), ("row", num(el, "r").to_string()), ("col", num(el, "c").to_string()), ("text", q(text))])
}

/// The open editor's state (one editor at a time).
struct Session {
    id: String,
    /// Saved JSON texts; `at` is the one shown.
    undo: Vec<String>,
    at: usize,
    busy: bool,
    queue: VecDeque<String>,
    /// Typing commits after a pause.
    timer: Option<i32>,
    /// The element the editor is drawn in: once it has left the page the session is over.
    container: web_sys::Element,
    /// No answer shown yet (加载中…).
    first: bool,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// `f` on the open editor's session, if its container is still on the page (else it ends).
fn with<T>(f: impl FnOnce(&mut Session) -> T) -> Option<T> {
    SESSION.with(|s| {
        let mut s = s.borrow_mut();
        if s.as_ref().is_some_and(|x| !x.container.is_connected()) {
            *s = None;
        }
        s.as_mut().map(f)
    })
}

/// The first answer is shown: 加载中… goes.
fn loaded() {
    with(|s| s.first = false);
    if let Some(el) = web::by_id("fa-loading") {
        el.remove();
    }
}

/// Sends an operation (JSON) after those queued.
fn send(op: String) {
    with(|s| s.queue.push_back(op));
    pump();
}

fn pump() {
    let next = with(|s| {
        if s.busy {
            return None;
        }
        let op = s.queue.pop_front()?;
        s.busy = true;
        Some((op, s.undo.get(s.at).cloned().unwrap_or_default(), s.id.clone()))
    })
    .flatten();
    let Some((op, text, id)) = next else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let answer = web::ask_text("op", op, text).await;
        // The editor may have been left meanwhile.
        if with(|s| s.id == id) != Some(true) {
            return;
        }
        take(&id, answer);
        with(|s| s.busy = false);
        pump();
    });
}

/// Takes an answer: stores a changed document, shows the view, restores the field in use.
fn take(id: &str, answer: Result<String, String>) {
    let v: serde_json::Value = match answer.map(|a| serde_json::from_str(&a)) {
        Ok(Ok(v)) => v,
        Ok(Err(_)) => return status("读取结果无法解析，请重试。"),
        Err(e) => return status(&e),
    };
    let first = with(|s| s.first).unwrap_or(false);
    let (Some(json), Some(html)) = (v["json"].as_str(), v["html"].as_str()) else {
        let error = v["error"].as_str().unwrap_or("部门决算无法打开。").to_string();
        if first && error.starts_with("该部门决算草稿无法打开") {
            // Not loadable: moved aside untouched (首页 lists it under 无法读取的条目).
            web::quarantine(&format!("{PREFIX}{id}"));
            show(&format!("<p class=\"error\" role=\"alert\" data-testid=\"fa-error\">{}。该草稿已移到首页“无法读取的条目”，原文未改动。</p>", escape(error.trim_end_matches('。'))));
            return loaded();
        }
        return status(&error);
    };
    if v["changed"].as_bool() == Some(true) {
        with(|s| {
            s.undo.truncate(s.at + 1);
            s.undo.push(json.to_string());
            if s.undo.len() > UNDO_KEPT {
                s.undo.remove(0);
            }
            s.at = s.undo.len() - 1;
        });
        save(id, json, v["title"].as_str().unwrap_or(""));
    } else if first {
        // The stored name follows the document's title once it is read.
        let _ = web::set_text(&format!("{META_PREFIX}{id}"), &jixiao_model::final_accounts::json::draft_meta(v["title"].as_str().unwrap_or(""), web::now_ms()));
    }
    show(html);
    loaded();
}

fn save(id: &str, json: &str, title: &str) {
    match web::store_draft(id, json, title) {
        Ok(ms) => status(&format!("已保存 {}", web::clock(ms))),
        Err(e) => status(&e),
    }
}

/// Puts the view into the container, keeping the field in use: its focus, caret and any text
/// typed since its last commit.
fn show(html: &str) {
    let Some(doc) = document() else { return };
    let Some(container) = doc.get_element_by_id("fa-doc") else { return };
    let active = doc.active_element().filter(|a| container.contains(Some(a)));
    let kept = active.as_ref().map(|a| {
        let v: JsValue = a.clone().into();
        let typed = text_prop(&v, "value");
        let dirty = typed != text_prop(&v, "defaultValue");
        (a.id(), dirty.then_some(typed), prop(&v, "selectionStart"), prop(&v, "selectionEnd"))
    });
    let scroll = web_sys::window().and_then(|w| w.scroll_y().ok());
    container.set_inner_html(html);
    if let Some((id, typed, start, end)) = kept.filter(|k| !k.0.is_empty()) {
        if let Some(el) = doc.get_element_by_id(&id) {
            let v: JsValue = el.clone().into();
            if let Ok(h) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
            if let Some(t) = typed {
                set_prop(&v, "value", &t.into());
            }
            if let Ok(f) = prop(&v, "setSelectionRange").dyn_into::<js_sys::Function>() {
                let _ = f.call2(&v, &start, &end);
            }
        }
    }
    if let (Some(w), Some(y)) = (web_sys::window(), scroll) {
        w.scroll_to_with_x_and_y(0.0, y);
    }
}

/// The operation that commits a field's text, when it differs from what the view showed.
fn commit_op(el: &web_sys::Element) -> Option<String> {
    let v: JsValue = el.clone().into();
    let text = text_prop(&v, "value");
    if text == text_prop(&v, "defaultValue") {
        return None;
    }
    let op = match data(el, "fa").as_str() {
        _ if el.has_attribute("data-t") && el.has_attribute("data-c") => cell_op("set", el, &text),
        "meta" => op("meta", &[("field", q(&data(el, "field"))), ("text", q(&text))]),
        "last" => op("last_year", &[("key", q(&data(el, "key"))), ("text", q(&text))]),
        kind @ ("statement" | "glossary") => op(kind, &[("text", q(&text))]),
        _ => return None,
    };
    // What is sent is now the field's committed text: a second commit before the answer is none.
    set_prop(&v, "defaultValue", &text.into());
    Some(op)
}

fn commit(el: &web_sys::Element) {
    if let Some(op) = commit_op(el) {
        send(op);
    }
}

fn target(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// Undo (`back`) or redo: the stored text goes back at once, the view follows.
fn step(back: bool) {
    let moved = with(|s| {
        let to = if back { s.at.checked_sub(1)? } else { Some(s.at + 1).filter(|n| *n < s.undo.len())? };
        s.at = to;
        Some((s.id.clone(), s.undo[to].clone()))
    })
    .flatten();
    match moved {
        Some((id, text)) => {
            save(&id, &text, "");
            send("{\"op\":\"open\"}".into());
        }
        None => status(if back { "没有可撤销的修改。" } else { "没有可重做的修改。" }),
    }
}

/// Enter / arrows: the cell at (y + dy, x + dx) of the same table.
fn move_from(el: &web_sys::Element, dy: isize, dx: isize) -> bool {
    let (y, x) = (num(el, "y") as isize + dy, num(el, "x") as isize + dx);
    if y < 0 || x < 0 {
        return false;
    }
    let scope = if el.has_attribute("data-t") { format!("[data-t=\"{}\"]", data(el, "t")) } else { "[data-fa=\"last\"]".into() };
    web::focus_selector(&format!("input{scope}[data-y=\"{y}\"][data-x=\"{x}\"]"))
}

fn on_keydown(ev: &web_sys::KeyboardEvent, el: &web_sys::Element) {
    let el = el.clone();
    let v: JsValue = el.clone().into();
    let dirty = text_prop(&v, "value") != text_prop(&v, "defaultValue");
    let key = ev.key();
    if ev.ctrl_key() || ev.meta_key() {
        // A field being typed in undoes its own typing (the browser's); otherwise the document.
        let undo = key.eq_ignore_ascii_case("z") && !ev.shift_key();
        let redo = key.eq_ignore_ascii_case("y") || (key.eq_ignore_ascii_case("z") && ev.shift_key());
        if (undo || redo) && !dirty {
            ev.prevent_default();
            step(undo);
        }
        return;
    }
    if !el.has_attribute("data-y") {
        return;
    }
    let caret = prop(&v, "selectionStart").as_f64();
    let len = text_prop(&v, "value").chars().count() as f64;
    let moved = match key.as_str() {
        "Enter" if !ev.alt_key() => {
            move_from(&el, if ev.shift_key() { -1 } else { 1 }, 0);
            true
        }
        "ArrowDown" => move_from(&el, 1, 0),
        "ArrowUp" => move_from(&el, -1, 0),
        "ArrowRight" if caret == Some(len) => move_from(&el, 0, 1),
        "ArrowLeft" if caret == Some(0.0) => move_from(&el, 0, -1),
        "Escape" => {
            // Takes back the typing in this cell: the figure in force returns.
            set_prop(&v, "value", &prop(&v, "defaultValue"));
            true
        }
        _ => false,
    };
    if moved {
        ev.prevent_default();
    }
}

fn on_click(el: &web_sys::Element) {
    let Some(el) = el.closest("[data-action],[data-goto]").ok().flatten() else { return };
    let Some(doc) = document() else { return };
    let value = |id: String| doc.get_element_by_id(&id).map(|e| text_prop(&e.into(), "value")).unwrap_or_default();
    let op = match (data(&el, "action").as_str(), data(&el, "goto").as_str()) {
        ("add-row", _) => {
            let t = data(&el, "t");
            op("add_row", &[("table", num(&el, "t").to_string()), ("code", q(&value(format!("fa-add-code-{t}")))), ("name", q(&value(format!("fa-add-name-{t}"))))])
        }
        ("remove-row", _) => op("remove_row", &[("table", num(&el, "t").to_string()), ("row", num(&el, "r").to_string())]),
        (_, "cell") => {
            web::focus_selector(&format!("#fa-c-{}-{}-{}", data(&el, "t"), data(&el, "r"), data(&el, "c")));
            return;
        }
        (_, "sentence") => {
            if let Ok(Some(old)) = doc.query_selector(".fa-sentences .highlight") {
                old.set_class_name(&old.class_name().replace(" highlight", "").replace("highlight", ""));
            }
            if let Some(s) = doc.get_element_by_id(&format!("fa-s-{}", data(&el, "s"))) {
                s.set_class_name(format!("{} highlight", s.class_name()).trim());
                s.scroll_into_view();
                if let Ok(h) = s.dyn_into::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
            return;
        }
        (_, "table") => {
            if let Some(t) = doc.get_element_by_id(&format!("fa-t-{}", data(&el, "t"))) {
                t.scroll_into_view();
            }
            return;
        }
        (_, "statement") => {
            web::focus_selector("#fa-statement");
            return;
        }
        _ => return,
    };
    send(op);
}

/// A block from Excel (a tab or a line break in the text) pasted into a figure cell.
fn on_paste(ev: &web_sys::ClipboardEvent, el: &web_sys::Element) {
    if !(el.has_attribute("data-t") && el.has_attribute("data-c")) {
        return;
    }
    let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()) else { return };
    if !text.contains('\t') && !text.trim_end().contains('\n') {
        return;
    }
    ev.prevent_default();
    send(cell_op("paste", el, &text));
}

/// A pause in typing commits the field.
fn on_input(el: web_sys::Element) {
    if el.get_attribute("data-fa").is_some_and(|f| f.starts_with("add-")) {
        return;
    }
    let timer = web::set_timeout(move || commit(&el), 800);
    if let Some(Some(old)) = with(|s| std::mem::replace(&mut s.timer, timer)) {
        web::clear_timeout(old);
    }
}

/// The file name of an export: the document's title.
fn file_name(ext: &str) -> String {
    let title = document().and_then(|d| d.query_selector("[data-testid=\"fa-title\"]").ok().flatten()).and_then(|e| e.text_content()).unwrap_or_default();
    let title: String = title.chars().filter(|c| !"\\/:*?\"<>|".contains(*c)).collect();
    format!("{}.{ext}", if title.trim().is_empty() { "部门决算" } else { title.trim() })
}

fn current() -> String {
    with(|s| s.undo.get(s.at).cloned().unwrap_or_default()).unwrap_or_default()
}

/// The editor's frame: toolbar, status line, loading line, the view's container and the print
/// copy. Its buttons and fields are served by `listen`'s delegated handlers.
const SHELL: &str = "<div class=\"fa-bar no-print\" role=\"toolbar\" aria-label=\"部门决算\">\
<button type=\"button\" class=\"button\" data-action=\"undo\" data-testid=\"fa-undo\">撤销</button>\
<button type=\"button\" class=\"button\" data-action=\"redo\" data-testid=\"fa-redo\">重做</button>\
<button type=\"button\" class=\"button\" data-action=\"fa-docx\" data-testid=\"export-docx\">导出 Word</button>\
<button type=\"button\" class=\"button\" data-action=\"fa-xlsx\" data-testid=\"export-xlsx\">导出 Excel</button>\
<button type=\"button\" class=\"button\" data-action=\"json\" data-testid=\"export-json\">导出 JSON</button>\
<button type=\"button\" class=\"button\" data-action=\"print\" data-testid=\"fa-print\">打印</button>\
<span class=\"hint\" role=\"status\" id=\"fa-status\" data-testid=\"fa-save-status\"></span></div>\
<p class=\"hint\" role=\"status\" id=\"fa-loading\" data-testid=\"loading\">加载中…</p>\
<div id=\"fa-doc\" class=\"fa-doc no-print\" data-testid=\"fa-doc\"></div><div class=\"fa-print\" id=\"fa-print\"></div>";

/// Draws the editor of draft `id` into `container` and opens the document.
pub fn mount(container: web_sys::Element, id: String) {
    match web::get_text(&format!("{PREFIX}{id}")) {
        Some(text) => {
            container.set_inner_html(SHELL);
            SESSION.with(|s| *s.borrow_mut() = Some(Session { id, undo: vec![text], at: 0, busy: false, queue: VecDeque::new(), timer: None, first: true, container }));
            send("{\"op\":\"open\"}".into());
        }
        None => {
            SESSION.with(|s| *s.borrow_mut() = None);
            container.set_inner_html("<p class=\"error\" role=\"alert\" data-testid=\"fa-error\">找不到该部门决算草稿（可能已在其他标签页中删除）。</p>");
        }
    }
}

/// 导出 Word / Excel: the file written by the worker, offered as a download.
fn export(what: &'static str, ext: &str, mime: &'static str) {
    status("正在生成文件…");
    let (text, name) = (current(), file_name(ext));
    wasm_bindgen_futures::spawn_local(async move {
        let done = web::ask(what, String::new(), text).await.and_then(|bytes| web::download(&name, &bytes, mime));
        status(&done.err().unwrap_or_else(|| "已下载。".into()));
    });
}

fn print() {
    status("正在准备打印…");
    wasm_bindgen_futures::spawn_local(async move {
        match web::ask_text("print", String::new(), current()).await {
            Ok(html) => {
                if let Some(el) = web::by_id("fa-print") {
                    el.set_inner_html(&html);
                }
                status("");
                let _ = web_sys::window().map(|w| w.print());
            }
            Err(e) => status(&e),
        }
    });
}

/// One handler for the page's events, installed once: it serves the editor and the draft list
/// (`home`) inside the app's `.fa-editor` section and leaves every other event alone.
pub fn listen() {
    thread_local! {
        static ON: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if ON.with(|on| on.replace(true)) {
        return;
    }
    let Some(doc) = document() else { return };
    let handler = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        // Only events inside the app's 部门决算 section (the container `mount` was given).
        let Some(el) = target(&ev).filter(|el| el.closest(".fa-editor").ok().flatten().is_some()) else { return };
        let in_doc = el.closest("#fa-doc").ok().flatten().is_some();
        match ev.type_().as_str() {
            "click" => {
                let Some(button) = el.closest("[data-action]").ok().flatten() else {
                    if in_doc {
                        on_click(&el);
                    }
                    return;
                };
                match data(&button, "action").as_str() {
                    "fa-new" => crate::home::create(),
                    "fa-delete" => crate::home::delete(&button),
                    "undo" => step(true),
                    "redo" => step(false),
                    "fa-docx" => export("fa-docx", "docx", DOCX_MIME),
                    "fa-xlsx" => export("fa-xlsx", "xlsx", XLSX_MIME),
                    "json" => status(&web::download(&file_name("json"), &JsValue::from(current()), "application/json").err().unwrap_or_else(|| "已下载。".into())),
                    "print" => print(),
                    _ if in_doc => on_click(&el),
                    _ => {}
                }
            }
            _ if !in_doc => {}
            "focusout" => commit(&el),
            "input" => on_input(el),
            "keydown" => {
                if let Some(k) = ev.dyn_ref::<web_sys::KeyboardEvent>() {
                    on_keydown(k, &el);
                }
            }
            "paste" => {
                if let Some(p) = ev.dyn_ref::<web_sys::ClipboardEvent>() {
                    on_paste(p, &el);
                }
            }
            _ => {}
        }
    });
    for kind in ["click", "focusout", "input", "keydown", "paste"] {
        let _ = doc.add_event_listener_with_callback(kind, handler.as_ref().unchecked_ref());
    }
    // Lives as long as the page. `Fn`, not `FnMut`: focusing a cell from a key runs the
    // focusout of the cell left inside this same handler.
    handler.forget();
}
