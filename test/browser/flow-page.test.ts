/**
 * The flow page in Chromium: every flow and scenario plays to its end from the keyboard and shows
 * how it ended; links reopen the same step with the same tokens; bad addresses fall back visibly;
 * typed markup stays text; the consent page's boxes change what is granted; nothing leaves the
 * origin; axe finds nothing serious. Screenshots go to artifacts/screenshots/.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { FLOWS, type FlowDefinition, type Scenario } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";
import { launchChromium, layoutShifts, openPage, recordLayoutShifts, seriousViolations, type Browser, type PageVisit } from "./chromium";

const baseUrl = inject("baseUrl");
const screenshotDir = fileURLToPath(new URL("../../artifacts/screenshots", import.meta.url));

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

async function visit(options: { colorScheme?: "light" | "dark"; width?: number; height?: number; reducedMotion?: "reduce" | "no-preference" } = {}): Promise<PageVisit> {
  const opened = await openPage(browser.context, baseUrl);
  visits.push(opened);
  await opened.page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 720 });
  await opened.page.emulateMedia({ colorScheme: options.colorScheme ?? "light", reducedMotion: options.reducedMotion ?? "no-preference" });
  return opened;
}

const LIVE = "[data-live-region]";

function liveText(page: Page): Promise<string> {
  return page.locator(LIVE).innerText();
}

/** Waits until the live region reads `text` (or matches it), and returns what it reads. */
async function waitForLive(page: Page, text: string | RegExp): Promise<string> {
  const source = typeof text === "string" ? { exact: text } : { pattern: text.source, flags: text.flags };
  await page.waitForFunction(
    ([selector, expected]) => {
      const value = document.querySelector(selector)?.textContent ?? "";
      return "exact" in expected ? value === expected.exact : new RegExp(expected.pattern, expected.flags).test(value);
    },
    [LIVE, source] as const,
    { timeout: 15_000 },
  );
  return liveText(page);
}

/** Moves focus off a form control, so the page's keys apply again. */
async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/**
 * Opens a flow page and waits until it runs (hydrated, its address read, the trace asked for on
 * the stage) and its live region reads `expected`. The static HTML already shows the default
 * scenario's first step, so waiting for any "Step …" text would not do.
 */
async function open(page: Page, pathAndQuery: string, expected: string | RegExp): Promise<void> {
  const response = await page.goto(`${baseUrl}${pathAndQuery}`);
  expect(response?.status()).toBe(200);
  await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 15_000 });
  await waitForLive(page, expected);
}

const traces = new Map<string, Promise<Trace>>();
function traceOf(flow: FlowDefinition<Scenario>, scenario: Scenario, seed = "demo"): Promise<Trace> {
  const key = `${flow.id}/${scenario.id}/${seed}`;
  if (!traces.has(key)) traces.set(key, runFlow(flow, scenario, seed));
  return traces.get(key)!;
}

/**
 * axe's serious and critical findings. The mock browser's frame is left out: it holds the mock
 * server's page in a sandbox without scripts, where axe cannot run (the frame element itself, and
 * its title, are still checked).
 */
async function settledPageViolations(page: Page): Promise<string[]> {
  // Contrast is judged on the settled page, not halfway through a message's fade-in.
  await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
  return seriousViolations(page, (builder) => builder.exclude("iframe[srcdoc]"));
}

