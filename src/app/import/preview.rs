//! The import preview of one file: each recognised table with the 总分 the department declared
//! beside the one jixiao computes, the proposed rule pack, 年度 and 部门 for the user to confirm
//! or change, the figures not read said in words on their table, the columns no head named
//! (each can be assigned to a field by hand: the table is read again at once, and the choice is
//! remembered for files with the same header until cleared), and every cell that was not
//! placed; 导入 stores it as a new draft.

use leptos::prelude::*;

use crate::app::storage;
use crate::model::evaluate;
use crate::model::exchange::import::{figures, finish, unread, Choice, Preview};
use crate::model::exchange::recognize::{assignable_fields, ColumnOverride};
use crate::model::rules;

/// One file's preview; `done` gets its key and, when 导入 or 取消 was pressed, the message.
#[component]
pub fn PreviewCard(
    /// Identifies the preview in the panel's list.
    key: u32,
    /// File name (or 粘贴的表格).
    name: String,
    /// What the reader worker recognised.
    preview: Preview,
    /// Called with the key and the outcome (`None` when cancelled).
    done: Callback<(u32, Option<Result<String, String>>)>,
) -> impl IntoView {
    let pack = RwSignal::new(preview.proposal.rule_pack.clone());
    let year = RwSignal::new(preview.proposal.year.map(|y| y.to_string()).unwrap_or_default());
    let department = RwSignal::new(preview.proposal.department.clone());
    let keep = RwSignal::new(true);
    let preview = RwSignal::new(preview);
    let reading = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    // Read the file again (in the reader worker) with these columns assigned by hand.
    let reread = move |overrides: Vec<ColumnOverride>| {
        reading.set(true);
        leptos::task::spawn_local(async move {
            match super::reread(key, &overrides).await {
                Ok(p) => {
                    preview.set(p);
                    problem.set(None);
                }
                Err(m) => problem.set(Some(m)),
            }
            reading.set(false);
        });
    };
    // Columns assigned earlier for tables with the same header are applied at once.
    let remembered: Vec<ColumnOverride> = preview.with_untracked(|p| {
        p.tables
            .iter()
            .flat_map(|t| storage::column_choices(&t.header).into_iter().map(|(column, field)| ColumnOverride { table: t.table, column, field }))
            .collect()
    });
    if !remembered.is_empty() {
        reread(remembered);
    }
    let assign = move |table: usize, header: String, column: usize, field: String| {
        let mut overrides = preview.with_untracked(|p| p.overrides.clone());
        overrides.retain(|o| !(o.table == table && o.column == column));
        if !field.is_empty() {
            overrides.retain(|o| !(o.table == table && o.field == field));
            overrides.push(ColumnOverride { table, column, field });
        }
        let mine: Vec<(usize, String)> = overrides.iter().filter(|o| o.table == table).map(|o| (o.column, o.field.clone())).collect();
        if let Err(m) = storage::save_column_choices(&header, &mine) {
            problem.set(Some(m));
        }
        reread(overrides);
    };
    let clear = move |table: usize, header: String| {
        let mut overrides = preview.with_untracked(|p| p.overrides.clone());
        overrides.retain(|o| o.table != table);
        let _ = storage::save_column_choices(&header, &[]);
        reread(overrides);
    };
    let rows = Memo::new(move |_| {
        let pack = pack.get();
        preview.with(|p| {
            let mut report = p.report.clone();
            report.rule_pack = pack;
            figures(&report, &evaluate(&report))
        })
    });
    let title = name.clone();
    let confirm = move |_| {
        let year_text = year.get_untracked();
        let year = match crate::model::num::normalize(year_text.trim()).parse::<u32>() {
            Ok(y) if (1990..=2100).contains(&y) => y,
            _ if year_text.trim().is_empty() => 0,
            _ => {
                done.run((key, Some(Err(format!("“{title}”未导入：年度“{year_text}”不是有效的年份。")))));
                return;
            }
        };
        let choice = Choice {
            id: storage::new_id(),
            rule_pack: pack.get_untracked(),
            year,
            department: department.get_untracked(),
            keep_leftovers: keep.get_untracked(),
        };
        let report = preview.with_untracked(|p| finish(p, &choice));
        let outcome = storage::write(&report, None, None).map(|meta| {
            let _ = web_sys::window().map(|w| w.location().set_hash(&format!("#/edit/{}", report.id)));
            format!("已导入“{title}”，保存为草稿“{}”。", meta.name)
        });
        done.run((key, Some(outcome)));
    };
    let why = preview.with_untracked(|p| p.proposal.why.clone());
    let n_tables = move || preview.with(|p| p.tables.len());
    let fields = assignable_fields();
    view! {
        <section class="import-preview" data-testid="import-preview" aria-label=format!("导入预览：{name}")>
            <h3>{let name = name.clone(); move || format!("“{name}”：识别到 {} 张表", n_tables())}</h3>
            <ul class="import-found">
                {move || preview.with(|p| p.tables.iter().map(|t| {
                    let (table, header) = (t.table, t.header.clone());
                    let assigned: Vec<usize> = p.overrides.iter().filter(|o| o.table == table).map(|o| o.column).collect();
                    let open: Vec<(usize, String, String)> = t.columns.iter()
                        .filter(|c| c.field.is_empty() || assigned.contains(&c.column))
                        .map(|c| (c.column, c.head.clone(), c.field.clone()))
                        .collect();
                    let has_assigned = !assigned.is_empty();
                    let fields = fields.clone();
                    let header_for_clear = header.clone();
                    view! {
                        <li>{format!("表 {}：{}", t.table, t.what)}
                            {(!open.is_empty()).then(|| view! {
                                <div class="import-columns" data-testid="import-columns">
                                    <span class="hint">"未识别的列可以指定对应的栏目，表格随即重新读取："</span>
                                    {open.into_iter().map(|(column, head, field)| {
                                        let header = header.clone();
                                        let options = fields.clone();
                                        view! {
                                            <label class="import-column">{format!("第 {column} 列“{head}” → ")}
                                                <select data-testid=format!("import-column-{table}-{column}") prop:value=field.clone()
                                                    on:change=move |ev| assign(table, header.clone(), column, event_target_value(&ev))>
                                                    <option value="">"（不读入）"</option>
                                                    {options.into_iter().map(|(f, label)| view! { <option value=f selected=f == field>{label}</option> }).collect_view()}
                                                </select></label>
                                        }
                                    }).collect_view()}
                                    {has_assigned.then(|| view! {
                                        " "
                                        <button type="button" class="button" data-testid="import-clear-columns" on:click=move |_| clear(table, header_for_clear.clone())>"清除指定"</button>
                                        <span class="hint">" 已按指定读入；表头相同的文件会沿用此指定。"</span>
                                    })}
                                </div>
                            })}
                        </li>
                    }
                }).collect_view())}
            </ul>
            {move || reading.get().then(|| view! { <p class="hint" data-testid="import-rereading">"正在重新读取…"</p> })}
            {move || problem.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            {move || {
                let said = preview.with(unread);
                (!said.is_empty()).then(|| view! {
                    <ul class="notice" data-testid="import-unread">{said.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
                })
            }}
            <div class="import-choices">
                <label>"评分规则 "
                    <select data-testid="import-pack" on:change=move |ev| pack.set(event_target_value(&ev)) prop:value=move || pack.get()>
                        {rules::available().into_iter().map(|p| view! { <option value=p.id.clone()>{p.name.clone()}</option> }).collect_view()}
                    </select></label>
                " "
                <label>"年度 " <input type="text" inputmode="numeric" size="6" data-testid="import-year" prop:value=move || year.get() on:input=move |ev| year.set(event_target_value(&ev)) /></label>
                " "
                <label>"部门（单位）名称 " <input type="text" data-testid="import-department" prop:value=move || department.get() on:input=move |ev| department.set(event_target_value(&ev)) /></label>
            </div>
            <p class="hint">{format!("建议的评分规则：{why}")}</p>
            <table class="official import-figures" data-testid="import-figures">
                <thead><tr><th scope="col">"表"</th><th scope="col">"填报总分"</th><th scope="col">"计算总分"</th><th scope="col">"等次"</th><th scope="col">"错误"</th></tr></thead>
                <tbody>
                    {move || rows.get().into_iter().map(|r| view! {
                        <tr><td>{r.table}</td><td>{r.declared}</td><td data-testid="import-computed">{r.computed}</td><td data-testid="import-grade">{r.grade}</td><td>{r.errors}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
            {move || {
                let notes = preview.with(|p| p.notes.clone());
                (!notes.is_empty()).then(|| view! {
                    <ul class="hint">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                })
            }}
            {move || {
                let leftovers = preview.with(|p| p.leftovers.clone());
                let n_leftovers = leftovers.len();
                (n_leftovers > 0).then(|| view! {
                    <details data-testid="import-leftovers">
                        <summary>{format!("未识别的内容 {n_leftovers} 处")}</summary>
                        <ul>{leftovers.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    </details>
                    <label class="check"><input type="checkbox" data-testid="import-keep-leftovers" prop:checked=move || keep.get() on:change=move |ev| keep.set(event_target_checked(&ev)) />"把未识别的内容保留为报告中的备注（自评报告末尾）"</label>
                })
            }}
            <p>
                <button type="button" class="button primary" data-testid="import-confirm" on:click=confirm>"导入"</button>
                " "
                <button type="button" class="button" data-testid="import-cancel" on:click=move |_| done.run((key, None))>"取消"</button>
            </p>
        </section>
    }
}
