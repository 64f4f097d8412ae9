//! 首页, the start page: 导入报告文件 (a large drop zone) and 新建 first, then the latest draft,
//! 新建自评报告, the examples (示例) and the drafts kept in this browser.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::storage::{self, DraftEntry};
use crate::model::print::escape;
use crate::model::edit::{new_report, NewReport, MAX_NEW_PROJECTS};
use crate::model::examples::EXAMPLES;
use crate::model::rules;
use crate::model::evaluate;

/// 首页. The import card is a component (the editor shows it too); the rest of the page is an
/// HTML string drawn once, with one set of delegated listeners, and only its changing parts
/// (the latest draft, the draft lists, the storage line) are written again (issue 25: typed
/// views of a page drawn once cost the start-up download per view).
#[component]
pub fn Home() -> impl IntoView {
    let more = NodeRef::<leptos::html::Div>::new();
    // A deleted draft, kept for 撤销删除.
    let deleted = StoredValue::new_local(None::<(String, storage::Removed)>);
    let persist = StoredValue::new(None::<(bool, Option<u64>)>);
    let refresh = move || {
        let Some(root) = more.try_get_untracked().flatten() else { return };
        let drafts = storage::list();
        set_html(&root, "[data-home=resume]", &resume_html(&drafts));
        set_html(&root, ".lists", &lists_html(&drafts, &storage::quarantined()));
        set_html(&root, "[data-testid=storage-usage]", &usage_text(persist.get_value()));
    };
    let say = move |message: Option<String>| {
        if let Some(root) = more.try_get_untracked().flatten() {
            let html = message.map(|m| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(&m))).unwrap_or_default();
            set_html(&root, "[data-home=message]", &html);
        }
    };
    let show_deleted = move || {
        let Some(root) = more.try_get_untracked().flatten() else { return };
        let html = deleted.with_value(|d| {
            d.as_ref().map(|(name, _)| {
                format!("<p class=\"notice\" role=\"status\">已删除草稿“{}”。<button type=\"button\" class=\"button\" data-testid=\"undo-delete\" data-action=\"undo-delete\">撤销删除</button></p>", escape(name))
            })
        });
        set_html(&root, "[data-home=deleted]", &html.unwrap_or_default());
    };
    storage::request_persistence(move |persisted, quota| {
        persist.try_set_value(Some((persisted, quota)));
        refresh();
    });
    let changed = window_event_listener_untyped("jixiao-storage", move |_| refresh());
    on_cleanup(move || {
        changed.remove();
        crate::app::views::leave_screen();
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = crate::app::cells::event_element(&ev, "[data-action]") else { return };
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
                deleted.set_value(Some((name, storage::take(&id))));
                show_deleted();
                Ok(())
            }
            Some("undo-delete") => {
                let result = deleted.with_value(|d| d.as_ref().map(|(_, removed)| storage::put_back(removed))).unwrap_or(Ok(()));
                if result.is_ok() {
                    deleted.set_value(None);
                    show_deleted();
                }
                result
            }
            Some("download-quarantined") => {
                let text = storage::quarantined().into_iter().find(|e| e.key == id).map(|e| e.text).unwrap_or_default();
                storage::download(&format!("{}.json", id.replace(['/', '\\', ':'], "_")), &text, "application/json")
            }
            Some("discard-quarantined") => {
                if window().confirm_with_message("确定删除这个无法读取的条目吗？请先下载保存。").unwrap_or(false) {
                    storage::discard_quarantined(&id);
                }
                Ok(())
            }
            Some("backup-all") => {
                crate::app::views::run_screen("backup-root", "backup", wasm_bindgen::JsValue::UNDEFINED);
                return;
            }
            _ => return,
        };
        say(result.err());
        refresh();
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if input.get_attribute("data-testid").as_deref() != Some("restore-input") {
            return;
        }
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        crate::app::views::run_screen("backup-root", "restore", file.into());
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        let ours = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|f| f.class_name() == "new-report");
        if !ours {
            return;
        }
        ev.prevent_default();
        let Some(root) = more.try_get_untracked().flatten() else { return };
        let error = create(&root).err();
        let html = error.map(|m| format!("<p class=\"error\" role=\"alert\">{}</p>", escape(&m))).unwrap_or_default();
        set_html(&root, "[data-home=form-error]", &html);
    };
    let drafts = storage::list();
    let html = home_html(&drafts, &storage::quarantined());
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
            <div class="home-more" node_ref=more inner_html=html on:click=on_click on:change=on_change on:submit=on_submit></div>
        </section>
    }
}

