/**
 * The whole-flow sequence diagram on the flow page, in Chromium: mermaid is fetched only when the
 * diagram tab opens, draws the trace, marks the current step, follows the theme, and exports
 * SVG, PNG and its source.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page, Response } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, openPage, type Browser, type PageVisit } from "./chromium";

const baseUrl = inject("baseUrl");
const screenshotDir = fileURLToPath(new URL("../../artifacts/screenshots", import.meta.url));
const FLOW = "authorization-code-pkce";

let browser: Browser;
const visits: PageVisit[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
});

afterEach(async () => {
  for (const visit of visits.splice(0)) await visit.page.close();
});

afterAll(async () => {
  await browser?.close();
});

interface VisitOptions {
  colorScheme?: "light" | "dark";
  width?: number;
  height?: number;
  /** With reduced motion the diagram scrolls to the step at once (no smooth scrolling to wait for). */
  reducedMotion?: "reduce" | "no-preference";
}

async function visit(options: VisitOptions = {}) {
  const opened = await openPage(browser.context, baseUrl);
  visits.push(opened);
  await opened.page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 720 });
  await opened.page.emulateMedia({ colorScheme: options.colorScheme ?? "light", reducedMotion: options.reducedMotion ?? "no-preference" });
  return opened;
}

async function openDiagram(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Sequence diagram" }).click();
  await page.locator('[data-diagram-status="ready"]').waitFor({ timeout: 30_000 });
}

function highlighted(page: Page): Promise<string | null> {
  return page.locator("[data-diagram-status] svg [data-highlight]").getAttribute("data-highlight");
}

/** A string found in mermaid's own code (not in the site's). */
const MERMAID_MARKER = "mermaidAPI";

