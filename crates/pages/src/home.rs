//! The 部门决算 page (`#/fa`): 新建部门决算 (年度, 部门, 单位) and the 部门决算草稿 list, as
//! HTML served by the editor's delegated listener (`editor::listen`).

use jixiao_model::print::escape;
use wasm_bindgen::JsValue;

use crate::web::{self, data, q, status, META_PREFIX, PREFIX};

/// The 决算 drafts: (id, name, saved ms), newest first.
fn drafts() -> Vec<(String, String, u64)> {
    let mut out: Vec<(String, String, u64)> = Vec::new();
    for k in web::keys_with(PREFIX) {
        let id = k[PREFIX.len()..].to_string();
        let (name, saved) = jixiao_model::final_accounts::json::read_meta(&web::get_text(&format!("{META_PREFIX}{id}")).unwrap_or_default());
        let name = if name.trim().is_empty() { "部门决算".to_string() } else { name };
        // Newest first (an insertion: a sort would add ≈3.5 KB of driftsort to the module).
        let at = out.iter().position(|d| d.2 < saved).unwrap_or(out.len());
        out.insert(at, (id, name, saved));
    }
    out
}

fn drafts_html() -> String {
    let list = drafts();
    if list.is_empty() {
        return "<p class=\"hint\">还没有部门决算草稿。</p>".into();
    }
    let mut html = String::from("<ul class=\"draft-list\" data-testid=\"fa-drafts\">");
    for (id, name, saved) in list {
        html.push_str(&format!(
            "<li><a class=\"button\" href=\"#/fa/{id}\" data-testid=\"fa-open\">{}</a> <span class=\"hint\">最后保存于 {}</span> <button type=\"button\" class=\"button small\" data-action=\"fa-delete\" data-id=\"{id}\" data-name=\"{}\">删除</button></li>",
            escape(&name),
            web::local_time(saved),
            escape(&name)
        ));
    }
    html + "</ul>"
}

/// Draws the page into `container`.
pub fn mount(container: &web_sys::Element) {
    let year = js_sys::Date::new_0().get_full_year().saturating_sub(1);
    container.set_inner_html(&format!(
        "<section class=\"fa-home\" data-testid=\"fa-list\"><h2>部门决算</h2><p class=\"hint\">按全国部门决算公开格式填写九张决算表，自动核对表内表间关系，生成情况说明和图表，并检查单位撰写的说明。导入部门决算软件导出的 Excel、决算公开的 Word 或 JSON 文件（在首页“导入”），也会在这里打开。</p>\
<p class=\"fa-new\"><label>年度 <input id=\"fa-new-year\" data-testid=\"fa-new-year\" size=\"6\" value=\"{year}\"></label> <label>部门 <input id=\"fa-new-department\" data-testid=\"fa-new-department\"></label> <label>单位 <input id=\"fa-new-unit\" data-testid=\"fa-new-unit\"></label> \
<button type=\"button\" class=\"button primary\" data-action=\"fa-new\" data-testid=\"fa-new\">新建部门决算</button> <span class=\"hint\" role=\"status\" id=\"fa-status\"></span></p><div id=\"fa-drafts-box\">{}</div></section>",
        drafts_html()
    ));
}

/// 新建部门决算: a new document from the worker, stored, then opened.
pub fn create() {
    let value = |id: &str| web::by_id(id).map(|e| web::text_prop(&JsValue::from(e), "value")).unwrap_or_default();
    let (year, department, unit) = (value("fa-new-year"), value("fa-new-department"), value("fa-new-unit"));
    if department.trim().is_empty() && unit.trim().is_empty() {
        return status("请填写部门或单位名称。");
    }
    status("加载中…");
    let op = web::op("new", &[("year", q(&year)), ("department", q(&department)), ("unit", q(&unit))]);
    wasm_bindgen_futures::spawn_local(async move {
        let answer = web::ask_text("op", op, String::new()).await.and_then(|a| {
            let v: serde_json::Value = serde_json::from_str(&a).map_err(|_| "读取结果无法解析，请重试。".to_string())?;
            match (v["json"].as_str(), v["title"].as_str()) {
                (Some(json), Some(title)) => Ok((json.to_string(), title.to_string())),
                _ => Err(v["error"].as_str().unwrap_or("新建失败，请重试。").to_string()),
            }
        });
        let id = web::new_id();
        match answer.and_then(|(json, title)| web::store_draft(&id, &json, &title)) {
            Ok(_) => {
                let _ = web_sys::window().map(|w| w.location().set_hash(&format!("#/fa/{id}")));
            }
            Err(e) => status(&e),
        }
    });
}

/// 删除 of a draft in the list, after the user confirms.
pub fn delete(button: &web_sys::Element) {
    let id = data(button, "id");
    let ask = format!("删除部门决算草稿“{}”？删除后无法恢复，可先打开它并导出 JSON 备份。", data(button, "name"));
    if web_sys::window().and_then(|w| w.confirm_with_message(&ask).ok()) == Some(true) {
        web::remove_text(&format!("{PREFIX}{id}"));
        web::remove_text(&format!("{META_PREFIX}{id}"));
        if let Some(el) = web::by_id("fa-drafts-box") {
            el.set_inner_html(&drafts_html());
        }
    }
}
