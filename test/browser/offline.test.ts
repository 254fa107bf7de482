/**
 * Once a page has loaded, it keeps working without a network: when the browser is idle, the
 * service worker (public/sw.js) fetches the page and everything it may load on demand, as the
 * offline manifest lists it (scripts/offline-manifest.mjs), off the page's main thread. A learner
 * who goes offline can still change scenario and seed, step to the end, have tokens decoded and
 * verified, edit requests, predict and quiz — and reload the page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import { AFTER_FIRST_FRAME_MARKER } from "../../scripts/after-first-frame.mjs";
import { launchChromium, openPage, type Browser } from "./chromium";

const baseUrl = inject("baseUrl");
let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const LIVE = "[data-live-region]";
/** The name public/sw.js gives its cache. */
const OFFLINE_CACHE = "oauth-sim-offline-v1";

/** How many of the assets the manifest lists for the page are not yet in the service worker's cache. */
function missingFromCache(page: Page): Promise<number> {
  return page.evaluate(async (cacheName) => {
    if (!navigator.serviceWorker?.controller) return Number.POSITIVE_INFINITY;
    const manifest = (await (await fetch("/offline-manifest.json")).json()) as { groups: string[][]; pages: Record<string, number> };
    const urls = manifest.groups[manifest.pages[location.pathname]!]!;
    const cache = await caches.open(cacheName);
    const cached = await Promise.all(urls.map((url) => cache.match(url)));
    return cached.filter((response) => !response).length;
  }, OFFLINE_CACHE);
}

/**
 * Scripts the page itself fetched beyond the ones its HTML names (which it fetches after its first
 * frame, scripts/after-first-frame.mjs); the service worker's fetches are not among them.
 */
function scriptsFetchedBeyondThePagesOwn(page: Page): Promise<string[]> {
  return page.evaluate((marker) => {
    const named = document.querySelector(`script[${marker}]`)?.textContent ?? "";
    return performance
      .getEntriesByType("resource")
      .filter((entry) => (entry as PerformanceResourceTiming).initiatorType === "script" && !named.includes(`"${new URL(entry.name).pathname}"`))
      .map((entry) => entry.name);
  }, AFTER_FIRST_FRAME_MARKER);
}

