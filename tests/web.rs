//! Browser tests (wasm-bindgen-test in headless Chromium): mount the app into a fresh element,
//! navigate by hash, and assert what the user sees through `data-testid` hooks.
#![cfg(target_arch = "wasm32")]
#![allow(clippy::unwrap_used)] // test code: a panic is a failed test

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn text(testid: &str) -> String {
    document()
        .query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
        .text_content()
        .unwrap_or_default()
}

async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (up to 5 s) until an element matches `selector`.
async fn wait_for(selector: &str) {
    for _ in 0..250 {
        if document().query_selector(selector).unwrap().is_some() {
            return;
        }
        tick().await;
    }
    panic!("nothing matches {selector}");
}

/// The screens module as public/loader.js's `jixiaoScreens()` gives it (a Promise of its
/// exports `mount` and `unmount`), made from the app's own `screens` functions, which this test
/// binary links: the start-up's router reaches 审核 and 打印 only through this hook.
fn provide_screens_module() {
    use wasm_bindgen::prelude::*;
    let module = js_sys::Object::new();
    let mount = Closure::<dyn Fn(web_sys::HtmlElement, String, String, JsValue)>::new(jixiao::app::screens::mount).into_js_value();
    let unmount = Closure::<dyn Fn()>::new(jixiao::app::screens::unmount).into_js_value();
    js_sys::Reflect::set(&module, &"mount".into(), &mount).unwrap();
    js_sys::Reflect::set(&module, &"unmount".into(), &unmount).unwrap();
    let load = Closure::<dyn Fn() -> js_sys::Promise>::new(move || js_sys::Promise::resolve(&wasm_bindgen::JsValue::from(module.clone()))).into_js_value();
    js_sys::Reflect::set(&js_sys::global(), &"jixiaoScreens".into(), &load).unwrap();
}

fn mount_fresh() -> leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable> {
    // Every test starts with empty storage: drafts from one test must not open in another.
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    mount_fresh_keeping_storage()
}

/// Mounts the app again without clearing storage.
fn mount_fresh_keeping_storage() -> leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable> {
    let doc = document();
    if let Some(old) = doc.get_element_by_id("test-root") {
        old.remove();
    }
    let root = doc.create_element("div").unwrap();
    root.set_id("test-root");
    doc.body().unwrap().append_child(&root).unwrap();
    leptos::mount::mount_to(wasm_bindgen::JsCast::unchecked_into(root), jixiao::app::App)
}

#[wasm_bindgen_test]
async fn first_visit_shows_the_start_page_and_the_seed_000_example_its_figures() {
    let location = web_sys::window().unwrap().location();
    location.set_hash("").unwrap();
    let _app = mount_fresh();
    tick().await;
    assert!(document().query_selector("[data-testid='app-ready']").unwrap().is_some());
    // A first visit lands on 首页, its drop zone first (issue 27), not in an example.
    assert!(document().query_selector("[data-testid='drop-zone']").unwrap().is_some());
    assert!(document().query_selector("[data-testid='total-score']").unwrap().is_none());
    location.set_hash("#/edit/seed-000").unwrap();
    tick().await;
    assert_eq!(text("total-score"), "98.00");
    assert_eq!(text("grade"), "优");
    assert_eq!(text("budget-rate"), "373.29%");
    assert_eq!(text("budget-score"), "10.00");
    assert_eq!(text("findings-count"), "错误 5 · 警告 6");
    assert!(text("app-version").contains(env!("CARGO_PKG_VERSION")));
}

