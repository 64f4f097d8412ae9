//! The 部门决算 editor's page side (issue 24): a route `#/fa/<id>`, 首页's 新建部门决算 and
//! 部门决算草稿 list, and the editor shell. Everything the editor computes and shows comes from
//! the reader worker (`final_accounts::session` there, issue 25): the page sends an operation
//! with the document's saved JSON and puts the answered HTML into its container, so none of the
//! 决算 model code is in the start-up module. The page keeps only text: the saved JSON in
//! storage (`jixiao.fa.<id>`, its name and save time in `jixiao.fa-meta.<id>`) and an undo stack
//! of saved JSON texts.
//!
//! Guarantees: one delegated handler per event kind on the container (no component per cell);
//! operations go to the worker one at a time, each on the answer of the one before; a field's
//! typing is committed when it is left and after a pause in typing, and what is being typed when
//! an answer arrives is kept (focus, caret and text restored in the new view); every changed
//! answer is stored before it is shown; a draft that does not load is quarantined untouched.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::import::worker;
use crate::app::storage;

/// Storage key prefix of a 决算 draft (its saved JSON).
pub const PREFIX: &str = "jixiao.fa.";
/// Storage key prefix of a 决算 draft's name and save time (`{"name", "saved"}`).
pub const META_PREFIX: &str = "jixiao.fa-meta.";
/// Undo steps kept.
const UNDO_KEPT: usize = 100;

