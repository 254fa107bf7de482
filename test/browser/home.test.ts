import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { flowIds } from "@/content/flows";
import { site } from "@/content/site";
import { launchChromium, openPage, type Browser } from "./chromium";

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
    const ids = await page.locator("article code").allTextContents();
    expect(ids).toEqual([...flowIds]);
    for (const id of ["implicit", "password"]) {
      const card = page.locator("article", { has: page.locator(`code:text-is("${id}")`) });
      await expect(card.locator('[data-status="deprecated"]').textContent()).resolves.toMatch(/Deprecated/);
    }
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

  const layouts = [
    { name: "desktop", width: 1280, height: 720 },
    { name: "phone", width: 390, height: 844 },
  ] as const;

  for (const { name, width, height } of layouts) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`fits a ${width}×${height} ${name} screen in ${colorScheme} mode without horizontal scrolling`, async () => {
        const { page, errors } = await openPage(browser.context, baseUrl);
        await page.setViewportSize({ width, height });
        await page.emulateMedia({ colorScheme });
        await page.goto(`${baseUrl}/`, { waitUntil: "networkidle" });
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(0);
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
