/**
 * The compare page in Chromium: flows step in lockstep by phase (each column on the step the
 * alignment says, of the row's phase), or apart; the summary table says what the traces say (run
 * here in Node); bad addresses fall back visibly; the flow page links to comparisons; axe finds
 * nothing serious, the console stays clean and nothing leaves the origin.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { compareText, PHASE_TEXT } from "@/content/compare";
import { alignByPhase, flowFacts, shownStep, stepPhases } from "@/machines/compare";
import { DEFAULT_SEED } from "@/machines/flow-url";
import { FLOWS, type FlowId } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";
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
  await opened.page.emulateMedia({ colorScheme: options.colorScheme ?? "light", reducedMotion: "reduce" });
  return opened.page;
}

async function open(page: Page, pathAndQuery: string): Promise<void> {
  const response = await page.goto(`${baseUrl}${pathAndQuery}`);
  expect(response?.status()).toBe(200);
  await page.locator('[data-compare="ready"]').waitFor({ timeout: 20_000 });
}

async function defaultTraces(flows: readonly FlowId[]): Promise<Trace[]> {
  return Promise.all(flows.map((id) => runFlow(FLOWS[id], FLOWS[id].scenarios[0]!, DEFAULT_SEED)));
}

/** What each column shows: its step index, the phase of that step, whether it moves, and the title. */
async function columns(page: Page) {
  return page.locator("[data-compare-column]").evaluateAll((elements) =>
    elements.map((element) => ({
      flow: element.getAttribute("data-flow"),
      index: Number(element.getAttribute("data-step-index")),
      phase: element.getAttribute("data-phase"),
      moves: element.hasAttribute("data-moves"),
      title: element.querySelector("[data-step-title]")?.textContent ?? null,
    })),
  );
}

