//! The part of `wasm-streams` 0.5 that Leptos' server_fn calls, without `#[wasm_bindgen]`
//! exports (see Cargo.toml for why this crate replaces it): a JS `ReadableStream` read as a Rust
//! [`Stream`] ([`ReadableStream::into_stream`]) and a Rust stream offered as a JS
//! `ReadableStream` ([`ReadableStream::from_stream`]). jixiao calls neither (it has no server);
//! tests/web.rs checks both in the browser, so server functions would still work if one were
//! ever added.

use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;

use futures_util::{Stream, StreamExt};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A JS `ReadableStream` (of any chunks).
pub struct ReadableStream {
    raw: web_sys::ReadableStream,
}

/// A Rust stream of JS values, as server_fn consumes it.
pub type IntoStream = Pin<Box<dyn Stream<Item = Result<JsValue, JsValue>>>>;

impl ReadableStream {
    /// Wraps a JS `ReadableStream`.
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    /// A JS `ReadableStream` whose chunks are `stream`'s items: each `pull` of the JS stream
    /// takes the next item (an `Err` errors the JS stream, the end closes it).
    pub fn from_stream<St>(stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        let stream: Rc<RefCell<Option<IntoStream>>> = Rc::new(RefCell::new(Some(Box::pin(stream))));
        let pull = Closure::<dyn FnMut(web_sys::ReadableStreamDefaultController) -> js_sys::Promise>::new(move |controller: web_sys::ReadableStreamDefaultController| {
            let stream = stream.clone();
            wasm_bindgen_futures::future_to_promise(async move {
                // The stream is taken out while it is polled, so no borrow is held across an await.
                let taken = stream.borrow_mut().take();
                let Some(mut taken) = taken else { return Ok(JsValue::UNDEFINED) };
                match taken.next().await {
                    Some(Ok(chunk)) => {
                        controller.enqueue_with_chunk(&chunk)?;
                        *stream.borrow_mut() = Some(taken);
                    }
                    Some(Err(e)) => controller.error_with_e(&e),
                    None => controller.close()?,
                }
                Ok(JsValue::UNDEFINED)
            })
        });
        let source = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&source, &"pull".into(), &pull.into_js_value());
        let raw = web_sys::ReadableStream::new_with_underlying_source(&source).unwrap_or_else(|_| web_sys::ReadableStream::new().unwrap_or_else(|_| JsValue::UNDEFINED.unchecked_into()));
        Self { raw }
    }

    /// The JS `ReadableStream`.
    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Reads the JS stream to its end as a Rust stream: each chunk as `Ok`, a failed read as
    /// one `Err` (and the end).
    pub fn into_stream(self) -> IntoStream {
        let reader: Option<web_sys::ReadableStreamDefaultReader> = self.raw.get_reader().dyn_into().ok();
        Box::pin(futures_util::stream::unfold(reader, |reader| async move {
            let reader = reader?;
            match JsFuture::from(reader.read()).await {
                Ok(result) => {
                    let done = js_sys::Reflect::get(&result, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
                    if done {
                        return None;
                    }
                    let value = js_sys::Reflect::get(&result, &"value".into()).unwrap_or(JsValue::UNDEFINED);
                    Some((Ok(value), Some(reader)))
                }
                Err(e) => Some((Err(e), None)),
            }
        }))
    }
}
