// Serves ../dist under a sub-path on 127.0.0.1 with the strict Content-Security-Policy the
// README documents, the way an intranet web server would. Used by the end-to-end tests.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { fileURLToPath } from "node:url";

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json", ".gz": "application/gzip" };

// `gz` says how the server treats the build's gzip-compressed modules (X.wasm.gz), as servers in
// the field do: "file" sends them as files (nginx, Python; no compression of anything, the
// default), "missing" answers 404 (an IIS with no MIME type for .gz), "encoded" sends them with
// `Content-Encoding: gzip` (Apache's AddEncoding), "compressing" compresses every response on the
// fly, .gz files included (a server told to gzip everything), "html" answers index.html for them
// (a server that sends the start page for every unknown address), "truncated" sends their first
// half (an upload cut short).
export function serve({ root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist"), prefix = "/apps/jixiao/", port = 0, gz = "file" } = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end("not under " + prefix);
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length)) || "index.html";
    const file = path.join(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    const packed = file.endsWith(".gz");
    if (packed && gz === "html") {
      res.writeHead(200, { "Content-Type": TYPES[".html"], "Content-Security-Policy": CSP, "Cache-Control": "no-cache" });
      res.end(fs.readFileSync(path.join(root, "index.html")));
      return;
    }
    if (packed && gz === "truncated") {
      const data = fs.readFileSync(file);
      res.writeHead(200, { "Content-Type": TYPES[".gz"], "Content-Security-Policy": CSP, "Cache-Control": "no-cache" });
      res.end(data.subarray(0, data.length >> 1));
      return;
    }
    if (packed && gz === "missing") {
      res.writeHead(404).end("not found");
      return;
    }
    const headers = { "Content-Type": TYPES[path.extname(file)] || "application/octet-stream", "Content-Security-Policy": CSP, "Cache-Control": "no-cache" };
    if (packed && gz === "encoded") {
      headers["Content-Type"] = TYPES[path.extname(file.slice(0, -3))] || "application/octet-stream";
      headers["Content-Encoding"] = "gzip";
    }
    if (gz === "compressing") {
      headers["Content-Encoding"] = "gzip";
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(zlib.createGzip()).pipe(res);
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve({ server, url: `http://127.0.0.1:${server.address().port}${prefix}` })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || 8080);
  serve({ port }).then(({ url }) => console.log("serving dist/ at " + url));
}
