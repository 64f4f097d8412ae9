//! A bureau's own rule packs in the browser: read at start from the `rules/` folder next to
//! index.html (same origin, relative URL; a missing folder is normal and silent) and from the
//! packs the user imported (local storage); the 评分规则 page (every pack in Chinese, two side
//! by side, 导入评分规则文件 with 删除); 按其他规则重算 on a report. Guarantees: a broken pack
//! only adds a message naming its file and field, the built-in packs keep working; the texts
//! shown are the model's escaped HTML strings, built in the reader worker (issue 25).

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::doc::use_doc;
use crate::app::storage;
use crate::app::import::worker::{rules_html, Pending};
use crate::model::rules::{self, install_text, parse_index};

thread_local! {
    /// Messages about packs that could not be read at start.
    static PROBLEMS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Keeps a message about a pack (once: the imported packs are installed again when 评分规则 is
/// left and on every mount of the screens module).
fn problem(message: String) {
    PROBLEMS.with(|p| {
        let mut p = p.borrow_mut();
        if !p.contains(&message) {
            p.push(message);
        }
    });
}

/// The text at a URL relative to index.html; `None` on a network error or a status other than 2xx.
pub(crate) async fn fetch_text(url: &str) -> Option<String> {
    let window = web_sys::window()?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url)).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}

/// Installs the imported packs and the `rules/` folder's packs; called once before the app mounts.
pub async fn load_at_start() {
    for (id, text) in storage::imported_rules() {
        if let Err(e) = install_text(&format!("{id}.json"), &text) {
            problem(format!("导入的{e}"));
        }
    }
    // No rules/ folder (404, or no server at all) is the normal case: nothing to say. A page
    // opened from a disk (dist/jixiao.html by double-click) has no folder to ask: Chromium
    // reports any fetch of a file:// URL as a console error, so none is made.
    if web_sys::window().and_then(|w| w.location().protocol().ok()).as_deref() == Some("file:") {
        return;
    }
    let Some(index) = fetch_text("rules/index.json").await else { return };
    let files = match parse_index(&index) {
        Ok(files) => files,
        Err(e) => return problem(e.to_string()),
    };
    for file in files {
        match fetch_text(&format!("rules/{file}")).await {
            Some(text) => {
                if let Err(e) = install_text(&format!("rules/{file}"), &text) {
                    problem(e.to_string());
                }
            }
            None => problem(format!("评分规则文件 rules/{file} 无法读取（rules/index.json 列出了它，但服务器上没有）。")),
        }
    }
}

/// Brings the installed packs in line with the imported ones in storage (another module of
/// the page may have imported or deleted one since this one started): a pack the user deleted
/// is forgotten, the stored ones are installed (one already installed is not read again).
pub fn install_imported() {
    let stored = storage::imported_rules();
    for (file, _) in rules::installed_texts() {
        let Some(id) = file.strip_suffix(".json").filter(|_| !file.starts_with("rules/")) else { continue };
        if !stored.iter().any(|(s, _)| s == id) {
            rules::uninstall(id);
        }
    }
    for (id, text) in stored {
        if let Err(e) = install_text(&format!("{id}.json"), &text) {
            problem(format!("导入的{e}"));
        }
    }
}

/// The messages about packs that could not be read, if any (on 首页 and 评分规则).
#[component]
pub fn RulesProblems() -> impl IntoView {
    view! { <div inner_html=problems_html()></div> }
}

/// The pack files of `rules/` that could not be used (首页 and 评分规则 say so), as HTML; empty
/// when every one was used.
pub fn problems_html() -> String {
    let list = PROBLEMS.with(|p| p.borrow().clone());
    if list.is_empty() {
        return String::new();
    }
    let items: String = list.iter().map(|m| format!("<li>{}</li>", crate::model::print::escape(m))).collect();
    format!("<div class=\"error\" role=\"alert\" data-testid=\"rules-problems\"><p>以下评分规则文件未能使用（内置评分规则不受影响）：</p><ul>{items}</ul></div>")
}

fn pack_options(selected: RwSignal<String>, version: RwSignal<u32>) -> impl IntoView {
    move || {
        version.get();
        rules::available()
            .into_iter()
            .map(|p| {
                let id = p.id.clone();
                let is = { let id = id.clone(); move || selected.get() == id };
                view! { <option value=id prop:selected=is>{p.name.clone()}</option> }
            })
            .collect_view()
    }
}

fn imported_html() -> String {
    let list = storage::imported_rules();
    if list.is_empty() {
        return "<p class=\"hint\">尚未导入评分规则文件。</p>".into();
    }
    let mut out = String::from("<ul class=\"imported-rules\" data-testid=\"imported-rules\">");
    for (id, _) in list {
        let name = rules::find(&id).map(|p| p.name.clone()).unwrap_or_default();
        let id = crate::model::print::escape(&id);
        out.push_str(&format!(
            "<li><span>{} （{id}）</span> <button type=\"button\" class=\"button\" data-action=\"delete\" data-id=\"{id}\">删除</button></li>",
            crate::model::print::escape(&name)
        ));
    }
    out.push_str("</ul>");
    out
}

