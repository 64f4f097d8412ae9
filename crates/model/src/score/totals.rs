//! Goal and 一级 subtotals, weight sums, 总分 and 评价等次 against what was declared, and the
//! parts-versus-total comparison the whole model uses.

use rust_decimal::Decimal;

use crate::finding::Findings;
use crate::num::{agreement, fmt2, plain, sum, Agreement, Precision};
use crate::report::{Indicator, PerfTable};
use crate::rules::{Level1Weights, RulePack, TotalRule};

use super::all_indicators;
use super::{BudgetResult, Explained, RowKind, RowResult, Subtotal};

/// Reports a parts-sum that disagrees with its total (rounding-only → warning).
#[allow(clippy::too_many_arguments)]
pub(crate) fn report_sum(
    findings: &mut Findings,
    code: &str,
    path: String,
    parts_label: &str,
    parts: Decimal,
    total_label: &str,
    total: Decimal,
    tol: Decimal,
) {
    match agreement(total, parts, Precision::TwoPlaces, tol) {
        Agreement::Same => {}
        Agreement::Rounding => findings.warning(
            code,
            path,
            format!("{parts_label} = {}，与{total_label} {} 相差 {}（舍入差异）。", fmt2(parts), plain(total), fmt2((parts - total).abs())),
        ),
        Agreement::Different => findings.error(
            code,
            path,
            format!("{parts_label} = {}，与{total_label} {} 不符，相差 {}。", fmt2(parts), plain(total), fmt2((parts - total).abs())),
        ),
    }
}

pub(super) fn goal_subtotal(title: &str, weight: Option<Decimal>, rows: &[RowResult], path: &str, index: usize, findings: &mut Findings) -> Subtotal {
    let weight_sum = sum(rows.iter().filter_map(|r| r.weight)).unwrap_or_default();
    let raw = if rows.iter().any(|r| r.weight.is_some() && r.score.is_none()) {
        None
    } else {
        sum(rows.iter().filter_map(|r| r.score))
    };
    let score = match (raw, weight) {
        (Some(s), Some(w)) => Some(s.min(w)),
        (s, _) => s,
    };
    let label = format!("年度绩效目标{}", index + 1);
    match weight {
        None => findings.error("goal.weight_missing", format!("{path}.weight"), format!("{label}未填分值。")),
        Some(w) if w != weight_sum => findings.error(
            "goal.weights_sum",
            format!("{path}.weight"),
            format!("{label}分值为 {}，其下指标分值合计 {}。", plain(w), plain(weight_sum)),
        ),
        _ => {}
    }
    let text = match (raw, weight) {
        (Some(s), Some(w)) if s > w => format!("{label}：指标得分合计 {} 超过目标分值，按 {} 计", fmt2(s), plain(w)),
        (Some(s), _) => format!("{label}：指标得分合计 {}", fmt2(s)),
        (None, _) => format!("{label}：有指标未能计分"),
    };
    Subtotal {
        name: if title.is_empty() { label } else { title.to_string() },
        declared_weight: weight,
        rule_weight: None,
        weight_sum,
        score,
        explain: Explained { text, clause: "每个年度绩效目标的得分不超过其分值。".into() },
    }
}

