//! A scored table (部门整体 or 项目): head, budget block, goals and the indicator grid, foot.
//! Drawn as HTML by [`draw`] into a `sheet::Sheet` (issue 25: the grid of a 300-row table as
//! typed Leptos views was the largest part of the start-up); the buttons are [`act`]'s.

use leptos::prelude::*;
use web_sys::Element;

use crate::app::doc::{use_doc, Doc, Section};
use crate::app::sheet::{list_of, FieldOpts, Out, Sheet};
use crate::model::edit::{self, Change, RowList, ROW_COLUMNS};
use crate::model::exchange::json;
use crate::model::num::{fmt2, fmt_rate, plain};
use crate::model::print::escape;
use crate::model::report::{Indicator, MoneyUnit};
use crate::model::rules;
use crate::model::score::{Explained, RowKind, RowResult, TableResult};
use crate::model::view::{header_subtotal, row_score, tier_band, MISSING};

use super::bar::table_label;
use super::sections::{GOAL_ROWS, OVERALL_HEAD_ROWS, PROJECT_HEAD_ROWS, TABLE_FOOT_ROWS};
use super::{go, offer};

#[component]
pub(super) fn TableSection(
    /// `overall` or `projects[i]`.
    path: String,
) -> impl IntoView {
    let doc = use_doc();
    let exists = {
        let path = path.clone();
        Memo::new(move |_| doc.report.with(|r| edit::table(r, &path).is_some()))
    };
    let chart = path.clone();
    view! {
        <Sheet path=path draw=draw act=act />
        {move || exists.get().then(|| view! { <ScoreChart path=chart.clone() /> })}
    }
}

/// The table at `path` alone (快速核分).
pub(super) fn table_sheet(path: &str) -> impl IntoView {
    view! { <Sheet path=path.to_string() draw=draw act=act /> }
}

/// 得分结构图: the table's 分值 against 得分 per part (model::chart), drawn when opened. The
/// figure is drawn by the screens module (issue 25: the chart drawer is not in the start-up
/// module): this side works out what to draw (`chart::score_structure`, kept current with the
/// table) and hands it over as text; 加载中… while the module loads the first time, and the last
/// answer stays while a newer one is on its way, so the chart does not flicker while typing.
#[component]
fn ScoreChart(
    /// `overall` or `projects[i]`.
    path: String,
) -> impl IntoView {
    use crate::model::chart;
    let doc = use_doc();
    let open = RwSignal::new(false);
    let spec = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        doc.evaluation.with(|e| e.tables.iter().find(|t| t.path == path).and_then(chart::score_structure).map(|s| chart::spec_text(&s)))
    });
    // The screens module's answers, the newest shown; an opening starts from 加载中…, a change
    // while open keeps the last figure until the next one is there.
    let shown = crate::app::import::worker::Pending::new();
    let mut was_open = false;
    crate::app::cells::effect(move || {
        let Some(text) = spec.get() else {
            was_open = false;
            return;
        };
        shown.ask(!was_open, async move {
            crate::app::views::module_export("jixiaoScreens", "score_chart")
                .await
                .and_then(|draw| crate::app::views::call_module(&draw, &js_sys::Array::of1(&text.into())))
                .and_then(|html| html.as_string())
                .ok_or_else(|| "得分结构图未能加载，请检查网络后重新打开。".to_string())
        });
        was_open = true;
    });
    // HTML kept current by `cells::live` (issue 25).
    let part = NodeRef::<leptos::html::Div>::new();
    let first = crate::app::cells::live(move || part.get().map(Into::into), move || {
        let mut o = format!("<button type=\"button\" class=\"button\" data-testid=\"score-chart-toggle\" aria-expanded=\"{}\">得分结构图</button>", open.get());
        if spec.with(Option::is_some) {
            o.push_str(&shown.html(str::to_string));
        }
        o
    });
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if crate::app::cells::event_element(&ev, "[data-testid=score-chart-toggle]").is_some() {
            open.update(|o| *o = !*o);
        }
    };
    // The pointer over the button, or the focus on it, starts loading the module, so that the
    // click usually finds it there (the loader fetches it once per page, whoever asks).
    view! { <div class="score-chart" node_ref=part inner_html=first on:click=on_click on:pointerover=|_| crate::app::import::prefetch_screens() on:focusin=|_| crate::app::import::prefetch_screens()></div> }
}

