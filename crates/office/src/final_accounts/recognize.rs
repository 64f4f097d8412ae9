//! Imported grids → a 决算 document: the 部门决算软件's 公开表 export (a table per sheet, 万元
//! or 元), the Word document of the 决算公开 (tables, and the 说明 text split by its headings)
//! and web pages all arrive as the same neutral grid (`exchange::grid`); this finds the nine
//! tables by their titles, reads 科目编码 joined (2012901) or split (类 款 项 in three columns),
//! maps figure columns by their header words and converts 元 to 万元.
//!
//! Guarantees: a document is recognised only when at least two of its tables are 决算 tables
//! (otherwise `None`, and the 自评 recogniser takes it); a table with a 决算 title the forms do
//! not know, and a known one whose figures cannot all be put on the form's rows (科目 rows
//! without a code, labels the form does not have), is kept as it came (form `other`), never
//! read in part; numbers are parsed as `Decimal`; never panics. The layouts departments publish
//! (栏次 rows, codes spaced or in the name, "-" for nothing, column blocks) are read by `layout`.

use rust_decimal::Decimal;

use super::forms::{self, form_for_title, Form, Rows, T1_ROWS};
use super::layout::{self, blank, code_and_name, column_numbers, is_number, number};
use super::{FaRow, FaTable, FinalAccounts};
use jixiao_model::exchange::grid::{Block, Document, Table};
use jixiao_model::num::normalize;

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

fn digits(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())
}

/// A whole document: `None` unless at least two tables are 决算 tables.
pub fn recognize(doc: &Document) -> Option<FinalAccounts> {
    let mut fa = FinalAccounts::default();
    let mut before: Vec<&str> = Vec::new();
    let mut paragraphs: Vec<&str> = Vec::new();
    // The last table read by its form: a document's table after it without a title, of its width,
    // with only short lines between ("续表", a page number), continues it (a table broken across
    // pages; a workbook's sheets are tables of their own).
    let mut last: Option<(&'static Form, Vec<Vec<String>>, Decimal)> = None;
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => {
                before.push(p);
                paragraphs.push(p);
            }
            Block::Table(whole) => for t in &layout::stacked(whole, &dense(whole), is_title) {
                let rows = dense(t);
                let (near, head, form) = table_form(t, &rows, &before);
                if let Some((form_before, mut kept, scale)) = last.take().filter(|(_, kept, _)| form.is_none() && t.name.is_empty() && continues(kept, &rows, &before)) {
                    kept.extend(rows);
                    if let Some(slot) = fa.tables.last_mut() {
                        *slot = read_table(form_before, &kept, scale).unwrap_or_else(|| other_table(form_before.title, &kept, scale));
                    }
                    last = Some((form_before, kept, scale));
                    before.clear();
                    continue;
                }
                // The 金额单位 may stand in any line above the figures, or in the header.
                let above: Vec<&str> = rows.iter().take(first_data_row(&rows).min(12)).flatten().map(String::as_str).collect();
                let context = format!("{near} {head} {} {}", above.join(" "), t.name);
                if fa.department.is_empty() {
                    unit_line(&mut fa, &rows);
                }
                let scale = layout::unit_scale(&context);
                if let Some(form) = form {
                    fa.tables.push(read_table(form, &rows, scale).unwrap_or_else(|| other_table(form.title, &rows, scale)));
                    last = Some((form, rows, scale));
                } else if compact(&near).contains("决算") && fa.tables.len() >= 2 {
                    fa.tables.push(other_table(&near, &rows, scale));
                }
                before.clear();
            },
        }
    }
    if fa.tables.iter().filter(|t| t.form != "other").count() < 2 {
        return None;
    }
    title_and_text(&mut fa, &paragraphs);
    Some(fa)
}

/// The short paragraphs just before a table (up to four: a Word 决算公开 prints title, 公开03表,
/// 编制单位 and 金额单位 as lines of their own), its first header rows and its sheet name, and the
/// 决算 form one of them names by its title (the nearest line first).
fn table_form(t: &Table, rows: &[Vec<String>], before: &[&str]) -> (String, String, Option<&'static Form>) {
    let head: String = rows.iter().take(first_data_row(rows).min(3)).flat_map(|r| r.iter().map(String::as_str)).collect::<Vec<_>>().join(" ");
    let lines: Vec<&str> = before.iter().rev().take(4).copied().filter(|p| compact(p).chars().count() <= 60).collect();
    let near: String = lines.iter().rev().copied().collect::<Vec<_>>().join(" ");
    let form = lines.iter().copied().chain([head.as_str(), t.name.as_str()]).find_map(|s| form_for_title(&compact(s)));
    (near, head, form)
}

