//! The screens module's way in (issue 25): Leptos screens that most visits never open are not
//! linked into the start-up module. crates/screens is a second wasm module, loaded on the page
//! thread on first use (public/loader.js `jixiaoScreens`), that links this package's app code
//! (审核 and its opened report, 打印, 评分规则, what 全部备份 / 恢复备份 do, the import preview's
//! cards)
//! and calls [`mount`]; the start-up's router shows 加载中… meanwhile (`views::OnDemand`) and
//! calls [`unmount`] when the user goes elsewhere. Nothing in the start-up module calls these
//! two functions, so the screens they reach are left out of it by the linker.
//!
//! The two modules share the page's DOM, localStorage, the loader's globals and the one reader
//! worker (the start-up module owns it; `worker::serve_other_modules`), not their Rust state:
//! each has its own reactive runtime and model (rule-pack registry, example reports). The
//! screens module installs the bureau's rule packs on its first mount or preview card as the
//! start-up does (`rules::load_at_start`) and the imported ones again on every later one, since
//! 评分规则 may have changed them since (`packs_ready`).

use std::cell::{Cell, RefCell};

use leptos::prelude::*;

use crate::app::{backup, review, rules, views};

thread_local! {
    /// The mounted screen; dropping it unmounts the view and runs its cleanups.
    static MOUNTED: RefCell<Option<Box<dyn std::any::Any>>> = const { RefCell::new(None) };
    /// The installing of the `rules/` folder's and the imported packs in this module, begun by
    /// the first mount (every mount waits for it).
    static PACKS: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// Counts mounts and unmounts: a mount still waiting for the packs when the user went on
    /// (another [`mount`] or an [`unmount`] came meanwhile) shows nothing.
    static TURN: Cell<u32> = const { Cell::new(0) };
}

/// Shows screen `what` in `container` (emptied first), replacing any screen shown before:
/// "review" (审核), "review-report" (one report of its batch, `arg` its index), "print" (打印 of
/// report `arg`), "rules" (评分规则), or 首页's 备份 answers after "backup" (全部备份) or
/// "restore" (恢复备份 of the File `data`).
pub fn mount(container: web_sys::HtmlElement, what: String, arg: String, data: wasm_bindgen::JsValue) {
    unmount();
    let turn = TURN.with(Cell::get);
    wasm_bindgen_futures::spawn_local(async move {
        packs_ready().await;
        // An example's file, as the start-up module fetched it (from the HTTP cache or jixiao.html).
        if what == "print" && views::example_pending(&arg) {
            views::fetch_example(&arg).await;
        }
        if TURN.with(Cell::get) != turn || !container.is_connected() {
            return;
        }
        // Before any view: its signals must belong to no view (see `ReviewState::get`).
        let _ = review::ReviewState::get();
        let _ = backup::state();
        container.set_inner_html("");
        let handle: Box<dyn std::any::Any> = match what.as_str() {
            "review-report" => {
                let index = arg.parse().unwrap_or(usize::MAX);
                Box::new(leptos::mount::mount_to(container, move || view! { <review::ReviewReport index=index /> }))
            }
            "print" => Box::new(leptos::mount::mount_to(container, move || view! { <views::PrintView report_id=arg /> })),
            "rules" => Box::new(leptos::mount::mount_to(container, rules::RulesPage)),
            "backup" | "restore" => {
                if what == "backup" {
                    backup::backup_all();
                } else if let Ok(file) = wasm_bindgen::JsCast::dyn_into::<web_sys::File>(data) {
                    backup::restore(file);
                }
                Box::new(leptos::mount::mount_to(container, backup::BackupStatus))
            }
            _ => Box::new(leptos::mount::mount_to(container, review::Review)),
        };
        MOUNTED.with(|m| *m.borrow_mut() = Some(handle));
    });
}

/// Installs the bureau's rule packs in this module: the first call installs the `rules/`
/// folder's and the imported ones, a call that comes while that is under way waits for the same
/// work instead of drawing with the built-in packs only, and a later call installs the imported
/// ones again (评分规则 may have changed them).
async fn packs_ready() {
    let first = PACKS.with(|p| p.borrow().is_none());
    if first {
        crate::app::install_panic_hook();
        let loading = wasm_bindgen_futures::future_to_promise(async {
            rules::load_at_start().await;
            Ok(wasm_bindgen::JsValue::UNDEFINED)
        });
        PACKS.with(|p| *p.borrow_mut() = Some(loading));
    }
    if let Some(loading) = PACKS.with(|p| p.borrow().clone()) {
        let _ = wasm_bindgen_futures::JsFuture::from(loading).await;
    }
    if !first {
        rules::install_imported();
    }
}

/// Draws the import preview of a file or pasted table (`wire`: the reader worker's answer) as
/// card `key` in `container`, an element of the start-up's import card (`import::host`). The
/// card is drawn once the rule packs are installed, unless the start-up took its element away.
pub fn preview(container: web_sys::HtmlElement, key: u32, name: String, wire: String, source: wasm_bindgen::JsValue, done: js_sys::Function) {
    wasm_bindgen_futures::spawn_local(async move {
        packs_ready().await;
        if container.is_connected() {
            crate::app::import::host::show(container, key, name, wire, source, done);
        }
    });
}

/// Takes preview card `key` away.
pub fn unpreview(key: u32) {
    crate::app::import::host::hide(key);
}

/// The editor's 得分结构图 (`editor::table`), drawn here so that the start-up module does not
/// carry the chart drawer: `spec` is `model::chart::spec_text` of the table's score structure;
/// the answer is the figure's HTML (the SVG and its text alternative as the caption), or an
/// error line when `spec` is not a chart.
pub fn score_chart(spec: String) -> String {
    match crate::model::chart::spec_from_text(&spec) {
        Some(spec) => {
            let c = crate::model::chart::draw(&spec);
            format!(
                "<figure data-testid=\"score-chart\"><div class=\"chart-svg\">{}</div><figcaption class=\"hint\">{}</figcaption></figure>",
                c.svg,
                crate::model::print::escape(&c.alt)
            )
        }
        None => "<p class=\"error\" role=\"alert\">得分结构图无法绘制。</p>".to_string(),
    }
}

/// Takes the shown screen away (its listeners and timers with it).
pub fn unmount() {
    TURN.with(|t| t.set(t.get().wrapping_add(1)));
    let old = MOUNTED.with(|m| m.borrow_mut().take());
    drop(old);
}
