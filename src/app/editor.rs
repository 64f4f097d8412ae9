//! The editor page: every part of the report laid out like the official tables, a sticky
//! summary bar, the explanation panel, the findings list that focuses fields, undo/redo and
//! autosave. Components only place fields and figures; every figure comes from the model.

use std::time::Duration;

use leptos::prelude::*;

use crate::app::cells::{focus_path, Computed, Field, GridPos};
use crate::app::doc::{use_doc, Doc, SaveStatus, Section};
use crate::app::storage;
use crate::model::draft::draft;
use crate::model::evaluate;
use crate::model::exchange::json;
use crate::model::print::{report_html, PrintOptions};
use crate::model::edit::{self, Change, RowList, ROW_COLUMNS};
use crate::model::report::{BASIC_ROWS, SPECIALS_AFTER};
use crate::model::finding::Severity;
use crate::model::num::plain;
use crate::model::report::{MoneyUnit, Report, TableKind};
use crate::model::rules;
use crate::model::score::{Explained, RowKind, RowResult, TableResult};
use crate::model::view::{findings_count, header_subtotal, row_score, summary, tier_band, MISSING};

/// The editor of one report.
#[component]
pub fn Editor(
    /// The report to edit (a draft or a fresh copy of an example).
    report: Report,
    /// Its stored metadata when it is already a draft (an example becomes one on its first change).
    meta: Option<storage::Meta>,
) -> impl IntoView {
    let doc = Doc::new(report, meta.as_ref().map(|m| m.saved).unwrap_or(0));
    provide_context(doc);
    if let Some(m) = &meta {
        doc.save_status.set(SaveStatus::Saved(storage::clock(m.saved)));
    }
    autosave(doc);
    let show_snapshots = RwSignal::new(false);
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match ev.key().as_str() {
            "z" | "Z" if !ev.shift_key() => {
                ev.prevent_default();
                doc.undo();
            }
            "y" | "Y" | "z" | "Z" => {
                ev.prevent_default();
                doc.redo();
            }
            _ => {}
        }
    };
    let title = move || doc.report.with(|r| format!("{} {}年度绩效自评", if r.department.is_empty() { "（未填部门）" } else { &r.department }, r.year));
    let print_href = move || doc.report.with(|r| format!("#/print/{}", r.id));
    view! {
        <section class="editor" on:keydown=on_keydown>
            <div class="editor-head">
                <h1 class="report-title">{title}</h1>
                <div class="toolbar" role="toolbar" aria-label="编辑">
                    <button type="button" class="button" on:click=move |_| doc.undo() disabled=move || !doc.can_undo.get()
                        title="撤销（Ctrl+Z）">"撤销"</button>
                    <button type="button" class="button" on:click=move |_| doc.redo() disabled=move || !doc.can_redo.get()
                        title="重做（Ctrl+Y）">"重做"</button>
                    <button type="button" class="button" data-testid="snapshots-toggle" aria-expanded=move || show_snapshots.get().to_string()
                        on:click=move |_| show_snapshots.update(|v| *v = !*v)>"历史版本"</button>
                    <button type="button" class="button" data-testid="export-json" on:click=move |_| download_json(doc)>"导出 JSON"</button>
                    <a class="button" href=print_href>"打印预览"</a>
                    <SaveIndicator />
                </div>
            </div>
            <SaveProblems />
            {move || show_snapshots.get().then(|| view! { <Snapshots /> })}
            <SummaryBar />
            {move || doc.notice.get().map(|n| view! {
                <p class="notice" role="status">{n}
                    <button type="button" class="link" on:click=move |_| doc.notice.set(None) aria-label="关闭提示">"×"</button></p>
            })}
            <div class="editor-body">
                <SectionNav />
                <div class="section-body">{move || section_view(doc.section.get())}</div>
            </div>
            <ExplainPanel />
            <FindingsList />
            <Suggestions />
        </section>
    }
}

/// The editor of a single 整体 table for 快速核分: figures, table, explanations, findings
/// (the caller provides the `Doc`).
pub fn quick_editor() -> impl IntoView {
    view! {
        <SummaryBar />
        <div class="section-body"><PerfTableEditor path="overall".to_string() /></div>
        <ExplainPanel />
        <FindingsList />
        <Suggestions />
    }
}

/// Offers a file for download; a refusal is shown as the notice.
fn offer(doc: Doc, name: &str, text: &str, mime: &str) {
    if let Err(m) = storage::download(name, text, mime) {
        doc.notice.set(Some(m));
    }
}

/// Downloads the report with its computed figures and findings.
fn download_json(doc: Doc) {
    let (name, text) = doc.report.with_untracked(|r| doc.evaluation.with_untracked(|e| (json::export_file_name(r), json::save(r, Some(e)))));
    offer(doc, &name, &text, "application/json");
}

