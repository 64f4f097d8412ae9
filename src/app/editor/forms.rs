//! Two-column forms built from data: the label/field rows of the cover, staff, table heads and
//! feet, and the sign-off block.

use leptos::prelude::*;

use crate::app::cells::Field;

/// One row of a two-column form: (label, field path relative to the table, multi-line).
pub(super) type FormRow = (&'static str, &'static str, bool);

/// A two-column form table (label, field) from data: one view type for every form of the report.
pub(super) fn form(prefix: &str, rows: &[FormRow]) -> impl IntoView {
    let rows: Vec<_> = rows
        .iter()
        .map(|(label, field, long)| {
            let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
            view! { <tr><th scope="row">{*label}</th><td><Field path=path label=*label multiline=*long /></td></tr> }
        })
        .collect();
    view! { <table class="official form"><tbody>{rows}</tbody></table> }
}

pub(super) const COVER_ROWS: &[FormRow] = &[
    ("报告标题", "title", false),
    ("预算编码", "budget_code", false),
    ("评价方式", "method", false),
    ("评价机构", "agency", false),
    ("报告日期", "report_date", false),
    ("制表机关", "issuer", false),
];
pub(super) const STAFF_ROWS: &[FormRow] = &[
    ("编制数", "staff_quota", false),
    ("实际在职人数", "staff_actual", false),
    ("控制率（%，填报）", "declared_control_rate_percent", false),
];
pub(super) const PROJECT_HEAD_ROWS: &[FormRow] =
    &[("项目名称", "name", false), ("项目编码", "code", false), ("主管部门", "supervisor", false), ("实施单位", "implementer", false)];
pub(super) const OVERALL_HEAD_ROWS: &[FormRow] = &[("部门名称", "name", false)];
pub(super) const GOAL_ROWS: &[FormRow] = &[("年度总体目标：预期目标", "goal_expected", true), ("年度总体目标：实际完成情况", "goal_actual", true)];
pub(super) const TABLE_FOOT_ROWS: &[FormRow] = &[
    ("偏差大或目标未完成原因分析", "deviation_analysis", true),
    ("改进措施及结果应用方案", "improvement", true),
    ("填表人", "filled_by", false),
    ("填报日期", "fill_date", false),
    ("联系电话", "phone", false),
];
pub(super) const SIGN_OFF_ROWS: &[FormRow] = &[
    ("评价组组长签字日期", "leader_date", false),
    ("部门（单位）意见", "department_opinion", true),
    ("部门意见日期", "department_date", false),
    ("财政部门归口业务股室意见", "finance_opinion", true),
    ("财政意见日期", "finance_date", false),
    ("填报人", "filled_by", false),
    ("联系电话", "phone", false),
];