#[wasm_bindgen_test]
async fn hash_routes_switch_views() {
    let location = web_sys::window().unwrap().location();
    location.set_hash("#/").unwrap();
    let _app = mount_fresh();
    tick().await;
    let examples = document().query_selector_all("[data-testid='open-example']").unwrap();
    assert_eq!(examples.length(), 4);
    location.set_hash("#/edit/seed-003").unwrap();
    tick().await;
    assert_eq!(text("total-score"), "94.15");
    assert_eq!(text("budget-score"), "14.15");
    // 审核 and 打印 are in the screens module (issue 25): 加载中… until it is there.
    provide_screens_module();
    location.set_hash("#/review").unwrap();
    wait_for("[data-testid='review-table']").await;
    // 审核 starts empty: the examples are never preloaded into a batch (issue 17).
    let review = text("review-table");
    assert!(review.contains("计算总分") && !review.contains("武汉市汉阳区总工会"), "{review}");
    location.set_hash("#/print/seed-000").unwrap();
    wait_for("[data-testid='print-button']").await;
    // The printed form's HTML is built in the reader worker (issue 25), which this test page
    // does not serve: the print view is reached with its toolbar, 打印 waits for the HTML and
    // the page says it is loading or why it cannot show it, never an empty or stale report.
    // The printed figures themselves (declared 总分 98, issue 17 item 11) are checked end to end
    // on the built app: e2e/tests/app.test.mjs, daily-print.test.mjs, exchange.test.mjs.
    let print = document().query_selector("[data-testid='print-button']").unwrap().expect("the print toolbar");
    assert!(print.has_attribute("disabled"), "打印 is enabled only once the report's HTML is shown");
    let view = document().query_selector(".print-view").unwrap().expect("the print view").text_content().unwrap_or_default();
    assert!(view.contains("加载中") || view.contains("读取组件加载失败"), "{view}");
}

fn input(path: &str) -> web_sys::HtmlInputElement {
    document()
        .query_selector(&format!("[data-path='{path}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no field {path}"))
        .dyn_into::<web_sys::HtmlInputElement>()
        .unwrap()
}

/// Types `value` into a field the way a keystroke does: set the value, fire `input`.
fn type_into(path: &str, value: &str) {
    let el = input(path);
    el.focus().unwrap();
    el.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    el.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

fn key(target: &web_sys::Element, key: &str, ctrl: bool, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    target.dispatch_event(&web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap()).unwrap();
}

fn active_path() -> String {
    document().active_element().and_then(|e| e.get_attribute("data-path")).unwrap_or_default()
}

use wasm_bindgen::JsCast;

#[wasm_bindgen_test]
async fn budget_cell_recomputes_rate_score_and_total_on_each_keystroke() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-000").unwrap();
    let _app = mount_fresh();
    tick().await;
    type_into("overall.budget.executed", "７００");
    tick().await;
    assert_eq!(text("budget-rate"), "88.52%");
    assert_eq!(text("budget-score"), "8.85");
    assert_eq!(text("total-score"), "96.85");
    assert_eq!(input("overall.budget.executed").value(), "７００", "the text stays as typed");
    type_into("overall.budget.executed", "7OO");
    tick().await;
    assert_eq!(text("total-score"), "96.85", "a refused value keeps the last valid one");
    let error = document().query_selector(".cell-error").unwrap().unwrap().text_content().unwrap();
    // The message names the value still in force (issue 17 item 6).
    assert_eq!(error, "“7OO”不是有效的数字，本格保留原值 700。");
}

#[wasm_bindgen_test]
async fn undo_and_redo_of_typing_in_one_cell_are_one_step() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-000").unwrap();
    let _app = mount_fresh();
    tick().await;
    for text in ["4", "40", "4"] {
        type_into("overall.indicators[0].weight", text);
    }
    tick().await;
    assert_eq!(text("total-score"), "97.00");
    let editor = document().query_selector(".editor").unwrap().unwrap();
    key(&editor, "z", true, false);
    tick().await;
    assert_eq!(text("total-score"), "98.00");
    assert_eq!(input("overall.indicators[0].weight").value(), "5");
    key(&editor, "y", true, false);
    tick().await;
    assert_eq!(input("overall.indicators[0].weight").value(), "4");
}

#[wasm_bindgen_test]
async fn enter_moves_down_a_column_and_paste_fills_rows() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-001").unwrap();
    let _app = mount_fresh();
    tick().await;
    let first = input("overall.indicators[0].weight");
    first.focus().unwrap();
    key(&first, "Enter", false, false);
    assert_eq!(active_path(), "overall.indicators[1].weight");
    key(&document().active_element().unwrap(), "Enter", false, true);
    assert_eq!(active_path(), "overall.indicators[0].weight");

    let rows_before = document().query_selector_all("[data-path$='].name'][data-grid]").unwrap().length();
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", "满意度\t≥90%\t95%\t5\t5\r\n职工满意度\t≥90%\t92%\t5\t5\r\n").unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_clipboard_data(Some(&data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let last = rows_before - 1;
    let target = input(&format!("overall.indicators[{last}].name"));
    target.dispatch_event(&web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap()).unwrap();
    tick().await;
    assert_eq!(document().query_selector_all("[data-path$='].name'][data-grid]").unwrap().length(), rows_before + 1);
    assert_eq!(input(&format!("overall.indicators[{last}].target")).value(), "≥90%");
    assert_eq!(input(&format!("overall.indicators[{}].name", last + 1)).value(), "职工满意度");
    assert_eq!(input(&format!("overall.indicators[{}].weight", last + 1)).value(), "5");
}

