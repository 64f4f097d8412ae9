//! Structural changes to a report: adding, copying, moving and deleting rows, projects, goals and
//! reviewers, and switching a table between 万元 and 元 so every amount keeps its value.

use rust_decimal::Decimal;

use crate::num::{div, mul};
use crate::report::{BasicData, Goal, Indicator, MoneyUnit, NamedTriple, NarrativeSection, PerfTable, Report, Reviewer, SignOff, TableKind};

use super::new::{new_project, table_for};

/// The scored table at `overall` or `projects[i]`.
pub fn table<'a>(report: &'a Report, path: &str) -> Option<&'a PerfTable> {
    if path == "overall" {
        return report.overall.as_ref();
    }
    let i: usize = path.strip_prefix("projects[")?.strip_suffix(']')?.parse().ok()?;
    report.projects.get(i)
}

/// The scored table at `path`, mutable.
pub fn table_mut<'a>(report: &'a mut Report, path: &str) -> Option<&'a mut PerfTable> {
    if path == "overall" {
        return report.overall.as_mut();
    }
    let i: usize = path.strip_prefix("projects[")?.strip_suffix(']')?.parse().ok()?;
    report.projects.get_mut(i)
}

/// Which list of indicator rows: the table's own, or goal `g`'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowList {
    /// `table.indicators`.
    Table,
    /// `table.goals[g].indicators`.
    Goal(usize),
}

impl RowList {
    /// The path prefix of the list's rows, e.g. `overall.goals[1].indicators`.
    pub fn prefix(self, table_path: &str) -> String {
        match self {
            RowList::Table => format!("{table_path}.indicators"),
            RowList::Goal(g) => format!("{table_path}.goals[{g}].indicators"),
        }
    }
}

pub(super) fn rows_mut(table: &mut PerfTable, list: RowList) -> Option<&mut Vec<Indicator>> {
    match list {
        RowList::Table => Some(&mut table.indicators),
        RowList::Goal(g) => table.goals.get_mut(g).map(|g| &mut g.indicators),
    }
}

/// A structural change to a list in the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Insert an empty indicator row at `at` (clamped to the end), copying 一级/二级 from the row above.
    InsertRow { table: String, list: RowList, at: usize },
    /// Remove a row.
    RemoveRow { table: String, list: RowList, at: usize },
    /// Move a row one place up (`up`) or down.
    MoveRow { table: String, list: RowList, at: usize, up: bool },
    /// Add a 年度绩效目标 (goal-grouped tables).
    AddGoal { table: String },
    /// Remove a 年度绩效目标 and its rows.
    RemoveGoal { table: String, at: usize },
    /// Add the 部门整体支出绩效自评表 laid out for the report's rule pack (when it has none).
    AddOverall,
    /// Add an empty 项目支出绩效自评表 at the end.
    AddProject,
    /// Add the rule pack's narrative outline (when the report has no narrative).
    AddNarrative,
    /// Copy project `at` right after itself, named “（副本）”.
    DuplicateProject { at: usize },
    /// Remove project `at`.
    RemoveProject { at: usize },
    /// Move project `at` one place up or down.
    MoveProject { at: usize, up: bool },
    /// Add a 评价人员 row.
    AddReviewer,
    /// Remove a 评价人员 row.
    RemoveReviewer { at: usize },
    /// Add a 市级专项资金 row to the 基础数据表.
    AddSpecial,
    /// Remove a 市级专项资金 row.
    RemoveSpecial { at: usize },
    /// Switch a scored table's money unit, converting its amounts so they keep their value.
    SetUnit { table: String, unit: MoneyUnit },
}

