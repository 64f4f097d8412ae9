//! The DOM side of a sheet's fields: their value and caret, the notes under a cell (输入有误,
//! 未采用…), the findings' marks, and the row toolbar's arrow keys.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use leptos::prelude::{document, WithUntracked};

use crate::app::doc::{Doc, Mark};
use crate::model::edit;
use crate::model::finding::Severity;

use super::{mark_sign, severity_key, Kept};

/// The field (or select) of `path` inside `container`. Paths are made of names, digits, dots
/// and brackets, which need no quoting inside the selector's string.
pub(super) fn field_in(container: &Element, path: &str) -> Option<Element> {
    container.query_selector(&format!("[data-path=\"{path}\"]")).ok().flatten()
}

pub(super) use crate::app::cells::control_value as value_of;

pub(super) fn set_value(el: &Element, value: &str) {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(value);
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(value);
    }
}

pub(super) fn selection_of(el: &Element) -> Option<(u32, u32)> {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        Some((i.selection_start().ok()??, i.selection_end().ok()??))
    } else {
        let t = el.dyn_ref::<web_sys::HtmlTextAreaElement>()?;
        Some((t.selection_start().ok()??, t.selection_end().ok()??))
    }
}

pub(super) fn restore_selection(el: &Element, a: u32, b: u32) {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_selection_range(a, b).ok();
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_selection_range(a, b).ok();
    }
}

pub(super) fn focus(el: &Element) {
    if let Some(h) = el.dyn_ref::<HtmlElement>() {
        h.focus().ok();
    }
}

/// The child of a field's cell with `class`, made or removed to hold `text`.
pub(super) fn cell_note(el: &Element, class: &str, text: Option<&str>, role: &str) {
    let Some(cell) = el.parent_element() else { return };
    let existing = cell.query_selector(&format!(":scope > .{class}")).ok().flatten();
    match (existing, text) {
        (Some(note), Some(t)) => note.set_text_content(Some(t)),
        (Some(note), None) => note.remove(),
        (None, Some(t)) => {
            if let Ok(note) = document().create_element("span") {
                note.set_class_name(class);
                note.set_attribute("role", role).ok();
                if class == "cell-kept" {
                    note.set_attribute("data-testid", "cell-kept").ok();
                }
                note.set_text_content(Some(t));
                cell.append_child(&note).ok();
            }
        }
        (None, None) => {}
    }
}

/// Title and `aria-invalid` from what the field holds: a refused value, else its findings.
pub(super) fn restyle(el: &Element) {
    let refused = el.get_attribute("data-refused");
    let mark = el.get_attribute("data-mark");
    let title = refused.clone().or_else(|| mark.as_ref().and(el.get_attribute("data-mark-message")));
    match title {
        Some(t) => el.set_attribute("title", &t).ok(),
        None => el.remove_attribute("title").ok(),
    };
    if refused.is_some() || mark.as_deref() == Some("error") {
        el.set_attribute("aria-invalid", "true").ok();
    } else {
        el.remove_attribute("aria-invalid").ok();
    }
}

/// Marks a field as holding refused text (with the message), or not.
pub(super) fn set_refused(el: &Element, message: Option<&str>) {
    match message {
        Some(m) => el.set_attribute("data-refused", m).ok(),
        None => el.remove_attribute("data-refused").ok(),
    };
    el.class_list().toggle_with_force("invalid", message.is_some()).ok();
    cell_note(el, "cell-error", message, "alert");
    restyle(el);
}

/// Shows again the notes of `kept` on the fields in `container` that still hold the value then in
/// force; a field whose value changed loses its note (and, with `all`, so does one not drawn).
pub(super) fn show_kept(container: &Element, kept: &mut Vec<Kept>, doc: Doc, all: bool) {
    kept.retain(|(path, note, value)| {
        let Some(el) = field_in(container, path) else { return !all };
        let same = doc.report.with_untracked(|r| edit::get(r, path)) == *value;
        if same {
            set_kept(&el, Some(note));
        }
        same
    });
}

/// The note under a field whose refused text was not taken.
pub(super) fn set_kept(el: &Element, note: Option<&str>) {
    el.class_list().toggle_with_force("kept", note.is_some()).ok();
    cell_note(el, "cell-kept", note, "status");
}

/// Shows a field's findings (or none) on it.
pub(super) fn set_mark(el: &Element, mark: Option<&Mark>) {
    let list = el.class_list();
    list.toggle_with_force("has-error", mark.is_some_and(|m| m.severity == Severity::Error)).ok();
    list.toggle_with_force("has-warning", mark.is_some_and(|m| m.severity == Severity::Warning)).ok();
    match mark {
        Some(m) => {
            el.set_attribute("data-mark", severity_key(m.severity)).ok();
            el.set_attribute("data-mark-message", &m.message).ok();
        }
        None => {
            el.remove_attribute("data-mark").ok();
            el.remove_attribute("data-mark-message").ok();
        }
    }
    restyle(el);
    let Some(cell) = el.parent_element() else { return };
    let sign = cell.query_selector(":scope > .mark").ok().flatten();
    match (sign, mark.filter(|m| m.severity != Severity::Info)) {
        (Some(s), Some(m)) => s.set_text_content(Some(mark_sign(m.severity))),
        (Some(s), None) => s.remove(),
        (None, Some(m)) => {
            if let Ok(s) = document().create_element("span") {
                s.set_class_name("mark");
                s.set_attribute("aria-hidden", "true").ok();
                s.set_text_content(Some(mark_sign(m.severity)));
                el.after_with_node_1(&s).ok();
            }
        }
        (None, None) => {}
    }
}

/// Arrow keys in a `role="toolbar"` group (an indicator row's ＋ ↑ ↓ 删): the group is one Tab
/// stop, ←/→ (and Home/End) move between its buttons, and the button last used is the one Tab
/// comes back to (roving tabindex, as in the WAI-ARIA toolbar pattern).
pub(super) fn toolbar_keys(group: &Element, ev: &web_sys::KeyboardEvent) {
    let key = ev.key();
    if !matches!(key.as_str(), "ArrowLeft" | "ArrowRight" | "Home" | "End") {
        return;
    }
    let Ok(list) = group.query_selector_all("button") else { return };
    let buttons: Vec<HtmlElement> = (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect();
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
