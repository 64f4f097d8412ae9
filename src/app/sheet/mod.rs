//! A section of the editor drawn as HTML from the model, its fields and figures kept live by
//! listeners on one container instead of a Leptos view per cell (issue 25: each typed view tree
//! costs the start-up code for building, updating and mounting it; the same table as HTML text
//! costs a fraction).
//!
//! A section's draw function ([`Out`]) is pure: it writes the structure once and marks the parts
//! that change with the evaluation (computed figures, what was understood, a row's labels) as
//! slots. The structure is drawn again only after a change that can rewrite other fields
//! (`Doc::external`: structural changes, paste, undo, a replaced report; the focused field keeps
//! its focus, caret and typed text); after a keystroke only the slots are built again and those
//! that changed are replaced, never one holding the focus.
//!
//! A field writes to the model on every keystroke and its text stays as typed (so "1." or "１０"
//! stay under the user's fingers). A value the model refuses stays in the input, marked and
//! explained, and the model keeps its last valid value; leaving the cell shows the value in
//! force again with a note, and Ctrl+Z first takes back the refused typing. Findings mark their
//! fields as they come and go. In an indicator grid Enter moves down and a pasted block of rows
//! fills the grid from the cell.

mod dom;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::app::doc::{use_doc, Doc, Mark};

use dom::{field_in, focus, restore_selection, selection_of, set_kept, set_mark, set_refused, set_value, show_kept, toolbar_keys, value_of};
use crate::model::edit::{self, FieldKind, RowList};
use crate::model::finding::Severity;
use crate::model::print::escape;
use crate::model::report::Report;
use crate::model::Evaluation;

/// A computed figure's explanation: (title, formula with the numbers, rule clause).
type Explain = (String, String, String);

/// What a section's draw function writes: the structure (only when drawing it) and the slots.
pub struct Out<'a> {
    full: bool,
    html: String,
    /// Each slot's text and explanation; `None`: the same as last time (its group's key is).
    slots: Vec<Option<(String, Option<Explain>)>>,
    /// The keys of the keyed groups, in order, and those of the last build.
    keys: Vec<u64>,
    /// Each keyed group's first slot and number of slots.
    groups: Vec<(usize, usize)>,
    last_keys: &'a [u64],
    /// A keyed group wrote another number of slots than it said: draw everything again.
    misaligned: bool,
    /// The report drawn.
    pub report: &'a Report,
    /// Its evaluation.
    pub evaluation: &'a Evaluation,
    marks: &'a BTreeMap<String, Mark>,
}

/// How a field is drawn.
#[derive(Default, Clone, Copy)]
pub struct FieldOpts<'a> {
    /// A text area instead of a one-line input.
    pub multiline: bool,
    /// Id of a `<datalist>` with suggestions.
    pub suggestions: Option<&'a str>,
    /// In an indicator grid: (grid id, row, column).
    pub grid: Option<(&'a str, usize, usize)>,
}

impl<'a> Out<'a> {
    /// Structure text (skipped when only the slots are built).
    pub fn s(&mut self, text: &str) {
        if self.full {
            self.html.push_str(text);
        }
    }

    /// Structure text, escaped.
    pub fn text(&mut self, text: &str) {
        if self.full {
            self.html.push_str(&escape(text));
        }
    }

