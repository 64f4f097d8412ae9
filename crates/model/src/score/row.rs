//! One indicator row: quantitative (target against actual, capped at the weight, overshoot
//! signalled) or qualitative (tier bands), compared with the score the department declared.

use rust_decimal::Decimal;

use crate::finding::Findings;
use crate::measure::{Answer, Comparison, Measure, Quantity, UnitKind};
use crate::num::{agreement_exact, div, fmt2, fmt_rate, mul, plain, Agreement, Precision};
use crate::report::Indicator;
use crate::rules::{BandRule, EqualZeroRule, OvershootBasis, OvershootRule, ReverseFormula, RulePack};

use super::{Explained, RowKind, RowResult};

pub(super) fn score_row(ind: &Indicator, path: &str, pack: &RulePack, findings: &mut Findings) -> RowResult {
    let level1 = pack.level1_for(&ind.level1).map(|l| l.name.clone()).unwrap_or_else(|| ind.level1.trim().to_string());
    let target = Measure::parse(&ind.target_text());
    let actual = Measure::parse(&ind.actual);
    let mut row = RowResult {
        path: path.to_string(),
        level1: level1.clone(),
        kind: RowKind::Qualitative,
        target_understood: target.summary(),
        actual_understood: actual.summary(),
        weight: ind.weight,
        score: None,
        tier: ind.tier,
        pending: false,
        explain: Explained::default(),
    };
    let name = if ind.name.trim().is_empty() { "（未命名指标）".to_string() } else { ind.name.trim().to_string() };
    if ind.is_placeholder() {
        row.kind = RowKind::Placeholder;
        row.explain.text = "空行（“无”），不参与计分。".into();
        return row;
    }
    let Some(weight) = ind.weight else {
        row.kind = RowKind::Unweighted;
        row.explain.text = "未填分值，不能计分。".into();
        findings.error("indicator.weight_missing", format!("{path}.weight"), format!("指标“{name}”未填分值，无法计分。"));
        return row;
    };
    if weight < Decimal::ZERO {
        row.kind = RowKind::Unweighted;
        findings.error("indicator.weight_negative", format!("{path}.weight"), format!("指标“{name}”的分值为负数 {}。", plain(weight)));
        return row;
    }
    if ind.name.trim().is_empty() {
        findings.warning("indicator.name_missing", format!("{path}.name"), "有分值的指标未填三级指标名称。");
    }

    let satisfaction = level1.starts_with("满意").then_some(pack.satisfaction.as_ref()).flatten();
    let actual_percent = actual.quantities.iter().find(|q| q.kind == UnitKind::Percent);
    if let (Some(rule), Some(percent)) = (satisfaction, actual_percent) {
        row.kind = RowKind::Satisfaction;
        let band = rule.bands.iter().find(|b| {
            b.from_percent.is_some_and(|f| percent.value >= f) && b.to_percent.is_none_or(|t| percent.value < t)
        });
        match band.and_then(|b| b.fraction.map(|f| (b, f))) {
            Some((band, fraction)) => {
                let score = mul(weight, fraction);
                row.score = score;
                row.explain = Explained {
                    text: format!(
                        "满意度 {}%，属“{}”档：{} × {} = {}",
                        plain(percent.value),
                        band.label,
                        plain(weight),
                        fmt_rate(fraction),
                        score.map(fmt2).unwrap_or_default()
                    ),
                    clause: rule.clause.clone(),
                };
            }
            None => {
                row.explain = Explained { text: format!("满意度 {}% 落在计分表未规定的区间。", plain(percent.value)), clause: rule.clause.clone() };
                findings.error(
                    "indicator.satisfaction_gap",
                    format!("{path}.actual"),
                    format!("满意度 {}% 落在计分表未规定的区间（计分表未列出该区间），无法计分，请人工评定。", plain(percent.value)),
                );
                row.score = ind.assessed_score.or(ind.declared_score);
            }
        }
    } else if let Some(t) = target.primary() {
        match actual.answer_to(t) {
            Answer::Found(a) => {
                row.kind = RowKind::Quantitative;
                let comparison = target.comparison.unwrap_or(pack.quantitative.default_comparison);
                let (score, explain) = quantitative(weight, comparison, t, a, target.comparison.is_none(), pack);
                row.score = score;
                row.explain = explain;
                check_overshoot(ind, path, &name, weight, comparison, t, a, pack, &mut row, findings);
            }
            answer => {
                row.kind = RowKind::Unverifiable;
                row.score = ind.assessed_score.or(ind.declared_score);
                let why = match answer {
                    Answer::NoNumber if ind.actual.trim().is_empty() => "未填完成值".to_string(),
                    Answer::NoNumber => "完成值没有写明数字".to_string(),
                    Answer::UnitMismatch(q) => format!("完成值 {} 与指标值 {} 单位不一致", q.display(), t.display()),
                    _ => "完成值含有多个数字，无法确定哪一个对应指标值".to_string(),
                };
                let used = match row.score {
                    Some(s) => format!("暂按填报得分 {} 计入，需人工复核", plain(s)),
                    None => "无法计分".to_string(),
                };
                row.explain = Explained {
                    text: format!("{why}，无法与指标值 {} 比较；{used}。", target.summary()),
                    clause: pack.quantitative.positive_clause.clone(),
                };
                let code = if matches!(answer, Answer::UnitMismatch(_)) { "indicator.unit_mismatch" } else { "indicator.unverifiable" };
                findings.warning(code, format!("{path}.actual"), format!("指标“{name}”：{why}，无法核对得分（{used}）。"));
            }
        }
    } else {
        qualitative(ind, path, &name, weight, pack, &mut row, findings);
    }

    if let Some(s) = row.score {
        if s > weight {
            row.score = Some(weight);
        }
    }
    check_declared_row(ind, path, &name, weight, &row, pack, findings);
    row
}

