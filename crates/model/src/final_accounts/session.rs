//! The 决算 editor's operations (issue 24 in the browser): each takes an operation and the
//! document as its saved JSON (`json::save`) and returns the new saved JSON and the editor's
//! HTML (`page::editor_html`). They are stateless, so the page keeps only text (its undo stack
//! is a list of saved JSON texts) and the model code runs in the reader worker, loaded on first
//! use (issue 25), never in the start-up module.
//!
//! Guarantees: a value that does not parse leaves the document unchanged and comes back as a
//! Chinese message (the view shows the figure in force); a document that does not load is an
//! error, never a default; no operation panics on any input (indices out of range are a
//! message). Figures are `Decimal`: full-width digits, thousands separators, "—" / "/" (an empty
//! cell), "万元" and "元" (divided by 10 000, exactly) are read.

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::json;

use super::facts::{prior_label, PRIOR_KEYS};
use super::forms::{self, Rows};
use super::{build, json as fa_json, page, FaRow, FinalAccounts};
use crate::edit::split_tsv;
use crate::edit::{parse_in, Quantity};
use crate::edit::EditError;
use crate::num::{fmt2, means_not_applicable, normalize};
use crate::report::MoneyUnit;

/// One operation of the editor, as the page sends it (`{"op": "set", "table": 0, …}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    /// Shows the document as it is.
    Open,
    /// A new empty document (the saved JSON given is ignored).
    New { year: String, department: String, unit: String },
    /// One figure cell ← typed text.
    Set { table: usize, row: usize, col: usize, text: String },
    /// 年度 / 部门 / 单位 (`field`: "year", "department", "unit").
    Meta { field: String, text: String },
    /// A 科目 row (`code`, `name`) added to a 功能分类 / 经济分类 table, in code order.
    AddRow { table: usize, code: String, name: String },
    /// A 科目 row removed.
    RemoveRow { table: usize, row: usize },
    /// A block copied from Excel (tab-separated) pasted with its first cell at this cell.
    Paste { table: usize, row: usize, col: usize, text: String },
    /// The 情况说明 the department wrote.
    Statement { text: String },
    /// Last year's figure of a key of `facts::PRIOR_KEYS` ← typed text.
    LastYear { key: String, text: String },
    /// 名词解释.
    Glossary { text: String },
}

/// What an operation gives back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The document's saved JSON after the operation (unchanged when refused).
    pub json: String,
    /// The editor's view of it.
    pub html: String,
    /// "单位2024年度部门决算", for the draft list.
    pub title: String,
    /// A sentence for the user (a refused value, what a paste did), if any.
    pub message: Option<String>,
    /// Whether the document changed.
    pub changed: bool,
}

/// A typed figure: `Ok(None)` for an empty cell ("", "—", "/"), 万元 as typed, 元 ÷ 10 000 —
/// the 自评 editor's money-cell reading (`edit::units::parse_in` in a 万元 table), with "万"
/// for 万元 and a percentage named as such.
pub fn parse_figure(text: &str) -> Result<Option<Decimal>, String> {
    let t = normalize(text);
    let t = t.trim();
    if t.is_empty() || means_not_applicable(t) {
        return Ok(None);
    }
    if t.ends_with('%') {
        return Err(format!("“{}”是百分比，本表填列金额（万元）", text.trim()));
    }
    let t = t.strip_suffix('万').map_or_else(|| t.to_string(), |b| format!("{b}万元"));
    parse_in(Quantity::Money(MoneyUnit::WanYuan), &t).map_err(|e| match e {
        EditError::Number(n) => n.to_string(),
        other => other.to_string(),
    })
}

fn cell_name(fa: &FinalAccounts, table: usize, row: usize, col: usize) -> String {
    let t = &fa.tables[table];
    let r = &t.rows[row];
    let label = if r.level() > 0 { format!("{} {}", r.code, r.name.trim()) } else { r.name.trim().to_string() };
    format!("《{}》“{}”的“{}”", t.title.trim(), label, t.columns.get(col).map(String::as_str).unwrap_or(""))
}

fn shown(v: Option<Decimal>) -> String {
    v.map(fmt2).unwrap_or_else(|| "空白".into())
}

/// Whether (table, row, col) is a figure cell of the document.
fn has_cell(fa: &FinalAccounts, table: usize, row: usize, col: usize) -> bool {
    fa.tables.get(table).is_some_and(|t| col < t.columns.len() && row < t.rows.len())
}

fn put(row: &mut FaRow, col: usize, value: Option<Decimal>, width: usize) {
    if row.values.len() < width {
        row.values.resize(width, None);
    }
    if let Some(v) = row.values.get_mut(col) {
        *v = value;
    }
}

/// Applies `op` to the document in `saved` (ignored by `New`): the new document and message,
/// or why it cannot be done (the document does not load).
pub fn apply(op: &Op, saved: &str) -> Result<(FinalAccounts, Option<String>, bool), String> {
    if let Op::New { year, department, unit } = op {
        return Ok((build::new_document(year.trim(), department.trim(), unit.trim()), None, true));
    }
    let mut fa = fa_json::load(saved)?;
    let (message, changed) = edit(&mut fa, op);
    Ok((fa, message, changed))
}

