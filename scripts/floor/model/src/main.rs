//! Everything the browser app needs from the model, and nothing else: the example loaded,
//! scored, checked, saved and printed; with `--features page`, inside the smallest Leptos page
//! that edits a field and shows the live 总分.
use jixiao_model::exchange::json as format;
use jixiao_model::{check, edit, examples, print, Report};

fn figures(report: &Report) -> (String, String) {
    let evaluation = check::evaluate(report);
    let total = evaluation.tables.first().and_then(|t| t.total).map(|t| t.to_string()).unwrap_or_default();
    let mut html = print::report_html(report, &evaluation, print::PrintOptions { findings: true, explanations: true, ..print::PrintOptions::default() });
    html.push_str(&format::save(report, Some(&evaluation)));
    html.push_str(&format::save_compact(report));
    (total, html)
}

fn example() -> Report {
    examples::example("seed-000").and_then(Result::ok).unwrap_or_default()
}

#[cfg(not(feature = "page"))]
fn main() {
    let mut report = example();
    let text = wasm_bindgen::JsValue::from_str("90");
    let _ = edit::set(&mut report, "overall.indicators[0].actual", &text.as_string().unwrap_or_default());
    let (total, html) = figures(&report);
    let loaded = format::load(&html).map(|l| l.report.year).unwrap_or_default();
    wasm_bindgen::JsValue::from_str(&format!("{total}{loaded}{}", html.len())).as_string();
}

#[cfg(feature = "page")]
fn main() {
    use leptos::prelude::*;
    mount_to_body(|| {
        let report = RwSignal::new(example());
        let figures = Memo::new(move |_| report.with(figures));
        view! {
            <main data-testid="app-ready">
                <input on:input=move |e| report.update(|r| { let _ = edit::set(r, "overall.indicators[0].actual", &event_target_value(&e)); }) />
                <p>"总分 " {move || figures.get().0}</p>
                <div inner_html=move || figures.get().1></div>
            </main>
        }
    });
}
