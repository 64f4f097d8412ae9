//! One figures policy for every output: a scored table's declared figures beside the computed
//! ones (总分, 评价等次, 执行率, 预算执行得分, each row's 得分), the differences and why, and
//! how each is shown. The editor, print, Word, Excel, CSV, 审核, the import preview and the
//! command-line checker all take their figures from here.
//!
//! Guarantees: a declared figure is shown as the department wrote it (`98`, `100%`), a computed
//! one 四舍五入 to two decimals (`96.90`, `373.29%`); a figure differs when the declared value
//! is neither the computed one nor that as displayed, so "98" against 98.00 does not differ; with
//! 附上计算结果 a differing computed figure is carried beside the declared one in the same
//! words everywhere ("98（计算 96.90）"); a blank declared cell shows the computed figure.

use rust_decimal::Decimal;

use crate::check::Evaluation;
use crate::finding::Severity;
use crate::num::{fixed, fmt2, plain, round_half_up};
use crate::report::{PerfTable, Report};
use crate::score::{all_indicators, RowKind, TableResult};
use crate::view::MISSING;

/// What a figure measures, for how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Points (得分, 总分).
    #[default]
    Points,
    /// A rate in percent (执行率: declared 100 means 100%).
    Percent,
}

/// One figure: what the department declared and what jixiao computes (both in the same
/// measure: points, or percent for a rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Figure {
    /// As declared.
    pub declared: Option<Decimal>,
    /// As computed (exact).
    pub computed: Option<Decimal>,
    /// Points or percent.
    pub measure: Measure,
}

impl Figure {
    /// A score or total.
    pub fn points(declared: Option<Decimal>, computed: Option<Decimal>) -> Figure {
        Figure { declared, computed, measure: Measure::Points }
    }

    /// A rate: `declared_percent` as written (100 = 100%), `computed` as a fraction (1.0 = 100%).
    pub fn rate(declared_percent: Option<Decimal>, computed_fraction: Option<Decimal>) -> Figure {
        Figure { declared: declared_percent, computed: computed_fraction.map(|f| f * Decimal::ONE_HUNDRED), measure: Measure::Percent }
    }

    fn unit(&self) -> &'static str {
        match self.measure {
            Measure::Points => "",
            Measure::Percent => "%",
        }
    }

    /// The declared figure as written ("98", "100%"), or "—".
    pub fn declared_text(&self) -> String {
        self.declared.map(|d| format!("{}{}", plain(d), self.unit())).unwrap_or_else(|| MISSING.into())
    }

    /// The computed figure 四舍五入 to two decimals ("96.90", "373.29%"), or "—".
    pub fn computed_text(&self) -> String {
        self.computed.map(|c| format!("{}{}", fixed(c, 2), self.unit())).unwrap_or_else(|| MISSING.into())
    }

    /// 填报 − 计算 (计算 as displayed), when both are there; nothing when jixiao computed the
    /// declared figure itself (a declared 4.995 taken as it is is not "4.995 against 5.00").
    pub fn difference(&self) -> Option<Decimal> {
        let (declared, computed) = (self.declared?, self.computed?);
        if declared == computed {
            return Some(Decimal::ZERO);
        }
        Some(declared - round_half_up(computed, 2))
    }

    /// Whether both are there and the declared figure is not the computed one as displayed.
    pub fn differs(&self) -> bool {
        self.difference().is_some_and(|d| !d.is_zero())
    }

    /// What an official output prints: the declared figure, else the computed one, else "—".
    pub fn shown(&self) -> String {
        if self.declared.is_some() {
            self.declared_text()
        } else {
            self.computed_text()
        }
    }

    /// [`Figure::shown`], with the differing computed figure beside it when `with_computed`
    /// (the option 附上计算结果): "98（计算 96.90）".
    pub fn beside(&self, with_computed: bool) -> String {
        if with_computed && self.differs() {
            format!("{}（计算 {}）", self.declared_text(), self.computed_text())
        } else {
            self.shown()
        }
    }
}

/// 评价等次 declared and computed.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Grade {
    /// As declared (trimmed; `None` when blank).
    pub declared: Option<String>,
    /// From the computed total.
    pub computed: Option<String>,
    /// The declared 等次 in the pack's own words (优 for 优秀 where the pack says so).
    pub canonical: Option<String>,
}

impl Grade {
    /// Whether a declared 等次 is not the computed one.
    pub fn differs(&self) -> bool {
        self.declared.is_some() && self.computed.is_some() && self.canonical.as_ref().or(self.declared.as_ref()) != self.computed.as_ref()
    }

    /// What an official output prints: declared, else computed, else "—".
    pub fn shown(&self) -> String {
        self.declared.clone().or_else(|| self.computed.clone()).unwrap_or_else(|| MISSING.into())
    }

    /// [`Grade::shown`] with the differing computed 等次 beside it when `with_computed`.
    pub fn beside(&self, with_computed: bool) -> String {
        match (&self.declared, &self.computed) {
            (Some(d), Some(c)) if with_computed && self.differs() => format!("{d}（计算 {c}）"),
            _ => self.shown(),
        }
    }

    /// "填报 / 计算" with "—" for a missing one.
    pub fn pair(&self) -> String {
        let dash = || MISSING.to_string();
        format!("{} / {}", self.declared.clone().unwrap_or_else(dash), self.computed.clone().unwrap_or_else(dash))
    }
}

/// One indicator row's 得分.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RowFigures {
    /// Field path of the row (`overall.indicators[3]`).
    pub path: String,
    /// The row as a person names it: 第 4 行“资金到位率”.
    pub place: String,
    /// 得分.
    pub score: Figure,
}

