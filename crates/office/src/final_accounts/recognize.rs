//! Imported grids → a 决算 document: the 部门决算软件's 公开表 export (a table per sheet, 万元
//! or 元), the Word document of the 决算公开 (tables, and the 说明 text split by its headings)
//! and web pages all arrive as the same neutral grid (`exchange::grid`); this finds the nine
//! tables by their titles, reads 科目编码 joined (2012901) or split (类 款 项 in three columns),
//! maps figure columns by their header words and converts 元 to 万元.
//!
//! Guarantees: a document is recognised only when at least two of its tables are 决算 tables
//! (otherwise `None`, and the 自评 recogniser takes it); a table with a 决算 title the forms do
//! not know is kept as it came (form `other`); numbers are parsed as `Decimal`; never panics.

use rust_decimal::Decimal;

use super::forms::{self, form_for_title, Form, Rows, T1_ROWS};
use super::{FaRow, FaTable, FinalAccounts};
use jixiao_model::exchange::grid::{Block, Document, Table};
use jixiao_model::num::{normalize, parse_decimal};

fn compact(s: &str) -> String {
    normalize(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// The table as dense rows of text; a cell spanning rows repeats its text only in the first
/// three columns (split 科目编码 cells merged down).
fn dense(t: &Table) -> Vec<Vec<String>> {
    let width = t.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.col + c.col_span)).max().unwrap_or(0).min(64);
    let mut out = vec![vec![String::new(); width]; t.rows.len()];
    for (ri, r) in t.rows.iter().enumerate() {
        for c in &r.cells {
            if c.col >= width {
                continue;
            }
            out[ri][c.col] = c.text.trim().to_string();
            if c.col < 3 {
                for below in 1..c.row_span.min(out.len() - ri) {
                    out[ri + below][c.col] = c.text.trim().to_string();
                }
            }
        }
    }
    out
}

fn number(text: &str, scale: Decimal) -> Option<Decimal> {
    let t = text.trim().replace(',', "");
    if t.is_empty() || jixiao_model::num::not_applicable(&t) {
        return None;
    }
    parse_decimal(&t).ok().map(|v| if scale == Decimal::ONE { v } else { (v / scale).normalize() })
}

fn is_number(text: &str) -> bool {
    let t = text.trim().replace(',', "");
    !t.is_empty() && parse_decimal(&t).is_ok()
}

fn digits(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// A whole document: `None` unless at least two tables are 决算 tables.
pub fn recognize(doc: &Document) -> Option<FinalAccounts> {
    let mut fa = FinalAccounts::default();
    let mut before: Vec<&str> = Vec::new();
    let mut paragraphs: Vec<&str> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => {
                before.push(p);
                paragraphs.push(p);
            }
            Block::Table(t) => {
                let rows = dense(t);
                let (near, head, form) = table_form(t, &rows, &before);
                let context = format!("{near} {head}");
                if fa.department.is_empty() {
                    unit_line(&mut fa, &rows);
                }
                let scale = if (context.contains("单位：元") || context.contains("单位:元") || context.contains("（元）")) && !context.contains("万元") { Decimal::from(10_000) } else { Decimal::ONE };
                if let Some(form) = form {
                    fa.tables.push(read_table(form, &rows, scale));
                } else if compact(&near).contains("决算") && fa.tables.len() >= 2 {
                    fa.tables.push(other_table(&near, &rows, scale));
                }
                before.clear();
            }
        }
    }
    if fa.tables.iter().filter(|t| t.form != "other").count() < 2 {
        return None;
    }
    title_and_text(&mut fa, &paragraphs);
    Some(fa)
}

/// The paragraphs just before a table, its first header rows and its sheet name, and the 决算
/// form one of them names by its title.
fn table_form(t: &Table, rows: &[Vec<String>], before: &[&str]) -> (String, String, Option<&'static Form>) {
    let head: String = rows.iter().take(first_data_row(rows).min(3)).flat_map(|r| r.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
    let near: String = before.iter().rev().take(2).copied().collect::<Vec<_>>().join(" ");
    let form = [near.as_str(), head.as_str(), t.name.as_str()].iter().find_map(|s| form_for_title(&compact(s)));
    (near, head, form)
}

/// Whether a document holds at least two 决算 tables (by their titles), without reading their
/// figures: what the browser's reader needs to tell a 决算 file apart until it opens them.
pub fn looks_like(doc: &Document) -> bool {
    let mut before: Vec<&str> = Vec::new();
    let mut found = 0;
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => before.push(p),
            Block::Table(t) => {
                found += usize::from(table_form(t, &dense(t), &before).2.is_some());
                before.clear();
            }
        }
    }
    found >= 2
}

