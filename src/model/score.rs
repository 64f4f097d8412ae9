//! Scoring one table under a rule pack, with an explanation for every figure.
//!
//! Guarantees: exact decimal arithmetic, no rounding before display; every score is capped at
//! its weight and never negative; a figure that cannot be computed is `None` with a finding,
//! never 0; declared figures are compared, never overwritten.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::finding::Findings;
use crate::model::measure::{Answer, Comparison, Measure, Quantity, UnitKind};
use crate::model::num::{agreement, div, fmt2, fmt_rate, mul, plain, sum, Agreement, Precision};
use crate::model::report::{BudgetBlock, Indicator, PerfTable, Tier};
use crate::model::rules::{BudgetFormula, Denominator, OvershootRule, RulePack};

/// A computed figure's explanation: the formula with the numbers, and the rule it comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Explained {
    /// e.g. "完成值 90% < 指标值 100%：10 × 90 ÷ 100 = 9.00（正向指标，按完成比例计分）".
    pub text: String,
    /// The rule pack clause.
    pub clause: String,
}

/// How a row was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    /// A "无" row with nothing in it.
    Placeholder,
    /// Target and actual compared by the formula.
    Quantitative,
    /// Scored from the satisfaction tier table.
    Satisfaction,
    /// Tier and score chosen by the evaluator.
    Qualitative,
    /// A numeric target whose actual cannot be compared (no number, other unit, ambiguous).
    Unverifiable,
    /// No weight: not scored.
    Unweighted,
}

/// The computed figures of one indicator row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowResult {
    /// Path of the row, e.g. `overall.indicators[3]`.
    pub path: String,
    /// Canonical 一级指标 (rule pack name, else as written).
    pub level1: String,
    /// How it was scored.
    pub kind: RowKind,
    /// What the target was understood as ("≥ 4 次", "定性").
    pub target_understood: String,
    /// What the actual was understood as.
    pub actual_understood: String,
    /// Weight.
    pub weight: Option<Decimal>,
    /// Computed score.
    pub score: Option<Decimal>,
    /// Tier (chosen, or inferred from the score for qualitative rows).
    pub tier: Option<Tier>,
    /// Explanation.
    pub explain: Explained,
}

/// A subtotal (per 一级指标 or per goal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subtotal {
    /// 一级指标 name or goal title.
    pub name: String,
    /// The weight printed in the header / goal.
    pub declared_weight: Option<Decimal>,
    /// The rule pack's fixed weight, if any.
    pub rule_weight: Option<Decimal>,
    /// Σ row weights.
    pub weight_sum: Decimal,
    /// Σ row scores (capped at the goal weight for goals), `None` if a row is unscored.
    pub score: Option<Decimal>,
    /// Explanation.
    pub explain: Explained,
}

/// The computed budget block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetResult {
    /// 分值 used.
    pub weight: Decimal,
    /// 执行率 as a fraction.
    pub rate: Option<Decimal>,
    /// How the rate was computed.
    pub rate_explain: Explained,
    /// 得分.
    pub score: Option<Decimal>,
    /// How the score was computed.
    pub score_explain: Explained,
}

/// The computed figures of one scored table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableResult {
    /// `overall` or `projects[i]`.
    pub path: String,
    /// "整体" or the project's name.
    pub label: String,
    /// Budget block.
    pub budget: BudgetResult,
    /// Rows in table order (goal rows flattened, goal by goal).
    pub rows: Vec<RowResult>,
    /// Per 一级指标.
    pub level1: Vec<Subtotal>,
    /// Per 年度绩效目标 (goal-grouped tables).
    pub goals: Vec<Subtotal>,
    /// Σ indicator scores.
    pub indicators_score: Option<Decimal>,
    /// 总分.
    pub total: Option<Decimal>,
    /// How the total was computed.
    pub total_explain: Explained,
    /// 评价等次 from the computed total.
    pub grade: Option<String>,
    /// How the grade follows.
    pub grade_explain: Explained,
}

