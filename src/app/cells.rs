//! The editor's building blocks: an input bound to a report field by path, and a computed
//! figure that opens its explanation. Tables are rendered from lists of paths, not from one
//! hand-written component per field.
//!
//! A field keeps the text as typed (so "1." or "１０" stay under the user's fingers) and writes
//! it to the model on every keystroke; it takes the model's value back only when the model
//! changed under it (undo, paste, unit switch). A value the model refuses is kept in the input,
//! marked, and explained; the model keeps its last valid value.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::doc::use_doc;
use crate::model::edit::{self, FieldKind, RowList};
use crate::model::finding::Severity;

/// A cell's place in a spreadsheet-like grid: Enter moves down, and a paste fills from here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridPos {
    /// The table path (`overall`, `projects[1]`).
    pub table: String,
    /// Which row list.
    pub list: RowList,
    /// Row index in the list.
    pub row: usize,
    /// Column index in `edit::ROW_COLUMNS`.
    pub column: usize,
}

impl GridPos {
    /// The grid's DOM id (one per row list).
    pub fn grid_id(&self) -> String {
        self.list.prefix(&self.table)
    }
}

/// An input bound to the report field at `path`.
#[component]
pub fn Field(
    /// Path of the field, e.g. `overall.indicators[3].actual` (the same path findings carry).
    path: String,
    /// Accessible label (the official column or row name).
    #[prop(into)]
    label: String,
    /// A multi-line text area instead of a one-line input.
    #[prop(optional)]
    multiline: bool,
    /// Position in an indicator grid (Enter moves down, paste fills rows).
    #[prop(optional)]
    grid: Option<GridPos>,
    /// Id of a `<datalist>` with suggestions.
    #[prop(optional)]
    suggestions: Option<&'static str>,
    /// What the model understood of the text (shown next to it), e.g. "≥ 4 次".
    #[prop(optional, into)]
    understood: Option<Signal<String>>,
) -> impl IntoView {
    let doc = use_doc();
    let kind = doc.report.with_untracked(|r| edit::kind_in(r, &path)).unwrap_or(FieldKind::Text);
    let initial = doc.report.with_untracked(|r| edit::get(r, &path));
    let text = RwSignal::new(initial);
    let error = RwSignal::new(None::<String>);
    let path = StoredValue::new(path);

    // Take the model's value when it changed under the field (undo, paste, unit switch).
    // Only changes that can rewrite this field are watched (`external`), not every keystroke
    // elsewhere: typing into one cell never changes another.
    let kept = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        doc.external.track();
        let (model, same) = doc.report.with_untracked(|r| {
            path.with_value(|p| {
                let model = edit::get(r, p);
                let same = edit::shows_at(r, p, kind, &text.get_untracked(), &model);
                (model, same)
            })
        });
        if !same && error.get_untracked().is_none() {
            text.set(model);
            kept.set(None);
        }
    });

    let mark = path.with_value(|p| doc.mark_of(p));
    let on_input = move |value: String| {
        text.set(value.clone());
        kept.set(None);
        match path.with_value(|p| doc.edit(p, &value)) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(doc.report.with_untracked(|r| path.with_value(|p| edit::refused_message(r, p, &e))))),
        }
    };
    // Leaving a cell whose text was refused shows the value in force again, with a note that
    // stays until the next edit: the screen never shows a figure the report does not hold.
    let on_blur = move || {
        // Leaving the page removes the focused input, and the browser sends its blur after the
        // page's signals are gone: there is nothing to update then.
        if error.try_get_untracked().is_none() || doc.report.try_with_untracked(|_| ()).is_none() {
            return;
        }
        doc.seal();
        if error.get_untracked().is_some() {
            let model = doc.report.with_untracked(|r| path.with_value(|p| edit::get(r, p)));
            let shown = if model.is_empty() { "空白".to_string() } else { model.clone() };
            kept.set(Some(format!("未采用“{}”，本格仍为 {shown}", text.get_untracked().trim())));
            error.set(None);
            text.set(model);
        }
        path.with_value(|p| doc.refresh_field(p, error.get_untracked()));
    };
    let on_focus = move || {
        path.with_value(|p| doc.show_field(p, error.get_untracked()));
    };
    let grid_for_keys = grid.clone();
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        // Ctrl+Z on a cell whose text was refused takes back that typing first (the model never
        // took it, so the report's undo history has nothing of it): the value in force returns.
        let undo_key = (ev.ctrl_key() || ev.meta_key()) && !ev.shift_key() && ev.key().eq_ignore_ascii_case("z");
        if undo_key && error.get_untracked().is_some() {
            ev.prevent_default();
            ev.stop_propagation();
            let model = doc.report.with_untracked(|r| path.with_value(|p| edit::get(r, p)));
            error.set(None);
            kept.set(None);
            text.set(model);
            path.with_value(|p| doc.refresh_field(p, None));
            doc.notice.set(Some("已撤销本格未采用的输入。".to_string()));
            return;
        }
        let Some(pos) = &grid_for_keys else { return };
        if ev.key() == "Enter" && !ev.ctrl_key() && !ev.alt_key() {
            ev.prevent_default();
            let row = if ev.shift_key() { pos.row.checked_sub(1) } else { Some(pos.row + 1) };
            if let Some(row) = row {
                focus_selector(&format!("[data-grid=\"{}\"][data-row=\"{row}\"][data-col=\"{}\"]", pos.grid_id(), pos.column));
            }
        }
    };
    let grid_for_paste = grid.clone();
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(pos) = &grid_for_paste else { return };
        if crate::app::import::whole_table(&ev).is_some() {
            return; // A whole 自评表: the page's table paste recognises it.
        }
        let Some(data) = ev.clipboard_data() else { return };
        let Ok(pasted) = data.get_data("text/plain") else { return };
        if !pasted.contains('\t') && !pasted.trim_end().contains('\n') {
            return; // One value: the browser pastes it into this cell as usual.
        }
        ev.prevent_default();
        let message = match doc.paste(&pos.table, pos.list, pos.row, pos.column, &pasted) {
            Ok(p) if p.refused.is_empty() => format!("已粘贴 {} 行（新增 {} 行）。可按 Ctrl+Z 撤销。", p.rows, p.added),
            Ok(p) => format!("已粘贴 {} 行（新增 {} 行），以下单元格未能识别，保留原值：{}", p.rows, p.added, p.refused.join("；")),
            Err(e) => e.to_string(),
        };
        doc.notice.set(Some(message));
    };

    let class = move || {
        let mut c = String::from("field");
        if kind == FieldKind::Number {
            c.push_str(" num");
        }
        if error.get().is_some() {
            c.push_str(" invalid");
        }
        if kept.get().is_some() {
            c.push_str(" kept");
        }
        match mark.get().map(|m| m.severity) {
            Some(Severity::Error) => c.push_str(" has-error"),
            Some(Severity::Warning) => c.push_str(" has-warning"),
            _ => {}
        }
        c
    };
    let title = move || error.get().or_else(|| mark.get().map(|m| m.message));
    let invalid = move || (error.get().is_some() || mark.get().is_some_and(|m| m.severity == Severity::Error)).then_some("true");
    let data_path = path.get_value();
    let (grid_id, row, column) = match &grid {
        Some(p) => (Some(p.grid_id()), Some(p.row.to_string()), Some(p.column.to_string())),
        None => (None, None, None),
    };
    let input = if multiline {
        view! {
            <textarea class=class data-path=data_path aria-label=label title=title aria-invalid=invalid
                data-grid=grid_id.clone() data-row=row.clone() data-col=column.clone()
                prop:value=move || text.get()
                on:paste=on_paste.clone()
                on:input=move |ev| on_input(event_target_value(&ev))
                on:focus=move |_| on_focus()
                on:blur=move |_| on_blur()></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type="text" class=class data-path=data_path aria-label=label title=title aria-invalid=invalid
                inputmode=(kind == FieldKind::Number).then_some("decimal")
                list=suggestions
                data-grid=grid_id data-row=row data-col=column
                prop:value=move || text.get()
                on:input=move |ev| on_input(event_target_value(&ev))
                on:focus=move |_| on_focus()
                on:blur=move |_| on_blur()
                on:keydown=on_keydown
                on:paste=on_paste />
        }
        .into_any()
    };
    view! {
        <span class="cell">
            {input}
            {move || mark.get().filter(|m| m.severity != Severity::Info).map(|m| view! {
                <span class="mark" aria-hidden="true">{if m.severity == Severity::Error { "✕" } else { "!" }}</span>
            })}
            {move || understood.map(|u| u.get()).filter(|u| !u.is_empty()).map(|u| view! { <span class="understood">{u}</span> })}
            {move || error.get().map(|e| view! { <span class="cell-error" role="alert">{e}</span> })}
            {move || kept.get().map(|k| view! { <span class="cell-kept" role="status" data-testid="cell-kept">{k}</span> })}
        </span>
    }
}