fn edit(fa: &mut FinalAccounts, op: &Op) -> (Option<String>, bool) {
    let refused = |m: String| (Some(m), false);
    match op {
        Op::Open | Op::New { .. } => (None, false),
        Op::Set { table, row, col, text } => {
            let (t, r, c) = (*table, *row, *col);
            if !has_cell(fa, t, r, c) {
                return refused("该单元格已不存在（表格可能已改动），未修改。".into());
            }
            match parse_figure(text) {
                Ok(v) => {
                    let width = fa.tables[t].columns.len();
                    let before = fa.tables[t].rows[r].values.get(c).copied().flatten();
                    put(&mut fa.tables[t].rows[r], c, v, width);
                    (None, before != v)
                }
                Err(e) => {
                    let before = fa.tables[t].rows[r].values.get(c).copied().flatten();
                    refused(format!("{}：{e}，未采用，本格仍为 {}。", cell_name(fa, t, r, c), shown(before)))
                }
            }
        }
        Op::Meta { field, text } => {
            let target = match field.as_str() {
                "year" => &mut fa.year,
                "department" => &mut fa.department,
                "unit" => &mut fa.unit,
                _ => return refused(format!("没有“{field}”这一项。")),
            };
            let text = text.trim().to_string();
            let changed = *target != text;
            *target = text;
            (None, changed)
        }
        Op::AddRow { table, code, name } => add_row(fa, *table, code, name),
        Op::RemoveRow { table, row } => {
            let Some(t) = fa.tables.get_mut(*table) else { return refused("该表已不存在，未修改。".into()) };
            match t.rows.get(*row) {
                Some(r) if r.level() > 0 => {
                    let gone = t.rows.remove(*row);
                    (Some(format!("已删除科目“{} {}”。可按 Ctrl+Z 撤销。", gone.code, gone.name.trim())), true)
                }
                Some(r) => refused(format!("“{}”是表的固定行，不能删除。", r.name.trim())),
                None => refused("该行已不存在，未修改。".into()),
            }
        }
        Op::Paste { table, row, col, text } => paste(fa, *table, *row, *col, text),
        Op::Statement { text } => {
            let changed = fa.statement != *text;
            fa.statement = text.clone();
            (None, changed)
        }
        Op::Glossary { text } => {
            let changed = fa.glossary != *text;
            fa.glossary = text.clone();
            (None, changed)
        }
        Op::LastYear { key, text } => {
            if !PRIOR_KEYS.iter().any(|(k, _)| k == key) {
                return refused(format!("没有“{key}”这一上年数。"));
            }
            match parse_figure(text) {
                Ok(v) => {
                    let before = fa.last_year.get(key).copied();
                    match v {
                        Some(v) => fa.last_year.insert(key.clone(), v),
                        None => fa.last_year.remove(key),
                    };
                    (None, before != v)
                }
                Err(e) => {
                    let before = fa.last_year.get(key).copied();
                    refused(format!("上年“{}”：{e}，未采用，仍为 {}。", prior_label(key), shown(before)))
                }
            }
        }
    }
}

fn add_row(fa: &mut FinalAccounts, table: usize, code: &str, name: &str) -> (Option<String>, bool) {
    let Some(t) = fa.tables.get_mut(table) else { return (Some("该表已不存在，未修改。".into()), false) };
    let code: String = normalize(code).chars().filter(|c| !c.is_whitespace()).collect();
    let rows = forms::form(&t.form).map(|f| f.rows);
    let lengths: &[usize] = match rows {
        Some(Rows::Functional) => &[3, 5, 7],
        Some(Rows::Economic) => &[3, 5],
        _ => return (Some(format!("《{}》的行是固定的，不能增加科目。", t.title.trim())), false),
    };
    if !code.chars().all(|c| c.is_ascii_digit()) || !lengths.contains(&code.len()) {
        let what = if lengths.len() == 3 { "类 3 位、款 5 位、项 7 位数字" } else { "类 3 位、款 5 位数字" };
        return (Some(format!("科目编码“{}”无效：应为{what}。", code)), false);
    }
    if t.rows.iter().any(|r| r.code == code) {
        return (Some(format!("《{}》已有科目 {code}。", t.title.trim())), false);
    }
    let mut name = name.trim().to_string();
    if name.is_empty() && rows == Some(Rows::Functional) && code.len() == 3 {
        name = forms::CLASSES.iter().find(|(c, _)| *c == code).map(|(_, n)| (*n).to_string()).unwrap_or_default();
    }
    if name.is_empty() {
        return (Some(format!("请填写科目 {code} 的名称。")), false);
    }
    // In code order among the 科目 rows: after the last 科目 whose code sorts before it.
    let at = t.rows.iter().rposition(|r| r.level() > 0 && r.code < code).map(|i| i + 1).unwrap_or_else(|| {
        // Before every 科目: after a leading 合计 row, else first.
        t.rows.iter().position(|r| r.level() > 0).unwrap_or(t.rows.len())
    });
    let width = t.columns.len();
    t.rows.insert(at, FaRow { code: code.clone(), name: name.clone(), values: vec![None; width] });
    (Some(format!("已增加科目“{code} {name}”。")), true)
}

