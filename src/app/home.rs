//! 首页, the start page: 导入报告文件 (a large drop zone) and 新建 first, then the latest draft,
//! 新建自评报告, the examples (示例) and the drafts kept in this browser.

use leptos::prelude::*;

use crate::app::storage::{self, DraftEntry};
use crate::model::edit::{new_report, NewReport, MAX_NEW_PROJECTS};
use crate::model::examples::EXAMPLES;
use crate::model::rules;
use crate::model::evaluate;

/// 首页.
#[component]
pub fn Home() -> impl IntoView {
    let drafts = RwSignal::new(storage::list());
    let quarantined = RwSignal::new(storage::quarantined());
    let refresh = move || {
        drafts.set(storage::list());
        quarantined.set(storage::quarantined());
    };
    view! {
        <section class="home">
            <h1>"预算绩效自评"</h1>
            <div class="start" data-testid="start">
                <crate::app::import::ImportPanel refresh=Callback::new(move |_| refresh()) />
                <div class="start-new">
                    <button type="button" class="button start-button" data-testid="start-new" on:click=|_| {
                        crate::app::cells::focus_selector("[data-testid=\"new-department\"]");
                    }>"新建"<span class="hint">"按本地区提纲新建空白报告"</span></button>
                </div>
            </div>
            <p class="lead">"按地区评分规则实时计算得分，解释每一个数字，并指出表内不一致之处。所有内容只保存在本浏览器中，不会上传。"</p>
            {move || drafts.with(|d| d.first().map(|d| {
                let href = format!("#/edit/{}", d.id);
                let label = format!("继续编辑：{}{}", if crate::model::examples::is_example(&d.id) { "（示例）" } else { "" }, d.meta.name);
                let saved = format!("最后保存于 {}", storage::local_time(d.meta.saved));
                view! {
                    <p class="resume"><a class="button primary" data-testid="resume-draft" href=href>{label}</a>
                        " "<span class="hint">{saved}</span></p>
                }
            }))}
            <super::rules::RulesProblems />
            <p><a class="button" href="#/rules" data-testid="rules-link">"评分规则"</a></p>
            <NewReportForm />
            <crate::app::final_accounts::HomeSection />
            <h2>"打开示例报告"</h2>
            <p class="hint">"示例取自真实的2024年度自评报告，原文中的错误均已标出。修改示例会保存为同名草稿；删除该草稿即恢复原样。"</p>
            <ul class="example-list">
                {EXAMPLES.iter().map(|e| {
                    let href = format!("#/edit/{}", e.id);
                    view! {
                        <li class="example">
                            <span class="example-title"><span class="tag">"示例"</span>{e.title}</span>
                            <a class="button" data-testid="open-example" href=href>"打开"</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Lists drafts=drafts quarantined=quarantined refresh=Callback::new(move |_| refresh()) />
            <BackupPanel refresh=Callback::new(move |_| refresh()) />
        </section>
    }
}

/// 我的草稿 (name, 部门, region, year, last save, 总分; open, rename, copy, delete with undo) and
/// 无法读取的条目 (download, delete). Both lists are HTML strings with one delegated click
/// handler: a table of buttons costs the bundle a string, not a component tree per row.
#[component]
fn Lists(
    /// The drafts, newest save first.
    drafts: RwSignal<Vec<DraftEntry>>,
    /// The quarantined entries.
    quarantined: RwSignal<Vec<storage::Quarantined>>,
    /// Reloads the lists from storage.
    refresh: Callback<()>,
) -> impl IntoView {
    let deleted = RwSignal::new(None::<(String, storage::Removed)>);
    let message = RwSignal::new(None::<String>);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(button) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("[data-action]").ok().flatten()) else {
            return;
        };
        let id = button.get_attribute("data-id").unwrap_or_default();
        let result = match button.get_attribute("data-action").as_deref() {
            Some("rename") => {
                let current = storage::meta(&id).map(|m| m.name).unwrap_or_default();
                match window().prompt_with_message_and_default("草稿名称", &current) {
                    Ok(Some(name)) if !name.trim().is_empty() => storage::rename(&id, &name),
                    _ => Ok(()),
                }
            }
            Some("copy") => storage::duplicate(&id).map(|_| ()),
            Some("delete") => {
                let name = storage::meta(&id).map(|m| m.name).unwrap_or_else(|| id.clone());
                deleted.set(Some((name, storage::take(&id))));
                Ok(())
            }
            Some("download-quarantined") => {
                let text = quarantined.with_untracked(|q| q.iter().find(|e| e.key == id).map(|e| e.text.clone())).unwrap_or_default();
                storage::download(&format!("{}.json", id.replace(['/', '\\', ':'], "_")), &text, "application/json")
            }
            Some("discard-quarantined") => {
                if window().confirm_with_message("确定删除这个无法读取的条目吗？请先下载保存。").unwrap_or(false) {
                    storage::discard_quarantined(&id);
                }
                Ok(())
            }
            _ => Ok(()),
        };
        message.set(result.err());
        refresh.run(());
    };
    view! {
        <h2>"我的草稿"</h2>
        {move || deleted.get().map(|(name, removed)| view! {
            <p class="notice" role="status">{format!("已删除草稿“{name}”。")}
                <button type="button" class="button" data-testid="undo-delete" on:click=move |_| {
                    match storage::put_back(&removed) {
                        Ok(()) => deleted.set(None),
                        Err(m) => message.set(Some(m)),
                    }
                    refresh.run(());
                }>"撤销删除"</button></p>
        })}
        {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        <div class="lists" on:click=on_click inner_html=move || lists_html(&drafts.get(), &quarantined.get())></div>
    }
}

fn lists_html(drafts: &[DraftEntry], quarantined: &[storage::Quarantined]) -> String {
    use std::fmt::Write;
    let e = crate::model::print::escape;
    let mut out = String::new();
    if drafts.is_empty() {
        out.push_str("<p data-testid=\"draft-list\">还没有草稿。新建报告或修改示例后，草稿会自动保存在这里。</p>");
    } else {
        out.push_str("<table class=\"official drafts\" data-testid=\"draft-list\"><thead><tr><th>名称</th><th>部门</th><th>评分规则</th><th>年度</th><th>最后保存</th><th>总分</th><th>操作</th></tr></thead><tbody>");
        for d in drafts {
            let r = &d.report;
            // As 审核 and 附上计算结果 show it: the declared 总分, the differing computed one beside.
            let total = crate::model::figures::of_report(r, &evaluate(r)).first().map(|t| t.total.beside(true)).unwrap_or_else(|| "—".into());
            let region = rules::find(&r.rule_pack).map(|p| p.region.clone()).unwrap_or_else(|| r.rule_pack.clone());
            let id = e(&d.id);
            let _ = write!(
                out,
                "<tr data-testid=\"draft\" data-id=\"{id}\"{}><td><a class=\"draft-name\" href=\"#/edit/{id}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{total}</td>\
                 <td class=\"draft-actions\"><button type=\"button\" class=\"button\" data-action=\"rename\" data-id=\"{id}\">重命名</button>\
                 <button type=\"button\" class=\"button\" data-action=\"copy\" data-id=\"{id}\">复制</button>\
                 <button type=\"button\" class=\"button danger\" data-action=\"delete\" data-testid=\"delete-draft\" data-id=\"{id}\">删除</button></td></tr>",
                // The 示例 tag is drawn by CSS (tr.example-draft), so the name cell holds the name only.
                if crate::model::examples::is_example(&d.id) { " class=\"example-draft\"" } else { "" },
                e(&d.meta.name),
                e(&r.department),
                e(&region),
                r.year,
                storage::local_time(d.meta.saved)
            );
        }
        out.push_str("</tbody></table>");
    }
    if !quarantined.is_empty() {
        out.push_str("<h2>无法读取的条目</h2><p class=\"hint\">以下内容无法读取（损坏，或由更新版本的应用保存），已原样移到一边，不影响其他草稿。可下载保存后交给管理员，或用更新版本的应用打开。</p><ul class=\"quarantine\" data-testid=\"quarantine\">");
        for q in quarantined {
            let key = e(&q.key);
            let _ = write!(
                out,
                "<li><code>{key}</code>：{} <button type=\"button\" class=\"button\" data-action=\"download-quarantined\" data-testid=\"download-quarantined\" data-id=\"{key}\">下载</button> \
                 <button type=\"button\" class=\"button danger\" data-action=\"discard-quarantined\" data-id=\"{key}\">删除</button></li>",
                e(&q.reason)
            );
        }
        out.push_str("</ul>");
    }
    out
}

/// 全部备份 / 恢复备份, storage used, and the request for persistent storage. The buttons and
/// the usage line are here; what they do (the backup file written, a backup read and merged,
/// its messages and the 仍用备份覆盖 list) is in the screens module (`backup::BackupStatus`),
/// loaded on the first click (issue 25). It says `jixiao-storage` on the window when storage
/// changed, and the lists and the usage line are read again.
#[component]
fn BackupPanel(
    /// Reloads the lists from storage.
    refresh: Callback<()>,
) -> impl IntoView {
    let usage = RwSignal::new(storage::usage());
    let persist = RwSignal::new(None::<(bool, Option<u64>)>);
    storage::request_persistence(move |persisted, quota| persist.set(Some((persisted, quota))));
    let changed = window_event_listener_untyped("jixiao-storage", move |_| {
        usage.set(storage::usage());
        refresh.run(());
    });
    on_cleanup(move || {
        changed.remove();
        crate::app::views::leave_screen();
    });
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        crate::app::views::run_screen("backup-root", "restore", file.into());
    };
    view! {
        <h2>"备份与存储"</h2>
        <p class="backup-actions">
            <button type="button" class="button" data-testid="backup-all" on:click=move |_| {
                crate::app::views::run_screen("backup-root", "backup", wasm_bindgen::JsValue::UNDEFINED);
            }>"全部备份"</button>
            " "
            <label class="button">"恢复备份"
                <input type="file" accept=".json,application/json" class="visually-hidden" data-testid="restore-input" on:change=on_file /></label>
        </p>
        <div id="backup-root"></div>
        <p class="hint" data-testid="storage-usage">{move || {
            let used = format!("本应用已用浏览器存储约 {} KB（本地存储通常限 5 MB）", usage.get().div_ceil(1024));
            match persist.get() {
                Some((true, Some(q))) => format!("{used}；浏览器已同意持久保存，本站点配额约 {} MB。", q / 1024 / 1024),
                Some((false, Some(q))) => format!("{used}；浏览器未同意持久保存（空间紧张时可能被清理，请定期备份），本站点配额约 {} MB。", q / 1024 / 1024),
                _ => format!("{used}。"),
            }
        }}</p>
    }
}

/// 新建自评报告: rule pack, year, department and which tables.
#[component]
fn NewReportForm() -> impl IntoView {
    let packs = rules::available();
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
            id: storage::new_id(),
            rule_pack: rule_pack.id.clone(),
            year,
            department,
            overall: overall.get_untracked(),
            basic_data: basic.get_untracked(),
            projects: n_projects,
            narrative: narrative.get_untracked(),
        };
        let report = new_report(&form, rule_pack);
        match storage::write(&report, None, None) {
            Ok(_) => {
                crate::app::editor::focus_first_field_on_open();
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
                <label>"部门（单位）名称"<input type="text" data-testid="new-department" required=true aria-required="true" prop:value=move || department.get()
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
