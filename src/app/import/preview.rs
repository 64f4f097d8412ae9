//! The import preview of one file: each recognised table with the 总分 the department declared
//! beside the one jixiao computes, the proposed rule pack, 年度 and 部门 for the user to confirm
//! or change, the figures not read said in words, the columns no head named (each can be
//! assigned to a field by hand: `host` reads the file again at once and draws the new preview
//! in this one's element, under the same key; the choice is remembered for files with the same
//! header until cleared), and every cell that was not placed; 导入 stores it as a new draft.
//!
//! The card is an HTML string built once per preview, with delegated listeners; only the totals
//! are written again (when another rule pack is chosen). A re-read preview is drawn afresh. It
//! is drawn by the screens module (`host`), not the start-up one (issue 25).

use std::fmt::Write;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::storage;
use crate::model::evaluate;
use crate::model::exchange::found::{assignable_fields, ColumnOverride, Found};
use crate::model::exchange::import::{figures, finish, unread, Choice, Preview};
use crate::model::print::escape;
use crate::model::rules;

/// What a card tells when it is done: its key, the message (`None` when 取消 was pressed) and
/// the imported draft's id (else empty).
pub type Outcome = (u32, Option<Result<String, String>>, String);

/// One file's preview; `done` gets its key, the message when 导入 or 取消 was pressed, and the
/// id of the draft 导入 stored (else empty): the start-up module opens it.
#[component]
pub fn PreviewCard(
    /// Identifies the preview in the panel's list.
    key: u32,
    /// File name (or 粘贴的表格).
    name: String,
    /// What the reader worker recognised.
    preview: Preview,
    /// Called with the key, the outcome (`None` when cancelled) and the imported draft's id.
    done: Callback<Outcome>,
    /// Called with the key and the columns assigned by hand: read the file again with them.
    reread: Callback<(u32, Vec<ColumnOverride>)>,
) -> impl IntoView {
    // Columns assigned earlier for tables with the same header apply to a first reading.
    if preview.overrides.is_empty() {
        let remembered: Vec<ColumnOverride> = preview
            .tables
            .iter()
            .flat_map(|t| storage::column_choices(&t.header).into_iter().map(|(column, field)| ColumnOverride { table: t.table, column, field }))
            .collect();
        if !remembered.is_empty() {
            reread.run((key, remembered));
        }
    }
    let html = card_html(&name, &preview);
    let label = format!("导入预览：{name}");
    let preview = StoredValue::new(preview);
    let card = NodeRef::<leptos::html::Section>::new();
    let field = move |testid: &str| card.get_untracked().and_then(|c| c.query_selector(&format!("[data-testid={testid}]")).ok().flatten());
    let value = move |testid: &str| field(testid).and_then(|e| crate::app::cells::control_value(&e)).unwrap_or_default();
    let confirm = move || {
        let title = name.clone();
        let year_text = value("import-year");
        let year = match crate::model::num::normalize(year_text.trim()).parse::<u32>() {
            Ok(y) if (1990..=2100).contains(&y) => y,
            _ if year_text.trim().is_empty() => 0,
            _ => {
                done.run((key, Some(Err(format!("“{title}”未导入：年度“{year_text}”不是有效的年份。"))), String::new()));
                return;
            }
        };
        let choice = Choice {
            id: storage::new_id(),
            rule_pack: value("import-pack"),
            year,
            department: value("import-department"),
            // Without leftovers the box is not there, and nothing is kept either way.
            keep_leftovers: field("import-keep-leftovers").is_none() || value("import-keep-leftovers") == "true",
        };
        let report = preview.with_value(|p| finish(p, &choice));
        // The same file imported twice: ask, as a JSON report already stored is asked about.
        if let Some(same) = storage::same_content(&report) {
            let question = format!("“{title}”的内容与已有草稿“{same}”完全相同。仍要再保存一份吗？\n选“取消”可回到预览，不保存。");
            if !window().confirm_with_message(&question).unwrap_or(true) {
                return;
            }
        }
        let outcome = storage::write(&report, None, None).map(|meta| format!("已导入“{title}”，保存为草稿“{}”。", meta.name));
        let opened = if outcome.is_ok() { report.id } else { String::new() };
        done.run((key, Some(outcome), opened));
    };
    // A column assigned (or the assignments of a table cleared): remembered for files with the
    // same header, and the file is read again.
    let assign = move |table: usize, column: Option<usize>, field: String| {
        let (header, mut list) = preview.with_value(|p| (p.tables.iter().find(|t| t.table == table).map(|t| t.header.clone()).unwrap_or_default(), p.overrides.clone()));
        match column {
            Some(column) => {
                list.retain(|o| !(o.table == table && (o.column == column || o.field == field)));
                if !field.is_empty() {
                    list.push(ColumnOverride { table, column, field });
                }
            }
            None => list.retain(|o| o.table != table),
        }
        let mine: Vec<(usize, String)> = list.iter().filter(|o| o.table == table).map(|o| (o.column, o.field.clone())).collect();
        let _ = storage::save_column_choices(&header, &mine);
        reread.run((key, list));
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = crate::app::cells::event_element(&ev, "button") else { return };
        match button.get_attribute("data-testid").as_deref() {
            Some("import-confirm") => confirm(),
            Some("import-cancel") => done.run((key, None, String::new())),
            Some("import-clear-columns") => {
                if let Some(table) = button.get_attribute("data-table").and_then(|t| t.parse().ok()) {
                    assign(table, None, String::new());
                }
            }
            _ => {}
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
        if select.get_attribute("data-testid").as_deref() == Some("import-pack") {
            // The totals under the chosen pack.
            let rows = preview.with_value(|p| {
                let mut report = p.report.clone();
                report.rule_pack = select.value();
                figures_html(&figures(&report, &evaluate(&report)))
            });
            if let Some(body) = card.get_untracked().and_then(|c| c.query_selector("[data-testid=import-figures] tbody").ok().flatten()) {
                body.set_inner_html(&rows);
            }
            return;
        }
        let number = |name: &str| select.get_attribute(name).and_then(|v| v.parse::<usize>().ok());
        if let (Some(table), Some(column)) = (number("data-table"), number("data-column")) {
            assign(table, Some(column), select.value());
        }
    };
    // The preview usually appears below the fold: bring its heading to the top and put the
    // focus there, so a keyboard or screen-reader user continues from the preview. A card that
    // replaces one re-read with a column assigned by hand puts the focus back on that column's
    // choice instead, so the user stays where they were.
    let last_assigned = preview.with_value(|p| p.overrides.last().map(|o| format!("[data-testid=\"import-column-{}-{}\"]", o.table, o.column)));
    crate::app::cells::effect(move || {
        let Some(c) = card.get() else { return };
        if !last_assigned.as_deref().is_some_and(crate::app::cells::focus_selector) {
            if let Some(h) = c.query_selector("h3").ok().flatten().and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
                h.scroll_into_view();
                let _ = h.focus();
            }
        }
    });
    view! { <section class="import-preview" data-testid="import-preview" aria-label=label node_ref=card inner_html=html on:click=on_click on:change=on_change></section> }
}

