//! The read-only report view (打印): how a route's report id is resolved (a stored draft, else a
//! built-in example) and the printable report with its print CSS. Nothing is computed here: the
//! HTML comes from the reader worker (`model::ondemand`, issue 25).

use leptos::prelude::*;

use crate::app::import::worker::{print_html, Pending};
use crate::app::storage;
use crate::model::print::PrintOptions;
use crate::model::examples::example;
use crate::model::exchange::json::LoadError;
use crate::model::report::Report;

/// The report with this id: the stored draft (with its metadata), else a fresh copy of the
/// example. A stored draft that does not load is moved to the quarantine, untouched, and the
/// message says so.
pub fn find_report(id: &str) -> Result<(Report, Option<storage::Meta>), String> {
    match storage::load(id) {
        Some(Ok((report, meta))) => return Ok((report, Some(meta))),
        Some(Err(e)) => {
            storage::quarantine(&format!("{}{id}", storage::DRAFT_PREFIX));
            return Err(format!("草稿“{id}”无法读取：{e} 原数据未作改动，已移到首页的“无法读取的条目”中，可下载保存。"));
        }
        None => {}
    }
    load_example(id).map(|r| (r, None))
}

fn load_example(id: &str) -> Result<Report, String> {
    match example(id) {
        Some(Ok(report)) => Ok(report),
        Some(Err(e)) => Err(LoadError::to_string(&e)),
        None => Err(format!("找不到报告“{id}”。")),
    }
}

/// Whether `id` is an example with no draft of its own whose file is not here yet.
pub fn example_pending(id: &str) -> bool {
    crate::model::examples::needs_file(id) && !storage::exists(id)
}

/// Gets example `id`'s file (the copy inlined in jixiao.html, else `examples/<id>.json`) and
/// hands it to the model; `false` when it could not be had.
pub async fn fetch_example(id: &str) -> bool {
    let inline = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&format!("example-{id}"))).and_then(|e| e.text_content());
    let text = match inline {
        Some(text) => Some(text),
        None => crate::app::rules::fetch_text(&format!("examples/{id}.json")).await,
    };
    match text {
        Some(text) => {
            crate::model::examples::provide(id, text);
            true
        }
        None => false,
    }
}

/// An example's file fetched on first use (issue 25): the copy inlined in jixiao.html (no
/// fetch from a disk), else `examples/<id>.json` beside index.html; `loaded` runs once the model
/// has it. 加载中… meanwhile; a failure says so and stays.
#[component]
pub fn ExampleLoading(id: String, loaded: Callback<()>) -> impl IntoView {
    let failed = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        if fetch_example(&id).await {
            loaded.run(());
        } else {
            failed.set(true);
        }
    });
    move || {
        if failed.get() {
            view! { <p class="error" role="alert">"示例报告下载失败，请检查网络后刷新页面重试。"</p> }.into_any()
        } else {
            view! { <p class="hint" role="status" data-testid="loading">"加载中…"</p> }.into_any()
        }
    }
}

/// The exports of an on-demand module (issue 25) that public/loader.js loads on the page thread
/// when its global `loader` (`jixiaoPages`, `jixiaoScreens`) is first called; `None` when it
/// could not be loaded (the next call tries again).
pub async fn module(loader: &str) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    let load = js_sys::Reflect::get(&js_sys::global(), &loader.into()).ok()?.dyn_into::<js_sys::Function>().ok()?;
    let promise = load.call0(&wasm_bindgen::JsValue::NULL).ok()?;
    wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&promise)).await.ok()
}

/// The module's exported function `name`.
pub fn export(module: &wasm_bindgen::JsValue, name: &str) -> Option<js_sys::Function> {
    use wasm_bindgen::JsCast;
    js_sys::Reflect::get(module, &name.into()).ok()?.dyn_into().ok()
}

/// Function `name` of the on-demand module that `loader` loads ([`module`], then [`export`]).
pub async fn module_export(loader: &str, name: &str) -> Option<js_sys::Function> {
    export(&module(loader).await?, name)
}

/// Calls `f`, a function of another wasm module on the page (an on-demand module's export, or a
/// start-up callback that module holds), with `args`. A trap there is a panic (release builds
/// trap at once, scripts/release-env.sh) that this call would otherwise swallow: it is told to
/// the page as an uncaught one is (the loader's `jixiaoShowPanic`: the Chinese banner), not
/// taken for a module that did not load. `None` after any failure.
pub fn call_module(f: &js_sys::Function, args: &js_sys::Array) -> Option<wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    match f.apply(&wasm_bindgen::JsValue::NULL, args) {
        Ok(value) => Some(value),
        Err(error) => {
            if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
                if let Some(show) = js_sys::Reflect::get(&js_sys::global(), &"jixiaoShowPanic".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
                    let _ = show.call1(&wasm_bindgen::JsValue::NULL, &error);
                }
            }
            None
        }
    }
}

/// The loading line of a part drawn as HTML while what it needs arrives.
pub const LOADING_HTML: &str = "<p class=\"hint\" role=\"status\" data-testid=\"loading\">加载中…</p>";