fn explained(e: &Explained) -> (String, String) {
    (e.text.clone(), e.clause.clone())
}

fn or_missing(v: Option<String>) -> String {
    v.unwrap_or_else(|| MISSING.into())
}

/// One scored table: header, budget block, goals, indicator rows, totals, sign lines.
fn draw(o: &mut Out, p: &str) {
    let r = o.report;
    let Some(t) = edit::table(r, p) else {
        if p == "overall" {
            o.s("<p>本报告还没有部门整体支出绩效自评表。</p><button type=\"button\" class=\"button\" data-action=\"add-overall\">添加部门整体支出绩效自评表</button>");
        } else {
            o.s("<p>该项目表已删除。</p>");
        }
        return;
    };
    let result: Option<&TableResult> = o.evaluation.tables.iter().find(|x| x.path == p);
    let is_project = p.starts_with("projects[");
    // The form's 附件 label and title as print, Word and Excel print them (model::forms::heading).
    o.slot("h2", " data-testid=\"table-heading\"", |h, _| {
        h.push_str(&escape(&crate::model::forms::heading::of_table(r, t, p).one_line()));
        None
    });
    o.s("<p class=\"table-actions\"><button type=\"button\" class=\"button\" data-testid=\"export-csv\" data-action=\"csv\">导出本表 CSV（Excel）</button></p>");
    if is_project {
        o.s("<div class=\"table-actions\" role=\"group\" aria-label=\"项目表操作\">\
            <button type=\"button\" class=\"button\" data-action=\"duplicate\">复制本表</button>\
            <button type=\"button\" class=\"button\" data-action=\"up\">上移</button>\
            <button type=\"button\" class=\"button\" data-action=\"down\">下移</button>\
            <button type=\"button\" class=\"button danger\" data-action=\"remove\">删除本表</button></div>");
    }
    o.form(p, if is_project { PROJECT_HEAD_ROWS } else { OVERALL_HEAD_ROWS });
    let wan = t.unit == MoneyUnit::WanYuan;
    o.s(&format!(
        "<table class=\"official budget\"><caption>预算执行情况（单位：<select class=\"unit-switch\" aria-label=\"金额单位\" data-action=\"unit\">\
         <option value=\"万元\"{}>万元</option><option value=\"元\"{}>元</option></select>）</caption>\
         <thead><tr><th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>分值</th>\
         <th>执行率（填报，%）</th><th>执行率（计算）</th><th>得分（填报）</th><th>得分（计算）</th></tr></thead><tbody><tr>",
        if wan { " selected" } else { "" },
        if wan { "" } else { " selected" }
    ));
    let cell = |o: &mut Out, field: &str, label: &str| {
        o.s("<td>");
        o.field(&format!("{p}.{field}"), label, FieldOpts::default());
        o.s("</td>");
    };
    for (field, label) in [("initial", "年初预算数"), ("adjusted", "全年预算数"), ("executed", "全年执行数"), ("weight", "预算执行分值"), ("declared_rate_percent", "执行率（填报）")] {
        cell(o, &format!("budget.{field}"), label);
    }
    let budget = result.map(|r| &r.budget);
    o.computed("td", "执行率", &or_missing(budget.and_then(|b| b.rate).map(fmt_rate)), budget.map(|b| explained(&b.rate_explain)).unwrap_or_default());
    cell(o, "budget.declared_score", "预算执行得分（填报）");
    o.computed("td", "预算执行得分", &or_missing(budget.and_then(|b| b.score).map(fmt2)), budget.map(|b| explained(&b.score_explain)).unwrap_or_default());
    o.s("</tr><tr><th scope=\"row\">其中：基本支出</th>");
    cell(o, "budget.basic", "基本支出（执行数）");
    o.s("<th scope=\"row\">项目支出</th>");
    cell(o, "budget.project", "项目支出（执行数）");
    o.s("<th scope=\"row\">执行率偏低原因</th><td colspan=\"3\">");
    o.field(&format!("{p}.budget.reason"), "执行率偏低原因", FieldOpts::default());
    o.s("</td></tr>");
    if !t.budget.by_source.is_empty() {
        o.s(if is_project {
            "<tr><th scope=\"rowgroup\" colspan=\"8\">其中（资金来源）：</th></tr>"
        } else {
            "<tr><th scope=\"rowgroup\" colspan=\"8\">按收入性质分（执行数）：</th></tr>"
        });
    }
    for i in 0..t.budget.by_source.len() {
        let n = i + 1;
        o.s("<tr class=\"source-line\" data-testid=\"budget-source\">");
        cell(o, &format!("budget.by_source[{i}].label"), &format!("其中第{n}项名称"));
        if is_project {
            cell(o, &format!("budget.by_source[{i}].initial"), &format!("资金来源{n}年初预算数"));
            cell(o, &format!("budget.by_source[{i}].adjusted"), &format!("资金来源{n}全年预算数"));
            cell(o, &format!("budget.by_source[{i}].executed"), &format!("资金来源{n}全年执行数"));
        } else {
            cell(o, &format!("budget.by_source[{i}].executed"), &format!("收入性质{n}执行数"));
        }
        o.s("</tr>");
    }
    o.s("</tbody></table>");
    o.form(p, GOAL_ROWS);
    if !t.level1_weights.is_empty() {
        o.s("<table class=\"official level1\"><caption>一级指标分值（表头所列）</caption>\
             <thead><tr><th>一级指标</th><th>表头分值</th><th>所属指标分值合计</th><th>计算得分</th></tr></thead><tbody>");
        let pack = rules::find(&r.rule_pack);
        for i in 0..t.level1_weights.len() {
            let sub = result.and_then(|res| header_subtotal(t, res, pack, i));
            o.s("<tr>");
            cell(o, &format!("level1_weights[{i}].name"), "一级指标");
            cell(o, &format!("level1_weights[{i}].weight"), "表头分值");
            o.slot("td", " class=\"num\"", |h, _| {
                if let Some(s) = sub {
                    h.push_str(&plain(s.weight_sum));
                }
                None
            });
            o.computed("td", "一级指标小计", &or_missing(sub.and_then(|s| s.score).map(fmt2)), sub.map(|s| explained(&s.explain)).unwrap_or_default());
            o.s("</tr>");
        }
        o.s("</tbody></table>");
    }
    let results: &[RowResult] = result.map(|x| &x.rows[..]).unwrap_or(&[]);
    if t.goals.is_empty() {
        grid(o, p, RowList::Table, &t.indicators, results);
    } else {
        for (g, goal) in t.goals.iter().enumerate() {
            let n = g + 1;
            let sub = result.and_then(|x| x.goals.get(g));
            o.s(&format!("<div class=\"goal\"><table class=\"official form\"><tbody><tr><th scope=\"row\">年度绩效目标{n}</th><td>"));
            o.field(&format!("{p}.goals[{g}].title"), &format!("年度绩效目标{n}"), FieldOpts { multiline: true, ..FieldOpts::default() });
            o.s("</td><th scope=\"row\">分值</th><td>");
            o.field(&format!("{p}.goals[{g}].weight"), &format!("年度绩效目标{n}分值"), FieldOpts::default());
            o.s("</td><th scope=\"row\">得分</th>");
            o.computed("td", &format!("年度绩效目标{n}得分"), &or_missing(sub.and_then(|s| s.score).map(fmt2)), sub.map(|s| explained(&s.explain)).unwrap_or_default());
            o.s(&format!("<td><button type=\"button\" class=\"link\" data-action=\"remove-goal\" data-goal=\"{g}\">删除目标</button></td></tr></tbody></table>"));
            grid(o, p, RowList::Goal(g), &goal.indicators, results);
            o.s("</div>");
        }
        o.s("<button type=\"button\" class=\"button\" data-action=\"add-goal\">＋ 添加年度绩效目标</button>");
    }
    o.s("<p class=\"table-actions\"><button type=\"button\" class=\"button\" data-testid=\"adopt-computed\" data-action=\"adopt\" \
         title=\"把本表计算的执行率、得分、总分和评价等次写入填报栏（打印时显示填报数）\">采用计算结果</button></p>\
         <table class=\"official totals\"><thead><tr><th><span class=\"visually-hidden\">项目</span></th><th>填报</th><th>计算</th></tr></thead>\
         <tbody><tr><th scope=\"row\">总分</th>");
    cell(o, "declared_total", "总分（填报）");
    o.computed("td", "总分", &or_missing(result.and_then(|x| x.total).map(fmt2)), result.map(|x| explained(&x.total_explain)).unwrap_or_default());
    o.s("</tr><tr><th scope=\"row\">评价等次</th><td>");
    o.field(&format!("{p}.declared_grade"), "评价等次（填报）", FieldOpts { suggestions: Some("grade-options"), ..FieldOpts::default() });
    o.s("</td>");
    o.computed("td", "评价等次", &or_missing(result.and_then(|x| x.grade.clone())), result.map(|x| explained(&x.grade_explain)).unwrap_or_default());
    o.s("</tr></tbody></table>");
    o.form(p, TABLE_FOOT_ROWS);
    let head: &[(&str, &str, bool)] = if is_project && r.rule_pack.starts_with("sichuan") { &[("项目负责人", "head", false)] } else { &[("单位负责人签字", "head", false)] };
    o.form(p, head);
}