/// 评分规则: every available pack, two side by side, import and delete.
#[component]
pub fn RulesPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let message = RwSignal::new(None::<(bool, String)>);
    let packs = rules::available();
    let left = RwSignal::new(packs.first().map(|p| p.id.clone()).unwrap_or_default());
    let right = RwSignal::new(packs.last().map(|p| p.id.clone()).unwrap_or_default());
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let name = file.name();
            let Some(text) = JsFuture::from(file.text()).await.ok().and_then(|v| v.as_string()) else {
                message.set(Some((false, format!("无法读取“{name}”。"))));
                return;
            };
            let outcome = match install_text(&name, &text) {
                Ok(pack) => match storage::save_rules(&pack.id, &text) {
                    Ok(()) => (true, format!("已导入评分规则“{}”（{}），新建自评报告时可选用。", pack.name, pack.id)),
                    Err(m) => (false, m),
                },
                Err(e) => (false, e.to_string()),
            };
            message.set(Some(outcome));
            version.update(|v| *v += 1);
        });
    };
    let on_list_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        if button.get_attribute("data-action").as_deref() != Some("delete") {
            return;
        }
        let Some(id) = button.get_attribute("data-id") else { return };
        storage::remove_rules(&id);
        rules::uninstall(&id);
        message.set(Some((true, format!("已删除评分规则 {id}。"))));
        version.update(|v| *v += 1);
    };
    // A pack's file as the starting point of a bureau's own (its built-in or installed text).
    let download_left = move |_| {
        let outcome = match rules::pack_file(&left.get_untracked()) {
            Some((name, text)) => storage::download(&name, &text, "application/json").map(|()| format!("已下载 {name}，修改后在上方导入。")),
            None => Err("该评分规则没有可下载的文件。".to_string()),
        };
        message.set(Some(match outcome {
            Ok(m) => (true, m),
            Err(m) => (false, m),
        }));
    };
    let pick = |which: RwSignal<String>| move |ev: leptos::ev::Event| which.set(event_target_value(&ev));
    // The texts and the comparison are built in the worker (issue 25), asked again when a pack
    // was imported or deleted (the list afresh: never a stale one) or another pair is chosen.
    let listed = Pending::new();
    crate::app::cells::effect(move || {
        version.get();
        listed.ask(true, rules_html("packs", String::new(), String::new(), String::new()));
    });
    let compared = Pending::new();
    crate::app::cells::effect(move || {
        version.get();
        compared.ask(false, rules_html("compare", String::new(), left.get(), right.get()));
    });
    view! {
        <section class="rules-page" data-testid="rules-page">
            <h1>"评分规则"</h1>
            <RulesProblems />
            <h2>"导入评分规则文件"</h2>
            <p class="hint">"本局的评分规则文件导入后保存在本浏览器中，并包含在全部备份里。编写时以一份现有规则为底稿：在下方“两种评分规则对照”的左侧选定规则后点“下载左侧规则文件”，修改其中的编号（id）、名称和不同的规则；各字段的写法见软件包中的 docs/rules.md。"</p>
            <p>
                <label class="button">"选择评分规则文件…"
                    <input type="file" accept=".json,application/json" class="visually-hidden" data-testid="rules-import" on:change=on_file /></label>
            </p>
            {move || message.get().map(|(ok, m)| view! { <p class=if ok { "ok" } else { "error" } role="status" data-testid="rules-message">{m}</p> })}
            <div on:click=on_list_click inner_html=move || { version.get(); imported_html() }></div>
            <h2>"两种评分规则对照"</h2>
            <div class="form-grid">
                <label>"左" <select data-testid="compare-left" on:change=pick(left)>{pack_options(left, version)}</select></label>
                <label>"右" <select data-testid="compare-right" on:change=pick(right)>{pack_options(right, version)}</select></label>
            </div>
            <p><button type="button" class="button" data-testid="rules-download" on:click=download_left>"下载左侧规则文件"</button></p>
            {compared.view(|html| view! { <div inner_html=html></div> }.into_any())}
            <h2>"全部评分规则"</h2>
            {listed.view(|html| view! { <div data-testid="rule-packs" inner_html=html></div> }.into_any())}
        </section>
    }
}

/// 按其他规则重算: the open report's 总分 and 等次 under each available pack.
#[component]
pub fn Rescore() -> impl IntoView {
    let doc = use_doc();
    rescore_panel(move || doc.report.with(|r| crate::model::exchange::json::save(r, None)))
}

/// 按其他规则重算 of a report: the button and, once opened, every scored table's 总分 and
/// 等次 under each available pack, built in the worker from `text`, the report's saved JSON
/// (the report in the editor, asked again as it changes, or a report of the 审核 batch).
pub fn rescore_panel(text: impl Fn() -> String + 'static) -> impl IntoView {
    let open = RwSignal::new(false);
    let shown = Pending::new();
    crate::app::cells::effect(move || {
        if open.get() {
            shown.ask(false, rules_html("rescore", text(), String::new(), String::new()));
        }
    });
    view! {
        <div class="rescore-panel">
            <button type="button" class="button" data-testid="rescore-button" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"按其他规则重算"</button>
            {move || open.get().then(|| shown.view(|html| view! { <div class="rescore-scroll" inner_html=html></div> }.into_any()))}
        </div>
    }
}
