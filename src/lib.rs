//! jixiao (绩效): budget performance self-evaluation. `model` is the pure scoring core shared by
//! the browser app, the command-line checker and the tests; `app` is the Leptos browser shell
//! and exists only on wasm32.
pub mod model;
#[cfg(target_arch = "wasm32")]
pub mod app;
