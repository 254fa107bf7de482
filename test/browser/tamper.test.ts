/**
 * Tampering on the flow page in Chromium: for every flow, three guided exercises performed through
 * the UI (open "Edit before sending", change the fields by typing, send, and read the servers'
 * answer on the page), the "changed" markers and "Undo edits", a script payload that stays text,
 * an edit that survives a reload through the address, and axe with the editor open.
 * Screenshots of the editor go to artifacts/screenshots/.
 */
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { EXERCISE_SCENARIO, EXERCISES } from "@/content/exercises";
import { findStep, resolveExercise, type Exercise } from "@/machines/exercises";
import { FLOWS, FLOW_IDS, type FlowId } from "@/machines/flows";
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
  for (const visit of visits.splice(0)) await visit.page.close();
});

afterAll(async () => {
  await browser?.close();
});

async function visit(options: { colorScheme?: "light" | "dark"; width?: number; height?: number } = {}): Promise<PageVisit & { dialogs: string[] }> {
  const opened = await openPage(browser.context, baseUrl);
  visits.push(opened);
  const dialogs: string[] = [];
  opened.page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await opened.page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 720 });
  await opened.page.emulateMedia({ colorScheme: options.colorScheme ?? "light", reducedMotion: "reduce" });
  return { ...opened, dialogs };
}

const LIVE = "[data-live-region]";

async function waitForLive(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForFunction(([selector, source, flags]) => new RegExp(source, flags).test(document.querySelector(selector)?.textContent ?? ""), [LIVE, pattern.source, pattern.flags] as const, {
    timeout: 15_000,
  });
  return page.locator(LIVE).innerText();
}

async function open(page: Page, pathAndQuery: string, expected: RegExp): Promise<void> {
  const response = await page.goto(`${baseUrl}${pathAndQuery}`);
  expect(response?.status()).toBe(200);
  await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 15_000 });
  await waitForLive(page, expected);
}

const traces = new Map<FlowId, Promise<Trace>>();
function originalOf(flow: FlowId): Promise<Trace> {
  if (!traces.has(flow)) traces.set(flow, runFlow(FLOWS[flow], FLOWS[flow].scenarios.find((scenario) => scenario.id === EXERCISE_SCENARIO)!, "demo"));
  return traces.get(flow)!;
}

/** Opens the inspector's HTTP tab on the current step and the request editor in it. */
async function openEditor(page: Page): Promise<void> {
  // The inspector loads as its area comes near the screen.
  await page.getByRole("tablist", { name: "Inspect or diagram" }).scrollIntoViewIfNeeded();
  await page.locator("[data-edit-before-sending]").scrollIntoViewIfNeeded();
  await page.locator("[data-edit-before-sending]").click({ timeout: 15_000 });
  await page.locator("[data-request-editor]").waitFor({ timeout: 15_000 });
}

/** Replaces the text of an input by typing, as a person would. */
async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(selector);
  await input.click();
  await input.press("ControlOrMeta+a");
  await input.press("Delete");
  await input.pressSequentially(value);
}

/** Performs an exercise's edits through the editor: type new values, press Remove, or add rows. */
async function performInEditor(page: Page, exercise: Exercise, original: Trace): Promise<void> {
  const resolved = resolveExercise(exercise, original);
  if ("reason" in resolved) throw new Error(resolved.reason);
  const editor = "[data-request-editor]";
  for (const edit of resolved.edits) {
    const name = edit.where === "header" ? edit.name.toLowerCase() : edit.name;
    const row = `${editor} [data-edit-row="${edit.where}:${name}"]`;
    const exists = (await page.locator(row).count()) > 0;
    if (edit.op === "remove") {
      await page.locator(`${row} button[aria-pressed]`).first().click();
    } else if (exists && edit.op === "set") {
      await typeInto(page, `${row} input:not([aria-label^="Name"])`, edit.value ?? "");
    } else {
      await page.locator(`${editor} select`).last().selectOption(edit.where);
      await page.locator(`${editor} [data-add-row]`).click();
      const added = page.locator(`${editor} [data-added-row]`).last();
      await added.locator('input[aria-label^="Name"]').pressSequentially(edit.name);
      await added.locator('input[aria-label^="Value"]').pressSequentially(edit.value ?? "");
    }
  }
}

