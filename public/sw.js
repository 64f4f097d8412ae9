// The offline copy (issue 25): registered by loader.js only where the browser allows service
// workers (HTTPS, or http://localhost / 127.0.0.1), after the app has started. It keeps the
// app's files in a cache so that the app still opens and works when the server cannot be
// reached after a first visit. Every request goes to the network first and the cache is only
// the fallback, so a new release is taken on the next visit that reaches the server (index.html
// names the new hashed files). Its own name is fixed (not hashed): the browser compares it
// byte for byte on each visit, and scripts/post-build.sh writes the build's file list and a
// cache name made of their hashes into it, so each release installs itself and removes the old
// cache. Only GET requests under this folder are touched; nothing leaves the site.
const CACHE = "jixiao-BUILD";
const FILES = [];

// Each module is in the list twice, as X.wasm and X.wasm.gz (public/wasm-source.js): only the
// one this browser fetches is kept (the .gz where it can inflate gzip itself).
const INFLATES = typeof DecompressionStream === "function";
const KEPT = FILES.filter((f) => !(INFLATES ? FILES.includes(f + ".gz") : /\.wasm\.gz$/.test(f)));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => {
        const add = (f) => cache.add(new URL(f, self.registration.scope).href);
        // A server without the .gz files (an IIS with no MIME type for them): the page then
        // fetches the plain module, so that one is kept instead.
        return Promise.all(KEPT.map((f) => add(f).catch((err) => (/\.wasm\.gz$/.test(f) ? add(f.slice(0, -3)) : Promise.reject(err)))));
      })
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("jixiao-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(
    fetch(request).then(
      (response) => {
        if (response.ok && response.type === "basic") {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      },
      (err) => caches.open(CACHE)
        .then((cache) => cache.match(request, { ignoreSearch: true }))
        .then((hit) => {
          if (hit) return hit;
          // A visit to the folder itself ("…/jixiao/") is index.html.
          if (request.mode === "navigate") {
            return caches.open(CACHE).then((cache) => cache.match(new URL("index.html", self.registration.scope).href))
              .then((index) => index || Promise.reject(err));
          }
          return Promise.reject(err);
        })
    )
  );
});