#[wasm_bindgen_test]
async fn a_finding_click_opens_its_section_and_focuses_its_field() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-000").unwrap();
    let _app = mount_fresh();
    tick().await;
    let section = document().query_selector(".section-link").unwrap().unwrap(); // 封面
    section.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    tick().await;
    assert!(document().query_selector("[data-path='overall.budget.executed']").unwrap().is_none());
    let finding = document().query_selector("[data-finding^='overall.budget']").unwrap().unwrap();
    let path = finding.get_attribute("data-finding").unwrap();
    finding.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    tick().await;
    assert_eq!(active_path(), path);
    assert_eq!(input(&path).get_attribute("aria-invalid").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn storage_keeps_drafts_and_quarantines_broken_entries_untouched() {
    use jixiao::app::storage;
    let store = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    store.clear().unwrap();
    let mut report = jixiao::model::examples::example("seed-001").unwrap().unwrap();
    report.id = "t1".into();
    let meta = storage::save(&report, 0).unwrap();
    let (loaded, loaded_meta) = storage::load("t1").unwrap().unwrap();
    assert_eq!(loaded, report);
    assert_eq!(loaded_meta, meta);
    assert_eq!(meta.name, "岳阳市云溪区总工会 2024年度绩效自评");
    let broken = format!("{}broken", storage::DRAFT_PREFIX);
    store.set_item(&broken, "{not json").unwrap();
    let future = format!("{}future", storage::DRAFT_PREFIX);
    store.set_item(&future, r#"{"format":"jixiao-report","version":99,"report":{}}"#).unwrap();
    let list = storage::list();
    assert_eq!(list.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["t1"]);
    assert!(store.get_item(&broken).unwrap().is_none(), "moved out of the draft keys");
    let mut q = storage::quarantined();
    q.sort_by(|a, b| a.key.cmp(&b.key));
    assert_eq!(q.len(), 2);
    assert_eq!((q[0].key.as_str(), q[0].text.as_str()), (broken.as_str(), "{not json"));
    assert!(q[0].reason.contains("不是有效的 JSON"));
    assert!(q[1].reason.contains("更新版本"), "{}", q[1].reason);
}

#[wasm_bindgen_test]
async fn a_save_never_overwrites_another_tabs_newer_save() {
    use jixiao::app::storage;
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let mut report = jixiao::model::examples::example("seed-000").unwrap().unwrap();
    report.id = "t2".into();
    let mine = storage::save(&report, 0).unwrap();
    // Another tab writes a newer version.
    let other = storage::Meta { name: mine.name.clone(), saved: mine.saved + 5, writer: "other-tab".into(), snapshot: 0 };
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
        .set_item(&format!("{}t2", storage::META_PREFIX), &serde_json::to_string(&other).unwrap()).unwrap();
    report.department = "改过的名称".into();
    assert_eq!(storage::save(&report, mine.saved), Err(storage::SaveError::Conflict(other.clone())));
    assert_eq!(storage::load("t2").unwrap().unwrap().0.department, "岳阳市总工会", "nothing written");
    // Once the user chose, saving from the other's version goes through.
    assert!(storage::save(&report, other.saved).is_ok());
}

#[wasm_bindgen_test]
async fn snapshots_keep_at_most_twenty_and_one_a_minute() {
    use jixiao::app::storage;
    web_sys::window().unwrap().local_storage().unwrap().unwrap().clear().unwrap();
    let mut report = jixiao::model::examples::example("seed-001").unwrap().unwrap();
    report.id = "t3".into();
    assert!(storage::snapshot(&report, false));
    assert!(!storage::snapshot(&report, false), "a second one within the minute is skipped");
    for _ in 0..25 {
        assert!(storage::snapshot(&report, true));
    }
    assert_eq!(storage::snapshots("t3").len(), storage::SNAPSHOTS_KEPT);
}

#[wasm_bindgen_test]
async fn backup_then_clear_then_restore_gives_identical_drafts() {
    use jixiao::app::storage;
    let store = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    store.clear().unwrap();
    for (i, id) in ["seed-000", "seed-003"].into_iter().enumerate() {
        let mut report = jixiao::model::examples::example(id).unwrap().unwrap();
        report.id = format!("b{i}");
        storage::save(&report, 0).unwrap();
    }
    store.set_item(&format!("{}x", storage::DRAFT_PREFIX), "garbage").unwrap();
    let before = storage::list();
    let backup = storage::backup();
    store.clear().unwrap();
    let restored = storage::restore(&backup).unwrap();
    assert_eq!(restored.written, 2);
    assert_eq!(restored.quarantined, 1);
    let key = |l: Vec<storage::DraftEntry>| l.into_iter().map(|e| (e.id, e.report, e.meta.name, e.meta.saved)).collect::<Vec<_>>();
    assert_eq!(key(storage::list()), key(before));
    // Restoring again changes nothing; a newer draft here is not overwritten without asking.
    let mut newer = storage::load("b0").unwrap().unwrap().0;
    newer.department = "本机更新".into();
    storage::write(&newer, None, storage::meta("b0").as_ref()).unwrap();
    let again = storage::restore(&backup).unwrap();
    assert_eq!((again.written, again.same, again.newer_here.len()), (0, 1, 1));
    assert_eq!(storage::load("b0").unwrap().unwrap().0.department, "本机更新");
}

#[wasm_bindgen_test]
async fn an_edited_example_is_autosaved_as_a_draft_and_reopens_from_storage() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-000").unwrap();
    let _app = mount_fresh();
    tick().await;
    assert_eq!(text("save-status"), "未修改");
    type_into("overall.declared_total", "97");
    tick().await;
    assert_eq!(text("save-status"), "保存中");
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 600).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    assert!(text("save-status").starts_with("已保存 "), "{}", text("save-status"));
    let (saved, _) = jixiao::app::storage::load("seed-000").unwrap().unwrap();
    assert_eq!(saved.overall.unwrap().declared_total, Some(rust_decimal::Decimal::from(97)));
}

