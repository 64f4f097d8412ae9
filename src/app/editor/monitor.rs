//! The Sichuan 监控表 section.

use leptos::prelude::*;

use crate::app::cells::Field;
use crate::app::doc::use_doc;

use super::forms::{form, OVERALL_HEAD_ROWS};

#[component]
pub(super) fn MonitorSection() -> impl IntoView {
    let doc = use_doc();
    let counts = Memo::new(move |_| doc.report.with(|r| r.monitor.as_ref().map(|m| (m.tasks.len(), m.indicators.len())).unwrap_or((0, 0))));
    let money = |label: &'static str, key: &'static str| view! {
        <tr><th scope="row">{label}</th>
            <td><Field path=format!("monitor.{key}.budget") label=format!("{label} 全年预算数") /></td>
            <td><Field path=format!("monitor.{key}.executed") label=format!("{label} 全年执行数") /></td>
            <td><Field path=format!("monitor.{key}.reason") label=format!("{label} 偏差原因分析") /></td>
            <td><Field path=format!("monitor.{key}.measures") label=format!("{label} 拟采取的措施") /></td></tr>
    };
    view! {
        <h2>"部门整体支出绩效自评表（预算执行情况监控 · 绩效目标完成情况监控）"</h2>
        {form("monitor", OVERALL_HEAD_ROWS)}
        <table class="official">
            <caption>"预算执行情况监控"</caption>
            <thead><tr><th><span class="visually-hidden">"项目"</span></th><th>"全年预算数"</th><th>"全年执行数"</th><th>"偏差原因分析"</th><th>"拟采取的措施"</th></tr></thead>
            <tbody>{money("年度预算总额", "total")}{money("其中：基本支出", "basic")}{money("项目支出", "project")}</tbody>
        </table>
        <table class="official">
            <caption>"年度主要任务完成情况"</caption>
            <thead><tr><th>"任务名称"</th><th>"年初主要内容"</th><th>"截止监控节点完成进度"</th></tr></thead>
            <tbody>{move || (0..counts.get().0).map(|i| view! {
                <tr><td><Field path=format!("monitor.tasks[{i}].name") label="任务名称" /></td>
                    <td><Field path=format!("monitor.tasks[{i}].content") label="年初主要内容" multiline=true /></td>
                    <td><Field path=format!("monitor.tasks[{i}].progress") label="完成进度" multiline=true /></td></tr>
            }).collect_view()}</tbody>
        </table>
        <table class="official">
            <caption>"绩效目标完成情况监控"</caption>
            <thead><tr><th>"一级指标"</th><th>"二级指标"</th><th>"三级指标"</th><th>"年初目标值"</th><th>"全年预计完成情况"</th><th>"偏差原因分析"</th><th>"拟采取的措施"</th></tr></thead>
            <tbody>{move || (0..counts.get().1).map(|i| view! {
                <tr>{["level1", "level2", "name", "target", "expected", "reason", "measures"].into_iter().zip(["一级指标", "二级指标", "三级指标", "年初目标值", "全年预计完成情况", "偏差原因分析", "拟采取的措施"]).map(|(field, label)| view! {
                    <td><Field path=format!("monitor.indicators[{i}].{field}") label=format!("第{}行 {label}", i + 1) /></td>
                }).collect_view()}</tr>
            }).collect_view()}</tbody>
        </table>
    }
}
