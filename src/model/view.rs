//! Display-ready figures for the UI and the print view: the exact strings a user sees, so the
//! components hold no arithmetic and native tests can assert on what is shown.

use crate::model::check::Evaluation;
use crate::model::finding::Severity;
use crate::model::num::{fmt2, fmt_rate, plain};
use crate::model::score::{RowResult, TableResult};

/// The summary bar of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// 预算执行率 ("373.29%", or "—" when undefined: never "0%").
    pub budget_rate: String,
    /// 预算执行得分.
    pub budget_score: String,
    /// 总分.
    pub total: String,
    /// 评价等次.
    pub grade: String,
    /// (一级指标, "48.00 / 50") per subtotal, or per goal for goal-grouped tables.
    pub subtotals: Vec<(String, String)>,
    /// Errors in the whole report.
    pub errors: usize,
    /// Warnings in the whole report.
    pub warnings: usize,
}

/// "—" for a figure that cannot be computed.
pub const MISSING: &str = "—";

/// The summary of the table at `path` (`overall`, `projects[0]`), or of the first table.
pub fn summary(evaluation: &Evaluation, path: Option<&str>) -> Summary {
    let table = match path {
        Some(p) => evaluation.tables.iter().find(|t| t.path == p),
        None => evaluation.tables.first(),
    };
    let errors = evaluation.count(Severity::Error);
    let warnings = evaluation.count(Severity::Warning);
    match table {
        Some(t) => Summary {
            budget_rate: t.budget.rate.map(fmt_rate).unwrap_or_else(|| MISSING.into()),
            budget_score: t.budget.score.map(fmt2).unwrap_or_else(|| MISSING.into()),
            total: t.total.map(fmt2).unwrap_or_else(|| MISSING.into()),
            grade: t.grade.clone().unwrap_or_else(|| MISSING.into()),
            subtotals: subtotals(t),
            errors,
            warnings,
        },
        None => Summary {
            budget_rate: MISSING.into(),
            budget_score: MISSING.into(),
            total: MISSING.into(),
            grade: MISSING.into(),
            subtotals: Vec::new(),
            errors,
            warnings,
        },
    }
}

fn subtotals(t: &TableResult) -> Vec<(String, String)> {
    let list = if t.goals.is_empty() { &t.level1 } else { &t.goals };
    list.iter()
        .map(|s| {
            let weight = s.declared_weight.unwrap_or(s.weight_sum);
            (s.name.clone(), format!("{} / {}", s.score.map(fmt2).unwrap_or_else(|| MISSING.into()), plain(weight)))
        })
        .collect()
}

/// A row's computed score as shown ("9.00", "—").
pub fn row_score(row: &RowResult) -> String {
    row.score.map(fmt2).unwrap_or_else(|| MISSING.into())
}

/// "错误 5 · 警告 6".
pub fn findings_count(summary: &Summary) -> String {
    format!("错误 {} · 警告 {}", summary.errors, summary.warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{evaluate, examples};

    #[test]
    fn seed_000_summary_as_shown() {
        let report = examples::example("seed-000").unwrap().unwrap();
        let s = summary(&evaluate(&report), Some("overall"));
        assert_eq!(s.budget_rate, "373.29%");
        assert_eq!(s.budget_score, "10.00");
        assert_eq!(s.total, "98.00");
        assert_eq!(s.grade, "优");
        assert_eq!(s.subtotals[0], ("产出指标".to_string(), "48.00 / 50".to_string()));
        assert_eq!(findings_count(&s), "错误 5 · 警告 6");
    }
}
