/**
 * Presenter mode for a comparison in Chromium: the presenter opens an audience window that stays
 * on its moment — every column on the same step — over 20 key presses; speaker notes of each
 * column's step appear only in the presenter's window; B blanks both; Q shows a QR code and link to
 * the compare page at the same moment; the compare page's Present link opens it; a bad address
 * falls back with a notice; axe finds nothing serious. Screenshots go to artifacts/screenshots/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { PHASE_TEXT } from "@/content/compare";
import { speakerNoteFor } from "@/content/speaker-notes";
import { alignByPhase, movesAt, shownStep, type CompareRow } from "@/machines/compare";
import { FLOWS, type FlowId } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";
import { launchChromium, openPage, seriousViolations, type Browser, type PageVisit } from "./chromium";

const baseUrl = inject("baseUrl");
const screenshotDir = fileURLToPath(new URL("../../artifacts/screenshots", import.meta.url));

const COMPARED: readonly FlowId[] = ["authorization-code-pkce", "client-credentials", "device-code"];
const SEED = "class-7";

let browser: Browser;
let traces: Trace[];
let rows: CompareRow[];
const pages: Page[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
  traces = [];
  for (const id of COMPARED) traces.push(await runFlow(FLOWS[id], FLOWS[id].scenarios[0]!, SEED));
  rows = alignByPhase(traces);
});

afterEach(async () => {
  for (const page of pages.splice(0)) if (!page.isClosed()) await page.close();
});

afterAll(async () => {
  await browser?.close();
});

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

async function visit(width = 1280, height = 720): Promise<PageVisit> {
  const opened = await openPage(browser.context, baseUrl);
  pages.push(opened.page);
  await opened.page.setViewportSize({ width, height });
  await opened.page.emulateMedia({ colorScheme: "light" });
  return opened;
}

/** Waits for the stages' animations and smooth scrolls to end (axe and screenshots see the settled page). */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(600);
  await page.evaluate("Promise.all(document.getAnimations().map((animation) => animation.finished))");
}

/** What a window shows: the moment counter and, per column, the step index and its title. */
interface Shown {
  counter: string;
  columns: { flow: string; index: number; title: string }[];
}

const SHOWN_SOURCE = `(() => ({
  counter: document.querySelector("[data-present-counter]")?.textContent?.trim() ?? "",
  columns: [...document.querySelectorAll("[data-compare-column]")].map((column) => ({
    flow: column.getAttribute("data-flow"),
    index: Number(column.getAttribute("data-step-index")),
    title: column.querySelector("[data-column-title]")?.textContent?.trim() ?? "",
  })),
}))()`;

async function shown(page: Page): Promise<Shown> {
  return (await page.evaluate(SHOWN_SOURCE)) as Shown;
}

/** What every window should show at a row (0-based), worked out from the traces here in Node. */
function expected(row: number): Shown {
  return {
    counter: `${row + 1} / ${rows.length}`,
    columns: traces.map((trace, column) => {
      const index = shownStep(rows, row, column);
      return { flow: trace.flow, index, title: index >= 0 ? trace.steps[index]!.title : PHASE_TEXT[rows[row]!.phase].missing };
    }),
  };
}

async function waitForRow(page: Page, row: number): Promise<void> {
  const want = JSON.stringify(expected(row));
  await page.waitForFunction(`JSON.stringify(${SHOWN_SOURCE}) === ${JSON.stringify(want)} && document.querySelector('[data-player="ready"]') !== null`, undefined, { timeout: 20_000 });
}

async function openPresenter(step = 1, size?: { width: number; height: number }): Promise<PageVisit> {
  const opened = await visit(size?.width, size?.height);
  const response = await opened.page.goto(`${baseUrl}/present/compare?flows=${COMPARED.join(",")}&seed=${SEED}&step=${step}`);
  expect(response?.status()).toBe(200);
  await opened.page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
  await waitForRow(opened.page, step - 1);
  return opened;
}

async function openAudience(presenter: Page): Promise<{ audience: Page; errors: string[] }> {
  const popup = browser.context.waitForEvent("page");
  await presenter.getByRole("button", { name: "Open audience window" }).click();
  const audience = await popup;
  pages.push(audience);
  const errors = watchErrors(audience);
  await audience.setViewportSize({ width: 1280, height: 720 });
  await audience.locator('[data-present-view="audience"][data-connected="true"]').waitFor({ timeout: 20_000 });
  await presenter.bringToFront();
  await presenter.evaluate("document.activeElement instanceof HTMLElement && document.activeElement.blur()");
  return { audience, errors };
}