/// The figures of one scored table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TableFigures {
    /// `overall` or `projects[i]`.
    pub path: String,
    /// "整体" or the project's name.
    pub label: String,
    /// The official name ("部门整体支出绩效自评表", "项目支出绩效自评表：…").
    pub title: String,
    /// 总分.
    pub total: Figure,
    /// 评价等次.
    pub grade: Grade,
    /// 预算执行率 (percent).
    pub rate: Figure,
    /// 预算执行得分.
    pub budget_score: Figure,
    /// Each scored row (placeholder rows left out).
    pub rows: Vec<RowFigures>,
    /// Error findings on the table.
    pub errors: usize,
    /// Warning findings on the table.
    pub warnings: usize,
    /// 待评定 rows.
    pub pending: usize,
}

impl TableFigures {
    /// Why the declared figures differ from the computed ones, one sentence a figure.
    pub fn why(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut say = |what: &str, f: &Figure| {
            if f.differs() {
                out.push(format!("{what}填报 {}，计算为 {}", f.declared_text(), f.computed_text()));
            }
        };
        say("预算执行率", &self.rate);
        say("预算执行得分", &self.budget_score);
        for r in &self.rows {
            say(&format!("{}得分", r.place), &r.score);
        }
        say("总分", &self.total);
        if self.grade.differs() {
            out.push(format!("评价等次填报“{}”，计算为“{}”", self.grade.declared.clone().unwrap_or_default(), self.grade.computed.clone().unwrap_or_default()));
        }
        out
    }

    /// Whether any declared figure differs from the computed one.
    pub fn differs(&self) -> bool {
        !self.why().is_empty()
    }
}

/// The figures of one table from its result (its findings counted from `evaluation`).
pub fn of_table(report: &Report, path: &str, table: &PerfTable, result: &TableResult, evaluation: &Evaluation) -> TableFigures {
    let count = |s: Severity| evaluation.findings_of(Some(path)).filter(|f| f.severity == s).count();
    build(report, path, table, result, evaluation, (count(Severity::Error), count(Severity::Warning)))
}

fn build(report: &Report, path: &str, table: &PerfTable, result: &TableResult, evaluation: &Evaluation, (errors, warnings): (usize, usize)) -> TableFigures {
    let pack = crate::rules::find(&evaluation.rule_pack);
    let declared_grade = table.declared_grade.as_deref().map(str::trim).filter(|g| !g.is_empty()).map(str::to_string);
    let canonical = declared_grade.as_deref().and_then(|g| pack.and_then(|p| p.canonical_grade(g))).map(str::to_string);
    let rows = all_indicators(table)
        .zip(&result.rows)
        .filter(|(_, r)| r.kind != RowKind::Placeholder)
        .map(|(ind, r)| RowFigures {
            path: r.path.clone(),
            place: crate::finding_scope::place(report, &r.path, false).unwrap_or_else(|| ind.name.clone()),
            score: Figure::points(ind.declared_score, r.score),
        })
        .collect();
    TableFigures {
        path: path.to_string(),
        label: result.label.clone(),
        title: crate::finding_scope::table_label(report, path),
        total: Figure::points(table.declared_total, result.total),
        grade: Grade { declared: declared_grade, computed: result.grade.clone(), canonical },
        rate: Figure::rate(table.budget.declared_rate_percent, result.budget.rate),
        budget_score: Figure::points(table.budget.declared_score, result.budget.score),
        rows,
        errors,
        warnings,
        pending: result.pending().count(),
    }
}

/// The figures of every scored table of a report, in table order (the findings grouped by
/// table in one pass, so a report of many tables costs one walk over its findings).
pub fn of_report(report: &Report, evaluation: &Evaluation) -> Vec<TableFigures> {
    let mut counts: std::collections::HashMap<&str, (usize, usize)> = std::collections::HashMap::new();
    for f in &evaluation.findings {
        if let Some(t) = f.table_path() {
            let c = counts.entry(t).or_default();
            match f.severity {
                Severity::Error => c.0 += 1,
                Severity::Warning => c.1 += 1,
                Severity::Info => {}
            }
        }
    }
    report
        .scored_tables()
        .into_iter()
        .zip(&evaluation.tables)
        .map(|((path, table), result)| {
            let c = counts.get(path.as_str()).copied().unwrap_or_default();
            build(report, &path, table, result, evaluation, c)
        })
        .collect()
}

/// A computed score as the app shows it: two decimals, or "—".
pub fn computed_text(d: Option<Decimal>) -> String {
    d.map(fmt2).unwrap_or_else(|| MISSING.into())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{evaluate, examples};

    #[test]
    fn seed_000_declared_beside_computed() {
        let r = examples::example("seed-000").unwrap().unwrap();
        let figures = of_report(&r, &evaluate(&r));
        let overall = &figures[0];
        assert_eq!(overall.total.declared_text(), "98");
        assert_eq!(overall.total.computed_text(), "98.00");
        assert!(!overall.total.differs(), "98 against 98.00");
        assert_eq!(overall.rate.shown(), "100%");
        assert_eq!(overall.rate.computed_text(), "373.29%");
        assert_eq!(overall.rate.beside(true), "100%（计算 373.29%）");
        assert_eq!(overall.rate.beside(false), "100%");
        assert!(overall.why().iter().any(|w| w == "预算执行率填报 100%，计算为 373.29%"), "{:?}", overall.why());
        let blank = Figure::points(None, Some(Decimal::new(9695, 2)));
        assert_eq!((blank.shown(), blank.beside(true)), ("96.95".to_string(), "96.95".to_string()));
    }
}
