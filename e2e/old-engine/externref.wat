;; externref.wasm, in text: the smallest module of the kind today's default Rust + wasm-bindgen
;; build makes (a table of JS values as externref, and a `target_features` section that lists
;; reference-types, which binaryen would trust). Made with binaryen:
;;   wasm-as --enable-reference-types externref.wat -o tmp.wasm
;;   wasm-opt --enable-reference-types --emit-target-features tmp.wasm -o externref.wasm
;; Chromium 80–95 (V8 8.6 in the old-engine test) refuse it; scripts/wasm-features.sh must too.
(module
  (table $heap 1 externref)
  (func (export "keep") (param $value externref)
    (table.set $heap (i32.const 0) (local.get $value))))