/// Applies a structural change. Returns `false` (and changes nothing) when it does not apply.
pub fn apply(report: &mut Report, change: &Change) -> bool {
    match change {
        Change::InsertRow { table, list, at } => {
            let Some(rows) = table_mut(report, table).and_then(|t| rows_mut(t, *list)) else { return false };
            let at = (*at).min(rows.len());
            let mut row = Indicator::default();
            if let Some(above) = at.checked_sub(1).and_then(|i| rows.get(i)) {
                row.level1 = above.level1.clone();
                row.level2 = above.level2.clone();
            }
            rows.insert(at, row);
            true
        }
        Change::RemoveRow { table, list, at } => {
            let Some(rows) = table_mut(report, table).and_then(|t| rows_mut(t, *list)) else { return false };
            if *at >= rows.len() {
                return false;
            }
            rows.remove(*at);
            true
        }
        Change::MoveRow { table, list, at, up } => {
            let Some(rows) = table_mut(report, table).and_then(|t| rows_mut(t, *list)) else { return false };
            swap_neighbour(rows, *at, *up)
        }
        Change::AddGoal { table } => {
            let Some(t) = table_mut(report, table) else { return false };
            t.goals.push(Goal { indicators: vec![Indicator::default()], ..Goal::default() });
            true
        }
        Change::RemoveGoal { table, at } => {
            let Some(t) = table_mut(report, table) else { return false };
            if *at >= t.goals.len() {
                return false;
            }
            t.goals.remove(*at);
            true
        }
        Change::AddOverall => {
            if report.overall.is_some() {
                return false;
            }
            let mut overall = match crate::rules::find(&report.rule_pack) {
                Some(pack) => table_for(pack, TableKind::Overall),
                None => PerfTable::default(),
            };
            overall.name = report.department.clone();
            report.overall = Some(overall);
            true
        }
        Change::AddNarrative => {
            let Some(pack) = crate::rules::find(&report.rule_pack) else { return false };
            if !report.narrative.is_empty() || pack.narrative.is_empty() {
                return false;
            }
            report.narrative =
                pack.narrative.iter().map(|title| NarrativeSection { title: title.clone(), text: String::new() }).collect();
            true
        }
        Change::AddProject => {
            report.projects.push(new_project(report.rule_pack.as_str()));
            true
        }
        Change::DuplicateProject { at } => {
            let Some(project) = report.projects.get(*at) else { return false };
            let mut copy = project.clone();
            copy.name = format!("{}（副本）", copy.name);
            report.projects.insert(at + 1, copy);
            true
        }
        Change::RemoveProject { at } => {
            if *at >= report.projects.len() {
                return false;
            }
            report.projects.remove(*at);
            true
        }
        Change::MoveProject { at, up } => swap_neighbour(&mut report.projects, *at, *up),
        Change::AddReviewer => {
            report.sign_off.get_or_insert_with(SignOff::default).reviewers.push(Reviewer::default());
            true
        }
        Change::RemoveReviewer { at } => match report.sign_off.as_mut() {
            Some(s) if *at < s.reviewers.len() => {
                s.reviewers.remove(*at);
                true
            }
            _ => false,
        },
        Change::AddSpecial => {
            report.basic_data.get_or_insert_with(BasicData::default).specials.push(NamedTriple::default());
            true
        }
        Change::RemoveSpecial { at } => match report.basic_data.as_mut() {
            Some(b) if *at < b.specials.len() => {
                b.specials.remove(*at);
                true
            }
            _ => false,
        },
        Change::SetUnit { table, unit } => match table_mut(report, table) {
            Some(t) => set_unit(t, *unit),
            None => false,
        },
    }
}

fn swap_neighbour<T>(list: &mut [T], at: usize, up: bool) -> bool {
    let other = if up { at.checked_sub(1) } else { at.checked_add(1) };
    match other {
        Some(o) if o < list.len() && at < list.len() => {
            list.swap(at, o);
            true
        }
        _ => false,
    }
}

/// Converts a table's money figures to `unit` so every amount keeps its value (1 万元 = 10000 元).
/// Rates, weights and scores are unit-free and stay as they are. Returns `false` when the unit
/// is already `unit` or a converted amount would overflow (then nothing changes).
pub fn set_unit(table: &mut PerfTable, unit: MoneyUnit) -> bool {
    if table.unit == unit {
        return false;
    }
    let from = table.unit.yuan_factor();
    let to = unit.yuan_factor();
    let convert = |v: Option<Decimal>| -> Result<Option<Decimal>, ()> {
        match v {
            None => Ok(None),
            Some(v) => mul(v, from).and_then(|y| div(y, to)).map(Some).ok_or(()),
        }
    };
    let mut budget = table.budget.clone();
    let mut ok = true;
    for slot in [&mut budget.initial, &mut budget.adjusted, &mut budget.executed, &mut budget.basic, &mut budget.project] {
        match convert(*slot) {
            Ok(v) => *slot = v,
            Err(()) => ok = false,
        }
    }
    for line in &mut budget.by_source {
        for slot in [&mut line.initial, &mut line.adjusted, &mut line.executed] {
            match convert(*slot) {
                Ok(v) => *slot = v,
                Err(()) => ok = false,
            }
        }
    }
    if !ok {
        return false;
    }
    table.budget = budget;
    table.unit = unit;
    true
}

