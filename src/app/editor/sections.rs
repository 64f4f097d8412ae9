//! The sections besides the scored tables, drawn as HTML into a `sheet::Sheet`: 封面, 基础数据表,
//! the Sichuan 监控表, 评价人员 and 自评报告 with 插入数据; and the label/field rows of the forms
//! (cover, staff, table heads and feet, sign-off) as data.

use leptos::prelude::*;
use web_sys::Element;

use crate::app::doc::Doc;
use crate::app::sheet::{FieldOpts, Out, Sheet};
use crate::model::edit::{self, Change};
use crate::model::exchange::json;
use crate::model::insert_data::draft;
use crate::model::print::escape;
use crate::model::report::{BASIC_ROWS, IMPORT_NOTES_TITLE, SPECIALS_AFTER};
use crate::model::rules;

use super::offer;

/// One row of a two-column form: (label, field path relative to the part, multi-line).
pub(super) type FormRow = (&'static str, &'static str, bool);

pub(super) const COVER_ROWS: &[FormRow] = &[
    ("报告标题", "title", false),
    ("预算编码", "budget_code", false),
    ("评价方式", "method", false),
    ("评价机构", "agency", false),
    ("报告日期", "report_date", false),
    ("制表机关", "issuer", false),
];
pub(super) const STAFF_ROWS: &[FormRow] = &[
    ("编制数", "staff_quota", false),
    ("实际在职人数", "staff_actual", false),
    ("控制率（%，填报）", "declared_control_rate_percent", false),
];
pub(super) const PROJECT_HEAD_ROWS: &[FormRow] =
    &[("项目名称", "name", false), ("项目编码", "code", false), ("主管部门", "supervisor", false), ("实施单位", "implementer", false)];
pub(super) const OVERALL_HEAD_ROWS: &[FormRow] = &[("部门名称", "name", false)];
pub(super) const GOAL_ROWS: &[FormRow] = &[("年度总体目标：预期目标", "goal_expected", true), ("年度总体目标：实际完成情况", "goal_actual", true)];
pub(super) const TABLE_FOOT_ROWS: &[FormRow] = &[
    ("偏差大或目标未完成原因分析", "deviation_analysis", true),
    ("改进措施及结果应用方案", "improvement", true),
    ("填表人", "filled_by", false),
    ("填报日期", "fill_date", false),
    ("联系电话", "phone", false),
];
pub(super) const SIGN_OFF_ROWS: &[FormRow] = &[
    ("评价组组长签字日期", "leader_date", false),
    ("部门（单位）意见", "department_opinion", true),
    ("部门意见日期", "department_date", false),
    ("财政部门归口业务股室意见", "finance_opinion", true),
    ("财政意见日期", "finance_date", false),
    ("填报人", "filled_by", false),
    ("联系电话", "phone", false),
];

/// A section by its draw function (the sections here need no path).
pub(super) fn section(draw: fn(&mut Out, &str)) -> AnyView {
    view! { <Sheet path=String::new() draw=draw act=act /> }.into_any()
}

fn td(o: &mut Out, path: &str, label: &str) {
    o.s("<td>");
    o.field(path, label, FieldOpts::default());
    o.s("</td>");
}

/// 封面: 部门, 年度, the rule pack and the cover's form.
pub(super) fn cover(o: &mut Out, _: &str) {
    o.s("<h2>封面</h2><table class=\"official form\"><tbody><tr><th scope=\"row\">部门（单位）名称</th>");
    td(o, "department", "部门（单位）名称");
    o.s("</tr><tr><th scope=\"row\">年度</th>");
    td(o, "year", "年度");
    o.s("</tr><tr><th scope=\"row\">评分规则</th><td><select class=\"field\" aria-label=\"评分规则\" data-path=\"rule_pack\">");
    let current = &o.report.rule_pack;
    let mut options = String::new();
    for p in rules::available() {
        options.push_str(&format!("<option value=\"{}\"{}>{}</option>", escape(&p.id), if p.id == *current { " selected" } else { "" }, escape(&p.name)));
    }
    o.s(&options);
    o.s("</select></td></tr></tbody></table>");
    o.form("cover", COVER_ROWS);
}

