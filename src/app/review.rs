//! 审核: many reports at once, recomputed, declared against computed (the table itself is
//! `model::review`'s HTML), and a read-only view of one. Not in the start-up module: the screens
//! module (crates/screens) links this file and mounts it on the first visit of `#/review`
//! (`app::screens`); the start-up's router only shows 加载中… and asks for it.

use std::cell::RefCell;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::storage;
use crate::model::exchange::json;
use crate::model::print::PrintOptions;
use crate::model::review::{self, Filter, ReviewRow, SortKey};
use crate::model::rules;
use crate::model::{evaluate, evaluate_with, Evaluation, Report};

/// Files processed between two yields to the browser, so the page keeps answering.
const CHUNK: usize = 10;

thread_local! {
    /// The page's state, made once outside any reactive owner, so it outlives every mount.
    static STATE: ReviewState = ReviewState::new();
    /// The reports of the current review batch: (file name, report). Kept for the page's
    /// lifetime so a row can be opened read-only; never written to storage.
    static BATCH: RefCell<Vec<(String, Report)>> = const { RefCell::new(Vec::new()) };
}

/// The 审核 page's state, kept for the page's lifetime (not the view's): opening a report
/// and coming back finds the same rows (files that did not load included), sort, filters and
/// search.
#[derive(Clone, Copy)]
pub struct ReviewState {
    pack: RwSignal<String>,
    rows: RwSignal<Vec<ReviewRow>>,
    broken: RwSignal<Vec<ReviewRow>>,
    sort: RwSignal<(SortKey, bool)>,
    filter: RwSignal<Filter>,
    search: RwSignal<String>,
}

impl ReviewState {
    /// An empty batch (no examples: a batch holds only what the reviewer loads).
    pub fn new() -> ReviewState {
        ReviewState {
            pack: RwSignal::new(String::new()),
            rows: RwSignal::new(Vec::new()),
            broken: RwSignal::new(Vec::new()),
            sort: RwSignal::new((SortKey::Difference, true)),
            filter: RwSignal::new(Filter::default()),
            search: RwSignal::new(String::new()),
        }
    }

    /// The one state of this page. Made on first use, which must be outside any view's reactive
    /// owner (its signals would go with that view): `app::screens::mount` asks for it before it
    /// mounts a view.
    pub fn get() -> ReviewState {
        STATE.with(|s| *s)
    }

    /// Recomputes the rows of the loaded reports.
    fn recompute(&self) {
        self.rows.set(batch_rows(&self.pack.get_untracked()));
    }
}

impl Default for ReviewState {
    fn default() -> Self {
        ReviewState::new()
    }
}

fn evaluate_for(report: &Report, pack: &str) -> Evaluation {
    match rules::find(pack) {
        Some(p) if !pack.is_empty() => evaluate_with(report, p),
        _ => evaluate(report),
    }
}

/// Rows of the whole batch, recomputed with `pack` ("" = each report's own).
fn batch_rows(pack: &str) -> Vec<ReviewRow> {
    BATCH.with(|b| {
        b.borrow()
            .iter()
            .enumerate()
            .flat_map(|(i, (file, report))| review::rows_for(file, i, report, &evaluate_for(report, pack)))
            .collect()
    })
}

async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).ok();
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.ok();
}