/// The totals of the recognised tables, one row each.
fn figures_html(rows: &[crate::model::exchange::import::Figures]) -> String {
    let mut o = String::new();
    for r in rows {
        let _ = write!(
            o,
            "<tr><td>{}</td><td>{}</td><td data-testid=\"import-computed\">{}</td><td data-testid=\"import-grade\">{}</td><td>{}</td></tr>",
            escape(&r.table),
            escape(&r.declared),
            escape(&r.computed),
            escape(&r.grade),
            r.errors
        );
    }
    o
}

/// The columns of table `t` that no head named (and those assigned by hand), each with a choice
/// of field; 清除指定 when some were assigned.
fn columns_html(o: &mut String, t: &Found, assigned: &[ColumnOverride], fields: &[(&str, &str)]) {
    let mine: Vec<usize> = assigned.iter().filter(|a| a.table == t.table).map(|a| a.column).collect();
    let open: Vec<_> = t.columns.iter().filter(|c| c.field.is_empty() || mine.contains(&c.column)).collect();
    if open.is_empty() {
        return;
    }
    o.push_str("<div class=\"import-columns\" data-testid=\"import-columns\"><span class=\"hint\">未识别的列可指定对应的栏目，表格随即重新读取：</span>");
    for c in open {
        let (table, column) = (t.table, c.column);
        let _ = write!(
            o,
            "<label class=\"import-column\">第 {column} 列“{}” → <select data-testid=\"import-column-{table}-{column}\" data-table=\"{table}\" data-column=\"{column}\"><option value=\"\">（不读入）</option>",
            escape(&c.head)
        );
        for (f, label) in fields {
            let _ = write!(o, "<option value=\"{f}\"{}>{label}</option>", if *f == c.field { " selected" } else { "" });
        }
        o.push_str("</select></label>");
    }
    if !mine.is_empty() {
        let _ = write!(
            o,
            " <button type=\"button\" class=\"button\" data-testid=\"import-clear-columns\" data-table=\"{}\">清除指定</button><span class=\"hint\"> 已按指定读入；表头相同的文件会沿用此指定。</span>",
            t.table
        );
    }
    o.push_str("</div>");
}

