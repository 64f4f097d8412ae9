//! Display-ready figures for the UI and the print view: the exact strings a user sees, so the
//! components hold no arithmetic and native tests can assert on what is shown.

use crate::check::Evaluation;
use crate::finding::Severity;
use rust_decimal::Decimal;

use crate::num::{div, fmt2, fmt_rate, mul, plain};
use crate::report::{Indicator, PerfTable};
use crate::rules::RulePack;
use crate::score::{RowResult, Subtotal, TableResult};

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

/// The computed subtotal for the 一级指标 header `i` of a table (matched through the rule
/// pack's names and aliases, as the scoring does).
pub fn header_subtotal<'a>(table: &PerfTable, result: &'a TableResult, pack: Option<&RulePack>, i: usize) -> Option<&'a Subtotal> {
    let written = table.level1_weights.get(i)?.name.trim();
    let name = pack.and_then(|p| p.level1_for(written)).map(|l| l.name.as_str()).unwrap_or(written);
    result.level1.iter().find(|s| s.name == name)
}

/// "本档得分范围 8–10 分": the scores a 定性指标 may get in the chosen tier.
pub fn tier_band(pack: &RulePack, indicator: &Indicator) -> Option<String> {
    let tier = indicator.tier?;
    let weight = indicator.weight?;
    let band = pack.tier_band(tier)?;
    let hundred = Decimal::ONE_HUNDRED;
    let low = div(mul(weight, band.min_percent?)?, hundred)?;
    let high = div(mul(weight, band.max_percent?)?, hundred)?;
    Some(format!("本档得分范围 {}–{} 分", plain(low), plain(high)))
}

/// A row's computed score as shown ("9.00", "—").
pub fn row_score(row: &RowResult) -> String {
    row.score.map(fmt2).unwrap_or_else(|| MISSING.into())
}

/// "错误 5 · 警告 6".
pub fn findings_count(summary: &Summary) -> String {
    format!("错误 {} · 警告 {}", summary.errors, summary.warnings)
}

/// What the import of the table at `path` could not read, as the editor's summary says it on
/// that table ("导入时：3 个实际完成值未读入（第 5 列），请核对原表补填。"), or `None`.
pub fn unread_note(report: &crate::report::Report, path: &str) -> Option<String> {
    let table = crate::edit::table(report, path)?;
    let text = table.import_unread.trim();
    (!text.is_empty()).then(|| format!("导入时：{text}，请核对原表补填。"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{evaluate, examples};

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
        let pack = crate::rules::find(&report.rule_pack);
        let e = evaluate(&report);
        let sub = header_subtotal(report.overall.as_ref().unwrap(), &e.tables[0], pack, 1).unwrap();
        assert_eq!(sub.name, "效益指标");
        assert_eq!(sub.score.map(fmt2).as_deref(), Some("30.00"));
        let mut row = report.overall.as_ref().unwrap().indicators[3].clone();
        row.tier = Some(crate::report::Tier::Partly);
        assert_eq!(tier_band(pack.unwrap(), &row).as_deref(), Some("本档得分范围 3–4 分"));
    }
}

