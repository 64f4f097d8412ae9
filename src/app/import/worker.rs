//! The page's side of the reader worker: Word, Excel, WPS and web-page files (and pasted
//! tables) are read by a second WebAssembly module in a web worker, started on the first import,
//! so the readers never weigh on the start-up download and a batch of files never freezes the
//! page.
//!
//! Guarantees: every request is answered, with the preview or a Chinese message (a worker that
//! fails to load or breaks answers its request with a message and is started afresh for the
//! next); the file's bytes go to the worker as a transferred buffer, never copied through the
//! app's own memory. Requests go to the worker one at a time, in order; a file still being read
//! when its time allowance ([`read_allowance_ms`]) runs out is answered as too complex, the
//! worker is terminated (its memory freed) and a fresh one takes the next request, so a batch
//! on 审核 goes on. The worker also writes the Word and Excel exports ([`write`]) and builds
//! the HTML of the screens used on few visits ([`print_html`], [`rules_html`], shown with
//! [`Pending`]).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::time::Duration;

use leptos::prelude::*;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::exchange::import::{from_wire, overrides_to_json, Preview};
use crate::model::exchange::found::ColumnOverride;
use crate::model::print::PrintOptions;

/// The requests waiting for an answer: number and resolve function (a few at a time; a list,
/// not a map, whose code for this one type was 2 KB of the start-up).
type Waiting = Vec<(u32, js_sys::Function)>;

/// A request not yet sent: its number, message, buffer to hand over, and whether it is a read
/// (which has a time allowance).
struct Job {
    id: u32,
    message: js_sys::Object,
    transfer: Option<JsValue>,
    read: bool,
}

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
    static WAITING: RefCell<Waiting> = const { RefCell::new(Vec::new()) };
    static NEXT: Cell<u32> = const { Cell::new(0) };
    static QUEUE: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
    /// The request the worker has now, and its watchdog once the worker has started reading.
    static BUSY: RefCell<Option<(u32, bool, Option<TimeoutHandle>)>> = const { RefCell::new(None) };
    /// Whether this module owns the page's one worker (the start-up module does; the screens
    /// module sends its requests through the owner's `jixiaoWorkerAsk`).
    static OWNER: Cell<bool> = const { Cell::new(false) };
}

/// Makes this module the owner of the page's one reader worker and publishes
/// `jixiaoWorkerAsk(message, transfer, read, resolve)` for the other modules of the page (the
/// screens module), so their requests join this module's queue, watchdog and worker instead of
/// starting a second worker.
pub fn serve_other_modules() {
    OWNER.with(|o| o.set(true));
    let serve = Closure::<dyn Fn(js_sys::Object, JsValue, bool, js_sys::Function)>::new(|message, transfer: JsValue, read, resolve: js_sys::Function| {
        wasm_bindgen_futures::spawn_local(async move {
            let transfer = (!transfer.is_undefined() && !transfer.is_null()).then_some(transfer);
            let answer = ask_raw(message, transfer, read).await.unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &answer);
        });
    });
    set(&js_sys::global().unchecked_into(), "jixiaoWorkerAsk", &serve.into_js_value());
}

/// Starts the page's reader worker ahead of its first request (an import is likely: the file
/// dialog opened, a file dragged over the page), so its module downloads and compiles while the
/// user picks the file. Nothing when it runs already or this module does not own it.
pub fn warm_up() {
    if OWNER.with(Cell::get) {
        let _ = worker();
    }
}

/// Milliseconds a file may take in the worker, counted from when the worker starts reading it
/// (not while its module loads): 20 s, or `window.jixiaoReadAllowanceMs` when a page (an
/// administrator's bookmarklet, the end-to-end tests) sets it.
pub fn read_allowance_ms() -> u64 {
    js_sys::Reflect::get(&js_sys::global(), &"jixiaoReadAllowanceMs".into())
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|v| *v >= 1.0)
        .map_or(20_000, |v| v as u64)
}

/// The answer of a file past its allowance.
fn too_complex() -> String {
    format!(
        "{{\"ok\":false,\"error\":\"文件过于复杂，读取超过 {} 秒仍未完成，已停止读取；请用 Word、Excel 或 WPS 打开后另存为 .docx 或 .xlsx 再导入，或删去无关内容后重试。\"}}",
        read_allowance_ms().div_ceil(1000)
    )
}

/// Message when the worker itself cannot run (blocked, or its files missing on the server).
const WORKER_FAILED: &str = "读取组件加载失败，请刷新页面后重试；如仍失败，请联系系统管理员。";

/// Reads one file's bytes in the worker (the buffer is handed over, not copied), with some
/// columns assigned by hand (none on the first reading).
pub async fn read_file(name: &str, buffer: JsValue, overrides: &[ColumnOverride]) -> Result<Preview, String> {
    ask(file_message(name, &buffer, overrides), Some(buffer), true).await
}

