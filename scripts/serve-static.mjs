#!/usr/bin/env node
// A small static file server for Next's static export (out/).
//
//   node scripts/serve-static.mjs [--dir out] [--port 3000] [--host 127.0.0.1]
//
// - `/path` is served from `path`, `path.html` or `path/index.html`, as a static export needs;
// - unknown paths get `404.html` with status 404;
// - text responses are gzipped when the client accepts gzip;
// - files under /_next/static/ are content-hashed, so they are cached for a year.
// Also used by the browser tests (test/browser/global-setup.ts) through createStaticServer().

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
};

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json|wasm)|image\/svg\+xml)/;

/** The content type for a file name (application/octet-stream when unknown). */
export function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** True when an Accept-Encoding header allows gzip (a `q=0` refuses it). */
export function acceptsGzip(header) {
  if (!header) return false;
  for (const part of String(header).split(",")) {
    const [coding = "", ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "gzip" && coding.trim() !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

async function isFile(file) {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * The file that serves a URL path, or null. Never resolves outside `root`.
 * `/` → index.html; `/a` → a, a.html or a/index.html; `/a/` → a/index.html or a.html.
 */
export async function resolveFile(root, urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (pathname.includes("\0")) return null;
  const base = path.resolve(root, "." + path.posix.normalize("/" + pathname));
  if (base !== root && !base.startsWith(root + path.sep)) return null;
  const candidates = pathname.endsWith("/")
    ? [path.join(base, "index.html"), base.replace(/[\\/]+$/, "") + ".html"]
    : [base, base + ".html", path.join(base, "index.html")];
  for (const candidate of candidates) {
    if (candidate !== root && !candidate.startsWith(root + path.sep)) continue;
    if (await isFile(candidate)) return candidate;
  }
  return null;
}

/**
 * An http.Server serving the directory `root` (not yet listening).
 * @param {{ root?: string }} [options]
 */
export function createStaticServer({ root = "out" } = {}) {
  const dir = path.resolve(root);
  /** gzip cache: file → { mtimeMs, body } */
  const gzipCache = new Map();

  return createServer(async (req, res) => {
    try {
      res.setHeader("X-Content-Type-Options", "nosniff");
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" });
        res.end("Method Not Allowed\n");
        return;
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      let file = await resolveFile(dir, url.pathname);
      let status = 200;
      if (!file) {
        status = 404;
        const notFound = path.join(dir, "404.html");
        file = (await isFile(notFound)) ? notFound : null;
      }
      if (!file) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
        res.end("Not Found\n");
        return;
      }

      const type = contentType(file);
      const info = await stat(file);
      let body = await readFile(file);
      const headers = {
        "Content-Type": type,
        "Cache-Control":
          status === 200 && url.pathname.startsWith("/_next/static/")
            ? "public, max-age=31536000, immutable"
            : "no-cache",
        "Last-Modified": info.mtime.toUTCString(),
      };
      if (COMPRESSIBLE.test(type)) {
        headers.Vary = "Accept-Encoding";
        if (acceptsGzip(req.headers["accept-encoding"]) && body.length > 0) {
          const cached = gzipCache.get(file);
          if (cached && cached.mtimeMs === info.mtimeMs) {
            body = cached.body;
          } else {
            const gz = gzipSync(body, { level: 9 });
            gzipCache.set(file, { mtimeMs: info.mtimeMs, body: gz });
            body = gz;
          }
          headers["Content-Encoding"] = "gzip";
        }
      }
      headers["Content-Length"] = String(body.length);
      res.writeHead(status, headers);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Internal Server Error\n");
      console.error(error);
    }
  });
}

function parseArgs(argv) {
  const options = { dir: "out", port: Number(process.env.PORT ?? 3000), host: "127.0.0.1" };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === "--dir" && value) {
      options.dir = value;
      i++;
    } else if (arg === "--port" && value) {
      options.port = Number(value);
      i++;
    } else if (arg === "--host" && value) {
      options.host = value;
      i++;
    } else if (arg === "--help" || arg === "-h") {
      console.log("Usage: node scripts/serve-static.mjs [--dir out] [--port 3000] [--host 127.0.0.1]");
      process.exit(0);
    } else {
      console.error(`Unknown argument: ${arg}`);
      process.exit(2);
    }
  }
  return options;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { dir, port, host } = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(dir, "index.html"))) {
    console.error(`No static export in ${dir}/ — run \`npm run build\` first.`);
    process.exit(1);
  }
  const server = createStaticServer({ root: dir });
  server.on("error", (error) => {
    console.error(error.message);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    console.log(`Serving ${dir}/ at http://${host === "0.0.0.0" ? "localhost" : host}:${actualPort}/`);
  });
}
