/**
 * Predict the next step: for every step of every scenario of every flow the choices hold the true
 * step exactly once, read differently from each other, are drawn from the flow's runs, and are
 * the same every time for the same trace, step and seed. The stored score survives only valid data.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { optionLine } from "@/content/predict";
import { FLOW_IDS, FLOWS, type FlowId } from "@/machines/flows";
import { OPTION_COUNT, optionOf, parseScores, predictQuestion, recordAnswer, resetScore, type Scores } from "@/machines/predict";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";

const runs = new Map<FlowId, Trace[]>();

beforeAll(async () => {
  for (const id of FLOW_IDS) {
    const flow = FLOWS[id];
    runs.set(id, await Promise.all(flow.scenarios.map((scenario) => runFlow(flow, scenario, "demo"))));
  }
}, 120_000);

function everyStep(visit: (trace: Trace, stepIndex: number, flowRuns: readonly Trace[]) => void): number {
  let count = 0;
  for (const id of FLOW_IDS) {
    const flowRuns = runs.get(id)!;
    for (const trace of flowRuns) {
      for (let index = 0; index < trace.steps.length; index++) {
        visit(trace, index, flowRuns);
        count++;
      }
    }
  }
  return count;
}

describe("choices for the next step", () => {
  it("include the true next step exactly once, for every flow × scenario × step", () => {
    const visited = everyStep((trace, index, flowRuns) => {
      const question = predictQuestion(trace, flowRuns, index, "seed-a")!;
      const truth = optionOf(trace.steps[index]!, "true");
      const where = `${trace.flow}/${trace.scenario} step ${index + 1}`;
      expect(question.options.filter((option) => option.correct), where).toHaveLength(1);
      expect(question.options.filter((option) => option.key === truth.key), where).toHaveLength(1);
      expect(question.options[question.answer]!.key, where).toBe(truth.key);
      expect(question.stepIndex).toBe(index);
    });
    expect(visited).toBeGreaterThan(300);
  });

  it(`offer ${OPTION_COUNT} choices, no two of which read the same`, () => {
    everyStep((trace, index, flowRuns) => {
      const question = predictQuestion(trace, flowRuns, index)!;
      const where = `${trace.flow}/${trace.scenario} step ${index + 1}`;
      expect(question.options.length, where).toBe(OPTION_COUNT);
      expect(new Set(question.options.map((option) => option.key)).size, where).toBe(question.options.length);
      expect(new Set(question.options.map(optionLine)).size, where).toBe(question.options.length);
    });
  });

  it("never offer a distractor that reads the same as the true step", () => {
    everyStep((trace, index, flowRuns) => {
      const question = predictQuestion(trace, flowRuns, index, "x")!;
      const truth = optionLine(question.options[question.answer]!);
      for (const option of question.options.filter((candidate) => !candidate.correct)) expect(optionLine(option)).not.toBe(truth);
    });
  });

  it("are the same for the same trace, step and seed", () => {
    everyStep((trace, index, flowRuns) => {
      expect(predictQuestion(trace, flowRuns, index, "lecture")).toEqual(predictQuestion(trace, flowRuns, index, "lecture"));
    });
  });

  it("change order with the seed on some steps, but never the true step they contain", () => {
    let differing = 0;
    everyStep((trace, index, flowRuns) => {
      const a = predictQuestion(trace, flowRuns, index, "one")!;
      const b = predictQuestion(trace, flowRuns, index, "two")!;
      expect(a.options[a.answer]!.key).toBe(b.options[b.answer]!.key);
      if (a.options.map((option) => option.key).join() !== b.options.map((option) => option.key).join()) differing++;
    });
    expect(differing).toBeGreaterThan(100);
  });

  it("draw a distractor from another scenario at the point where the runs part (the tampered code's invalid_grant)", () => {
    const flowRuns = runs.get("authorization-code")!;
    const trace = flowRuns.find((run) => run.scenario === "default")!;
    const index = trace.steps.findIndex((step) => step.id === "token-response");
    const question = predictQuestion(trace, flowRuns, index, "demo")!;
    const fromScenarios = question.options.filter((option) => option.source === "scenario");
    expect(fromScenarios.length).toBeGreaterThanOrEqual(1);
    expect(question.options.some((option) => option.outcome?.kind === "refused" && option.outcome.code === "invalid_grant")).toBe(true);
  });

  it("ask which check fails when the client checks a forged callback", () => {
    const flowRuns = runs.get("authorization-code")!;
    const trace = flowRuns.find((run) => run.scenario === "csrf-state-checked")!;
    const index = trace.steps.findIndex((step) => step.id === "verify-callback");
    const question = predictQuestion(trace, flowRuns, index, "demo")!;
    const truth = question.options[question.answer]!;
    expect(truth.outcome).toEqual({ kind: "check-fails", check: expect.stringContaining("state") });
    expect(question.options.filter((option) => option.title === truth.title).length).toBeGreaterThan(1);
  });

  it("answer undefined for a step the trace does not have", () => {
    const trace = runs.get("password")![0]!;
    expect(predictQuestion(trace, [], trace.steps.length)).toBeUndefined();
    expect(predictQuestion(trace, [], -1)).toBeUndefined();
    expect(predictQuestion(trace, [], 0.5)).toBeUndefined();
  });
});

describe("the score kept in the browser", () => {
  const flows = [...FLOW_IDS];

  it("reads back what it wrote", () => {
    let scores: Scores = {};
    scores = recordAnswer(scores, "implicit", true);
    scores = recordAnswer(scores, "implicit", false);
    scores = recordAnswer(scores, "password", true);
    expect(parseScores(JSON.stringify(scores), flows)).toEqual({ implicit: { right: 1, total: 2 }, password: { right: 1, total: 1 } });
  });

  it("resets one flow and keeps the others", () => {
    const scores = recordAnswer(recordAnswer({}, "implicit", true), "password", false);
    expect(resetScore(scores, "implicit")).toEqual({ password: { right: 0, total: 1 } });
  });

  it.each([
    ["nothing stored", null],
    ["corrupt JSON", "{not json"],
    ["an array", "[1,2,3]"],
    ["a number", "42"],
    ["a string", '"7 of 9"'],
    ["markup", '"<img src=x onerror=alert(1)>"'],
    ["a huge value", JSON.stringify({ implicit: { right: 1, total: 2 }, pad: "x".repeat(20_000) })],
  ])("starts from nothing when storage holds %s", (_label, raw) => {
    expect(parseScores(raw, flows)).toEqual({});
  });

  it("drops entries that are not whole counts with right ≤ total, or not a known flow", () => {
    const raw = JSON.stringify({
      implicit: { right: 3, total: 2 },
      password: { right: -1, total: 2 },
      "device-code": { right: 1.5, total: 2 },
      "client-credentials": { right: "1", total: 2 },
      "refresh-token": { right: 1e12, total: 1e12 },
      "authorization-code": null,
      "not-a-flow": { right: 1, total: 1 },
      __proto__: { right: 1, total: 1 },
      "authorization-code-pkce": { right: 2, total: 5, extra: "<script>" },
    });
    expect(parseScores(raw, flows)).toEqual({ "authorization-code-pkce": { right: 2, total: 5 } });
  });

  it("ignores a prototype trick", () => {
    const parsed = parseScores('{"__proto__":{"implicit":{"right":1,"total":1}}}', flows);
    expect(parsed).toEqual({});
    expect(({} as Record<string, unknown>).implicit).toBeUndefined();
  });
});
