//! Scoring one table under a rule pack, with an explanation for every figure.
//!
//! Guarantees: exact decimal arithmetic, no rounding before display; every score is capped at
//! its weight and never negative; a figure that cannot be computed is `None` with a finding,
//! never 0; declared figures are compared, never overwritten.
//!
//! This file holds the results and `score_table`, which puts a table's score together; the parts
//! live beside it: `budget` (预算执行率 and its score, the 其中 rows), `row` (each indicator row,
//! quantitative and qualitative, against its declared score) and `totals` (goal and 一级
//! subtotals, weights, 总分 and 评价等次 against what was declared, and parts-versus-total sums).

mod budget;
mod forms;
mod row;
mod totals;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::finding::Findings;
use crate::num::{fmt2, sum};
use crate::report::{Indicator, PerfTable, Tier};
use crate::rules::RulePack;

use budget::score_budget;
use row::score_row;
use totals::{apply_total_rule, check_declared_totals, check_weights, goal_subtotal, level1_subtotals, report_over_100};

pub(crate) use totals::report_sum;

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
    /// 待评定: a qualitative row counted at the department's declared score because no evaluator
    /// has assessed it.
    pub pending: bool,
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

    forms::explain_shared_weights(table, path, &mut rows, findings);
    forms::check_coefficients(table, path, findings);
    forms::explain_framework(table, &mut rows);
    let level1 = level1_subtotals(table, path, &rows, pack, findings);
    let over_100 = check_weights(table, path, &budget, &rows, &goals, pack, findings);

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

    let weights = weight_total(table, &budget, &rows, &goals);
    let (total, total_explain) = match (budget.score, indicators_score) {
        (Some(b), Some(i)) => {
            let (t, how) = apply_total_rule(b + i, weights, pack.total_rule);
            let text = format!("总分 = 预算执行得分 {} + 指标得分合计 {} = {}{how}", fmt2(b), fmt2(i), fmt2(t));
            (Some(t), Explained { text, clause: format!("总分 = 预算执行得分 + 各指标得分之和，满分100分，不设加分；分值合计不是100时{}。", pack.total_rule.words()) })
        }
        (None, _) => (None, Explained { text: "预算执行得分无法计算，总分暂缺。".into(), clause: String::new() }),
        (_, None) => (None, Explained { text: "有指标未能计分，总分暂缺。".into(), clause: String::new() }),
    };
    if let Some(weights) = over_100 {
        let raw = budget.score.zip(indicators_score).map(|(b, i)| b + i);
        report_over_100(path, weights, &budget, raw, total, pack.total_rule, findings);
    }
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

impl TableResult {
    /// The table's figures without its rows: what the editor's summary bar and table head show,
    /// cheap to clone and compare on every keystroke of a 300-row table.
    pub fn head(&self) -> TableResult {
        TableResult {
            path: self.path.clone(),
            label: self.label.clone(),
            budget: self.budget.clone(),
            rows: Vec::new(),
            level1: self.level1.clone(),
            goals: self.goals.clone(),
            indicators_score: self.indicators_score,
            total: self.total,
            total_explain: self.total_explain.clone(),
            grade: self.grade.clone(),
            grade_explain: self.grade_explain.clone(),
        }
    }

    /// The 待评定 rows: qualitative rows counted at the department's declared score.
    pub fn pending(&self) -> impl Iterator<Item = &RowResult> {
        self.rows.iter().filter(|r| r.pending)
    }
}

/// The 分值 the table's total is out of: 预算执行 + the indicators (the goals' 分值 in a
/// goal-grouped table); `None` when the table has no indicator yet.
pub fn weight_total(table: &PerfTable, budget: &BudgetResult, rows: &[RowResult], goals: &[Subtotal]) -> Option<Decimal> {
    if rows.iter().all(|r| r.kind == RowKind::Placeholder) && goals.is_empty() {
        return None;
    }
    let indicators = if table.goals.is_empty() { sum(rows.iter().filter_map(|r| r.weight)) } else { sum(goals.iter().filter_map(|g| g.declared_weight)) };
    Some(budget.weight + indicators.unwrap_or_default())
}

/// Every indicator of a table, goal rows included.
pub fn all_indicators(table: &PerfTable) -> impl Iterator<Item = &Indicator> {
    table.indicators.iter().chain(table.goals.iter().flat_map(|g| g.indicators.iter()))
}
