//! The indicator grid: rows with their computed scores, the qualitative tier picker and the
//! rule pack's suggestions for 一级/二级指标 and grades.

use std::time::Duration;

use leptos::prelude::*;

use crate::app::cells::{Computed, Field, GridPos};
use crate::app::doc::use_doc;
use crate::model::edit::{self, Change, RowList, ROW_COLUMNS};
use crate::model::report::Report;
use crate::model::rules;
use crate::model::score::{RowKind, RowResult};
use crate::model::Evaluation;
use crate::model::view::{row_score, tier_band, MISSING};

/// The indicator rows of one list, like a spreadsheet: Tab/Shift-Tab across, Enter down,
/// paste a block from Excel or WPS into any cell.
#[component]
pub(super) fn IndicatorGrid(
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
    // One signal per row for what the row shows from the whole report, set by one effect only
    // when that row's figures change: a keystroke wakes the row it changes, not 300 per-row
    // memos re-reading the report (each re-subscription costs O(subscribers), so that was
    // quadratic in the rows). The signals belong to the grid, not to a render of the rows.
    let owner = Owner::current().unwrap_or_default();
    let shown: StoredValue<Vec<RwSignal<RowShown>>> = StoredValue::new(Vec::new());
    let refresh = move || {
        doc.evaluation.with_untracked(|e| doc.report.with_untracked(|r| shown.with_value(|s| t.with_value(|t| refresh_rows(r, e, t, list, s)))));
    };
    let row_signals = move |n: usize| {
        shown.update_value(|s| {
            while s.len() < n {
                s.push(owner.with(|| RwSignal::new(RowShown::default())));
            }
        });
        refresh();
        shown.get_value()
    };
    Effect::new(move |_| {
        doc.evaluation.track();
        doc.report.track();
        refresh();
    });
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
                {move || {
                    let n = n_rows.get();
                    let signals = row_signals(n);
                    (0..n).map(|i| view! { <IndicatorRow table=t.get_value() list=list row=i shown=signals[i] /> }).collect_view()
                }}
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
pub(super) fn IndicatorRow(
    /// Table path.
    table: String,
    /// Row list.
    list: RowList,
    /// Row index.
    row: usize,
    /// What the row shows from the report and its evaluation.
    shown: RwSignal<RowShown>,
) -> impl IntoView {
    let doc = use_doc();
    let base = format!("{}[{row}]", list.prefix(&table));
    let b = StoredValue::new(base.clone());
    let t = StoredValue::new(table.clone());
    let result = Memo::new(move |_| shown.with(|s| s.result.clone()));
    let continued = Memo::new(move |_| shown.with(|s| s.continued));
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
            "reason" => view! { <td><Field path=path label=label grid=grid multiline=true /></td> }.into_any(),
            _ => view! { <td><Field path=path label=label grid=grid /></td> }.into_any(),
        }
    };
    let qualitative = Memo::new(move |_| result.get().is_some_and(|r| r.kind == RowKind::Qualitative));
    // The row as the icon buttons name it: "第3行“资金到位率”".
    let named = Memo::new(move |_| shown.with(|s| if s.name.is_empty() { format!("第{}行", row + 1) } else { format!("第{}行“{}”", row + 1, s.name) }));
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
            // One Tab stop per row for its four buttons; ←/→ move between them.
            <td class="row-actions"><div class="row-toolbar" role="toolbar" aria-label=move || format!("{}操作（←/→ 切换按钮）", named.get())
                data-testid="row-toolbar" on:keydown=crate::app::cells::toolbar_keys>
                <button type="button" class="icon" tabindex="0" aria-label=move || format!("在{}下方插入一行", named.get())
                    on:click=move |_| { doc.change(Change::InsertRow { table: t.get_value(), list, at: row + 1 }); }>"＋"</button>
                <button type="button" class="icon" tabindex="-1" aria-label=move || format!("把{}上移一行", named.get())
                    on:click=move |_| { doc.change(Change::MoveRow { table: t.get_value(), list, at: row, up: true }); }>"↑"</button>
                <button type="button" class="icon" tabindex="-1" aria-label=move || format!("把{}下移一行", named.get())
                    on:click=move |_| { doc.change(Change::MoveRow { table: t.get_value(), list, at: row, up: false }); }>"↓"</button>
                <button type="button" class="icon" tabindex="-1" data-testid="remove-row" aria-label=move || format!("删除{}", named.get()) on:click=remove>"删"</button>
            </div></td>
        </tr>
    }
}