    /// The findings by field path, for fields drawn inside a slot.
    pub fn marks(&self) -> &'a BTreeMap<String, Mark> {
        self.marks
    }

    /// Whether the structure is being drawn (a draw function may skip work that only writes it).
    pub fn full(&self) -> bool {
        self.full
    }

    /// A slot: `<tag data-dyn="n" attrs>inner</tag>`, built on every evaluation. `inner` returns
    /// the explanation of the computed figure it holds, if any.
    pub fn slot(&mut self, tag: &str, attrs: &str, inner: impl FnOnce(&mut String, &Self) -> Option<Explain>) {
        let mut text = String::new();
        let explain = inner(&mut text, self);
        let n = self.slots.len();
        if self.full {
            let _ = write!(self.html, "<{tag} data-dyn=\"{n}\"{attrs}>{text}</{tag}>");
        }
        self.slots.push(Some((text, explain)));
    }

    /// A slot that is an element's `class` attribute, written inside its start tag.
    pub fn class_slot(&mut self, class: &str) {
        let n = self.slots.len();
        if self.full {
            let _ = write!(self.html, " data-dyn=\"{n}\" data-dyn-class class=\"{class}\"");
        }
        self.slots.push(Some((class.to_string(), None)));
    }

    /// A group of `slots` slots whose texts depend only on what `key` was computed from: when
    /// only the slots are built and the key is the one of last time, they are not built again
    /// (a keystroke in one row of a 300-row grid builds that row's slots, not all of them).
    pub fn keyed(&mut self, key: u64, slots: usize, f: impl FnOnce(&mut Self)) {
        let group = self.keys.len();
        self.keys.push(key);
        self.groups.push((self.slots.len(), slots));
        if !self.full && self.last_keys.get(group) == Some(&key) {
            self.slots.extend((0..slots).map(|_| None));
            return;
        }
        let before = self.slots.len();
        f(self);
        if self.slots.len() - before != slots {
            self.misaligned = true;
        }
    }

    /// A computed figure (a button that explains itself) in a slot.
    pub fn computed(&mut self, tag: &str, title: &str, value: &str, explain: (String, String)) {
        self.slot(tag, "", |o, _| {
            computed_button(o, title, value);
            Some((title.to_string(), explain.0, explain.1))
        });
    }

    /// The field at `path` (structure).
    pub fn field(&mut self, path: &str, label: &str, opts: FieldOpts) {
        if self.full {
            let mut html = std::mem::take(&mut self.html);
            field_html(&mut html, self.report, self.marks, path, label, opts);
            self.html = html;
        }
    }

    /// A two-column form (label, field) from rows of (label, field under `prefix`, multi-line).
    pub fn form(&mut self, prefix: &str, rows: &[(&str, &str, bool)]) {
        self.s("<table class=\"official form\"><tbody>");
        for (label, field, multiline) in rows {
            self.s("<tr><th scope=\"row\">");
            self.text(label);
            self.s("</th><td>");
            let path = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
            self.field(&path, label, FieldOpts { multiline: *multiline, ..FieldOpts::default() });
            self.s("</td></tr>");
        }
        self.s("</tbody></table>");
    }
}

/// A computed figure's button (the summary bar draws its own the same way, `editor::bar`).
pub fn computed_button(o: &mut String, title: &str, value: &str) {
    let (title, value) = (escape(title), escape(value));
    let _ = write!(o, "<button type=\"button\" class=\"computed\" aria-label=\"{title}：{value}，查看计算说明\"><span>{value}</span></button>");
}

/// A field: the input (or text area) in its cell, with its findings' mark.
pub fn field_html(o: &mut String, report: &Report, marks: &BTreeMap<String, Mark>, path: &str, label: &str, opts: FieldOpts) {
    let number = edit::kind_in(report, path) == Some(FieldKind::Number);
    let value = escape(&edit::get(report, path));
    let mark = marks.get(path);
    let _ = write!(o, "<span class=\"cell\"><{} class=\"field{}", if opts.multiline { "textarea" } else { "input type=\"text\"" }, if number { " num" } else { "" });
    match mark.map(|m| m.severity) {
        Some(Severity::Error) => o.push_str(" has-error"),
        Some(Severity::Warning) => o.push_str(" has-warning"),
        _ => {}
    }
    let _ = write!(o, "\" data-path=\"{}\" aria-label=\"{}\"", escape(path), escape(label));
    if let Some(m) = mark {
        let message = escape(&m.message);
        let _ = write!(o, " title=\"{message}\" data-mark=\"{}\" data-mark-message=\"{message}\"", severity_key(m.severity));
        if m.severity == Severity::Error {
            o.push_str(" aria-invalid=\"true\"");
        }
    }
    if let Some((grid, row, col)) = opts.grid {
        let _ = write!(o, " data-grid=\"{}\" data-row=\"{row}\" data-col=\"{col}\"", escape(grid));
    }
    if opts.multiline {
        // The parser drops a newline right after <textarea>: one more keeps a value's own.
        let _ = write!(o, ">\n{value}</textarea>");
    } else {
        if number {
            o.push_str(" inputmode=\"decimal\"");
        }
        if let Some(list) = opts.suggestions {
            let _ = write!(o, " list=\"{list}\"");
        }
        let _ = write!(o, " value=\"{value}\">");
    }
    if let Some(m) = mark.filter(|m| m.severity != Severity::Info) {
        let _ = write!(o, "<span class=\"mark\" aria-hidden=\"true\">{}</span>", mark_sign(m.severity));
    }
    o.push_str("</span>");
}

