//! The budget block: 预算执行率 under the pack's denominator, its score under the pack's
//! formula, the header's own formula text, and the 其中 rows against their totals.

use rust_decimal::Decimal;

use crate::finding::Findings;
use crate::num::{agreement_exact, div, fmt2, fmt_rate, mul, plain, sum, Agreement, Precision};
use crate::report::BudgetBlock;
use crate::rules::{BudgetFormula, Denominator, RulePack};

use super::totals::report_sum;
use super::{BudgetResult, Explained};

pub(super) fn score_budget(block: &BudgetBlock, path: &str, pack: &RulePack, findings: &mut Findings) -> BudgetResult {
    let rule = &pack.budget;
    // A form without a budget block (the 决策/过程/产出/效益 framework, Chongqing's 部门整体
    // table): the import writes weight 0 and nothing else; budget execution is then one of the
    // indicator rows, if any.
    let empty = block.initial.is_none() && block.adjusted.is_none() && block.executed.is_none() && block.declared_score.is_none();
    if empty && block.weight == Some(Decimal::ZERO) {
        let none = Explained { text: "本表没有预算执行栏，预算执行不单独计分。".into(), clause: String::new() };
        return BudgetResult { weight: Decimal::ZERO, rate: None, rate_explain: none.clone(), score: Some(Decimal::ZERO), score_explain: none };
    }
    let points = rule.points.unwrap_or(Decimal::TEN);
    let weight = block.weight.unwrap_or(points);
    let tol = pack.tolerance();
    if rule.points.is_none() && block.weight.is_none() {
        // A pack that leaves the budget weight to the table cannot supply one.
        findings.warning("budget.weight_missing", format!("{path}.weight"), "未填预算执行分值，暂按 10 分计算。");
    }
    if rule.points.is_some() && block.weight.is_some_and(|w| w != points) {
        findings.warning(
            "budget.weight_rule",
            format!("{path}.weight"),
            format!("预算执行分值填为 {}，{} 规定为 {}。", plain(weight), pack.name, plain(points)),
        );
    }

    let (denominator, denominator_label) = match rule.denominator {
        Denominator::Adjusted if block.adjusted.is_none() && block.initial.is_some() => {
            findings.warning(
                "budget.denominator_fallback",
                format!("{path}.adjusted"),
                "未填全年（调整后）预算数，执行率按年初预算数计算。",
            );
            (block.initial, "年初预算数")
        }
        Denominator::Adjusted => (block.adjusted, "全年预算数"),
        Denominator::Initial => (block.initial, "年初预算数"),
    };

    let rate = match (block.executed, denominator) {
        (None, _) => {
            findings.error("budget.executed_missing", format!("{path}.executed"), "未填全年执行数，执行率无法计算。");
            None
        }
        (Some(_), None) => {
            findings.error(
                "budget.budget_missing",
                format!("{path}.adjusted"),
                "未填预算数，执行率无法计算。",
            );
            None
        }
        (Some(e), Some(b)) if b.is_zero() => {
            if !e.is_zero() {
                findings.error(
                    "budget.rate_undefined",
                    format!("{path}.adjusted"),
                    format!("{denominator_label}为0而执行数为 {}，执行率无法计算（不应填作0%）。", plain(e)),
                );
            }
            None
        }
        (Some(e), Some(b)) => div(e, b),
    };
    let rate_explain = match (rate, block.executed, denominator) {
        (Some(r), Some(e), Some(b)) => Explained {
            text: format!("执行率 = 全年执行数 {} ÷ {} {} = {}", plain(e), denominator_label, plain(b), fmt_rate(r)),
            clause: rule.clause.clone(),
        },
        _ => Explained { text: "执行率无法计算：缺少执行数或预算数，或预算数为0。".into(), clause: rule.clause.clone() },
    };

    if let (true, None, Some(r)) = (rule.rate_cell, block.declared_rate_percent, rate) {
        // The template prints a 执行率 cell: blank is an omission, not a table without one.
        findings.warning(
            "budget.rate_blank",
            format!("{path}.declared_rate_percent"),
            format!("执行率一栏未填；按表中数字计算为 {}（{}）。", fmt_rate(r), rate_explain.text),
        );
    }
    if let Some(declared) = block.declared_rate_percent {
        let rate_path = format!("{path}.declared_rate_percent");
        match rate.and_then(|r| mul(r, Decimal::ONE_HUNDRED)) {
            Some(percent) => match agreement_exact(declared, percent, Precision::AsStated, tol) {
                Agreement::Same => {}
                Agreement::Rounding => findings.warning(
                    "budget.rate_rounding",
                    rate_path,
                    format!("执行率填为 {}%，按数字计算为 {}（仅舍入差异）。", plain(declared), fmt_rate(percent / Decimal::ONE_HUNDRED)),
                ),
                Agreement::Different => findings.error(
                    "budget.rate_mismatch",
                    rate_path,
                    format!("执行率填为 {}%，但{}{}。", plain(declared), rate_explain.text, digit_note(declared, percent)),
                ),
            },
            None if block.executed.is_some() && denominator.is_some() => findings.error(
                "budget.rate_unverifiable",
                rate_path,
                format!("执行率填为 {}%，但执行率无法计算。", plain(declared)),
            ),
            None => {}
        }
    }

    let score = rate.and_then(|r| budget_score(rule.formula, rule.cap, weight, r));
    let score_explain = match (rate, score) {
        (Some(r), Some(s)) => {
            let text = match rule.formula {
                BudgetFormula::Capped if r > Decimal::ONE && !rule.cap => {
                    format!("{} × 执行率 {} = {}（本规则不封顶，超过100%照计）", plain(weight), fmt_rate(r), fmt2(s))
                }
                BudgetFormula::Capped if r > Decimal::ONE => {
                    format!("执行率 {} 超过100%，按100%计：{} × 100% = {}", fmt_rate(r), plain(weight), fmt2(s))
                }
                BudgetFormula::Capped => format!("{} × 执行率 {} = {}", plain(weight), fmt_rate(r), fmt2(s)),
                BudgetFormula::Deviation => format!(
                    "{} × (1 − |{} − 100%|) = {} × {} = {}",
                    plain(weight),
                    fmt_rate(r),
                    plain(weight),
                    fmt_rate((Decimal::ONE - (r - Decimal::ONE).abs()).max(Decimal::ZERO)),
                    fmt2(s)
                ),
            };
            Explained { text, clause: rule.clause.clone() }
        }
        _ => Explained { text: "执行率无法计算，预算执行得分暂缺。".into(), clause: rule.clause.clone() },
    };

    if let Some(declared) = block.declared_score {
        let score_path = format!("{path}.declared_score");
        if declared > weight && rule.cap {
            findings.error(
                "budget.score_above_weight",
                score_path.clone(),
                format!("预算执行得分填为 {}，超过分值 {}。", plain(declared), plain(weight)),
            );
        } else if let Some(s) = score {
            match agreement_exact(declared, s, Precision::TwoPlaces, tol) {
                Agreement::Same => {}
                Agreement::Rounding => findings.warning(
                    "budget.score_rounding",
                    score_path,
                    format!("预算执行得分填为 {}，计算为 {}（仅舍入差异）。", plain(declared), fmt2(s)),
                ),
                Agreement::Different => findings.error(
                    "budget.score_mismatch",
                    score_path,
                    format!("预算执行得分填为 {}，按规则应为 {}（{}）{}。", plain(declared), fmt2(s), score_explain.text, digit_note(declared, s)),
                ),
            }
        }
    }

    if rule.check_formula_text && !block.declared_formula.trim().is_empty() {
        check_formula_text(block, path, rate, weight, score, pack, findings);
    }

    if let (Some(limit), Some(r)) = (rule.low_rate_needs_reason_below_percent, rate) {
        if r * Decimal::ONE_HUNDRED < limit && block.reason.trim().is_empty() {
            findings.error(
                "budget.reason_missing",
                format!("{path}.reason"),
                format!("执行率 {} 低于 {}%，须填写原因。", fmt_rate(r), plain(limit)),
            );
        }
    }

    check_budget_parts(block, path, tol, findings);
    BudgetResult { weight, rate, rate_explain, score, score_explain }
}