describe("offline, once loaded", () => {
  it("changes scenario and seed, steps to the end, verifies tokens, edits, predicts, quizzes and reloads with the network gone", async () => {
    const { page, errors, foreignRequests } = await openPage(browser.context, baseUrl);
    await page.goto(`${baseUrl}/flows/authorization-code-pkce`);
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 15_000 });
    // Once loaded and idle, the service worker keeps the page and its on-demand parts.
    await expect.poll(() => missingFromCache(page), { timeout: 20_000 }).toBe(0);
    // …without the page running any of them: nothing was fetched (so nothing evaluated) on its main thread.
    expect(await scriptsFetchedBeyondThePagesOwn(page)).toEqual([]);
    await browser.context.setOffline(true);
    try {
      const flow = FLOWS["authorization-code-pkce"];
      const scenario = flow.scenarios.find((candidate) => candidate.id === "code-intercepted-pkce-off")!;
      const trace = await runFlow(flow, scenario, "offline-1");
      await page.locator("[data-scenario-picker]").selectOption(scenario.id);
      await page.getByRole("textbox", { name: /seed/i }).fill("offline-1");
      await page.getByRole("textbox", { name: /seed/i }).press("Enter");
      await page.waitForFunction((text) => document.querySelector("[data-live-region]")?.textContent?.startsWith(text), `Step 1 of ${trace.steps.length}:`, { timeout: 15_000 });
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("End");
      await expect.poll(() => page.locator(LIVE).textContent()).toBe(`Step ${trace.steps.length} of ${trace.steps.length}: ${trace.steps.at(-1)!.title}`);
      for (const outcome of scenario.expected) {
        await expect.poll(() => page.locator(`[data-outcome-role="${outcome.role}"]`).first().getAttribute("data-outcome-result")).toBe(outcome.result);
      }

      // The inspector, fetched while online, decodes and verifies the attacker's token offline.
      const tokenStep = trace.steps.findLast((step) => step.artifacts.some((artifact) => artifact.kind === "access_token"))!;
      await page.keyboard.press("Home");
      for (let i = 0; i < tokenStep.index; i++) await page.keyboard.press("ArrowRight");
      await expect.poll(() => page.locator(LIVE).textContent()).toBe(`Step ${tokenStep.index + 1} of ${trace.steps.length}: ${tokenStep.title}`);
      await page.getByRole("tablist", { name: "Inspect or diagram" }).scrollIntoViewIfNeeded();
      await page.getByRole("tab", { name: /^Token/ }).click();
      await expect(page.getByText(/Signature verified with key/).first().waitFor({ timeout: 15_000 })).resolves.toBeUndefined();

      // The parts fetched while online also work offline: the request editor, Check yourself, predict mode.
      await page.getByRole("tab", { name: /^HTTP/ }).click();
      await page.getByRole("button", { name: "Edit before sending" }).first().click();
      await page.getByText(/^Edit before sending: step/).waitFor({ timeout: 15_000 });
      await page.locator("[data-quiz-area]").scrollIntoViewIfNeeded();

      await page.locator("[data-quiz-question]").first().waitFor({ timeout: 15_000 });
      await page.getByRole("button", { name: "Predict each step" }).click();
      await page.locator("[data-predict-panel]").waitFor({ timeout: 15_000 });

      // Reloaded without a network, the page comes back at the step its address names, and plays.
      await page.goto(`${baseUrl}/flows/authorization-code-pkce?step=3&seed=offline-2`);
      await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 15_000 });
      const reloaded = await runFlow(flow, flow.scenarios[0]!, "offline-2");
      await expect.poll(() => page.locator(LIVE).textContent()).toBe(`Step 3 of ${reloaded.steps.length}: ${reloaded.steps[2]!.title}`);
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press("End");
      await expect.poll(() => page.locator(LIVE).textContent()).toBe(`Step ${reloaded.steps.length} of ${reloaded.steps.length}: ${reloaded.steps.at(-1)!.title}`);
    } finally {
      await browser.context.setOffline(false);
    }
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it("drops the assets of an earlier release from its cache, and keeps the diagram's, which the site still serves", async () => {
    const { page, errors } = await openPage(browser.context, baseUrl);
    await page.goto(`${baseUrl}/flows/implicit`);
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => missingFromCache(page), { timeout: 20_000 }).toBe(0);
    // Drawing the diagram leaves mermaid's chunks in the cache (no page lists them).
    await page.getByRole("tab", { name: "Sequence diagram" }).click();
    await page.locator('[data-diagram-status="ready"]').waitFor({ timeout: 30_000 });

    const STALE = "/_next/static/chunks/from-an-earlier-release.js";
    const unlisted = () =>
      page.evaluate(async (cacheName) => {
        const manifest = (await (await fetch("/offline-manifest.json")).json()) as { groups: string[][] };
        const listed = new Set(manifest.groups.flat());
        const cache = await caches.open(cacheName);
        return (await cache.keys()).map((request) => new URL(request.url).pathname).filter((path) => path.startsWith("/_next/static/") && !listed.has(path)).sort();
      }, OFFLINE_CACHE);
    const diagramChunks = await unlisted();
    expect(diagramChunks.length).toBeGreaterThan(0);

    const kept = await page.evaluate(async ({ stale, cacheName }) => {
      const cache = await caches.open(cacheName);
      await cache.put(stale, new Response("/* an earlier release */", { headers: { "Content-Type": "text/javascript" } }));
      const reply = new Promise<{ type: string }>((resolve) => navigator.serviceWorker.addEventListener("message", (event) => resolve(event.data as { type: string }), { once: true }));
      navigator.serviceWorker.controller!.postMessage({ type: "keep-offline", path: location.pathname });
      return (await reply).type;
    }, { stale: STALE, cacheName: OFFLINE_CACHE });
    expect(kept).toBe("kept-offline");
    expect(await unlisted()).toEqual(diagramChunks);
    expect(errors).toEqual([]);
    await page.close();
  });
});