/// Reads a table pasted from the clipboard (`text/html`, or `text/plain` when there is none).
pub async fn read_pasted(text: String, overrides: &[ColumnOverride]) -> Result<Preview, String> {
    ask(paste_message(text, overrides), None, true).await
}

/// Reads a pasted table like [`read_pasted`], answering the worker's text as it came (what the
/// screens module draws the preview card from) once it is known to hold a preview.
pub async fn read_pasted_wire(text: String) -> Result<String, String> {
    let answer = ask_raw(paste_message(text, &[]), None, true).await?.as_string().unwrap_or_default();
    from_wire(&answer).map(|_| answer)
}

/// The request to read a file's bytes.
fn file_message(name: &str, buffer: &JsValue, overrides: &[ColumnOverride]) -> js_sys::Object {
    let message = js_sys::Object::new();
    set(&message, "kind", &"file".into());
    set(&message, "name", &name.into());
    set(&message, "bytes", buffer);
    set(&message, "overrides", &overrides_to_json(overrides).into());
    message
}

/// The request to read a pasted table.
fn paste_message(text: String, overrides: &[ColumnOverride]) -> js_sys::Object {
    let message = js_sys::Object::new();
    set(&message, "kind", &"paste".into());
    set(&message, "text", &text.into());
    set(&message, "overrides", &overrides_to_json(overrides).into());
    message
}

fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &key.into(), value);
}

/// Writes a Word or Excel file in the worker (`what`: "docx" or "xlsx" of a report given as its
/// saved JSON, or "review-xlsx" of 审核's rows as JSON), under the page's installed rule packs.
/// The writers are in the worker so that they load when first used, not at start-up. `options`
/// are the Word file's (the same choices as the print view).
pub async fn write(what: &str, text: String, options: PrintOptions) -> Result<Vec<u8>, String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &"write".into());
    set(&message, "what", &what.into());
    set(&message, "text", &text.into());
    set_report_options(&message, options);
    let answer = ask_raw(message, None, false).await?;
    if let Some(bytes) = answer.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    // A failure comes as the readers' JSON answer: its message.
    Err(match from_wire(&answer.as_string().unwrap_or_default()) {
        Err(message) => message,
        Ok(_) => crate::model::exchange::export::FAILED.to_string(),
    })
}

/// The page's installed rule pack files and a report's output options, as the worker reads
/// them for a Word file or a printable report.
fn set_report_options(message: &js_sys::Object, options: PrintOptions) {
    let packs = serde_json::to_string(&crate::model::rules::installed_texts()).unwrap_or_else(|_| "[]".into());
    set(message, "packs", &packs.into());
    set(message, "findings", &options.findings.into());
    set(message, "explanations", &options.explanations.into());
    set(message, "computed", &options.computed.into());
    set(message, "import_notes", &options.import_notes.into());
}

/// The printable report's HTML (`model::ondemand::print_html`: `model::print`, with the score
/// charts when `charts`) of a report given as its saved JSON, built in the worker under the
/// page's installed rule packs, so that the print view's model code is not in the start-up
/// module (issue 25).
pub async fn print_html(text: String, options: PrintOptions, charts: bool) -> Result<String, String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &"print".into());
    set(&message, "text", &text.into());
    set_report_options(&message, options);
    set(&message, "charts", &charts.into());
    ask_html(message).await
}

/// 评分规则's parts and 按其他规则重算 (`model::ondemand::rules_html`: `what` is "packs",
/// "compare" of packs `left` and `right`, or "rescore" of the report whose saved JSON is
/// `text`), built in the worker under the page's installed rule packs (issue 25).
pub async fn rules_html(what: &'static str, text: String, left: String, right: String) -> Result<String, String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &"rules".into());
    set(&message, "what", &what.into());
    set(&message, "text", &text.into());
    set_report_options(&message, PrintOptions::default());
    set(&message, "left", &left.into());
    set(&message, "right", &right.into());
    ask_html(message).await
}

/// The 部门决算 editor's model side (`final_accounts::session` in the worker): `what` "op"
/// applies `op` (JSON) to the document whose saved JSON is `text` and answers JSON; "print"
/// answers the printable document's HTML. `report`: a 自评 report's saved JSON to check the
/// 决算 against ("" for none).
pub async fn final_accounts(what: &'static str, op: String, text: String, report: String) -> Result<String, String> {
    let message = js_sys::Object::new();
    set(&message, "kind", &"fa".into());
    set(&message, "what", &what.into());
    set(&message, "op", &op.into());
    set(&message, "text", &text.into());
    set(&message, "report", &report.into());
    ask_raw(message, None, false).await?.as_string().ok_or_else(|| WORKER_FAILED.to_string())
}

