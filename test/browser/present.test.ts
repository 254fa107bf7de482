/**
 * Presenter mode in Chromium: the presenter opens an audience window that stays on its step over
 * clicker and keyboard presses, catches up when it opens late, follows a presenter that reloads;
 * B blanks both windows; speaker notes appear only in the presenter's window; the QR code's short
 * link opens the same flow, step and seed; axe finds nothing serious. Screenshots go to
 * artifacts/screenshots/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { speakerNoteFor } from "@/content/speaker-notes";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";
import { launchChromium, openPage, seriousViolations, type Browser, type PageVisit } from "./chromium";

const baseUrl = inject("baseUrl");
const screenshotDir = fileURLToPath(new URL("../../artifacts/screenshots", import.meta.url));

const FLOW = "authorization-code-pkce";
const SCENARIO = "code-intercepted-pkce-off";
const SEED = "class-7";

let browser: Browser;
let trace: Trace;
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
  const flow = FLOWS[FLOW];
  trace = await runFlow(flow, flow.scenarios.find((scenario) => scenario.id === SCENARIO)!, SEED);
});

afterEach(async () => {
  for (const page of pages.splice(0)) if (!page.isClosed()) await page.close();
});

afterAll(async () => {
  await browser?.close();
});

/** Console errors and uncaught exceptions of a page opened by another (window.open). */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

async function visit(width = 1280, height = 720, colorScheme: "light" | "dark" = "light"): Promise<PageVisit> {
  const opened = await openPage(browser.context, baseUrl);
  pages.push(opened.page);
  await opened.page.setViewportSize({ width, height });
  await opened.page.emulateMedia({ colorScheme });
  return opened;
}

async function ready(page: Page): Promise<void> {
  await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
}

/** What a window shows: its counter ("3 / 17") and step title. */
async function shown(page: Page): Promise<{ counter: string; title: string }> {
  return {
    counter: (await page.locator("[data-present-counter]").innerText()).trim(),
    title: (await page.locator("[data-present-title]").innerText()).trim(),
  };
}

function expected(step: number): { counter: string; title: string } {
  return { counter: `${step} / ${trace.steps.length}`, title: trace.steps[step - 1]!.title };
}

/** Waits until a window shows step `step` of the test's trace (1-based). */
async function waitForStep(page: Page, step: number): Promise<void> {
  const want = expected(step);
  await page.waitForFunction(
    ([counter, title]) =>
      document.querySelector("[data-present-counter]")?.textContent?.trim() === counter &&
      document.querySelector("[data-present-title]")?.textContent?.trim() === title &&
      document.querySelector('[data-player="ready"]') !== null,
    [want.counter, want.title] as const,
    { timeout: 15_000 },
  );
}

/** Opens presenter mode at a step of the test's scenario and seed. */
async function openPresenter(step = 1, size?: { width: number; height: number }): Promise<PageVisit> {
  const visit_ = await visit(size?.width, size?.height);
  const response = await visit_.page.goto(`${baseUrl}/present/${FLOW}?scenario=${SCENARIO}&step=${step}&seed=${SEED}`);
  expect(response?.status()).toBe(200);
  await ready(visit_.page);
  await waitForStep(visit_.page, step);
  return visit_;
}

/** Presses "Open audience window" and returns the window it opens, once it follows the presenter. */
async function openAudience(presenter: Page): Promise<{ audience: Page; errors: string[] }> {
  const popup = browser.context.waitForEvent("page");
  await presenter.getByRole("button", { name: "Open audience window" }).click();
  const audience = await popup;
  pages.push(audience);
  const errors = watchErrors(audience);
  await audience.setViewportSize({ width: 1280, height: 720 });
  await audience.locator('[data-present-view="audience"][data-connected="true"]').waitFor({ timeout: 20_000 });
  // Focus back on the presenter's page body, as a clicker would find it.
  await presenter.bringToFront();
  await presenter.evaluate("document.activeElement instanceof HTMLElement && document.activeElement.blur()");
  return { audience, errors };
}