pub(super) fn severity_key(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "info",
    }
}

pub(super) fn mark_sign(s: Severity) -> &'static str {
    if s == Severity::Error {
        "✕"
    } else {
        "!"
    }
}

/// A section's draw function: writes the section of the report at the path it is given.
pub type Draw = fn(&mut Out, &str);
/// A section's action: the `data-action` of the clicked button (or changed select), the
/// element, and the section's path.
pub type Act = fn(Doc, &str, &Element, &str);

/// A note under a field whose refused text was not taken: (path, note, the value then in force).
pub(super) type Kept = (String, String, String);

#[derive(Default)]
struct State {
    slots: Vec<String>,
    explains: Vec<Option<Explain>>,
    keys: Vec<u64>,
    groups: Vec<(usize, usize)>,
    /// `Doc::external` when the structure was drawn: a patch for a newer one waits for the redraw.
    drawn: u64,
    /// The notes under fields whose refused text was not taken (path → (note, the value then in
    /// force)): shown again after a redraw while the field still holds that value.
    kept: Vec<Kept>,
    marks: BTreeMap<String, Mark>,
}

/// A section drawn by `draw` for the report part at `path`, its buttons handled by `act`.
#[component]
pub fn Sheet(
    /// The report part (`overall`, `projects[1]`).
    path: String,
    /// Draws it.
    draw: Draw,
    /// Handles its `data-action` buttons and selects.
    act: Act,
) -> impl IntoView {
    let doc = use_doc();
    let node = NodeRef::<leptos::html::Div>::new();
    let state = StoredValue::new(State::default());
    let path = StoredValue::new(path);
    type Built = (String, Vec<Option<(String, Option<Explain>)>>, Vec<u64>, Vec<(usize, usize)>, bool);
    let build = move |full: bool, last_keys: &[u64]| -> Option<Built> {
        doc.report.try_with_untracked(|report| {
            doc.evaluation.with_untracked(|evaluation| {
                doc.marks.with_untracked(|marks| {
                    let mut out = Out { full, html: String::new(), slots: Vec::new(), keys: Vec::new(), groups: Vec::new(), last_keys, misaligned: false, report, evaluation, marks };
                    path.with_value(|p| draw(&mut out, p));
                    (out.html, out.slots, out.keys, out.groups, out.misaligned)
                })
            })
        })
    };
    let redraw = move || {
        let Some(root) = node.try_get_untracked().flatten() else { return };
        let Some((html, slots, keys, groups, _)) = build(true, &[]) else { return };
        // The focused field keeps its focus, its caret and what was typed into it.
        let active = document().active_element().filter(|a| root.contains(Some(a)));
        let kept = active.as_ref().and_then(|a| Some((a.get_attribute("data-path")?, a.get_attribute("data-refused"), value_of(a)?, selection_of(a))));
        // A button keeps the focus too: the same button (by its place among those with its action)
        // is focused again, so Ctrl+Z after 采用计算结果 still reaches the editor.
        let action = active.as_ref().and_then(|a| {
            let selector = format!("[data-action=\"{}\"]", a.get_attribute("data-action")?);
            let all = root.query_selector_all(&selector).ok()?;
            let at = (0..all.length()).position(|i| all.item(i).is_some_and(|n| a.is_same_node(Some(&n))))?;
            Some((selector, at as u32))
        });
        // A computed figure keeps it as well (by its slot); else the section itself takes it, so
        // the editor's Ctrl+Z still hears the keyboard.
        let figure = active.as_ref().and_then(|a| a.closest(".computed").ok().flatten()?.closest("[data-dyn]").ok().flatten()?.get_attribute("data-dyn"));
        root.set_inner_html(&html);
        state.update_value(|s| {
            (s.slots, s.explains) = slots.into_iter().map(|slot| slot.unwrap_or_default()).unzip();
            s.keys = keys;
            s.groups = groups;
            s.drawn = doc.external.get_untracked();
            doc.marks.with_untracked(|m| s.marks.clone_from(m));
            show_kept(&root, &mut s.kept, doc, true);
        });
        if let Some((p, refused, typed, selection)) = kept {
            if let Some(el) = field_in(&root, &p) {
                let same = doc.report.with_untracked(|r| {
                    let kind = edit::kind_in(r, &p).unwrap_or(FieldKind::Text);
                    edit::shows_at(r, &p, kind, &typed, &edit::get(r, &p))
                });
                if refused.is_some() || same {
                    set_value(&el, &typed);
                }
                if let Some(message) = refused {
                    set_refused(&el, Some(&message));
                }
                focus(&el);
                if let Some((a, b)) = selection {
                    restore_selection(&el, a, b);
                }
            }
        } else if let Some((selector, at)) = action {
            match root.query_selector_all(&selector).ok().and_then(|all| all.item(at)).and_then(|n| n.dyn_into::<Element>().ok()) {
                Some(el) => focus(&el),
                None => focus(&root),
            }
        } else if let Some(n) = figure {
            match root.query_selector(&format!("[data-dyn=\"{n}\"] .computed")).ok().flatten() {
                Some(el) => focus(&el),
                None => focus(&root),
            }
        } else if active.is_some() {
            focus(&root);
        }
    };
    let patch = move || {
        let Some(root) = node.try_get_untracked().flatten() else { return };
        // After a change of the structure the section is drawn again anyway (the effect on
        // `Doc::external`): patching the old one first would be work thrown away.
        if state.with_value(|s| s.drawn) != doc.external.get_untracked() {
            return;
        }
        let last_keys = state.with_value(|s| s.keys.clone());
        let Some((_, slots, keys, groups, misaligned)) = build(false, &last_keys) else { return };
        if misaligned || state.with_value(|s| s.slots.len() != slots.len() || s.groups != groups) {
            redraw();
            return;
        }
        let active = document().active_element();
        state.update_value(|s| {
            s.keys = keys;
            let mut skipped = Vec::new();
            for (i, ((old, explain), new)) in s.slots.iter_mut().zip(s.explains.iter_mut()).zip(slots).enumerate() {
                let Some((new, new_explain)) = new else { continue };
                *explain = new_explain;
                if *old == new {
                    continue;
                }
                let Some(el) = root.query_selector(&format!("[data-dyn=\"{i}\"]")).ok().flatten() else { continue };
                if el.has_attribute("data-dyn-class") {
                    el.set_attribute("class", &new).ok();
                } else if active.as_ref().is_some_and(|a| el.contains(Some(a))) {
                    // Never under the user's fingers: replaced when the focus leaves it (the
                    // NUL text matches no slot, so the next patch replaces it).
                    *old = "\0".to_string();
                    skipped.push(i);
                    continue;
                } else {
                    el.set_inner_html(&new);
                    show_kept(&el, &mut s.kept, doc, false);
                }
                *old = new;
            }
            // The group of a skipped slot is built again on the next patch (not every row).
            for i in skipped {
                if let Some(g) = s.groups.iter().position(|&(start, n)| (start..start + n).contains(&i)) {
                    s.keys[g] = 0;
                }
            }
        });
    };
    crate::app::cells::effect(move || {
        doc.external.track();
        redraw();
    });
    // Some slots follow the report alone (a heading with 部门名称, a row's name in its buttons'
    // labels): the report's revision is watched as well as the evaluation.
    crate::app::cells::effect(move || {
        doc.evaluation.track();
        doc.revision.track();
        patch();
    });
    // A finding that appears or goes marks or unmarks its field, wherever it is.
    crate::app::cells::effect(move || {
        doc.marks.with(|now| {
            let Some(root) = node.try_get_untracked().flatten() else { return };
            state.update_value(|s| {
                for key in s.marks.keys().chain(now.keys()) {
                    if s.marks.get(key) != now.get(key) {
                        // Fields only: a select (档次, 评分规则) shows its findings in the panel.
                        if let Some(el) = field_in(&root, key).filter(|e| e.tag_name() != "SELECT") {
                            set_mark(&el, now.get(key));
                        }
                    }
                }
                s.marks.clone_from(now);
            });
        });
    });

    let on_input = move |ev: leptos::ev::Event| {
        let Some(el) = target(&ev).filter(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA")) else { return };
        let (Some(p), Some(value)) = (el.get_attribute("data-path"), value_of(&el)) else { return };
        set_kept(&el, None);
        state.update_value(|s| s.kept.retain(|k| k.0 != p));
        match doc.edit(&p, &value) {
            Ok(()) => set_refused(&el, None),
            Err(e) => {
                let message = doc.report.with_untracked(|r| edit::refused_message(r, &p, &e));
                set_refused(&el, Some(&message));
            }
        }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let Some(el) = target(&ev).filter(|e| e.tag_name() == "SELECT") else { return };
        if let Some(a) = el.get_attribute("data-action") {
            path.with_value(|p| act(doc, &a, &el, p));
        } else if let (Some(p), Some(value)) = (el.get_attribute("data-path"), value_of(&el)) {
            doc.set_field(&p, &value).ok();
        }
    };
    let on_focusin = move |ev: leptos::ev::FocusEvent| {
        let Some(el) = target(&ev) else { return };
        if let Some(p) = el.get_attribute("data-path") {
            doc.show_field(&p, el.get_attribute("data-refused"));
        } else if let Some(button) = el.closest(".computed").ok().flatten() {
            show_explain(doc, state, &button);
        }
    };
    // Leaving a cell whose text was refused shows the value in force again, with a note that
    // stays until the next edit: the screen never shows a figure the report does not hold.
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        let Some(el) = target(&ev) else { return };
        let Some(p) = el.get_attribute("data-path") else { return };
        if doc.report.try_with_untracked(|_| ()).is_none() {
            return;
        }
        // A slot skipped while the focus was in it is brought up to date.
        set_timeout(patch, Duration::ZERO);
        if el.tag_name() == "SELECT" {
            return;
        }
        doc.seal();
        if el.get_attribute("data-refused").is_some() {
            let typed = value_of(&el).unwrap_or_default();
            let model = doc.report.with_untracked(|r| edit::get(r, &p));
            let shown = if model.is_empty() { "空白".to_string() } else { model.clone() };
            set_refused(&el, None);
            set_value(&el, &model);
            let note = format!("未采用“{}”，本格仍为 {shown}", typed.trim());
            set_kept(&el, Some(&note));
            state.update_value(|s| {
                s.kept.retain(|k| k.0 != p);
                s.kept.push((p.clone(), note, model));
            });
        }
        doc.refresh_field(&p, None);
    };
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(el) = target(&ev) else { return };
        if let Some(button) = el.closest("button[data-action]").ok().flatten() {
            if let Some(a) = button.get_attribute("data-action") {
                path.with_value(|p| act(doc, &a, &button, p));
            }
        } else if let Some(button) = el.closest(".computed").ok().flatten() {
            show_explain(doc, state, &button);
        }
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(el) = target(&ev) else { return };
        if let Some(group) = el.closest("[role=\"toolbar\"]").ok().flatten() {
            toolbar_keys(&group, &ev);
            return;
        }
        let Some(p) = el.get_attribute("data-path") else { return };
        // Ctrl+Z on a cell whose text was refused takes back that typing first (the model never
        // took it, so the report's undo history has nothing of it): the value in force returns.
        let undo_key = (ev.ctrl_key() || ev.meta_key()) && !ev.shift_key() && ev.key().eq_ignore_ascii_case("z");
        if undo_key && el.get_attribute("data-refused").is_some() {
            ev.prevent_default();
            ev.stop_propagation();
            let model = doc.report.with_untracked(|r| edit::get(r, &p));
            set_refused(&el, None);
            set_kept(&el, None);
            state.update_value(|s| s.kept.retain(|k| k.0 != p));
            set_value(&el, &model);
            doc.refresh_field(&p, None);
            doc.notice.set(Some("已撤销本格未采用的输入。".to_string()));
            return;
        }
        let (Some(grid), Some(row), Some(col)) = (el.get_attribute("data-grid"), el.get_attribute("data-row"), el.get_attribute("data-col")) else { return };
        if ev.key() == "Enter" && !ev.ctrl_key() && !ev.alt_key() && el.tag_name() == "INPUT" {
            ev.prevent_default();
            let row: usize = row.parse().unwrap_or(0);
            let next = if ev.shift_key() { row.checked_sub(1) } else { Some(row + 1) };
            if let Some(next) = next {
                crate::app::cells::focus_selector(&format!("[data-grid=\"{grid}\"][data-row=\"{next}\"][data-col=\"{col}\"]"));
            }
        }
    };
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let Some(el) = target(&ev) else { return };
        let Some((list, row, column)) = grid_pos(&el) else { return };
        if crate::app::import::whole_table(&ev).is_some() {
            return; // A whole 自评表: the page's table paste recognises it.
        }
        let Some(data) = ev.clipboard_data() else { return };
        let Ok(pasted) = data.get_data("text/plain") else { return };
        if !pasted.contains('\t') && !pasted.trim_end().contains('\n') {
            return; // One value: the browser pastes it into this cell as usual.
        }
        ev.prevent_default();
        let result = path.with_value(|p| doc.paste(p, list, row, column, &pasted));
        let message = match result {
            Ok(p) if p.refused.is_empty() => format!("已粘贴 {} 行（新增 {} 行）。可按 Ctrl+Z 撤销。", p.rows, p.added),
            Ok(p) => format!("已粘贴 {} 行（新增 {} 行），以下单元格未能识别，保留原值：{}", p.rows, p.added, p.refused.join("；")),
            Err(e) => e.to_string(),
        };
        doc.notice.set(Some(message));
    };
    view! {
        <div class="sheet" tabindex="-1" node_ref=node on:input=on_input on:change=on_change on:focusin=on_focusin on:focusout=on_focusout
            on:click=on_click on:keydown=on_keydown on:paste=on_paste></div>
    }
}