/// The indicator rows of one list, like a spreadsheet: Tab/Shift-Tab across, Enter down,
/// paste a block from Excel or WPS into any cell.
fn grid(o: &mut Out, p: &str, list: RowList, rows: &[Indicator], results: &[RowResult]) {
    let prefix = list.prefix(p);
    let code = match list {
        RowList::Table => "t".to_string(),
        RowList::Goal(g) => format!("g{g}"),
    };
    o.s(&format!("<table class=\"official indicators\" aria-label=\"绩效指标\" data-list=\"{code}\"><thead><tr>"));
    for (_, h) in &ROW_COLUMNS[..7] {
        o.s(&format!("<th scope=\"col\">{h}</th>"));
    }
    o.s(&format!("<th scope=\"col\">计算得分</th><th scope=\"col\">{}</th><th scope=\"col\"><span class=\"visually-hidden\">操作</span></th></tr></thead><tbody data-testid=\"indicator-rows\">", ROW_COLUMNS[7].1));
    // Goal rows follow each other in the table's results: find where this list starts.
    let first = format!("{prefix}[0]");
    let start = results.iter().position(|x| x.path == first).unwrap_or(0);
    let pack = rules::find(&o.report.rule_pack);
    for (i, indicator) in rows.iter().enumerate() {
        let base = format!("{prefix}[{i}]");
        let result = results.get(start + i).filter(|x| x.path == base).or_else(|| results.iter().find(|x| x.path == base));
        let continued = i > 0 && rows[i - 1].level1 == indicator.level1;
        o.s("<tr");
        let key = row_key(o, &base, result, indicator, continued);
        o.keyed(key, ROW_SLOTS, |o| {
            o.class_slot(if continued { "continued" } else { "group-start" });
            o.s(">");
            row_cells(o, &prefix, &base, i, indicator, result, pack);
        });
        o.s("</tr>");
    }
    o.s(&format!(
        "</tbody></table><p class=\"grid-actions\"><button type=\"button\" class=\"button\" data-testid=\"add-row\" data-action=\"add-row\" data-list=\"{code}\" data-rows=\"{}\">＋ 添加指标行</button>\
         <span class=\"hint\">提示：可从 Excel / WPS 复制多行指标，粘贴到任一单元格；Enter 下移，Tab 右移，Ctrl+Z 撤销。</span></p>",
        rows.len()
    ));
}

