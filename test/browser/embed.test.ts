/**
 * The embed view (/embed/<flow>) inside an iframe on a course page: it loads, steps with its own
 * buttons and keys, links out to the full simulator at the same step, logs no errors, requests
 * nothing off its origin, is not forbidden from being framed, and axe finds nothing serious.
 */
import { mkdir } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";
import { launchChromium, openPage, seriousViolations, type Browser, type PageVisit } from "./chromium";

const baseUrl = inject("baseUrl");
const screenshotDir = fileURLToPath(new URL("../../artifacts/screenshots", import.meta.url));

const FLOW = "device-code";
let browser: Browser;
let trace: Trace;
const visits: PageVisit[] = [];
const servers: Server[] = [];

/** Serves one HTML page from its own loopback origin; returns its URL. */
async function serveCoursePage(html: string): Promise<string> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/course/week-3.html`;
}

beforeAll(async () => {
  browser = await launchChromium();
  await mkdir(screenshotDir, { recursive: true });
  trace = await runFlow(FLOWS[FLOW], FLOWS[FLOW].scenarios[0]!, "course");
});

afterEach(async () => {
  for (const visit of visits.splice(0)) await visit.page.close();
});

afterAll(async () => {
  for (const server of servers) server.close();
  await browser?.close();
});

async function visit(width = 1000, height = 700): Promise<PageVisit> {
  const opened = await openPage(browser.context, baseUrl);
  visits.push(opened);
  await opened.page.setViewportSize({ width, height });
  // Errors inside the iframe reach the page's console listener only through the frame's page: same page here.
  return opened;
}

function coursePage(src: string): string {
  return `<!doctype html><html lang="en"><head><title>Course: OAuth 2.0, week 3</title></head><body>
<main><h1>Week 3: devices without a keyboard</h1><p>Step through the device flow below.</p>
<iframe title="OAuth 2.0 device flow, step by step" src="${src}" width="720" height="520" style="border:1px solid #cbd5e1;border-radius:12px"></iframe>
</main></body></html>`;
}

async function liveText(page: Page): Promise<string> {
  return (await page.frameLocator("iframe").locator("[data-live-region]").innerText()).trim();
}

describe("embed view", () => {
  it("loads inside an iframe on a course page and steps with its own controls", async () => {
    const { page, errors, foreignRequests } = await visit();
    // The course page lives on another origin (another port), served by the test itself. Like any
    // https page it is a secure context, so the embed can run the flow with WebCrypto.
    const courseUrl = await serveCoursePage(coursePage(`${baseUrl}/embed/${FLOW}?step=2&seed=course`));
    await page.goto(courseUrl);
    const frame = page.frameLocator("iframe");
    await frame.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
    const at = (step: number) => `Step ${step} of ${trace.steps.length}: ${trace.steps[step - 1]!.title}`;
    await expect.poll(() => liveText(page), { timeout: 15_000 }).toBe(at(2));

    await frame.getByRole("button", { name: "Next step" }).click();
    await frame.getByRole("button", { name: "Next step" }).click();
    await expect.poll(() => liveText(page)).toBe(at(4));
    await frame.getByRole("button", { name: "Previous step" }).click();
    await expect.poll(() => liveText(page)).toBe(at(3));
    await frame.locator("body").press("End");
    await expect.poll(() => liveText(page)).toBe(at(trace.steps.length));
    await frame.getByRole("button", { name: "First step" }).click();
    await expect.poll(() => liveText(page)).toBe(at(1));
    await frame.getByRole("button", { name: "Next step" }).click();

    const open = frame.locator("[data-open-simulator]");
    expect(await open.getAttribute("target")).toBe("_blank");
    const href = new URL((await open.getAttribute("href"))!, baseUrl);
    expect(href.pathname).toBe(`/flows/${FLOW}`);
    expect(Object.fromEntries(href.searchParams)).toMatchObject({ step: "2", seed: "course" });

    await page.screenshot({ path: path.join(screenshotDir, "embed-in-iframe.png") });
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([courseUrl]);
  });

  it("is served without headers that forbid framing, and has no site header", async () => {
    const { page } = await visit();
    const response = await page.goto(`${baseUrl}/embed/${FLOW}`);
    expect(response?.status()).toBe(200);
    const headers = response!.headers();
    expect(headers["x-frame-options"]).toBeUndefined();
    expect(headers["content-security-policy"] ?? "").not.toContain("frame-ancestors");
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
    expect(await page.locator("body > header, nav[aria-label='Main'], footer").count()).toBe(0);
  });

  it("falls back visibly on a bad address, with no markup injected", async () => {
    const { page, errors } = await visit(390, 844);
    await page.goto(`${baseUrl}/embed/${FLOW}?scenario=%3Cb%3Ex%3C%2Fb%3E&step=9999&seed=%20`);
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
    const notices = await page.locator("[data-notices]").innerText();
    expect(notices).toContain("<b>x</b>");
    expect(await page.locator("main b").count()).toBe(0);
    await page.screenshot({ path: path.join(screenshotDir, "embed-phone-notices.png") });
    expect(errors).toEqual([]);
  });

  it("has no serious accessibility findings, light and dark", async () => {
    for (const scheme of ["light", "dark"] as const) {
      const { page } = await visit(720, 520);
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${baseUrl}/embed/${FLOW}?step=5`);
      await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(screenshotDir, `embed-720x520-${scheme}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});
