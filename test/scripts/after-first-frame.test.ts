import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { AFTER_FIRST_FRAME_MARKER, afterFirstFrameLoader, loadScriptsAfterFirstFrame } from "../../scripts/after-first-frame.mjs";

/** The shape of a page as Next.js exports it: chunks as async scripts in head and body, one preloaded. */
const EXPORTED_PAGE = [
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
  '<link rel="stylesheet" href="/_next/static/chunks/site.css" data-precedence="next"/>',
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/webpack-1.js"/>',
  '<script src="/_next/static/chunks/framework-2.js" async=""></script>',
  '<script src="/_next/static/chunks/main_app-3.js" async=""></script>',
  "<script>document.documentElement.dataset.theme='dark'</script>",
  "</head><body><main id=\"main\"><h1>Page</h1></main>",
  '<script src="/_next/static/chunks/polyfills-4.js" noModule=""></script>',
  '<script src="/_next/static/chunks/webpack-1.js" async=""></script>',
  "<script>self.__next_f.push([1,\"payload\"])</script>",
  "</body></html>",
].join("");

describe("loadScriptsAfterFirstFrame", () => {
  it("replaces every async chunk script and the chunk preload by one loader before </body>, keeping their order", () => {
    const page = loadScriptsAfterFirstFrame(EXPORTED_PAGE);
    expect(page).not.toMatch(/<script src="[^"]+" async="">/);
    expect(page).not.toContain('rel="preload" as="script"');
    expect(page.endsWith(`${afterFirstFrameLoader(["/_next/static/chunks/framework-2.js", "/_next/static/chunks/main_app-3.js", "/_next/static/chunks/webpack-1.js"])}</body></html>`)).toBe(true);
  });

  it("keeps the stylesheet, the inline scripts, the payload and the legacy-only polyfill script where they were", () => {
    const page = loadScriptsAfterFirstFrame(EXPORTED_PAGE);
    for (const kept of [
      '<link rel="stylesheet" href="/_next/static/chunks/site.css" data-precedence="next"/>',
      "<script>document.documentElement.dataset.theme='dark'</script></head>",
      '<script src="/_next/static/chunks/polyfills-4.js" noModule=""></script>',
      "<script>self.__next_f.push([1,\"payload\"])</script>",
    ]) {
      expect(page).toContain(kept);
    }
  });

  it("leaves a page it has already rewritten as it is", () => {
    const once = loadScriptsAfterFirstFrame(EXPORTED_PAGE);
    expect(loadScriptsAfterFirstFrame(once)).toBe(once);
    expect(once.split(AFTER_FIRST_FRAME_MARKER)).toHaveLength(2);
  });

  it("refuses a page with no async chunk script, rather than ship it unchanged", () => {
    expect(() => loadScriptsAfterFirstFrame("<html><head></head><body><p>x</p></body></html>")).toThrow(/no <script src=… async> chunk/);
  });
});

/** Runs the loader's script with a fake page: frames and timers fire when the test says so. */
function runLoader(urls: string[]) {
  const frames: (() => void)[] = [];
  const timers: { callback: () => void; delay: number }[] = [];
  const added: { src: string; async: boolean }[] = [];
  const document = {
    createElement: (tag: string) => ({ tag, src: "", async: false }),
    head: { appendChild: (element: { src: string; async: boolean }) => added.push(element) },
  };
  const source = afterFirstFrameLoader(urls).replace(/^<script[^>]*>/, "").replace(/<\/script>$/, "");
  runInNewContext(source, {
    document,
    requestAnimationFrame: (callback: () => void) => frames.push(callback),
    setTimeout: (callback: () => void, delay: number) => timers.push({ callback, delay }),
  });
  const fire = (delay: number) => timers.filter((timer) => timer.delay === delay).forEach((timer) => timer.callback());
  return { frames, added, fire };
}

describe("the loader", () => {
  const urls = ["/_next/static/chunks/a.js", "/_next/static/chunks/b.js"];

  it("adds nothing before the first frame, then each script once, in order, just after it", () => {
    const { frames, added, fire } = runLoader(urls);
    expect(added).toEqual([]);
    frames.forEach((frame) => frame());
    expect(added).toEqual([]);
    fire(0);
    expect(added.map((script) => script.src)).toEqual(urls);
    // async set, as Next wrote it: React finds the page's scripts by `script[async][src]`.
    expect(added.every((script) => script.async)).toBe(true);
    fire(1000);
    expect(added).toHaveLength(2);
  });

  it("adds the scripts after a second when no frame is drawn (a background tab, an embed out of view)", () => {
    const { added, fire } = runLoader(urls);
    fire(1000);
    expect(added.map((script) => script.src)).toEqual(urls);
  });
});
