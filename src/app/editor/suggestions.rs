//! The rule pack's suggestions for 一级/二级指标 and grades, for the indicator grid's fields.

use leptos::prelude::*;

use crate::app::doc::use_doc;
use crate::model::print::escape;
use crate::model::rules;

/// `<datalist>`s of the rule pack's 一级/二级指标 and grades (HTML, drawn again when the report
/// takes another pack).
#[component]
pub(super) fn Suggestions() -> impl IntoView {
    let doc = use_doc();
    // Read again only when the report takes another pack, not on every keystroke.
    let pack = Memo::new(move |_| doc.report.with(|r| r.rule_pack.clone()));
    let lists = NodeRef::<leptos::html::Div>::new();
    let first = crate::app::cells::live(move || lists.get().map(Into::into), move || {
        let Some(p) = rules::find(&pack.get()) else { return String::new() };
        let options = |names: &mut dyn Iterator<Item = &str>| names.map(|n| format!("<option value=\"{}\"></option>", escape(n))).collect::<String>();
        format!(
            "<datalist id=\"level1-options\">{}</datalist><datalist id=\"level2-options\">{}</datalist><datalist id=\"grade-options\">{}</datalist>",
            options(&mut p.level1.iter().map(|l| l.name.as_str())),
            options(&mut p.level1.iter().flat_map(|l| l.level2.iter()).map(String::as_str)),
            options(&mut p.grades.iter().map(|g| g.name.as_str()))
        )
    });
    view! { <div class="suggestions" node_ref=lists inner_html=first></div> }
}
