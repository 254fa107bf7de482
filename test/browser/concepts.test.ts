import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { CONCEPTS, conceptsIndex, findConcept, tryItHref } from "@/content/concepts";
import { site } from "@/content/site";
import { launchChromium, openPage, seriousViolations, type Browser } from "./chromium";

const baseUrl = inject("baseUrl");
const screenshotDir = fileURLToPath(new URL("../../artifacts/screenshots", import.meta.url));
const pkce = findConcept("pkce")!;

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

describe("concept pages", () => {
  it("index lists every concept in reading order, each linking to its page", async () => {
    const { page, errors, foreignRequests } = await openPage(browser.context, baseUrl);
    const response = await page.goto(`${baseUrl}/concepts`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).allTextContents()).resolves.toEqual([conceptsIndex.title]);
    expect(await page.title()).toBe(`${conceptsIndex.title} · ${site.name}`);
    const hrefs = await page.locator("main ol article h2 a").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(hrefs).toEqual(CONCEPTS.map((concept) => `/concepts/${concept.slug}`));
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it("are reachable from the site header on every page", async () => {
    const { page } = await openPage(browser.context, baseUrl);
    await page.goto(`${baseUrl}/`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Concepts" }).click();
    await page.waitForURL(`${baseUrl}/concepts`);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe(conceptsIndex.title);
    await page.close();
  });

  it("a concept page has its title as the only h1, stable section anchors, and try-it links into the simulator", async () => {
    const { page, errors, foreignRequests } = await openPage(browser.context, baseUrl);
    const response = await page.goto(`${baseUrl}/concepts/${pkce.slug}`, { waitUntil: "networkidle" });
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("heading", { level: 1 }).allTextContents()).resolves.toEqual([pkce.title]);
    expect(await page.title()).toBe(`${pkce.title} · ${site.name}`);
    for (const id of ["what-you-will-learn", ...pkce.sections.map((section) => section.id), "recap", "try-it", "read-the-spec"]) {
      await expect(page.locator(`section#${id}`).count(), id).resolves.toBe(1);
    }
    const tryIt = await page.locator("#try-it a").evaluateAll((links) => links.map((link) => link.getAttribute("href")));
    expect(tryIt).toEqual(pkce.tryIt.map(tryItHref));
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await page.close();
  });

  it("keeps every heading level in order", async () => {
    const { page } = await openPage(browser.context, baseUrl);
    for (const url of ["/concepts", `/concepts/${pkce.slug}`]) {
      await page.goto(`${baseUrl}${url}`);
      const levels = await page.$$eval("h1, h2, h3, h4, h5, h6", (hs) => hs.map((h) => Number(h.tagName[1])));
      expect(levels[0], url).toBe(1);
      levels.forEach((level, i) => {
        if (i > 0) expect(level - levels[i - 1]!, url).toBeLessThanOrEqual(1);
      });
    }
    await page.close();
  });

  it("answers an unknown concept with the 404 page", async () => {
    const { page } = await openPage(browser.context, baseUrl);
    const response = await page.goto(`${baseUrl}/concepts/no-such-concept`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Page not found");
    await page.close();
  });

  for (const colorScheme of ["light", "dark"] as const) {
    it(`has no serious or critical axe violations, index and concept page, in ${colorScheme} mode`, async () => {
      const { page } = await openPage(browser.context, baseUrl);
      await page.emulateMedia({ colorScheme });
      for (const url of ["/concepts", `/concepts/${pkce.slug}`]) {
        await page.goto(`${baseUrl}${url}`, { waitUntil: "networkidle" });
        expect(await seriousViolations(page), `${url} (${colorScheme})`).toEqual([]);
      }
      await page.close();
    });
  }

  const layouts = [
    { name: "desktop", width: 1280, height: 720 },
    { name: "phone", width: 390, height: 844 },
  ] as const;

  for (const { name, width, height } of layouts) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`fits a ${width}×${height} ${name} screen in ${colorScheme} mode without horizontal scrolling`, async () => {
        const { page, errors, foreignRequests } = await openPage(browser.context, baseUrl);
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        for (const [slug, url] of [
          ["index", "/concepts"],
          [pkce.slug, `/concepts/${pkce.slug}`],
        ] as const) {
          await page.goto(`${baseUrl}${url}`, { waitUntil: "networkidle" });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, url).toBeLessThanOrEqual(0);
          await page.screenshot({
            path: path.join(screenshotDir, `concepts-${slug}-${width}x${height}-${colorScheme}.png`),
            fullPage: true,
          });
        }
        expect(errors).toEqual([]);
        expect(foreignRequests).toEqual([]);
        await page.close();
      });
    }
  }
});
