//! The browser shell: Leptos components over the pure model. Only this module (and `main.rs`)
//! touches leptos, web_sys and wasm_bindgen; it holds no arithmetic, only calls into `model`.
//!
//! Routes are hash routes (`#/`, `#/edit/seed-000`, `#/review`, `#/print/seed-000`) so a plain
//! static server needs no rewrite rules and the bundle works under any sub-path.

mod backup;
mod cells;
mod doc;
mod editor;
mod final_accounts;
mod home;
mod import;
mod quick;
mod review;
mod rules;
mod sheet;
pub mod screens;
pub mod storage;
mod views;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::model::exchange::json::APP_VERSION;

/// The four views of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// 首页.
    Home,
    /// 编辑 a report (a draft id or an example id).
    Edit(String),
    /// 审核.
    Review,
    /// One report of the review batch, read-only.
    ReviewReport(usize),
    /// 快速核分.
    Quick,
    /// 打印 a report.
    Print(String),
    /// 评分规则.
    Rules,
    /// The 部门决算 editor of a 决算 draft; with no id (`#/fa`) the 决算 drafts and 新建.
    FinalAccounts(String),
}

/// The example `#/edit` and `#/print` without an id open.
pub const DEFAULT_REPORT: &str = "seed-000";

impl Route {
    /// Parses `location.hash`. An empty hash (a first visit, or the start address) opens 首页,
    /// whose first thing is 导入报告文件 and 新建: people start from their own files.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        match (parts.next().unwrap_or(""), parts.next()) {
            ("edit", Some(id)) => Route::Edit(id.into()),
            ("edit", None) => Route::Edit(DEFAULT_REPORT.into()),
            ("review", Some(n)) => n.parse().map(Route::ReviewReport).unwrap_or(Route::Review),
            ("review", None) => Route::Review,
            ("quick", _) => Route::Quick,
            ("rules", _) => Route::Rules,
            ("fa", Some(id)) => Route::FinalAccounts(id.into()),
            ("fa", None) => Route::FinalAccounts(String::new()),
            ("print", Some(id)) => Route::Print(id.into()),
            ("print", None) => Route::Print(DEFAULT_REPORT.into()),
            _ => Route::Home,
        }
    }

    /// The route of a page load: an empty hash opens 首页 (the start page: import, 新建, the
    /// user's latest draft, the examples).
    pub fn start(hash: &str) -> Route {
        Route::parse(hash)
    }

    /// The report this route shows (its id), if any.
    fn report(&self) -> Option<&str> {
        match self {
            Route::Edit(id) | Route::Print(id) => Some(id),
            _ => None,
        }
    }

    /// Which navigation entry is current.
    fn section(&self) -> &'static str {
        match self {
            Route::Home | Route::FinalAccounts(_) => "home",
            Route::Rules => "rules",
            Route::Edit(_) => "edit",
            Route::Review | Route::ReviewReport(_) | Route::Quick => "review",
            Route::Print(_) => "print",
        }
    }
}


fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// A page that holds typed input not saved anywhere (快速核分) sets the question to ask before
/// the user leaves it; the frame asks on navigation and the browser asks on reload or close.
#[derive(Clone, Copy)]
pub struct LeaveGuard(pub RwSignal<Option<String>>);

