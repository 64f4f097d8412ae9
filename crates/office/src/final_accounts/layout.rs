//! What published 决算 tables vary in, read the same way for every form (`recognize` uses
//! these): 科目编码 joined, spaced ("201 29 01") or inside the name ("[201]一般公共服务支出"),
//! "-" / "—" / blank for nothing, the 栏次 row (1, 2, 3 … under the header), the 金额单位 line
//! anywhere above the figures, the 基本支出 table in column blocks (科目编码 | 科目名称 | 决算数
//! side by side) and the 三公 table across (预算数 | 决算数 blocks, or a row each) or down (a row
//! per item).
//!
//! Guarantees: a figure is read from its own cell, never from a neighbour when its cell is
//! blank or "-"; never panics.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::{FaRow, FaTable};
use jixiao_model::exchange::grid::Table;
use jixiao_model::num::{normalize, not_applicable, parse_decimal};

fn compact(s: &str) -> String {
    normalize(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// A sheet with several tables one under another (a whole 公开表 set on one sheet, as some
/// departments post it) as those tables, cut before each row `title` accepts; rows above the
/// first title go with the first table. A sheet with fewer than two titles is one table.
pub fn stacked<'a>(t: &'a Table, rows: &[Vec<String>], title: impl Fn(&[String]) -> bool) -> Vec<Cow<'a, Table>> {
    let mut cuts: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| title(r)).map(|(i, _)| i).collect();
    if cuts.len() < 2 {
        return vec![Cow::Borrowed(t)];
    }
    cuts[0] = 0;
    cuts.push(t.rows.len());
    cuts.windows(2).map(|w| Cow::Owned(Table { name: t.name.clone(), rows: t.rows[w[0]..w[1].min(t.rows.len())].to_vec() })).collect()
}

/// Empty, or a mark for nothing ("-", "—", "/", "无").
pub fn blank(text: &str) -> bool {
    let t = normalize(text);
    t.trim().is_empty() || not_applicable(t.trim())
}

pub fn is_number(text: &str) -> bool {
    let t = text.trim().replace(',', "");
    !t.is_empty() && parse_decimal(&t).is_ok()
}

/// A figure in 万元 (`scale` 10000 for a table in 元); `None` for a blank cell.
pub fn number(text: &str, scale: Decimal) -> Option<Decimal> {
    if blank(text) {
        return None;
    }
    let t = text.trim().replace(',', "");
    parse_decimal(&t).ok().map(|v| if scale == Decimal::ONE { v } else { (v / scale).normalize() })
}

/// The 科目编码 a cell starts with and the name after it: "2012901", "201 29 01 行政运行",
/// "[201]一般公共服务支出", "【30101】基本工资"; `lens` are the code lengths allowed (3, 5, 7 for
/// 功能分类, 3, 5 for 经济分类). A figure ("218.63") or a year ("2024年度") is no code.
pub fn code_and_name(text: &str, lens: &[usize]) -> Option<(String, String)> {
    let t = normalize(text);
    let t = t.trim().trim_start_matches(['[', '【', '(', '（']);
    let mut groups: Vec<&str> = Vec::new();
    let mut rest = t;
    loop {
        let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        groups.push(&rest[..end]);
        rest = &rest[end..];
        let after = rest.trim_start_matches(' ');
        if after.len() < rest.len() && after.starts_with(|c: char| c.is_ascii_digit()) {
            rest = after;
        } else {
            break;
        }
    }
    let code: String = groups.concat();
    let shape = match groups.as_slice() {
        [one] => lens.contains(&one.len()),
        [first, more @ ..] => first.len() == 3 && more.iter().all(|g| g.len() == 2) && lens.contains(&code.len()),
        [] => false,
    };
    let name = rest.trim_start_matches([']', '】', ')', '）', ' ', '、']).trim();
    // What follows a code is its name (Chinese), not more of a number (".63", "年度").
    let named = name.is_empty() || name.starts_with(|c: char| !c.is_ascii()) && !name.starts_with(['年', '月', '日', '%', '％']);
    (shape && named).then(|| (code, name.to_string()))
}

/// A row of column numbers under the header: "栏次" (or 甲, 乙 for the label columns) first, or
/// the figures 1, 2, 3 … in order.
pub fn column_numbers(row: &[String]) -> bool {
    let filled: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    if filled.first().is_some_and(|c| matches!(compact(c).as_str(), "栏次" | "甲")) {
        return true;
    }
    filled.len() >= 3 && filled.iter().enumerate().all(|(i, c)| *c == (i + 1).to_string())
}

/// What the figures are divided by to give 万元, from the text above them: 10000 for 元
/// ("金额单位：元", "单位：元", "（元）", "(元)"), 10 for 千元, else 1 (万元, or no unit said).
pub fn unit_scale(context: &str) -> Decimal {
    let c = compact(context).replace(':', "：").replace('(', "（").replace(')', "）");
    let says = |unit: &str| ["单位：", "单位：人民币", "单位", "（"].iter().any(|w| c.contains(&format!("{w}{unit}")));
    if c.contains("万元") {
        Decimal::ONE
    } else if says("千元") {
        Decimal::from(10)
    } else if says("元") {
        Decimal::from(10_000)
    } else {
        Decimal::ONE
    }
}

