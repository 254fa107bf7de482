// Content first: every page of the static export fetches its scripts after its first frame.
//
// Next.js puts the page's chunks in <script async> tags (and preloads one). They are fetched as
// soon as the stylesheet is in, and on a slow phone their evaluation often lands before the first
// frame, so the reader waits for JavaScript to see a page that is complete without it. Here each
// page's own script tags are replaced by one small inline script that adds the same scripts,
// in the same order, once the first frame is done — or after a second when frames are not
// being drawn (a background tab, an embed scrolled out of view). The scripts stay async, as Next
// emits them: their order never mattered, the bundler's runtime orders the modules.
//
// Run by scripts/finish-export.mjs after `next build`.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { htmlFiles } from "./offline-manifest.mjs";

/** A chunk Next emits for the page: <script src="/_next/static/chunks/….js" async=""></script>. */
const ASYNC_CHUNK_SCRIPT = /<script src="(\/_next\/static\/chunks\/[\w.-]+\.js)" async=""><\/script>/g;
/** Next's early fetch of one of them, which would undo the wait. */
const CHUNK_PRELOAD = /<link rel="preload" as="script"[^>]*href="\/_next\/static\/chunks\/[\w.-]+\.js"[^>]*\/>/g;

/** Marks a page whose scripts already wait for the first frame. */
export const AFTER_FIRST_FRAME_MARKER = "data-scripts-after-first-frame";

/** The inline loader, given the scripts' URLs. The URLs are bundler file names: no quote or `<` can occur. */
export function afterFirstFrameLoader(urls) {
  // Each script gets `async` as an attribute, as Next wrote it: React looks for a page's scripts
  // by `script[async][src=…]` and, finding none, adds each one again (and it runs twice).
  const load =
    "var started=false;function load(){if(started)return;started=true;" +
    'urls.forEach(function(url){var script=document.createElement("script");script.async=true;script.src=url;document.head.appendChild(script)})}' +
    "requestAnimationFrame(function(){setTimeout(load,0)});setTimeout(load,1000)";
  return `<script ${AFTER_FIRST_FRAME_MARKER}="">(function(urls){${load}})(${JSON.stringify(urls)})</script>`;
}

/**
 * The page's HTML with its chunk scripts loaded after the first frame. Throws on a page with none:
 * the export's markup has changed and this step must be looked at again.
 * @param {string} html
 */
export function loadScriptsAfterFirstFrame(html) {
  if (html.includes(AFTER_FIRST_FRAME_MARKER)) return html;
  const urls = [...html.matchAll(ASYNC_CHUNK_SCRIPT)].map((match) => match[1]);
  if (urls.length === 0) throw new Error("no <script src=… async> chunk found: has Next.js changed how it emits scripts?");
  const bodyEnd = html.lastIndexOf("</body>");
  if (bodyEnd === -1) throw new Error("no </body> to put the loader before");
  const withoutTags = html.slice(0, bodyEnd).replace(ASYNC_CHUNK_SCRIPT, "").replace(CHUNK_PRELOAD, "");
  return withoutTags + afterFirstFrameLoader(urls) + html.slice(bodyEnd);
}

/** Rewrites every page of the export in `outDir`; returns how many. */
export function loadScriptsAfterFirstFrameIn(outDir) {
  const files = htmlFiles(outDir);
  for (const file of files) {
    const full = path.join(outDir, file);
    writeFileSync(full, loadScriptsAfterFirstFrame(readFileSync(full, "utf8")));
  }
  return files.length;
}