/// Writes `html` into the element under `root` that `selector` finds.
fn set_html(root: &web_sys::Element, selector: &str, html: &str) {
    if let Ok(Some(element)) = root.query_selector(selector) {
        element.set_inner_html(html);
    }
}

/// The text of the input, select or checkbox named `name` under `root`.
fn form_value(root: &web_sys::Element, name: &str) -> String {
    let element = root.query_selector(&format!("[name={name}]")).ok().flatten();
    element.and_then(|e| crate::app::cells::control_value(&e)).unwrap_or_default()
}

/// Everything of 首页 below the import card and 新建.
fn home_html(drafts: &[DraftEntry], quarantined: &[storage::Quarantined]) -> String {
    use std::fmt::Write;
    let mut out = String::from("<p class=\"lead\">按地区评分规则实时计算得分，解释每一个数字，并指出表内不一致之处。所有内容只保存在本浏览器中，不会上传。</p>");
    let _ = write!(out, "<div data-home=\"resume\">{}</div>", resume_html(drafts));
    out.push_str(&super::rules::problems_html());
    out.push_str("<p><a class=\"button\" href=\"#/rules\" data-testid=\"rules-link\">评分规则</a></p>");
    out.push_str(&new_report_html());
    out.push_str("<section class=\"fa-home\" data-testid=\"fa-home\"><h2>部门决算</h2><p><a class=\"button\" href=\"#/fa\" data-testid=\"fa-home-link\">部门决算（新建、打开）</a></p></section>");
    out.push_str("<h2>打开示例报告</h2><p class=\"hint\">示例取自真实的2024年度自评报告，原文中的错误均已标出。修改示例会保存为同名草稿；删除该草稿即恢复原样。</p><ul class=\"example-list\">");
    for e in EXAMPLES {
        let _ = write!(
            out,
            "<li class=\"example\"><span class=\"example-title\"><span class=\"tag\">示例</span>{}</span><a class=\"button\" data-testid=\"open-example\" href=\"#/edit/{}\">打开</a></li>",
            escape(e.title),
            escape(e.id)
        );
    }
    out.push_str("</ul><h2>我的草稿</h2><div data-home=\"deleted\"></div><div data-home=\"message\"></div><div class=\"lists\">");
    out.push_str(&lists_html(drafts, quarantined));
    // 全部备份 / 恢复备份: the buttons are here; what they do (the backup file written, a backup
    // read and merged, its messages and the 仍用备份覆盖 list) is in the screens module
    // (`backup::BackupStatus`), loaded on the first click (issue 25). It says `jixiao-storage`
    // on the window when storage changed, and the lists and the usage line are read again.
    let _ = write!(
        out,
        "</div><h2>备份与存储</h2><p class=\"backup-actions\"><button type=\"button\" class=\"button\" data-testid=\"backup-all\" data-action=\"backup-all\">全部备份</button> \
         <label class=\"button\">恢复备份<input type=\"file\" accept=\".json,application/json\" class=\"visually-hidden\" data-testid=\"restore-input\"></label></p>\
         <div id=\"backup-root\"></div><p class=\"hint\" data-testid=\"storage-usage\">{}</p>",
        usage_text(None)
    );
    out
}

/// 继续编辑 the draft saved last.
fn resume_html(drafts: &[DraftEntry]) -> String {
    drafts
        .first()
        .map(|d| {
            format!(
                "<p class=\"resume\"><a class=\"button primary\" data-testid=\"resume-draft\" href=\"#/edit/{}\">继续编辑：{}{}</a> <span class=\"hint\">最后保存于 {}</span></p>",
                escape(&d.id),
                if crate::model::examples::is_example(&d.id) { "（示例）" } else { "" },
                escape(&d.meta.name),
                storage::local_time(d.meta.saved)
            )
        })
        .unwrap_or_default()
}