/// "；第2位小数应为3（填为4），任何舍入都得不出所填数字" when one printed digit is wrong, else "".
pub(crate) fn digit_note(stated: Decimal, computed: Decimal) -> String {
    crate::num::wrong_digit(stated, computed).map(|w| format!("；{w}，任何舍入都得不出所填数字")).unwrap_or_default()
}

/// The budget score under a formula: capped (at 100% of the rate unless `cap` is off) or by
/// deviation from 100% (never below 0).
pub(crate) fn budget_score(formula: BudgetFormula, cap: bool, weight: Decimal, rate: Decimal) -> Option<Decimal> {
    match formula {
        BudgetFormula::Capped if cap => mul(weight, rate.min(Decimal::ONE)),
        BudgetFormula::Capped => mul(weight, rate),
        BudgetFormula::Deviation => mul(weight, (Decimal::ONE - (rate - Decimal::ONE).abs()).max(Decimal::ZERO)),
    }
}

/// The header's own formula ("20分*执行率") against the rule pack's.
fn check_formula_text(
    block: &BudgetBlock,
    path: &str,
    rate: Option<Decimal>,
    weight: Decimal,
    score: Option<Decimal>,
    pack: &RulePack,
    findings: &mut Findings,
) {
    let text = block.declared_formula.replace(' ', "");
    let written = if text.contains('|') || text.contains("偏离") || text.contains("1-") || text.contains("1−") {
        BudgetFormula::Deviation
    } else {
        BudgetFormula::Capped
    };
    if written == pack.budget.formula {
        return;
    }
    let by_header = rate.and_then(|r| budget_score(written, true, weight, r));
    // Only a header formula that would give another score is worth a reviewer's time.
    if by_header.is_some() && by_header == score {
        return;
    }
    let message = match (by_header, score) {
        (Some(h), Some(s)) => format!(
            "表头计分公式写作“{}”，按此应得 {}；但规则为 {}，得分应为 {}。表头公式与实际计分不一致。",
            block.declared_formula.trim(),
            fmt2(h),
            pack.budget.formula_text,
            fmt2(s)
        ),
        _ => format!("表头计分公式写作“{}”，与规则 {} 不一致。", block.declared_formula.trim(), pack.budget.formula_text),
    };
    findings.warning("budget.formula_text", format!("{path}.declared_formula"), message);
}