describe("presenter mode", () => {
  it("keeps the audience window on the presenter's step over 20 steps, and through PageUp, Home and End", async () => {
    const { page: presenter, errors, foreignRequests } = await openPresenter();
    const { audience, errors: audienceErrors } = await openAudience(presenter);
    await waitForStep(audience, 1);
    expect(new URL(audience.url()).searchParams.get("view")).toBe("audience");

    let step = 1;
    for (let press = 0; press < 20; press++) {
      await presenter.keyboard.press("PageDown");
      step = Math.min(step + 1, trace.steps.length);
      await waitForStep(presenter, step);
      await waitForStep(audience, step);
      expect(await shown(audience)).toEqual(await shown(presenter));
    }
    expect(step).toBe(trace.steps.length);

    for (const [key, next] of [
      ["PageUp", step - 1],
      ["PageUp", step - 2],
      ["ArrowLeft", step - 3],
      ["Home", 1],
      ["ArrowRight", 2],
      [" ", 3],
      ["End", trace.steps.length],
    ] as const) {
      await presenter.keyboard.press(key === " " ? "Space" : key);
      await waitForStep(presenter, next);
      await waitForStep(audience, next);
      expect(await shown(audience)).toEqual(await shown(presenter));
    }
    // The scenario and seed travel too: the audience names the presenter's scenario.
    const scenarioTitle = FLOWS[FLOW].scenarios.find((scenario) => scenario.id === SCENARIO)!.title;
    await expect.poll(() => audience.locator("header p").innerText()).toContain(scenarioTitle);
    expect(errors).toEqual([]);
    expect(audienceErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it("blanks both windows with B, and shows them again with the clicker's '.'", async () => {
    const { page: presenter } = await openPresenter(4);
    const { audience } = await openAudience(presenter);
    await waitForStep(audience, 4);
    await presenter.keyboard.press("b");
    await presenter.locator("[data-blank]").waitFor();
    await audience.locator("[data-blank]").waitFor();
    const color = await audience.locator("[data-blank]").evaluate("getComputedStyle(document.querySelector('[data-blank]')).backgroundColor");
    expect(color).toBe("rgb(0, 0, 0)");
    await audience.screenshot({ path: path.join(screenshotDir, "present-audience-blank.png") });
    await presenter.keyboard.press(".");
    await presenter.locator("[data-blank]").waitFor({ state: "detached" });
    await audience.locator("[data-blank]").waitFor({ state: "detached" });
  });

  it("shows speaker notes only in the presenter's window", async () => {
    const { page: presenter } = await openPresenter(2);
    const { audience } = await openAudience(presenter);
    await waitForStep(audience, 2);
    const note = speakerNoteFor(FLOW, trace.steps[1]!.id)!;
    await expect.poll(() => presenter.locator("[data-speaker-notes]").innerText()).toContain(note.say);
    expect(await audience.locator("[data-speaker-notes]").count()).toBe(0);
    expect(await audience.locator("body").innerText()).not.toContain(note.say);
  });

  it("catches up an audience window opened late, and one whose presenter reloads", async () => {
    const { page: presenter } = await openPresenter(1);
    for (let press = 0; press < 5; press++) await presenter.keyboard.press("PageDown");
    await waitForStep(presenter, 6);
    // The presenter's address carries its step and session, so an audience window opened now starts there.
    await expect.poll(() => new URL(presenter.url()).searchParams.get("step")).toBe("6");
    const session = new URL(presenter.url()).searchParams.get("session");
    expect(session).toMatch(/^[a-z0-9]+$/);
    const late = await visit();
    await late.page.goto(`${baseUrl}/present/${FLOW}?view=audience&session=${session}`);
    await late.page.locator('[data-connected="true"]').waitFor({ timeout: 20_000 });
    await waitForStep(late.page, 6);

    await presenter.reload();
    await ready(presenter);
    await waitForStep(presenter, 6);
    await presenter.keyboard.press("PageDown");
    await waitForStep(presenter, 7);
    await waitForStep(late.page, 7);
    expect(late.errors).toEqual([]);
  });

  it("takes the audience along when the presenter switches scenario", async () => {
    const { page: presenter } = await openPresenter(6);
    const { audience } = await openAudience(presenter);
    await waitForStep(audience, 6);
    const flow = FLOWS[FLOW];
    const other = flow.scenarios.find((scenario) => scenario.id === "wrong-verifier")!;
    const otherTrace = await runFlow(flow, other, SEED);
    await presenter.locator("[data-present-scenario]").selectOption(other.id);
    for (const page of [presenter, audience]) {
      await expect.poll(() => page.locator("header p").first().innerText(), { timeout: 15_000 }).toContain(other.title);
      await expect.poll(() => shown(page), { timeout: 15_000 }).toEqual({ counter: `1 / ${otherTrace.steps.length}`, title: otherTrace.steps[0]!.title });
    }
    // The clicker still works: the select gave the keys back.
    await presenter.keyboard.press("PageDown");
    await expect.poll(() => shown(audience)).toEqual({ counter: `2 / ${otherTrace.steps.length}`, title: otherTrace.steps[1]!.title });
  });

  it("lets a clicker aimed at the audience window drive the presenter", async () => {
    const { page: presenter } = await openPresenter(3);
    const { audience } = await openAudience(presenter);
    await waitForStep(audience, 3);
    await audience.bringToFront();
    await audience.keyboard.press("PageDown");
    await waitForStep(presenter, 4);
    await waitForStep(audience, 4);
  });

  it("shows a QR code and a short link that open the same flow, step and seed on a student's device", async () => {
    const { page: presenter } = await openPresenter(5);
    const { audience } = await openAudience(presenter);
    await waitForStep(audience, 5);
    await presenter.keyboard.press("q");
    for (const page of [presenter, audience]) await page.locator('svg[data-qr="ready"]').waitFor({ timeout: 15_000 });
    const link = await presenter.locator("[data-short-link]").getAttribute("data-short-link");
    expect(link).toMatch(new RegExp(`^${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/s\\?f=pkce&c=1&n=5&s=${SEED}$`));
    expect(await presenter.locator("svg[data-qr]").getAttribute("data-qr-text")).toBe(link);
    expect(await audience.locator("[data-short-link]").getAttribute("data-short-link")).toBe(link);
    expect(await presenter.locator('svg[data-qr] rect[fill="#000000"]').count()).toBeGreaterThan(40);
    await presenter.screenshot({ path: path.join(screenshotDir, "present-qr-1280.png") });
    expect(await seriousViolations(presenter)).toEqual([]);

    // A student's phone follows the short link to the flow page at the same step, with the same codes.
    const phone = await visit(390, 844);
    await phone.page.goto(link!);
    await phone.page.waitForURL(/\/flows\/authorization-code-pkce\?/, { timeout: 15_000 });
    const url = new URL(phone.page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ scenario: SCENARIO, step: "5", seed: SEED });
    await phone.page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => phone.page.locator("[data-live-region]").innerText(), { timeout: 15_000 }).toBe(`Step 5 of ${trace.steps.length}: ${trace.steps[4]!.title}`);
    await phone.page.screenshot({ path: path.join(screenshotDir, "present-short-link-phone.png") });
    expect(phone.errors).toEqual([]);

    await presenter.keyboard.press("Q");
    await presenter.locator("[data-qr-panel]").waitFor({ state: "detached" });
    await audience.locator("[data-qr-panel]").waitFor({ state: "detached" });
  });

  it("says what is wrong with a short link that names no flow, without leaving the page", async () => {
    const { page, errors } = await visit();
    await page.goto(`${baseUrl}/s?f=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E`);
    await page.locator('[data-short-link-page="unknown-flow"]').waitFor();
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("[data-short-link-page] [role=\"alert\"]").innerText()).toContain("<img");
    expect(errors).toEqual([]);
  });

  it("opens from the flow page's Present link at the step, scenario and seed the page shows", async () => {
    const { page } = await visit();
    await page.goto(`${baseUrl}/flows/${FLOW}?scenario=${SCENARIO}&step=3&seed=${SEED}`);
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => new URL(page.url()).searchParams.get("step")).toBe("4");
    await page.locator("[data-present-link]").click();
    await page.waitForURL(/\/present\//);
    await ready(page);
    await waitForStep(page, 4);
    expect(new URL(page.url()).searchParams.get("seed")).toBe(SEED);
  });

  it("has no serious accessibility findings, and reads at 1280×720 and 1920×1080, light and dark", async () => {
    for (const [width, height, scheme] of [
      [1280, 720, "light"],
      [1920, 1080, "light"],
      [1280, 720, "dark"],
    ] as const) {
      const { page: presenter, errors } = await openPresenter(9, { width, height });
      if (scheme === "dark") await presenter.emulateMedia({ colorScheme: "dark" });
      await presenter.screenshot({ path: path.join(screenshotDir, `present-presenter-${width}x${height}-${scheme}.png`) });
      expect(await seriousViolations(presenter)).toEqual([]);
      // Nothing spills out of the window: the stage and notes fit a projector's screen.
      expect(await presenter.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")).toBe(true);
      expect(errors).toEqual([]);
    }
    const { page: presenter } = await openPresenter(9);
    const { audience } = await openAudience(presenter);
    await waitForStep(audience, 9);
    await audience.screenshot({ path: path.join(screenshotDir, "present-audience-1280x720.png") });
    expect(await seriousViolations(audience)).toEqual([]);
    const phone = await openPresenter(9, { width: 390, height: 844 });
    await phone.page.screenshot({ path: path.join(screenshotDir, "present-presenter-phone.png"), fullPage: true });
    expect(await seriousViolations(phone.page)).toEqual([]);
  });
});