/// The browser's reader (this is its code, compiled for the browser, as the reader worker runs
/// it) opens a 部门决算 file as one, and the 决算 editor's session (also the worker's) shows it:
/// the nine tables with an input per figure, and a changed figure moves the drafted 说明.
#[wasm_bindgen_test]
fn the_browser_reader_opens_a_final_accounts_file_for_its_editor() {
    use jixiao_office::import::{open_with, Opened};
    use jixiao::model::final_accounts::{json, session};
    // An .xlsx needs no legacy-encoding decoder.
    fn no_decoder(_: &str, _: &[u8]) -> Option<String> {
        None
    }
    let bytes = include_bytes!("fixtures/final_accounts/seed-004.xlsx");
    let Ok(Opened::FinalAccounts(fa)) = open_with("决算公开表.xlsx", bytes, &no_decoder, &[]) else { panic!("a 决算") };
    assert_eq!(fa.tables.len(), 9);
    let saved = json::save(&fa);
    let t3 = fa.table_index("t3").unwrap();
    let op = format!("{{\"op\":\"set\",\"table\":{t3},\"row\":0,\"col\":1,\"text\":\"８５０\"}}");
    let answer: serde_json::Value = serde_json::from_str(&session::run_wire(&op, &saved, "")).unwrap();
    let html = answer["html"].as_str().unwrap();
    assert!(html.contains("基本支出850.00万元") && html.contains("value=\"850.00\""), "{html}");
    assert_eq!(html.matches("data-testid=\"fa-table\"").count(), 9);
}

