/**
 * "Check yourself" content: every flow has 4–6 questions with a right answer among distinct
 * choices, and every "see it at step N" names a scenario the flow has and a step that scenario's
 * run records — so each question can be answered against the live run. Stored answers are read
 * back only when valid.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { QUIZZES } from "@/content/quiz";
import { FLOW_IDS, FLOWS, type FlowId } from "@/machines/flows";
import { parseQuizProgress, recordQuizAnswer, resetQuiz, resolveReference, stepNumberOf } from "@/machines/quiz";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";

const traces = new Map<FlowId, Map<string, Trace>>();

beforeAll(async () => {
  for (const id of FLOW_IDS) {
    const flow = FLOWS[id];
    const byScenario = new Map<string, Trace>();
    for (const scenario of flow.scenarios) byScenario.set(scenario.id, await runFlow(flow, scenario, "demo"));
    traces.set(id, byScenario);
  }
}, 120_000);

describe.each(FLOW_IDS.map((id) => [id]))("check yourself on %s", (id) => {
  const questions = QUIZZES[id];

  it("has 4 to 6 questions with unique ids", () => {
    expect(questions.length).toBeGreaterThanOrEqual(4);
    expect(questions.length).toBeLessThanOrEqual(6);
    expect(new Set(questions.map((question) => question.id)).size).toBe(questions.length);
  });

  it("gives each question 3 or 4 distinct choices, the right one among them, and an explanation", () => {
    for (const question of questions) {
      expect(question.choices.length, question.id).toBeGreaterThanOrEqual(3);
      expect(question.choices.length, question.id).toBeLessThanOrEqual(4);
      expect(new Set(question.choices).size, question.id).toBe(question.choices.length);
      expect(Number.isInteger(question.answer) && question.answer >= 0 && question.answer < question.choices.length, question.id).toBe(true);
      expect(question.explanation.length, question.id).toBeGreaterThan(40);
    }
  });

  it("does not put every right answer in the same place", () => {
    expect(new Set(questions.map((question) => question.answer)).size).toBeGreaterThan(1);
  });

  it("links every question to a step its scenario's run records", () => {
    const scenarios = FLOWS[id].scenarios.map((scenario) => scenario.id);
    const byScenario = traces.get(id)!;
    for (const question of questions) {
      expect(question.see, `${question.id} has no "see it at step N"`).toBeDefined();
      const scenario = question.see!.scenario ?? scenarios[0]!;
      expect(scenarios, `${question.id} names scenario “${scenario}”, which ${id} does not have`).toContain(scenario);
      expect(stepNumberOf(byScenario.get(scenario)!, question.see!.step), `${question.id}: ${id}/${scenario} records no step “${question.see!.step}”`).toBeDefined();
    }
  });
});

describe("where a question's answer shows in the live run", () => {
  it("resolves a step of the shown trace to its number there", () => {
    const shown = traces.get("authorization-code")!.get("default")!;
    const resolved = resolveReference({ step: "token-request" }, shown, () => undefined, ["default"]);
    expect(resolved).toEqual({ scenario: "default", step: shown.steps.findIndex((step) => step.id === "token-request") + 1 });
  });

  it("resolves a step of another scenario against that scenario's trace", () => {
    const byScenario = traces.get("authorization-code")!;
    const shown = byScenario.get("default")!;
    const resolved = resolveReference({ step: "token-replay-error", scenario: "code-replayed" }, shown, (scenario) => byScenario.get(scenario), ["default", "code-replayed"]);
    expect(resolved).toEqual({ scenario: "code-replayed", step: 13 });
  });

  it("answers undefined for a step no run records", () => {
    const shown = traces.get("password")!.get("default")!;
    expect(resolveReference({ step: "no-such-step" }, shown, () => shown, ["default"])).toBeUndefined();
  });
});

describe("answers kept in the browser", () => {
  const shape = QUIZZES;

  it("reads back what it wrote and resets one flow", () => {
    let progress = recordQuizAnswer({}, "implicit", "why-deprecated", 2);
    progress = recordQuizAnswer(progress, "password", "why-deprecated", 0);
    expect(parseQuizProgress(JSON.stringify(progress), shape)).toEqual({ implicit: { "why-deprecated": 2 }, password: { "why-deprecated": 0 } });
    expect(resetQuiz(progress, "implicit")).toEqual({ password: { "why-deprecated": 0 } });
  });

  it.each([
    ["corrupt JSON", "{"],
    ["an array", "[]"],
    ["null", "null"],
    ["markup", '"<script>alert(1)</script>"'],
    ["a flow that is an array", '{"implicit":[1,2]}'],
  ])("starts from nothing when storage holds %s", (_label, raw) => {
    expect(parseQuizProgress(raw, shape)).toEqual({});
  });

  it("drops unknown flows and questions and choices out of range", () => {
    const raw = JSON.stringify({
      implicit: { "why-deprecated": 9, fragment: 1, "no-such-question": 0, "oauth-2-1": -1, "another-script": 0.5, "no-refresh": "1" },
      "not-a-flow": { x: 0 },
    });
    expect(parseQuizProgress(raw, shape)).toEqual({ implicit: { fragment: 1 } });
  });
});