/// Reads one file like [`read_file`], answering the worker's JSON text as it came (a 部门决算
/// comes as `{"ok": false, "error", "final_accounts": saved JSON}`).
pub async fn read_file_text(name: &str, buffer: JsValue) -> String {
    ask_raw(file_message(name, &buffer, &[]), Some(buffer), true).await.ok().and_then(|a| a.as_string()).unwrap_or_default()
}

/// A request answered with HTML; a failure comes as the readers' JSON answer (it starts with
/// "{", which HTML never does): its message.
async fn ask_html(message: js_sys::Object) -> Result<String, String> {
    let Some(answer) = ask_raw(message, None, false).await?.as_string() else {
        return Err(WORKER_FAILED.to_string());
    };
    if answer.starts_with('{') {
        return Err(from_wire(&answer).err().unwrap_or_else(|| WORKER_FAILED.to_string()));
    }
    Ok(answer)
}

/// HTML the worker builds for a screen ([`print_html`]), shown when it arrives: a loading line
/// (加载中…) until the first answer, then the HTML through the screen's own wrapper, or the
/// Chinese message of a failure. Only the newest request's answer is shown; while a newer one
/// waits (an option changed) the last answer stays, unless the request asked for a fresh start
/// (another document).
#[derive(Clone, Copy)]
pub struct Pending {
    answer: RwSignal<Option<Result<String, String>>>,
    asked: StoredValue<u32>,
    waiting: RwSignal<bool>,
}

impl Default for Pending {
    fn default() -> Self {
        Self::new()
    }
}

impl Pending {
    pub fn new() -> Self {
        Self { answer: RwSignal::new(None), asked: StoredValue::new(0), waiting: RwSignal::new(false) }
    }

    /// Sends `request`; its answer replaces the shown one unless a newer request was made
    /// meanwhile. `fresh`: show the loading line until it arrives.
    pub fn ask(self, fresh: bool, request: impl std::future::Future<Output = Result<String, String>> + 'static) {
        let n = self.asked.get_value().wrapping_add(1);
        self.asked.set_value(n);
        self.waiting.set(true);
        if fresh {
            self.answer.set(None);
        }
        leptos::task::spawn_local(async move {
            let answer = request.await;
            // The screen may have been left meanwhile (its signals disposed): nothing to show.
            if self.asked.try_get_value() == Some(n) {
                self.answer.try_set(Some(answer));
                self.waiting.try_set(false);
            }
        });
    }

    /// Whether the newest request's HTML is shown (打印 prints only then).
    pub fn ready(self) -> bool {
        !self.waiting.get() && self.answer.with(|a| matches!(a, Some(Ok(_))))
    }

    /// The loading line, the message, or the HTML wrapped by `wrap`, as HTML (for a part drawn
    /// by `cells::live`; reading it tracks the answer).
    pub fn html(self, wrap: impl Fn(&str) -> String) -> String {
        self.answer.with(|a| match a {
            None => crate::app::views::LOADING_HTML.to_string(),
            Some(Err(message)) => format!("<p class=\"error\" role=\"alert\">{}</p>", crate::model::print::escape(message)),
            Some(Ok(html)) => wrap(html),
        })
    }

    /// The loading line, the message, or the HTML in `wrap`'s element.
    pub fn view(self, wrap: fn(String) -> AnyView) -> impl IntoView {
        move || match self.answer.get() {
            None => view! { <p class="hint" role="status" data-testid="loading">"加载中…"</p> }.into_any(),
            Some(Err(message)) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
            Some(Ok(html)) => wrap(html),
        }
    }
}

/// Has the worker write a file ([`write`]: `docx`, `xlsx` or `review-xlsx`, a Word file with
/// `options`: findings, 计算说明, 附上计算结果, import notes) and offers it for download as
/// `name`; `done` then gets `Ok(())` or the Chinese message of what went wrong. Every
/// 导出 Word / 导出 Excel button uses it.
pub fn export(what: &'static str, text: String, options: PrintOptions, name: String, done: impl FnOnce(Result<(), String>) + 'static) {
    leptos::task::spawn_local(async move {
        let mime = if what.ends_with("docx") { crate::model::exchange::export::DOCX_MIME } else { crate::model::exchange::export::XLSX_MIME };
        let result = match write(what, text, options).await {
            Ok(bytes) => crate::app::storage::download_bytes(&name, &bytes, mime),
            Err(message) => Err(message),
        };
        done(result);
    });
}

async fn ask(message: js_sys::Object, transfer: Option<JsValue>, read: bool) -> Result<Preview, String> {
    let answer = ask_raw(message, transfer, read).await?;
    from_wire(&answer.as_string().unwrap_or_default())
}

