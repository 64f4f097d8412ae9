//! jixiao (绩效): budget performance self-evaluation. This package is the browser app (`app`,
//! the Leptos shell, only on wasm32) and the command-line checker (src/bin/jixiao-check.rs). The
//! model is the `jixiao-model` crate, re-exported as `model` so the app, the checker and the
//! tests name it alike; the office formats (`jixiao-office`) are a dependency of this package
//! only natively, so the app's start-up module cannot link a reader or a writer: those run in
//! the reader worker (crates/reader).
pub use jixiao_model as model;
#[cfg(target_arch = "wasm32")]
pub mod app;