/// Quantitative formula with its explanation.
fn quantitative(
    weight: Decimal,
    comparison: Comparison,
    t: &Quantity,
    a: &Quantity,
    assumed: bool,
    pack: &RulePack,
) -> (Option<Decimal>, Explained) {
    let q = &pack.quantitative;
    let (tv, av) = (t.value, a.value);
    let relation = |ok: bool, sym_ok: &str, sym_bad: &str| if ok { sym_ok.to_string() } else { sym_bad.to_string() };
    let assumed_note = if assumed { format!("；指标值未写比较符，按本规则的默认（{}）处理", comparison.symbol()) } else { String::new() };
    let (score, text, clause) = match comparison {
        Comparison::AtLeast | Comparison::Above => {
            let met = if comparison == Comparison::Above { av > tv } else { av >= tv };
            if met {
                (Some(weight), format!("完成值 {} {} 指标值 {}，达到目标：得满分 {}（正向指标{assumed_note}）", a.display(), relation(av > tv, ">", "="), t.display(), fmt2(weight)), &q.positive_clause)
            } else if tv <= Decimal::ZERO {
                (Some(Decimal::ZERO), format!("完成值 {} 未达到指标值 {}：得 0.00", a.display(), t.display()), &q.positive_clause)
            } else {
                let s = div(av.max(Decimal::ZERO), tv).and_then(|r| mul(weight, r));
                let text = format!(
                    "完成值 {} < 指标值 {}：{} × {} ÷ {} = {}（正向指标，按完成比例计分{assumed_note}）",
                    a.display(),
                    t.display(),
                    plain(weight),
                    plain(av),
                    plain(tv),
                    s.map(fmt2).unwrap_or_else(|| "—".into())
                );
                (s, text, &q.positive_clause)
            }
        }
        Comparison::AtMost | Comparison::Below => {
            let met = if comparison == Comparison::Below { av < tv } else { av <= tv };
            if met {
                (Some(weight), format!("完成值 {} {} 指标值 {}，达到目标：得满分 {}（反向指标{assumed_note}）", a.display(), relation(av < tv, "<", "="), t.display(), fmt2(weight)), &q.negative_clause)
            } else if av <= Decimal::ZERO || tv < Decimal::ZERO {
                (Some(Decimal::ZERO), format!("完成值 {} 超过指标值 {}：得 0.00", a.display(), t.display()), &q.negative_clause)
            } else if q.reverse_formula == ReverseFormula::Linear {
                // 1 − (B − A) ÷ A: linear from full marks at the target to zero at twice it.
                let share = div(av - tv, tv).map(|r| (Decimal::ONE - r).max(Decimal::ZERO));
                let s = share.and_then(|r| mul(weight, r));
                let text = format!(
                    "完成值 {} > 指标值 {}：{} × (1 − ({} − {}) ÷ {}) = {}（反向指标，线性扣分，达到指标值2倍得0分）",
                    a.display(),
                    t.display(),
                    plain(weight),
                    plain(av),
                    plain(tv),
                    plain(tv),
                    s.map(fmt2).unwrap_or_else(|| "—".into())
                );
                (s, text, &q.negative_clause)
            } else {
                let s = div(tv, av).and_then(|r| mul(weight, r));
                let text = format!(
                    "完成值 {} > 指标值 {}：{} × {} ÷ {} = {}（反向指标，按 指标值 ÷ 完成值 计分）",
                    a.display(),
                    t.display(),
                    plain(weight),
                    plain(tv),
                    plain(av),
                    s.map(fmt2).unwrap_or_else(|| "—".into())
                );
                (s, text, &q.negative_clause)
            }
        }
        Comparison::Equal => {
            if tv.is_zero() && q.equal_zero_target == EqualZeroRule::AtMost {
                let (s, verdict) = if av <= Decimal::ZERO { (weight, "不超过0，得满分") } else { (Decimal::ZERO, "超过0，得 0.00") };
                let text = format!("指标值为 0：完成值 {} {verdict}（等于型指标，指标值为0时完成值≤0得满分，否则不得分）", a.display());
                (Some(s), text, &q.equal_clause)
            } else if av == tv {
                (Some(weight), format!("完成值 {} = 指标值 {}：得满分 {}{assumed_note}", a.display(), t.display(), fmt2(weight)), &q.equal_clause)
            } else {
                let (lo, hi) = if av < tv { (av, tv) } else { (tv, av) };
                let s = if hi <= Decimal::ZERO || lo < Decimal::ZERO {
                    Some(Decimal::ZERO)
                } else {
                    div(lo, hi).and_then(|r| mul(weight, r))
                };
                let text = format!(
                    "完成值 {} ≠ 指标值 {}：{} × {} ÷ {} = {}（等于型指标，按 较小值 ÷ 较大值 计分）",
                    a.display(),
                    t.display(),
                    plain(weight),
                    plain(lo),
                    plain(hi),
                    s.map(fmt2).unwrap_or_else(|| "—".into())
                );
                (s, text, &q.equal_clause)
            }
        }
    };
    (score.map(|s| s.max(Decimal::ZERO).min(weight)), Explained { text, clause: clause.clone() })
}

