//! Build script: caps the reader worker's WebAssembly memory at 1 GiB (issue 26), so a file that
//! would need more makes the module trap (the worker answers with a message and the page starts
//! a fresh one) instead of growing until the browser tab is killed. Nothing for native builds.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=jixiao-reader=--max-memory=1073741824");
    }
}
