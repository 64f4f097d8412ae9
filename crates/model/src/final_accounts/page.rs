//! The 决算 editor's view and its print as HTML strings, built in the reader worker
//! (`session`): the tables as their official forms with an `<input>` per figure cell, the
//! check findings linked to their cells and sentences, the written 说明 sentence by sentence,
//! the drafted 情况说明 with its 主要原因 gaps, the six charts with their text alternatives,
//! last year's figures and the 名词解释.
//!
//! Addresses for the page's one delegated handler: a figure cell has `data-t` / `data-r` /
//! `data-c` (table, row, column of the document, as `check::cell_path`) and `data-y` / `data-x`
//! (its place on screen, for Enter and the arrow keys); other fields have `data-fa` ("meta",
//! "last", "statement", "glossary", "add-code", "add-name"); a finding's link has `data-goto`
//! ("cell" or "sentence"); buttons have `data-action`. Every text from the document is escaped.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::facts::PRIOR_KEYS;
use super::forms::{self, Rows};
use super::{chart, check, draft, out, statement, FaTable, FinalAccounts};
use crate::chart::draw;
use crate::finding::{Finding, Severity};
use crate::num::fmt2;
use crate::print::{escape, form_html};

/// Where a finding points.
enum Target {
    Cell(usize, usize, usize),
    Sentence(usize),
    Table(usize),
    Statement,
    /// The 自评 report's field (`overall.budget.executed`): not in this editor.
    Report,
}

fn target(path: &str) -> Target {
    if path.starts_with("overall") {
        return Target::Report;
    }
    let num = |s: &str, key: &str| s.split(key).nth(1).and_then(|x| x.split(']').next()).and_then(|x| x.parse::<usize>().ok());
    if let Some(s) = num(path, "sentences[") {
        return Target::Sentence(s);
    }
    match (num(path, "tables["), num(path, "rows["), num(path, "values[")) {
        (Some(t), Some(r), Some(c)) => Target::Cell(t, r, c),
        (Some(t), _, _) => Target::Table(t),
        _ => Target::Statement,
    }
}

/// Every finding of the document: the tables' checks, then the written 说明's.
pub fn findings(fa: &FinalAccounts) -> Vec<Finding> {
    let mut all = check::check_tables(fa).0;
    all.extend(statement::check_statement(fa).0);
    all
}

fn attr(html: &mut String, name: &str, value: &str) {
    let _ = write!(html, " {name}=\"{}\"", escape(value));
}

/// One figure cell's input.
struct Cells<'a> {
    flagged: &'a BTreeMap<(usize, usize, usize), String>,
}

impl Cells<'_> {
    fn input(&self, html: &mut String, fa: &FinalAccounts, (t, r, c): (usize, usize, usize), (y, x): (usize, usize)) {
        let table = &fa.tables[t];
        let row = &table.rows[r];
        let value = row.values.get(c).copied().flatten().map(fmt2).unwrap_or_default();
        let label = format!("{} {}", if row.level() > 0 { format!("{} {}", row.code, row.name.trim()) } else { row.name.trim().to_string() }, table.columns.get(c).map(String::as_str).unwrap_or(""));
        let _ = write!(html, "<td class=\"num\"><input class=\"fa-cell");
        let flag = self.flagged.get(&(t, r, c));
        if flag.is_some() {
            html.push_str(" flagged");
        }
        let _ = write!(html, "\" inputmode=\"decimal\" id=\"fa-c-{t}-{r}-{c}\" data-t=\"{t}\" data-r=\"{r}\" data-c=\"{c}\" data-y=\"{y}\" data-x=\"{x}\"");
        attr(html, "value", &value);
        attr(html, "aria-label", &label);
        if let Some(m) = flag {
            html.push_str(" aria-invalid=\"true\"");
            attr(html, "title", m);
        }
        html.push_str("></td>");
    }
}

