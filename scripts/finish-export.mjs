#!/usr/bin/env node
// What follows `next build`, wherever the site is built (npm run build, the browser tests'
// setup, the bench): each page fetches its scripts after its first frame (after-first-frame.mjs),
// then the service worker's offline manifest is written from the pages as they now are.
//
//   node scripts/finish-export.mjs [out]

import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadScriptsAfterFirstFrameIn } from "./after-first-frame.mjs";
import { MANIFEST_FILE, writeOfflineManifest } from "./offline-manifest.mjs";

/** Finishes the static export in `outDir`; returns the offline manifest. */
export function finishExport(outDir) {
  loadScriptsAfterFirstFrameIn(outDir);
  return writeOfflineManifest(outDir);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? "out");
  if (!existsSync(path.join(outDir, "index.html"))) {
    console.error(`No static export in ${outDir} — run \`next build\` first.`);
    process.exit(1);
  }
  const manifest = finishExport(outDir);
  const pageCount = Object.keys(manifest.pages).length;
  console.log(`finished export: scripts after the first frame; offline manifest: ${pageCount} pages, ${manifest.groups.length} asset groups → ${path.join(outDir, MANIFEST_FILE)}`);
}