/** Sends the editor's request and waits until the edited run is on the page, on the edited step. */
async function send(page: Page, stepNumber: number): Promise<void> {
  await page.locator("[data-send-edited]").click();
  await page.locator("[data-tamper-bar]").waitFor({ timeout: 15_000 });
  await waitForLive(page, new RegExp(`^Step ${stepNumber} of \\d+: .*\\(changed by your edit\\)$`));
  await page.locator('.flow-row[data-changed="edited"][aria-current="step"]').waitFor();
}

async function openExercisesTab(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Tamper" }).click();
  await page.locator("[data-exercise]").first().waitFor({ timeout: 15_000 });
}

async function openInspectorTab(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Inspect this step" }).click();
}

/** The three exercises each flow is tested with end to end (the ones a learner types in one step). */
function threeOf(flow: FlowId): Exercise[] {
  return EXERCISES[flow].filter((exercise) => exercise.edits.every((edit) => !edit.valueFrom)).slice(0, 3);
}

describe("three tampering exercises per flow, performed through the editor", () => {
  for (const flow of FLOW_IDS) {
    it(`${flow}: the servers' real answers show on the page, steps are marked changed, and undo restores the run`, async () => {
      const { page, errors, foreignRequests } = await visit();
      const original = await originalOf(flow);
      const exercises = threeOf(flow);
      expect(exercises).toHaveLength(3);
      for (const exercise of exercises) {
        const target = findStep(original, exercise.target)!;
        await open(page, `/flows/${flow}?scenario=${EXERCISE_SCENARIO}&step=${target.index + 1}&seed=demo`, new RegExp(`^Step ${target.index + 1} of ${original.steps.length}: `));
        await openInspectorTab(page);
        await openEditor(page);
        await performInEditor(page, exercise, original);
        await send(page, target.index + 1);

        // What the learner edited is recorded on the step, and the address carries it.
        await expect(page.locator("[data-edited-by-you]").isVisible()).resolves.toBe(true);
        await page.waitForURL((url) => url.searchParams.getAll("edit").length === exercise.edits.length);

        // The servers' answer, on the stage once the run is played to its end.
        await page.locator("body").click({ position: { x: 1, y: 1 } });
        await page.keyboard.press("End");
        await waitForLive(page, /^Step (\d+) of \1: /);
        if ("step" in exercise.expect) {
          const { step, status, error } = exercise.expect;
          const rows = page.locator(`.flow-row[data-step="${step}"][data-changed]`);
          await expect(rows.count(), `${flow}/${exercise.id}: a changed ${step} row`).resolves.toBeGreaterThan(0);
          const text = await rows.allInnerTexts();
          if (error) expect(text.join(" "), `${flow}/${exercise.id}`).toContain(error);
          else expect(text.join(" "), `${flow}/${exercise.id}`).toContain(String(status));
        } else {
          await expect(page.locator(`[data-outcome-role="${exercise.expect.role}"]`).getAttribute("data-outcome-result")).resolves.toBe(exercise.expect.result);
        }
        await expect(page.locator('.flow-row[data-changed="changed"]').count()).resolves.toBeGreaterThan(0);
        expect(await page.locator("[data-changed-summary]").innerText()).toMatch(/differs? from the original run/);

        // The exercise confirms it.
        await openExercisesTab(page);
        const card = page.locator(`[data-exercise="${exercise.id}"]`);
        await expect(card.locator('[data-exercise-status="seen"]').innerText()).resolves.toMatch(/^You saw it: /);

        // Undo: the original run, no markers, no edit in the address.
        await page.locator("[data-undo-edits]").click();
        await page.locator("[data-tamper-bar]").waitFor({ state: "detached" });
        await expect(page.locator(".flow-row[data-changed]").count()).resolves.toBe(0);
        await page.waitForURL((url) => !url.searchParams.has("edit"));
        expect(await page.locator(LIVE).innerText()).not.toContain("changed");
        await expect(card.locator('[data-exercise-status="not-tried"]').count()).resolves.toBe(1);
      }
      expect(errors).toEqual([]);
      expect(foreignRequests).toEqual([]);
    }, 120_000);
  }
});

