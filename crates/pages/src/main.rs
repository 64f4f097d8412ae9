//! jixiao-pages, the pages module (issue 25): screens used on few visits, as a wasm module that
//! runs on the page thread and is loaded on first use, so their code is not in the start-up
//! download. Today it holds the 部门决算 editor's page side (issue 24): the draft list and
//! 新建部门决算 (`home`), the editor (`editor`: one delegated listener, the op queue, undo and
//! redo, autosave, 导出, 打印). Trunk builds it from index.html with no-modules glue (global
//! `wasm_bindgen`); public/loader.js loads it with a `<script>` element on the app's request and
//! the app calls [`mount`]. Its model answers come from the app's one reader worker through the
//! `ask` function the app passes, so this module never links the 决算 model itself.

#[cfg(target_arch = "wasm32")]
mod editor;
#[cfg(target_arch = "wasm32")]
mod home;
#[cfg(target_arch = "wasm32")]
mod web;

/// Shows the 部门决算 page in `container`: the draft list and 新建 when `id` is empty, else the
/// editor of draft `id`. `ask(what, op, text, resolve, reject)` sends one request to the app's
/// reader worker and calls `resolve` with its answer: the text of "op" / "print"
/// (`final_accounts::session`), or the bytes of "fa-docx" / "fa-xlsx"; a failure calls `reject`
/// with the Chinese message.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn mount(container: web_sys::Element, id: String, ask: js_sys::Function) {
    web::set_ask(ask);
    editor::listen();
    if id.is_empty() {
        home::mount(&container);
    } else {
        editor::mount(container, id);
    }
}

fn main() {}
