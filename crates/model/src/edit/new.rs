//! A new, empty report laid out for a rule pack (the 新建自评报告 form).

use crate::report::{BasicData, BudgetBlock, BudgetLine, Cover, DeclaredWeight, Goal, Indicator, NarrativeSection, PerfTable, Report, Reviewer, SignOff, TableKind};
use crate::rules::RulePack;

/// What the 新建自评报告 form asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReport {
    /// Draft id (unique; the shell makes one from the time).
    pub id: String,
    /// Rule pack.
    pub rule_pack: String,
    /// 年度.
    pub year: u32,
    /// 部门（单位）名称.
    pub department: String,
    /// Include the 部门整体支出绩效自评表 (or Sichuan's 监控表 for a pack without indicator weights).
    pub overall: bool,
    /// Include the 基础数据表.
    pub basic_data: bool,
    /// Number of 项目支出绩效自评表.
    pub projects: usize,
    /// Include the narrative report with the region's outline.
    pub narrative: bool,
}

/// Largest number of project tables the form creates at once.
pub const MAX_NEW_PROJECTS: usize = 100;

/// A new, empty report laid out for the rule pack: the 一级指标 header rows with their weights,
/// one row per 二级指标 to fill in, the budget 分值, the narrative outline and a cover.
pub fn new_report(form: &NewReport, pack: &RulePack) -> Report {
    let mut overall = table_for(pack, TableKind::Overall);
    overall.name = form.department.clone();
    let narrative = if form.narrative {
        pack.narrative.iter().map(|title| NarrativeSection { title: title.clone(), text: String::new() }).collect()
    } else {
        Vec::new()
    };
    Report {
        id: form.id.clone(),
        rule_pack: pack.id.clone(),
        year: form.year,
        department: form.department.clone(),
        cover: Some(Cover {
            title: crate::report::default_title(&form.department, form.year, !form.overall && form.projects > 0),
            method: "部门（单位）绩效自评".into(),
            agency: "部门（单位）评价组".into(),
            ..Cover::default()
        }),
        basic_data: form.basic_data.then(BasicData::default),
        overall: form.overall.then_some(overall),
        projects: (0..form.projects.min(MAX_NEW_PROJECTS)).map(|_| table_for(pack, TableKind::Project)).collect(),
        monitor: None,
        sign_off: Some(SignOff { reviewers: vec![Reviewer::default(); 3], ..SignOff::default() }),
        narrative,
    }
}

/// An empty scored table of `kind` laid out for the pack (快速核分 of a 项目 table).
pub fn blank_table(pack: &RulePack, kind: TableKind) -> PerfTable {
    table_for(pack, kind)
}

pub(super) fn new_project(rule_pack: &str) -> PerfTable {
    match crate::rules::find(rule_pack) {
        Some(pack) => table_for(pack, TableKind::Project),
        None => PerfTable { kind: TableKind::Project, ..PerfTable::default() },
    }
}

/// The 其中 rows of the official budget block: the 整体表 by income nature, the 项目表 by source.
pub fn source_labels(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::Overall => &["一般公共预算", "政府性基金拨款", "纳入专户管理的非税收入拨款", "其他资金"],
        TableKind::Project => &["当年财政拨款", "上年结转资金", "其他资金"],
    }
}

pub(super) fn table_for(pack: &RulePack, kind: TableKind) -> PerfTable {
    let rows = |level1: &crate::rules::Level1Rule| -> Vec<Indicator> {
        let level2 = if level1.level2.is_empty() { vec![String::new()] } else { level1.level2.clone() };
        level2
            .into_iter()
            .map(|l2| Indicator { level1: level1.name.clone(), level2: l2, ..Indicator::default() })
            .collect()
    };
    let mut table = PerfTable {
        kind,
        budget: BudgetBlock { weight: pack.budget.points, ..BudgetBlock::default() },
        declared_grade: Some(String::new()),
        ..PerfTable::default()
    };
    table.level1_weights =
        pack.level1.iter().filter(|l| l.weight.is_some()).map(|l| DeclaredWeight { name: l.name.clone(), weight: l.weight }).collect();
    if !pack.goal_grouped {
        table.budget.by_source = source_labels(kind).iter().map(|l| BudgetLine { label: (*l).into(), ..BudgetLine::default() }).collect();
    }
    if pack.goal_grouped {
        table.goals = vec![Goal { indicators: pack.level1.iter().flat_map(rows).collect(), ..Goal::default() }];
    } else {
        table.indicators = pack.level1.iter().flat_map(rows).collect();
    }
    table
}