/// Whether `rows` continue the table `kept` (see `recognize`): as wide, with 科目 or labelled rows,
/// and nothing but short lines without a title between them.
fn continues(kept: &[Vec<String>], rows: &[Vec<String>], between: &[&str]) -> bool {
    let width = |r: &[Vec<String>]| r.first().map(Vec::len).unwrap_or(0);
    width(kept) == width(rows) && first_data_row(rows) < rows.len() && between.iter().all(|p| compact(p).chars().count() <= 12 && !compact(p).contains("决算"))
}

/// A row holding only a 决算 table's title ("2024年度支出决算表", "收入决算表（公开02表）"): where a
/// sheet with several tables one under another is cut.
fn is_title(row: &[String]) -> bool {
    let filled: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
    let [only] = filled.as_slice() else { return false };
    let c = compact(only);
    let bare = c.split(['（', '(']).next().unwrap_or(&c);
    c.chars().count() <= 40 && bare.ends_with('表') && bare.contains("决算") && form_for_title(bare).is_some()
}

/// Whether a document holds at least two 决算 tables (by their titles), without reading their
/// figures: what the browser's reader needs to tell a 决算 file apart until it opens them.
pub fn looks_like(doc: &Document) -> bool {
    let mut before: Vec<&str> = Vec::new();
    let mut found = 0;
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) => before.push(p),
            Block::Table(whole) => {
                for t in &layout::stacked(whole, &dense(whole), is_title) {
                    found += usize::from(table_form(t, &dense(t), &before).2.is_some());
                    before.clear();
                }
            }
        }
    }
    found >= 2
}

/// "编制单位：某某单位　　2024年度　　单位：万元" (or "编制部门：", "部门：") in a sheet's first
/// rows; the 年度 in the same cell or in another cell of those rows.
fn unit_line(fa: &mut FinalAccounts, rows: &[Vec<String>]) {
    let cells: Vec<&String> = rows.iter().take(5).flatten().collect();
    for cell in &cells {
        let Some((at, key)) = ["编制单位", "编制部门", "单位名称", "部门名称"].iter().find_map(|k| cell.find(k).map(|a| (a, *k))).or_else(|| (cell.trim_start().starts_with("部门：") || cell.trim_start().starts_with("部门:")).then(|| (cell.find("部门").unwrap_or(0), "部门"))) else { continue };
        let rest = cell[at + key.len()..].trim_start_matches(['：', ':', ' ', '　']);
        let name: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '　').collect();
        if name.is_empty() {
            continue;
        }
        fa.department = name.clone();
        fa.unit = name;
        for c in std::iter::once(cell).chain(cells.iter()) {
            if let Some(y) = c.find("年度") {
                let digits: String = c[..y].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
                if digits.len() == 4 {
                    fa.year = digits;
                    break;
                }
            }
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
            let code = code_and_name(first, &[3, 5, 7]).is_some();
            code || matches!(compact(first).as_str(), "合计" | "总计") || label_key(T1_ROWS, first, true).is_some() && r.iter().any(|c| is_number(c)) || r.iter().any(|c| matches!(compact(c).as_str(), "预算数" | "决算数")) && r.iter().any(|c| is_number(c))
        })
        .unwrap_or(rows.len())
}

/// Each column's header words (the 栏次 row's numbers left out).
fn headers(rows: &[Vec<String>], upto: usize) -> Vec<String> {
    let width = rows.first().map(Vec::len).unwrap_or(0);
    (0..width).map(|c| rows[..upto].iter().filter(|r| !column_numbers(r)).map(|r| compact(&r[c])).collect::<Vec<_>>().join("")).collect()
}

