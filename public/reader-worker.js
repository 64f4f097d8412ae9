// The reader worker: runs jixiao's file readers (Word, Excel, WPS, web pages, pasted tables) in
// their own WebAssembly module, off the page's thread, loaded on the first import. Messages in:
// {id, kind: "file", name, bytes: ArrayBuffer, overrides} or {id, kind: "paste", text, overrides}
// (overrides: columns assigned by hand, as JSON); out: {id, result}
// where result is the preview as JSON text (model::exchange::import::to_wire). It also writes
// the Word and Excel exports, so those writers load on first use too: {id, kind: "write", what:
// "docx" | "xlsx" | "review-xlsx", text, packs, findings, explanations} is answered with the
// file's bytes as a Uint8Array, or a JSON failure as above. The screens used on few visits get
// their HTML here (issue 25): {id, kind: "print", text, packs, findings, explanations, computed,
// import_notes, charts} is answered with the printable report's HTML, {id, kind: "rules", what:
// "packs" | "compare" | "rescore", text, packs, left, right} with 评分规则's parts or 按其他规则重算
// (a failure is JSON, as above, and starts with "{"; HTML never does). The 部门决算 editor runs
// here whole: {id, kind: "fa", what: "op" | "print", op, text, report} is answered with the new saved
// JSON and view as JSON (model::final_accounts::session::run_wire) or the print HTML; its
// 导出 goes through "write" with what "fa-docx" | "fa-xlsx". A module that
// traps (a file past the module's memory maximum among others) is not used again: the answer
// carries broken: true and the page starts a fresh worker. Before reading a file or a paste the
// worker posts {id, started: true}: the page's time allowance for it runs from then (module
// loading does not count), and past it the page terminates this worker (see
// src/app/import/worker.rs).
// scripts/post-build.sh replaces the two file names below with content-hashed ones.
const READER_JS = "./jixiao-reader.js";
const READER_WASM = "./jixiao-reader_bg.wasm";

// jixiaoWasmInit(init, url): the module as `url.gz` inflated while it downloads where the browser
// can, else `url` (public/wasm-source.js, pasted here by scripts/post-build.sh).
// @wasm-source

importScripts(READER_JS);
const ready = jixiaoWasmInit(wasm_bindgen, READER_WASM);

function failure(text) {
  return JSON.stringify({ ok: false, error: text });
}

self.onmessage = (event) => {
  const { id, kind, name, bytes, text } = event.data;
  ready.then(
    () => {
      let result;
      let broken = false;
      const { what, packs, findings, explanations, computed, import_notes, charts, left, right } = event.data;
      try {
        if (kind === "fa") {
          // The 决算 editor: an operation on a saved JSON, or its print.
          result = wasm_bindgen.final_accounts(what || "op", event.data.op || "{\"op\":\"open\"}", text || "", event.data.report || "");
        } else if (kind === "rules") {
          // 评分规则's parts and 按其他规则重算 (what: "packs" | "compare" | "rescore").
          result = wasm_bindgen.rules_html(what, text || "", packs || "[]", left || "", right || "");
        } else if (kind === "print") {
          // The printable report's HTML of a report's saved JSON (the print view's model code).
          result = wasm_bindgen.print_html(text, packs || "[]", !!findings, !!explanations, !!computed, !!import_notes, !!charts);
        } else if (kind === "write") {
          // Writing a Word or Excel file: the bytes (handed over, not copied), or the message.
          const out = wasm_bindgen.write_file(what, text, packs || "[]", !!findings, !!explanations, !!computed, !!import_notes);
          if (out.length > 0) {
            self.postMessage({ id, result: out }, [out.buffer]);
            return;
          }
          result = failure(wasm_bindgen.write_error());
        } else {
          self.postMessage({ id, started: true });
          const overrides = event.data.overrides || "[]";
          result = kind === "paste" ? wasm_bindgen.read_pasted(text, overrides) : wasm_bindgen.read_file(name, new Uint8Array(bytes), overrides);
        }
      } catch (err) {
        console.error(err);
        broken = true;
        result = failure(kind === "print" || kind === "rules" || kind === "fa"
          ? "显示报告时出错，请刷新页面后重试。"
          : kind === "write"
          ? "生成文件时出错，请刷新页面后重试。"
          : "读取时出错：文件已损坏或过于复杂（所需内存超出读取组件的上限），无法识别此文件；请用 Word、Excel 或 WPS 另存为 .docx 或 .xlsx 后再导入。");
      }
      self.postMessage({ id, result, broken });
    },
    (err) => {
      console.error(err);
      self.postMessage({ id, result: failure("读取组件加载失败，请刷新页面后重试；如仍失败，请联系系统管理员。"), broken: true });
    }
  );
};