/// The storage used, and whether the browser agreed to keep it (`persist`, once it answered).
fn usage_text(persist: Option<(bool, Option<u64>)>) -> String {
    let used = format!("本应用已用浏览器存储约 {} KB（本地存储通常限 5 MB）", storage::usage().div_ceil(1024));
    match persist {
        Some((true, Some(q))) => format!("{used}；浏览器已同意持久保存，本站点配额约 {} MB。", q / 1024 / 1024),
        Some((false, Some(q))) => format!("{used}；浏览器未同意持久保存（空间紧张时可能被清理，请定期备份），本站点配额约 {} MB。", q / 1024 / 1024),
        _ => format!("{used}。"),
    }
}

/// 我的草稿 (name, 部门, region, year, last save, 总分; open, rename, copy, delete with undo) and
/// 无法读取的条目 (download, delete), handled by 首页's one click listener.
fn lists_html(drafts: &[DraftEntry], quarantined: &[storage::Quarantined]) -> String {
    use std::fmt::Write;
    let e = escape;
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

/// 新建自评报告: rule pack, year, department and which tables (read from the form when it is sent).
fn new_report_html() -> String {
    use std::fmt::Write;
    let packs = rules::available();
    let chosen = packs.iter().find(|p| p.id == "hunan-2024").or(packs.first()).map(|p| p.id.clone()).unwrap_or_default();
    let mut out = String::from(
        "<form class=\"new-report\" autocomplete=\"off\" aria-labelledby=\"new-report-heading\"><h2 id=\"new-report-heading\">新建自评报告</h2><div class=\"form-grid\"><label>评分规则（地区）<select name=\"pack\">",
    );
    for p in &packs {
        let _ = write!(out, "<option value=\"{}\"{}>{}</option>", escape(&p.id), if p.id == chosen { " selected" } else { "" }, escape(&p.name));
    }
    let year = js_sys::Date::new_0().get_full_year().saturating_sub(1);
    let _ = write!(
        out,
        "</select></label><label>年度<input type=\"text\" inputmode=\"numeric\" name=\"year\" value=\"{year}\"></label>\
         <label>部门（单位）名称<input type=\"text\" name=\"department\" data-testid=\"new-department\" required aria-required=\"true\"></label>\
         <label>项目支出绩效自评表数量<input type=\"text\" inputmode=\"numeric\" name=\"projects\" value=\"1\"></label>\
         <label class=\"check\"><input type=\"checkbox\" name=\"overall\" checked>部门整体支出绩效自评表</label>\
         <label class=\"check\"><input type=\"checkbox\" name=\"basic\" checked>基础数据表</label>\
         <label class=\"check\"><input type=\"checkbox\" name=\"narrative\" checked>自评报告（按本地区提纲）</label></div>\
         <div data-home=\"form-error\"></div><button type=\"submit\" class=\"button primary\" data-testid=\"new-report\">新建自评报告</button></form>"
    );
    out
}

/// 新建自评报告 sent: checks the form under `root`, stores the new draft and opens it.
fn create(root: &web_sys::Element) -> Result<(), String> {
    let department = form_value(root, "department").trim().to_string();
    if department.is_empty() {
        return Err("请填写部门（单位）名称。".into());
    }
    let Ok(year) = crate::model::num::normalize(form_value(root, "year").trim()).parse::<u32>() else {
        return Err("年度须为四位数字，例如 2024。".into());
    };
    if !(1990..=2100).contains(&year) {
        return Err("年度须在 1990 至 2100 之间。".into());
    }
    let Ok(n_projects) = crate::model::num::normalize(form_value(root, "projects").trim()).parse::<usize>() else {
        return Err("项目表数量须为整数。".into());
    };
    if n_projects > MAX_NEW_PROJECTS {
        return Err(format!("项目表数量不能超过 {MAX_NEW_PROJECTS} 个，可在编辑时继续添加。"));
    }
    let Some(rule_pack) = rules::find(&form_value(root, "pack")) else { return Ok(()) };
    let form = NewReport {
        id: storage::new_id(),
        rule_pack: rule_pack.id.clone(),
        year,
        department,
        overall: form_value(root, "overall") == "true",
        basic_data: form_value(root, "basic") == "true",
        projects: n_projects,
        narrative: form_value(root, "narrative") == "true",
    };
    let report = new_report(&form, rule_pack);
    storage::write(&report, None, None)?;
    crate::app::editor::open_for_typing(&report.id);
    Ok(())
}