/// The table by its form, or `None` when some of its figures cannot be put on the form's rows
/// (it is then kept as it came).
fn read_table(form: &'static Form, rows: &[Vec<String>], scale: Decimal) -> Option<FaTable> {
    let start = first_data_row(rows);
    let heads = headers(rows, start);
    let mut t = FaTable { form: form.id.into(), title: form.title.into(), ..FaTable::default() };
    let read = match form.rows {
        Rows::Functional => functional(form, &mut t, rows, start, &heads, scale),
        Rows::Economic => layout::economic(&mut t, rows, start, scale),
        Rows::Fixed(_) if form.id == "t9" => layout::sangong(form.columns, &mut t, rows, scale),
        Rows::Fixed(list) => two_sided(form, list, &mut t, rows, start, scale),
    };
    // A table read as empty while its rows hold figures was not understood (one whose figure
    // columns were not found at all is said by the checks: fa.columns).
    let figures = rows[start.min(rows.len())..].iter().filter(|r| !column_numbers(r)).any(|r| r.iter().enumerate().any(|(i, c)| !line_number_column(rows, start, i) && number(c, Decimal::ONE).is_some_and(|v| !v.is_zero())));
    if !read || (t.is_empty() && figures && !t.columns.is_empty()) {
        return None;
    }
    if t.rows.is_empty() || t.is_empty() {
        let note = rows.iter().flatten().find(|c| c.contains("本单位") || c.contains("无此") || c.contains("没有")).cloned();
        t.note = note.map(|n| n.trim().trim_start_matches("注").trim_start_matches(['：', ':']).trim().to_string()).unwrap_or_default();
    }
    Some(t)
}

/// A 行次 column (the row numbers of the 总表s), named in the header above `start`.
fn line_number_column(rows: &[Vec<String>], start: usize, col: usize) -> bool {
    rows[..start.min(rows.len())].iter().any(|r| r.get(col).is_some_and(|c| compact(c).ends_with("行次")))
}