/// Writes the report to storage at most 400 ms after a change, at once when the page is hidden
/// or left, and every 3 s while the browser refuses (so saving resumes once space is freed).
/// Another tab's newer save pauses it until the user chooses a version.
fn autosave(doc: Doc) {
    let pending = StoredValue::new(None::<leptos::leptos_dom::helpers::TimeoutHandle>);
    let flush = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
        if !matches!(doc.save_status.get_untracked(), SaveStatus::Pending | SaveStatus::Failed(_)) || doc.conflict.get_untracked().is_some() {
            return;
        }
        let performance = window().performance();
        if let Some(p) = &performance {
            p.mark("jixiao-save-start").ok();
        }
        let result = doc.report.with_untracked(|r| storage::save(r, doc.base_saved.get_value()));
        if let Some(p) = &performance {
            // User Timing entries: the save benchmark reads them (BENCHMARKS.md).
            p.mark("jixiao-save-end").ok();
            p.measure_with_start_mark_and_end_mark("jixiao-save", "jixiao-save-start", "jixiao-save-end").ok();
        }
        match result {
            Ok(meta) => {
                doc.base_saved.set_value(meta.saved);
                doc.save_status.set(SaveStatus::Saved(storage::clock(meta.saved)));
                doc.report.with_untracked(|r| storage::snapshot(r, false));
            }
            Err(storage::SaveError::Conflict(meta)) => {
                doc.conflict.set(Some(meta));
                doc.save_status.set(SaveStatus::Conflict);
            }
            Err(storage::SaveError::Full(message)) => doc.save_status.set(SaveStatus::Failed(message)),
        }
    };
    Effect::new(move |previous: Option<u64>| {
        let revision = doc.revision.get();
        if previous.is_some_and(|p| p != revision) {
            if doc.conflict.get_untracked().is_none() {
                doc.save_status.set(SaveStatus::Pending);
            }
            // A save at most 400 ms after the first unsaved change, even while typing goes
            // on: a crash loses less than half a second.
            if pending.with_value(Option::is_none) {
                pending.set_value(set_timeout_with_handle(flush, Duration::from_millis(400)).ok());
            }
        }
        revision
    });
    let retry = set_interval_with_handle(
        move || {
            if matches!(doc.save_status.get_untracked(), SaveStatus::Failed(_)) {
                flush();
            }
        },
        Duration::from_secs(3),
    )
    .ok();
    let id = doc.report.with_untracked(|r| r.id.clone());
    let meta_key = format!("{}{id}", storage::META_PREFIX);
    let other_tab = window_event_listener(leptos::ev::storage, move |ev| {
        if ev.key().as_deref() != Some(meta_key.as_str()) {
            return;
        }
        if let Some(meta) = storage::meta(&id) {
            if meta.writer != storage::tab_id() && meta.saved > doc.base_saved.get_value() {
                doc.conflict.set(Some(meta));
                doc.save_status.set(SaveStatus::Conflict);
            }
        }
    });
    let hide = window_event_listener(leptos::ev::pagehide, move |_| flush());
    let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| flush());
    on_cleanup(move || {
        flush();
        if let Some(r) = retry {
            r.clear();
        }
        other_tab.remove();
        hide.remove();
        visibility.remove();
    });
}

#[component]
fn SaveIndicator() -> impl IntoView {
    let doc = use_doc();
    let text = move || match doc.save_status.get() {
        SaveStatus::Unchanged => "未修改".to_string(),
        SaveStatus::Pending => "保存中".to_string(),
        SaveStatus::Saved(t) => format!("已保存 {t}"),
        SaveStatus::Failed(_) => "保存失败".to_string(),
        SaveStatus::Conflict => "已暂停保存（另一页有新版本）".to_string(),
    };
    let failed = move || matches!(doc.save_status.get(), SaveStatus::Failed(_) | SaveStatus::Conflict);
    view! { <span class="save-status" class:failed=failed data-testid="save-status" role="status">{text}</span> }
}

/// Storage full or another tab's newer save: what happened and what the user can do.
#[component]
fn SaveProblems() -> impl IntoView {
    let doc = use_doc();
    let id = doc.report.with_untracked(|r| r.id.clone());
    let id = StoredValue::new(id);
    let use_theirs = move |_| {
        let Some(Ok((theirs, meta))) = storage::load(&id.get_value()) else {
            doc.notice.set(Some("另一页的版本无法读取，已保留本页的版本。".into()));
            doc.conflict.set(None);
            return;
        };
        doc.report.with_untracked(|r| storage::snapshot(r, true));
        doc.base_saved.set_value(meta.saved);
        doc.conflict.set(None);
        doc.replace(theirs);
        doc.save_status.set(SaveStatus::Saved(storage::clock(meta.saved)));
        doc.notice.set(Some("已采用另一页的版本；本页原来的内容已存为历史版本。".into()));
    };
    let keep_mine = move |_| {
        let theirs = storage::meta(&id.get_value()).map(|m| m.saved).unwrap_or(0);
        storage::snapshot_stored(&id.get_value());
        doc.base_saved.set_value(theirs);
        doc.conflict.set(None);
        doc.save_status.set(SaveStatus::Pending);
        doc.revision.update(|r| *r += 1);
        doc.notice.set(Some("已保留本页的版本；另一页保存的内容已存为历史版本。".into()));
    };
    view! {
        {move || doc.conflict.get().map(|meta| view! {
            <div class="problem" role="alert" data-testid="conflict">
                <p>{format!("另一个标签页或窗口在 {} 保存了此草稿的较新版本。为免互相覆盖，本页已暂停保存。请选择保留哪个版本，另一个版本会存为历史版本：", storage::clock(meta.saved))}</p>
                <button type="button" class="button" data-testid="use-theirs" on:click=use_theirs>"采用另一页的版本"</button>
                " "
                <button type="button" class="button" data-testid="keep-mine" on:click=keep_mine>"保留本页的版本"</button>
            </div>
        })}
        {move || match doc.save_status.get() {
            SaveStatus::Failed(message) => Some(view! {
                <div class="problem" role="alert" data-testid="save-failed">
                    <p>{message}</p>
                    <p class="hint">{format!("本应用已用存储约 {} KB。", storage::usage() / 1024)}</p>
                    <button type="button" class="button" data-testid="download-json" on:click=move |_| download_json(doc)>"下载 JSON 备份"</button>
                </div>
            }),
            _ => None,
        }}
    }
}

