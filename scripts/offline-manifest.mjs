// What each page of the static export needs to keep working offline, for the service worker
// (public/sw.js): the page's own scripts and styles, and every chunk it may load on demand later
// (the flow engine, the inspector, the request editor …), found by following the chunk lists the
// bundler writes into its loaders. Chunk groups that carry the network-only marker (mermaid, see
// components/diagram/mermaid-library.ts) are left out, with everything reachable only through them.
//
// Written by scripts/finish-export.mjs after `next build`, as out/offline-manifest.json:
// { "groups": [[url, …], …], "pages": { "/flows/implicit": 0, … } }.

import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const MANIFEST_FILE = "offline-manifest.json";
export const NETWORK_ONLY_MARKER = "oauth-sim:network-only";

/** Pages that are not worth keeping: the not-found pages answer unknown addresses. */
const SKIPPED_PAGES = new Set(["/404", "/_not-found"]);

const ASSET = /\/_next\/static\/[\w./-]+\.(?:js|css)/g;
/** A loader's chunk list, as Turbopack writes it: ["static/chunks/a.js","static/chunks/b.js"]. */
const CHUNK_LIST = /\[("static\/chunks\/[\w.-]+\.(?:js|css)"(?:,"static\/chunks\/[\w.-]+\.(?:js|css)")*)\]/g;
/** A lone chunk reference outside a list. */
const CHUNK = /"(static\/chunks\/[\w.-]+\.(?:js|css))"/g;

/** The chunk groups a chunk's loaders may fetch, each as a list of `/_next/static/…` URLs. */
export function chunkGroupsIn(source) {
  const groups = [];
  const listed = new Set();
  for (const match of source.matchAll(CHUNK_LIST)) {
    const group = [...match[1].matchAll(CHUNK)].map((chunk) => `/_next/${chunk[1]}`);
    group.forEach((url) => listed.add(url));
    groups.push(group);
  }
  for (const match of source.matchAll(CHUNK)) {
    const url = `/_next/${match[1]}`;
    if (!listed.has(url)) groups.push([url]);
  }
  return groups;
}

/**
 * Every asset a page may need: its initial assets, then every chunk group reachable from them,
 * except groups with a chunk that carries the network-only marker.
 * @param {string[]} initial the page's own `/_next/static/…` URLs
 * @param {(url: string) => string | undefined} readAsset the text of an asset, or undefined when missing
 */
export function assetsForPage(initial, readAsset) {
  const kept = new Set(initial);
  const queue = [...initial];
  const isNetworkOnly = (url) => readAsset(url)?.includes(NETWORK_ONLY_MARKER) ?? false;
  while (queue.length > 0) {
    const url = queue.shift();
    if (!url.endsWith(".js")) continue;
    const source = readAsset(url);
    if (source === undefined) continue;
    for (const group of chunkGroupsIn(source)) {
      if (group.some(isNetworkOnly)) continue;
      for (const member of group) {
        if (kept.has(member) || readAsset(member) === undefined) continue;
        kept.add(member);
        queue.push(member);
      }
    }
  }
  return [...kept].sort();
}

/** The address a page of the export answers: index.html → /, flows/implicit.html → /flows/implicit. */
export function pagePath(relativeHtmlFile) {
  const withoutExtension = relativeHtmlFile.split(path.sep).join("/").replace(/\.html$/, "");
  if (withoutExtension === "index") return "/";
  return `/${withoutExtension.replace(/\/index$/, "")}`;
}

/** The pages of the export under `directory`, as paths relative to it (the bundler's _next/ left out). */
export function htmlFiles(directory, root = directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "_next" ? [] : htmlFiles(full, root);
    return entry.name.endsWith(".html") ? [path.relative(root, full)] : [];
  });
}

/** The manifest for the static export in `outDir`. Pages with the same assets share one group. */
export function offlineManifest(outDir) {
  const cache = new Map();
  const readAsset = (url) => {
    if (!cache.has(url)) {
      const file = path.join(outDir, url);
      cache.set(url, existsSync(file) ? readFileSync(file, "utf8") : undefined);
    }
    return cache.get(url);
  };
  const groups = [];
  const groupIndex = new Map();
  const pages = {};
  for (const file of htmlFiles(outDir).sort()) {
    const page = pagePath(file);
    if (SKIPPED_PAGES.has(page)) continue;
    const html = readFileSync(path.join(outDir, file), "utf8");
    const initial = [...new Set(html.match(ASSET) ?? [])];
    const assets = assetsForPage(initial, readAsset);
    const key = assets.join("\n");
    if (!groupIndex.has(key)) {
      groupIndex.set(key, groups.length);
      groups.push(assets);
    }
    pages[page] = groupIndex.get(key);
  }
  return { groups, pages };
}

export function writeOfflineManifest(outDir) {
  const manifest = offlineManifest(outDir);
  writeFileSync(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest));
  return manifest;
}