describe("the editor", () => {
  it("keeps a script payload inert text: no dialog, no injected element, shown as typed", async () => {
    const { page, errors, dialogs } = await visit();
    const payload = `"><img src=x onerror="alert(1)"><script>alert(2)</script>`;
    await open(page, "/flows/authorization-code?scenario=default&step=4&seed=demo", /^Step 4 of 14: /);
    await openEditor(page);
    await typeInto(page, '[data-edit-row="query:state"] input', payload);
    await send(page, 4);
    await expect(page.locator("[data-edited-by-you]").innerText()).resolves.toContain(payload);
    await page.keyboard.press("End");
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    await expect(page.locator("script:not([src])").evaluateAll((scripts) => scripts.some((script) => script.textContent?.includes("alert(2)")))).resolves.toBe(false);
    expect(errors).toEqual([]);
  });

  it("refuses to send a header name that is not a token or a value over the cap, and says why", async () => {
    const { page, errors } = await visit();
    await open(page, "/flows/client-credentials?scenario=default&step=3&seed=demo", /^Step 3 of 4: /);
    await openEditor(page);
    await page.locator("[data-request-editor] select").last().selectOption("header");
    await page.locator("[data-add-row]").click();
    const added = page.locator("[data-added-row]").last();
    await added.locator('input[aria-label^="Name"]').pressSequentially("bad name");
    await added.locator('input[aria-label^="Value"]').pressSequentially("x");
    await expect(page.locator("[data-edit-problem]").innerText()).resolves.toMatch(/not a header name/);
    await expect(page.locator("[data-send-edited]").isDisabled()).resolves.toBe(true);
    await typeInto(page, '[data-edit-row="header:authorization"] input', "x".repeat(2001));
    await expect(page.locator("[data-edit-problem]").allInnerTexts()).resolves.toContainEqual(expect.stringMatching(/capped at 2000/));
    expect(errors).toEqual([]);
  });

  it("keeps the edit through a reload: the address reopens the same flow with the same edit and the same tokens", async () => {
    const { page, errors } = await visit();
    const original = await originalOf("authorization-code-pkce");
    const target = findStep(original, { step: "token-request" })!;
    await open(page, `/flows/authorization-code-pkce?scenario=default&step=${target.index + 1}&seed=demo`, new RegExp(`^Step ${target.index + 1} of 14: `));
    await openEditor(page);
    await page.locator('[data-edit-row="form:code_verifier"] button[aria-pressed]').click();
    await send(page, target.index + 1);
    await page.waitForURL((url) => url.searchParams.get("edit") === `${target.index + 1}.form.remove.code_verifier`);
    const before = await page.locator(".flow-row").allInnerTexts();
    await page.reload();
    await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 15_000 });
    await page.locator("[data-tamper-bar]").waitFor({ timeout: 15_000 });
    await waitForLive(page, new RegExp(`^Step ${target.index + 1} of \\d+: .*\\(changed by your edit\\)$`));
    expect(await page.locator(".flow-row").allInnerTexts()).toEqual(before);
    await page.keyboard.press("End");
    await expect(page.locator('[data-outcome-role="client"]').getAttribute("data-outcome-result")).resolves.toBe("invalid_grant");
    expect(errors).toEqual([]);
  });

  it("makes an exercise's edit with “Do it for me”, from another scenario, and confirms what the learner sees", async () => {
    const { page, errors } = await visit();
    await open(page, "/flows/client-credentials?scenario=wrong-secret&step=1&seed=demo", /^Step 1 of \d+: /);
    await openExercisesTab(page);
    const exercise = EXERCISES["client-credentials"][0]!;
    const card = page.locator(`[data-exercise="${exercise.id}"]`);
    await expect(card.locator('[data-exercise-status="other-scenario"]').count()).resolves.toBe(1);
    await card.locator("[data-do-it]").click();
    await page.locator("[data-tamper-bar]").waitFor({ timeout: 15_000 });
    await expect(card.locator('[data-exercise-status="seen"]').innerText()).resolves.toMatch(/^You saw it: invalid_scope/);
    await page.waitForURL((url) => url.searchParams.get("scenario") === EXERCISE_SCENARIO && url.searchParams.get("edit") === "1.form.set.scope=order");
    expect(errors).toEqual([]);
  });

  it("shows a notice for a bad edit in the address and runs the rest", async () => {
    const { page, errors } = await visit();
    await open(page, "/flows/password?scenario=default&step=4&seed=demo&edit=%ZZ&edit=4.header.set.bad%20name=x&edit=4.form.set.password=guess", /^Step 4 of \d+: .*\(changed by your edit\)$/);
    const notices = await page.locator('[data-notice="edit"]').allInnerTexts();
    expect(notices).toHaveLength(2);
    expect(notices[0]).toMatch(/percent-encoding/);
    expect(notices[1]).toMatch(/not a header name/);
    await page.keyboard.press("End");
    await expect(page.locator('[data-outcome-role="client"]').getAttribute("data-outcome-result")).resolves.toBe("invalid_grant");
    expect(errors).toEqual([]);
  });

  it("has no serious or critical axe findings with the editor open, and looks right (screenshots: desktop and phone, light and dark)", async () => {
    for (const [name, options] of [
      ["desktop-light", { width: 1280, height: 720, colorScheme: "light" }],
      ["desktop-dark", { width: 1280, height: 720, colorScheme: "dark" }],
      ["phone-light", { width: 390, height: 844, colorScheme: "light" }],
      ["phone-dark", { width: 390, height: 844, colorScheme: "dark" }],
    ] as const) {
      const { page, errors } = await visit(options);
      await open(page, "/flows/authorization-code-pkce?scenario=default&step=10&seed=demo", /^Step 10 of 14: /);
      await openEditor(page);
      await typeInto(page, '[data-edit-row="form:code_verifier"] input', "<script>alert(1)</script>");
      await page.locator("[data-request-editor] select").last().selectOption("header");
      await page.locator("[data-add-row]").click();
      await page.locator('[data-added-row] input[aria-label^="Name"]').pressSequentially("bad name");
      await page.locator("[data-request-editor]").scrollIntoViewIfNeeded();
      await page.evaluate(() => Promise.all(document.getAnimations().map((animation) => animation.finished)));
      expect(await seriousViolations(page, (builder) => builder.exclude("iframe[srcdoc]")), name).toEqual([]);
      await page.locator("[data-request-editor]").screenshot({ path: `${screenshotDir}/tamper-editor-${name}.png` });
      await page.locator("[data-added-row] button[aria-pressed]").click();
      await send(page, 10);
      await page.screenshot({ path: `${screenshotDir}/tamper-edited-run-${name}.png` });
      await openExercisesTab(page);
      await page.locator("[data-exercise]").first().scrollIntoViewIfNeeded();
      expect(await seriousViolations(page, (builder) => builder.exclude("iframe[srcdoc]")), `${name} exercises`).toEqual([]);
      await page.screenshot({ path: `${screenshotDir}/tamper-exercises-${name}.png` });
      expect(errors).toEqual([]);
    }
  }, 120_000);
});