/// 基础数据表: staff, the 经费控制情况 rows with the 市级专项资金 lines, 厉行节约.
pub(super) fn basic(o: &mut Out, _: &str) {
    let data = o.report.basic_data.as_ref();
    let unit = data.map(|b| b.unit).unwrap_or_default().label();
    let specials = data.map(|b| b.specials.len()).unwrap_or(0);
    o.s("<h2>基础数据表</h2><p class=\"table-actions\"><button type=\"button\" class=\"button\" data-action=\"basic-csv\">导出本表 CSV（Excel）</button></p><h3>财政供养人员情况</h3>");
    o.form("basic_data", STAFF_ROWS);
    o.s(&format!("<table class=\"official\"><caption>经费控制情况（单位：{unit}）</caption><thead><tr><th>项目</th><th>上年决算数</th><th>本年预算数</th><th>本年决算数</th></tr></thead><tbody>"));
    let triple = |o: &mut Out, label: &str, base: &str| {
        o.s("<tr><th scope=\"row\">");
        o.text(label);
        o.s("</th>");
        td(o, &format!("{base}.prev_final"), &format!("{label} 上年决算数"));
        td(o, &format!("{base}.budget"), &format!("{label} 本年预算数"));
        td(o, &format!("{base}.final_"), &format!("{label} 本年决算数"));
        o.s("</tr>");
    };
    for (field, label) in &BASIC_ROWS[..SPECIALS_AFTER] {
        triple(o, label, &format!("basic_data.{field}"));
    }
    for i in 0..specials {
        o.s("<tr><th scope=\"row\">");
        o.field(&format!("basic_data.specials[{i}].name"), &format!("市级专项资金 {} 名称", i + 1), FieldOpts::default());
        o.s(&format!("<button type=\"button\" class=\"link\" data-action=\"remove-special\" data-row=\"{i}\">删除</button></th>"));
        td(o, &format!("basic_data.specials[{i}].values.prev_final"), "上年决算数");
        td(o, &format!("basic_data.specials[{i}].values.budget"), "本年预算数");
        td(o, &format!("basic_data.specials[{i}].values.final_"), "本年决算数");
        o.s("</tr>");
    }
    o.s("<tr><td colspan=\"4\"><button type=\"button\" class=\"link\" data-action=\"add-special\">＋ 添加市级专项资金</button></td></tr>");
    for (field, label) in &BASIC_ROWS[SPECIALS_AFTER..] {
        triple(o, label, &format!("basic_data.{field}"));
    }
    o.s("</tbody></table>");
    o.form("basic_data", &[("厉行节约保障措施", "frugality", true)]);
}

/// The Sichuan 监控表: 预算执行情况监控, 年度主要任务 and 绩效目标完成情况监控.
pub(super) fn monitor(o: &mut Out, _: &str) {
    let (tasks, indicators) = o.report.monitor.as_ref().map(|m| (m.tasks.len(), m.indicators.len())).unwrap_or((0, 0));
    o.s("<h2>部门整体支出绩效自评表（预算执行情况监控 · 绩效目标完成情况监控）</h2>");
    o.form("monitor", OVERALL_HEAD_ROWS);
    o.s("<table class=\"official\"><caption>预算执行情况监控</caption><thead><tr><th><span class=\"visually-hidden\">项目</span></th><th>全年预算数</th><th>全年执行数</th><th>偏差原因分析</th><th>拟采取的措施</th></tr></thead><tbody>");
    for (label, key) in [("年度预算总额", "total"), ("其中：基本支出", "basic"), ("项目支出", "project")] {
        o.s(&format!("<tr><th scope=\"row\">{label}</th>"));
        for (field, column) in [("budget", "全年预算数"), ("executed", "全年执行数"), ("reason", "偏差原因分析"), ("measures", "拟采取的措施")] {
            td(o, &format!("monitor.{key}.{field}"), &format!("{label} {column}"));
        }
        o.s("</tr>");
    }
    o.s("</tbody></table><table class=\"official\"><caption>年度主要任务完成情况</caption><thead><tr><th>任务名称</th><th>年初主要内容</th><th>截止监控节点完成进度</th></tr></thead><tbody>");
    for i in 0..tasks {
        o.s("<tr>");
        td(o, &format!("monitor.tasks[{i}].name"), "任务名称");
        for (field, label) in [("content", "年初主要内容"), ("progress", "完成进度")] {
            o.s("<td>");
            o.field(&format!("monitor.tasks[{i}].{field}"), label, FieldOpts { multiline: true, ..FieldOpts::default() });
            o.s("</td>");
        }
        o.s("</tr>");
    }
    o.s("</tbody></table><table class=\"official\"><caption>绩效目标完成情况监控</caption><thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年初目标值</th><th>全年预计完成情况</th><th>偏差原因分析</th><th>拟采取的措施</th></tr></thead><tbody>");
    for i in 0..indicators {
        o.s("<tr>");
        for (field, label) in ["level1", "level2", "name", "target", "expected", "reason", "measures"].into_iter().zip(["一级指标", "二级指标", "三级指标", "年初目标值", "全年预计完成情况", "偏差原因分析", "拟采取的措施"]) {
            td(o, &format!("monitor.indicators[{i}].{field}"), &format!("第{}行 {label}", i + 1));
        }
        o.s("</tr>");
    }
    o.s("</tbody></table>");
}

