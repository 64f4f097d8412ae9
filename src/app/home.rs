//! 首页: 新建自评报告, 打开示例报告 and the drafts kept in this browser.

use leptos::prelude::*;

use crate::app::storage::{self, DraftEntry};
use crate::model::edit::{new_report, NewReport, MAX_NEW_PROJECTS};
use crate::model::examples::EXAMPLES;
use crate::model::num::fmt2;
use crate::model::rules;
use crate::model::evaluate;

/// 首页.
#[component]
pub fn Home() -> impl IntoView {
    let drafts = RwSignal::new(storage::list());
    let deleted = RwSignal::new(None::<(String, crate::model::Report)>);
    view! {
        <section class="home">
            <h1>"预算绩效自评"</h1>
            <p class="lead">"按地区评分规则实时计算得分，解释每一个数字，并指出表内不一致之处。所有内容只保存在本浏览器中，不会上传。"</p>
            <NewReportForm />
            <h2>"打开示例报告"</h2>
            <p class="hint">"示例取自真实的2024年度自评报告，原文中的错误均已标出。修改示例会保存为同名草稿；删除该草稿即恢复原样。"</p>
            <ul class="example-list">
                {EXAMPLES.iter().map(|e| {
                    let href = format!("#/edit/{}", e.id);
                    view! {
                        <li class="example">
                            <span class="example-title">{e.title}</span>
                            <a class="button" data-testid="open-example" href=href>"打开"</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h2>"我的草稿"</h2>
            {move || deleted.get().map(|(title, report)| view! {
                <p class="notice" role="status">{format!("已删除草稿“{title}”。")}
                    <button type="button" class="button" on:click=move |_| {
                        match storage::save(&report) {
                            Ok(()) => deleted.set(None),
                            Err(m) => window().alert_with_message(&m).unwrap_or_default(),
                        }
                        drafts.set(storage::list());
                    }>"撤销删除"</button></p>
            })}
            {move || {
                let list = drafts.get();
                if list.is_empty() {
                    return view! { <p data-testid="draft-list">"还没有草稿。新建报告或修改示例后，草稿会自动保存在这里。"</p> }.into_any();
                }
                view! {
                    <table class="official drafts" data-testid="draft-list">
                        <thead><tr><th>"部门"</th><th>"年度"</th><th>"评分规则"</th><th>"最后保存"</th><th>"总分"</th><th>"操作"</th></tr></thead>
                        <tbody>{list.into_iter().map(|entry| draft_row(entry, drafts, deleted)).collect_view()}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

fn draft_row(entry: DraftEntry, drafts: RwSignal<Vec<DraftEntry>>, deleted: RwSignal<Option<(String, crate::model::Report)>>) -> impl IntoView {
    let saved = entry.saved_ms.map(storage::local_time).unwrap_or_default();
    match entry.report {
        Ok(report) => {
            let total = evaluate(&report).tables.first().and_then(|t| t.total).map(fmt2).unwrap_or_else(|| "—".into());
            let href = format!("#/edit/{}", entry.id);
            let id = entry.id.clone();
            let title = if report.department.is_empty() { "（未填部门）".to_string() } else { report.department.clone() };
            let pack = rules::find(&report.rule_pack).map(|p| p.name.clone()).unwrap_or_else(|| report.rule_pack.clone());
            let title_for_delete = title.clone();
            view! {
                <tr>
                    <td>{title}</td><td>{report.year}</td><td>{pack}</td><td>{saved}</td><td class="num">{total}</td>
                    <td><a class="button" href=href>"打开"</a>
                        <button type="button" class="button danger" on:click=move |_| {
                            storage::delete(&id);
                            deleted.set(Some((title_for_delete.clone(), report.clone())));
                            drafts.set(storage::list());
                        }>"删除"</button></td>
                </tr>
            }
            .into_any()
        }
        Err(e) => view! {
            <tr class="broken"><td colspan="3">{format!("草稿 {} 无法读取：{e}（原数据未改动）", entry.id)}</td><td>{saved}</td><td></td><td></td></tr>
        }
        .into_any(),
    }
}

/// 新建自评报告: rule pack, year, department and which tables.
#[component]
fn NewReportForm() -> impl IntoView {
    let packs = rules::all();
    let pack = RwSignal::new(packs.iter().find(|p| p.id == "hunan-2024").or(packs.first()).map(|p| p.id.clone()).unwrap_or_default());
    let year = RwSignal::new((js_sys::Date::new_0().get_full_year().saturating_sub(1)).to_string());
    let department = RwSignal::new(String::new());
    let overall = RwSignal::new(true);
    let basic = RwSignal::new(true);
    let projects = RwSignal::new("1".to_string());
    let narrative = RwSignal::new(true);
    let error = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let department = department.get_untracked().trim().to_string();
        if department.is_empty() {
            error.set(Some("请填写部门（单位）名称。".into()));
            return;
        }
        let Ok(year) = crate::model::num::normalize(year.get_untracked().trim()).parse::<u32>() else {
            error.set(Some("年度须为四位数字，例如 2024。".into()));
            return;
        };
        if !(1990..=2100).contains(&year) {
            error.set(Some("年度须在 1990 至 2100 之间。".into()));
            return;
        }
        let Ok(n_projects) = crate::model::num::normalize(projects.get_untracked().trim()).parse::<usize>() else {
            error.set(Some("项目表数量须为整数。".into()));
            return;
        };
        if n_projects > MAX_NEW_PROJECTS {
            error.set(Some(format!("项目表数量不能超过 {MAX_NEW_PROJECTS} 个，可在编辑时继续添加。")));
            return;
        }
        let Some(rule_pack) = rules::find(&pack.get_untracked()) else { return };
        let form = NewReport {
            id: format!("d{}", js_sys::Date::now() as u64),
            rule_pack: rule_pack.id.clone(),
            year,
            department,
            overall: overall.get_untracked(),
            basic_data: basic.get_untracked(),
            projects: n_projects,
            narrative: narrative.get_untracked(),
        };
        let report = new_report(&form, rule_pack);
        match storage::save(&report) {
            Ok(()) => {
                window().location().set_hash(&format!("#/edit/{}", report.id)).ok();
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <form class="new-report" on:submit=create aria-labelledby="new-report-heading">
            <h2 id="new-report-heading">"新建自评报告"</h2>
            <div class="form-grid">
                <label>"评分规则（地区）"
                    <select on:change=move |ev| pack.set(event_target_value(&ev))>
                        {packs.iter().map(|p| {
                            let id = p.id.clone();
                            let selected = { let id = id.clone(); move || pack.get() == id };
                            view! { <option value=id prop:selected=selected>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select></label>
                <label>"年度"<input type="text" inputmode="numeric" prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) /></label>
                <label>"部门（单位）名称"<input type="text" data-testid="new-department" prop:value=move || department.get()
                    on:input=move |ev| department.set(event_target_value(&ev)) /></label>
                <label>"项目支出绩效自评表数量"<input type="text" inputmode="numeric" prop:value=move || projects.get()
                    on:input=move |ev| projects.set(event_target_value(&ev)) /></label>
                <label class="check"><input type="checkbox" prop:checked=move || overall.get() on:change=move |ev| overall.set(event_target_checked(&ev)) />"部门整体支出绩效自评表"</label>
                <label class="check"><input type="checkbox" prop:checked=move || basic.get() on:change=move |ev| basic.set(event_target_checked(&ev)) />"基础数据表"</label>
                <label class="check"><input type="checkbox" prop:checked=move || narrative.get() on:change=move |ev| narrative.set(event_target_checked(&ev)) />"自评报告（按本地区提纲）"</label>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="submit" class="button primary" data-testid="new-report">"新建自评报告"</button>
        </form>
    }
}