/// The card of one file's preview as first shown.
fn card_html(name: &str, p: &Preview) -> String {
    let mut o = format!("<h3 tabindex=\"-1\" data-testid=\"import-preview-heading\">{}</h3><ul class=\"import-found\">", escape(&found_heading(name, &p.tables)));
    let fields = assignable_fields();
    for t in &p.tables {
        let what = if t.table == 0 { t.what.clone() } else { format!("表 {}：{}", t.table, t.what) };
        let _ = write!(o, "<li>{}", escape(&what));
        columns_html(&mut o, t, &p.overrides, &fields);
        o.push_str("</li>");
    }
    o.push_str("</ul>");
    let said = unread(p);
    if !said.is_empty() {
        o.push_str("<ul class=\"notice\" data-testid=\"import-unread\">");
        for u in &said {
            let _ = write!(o, "<li>{}</li>", escape(u));
        }
        o.push_str("</ul>");
    }
    o.push_str("<div class=\"import-choices\"><label>评分规则 <select data-testid=\"import-pack\">");
    let pack = &p.proposal.rule_pack;
    for r in rules::available() {
        let _ = write!(o, "<option value=\"{}\"{}>{}</option>", escape(&r.id), if r.id == *pack { " selected" } else { "" }, escape(&r.name));
    }
    let year = p.proposal.year.map(|y| y.to_string()).unwrap_or_default();
    let _ = write!(
        o,
        "</select></label> <label>年度 <input type=\"text\" inputmode=\"numeric\" size=\"6\" data-testid=\"import-year\" value=\"{year}\"></label> \
         <label>部门（单位）名称 <input type=\"text\" data-testid=\"import-department\" value=\"{}\"></label></div><p class=\"hint\">建议的评分规则：{}</p>\
         <table class=\"official import-figures\" data-testid=\"import-figures\"><thead><tr><th scope=\"col\">表</th><th scope=\"col\">填报总分</th><th scope=\"col\">计算总分</th><th scope=\"col\">等次</th><th scope=\"col\">错误</th></tr></thead><tbody>",
        escape(&p.proposal.department),
        escape(&p.proposal.why)
    );
    let mut report = p.report.clone();
    report.rule_pack = pack.clone();
    o.push_str(&figures_html(&figures(&report, &evaluate(&report))));
    o.push_str("</tbody></table>");
    if !p.notes.is_empty() {
        o.push_str("<ul class=\"hint\">");
        for n in &p.notes {
            let _ = write!(o, "<li>{}</li>", escape(n));
        }
        o.push_str("</ul>");
    }
    if !p.leftovers.is_empty() {
        let _ = write!(o, "<details data-testid=\"import-leftovers\"><summary>未识别的内容 {} 处</summary><ul>", p.leftovers.len());
        for l in &p.leftovers {
            let _ = write!(o, "<li>{}</li>", escape(l));
        }
        o.push_str("</ul></details><label class=\"check\"><input type=\"checkbox\" data-testid=\"import-keep-leftovers\" checked>把未识别的内容保留为报告中的备注（自评报告末尾）</label>");
    }
    o.push_str("<p><button type=\"button\" class=\"button primary\" data-testid=\"import-confirm\">导入</button> <button type=\"button\" class=\"button\" data-testid=\"import-cancel\">取消</button></p>");
    o
}

/// "“附件2.docx”：识别到 2 张表", "…：识别到 2 张表和自评报告", "…：识别到自评报告": the 自评报告
/// (entry 0 of the list) is not counted as a table.
fn found_heading(name: &str, found: &[Found]) -> String {
    let tables = found.iter().filter(|t| t.table != 0).count();
    let narrative = found.iter().any(|t| t.table == 0);
    match (tables, narrative) {
        (0, true) => format!("“{name}”：识别到自评报告"),
        (n, true) => format!("“{name}”：识别到 {n} 张表和自评报告"),
        (n, false) => format!("“{name}”：识别到 {n} 张表"),
    }
}
