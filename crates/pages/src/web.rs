//! The pages module's small tools: properties and data attributes of elements, operations as
//! JSON, the browser's storage (the same keys and messages as the app's `app::storage`),
//! downloads, timers, and `ask` (the app's reader worker, passed in by `mount`).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use jixiao_model::final_accounts::json::{DRAFT_PREFIX as PREFIX, META_PREFIX};
/// Where an entry that does not load is moved (the app's `storage::QUARANTINE_PREFIX`).
const QUARANTINE_PREFIX: &str = "jixiao.quarantine.";

thread_local! {
    static ASK: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

pub fn set_ask(ask: js_sys::Function) {
    ASK.with(|a| *a.borrow_mut() = Some(ask));
}

/// Message when the app's reader worker gave no usable answer.
const FAILED: &str = "读取组件加载失败，请刷新页面后重试；如仍失败，请联系系统管理员。";

/// One request to the app's reader worker: its answer (text, or bytes for an export), or the
/// Chinese message of a failure.
pub async fn ask(what: &str, op: String, text: String) -> Result<JsValue, String> {
    let Some(f) = ASK.with(|a| a.borrow().clone()) else { return Err(FAILED.into()) };
    // `ask(what, op, text, resolve, reject)` answers through the two functions.
    let mut called = true;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let args = js_sys::Array::of5(&what.into(), &op.clone().into(), &text.clone().into(), &resolve, &reject);
        called = f.apply(&JsValue::NULL, &args).is_ok();
    });
    if !called {
        return Err(FAILED.into());
    }
    wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|e| e.as_string().unwrap_or_else(|| FAILED.into()))
}

/// [`ask`] for a text answer.
pub async fn ask_text(what: &str, op: String, text: String) -> Result<String, String> {
    ask(what, op, text).await?.as_string().ok_or_else(|| FAILED.into())
}

pub fn prop(target: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(target, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

pub fn text_prop(target: &JsValue, name: &str) -> String {
    prop(target, name).as_string().unwrap_or_default()
}

pub fn set_prop(target: &JsValue, name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &name.into(), value);
}

pub fn data(el: &web_sys::Element, name: &str) -> String {
    el.get_attribute(&format!("data-{name}")).unwrap_or_default()
}

pub fn num(el: &web_sys::Element, name: &str) -> usize {
    data(el, name).parse().unwrap_or(usize::MAX)
}

/// A JSON text of a string.
pub fn q(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// An operation as JSON: `{"op": name, key: value …}` with the values already JSON texts.
pub fn op(name: &str, fields: &[(&str, String)]) -> String {
    let mut out = format!("{{\"op\":\"{name}\"");
    for (k, v) in fields {
        out.push_str(&format!(",\"{k}\":{v}"));
    }
    out + "}"
}

pub fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// The element with `id` on the page.
pub fn by_id(id: &str) -> Option<web_sys::Element> {
    document()?.get_element_by_id(id)
}

/// The status line (保存, 导出, messages) of the editor or of the draft list.
pub fn status(text: &str) {
    if let Some(el) = by_id("fa-status") {
        el.set_text_content(Some(text));
    }
}

pub fn focus_selector(selector: &str) -> bool {
    let Some(el) = document().and_then(|d| d.query_selector(selector).ok().flatten()) else { return false };
    el.dyn_into::<web_sys::HtmlElement>().map(|h| h.focus().is_ok()).unwrap_or(false)
}

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub fn get_text(key: &str) -> Option<String> {
    store()?.get_item(key).ok()?
}

/// Stores `value` under `key`, or says in Chinese why it could not.
pub fn set_text(key: &str, value: &str) -> Result<(), String> {
    let full = || "浏览器存储空间已满或不可用，最近的修改未能保存（本页中的内容仍在）。请立即下载 JSON 备份；删除不用的草稿或历史版本后会自动继续保存。".to_string();
    store().ok_or_else(full)?.set_item(key, value).map_err(|_| full())
}

pub fn remove_text(key: &str) {
    if let Some(s) = store() {
        s.remove_item(key).ok();
    }
}

/// The stored keys that start with `prefix`.
pub fn keys_with(prefix: &str) -> Vec<String> {
    let Some(s) = store() else { return Vec::new() };
    (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

/// Moves the entry at `key` to the quarantine (首页's 无法读取的条目), untouched.
pub fn quarantine(key: &str) {
    let Some(text) = get_text(key) else { return };
    if set_text(&format!("{QUARANTINE_PREFIX}{key}"), &text).is_ok() {
        remove_text(key);
    }
}

/// Milliseconds since 1970.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// A fresh draft id (as the app's `storage::new_id`).
pub fn new_id() -> String {
    format!("d{}{}", now_ms(), (js_sys::Math::random() * 1000.0) as u64)
}

/// Stores a document's saved JSON under `id` with its name; the save time.
pub fn store_draft(id: &str, text: &str, name: &str) -> Result<u64, String> {
    let saved = now_ms();
    set_text(&format!("{PREFIX}{id}"), text)?;
    set_text(&format!("{META_PREFIX}{id}"), &jixiao_model::final_accounts::json::draft_meta(name, saved))?;
    Ok(saved)
}

fn date(ms: u64) -> js_sys::Date {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
}

/// "2026-11-21 14:03" in local time.
pub fn local_time(ms: u64) -> String {
    let d = date(ms);
    format!("{}-{:02}-{:02} {:02}:{:02}", d.get_full_year(), d.get_month() + 1, d.get_date(), d.get_hours(), d.get_minutes())
}

/// "14:03:22" of a time, for 已保存.
pub fn clock(ms: u64) -> String {
    let d = date(ms);
    format!("{:02}:{:02}:{:02}", d.get_hours(), d.get_minutes(), d.get_seconds())
}

/// Offers one Blob part (a string or a byte array) of type `mime` as a download.
pub fn download(file_name: &str, part: &JsValue, mime: &str) -> Result<(), String> {
    let failed = || "浏览器未能生成下载文件。".to_string();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(part), &options).map_err(|_| failed())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| failed())?;
    let link = document().and_then(|d| d.create_element("a").ok()).and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok()).ok_or_else(failed)?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    web_sys::Url::revoke_object_url(&url).ok();
    Ok(())
}

/// Runs `f` after `ms` milliseconds; the timer's handle for [`clear_timeout`].
pub fn set_timeout(f: impl FnOnce() + 'static, ms: i32) -> Option<i32> {
    let callback = Closure::once_into_js(f);
    web_sys::window()?.set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), ms).ok()
}

pub fn clear_timeout(handle: i32) {
    if let Some(w) = web_sys::window() {
        w.clear_timeout_with_handle(handle);
    }
}
