//! The rule pack's suggestions for 一级/二级指标 and grades, for the indicator grid's fields.

use leptos::prelude::*;

use crate::app::doc::use_doc;
use crate::model::rules;

/// `<datalist>`s of the rule pack's 一级/二级指标 and grades.
#[component]
pub(super) fn Suggestions() -> impl IntoView {
    let doc = use_doc();
    let pack = Memo::new(move |_| doc.report.with(|r| r.rule_pack.clone()));
    move || {
        let Some(p) = rules::find(&pack.get()) else { return ().into_any() };
        view! {
            <datalist id="level1-options">{p.level1.iter().map(|l| view! { <option value=l.name.clone()></option> }).collect_view()}</datalist>
            <datalist id="level2-options">{p.level1.iter().flat_map(|l| l.level2.iter()).map(|l| view! { <option value=l.clone()></option> }).collect_view()}</datalist>
            <datalist id="grade-options">{p.grades.iter().map(|g| view! { <option value=g.name.clone()></option> }).collect_view()}</datalist>
        }
        .into_any()
    }
}