/// A row's name, indented by its 科目 level (款 one step, 项 two).
fn row_label(name: &str, level: u8) -> String {
    format!("{}{}", "　".repeat(usize::from(level.saturating_sub(1))), name.trim())
}

fn table_html(html: &mut String, fa: &FinalAccounts, ti: usize, cells: &Cells<'_>) {
    let t = &fa.tables[ti];
    let _ = write!(html, "<section class=\"fa-table\" id=\"fa-t-{ti}\" data-testid=\"fa-table\"><h3>{}</h3>", escape(&t.title));
    html.push_str("<table class=\"print-table fa-grid\"><thead><tr>");
    let rows = forms::form(&t.form).map(|f| f.rows);
    match t.form.as_str() {
        "t1" | "t4" => two_sided(html, fa, ti, t, cells),
        _ => {
            let coded = !matches!(rows, Some(Rows::Fixed(_)));
            if coded {
                html.push_str("<th>科目编码</th><th>科目名称</th>");
            } else {
                html.push_str("<th>项目</th>");
            }
            for c in &t.columns {
                let _ = write!(html, "<th>{}</th>", escape(c));
            }
            let editable = matches!(rows, Some(Rows::Functional | Rows::Economic));
            if editable {
                html.push_str("<th><span class=\"visually-hidden\">操作</span></th>");
            }
            html.push_str("</tr></thead><tbody>");
            for (ri, r) in t.rows.iter().enumerate() {
                html.push_str("<tr>");
                if coded {
                    let _ = write!(html, "<td>{}</td>", escape(if r.level() > 0 { &r.code } else { "" }));
                }
                let _ = write!(html, "<td>{}</td>", escape(&row_label(&r.name, r.level())));
                for ci in 0..t.columns.len() {
                    cells.input(html, fa, (ti, ri, ci), (ri, ci));
                }
                if editable {
                    html.push_str("<td>");
                    if r.level() > 0 {
                        let _ = write!(html, "<button type=\"button\" class=\"button small\" data-action=\"remove-row\" data-t=\"{ti}\" data-r=\"{ri}\"");
                        attr(html, "aria-label", &format!("删除科目 {} {}", r.code, r.name.trim()));
                        html.push_str(">删除</button>");
                    }
                    html.push_str("</td>");
                }
                html.push_str("</tr>");
            }
            html.push_str("</tbody></table>");
            if editable {
                let _ = write!(
                    html,
                    "<p class=\"fa-add\"><input data-fa=\"add-code\" id=\"fa-add-code-{ti}\" data-t=\"{ti}\" aria-label=\"新科目编码\" placeholder=\"科目编码\" size=\"9\"> <input data-fa=\"add-name\" id=\"fa-add-name-{ti}\" data-t=\"{ti}\" aria-label=\"新科目名称\" placeholder=\"科目名称\"> <button type=\"button\" class=\"button small\" data-action=\"add-row\" data-t=\"{ti}\">增加科目</button></p>"
                );
            }
        }
    }
    if !t.note.trim().is_empty() {
        let _ = write!(html, "<p class=\"hint\">注：{}</p>", escape(t.note.trim()));
    }
    html.push_str("</section>");
}