/// Breakdown lines and 基本支出 + 项目支出 must add up to the totals.
fn check_budget_parts(block: &BudgetBlock, path: &str, tol: Decimal, findings: &mut Findings) {
    type Column = (&'static str, fn(&crate::report::BudgetLine) -> Option<Decimal>, Option<Decimal>);
    let columns: [Column; 3] = [
        ("年初预算数", |l| l.initial, block.initial),
        ("全年预算数", |l| l.adjusted, block.adjusted),
        ("全年执行数", |l| l.executed, block.executed),
    ];
    for (label, get, total) in columns {
        let parts: Vec<Decimal> = block.by_source.iter().filter_map(get).collect();
        if parts.is_empty() {
            continue;
        }
        if let (Some(total), Some(s)) = (total, sum(parts)) {
            report_sum(findings, "budget.sources_sum", format!("{path}.by_source"), &format!("资金来源各项{label}之和"), s, label, total, tol);
        }
    }
    if block.basic.is_some() || block.project.is_some() {
        let basic = block.basic.unwrap_or_default();
        let project = block.project.unwrap_or_default();
        if let Some(executed) = block.executed {
            report_sum(
                findings,
                "budget.nature_sum",
                format!("{path}.basic"),
                &format!("基本支出 {} + 项目支出 {}", plain(basic), plain(project)),
                basic + project,
                "全年执行数",
                executed,
                tol,
            );
        }
    }
}
