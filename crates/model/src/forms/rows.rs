//! The rows of a scored table's description: the indicator block in print order with the spans
//! of its merged 年度绩效目标 / 一级 / 二级 cells, a 一级指标's weight as the table header states
//! it, and the 其中 lines' labels as the form words them. `scored.rs` builds the grid from them
//! (print, Word and Excel render that grid); the CSV takes the 其中 labels.

use rust_decimal::Decimal;

use crate::report::{Indicator, PerfTable};
use crate::rules::RulePack;
use crate::score::TableResult;

/// One row of the printed indicator table with the spans of its merged cells.
pub struct PrintRow<'a> {
    /// (goal index, rows spanned) on the first row of a 年度绩效目标.
    pub goal: Option<(usize, usize)>,
    /// Rows spanned by the 一级指标 cell, on the first row of its run.
    pub level1: Option<usize>,
    /// Rows spanned by the 二级指标 cell, on the first row of its run.
    pub level2: Option<usize>,
    /// The row.
    pub indicator: &'a Indicator,
    /// The computed score as shown ("9.00", "—").
    pub score: String,
}

/// Row spans of runs of equal values (a merged cell per run), `None` inside a run.
pub fn spans<T: PartialEq>(keys: &[T]) -> Vec<Option<usize>> {
    let mut out = vec![None; keys.len()];
    let mut start = 0;
    for i in 1..=keys.len() {
        if i == keys.len() || keys[i] != keys[start] {
            out[start] = Some(i - start);
            start = i;
        }
    }
    out
}

/// The rows of a table's indicator block in print order (goal rows after the table's own rows),
/// with the spans of their merged 年度绩效目标 / 一级 / 二级 cells and the score as shown.
pub fn indicator_rows<'a>(table: &'a PerfTable, result: &TableResult, with_computed: bool) -> Vec<PrintRow<'a>> {
    let mut rows: Vec<PrintRow> = Vec::new();
    let mut goal_keys = Vec::new();
    let mut keys1 = Vec::new();
    let mut keys2 = Vec::new();
    let mut indicators: Vec<(Option<usize>, &Indicator)> = table.indicators.iter().map(|i| (None, i)).collect();
    for (g, goal) in table.goals.iter().enumerate() {
        indicators.extend(goal.indicators.iter().map(|i| (Some(g), i)));
    }
    for (n, (goal, ind)) in indicators.iter().enumerate() {
        goal_keys.push(*goal);
        keys1.push((*goal, ind.level1.trim().to_string()));
        keys2.push((*goal, ind.level1.trim().to_string(), ind.level2.trim().to_string()));
        let score = crate::figures::Figure::points(ind.declared_score, result.rows.get(n).and_then(|r| r.score)).beside(with_computed);
        rows.push(PrintRow { goal: None, level1: None, level2: None, indicator: ind, score });
    }
    let (g_spans, l1_spans, l2_spans) = (spans(&goal_keys), spans(&keys1), spans(&keys2));
    for (i, row) in rows.iter_mut().enumerate() {
        row.goal = g_spans[i].map(|s| (goal_keys[i].unwrap_or(0), s));
        row.level1 = l1_spans[i];
        row.level2 = l2_spans[i];
    }
    rows
}

/// A 一级指标's weight as the table header states it (names matched through the pack's aliases).
pub fn header_weight(table: &PerfTable, pack: Option<&RulePack>, level1: &str) -> Option<Decimal> {
    let canonical = |name: &str| pack.and_then(|p| p.level1_for(name)).map(|l| l.name.clone()).unwrap_or_else(|| name.trim().to_string());
    let wanted = canonical(level1);
    table.level1_weights.iter().find(|w| canonical(&w.name) == wanted).and_then(|w| w.weight)
}

/// The label of the `i`th 其中 line of a budget block as the form prints it: the first one opens
/// with `lead` (e.g. 按收入性质分：) and 其中：, whatever the label was typed with.
pub fn source_label(i: usize, lead: &str, label: &str) -> String {
    let label = label.trim();
    let label = label.strip_prefix("其中：").or_else(|| label.strip_prefix("其中:")).unwrap_or(label).trim();
    let label = label.strip_suffix('：').or_else(|| label.strip_suffix(':')).unwrap_or(label);
    if i == 0 {
        format!("{lead}其中：{label}")
    } else {
        label.to_string()
    }
}
