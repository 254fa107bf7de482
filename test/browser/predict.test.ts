/**
 * Predict mode and "Check yourself" on the flow page, in Chromium: predictions answered right and
 * wrong give feedback and a score that survives a reload and resets; the next step stays hidden
 * until it is predicted; hostile stored values do not break the page; quiz answers persist, reset
 * and link to the step of the live run; axe finds nothing serious in either mode; no console
 * errors. Screenshots (desktop and phone, light and dark) go to artifacts/screenshots/.
 */
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { QUIZZES } from "@/content/quiz";
import { FLOWS, type FlowId } from "@/machines/flows";
import { predictQuestion, SCORE_STORAGE_KEY } from "@/machines/predict";
import { QUIZ_STORAGE_KEY } from "@/machines/quiz";
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
    expect(visit.foreignRequests, "requests leaving the site").toEqual([]);
    await visit.page.close();
  }
});

afterAll(async () => {
  await browser?.close();
});

async function visit(options: { colorScheme?: "light" | "dark"; width?: number; height?: number } = {}): Promise<PageVisit> {
  const opened = await openPage(browser.context, baseUrl);
  visits.push(opened);
  await opened.page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 720 });
  await opened.page.emulateMedia({ colorScheme: options.colorScheme ?? "light", reducedMotion: "reduce" });
  return opened;
}

const LIVE = "[data-live-region]";

async function waitForLive(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForFunction(([selector, source]) => new RegExp(source).test(document.querySelector(selector)?.textContent ?? ""), [LIVE, pattern.source] as const, {
    timeout: 15_000,
  });
}

async function open(page: Page, pathAndQuery: string): Promise<void> {
  const response = await page.goto(`${baseUrl}${pathAndQuery}`);
  expect(response?.status()).toBe(200);
  await page.locator('[data-hydrated][data-player="ready"]').waitFor({ timeout: 15_000 });
}

/** Every scenario's trace at the demo seed: what the page runs to draw its choices. */
async function runsOf(flow: FlowId): Promise<Trace[]> {
  const definition = FLOWS[flow];
  return Promise.all(definition.scenarios.map((scenario) => runFlow(definition, scenario, "demo")));
}

async function clearStorage(page: Page): Promise<void> {
  await page.evaluate("window.localStorage.clear()");
}

async function turnOnPredict(page: Page, step: number): Promise<void> {
  await page.locator("[data-predict-toggle]").click();
  await page.locator(`[data-predict-step="${step}"]`).waitFor({ timeout: 20_000 });
}

