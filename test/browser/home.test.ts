import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { THEME_STORAGE_KEY } from "@/components/theme/theme";
import { CONCEPTS } from "@/content/concepts";
import { flowIds, flows } from "@/content/flows";
import { home } from "@/content/home";
import { site } from "@/content/site";
import { launchChromium, layoutShifts, openPage, recordLayoutShifts, renderWholePage, seriousViolations, type Browser } from "./chromium";

const baseUrl = inject("baseUrl");
const screenshotDir = fileURLToPath(new URL("../../artifacts/screenshots", import.meta.url));

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

/** The computed background colour of <body>. */
function bodyBackground(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

const LIGHT_BACKGROUND = "rgb(255, 255, 255)";
const DARK_BACKGROUND = "rgb(11, 17, 32)";

describe("home page", () => {
  it("answers 200 with the site name as its only h1", async () => {
    const { page } = await openPage(browser.context, baseUrl);
    const response = await page.goto(`${baseUrl}/`);
    expect(response?.status()).toBe(200);
    const headings = await page.getByRole("heading", { level: 1 }).allTextContents();
    expect(headings).toEqual([site.name]);
    expect(await page.title()).toBe(site.name);
    await page.close();
  });

  it("lists all seven flows by id, marking implicit and password as deprecated", async () => {
    const { page } = await openPage(browser.context, baseUrl);
    await page.goto(`${baseUrl}/`);
    const ids = await page.locator("#flows article code").allTextContents();
    expect(ids).toEqual([...flowIds]);
    for (const id of ["implicit", "password"]) {
      const card = page.locator("article", { has: page.locator(`code:text-is("${id}")`) });
      await expect(card.locator('[data-status="deprecated"]').textContent()).resolves.toMatch(/Deprecated/);
    }
    await page.close();
  });

  it("makes each flow card one link to /flows/<id>, named by the flow, that covers the whole card", async () => {
    const { page } = await openPage(browser.context, baseUrl);
    await page.goto(`${baseUrl}/`);
    for (const flow of flows) {
      const card = page.locator("#flows article", { has: page.locator(`code:text-is("${flow.id}")`) });
      const links = card.getByRole("link");
      await expect(links.count()).resolves.toBe(1);
      await expect(links.first().getAttribute("href")).resolves.toBe(`/flows/${flow.id}`);
      await expect(card.getByRole("link", { name: flow.name, exact: true }).count()).resolves.toBe(1);
      // What is under the card's summary (not the heading) is the link's stretched hit area.
      const summary = card.getByText(flow.summary);
      const hit = await summary.evaluate((element) => {
        const box = element.getBoundingClientRect();
        element.scrollIntoView({ block: "center" });
        const moved = element.getBoundingClientRect();
        const under = document.elementFromPoint(moved.left + box.width / 2, moved.top + box.height / 2);
        return under?.closest("a")?.getAttribute("href") ?? under?.tagName ?? null;
      });
      expect(hit).toBe(`/flows/${flow.id}`);
    }
    // Clicking anywhere on a card opens the flow.
    const deviceCard = page.locator("#flows article", { has: page.locator('code:text-is("device-code")') });
    const box = (await deviceCard.boundingBox())!;
    await deviceCard.click({ position: { x: 24, y: box.height - 16 } });
    await page.waitForURL(`${baseUrl}/flows/device-code`);
    await page.close();
  });

  it("offers a way in for learners, teachers and developers", async () => {
    const { page } = await openPage(browser.context, baseUrl);
    await page.goto(`${baseUrl}/`);
    const section = page.locator("section", { has: page.getByRole("heading", { level: 2, name: home.audiencesHeading }) });
    await expect(section.getByRole("heading", { level: 3 }).allTextContents()).resolves.toEqual(home.audiences.map((a) => a.title));

    const learners = section.locator('[data-audience="learners"]');
    await expect(learners.getByRole("link", { name: /Step through PKCE/ }).getAttribute("href")).resolves.toBe("/flows/authorization-code-pkce");
    await expect(learners.textContent()).resolves.toMatch(/what-ifs/);

    const teachers = section.locator('[data-audience="teachers"]');
    const shared = await teachers.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(shared.some((href) => /^\/flows\/[a-z-]+\?step=\d+&seed=[A-Za-z0-9._~-]+$/.test(href ?? ""))).toBe(true);
    await expect(teachers.textContent()).resolves.toMatch(/same step/);

    const developers = section.locator('[data-audience="developers"]');
    await expect(developers.textContent()).resolves.toMatch(/curl/);
    await expect(developers.textContent()).resolves.toMatch(/JWT/);
    // Comparing flows has landed: nothing in the developers' card is "coming soon" any more, and it links to the chooser.
    await expect(developers.getByText(home.soon).count()).resolves.toBe(0);
    await expect(developers.getByRole("link", { name: "Which flow fits my app?" }).getAttribute("href")).resolves.toBe("/choose");

    const concepts = page.locator("#concepts");
    await expect(concepts.getByRole("link", { name: home.conceptsLink.label }).getAttribute("href")).resolves.toBe("/concepts");
    const conceptLinks = await concepts.getByRole("link").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(conceptLinks).toEqual([...CONCEPTS.map((concept) => `/concepts/${concept.slug}`), "/concepts"]);
    await expect(page.getByRole("link", { name: home.primaryAction.label }).getAttribute("href")).resolves.toBe(home.primaryAction.href);
    await page.close();
  });

  it("loads without console errors and without any request leaving its origin", async () => {
    const { page, errors, foreignRequests } = await openPage(browser.context, baseUrl);
    await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it("has landmarks, a skip link to the main content and headings in order", async () => {
    const { page } = await openPage(browser.context, baseUrl);
    await page.goto(`${baseUrl}/`);
    await expect(page.locator("header").count()).resolves.toBe(1);
    await expect(page.locator("main#main").count()).resolves.toBe(1);
    await expect(page.locator("footer").count()).resolves.toBe(1);
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement;
      return el ? { text: el.textContent, href: el.getAttribute("href") } : null;
    });
    expect(focused).toEqual({ text: "Skip to main content", href: "#main" });
    const levels = await page.$$eval("h1, h2, h3, h4, h5, h6", (hs) => hs.map((h) => Number(h.tagName[1])));
    levels.forEach((level, i) => {
      if (i > 0) expect(level - levels[i - 1]!).toBeLessThanOrEqual(1);
    });
    await page.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical axe violations in ${colorScheme} mode`, async () => {
      const { page } = await openPage(browser.context, baseUrl);
      await page.emulateMedia({ colorScheme });
      await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }

  describe("theme toggle", () => {
    afterEach(async () => {
      // The profile is shared by the whole file: leave no theme choice behind for the next test.
      const page = await browser.context.newPage();
      await page.goto(`${baseUrl}/`);
      await page.evaluate(() => localStorage.clear());
      await page.close();
    });

    it("cycles light → dark → system, switching data-theme and the colours at once", async () => {
      const { page, errors } = await openPage(browser.context, baseUrl);
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
      const html = page.locator("html");
      await expect(html.getAttribute("data-theme")).resolves.toBeNull();
      const toggle = page.getByRole("button", { name: /^Theme: / });
      await expect(toggle.getAttribute("aria-label")).resolves.toBe("Theme: System");

      await toggle.click();
      await expect(toggle.getAttribute("aria-label")).resolves.toBe("Theme: Light");
      await expect(html.getAttribute("data-theme")).resolves.toBe("light");
      await expect(bodyBackground(page)).resolves.toBe(LIGHT_BACKGROUND);

      await toggle.click();
      await expect(toggle.getAttribute("aria-label")).resolves.toBe("Theme: Dark");
      await expect(html.getAttribute("data-theme")).resolves.toBe("dark");
      await expect(bodyBackground(page)).resolves.toBe(DARK_BACKGROUND);
      // Tailwind's dark: variant follows the toggle too (the badges use it).
      const badge = page.locator('[data-status="deprecated"]').first();
      await expect(badge.evaluate((element) => getComputedStyle(element).backgroundColor)).resolves.not.toBe("rgb(255, 251, 235)");
      expect(await seriousViolations(page)).toEqual([]);

      await toggle.click();
      await expect(toggle.getAttribute("aria-label")).resolves.toBe("Theme: System");
      await expect(html.getAttribute("data-theme")).resolves.toBeNull();
      await expect(bodyBackground(page)).resolves.toBe(LIGHT_BACKGROUND);
      expect(errors).toEqual([]);
      await page.close();
    });

    it("keeps a choice across a reload, applied before the first paint", async () => {
      const { page, errors } = await openPage(browser.context, baseUrl);
      await page.emulateMedia({ colorScheme: "light" });
      // Record data-theme the moment <body> is parsed: before any paint and before React runs.
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.body) return;
          (window as unknown as { themeAtBody: string | null }).themeAtBody = document.documentElement.getAttribute("data-theme");
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
      const toggle = page.getByRole("button", { name: /^Theme: / });
      await toggle.click();
      await toggle.click();
      await expect(toggle.getAttribute("aria-label")).resolves.toBe("Theme: Dark");
      await expect(page.evaluate((key) => localStorage.getItem(key), THEME_STORAGE_KEY)).resolves.toBe("dark");

      await page.reload({ waitUntil: "networkidle" });
      await expect(page.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody)).resolves.toBe("dark");
      await expect(page.locator("html").getAttribute("data-theme")).resolves.toBe("dark");
      await expect(bodyBackground(page)).resolves.toBe(DARK_BACKGROUND);
      await expect(page.getByRole("button", { name: "Theme: Dark" }).count()).resolves.toBe(1);

      // An explicit light choice wins over a dark system preference.
      await page.emulateMedia({ colorScheme: "dark" });
      await page.getByRole("button", { name: "Theme: Dark" }).click();
      await expect(bodyBackground(page)).resolves.toBe(DARK_BACKGROUND);
      await page.getByRole("button", { name: "Theme: System" }).click();
      await expect(page.locator("html").getAttribute("data-theme")).resolves.toBe("light");
      await expect(bodyBackground(page)).resolves.toBe(LIGHT_BACKGROUND);
      await page.reload({ waitUntil: "networkidle" });
      await expect(page.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody)).resolves.toBe("light");
      await expect(bodyBackground(page)).resolves.toBe(LIGHT_BACKGROUND);

      expect(errors).toEqual([]);
      await page.close();
    });
  });

  const layouts = [
    { name: "desktop", width: 1280, height: 720 },
    { name: "phone", width: 390, height: 844 },
  ] as const;

  for (const { name, width, height } of layouts) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`fits a ${width}×${height} ${name} screen in ${colorScheme} mode without horizontal scrolling or layout shifts`, async () => {
        const { page, errors } = await openPage(browser.context, baseUrl);
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await recordLayoutShifts(page);
        await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
        // Nothing moves while the page loads and hydrates (sections below the first screen are
        // rendered only when near it, and must not change the width of what is on it).
        await expect(layoutShifts(page)).resolves.toEqual([]);
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
        // The header's theme toggle stays on screen.
        const toggle = await page.getByRole("button", { name: /^Theme: / }).boundingBox();
        expect(toggle).not.toBeNull();
        expect(toggle!.x + toggle!.width).toBeLessThanOrEqual(width);
        await renderWholePage(page);
        await page.screenshot({
          path: path.join(screenshotDir, `home-${width}x${height}-${colorScheme}.png`),
          fullPage: true,
        });
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  }

  it("answers an unknown path with the 404 page and a link home", async () => {
    const { page, errors } = await openPage(browser.context, baseUrl);
    const response = await page.goto(`${baseUrl}/no-such-page`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Page not found");
    await page.getByRole("link", { name: "Go to the home page" }).click();
    await page.waitForURL(`${baseUrl}/`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(site.name);
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    await page.close();
  });
});
