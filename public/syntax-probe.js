// Parses only in browsers that can parse the wasm-bindgen glue (jixiao-….js): it uses the
// newest syntax the glue uses, ES2020's optional chaining and nullish coalescing (Chrome/Edge
// 80, Firefox 74, Safari 13.1). public/loader.js imports this file before the glue, so such a
// browser gets the "too old" message instead of a failed load. An e2e test checks that the glue
// needs nothing newer than ES2020.
export const ok = ({ a: null })?.a ?? true;