pub(super) fn level1_subtotals(table: &PerfTable, path: &str, rows: &[RowResult], pack: &RulePack, findings: &mut Findings) -> Vec<Subtotal> {
    let mut names: Vec<String> = Vec::new();
    for rule in &pack.level1 {
        names.push(rule.name.clone());
    }
    for row in rows {
        if row.kind != RowKind::Placeholder && !row.level1.is_empty() && !names.contains(&row.level1) {
            names.push(row.level1.clone());
        }
    }
    let mut out = Vec::new();
    for name in names {
        let group: Vec<&RowResult> = rows.iter().filter(|r| r.level1 == name && r.kind != RowKind::Placeholder).collect();
        let header = table
            .level1_weights
            .iter()
            .enumerate()
            .find(|(_, w)| pack.level1_for(&w.name).map(|l| l.name.as_str()).unwrap_or(w.name.trim()) == name);
        let rule_weight = pack.level1.iter().find(|l| l.name == name).and_then(|l| l.weight);
        if group.is_empty() && header.is_none() {
            continue;
        }
        let weight_sum = sum(group.iter().filter_map(|r| r.weight)).unwrap_or_default();
        let score = if group.iter().any(|r| r.weight.is_some() && r.score.is_none()) {
            None
        } else {
            sum(group.iter().filter_map(|r| r.score))
        };
        let declared_weight = header.and_then(|(_, w)| w.weight);
        if let (Some((i, _)), Some(dw)) = (header, declared_weight) {
            if dw != weight_sum {
                findings.error(
                    "weights.level1_header",
                    format!("{path}.level1_weights[{i}].weight"),
                    format!("{name}表头分值为 {}，但其下各指标分值合计 {}。", plain(dw), plain(weight_sum)),
                );
            }
        }
        if let Some(rw) = rule_weight.filter(|_| pack.level1_weights == Level1Weights::Fixed) {
            let written = declared_weight.unwrap_or(weight_sum);
            if written != rw && !(group.is_empty() && declared_weight.is_none()) {
                findings.warning(
                    "weights.level1_rule",
                    format!("{path}.level1_weights"),
                    format!("{name}分值为 {}，{} 规定为 {}。", plain(written), pack.name, plain(rw)),
                );
            }
        }
        if pack.level1_weights == Level1Weights::Template && declared_weight.is_none() && !group.is_empty() {
            findings.warning(
                "weights.level1_header_missing",
                format!("{path}.level1_weights"),
                format!("{name}表头未填分值（本规则按模板表头的一级指标分值核对），其下各指标分值合计 {}。", plain(weight_sum)),
            );
        }
        let text = match score {
            Some(s) => format!("{name}：得分 {} / 分值 {}", fmt2(s), plain(declared_weight.unwrap_or(weight_sum))),
            None => format!("{name}：有指标未能计分"),
        };
        out.push(Subtotal {
            name,
            declared_weight,
            rule_weight,
            weight_sum,
            score,
            explain: Explained { text, clause: "一级指标得分为其下各三级指标得分之和。".into() },
        });
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub(super) fn check_weights(
    table: &PerfTable,
    path: &str,
    budget: &BudgetResult,
    rows: &[RowResult],
    goals: &[Subtotal],
    pack: &RulePack,
    findings: &mut Findings,
) -> Option<Decimal> {
    let indicator_weights = if table.goals.is_empty() {
        sum(rows.iter().filter_map(|r| r.weight)).unwrap_or_default()
    } else {
        sum(goals.iter().filter_map(|g| g.declared_weight)).unwrap_or_default()
    };
    if rows.iter().all(|r| r.kind == RowKind::Placeholder) && goals.is_empty() {
        findings.warning("table.no_indicators", path, "该表尚无绩效指标。");
        return None;
    }
    let total = budget.weight + indicator_weights;
    if total > Decimal::ONE_HUNDRED {
        // Reported by score_table with the total the pack's rule gives.
        return Some(total);
    }
    if total != Decimal::ONE_HUNDRED {
        findings.error(
            "weights.total",
            path,
            format!("预算执行分值 {} + 指标分值合计 {} = {}，应为100。", plain(budget.weight), plain(indicator_weights), plain(total)),
        );
    }
    if let Some(points) = pack.indicator_points {
        if indicator_weights != points && total == Decimal::ONE_HUNDRED {
            findings.warning(
                "weights.indicator_rule",
                path,
                format!("指标分值合计 {}，{} 规定为 {}。", plain(indicator_weights), pack.name, plain(points)),
            );
        }
    }
    None
}

/// Weights adding up to more than 100: the raw sum of the scores and the total the pack's
/// `total_rule` gives (the same 总分 the summary and every output show), never a second total.
pub(super) fn report_over_100(path: &str, weights: Decimal, budget: &BudgetResult, raw: Option<Decimal>, total: Option<Decimal>, rule: TotalRule, findings: &mut Findings) {
    let scores = match (raw, total) {
        (Some(r), Some(t)) => format!("各项得分原始合计 {}（满分 {}），按本规则（{}）总分为 {}", fmt2(r), plain(weights), rule.words(), fmt2(t)),
        _ => "各项得分尚不能全部计算".to_string(),
    };
    findings.error(
        "weights.total",
        path,
        format!(
            "预算执行分值 {} + 指标分值合计 {} = {}，超过100；{}。分值合计应为100，请核对各项分值。",
            plain(budget.weight),
            plain(weights - budget.weight),
            plain(weights),
            scores
        ),
    );
}

/// The 总分 from the raw sum of the scores and the sum of the 分值, by the pack's rule, with
/// the words the explanation adds ("" when the weights add up to 100 and nothing changes).
pub(super) fn apply_total_rule(raw: Decimal, weights: Option<Decimal>, rule: TotalRule) -> (Decimal, String) {
    let hundred = Decimal::ONE_HUNDRED;
    match rule {
        TotalRule::Cap if raw > hundred => (hundred, format!("（原始合计 {}，超过100，按100计）", fmt2(raw))),
        TotalRule::Normalise => match weights.filter(|w| *w != hundred && *w > Decimal::ZERO) {
            Some(w) => match crate::num::div(raw * hundred, w) {
                Some(t) => (t, format!("（分值合计 {}，按100分折算：{} × 100 ÷ {}）", plain(w), fmt2(raw), plain(w))),
                None => (raw, String::new()),
            },
            None => (raw, String::new()),
        },
        _ => (raw, String::new()),
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn check_declared_totals(
    table: &PerfTable,
    path: &str,
    total: Option<Decimal>,
    grade: Option<&str>,
    pack: &RulePack,
    findings: &mut Findings,
) {
    let tol = pack.tolerance();
    let total_path = format!("{path}.declared_total");
    if let Some(declared) = table.declared_total {
        if declared > Decimal::ONE_HUNDRED {
            findings.error("total.above_100", total_path.clone(), format!("总分填为 {}，超过100分。", plain(declared)));
        }
        if let Some(t) = total {
            match agreement(declared, t, Precision::TwoPlaces, tol) {
                Agreement::Same => {}
                Agreement::Rounding => findings.warning(
                    "total.rounding",
                    total_path.clone(),
                    format!("总分填为 {}，计算为 {}（仅舍入差异）。", plain(declared), fmt2(t)),
                ),
                Agreement::Different => findings.error(
                    "total.mismatch",
                    total_path.clone(),
                    format!("总分填为 {}，按规则计算为 {}，相差 {}。", plain(declared), fmt2(t), fmt2((declared - t).abs())),
                ),
            }
        }
        // The document's own arithmetic: its declared scores must add up to its declared total.
        let weighted: Vec<&Indicator> = all_indicators(table).filter(|i| i.weight.is_some()).collect();
        if let Some(b) = table.budget.declared_score {
            if !weighted.is_empty() && weighted.iter().all(|i| i.declared_score.is_some()) {
                let rows_sum = sum(weighted.iter().filter_map(|i| i.declared_score)).unwrap_or_default();
                let declared_sum = b + rows_sum;
                if agreement(declared, declared_sum, Precision::TwoPlaces, tol) != Agreement::Same {
                    findings.error(
                        "total.declared_sum",
                        total_path.clone(),
                        format!(
                            "表内填报得分相加为 {}（预算执行 {} + 指标 {}），与填报总分 {} 不一致。",
                            fmt2(declared_sum),
                            plain(b),
                            plain(rows_sum),
                            plain(declared)
                        ),
                    );
                }
            }
        }
    }
    if let Some(written) = &table.declared_grade {
        let grade_path = format!("{path}.declared_grade");
        let reference = grade.map(str::to_string).or_else(|| {
            table.declared_total.and_then(|t| pack.grade_for(t)).map(|g| g.name.clone())
        });
        let basis = if grade.is_some() { "计算总分" } else { "填报总分" };
        if written.trim().is_empty() {
            let should = reference.map(|g| format!("（按{basis}应为“{g}”）")).unwrap_or_default();
            findings.error("grade.missing", grade_path, format!("评价等次未填写{should}。"));
        } else {
            match (pack.canonical_grade(written), reference) {
                (None, _) => findings.warning("grade.unknown", grade_path, format!(
                        "评价等次“{}”不是本规则的等次（{}）。",
                        written.trim(),
                        pack.grades.iter().map(|g| g.name.as_str()).collect::<Vec<_>>().join("、")
                    )),
                (Some(w), Some(r)) if w != r => findings.error(
                    "grade.mismatch",
                    grade_path,
                    format!("评价等次填为“{}”，但按{basis}应为“{r}”。", written.trim()),
                ),
                _ => {}
            }
        }
    }
}
