// Loads jixiao without any inline script (works under script-src 'self' 'wasm-unsafe-eval').
// Before fetching the app it checks the WebAssembly features the release build uses and the
// JavaScript syntax its glue uses; an older browser gets a Chinese message naming the versions
// that work instead of a blank page or a generic failure. This file itself uses no syntax newer
// than modules, dynamic import and import.meta (Chrome 64, Firefox 67, Safari 11.1), so every
// browser with the WebAssembly features below parses it.
// scripts/post-build.sh replaces the eight file names below with content-hashed ones.
const APP_JS = "./jixiao.js";
const APP_WASM = "./jixiao_bg.wasm";
// A module written in the newest syntax the glue uses. The strict CSP forbids `new Function`
// and `eval`, so the syntax is tested by importing a same-origin file: a browser that cannot
// parse it rejects the import with a SyntaxError.
const SYNTAX_PROBE = "./syntax-probe.js";
// The reader worker (Word, Excel and web-page import), started by the app on the first import;
// the app finds its hashed URL here.
const READER_WORKER = "./reader-worker.js";
// In dist/jixiao.html (the one file that opens from a disk, written by scripts/single-file.mjs)
// the glue, both modules and the worker are inlined: that file defines `jixiaoInline` (the app's
// init function and module bytes) and the worker's Blob URL before this script runs.
const INLINE = globalThis.jixiaoInline;
if (!INLINE) globalThis.jixiaoReader = new URL(READER_WORKER, import.meta.url).href;
// The on-demand modules, loaded on the page thread on first use: the pages module
// (crates/pages: the 部门决算 editor's page side, first visit of #/fa) and the screens module
// (crates/screens: 审核, 打印, 评分规则, first visit of one of them). Each is its no-modules
// glue, a classic script that declares one global (`wasm_bindgen`; the screens glue's is renamed
// `jixiao_screens` by scripts/post-build.sh, since a second `let` of one name is a SyntaxError),
// added by a <script> element, then its module. `jixiaoPages()` and `jixiaoScreens()` are the
// app's way in: a Promise of the module's exports, made once; a failed load is tried again on
// the next call.
const PAGES_JS = "./jixiao-pages.js";
const PAGES_WASM = "./jixiao-pages_bg.wasm";
const SCREENS_JS = "./jixiao-screens.js";
const SCREENS_WASM = "./jixiao-screens_bg.wasm";
function onDemand(js, wasm, glue) {
  let loaded = null;
  return function () {
    if (loaded === null) {
      // After a failed try whose glue did run (the module's fetch failed), the glue is not added
      // again: its top-level `let` a second time would be a SyntaxError.
      let glueRan = false;
      try {
        glueRan = typeof glue() === "function";
      } catch (e) {
        glueRan = false;
      }
      loaded = (glueRan ? Promise.resolve() : new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = js();
        script.onload = resolve;
        script.onerror = () => reject(new Error("on-demand module glue did not load: " + script.src));
        document.head.appendChild(script);
      }))
        .then(() => (INLINE ? glue()({ module_or_path: wasm() }) : jixiaoWasmInit(glue(), wasm())))
        .then(() => glue());
      loaded.catch((err) => {
        console.error(err);
        loaded = null;
      });
    }
    return loaded;
  };
}
globalThis.jixiaoPages = onDemand(
  () => (INLINE ? INLINE.pagesJs() : new URL(PAGES_JS, import.meta.url).href),
  () => (INLINE ? INLINE.pagesWasm() : new URL(PAGES_WASM, import.meta.url)),
  // The global the glue just loaded declares.
  () => wasm_bindgen,
);
globalThis.jixiaoScreens = onDemand(
  () => (INLINE ? INLINE.screensJs() : new URL(SCREENS_JS, import.meta.url).href),
  () => (INLINE ? INLINE.screensWasm() : new URL(SCREENS_WASM, import.meta.url)),
  () => jixiao_screens,
);
// jixiaoWasmInit(init, url): the module as `url.gz` inflated while it downloads where the browser
// can, else `url` (public/wasm-source.js, pasted here by scripts/post-build.sh).
// @wasm-source

// Not hashed: the browser checks this one name for a new version on every visit.
const SERVICE_WORKER = "./sw.js";

// Tiny modules, each valid only if the browser supports one feature: exactly the features the
// release wasm uses beyond MVP (scripts/wasm-features.sh allows no others; an e2e test checks
// that this list matches what the built module needs). Browsers that have all of them:
// Chrome/Edge 75, Firefox 79, Safari 15.
const FEATURES = {
  // (func (result i32) i32.const 0 i32.extend8_s)
  "sign-ext": [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 10, 7, 1, 5, 0, 65, 0, 192, 11],
  // (func i32.const 0 i32.const 0 i32.const 0 memory.copy) with a memory
  "bulk-memory": [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11],
  // (func (result i32) f32.const 0 i32.trunc_sat_f32_s)
  "nontrapping-fptoint": [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 10, 11, 1, 9, 0, 67, 0, 0, 0, 0, 252, 0, 11],
};