/// 历史版本: the draft's snapshots; view one, or restore it (the current state becomes a snapshot).
/// The list and the viewed version are HTML strings (the latter from `model::print`) with one
/// delegated click handler.
#[component]
fn Snapshots() -> impl IntoView {
    let doc = use_doc();
    let id = doc.report.with_untracked(|r| r.id.clone());
    let list = RwSignal::new(storage::snapshots(&id));
    let viewing = RwSignal::new(None::<String>);
    let loaded = move |index: usize| list.with_untracked(|l| l.get(index).and_then(|s| json::load(&s.text).ok()).map(|l| l.report));
    let on_click = move |ev: leptos::ev::MouseEvent| {
        use wasm_bindgen::JsCast;
        let Some(button) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("[data-action]").ok().flatten()) else {
            return;
        };
        let index = button.get_attribute("data-index").and_then(|i| i.parse().ok()).unwrap_or(usize::MAX);
        match button.get_attribute("data-action").as_deref() {
            Some("view") => viewing.set(loaded(index).map(|r| report_html(&r, &evaluate(&r), PrintOptions::default()))),
            Some("restore") => {
                if let Some(r) = loaded(index) {
                    doc.report.with_untracked(|current| storage::snapshot(current, true));
                    doc.replace(r);
                    doc.notice.set(Some("已恢复所选版本；恢复前的内容已存为历史版本，也可按 Ctrl+Z 撤销。".into()));
                    list.set(storage::snapshots(&doc.report.with_untracked(|r| r.id.clone())));
                }
            }
            Some("close") => viewing.set(None),
            _ => {}
        }
    };
    let rows = move || {
        use std::fmt::Write;
        let items = list.get();
        if items.is_empty() {
            return "<p>还没有历史版本（首次保存后生成）。</p>".to_string();
        }
        let mut out = String::from("<table class=\"official\"><thead><tr><th>时间</th><th>总分</th><th>操作</th></tr></thead><tbody>");
        for (i, snap) in items.iter().enumerate().rev() {
            let total = match json::load(&snap.text) {
                Ok(l) => evaluate(&l.report).tables.first().and_then(|t| t.total).map(crate::model::num::fmt2).unwrap_or_else(|| MISSING.into()),
                Err(_) => "无法读取".into(),
            };
            let _ = write!(
                out,
                "<tr><td>{}</td><td class=\"num\">{total}</td><td><button type=\"button\" class=\"button\" data-action=\"view\" data-index=\"{i}\">查看</button> \
                 <button type=\"button\" class=\"button\" data-action=\"restore\" data-testid=\"restore-snapshot\" data-index=\"{i}\">恢复</button></td></tr>",
                storage::local_time(snap.saved)
            );
        }
        out.push_str("</tbody></table>");
        out
    };
    view! {
        <div class="snapshots" data-testid="snapshots" on:click=on_click>
            <h2>"历史版本"</h2>
            <p class="hint">"编辑时每分钟最多保留一个版本，共保留最近 20 个。恢复某个版本时，当前内容也会先存为一个版本。"</p>
            <div inner_html=rows></div>
            {move || viewing.get().map(|html| view! {
                <div class="snapshot-view">
                    <h3>"所选版本（只读）"</h3>
                    <button type="button" class="button" data-action="close">"关闭"</button>
                    <div class="print-doc" inner_html=html></div>
                </div>
            })}
        </div>
    }
}

/// The sticky bar with the figures of the table in view.
#[component]
fn SummaryBar() -> impl IntoView {
    let doc = use_doc();
    let shown = Memo::new(move |_| doc.evaluation.with(|e| summary(e, Some(&doc.table_in_view.get()))));
    let result = Memo::new(move |_| doc.evaluation.with(|e| e.tables.iter().find(|t| t.path == doc.table_in_view.get()).cloned()));
    let explain_of = move |pick: fn(&TableResult) -> Explained| {
        Signal::derive(move || result.get().map(|r| pick(&r)).map(|e| (e.text, e.clause)).unwrap_or_default())
    };
    let table_name = move || {
        let path = doc.table_in_view.get();
        doc.report.with(|r| table_label(r, &path))
    };
    view! {
        <div class="summary-bar" aria-label="本表计算结果">
            <span class="summary-table">{table_name}</span>
            <span class="figure"><span class="figure-label">"预算执行率"</span>
                <Computed title="预算执行率" testid="budget-rate" value=Signal::derive(move || shown.get().budget_rate) explain=explain_of(|r| r.budget.rate_explain.clone()) /></span>
            <span class="figure"><span class="figure-label">"预算执行得分"</span>
                <Computed title="预算执行得分" testid="budget-score" value=Signal::derive(move || shown.get().budget_score) explain=explain_of(|r| r.budget.score_explain.clone()) /></span>
            {move || {
                let list = result.get().map(|r| if r.goals.is_empty() { r.level1 } else { r.goals }).unwrap_or_default();
                shown.get().subtotals.into_iter().zip(list).map(|((name, value), sub)| {
                    let explain = (sub.explain.text.clone(), sub.explain.clause.clone());
                    view! {
                        <span class="figure subtotal"><span class="figure-label">{name.clone()}</span>
                            <Computed title=name value=value explain=explain /></span>
                    }
                }).collect_view()
            }}
            <span class="figure"><span class="figure-label">"总分"</span>
                <Computed title="总分" testid="total-score" value=Signal::derive(move || shown.get().total) explain=explain_of(|r| r.total_explain.clone()) /></span>
            <span class="figure"><span class="figure-label">"评价等次"</span>
                <Computed title="评价等次" testid="grade" value=Signal::derive(move || shown.get().grade) explain=explain_of(|r| r.grade_explain.clone()) /></span>
            <span class="figure"><span class="figure-label">"检查结果"</span>
                <a class="figure-value findings-link" href="#findings" data-testid="findings-count"
                   on:click=move |ev| { ev.prevent_default(); focus_findings(); }>{move || findings_count(&shown.get())}</a></span>
        </div>
    }
}

