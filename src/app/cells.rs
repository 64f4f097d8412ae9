//! The summary bar's computed figures (a button that opens its explanation) and focus helpers.
//! The report's fields are drawn by `sheet` (the sections as HTML with delegated listeners).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::doc::use_doc;

/// A computed figure; click or focus shows how it was computed.
#[component]
pub fn Computed(
    /// What the figure is, e.g. 计算得分.
    #[prop(into)]
    title: String,
    /// The figure as shown ("9.00", "—").
    #[prop(into)]
    value: Signal<String>,
    /// (formula with the numbers, rule clause).
    #[prop(into)]
    explain: Signal<(String, String)>,
    /// `data-testid` of the figure, for the summary bar.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let doc = use_doc();
    let title = StoredValue::new(title);
    let show = move || {
        let (text, clause) = explain.get_untracked();
        doc.show(title.get_value(), text, clause);
    };
    view! {
        <button type="button" class="computed" aria-label=move || format!("{}：{}，查看计算说明", title.get_value(), value.get())
            on:click=move |_| show() on:focus=move |_| show()>
            <span data-testid=testid>{move || value.get()}</span>
        </button>
    }
}

/// Focuses the first element matching `selector`, if any.
pub fn focus_selector(selector: &str) -> bool {
    let Some(el) = document().query_selector(selector).ok().flatten() else { return false };
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(el) => {
            el.focus().ok();
            true
        }
        Err(_) => false,
    }
}

/// Focuses the field of a finding's path, or the nearest enclosing field that is on screen
/// (`overall.indicators[5]` focuses the row's first cell).
pub fn focus_path(path: &str) -> bool {
    let mut prefix = path.to_string();
    loop {
        if focus_selector(&format!("[data-path=\"{prefix}\"]")) || focus_selector(&format!("[data-path^=\"{prefix}.\"]")) {
            return true;
        }
        match prefix.rfind('.') {
            Some(i) => prefix.truncate(i),
            None => return false,
        }
    }
}