/// The page's 决算 routes are a hook (issue 25): 首页 links to the 部门决算 page, and `#/fa/<id>`
/// shows 加载中… while the pages module loads (public/loader.js's `jixiaoPages`; the editor
/// itself is tested end to end in e2e/tests/final-accounts.test.mjs); a page without that
/// loader says the component did not load instead of waiting for ever.
#[wasm_bindgen_test]
async fn the_final_accounts_route_loads_the_pages_module() {
    let location = web_sys::window().unwrap().location();
    location.set_hash("#/").unwrap();
    let _app = mount_fresh();
    tick().await;
    assert!(text("fa-home").contains("部门决算（新建、打开）"), "{}", text("fa-home"));
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.set_item("jixiao.fa.d1", include_str!("fixtures/final_accounts/seed-004.json")).unwrap();
    location.set_hash("#/fa/d1").unwrap();
    let _app = mount_fresh_keeping_storage();
    assert_eq!(text("loading"), "加载中…");
    tick().await;
    assert!(text("fa-error").starts_with("部门决算组件加载失败"), "{}", text("fa-error"));
    assert!(storage.get_item("jixiao.fa.d1").unwrap().is_some(), "the draft is untouched");
}

/// The 自评 sections are HTML drawn from the model with delegated listeners (app::sheet): a row
/// whose texts are not measurable becomes 定性, gets its tier picker in place, and the assessed
/// score typed into it is scored while the focus stays in it.
#[wasm_bindgen_test]
async fn a_qualitative_row_gets_its_tier_picker_and_is_scored_while_typing() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-000").unwrap();
    let _app = mount_fresh();
    tick().await;
    assert!(document().query_selector("[data-path='overall.indicators[0].tier']").unwrap().is_none(), "row 1 of seed 000 is quantitative");
    type_into("overall.indicators[0].target", "群众认可");
    type_into("overall.indicators[0].actual", "基本认可");
    tick().await;
    let select = document().query_selector("select[data-path='overall.indicators[0].tier']").unwrap().expect("the tier picker of a 定性 row");
    let select: web_sys::HtmlSelectElement = select.dyn_into().unwrap();
    select.set_value("met");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select.dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap()).unwrap();
    tick().await;
    let select: web_sys::HtmlSelectElement = document().query_selector("select[data-path='overall.indicators[0].tier']").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(select.value(), "met", "the tier is taken and drawn again as chosen");
    let row = select.closest("tr").unwrap().unwrap();
    assert!(!row.query_selector(".band").unwrap().unwrap().text_content().unwrap_or_default().is_empty(), "the tier's band is shown");
    type_into("overall.indicators[0].assessed_score", "5");
    tick().await;
    assert_eq!(active_path(), "overall.indicators[0].assessed_score", "the picker is not redrawn under the user's fingers");
    let score = input("overall.indicators[0].assessed_score").closest("tr").unwrap().unwrap().query_selector(".score-cell .computed").unwrap().unwrap();
    assert_eq!(score.text_content().unwrap().trim(), "5.00");
}

/// A finding that appears marks its field (class, ✕, title, aria-invalid), and goes with it.
#[wasm_bindgen_test]
async fn a_field_is_marked_while_its_finding_lasts() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-000").unwrap();
    let _app = mount_fresh();
    tick().await;
    let before = input("overall.declared_total").value();
    assert!(!input("overall.declared_total").class_list().contains("has-error"));
    type_into("overall.declared_total", "101");
    tick().await;
    let field = input("overall.declared_total");
    assert!(field.class_list().contains("has-error"));
    assert_eq!(field.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(field.get_attribute("title").unwrap_or_default().contains("超过100分"));
    assert_eq!(field.parent_element().unwrap().query_selector(".mark").unwrap().unwrap().text_content().unwrap(), "✕");
    type_into("overall.declared_total", &before);
    tick().await;
    let field = input("overall.declared_total");
    assert!(!field.class_list().contains("has-error"));
    assert!(field.get_attribute("aria-invalid").is_none());
    assert!(field.parent_element().unwrap().query_selector(".mark").unwrap().is_none());
}