fn focus_findings() {
    crate::app::cells::focus_selector("#findings-heading");
}

fn table_label(report: &Report, path: &str) -> String {
    match edit::table(report, path) {
        Some(t) if t.kind == TableKind::Overall || path == "overall" => "部门整体支出绩效自评表".to_string(),
        Some(t) => format!("项目支出绩效自评表：{}", if t.name.is_empty() { "（未命名项目）" } else { &t.name }),
        None => String::new(),
    }
}

/// 封面 · 基础数据表 · 整体表 · 项目表 · 评价人员 · 自评报告 · 检查结果.
#[component]
fn SectionNav() -> impl IntoView {
    let doc = use_doc();
    let shape = Memo::new(move |_| {
        doc.report.with(|r| {
            (
                r.overall.is_some(),
                r.monitor.is_some(),
                r.projects.iter().map(|p| if p.name.is_empty() { "（未命名项目）".to_string() } else { p.name.clone() }).collect::<Vec<_>>(),
            )
        })
    });
    let item = move |label: String, section: Section| {
        let current = section.clone();
        let aria = section.clone();
        view! {
            <li><button type="button" class="section-link" class:current=move || doc.section.get() == current
                aria-current=move || (doc.section.get() == aria).then_some("true")
                on:click={
                    let section = section.clone();
                    move |_| go(doc, section.clone())
                }>{label}</button></li>
        }
    };
    view! {
        <nav class="section-nav" aria-label="报告各部分">
            <ul>
                {item("封面".into(), Section::Cover)}
                {item("基础数据表".into(), Section::Basic)}
                {move || {
                    let (overall, monitor, _) = shape.get();
                    let mut items = Vec::new();
                    if overall || !monitor {
                        items.push(item("部门整体支出绩效自评表".into(), Section::Table("overall".into())));
                    }
                    if monitor {
                        items.push(item("部门整体支出绩效自评表（监控）".into(), Section::Monitor));
                    }
                    items.collect_view()
                }}
                {move || shape.get().2.into_iter().enumerate().map(|(i, name)| item(format!("项目：{name}"), Section::Table(format!("projects[{i}]")))).collect_view()}
                <li><button type="button" class="section-link add" data-testid="add-project"
                    on:click=move |_| {
                        if doc.change(Change::AddProject) {
                            let n = doc.report.with_untracked(|r| r.projects.len());
                            go(doc, Section::Table(format!("projects[{}]", n.saturating_sub(1))));
                        }
                    }>"＋ 添加项目支出绩效自评表"</button></li>
                {item("评价人员".into(), Section::SignOff)}
                {item("自评报告".into(), Section::Narrative)}
                <li><button type="button" class="section-link" on:click=move |_| focus_findings()>
                    {move || format!("检查结果（{}）", findings_count(&doc.evaluation.with(|e| summary(e, None))))}</button></li>
            </ul>
        </nav>
    }
}

fn go(doc: Doc, section: Section) {
    if let Section::Table(path) = &section {
        doc.table_in_view.set(path.clone());
    }
    doc.section.set(section);
}

fn section_view(section: Section) -> AnyView {
    match section {
        Section::Cover => CoverSection().into_any(),
        Section::Basic => BasicSection().into_any(),
        Section::Table(path) => view! { <TableSection path=path /> }.into_any(),
        Section::Monitor => MonitorSection().into_any(),
        Section::SignOff => SignOffSection().into_any(),
        Section::Narrative => NarrativeSection().into_any(),
    }
}

/// One row of a two-column form: (label, field path relative to the table, multi-line).
type FormRow = (&'static str, &'static str, bool);

/// A two-column form table (label, field) from data: one view type for every form of the report.
fn form(prefix: &str, rows: &[FormRow]) -> impl IntoView {
    let rows: Vec<_> = rows
        .iter()
        .map(|(label, field, long)| {
            let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
            view! { <tr><th scope="row">{*label}</th><td><Field path=path label=*label multiline=*long /></td></tr> }
        })
        .collect();
    view! { <table class="official form"><tbody>{rows}</tbody></table> }
}

const COVER_ROWS: &[FormRow] = &[
    ("报告标题", "title", false),
    ("预算编码", "budget_code", false),
    ("评价方式", "method", false),
    ("评价机构", "agency", false),
    ("报告日期", "report_date", false),
    ("制表机关", "issuer", false),
];
const STAFF_ROWS: &[FormRow] = &[
    ("编制数", "staff_quota", false),
    ("实际在职人数", "staff_actual", false),
    ("控制率（%，填报）", "declared_control_rate_percent", false),
];
const PROJECT_HEAD_ROWS: &[FormRow] =
    &[("项目名称", "name", false), ("项目编码", "code", false), ("主管部门", "supervisor", false), ("实施单位", "implementer", false)];