describe("stepping flows together by phase", () => {
  it("keeps three flows in lockstep: at every press each column shows the step the alignment puts in that row, of the row's phase", async () => {
    const flows: FlowId[] = ["authorization-code-pkce", "device-code", "client-credentials"];
    const traces = await defaultTraces(flows);
    const rows = alignByPhase(traces);
    const phases = traces.map(stepPhases);
    const page = await visit();
    await open(page, `/compare?flows=${flows.join(",")}`);
    await expect(page.locator("[data-live-region]").textContent()).resolves.toBe(compareText.status(1, rows.length, PHASE_TEXT[rows[0]!.phase].label));
    for (let row = 0; row < rows.length; row++) {
      if (row > 0) await page.keyboard.press("ArrowRight");
      await page.waitForFunction(([expected]) => document.querySelector("[data-compare-row]")?.getAttribute("data-compare-row") === String(expected), [row] as const);
      const shown = await columns(page);
      expect(shown.map((column) => column.flow)).toEqual(flows);
      shown.forEach((column, index) => {
        const step = shownStep(rows, row, index);
        expect(column.index, `row ${row}, ${flows[index]}`).toBe(step);
        expect(column.moves).toBe(rows[row]!.cells[index] !== null);
        if (column.moves) expect(column.phase, `row ${row}, ${flows[index]}`).toBe(rows[row]!.phase);
        if (step >= 0) {
          expect(column.phase).toBe(phases[index]![step]);
          expect(column.title).toBe(traces[index]!.steps[step]!.title);
        } else {
          expect(column.title).toBeNull();
        }
      });
    }
    // The address follows (a moment after the last press): the last row, stepping together.
    const expected = `?flows=${flows.join(",")}&seed=demo&mode=together&step=${rows.length}`;
    await page.waitForFunction(([search]) => window.location.search === search, [expected] as const, { timeout: 5_000 });
    expect(new URL(page.url()).search).toBe(expected);
    await page.keyboard.press("Home");
    await expect(page.locator("[data-compare-column='2']").getAttribute("data-step-index")).resolves.toBe("-1");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("reopens a shared link at the same row, and steps each flow on its own when apart", async () => {
    const flows: FlowId[] = ["authorization-code", "password"];
    const traces = await defaultTraces(flows);
    const rows = alignByPhase(traces);
    const page = await visit();
    await open(page, `/compare?flows=${flows.join(",")}&step=11`);
    const atRow = await columns(page);
    expect(atRow.map((column) => column.index)).toEqual([shownStep(rows, 10, 0), shownStep(rows, 10, 1)]);

    await page.getByRole("radio", { name: compareText.modes.apart }).check();
    await page.getByRole("button", { name: "Next in Resource Owner Password" }).click();
    const apart = await columns(page);
    expect(apart.map((column) => column.index)).toEqual([atRow[0]!.index, atRow[1]!.index + 1]);
    const steps = `${atRow[0]!.index + 1},${atRow[1]!.index + 2}`;
    await page.waitForFunction(([expected]) => {
      const params = new URLSearchParams(window.location.search);
      return params.get("mode") === "apart" && params.get("step") === expected;
    }, [steps] as const, { timeout: 5_000 });
    // The keys move the flow stepped last.
    await page.locator("h1").click();
    await page.keyboard.press("ArrowLeft");
    await expect(page.locator("[data-compare-column='1']").getAttribute("data-step-index")).resolves.toBe(String(atRow[1]!.index));
    await expect(page.locator("[data-compare-column='0']").getAttribute("data-step-index")).resolves.toBe(String(atRow[0]!.index));
    expect(await seriousViolations(page)).toEqual([]);
  });
});

describe("the summary table", () => {
  it("states for each flow what its trace says", async () => {
    const flows: FlowId[] = ["implicit", "authorization-code-pkce", "client-credentials"];
    const traces = await defaultTraces(flows);
    const page = await visit();
    await open(page, `/compare?flows=${flows.join(",")}`);
    for (const trace of traces) {
      const cell = (row: string) => page.locator(`td[data-fact="${row}"][data-flow="${trace.flow}"]`);
      const kinds = (row: string) => cell(row).locator("[data-kind]").evaluateAll((items) => items.map((item) => item.getAttribute("data-kind")));
      // Expectations counted here from the trace, not from the page's module.
      const front = trace.steps.filter((step) => step.channel === "front").length;
      const back = trace.steps.filter((step) => step.channel === "back").length;
      await expect(cell("steps").textContent()).resolves.toBe(String(trace.steps.length));
      await expect(cell("frontChannel").textContent()).resolves.toBe(String(front));
      await expect(cell("backChannel").textContent()).resolves.toBe(String(back));
      const facts = flowFacts(trace);
      await expect(cell("roundTrips").textContent()).resolves.toBe(compareText.roundTrips(facts.roundTrips, facts.frontRoundTrips, facts.backRoundTrips));
      await expect(kinds("crossesBrowser")).resolves.toEqual(facts.crossesBrowser);
      await expect(kinds("secretsClient")).resolves.toEqual(facts.secrets.client);
      await expect(kinds("secretsAuthorizationServer")).resolves.toEqual(facts.secrets.authorizationServer);
      // The API sees the access token and nothing else, in every one of these flows.
      await expect(kinds("secretsResourceServer")).resolves.toEqual(["access_token"]);
      const user = trace.steps.some((step) => step.from === "resourceOwner" || step.to === "resourceOwner");
      await expect(cell("userInvolved").textContent()).resolves.toBe(user ? compareText.yes : compareText.no);
      const refresh = trace.steps.some((step) => step.response?.body?.includes('"refresh_token"') === true);
      await expect(cell("refreshToken").textContent()).resolves.toBe(refresh ? compareText.yes : compareText.no);
    }
    await expect(page.locator('td[data-fact="crossesBrowser"][data-flow="implicit"] [data-kind="access_token"]').count()).resolves.toBe(1);
    await expect(page.locator('td[data-fact="crossesBrowser"][data-flow="authorization-code-pkce"] [data-kind="access_token"]').count()).resolves.toBe(0);
  });
});

describe("bad addresses", () => {
  it.each([
    ["/compare?flows=nope,implicit,implicit", ["implicit", "authorization-code"], 3],
    ["/compare?flows=implicit", ["implicit", "authorization-code"], 1],
    ["/compare?flows=implicit,password,device-code,refresh-token&mode=sideways", ["implicit", "password", "device-code"], 2],
    ["/compare?flows=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E,password&seed=%3Cb%3Ex&step=9999", ["password", "authorization-code"], 4],
  ])("falls back visibly for %s", async (address, flows, notices) => {
    const page = await visit();
    await open(page, address);
    await expect(page.locator("[data-compare-column]").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-flow")))).resolves.toEqual(flows);
    await expect(page.locator("[data-notice]").count()).resolves.toBe(notices);
    await expect(page.locator("[data-notices] img").count()).resolves.toBe(0);
    // The address is rewritten to what is shown.
    await page.waitForFunction(([expected]) => new URLSearchParams(window.location.search).get("flows") === expected, [flows.join(",")] as const);
    expect(new URL(page.url()).searchParams.get("mode")).toBe("together");
  });
});

describe("the seed", () => {
  it("applies a new seed, keeping the moment, and says what it removed from a bad one", async () => {
    const page = await visit();
    await open(page, "/compare?flows=authorization-code,implicit&step=7");
    const before = await page.locator("[data-compare-column='0'] [data-artifact='code']").first().getAttribute("data-value");
    await page.locator("[data-seed-field]:visible").fill("class<b>room");
    await page.locator("[data-seed-field]:visible").press("Enter");
    await page.waitForFunction(() => new URLSearchParams(window.location.search).get("seed") === "classbroom");
    await page.locator('[data-compare="ready"]').waitFor();
    await expect(page.locator('[data-notice="seed"]').count()).resolves.toBe(1);
    await expect(page.locator("[data-compare-row]").getAttribute("data-compare-row")).resolves.toBe("6");
    const after = await page.locator("[data-compare-column='0'] [data-artifact='code']").first().getAttribute("data-value");
    expect(after).not.toBe(before);
  });
});

describe("links and looks", () => {
  it("offers every other flow to compare with from a flow page, and the link opens that comparison", async () => {
    const page = await visit();
    await page.goto(`${baseUrl}/flows/device-code`);
    await page.locator("[data-compare-with] summary").click();
    const links = await page.locator("[data-compare-with] a").evaluateAll((items) => items.map((item) => item.getAttribute("href")));
    expect(links).toEqual(Object.keys(FLOWS).filter((id) => id !== "device-code").map((id) => `/compare?flows=device-code,${id}`));
    await page.locator('[data-compare-with] a[href="/compare?flows=device-code,client-credentials"]').click();
    await page.locator('[data-compare="ready"]').waitFor({ timeout: 20_000 });
    await expect(page.locator("[data-compare-column]").evaluateAll((elements) => elements.map((element) => element.getAttribute("data-flow")))).resolves.toEqual(["device-code", "client-credentials"]);
  });

  it("reads well at 1280×720 and 390×844, light and dark, with nothing serious for axe and no sideways scroll", async () => {
    for (const view of [
      { name: "1280-light", width: 1280, height: 720, colorScheme: "light" as const },
      { name: "1280-dark", width: 1280, height: 720, colorScheme: "dark" as const },
      { name: "390-light", width: 390, height: 844, colorScheme: "light" as const },
      { name: "390-dark", width: 390, height: 844, colorScheme: "dark" as const },
    ]) {
      const page = await visit(view);
      await open(page, "/compare?flows=authorization-code-pkce,device-code,client-credentials&step=12");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, view.name).toBeLessThanOrEqual(0);
      expect(await seriousViolations(page), view.name).toEqual([]);
      await page.screenshot({ path: path.join(screenshotDir, `compare-${view.name}.png`) });
      await page.screenshot({ path: path.join(screenshotDir, `compare-${view.name}-full.png`), fullPage: true });
    }
  });
});