/// Scores one table and records its findings.
pub fn score_table(table: &PerfTable, path: &str, label: &str, pack: &RulePack, findings: &mut Findings) -> TableResult {
    let budget = score_budget(&table.budget, &format!("{path}.budget"), pack, findings);

    let mut rows = Vec::new();
    for (i, ind) in table.indicators.iter().enumerate() {
        rows.push(score_row(ind, &format!("{path}.indicators[{i}]"), pack, findings));
    }
    let mut goals = Vec::new();
    for (g, goal) in table.goals.iter().enumerate() {
        let goal_path = format!("{path}.goals[{g}]");
        let start = rows.len();
        for (i, ind) in goal.indicators.iter().enumerate() {
            rows.push(score_row(ind, &format!("{goal_path}.indicators[{i}]"), pack, findings));
        }
        goals.push(goal_subtotal(goal.title.as_str(), goal.weight, &rows[start..], &goal_path, g, findings));
    }

    let level1 = level1_subtotals(table, path, &rows, pack, findings);
    check_weights(table, path, &budget, &rows, &goals, pack, findings);

    let scored: Vec<&RowResult> = rows.iter().filter(|r| r.weight.is_some()).collect();
    let unscored = scored.iter().filter(|r| r.score.is_none()).count();
    let indicators_score = if table.goals.is_empty() {
        if unscored == 0 { sum(scored.iter().filter_map(|r| r.score)) } else { None }
    } else if goals.iter().all(|g| g.score.is_some()) && unscored == 0 {
        sum(goals.iter().filter_map(|g| g.score))
    } else {
        None
    };
    if unscored > 0 {
        findings.warning(
            "table.incomplete",
            path,
            format!("{unscored} 个指标无法计算得分，总分暂不能计算；请补齐完成值或评定得分。"),
        );
    }

    let (total, total_explain) = match (budget.score, indicators_score) {
        (Some(b), Some(i)) => {
            let t = (b + i).min(Decimal::ONE_HUNDRED);
            let text = format!("总分 = 预算执行得分 {} + 指标得分合计 {} = {}", fmt2(b), fmt2(i), fmt2(t));
            (Some(t), Explained { text, clause: "总分 = 预算执行得分 + 各指标得分之和，满分100分，不设加分。".into() })
        }
        (None, _) => (None, Explained { text: "预算执行得分无法计算，总分暂缺。".into(), clause: String::new() }),
        (_, None) => (None, Explained { text: "有指标未能计分，总分暂缺。".into(), clause: String::new() }),
    };
    let grade = total.and_then(|t| pack.grade_for(t)).map(|g| g.name.clone());
    let grade_explain = match (total, &grade) {
        (Some(t), Some(g)) => Explained { text: format!("总分 {} → {}", fmt2(t), g), clause: pack.grade_clause.clone() },
        _ => Explained { text: "总分暂缺，无法评定等次。".into(), clause: pack.grade_clause.clone() },
    };

    check_declared_totals(table, path, total, grade.as_deref(), pack, findings);

    TableResult {
        path: path.to_string(),
        label: label.to_string(),
        budget,
        rows,
        level1,
        goals,
        indicators_score,
        total,
        total_explain,
        grade,
        grade_explain,
    }
}