describe("predict mode", () => {
  it("shows its panel only when switched on, scores a right and a wrong answer, and hides the next step until it is predicted", async () => {
    const runs = await runsOf("client-credentials");
    const trace = runs[0]!;
    const { page } = await visit();
    await open(page, "/flows/client-credentials");
    await clearStorage(page);
    await waitForLive(page, /^Step 1 of 4: /);

    // Nothing of predict mode shows until it is switched on.
    await expect(page.locator("[data-predict-panel]").count()).resolves.toBe(0);
    await turnOnPredict(page, 2);
    await page.locator("[data-predict-panel]").waitFor();
    await expect.poll(() => page.locator("[data-predict-status]").textContent()).toContain("What happens at step 2 of 4?");

    // The step keys do not reveal a step that has not been predicted.
    await page.keyboard.press("ArrowRight");
    await waitForLive(page, /^Step 1 of 4: /);
    await expect.poll(() => page.locator("[data-predict-panel]").innerText()).toContain("Choose what happens next first");

    // A right answer, chosen with its number key.
    const first = predictQuestion(trace, runs, 1)!;
    const truth = first.options[first.answer]!;
    expect(await page.locator(`[data-option="${first.answer + 1}"]`).innerText()).toContain(truth.title);
    await page.keyboard.press(String(first.answer + 1));
    await page.locator('[data-predict-feedback="right"]').waitFor();
    expect(await page.locator("[data-predict-feedback]").innerText()).toContain("Why this step exists:");
    expect(await page.locator("[data-predict-score]").innerText()).toBe("1 of 1 right");
    await expect.poll(() => page.locator("[data-predict-status]").textContent()).toMatch(/^Right\. What happens: /);
    // Answered, not yet revealed: the stage still shows step 1; → reveals step 2.
    await waitForLive(page, /^Step 1 of 4: /);
    await page.keyboard.press("ArrowRight");
    await waitForLive(page, new RegExp(`^Step 2 of 4: ${trace.steps[1]!.title}`));

    // A wrong answer, clicked.
    await page.locator('[data-predict-step="3"]').waitFor();
    const second = predictQuestion(trace, runs, 2)!;
    const wrong = second.options.findIndex((option) => !option.correct);
    await page.locator(`[data-option="${wrong + 1}"]`).click();
    await page.locator('[data-predict-feedback="wrong"]').waitFor();
    expect(await page.locator("[data-predict-feedback]").innerText()).toContain(second.options[second.answer]!.title);
    expect(await page.locator(`[data-option="${second.answer + 1}"]`).getAttribute("data-state")).toBe("true");
    expect(await page.locator(`[data-option="${wrong + 1}"]`).getAttribute("data-state")).toBe("wrong");
    expect(await page.locator("[data-predict-score]").innerText()).toBe("1 of 2 right");
    // Choosing again does not change the answer or the score.
    await page.keyboard.press(String(second.answer + 1));
    expect(await page.locator("[data-predict-score]").innerText()).toBe("1 of 2 right");
    await page.locator("[data-predict-feedback] button").click();
    await waitForLive(page, /^Step 3 of 4: /);
    await page.locator('[data-predict-step="4"]').waitFor();
    expect(JSON.parse((await page.evaluate(`window.localStorage.getItem(${JSON.stringify(SCORE_STORAGE_KEY)})`)) as string)).toEqual({ "client-credentials": { right: 1, total: 2 } });
  });

  it("keeps the score over a reload, and resets it", async () => {
    const { page } = await visit();
    await open(page, "/flows/password");
    await clearStorage(page);
    await page.evaluate(`window.localStorage.setItem(${JSON.stringify(SCORE_STORAGE_KEY)}, ${JSON.stringify(JSON.stringify({ password: { right: 7, total: 9 }, implicit: { right: 1, total: 1 } }))})`);
    await page.reload();
    await page.locator('[data-hydrated][data-player="ready"]').waitFor();
    await turnOnPredict(page, 2);
    expect(await page.locator("[data-predict-score]").innerText()).toBe("7 of 9 right");
    await page.getByRole("button", { name: "Reset score" }).click();
    expect(await page.locator("[data-predict-score]").innerText()).toBe("No predictions yet");
    expect(JSON.parse((await page.evaluate(`window.localStorage.getItem(${JSON.stringify(SCORE_STORAGE_KEY)})`)) as string)).toEqual({ implicit: { right: 1, total: 1 } });
    await page.reload();
    await page.locator('[data-hydrated][data-player="ready"]').waitFor();
    await turnOnPredict(page, 2);
    expect(await page.locator("[data-predict-score]").innerText()).toBe("No predictions yet");
  });

  it("hides on the scrubber which steps ahead fail, and shows them again when predict mode is off", async () => {
    const { page } = await visit();
    await open(page, "/flows/client-credentials?scenario=wrong-secret&step=1");
    await waitForLive(page, /^Step 1 of 2: /);
    const marks = () => page.locator('[aria-label="Playback"] [aria-hidden="true"].flex.h-1\\.5 > span').evaluateAll((spans) => spans.map((span) => span.className.includes("tone-error")));
    expect(await marks()).toEqual([false, true]);
    await turnOnPredict(page, 2);
    expect(await marks()).toEqual([false, false]);
    await page.locator("[data-predict-toggle]").click();
    expect(await marks()).toEqual([false, true]);
  });
});