/// 审核.
#[component]
pub fn Review() -> impl IntoView {
    let state = ReviewState::get();
    let ReviewState { pack, rows, broken, sort, filter, search } = state;
    let progress = RwSignal::new(None::<(usize, usize)>);
    let clicks = RwSignal::new(0u32);
    let all_rows = Memo::new(move |_| {
        let mut all = rows.get();
        all.extend(broken.get());
        let reports: Vec<Report> = BATCH.with(|b| b.borrow().iter().map(|(_, r)| r.clone()).collect());
        review::flag_duplicates(&mut all, &reports.iter().collect::<Vec<_>>());
        let (key, descending) = sort.get();
        review::sort(&mut all, key, descending);
        all
    });
    let table_html = move || {
        all_rows.with(|all| {
            let shown = review::filter(all, filter.get(), &search.get());
            let (key, descending) = sort.get();
            review::html(&shown, key, descending)
        })
    };
    let counts = move || {
        all_rows.with(|all| {
            let shown = review::filter(all, filter.get(), &search.get()).len();
            let differing = all.iter().filter(|r| r.differs()).count();
            let with_errors = all.iter().filter(|r| r.errors > 0).count();
            let repeated = all.iter().filter(|r| r.duplicate_of.is_some()).count();
            let repeated = if repeated > 0 { format!("，{repeated} 张是重复加载的文件") } else { String::new() };
            let pending: usize = all.iter().map(|r| r.pending).sum();
            let pending = if pending > 0 { format!("，{pending} 项定性指标待评定（按单位自评得分计入）") } else { String::new() };
            format!("共 {} 张表，其中 {differing} 张填报与计算不一致或无法读取，{with_errors} 张有错误{repeated}{pending}；当前显示 {shown} 张。", all.len())
        })
    };
    let on_table_click = move |ev: leptos::ev::MouseEvent| {
        clicks.update(|c| *c += 1);
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(button) = target.closest("[data-sort]").ok().flatten() else { return };
        if let Some(key) = button.get_attribute("data-sort").and_then(|k| SortKey::from_id(&k)) {
            sort.update(|(k, d)| {
                if *k == key {
                    *d = !*d;
                } else {
                    *k = key;
                    *d = true;
                }
            });
        }
    };
    let load = move |files: Vec<web_sys::File>| {
        let total = files.len();
        if total == 0 {
            return;
        }
        progress.set(Some((0, total)));
        leptos::task::spawn_local(async move {
            let mut done = 0;
            for chunk in files.chunks(CHUNK) {
                let mut new_rows = Vec::new(); // not recomputed by a rule pack: broken files and 决算 tables
                for file in chunk {
                    let name = file.name();
                    match crate::app::import::open(file).await {
                        Ok(crate::app::import::Opened::Saved(report, _)) => BATCH.with(|b| b.borrow_mut().push((name, report))),
                        Ok(crate::app::import::Opened::Tables(preview, _)) => BATCH.with(|b| b.borrow_mut().push((name, preview.report))),
                        // A 部门决算: one row per table plus the 说明, checked in the worker.
                        Ok(crate::app::import::Opened::FinalAccounts(text)) => match crate::app::import::worker::final_accounts("review", String::new(), text, String::new()).await {
                            Ok(lines) if !lines.starts_with('!') => new_rows.extend(lines.lines().filter_map(|l| review::final_accounts_row(&name, l))),
                            Ok(message) => new_rows.push(review::broken_row(&name, &message[1..])),
                            Err(message) => new_rows.push(review::broken_row(&name, &message)),
                        },
                        Err(message) => new_rows.push(review::broken_row(&name, &message)),
                    }
                }
                done += chunk.len();
                broken.update(|b| b.extend(new_rows));
                progress.set(Some((done, total)));
                next_tick().await;
            }
            state.recompute();
            set_timeout(move || progress.set(None), Duration::from_millis(1500));
        });
    };
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let files = input.files().map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect()).unwrap_or_default();
        input.set_value("");
        load(files);
    };
    let over = window_event_listener(leptos::ev::dragover, |ev| ev.prevent_default());
    let dropped = window_event_listener(leptos::ev::drop, move |ev| {
        ev.prevent_default();
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            load((0..list.length()).filter_map(|i| list.get(i)).collect());
        }
    });
    on_cleanup(move || {
        over.remove();
        dropped.remove();
    });
    let add_drafts = move |_| {
        let drafts = storage::list();
        let n = drafts.len();
        BATCH.with(|b| {
            b.borrow_mut().extend(drafts.into_iter().map(|d| {
                let kind = if crate::model::examples::is_example(&d.id) { "草稿（示例）" } else { "草稿" };
                (format!("{kind}：{}", d.meta.name), d.report)
            }))
        });
        state.recompute();
        progress.set(Some((n, n)));
        set_timeout(move || progress.set(None), Duration::from_millis(1500));
    };
    let clear = move |_| {
        BATCH.with(|b| b.borrow_mut().clear());
        broken.set(Vec::new());
        rows.set(Vec::new());
    };
    let export_csv = move |_| {
        let csv = all_rows.with(|all| review::csv(&review::filter(all, filter.get_untracked(), &search.get_untracked())));
        storage::download("审核结果.csv", &csv, "text/csv;charset=utf-8").ok();
    };
    // The workbook is written by the reader worker (the writers load on first use).
    let export_xlsx = move |_| {
        let rows = all_rows.with(|all| serde_json::to_string(&review::filter(all, filter.get_untracked(), &search.get_untracked())).unwrap_or_default());
        crate::app::import::worker::export("review-xlsx", rows, PrintOptions::default(), "审核结果.xlsx".into(), alert_failure);
    };
    view! {
        <section class="review">
            <h1>"审核"</h1>
            <p class="lead">"选择或拖入多个导出的报告文件（也可加入本机草稿），每份都在本机按评分规则重新计算，列出填报总分与计算总分的差异。点击部门名称查看该报告的表格、检查结果和计算说明。"</p>
            <div class="review-controls">
                <label class="button">"选择报告文件…"
                    <input type="file" multiple=true accept=".json,.docx,.xlsx,.xls,.et,.html,.htm,.doc,.wps,.pdf,application/json" class="visually-hidden" data-testid="review-input" on:change=on_files /></label>
                <button type="button" class="button" on:click=add_drafts>"加入本机全部草稿"</button>
                <button type="button" class="button" on:click=clear>"清空列表"</button>
                <label>"评分规则 "
                    <select data-testid="review-pack" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        rows.set(batch_rows(&value));
                        pack.set(value);
                    }>
                        <option value="" prop:selected=move || pack.get().is_empty()>"按各报告自己的评分规则"</option>
                        {rules::available().into_iter().map(|p| {
                            let id = p.id.clone();
                            let selected = { let id = id.clone(); move || pack.get() == id };
                            view! { <option value=id prop:selected=selected>{format!("全部按：{}", p.name)}</option> }
                        }).collect_view()}
                    </select></label>
                <fieldset class="review-filter">
                    <legend>"只看"</legend>
                    <label class="check"><input type="checkbox" data-testid="only-errors" prop:checked=move || filter.get().errors
                        on:change=move |ev| filter.update(|f| f.errors = event_target_checked(&ev)) />"有错误的"</label>
                    <label class="check"><input type="checkbox" data-testid="only-different" prop:checked=move || filter.get().difference
                        on:change=move |ev| filter.update(|f| f.difference = event_target_checked(&ev)) />"有差额的（填报与计算不一致）"</label>
                </fieldset>
                <label>"搜索部门 "<input type="search" data-testid="review-search" prop:value=move || search.get()
                    on:input=move |ev| search.set(event_target_value(&ev)) /></label>
                <button type="button" class="button" data-testid="review-csv" on:click=export_csv>"导出 CSV"</button>
                <button type="button" class="button" data-testid="review-xlsx" on:click=export_xlsx>"导出 Excel"</button>
                <a class="button" href="#/quick">"快速核分"</a>
            </div>
            {move || progress.get().map(|(done, total)| view! {
                <p class="progress" role="status">
                    <progress data-testid="review-progress" max=total.to_string() value=done.to_string()></progress>
                    {format!(" 已处理 {done} / {total} 个文件")}
                </p>
            })}
            <p class="hint" data-testid="review-counts">{counts}</p>
            <p class="hint" data-testid="review-sort-note">"点列名排序，再点一次反向。“差额”按差额的绝对值排序：相差最大的在前，不论填报高于还是低于计算。"</p>
            <div class="review-table" data-testid="review-table" data-clicks=move || clicks.get().to_string() on:click=on_table_click inner_html=table_html></div>
        </section>
    }
}