describe("presenter mode for a comparison", () => {
  it("keeps the audience window on the presenter's moment, every column on its step, over 20 key presses", async () => {
    const { page: presenter, errors, foreignRequests } = await openPresenter();
    const { audience, errors: audienceErrors } = await openAudience(presenter);
    await waitForRow(audience, 0);
    expect(new URL(audience.url()).pathname).toBe("/present/compare");

    // To the end with the clicker, back a little, to the start and the end: 20 presses in all.
    const last = rows.length - 1;
    const presses: [string, number][] = [];
    for (let row = 1; row <= last; row++) presses.push([row % 3 === 0 ? "Space" : row % 2 === 0 ? "ArrowRight" : "PageDown", row]);
    presses.push(["PageDown", last]);
    for (let back = 1; presses.length < 18; back++) presses.push([back % 2 === 0 ? "ArrowLeft" : "PageUp", last - back]);
    presses.push(["Home", 0], ["End", last]);
    expect(presses).toHaveLength(20);

    for (const [key, row] of presses) {
      await presenter.keyboard.press(key);
      await waitForRow(presenter, row);
      await waitForRow(audience, row);
      expect(await shown(audience)).toEqual(await shown(presenter));
    }
    // The columns moved apart: at some moment one flow waits while another steps.
    expect(rows.some((_, row) => traces.some((__, column) => !movesAt(rows, row, column)))).toBe(true);
    // The presenter's address keeps the moment, so a reload or a late audience window starts there.
    expect(Object.fromEntries(new URL(presenter.url()).searchParams)).toMatchObject({ flows: COMPARED.join(","), seed: SEED, step: String(rows.length) });
    expect(errors).toEqual([]);
    expect(audienceErrors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it("shows each column's speaker notes only in the presenter's window", async () => {
    const row = 3;
    const { page: presenter } = await openPresenter(row + 1);
    const { audience } = await openAudience(presenter);
    await waitForRow(audience, row);
    const notes = traces.map((trace, column) => {
      const index = shownStep(rows, row, column);
      return index >= 0 ? speakerNoteFor(trace.flow as FlowId, trace.steps[index]!.id) : undefined;
    });
    expect(notes.filter(Boolean).length).toBeGreaterThanOrEqual(2);
    for (const [column, note] of notes.entries()) {
      if (!note) continue;
      await expect.poll(() => presenter.locator(`[data-notes-column="${column}"]`).innerText()).toContain(note.say);
      expect(await audience.locator("body").innerText()).not.toContain(note.say);
    }
    expect(await audience.locator("[data-speaker-notes]").count()).toBe(0);
  });

  it("blanks both windows with B, and shows a QR code and short link to the compare page at the same moment with Q", async () => {
    const { page: presenter } = await openPresenter(5);
    const { audience } = await openAudience(presenter);
    await waitForRow(audience, 4);
    await presenter.keyboard.press("b");
    for (const page of [presenter, audience]) await page.locator("[data-blank]").waitFor();
    expect(await audience.locator("[data-blank]").evaluate("getComputedStyle(document.querySelector('[data-blank]')).backgroundColor")).toBe("rgb(0, 0, 0)");
    await presenter.keyboard.press(".");
    for (const page of [presenter, audience]) await page.locator("[data-blank]").waitFor({ state: "detached" });

    await presenter.keyboard.press("q");
    for (const page of [presenter, audience]) await page.locator('svg[data-qr="ready"]').waitFor({ timeout: 15_000 });
    const link = await presenter.locator("[data-short-link]").getAttribute("data-short-link");
    expect(link).toBe(`${baseUrl}/s?v=pkce,cc,device&n=5&s=${SEED}`);
    expect(await audience.locator("[data-short-link]").getAttribute("data-short-link")).toBe(link);
    expect(await presenter.locator("svg[data-qr]").getAttribute("data-qr-text")).toBe(link);
    await settle(audience);
    await audience.screenshot({ path: path.join(screenshotDir, "present-compare-qr-audience-1280x720.png") });
    expect(await seriousViolations(audience)).toEqual([]);

    // A student's phone follows the short link to the compare page at the same moment.
    const phone = await visit(390, 844);
    await phone.page.goto(link!);
    await phone.page.waitForURL(/\/compare\?/, { timeout: 15_000 });
    expect(Object.fromEntries(new URL(phone.page.url()).searchParams)).toMatchObject({ flows: COMPARED.join(","), seed: SEED });
    await phone.page.locator('[data-compare="ready"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => phone.page.locator("[data-compare-row]").getAttribute("data-compare-row"), { timeout: 15_000 }).toBe("4");
    expect(phone.errors).toEqual([]);

    await presenter.keyboard.press("Q");
    for (const page of [presenter, audience]) await page.locator("[data-qr-panel]").waitFor({ state: "detached" });
  });

  it("lets a clicker aimed at the audience window drive the presenter", async () => {
    const { page: presenter } = await openPresenter(2);
    const { audience } = await openAudience(presenter);
    await waitForRow(audience, 1);
    await audience.bringToFront();
    await audience.keyboard.press("PageDown");
    await waitForRow(presenter, 2);
    await waitForRow(audience, 2);
  });

  it("opens from the compare page's Present link at the flows, seed and moment the page shows", async () => {
    const { page, errors } = await visit();
    await page.goto(`${baseUrl}/compare?flows=${COMPARED.join(",")}&seed=${SEED}&step=3`);
    await page.locator('[data-compare="ready"]').waitFor({ timeout: 20_000 });
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator("[data-compare-row]").getAttribute("data-compare-row")).toBe("3");
    await page.locator("[data-present-link]:visible").click();
    await page.waitForURL(/\/present\/compare\?/);
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
    await waitForRow(page, 3);
    expect(new URL(page.url()).searchParams.get("seed")).toBe(SEED);
    expect(errors).toEqual([]);
  });

  it("falls back visibly on a bad address, without running anything it names", async () => {
    const { page, errors } = await visit();
    await page.goto(`${baseUrl}/present/compare?flows=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E,implicit&step=abc`);
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
    const notices = await page.locator("[data-notices]").innerText();
    expect(notices).toContain("<img");
    expect(notices).toContain("step");
    expect(await page.locator("img").count()).toBe(0);
    await expect.poll(() => page.locator("[data-compare-column]").count(), { timeout: 15_000 }).toBe(2);
    expect(await page.locator("[data-present-counter]").innerText()).toMatch(/^1 \/ \d+$/);
    expect(errors).toEqual([]);
  });

  it("has no serious accessibility findings, and reads at 1280×720 and 1920×1080, light and dark", async () => {
    for (const [width, height, scheme] of [
      [1280, 720, "light"],
      [1920, 1080, "light"],
      [1280, 720, "dark"],
      [1920, 1080, "dark"],
    ] as const) {
      const { page: presenter, errors } = await openPresenter(6, { width, height });
      await presenter.emulateMedia({ colorScheme: scheme });
      await settle(presenter);
      await presenter.screenshot({ path: path.join(screenshotDir, `present-compare-presenter-${width}x${height}-${scheme}.png`) });
      expect(await seriousViolations(presenter)).toEqual([]);
      // Nothing spills out of the window: the columns and the notes fit a projector's screen.
      expect(await presenter.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")).toBe(true);
      expect(errors).toEqual([]);
    }
    const { page: presenter } = await openPresenter(6, { width: 1920, height: 1080 });
    const { audience, errors } = await openAudience(presenter);
    await audience.setViewportSize({ width: 1920, height: 1080 });
    await waitForRow(audience, 5);
    await settle(audience);
    await audience.screenshot({ path: path.join(screenshotDir, "present-compare-audience-1920x1080.png") });
    expect(await seriousViolations(audience)).toEqual([]);
    await audience.setViewportSize({ width: 1280, height: 720 });
    await audience.waitForTimeout(300);
    await settle(audience);
    await audience.screenshot({ path: path.join(screenshotDir, "present-compare-audience-1280x720.png") });
    expect(errors).toEqual([]);
    const phone = await openPresenter(6, { width: 390, height: 844 });
    await settle(phone.page);
    await phone.page.screenshot({ path: path.join(screenshotDir, "present-compare-presenter-phone.png"), fullPage: true });
    expect(await seriousViolations(phone.page)).toEqual([]);
  });
});
