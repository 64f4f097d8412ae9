//! The descriptions of the unscored official forms: 基础数据表, the Sichuan 监控 table and
//! 评价人员 (with the signature lines under it).
//!
//! Guarantees: the rows and labels are the report's own lists (`BASIC_ROWS`, the monitor's
//! columns), so every output lists the same rows in the same order.

use rust_decimal::Decimal;

use super::heading::Heading;
use super::scored::money;
use super::{Cell, Fmt, Grid, Look, RowKind, Xl};
use crate::num::plain;
use crate::report::{BasicData, MonitorTable, Reviewer, SignOff};

/// 基础数据表.
pub fn basic_data(b: &BasicData, control_rate: Option<Decimal>, heading: &Heading) -> Grid {
    let mut grid = Grid::new("基础数据表", vec![34, 16, 16, 16], 4);
    heading.push(&mut grid);
    grid.line(RowKind::Line, "财政供养人员情况");
    let rate_text = b
        .declared_control_rate_percent
        .map(|p| format!("{}%", plain(p)))
        .or_else(|| control_rate.map(crate::num::fmt_rate))
        .unwrap_or_default();
    let rate_xl = b
        .declared_control_rate_percent
        .and_then(|p| crate::num::div(p, Decimal::ONE_HUNDRED))
        .or(control_rate)
        .map(|r| Xl::Number(r, Fmt::Percent))
        .unwrap_or(Xl::Empty);
    let count = |col: usize, d: Option<Decimal>| match d {
        Some(v) => Cell::figure(col, plain(v), Xl::Number(v, Fmt::General)),
        None => Cell::figure(col, "", Xl::Empty),
    };
    grid.push(RowKind::Body, vec![Cell::head(0, "编制数"), count(1, b.staff_quota), Cell::head(2, "实际在职人数"), count(3, b.staff_actual)]);
    grid.push(RowKind::Body, vec![Cell::head(0, "控制率"), Cell::figure(1, rate_text, rate_xl).cols(3)]);
    grid.break_table();
    grid.line(RowKind::Line, format!("经费控制情况（单位：{}）", b.unit.label()));
    grid.push(RowKind::Header, vec![Cell::head(0, "项目"), Cell::head(1, "上年决算数"), Cell::head(2, "本年预算数"), Cell::head(3, "本年决算数")]);
    for (label, t) in b.rows() {
        grid.push(RowKind::Body, vec![Cell::text(0, label), money(1, t.prev_final), money(2, t.budget), money(3, t.final_)]);
    }
    if !b.frugality.trim().is_empty() {
        grid.push(RowKind::Body, vec![Cell::head(0, "厉行节约保障措施"), Cell::text(1, b.frugality.as_str()).cols(3)]);
    }
    grid
}

/// 部门整体支出绩效自评表（监控）, Sichuan.
pub fn monitor(m: &MonitorTable, heading: &Heading) -> Grid {
    let mut grid = Grid::new("监控表", vec![12, 12, 20, 14, 18, 20, 20], 7);
    heading.push(&mut grid);
    grid.line(RowKind::Line, format!("部门名称：{}", m.name));
    grid.line(RowKind::Line, format!("预算执行情况监控（单位：{}）", m.unit.label()));
    grid.push(
        RowKind::Header,
        vec![Cell::head(0, ""), Cell::head(1, "全年预算数"), Cell::head(2, "全年执行数"), Cell::head(3, "偏差原因分析").cols(2), Cell::head(5, "拟采取的措施").cols(2)],
    );
    for (label, money_row) in [("年度预算总额", &m.total), ("其中：基本支出", &m.basic), ("项目支出", &m.project)] {
        grid.push(
            RowKind::Body,
            vec![
                Cell::head(0, label),
                money(1, money_row.budget),
                money(2, money_row.executed),
                Cell::text(3, money_row.reason.as_str()).cols(2),
                Cell::text(5, money_row.measures.as_str()).cols(2),
            ],
        );
    }
    if !m.tasks.is_empty() {
        grid.break_table();
        grid.line(RowKind::Line, "年度主要任务完成情况");
        grid.push(RowKind::Header, vec![Cell::head(0, "任务名称").cols(2), Cell::head(2, "年初主要内容").cols(3), Cell::head(5, "截止监控节点完成进度").cols(2)]);
        for t in &m.tasks {
            grid.push(RowKind::Body, vec![Cell::text(0, t.name.as_str()).cols(2), Cell::text(2, t.content.as_str()).cols(3), Cell::text(5, t.progress.as_str()).cols(2)]);
        }
    }
    grid.break_table();
    grid.line(RowKind::Line, "绩效目标完成情况监控");
    let heads = ["一级指标", "二级指标", "三级指标", "年初目标值", "全年预计完成情况", "偏差原因分析", "拟采取的措施"];
    grid.push(RowKind::Header, heads.iter().enumerate().map(|(i, h)| Cell::head(i, *h)).collect());
    for i in &m.indicators {
        let values = [&i.level1, &i.level2, &i.name, &i.target, &i.expected, &i.reason, &i.measures];
        grid.push(RowKind::Body, values.iter().enumerate().map(|(c, v)| Cell::text(c, v.as_str())).collect());
    }
    grid
}

/// 评价人员 (three empty rows when none are named) with its 签字 column.
pub fn sign_off(s: &SignOff) -> Grid {
    let mut grid = Grid::new("评价人员", vec![12, 16, 24, 16], 4);
    grid.line(RowKind::Title, "评价人员");
    grid.push(RowKind::Header, ["姓名", "职务（职称）", "单位", "签字"].iter().enumerate().map(|(i, h)| Cell::head(i, *h)).collect());
    let blank = vec![Reviewer::default(); 3];
    for r in if s.reviewers.is_empty() { &blank } else { &s.reviewers } {
        grid.push(RowKind::Body, vec![Cell::text(0, r.name.as_str()), Cell::text(1, r.title.as_str()), Cell::text(2, r.unit.as_str()), Cell { look: Look::Signature, ..Cell::text(3, "") }]);
    }
    grid
}

/// The lines under 评价人员: signatures, opinions with their seal lines, 填报人.
pub fn sign_off_lines(s: &SignOff) -> Vec<String> {
    let blank = "　　　　　　";
    vec![
        format!("评价组组长（签字）：{blank}　日期：{}", s.leader_date),
        format!("部门（单位）意见：{}", s.department_opinion),
        format!("（盖章）　　负责人（签字）：{blank}　日期：{}", s.department_date),
        format!("财政部门归口业务股室意见：{}", s.finance_opinion),
        format!("（盖章）　　负责人（签字）：{blank}　日期：{}", s.finance_date),
        format!("填报人：{}　　联系电话：{}", s.filled_by, s.phone),
    ]
}
