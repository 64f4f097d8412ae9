//! The import preview of one file: each recognised table with the 总分 the department declared
//! beside the one jixiao computes, the proposed rule pack, 年度 and 部门 for the user to confirm
//! or change, the figures not read said in words, the columns no head named (each can be
//! assigned to a field by hand: the panel reads the file again at once and shows the new
//! preview in this one's place; the choice is remembered for files with the same header until
//! cleared), and every cell that was not placed; 导入 stores it as a new draft.
//!
//! The card is built once per preview (no reactive parts beyond the totals): a re-read preview
//! is a new card, which keeps the start-up download small.

use leptos::prelude::*;

use crate::app::storage;
use crate::model::evaluate;
use crate::model::exchange::import::{figures, finish, unread, Choice, Preview};
use crate::model::exchange::found::{assignable_fields, ColumnOverride, Found};
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
    /// Called with the key and the columns assigned by hand: read the file again with them.
    reread: Callback<(u32, Vec<ColumnOverride>)>,
) -> impl IntoView {
    // Columns assigned earlier for tables with the same header apply to a first reading.
    if preview.overrides.is_empty() {
        let remembered: Vec<ColumnOverride> = preview
            .tables
            .iter()
            .flat_map(|t| storage::column_choices(&t.header).into_iter().map(|(column, field)| ColumnOverride { table: t.table, column, field }))
            .collect();
        if !remembered.is_empty() {
            reread.run((key, remembered));
        }
    }
    let overrides = preview.overrides.clone();
    let overrides_all = overrides.clone();
    let assign = move |table: usize, header: &str, column: usize, field: String| {
        let mut list = overrides.clone();
        list.retain(|o| !(o.table == table && (o.column == column || o.field == field)));
        if !field.is_empty() {
            list.push(ColumnOverride { table, column, field });
        }
        let mine: Vec<(usize, String)> = list.iter().filter(|o| o.table == table).map(|o| (o.column, o.field.clone())).collect();
        let _ = storage::save_column_choices(header, &mine);
        reread.run((key, list));
    };
    let pack = RwSignal::new(preview.proposal.rule_pack.clone());
    let year = RwSignal::new(preview.proposal.year.map(|y| y.to_string()).unwrap_or_default());
    let department = RwSignal::new(preview.proposal.department.clone());
    let keep = RwSignal::new(true);
    let preview = StoredValue::new(preview);
    let rows = Memo::new(move |_| {
        let pack = pack.get();
        preview.with_value(|p| {
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
        let report = preview.with_value(|p| finish(p, &choice));
        // The same file imported twice: ask, as a JSON report already stored is asked about.
        if let Some(same) = storage::same_content(&report) {
            let question = format!("“{title}”的内容与已有草稿“{same}”完全相同。仍要再保存一份吗？\n选“取消”可回到预览，不保存。");
            if !window().confirm_with_message(&question).unwrap_or(true) {
                return;
            }
        }
        let outcome = storage::write(&report, None, None).map(|meta| {
            crate::app::editor::focus_first_field_on_open();
            let _ = web_sys::window().map(|w| w.location().set_hash(&format!("#/edit/{}", report.id)));
            format!("已导入“{title}”，保存为草稿“{}”。", meta.name)
        });
        done.run((key, Some(outcome)));
    };
    let (tables, leftovers, notes, why) = preview.with_value(|p| (p.tables.clone(), p.leftovers.clone(), p.notes.clone(), p.proposal.why.clone()));
    let (said, assigned) = preview.with_value(|p| (unread(p), p.overrides.clone()));
    let n_leftovers = leftovers.len();
    let fields = assignable_fields();
    let columns_of = move |t: &crate::model::exchange::found::Found| {
        let mine: Vec<usize> = assigned.iter().filter(|o| o.table == t.table).map(|o| o.column).collect();
        let open: Vec<_> = t.columns.iter().filter(|c| c.field.is_empty() || mine.contains(&c.column)).cloned().collect();
        let (table, header) = (t.table, t.header.clone());
        let assign = assign.clone();
        (!open.is_empty()).then(|| view! {
            <div class="import-columns" data-testid="import-columns">
                <span class="hint">"未识别的列可指定对应的栏目，表格随即重新读取："</span>
                {open.into_iter().map(|c| {
                    let (column, field) = (c.column, c.field.clone());
                    let header = header.clone();
                    let assign = assign.clone();
                    view! {
                        <label class="import-column">{format!("第 {column} 列“{}” → ", c.head)}
                            <select data-testid=format!("import-column-{table}-{column}") on:change=move |ev| assign(table, &header, column, event_target_value(&ev))>
                                <option value="">"（不读入）"</option>
                                {fields.iter().map(|(f, label)| view! { <option value=*f selected=*f == field>{*label}</option> }).collect_view()}
                            </select></label>
                    }
                }).collect_view()}
                {(!mine.is_empty()).then(|| {
                    let header = header.clone();
                    let rest: Vec<ColumnOverride> = overrides_all.iter().filter(|o| o.table != table).cloned().collect();
                    let clear = move |_| {
                        let _ = storage::save_column_choices(&header, &[]);
                        reread.run((key, rest.clone()));
                    };
                    view! {
                        " "<button type="button" class="button" data-testid="import-clear-columns" on:click=clear>"清除指定"</button>
                        <span class="hint">" 已按指定读入；表头相同的文件会沿用此指定。"</span>
                    }
                })}
            </div>
        })
    };
    // The preview usually appears below the fold: bring its heading to the top and put the
    // focus there, so a keyboard or screen-reader user continues from the preview. A card that
    // replaces one re-read with a column assigned by hand puts the focus back on that column's
    // choice instead, so the user stays where they were.
    let heading = NodeRef::<leptos::html::H3>::new();
    let last_assigned = preview.with_value(|p| p.overrides.last().map(|o| format!("[data-testid=\"import-column-{}-{}\"]", o.table, o.column)));
    Effect::new(move |_| {
        let Some(h) = heading.get() else { return };
        if !last_assigned.as_deref().is_some_and(crate::app::cells::focus_selector) {
            h.scroll_into_view();
            let _ = h.focus();
        }
    });
    view! {
        <section class="import-preview" data-testid="import-preview" aria-label=format!("导入预览：{name}")>
            <h3 node_ref=heading tabindex="-1" data-testid="import-preview-heading">{found_heading(&name, &tables)}</h3>
            <ul class="import-found">
                {tables.iter().map(|t| view! { <li>{if t.table == 0 { t.what.clone() } else { format!("表 {}：{}", t.table, t.what) }}{columns_of(t)}</li> }).collect_view()}
            </ul>
            {(!said.is_empty()).then(|| view! {
                <ul class="notice" data-testid="import-unread">{said.into_iter().map(|u| view! { <li>{u}</li> }).collect_view()}</ul>
            })}
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
            {(!notes.is_empty()).then(|| view! {
                <ul class="hint">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            })}
            {(n_leftovers > 0).then(|| view! {
                <details data-testid="import-leftovers">
                    <summary>{format!("未识别的内容 {n_leftovers} 处")}</summary>
                    <ul>{leftovers.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                </details>
                <label class="check"><input type="checkbox" data-testid="import-keep-leftovers" prop:checked=move || keep.get() on:change=move |ev| keep.set(event_target_checked(&ev)) />"把未识别的内容保留为报告中的备注（自评报告末尾）"</label>
            })}
            <p>
                <button type="button" class="button primary" data-testid="import-confirm" on:click=confirm>"导入"</button>
                " "
                <button type="button" class="button" data-testid="import-cancel" on:click=move |_| done.run((key, None))>"取消"</button>
            </p>
        </section>
    }
}

/// "“附件2.docx”：识别到 2 张表", "…：识别到 2 张表和自评报告", "…：识别到自评报告": the 自评报告
/// (entry 0 of the list) is not counted as a table.
fn found_heading(name: &str, found: &[Found]) -> String {
    let tables = found.iter().filter(|t| t.table != 0).count();
    let narrative = found.iter().any(|t| t.table == 0);
    match (tables, narrative) {
        (0, true) => format!("“{name}”：识别到自评报告"),
        (n, true) => format!("“{name}”：识别到 {n} 张表和自评报告"),
        (n, false) => format!("“{name}”：识别到 {n} 张表"),
    }
}
