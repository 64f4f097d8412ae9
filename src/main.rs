//! The browser entry point (built by Trunk for wasm32). Natively there is no app to run: use
//! the `jixiao-check` binary instead.

#[cfg(target_arch = "wasm32")]
fn main() {
    jixiao::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("jixiao 是浏览器应用：请用 scripts/serve.sh 启动；命令行检查请用 cargo run --bin jixiao-check -- 文件.json");
}