/// 功能分类 rows; `false` when a row with figures has neither a 科目编码 nor a 合计 label.
fn functional(form: &Form, t: &mut FaTable, rows: &[Vec<String>], start: usize, heads: &[String], scale: Decimal) -> bool {
    // Figure columns: by header words; columns the export does not have are left out. A 合计
    // printed as 小计 under its group ("本年支出" over 小计 | 基本支出 | 项目支出) is found too.
    let mut cols: Vec<(String, usize)> = Vec::new();
    for name in form.columns {
        let want = compact(name);
        let alt = want.trim_start_matches("本年").trim_end_matches("合计").to_string();
        let group = want.strip_suffix("合计");
        let free = |h: &String| !cols.iter().any(|(_, c)| h == &heads[*c]);
        let found = heads.iter().position(|h| h.contains(&want) && free(h))
            .or_else(|| group.and_then(|g| heads.iter().position(|h| h.contains(g) && h.ends_with("小计") && free(h))))
            // "支出" of "本年支出合计" is no reason to take the 基本支出 column: another column's name.
            .or_else(|| heads.iter().position(|h| !alt.is_empty() && h.ends_with(&alt) && free(h) && !form.columns.iter().any(|o| *o != *name && h.contains(&compact(o)))));
        if let Some(c) = found {
            cols.push(((*name).to_string(), c));
        }
    }
    // 科目编码 stands left of the figures; a whole-元 figure (3621000) is no code.
    let code_cols = cols.iter().map(|(_, c)| *c).min().unwrap_or(usize::MAX);
    let exact = |r: &Vec<String>, w: &str| r.iter().take(4).any(|c| compact(c) == w);
    let split = rows[..start].iter().any(|r| exact(r, "类") && exact(r, "款")) || heads.iter().take(4).any(|h| h.ends_with('类')) && heads.iter().take(4).any(|h| h.ends_with('款'));
    let mut unread = false;
    let mut class = String::new();
    let mut kuan = String::new();
    for r in rows[start..].iter().filter(|r| !column_numbers(r)) {
        let mut inline_name = String::new();
        let (code, name_at) = if split {
            let (a, b, c) = (r.first().map(String::as_str).unwrap_or(""), r.get(1).map(String::as_str).unwrap_or(""), r.get(2).map(String::as_str).unwrap_or(""));
            if digits(a) && a.len() == 3 {
                class = a.to_string();
            }
            // Some exports print the whole code in its column (201 | 20129 | 2012901).
            let whole = [c, b].into_iter().find(|x| digits(x) && matches!(x.len(), 5 | 7) && x.starts_with(class.as_str()));
            let code = match (digits(b) && b.len() == 2, digits(c) && c.len() == 2) {
                _ if whole.is_some() => {
                    let code = whole.unwrap_or_default().to_string();
                    if code.len() == 5 {
                        kuan = code.clone();
                    }
                    code
                }
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
            // "2012901" | 行政运行, "201 29 01", or "[2012901]行政运行" in one cell.
            let found = r.iter().take(code_cols).enumerate().find_map(|(i, c)| code_and_name(c, &[3, 5, 7]).map(|(code, name)| (i, code, name)));
            match found {
                Some((i, code, inline)) => {
                    inline_name = inline;
                    (code, i + 1)
                }
                None => (String::new(), 0),
            }
        };
        let name = if inline_name.is_empty() { r.iter().skip(name_at).find(|c| !c.is_empty() && !is_number(c)).cloned().unwrap_or_default() } else { inline_name };
        // A 合计 merged over the code columns stands left of the name column.
        let name = if code.is_empty() && name.is_empty() { r.iter().find(|c| !c.trim().is_empty() && !is_number(c)).cloned().unwrap_or_default() } else { name };
        let label = compact(&name);
        let is_total = code.is_empty() && (matches!(label.as_str(), "合计" | "总计") || (label.ends_with("合计") || label.ends_with("总计")) && label.chars().count() <= 8) && !t.rows.iter().any(|r| r.code.is_empty());
        let values: Vec<Option<Decimal>> = cols.iter().map(|(_, c)| r.get(*c).and_then(|v| number(v, scale))).collect();
        if code.is_empty() && !is_total {
            unread |= values.iter().any(Option::is_some) && !name.trim_start().starts_with('注');
            continue;
        }
        let name = if is_total { "合计".to_string() } else { name.trim().trim_start_matches(&code).trim().to_string() };
        t.rows.push(FaRow { code, name, values });
    }
    t.columns = cols.into_iter().map(|(n, _)| n).collect();
    // 合计 first, as the forms print it.
    if let Some(i) = t.rows.iter().position(|r| r.code.is_empty()) {
        let total = t.rows.remove(i);
        t.rows.insert(0, total);
    }
    !unread
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
            // "使用非财政拨款结余" for "…结余（含专用结余）", "支出合计" for "本年支出合计".
            let bare = |s: &str| s.split('（').next().unwrap_or(s).to_string();
            c == n || c.trim_end_matches("收入") == n.trim_end_matches("收入") || (n.len() > 9 && c.contains(&n)) || (c.chars().count() >= 4 && (bare(&c) == bare(&n) || n.ends_with(&c)))
        })
        .map(|(k, _)| *k)
}