/// The row list an element is in (`data-list`: `t` for the table's rows, `g2` for goal 3's).
pub fn list_of(el: &Element) -> Option<RowList> {
    let list = el.closest("[data-list]").ok().flatten()?.get_attribute("data-list")?;
    match list.strip_prefix('g') {
        Some(g) => g.parse().ok().map(RowList::Goal),
        None => Some(RowList::Table),
    }
}

/// An indicator grid cell's (list, row, column).
fn grid_pos(el: &Element) -> Option<(RowList, usize, usize)> {
    el.get_attribute("data-grid")?;
    Some((list_of(el)?, el.get_attribute("data-row")?.parse().ok()?, el.get_attribute("data-col")?.parse().ok()?))
}

fn show_explain(doc: Doc, state: StoredValue<State>, button: &Element) {
    let Some(slot) = button.closest("[data-dyn]").ok().flatten().and_then(|s| s.get_attribute("data-dyn")?.parse::<usize>().ok()) else { return };
    if let Some((title, text, clause)) = state.with_value(|s| s.explains.get(slot).cloned().flatten()) {
        doc.show(title, text, clause);
    }
}

fn target<E: AsRef<web_sys::Event>>(ev: &E) -> Option<Element> {
    ev.as_ref().target()?.dyn_into::<Element>().ok()
}

