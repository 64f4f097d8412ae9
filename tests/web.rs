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

fn mount_fresh() -> leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable> {
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
async fn first_visit_shows_the_seed_000_example_with_its_figures() {
    web_sys::window().unwrap().location().set_hash("").unwrap();
    let _app = mount_fresh();
    tick().await;
    assert!(document().query_selector("[data-testid='app-ready']").unwrap().is_some());
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
    location.set_hash("#/review").unwrap();
    tick().await;
    let review = text("review-table");
    assert!(review.contains("武汉市汉阳区总工会") && review.contains("94.15"), "{review}");
    location.set_hash("#/print/seed-000").unwrap();
    tick().await;
    assert!(text("print-view").contains("98.00"));
}