/// 评价人员: the reviewers and the sign-off form.
pub(super) fn sign_off(o: &mut Out, _: &str) {
    let n = o.report.sign_off.as_ref().map(|s| s.reviewers.len()).unwrap_or(0);
    o.s("<h2>评价人员</h2><table class=\"official\"><thead><tr><th>姓名</th><th>职务（职称）</th><th>单位</th><th>签字</th><th><span class=\"visually-hidden\">操作</span></th></tr></thead><tbody>");
    for i in 0..n {
        o.s("<tr>");
        for (field, label) in [("name", "姓名"), ("title", "职务（职称）"), ("unit", "单位")] {
            td(o, &format!("sign_off.reviewers[{i}].{field}"), &format!("评价人员{} {label}", i + 1));
        }
        o.s(&format!("<td class=\"sign-line\">（打印后签字）</td><td><button type=\"button\" class=\"link\" data-action=\"remove-reviewer\" data-row=\"{i}\">删除</button></td></tr>"));
    }
    o.s("</tbody></table><button type=\"button\" class=\"button\" data-action=\"add-reviewer\">＋ 添加评价人员</button>");
    o.form("sign_off", SIGN_OFF_ROWS);
}

/// 自评报告: its parts with 插入数据, and what an import did not place.
pub(super) fn narrative(o: &mut Out, _: &str) {
    o.s("<h2>自评报告</h2>");
    if o.report.narrative.is_empty() {
        o.s("<p>本报告还没有自评报告正文。<button type=\"button\" class=\"button\" data-action=\"add-narrative\">按本地区提纲添加</button></p>");
    }
    let long = FieldOpts { multiline: true, ..FieldOpts::default() };
    for (i, part) in o.report.narrative.iter().enumerate() {
        let path = format!("narrative[{i}].text");
        let label = format!("{} 正文", part.title);
        let title = escape(&part.title);
        if part.title == IMPORT_NOTES_TITLE {
            // What an import did not place: kept in the draft, printed or exported to Word
            // only when 附上导入时未识别的内容 is ticked.
            o.s(&format!("<div class=\"narrative-section import-notes\" data-testid=\"import-notes\"><h3>{title}</h3>\
                <p class=\"hint\">导入时未能放入表格的内容，仅保存在草稿中供核对；打印和导出 Word 时勾选“附上导入时未识别的内容”才会附上。</p>"));
        } else {
            o.s(&format!("<div class=\"narrative-section\"><h3>{title}</h3>\
                <button type=\"button\" class=\"button\" data-testid=\"insert-data\" data-action=\"insert-data\" data-row=\"{i}\">插入数据</button>"));
        }
        o.field(&path, &label, long);
        o.s("</div>");
    }
}

/// The buttons of these sections.
fn act(doc: Doc, action: &str, el: &Element, _: &str) {
    let at = el.get_attribute("data-row").and_then(|r| r.parse::<usize>().ok()).unwrap_or(0);
    match action {
        "basic-csv" => {
            let (name, csv) = doc.report.with_untracked(|r| {
                (format!("{}-基础数据表.csv", json::file_stem(r)), crate::model::exchange::csv::basic_data(&r.basic_data.clone().unwrap_or_default()))
            });
            offer(doc, &name, csv.as_bytes(), "text/csv;charset=utf-8");
        }
        "remove-special" => {
            doc.change(Change::RemoveSpecial { at });
        }
        "add-special" => {
            doc.change(Change::AddSpecial);
        }
        "remove-reviewer" => {
            doc.change(Change::RemoveReviewer { at });
        }
        "add-reviewer" => {
            doc.change(Change::AddReviewer);
        }
        "add-narrative" => {
            if doc.change(Change::AddNarrative) {
                doc.notice.set(Some("已按本地区提纲添加自评报告各部分。".into()));
            }
        }
        "insert-data" => {
            let path = format!("narrative[{at}].text");
            let text = doc.report.with_untracked(|r| {
                let title = r.narrative.get(at).map(|s| s.title.clone()).unwrap_or_default();
                doc.evaluation.with_untracked(|e| draft(r, e, &title))
            });
            if text.is_empty() {
                doc.notice.set(Some("表内没有可用于本部分的数据。".into()));
                return;
            }
            let current = doc.report.with_untracked(|r| edit::get(r, &path));
            let joined = if current.trim().is_empty() { text } else { format!("{}\n{text}", current.trim_end()) };
            if doc.set_field(&path, &joined).is_ok() {
                doc.seal();
                doc.notice.set(Some("已插入表内数据，可自由修改。".into()));
            }
        }
        _ => {}
    }
}