/// One report of the batch, read-only: its tables, findings and explanations, printable.
#[component]
pub fn ReviewReport(
    /// Index in the batch.
    index: usize,
) -> impl IntoView {
    let Some((file, report)) = BATCH.with(|b| b.borrow().get(index).cloned()) else {
        return view! { <p class="error" role="alert">"该报告不在当前审核列表中（刷新页面后列表会清空），请回到审核页重新选择文件。"</p>
            <a class="button" href="#/review">"返回审核"</a> }.into_any();
    };
    let evaluation = evaluate(&report);
    // A reviewer sees the differing computed figures beside the declared ones (附上计算结果).
    let options = PrintOptions { findings: true, explanations: true, computed: true, import_notes: false };
    // The printed report is built in the worker (issue 25), from the report's saved text.
    let shown = crate::app::import::worker::Pending::new();
    shown.ask(true, crate::app::import::worker::print_html(json::save(&report, None), options, true));
    let pack_name = rules::find(&evaluation.rule_pack).map(|p| p.name.clone()).unwrap_or_else(|| evaluation.rule_pack.clone());
    let hint = format!("只读查看：{file}（评分规则 {pack_name}，规则校验码 {}）", evaluation.rule_pack_hash);
    let head = review::report_head_html(&report, &evaluation);
    // A finding's link scrolls to its row of the printed table and focuses it.
    let goto = move |ev: leptos::ev::MouseEvent| {
        let Some(link) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("[data-goto-row]").ok().flatten()) else { return };
        let number = |name: &str| link.get_attribute(name).and_then(|v| v.parse::<u32>().ok());
        let (Some(t), Some(n)) = (number("data-goto-table"), number("data-goto-row")) else { return };
        let Ok(tables) = document().query_selector_all("[data-testid=\"review-report\"] .print-table.indicators") else { return };
        let Some(row) = tables.item(t).and_then(|table| table.dyn_into::<web_sys::Element>().ok()).and_then(|table| table.query_selector_all("tbody > tr").ok()).and_then(|rows| rows.item(n)).and_then(|row| row.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
        if let Ok(Some(old)) = document().query_selector(".goto-target") {
            old.class_list().remove_1("goto-target").ok();
        }
        row.class_list().add_1("goto-target").ok();
        row.set_attribute("tabindex", "-1").ok();
        row.scroll_into_view();
        row.focus().ok();
    };
    let opened = StoredValue::new((report, evaluation));
    let export_docx = move |_| {
        let (name, text) = opened.with_value(|(r, _)| (format!("{}.docx", json::file_stem(r)), json::save(r, None)));
        crate::app::import::worker::export("docx", text, options, name, alert_failure);
    };
    view! {
        <section class="print-view">
            <div class="print-toolbar no-print">
                <a class="button" href="#/review">"返回审核"</a>
                <button type="button" class="button primary" prop:disabled=move || !shown.ready() on:click=move |_| { window().print().ok(); }>"打印"</button>
                <button type="button" class="button" data-testid="export-docx" on:click=export_docx>"导出 Word"</button>
                <span class="hint">{hint}</span>
            </div>
            <div class="no-print" on:click=goto inner_html=head></div>
            <div class="no-print review-rescore">{crate::app::rules::rescore_panel(move || opened.with_value(|(r, _)| json::save(r, None)))}</div>
            {shown.view(|html| view! { <div class="print-doc" data-testid="review-report" inner_html=html></div> }.into_any())}
        </section>
    }
    .into_any()
}

/// Says why an export from 审核 failed (the page has no notice line).
fn alert_failure(result: Result<(), String>) {
    if let Err(message) = result {
        window().alert_with_message(&message).ok();
    }
}