/// The app frame: skip link, header with name, navigation and version; the current view;
/// `app-ready`. 编辑 and 打印 act on the report in hand (the last one opened in this page),
/// or go to 首页 when there is none.
#[component]
pub fn App() -> impl IntoView {
    let (route, set_route) = signal(Route::start(&current_hash()));
    let guard = LeaveGuard(RwSignal::new(None));
    provide_context(guard);
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        let next = Route::parse(&current_hash());
        let now = route.get_untracked();
        if next == now {
            return;
        }
        if let Some(question) = guard.0.get_untracked() {
            if !window().confirm_with_message(&question).unwrap_or(true) {
                // Stay: put the address back without a new history entry.
                let location = window().location();
                let href = location.href().unwrap_or_default();
                let base = href.split('#').next().unwrap_or("").to_string();
                let hash = match &now { Route::Quick => "#/quick".to_string(), _ => href.split_once('#').map(|(_, h)| format!("#{h}")).unwrap_or_default() };
                location.replace(&format!("{base}{hash}")).ok();
                return;
            }
            guard.0.set(None);
        }
        // 评分规则 (in the screens module) may have imported or deleted a pack.
        if now == Route::Rules {
            rules::install_imported();
        }
        set_route.set(next);
    });
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if guard.0.get_untracked().is_some() {
            ev.prevent_default();
        }
    });
    on_cleanup(move || {
        handle.remove();
        unload.remove();
    });
    let in_hand = RwSignal::new(route.get_untracked().report().map(str::to_string));
    crate::app::cells::effect(move || {
        if let Some(id) = route.get().report() {
            in_hand.set(Some(id.to_string()));
        }
    });
    // The report in hand, while it still exists (a deleted draft is no longer in hand).
    let report_href = move |verb: &str| {
        route.track();
        match in_hand.get() {
            Some(id) if storage::exists(&id) || crate::model::examples::is_example(&id) => format!("#/{verb}/{id}"),
            _ => "#/".to_string(),
        }
    };
    // The header is HTML (issue 25); this effect keeps its links current: which one is the
    // page's, and where 编辑 and 打印 go.
    let header = NodeRef::<leptos::html::Header>::new();
    crate::app::cells::effect(move || {
        let Some(header) = header.get() else { return };
        let here = route.get().section();
        let hrefs = [("edit", report_href("edit")), ("print", report_href("print"))];
        let Ok(links) = header.query_selector_all(".nav-link") else { return };
        for link in (0..links.length()).filter_map(|i| links.get(i)).filter_map(|n| n.dyn_into::<web_sys::Element>().ok()) {
            let section = link.get_attribute("data-section").unwrap_or_default();
            let current = section == here;
            cells::set_attribute(&link, "class", Some(if current { "nav-link current" } else { "nav-link" }));
            cells::set_attribute(&link, "aria-current", current.then_some("page"));
            if let Some((_, href)) = hrefs.iter().find(|(s, _)| *s == section) {
                cells::set_attribute(&link, "href", Some(href));
            }
        }
    });
    let skip = move |ev: leptos::ev::MouseEvent| {
        if cells::event_element(&ev, ".skip-link").is_some() {
            ev.prevent_default();
            cells::focus_selector("#main");
        }
    };
    let here = route.get_untracked().section();
    let (edit, print) = untrack(|| (report_href("edit"), report_href("print")));
    let links = [("home", "#/", "首页"), ("edit", edit.as_str(), "编辑"), ("review", "#/review", "审核"), ("print", print.as_str(), "打印"), ("rules", "#/rules", "评分规则")]
        .iter()
        .map(|(section, href, label)| {
            let current = if *section == here { " current\" aria-current=\"page" } else { "" };
            format!("<a href=\"{}\" class=\"nav-link{current}\" data-section=\"{section}\">{label}</a>", crate::model::print::escape(href))
        })
        .collect::<String>();
    let head = format!(
        "<a class=\"skip-link\" href=\"#/\" data-testid=\"skip-link\">跳到正文</a><span class=\"app-name\">绩效 · 预算绩效自评</span>\
         <nav class=\"app-nav\" aria-label=\"主导航\">{links}</nav><span class=\"app-version\" data-testid=\"app-version\">版本 {APP_VERSION}</span>"
    );
    view! {
        <div class="app" data-testid="app-ready">
            <header class="app-header no-print" node_ref=header inner_html=head on:click=skip></header>
            <main class="app-main" id="main" tabindex="-1" class:wide=move || matches!(route.get(), Route::Edit(_) | Route::FinalAccounts(_))>
                {move || match route.get() {
                    Route::Home => home::Home().into_any(),
                    // An example's file is fetched on its first opening (issue 25); the route is
                    // drawn again when it is here, unless the user went on meanwhile.
                    Route::Edit(id) | Route::Print(id) if views::example_pending(&id) => {
                        let here = route.get_untracked();
                        let loaded = Callback::new(move |_| if route.get_untracked() == here { set_route.update(|_| {}) });
                        view! { <views::ExampleLoading id=id loaded=loaded /> }.into_any()
                    }
                    Route::Edit(id) => match views::find_report(&id) {
                        Ok((report, meta)) => view! { <editor::Editor report=report meta=meta /> }.into_any(),
                        Err(message) => view! { <p class="error" role="alert">{message}</p> }.into_any(),
                    },
                    // In the screens module, loaded on the first visit (issue 25).
                    Route::Review => view! { <views::OnDemand what="review" arg=String::new() /> }.into_any(),
                    Route::ReviewReport(index) => view! { <views::OnDemand what="review-report" arg=index.to_string() /> }.into_any(),
                    // In the start-up module: it is the editor's sections on one table, which are
                    // there anyway (in the screens module they would add ≈118 KB to it).
                    Route::Quick => quick::QuickScore().into_any(),
                    Route::Print(id) => view! { <views::OnDemand what="print" arg=id /> }.into_any(),
                    Route::Rules => view! { <views::OnDemand what="rules" arg=String::new() /> }.into_any(),
                    Route::FinalAccounts(id) => view! { <final_accounts::FaEditor id=id /> }.into_any(),
                }}
            </main>
        </div>
    }
}

/// Writes a panic's message to the console (where the build keeps panic messages: not the
/// release build, whose panics trap at once, scripts/release-env.sh). The Chinese banner the user
/// sees comes from public/loader.js, which sees the trap a panic ends in either way.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("jixiao panic: {info}").into());
    }));
}

/// Entry point used by `main.rs`.
pub fn start() {
    install_panic_hook();
    // The page's one reader worker is this module's; the screens module asks through it.
    import::worker::serve_other_modules();
    // A bureau's packs are installed before the first view, so every pack list shows them.
    // wasm_bindgen_futures, not leptos::task: Leptos's executor is set up only by the mount.
    wasm_bindgen_futures::spawn_local(async {
        rules::load_at_start().await;
        // A page opened on an example (#/edit/seed-000) fetches its file before the first view,
        // so the editor is drawn once, as it was when the examples were compiled in.
        if let Some(id) = Route::start(&current_hash()).report().filter(|id| views::example_pending(id)) {
            views::fetch_example(id).await;
        }
        leptos::mount::mount_to_body(App);
    });
}