/// What an indicator row shows that depends on the rest of the report: its computed result,
/// whether it continues the 一级指标 group of the row above, and its name (trimmed, for the
/// icon buttons' labels).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct RowShown {
    result: Option<RowResult>,
    continued: bool,
    name: String,
}

/// Sets each row's signal from the report and its evaluation, only where it changed (compared
/// in place: nothing is cloned for the rows a keystroke did not change).
fn refresh_rows(r: &Report, e: &Evaluation, table: &str, list: RowList, signals: &[RwSignal<RowShown>]) {
    let prefix = list.prefix(table);
    let rows = edit::table(r, table).and_then(|tb| match list {
        RowList::Table => Some(&tb.indicators),
        RowList::Goal(g) => tb.goals.get(g).map(|g| &g.indicators),
    });
    let results: &[RowResult] = e.tables.iter().find(|x| x.path == table).map(|x| &x.rows[..]).unwrap_or(&[]);
    // Goal rows follow each other in the table's results: find where this list starts.
    let first = format!("{prefix}[0]");
    let start = results.iter().position(|x| x.path == first).unwrap_or(0);
    for (i, signal) in signals.iter().enumerate() {
        let path = format!("{prefix}[{i}]");
        let result = results.get(start + i).filter(|x| x.path == path).or_else(|| results.iter().find(|x| x.path == path));
        let indicator = rows.and_then(|rows| rows.get(i));
        let continued = i > 0 && rows.and_then(|rows| rows.get(i - 1)).zip(indicator).is_some_and(|(a, b)| a.level1 == b.level1);
        let name = indicator.map(|x| x.name.trim()).unwrap_or("");
        let same = signal.try_with_untracked(|s| s.result.as_ref() == result && s.continued == continued && s.name == name).unwrap_or(true);
        if !same {
            signal.try_set(RowShown { result: result.cloned(), continued, name: name.to_string() });
        }
    }
}

/// The indicator row at a row path (`overall.goals[0].indicators[2]`).
pub(super) fn row_at<'a>(report: &'a Report, path: &str) -> Option<&'a crate::model::report::Indicator> {
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
pub(super) fn TierPicker(
    /// Row path.
    base: String,
) -> impl IntoView {
    let doc = use_doc();
    let b = StoredValue::new(base);
    let pack_id = Memo::new(move |_| doc.report.with(|r| r.rule_pack.clone()));
    let pack = move || rules::find(&pack_id.get());
    let tier_memo = Memo::new(move |_| doc.report.with(|r| edit::get(r, &format!("{}.tier", b.get_value()))));
    let tier = move || tier_memo.get();
    let band = Memo::new(move |_| {
        doc.report.with(|r| {
            let indicator = row_at(r, &b.get_value())?;
            tier_band(rules::find(&r.rule_pack)?, indicator)
        })
    });
    view! {
        <span class="tier">
            <select class="field" aria-label="定性指标评定档次" data-path=format!("{}.tier", b.get_value())
                on:change=move |ev| { b.with_value(|b| doc.set_field(&format!("{b}.tier"), &event_target_value(&ev))).ok(); }>
                <option value="" prop:selected=move || tier().is_empty()>"评定档次…"</option>
                {move || pack().map(|p| p.qualitative.tiers.iter().map(|x| {
                    let key = x.tier.key();
                    view! { <option value=key prop:selected=move || tier() == key>{x.name.clone()}</option> }
                }).collect_view())}
            </select>
            <Field path=format!("{}.assessed_score", b.get_value()) label="评定得分" />
            <span class="band">{move || band.get()}</span>
        </span>
    }
}

/// `<datalist>`s of the rule pack's 一级/二级指标 and grades.
#[component]
pub(super) fn Suggestions() -> impl IntoView {
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