/// The slots of an indicator row: its class, what was understood of 指标值 and 完成值, the
/// computed score, the tier picker and the toolbar.
const ROW_SLOTS: usize = 6;

/// What an indicator row's slots are drawn from, hashed: a keystroke rebuilds only the rows
/// whose key changed.
fn row_key(o: &Out, base: &str, result: Option<&RowResult>, indicator: &Indicator, continued: bool) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    base.hash(&mut h);
    continued.hash(&mut h);
    indicator.name.hash(&mut h);
    indicator.tier.map(|t| t.key()).hash(&mut h);
    indicator.assessed_score.hash(&mut h);
    indicator.weight.hash(&mut h);
    if let Some(r) = result {
        (r.kind == RowKind::Qualitative).hash(&mut h);
        r.score.hash(&mut h);
        r.pending.hash(&mut h);
        r.weight.hash(&mut h);
        r.target_understood.hash(&mut h);
        r.actual_understood.hash(&mut h);
        r.explain.text.hash(&mut h);
        r.explain.clause.hash(&mut h);
    }
    o.marks().get(&format!("{base}.assessed_score")).map(|m| (m.message.as_str(), severity_rank(m.severity))).hash(&mut h);
    h.finish()
}

fn severity_rank(s: crate::model::finding::Severity) -> u8 {
    use crate::model::finding::Severity;
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        _ => 2,
    }
}

