//! jixiao-screens, the screens module (issue 25): Leptos screens of the app that most visits
//! never open, as a second wasm module on the page thread, loaded on first use so their code is
//! not in the start-up download. Today: 审核 and one report of its batch, 打印, 评分规则, what
//! 首页's 全部备份 / 恢复备份 do, the import preview's cards and the editor's 得分结构图. The code is the app's
//! own (`jixiao::app::screens`, src/app/review.rs); this crate only gives it a module of its own.
//! Trunk builds it from index.html with no-modules glue; public/loader.js loads it on the app's
//! request (`jixiaoScreens`) and the app's router (`views::OnDemand`) calls [`mount`] and
//! [`unmount`].

/// Shows screen `what` in `container`: "review", "review-report" (`arg` the batch index),
/// "print" (`arg` the report id), "rules", "backup", "restore" (`data` the chosen File).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(container: web_sys::HtmlElement, what: String, arg: String, data: wasm_bindgen::JsValue) {
    jixiao::app::screens::mount(container, what, arg, data);
}

/// Draws the import preview of a file or pasted table as card `key` in `container` (an element
/// of the start-up's import card): `wire` is the reader worker's answer, `source` the file's
/// bytes or the pasted text, and `done(key, close, ok, message, id)` tells the start-up the
/// outcome (`app::import::host`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn preview(container: web_sys::HtmlElement, key: u32, name: String, wire: String, source: wasm_bindgen::JsValue, done: js_sys::Function) {
    jixiao::app::screens::preview(container, key, name, wire, source, done);
}

/// Takes preview card `key` away.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn unpreview(key: u32) {
    jixiao::app::screens::unpreview(key);
}

/// The figure of the editor's 得分结构图 of a chart spec as text (`model::chart::spec_text`).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn score_chart(spec: String) -> String {
    jixiao::app::screens::score_chart(spec)
}

/// Takes the shown screen away.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn unmount() {
    jixiao::app::screens::unmount();
}

fn main() {}
