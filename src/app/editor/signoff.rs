//! The 评价人员 sign-off block and the 自评报告 narrative with 插入数据.

use leptos::prelude::*;

use crate::app::cells::Field;
use crate::app::doc::use_doc;
use crate::model::insert_data::draft;
use crate::model::edit::{self, Change};

use super::forms::{form, SIGN_OFF_ROWS};

#[component]
pub(super) fn SignOffSection() -> impl IntoView {
    let doc = use_doc();
    let n = Memo::new(move |_| doc.report.with(|r| r.sign_off.as_ref().map(|s| s.reviewers.len()).unwrap_or(0)));
    view! {
        <h2>"评价人员"</h2>
        <table class="official">
            <thead><tr><th>"姓名"</th><th>"职务（职称）"</th><th>"单位"</th><th>"签字"</th><th><span class="visually-hidden">"操作"</span></th></tr></thead>
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
pub(super) fn NarrativeSection() -> impl IntoView {
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
            if title == crate::model::report::IMPORT_NOTES_TITLE {
                // What an import did not place: kept in the draft, printed or exported to Word
                // only when 附上导入时未识别的内容 is ticked.
                return view! {
                    <div class="narrative-section import-notes" data-testid="import-notes">
                        <h3>{heading}</h3>
                        <p class="hint">"导入时未能放入表格的内容，仅保存在草稿中供核对；打印和导出 Word 时勾选“附上导入时未识别的内容”才会附上。"</p>
                        <Field path=path label=label multiline=true />
                    </div>
                }.into_any();
            }
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
                        if doc.set_field(&insert_path, &joined).is_ok() {
                            doc.seal();
                            doc.notice.set(Some("已插入表内数据，可自由修改。".into()));
                        }
                    }>"插入数据"</button>
                    <Field path=path label=label multiline=true />
                </div>
            }.into_any()
        }).collect_view()}
    }
}
