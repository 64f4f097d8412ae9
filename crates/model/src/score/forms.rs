//! Figures some published forms carry beside the usual ones: row weights the import shared out
//! of a 一级 / 二级 heading (said in each row's explanation and as one 提示 asking for the
//! per-row 分值), the 决策/过程/产出/效益 framework's rows scored by 评分标准 (said so), and
//! Chongqing's 得分系数 × 指标权重 = 指标得分 (checked).
//!
//! Guarantees: nothing here changes a computed score; it explains and checks only.

use crate::finding::Findings;
use crate::num::{fmt2, mul, plain};
use crate::report::PerfTable;

use super::{all_indicators, RowResult};

/// Says in each row's explanation that its weight was shared out of a heading, and asks once
/// per table for the per-row 分值.
pub(super) fn explain_shared_weights(table: &PerfTable, path: &str, rows: &mut [RowResult], findings: &mut Findings) {
    // The headings shared from, with their counts: a handful per table, so a list (a hash map
    // of this type was 2 KB of the app's start-up).
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for ind in all_indicators(table).filter(|i| !i.weight_from.is_empty()) {
        match counts.iter_mut().find(|(h, _)| *h == ind.weight_from) {
            Some((_, n)) => *n += 1,
            None => counts.push((ind.weight_from.as_str(), 1)),
        }
    }
    if counts.is_empty() {
        return;
    }
    let mut derived = 0;
    let mut first = String::new();
    for (ind, row) in all_indicators(table).zip(rows.iter_mut()) {
        let Some((_, n)) = counts.iter().find(|(h, _)| *h == ind.weight_from) else { continue };
        let (heading, weight) = heading_weight(&ind.weight_from);
        let own = ind.weight.map(fmt2).unwrap_or_default();
        row.explain.text = format!("分值 {own}：原表没有各指标分值，“{heading}”的 {weight} 分由其 {n} 个指标平分。{}", row.explain.text);
        derived += 1;
        if first.is_empty() {
            first = ind.weight_from.clone();
        }
    }
    findings.info(
        "table.weights_from_headings",
        path,
        format!("表中没有分值列，{derived} 个指标的分值由一级/二级指标标题中的分值（如“{first}”）平分得出；请按原表补填各指标分值。"),
    );
}

/// Rows of the 决策/过程/产出/效益 framework are scored by the 评分标准, not by a formula: the
/// explanation says so in front of the 待评定 wording the qualitative rule gives them.
pub(super) fn explain_framework(table: &PerfTable, rows: &mut [RowResult]) {
    if table.layout.is_empty() {
        return;
    }
    for (ind, row) in all_indicators(table).zip(rows.iter_mut()) {
        let reviewed = ind.reviewed_score.map(|r| format!("（复核分 {}）", fmt2(r))).unwrap_or_default();
        row.explain.text = format!("按评分标准评分，无计算公式，计入单位填报的得分{reviewed}。{}", row.explain.text);
    }
}

/// 得分系数 × 指标权重 must equal the 指标得分 the department printed.
pub(super) fn check_coefficients(table: &PerfTable, path: &str, findings: &mut Findings) {
    for (i, ind) in table.indicators.iter().enumerate() {
        let (Some(c), Some(w), Some(declared)) = (ind.coefficient, ind.weight, ind.declared_score) else { continue };
        let Some(product) = mul(c, w) else { continue };
        if product.round_dp(2) != declared.round_dp(2) {
            let name = ind.name.trim();
            findings.warning(
                "indicator.coefficient_mismatch",
                format!("{path}.indicators[{i}].declared_score"),
                format!("指标“{name}”：得分系数 × 指标权重 = {} × {} = {}，与填报的指标得分 {} 不符。", plain(c), plain(w), fmt2(product), plain(declared)),
            );
        }
    }
}

/// "产出指标（60分）" → ("产出指标", "60").
fn heading_weight(text: &str) -> (&str, &str) {
    let Some(open) = text.rfind(['（', '(']) else { return (text.trim(), "") };
    let inner = &text[open..];
    let inner = inner.trim_start_matches(['（', '(']).trim_end_matches(['）', ')']).trim();
    (text[..open].trim(), inner.trim_end_matches('分').trim())
}