/// The two 总表s (收入 | 支出 side by side); `false` when a label the form does not have carries
/// a figure.
fn two_sided(form: &Form, list: &[(&'static str, &'static str)], t: &mut FaTable, rows: &[Vec<String>], start: usize, scale: Decimal) -> bool {
    t.columns = form.columns.iter().map(|c| (*c).to_string()).collect();
    // The 行次 columns; a 栏次 row under the header ("栏次 | | 1 | 栏次 | | 2") marks none.
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let skip: Vec<bool> = (0..width).map(|i| line_number_column(rows, start, i)).collect();
    let mut income: Vec<FaRow> = Vec::new();
    let mut expense: Vec<FaRow> = Vec::new();
    let mut carry = false;
    let mut unread = false;
    let is_label = |i: usize, c: &str| !blank(c) && !is_number(c) && !skip.get(i).copied().unwrap_or(false);
    // The 支出 side starts at the column of the second label in rows that have two; a table
    // printing both sides in one column of labels ("项目 | 金额") has its 支出 rows below.
    let split = rows[start..]
        .iter()
        .filter_map(|r| r.iter().enumerate().filter(|(i, c)| is_label(*i, c)).nth(1).map(|(i, _)| i))
        .min()
        .unwrap_or(usize::MAX);
    let single = split == usize::MAX;
    let mut expense_side = false;
    for r in rows[start..].iter().filter(|r| !column_numbers(r)) {
        // Label, then its figures, for each side of the row.
        let mut i = 0;
        while i < r.len() {
            let text = r[i].trim();
            if !is_label(i, text) {
                i += 1;
                continue;
            }
            let mut values = Vec::new();
            let mut j = i + 1;
            while j < r.len() && !is_label(j, &r[j]) {
                if !skip.get(j).copied().unwrap_or(false) {
                    values.push(number(&r[j], scale));
                }
                j += 1;
            }
            let c = compact(&super::facts::strip_ordinal(text));
            let expense_key = || {
                let class = forms::class_code(c.trim_start_matches(|ch: char| ch.is_ascii_digit())).map(str::to_string).or_else(|| {
                    let code: String = c.chars().take_while(char::is_ascii_digit).collect();
                    (code.len() == 3).then_some(code)
                });
                class.or_else(|| label_key(list, text, false).map(str::to_string))
            };
            let mut is_income = if single { !expense_side } else { i < split };
            if is_income {
                if c.contains("年初") && c.contains("结转") {
                    carry = true;
                }
                let key = if carry && form.id == "t4" {
                    if c.contains("一般公共预算") { Some("in.carry.gpb") } else if c.contains("政府性基金") { Some("in.carry.fund") } else if c.contains("国有资本") { Some("in.carry.soe") } else { label_key(list, text, true) }
                } else {
                    label_key(list, text, true)
                };
                // "年初财政拨款结转和结余" over its three funds is their sum, not a row of the form.
                let heading = list.iter().any(|(_, n)| n.split_once('：').is_some_and(|(h, _)| compact(h) == c));
                let fresh = key.filter(|k| !income.iter().any(|x| x.code == *k));
                if single && fresh.is_none() && !heading && expense_key().is_some() {
                    // One column: the 支出 rows follow the 收入 rows, from the first 支出 label.
                    expense_side = true;
                    is_income = false;
                } else {
                    unread |= key.is_none() && !heading && values.iter().flatten().any(|v| !v.is_zero());
                    if let Some(key) = fresh {
                        income.push(FaRow { code: key.into(), name: text.into(), values: values.clone().into_iter().take(1).collect() });
                    }
                }
            }
            if !is_income {
                let key = expense_key();
                unread |= key.is_none() && values.iter().flatten().any(|v| !v.is_zero());
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
    !unread
}

/// A table kept as it came: its figure columns by their header text, each row's name (and
/// 科目编码 when it has one) and figures; the 栏次 row and 科目编码 columns are not figures.
fn other_table(title: &str, rows: &[Vec<String>], scale: Decimal) -> FaTable {
    let start = rows.iter().position(|r| !column_numbers(r) && r.iter().any(|c| is_number(c))).unwrap_or(rows.len());
    let above: Vec<Vec<String>> = rows[..start].iter().filter(|r| !column_numbers(r)).cloned().collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let heads: Vec<String> = (0..width).map(|c| above.iter().filter_map(|r| r.get(c)).map(|s| compact(s)).collect()).collect();
    let code_col = |c: usize| ["编码", "类", "款", "项", "行次", "栏次"].iter().any(|w| heads[c].ends_with(w));
    let body: Vec<&Vec<String>> = rows[start..].iter().filter(|r| !column_numbers(r)).collect();
    let num_cols: Vec<usize> = (0..width).filter(|c| !code_col(*c) && body.iter().any(|r| r.get(*c).is_some_and(|v| is_number(v)))).collect();
    let mut t = FaTable { form: "other".into(), title: title.trim().to_string(), columns: num_cols.iter().map(|c| heads[*c].clone()).collect(), ..FaTable::default() };
    for r in body {
        let code = r.iter().enumerate().filter(|(c, _)| !num_cols.contains(c)).find_map(|(_, v)| code_and_name(v, &[3, 5, 7]));
        let name = r.iter().enumerate().find(|(c, v)| !num_cols.contains(c) && !v.trim().is_empty() && !is_number(v)).map(|(_, v)| v.clone()).unwrap_or_default();
        let values: Vec<Option<Decimal>> = num_cols.iter().map(|c| r.get(*c).and_then(|v| number(v, scale))).collect();
        if name.trim().is_empty() && code.is_none() && values.iter().all(Option::is_none) {
            continue;
        }
        let (code, name) = match code {
            Some((code, inline)) if !inline.is_empty() => (code, inline),
            Some((code, _)) => (code, name),
            None => (String::new(), name),
        };
        t.rows.push(FaRow { code, name, values });
    }
    t
}