fn score_budget(block: &BudgetBlock, path: &str, pack: &RulePack, findings: &mut Findings) -> BudgetResult {
    let rule = &pack.budget;
    let points = rule.points.unwrap_or(Decimal::TEN);
    let weight = block.weight.unwrap_or(points);
    let tol = pack.tolerance();
    if block.weight.is_some_and(|w| w != points) {
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

    if let Some(declared) = block.declared_rate_percent {
        let rate_path = format!("{path}.declared_rate_percent");
        match rate.and_then(|r| mul(r, Decimal::ONE_HUNDRED)) {
            Some(percent) => match agreement(declared, percent, Precision::AsStated, tol) {
                Agreement::Same => {}
                Agreement::Rounding => findings.warning(
                    "budget.rate_rounding",
                    rate_path,
                    format!("执行率填为 {}%，按数字计算为 {}（仅舍入差异）。", plain(declared), fmt_rate(percent / Decimal::ONE_HUNDRED)),
                ),
                Agreement::Different => findings.error(
                    "budget.rate_mismatch",
                    rate_path,
                    format!("执行率填为 {}%，但{}。", plain(declared), rate_explain.text),
                ),
            },
            None if block.executed.is_some() && denominator.is_some() => findings.error(
                "budget.rate_unverifiable",
                rate_path,
                format!("执行率填为 {}%，但执行率按规定无法计算。", plain(declared)),
            ),
            None => {}
        }
    }

    let score = rate.and_then(|r| match rule.formula {
        BudgetFormula::Capped => mul(weight, r.min(Decimal::ONE)),
        BudgetFormula::Deviation => mul(weight, (Decimal::ONE - (r - Decimal::ONE).abs()).max(Decimal::ZERO)),
    });
    let score_explain = match (rate, score) {
        (Some(r), Some(s)) => {
            let text = match rule.formula {
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
        if declared > weight {
            findings.error(
                "budget.score_above_weight",
                score_path.clone(),
                format!("预算执行得分填为 {}，超过分值 {}。", plain(declared), plain(weight)),
            );
        } else if let Some(s) = score {
            match agreement(declared, s, Precision::TwoPlaces, tol) {
                Agreement::Same => {}
                Agreement::Rounding => findings.warning(
                    "budget.score_rounding",
                    score_path,
                    format!("预算执行得分填为 {}，计算为 {}（仅舍入差异）。", plain(declared), fmt2(s)),
                ),
                Agreement::Different => findings.error(
                    "budget.score_mismatch",
                    score_path,
                    format!("预算执行得分填为 {}，按规则应为 {}（{}）。", plain(declared), fmt2(s), score_explain.text),
                ),
            }
        }
    }

    if !block.declared_formula.trim().is_empty() {
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
    let by_header = rate.and_then(|r| match written {
        BudgetFormula::Capped => mul(weight, r.min(Decimal::ONE)),
        BudgetFormula::Deviation => mul(weight, (Decimal::ONE - (r - Decimal::ONE).abs()).max(Decimal::ZERO)),
    });
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
    type Column = (&'static str, fn(&crate::model::report::BudgetLine) -> Option<Decimal>, Option<Decimal>);
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

fn score_row(ind: &Indicator, path: &str, pack: &RulePack, findings: &mut Findings) -> RowResult {
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
                    format!("满意度 {}% 落在计分表未规定的区间（计分表没有60%–70%一档），无法计分，请人工评定。", plain(percent.value)),
                );
                row.score = ind.assessed_score.or(ind.declared_score);
            }
        }
    } else if let Some(t) = target.primary() {
        match actual.answer_to(t) {
            Answer::Found(a) => {
                row.kind = RowKind::Quantitative;
                let comparison = target.comparison.unwrap_or(Comparison::AtLeast);
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
    let assumed_note = if assumed { "；指标值未写比较符，按正向指标（≥）处理" } else { "" };
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
                (Some(weight), format!("完成值 {} {} 指标值 {}，达到目标：得满分 {}（反向指标）", a.display(), relation(av < tv, "<", "="), t.display(), fmt2(weight)), &q.negative_clause)
            } else if av <= Decimal::ZERO || tv < Decimal::ZERO {
                (Some(Decimal::ZERO), format!("完成值 {} 超过指标值 {}：得 0.00", a.display(), t.display()), &q.negative_clause)
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
            if av == tv {
                (Some(weight), format!("完成值 {} = 指标值 {}：得满分 {}", a.display(), t.display(), fmt2(weight)), &q.equal_clause)
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
    if over <= limit {
        return;
    }
    let quantity_row = ind.level2.contains("数量");
    if pack.quantitative.overshoot_rule == OvershootRule::ZeroQuantity && quantity_row {
        row.score = Some(Decimal::ZERO);
        row.explain.text = format!(
            "完成值 {} 超过指标值 {} 达 {}%（超过{}%），目标设定偏低：数量指标不得分，得 0.00（满分 {}）",
            a.display(),
            t.display(),
            crate::model::num::fixed(over, 1),
            plain(limit),
            fmt2(weight)
        );
        row.explain.clause = pack.quantitative.overshoot_clause.clone();
    }
    findings.warning(
        "indicator.target_too_low",
        format!("{path}.target"),
        format!(
            "指标“{name}”完成值 {} 超过指标值 {} 达 {}%（超过{}%），说明目标设定偏低。",
            a.display(),
            t.display(),
            crate::model::num::fixed(over, 1),
            plain(limit)
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
    row.explain = Explained { text: format!("定性指标，{how}{band_text}，得分 {}", fmt2(score)), clause };

    if let (Some(chosen), Some(share)) = (ind.tier, share) {
        if let Some(b) = pack.tier_band(chosen) {
            let lo = b.min_percent.unwrap_or_default();
            let hi = b.max_percent.unwrap_or(Decimal::ONE_HUNDRED);
            let top = pack.qualitative.tiers.first().map(|t| t.tier) == Some(chosen);
            let inside = share >= lo && (share < hi || (top && share <= hi));
            if !inside {
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
            match agreement(declared, s, Precision::TwoPlaces, tol) {
                Agreement::Same => {}
                Agreement::Rounding => findings.warning(
                    "indicator.score_rounding",
                    format!("{path}.declared_score"),
                    format!("指标“{name}”得分填为 {}，计算为 {}（仅舍入差异）。", plain(declared), fmt2(s)),
                ),
                Agreement::Different => findings.error(
                    "indicator.score_mismatch",
                    format!("{path}.declared_score"),
                    format!("指标“{name}”得分填为 {}，按规则应为 {}：{}。", plain(declared), fmt2(s), row.explain.text),
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

fn goal_subtotal(title: &str, weight: Option<Decimal>, rows: &[RowResult], path: &str, index: usize, findings: &mut Findings) -> Subtotal {
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

fn level1_subtotals(table: &PerfTable, path: &str, rows: &[RowResult], pack: &RulePack, findings: &mut Findings) -> Vec<Subtotal> {
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
        if let Some(rw) = rule_weight {
            let written = declared_weight.unwrap_or(weight_sum);
            if written != rw && !(group.is_empty() && declared_weight.is_none()) {
                findings.warning(
                    "weights.level1_rule",
                    format!("{path}.level1_weights"),
                    format!("{name}分值为 {}，{} 规定为 {}。", plain(written), pack.name, plain(rw)),
                );
            }
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
fn check_weights(
    table: &PerfTable,
    path: &str,
    budget: &BudgetResult,
    rows: &[RowResult],
    goals: &[Subtotal],
    pack: &RulePack,
    findings: &mut Findings,
) {
    let indicator_weights = if table.goals.is_empty() {
        sum(rows.iter().filter_map(|r| r.weight)).unwrap_or_default()
    } else {
        sum(goals.iter().filter_map(|g| g.declared_weight)).unwrap_or_default()
    };
    if rows.iter().all(|r| r.kind == RowKind::Placeholder) && goals.is_empty() {
        findings.warning("table.no_indicators", path, "该表尚无绩效指标。");
        return;
    }
    let total = budget.weight + indicator_weights;
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
}

#[allow(clippy::too_many_arguments)]
fn check_declared_totals(
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
                (None, _) => findings.warning("grade.unknown", grade_path, format!("评价等次“{}”不是规定的等次（优、良、中、差）。", written.trim())),
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

/// Every indicator of a table, goal rows included.
pub fn all_indicators(table: &PerfTable) -> impl Iterator<Item = &Indicator> {
    table.indicators.iter().chain(table.goals.iter().flat_map(|g| g.indicators.iter()))
}
