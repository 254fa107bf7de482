import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptsGzip, createStaticServer } from "../../scripts/serve-static.mjs";

let dir: string;
let server: Server;
let port: number;

/** A raw GET (fetch would decompress and hide Content-Encoding). */
function get(pathname: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: pathname, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "serve-static-"));
  await mkdir(path.join(dir, "flows"), { recursive: true });
  await mkdir(path.join(dir, "_next/static/chunks"), { recursive: true });
  await mkdir(path.join(dir, "guide"), { recursive: true });
  await writeFile(path.join(dir, "index.html"), "<h1>home</h1>".repeat(50));
  await writeFile(path.join(dir, "404.html"), "<h1>not found</h1>");
  await writeFile(path.join(dir, "flows/implicit.html"), "<h1>implicit</h1>");
  await writeFile(path.join(dir, "guide/index.html"), "<h1>guide</h1>");
  await writeFile(path.join(dir, "_next/static/chunks/app.js"), "console.log(1);");
  await writeFile(path.join(dir, "favicon.svg"), "<svg/>");
  await writeFile(path.join(os.tmpdir(), "serve-static-secret.txt"), "secret");
  server = createStaticServer({ root: dir });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
  await rm(path.join(os.tmpdir(), "serve-static-secret.txt"), { force: true });
});

describe("static server", () => {
  it("serves index.html at / as HTML", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body.toString()).toContain("<h1>home</h1>");
  });

  it("serves /path from path.html and /path/ from path/index.html, as Next's export lays them out", async () => {
    expect((await get("/flows/implicit")).body.toString()).toBe("<h1>implicit</h1>");
    expect((await get("/flows/implicit?step=3")).body.toString()).toBe("<h1>implicit</h1>");
    expect((await get("/guide")).body.toString()).toBe("<h1>guide</h1>");
    expect((await get("/guide/")).body.toString()).toBe("<h1>guide</h1>");
  });

  it("answers unknown paths with 404.html and status 404", async () => {
    const res = await get("/no/such/page");
    expect(res.status).toBe(404);
    expect(res.body.toString()).toBe("<h1>not found</h1>");
  });

  it("never serves a file outside its root", async () => {
    for (const p of ["/../serve-static-secret.txt", "/%2e%2e/serve-static-secret.txt", "/..%2fserve-static-secret.txt"]) {
      const res = await get(p);
      expect(res.status).toBe(404);
      expect(res.body.toString()).not.toContain("secret");
    }
    expect((await get("/%E0%A4%A")).status).toBe(404);
  });

  it("gzips text when the client accepts gzip, and not otherwise", async () => {
    const zipped = await get("/", { "Accept-Encoding": "gzip, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toBe("Accept-Encoding");
    expect(gunzipSync(zipped.body).toString()).toContain("<h1>home</h1>");
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    const plain = await get("/");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    const refused = await get("/", { "Accept-Encoding": "gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  it("sends correct content types and caches hashed _next/static files for a year", async () => {
    const js = await get("/_next/static/chunks/app.js");
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.headers["cache-control"]).toContain("immutable");
    expect((await get("/favicon.svg")).headers["content-type"]).toBe("image/svg+xml");
    expect((await get("/")).headers["cache-control"]).toBe("no-cache");
  });

  it("refuses methods other than GET and HEAD, and answers HEAD without a body", async () => {
    const post = await get("/", {}, "POST");
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe("GET, HEAD");
    const head = await get("/", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it("reads Accept-Encoding headers the way RFC 9110 weights them", () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("br")).toBe(false);
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("deflate, gzip;q=0.5")).toBe(true);
    expect(acceptsGzip("GZIP;q=0")).toBe(false);
    expect(acceptsGzip("*")).toBe(true);
  });
});
