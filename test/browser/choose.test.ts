/**
 * "Choose a flow" in Chromium: every row of the table, answered through the radios, gives the
 * table's recommendation, moves focus to it and announces it; its links open the flow and the
 * comparison with the runner-up; axe finds nothing serious; the console stays clean.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { APP_KIND_TEXT, chooseText, FOLLOW_UP_TEXT, RECOMMENDATION_TEXT } from "@/content/choose";
import { allAnswerSets, FOLLOW_UP_IDS, NEVER_RECOMMENDED, recommend, type Answers } from "@/machines/choose";
import { launchChromium, openPage, seriousViolations, type Browser, type PageVisit } from "./chromium";

const baseUrl = inject("baseUrl");
const screenshotDir = fileURLToPath(new URL("../../artifacts/screenshots", import.meta.url));

let browser: Browser;
const visits: PageVisit[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
});

afterEach(async () => {
  for (const visit of visits.splice(0)) {
    expect(visit.errors, "console errors").toEqual([]);
    expect(visit.foreignRequests, "requests leaving the origin").toEqual([]);
    await visit.page.close();
  }
});

afterAll(async () => {
  await browser?.close();
});

async function visit(options: { colorScheme?: "light" | "dark"; width?: number; height?: number } = {}): Promise<Page> {
  const opened = await openPage(browser.context, baseUrl);
  visits.push(opened);
  await opened.page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 720 });
  await opened.page.emulateMedia({ colorScheme: options.colorScheme ?? "light" });
  return opened.page;
}

/** Waits until React runs the questionnaire (answers given before it hydrates would be lost). */
async function waitForChooser(page: Page): Promise<void> {
  await page.waitForFunction(() => Object.keys(document.querySelector("[data-chooser]") ?? {}).some((key) => key.startsWith("__react")));
}

async function openChooser(page: Page): Promise<void> {
  const response = await page.goto(`${baseUrl}/choose`);
  expect(response?.status()).toBe(200);
  await waitForChooser(page);
}

/** Answer through the UI, from the keyboard where it can: the kind of app, then the follow-ups it asks. */
async function answer(page: Page, answers: Answers): Promise<void> {
  await page.getByRole("group", { name: chooseText.appKindQuestion }).getByRole("radio", { name: new RegExp(`^${APP_KIND_TEXT[answers.appKind!].label}`) }).check();
  for (const question of FOLLOW_UP_IDS) {
    const value = answers[question];
    if (!value) {
      await expect(page.getByRole("group", { name: FOLLOW_UP_TEXT[question].question }).count()).resolves.toBe(0);
      continue;
    }
    await page.getByRole("group", { name: FOLLOW_UP_TEXT[question].question }).getByRole("radio", { name: FOLLOW_UP_TEXT[question].answers[value] }).check();
  }
  await page.getByRole("button", { name: chooseText.submit }).focus();
  await page.keyboard.press("Enter");
}

describe("choosing a flow", () => {
  it.each(allAnswerSets().map((answers) => [JSON.stringify(answers), answers] as const))("recommends what the table says for %s, with focus and an announcement", async (_, answers) => {
    const expected = recommend(answers)!;
    expect(NEVER_RECOMMENDED).not.toContain(expected.flow);
    const page = await visit();
    await openChooser(page);
    await answer(page, answers);
    const result = page.locator("[data-result]");
    await result.waitFor();
    await expect(result.getAttribute("data-flow")).resolves.toBe(expected.flow);
    await expect(result.getAttribute("data-runner-up")).resolves.toBe(expected.runnerUp);
    await expect(page.evaluate("document.activeElement?.id")).resolves.toBe("choose-result");
    await expect(page.locator("#choose-result").textContent()).resolves.toBe(RECOMMENDATION_TEXT[expected.id]!.headline);
    await expect(page.locator("[data-announcement]").textContent()).resolves.toBe(chooseText.announce(RECOMMENDATION_TEXT[expected.id]!.headline));
    await expect(page.locator("[data-open-flow]").getAttribute("href")).resolves.toBe(`/flows/${expected.flow}`);
    await expect(page.locator("[data-open-compare]").getAttribute("href")).resolves.toBe(`/compare?flows=${expected.flow},${expected.runnerUp}`);
    await expect(page.locator("[data-avoid]").evaluateAll((items) => items.map((item) => item.getAttribute("data-avoid")))).resolves.toEqual(expected.avoid);
  });

  it("opens the recommended flow, and the comparison with the runner-up", async () => {
    const answers: Answers = { appKind: "device" };
    const expected = recommend(answers)!;
    const page = await visit();
    await openChooser(page);
    await answer(page, answers);
    await page.locator("[data-open-flow]").click();
    await page.waitForURL(new RegExp(`/flows/${expected.flow}`));
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 15_000 });
    // Pages link with plain anchors: going back loads the questionnaire again.
    await page.goBack();
    await waitForChooser(page);
    await answer(page, answers);
    await page.locator("[data-open-compare]").click();
    await page.locator('[data-compare="ready"]').waitFor({ timeout: 20_000 });
    await expect(page.locator("[data-compare-column]").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-flow")))).resolves.toEqual([expected.flow, expected.runnerUp]);
  });

  it("asks for the missing answer instead of recommending, and drops a follow-up the new kind of app does not ask", async () => {
    const page = await visit();
    await openChooser(page);
    await page.getByRole("radio", { name: new RegExp(`^${APP_KIND_TEXT.spa.label}`) }).check();
    await page.getByRole("button", { name: chooseText.submit }).click();
    await expect(page.locator("[data-result]").count()).resolves.toBe(0);
    await expect(page.locator("[data-announcement]").textContent()).resolves.toBe(chooseText.incomplete);
    await page.getByRole("radio", { name: new RegExp(`^${APP_KIND_TEXT.m2m.label}`) }).check();
    await expect(page.getByRole("group", { name: FOLLOW_UP_TEXT.keepsSecret.question }).count()).resolves.toBe(0);
  });

  it("has nothing serious for axe with a result shown, at 1280×720 and 390×844, light and dark", async () => {
    for (const view of [
      { name: "1280-light", width: 1280, height: 720, colorScheme: "light" as const },
      { name: "1280-dark", width: 1280, height: 720, colorScheme: "dark" as const },
      { name: "390-light", width: 390, height: 844, colorScheme: "light" as const },
      { name: "390-dark", width: 390, height: 844, colorScheme: "dark" as const },
    ]) {
      const page = await visit(view);
      await openChooser(page);
      await answer(page, { appKind: "server-web", userPresent: "yes" });
      await page.locator("[data-result]").waitFor();
      expect(await seriousViolations(page), view.name).toEqual([]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, view.name).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(screenshotDir, `choose-${view.name}.png`), fullPage: true });
    }
  });
});