#[allow(clippy::too_many_arguments)]
fn check_overshoot(
    ind: &Indicator,
    path: &str,
    name: &str,
    weight: Decimal,
    comparison: Comparison,
    t: &Quantity,
    a: &Quantity,
    pack: &RulePack,
    row: &mut RowResult,
    findings: &mut Findings,
) {
    let Some(limit) = pack.quantitative.overshoot_percent else { return };
    // A 100% target cannot be exceeded in any meaningful way; percentages are left alone.
    if !comparison.is_positive() || t.value <= Decimal::ZERO || t.kind == UnitKind::Percent {
        return;
    }
    let Some(over) = div(a.value - t.value, t.value).and_then(|r| mul(r, Decimal::ONE_HUNDRED)) else { return };
    // The threshold either counts the excess (30 = 30% above the target) or the whole actual
    // as a share of the target (120 = 120% of it).
    let measured = match pack.quantitative.overshoot_basis {
        OvershootBasis::Excess => over,
        OvershootBasis::OfTarget => over + Decimal::ONE_HUNDRED,
    };
    if measured <= limit {
        return;
    }
    let beyond = match pack.quantitative.overshoot_basis {
        OvershootBasis::Excess => format!("超过{}%", plain(limit)),
        OvershootBasis::OfTarget => format!("达到指标值的{}%，超过{}%", crate::num::fixed(measured, 1), plain(limit)),
    };
    let quantity_row = ind.level2.contains("数量");
    if pack.quantitative.overshoot_rule == OvershootRule::ZeroQuantity && quantity_row {
        row.score = Some(Decimal::ZERO);
        row.explain.text = format!(
            "完成值 {} 超过指标值 {} 达 {}%（{beyond}），目标设定偏低：数量指标不得分，得 0.00（满分 {}）",
            a.display(),
            t.display(),
            crate::num::fixed(over, 1),
            fmt2(weight)
        );
        row.explain.clause = pack.quantitative.overshoot_clause.clone();
    }
    findings.warning(
        "indicator.target_too_low",
        format!("{path}.target"),
        format!(
            "指标“{name}”完成值 {} 超过指标值 {} 达 {}%（{beyond}），说明目标设定偏低。",
            a.display(),
            t.display(),
            crate::num::fixed(over, 1)
        ),
    );
}

