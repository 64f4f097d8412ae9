//! Tables that print no 分值 column but write weights in their 一级 or 二级 headings
//! ("产出指标（60分）"): each row's weight is its heading's weight shared equally among the
//! heading's rows; the row keeps the heading in `weight_from`, so the explanation and a 提示
//! finding can say the weight was derived and ask for the per-row 分值.
//!
//! Guarantees: only rows without a weight of their own get one; the shares are rounded to 0.01
//! and the last row of a heading takes the remainder, so a heading's rows add up to exactly its
//! weight; a row whose weight came from elsewhere keeps no `weight_from`.

use rust_decimal::Decimal;

use super::lines::Context;
use super::sheet::split_weight;
use jixiao_model::edit;
use jixiao_model::report::Indicator;

/// Shares heading weights among the rows of the table at `path`; notes how many rows got one.
pub fn share(cx: &mut Context, path: &str, table_no: usize) {
    let Some(t) = edit::table_mut(&mut cx.report, path) else { return };
    let mut rows: Vec<&mut Indicator> = t.indicators.iter_mut().chain(t.goals.iter_mut().flat_map(|g| g.indicators.iter_mut())).collect();
    for row in rows.iter_mut() {
        if row.weight.is_some() || row.is_placeholder() {
            row.weight_from.clear();
        }
    }
    // Each heading with its rows, in the order the headings first appear: one pass, so a table of
    // thousands of headings is not scanned once per heading.
    let mut headings: Vec<(String, Vec<usize>)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, row) in rows.iter().enumerate().filter(|(_, r)| !r.weight_from.is_empty()) {
        let k = *index.entry(row.weight_from.as_str()).or_insert_with(|| {
            headings.push((row.weight_from.clone(), Vec::new()));
            headings.len() - 1
        });
        if let Some((_, members)) = headings.get_mut(k) {
            members.push(i);
        }
    }
    drop(index);
    let mut shared = 0;
    for (heading, members) in &headings {
        let weight = split_weight(heading).1.and_then(|w| jixiao_model::num::parse_decimal(&w).ok());
        let Some(weight) = weight.filter(|_| !members.is_empty()) else { continue };
        let n = Decimal::from(members.len());
        let share = (weight / n).round_dp(2);
        let mut given = Decimal::ZERO;
        for (k, &i) in members.iter().enumerate() {
            let w = if k + 1 == members.len() { weight - given } else { share };
            given += w;
            if let Some(row) = rows.get_mut(i) {
                row.weight = Some(w);
            }
            shared += 1;
        }
    }
    if shared > 0 {
        cx.notes.push(format!("表 {table_no} 没有分值列：{shared} 个指标的分值由一级/二级指标标题中的分值平分得出，请按原表核对并补填各指标分值。"));
    }
}

/// A table with no budget block whose own weights make the whole (the 决策/过程/产出/效益
/// framework, Chongqing's 部门整体 table, or rows adding up to 100): budget execution is not
/// scored apart (weight 0, said in a note). The framework is marked as its own form.
pub fn no_budget_block(cx: &mut Context, path: &str, table_no: usize) {
    let Some(t) = edit::table_mut(&mut cx.report, path) else { return };
    let level1: Vec<&str> = t.level1_weights.iter().map(|w| w.name.as_str()).chain(t.indicators.iter().map(|i| i.level1.as_str())).collect();
    let framework = level1.iter().any(|n| n.contains("决策")) && level1.iter().any(|n| n.contains("管理") || n.contains("过程"));
    if framework {
        t.layout = "决策过程产出效益".to_string();
    }
    let b = &t.budget;
    let empty = b.initial.is_none() && b.adjusted.is_none() && b.executed.is_none() && b.declared_score.is_none() && b.weight.is_none();
    if !empty {
        return;
    }
    let rows = t.indicators.iter().chain(t.goals.iter().flat_map(|g| g.indicators.iter()));
    let sum: Decimal = rows.filter_map(|i| i.weight).sum();
    let coefficient = t.indicators.iter().any(|i| i.coefficient.is_some());
    if framework || coefficient || sum == Decimal::ONE_HUNDRED {
        t.budget.weight = Some(Decimal::ZERO);
        cx.notes.push(format!("表 {table_no} 没有预算执行栏：指标分值合计 {}，预算执行不单独计分。", jixiao_model::num::plain(sum)));
    }
}