const OVERALL_HEAD_ROWS: &[FormRow] = &[("部门名称", "name", false)];
const GOAL_ROWS: &[FormRow] = &[("年度总体目标：预期目标", "goal_expected", true), ("年度总体目标：实际完成情况", "goal_actual", true)];
const TABLE_FOOT_ROWS: &[FormRow] = &[
    ("偏差大或目标未完成原因分析", "deviation_analysis", true),
    ("改进措施及结果应用方案", "improvement", true),
    ("填表人", "filled_by", false),
    ("填报日期", "fill_date", false),
    ("联系电话", "phone", false),
];
const SIGN_OFF_ROWS: &[FormRow] = &[
    ("评价组组长签字日期", "leader_date", false),
    ("部门（单位）意见", "department_opinion", true),
    ("部门意见日期", "department_date", false),
    ("财政部门归口业务股室意见", "finance_opinion", true),
    ("财政意见日期", "finance_date", false),
    ("填报人", "filled_by", false),
    ("联系电话", "phone", false),
];

#[component]
fn CoverSection() -> impl IntoView {
    let doc = use_doc();
    let packs = rules::all();
    let current = move || doc.report.with(|r| r.rule_pack.clone());
    view! {
        <h2>"封面"</h2>
        <table class="official form">
            <tbody>
                <tr><th scope="row">"部门（单位）名称"</th><td><Field path="department".to_string() label="部门（单位）名称" /></td></tr>
                <tr><th scope="row">"年度"</th><td><Field path="year".to_string() label="年度" /></td></tr>
                <tr><th scope="row">"评分规则"</th><td>
                    <select class="field" aria-label="评分规则" data-path="rule_pack"
                        on:change=move |ev| { doc.edit("rule_pack", &event_target_value(&ev)).ok(); }>
                        {packs.iter().map(|p| {
                            let id = p.id.clone();
                            let selected = { let id = id.clone(); move || current() == id };
                            view! { <option value=id prop:selected=selected>{p.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </td></tr>
            </tbody>
        </table>
        {form("cover", COVER_ROWS)}
    }
}

#[component]
fn BasicSection() -> impl IntoView {
    let doc = use_doc();
    let specials = Memo::new(move |_| doc.report.with(|r| r.basic_data.as_ref().map(|b| b.specials.len()).unwrap_or(0)));
    let triple = |label: String, base: String| {
        view! {
            <tr><th scope="row">{label.clone()}</th>
                <td><Field path=format!("{base}.prev_final") label=format!("{label} 上年决算数") /></td>
                <td><Field path=format!("{base}.budget") label=format!("{label} 本年预算数") /></td>
                <td><Field path=format!("{base}.final_") label=format!("{label} 本年决算数") /></td></tr>
        }
    };
    let unit = move || doc.report.with(|r| r.basic_data.as_ref().map(|b| b.unit).unwrap_or_default().label());
    let export_csv = move |_| {
        let (name, csv) = doc.report.with_untracked(|r| {
            (format!("{}-基础数据表.csv", json::file_stem(r)), crate::model::exchange::csv::basic_data(&r.basic_data.clone().unwrap_or_default()))
        });
        offer(doc, &name, &csv, "text/csv;charset=utf-8");
    };
    view! {
        <h2>"基础数据表"</h2>
        <p class="table-actions"><button type="button" class="button" on:click=export_csv>"导出本表 CSV（Excel）"</button></p>
        <h3>"财政供养人员情况"</h3>
        {form("basic_data", STAFF_ROWS)}
        <table class="official">
            <caption>{move || format!("经费控制情况（单位：{}）", unit())}</caption>
            <thead><tr><th>"项目"</th><th>"上年决算数"</th><th>"本年预算数"</th><th>"本年决算数"</th></tr></thead>
            <tbody>
                {BASIC_ROWS[..SPECIALS_AFTER].iter().map(|(field, label)| triple(label.to_string(), format!("basic_data.{field}"))).collect_view()}
                {move || (0..specials.get()).map(|i| view! {
                    <tr><th scope="row"><Field path=format!("basic_data.specials[{i}].name") label=format!("市级专项资金 {} 名称", i + 1) />
                        <button type="button" class="link" on:click=move |_| { doc.change(Change::RemoveSpecial { at: i }); }>"删除"</button></th>
                        <td><Field path=format!("basic_data.specials[{i}].values.prev_final") label="上年决算数" /></td>
                        <td><Field path=format!("basic_data.specials[{i}].values.budget") label="本年预算数" /></td>
                        <td><Field path=format!("basic_data.specials[{i}].values.final_") label="本年决算数" /></td></tr>
                }).collect_view()}
                <tr><td colspan="4"><button type="button" class="link" on:click=move |_| { doc.change(Change::AddSpecial); }>"＋ 添加市级专项资金"</button></td></tr>
                {BASIC_ROWS[SPECIALS_AFTER..].iter().map(|(field, label)| triple(label.to_string(), format!("basic_data.{field}"))).collect_view()}
            </tbody>
        </table>
        {form("basic_data", &[("厉行节约保障措施", "frugality", true)])}
    }
}

#[component]
fn TableSection(
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
        view! { <PerfTableEditor path=p.get_value() /> }.into_any()
    }
}

/// One scored table: header, budget block, goals, indicator rows, totals, sign lines.
#[component]
fn PerfTableEditor(
    /// `overall` or `projects[i]`.
    path: String,
) -> impl IntoView {
    let doc = use_doc();
    let is_project = path.starts_with("projects[");
    let index: usize = path.trim_start_matches("projects[").trim_end_matches(']').parse().unwrap_or(0);
    let p = StoredValue::new(path.clone());
    let goals = Memo::new(move |_| doc.report.with(|r| p.with_value(|p| edit::table(r, p).map(|t| t.goals.len()).unwrap_or(0))));
    let level1 = Memo::new(move |_| doc.report.with(|r| p.with_value(|p| edit::table(r, p).map(|t| t.level1_weights.len()).unwrap_or(0))));
    let result = Memo::new(move |_| doc.evaluation.with(|e| p.with_value(|p| e.tables.iter().find(|t| t.path == *p).cloned())));
    let unit = Memo::new(move |_| doc.report.with(|r| p.with_value(|p| edit::table(r, p).map(|t| t.unit).unwrap_or_default())));
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
            offer(doc, &name, &csv, "text/csv;charset=utf-8");
        }
    };
    view! {
        <h2>{if is_project { "项目支出绩效自评表" } else { "部门整体支出绩效自评表" }}</h2>
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
        <table class="official totals">
            <thead><tr><th></th><th>"填报"</th><th>"计算"</th></tr></thead>
            <tbody>
                <tr><th scope="row">"总分"</th><td><Field path=f("declared_total") label="总分（填报）" /></td>
                    <td>{computed("总分", |r| (r.total.map(crate::model::num::fmt2).unwrap_or_else(|| MISSING.into()), r.total_explain.clone()))}</td></tr>
                <tr><th scope="row">"评价等次"</th><td><Field path=f("declared_grade") label="评价等次（填报）" suggestions="grade-options" /></td>
                    <td>{computed("评价等次", |r| (r.grade.clone().unwrap_or_else(|| MISSING.into()), r.grade_explain.clone()))}</td></tr>
            </tbody>
        </table>
        {form(&p.get_value(), TABLE_FOOT_ROWS)}
        {form(&p.get_value(), if is_project { &[("项目负责人", "head", false)] } else { &[("单位负责人", "head", false)] })}
    }
}

/// The indicator rows of one list, like a spreadsheet: Tab/Shift-Tab across, Enter down,
/// paste a block from Excel or WPS into any cell.
#[component]
fn IndicatorGrid(
    /// `overall` or `projects[i]`.
    table: String,
    /// The table's rows or a goal's rows.
    list: RowList,
) -> impl IntoView {
    let doc = use_doc();
    let t = StoredValue::new(table);
    let n_rows = Memo::new(move |_| {
        doc.report.with(|r| {
            t.with_value(|p| edit::table(r, p)).map(|tb| match list {
                RowList::Table => tb.indicators.len(),
                RowList::Goal(g) => tb.goals.get(g).map(|g| g.indicators.len()).unwrap_or(0),
            })
        }).unwrap_or(0)
    });
    let prefix = list.prefix(&t.get_value());
    view! {
        <table class="official indicators" aria-label="绩效指标">
            <thead>
                <tr>
                    {ROW_COLUMNS.iter().take(7).map(|(_, h)| view! { <th scope="col">{*h}</th> }).collect_view()}
                    <th scope="col">"计算得分"</th>
                    <th scope="col">{ROW_COLUMNS[7].1}</th>
                    <th scope="col"><span class="visually-hidden">"操作"</span></th>
                </tr>
            </thead>
            <tbody data-testid="indicator-rows">
                {move || (0..n_rows.get()).map(|i| view! { <IndicatorRow table=t.get_value() list=list row=i /> }).collect_view()}
            </tbody>
        </table>
        <p class="grid-actions">
            <button type="button" class="button" data-testid="add-row" on:click=move |_| {
                let at = n_rows.get_untracked();
                if doc.change(Change::InsertRow { table: t.get_value(), list, at }) {
                    let selector = format!("[data-grid=\"{prefix}\"][data-row=\"{at}\"][data-col=\"2\"]");
                    set_timeout(move || { crate::app::cells::focus_selector(&selector); }, Duration::ZERO);
                }
            }>"＋ 添加指标行"</button>
            <span class="hint">"提示：可从 Excel / WPS 复制多行指标，粘贴到任一单元格；Enter 下移，Tab 右移，Ctrl+Z 撤销。"</span>
        </p>
    }
}

#[component]
fn IndicatorRow(
    /// Table path.
    table: String,
    /// Row list.
    list: RowList,
    /// Row index.
    row: usize,
) -> impl IntoView {
    let doc = use_doc();
    let base = format!("{}[{row}]", list.prefix(&table));
    let b = StoredValue::new(base.clone());
    let t = StoredValue::new(table.clone());
    let result = Memo::new(move |_| {
        doc.evaluation.with(|e| {
            let table = e.tables.iter().find(|tr| t.with_value(|t| tr.path == *t))?;
            b.with_value(|b| table.rows.iter().find(|r| r.path == *b).cloned())
        })
    });
    let continued = Memo::new(move |_| {
        row > 0 && doc.report.with(|r| {
            let prev = format!("{}[{}]", list.prefix(&t.get_value()), row - 1);
            edit::get(r, &format!("{prev}.level1")) == b.with_value(|b| edit::get(r, &format!("{b}.level1")))
        })
    });
    let understood = move |pick: fn(&RowResult) -> String| Signal::derive(move || result.get().map(|r| pick(&r)).unwrap_or_default());
    let cell = move |c: usize| {
        let (field, header) = ROW_COLUMNS[c];
        let grid = GridPos { table: t.get_value(), list, row, column: c };
        let path = format!("{}.{field}", b.get_value());
        let label = format!("第{}行 {header}", row + 1);
        match field {
            "level1" => view! { <td><Field path=path label=label grid=grid suggestions="level1-options" /></td> }.into_any(),
            "level2" => view! { <td><Field path=path label=label grid=grid suggestions="level2-options" /></td> }.into_any(),
            "target" => view! { <td><Field path=path label=label grid=grid understood=understood(|r| r.target_understood.clone()) /></td> }.into_any(),
            "actual" => view! { <td><Field path=path label=label grid=grid understood=understood(|r| r.actual_understood.clone()) /></td> }.into_any(),
            _ => view! { <td><Field path=path label=label grid=grid /></td> }.into_any(),
        }
    };
    let qualitative = Memo::new(move |_| result.get().is_some_and(|r| r.kind == RowKind::Qualitative));
    let remove = move |_| {
        if doc.change(Change::RemoveRow { table: t.get_value(), list, at: row }) {
            doc.notice.set(Some(format!("已删除第{}行。可按 Ctrl+Z 撤销。", row + 1)));
        }
    };
    view! {
        <tr class:continued=move || continued.get() class:group-start=move || !continued.get()>
            {(0..7).map(cell).collect_view()}
            <td class="score-cell">
                <Computed title=format!("第{}行 计算得分", row + 1)
                    value=Signal::derive(move || result.get().map(|r| row_score(&r)).unwrap_or_else(|| MISSING.into()))
                    explain=Signal::derive(move || result.get().map(|r| (r.explain.text, r.explain.clause)).unwrap_or_default()) />
                {move || qualitative.get().then(|| view! { <TierPicker base=b.get_value() /> })}
            </td>
            {cell(7)}
            <td class="row-actions">
                <button type="button" class="icon" aria-label=format!("在第{}行下方插入行", row + 1)
                    on:click=move |_| { doc.change(Change::InsertRow { table: t.get_value(), list, at: row + 1 }); }>"＋"</button>
                <button type="button" class="icon" aria-label=format!("第{}行上移", row + 1)
                    on:click=move |_| { doc.change(Change::MoveRow { table: t.get_value(), list, at: row, up: true }); }>"↑"</button>
                <button type="button" class="icon" aria-label=format!("第{}行下移", row + 1)
                    on:click=move |_| { doc.change(Change::MoveRow { table: t.get_value(), list, at: row, up: false }); }>"↓"</button>
                <button type="button" class="icon" data-testid="remove-row" aria-label=format!("删除第{}行", row + 1) on:click=remove>"删"</button>
            </td>
        </tr>
    }
}

/// The indicator row at a row path (`overall.goals[0].indicators[2]`).
fn row_at<'a>(report: &'a Report, path: &str) -> Option<&'a crate::model::report::Indicator> {
    let (table_path, rest) = path.split_once('.')?;
    let table = edit::table(report, table_path)?;
    let index = |s: &str| s.rsplit_once('[').and_then(|(_, i)| i.strip_suffix(']')).and_then(|i| i.parse::<usize>().ok());
    match rest.split_once('.') {
        None => table.indicators.get(index(rest)?),
        Some((goal, row)) => table.goals.get(index(goal)?)?.indicators.get(index(row)?),
    }
}

