//! The 封面 and 基础数据表 sections.

use leptos::prelude::*;

use crate::app::cells::Field;
use crate::app::doc::use_doc;
use crate::model::edit::Change;
use crate::model::exchange::json;
use crate::model::report::{BASIC_ROWS, SPECIALS_AFTER};
use crate::model::rules;

use super::forms::{form, COVER_ROWS, STAFF_ROWS};
use super::offer;

#[component]
pub(super) fn CoverSection() -> impl IntoView {
    let doc = use_doc();
    let packs = rules::available();
    let current = move || doc.report.with(|r| r.rule_pack.clone());
    view! {
        <h2>"封面"</h2>
        <table class="official form">
            <tbody>
                <tr><th scope="row">"部门（单位）名称"</th><td><Field path="department".to_string() label="部门（单位）名称" /></td></tr>
                <tr><th scope="row">"年度"</th><td><Field path="year".to_string() label="年度" /></td></tr>
                <tr><th scope="row">"评分规则"</th><td>
                    <select class="field" aria-label="评分规则" data-path="rule_pack"
                        on:change=move |ev| { doc.set_field("rule_pack", &event_target_value(&ev)).ok(); }>
                        {packs.iter().map(|p| {
                            let id = p.id.clone();
                            let selected = { let id = id.clone(); move || current() == id };
                            view! { <option value=id prop:selected=selected>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </td></tr>
            </tbody>
        </table>
        {form("cover", COVER_ROWS)}
    }
}

#[component]
pub(super) fn BasicSection() -> impl IntoView {
    let doc = use_doc();
    let specials = Memo::new(move |_| doc.report.with(|r| r.basic_data.as_ref().map(|b| b.specials.len()).unwrap_or(0)));
    let triple = |label: String, base: String| {
        view! {
            <tr><th scope="row">{label.clone()}</th>
                <td><Field path=format!("{base}.prev_final") label=format!("{label} 上年决算数") /></td>
                <td><Field path=format!("{base}.budget") label=format!("{label} 本年预算数") /></td>
                <td><Field path=format!("{base}.final_") label=format!("{label} 本年决算数") /></td></tr>
        }
    };
    let unit = move || doc.report.with(|r| r.basic_data.as_ref().map(|b| b.unit).unwrap_or_default().label());
    let export_csv = move |_| {
        let (name, csv) = doc.report.with_untracked(|r| {
            (format!("{}-基础数据表.csv", json::file_stem(r)), crate::model::exchange::csv::basic_data(&r.basic_data.clone().unwrap_or_default()))
        });
        offer(doc, &name, csv.as_bytes(), "text/csv;charset=utf-8");
    };
    view! {
        <h2>"基础数据表"</h2>
        <p class="table-actions"><button type="button" class="button" on:click=export_csv>"导出本表 CSV（Excel）"</button></p>
        <h3>"财政供养人员情况"</h3>
        {form("basic_data", STAFF_ROWS)}
        <table class="official">
            <caption>{move || format!("经费控制情况（单位：{}）", unit())}</caption>
            <thead><tr><th>"项目"</th><th>"上年决算数"</th><th>"本年预算数"</th><th>"本年决算数"</th></tr></thead>
            <tbody>
                {BASIC_ROWS[..SPECIALS_AFTER].iter().map(|(field, label)| triple(label.to_string(), format!("basic_data.{field}"))).collect_view()}
                {move || (0..specials.get()).map(|i| view! {
                    <tr><th scope="row"><Field path=format!("basic_data.specials[{i}].name") label=format!("市级专项资金 {} 名称", i + 1) />
                        <button type="button" class="link" on:click=move |_| { doc.change(Change::RemoveSpecial { at: i }); }>"删除"</button></th>
                        <td><Field path=format!("basic_data.specials[{i}].values.prev_final") label="上年决算数" /></td>
                        <td><Field path=format!("basic_data.specials[{i}].values.budget") label="本年预算数" /></td>
                        <td><Field path=format!("basic_data.specials[{i}].values.final_") label="本年决算数" /></td></tr>
                }).collect_view()}
                <tr><td colspan="4"><button type="button" class="link" on:click=move |_| { doc.change(Change::AddSpecial); }>"＋ 添加市级专项资金"</button></td></tr>
                {BASIC_ROWS[SPECIALS_AFTER..].iter().map(|(field, label)| triple(label.to_string(), format!("basic_data.{field}"))).collect_view()}
            </tbody>
        </table>
        {form("basic_data", &[("厉行节约保障措施", "frugality", true)])}
    }
}