/// The sections' buttons change the report and the fields follow: a reviewer added on 评价人员,
/// an indicator row removed from its toolbar (whose ←/→ move between its buttons) and undone.
#[wasm_bindgen_test]
async fn section_buttons_add_and_remove_rows_and_undo_brings_them_back() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-000").unwrap();
    let _app = mount_fresh();
    tick().await;
    let rows = || document().query_selector_all("[data-path$='].name'][data-grid]").unwrap().length();
    let before = rows();
    let first_name = input("overall.indicators[0].name").value();
    let toolbar = document().query_selector("[data-testid='row-toolbar']").unwrap().unwrap();
    let buttons = toolbar.query_selector_all("button").unwrap();
    let plus: web_sys::HtmlElement = buttons.item(0).unwrap().dyn_into().unwrap();
    plus.focus().unwrap();
    key(&plus, "ArrowRight", false, false);
    assert_eq!(document().active_element().unwrap().text_content().unwrap(), "↑");
    let remove: web_sys::HtmlElement = document().query_selector("[data-testid='remove-row']").unwrap().unwrap().dyn_into().unwrap();
    remove.click();
    tick().await;
    assert_eq!(rows(), before - 1);
    assert_ne!(input("overall.indicators[0].name").value(), first_name);
    let editor = document().query_selector(".editor").unwrap().unwrap();
    key(&editor, "z", true, false);
    tick().await;
    assert_eq!(rows(), before);
    assert_eq!(input("overall.indicators[0].name").value(), first_name);

    let links = document().query_selector_all(".section-link").unwrap();
    let sign_off = (0..links.length()).filter_map(|i| links.item(i)).find(|l| l.text_content().unwrap_or_default().contains("评价人员")).unwrap();
    sign_off.dyn_into::<web_sys::HtmlElement>().unwrap().click();
    tick().await;
    let reviewers = || document().query_selector_all("[data-path^='sign_off.reviewers['][data-path$='].name']").unwrap().length();
    let n = reviewers();
    let add: web_sys::HtmlElement = document().query_selector("[data-action='add-reviewer']").unwrap().unwrap().dyn_into().unwrap();
    add.click();
    tick().await;
    assert_eq!(reviewers(), n + 1);
    type_into(&format!("sign_off.reviewers[{n}].name"), "张三");
    tick().await;
    assert_eq!(input(&format!("sign_off.reviewers[{n}].name")).value(), "张三");
}

/// A section drawn again after a change of its structure keeps what the user had: the focus on a
/// computed figure (so the next Ctrl+Z still reaches the editor) and the note under a cell whose
/// refused text was not taken; a row's buttons are named after what was just typed.
#[wasm_bindgen_test]
async fn a_redraw_keeps_the_focus_the_notes_and_the_names() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-000").unwrap();
    let _app = mount_fresh();
    tick().await;
    type_into("overall.indicators[0].name", "某某指标");
    tick().await;
    let remove = document().query_selector("[data-testid='remove-row']").unwrap().unwrap();
    assert_eq!(remove.get_attribute("aria-label").as_deref(), Some("删除第1行“某某指标”"));

    type_into("overall.budget.executed", "abc");
    input("overall.budget.executed").blur().unwrap();
    tick().await;
    assert!(text("cell-kept").starts_with("未采用“abc”"));
    let add: web_sys::HtmlElement = document().query_selector("[data-testid='add-row']").unwrap().unwrap().dyn_into().unwrap();
    add.click();
    tick().await;
    assert!(text("cell-kept").starts_with("未采用“abc”"), "the note stays after a row is added");

    let figure: web_sys::HtmlElement = document().query_selector(".sheet .computed").unwrap().unwrap().dyn_into().unwrap();
    figure.focus().unwrap();
    let editor = document().query_selector(".editor").unwrap().unwrap();
    key(&editor, "z", true, false);
    tick().await;
    let active = document().active_element().unwrap();
    assert!(active.class_list().contains("computed"), "the figure keeps the focus after the section is drawn again");
    type_into("overall.budget.executed", "１２３");
    tick().await;
    assert!(document().query_selector("[data-testid='cell-kept']").unwrap().is_none(), "typing again takes the note away");
}

