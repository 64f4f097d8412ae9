//! The import preview's cards in the screens module (issue 25: the import preview is on demand).
//! The start-up module reads a file or a pasted table in the reader worker, puts an element for
//! its card in the import card's list and hands the worker's answer (the preview as its wire
//! text) and the source to [`show`]; the card, the columns assigned by hand (the source read
//! again in the worker, the card drawn afresh in the same element), the rule pack's totals and
//! 导入 (a new draft in storage) all run here. The start-up module hears of the outcome through
//! the `done` function it passed: `done(key, close, ok, message, id)`, where `close` asks it to
//! take the card's element away, `message` (may be empty) is said in the import card, and `id`
//! names the draft just imported (the start-up opens it).

use std::cell::RefCell;
use std::collections::BTreeMap;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use super::preview::{Outcome, PreviewCard};
use super::worker;
use crate::model::exchange::found::ColumnOverride;
use crate::model::exchange::import::{from_wire, Preview};

/// Where a preview came from, kept while its card is shown so that a column assigned by hand
/// reads it again (the bytes are handed to the worker, so a copy is kept here).
#[derive(Clone)]
enum Source {
    /// A chosen or dropped file: its name and its bytes.
    File(String, js_sys::ArrayBuffer),
    /// A pasted table's text.
    Pasted(String),
}

/// One card on screen.
struct Card {
    container: web_sys::HtmlElement,
    name: String,
    source: Source,
    done: js_sys::Function,
    /// Counts the readings asked for: only the newest one's answer is drawn.
    turn: u32,
    mounted: Option<Box<dyn std::any::Any>>,
}

thread_local! {
    static CARDS: RefCell<BTreeMap<u32, Card>> = const { RefCell::new(BTreeMap::new()) };
}

/// Draws the card of preview `wire` (the reader worker's answer) in `container` as card `key`
/// of the start-up's list; `source` is the file's bytes (an ArrayBuffer) or the pasted text, kept
/// for reading again with columns assigned by hand.
pub fn show(container: web_sys::HtmlElement, key: u32, name: String, wire: String, source: JsValue, done: js_sys::Function) {
    let source = match source.as_string() {
        Some(text) => Source::Pasted(text),
        None => Source::File(name.clone(), source.dyn_into().unwrap_or_else(|_| js_sys::ArrayBuffer::new(0))),
    };
    let preview = match from_wire(&wire) {
        Ok(preview) => preview,
        Err(message) => return tell(&done, key, true, false, &message, ""),
    };
    hide(key);
    CARDS.with(|c| c.borrow_mut().insert(key, Card { container, name, source, done, turn: 0, mounted: None }));
    draw(key, preview);
}

/// Takes card `key` away (its listeners with it); its element is the start-up's to remove.
pub fn hide(key: u32) {
    let card = CARDS.with(|c| c.borrow_mut().remove(&key));
    drop(card);
}

fn tell(done: &js_sys::Function, key: u32, close: bool, ok: bool, message: &str, id: &str) {
    let args = js_sys::Array::of5(&key.into(), &close.into(), &ok.into(), &message.into(), &id.into());
    crate::app::views::call_module(done, &args);
}

/// Draws `preview` as card `key`, in the place of what its element showed.
fn draw(key: u32, preview: Preview) {
    let Some((container, name)) = CARDS.with(|c| c.borrow().get(&key).map(|card| (card.container.clone(), card.name.clone()))) else { return };
    let old = CARDS.with(|c| c.borrow_mut().get_mut(&key).and_then(|card| card.mounted.take()));
    drop(old);
    container.set_inner_html("");
    let mounted = leptos::mount::mount_to(container, move || {
        let done = Callback::new(move |(key, outcome, id): Outcome| {
            let Some(tell_to) = CARDS.with(|c| c.borrow().get(&key).map(|card| card.done.clone())) else { return };
            let (ok, message) = match &outcome {
                Some(Ok(text)) => (true, text.as_str()),
                Some(Err(text)) => (false, text.as_str()),
                None => (true, ""),
            };
            tell(&tell_to, key, true, ok, message, &id);
        });
        let reread = Callback::new(move |(key, overrides): (u32, Vec<ColumnOverride>)| read_again(key, overrides));
        view! { <PreviewCard key=key name=name preview=preview done=done reread=reread /> }
    });
    CARDS.with(|c| {
        if let Some(card) = c.borrow_mut().get_mut(&key) {
            card.mounted = Some(Box::new(mounted));
        }
    });
}

/// Reads card `key`'s source again with columns assigned by hand and draws the new preview in
/// its place; a failure is said in the import card and the card stays.
fn read_again(key: u32, overrides: Vec<ColumnOverride>) {
    let Some((source, turn)) = CARDS.with(|c| {
        c.borrow_mut().get_mut(&key).map(|card| {
            card.turn = card.turn.wrapping_add(1);
            (card.source.clone(), card.turn)
        })
    }) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let answer = match source {
            // A copy is handed over; the kept one stays for the next assignment.
            Source::File(name, bytes) => worker::read_file(&name, bytes.slice(0).into(), &overrides).await,
            Source::Pasted(text) => worker::read_pasted(text, &overrides).await,
        };
        // The card may have been taken away, or read again, meanwhile.
        let Some(done) = CARDS.with(|c| c.borrow().get(&key).filter(|card| card.turn == turn).map(|card| card.done.clone())) else { return };
        match answer {
            Ok(preview) => draw(key, preview),
            Err(message) => tell(&done, key, false, false, &message, ""),
        }
    });
}