/// 一般公共预算财政拨款基本支出决算表 rows: 经济分类 科目 (科目编码 | 科目名称 | 决算数, in as many
/// column blocks as the table prints side by side) and the 人员经费合计 / 公用经费合计 rows;
/// `false` when a figure stands by a label without a 科目编码 (other than a 合计).
pub fn economic(t: &mut FaTable, rows: &[Vec<String>], start: usize, scale: Decimal) -> bool {
    t.columns = vec!["决算数".into()];
    let mut read = true;
    for r in &rows[start..] {
        let mut i = 0;
        while i < r.len() {
            let text = compact(&r[i]);
            let total = if text.contains("人员经费") { Some("personnel") } else if text.contains("公用经费") { Some("public") } else { None };
            if let Some(key) = total {
                // The figure is the next filled cell, unless a label comes first (a blank total).
                let value = r[i + 1..].iter().find(|c| !blank(c)).filter(|c| is_number(c)).and_then(|c| number(c, scale));
                if !t.rows.iter().any(|x| x.code == key) {
                    let name = if key == "personnel" { "人员经费合计" } else { "公用经费合计" };
                    t.rows.push(FaRow { code: key.into(), name: name.into(), values: vec![value] });
                }
                i += 1;
                continue;
            }
            let Some((code, inline)) = code_and_name(&r[i], &[3, 5]) else {
                let next = r[i + 1..].iter().find(|c| !c.trim().is_empty());
                let figure = next.is_some_and(|c| code_and_name(c, &[3, 5]).is_none() && number(c, scale).is_some_and(|v| !v.is_zero()));
                read &= blank(&r[i]) || is_number(&r[i]) || text.contains("合计") || text.contains("总计") || !figure;
                i += 1;
                continue;
            };
            // 科目编码 | 科目名称 | 决算数, or "[30101]基本工资" | 决算数: the figure is its own cell.
            let (name, at) = if inline.is_empty() { (r.get(i + 1).map(|s| s.trim().to_string()).unwrap_or_default(), i + 2) } else { (inline, i + 1) };
            let value = r.get(at).and_then(|c| number(c, scale));
            if !t.rows.iter().any(|x| x.code == code) {
                t.rows.push(FaRow { code, name, values: vec![value] });
            }
            i = at + 1;
        }
    }
    read
}

/// The 三公 item a label or header names: 0 合计, 1 因公出国（境）费, 2 公务用车购置及运行费
/// (小计), 3 公务用车购置费, 4 公务用车运行费, 5 公务接待费.
fn sangong_item(label: &str) -> Option<usize> {
    let c = compact(label);
    if c.contains("出国") {
        Some(1)
    } else if c.contains("接待") {
        Some(5)
    } else if c.contains("购置及运行") || c.contains("小计") {
        Some(2)
    } else if c.contains("购置") {
        Some(3)
    } else if c.contains("运行") {
        Some(4)
    } else if c.contains("合计") || c.contains("总计") {
        Some(0)
    } else {
        None
    }
}

/// What a 三公 header or row label marks: this year's 预算数 or 决算数, or another year's figures
/// ("上年决算数", "2023年决算数" beside 2024) that are not the form's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Budget,
    Actual,
    Other,
}

fn year_of(c: &str) -> Option<u32> {
    let at = c.find("20")?;
    c.get(at..at + 4).and_then(|y| y.parse().ok())
}

/// The label's mark; a title ("…决算表") marks nothing. `newest` is the latest year the labels
/// name: a label of an earlier year marks another year's figures.
fn mark(label: &str, newest: Option<u32>) -> Option<Mark> {
    let c = compact(label);
    if c.is_empty() || c.contains('表') || c.chars().count() > 14 {
        return None;
    }
    let kind = if c.contains("决算") {
        Mark::Actual
    } else if c.contains("预算") {
        Mark::Budget
    } else {
        return None;
    };
    let old = ["上年", "上一年", "去年", "同期"].iter().any(|w| c.contains(w)) || year_of(&c).zip(newest).is_some_and(|(y, n)| y < n);
    Some(if old { Mark::Other } else { kind })
}

/// The latest year a 预算数 / 决算数 label names.
fn newest_year(rows: &[Vec<String>]) -> Option<u32> {
    rows.iter().flatten().filter(|c| mark(c, None).is_some()).filter_map(|c| year_of(&compact(c))).max()
}