/// A computed figure; click or focus shows how it was computed.
#[component]
pub fn Computed(
    /// What the figure is, e.g. 计算得分.
    #[prop(into)]
    title: String,
    /// The figure as shown ("9.00", "—").
    #[prop(into)]
    value: Signal<String>,
    /// (formula with the numbers, rule clause).
    #[prop(into)]
    explain: Signal<(String, String)>,
    /// `data-testid` of the figure, for the summary bar.
    #[prop(optional)]
    testid: Option<&'static str>,
) -> impl IntoView {
    let doc = use_doc();
    let title = StoredValue::new(title);
    let show = move || {
        let (text, clause) = explain.get_untracked();
        doc.show(title.get_value(), text, clause);
    };
    view! {
        <button type="button" class="computed" aria-label=move || format!("{}：{}，查看计算说明", title.get_value(), value.get())
            on:click=move |_| show() on:focus=move |_| show()>
            <span data-testid=testid>{move || value.get()}</span>
        </button>
    }
}

/// Focuses the first element matching `selector`, if any.
/// Arrow keys in a `role="toolbar"` group (an indicator row's ＋ ↑ ↓ 删): the group is one Tab
/// stop, ←/→ (and Home/End) move between its buttons, and the button last used is the one Tab
/// comes back to (roving tabindex, as in the WAI-ARIA toolbar pattern).
pub fn toolbar_keys(ev: leptos::ev::KeyboardEvent) {
    let key = ev.key();
    if !matches!(key.as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
        return;
    }
    let Some(group) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
    let Ok(list) = group.query_selector_all("button") else { return };
    let buttons: Vec<web_sys::HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
    if buttons.is_empty() {
        return;
    }
    let active = document().active_element();
    let at = buttons.iter().position(|b| active.as_ref().is_some_and(|a| a.is_same_node(Some(b)))).unwrap_or(0);
    let last = buttons.len() - 1;
    let next = match key.as_str() {
        "ArrowLeft" => if at == 0 { last } else { at - 1 },
        "ArrowRight" => if at == last { 0 } else { at + 1 },
        "Home" => 0,
        _ => last,
    };
    ev.prevent_default();
    for (i, b) in buttons.iter().enumerate() {
        b.set_tab_index(if i == next { 0 } else { -1 });
    }
    buttons[next].focus().ok();
}

pub fn focus_selector(selector: &str) -> bool {
    let Some(el) = document().query_selector(selector).ok().flatten() else { return false };
    match el.dyn_into::<web_sys::HtmlElement>() {
        Ok(el) => {
            el.focus().ok();
            true
        }
        Err(_) => false,
    }
}

/// Focuses the field of a finding's path, or the nearest enclosing field that is on screen
/// (`overall.indicators[5]` focuses the row's first cell).
pub fn focus_path(path: &str) -> bool {
    let mut prefix = path.to_string();
    loop {
        if focus_selector(&format!("[data-path=\"{prefix}\"]")) || focus_selector(&format!("[data-path^=\"{prefix}.\"]")) {
            return true;
        }
        match prefix.rfind('.') {
            Some(i) => prefix.truncate(i),
            None => return false,
        }
    }
}