/// "编制单位：某某单位　　2024年度　　单位：万元" in a sheet's first rows.
fn unit_line(fa: &mut FinalAccounts, rows: &[Vec<String>]) {
    for cell in rows.iter().take(4).flatten() {
        let Some(at) = cell.find("编制单位") else { continue };
        let rest = cell[at + "编制单位".len()..].trim_start_matches(['：', ':', ' ']);
        let name: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '　').collect();
        fa.department = name.clone();
        fa.unit = name;
        if let Some(y) = cell.find("年度") {
            let digits: String = cell[..y].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
            fa.year = digits;
        }
        return;
    }
}

fn title_and_text(fa: &mut FinalAccounts, paragraphs: &[&str]) {
    for p in paragraphs.iter().take(12).filter(|_| fa.year.is_empty()) {
        let c = compact(p);
        if let Some(at) = c.find("年度部门决算") {
            let head = &c[..at];
            let year_start = head.char_indices().rev().take_while(|(_, ch)| ch.is_ascii_digit()).last().map(|(i, _)| i).unwrap_or(head.len());
            fa.year = head[year_start..].to_string();
            fa.department = head[..year_start].to_string();
            fa.unit = fa.department.clone();
            break;
        }
    }
    let mut mode = 0;
    let (mut statement, mut glossary) = (Vec::new(), Vec::new());
    for p in paragraphs {
        let c = compact(p);
        if c.contains("部分") && c.contains("情况说明") && c.chars().count() < 40 {
            mode = 1;
            continue;
        }
        if c.contains("名词解释") && c.chars().count() < 20 {
            mode = 2;
            continue;
        }
        if c.contains("部分") && c.chars().count() < 20 && (c.contains("附件") || c.contains("其他")) {
            mode = 0;
            continue;
        }
        // Chart captions ("图1：…") stand under charts, not in the text that is checked.
        let caption = c.starts_with('图') && c.chars().nth(1).is_some_and(|d| d.is_ascii_digit());
        match mode {
            1 if !caption => statement.push(p.trim()),
            2 => glossary.push(p.trim()),
            _ => {}
        }
    }
    fa.statement = statement.join("\n");
    fa.glossary = glossary.join("\n");
}

/// The first data row: a row with a 科目编码, a 合计, or a label the fixed rows know.
fn first_data_row(rows: &[Vec<String>]) -> usize {
    rows.iter()
        .position(|r| {
            let first = r.iter().find(|c| !c.is_empty()).map(String::as_str).unwrap_or("");
            let code = digits(first) && matches!(first.len(), 3 | 5 | 7);
            code || matches!(compact(first).as_str(), "合计" | "总计") || label_key(T1_ROWS, first, true).is_some() && r.iter().any(|c| is_number(c)) || r.iter().any(|c| matches!(compact(c).as_str(), "预算数" | "决算数")) && r.iter().any(|c| is_number(c))
        })
        .unwrap_or(rows.len())
}

fn headers(rows: &[Vec<String>], upto: usize) -> Vec<String> {
    let width = rows.first().map(Vec::len).unwrap_or(0);
    (0..width).map(|c| rows[..upto].iter().map(|r| compact(&r[c])).collect::<Vec<_>>().join("")).collect()
}

fn read_table(form: &'static Form, rows: &[Vec<String>], scale: Decimal) -> FaTable {
    let start = first_data_row(rows);
    let heads = headers(rows, start);
    let mut t = FaTable { form: form.id.into(), title: form.title.into(), ..FaTable::default() };
    match form.rows {
        Rows::Functional => functional(form, &mut t, rows, start, &heads, scale),
        Rows::Economic => economic(&mut t, rows, start, scale),
        Rows::Fixed(list) if form.id == "t9" => {
            let _ = list;
            sangong(form, &mut t, rows, start, scale);
        }
        Rows::Fixed(list) => two_sided(form, list, &mut t, rows, start, &heads, scale),
    }
    if t.rows.is_empty() || t.is_empty() {
        let note = rows.iter().flatten().find(|c| c.contains("本单位") || c.contains("无此") || c.contains("没有")).cloned();
        t.note = note.unwrap_or_default();
    }
    t
}

