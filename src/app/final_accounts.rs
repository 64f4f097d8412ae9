//! The 部门决算 editor's hook in the start-up module (issues 24 and 25): 首页's link to the
//! 部门决算 page, an imported 决算 stored as a draft, and the routes `#/fa` (drafts, 新建) and
//! `#/fa/<id>` (the editor), which show 加载中…, load the pages module (crates/pages, on the page
//! thread, once: `jixiaoPages` of public/loader.js) and call its `mount(container, id, ask)`.
//! `ask(what, op, text, resolve, reject)` sends one request to the reader worker (`import::worker`), so
//! there stays one worker; the editor's page side and model are in neither the start-up module
//! nor this file.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::app::import::worker;
use crate::app::storage;

use crate::model::final_accounts::json::{draft_meta, DRAFT_PREFIX as PREFIX, META_PREFIX};

/// Stores an imported 部门决算 (its saved JSON) as a new draft; opens it when `open`. The line
/// for 首页's import messages: (ok, text).
pub fn import(file: &str, text: &str, open: bool) -> (bool, String) {
    let id = storage::new_id();
    let stored = storage::set_text(&format!("{PREFIX}{id}"), text)
        .and_then(|_| storage::set_text(&format!("{META_PREFIX}{id}"), &draft_meta(file.trim_end_matches(".json"), storage::now_ms())));
    match stored {
        Ok(()) => {
            if open {
                let _ = window().location().set_hash(&format!("#/fa/{id}"));
            }
            (true, format!("已导入“{file}”，保存为部门决算草稿。"))
        }
        Err(e) => (false, e),
    }
}

/// The reader worker as the pages module asks it: "op" / "print" answer text, "fa-docx" /
/// "fa-xlsx" the file's bytes, passed to `resolve`; a failure's message goes to `reject`. (A
/// callback pair, not a returned Promise: `future_to_promise` would add ≈2 KB to the start-up.)
fn ask(what: String, op: String, text: String, resolve: js_sys::Function, reject: js_sys::Function) {
    leptos::task::spawn_local(async move {
        let answer = match what.as_str() {
            "op" => {
                let report = same_unit_report(&text);
                worker::final_accounts("op", op, text, report).await.map(JsValue::from)
            }
            "print" => worker::final_accounts("print", op, text, String::new()).await.map(JsValue::from),
            _ => worker::write(&what, text, Default::default()).await.map(|b| js_sys::Uint8Array::from(&b[..]).into()),
        };
        let _ = match answer {
            Ok(value) => resolve.call1(&JsValue::NULL, &value),
            Err(message) => reject.call1(&JsValue::NULL, &message.into()),
        };
    });
}

/// The saved JSON of the 自评 draft of the same 年度 and unit (部门 or 单位) as the 决算 whose
/// saved JSON is `text`, "" when there is none: the worker checks its 全年执行数 against the
/// 决算 (`final_accounts::check::check_against_report`) among the editor's findings. Found once
/// per unit and year, not on every operation.
fn same_unit_report(text: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let field = |k: &str| v["accounts"][k].as_str().unwrap_or("").trim().to_string();
    let key = (field("year"), field("department"), field("unit"));
    if let Some(found) = SAME_UNIT.with(|s| s.borrow().as_ref().filter(|(k, _)| *k == key).map(|(_, r)| r.clone())) {
        return found;
    }
    let report = storage::list()
        .into_iter()
        .find(|d| d.report.year.to_string() == key.0 && [&key.1, &key.2].iter().any(|w| !w.is_empty() && w.as_str() == d.report.department.trim()))
        .and_then(|d| storage::get_text(&format!("{}{}", storage::DRAFT_PREFIX, d.id)))
        .unwrap_or_default();
    SAME_UNIT.with(|s| *s.borrow_mut() = Some((key, report.clone())));
    report
}

thread_local! {
    /// The last [`same_unit_report`]: (年度, 部门, 单位) and the 自评 draft's saved JSON.
    static SAME_UNIT: std::cell::RefCell<Option<((String, String, String), String)>> = const { std::cell::RefCell::new(None) };
    /// [`ask`] as a JS function, made once.
    static ASK: JsValue = Closure::<dyn Fn(String, String, String, js_sys::Function, js_sys::Function)>::new(ask).into_js_value();
}

/// The 部门决算 page: the drafts and 新建 (`id` empty) or the editor of draft `id`.
#[component]
pub fn FaEditor(id: String) -> impl IntoView {
    leptos::task::spawn_local(async move {
        let mount = crate::app::views::module_export("jixiaoPages", "mount").await;
        // The page may have been left while the module loaded (the container is then gone).
        let Some(container) = document().get_element_by_id("fa-root") else { return };
        let Some(mount) = mount else {
            return container.set_inner_html("<p class=\"error\" role=\"alert\" data-testid=\"fa-error\">部门决算组件加载失败，请刷新页面后重试；如仍失败，请联系系统管理员。</p>");
        };
        ASK.with(|ask| crate::app::views::call_module(&mount, &js_sys::Array::of3(&container, &id.into(), ask)));
    });
    view! { <section class="fa-editor" id="fa-root" data-testid="fa-editor"><p class="hint" role="status" data-testid="loading">"加载中…"</p></section> }
}