/// 定性指标: the tier and a score within the tier's band.
#[component]
fn TierPicker(
    /// Row path.
    base: String,
) -> impl IntoView {
    let doc = use_doc();
    let b = StoredValue::new(base);
    let pack = move || doc.report.with(|r| rules::find(&r.rule_pack));
    let tier = move || doc.report.with(|r| edit::get(r, &format!("{}.tier", b.get_value())));
    let band = move || {
        doc.report.with(|r| {
            let indicator = row_at(r, &b.get_value())?;
            tier_band(rules::find(&r.rule_pack)?, indicator)
        })
    };
    view! {
        <span class="tier">
            <select class="field" aria-label="定性指标评定档次" data-path=format!("{}.tier", b.get_value())
                on:change=move |ev| { b.with_value(|b| doc.edit(&format!("{b}.tier"), &event_target_value(&ev))).ok(); }>
                <option value="" prop:selected=move || tier().is_empty()>"评定档次…"</option>
                {move || pack().map(|p| p.qualitative.tiers.iter().map(|x| {
                    let key = x.tier.key();
                    view! { <option value=key prop:selected=move || tier() == key>{x.name.clone()}</option> }
                }).collect_view())}
            </select>
            <Field path=format!("{}.assessed_score", b.get_value()) label="评定得分" />
            <span class="band">{band}</span>
        </span>
    }
}