function missingFeatures() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") {
    return ["WebAssembly"];
  }
  return Object.keys(FEATURES).filter((name) => {
    try {
      return !WebAssembly.validate(new Uint8Array(FEATURES[name]));
    } catch (e) {
      return true;
    }
  });
}

function showMessage(text, testid) {
  const boot = document.getElementById("boot");
  const box = document.createElement("div");
  box.className = "unsupported";
  box.setAttribute("role", "alert");
  box.setAttribute("data-testid", testid);
  box.textContent = text;
  if (boot) boot.replaceWith(box); else document.body.prepend(box);
}

// Chromium 80–83 lay out flex containers without their `gap`: style/main.css then spaces the
// items with margins under .no-flex-gap. Measured, since @supports cannot tell (grid has `gap`).
function flexGapWorks() {
  const flex = document.createElement("div");
  flex.style.display = "flex";
  flex.style.flexDirection = "column";
  flex.style.rowGap = "1px";
  flex.appendChild(document.createElement("div"));
  flex.appendChild(document.createElement("div"));
  document.body.appendChild(flex);
  const works = flex.scrollHeight === 1;
  flex.remove();
  return works;
}
if (!flexGapWorks()) document.documentElement.classList.add("no-flex-gap");

const TOO_OLD =
  "您的浏览器版本过旧，无法运行本应用。" +
  "请使用 Chrome / Edge 80 及以上、Firefox 79 及以上、Safari 15 及以上，" +
  "或 360 安全浏览器、奇安信等国产浏览器的极速模式（内核版本 80 及以上）。";

function tooOld(detail) {
  showMessage(TOO_OLD + (detail ? "（" + detail + "）" : ""), "browser-unsupported");
}

// The offline copy (public/sw.js): only where browsers allow service workers (HTTPS, localhost),
// never from a disk, and registered once the app runs so it never delays the first screen. A
// failure only means no offline copy, so it is a warning, not an error.
function keepOfflineCopy() {
  if (INLINE || !window.isSecureContext || location.protocol === "file:" || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register(new URL(SERVICE_WORKER, import.meta.url).href, { scope: new URL("./", import.meta.url).href })
    .catch((err) => console.warn("离线副本未能启用", err));
}

// A panic in a module on the page thread ends in a WebAssembly trap (the release build has no
// panic handler: scripts/release-env.sh), which reaches the page as an uncaught RuntimeError:
// from an event listener or a timer as an error event, from a Promise as a rejection. The page
// then shows one Chinese banner instead of going dead without a word.
function isTrap(err) {
  return typeof WebAssembly === "object" && err instanceof WebAssembly.RuntimeError;
}
function showPanic(err) {
  if (!isTrap(err) || document.querySelector("[data-testid=panic-banner]")) return;
  const banner = document.createElement("div");
  banner.className = "panic-banner";
  banner.setAttribute("role", "alert");
  banner.setAttribute("data-testid", "panic-banner");
  banner.textContent = "程序出现意外错误，当前页面已停止响应。已保存的内容不会丢失，请刷新页面后继续；如反复出现，请把本页截图发给系统管理员。";
  document.body.prepend(banner);
}
// The app's calls into an on-demand module, which catch what that module throws, report a trap
// here too (`views::call_module`).
globalThis.jixiaoShowPanic = showPanic;
window.addEventListener("error", (event) => showPanic(event.error));
window.addEventListener("unhandledrejection", (event) => showPanic(event.reason));

const missing = missingFeatures();
if (missing.length > 0) {
  tooOld("缺少 WebAssembly 功能：" + missing.join("、"));
} else {
  const loading = INLINE
    // The inlined glue did not run when the browser could not parse it.
    ? Promise.resolve().then(() => {
      if (typeof INLINE.init !== "function") throw new SyntaxError("inlined glue did not run");
      return INLINE.init({ module_or_path: INLINE.wasm() });
    })
    : import(new URL(SYNTAX_PROBE, import.meta.url).href)
      .then(() => {
        // A first page that is one of the screens module's (审核, 打印, 评分规则): that module is
        // fetched beside the app's, not after it (the app asks for the same Promise later).
        if (/^#\/(review|print|rules)(\/|$)/.test(location.hash)) globalThis.jixiaoScreens();
        return import(new URL(APP_JS, import.meta.url).href);
      })
      .then((app) => jixiaoWasmInit(app.default, new URL(APP_WASM, import.meta.url)));
  loading
    .then(() => {
      const boot = document.getElementById("boot");
      if (boot) boot.remove();
      keepOfflineCopy();
    })
    .catch((err) => {
      if (err instanceof SyntaxError) {
        // The probe (or the glue) does not parse: Chromium 75–79 and the like.
        console.warn(err);
        tooOld("不支持所需的 JavaScript 语法");
      } else if (typeof WebAssembly === "object" && err instanceof WebAssembly.CompileError) {
        // A WebAssembly feature the checks above do not cover.
        console.warn(err);
        tooOld("无法编译 WebAssembly 模块");
      } else if (isTrap(err)) {
        // A panic while the app starts.
        console.error(err);
        showPanic(err);
      } else {
        console.error(err);
        showMessage("应用加载失败，请刷新页面重试；如仍失败，请联系系统管理员。", "load-failed");
      }
    });
}