/// The editor's parts drawn as HTML (`cells::live`) are brought up to date in place: the 总分
/// element a user (or a screen reader) is on stays the same element with the new figure, and a
/// project added from the nav leaves the focus on the add button, so Enter adds another.
#[wasm_bindgen_test]
async fn the_summary_bar_and_nav_change_in_place() {
    web_sys::window().unwrap().location().set_hash("#/edit/seed-000").unwrap();
    let _app = mount_fresh();
    tick().await;
    let total = document().query_selector("[data-testid='total-score']").unwrap().unwrap();
    assert_eq!(total.text_content().as_deref(), Some("98.00"));
    type_into("overall.indicators[0].actual", "1次");
    tick().await;
    assert!(total.is_connected(), "the 总分 element is kept");
    assert_eq!(total.text_content().as_deref(), Some("94.25"));
    assert_eq!(text("total-score"), "94.25");

    let items = || document().query_selector_all(".section-nav li").unwrap().length();
    let before = items();
    let add: web_sys::HtmlElement = document().query_selector("[data-testid='add-project']").unwrap().unwrap().dyn_into().unwrap();
    add.focus().unwrap();
    add.click();
    tick().await;
    assert_eq!(items(), before + 1);
    let active = document().active_element().unwrap();
    assert_eq!(active.get_attribute("data-testid").as_deref(), Some("add-project"), "the add button keeps the focus");
    let current = document().query_selector(".section-link.current").unwrap().unwrap();
    assert_eq!(current.text_content().as_deref(), Some("项目：（未命名项目）"));
    assert_eq!(current.get_attribute("aria-current").as_deref(), Some("true"));
}

/// crates/wasm-streams (in place of the crates.io wasm-streams, for server_fn): a Rust stream
/// offered as a JS ReadableStream and read back as a Rust stream gives the same chunks in order,
/// then ends; a failing Rust stream errors the JS stream, which reads as one `Err`.
#[wasm_bindgen_test]
async fn the_stream_bridge_carries_chunks_both_ways() {
    use futures_util::StreamExt;
    let items = vec![Ok(wasm_bindgen::JsValue::from("甲")), Ok(wasm_bindgen::JsValue::from(2)), Ok(wasm_bindgen::JsValue::from("丙"))];
    let raw = wasm_streams::ReadableStream::from_stream(futures_util::stream::iter(items)).into_raw();
    let read: Vec<_> = wasm_streams::ReadableStream::from_raw(raw).into_stream().collect().await;
    let read: Vec<String> = read.into_iter().map(|r| format!("{:?}", r.unwrap())).collect();
    assert_eq!(read, vec!["JsValue(\"甲\")", "JsValue(2)", "JsValue(\"丙\")"]);
    let failing = futures_util::stream::iter(vec![Ok(wasm_bindgen::JsValue::from("一")), Err(wasm_bindgen::JsValue::from("坏了"))]);
    let raw = wasm_streams::ReadableStream::from_stream(failing).into_raw();
    let read: Vec<_> = wasm_streams::ReadableStream::from_raw(raw).into_stream().collect().await;
    assert_eq!(read.len(), 2);
    assert_eq!(read[0].as_ref().unwrap().as_string().as_deref(), Some("一"));
    assert_eq!(read[1].as_ref().unwrap_err().as_string().as_deref(), Some("坏了"));
}

/// The stream bridge reads nothing ahead of its consumer, and a reader dropped before the end
/// cancels the JS stream, which drops the Rust stream (a server_fn response stops there).
#[wasm_bindgen_test]
async fn the_stream_bridge_reads_on_demand_and_cancels_on_drop() {
    use futures_util::StreamExt;
    use std::cell::Cell;
    use std::rc::Rc;
    struct Guard(Rc<Cell<bool>>);
    impl Drop for Guard {
        fn drop(&mut self) {
            self.0.set(true);
        }
    }
    let (polled, dropped) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(false)));
    let counter = polled.clone();
    let source = futures_util::stream::unfold(Guard(dropped.clone()), move |guard| {
        let counter = counter.clone();
        async move {
            counter.set(counter.get() + 1);
            Some((Ok(wasm_bindgen::JsValue::from(counter.get())), guard))
        }
    });
    let raw = wasm_streams::ReadableStream::from_stream(source).into_raw();
    tick().await;
    assert_eq!(polled.get(), 0, "nothing pulled before a read");
    let mut reading = wasm_streams::ReadableStream::from_raw(raw).into_stream();
    assert_eq!(reading.next().await.unwrap().unwrap().as_f64(), Some(1.0));
    tick().await;
    assert_eq!(polled.get(), 1, "one item pulled for one read");
    assert!(!dropped.get());
    drop(reading);
    tick().await;
    assert!(dropped.get(), "the Rust stream is dropped once the reader is");
}