/// 收入 | 支出 side by side, as printed (`out::two_sided`).
fn two_sided(html: &mut String, fa: &FinalAccounts, ti: usize, t: &FaTable, cells: &Cells<'_>) {
    let kinds = if t.form == "t4" { t.columns.len() } else { 1 };
    html.push_str("<th>收入项目</th><th>决算数</th><th>支出项目</th>");
    if kinds == 1 {
        html.push_str("<th>决算数</th>");
    } else {
        for c in &t.columns {
            let _ = write!(html, "<th>{}</th>", escape(c));
        }
    }
    html.push_str("</tr></thead><tbody>");
    let left: Vec<usize> = (0..t.rows.len()).filter(|i| t.rows[*i].code.starts_with("in.")).collect();
    let right: Vec<usize> = (0..t.rows.len()).filter(|i| !t.rows[*i].code.starts_with("in.")).collect();
    for y in 0..left.len().max(right.len()) {
        html.push_str("<tr>");
        match left.get(y) {
            Some(&ri) => {
                let _ = write!(html, "<td>{}</td>", escape(t.rows[ri].name.trim()));
                if t.columns.is_empty() {
                    html.push_str("<td></td>");
                } else {
                    cells.input(html, fa, (ti, ri, 0), (y, 0));
                }
            }
            None => html.push_str("<td></td><td></td>"),
        }
        match right.get(y) {
            Some(&ri) => {
                let r = &t.rows[ri];
                let name = if r.level() == 1 { format!("{} {}", r.code, r.name.trim()) } else { r.name.trim().to_string() };
                let _ = write!(html, "<td>{}</td>", escape(&name));
                for k in 0..kinds.min(t.columns.len()) {
                    cells.input(html, fa, (ti, ri, k), (y, k + 1));
                }
            }
            None => html.push_str(&"<td></td>".repeat(kinds + 1)),
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
}

fn severity_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn findings_html(html: &mut String, fa: &FinalAccounts, all: &[Finding]) {
    let errors = all.iter().filter(|f| f.severity == Severity::Error).count();
    let warnings = all.iter().filter(|f| f.severity == Severity::Warning).count();
    let _ = write!(html, "<section class=\"fa-findings\" aria-labelledby=\"fa-findings-h\"><h2 id=\"fa-findings-h\">检查结果</h2><p data-testid=\"fa-summary\">");
    if all.is_empty() {
        html.push_str("各表数字及表间关系均已核对，未发现问题。</p>");
    } else {
        let _ = write!(html, "错误 {errors} 项，警告 {warnings} 项，提示 {} 项。点击一项可跳到对应的单元格或句子。</p>", all.len() - errors - warnings);
    }
    html.push_str("<ol class=\"finding-list\" data-testid=\"fa-findings\">");
    for f in all {
        let _ = write!(html, "<li class=\"finding {}\" data-code=\"{}\">", severity_class(f.severity), escape(&f.code));
        let text = format!("{}：{}", f.severity.label(), f.message);
        match target(&f.path) {
            Target::Cell(t, r, c) if fa.tables.get(t).is_some_and(|x| r < x.rows.len() && c < x.columns.len()) => {
                let _ = write!(html, "<button type=\"button\" class=\"link\" data-goto=\"cell\" data-t=\"{t}\" data-r=\"{r}\" data-c=\"{c}\">{}</button>", escape(&text));
            }
            Target::Sentence(s) => {
                let _ = write!(html, "<button type=\"button\" class=\"link\" data-goto=\"sentence\" data-s=\"{s}\">{}</button>", escape(&text));
            }
            Target::Table(t) if t < fa.tables.len() => {
                let _ = write!(html, "<button type=\"button\" class=\"link\" data-goto=\"table\" data-t=\"{t}\">{}</button>", escape(&text));
            }
            Target::Report => {
                let _ = write!(html, "{}（自评报告中的数字，请在自评报告中核对）", escape(&text));
            }
            _ => {
                let _ = write!(html, "<button type=\"button\" class=\"link\" data-goto=\"statement\">{}</button>", escape(&text));
            }
        }
        html.push_str("</li>");
    }
    html.push_str("</ol></section>");
}

fn text_with_gaps(text: &str) -> String {
    escape(text).replace("（请填写）", "<mark class=\"fa-gap\">（请填写）</mark>")
}

fn draft_html(html: &mut String, fa: &FinalAccounts) {
    let (sections, gaps) = draft::draft(fa);
    html.push_str("<section class=\"fa-draft\" data-testid=\"fa-draft\" aria-labelledby=\"fa-draft-h\"><h2 id=\"fa-draft-h\">情况说明（按表自动生成）</h2>");
    if !gaps.is_empty() {
        let _ = write!(html, "<p class=\"warning\" data-testid=\"fa-gaps\">尚有 {} 处主要原因待填写（已标出）：", gaps.len());
        html.push_str(&gaps.iter().map(|g| escape(&g.message)).collect::<Vec<_>>().join(""));
        html.push_str("</p>");
    }
    for s in &sections {
        let tag = if s.heading.starts_with('（') { "h4" } else { "h3" };
        let _ = write!(html, "<{tag}>{}</{tag}>", escape(&s.heading));
        for line in s.text.lines() {
            let _ = write!(html, "<p>{}</p>", text_with_gaps(line));
        }
    }
    html.push_str("</section>");
}

fn charts_html(html: &mut String, fa: &FinalAccounts) {
    html.push_str("<section class=\"fa-charts charts\" data-testid=\"fa-charts\"><h2>图表</h2>");
    for spec in chart::charts(fa) {
        let c = draw(&spec);
        let _ = write!(html, "<figure class=\"chart-figure\">{}<figcaption data-testid=\"fa-chart-alt\">{}</figcaption></figure>", c.svg, escape(&c.alt));
    }
    html.push_str("</section>");
}

fn statement_html(html: &mut String, fa: &FinalAccounts, all: &[Finding]) {
    html.push_str("<section class=\"fa-statement\" aria-labelledby=\"fa-st-h\"><h2 id=\"fa-st-h\">单位撰写的情况说明</h2>");
    html.push_str("<p class=\"hint\">粘贴或填写本单位的情况说明，逐句与各表核对（金额、占比、增减、完成率及原因）。留空则导出自动生成的说明。</p>");
    html.push_str("<textarea data-fa=\"statement\" id=\"fa-statement\" rows=\"8\" aria-label=\"单位撰写的情况说明\" data-testid=\"fa-statement\">");
    html.push_str(&escape(&fa.statement));
    html.push_str("</textarea>");
    let list = statement::sentences(&fa.statement);
    if !list.is_empty() {
        let mut flagged: BTreeMap<usize, Severity> = BTreeMap::new();
        for f in all {
            if let Target::Sentence(s) = target(&f.path) {
                let e = flagged.entry(s).or_insert(f.severity);
                *e = (*e).min(f.severity);
            }
        }
        html.push_str("<ol class=\"fa-sentences\" data-testid=\"fa-sentences\">");
        for (i, s) in list.iter().enumerate() {
            let _ = write!(html, "<li id=\"fa-s-{i}\" data-s=\"{i}\" tabindex=\"-1\"");
            if let Some(sev) = flagged.get(&i) {
                let _ = write!(html, " class=\"flagged {}\"", severity_class(*sev));
            }
            let _ = write!(html, ">{}</li>", escape(&s.text));
        }
        html.push_str("</ol>");
    }
    html.push_str("</section>");
}

fn meta_html(html: &mut String, fa: &FinalAccounts) {
    html.push_str("<section class=\"fa-meta\"><h2>基本信息</h2><p>");
    for (field, label, value) in [("year", "年度", &fa.year), ("department", "部门", &fa.department), ("unit", "单位", &fa.unit)] {
        let _ = write!(html, "<label>{label} <input data-fa=\"meta\" data-field=\"{field}\" id=\"fa-m-{field}\"");
        attr(html, "value", value);
        html.push_str("></label> ");
    }
    html.push_str("</p></section>");
}

fn last_year_html(html: &mut String, fa: &FinalAccounts) {
    html.push_str("<section class=\"fa-last\"><h2>上年决算数（万元）</h2><p class=\"hint\">用于说明中的增减变动和图1、图4、图5；可从上年决算公开中抄录。</p><table class=\"print-table\"><tbody>");
    for (i, (key, label)) in PRIOR_KEYS.iter().enumerate() {
        let value = fa.last_year.get(*key).copied().map(fmt2).unwrap_or_default();
        let _ = write!(html, "<tr><td>{}</td><td class=\"num\"><input class=\"fa-cell\" inputmode=\"decimal\" data-fa=\"last\" data-key=\"{key}\" id=\"fa-l-{key}\" data-y=\"{i}\" data-x=\"0\"", escape(label));
        attr(html, "value", &value);
        attr(html, "aria-label", &format!("上年{label}"));
        html.push_str("></td></tr>");
    }
    html.push_str("</tbody></table></section>");
}

/// The editor's HTML of a document; `message` (a refused value, what a paste did) on top;
/// `extra`: findings from outside the document (the 自评 report of the same unit and year).
pub fn editor_html(fa: &FinalAccounts, message: Option<&str>, extra: &[Finding]) -> String {
    let mut all = findings(fa);
    all.extend(extra.iter().cloned());
    let mut flagged: BTreeMap<(usize, usize, usize), String> = BTreeMap::new();
    for f in &all {
        if let Target::Cell(t, r, c) = target(&f.path) {
            flagged.entry((t, r, c)).or_insert_with(|| f.message.clone());
        }
    }
    let mut html = String::new();
    let _ = write!(html, "<h1 data-testid=\"fa-title\">{}</h1>", escape(&fa.title()));
    if let Some(m) = message {
        let _ = write!(html, "<p class=\"notice\" role=\"status\" data-testid=\"fa-message\">{}</p>", escape(m));
    }
    meta_html(&mut html, fa);
    findings_html(&mut html, fa, &all);
    html.push_str("<section class=\"fa-tables\"><h2>部门决算表（单位：万元）</h2><p class=\"hint\">Enter 下移，Tab 右移，方向键移动；可从 Excel 复制一块数字粘贴到任一单元格；Ctrl+Z 撤销，Ctrl+Y 重做。</p>");
    let cells = Cells { flagged: &flagged };
    for ti in 0..fa.tables.len() {
        table_html(&mut html, fa, ti, &cells);
    }
    html.push_str("</section>");
    last_year_html(&mut html, fa);
    statement_html(&mut html, fa, &all);
    draft_html(&mut html, fa);
    charts_html(&mut html, fa);
    html.push_str("<section class=\"fa-glossary\"><h2>名词解释</h2><textarea data-fa=\"glossary\" id=\"fa-glossary\" rows=\"6\" aria-label=\"名词解释\">");
    html.push_str(&escape(if fa.glossary.trim().is_empty() { draft::GLOSSARY } else { &fa.glossary }));
    html.push_str("</textarea></section>");
    html
}

/// The printable document: the tables as their forms (`out::grid`, as Word and Excel print
/// them), the 说明 (the written one, else the drafted one) with the six charts and their text
/// alternatives, and the 名词解释.
pub fn print_html(fa: &FinalAccounts) -> String {
    let mut html = format!("<article class=\"print fa-print-doc\"><h1>{}</h1>", escape(&fa.title()));
    for t in &fa.tables {
        form_html(&mut html, &out::grid(fa, t), " landscape");
    }
    html.push_str("<section class=\"print-section\"><h2>部门决算情况说明</h2>");
    if fa.statement.trim().is_empty() {
        for s in draft::draft(fa).0 {
            let _ = write!(html, "<h3>{}</h3>", escape(&s.heading));
            for line in s.text.lines() {
                let _ = write!(html, "<p>{}</p>", escape(line));
            }
        }
    } else {
        for line in fa.statement.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let _ = write!(html, "<p>{}</p>", escape(line));
        }
    }
    html.push_str("</section>");
    charts_html(&mut html, fa);
    html.push_str("<section class=\"print-section\"><h2>名词解释</h2>");
    let glossary = if fa.glossary.trim().is_empty() { draft::GLOSSARY } else { fa.glossary.as_str() };
    for line in glossary.lines().filter(|l| !l.trim().is_empty()) {
        let _ = write!(html, "<p>{}</p>", escape(line.trim()));
    }
    html.push_str("</section></article>");
    html
}
