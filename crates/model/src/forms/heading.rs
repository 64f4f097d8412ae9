//! The lines above each official form: the 附件 label ("附件2"), the title ("2024年度部门整体支出
//! 绩效自评表") and, where the title does not name the year, the year line ("（2024年度）").
//!
//! Guarantees: one place decides them, so print, Word and Excel print the same label and title.
//! What an imported document printed (`form_label`, `form_title` on the table) comes first; else
//! the rule pack's `forms` (docs/rules.md), a bureau can set its own; else the form's plain name
//! and no label. A region whose template numbers no 附件 prints no label.

use super::{Grid, RowKind};
use crate::report::{BasicData, MonitorTable, PerfTable, Report, TableKind};
use crate::rules::{self, FormHead};

/// Which official form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// 基础数据表.
    BasicData,
    /// 部门整体支出绩效自评表.
    Overall,
    /// 项目支出绩效自评表.
    Project,
    /// 部门整体支出绩效自评表（监控）.
    Monitor,
}

impl FormKind {
    /// The form's name when neither the document nor the pack gives a title.
    fn plain_title(self) -> &'static str {
        match self {
            FormKind::BasicData => "基础数据表",
            FormKind::Overall => "部门整体支出绩效自评表",
            FormKind::Project => "项目支出绩效自评表",
            FormKind::Monitor => "部门整体支出绩效自评表（监控）",
        }
    }
}

/// The lines above a form; an empty text is a line not printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Heading {
    /// "附件2", or empty.
    pub label: String,
    /// The title.
    pub title: String,
    /// "（2024年度）" under a scored table's title that does not name the year, or empty.
    pub year_line: String,
}

impl Heading {
    /// Appends the lines to a form's grid: the label (a line), the title, the year line.
    pub fn push(&self, grid: &mut Grid) {
        if !self.label.is_empty() {
            grid.line(RowKind::Line, self.label.as_str());
        }
        grid.line(RowKind::Title, self.title.as_str());
        if !self.year_line.is_empty() {
            let row = grid.line(RowKind::Line, self.year_line.as_str());
            grid.rows[row].print.class = "table-meta";
        }
    }

    /// The label and the title on one line, as the editor's table heading shows them.
    pub fn one_line(&self) -> String {
        if self.label.is_empty() {
            self.title.clone()
        } else {
            format!("{}　{}", self.label, self.title)
        }
    }
}

/// The heading of a form of `report`: `declared` is (label, title) as the document printed them,
/// `name` the table's own name (the project's, or the department's in a 整体表).
pub fn heading(report: &Report, kind: FormKind, declared: (&str, &str), name: &str) -> Heading {
    let pack_head: Option<&FormHead> = rules::find(&report.rule_pack).and_then(|p| match kind {
        FormKind::BasicData => p.forms.basic_data.as_ref(),
        FormKind::Overall => p.forms.overall.as_ref(),
        FormKind::Project => p.forms.project.as_ref(),
        FormKind::Monitor => p.forms.monitor.as_ref(),
    });
    let year = report.year.to_string();
    let department = if kind == FormKind::Overall && !name.trim().is_empty() { name.trim() } else { report.department.trim() };
    let fill = |pattern: &str| pattern.replace("{year}", &year).replace("{department}", department).replace("{name}", name.trim());
    let (label, title) = (declared.0.trim(), declared.1.trim());
    let label = if label.is_empty() { pack_head.map(|h| fill(&h.label)).unwrap_or_default() } else { label.to_string() };
    let title = if title.is_empty() { pack_head.map_or_else(|| kind.plain_title().to_string(), |h| fill(&h.title)) } else { title.to_string() };
    let compact: String = title.chars().filter(|c| !c.is_whitespace()).collect();
    let scored = matches!(kind, FormKind::Overall | FormKind::Project);
    let year_line = if scored && !compact.contains(&format!("{year}年")) { format!("（{year}年度）") } else { String::new() };
    Heading { label: label.trim().to_string(), title, year_line }
}

/// The heading of a scored table (`path` "overall" or "projects[i]").
pub fn of_table(report: &Report, table: &PerfTable, path: &str) -> Heading {
    let is_project = table.kind == TableKind::Project || path.starts_with("projects[");
    let kind = if is_project { FormKind::Project } else { FormKind::Overall };
    heading(report, kind, (&table.form_label, &table.form_title), &table.name)
}

/// The heading of the 基础数据表.
pub fn of_basic_data(report: &Report, b: &BasicData) -> Heading {
    heading(report, FormKind::BasicData, (&b.form_label, &b.form_title), "")
}

/// The heading of the 监控 table.
pub fn of_monitor(report: &Report, m: &MonitorTable) -> Heading {
    heading(report, FormKind::Monitor, (&m.form_label, &m.form_title), &m.name)
}