const HOSTILE: readonly string[] = [
  "{not json",
  "[]",
  "null",
  '"<img src=x onerror=window.__pwned=1>"',
  JSON.stringify({ "authorization-code": { right: "<img src=x onerror=window.__pwned=1>", total: 1 } }),
  JSON.stringify({ "authorization-code": { right: 5, total: 2 }, __proto__: { polluted: true } }),
  '{"__proto__":{"polluted":true},"authorization-code":{"right":1e308,"total":-1}}',
  "x".repeat(50_000),
];

describe("stored values a page did not write", () => {
  it.each(HOSTILE.map((value, i) => [i, value]))("never break the page (hostile value %i)", async (_i, value) => {
    const { page } = await visit();
    const script = `(() => { try { localStorage.setItem(${JSON.stringify(SCORE_STORAGE_KEY)}, ${JSON.stringify(value)}); localStorage.setItem(${JSON.stringify(QUIZ_STORAGE_KEY)}, ${JSON.stringify(
      value.replaceAll("right", "code-through-browser"),
    )}); } catch {} })()`;
    await page.addInitScript(script);
    await open(page, "/flows/authorization-code");
    await turnOnPredict(page, 2);
    expect(await page.locator("[data-predict-score]").innerText()).toBe("No predictions yet");
    await page.locator("[data-quiz-area]").scrollIntoViewIfNeeded();
    await page.locator("[data-quiz-progress]").waitFor();
    expect(await page.locator("[data-quiz-progress]").innerText()).toBe(`0 of ${QUIZZES["authorization-code"].length} answered, 0 right`);
    expect(await page.evaluate("window.__pwned === undefined && ({}).polluted === undefined")).toBe(true);
    expect(await page.locator("img[src=x]").count()).toBe(0);
  });
});

async function answerQuiz(page: Page, questionId: string, choice: number): Promise<void> {
  const question = page.locator(`[data-quiz-question="${questionId}"]`);
  await question.locator('input[type="radio"]').nth(choice).check();
  await question.getByRole("button", { name: "Check" }).click();
  await page.locator(`[data-quiz-question="${questionId}"][data-answered]`).waitFor();
}

