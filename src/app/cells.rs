//! The editor's parts drawn as HTML that follow the report (`live`) and focus helpers. The
//! report's fields are drawn by `sheet` (the sections as HTML with delegated listeners).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Keeps an element's content equal to `html()` (a part of the editor drawn as HTML): returns the
/// first HTML, for the element's `inner_html` so that it is there with the view, and an effect
/// brings the element's content to the new HTML whenever it changed ([`morph`]). For parts
/// without form controls or `<details>`: `morph` writes attributes, not what a user changed in
/// them (a field's value, a box's tick, a section opened).
pub fn live(element: impl Fn() -> Option<web_sys::Element> + 'static, html: impl Fn() -> String + 'static) -> String {
    live_boxed(Box::new(element), Box::new(html))
}

/// [`live`]'s work, compiled once for all its callers.
#[inline(never)]
fn live_boxed(element: Box<dyn Fn() -> Option<web_sys::Element>>, html: Box<dyn Fn() -> String>) -> String {
    let first = untrack(&html);
    let drawn = StoredValue::new(first.clone());
    effect(move || {
        let now = html();
        let Some(element) = element() else { return };
        if drawn.with_value(|d| *d != now) {
            morph(&element, &now);
            drawn.set_value(now);
        }
    });
    first
}

/// `Effect::new` of a closure that does not use its previous run's value. Leptos compiles an
/// effect's set-up (its task, owner and subscriptions) once per closure type, ≈700 B of the
/// start-up module each; boxed, every caller shares one copy.
pub fn effect(f: impl FnMut() + 'static) {
    effect_boxed(Box::new(f));
}

#[inline(never)]
fn effect_boxed(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}

/// Brings `element`'s content to `html` changing as little as it can: where the new content has
/// the same nodes (kind and tag, in order) as the old, only texts and attributes that differ are
/// written, so a figure keeps its element (and a user's focus, a screen reader's place, a test's
/// handle stay with it); in a list of children that differs, the alike ones at its start and
/// end are kept and those between replaced. Nodes are alike when their kind, tag and `data-key`
/// (where the HTML gives one) are the same. When the element that had
/// the focus was replaced, the one in the same place among the focusable ones takes it.
pub fn morph(element: &web_sys::Element, html: &str) {
    const FOCUSABLE: &str = "button, a, input, select, textarea, [tabindex]";
    let focusables = || element.query_selector_all(FOCUSABLE).ok();
    let active = document().active_element().filter(|a| element.contains(Some(a)));
    let index = active.as_ref().and_then(|a| {
        let list = focusables()?;
        (0..list.length()).find(|&i| list.get(i).is_some_and(|n| n.is_same_node(Some(a))))
    });
    let Ok(new) = document().create_element("div") else { return element.set_inner_html(html) };
    new.set_inner_html(html);
    morph_children(element, &new);
    let lost = active.is_some_and(|a| !element.contains(Some(&a)));
    if let Some(target) = index.filter(|_| lost).and_then(|i| focusables()?.get(i)).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
        target.focus().ok();
    }
}

fn morph_children(old: &web_sys::Node, new: &web_sys::Node) {
    // Comments are left alone: Leptos keeps a marker comment in an element it drew.
    let nodes = |parent: &web_sys::Node| {
        let list = parent.child_nodes();
        (0..list.length()).filter_map(|i| list.get(i)).filter(|n| n.node_type() != web_sys::Node::COMMENT_NODE).collect::<Vec<_>>()
    };
    let (a, b) = (nodes(old), nodes(new));
    let key = |n: &web_sys::Node| n.dyn_ref::<web_sys::Element>().and_then(|e| e.get_attribute("data-key"));
    let alike = |x: &web_sys::Node, y: &web_sys::Node| x.node_type() == y.node_type() && x.node_name() == y.node_name() && key(x) == key(y);
    // The alike nodes at the start and at the end are kept (a list that grew by one keeps its
    // other items, and the focus on them); the ones between are replaced.
    let head = a.iter().zip(&b).take_while(|(x, y)| alike(x, y)).count();
    let tail = a[head..].iter().rev().zip(b[head..].iter().rev()).take_while(|(x, y)| alike(x, y)).count();
    if head + tail < a.len().max(b.len()) {
        let before = a.get(a.len() - tail).cloned();
        for child in &a[head..a.len() - tail] {
            let _ = old.remove_child(child);
        }
        for child in &b[head..b.len() - tail] {
            let _ = old.insert_before(child, before.as_ref());
        }
    }
    let kept = a[..head].iter().zip(&b[..head]).chain(a[a.len() - tail..].iter().zip(&b[b.len() - tail..]));
    for (x, y) in kept {
        match (x.dyn_ref::<web_sys::Element>(), y.dyn_ref::<web_sys::Element>()) {
            (Some(xe), Some(ye)) => {
                let names = |e: &web_sys::Element| e.get_attribute_names().iter().filter_map(|n| n.as_string()).collect::<Vec<_>>();
                for name in names(xe) {
                    if !ye.has_attribute(&name) {
                        let _ = xe.remove_attribute(&name);
                    }
                }
                for name in names(ye) {
                    set_attribute(xe, &name, ye.get_attribute(&name).as_deref());
                }
                morph_children(x, y);
            }
            _ => {
                if x.node_value() != y.node_value() {
                    x.set_node_value(y.node_value().as_deref());
                }
            }
        }
    }
}

/// The element matching `selector` that an event came from: its target or the nearest ancestor
/// (a delegated listener's way to find the button that was clicked).
pub fn event_element<E: AsRef<web_sys::Event>>(ev: &E, selector: &str) -> Option<web_sys::Element> {
    ev.as_ref().target()?.dyn_into::<web_sys::Element>().ok()?.closest(selector).ok().flatten()
}

/// What a form control holds: an input's or text area's text, a select's value, a checkbox's
/// tick as "true" / "false"; `None` for anything else.
pub fn control_value(el: &web_sys::Element) -> Option<String> {
    if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(if i.type_() == "checkbox" { i.checked().to_string() } else { i.value() })
    } else if let Some(t) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        Some(t.value())
    } else {
        el.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value())
    }
}

/// Sets (or with `None` removes) attribute `name`, writing only when it differs.
pub fn set_attribute(el: &web_sys::Element, name: &str, value: Option<&str>) {
    if el.get_attribute(name).as_deref() != value {
        let _ = match value {
            Some(v) => el.set_attribute(name, v),
            None => el.remove_attribute(name),
        };
    }
}

/// Focuses the first element matching `selector`, if any.
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
