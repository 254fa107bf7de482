// Launches Debian's Chromium through playwright-core. Never downloads a browser:
// the executable is CHROMIUM_PATH or /usr/bin/chromium (apt-get install -y chromium).

import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A headless Chromium with a fresh, temporary profile that is deleted on close. `serviceWorkers:
 * "block"` keeps the site's service worker out, for tests that route the page's own requests.
 */
export async function launchChromium({ serviceWorkers = "allow" }: { serviceWorkers?: "allow" | "block" } = {}): Promise<Browser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "oauth-sim-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 720 },
    serviceWorkers,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PageVisit {
  page: Page;
  /** Console messages of type "error" and uncaught page errors. */
  errors: string[];
  /** URLs the page requested outside the site's origin (data: and blob: are local). */
  foreignRequests: string[];
}

/** Opens a new page that records console errors and requests leaving `origin`. */
export async function openPage(context: BrowserContext, origin: string): Promise<PageVisit> {
  const page = await context.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  page.on("request", (request) => {
    const url = request.url();
    if (url.startsWith("data:") || url.startsWith("blob:")) return;
    if (new URL(url).origin !== origin) foreignRequests.push(url);
  });
  return { page, errors, foreignRequests };
}

/** axe-core's serious and critical findings on the page as it is now (none expected); `scope` narrows the scan. */
export async function seriousViolations(page: Page, scope: (builder: AxeBuilder) => AxeBuilder = (builder) => builder): Promise<string[]> {
  const results = await scope(new AxeBuilder({ page })).analyze();
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/**
 * Starts recording the page's layout shifts from its first byte on: call before `goto`. The
 * shifts are read with `layoutShifts`.
 */
export async function recordLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: string[] = [];
    (window as unknown as { layoutShifts: string[] }).layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources?: { node?: Node }[] })[]) {
        const nodes = (entry.sources ?? []).map((source) => (source.node instanceof Element ? `${source.node.tagName.toLowerCase()}.${source.node.className}` : "?"));
        shifts.push(`${entry.value.toFixed(4)} at ${Math.round(entry.startTime)} ms: ${nodes.join(", ")}`);
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** The layout shifts seen since `recordLayoutShifts`, each with its score, time and the elements that moved. */
export function layoutShifts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { layoutShifts?: string[] }).layoutShifts ?? ["not recorded"]);
}

/**
 * Renders what `render-when-near` holds back until it nears the viewport, so a full-page
 * screenshot shows the whole page as a reader scrolling through it sees it. The utility may carry
 * a variant (`max-lg:render-when-near`), hence the match on part of the class name.
 */
export async function renderWholePage(page: Page): Promise<void> {
  await page.addStyleTag({ content: '[class*="render-when-near"] { content-visibility: visible !important; }' });
}