#[component]
fn MonitorSection() -> impl IntoView {
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
            <thead><tr><th></th><th>"全年预算数"</th><th>"全年执行数"</th><th>"偏差原因分析"</th><th>"拟采取的措施"</th></tr></thead>
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

#[component]
fn SignOffSection() -> impl IntoView {
    let doc = use_doc();
    let n = Memo::new(move |_| doc.report.with(|r| r.sign_off.as_ref().map(|s| s.reviewers.len()).unwrap_or(0)));
    view! {
        <h2>"评价人员"</h2>
        <table class="official">
            <thead><tr><th>"姓名"</th><th>"职务（职称）"</th><th>"单位"</th><th>"签字"</th><th></th></tr></thead>
            <tbody>{move || (0..n.get()).map(|i| view! {
                <tr><td><Field path=format!("sign_off.reviewers[{i}].name") label=format!("评价人员{} 姓名", i + 1) /></td>
                    <td><Field path=format!("sign_off.reviewers[{i}].title") label=format!("评价人员{} 职务（职称）", i + 1) /></td>
                    <td><Field path=format!("sign_off.reviewers[{i}].unit") label=format!("评价人员{} 单位", i + 1) /></td>
                    <td class="sign-line">"（打印后签字）"</td>
                    <td><button type="button" class="link" on:click=move |_| { doc.change(Change::RemoveReviewer { at: i }); }>"删除"</button></td></tr>
            }).collect_view()}</tbody>
        </table>
        <button type="button" class="button" on:click=move |_| { doc.change(Change::AddReviewer); }>"＋ 添加评价人员"</button>
        {form("sign_off", SIGN_OFF_ROWS)}
    }
}

#[component]
fn NarrativeSection() -> impl IntoView {
    let doc = use_doc();
    let titles = Memo::new(move |_| doc.report.with(|r| r.narrative.iter().map(|s| s.title.clone()).collect::<Vec<_>>()));
    view! {
        <h2>"自评报告"</h2>
        {move || titles.get().is_empty().then(|| view! {
            <p>"本报告还没有自评报告正文。"
                <button type="button" class="button" on:click=move |_| {
                    if doc.change(Change::AddNarrative) {
                        doc.notice.set(Some("已按本地区提纲添加自评报告各部分。".into()));
                    }
                }>"按本地区提纲添加"</button></p>
        })}
        {move || titles.get().into_iter().enumerate().map(|(i, title)| {
            let path = format!("narrative[{i}].text");
            let insert_path = path.clone();
            let heading = title.clone();
            let label = format!("{title} 正文");
            view! {
                <div class="narrative-section">
                    <h3>{heading}</h3>
                    <button type="button" class="button" data-testid="insert-data" on:click=move |_| {
                        let text = doc.report.with_untracked(|r| doc.evaluation.with_untracked(|e| draft(r, e, &title)));
                        if text.is_empty() {
                            doc.notice.set(Some("表内没有可用于本部分的数据。".into()));
                            return;
                        }
                        let current = doc.report.with_untracked(|r| edit::get(r, &insert_path));
                        let joined = if current.trim().is_empty() { text } else { format!("{}\n{text}", current.trim_end()) };
                        if doc.edit(&insert_path, &joined).is_ok() {
                            doc.seal();
                            doc.notice.set(Some("已插入表内数据，可自由修改。".into()));
                        }
                    }>"插入数据"</button>
                    <Field path=path label=label multiline=true />
                </div>
            }
        }).collect_view()}
    }
}

/// The explanation of the figure or field in focus.
#[component]
fn ExplainPanel() -> impl IntoView {
    let doc = use_doc();
    view! {
        <aside class="explain" data-testid="explain" aria-live="polite" aria-label="计算说明">
            {move || match doc.explain.get() {
                Some(e) => view! {
                    <strong>{e.title}</strong>
                    <span class="explain-text">{e.text}</span>
                    {(!e.clause.is_empty()).then(|| view! { <span class="clause">"依据："{e.clause}</span> })}
                }.into_any(),
                None => view! { <span class="hint">"点击或用 Tab 选中任一计算结果，可在此查看计算公式和规则依据。"</span> }.into_any(),
            }}
        </aside>
    }
}

/// 检查结果: every finding grouped by table; a click goes to the field and focuses it.
#[component]
fn FindingsList() -> impl IntoView {
    let doc = use_doc();
    let groups = Memo::new(move |_| {
        doc.evaluation.with(|e| {
            let mut groups: Vec<(String, Vec<crate::model::Finding>)> = Vec::new();
            let report_level: Vec<_> = e.findings_of(None).cloned().collect();
            if !report_level.is_empty() {
                groups.push(("报告其他部分".into(), report_level));
            }
            for t in &e.tables {
                let list: Vec<_> = e.findings_of(Some(&t.path)).cloned().collect();
                if !list.is_empty() {
                    let name = doc.report.with(|r| table_label(r, &t.path));
                    groups.push((name, list));
                }
            }
            groups
        })
    });
    view! {
        <section class="findings" data-testid="findings" aria-labelledby="findings-heading">
            <h2 id="findings-heading" tabindex="-1">"检查结果"</h2>
            {move || groups.get().is_empty().then(|| view! { <p>"未发现问题。"</p> })}
            {move || groups.get().into_iter().map(|(name, list)| view! {
                <h3>{name}</h3>
                <ul>
                    {list.into_iter().map(|f| {
                        let path = f.path.clone();
                        let class = if f.severity == Severity::Error { "finding error" } else { "finding warning" };
                        view! {
                            <li class=class>
                                <button type="button" class="finding-link" data-testid="finding" data-finding=f.path.clone()
                                    on:click=move |_| open_finding(doc, path.clone())>
                                    <span class="severity">{f.severity.label()}</span>
                                    <span class="message">{f.message}</span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }).collect_view()}
        </section>
    }
}

fn open_finding(doc: Doc, path: String) {
    go(doc, Section::of_path(&path));
    set_timeout(
        move || {
            if !focus_path(&path) {
                doc.notice.set(Some("该问题所在的栏目不在当前页面上。".into()));
            }
        },
        Duration::ZERO,
    );
}

/// `<datalist>`s of the rule pack's 一级/二级指标 and grades.
#[component]
fn Suggestions() -> impl IntoView {
    let doc = use_doc();
    let pack = Memo::new(move |_| doc.report.with(|r| r.rule_pack.clone()));
    move || {
        let Some(p) = rules::find(&pack.get()) else { return ().into_any() };
        view! {
            <datalist id="level1-options">{p.level1.iter().map(|l| view! { <option value=l.name.clone()></option> }).collect_view()}</datalist>
            <datalist id="level2-options">{p.level1.iter().flat_map(|l| l.level2.iter()).map(|l| view! { <option value=l.clone()></option> }).collect_view()}</datalist>
            <datalist id="grade-options">{p.grades.iter().map(|g| view! { <option value=g.name.clone()></option> }).collect_view()}</datalist>
        }
        .into_any()
    }
}