describe("every flow and scenario, played to the end with the keyboard", () => {
  for (const flow of Object.values(FLOWS)) {
    it(`${flow.id}: each of its ${flow.scenarios.length} scenarios ends with its expected outcome, without console errors`, async () => {
      const { page, errors, foreignRequests } = await visit();
      for (const scenario of flow.scenarios) {
        const trace = await traceOf(flow, scenario);
        const count = trace.steps.length;
        await open(page, `/flows/${flow.id}?scenario=${scenario.id}`, `Step 1 of ${count}: ${trace.steps[0]!.title}`);

        await page.keyboard.press("End");
        await waitForLive(page, `Step ${count} of ${count}: ${trace.steps.at(-1)!.title}`);

        for (const outcome of scenario.expected) {
          const shown = page.locator(`[data-outcome-role="${outcome.role}"][data-outcome-kind="${outcome.kind}"][data-outcome-result="${outcome.result}"]`);
          expect(await shown.isVisible(), `${flow.id}/${scenario.id}: ${outcome.role} ${outcome.kind} ${outcome.result}`).toBe(true);
        }
        // The address follows: scenario, last step, seed.
        await page.waitForURL((url) => url.search === `?scenario=${scenario.id}&step=${count}&seed=demo`);
      }
      expect(errors).toEqual([]);
      expect(foreignRequests).toEqual([]);
    });
  }

  it("steps one message at a time with →, back with ←, and jumps with Home and End", async () => {
    const { page, errors } = await visit();
    const flow = FLOWS["device-code"];
    const trace = await traceOf(flow, flow.scenarios[0]!);
    await open(page, `/flows/${flow.id}`, `Step 1 of ${trace.steps.length}: ${trace.steps[0]!.title}`);
    for (let i = 1; i < trace.steps.length; i++) {
      await page.keyboard.press("ArrowRight");
      await waitForLive(page, `Step ${i + 1} of ${trace.steps.length}: ${trace.steps[i]!.title}`);
      await expect(page.locator('[aria-current="step"]').getAttribute("data-step")).resolves.toBe(trace.steps[i]!.id);
    }
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowLeft");
    await waitForLive(page, `Step ${trace.steps.length - 1} of ${trace.steps.length}: ${trace.steps.at(-2)!.title}`);
    await page.keyboard.press("Home");
    await waitForLive(page, `Step 1 of ${trace.steps.length}: ${trace.steps[0]!.title}`);
    // Past steps stay on the stage; future ones are not shown yet.
    await expect(page.locator(".flow-row").count()).resolves.toBe(1);
    await page.keyboard.press("End");
    await waitForLive(page, /^Step 15 of 15: /);
    await expect(page.locator(".flow-row").count()).resolves.toBe(trace.steps.length);
    await expect(page.locator('.flow-row[data-state="past"]').count()).resolves.toBe(trace.steps.length - 1);
    expect(errors).toEqual([]);
  });

  it("leaves the keys alone while focus is in a form field, and Space presses a focused button", async () => {
    const { page } = await visit();
    await open(page, "/flows/authorization-code?step=3", /^Step 3 of 14: /);
    const before = await liveText(page);
    await page.locator("[data-seed-field]").focus();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("End");
    await page.keyboard.press("Space");
    await page.waitForTimeout(200);
    expect(await liveText(page)).toBe(before);
    await page.getByRole("button", { name: "Next" }).focus();
    await page.keyboard.press("Space");
    await waitForLive(page, /^Step 4 of 14: /);
    await expect(page.getByRole("button", { name: "Play" }).count()).resolves.toBe(1);
  });

  it("plays and pauses with Space, and moves on by itself while playing", async () => {
    const { page } = await visit();
    await open(page, "/flows/client-credentials", /^Step 1 of 4: /);
    await page.getByRole("combobox", { name: "Speed" }).selectOption("4");
    await blur(page);
    await page.keyboard.press("Space");
    await expect(page.getByRole("button", { name: "Pause" }).count()).resolves.toBe(1);
    await waitForLive(page, /^Step 2 of 4: /);
    await page.keyboard.press("Space");
    await expect(page.getByRole("button", { name: "Play" }).count()).resolves.toBe(1);
  });

  it("switches scenario with the what-if picker, the default first", async () => {
    const { page, errors } = await visit();
    const flow = FLOWS["authorization-code"];
    await open(page, `/flows/${flow.id}`, /^Step 1 of 14: /);
    const options = await page.locator("[data-scenario-picker] option").allTextContents();
    expect(options[0]).toBe(`${flow.scenarios[0]!.title} (default)`);
    expect(options.slice(1)).toEqual(flow.scenarios.slice(1).map((scenario) => scenario.title));
    await page.locator("[data-scenario-picker]").selectOption("code-expired");
    await waitForLive(page, /^Step 1 of 12: /);
    await blur(page);
    await page.keyboard.press("End");
    await waitForLive(page, /^Step 12 of 12: /);
    expect(await page.locator('[data-outcome-role="client"]').getAttribute("data-outcome-result")).toBe("invalid_grant");
    await expect(page.locator('[data-wait="61"]').count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });
});

describe("links", () => {
  it("reopens a deep link at the same step with the same codes and tokens", async () => {
    const link = "/flows/authorization-code-pkce?scenario=default&step=12&seed=lecture-7";
    async function tokens(): Promise<string[]> {
      const { page } = await visit();
      await open(page, link, /^Step 12 of 14: Client calls the API/);
      return page.locator("[data-artifact]").evaluateAll((chips) => chips.map((chip) => `${chip.getAttribute("data-artifact")}=${chip.getAttribute("data-value")}`));
    }
    const first = await tokens();
    const second = await tokens();
    expect(first.some((value) => value.startsWith("access_token=ey"))).toBe(true);
    expect(second).toEqual(first);
    const demo = await traceOf(FLOWS["authorization-code-pkce"], FLOWS["authorization-code-pkce"].scenarios[0]!);
    const demoToken = demo.steps[11]!.artifacts.find((artifact) => artifact.kind === "access_token")!.value;
    expect(first).not.toContain(`access_token=${demoToken}`);
  });

  it("opens a deep link on its own step: step 1 of the static page is never on screen, and nothing shifts", async () => {
    const { page, errors } = await visit();
    await recordLayoutShifts(page);
    // Every frame from the first: the step the live region names, if it can be seen.
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { stepsSeen: string[] }).stepsSeen = seen;
      const sample = () => {
        const region = document.querySelector("[data-live-region]");
        if (region && getComputedStyle(region).visibility === "visible") seen.push(region.textContent?.replace(/:.*/, "") ?? "");
        requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    await open(page, "/flows/authorization-code?scenario=code-replayed&step=5&seed=lecture-7", /^Step 5 of \d+: /);
    await page.waitForTimeout(200);
    const seen = await page.evaluate(() => (window as unknown as { stepsSeen: string[] }).stepsSeen);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([seen[0]]));
    expect(seen[0]).toMatch(/^Step 5 of \d+$/);
    expect(await layoutShifts(page)).toEqual([]);
    // The init scripts are offered to the mock browser's sandboxed frame too, which refuses them.
    expect(errors.filter((error) => !error.startsWith("Blocked script execution in 'about:srcdoc'"))).toEqual([]);
  });

  it("shows the static page's view after 3 s when a deep link's page never runs (its scripts blocked)", async () => {
    // Its own browser: the service worker another test installed would serve the scripts past the route.
    const own = await launchChromium({ serviceWorkers: "block" });
    try {
      const page = await own.context.newPage();
      await page.route("**/_next/static/**/*.js", (route) => route.abort());
      await page.goto(`${baseUrl}/flows/authorization-code?step=5`, { waitUntil: "domcontentloaded" });
      const visibility = () => page.locator(LIVE).evaluate((region) => getComputedStyle(region).visibility);
      await expect(visibility()).resolves.toBe("hidden");
      await page.waitForFunction(() => getComputedStyle(document.querySelector("[data-live-region]")!).visibility === "visible", undefined, { timeout: 6_000 });
      await expect(page.locator(LIVE).textContent()).resolves.toMatch(/^Step 1 of 14: /);
    } finally {
      await own.close();
    }
  });

  it("answers an unknown flow with the 404 page, which lists the flows", async () => {
    const { page } = await visit();
    const response = await page.goto(`${baseUrl}/flows/no-such-flow?step=3`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Page not found");
    for (const id of Object.keys(FLOWS)) {
      await expect(page.locator(`main a[href="/flows/${id}"]`).count()).resolves.toBe(1);
    }
  });

  it("falls back visibly, without crashing, for ?step=9999&seed=<script>&scenario=nope", async () => {
    const { page, errors } = await visit();
    await page.addInitScript(() => ((window as unknown as { __pwned?: number }).__pwned = undefined));
    const fallback = await traceOf(FLOWS["authorization-code"], FLOWS["authorization-code"].scenarios[0]!, "script");
    await open(page, "/flows/authorization-code?step=9999&seed=%3Cscript%3E&scenario=nope", `Step 14 of 14: ${fallback.steps.at(-1)!.title}`);
    const notices = page.locator("[data-notice]");
    await expect(notices.evaluateAll((items) => items.map((item) => item.getAttribute("data-notice")).sort())).resolves.toEqual(["scenario", "seed", "step"]);
    await expect(page.locator('[data-notice="seed"]').textContent()).resolves.toContain("“<script>”");
    await page.waitForURL((url) => url.search === "?scenario=default&step=14&seed=script");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.getByRole("button", { name: "Dismiss" }).click();
    await expect(notices.count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  });

  it("keeps a script payload typed into the seed field as inert text", async () => {
    const { page, errors, foreignRequests } = await visit();
    await open(page, "/flows/authorization-code?step=2", /^Step 2 of 14: /);
    const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
    await page.locator("[data-seed-field]").fill(payload);
    await page.locator("[data-seed-field]").press("Enter");
    await page.waitForURL((url) => url.searchParams.get("seed") === "imgsrcxonerrorwindow.__pwned1scriptwindow.__pwned2script");
    await expect(page.locator('[data-notice="seed"]').textContent()).resolves.toContain('“<img src=x onerror="window.__pwned=1">');
    await expect(page.locator('img[src="x"], script:not([src])').evaluateAll((nodes) => nodes.filter((node) => node.textContent?.includes("__pwned") || node.tagName === "IMG").length)).resolves.toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await liveText(page)).toMatch(/^Step 2 of 14: /);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
  });
});

describe("the mock browser", () => {
  it("shows the authorization server's page in a sandboxed frame, and its scope boxes change what is granted", async () => {
    const { page, errors } = await visit();
    await open(page, "/flows/authorization-code-pkce?step=5", /^Step 5 of 14: /);
    const frame = page.locator("iframe[srcdoc]");
    await expect(frame.getAttribute("sandbox")).resolves.toBe("");
    await expect(page.locator("[data-address]").getAttribute("data-address")).resolves.toMatch(/^https:\/\/authorization-server\.example\/authorize\?/);
    await expect(page.frameLocator("iframe[srcdoc]").locator("h1").textContent()).resolves.toMatch(/^Sign in to continue to/);

    // GET /me needs profile: without it, the API answers 403.
    await page.getByRole("checkbox", { name: "profile" }).uncheck();
    await page.getByRole("button", { name: "Run again with these scopes" }).click();
    await page.waitForURL((url) => url.searchParams.get("grant") === "order" && url.searchParams.get("step") === "5");
    await page.keyboard.press("End");
    await waitForLive(page, /^Step 14 of 14: /);
    expect(await page.locator('[data-outcome-role="client"]').getAttribute("data-outcome-result")).toBe("insufficient_scope");

    // The link keeps the choice.
    await open(page, `/flows/authorization-code-pkce?scenario=default&step=6&seed=demo&grant=order`, /^Step 6 of 14: /);
    await expect(page.locator('.flow-row[aria-current="step"] [data-artifact="password"]').count()).resolves.toBe(1);
    await expect(page.getByRole("checkbox", { name: "profile" }).count()).resolves.toBe(0);
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByRole("checkbox", { name: "profile" }).isChecked()).resolves.toBe(false);
    await expect(page.getByRole("checkbox", { name: "order" }).isChecked()).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it("marks the code and state in the address bar, and the implicit grant's token in the fragment", async () => {
    const { page } = await visit();
    await open(page, "/flows/authorization-code?step=7", /^Step 7 of 14: /);
    await expect(page.locator("[data-url-param]").evaluateAll((parts) => parts.map((part) => part.getAttribute("data-url-param")))).resolves.toEqual(["code", "state"]);
    await open(page, "/flows/implicit?step=8", /^Step 8 of 13: /);
    await expect(page.locator("[data-address]").getAttribute("data-address")).resolves.toMatch(/^https:\/\/legacy\.example\/callback#access_token=ey/);
    await expect(page.locator('[data-url-param="access_token"]').count()).resolves.toBe(1);
  });

  it("marks a failed check unmistakably: red, with an icon and the words", async () => {
    const { page } = await visit();
    await open(page, "/flows/authorization-code?scenario=csrf-state-checked&step=7", /^Step 7 of 8: /);
    const failed = page.locator('.flow-row[aria-current="step"] [data-check="failed"]');
    await expect(failed.count()).resolves.toBe(1);
    await expect(failed.innerText()).resolves.toContain("state matches the one this browser session started with");
    await expect(failed.locator("svg").count()).resolves.toBe(1);
    await expect(page.locator('.flow-row[aria-current="step"]').getAttribute("data-tone")).resolves.toBe("error");
    // The attacker's lane appears only in scenarios that involve it.
    await expect(page.locator("[data-lane-header] > div").count()).resolves.toBe(5);
    await open(page, "/flows/authorization-code", /^Step 1 of 14: /);
    await expect(page.locator("[data-lane-header] > div").count()).resolves.toBe(4);
  });
});

describe("motion, accessibility and layout", () => {
  it("draws the current message with an animation, and without one under prefers-reduced-motion", async () => {
    const animation = async (reducedMotion: "reduce" | "no-preference") => {
      const { page } = await visit({ reducedMotion });
      await open(page, "/flows/authorization-code?step=4", /^Step 4 of 14: /);
      return page.locator('.flow-row[aria-current="step"] .flow-line').evaluate((line) => getComputedStyle(line).animationName);
    };
    expect(await animation("no-preference")).toBe("flow-draw-right");
    expect(await animation("reduce")).toBe("none");
  });

  for (const flow of Object.values(FLOWS)) {
    it(`${flow.id}: axe finds no serious or critical violation, at its consent page and at its end`, async () => {
      const { page } = await visit({ colorScheme: flow.id.length % 2 === 0 ? "dark" : "light" });
      const trace = await traceOf(flow, flow.scenarios[0]!);
      const consent = trace.steps.findIndex((step) => step.id === "login-page");
      const step = consent >= 0 ? consent + 1 : 2;
      await open(page, `/flows/${flow.id}?step=${step}`, new RegExp(`^Step ${step} of ${trace.steps.length}: `));
      expect(await settledPageViolations(page)).toEqual([]);
      await page.keyboard.press("End");
      await waitForLive(page, new RegExp(`^Step ${trace.steps.length} of ${trace.steps.length}: `));
      expect(await settledPageViolations(page)).toEqual([]);
    });
  }

  const layouts = [
    { name: "desktop", width: 1280, height: 720 },
    { name: "phone", width: 390, height: 844 },
  ] as const;
  for (const { name, width, height } of layouts) {
    it(`opens on a ${width}×${height} ${name} screen without layout shifts while it loads and hydrates`, async () => {
      const { page, errors } = await visit({ width, height });
      await recordLayoutShifts(page);
      await open(page, "/flows/authorization-code-pkce", /^Step 1 of 14: /);
      await page.waitForTimeout(300);
      expect(await layoutShifts(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  const views = [
    { name: "authorization-code-consent", query: "/flows/authorization-code?step=5", live: /^Step 5 of 14: / },
    { name: "authorization-code-pkce-intercepted-end", query: "/flows/authorization-code-pkce?scenario=code-intercepted-pkce-off&step=17", live: /^Step 17 of 17: / },
    { name: "implicit-fragment", query: "/flows/implicit?step=8", live: /^Step 8 of 13: / },
  ] as const;

  for (const { name, width, height } of layouts) {
    for (const colorScheme of ["light", "dark"] as const) {
      it(`fits a ${width}×${height} ${name} screen in ${colorScheme} mode without horizontal scrolling`, async () => {
        const { page, errors } = await visit({ width, height, colorScheme, reducedMotion: "reduce" });
        for (const view of views) {
          await open(page, view.query, view.live);
          await page.waitForTimeout(150);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, view.name).toBeLessThanOrEqual(0);
          await page.screenshot({ path: path.join(screenshotDir, `flow-${view.name}-${width}x${height}-${colorScheme}.png`) });
        }
        expect(errors).toEqual([]);
      });
    }
  }
});
