// The first frame: the whole content, nothing that moves afterwards, and no script in its way.
// A page delivered in pieces, as a slow mobile network delivers it, must not show a half-parsed
// page whose parts move when the rest arrives. The root layout holds the first frame until the
// page's content is parsed (<link rel="expect" blocking="render">); these tests trickle each
// page's HTML to Chromium and check the first frame and every layout shift. And the page's
// scripts are fetched only once that frame is drawn (scripts/after-first-frame.mjs).

import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createStaticServer, resolveFile } from "../../scripts/serve-static.mjs";
import { launchChromium, layoutShifts, openPage, recordLayoutShifts, type Browser } from "./chromium";

const outDir = fileURLToPath(new URL("../../out", import.meta.url));

/** The HTML up to the end of <main> goes out in pieces this large, this far apart. */
const PIECE_BYTES = 1024;
const PIECE_GAP_MS = 25;

/**
 * Serves out/ as the site's server does, except that a page's HTML is written in small pieces
 * with pauses up to the end of its <main>; the rest (footer and RSC payload) follows at once.
 */
function createTrickleServer(root: string): Server {
  const files = createStaticServer({ root });
  return createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    const file = pathname.startsWith("/_next/") ? null : await resolveFile(path.resolve(root), pathname);
    if (!file?.endsWith(".html")) {
      files.emit("request", request, response);
      return;
    }
    const html = await readFile(file);
    const contentEnd = html.indexOf("</main>");
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
    for (let at = 0; at < contentEnd; at += PIECE_BYTES) {
      response.write(html.subarray(at, Math.min(at + PIECE_BYTES, contentEnd)));
      await new Promise((resolve) => setTimeout(resolve, PIECE_GAP_MS));
    }
    response.end(html.subarray(contentEnd));
  });
}

/** Before any of the page runs: notes, in the first frame's callback, its time and whether the content had all been parsed. */
const RECORD_FIRST_FRAME = `(() => {
  requestAnimationFrame(() => {
    window.firstFrame = document.getElementById("end-of-content") ? "after the content" : "mid-content";
    window.firstFrameAt = performance.now();
  });
})();`;

let browser: Browser;
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createTrickleServer(outDir);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The service worker would serve later loads whole, from its cache.
  browser = await launchChromium({ serviceWorkers: "block" });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const PAGES = ["/", "/flows/authorization-code", "/concepts", "/embed/authorization-code"] as const;
const SCREENS = [
  { width: 1280, height: 720 },
  { width: 390, height: 844 },
] as const;

describe("a page delivered slowly, in pieces", () => {
  for (const pathname of PAGES) {
    for (const { width, height } of SCREENS) {
      it(`shows ${pathname} at ${width}×${height} only once its content is parsed, and nothing then moves`, async () => {
        const { page, errors } = await openPage(browser.context, origin);
        await page.setViewportSize({ width, height });
        await recordLayoutShifts(page);
        await page.addInitScript({ content: RECORD_FIRST_FRAME });
        await page.goto(`${origin}${pathname}`, { waitUntil: "networkidle" });
        await expect(page.evaluate(() => (window as unknown as { firstFrame?: string }).firstFrame)).resolves.toBe("after the content");
        await expect(layoutShifts(page)).resolves.toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }
});

describe("the page's scripts", () => {
  const baseUrl = inject("baseUrl");

  for (const pathname of ["/", "/flows/authorization-code-pkce?step=3"]) {
    it(`are fetched only after the first frame of ${pathname}, then run once each`, async () => {
      const { page, errors } = await openPage(browser.context, baseUrl);
      await page.addInitScript({ content: RECORD_FIRST_FRAME });
      await page.goto(`${baseUrl}${pathname}`, { waitUntil: "networkidle" });
      const { firstFrameAt, scriptStarts, scriptElements } = await page.evaluate(() => ({
        firstFrameAt: (window as unknown as { firstFrameAt: number }).firstFrameAt,
        scriptStarts: (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
          .filter((entry) => new URL(entry.name).pathname.startsWith("/_next/static/chunks/") && entry.name.endsWith(".js"))
          .map((entry) => entry.startTime),
        scriptElements: [...document.querySelectorAll("script[src]")].map((script) => script.getAttribute("src")!),
      }));
      expect(scriptStarts.length).toBeGreaterThan(3);
      expect(Math.min(...scriptStarts)).toBeGreaterThanOrEqual(firstFrameAt);
      // One element per script: React adds a chunk script it does not find by `script[async][src]`, and a second element runs it again.
      expect(scriptElements.filter((src, at) => scriptElements.indexOf(src) !== at)).toEqual([]);
      // They ran: the theme toggle answers a click.
      const toggle = page.getByRole("button", { name: /^Theme: / });
      const before = await toggle.getAttribute("aria-label");
      await toggle.click();
      await expect(toggle.getAttribute("aria-label")).resolves.not.toBe(before);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