/// One indicator row's cells (inside its `<tr>`).
fn row_cells(o: &mut Out, prefix: &str, base: &str, i: usize, indicator: &Indicator, result: Option<&RowResult>, pack: Option<&crate::model::rules::RulePack>) {
    let n = i + 1;
    let cell = |o: &mut Out, c: usize| {
        let (field, header) = ROW_COLUMNS[c];
        let suggestions = match field {
            "level1" => Some("level1-options"),
            "level2" => Some("level2-options"),
            _ => None,
        };
        o.s("<td>");
        if o.full() {
            o.field(&format!("{base}.{field}"), &format!("第{n}行 {header}"), FieldOpts { multiline: field == "reason", suggestions, grid: Some((prefix, i, c)) });
        }
        if matches!(field, "target" | "actual") {
            // What the model understood of the text, e.g. "≥ 4 次" (inside the cell).
            let understood = result.map(|r| if field == "target" { &r.target_understood } else { &r.actual_understood }).filter(|u| !u.is_empty());
            o.slot("span", " class=\"understood-slot\"", |h, _| {
                if let Some(u) = understood {
                    h.push_str("<span class=\"understood\">");
                    h.push_str(&escape(u));
                    h.push_str("</span>");
                }
                None
            });
        }
        o.s("</td>");
    };
    for c in 0..7 {
        cell(o, c);
    }
    o.s("<td class=\"score-cell\">");
    o.computed("span", &format!("第{n}行 计算得分"), &or_missing(result.map(row_score)), result.map(|r| explained(&r.explain)).unwrap_or_default());
    // 定性指标: the tier and a score within the tier's band.
    let qualitative = result.is_some_and(|r| r.kind == RowKind::Qualitative);
    o.slot("span", "", |h, out| {
        if qualitative {
            tier_picker(h, out, base, indicator, pack);
        }
        None
    });
    o.s("</td>");
    cell(o, 7);
    // One Tab stop per row for its four buttons; ←/→ move between them.
    let name = indicator.name.trim();
    let named = if name.is_empty() { format!("第{n}行") } else { escape(&format!("第{n}行“{name}”")) };
    o.slot("td", " class=\"row-actions\"", |h, _| {
        h.push_str(&format!(
            "<div class=\"row-toolbar\" role=\"toolbar\" aria-label=\"{named}操作（←/→ 切换按钮）\" data-testid=\"row-toolbar\">\
             <button type=\"button\" class=\"icon\" tabindex=\"0\" aria-label=\"在{named}下方插入一行\" data-action=\"row-insert\" data-row=\"{i}\">＋</button>\
             <button type=\"button\" class=\"icon\" tabindex=\"-1\" aria-label=\"把{named}上移一行\" data-action=\"row-up\" data-row=\"{i}\">↑</button>\
             <button type=\"button\" class=\"icon\" tabindex=\"-1\" aria-label=\"把{named}下移一行\" data-action=\"row-down\" data-row=\"{i}\">↓</button>\
             <button type=\"button\" class=\"icon\" tabindex=\"-1\" data-testid=\"remove-row\" aria-label=\"删除{named}\" data-action=\"row-remove\" data-row=\"{i}\">删</button></div>"
        ));
        None
    });
}