/// Pastes a tab-separated block: row by row from `row`, cell by cell from `col`; cells past
/// the table's edge and cells that do not parse are listed, the rest taken.
fn paste(fa: &mut FinalAccounts, table: usize, row: usize, col: usize, text: &str) -> (Option<String>, bool) {
    if !has_cell(fa, table, row, col) {
        return (Some("该单元格已不存在（表格可能已改动），未粘贴。".into()), false);
    }
    let block = split_tsv(text);
    let (mut taken, mut outside) = (0usize, 0usize);
    let mut refused = Vec::new();
    let mut changed = false;
    for (i, cells) in block.iter().enumerate() {
        for (j, cell) in cells.iter().enumerate() {
            let (r, c) = (row + i, col + j);
            if !has_cell(fa, table, r, c) {
                if !cell.trim().is_empty() {
                    outside += 1;
                }
                continue;
            }
            match parse_figure(cell) {
                Ok(v) => {
                    let width = fa.tables[table].columns.len();
                    changed |= fa.tables[table].rows[r].values.get(c).copied().flatten() != v;
                    put(&mut fa.tables[table].rows[r], c, v, width);
                    taken += 1;
                }
                Err(e) => refused.push(format!("{}：{e}", cell_name(fa, table, r, c))),
            }
        }
    }
    let mut message = format!("已粘贴 {taken} 个数。");
    if outside > 0 {
        message.push_str(&format!("超出本表范围的 {outside} 个数未粘贴。"));
    }
    if !refused.is_empty() {
        message.push_str(&format!("以下单元格未能识别，保留原值：{}。", refused.join("；")));
    }
    if changed {
        message.push_str("可按 Ctrl+Z 撤销。");
    }
    (Some(message), changed)
}

/// Runs an operation: the answer, or why the document cannot be opened.
pub fn run(op: &Op, saved: &str) -> Result<Answer, String> {
    run_with(op, saved, None)
}

/// [`run`], with the 自评 report of the same unit and year when the page has one: its 全年执行数
/// is checked against the 决算's 支出 (`check::check_against_report`) among the findings.
pub fn run_with(op: &Op, saved: &str, report: Option<&crate::Report>) -> Result<Answer, String> {
    let (fa, message, changed) = apply(op, saved)?;
    let mut extra = crate::finding::Findings::default();
    if let Some(r) = report {
        super::check::check_against_report(&fa, r, &mut extra);
    }
    let html = page::editor_html(&fa, message.as_deref(), &extra.0);
    Ok(Answer { json: fa_json::save(&fa), html, title: fa.title(), message, changed })
}

/// The worker's entry: `op` as JSON, the document as its saved JSON, a 自评 report's saved JSON
/// ("" for none; one that does not load is left out); the answer as JSON `{"ok": true, "json",
/// "html", "title", "message", "changed", "year", "department", "unit"}` or `{"ok": false,
/// "error"}`.
pub fn run_wire(op: &str, saved: &str, report: &str) -> String {
    let op: Op = match serde_json::from_str(op) {
        Ok(op) => op,
        Err(_) => return json!({ "ok": false, "error": "编辑操作无法识别，请刷新页面后重试。" }).to_string(),
    };
    let report = if report.is_empty() { None } else { crate::exchange::json::load(report).ok().map(|l| l.report) };
    match run_with(&op, saved, report.as_ref()) {
        Ok(a) => {
            let fa = fa_json::load(&a.json).unwrap_or_default();
            json!({ "ok": true, "json": a.json, "html": a.html, "title": a.title, "message": a.message, "changed": a.changed, "year": fa.year, "department": fa.department, "unit": fa.unit }).to_string()
        }
        Err(e) => json!({ "ok": false, "error": format!("该部门决算草稿无法打开：{e}") }).to_string(),
    }
}

/// The printable document (打印) of the document in `saved`: the tables as their forms, the
/// 说明 with the six charts and the 名词解释; a message when it does not load.
pub fn print_wire(saved: &str) -> String {
    match fa_json::load(saved) {
        Ok(fa) => page::print_html(&fa),
        Err(e) => format!("<p class=\"error\" role=\"alert\">{}</p>", crate::print::escape(&format!("该部门决算无法打印：{e}"))),
    }
}

/// 审核's rows of the document in `saved` ([`check::review_lines`]); a document that does not
/// load answers `!` and its message.
pub fn review_wire(saved: &str) -> String {
    match fa_json::load(saved) {
        Ok(fa) => super::check::review_lines(&fa),
        Err(e) => format!("!该部门决算无法读取：{e}"),
    }
}