fn qualitative(ind: &Indicator, path: &str, name: &str, weight: Decimal, pack: &RulePack, row: &mut RowResult, findings: &mut Findings) {
    row.kind = RowKind::Qualitative;
    let score = ind.assessed_score.or(ind.declared_score);
    let clause = pack.qualitative.clause.clone();
    let Some(score) = score else {
        row.explain = Explained { text: "定性指标，尚未评定档次和得分。".into(), clause };
        findings.warning("indicator.qualitative_unscored", format!("{path}.tier"), format!("定性指标“{name}”尚未评定得分。"));
        return;
    };
    let share = div(score, weight).and_then(|r| mul(r, Decimal::ONE_HUNDRED));
    let inferred = share.and_then(|s| {
        pack.qualitative
            .tiers
            .iter()
            .find(|t| t.min_percent.is_some_and(|m| s >= m))
            .map(|t| t.tier)
    });
    let tier = ind.tier.or(inferred);
    row.tier = tier;
    row.score = Some(score.min(weight).max(Decimal::ZERO));
    let band = tier.and_then(|t| pack.tier_band(t));
    let band_text = band
        .map(|b| {
            let lo = b.min_percent.unwrap_or_default();
            let hi = b.max_percent.unwrap_or(Decimal::ONE_HUNDRED);
            let lo_pts = mul(weight, lo).and_then(|v| div(v, Decimal::ONE_HUNDRED)).unwrap_or_default();
            let hi_pts = mul(weight, hi).and_then(|v| div(v, Decimal::ONE_HUNDRED)).unwrap_or_default();
            format!("“{}”（分值的{}%–{}%，即 {}–{} 分）", b.name, plain(lo), plain(hi), fmt2(lo_pts), fmt2(hi_pts))
        })
        .unwrap_or_else(|| "未定档".into());
    let how = if ind.tier.is_some() { "评定为" } else { "按得分推定为" };
    // Without an evaluator's assessment the points rest on the department's own judgement:
    // marked 待评定 on the row and listed as a 提示 (nothing is wrong yet), counted by the review.
    row.pending = ind.assessed_score.is_none();
    let pending = if row.pending { "（待评定：尚无评价人评定，暂按单位自评得分计入）" } else { "" };
    if row.pending {
        findings.info(
            "indicator.pending",
            format!("{path}.assessed_score"),
            format!("待评定：定性指标“{name}”尚无评价人评定，{} 分按单位自评得分计入。", fmt2(score)),
        );
    }
    row.explain = Explained { text: format!("定性指标，{how}{band_text}，得分 {}{pending}", fmt2(score)), clause };

    if let (Some(chosen), Some(share)) = (ind.tier, share) {
        if let Some(b) = pack.tier_band(chosen) {
            let lo = b.min_percent.unwrap_or_default();
            let hi = b.max_percent.unwrap_or(Decimal::ONE_HUNDRED);
            let top = pack.qualitative.tiers.first().map(|t| t.tier) == Some(chosen);
            let inside = share >= lo && (share < hi || (top && share <= hi));
            if !inside && pack.qualitative.band_rule == BandRule::Limit {
                let lo_pts = mul(weight, lo).and_then(|v| div(v, Decimal::ONE_HUNDRED)).unwrap_or_default();
                let hi_pts = mul(weight, hi).and_then(|v| div(v, Decimal::ONE_HUNDRED)).unwrap_or_default();
                let kept = if share < lo { lo_pts } else { hi_pts };
                row.score = Some(kept);
                row.explain.text = format!("{}；得分 {} 超出该档区间，按区间边界 {} 计", row.explain.text, plain(score), fmt2(kept));
                findings.error(
                    "indicator.tier_band",
                    format!("{path}.assessed_score"),
                    format!(
                        "定性指标“{name}”评定为“{}”，实际得分区间为[{}, {}]，得分 {} 超出区间，请调整后再保存（暂按 {} 计）。",
                        b.name,
                        fmt2(lo_pts),
                        fmt2(hi_pts),
                        plain(score),
                        fmt2(kept)
                    ),
                );
            } else if !inside {
                findings.error(
                    "indicator.tier_band",
                    format!("{path}.assessed_score"),
                    format!("定性指标“{name}”评定为“{}”，得分 {} 不在该档区间（分值的{}%–{}%）内。", b.name, plain(score), plain(lo), plain(hi)),
                );
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn check_declared_row(
    ind: &Indicator,
    path: &str,
    name: &str,
    weight: Decimal,
    row: &RowResult,
    pack: &RulePack,
    findings: &mut Findings,
) {
    let tol = pack.tolerance();
    if let Some(declared) = ind.declared_score {
        if declared > weight {
            findings.error(
                "indicator.score_above_weight",
                format!("{path}.declared_score"),
                format!("指标“{name}”得分 {} 超过分值 {}。", plain(declared), plain(weight)),
            );
        } else if let (Some(s), RowKind::Quantitative | RowKind::Satisfaction) = (row.score, row.kind) {
            match agreement_exact(declared, s, Precision::TwoPlaces, tol) {
                Agreement::Same => {}
                Agreement::Rounding => findings.warning(
                    "indicator.score_rounding",
                    format!("{path}.declared_score"),
                    format!("指标“{name}”得分填为 {}，计算为 {}（仅舍入差异）。", plain(declared), fmt2(s)),
                ),
                Agreement::Different => findings.error(
                    "indicator.score_mismatch",
                    format!("{path}.declared_score"),
                    format!("指标“{name}”得分填为 {}，按规则应为 {}：{}{}。", plain(declared), fmt2(s), row.explain.text, super::budget::digit_note(declared, s)),
                ),
            }
        }
    }
    let effective = row.score.or(ind.declared_score);
    if let Some(s) = effective {
        if s < weight && ind.reason.trim().is_empty() {
            findings.error(
                "indicator.reason_missing",
                format!("{path}.reason"),
                format!("指标“{name}”得分 {} 低于分值 {}，须填写偏差原因分析及改进措施。", fmt2(s), plain(weight)),
            );
        }
    }
}