/// 定性指标: the tier select, the assessed score and the tier's band.
fn tier_picker(h: &mut String, o: &Out, base: &str, indicator: &Indicator, pack: Option<&crate::model::rules::RulePack>) {
    let tier = indicator.tier.map(|t| t.key()).unwrap_or_default();
    h.push_str(&format!(
        "<span class=\"tier\"><select class=\"field\" aria-label=\"定性指标评定档次\" data-path=\"{base}.tier\"><option value=\"\"{}>评定档次…</option>",
        if tier.is_empty() { " selected" } else { "" }
    ));
    if let Some(pack) = pack {
        for x in &pack.qualitative.tiers {
            let key = x.tier.key();
            h.push_str(&format!("<option value=\"{key}\"{}>{}</option>", if tier == key { " selected" } else { "" }, escape(&x.name)));
        }
    }
    h.push_str("</select>");
    crate::app::sheet::field_html(h, o.report, o.marks(), &format!("{base}.assessed_score"), "评定得分", FieldOpts::default());
    h.push_str("<span class=\"band\">");
    if let Some(band) = pack.and_then(|p| tier_band(p, indicator)) {
        h.push_str(&escape(&band));
    }
    h.push_str("</span></span>");
}

/// The table's buttons and its unit select.
fn act(doc: Doc, action: &str, el: &Element, p: &str) {
    let index: usize = p.trim_start_matches("projects[").trim_end_matches(']').parse().unwrap_or(0);
    let row = || el.get_attribute("data-row").and_then(|r| r.parse::<usize>().ok()).unwrap_or(0);
    let list = || list_of(el).unwrap_or(RowList::Table);
    let table = p.to_string();
    match action {
        "add-overall" => {
            doc.change(Change::AddOverall);
        }
        "csv" => {
            let csv = doc.report.with_untracked(|r| doc.evaluation.with_untracked(|e| crate::model::exchange::csv::scored_table(r, e, p)));
            let name = doc.report.with_untracked(|r| format!("{}-{}.csv", json::file_stem(r), table_label(r, p).replace('：', "-")));
            if let Some(csv) = csv {
                offer(doc, &name, csv.as_bytes(), "text/csv;charset=utf-8");
            }
        }
        "duplicate" => {
            if doc.change(Change::DuplicateProject { at: index }) {
                go(doc, Section::Table(format!("projects[{}]", index + 1)));
            }
        }
        "up" | "down" => {
            let up = action == "up";
            if doc.change(Change::MoveProject { at: index, up }) {
                go(doc, Section::Table(format!("projects[{}]", if up { index.saturating_sub(1) } else { index + 1 })));
            }
        }
        "remove" => {
            if doc.change(Change::RemoveProject { at: index }) {
                doc.notice.set(Some("已删除项目表。可按 Ctrl+Z 撤销。".into()));
                go(doc, Section::Table("overall".into()));
            }
        }
        "unit" => {
            let value = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlSelectElement>(el).map(|s| s.value()).unwrap_or_default();
            let unit = if value == "元" { MoneyUnit::Yuan } else { MoneyUnit::WanYuan };
            if doc.change(Change::SetUnit { table, unit }) {
                doc.notice.set(Some(format!("金额已换算为{}，执行率和得分不变。", unit.label())));
            }
        }
        "remove-goal" => {
            let at = el.get_attribute("data-goal").and_then(|g| g.parse().ok()).unwrap_or(0);
            doc.change(Change::RemoveGoal { table, at });
        }
        "add-goal" => {
            doc.change(Change::AddGoal { table });
        }
        "adopt" => {
            let n = doc.adopt(p);
            doc.notice.set(Some(if n == 0 { "填报数已与计算结果一致。".to_string() } else { format!("已采用计算结果，改写 {n} 处填报数。可按 Ctrl+Z 撤销。") }));
        }
        "add-row" => {
            let at: usize = el.get_attribute("data-rows").and_then(|n| n.parse().ok()).unwrap_or(0);
            let list = list();
            if doc.change(Change::InsertRow { table, list, at }) {
                let selector = format!("[data-grid=\"{}\"][data-row=\"{at}\"][data-col=\"2\"]", list.prefix(p));
                set_timeout(move || { crate::app::cells::focus_selector(&selector); }, std::time::Duration::ZERO);
            }
        }
        "row-insert" => {
            doc.change(Change::InsertRow { table, list: list(), at: row() + 1 });
        }
        "row-up" | "row-down" => {
            doc.change(Change::MoveRow { table, list: list(), at: row(), up: action == "row-up" });
        }
        "row-remove" => {
            let at = row();
            if doc.change(Change::RemoveRow { table, list: list(), at }) {
                doc.notice.set(Some(format!("已删除第{}行。可按 Ctrl+Z 撤销。", at + 1)));
            }
        }
        _ => {}
    }
}
