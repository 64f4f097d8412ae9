//! 采用计算结果: writes the app's computed figures of one scored table into its declared cells
//! (执行率, 预算执行得分, each row's 得分, 总分, 评价等次), for users who want the app's figures
//! in their submission.
//!
//! Guarantees: every declared figure of the table is replaced (not only the blank ones: the
//! printed form already shows computed figures where a cell is blank, so filling blanks alone
//! would change nothing a user sees); figures are rounded 四舍五入 to two decimals exactly as the
//! screen shows them; a figure the app cannot compute (a missing amount, an unscored row) leaves
//! the declared cell as it was; the change is one function call, so the shell records it as
//! one undo step.

use rust_decimal::Decimal;

use crate::check::evaluate;
use crate::edit::table_mut;
use crate::num::{mul, round_half_up};
use crate::report::Report;

/// Writes the computed figures of the table at `path` (`overall`, `projects[i]`) into its
/// declared cells; returns how many cells changed (0: nothing to adopt, or no such table).
pub fn adopt_computed(report: &mut Report, path: &str) -> usize {
    let evaluation = evaluate(report);
    let Some(result) = evaluation.tables.into_iter().find(|t| t.path == path) else { return 0 };
    let Some(table) = table_mut(report, path) else { return 0 };
    let mut changed = 0;
    let mut put = |cell: &mut Option<Decimal>, value: Option<Decimal>| {
        if let Some(v) = value.map(|v| round_half_up(v, 2)) {
            if cell.map(|c| c.normalize()) != Some(v.normalize()) {
                *cell = Some(v);
                changed += 1;
            }
        }
    };
    put(&mut table.budget.declared_rate_percent, result.budget.rate.and_then(|r| mul(r, Decimal::ONE_HUNDRED)));
    put(&mut table.budget.declared_score, result.budget.score);
    let rows = table.indicators.iter_mut().chain(table.goals.iter_mut().flat_map(|g| g.indicators.iter_mut()));
    for (ind, row) in rows.zip(&result.rows) {
        if !ind.is_placeholder() {
            put(&mut ind.declared_score, row.score);
        }
    }
    put(&mut table.declared_total, result.total);
    if let Some(grade) = result.grade {
        if table.declared_grade.as_deref().map(str::trim) != Some(grade.as_str()) {
            table.declared_grade = Some(grade);
            changed += 1;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples;

    #[test]
    fn adopting_writes_every_computed_figure_into_the_declared_cells() {
        let mut r = examples::example("seed-001").unwrap().unwrap();
        let before = evaluate(&r);
        let result = &before.tables[0];
        let differing = r.overall.as_ref().unwrap().indicators.iter().zip(&result.rows).filter(|(i, row)| row.score.is_some() && i.declared_score.map(|d| d.normalize()) != row.score.map(|s| round_half_up(s, 2).normalize())).count();
        assert!(differing > 0, "seed 001 declares scores the app computes differently");
        let changed = adopt_computed(&mut r, "overall");
        assert!(changed >= differing);
        let t = r.overall.as_ref().unwrap();
        for (ind, row) in t.indicators.iter().zip(&result.rows) {
            if let Some(s) = row.score {
                assert_eq!(ind.declared_score, Some(round_half_up(s, 2)), "{}", ind.name);
            }
        }
        assert_eq!(t.declared_total, result.total.map(|v| round_half_up(v, 2)));
        assert_eq!(t.declared_grade, result.grade);
        let after = evaluate(&r);
        assert_eq!(after.tables[0].total, result.total, "adopting changes no computed figure");
        assert!(after.findings.len() <= before.findings.len());
        assert_eq!(adopt_computed(&mut r, "overall"), 0, "a second call has nothing left to adopt");
        assert_eq!(adopt_computed(&mut r, "projects[7]"), 0);
    }
}
