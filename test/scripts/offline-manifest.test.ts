import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assetsForPage,
  chunkGroupsIn,
  NETWORK_ONLY_MARKER,
  offlineManifest,
  pagePath,
} from "../../scripts/offline-manifest.mjs";

/** A Turbopack-style loader: fetch these chunks, then instantiate module `id`. */
const loader = (id: number, chunks: string[]) =>
  `${id},e=>{e.v(t=>Promise.all([${chunks.map((chunk) => `"static/chunks/${chunk}"`).join(",")}].map(t=>e.l(t))).then(()=>t(${id})))}`;

describe("chunkGroupsIn", () => {
  it("reads each loader's chunk list as one group, and a lone chunk reference as a group of its own", () => {
    const source = `${loader(1, ["a.js", "b.js"])},${loader(2, ["c.css"])};var x="static/chunks/d.js";`;
    expect(chunkGroupsIn(source)).toEqual([
      ["/_next/static/chunks/a.js", "/_next/static/chunks/b.js"],
      ["/_next/static/chunks/c.css"],
      ["/_next/static/chunks/d.js"],
    ]);
  });

  it("finds nothing in code that loads no chunks", () => {
    expect(chunkGroupsIn('console.log("static/other/x.js", [1, 2])')).toEqual([]);
  });
});

describe("assetsForPage", () => {
  const files: Record<string, string> = {
    "/_next/static/chunks/page.js": `${loader(1, ["engine.js", "shared.js"])},${loader(2, ["mermaid.js", "shared.js"])}`,
    "/_next/static/chunks/engine.js": loader(3, ["editor.js", "page.js"]),
    "/_next/static/chunks/editor.js": "editor",
    "/_next/static/chunks/shared.js": "shared",
    "/_next/static/chunks/mermaid.js": `"${NETWORK_ONLY_MARKER}";${loader(4, ["sequence.js"])}`,
    "/_next/static/chunks/sequence.js": "sequence diagrams",
    "/_next/static/chunks/page.css": "body{}",
  };
  const read = (url: string) => files[url];

  it("follows loaders through every level (the inspector's request editor is two imports away), once each", () => {
    const assets = assetsForPage(["/_next/static/chunks/page.js", "/_next/static/chunks/page.css"], read);
    expect(assets).toEqual(
      ["page.js", "page.css", "engine.js", "shared.js", "editor.js"].map((chunk) => `/_next/static/chunks/${chunk}`).sort(),
    );
  });

  it("leaves out a group that carries the network-only marker, and what only it reaches, but keeps chunks other groups share", () => {
    const assets = assetsForPage(["/_next/static/chunks/page.js"], read);
    expect(assets).not.toContain("/_next/static/chunks/mermaid.js");
    expect(assets).not.toContain("/_next/static/chunks/sequence.js");
    expect(assets).toContain("/_next/static/chunks/shared.js");
  });

  it("skips chunks that are not in the export instead of failing", () => {
    const assets = assetsForPage(["/_next/static/chunks/page.js"], (url) => (url.endsWith("engine.js") ? undefined : read(url)));
    expect(assets).toEqual(["/_next/static/chunks/page.js", "/_next/static/chunks/shared.js"]);
  });
});

describe("pagePath", () => {
  it("names each page by the address it answers", () => {
    expect(pagePath("index.html")).toBe("/");
    expect(pagePath(path.join("flows", "implicit.html"))).toBe("/flows/implicit");
    expect(pagePath(path.join("concepts", "index.html"))).toBe("/concepts");
  });
});

describe("offlineManifest", () => {
  let out: string;

  beforeEach(() => {
    out = mkdtempSync(path.join(os.tmpdir(), "offline-manifest-"));
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
      writeFileSync(path.join(out, file), text);
    };
    const page = (script: string) => `<!DOCTYPE html><link rel="stylesheet" href="/_next/static/chunks/site.css"/><script src="/_next/static/chunks/${script}" async=""></script>`;
    write("_next/static/chunks/site.css", "body{}");
    write("_next/static/chunks/flow.js", loader(1, ["engine.js"]));
    write("_next/static/chunks/engine.js", "engine");
    write("_next/static/chunks/home.js", "home");
    write("index.html", page("home.js"));
    write("flows/implicit.html", page("flow.js"));
    write("flows/password.html", page("flow.js"));
    write("404.html", page("home.js"));
    write("_next/static/chunks/not-a-page.html", "<p>ignored</p>");
  });

  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it("lists every page but the not-found page, and pages with the same assets share one group", () => {
    const manifest = offlineManifest(out);
    expect(Object.keys(manifest.pages).sort()).toEqual(["/", "/flows/implicit", "/flows/password"]);
    expect(manifest.pages["/flows/implicit"]).toBe(manifest.pages["/flows/password"]);
    expect(manifest.groups[manifest.pages["/flows/implicit"]!]).toEqual([
      "/_next/static/chunks/engine.js",
      "/_next/static/chunks/flow.js",
      "/_next/static/chunks/site.css",
    ]);
    expect(manifest.groups[manifest.pages["/"]!]).toEqual(["/_next/static/chunks/home.js", "/_next/static/chunks/site.css"]);
  });
});