describe("sequence diagram panel", () => {
  it("fetches mermaid only when its tab opens, then draws the trace with the current step marked", async () => {
    const { page, errors, foreignRequests } = await visit();
    const scripts: Response[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response);
    });
    await page.goto(`${baseUrl}/flows/${FLOW}?step=7&seed=demo`, { waitUntil: "networkidle" });
    const firstLoad = await Promise.all(scripts.map((response) => response.text()));
    expect(firstLoad.length).toBeGreaterThan(0);
    expect(firstLoad.some((text) => text.includes(MERMAID_MARKER))).toBe(false);
    const loadedBefore = scripts.length;

    await openDiagram(page);
    const later = await Promise.all(scripts.slice(loadedBefore).map((response) => response.text()));
    expect(later.some((text) => text.includes(MERMAID_MARKER))).toBe(true);

    const svg = page.locator("[data-diagram-status] svg[role=img]");
    await expect(svg.count()).resolves.toBe(1);
    await expect(svg.getAttribute("aria-label")).resolves.toMatch(/^Sequence diagram of authorization-code-pkce \(default\): 14 steps/);
    // mermaid drew every step's label, as text.
    const labels = (await svg.locator("text").allTextContents()).join("\n");
    for (const n of [1, 7, 14]) expect(labels).toMatch(new RegExp(`(^|\\n)${n}\\. `));
    await expect(svg.locator("script, foreignObject").count()).resolves.toBe(0);

    // Step 7 is marked: a band behind it, its arrow drawn thicker.
    await expect(highlighted(page)).resolves.toBe("7");
    await expect(svg.locator('[data-current-step="7"]').count()).resolves.toBe(1);
    const band = await svg.locator("[data-highlight]").boundingBox();
    const arrow = await svg.locator('[data-current-step="7"]').boundingBox();
    expect(band && arrow).toBeTruthy();
    expect(arrow!.y).toBeGreaterThanOrEqual(band!.y);
    expect(arrow!.y + arrow!.height).toBeLessThanOrEqual(band!.y + band!.height + 1);

    // The panel (drawn diagram, toolbar, source) has no serious or critical axe finding.
    await page.locator("[data-diagram-status] details summary").click();
    const axe = await new AxeBuilder({ page }).include("[data-diagram-status]").analyze();
    expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

    // Stepping moves the mark without drawing again.
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect.poll(() => highlighted(page)).toBe("8");
    await expect(page.locator("[data-diagram-status]").getAttribute("data-diagram-status")).resolves.toBe("ready");

    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });

  it("downloads the diagram as a standalone SVG and as a PNG at twice its size", async () => {
    const { page, errors } = await visit();
    await page.goto(`${baseUrl}/flows/${FLOW}?step=3`, { waitUntil: "networkidle" });
    await openDiagram(page);
    const viewBox = (await page.locator("[data-diagram-status] svg[role=img]").getAttribute("viewBox"))!.split(/\s+/).map(Number);

    const [svgDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download SVG" }).click()]);
    expect(svgDownload.suggestedFilename()).toBe(`${FLOW}-default-sequence.svg`);
    const svgText = await readFile((await svgDownload.path())!, "utf8");
    expect(svgText.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(svgText).not.toContain("data-highlight");
    // Well-formed XML that an image viewer can open on its own.
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "image/svg+xml");
      return { error: doc.querySelector("parsererror")?.textContent ?? null, root: doc.documentElement.nodeName, ns: doc.documentElement.namespaceURI };
    }, svgText);
    expect(parsed).toEqual({ error: null, root: "svg", ns: "http://www.w3.org/2000/svg" });

    const [pngDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download PNG" }).click()]);
    expect(pngDownload.suggestedFilename()).toBe(`${FLOW}-default-sequence.png`);
    const png = await readFile((await pngDownload.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(Math.ceil(viewBox[2]! * 2));
    expect(png.readUInt32BE(20)).toBe(Math.ceil(viewBox[3]! * 2));
    await expect(page.getByRole("status").filter({ hasText: "Saved" }).textContent()).resolves.toMatch(/Saved .*\.png/);
    expect(errors).toEqual([]);
  });

  it("copies the mermaid source to the clipboard", async () => {
    const { page, errors } = await visit();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    await page.goto(`${baseUrl}/flows/${FLOW}?step=1`, { waitUntil: "networkidle" });
    await openDiagram(page);
    await page.getByRole("button", { name: "Copy mermaid source" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Copied" }).count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const shown = await page.locator("[data-diagram-status] details code").textContent();
    expect(copied).toBe(shown);
    expect(copied.startsWith("sequenceDiagram\n")).toBe(true);
    await browser.context.clearPermissions();
    expect(errors).toEqual([]);
  });

  it("draws in the theme in effect, and again when it changes", async () => {
    const { page, errors } = await visit({ colorScheme: "dark" });
    await page.goto(`${baseUrl}/flows/${FLOW}?step=10`, { waitUntil: "networkidle" });
    await openDiagram(page);
    const textFill = () =>
      page.locator("[data-diagram-status] svg .messageText").first().evaluate((element) => getComputedStyle(element).fill);
    await expect(textFill()).resolves.toBe("rgb(226, 232, 240)");

    // The header's toggle: system (dark here) → light.
    await page.getByRole("button", { name: "Theme: System" }).click();
    await expect.poll(textFill).toBe("rgb(15, 23, 42)");
    await expect(page.locator('[data-diagram-status="ready"]').count()).resolves.toBe(1);
    await expect(highlighted(page)).resolves.toBe("10");
    await page.evaluate(() => localStorage.clear());
    expect(errors).toEqual([]);
  });

  for (const [width, height, colorScheme] of [
    [1280, 720, "light"],
    [1280, 720, "dark"],
    [390, 844, "light"],
    [390, 844, "dark"],
  ] as const) {
    it(`fits a ${width}×${height} screen in ${colorScheme} mode: the diagram scrolls inside its panel, the page does not`, async () => {
      const { page, errors } = await visit({ width, height, colorScheme, reducedMotion: "reduce" });
      await page.goto(`${baseUrl}/flows/${FLOW}?scenario=code-intercepted-pkce-off&step=16`, { waitUntil: "networkidle" });
      await openDiagram(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expect(highlighted(page)).resolves.toBe("16");
      // The marked step is scrolled into the panel's view, its label's start readable.
      const region = (await page.getByRole("region", { name: "Sequence diagram (scrollable)" }).boundingBox())!;
      const band = (await page.locator("[data-diagram-status] svg [data-highlight]").boundingBox())!;
      expect(band.y).toBeGreaterThanOrEqual(region.y);
      expect(band.y + band.height).toBeLessThanOrEqual(region.y + region.height);
      const label = (await page.locator("[data-diagram-status] svg text", { hasText: /^16\. / }).boundingBox())!;
      expect(label.x).toBeGreaterThanOrEqual(region.x);
      // …and its start inside the visible part of the panel (with room to read the first words).
      expect(label.x).toBeLessThan(region.x + region.width - 80);
      await page.locator("[data-diagram-status]").scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(screenshotDir, `diagram-${width}x${height}-${colorScheme}.png`) });
      expect(errors).toEqual([]);
    });
  }
});
