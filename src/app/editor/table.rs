//! A scored table (部门整体 or 项目): head, budget block, goals and the indicator grid, foot.

use leptos::prelude::*;

use crate::app::cells::{Computed, Field};
use crate::app::doc::{use_doc, Section};
use crate::model::edit::{self, Change, RowList};
use crate::model::exchange::json;
use crate::model::num::plain;
use crate::model::report::MoneyUnit;
use crate::model::rules;
use crate::model::score::{Explained, TableResult};
use crate::model::view::{header_subtotal, MISSING};

use super::bar::table_label;
use super::forms::{form, GOAL_ROWS, OVERALL_HEAD_ROWS, PROJECT_HEAD_ROWS, TABLE_FOOT_ROWS};
use super::grid::IndicatorGrid;
use super::{go, offer};

#[component]
pub(super) fn TableSection(
    /// `overall` or `projects[i]`.
    path: String,
) -> impl IntoView {
    let doc = use_doc();
    let exists = {
        let path = path.clone();
        Memo::new(move |_| doc.report.with(|r| edit::table(r, &path).is_some()))
    };
    let p = StoredValue::new(path);
    move || {
        if !exists.get() {
            return p.with_value(|path| {
                if path == "overall" {
                    view! {
                        <p>"本报告还没有部门整体支出绩效自评表。"</p>
                        <button type="button" class="button" on:click=move |_| { doc.change(Change::AddOverall); }>"添加部门整体支出绩效自评表"</button>
                    }
                    .into_any()
                } else {
                    view! { <p>"该项目表已删除。"</p> }.into_any()
                }
            });
        }
        view! { <PerfTableEditor path=p.get_value() /> <ScoreChart path=p.get_value() /> }.into_any()
    }
}

/// 得分结构图: the table's 分值 against 得分 per part (model::chart), drawn when opened.
#[component]
fn ScoreChart(
    /// `overall` or `projects[i]`.
    path: String,
) -> impl IntoView {
    let doc = use_doc();
    let open = RwSignal::new(false);
    let chart = Memo::new(move |_| {
        if !open.get() {
            return None;
        }
        doc.evaluation.with(|e| e.tables.iter().find(|t| t.path == path).and_then(crate::model::chart::score_structure).map(|s| crate::model::chart::draw(&s)))
    });
    view! {
        <div class="score-chart">
            <button type="button" class="button" data-testid="score-chart-toggle" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>"得分结构图"</button>
            {move || chart.get().map(|c| view! {
                <figure data-testid="score-chart"><div class="chart-svg" inner_html=c.svg></div><figcaption class="hint">{c.alt}</figcaption></figure>
            })}
        </div>
    }
}