fn functional(form: &Form, t: &mut FaTable, rows: &[Vec<String>], start: usize, heads: &[String], scale: Decimal) {
    // Figure columns: by header words; columns the export does not have are left out.
    let mut cols: Vec<(String, usize)> = Vec::new();
    for name in form.columns {
        let want = compact(name);
        let alt = want.trim_start_matches("本年").trim_end_matches("合计").to_string();
        let found = heads.iter().position(|h| h.contains(&want) && !cols.iter().any(|(_, c)| h == &heads[*c]))
            .or_else(|| heads.iter().position(|h| !alt.is_empty() && h.ends_with(&alt) && !cols.iter().any(|(_, c)| h == &heads[*c])));
        if let Some(c) = found {
            cols.push(((*name).to_string(), c));
        }
    }
    let split = heads.iter().take(4).any(|h| h.ends_with('类')) && heads.iter().take(4).any(|h| h.ends_with('款'));
    let mut class = String::new();
    let mut kuan = String::new();
    for r in &rows[start..] {
        let (code, name_at) = if split {
            let (a, b, c) = (r.first().map(String::as_str).unwrap_or(""), r.get(1).map(String::as_str).unwrap_or(""), r.get(2).map(String::as_str).unwrap_or(""));
            if digits(a) && a.len() == 3 {
                class = a.to_string();
            }
            let code = match (digits(b) && b.len() == 2, digits(c) && c.len() == 2) {
                (true, true) => format!("{class}{b}{c}"),
                (true, false) => {
                    kuan = format!("{class}{b}");
                    kuan.clone()
                }
                (false, true) if !kuan.is_empty() => format!("{kuan}{c}"),
                _ if digits(a) => a.to_string(),
                _ => String::new(),
            };
            (code, 3)
        } else {
            let at = r.iter().position(|c| digits(c) && matches!(c.len(), 3 | 5 | 7));
            (at.map(|i| r[i].clone()).unwrap_or_default(), at.map(|i| i + 1).unwrap_or(0))
        };
        let name = r.iter().skip(name_at).find(|c| !c.is_empty() && !is_number(c)).cloned().unwrap_or_default();
        let is_total = code.is_empty() && matches!(compact(&name).as_str(), "合计" | "总计");
        if code.is_empty() && !is_total {
            continue;
        }
        let name = if is_total { "合计".to_string() } else { name.trim().trim_start_matches(&code).trim().to_string() };
        let values = cols.iter().map(|(_, c)| r.get(*c).and_then(|v| number(v, scale))).collect();
        t.rows.push(FaRow { code, name, values });
    }
    t.columns = cols.into_iter().map(|(n, _)| n).collect();
    // 合计 first, as the forms print it.
    if let Some(i) = t.rows.iter().position(|r| r.code.is_empty()) {
        let total = t.rows.remove(i);
        t.rows.insert(0, total);
    }
}

/// The key of a fixed row whose label this is (income side or expense side).
fn label_key(list: &[(&'static str, &'static str)], label: &str, income: bool) -> Option<&'static str> {
    let c = compact(&super::facts::strip_ordinal(label));
    if c.is_empty() || is_number(&c) {
        return None;
    }
    list.iter()
        .filter(|(k, _)| k.starts_with("in.") == income && *k != "out.class")
        .find(|(_, n)| {
            let n = compact(&super::facts::strip_ordinal(n));
            let n = n.rsplit('：').next().unwrap_or(&n).to_string();
            c == n || c.trim_end_matches("收入") == n.trim_end_matches("收入") || (n.len() > 9 && c.contains(&n))
        })
        .map(|(k, _)| *k)
}

