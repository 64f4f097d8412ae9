// Where a WebAssembly module comes from (issue 25). scripts/post-build.sh writes every module of
// the build a second time gzip-compressed beside itself (`X.wasm.gz`, zopfli) and pastes this
// file into loader.js and reader-worker.js in place of their `// @wasm-source` line, so the page
// and the worker share one copy and no extra request is made.
//
// Many intranet web servers send `.wasm` uncompressed (nginx, Apache and IIS compress only text
// types unless told otherwise): 1.1 MB for the app's module instead of about 0.4 MB. Where the
// browser can inflate gzip itself (DecompressionStream: Chrome/Edge 80, Firefox 113, Safari 16.4)
// the module is fetched as `X.wasm.gz` and inflated while it downloads, so compiling still
// starts with the first bytes. The plain `X.wasm` is fetched instead when the browser cannot
// inflate, when the server does not have or refuses the `.gz` file (an IIS without a MIME type
// for it answers 404), or when what arrives is neither gzip nor WebAssembly. A server that marks
// `.gz` files `Content-Encoding: gzip` has the browser inflate them already: the bytes then start
// as WebAssembly and are used as they are.
// Returns a Promise of a Response for wasm-bindgen's init (`module_or_path`).
function jixiaoWasmSource(url) {
  const plain = () => fetch(url);
  if (typeof DecompressionStream !== "function" || typeof ReadableStream !== "function") return plain();
  return fetch(String(url) + ".gz")
    .then((response) => {
      if (!response.ok || !response.body) return plain();
      const reader = response.body.getReader();
      // The first bytes, at least four unless the body is shorter (a chunk may be smaller).
      const start = (head) =>
        head.length >= 4
          ? Promise.resolve(head)
          : reader.read().then((next) => {
            if (next.done) return head;
            const joined = new Uint8Array(head.length + next.value.length);
            joined.set(head);
            joined.set(next.value, head.length);
            return start(joined);
          });
      return start(new Uint8Array(0)).then((head) => {
        const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
        const wasm = head.length >= 4 && head[0] === 0 && head[1] === 0x61 && head[2] === 0x73 && head[3] === 0x6d;
        if (!gzip && !wasm) {
          reader.cancel().catch(() => {});
          return plain();
        }
        let body = new ReadableStream({
          start(controller) {
            controller.enqueue(head);
          },
          pull(controller) {
            return reader.read().then((next) => {
              if (next.done) controller.close();
              else controller.enqueue(next.value);
            });
          },
          cancel(reason) {
            return reader.cancel(reason);
          },
        });
        if (gzip) body = body.pipeThrough(new DecompressionStream("gzip"));
        return new Response(body, { headers: { "Content-Type": "application/wasm" } });
      });
    })
    .catch(() => plain());
}

// Runs wasm-bindgen's `init` on the module at `url` as above; when that fails other than by the
// browser's verdict on the code itself (a SyntaxError or a CompileError, which the loader reports
// as an old browser), once more on the plain file, so a `.gz` cut short or damaged on the server
// does not stop the app.
function jixiaoWasmInit(init, url) {
  return init({ module_or_path: jixiaoWasmSource(url) }).catch((err) => {
    if (err instanceof SyntaxError || (typeof WebAssembly === "object" && err instanceof WebAssembly.CompileError)) throw err;
    console.warn("compressed module unusable, loading the plain one", err);
    return init({ module_or_path: fetch(url) });
  });
}