async fn ask_raw(message: js_sys::Object, transfer: Option<JsValue>, read: bool) -> Result<JsValue, String> {
    if !OWNER.with(Cell::get) {
        let owner = js_sys::Reflect::get(&js_sys::global(), &"jixiaoWorkerAsk".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(owner) = owner {
            let transfer = transfer.unwrap_or(JsValue::UNDEFINED);
            let answer = js_sys::Promise::new(&mut |resolve, _reject| {
                crate::app::views::call_module(&owner, &js_sys::Array::of4(&message, &transfer, &read.into(), &resolve));
            });
            return Ok(wasm_bindgen_futures::JsFuture::from(answer).await.unwrap_or(JsValue::UNDEFINED));
        }
    }
    let id = NEXT.with(|n| {
        let id = n.get().wrapping_add(1);
        n.set(id);
        id
    });
    set(&message, "id", &id.into());
    let answer = js_sys::Promise::new(&mut |resolve, _reject| WAITING.with(|w| {
        w.borrow_mut().push((id, resolve));
    }));
    QUEUE.with(|q| q.borrow_mut().push_back(Job { id, message, transfer, read }));
    pump();
    Ok(wasm_bindgen_futures::JsFuture::from(answer).await.unwrap_or(JsValue::UNDEFINED))
}

/// Answers request `id` (if still waiting) with `result`.
fn answer(id: u32, result: &JsValue) {
    let waiting = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        w.iter().position(|(n, _)| *n == id).map(|i| w.swap_remove(i).1)
    });
    if let Some(resolve) = waiting {
        let _ = resolve.call1(&JsValue::NULL, result);
    }
}

/// Sends the next queued request when the worker is free.
fn pump() {
    loop {
        if BUSY.with(|b| b.borrow().is_some()) {
            return;
        }
        let Some(job) = QUEUE.with(|q| q.borrow_mut().pop_front()) else { return };
        let sent = worker().and_then(|worker| {
            match &job.transfer {
                Some(buffer) => worker.post_message_with_transfer(&job.message, &js_sys::Array::of1(buffer)),
                None => worker.post_message(&job.message),
            }
            .map_err(|_| WORKER_FAILED.to_string())
        });
        match sent {
            Ok(()) => BUSY.with(|b| *b.borrow_mut() = Some((job.id, job.read, None))),
            Err(message) => answer(job.id, &JsValue::from_str(&format!("{{\"ok\":false,\"error\":\"{message}\"}}"))),
        }
    }
}

/// The worker has started reading request `id`: its allowance runs from now.
fn started(id: u32) {
    let ms = read_allowance_ms();
    BUSY.with(|b| {
        if let Some((busy, true, timer @ None)) = b.borrow_mut().as_mut() {
            if *busy == id {
                *timer = set_timeout_with_handle(move || expired(id), Duration::from_millis(ms)).ok();
            }
        }
    });
}

/// The allowance of request `id` ran out: the worker is terminated (a fresh one serves the
/// next request) and the file answered as too complex.
fn expired(id: u32) {
    if BUSY.with(|b| b.borrow().as_ref().map(|(busy, _, _)| *busy)) != Some(id) {
        return;
    }
    stop();
    BUSY.with(|b| *b.borrow_mut() = None);
    answer(id, &JsValue::from_str(&too_complex()));
    pump();
}

/// The worker's request is done (answered, or the worker failed): the next one may go.
fn finished(id: Option<u32>) {
    BUSY.with(|b| {
        let mut busy = b.borrow_mut();
        if id.is_none() || busy.as_ref().map(|(i, _, _)| Some(*i)) == Some(id) {
            if let Some((_, _, Some(timer))) = busy.take() {
                timer.clear();
            }
        }
    });
    pump();
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
        if js_sys::Reflect::get(&data, &"started".into()).ok().and_then(|v| v.as_bool()) == Some(true) {
            if let Some(id) = id {
                started(id);
            }
            return;
        }
        let result = js_sys::Reflect::get(&data, &"result".into()).unwrap_or(JsValue::UNDEFINED);
        if js_sys::Reflect::get(&data, &"broken".into()).ok().and_then(|v| v.as_bool()) == Some(true) {
            // The module trapped: a fresh one serves the next file.
            stop();
        }
        if let Some(id) = id {
            answer(id, &result);
        }
        finished(id);
    });
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        stop();
        let failed = JsValue::from_str(&format!("{{\"ok\":false,\"error\":\"{WORKER_FAILED}\"}}"));
        // The request it had fails; the queued ones go to a fresh worker.
        if let Some(id) = BUSY.with(|b| b.borrow().as_ref().map(|(id, _, _)| *id)) {
            answer(id, &failed);
        }
        finished(None);
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
