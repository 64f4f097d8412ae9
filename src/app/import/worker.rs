//! The page's side of the reader worker: Word, Excel, WPS and web-page files (and pasted
//! tables) are read by a second WebAssembly module in a web worker, started on the first import,
//! so the readers never weigh on the start-up download and a batch of files never freezes the
//! page.
//!
//! Guarantees: every request is answered, with the preview or a Chinese message (a worker that
//! fails to load or breaks answers all waiting requests with a message and is started afresh
//! next time); the file's bytes go to the worker as a transferred buffer, never copied through
//! the app's own memory. The worker also writes the Word and Excel exports ([`write`]).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::exchange::import::{from_wire, overrides_to_json, Preview};
use crate::model::exchange::recognize::ColumnOverride;

/// A request's resolve function, by request number.
type Waiting = BTreeMap<u32, js_sys::Function>;

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    static WAITING: RefCell<Waiting> = const { RefCell::new(BTreeMap::new()) };
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

/// Message when the worker itself cannot run (blocked, or its files missing on the server).
const WORKER_FAILED: &str = "读取组件加载失败，请刷新页面后重试；如仍失败，请联系系统管理员。";

/// Reads one file's bytes in the worker (the buffer is handed over, not copied), with some
/// columns assigned by hand (none on the first reading).
pub async fn read_file(name: &str, buffer: JsValue, overrides: &[ColumnOverride]) -> Result<Preview, String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &"file".into());
    set(&message, "name", &name.into());
    set(&message, "bytes", &buffer);
    set(&message, "overrides", &overrides_to_json(overrides).into());
    ask(message, Some(buffer)).await
}

/// Reads a table pasted from the clipboard (`text/html`, or `text/plain` when there is none).
pub async fn read_pasted(text: String, overrides: &[ColumnOverride]) -> Result<Preview, String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &"paste".into());
    set(&message, "text", &text.into());
    set(&message, "overrides", &overrides_to_json(overrides).into());
    ask(message, None).await
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &key.into(), value);
}

/// Writes a Word or Excel file in the worker (`what`: "docx" or "xlsx" of a report given as its
/// saved JSON, or "review-xlsx" of 审核's rows as JSON), under the page's installed rule packs.
/// The writers are in the worker so that they load when first used, not at start-up.
pub async fn write(what: &str, text: String, findings: bool, explanations: bool) -> Result<Vec<u8>, String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &"write".into());
    set(&message, "what", &what.into());
    set(&message, "text", &text.into());
    let packs = serde_json::to_string(&crate::model::rules_page::installed_texts()).unwrap_or_else(|_| "[]".into());
    set(&message, "packs", &packs.into());
    set(&message, "findings", &findings.into());
    set(&message, "explanations", &explanations.into());
    let answer = ask_raw(message, None).await?;
    if let Some(bytes) = answer.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    // A failure comes as the readers' JSON answer: its message.
    Err(match from_wire(&answer.as_string().unwrap_or_default()) {
        Err(message) => message,
        Ok(_) => crate::model::exchange::write::FAILED.to_string(),
    })
}

/// Has the worker write a file ([`write`]: `docx`, `xlsx` or `review-xlsx`, with the findings
/// and 计算说明 appended when `notes`) and offers it for download as `name`; `done` then gets
/// `Ok(())` or the Chinese message of what went wrong. Every 导出 Word / 导出 Excel button uses it.
pub fn export(what: &'static str, text: String, notes: bool, name: String, done: impl FnOnce(Result<(), String>) + 'static) {
    leptos::task::spawn_local(async move {
        let mime = if what == "docx" { crate::model::exchange::write::DOCX_MIME } else { crate::model::exchange::write::XLSX_MIME };
        let result = match write(what, text, notes, notes).await {
            Ok(bytes) => crate::app::storage::download_bytes(&name, &bytes, mime),
            Err(message) => Err(message),
        };
        done(result);
    });
}

async fn ask(message: js_sys::Object, transfer: Option<JsValue>) -> Result<Preview, String> {
    let answer = ask_raw(message, transfer).await?;
    from_wire(&answer.as_string().unwrap_or_default())
}

async fn ask_raw(message: js_sys::Object, transfer: Option<JsValue>) -> Result<JsValue, String> {
    let worker = worker()?;
    let id = NEXT.with(|n| {
        let id = n.get().wrapping_add(1);
        n.set(id);
        id
    });
    set(&message, "id", &id.into());
    let answer = js_sys::Promise::new(&mut |resolve, _reject| WAITING.with(|w| {
        w.borrow_mut().insert(id, resolve);
    }));
    let sent = match transfer {
        Some(buffer) => worker.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer)),
        None => worker.post_message(&message),
    };
    if sent.is_err() {
        WAITING.with(|w| w.borrow_mut().remove(&id));
        return Err(WORKER_FAILED.to_string());
    }
    Ok(wasm_bindgen_futures::JsFuture::from(answer).await.unwrap_or(JsValue::UNDEFINED))
}

/// The running worker, started on first use from the URL the loader publishes (hashed name).
fn worker() -> Result<web_sys::Worker, String> {
    if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
        return Ok(w);
    }
    let url = js_sys::Reflect::get(&js_sys::global(), &"jixiaoReader".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./reader-worker.js".to_string());
    let worker = web_sys::Worker::new(&url).map_err(|_| WORKER_FAILED.to_string())?;
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let data = event.data();
        let id = js_sys::Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()).map(|v| v as u32);
        let result = js_sys::Reflect::get(&data, &"result".into()).unwrap_or(JsValue::UNDEFINED);
        if js_sys::Reflect::get(&data, &"broken".into()).ok().and_then(|v| v.as_bool()) == Some(true) {
            // The module trapped: a fresh one serves the next file.
            stop();
        }
        if let Some(resolve) = id.and_then(|id| WAITING.with(|w| w.borrow_mut().remove(&id))) {
            let _ = resolve.call1(&JsValue::NULL, &result);
        }
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        stop();
        let failed = JsValue::from_str(&format!("{{\"ok\":false,\"error\":\"{WORKER_FAILED}\"}}"));
        for (_, resolve) in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
            let _ = resolve.call1(&JsValue::NULL, &failed);
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    // The worker lives as long as the page; its handlers with it.
    on_message.forget();
    on_error.forget();
    WORKER.with(|w| *w.borrow_mut() = Some(worker.clone()));
    Ok(worker)
}

fn stop() {
    if let Some(w) = WORKER.with(|w| w.borrow_mut().take()) {
        w.terminate();
    }
}