describe("check yourself", () => {
  it("answers right and wrong, keeps the answers over a reload, resets them, and opens the step that shows the answer", async () => {
    const quiz = QUIZZES["authorization-code"];
    const { page } = await visit();
    await open(page, "/flows/authorization-code");
    await clearStorage(page);
    await page.locator("[data-quiz-area]").scrollIntoViewIfNeeded();
    await page.locator("[data-quiz-progress]").waitFor();

    const right = quiz.find((question) => question.id === "code-through-browser")!;
    const wrongQuestion = quiz.find((question) => question.id === "code-replay")!;
    await answerQuiz(page, right.id, right.answer);
    await answerQuiz(page, wrongQuestion.id, (wrongQuestion.answer + 1) % wrongQuestion.choices.length);
    expect(await page.locator(`[data-quiz-question="${right.id}"]`).getAttribute("data-answered")).toBe("right");
    expect(await page.locator(`[data-quiz-question="${wrongQuestion.id}"]`).getAttribute("data-answered")).toBe("wrong");
    expect(await page.locator(`[data-quiz-question="${wrongQuestion.id}"]`).innerText()).toContain(wrongQuestion.choices[wrongQuestion.answer]!);
    expect(await page.locator("[data-quiz-progress]").innerText()).toBe(`2 of ${quiz.length} answered, 1 right`);
    await expect.poll(() => page.locator("[data-quiz-status]").textContent()).toContain("Not quite.");
    expect(await seriousViolations(page)).toEqual([]);

    // "See it at step N" in the run shown …
    const trace = await runFlow(FLOWS["authorization-code"], FLOWS["authorization-code"].scenarios[0]!, "demo");
    const number = trace.steps.findIndex((step) => step.id === "token-request") + 1;
    const see = page.locator(`[data-quiz-question="${right.id}"] [data-see-step]`);
    expect(await see.innerText()).toContain(`See it at step ${number}`);
    await see.click();
    await waitForLive(page, new RegExp(`^Step ${number} of ${trace.steps.length}: Client exchanges the code`));

    // … and in another scenario, recorded on demand.
    const replay = page.locator(`[data-quiz-question="${wrongQuestion.id}"] [data-see-step]`);
    await replay.waitFor({ timeout: 20_000 });
    expect(await replay.getAttribute("data-see-scenario")).toBe("code-replayed");
    await replay.click();
    await waitForLive(page, /^Step 13 of 16: Authorization server refuses the reused code/);
    expect(await page.locator("[data-scenario-picker]").inputValue()).toBe("code-replayed");

    await page.reload();
    await page.locator('[data-hydrated][data-player="ready"]').waitFor();
    await page.locator("[data-quiz-area]").scrollIntoViewIfNeeded();
    await page.locator("[data-quiz-progress]").waitFor();
    expect(await page.locator("[data-quiz-progress]").innerText()).toBe(`2 of ${quiz.length} answered, 1 right`);
    expect(await page.locator(`[data-quiz-question="${right.id}"]`).getAttribute("data-answered")).toBe("right");
    expect(await page.locator(`[data-quiz-question="${right.id}"] input[type="radio"]`).nth(right.answer).isChecked()).toBe(true);

    await page.getByRole("button", { name: "Reset answers" }).click();
    expect(await page.locator("[data-quiz-progress]").innerText()).toBe(`0 of ${quiz.length} answered, 0 right`);
    expect(await page.locator("[data-quiz-question][data-answered]").count()).toBe(0);
    expect(await page.locator('[data-quiz] input[type="radio"]:checked').count()).toBe(0);
    await page.reload();
    await page.locator('[data-hydrated][data-player="ready"]').waitFor();
    await page.locator("[data-quiz-area]").scrollIntoViewIfNeeded();
    await page.locator("[data-quiz-progress]").waitFor();
    expect(await page.locator("[data-quiz-progress]").innerText()).toBe(`0 of ${quiz.length} answered, 0 right`);
  });
});

describe("accessibility and looks", () => {
  it.each([
    ["light", 1280, 720],
    ["dark", 1280, 720],
    ["light", 390, 844],
    ["dark", 390, 844],
  ] as const)("axe finds nothing serious in predict mode and in check yourself (%s, %i px)", async (colorScheme, width, height) => {
    const runs = await runsOf("authorization-code-pkce");
    const { page } = await visit({ colorScheme, width, height });
    await open(page, "/flows/authorization-code-pkce?step=9");
    await clearStorage(page);
    await waitForLive(page, /^Step 9 of 14: /);
    expect(await seriousViolations(page), "normal mode").toEqual([]);
    await turnOnPredict(page, 10);
    expect(await seriousViolations(page), "predict mode, asking").toEqual([]);
    const question = predictQuestion(runs[0]!, runs, 9)!;
    await page.locator(`[data-option="${((question.answer + 1) % question.options.length) + 1}"]`).click();
    await page.locator('[data-predict-feedback="wrong"]').waitFor();
    expect(await seriousViolations(page), "predict mode, answered").toEqual([]);
    const name = `predict-${width}-${colorScheme}`;
    await page.locator("[data-predict-panel]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/${name}.png` });

    await page.locator("[data-quiz-area]").scrollIntoViewIfNeeded();
    await page.locator("[data-quiz-progress]").waitFor();
    const first = QUIZZES["authorization-code-pkce"][0]!;
    await answerQuiz(page, first.id, first.answer);
    await page.locator(`[data-quiz-question="${first.id}"] [data-see-step]`).waitFor({ timeout: 20_000 });
    expect(await seriousViolations(page), "check yourself").toEqual([]);
    await page.locator(`[data-quiz-question="${first.id}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/quiz-${width}-${colorScheme}.png` });
  });
});