/// 财政拨款“三公”经费支出决算表: a row per item (预算数 | 决算数 as columns), or across (预算数
/// and 决算数 as column blocks under a merged header, or as rows, or inline in one row); the
/// items found by their header words, else in the form's order. `false` when a row down the
/// page carries figures under an item the form does not have (会议费, 培训费 in the same table).
pub fn sangong(columns: &[&str], t: &mut FaTable, rows: &[Vec<String>], scale: Decimal) -> bool {
    t.columns = columns.iter().map(|c| (*c).to_string()).collect();
    let mut budget = vec![None; 6];
    let mut actual = vec![None; 6];
    let label_at = |r: &[String]| r.iter().position(|c| !blank(c) && !is_number(c));
    // Down: rows whose label names an item, at least three of them.
    let down: Vec<(usize, usize)> = rows.iter().enumerate().filter_map(|(i, r)| label_at(r).filter(|_| r.iter().any(|c| is_number(c) || blank(c))).and_then(|at| sangong_item(&r[at]).map(|item| (i, item)))).collect();
    let newest = newest_year(rows);
    let columns = down.first().and_then(|(first, _)| budget_or_actual_columns(rows, *first, newest));
    let mut read = true;
    if let Some((b, a)) = columns.filter(|_| down.iter().map(|(_, item)| item).collect::<std::collections::BTreeSet<_>>().len() >= 3) {
        let figure = |r: &[String]| [b, a].iter().any(|c| r.get(*c).and_then(|v| number(v, scale)).is_some_and(|v| !v.is_zero()));
        read = rows[down[0].0..].iter().enumerate().all(|(k, r)| down.iter().any(|(i, _)| *i == down[0].0 + k) || !figure(r));
        for (i, item) in down {
            if budget[item].is_none() && actual[item].is_none() {
                budget[item] = rows[i].get(b).and_then(|c| number(c, scale));
                actual[item] = rows[i].get(a).and_then(|c| number(c, scale));
            }
        }
    } else {
        across(rows, scale, newest, &mut budget, &mut actual);
    }
    t.rows = vec![FaRow { code: "budget".into(), name: "预算数".into(), values: budget }, FaRow { code: "actual".into(), name: "决算数".into(), values: actual }];
    read
}

/// The 预算数 and 决算数 columns named in the rows above `first` (a row per item).
fn budget_or_actual_columns(rows: &[Vec<String>], first: usize, newest: Option<u32>) -> Option<(usize, usize)> {
    let mut found = (None, None);
    for r in &rows[..first] {
        for (c, text) in r.iter().enumerate() {
            match mark(text, newest) {
                Some(Mark::Budget) if found.0.is_none() => found.0 = Some(c),
                Some(Mark::Actual) if found.1.is_none() => found.1 = Some(c),
                _ => {}
            }
        }
    }
    match found {
        (Some(b), Some(a)) => Some((b, a)),
        _ => None,
    }
}

fn across(rows: &[Vec<String>], scale: Decimal, newest: Option<u32>, budget: &mut [Option<Decimal>], actual: &mut [Option<Decimal>]) {
    let data: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].iter().any(|c| is_number(c)) && !column_numbers(&rows[*i])).collect();
    let Some(&first) = data.first() else { return };
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    // Each column's item (its header words) and block (the 预算数 / 决算数 header left of it).
    let item: Vec<Option<usize>> = (0..width).map(|c| sangong_item(&rows[..first].iter().filter(|r| !column_numbers(r)).filter_map(|r| r.get(c)).map(|s| compact(s)).collect::<String>())).collect();
    let mut role = vec![None; width];
    if let Some(r) = rows[..first].iter().find(|r| r.iter().any(|c| mark(c, newest).is_some())) {
        let mut current = None;
        for (c, slot) in role.iter_mut().enumerate() {
            current = r.get(c).and_then(|t| mark(t, newest)).or(current);
            *slot = current;
        }
    }
    for &ri in &data {
        let r = &rows[ri];
        let mut block: Option<Mark> = None;
        let mut pos = 0;
        for (c, text) in r.iter().enumerate() {
            if !blank(text) && !is_number(text) {
                block = mark(text, newest);
                pos = 0;
                continue;
            }
            let (kind, at) = match (block, role.get(c).copied().flatten()) {
                (Some(b), _) => (b, item[c].unwrap_or(pos)),
                (None, Some(b)) => {
                    let start = (0..=c).rev().take_while(|k| role[*k] == Some(b)).last().unwrap_or(c);
                    (b, item[c].unwrap_or(c - start))
                }
                // No header at all: six figures of 预算数, then six of 决算数.
                (None, None) if item.iter().all(Option::is_none) => (if pos < 6 { Mark::Budget } else { Mark::Actual }, pos % 6),
                (None, None) => (Mark::Other, 0),
            };
            pos += 1;
            let side: &mut [Option<Decimal>] = match kind {
                Mark::Budget => budget,
                Mark::Actual => actual,
                Mark::Other => continue,
            };
            if let Some(slot) = side.get_mut(at) {
                if slot.is_none() {
                    *slot = number(text, scale);
                }
            }
        }
    }
}
