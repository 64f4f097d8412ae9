//! `jixiao-check`: the command-line checker (what it does: `cli.rs`). It reads files with the
//! office formats, a native-only dependency of this package, so on wasm32 (where
//! `cargo test --target wasm32-unknown-unknown` builds every binary of the package beside the
//! browser tests) it is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod child;
#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
