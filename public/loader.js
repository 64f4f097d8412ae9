// Loads jixiao without any inline script (works under script-src 'self' 'wasm-unsafe-eval').
// Before fetching the app it checks the WebAssembly features the release build uses; an older
// browser gets a Chinese message naming the versions that work instead of a blank page.
// scripts/post-build.sh replaces the two file names below with content-hashed ones.
const APP_JS = "./jixiao.js";
const APP_WASM = "./jixiao_bg.wasm";

// Tiny modules, each valid only if the browser supports one feature.
const FEATURES = {
  // (func (result i32) i32.const 0 i32.extend8_s)
  "sign-ext": [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 127, 3, 2, 1, 0, 10, 7, 1, 5, 0, 65, 0, 192, 11],
  // (func i32.const 0 i32.const 0 i32.const 0 memory.copy) with a memory
  "bulk-memory": [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11],
  // (func (param externref))
  "reference-types": [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 1, 111, 0, 3, 2, 1, 0, 10, 4, 1, 2, 0, 11],
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

const missing = missingFeatures();
if (missing.length > 0) {
  showMessage(
    "您的浏览器版本过旧，无法运行本应用（缺少 WebAssembly 功能：" + missing.join("、") + "）。" +
      "请使用 Chrome / Edge 96 及以上、Firefox 79 及以上、Safari 15 及以上，" +
      "或 360 安全浏览器、奇安信等国产浏览器的极速模式（内核版本 96 及以上）。",
    "browser-unsupported"
  );
} else {
  import(new URL(APP_JS, import.meta.url).href)
    .then((app) => app.default({ module_or_path: new URL(APP_WASM, import.meta.url) }))
    .then(() => {
      const boot = document.getElementById("boot");
      if (boot) boot.remove();
    })
    .catch((err) => {
      console.error(err);
      showMessage("应用加载失败，请刷新页面重试；如仍失败，请联系系统管理员。", "load-failed");
    });
}