thread_local! {
    /// The screens module once loaded (for [`OnDemand`]'s cleanup).
    static SCREENS: std::cell::RefCell<Option<wasm_bindgen::JsValue>> = const { std::cell::RefCell::new(None) };
    /// Counts [`OnDemand`] views made and left: a load that ends after its view was left mounts nothing.
    static TURN: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A route of the screens module (crates/screens, `app::screens`): 审核 (`what` "review"), one
/// report of its batch ("review-report", `arg` its index), 打印 ("print", `arg` the report id)
/// and 评分规则 ("rules"). 加载中… until the module is loaded (once per page), then the module draws
/// the screen in this view's place; leaving the route takes it away.
#[component]
pub fn OnDemand(what: &'static str, arg: String) -> impl IntoView {
    let turn = TURN.with(|t| {
        t.set(t.get().wrapping_add(1));
        t.get()
    });
    leptos::task::spawn_local(show_screen("screen-root", what, arg, wasm_bindgen::JsValue::UNDEFINED, Some(turn)));
    on_cleanup(leave_screen);
    view! { <div class="on-demand" id="screen-root" data-testid="screen-root"><p class="hint" role="status" data-testid="loading">"加载中…"</p></div> }
}

/// Loads the screens module and has it show `what` in the element with id `container`; with a
/// `turn`, nothing when the view that asked was left meanwhile. A module that cannot be loaded
/// is said in the container.
async fn show_screen(container: &'static str, what: &'static str, arg: String, data: wasm_bindgen::JsValue, turn: Option<u32>) {
    let loaded = module("jixiaoScreens").await;
    if turn.is_some_and(|turn| TURN.with(|t| t.get()) != turn) {
        return;
    }
    let Some(container) = document().get_element_by_id(container) else { return };
    let Some(mount) = loaded.as_ref().and_then(|m| export(m, "mount")) else {
        return container.set_inner_html("<p class=\"error\" role=\"alert\" data-testid=\"screen-error\">本页组件加载失败，请检查网络后刷新页面重试；如仍失败，请联系系统管理员。</p>");
    };
    SCREENS.with(|s| *s.borrow_mut() = loaded.clone());
    let args = js_sys::Array::of4(&container, &what.into(), &arg.into(), &data);
    call_module(&mount, &args);
}

/// Takes away what the screens module shows, if it is loaded (a view that showed it was left).
pub fn leave_screen() {
    TURN.with(|t| t.set(t.get().wrapping_add(1)));
    if let Some(unmount) = SCREENS.with(|s| s.borrow().as_ref().and_then(|m| export(m, "unmount"))) {
        call_module(&unmount, &js_sys::Array::new());
    }
}

/// Has the screens module do `what` with `data` and show its answer in the element with id
/// `container` (首页's 备份: "backup", "restore" with the chosen File), loading the module first.
pub fn run_screen(container: &'static str, what: &'static str, data: wasm_bindgen::JsValue) {
    leptos::task::spawn_local(show_screen(container, what, String::new(), data, None));
}

/// 打印: the whole report in the official layouts, as printed on A4 (the HTML comes from
/// `model::print` run in the worker, every typed text escaped); 打印 is enabled once it is shown.
#[component]
pub fn PrintView(
    /// Id of the report to print.
    report_id: String,
) -> impl IntoView {
    let report = match find_report(&report_id) {
        Ok((report, _)) => report,
        Err(message) => return view! { <p class="error" role="alert">{message}</p> }.into_any(),
    };
    let with_findings = RwSignal::new(false);
    let with_computed = RwSignal::new(false);
    let with_import_notes = RwSignal::new(false);
    let with_charts = RwSignal::new(true);
    let has_import_notes = report.narrative.iter().any(|s| s.title == crate::model::report::IMPORT_NOTES_TITLE);
    // The HTML is built in the worker (issue 25): the print view's model code is not in the
    // start-up module. It is asked again when an option changes; the last one stays meanwhile.
    let text = StoredValue::new(crate::model::exchange::json::save(&report, None));
    let shown = Pending::new();
    crate::app::cells::effect(move || {
        let options = PrintOptions { findings: with_findings.get(), explanations: false, computed: with_computed.get(), import_notes: with_import_notes.get() };
        let charts = with_charts.get();
        shown.ask(false, print_html(text.get_value(), options, charts));
    });
    let back = format!("#/edit/{report_id}");
    view! {
        <section class="print-view">
            <div class="print-toolbar no-print">
                <button type="button" class="button primary" data-testid="print-button" prop:disabled=move || !shown.ready()
                    on:click=move |_| { window().print().ok(); }>"打印"</button>
                <label class="check"><input type="checkbox" data-testid="print-findings" prop:checked=move || with_findings.get()
                    on:change=move |ev| with_findings.set(event_target_checked(&ev)) />"附上检查结果"</label>
                <label class="check" title="填报数与计算结果不一致时，在填报数旁注明计算结果"><input type="checkbox" data-testid="print-computed" prop:checked=move || with_computed.get()
                    on:change=move |ev| with_computed.set(event_target_checked(&ev)) />"附上计算结果"</label>
                <label class="check"><input type="checkbox" data-testid="print-charts" prop:checked=move || with_charts.get()
                    on:change=move |ev| with_charts.set(event_target_checked(&ev)) />"附上得分结构图"</label>
                {has_import_notes.then(|| view! {
                    <label class="check"><input type="checkbox" data-testid="print-import-notes" prop:checked=move || with_import_notes.get()
                        on:change=move |ev| with_import_notes.set(event_target_checked(&ev)) />"附上导入时未识别的内容"</label>
                })}
                <a class="button" href=back>"返回编辑"</a>
                {crate::model::examples::is_example(&report_id).then(|| view! { <span class="tag" data-testid="example-tag">"示例"</span> })}
                <span class="hint">"A4 纸；自评表页自动横向，表头每页重复，页脚为“第 X 页 共 Y 页”。打印的是本页计算的结果。"</span>
            </div>
            {shown.view(|html| view! { <div class="print-doc" data-testid="print-view" inner_html=html></div> }.into_any())}
        </section>
    }
    .into_any()
}