/// One scored table: header, budget block, goals, indicator rows, totals, sign lines.
#[component]
pub(super) fn PerfTableEditor(
    /// `overall` or `projects[i]`.
    path: String,
) -> impl IntoView {
    let doc = use_doc();
    let is_project = path.starts_with("projects[");
    let index: usize = path.trim_start_matches("projects[").trim_end_matches(']').parse().unwrap_or(0);
    let p = StoredValue::new(path.clone());
    let goals = Memo::new(move |_| doc.report.with(|r| p.with_value(|p| edit::table(r, p).map(|t| t.goals.len()).unwrap_or(0))));
    let level1 = Memo::new(move |_| doc.report.with(|r| p.with_value(|p| edit::table(r, p).map(|t| t.level1_weights.len()).unwrap_or(0))));
    let result = Memo::new(move |_| doc.evaluation.with(|e| p.with_value(|p| e.tables.iter().find(|t| t.path == *p).map(TableResult::head))));
    let unit = Memo::new(move |_| doc.report.with(|r| p.with_value(|p| edit::table(r, p).map(|t| t.unit).unwrap_or_default())));
    let sources = Memo::new(move |_| doc.report.with(|r| p.with_value(|p| edit::table(r, p).map(|t| t.budget.by_source.len()).unwrap_or(0))));
    // The form's 附件 label and title as print, Word and Excel print them (model::forms::heading).
    let heading = Memo::new(move |_| {
        doc.report.with(|r| p.with_value(|p| edit::table(r, p).map(|t| crate::model::forms::heading::of_table(r, t, p).one_line())))
            .unwrap_or_else(|| if is_project { "项目支出绩效自评表".into() } else { "部门整体支出绩效自评表".into() })
    });
    let f = move |field: &str| format!("{}.{field}", p.get_value());
    let computed = move |title: &'static str, pick: fn(&TableResult) -> (String, Explained)| {
        let value = Signal::derive(move || result.get().map(|r| pick(&r).0).unwrap_or_else(|| MISSING.into()));
        let explain = Signal::derive(move || result.get().map(|r| pick(&r).1).map(|e| (e.text, e.clause)).unwrap_or_default());
        view! { <Computed title=title value=value explain=explain /> }
    };
    let project_actions = is_project.then(|| view! {
        <div class="table-actions" role="group" aria-label="项目表操作">
            <button type="button" class="button" on:click=move |_| { if doc.change(Change::DuplicateProject { at: index }) { go(doc, Section::Table(format!("projects[{}]", index + 1))); } }>"复制本表"</button>
            <button type="button" class="button" on:click=move |_| { if doc.change(Change::MoveProject { at: index, up: true }) { go(doc, Section::Table(format!("projects[{}]", index - 1))); } }>"上移"</button>
            <button type="button" class="button" on:click=move |_| { if doc.change(Change::MoveProject { at: index, up: false }) { go(doc, Section::Table(format!("projects[{}]", index + 1))); } }>"下移"</button>
            <button type="button" class="button danger" on:click=move |_| {
                if doc.change(Change::RemoveProject { at: index }) {
                    doc.notice.set(Some("已删除项目表。可按 Ctrl+Z 撤销。".into()));
                    go(doc, Section::Table("overall".into()));
                }
            }>"删除本表"</button>
        </div>
    });
    let export_csv = move |_| {
        let path = p.get_value();
        let csv = doc.report.with_untracked(|r| doc.evaluation.with_untracked(|e| crate::model::exchange::csv::scored_table(r, e, &path)));
        let name = doc.report.with_untracked(|r| format!("{}-{}.csv", json::file_stem(r), table_label(r, &path).replace('：', "-")));
        if let Some(csv) = csv {
            offer(doc, &name, csv.as_bytes(), "text/csv;charset=utf-8");
        }
    };
    view! {
        <h2 data-testid="table-heading">{move || heading.get()}</h2>
        <p class="table-actions"><button type="button" class="button" data-testid="export-csv" on:click=export_csv>"导出本表 CSV（Excel）"</button></p>
        {project_actions}
        {form(&p.get_value(), if is_project { PROJECT_HEAD_ROWS } else { OVERALL_HEAD_ROWS })}
        <table class="official budget">
            <caption>
                "预算执行情况（单位："
                <select class="unit-switch" aria-label="金额单位"
                    on:change=move |ev| {
                        let unit = if event_target_value(&ev) == "元" { MoneyUnit::Yuan } else { MoneyUnit::WanYuan };
                        if doc.change(Change::SetUnit { table: p.get_value(), unit }) {
                            doc.notice.set(Some(format!("金额已换算为{}，执行率和得分不变。", unit.label())));
                        }
                    }>
                    <option value="万元" prop:selected=move || unit.get() == MoneyUnit::WanYuan>"万元"</option>
                    <option value="元" prop:selected=move || unit.get() == MoneyUnit::Yuan>"元"</option>
                </select>
                "）"
            </caption>
            <thead><tr><th>"年初预算数"</th><th>"全年预算数"</th><th>"全年执行数"</th><th>"分值"</th>
                <th>"执行率（填报，%）"</th><th>"执行率（计算）"</th><th>"得分（填报）"</th><th>"得分（计算）"</th></tr></thead>
            <tbody><tr>
                <td><Field path=f("budget.initial") label="年初预算数" /></td>
                <td><Field path=f("budget.adjusted") label="全年预算数" /></td>
                <td><Field path=f("budget.executed") label="全年执行数" /></td>
                <td><Field path=f("budget.weight") label="预算执行分值" /></td>
                <td><Field path=f("budget.declared_rate_percent") label="执行率（填报）" /></td>
                <td>{computed("执行率", |r| (r.budget.rate.map(crate::model::num::fmt_rate).unwrap_or_else(|| MISSING.into()), r.budget.rate_explain.clone()))}</td>
                <td><Field path=f("budget.declared_score") label="预算执行得分（填报）" /></td>
                <td>{computed("预算执行得分", |r| (r.budget.score.map(crate::model::num::fmt2).unwrap_or_else(|| MISSING.into()), r.budget.score_explain.clone()))}</td>
            </tr>
            <tr><th scope="row">"其中：基本支出"</th><td><Field path=f("budget.basic") label="基本支出（执行数）" /></td>
                <th scope="row">"项目支出"</th><td><Field path=f("budget.project") label="项目支出（执行数）" /></td>
                <th scope="row">"执行率偏低原因"</th><td colspan="3"><Field path=f("budget.reason") label="执行率偏低原因" /></td></tr>
            {move || (sources.get() > 0).then(|| view! {
                <tr><th scope="rowgroup" colspan="8">{if is_project { "其中（资金来源）：" } else { "按收入性质分（执行数）：" }}</th></tr>
            })}
            {move || (0..sources.get()).map(|i| {
                let line = move |field: &str| f(&format!("budget.by_source[{i}].{field}"));
                let amounts = if is_project {
                    view! {
                        <td><Field path=line("initial") label=format!("资金来源{}年初预算数", i + 1) /></td>
                        <td><Field path=line("adjusted") label=format!("资金来源{}全年预算数", i + 1) /></td>
                        <td><Field path=line("executed") label=format!("资金来源{}全年执行数", i + 1) /></td>
                    }
                    .into_any()
                } else {
                    view! { <td><Field path=line("executed") label=format!("收入性质{}执行数", i + 1) /></td> }.into_any()
                };
                view! {
                    <tr class="source-line" data-testid="budget-source">
                        <td><Field path=line("label") label=format!("其中第{}项名称", i + 1) /></td>
                        {amounts}
                    </tr>
                }
            }).collect_view()}
            </tbody>
        </table>
        {form(&p.get_value(), GOAL_ROWS)}
        {move || (level1.get() > 0).then(|| view! {
            <table class="official level1">
                <caption>"一级指标分值（表头所列）"</caption>
                <thead><tr><th>"一级指标"</th><th>"表头分值"</th><th>"所属指标分值合计"</th><th>"计算得分"</th></tr></thead>
                <tbody>
                    {(0..level1.get()).map(|i| {
                        let sub = Memo::new(move |_| {
                            let r = result.get()?;
                            doc.report.with(|report| {
                                let table = edit::table(report, &p.get_value())?;
                                header_subtotal(table, &r, rules::find(&report.rule_pack), i).cloned()
                            })
                        });
                        view! {
                            <tr><td><Field path=f(&format!("level1_weights[{i}].name")) label="一级指标" /></td>
                                <td><Field path=f(&format!("level1_weights[{i}].weight")) label="表头分值" /></td>
                                <td class="num">{move || sub.get().map(|s| plain(s.weight_sum)).unwrap_or_default()}</td>
                                <td><Computed title="一级指标小计"
                                    value=Signal::derive(move || sub.get().and_then(|s| s.score).map(crate::model::num::fmt2).unwrap_or_else(|| MISSING.into()))
                                    explain=Signal::derive(move || sub.get().map(|s| (s.explain.text, s.explain.clause)).unwrap_or_default()) /></td></tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {move || if goals.get() == 0 {
            view! { <IndicatorGrid table=p.get_value() list=RowList::Table /> }.into_any()
        } else {
            (0..goals.get()).map(|g| {
                let goal_sub = Memo::new(move |_| result.get().and_then(|r| r.goals.get(g).cloned()));
                view! {
                    <div class="goal">
                        <table class="official form"><tbody>
                            <tr><th scope="row">{format!("年度绩效目标{}", g + 1)}</th>
                                <td><Field path=f(&format!("goals[{g}].title")) label=format!("年度绩效目标{}", g + 1) multiline=true /></td>
                                <th scope="row">"分值"</th><td><Field path=f(&format!("goals[{g}].weight")) label=format!("年度绩效目标{}分值", g + 1) /></td>
                                <th scope="row">"得分"</th><td><Computed title=format!("年度绩效目标{}得分", g + 1)
                                    value=Signal::derive(move || goal_sub.get().and_then(|s| s.score).map(crate::model::num::fmt2).unwrap_or_else(|| MISSING.into()))
                                    explain=Signal::derive(move || goal_sub.get().map(|s| (s.explain.text, s.explain.clause)).unwrap_or_default()) /></td>
                                <td><button type="button" class="link" on:click=move |_| { doc.change(Change::RemoveGoal { table: p.get_value(), at: g }); }>"删除目标"</button></td></tr>
                        </tbody></table>
                        <IndicatorGrid table=p.get_value() list=RowList::Goal(g) />
                    </div>
                }
            }).collect_view().into_any()
        }}
        {move || (goals.get() > 0).then(|| view! {
            <button type="button" class="button" on:click=move |_| { doc.change(Change::AddGoal { table: p.get_value() }); }>"＋ 添加年度绩效目标"</button>
        })}
        <p class="table-actions"><button type="button" class="button" data-testid="adopt-computed"
            title="把本表计算的执行率、得分、总分和评价等次写入填报栏（打印时显示填报数）"
            on:click=move |_| {
                let n = doc.adopt(&p.get_value());
                doc.notice.set(Some(if n == 0 { "填报数已与计算结果一致。".to_string() } else { format!("已采用计算结果，改写 {n} 处填报数。可按 Ctrl+Z 撤销。") }));
            }>"采用计算结果"</button></p>
        <table class="official totals">
            <thead><tr><th><span class="visually-hidden">"项目"</span></th><th>"填报"</th><th>"计算"</th></tr></thead>
            <tbody>
                <tr><th scope="row">"总分"</th><td><Field path=f("declared_total") label="总分（填报）" /></td>
                    <td>{computed("总分", |r| (r.total.map(crate::model::num::fmt2).unwrap_or_else(|| MISSING.into()), r.total_explain.clone()))}</td></tr>
                <tr><th scope="row">"评价等次"</th><td><Field path=f("declared_grade") label="评价等次（填报）" suggestions="grade-options" /></td>
                    <td>{computed("评价等次", |r| (r.grade.clone().unwrap_or_else(|| MISSING.into()), r.grade_explain.clone()))}</td></tr>
            </tbody>
        </table>
        {form(&p.get_value(), TABLE_FOOT_ROWS)}
        {form(&p.get_value(), if is_project && doc.report.with_untracked(|r| r.rule_pack.starts_with("sichuan")) { &[("项目负责人", "head", false)] } else { &[("单位负责人签字", "head", false)] })}
    }
}