fn prop(target: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(target, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn text_prop(target: &JsValue, name: &str) -> String {
    prop(target, name).as_string().unwrap_or_default()
}

fn set_prop(target: &JsValue, name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &name.into(), value);
}

fn data(el: &web_sys::Element, name: &str) -> String {
    el.get_attribute(&format!("data-{name}")).unwrap_or_default()
}

fn num(el: &web_sys::Element, name: &str) -> usize {
    data(el, name).parse().unwrap_or(usize::MAX)
}

/// A JSON text of a string.
fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// An operation as JSON: `{"op": name, key: value …}` with the values already JSON texts.
fn op(name: &str, fields: &[(&str, String)]) -> String {
    let mut out = format!("{{\"op\":\"{name}\"");
    for (k, v) in fields {
        out.push_str(&format!(",\"{k}\":{v}"));
    }
    out + "}"
}

/// An operation on the figure cell `el` (its address) with `text`: "set" or "paste".
fn cell_op(name: &str, el: &web_sys::Element, text: &str) -> String {
    op(name, &[("table", num(el, "t").to_string()), ("row", num(el, "r").to_string()), ("col", num(el, "c").to_string()), ("text", q(text))])
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Stores a document's saved JSON under `id` with its name.
fn store(id: &str, text: &str, name: &str) -> Result<u64, String> {
    let saved = storage::now_ms();
    storage::set_text(&format!("{PREFIX}{id}"), text)?;
    storage::set_text(&format!("{META_PREFIX}{id}"), &format!("{{\"name\":{},\"saved\":{saved}}}", q(name)))?;
    Ok(saved)
}

/// Stores an imported 部门决算 (its saved JSON) as a new draft; opens it when `open`. The line
/// for 首页's import messages: (ok, text).
pub fn import(file: &str, text: &str, open: bool) -> (bool, String) {
    let id = storage::new_id();
    match store(&id, text, file.trim_end_matches(".json")) {
        Ok(_) => {
            refresh_list();
            if open {
                self::open(&id);
            }
            (true, format!("已导入“{file}”，保存为部门决算草稿。"))
        }
        Err(e) => (false, e),
    }
}

/// The 决算 drafts: (id, name, saved ms), newest first.
fn drafts() -> Vec<(String, String, u64)> {
    let mut out: Vec<(String, String, u64)> = Vec::new();
    for k in storage::keys_with(PREFIX) {
        let id = k[PREFIX.len()..].to_string();
        let meta: serde_json::Value = storage::get_text(&format!("{META_PREFIX}{id}")).and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
        let name = meta["name"].as_str().filter(|n| !n.trim().is_empty()).unwrap_or("部门决算").to_string();
        let saved = meta["saved"].as_u64().unwrap_or(0);
        // Newest first (an insertion: a sort would add its code to the start-up module).
        let at = out.iter().position(|d| d.2 < saved).unwrap_or(out.len());
        out.insert(at, (id, name, saved));
    }
    out
}

fn drafts_html() -> String {
    let list = drafts();
    if list.is_empty() {
        return "<p class=\"hint\">还没有部门决算草稿。</p>".into();
    }
    let esc = crate::model::print::escape;
    let mut html = String::from("<ul class=\"draft-list\" data-testid=\"fa-drafts\">");
    for (id, name, saved) in list {
        html.push_str(&format!(
            "<li><a class=\"button\" href=\"#/fa/{id}\" data-testid=\"fa-open\">{}</a> <span class=\"hint\">最后保存于 {}</span> <button type=\"button\" class=\"button small\" data-action=\"fa-delete\" data-id=\"{id}\" data-name=\"{}\">删除</button></li>",
            esc(&name),
            storage::local_time(saved),
            esc(&name)
        ));
    }
    html + "</ul>"
}

/// 首页's part: 新建部门决算 (年度, 部门, 单位) and the 部门决算草稿 list, as HTML with the
/// page's delegated handlers (`listen`).
#[component]
pub fn HomeSection() -> impl IntoView {
    listen();
    let year = js_sys::Date::new_0().get_full_year().saturating_sub(1);
    let html = format!(
        "<h2>部门决算</h2><p class=\"hint\">按全国部门决算公开格式填写九张决算表，自动核对表内表间关系，生成情况说明和图表，并检查单位撰写的说明。导入部门决算软件导出的 Excel、决算公开的 Word 或 JSON 文件，也会在这里打开。</p>\
<p class=\"fa-new\"><label>年度 <input id=\"fa-new-year\" data-testid=\"fa-new-year\" size=\"6\" value=\"{year}\"></label> <label>部门 <input id=\"fa-new-department\" data-testid=\"fa-new-department\"></label> <label>单位 <input id=\"fa-new-unit\" data-testid=\"fa-new-unit\"></label> \
<button type=\"button\" class=\"button primary\" data-action=\"fa-new\" data-testid=\"fa-new\">新建部门决算</button> <span class=\"hint\" role=\"status\" id=\"fa-status\"></span></p><div id=\"fa-drafts-box\">{}</div>",
        drafts_html()
    );
    view! { <section class="fa-home" data-testid="fa-home" inner_html=html></section> }
}

/// 新建部门决算: a new document from the worker, stored, then opened.
fn create() {
    let value = |id: &str| document().and_then(|d| d.get_element_by_id(id)).map(|e| text_prop(&e.into(), "value")).unwrap_or_default();
    let (year, department, unit) = (value("fa-new-year"), value("fa-new-department"), value("fa-new-unit"));
    if department.trim().is_empty() && unit.trim().is_empty() {
        return status("请填写部门或单位名称。".into());
    }
    status("加载中…".into());
    let op = op("new", &[("year", q(&year)), ("department", q(&department)), ("unit", q(&unit))]);
    leptos::task::spawn_local(async move {
        let answer = worker::final_accounts("op", op, String::new(), String::new()).await.and_then(|a| {
            let v: serde_json::Value = serde_json::from_str(&a).map_err(|_| "读取结果无法解析，请重试。".to_string())?;
            match (v["json"].as_str(), v["title"].as_str()) {
                (Some(json), Some(title)) => Ok((json.to_string(), title.to_string())),
                _ => Err(v["error"].as_str().unwrap_or("新建失败，请重试。").to_string()),
            }
        });
        let id = storage::new_id();
        match answer.and_then(|(json, title)| store(&id, &json, &title)) {
            Ok(_) => open(&id),
            Err(e) => status(e),
        }
    });
}

fn open(id: &str) {
    let _ = web_sys::window().map(|w| w.location().set_hash(&format!("#/fa/{id}")));
}

fn delete(button: &web_sys::Element) {
    let id = data(button, "id");
    let ask = format!("删除部门决算草稿“{}”？删除后无法恢复，可先打开它并导出 JSON 备份。", data(button, "name"));
    if web_sys::window().and_then(|w| w.confirm_with_message(&ask).ok()) == Some(true) {
        storage::remove_text(&format!("{PREFIX}{id}"));
        storage::remove_text(&format!("{META_PREFIX}{id}"));
        refresh_list();
    }
}

/// 首页's 部门决算草稿 list, drawn again from storage.
fn refresh_list() {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("fa-drafts-box")) {
        el.set_inner_html(&drafts_html());
    }
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
    timer: Option<TimeoutHandle>,
    /// No answer shown yet (加载中…).
    first: bool,
    /// The saved JSON of the 自评 draft of the same unit and year, checked against the 决算
    /// ("" when there is none).
    report: String,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

fn with<T>(f: impl FnOnce(&mut Session) -> T) -> Option<T> {
    SESSION.with(|s| s.borrow_mut().as_mut().map(f))
}

/// The status line (保存, 导出, messages) of the editor or of 首页's part.
fn status(text: String) {
    if let Some(el) = document().and_then(|d| d.get_element_by_id("fa-status")) {
        el.set_text_content(Some(&text));
    }
}

/// The first answer is shown: 加载中… goes.
fn loaded() {
    with(|s| s.first = false);
    if let Some(el) = document().and_then(|d| d.get_element_by_id("fa-loading")) {
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
        Some((op, s.undo.get(s.at).cloned().unwrap_or_default(), s.id.clone(), s.report.clone()))
    })
    .flatten();
    let Some((op, text, id, report)) = next else { return };
    leptos::task::spawn_local(async move {
        let answer = worker::final_accounts("op", op, text, report).await;
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
        Ok(Err(_)) => return status("读取结果无法解析，请重试。".into()),
        Err(e) => return status(e),
    };
    let first = with(|s| s.first).unwrap_or(false);
    let (Some(json), Some(html)) = (v["json"].as_str(), v["html"].as_str()) else {
        let error = v["error"].as_str().unwrap_or("部门决算无法打开。").to_string();
        if first && error.starts_with("该部门决算草稿无法打开") {
            // Not loadable: moved aside untouched (首页 lists it under 无法读取的条目).
            storage::quarantine(&format!("{PREFIX}{id}"));
            show(&format!("<p class=\"error\" role=\"alert\" data-testid=\"fa-error\">{}。该草稿已移到首页“无法读取的条目”，原文未改动。</p>", crate::model::print::escape(error.trim_end_matches('。'))));
            return loaded();
        }
        return status(error);
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
        let _ = storage::set_text(&format!("{META_PREFIX}{id}"), &format!("{{\"name\":{},\"saved\":{}}}", q(v["title"].as_str().unwrap_or("")), storage::now_ms()));
        // A 自评 draft of the same unit and year: its 全年执行数 is checked against the 决算.
        let text = |k: &str| v[k].as_str().unwrap_or("").trim().to_string();
        let (year, who) = (text("year"), [text("department"), text("unit")]);
        let same = storage::list().into_iter().find(|d| d.report.year.to_string() == year && who.iter().any(|w| !w.is_empty() && *w == d.report.department.trim()));
        if let Some(report) = same.and_then(|d| storage::get_text(&format!("{}{}", storage::DRAFT_PREFIX, d.id))) {
            with(|s| s.report = report);
            send("{\"op\":\"open\"}".into());
        }
    }
    show(html);
    loaded();
}

fn save(id: &str, json: &str, title: &str) {
    match store(id, json, title) {
        Ok(ms) => status(format!("已保存 {}", storage::clock(ms))),
        Err(e) => status(e),
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
        None => status(if back { "没有可撤销的修改。" } else { "没有可重做的修改。" }.into()),
    }
}

/// Enter / arrows: the cell at (y + dy, x + dx) of the same table.
fn move_from(el: &web_sys::Element, dy: isize, dx: isize) -> bool {
    let (y, x) = (num(el, "y") as isize + dy, num(el, "x") as isize + dx);
    if y < 0 || x < 0 {
        return false;
    }
    let scope = if el.has_attribute("data-t") { format!("[data-t=\"{}\"]", data(el, "t")) } else { "[data-fa=\"last\"]".into() };
    crate::app::cells::focus_selector(&format!("input{scope}[data-y=\"{y}\"][data-x=\"{x}\"]"))
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
            crate::app::cells::focus_selector(&format!("#fa-c-{}-{}-{}", data(&el, "t"), data(&el, "r"), data(&el, "c")));
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
            crate::app::cells::focus_selector("#fa-statement");
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
    let timer = set_timeout_with_handle(move || commit(&el), Duration::from_millis(800)).ok();
    if let Some(Some(old)) = with(|s| std::mem::replace(&mut s.timer, timer)) {
        old.clear();
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

/// The 部门决算 editor of draft `id`.
#[component]
pub fn FaEditor(id: String) -> impl IntoView {
    listen();
    let mine = id.clone();
    let html = match storage::get_text(&format!("{PREFIX}{id}")) {
        Some(text) => {
            SESSION.with(|s| *s.borrow_mut() = Some(Session { id, undo: vec![text], at: 0, busy: false, queue: VecDeque::new(), timer: None, first: true, report: String::new() }));
            send("{\"op\":\"open\"}".into());
            SHELL.to_string()
        }
        None => {
            SESSION.with(|s| *s.borrow_mut() = None);
            "<p class=\"error\" role=\"alert\" data-testid=\"fa-error\">找不到该部门决算草稿（可能已在其他标签页中删除）。</p>".to_string()
        }
    };
    // Only this editor's session: another draft's editor may already have started its own.
    on_cleanup(move || SESSION.with(|s| {
        let ours = s.borrow().as_ref().is_some_and(|x| x.id == mine);
        if ours {
            *s.borrow_mut() = None;
        }
    }));
    view! { <section class="fa-editor" data-testid="fa-editor" inner_html=html></section> }
}

fn export(what: &'static str, ext: &str) {
    status("正在生成文件…".into());
    worker::export(what, current(), Default::default(), file_name(ext), |r| status(r.err().unwrap_or_else(|| "已下载。".into())));
}

fn print() {
    status("正在准备打印…".into());
    leptos::task::spawn_local(async move {
        match worker::final_accounts("print", String::new(), current(), String::new()).await {
            Ok(html) => {
                if let Some(el) = document().and_then(|d| d.get_element_by_id("fa-print")) {
                    el.set_inner_html(&html);
                }
                status(String::new());
                let _ = web_sys::window().map(|w| w.print());
            }
            Err(e) => status(e),
        }
    });
}

/// One handler for the page's events, installed once: it serves the editor (`.fa-editor`) and
/// 首页's part (`.fa-home`) and leaves every other event alone.
fn listen() {
    thread_local! {
        static ON: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if ON.with(|on| on.replace(true)) {
        return;
    }
    let Some(doc) = document() else { return };
    let handler = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        let Some(el) = target(&ev) else { return };
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
                    "fa-new" => create(),
                    "fa-delete" => delete(&button),
                    "undo" => step(true),
                    "redo" => step(false),
                    "fa-docx" => export("fa-docx", "docx"),
                    "fa-xlsx" => export("fa-xlsx", "xlsx"),
                    "json" => status(storage::download(&file_name("json"), &current(), "application/json").err().unwrap_or_else(|| "已下载。".into())),
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