fn two_sided(form: &Form, list: &[(&'static str, &'static str)], t: &mut FaTable, rows: &[Vec<String>], start: usize, heads: &[String], scale: Decimal) {
    t.columns = form.columns.iter().map(|c| (*c).to_string()).collect();
    let skip: Vec<bool> = heads.iter().map(|h| h.contains("行次") || h.contains("栏次")).collect();
    let mut income: Vec<FaRow> = Vec::new();
    let mut expense: Vec<FaRow> = Vec::new();
    let mut carry = false;
    let is_label = |i: usize, c: &str| !c.trim().is_empty() && !is_number(c) && !skip.get(i).copied().unwrap_or(false);
    // The 支出 side starts at the column of the second label in rows that have two.
    let split = rows[start..]
        .iter()
        .filter_map(|r| r.iter().enumerate().filter(|(i, c)| is_label(*i, c)).nth(1).map(|(i, _)| i))
        .min()
        .unwrap_or(usize::MAX);
    for r in &rows[start..] {
        // Label, then its figures, for each side of the row.
        let mut i = 0;
        while i < r.len() {
            let text = r[i].trim();
            if text.is_empty() || is_number(text) || skip.get(i).copied().unwrap_or(false) {
                i += 1;
                continue;
            }
            let mut values = Vec::new();
            let mut j = i + 1;
            while j < r.len() && (r[j].trim().is_empty() || is_number(&r[j]) || skip.get(j).copied().unwrap_or(false)) {
                if !skip.get(j).copied().unwrap_or(false) {
                    values.push(number(&r[j], scale));
                }
                j += 1;
            }
            let is_income = i < split;
            let c = compact(&super::facts::strip_ordinal(text));
            if is_income {
                if c.contains("年初") && c.contains("结转") {
                    carry = true;
                }
                let key = if carry && form.id == "t4" {
                    if c.contains("一般公共预算") { Some("in.carry.gpb") } else if c.contains("政府性基金") { Some("in.carry.fund") } else if c.contains("国有资本") { Some("in.carry.soe") } else { label_key(list, text, true) }
                } else {
                    label_key(list, text, true)
                };
                if let Some(key) = key {
                    if !income.iter().any(|x| x.code == key) {
                        income.push(FaRow { code: key.into(), name: text.into(), values: values.into_iter().take(1).collect() });
                    }
                }
            } else {
                let class = forms::class_code(c.trim_start_matches(|ch: char| ch.is_ascii_digit())).map(str::to_string).or_else(|| {
                    let code: String = c.chars().take_while(char::is_ascii_digit).collect();
                    (code.len() == 3).then_some(code)
                });
                let key = match class {
                    Some(code) => Some(code),
                    None => label_key(list, text, false).map(str::to_string),
                };
                if let Some(code) = key {
                    let name = text.trim_start_matches(|ch: char| ch.is_ascii_digit() || ch == ' ').to_string();
                    let n = if form.id == "t4" { 4 } else { 1 };
                    let mut v: Vec<Option<Decimal>> = values.into_iter().take(n).collect();
                    v.resize(n, None);
                    expense.push(FaRow { code, name, values: v });
                }
            }
            i = j;
        }
    }
    income.extend(expense);
    t.rows = income;
}

fn economic(t: &mut FaTable, rows: &[Vec<String>], start: usize, scale: Decimal) {
    t.columns = vec!["决算数".into()];
    for r in &rows[start..] {
        let mut i = 0;
        while i < r.len() {
            let text = compact(&r[i]);
            let total = if text.contains("人员经费") { Some("personnel") } else if text.contains("公用经费") { Some("public") } else { None };
            if digits(&text) && matches!(text.len(), 3 | 5) || total.is_some() {
                let name = if total.is_some() { text.clone() } else { r.get(i + 1).cloned().unwrap_or_default() };
                let value = r[i + 1..].iter().find(|c| is_number(c)).and_then(|c| number(c, scale));
                let code = total.map(str::to_string).unwrap_or(text.clone());
                if !t.rows.iter().any(|x| x.code == code) {
                    t.rows.push(FaRow { code, name: if total.is_some() { format!("{}合计", if total == Some("personnel") { "人员经费" } else { "公用经费" }) } else { name }, values: vec![value] });
                }
                i += if total.is_some() { 1 } else { 3 };
            } else {
                i += 1;
            }
        }
    }
}

fn sangong(form: &Form, t: &mut FaTable, rows: &[Vec<String>], start: usize, scale: Decimal) {
    t.columns = form.columns.iter().map(|c| (*c).to_string()).collect();
    let numbers: Vec<Vec<Option<Decimal>>> = rows[start..].iter().map(|r| r.iter().filter(|c| is_number(c)).map(|c| number(c, scale)).collect()).filter(|v: &Vec<_>| !v.is_empty()).collect();
    let (budget, actual) = match numbers.as_slice() {
        [one] if one.len() >= 12 => (one[..6].to_vec(), one[6..12].to_vec()),
        [a, b, ..] => (a.iter().take(6).copied().collect(), b.iter().take(6).copied().collect()),
        _ => (vec![None; 6], vec![None; 6]),
    };
    t.rows = vec![FaRow { code: "budget".into(), name: "预算数".into(), values: budget }, FaRow { code: "actual".into(), name: "决算数".into(), values: actual }];
}

fn other_table(title: &str, rows: &[Vec<String>], scale: Decimal) -> FaTable {
    let start = rows.iter().position(|r| r.iter().any(|c| is_number(c))).unwrap_or(rows.len());
    let heads = headers(rows, start);
    let num_cols: Vec<usize> = (0..heads.len()).filter(|c| rows[start..].iter().any(|r| is_number(&r[*c]))).collect();
    let mut t = FaTable { form: "other".into(), title: title.trim().to_string(), columns: num_cols.iter().map(|c| heads[*c].clone()).collect(), ..FaTable::default() };
    for r in &rows[start..] {
        let name = r.iter().find(|c| !c.is_empty() && !is_number(c)).cloned().unwrap_or_default();
        t.rows.push(FaRow { code: String::new(), name, values: num_cols.iter().map(|c| number(&r[*c], scale)).collect() });
    }
    t
}
