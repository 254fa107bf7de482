/**
 * Once a flow page has loaded, it keeps working without a network: the page fetches its lazily
 * loaded parts (the engine that runs the flows, the inspector) when the browser is idle, so a
 * learner who goes offline can still change scenario and seed, step to the end, and have tokens
 * decoded and verified.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
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

describe("offline, once loaded", () => {
  it("changes scenario and seed, steps to the end, verifies tokens, edits, predicts and quizzes with the network gone", async () => {
    const { page, errors, foreignRequests } = await openPage(browser.context, baseUrl);
    await page.goto(`${baseUrl}/flows/authorization-code-pkce`);
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 15_000 });
    // Once loaded and idle, the page fetches what it loads lazily: wait until those scripts arrived.
    const prefetched = () =>
      page.evaluate(() => {
        const loaded = (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventStart;
        return performance.getEntriesByType("resource").filter((entry) => (entry as PerformanceResourceTiming).initiatorType === "script" && entry.startTime >= loaded && (entry as PerformanceResourceTiming).responseEnd > 0).length;
      });
    await expect.poll(prefetched, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForLoadState("networkidle");

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
    } finally {
      await browser.context.setOffline(false);
    }
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });
});
