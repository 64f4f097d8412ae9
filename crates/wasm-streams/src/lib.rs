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

/// A JS stream read as a Rust stream ([`ReadableStream::into_stream`]); dropping it before the
/// end cancels the JS stream (a response body stops downloading).
pub struct IntoStream {
    items: Pin<Box<dyn Stream<Item = Result<JsValue, JsValue>>>>,
    reader: web_sys::ReadableStreamDefaultReader,
}

impl Stream for IntoStream {
    type Item = Result<JsValue, JsValue>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Option<Self::Item>> {
        self.items.as_mut().poll_next(cx)
    }
}

impl Drop for IntoStream {
    fn drop(&mut self) {
        // Cancelling a stream that ended or failed does nothing; the promise is not waited for.
        let _ = self.reader.cancel();
    }
}

impl ReadableStream {
    /// Wraps a JS `ReadableStream`.
    pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
        Self { raw }
    }

    /// A JS `ReadableStream` whose chunks are `stream`'s items, taken one per `pull` of the JS
    /// stream (a high-water mark of 0: nothing is read ahead of the consumer): an `Err` errors
    /// the JS stream, the end closes it, and a `cancel` drops the Rust stream.
    pub fn from_stream<St>(stream: St) -> Self
    where
        St: Stream<Item = Result<JsValue, JsValue>> + 'static,
    {
        type Slot = Rc<RefCell<Option<Pin<Box<dyn Stream<Item = Result<JsValue, JsValue>>>>>>>;
        let slot: Slot = Rc::new(RefCell::new(Some(Box::pin(stream))));
        let pulled = slot.clone();
        let pull = Closure::<dyn FnMut(web_sys::ReadableStreamDefaultController) -> js_sys::Promise>::new(move |controller: web_sys::ReadableStreamDefaultController| {
            let slot = pulled.clone();
            wasm_bindgen_futures::future_to_promise(async move {
                // The stream is taken out while it is polled, so no borrow is held across an
                // await (the JS stream calls `pull` again only once this promise settled).
                let taken = slot.borrow_mut().take();
                let Some(mut taken) = taken else { return Ok(JsValue::UNDEFINED) };
                match taken.next().await {
                    Some(Ok(chunk)) => {
                        controller.enqueue_with_chunk(&chunk)?;
                        *slot.borrow_mut() = Some(taken);
                    }
                    Some(Err(e)) => controller.error_with_e(&e),
                    None => controller.close()?,
                }
                Ok(JsValue::UNDEFINED)
            })
        });
        let cancel = Closure::<dyn FnMut(JsValue)>::new(move |_reason: JsValue| {
            slot.borrow_mut().take();
        });
        let source = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&source, &"pull".into(), &pull.into_js_value());
        let _ = js_sys::Reflect::set(&source, &"cancel".into(), &cancel.into_js_value());
        let strategy = web_sys::QueuingStrategy::new();
        strategy.set_high_water_mark(0.0);
        let raw = web_sys::ReadableStream::new_with_underlying_source_and_strategy(&source, &strategy)
            .unwrap_or_else(|_| web_sys::ReadableStream::new().unwrap_or_else(|_| JsValue::UNDEFINED.unchecked_into()));
        Self { raw }
    }

    /// The JS `ReadableStream`.
    pub fn into_raw(self) -> web_sys::ReadableStream {
        self.raw
    }

    /// Reads the JS stream to its end as a Rust stream: each chunk as `Ok`, a failed read as
    /// one `Err` (and the end).
    pub fn into_stream(self) -> IntoStream {
        let reader: web_sys::ReadableStreamDefaultReader = self.raw.get_reader().unchecked_into();
        let items = futures_util::stream::unfold(Some(reader.clone()), |reader| async move {
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
        });
        IntoStream { items: Box::pin(items), reader }
    }
}
