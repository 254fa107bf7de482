import { describe, expect, it } from "vitest";
import { APP_KIND_TEXT, FOLLOW_UP_TEXT, RECOMMENDATION_TEXT, WHY_NOT_TEXT } from "@/content/choose";
import { flows as FLOW_SUMMARIES } from "@/content/flows";
import { allAnswerSets, APP_KINDS, followUpsFor, NEVER_RECOMMENDED, recommend, relevantAnswers, RULES, type Answers } from "@/machines/choose";
import type { FlowId } from "@/machines/flows/types";

/** What each kind of app should get, written out independently of the table. */
const CASES: readonly { answers: Answers; flow: FlowId; runnerUp: FlowId; avoid: readonly FlowId[] }[] = [
  { answers: { appKind: "server-web", userPresent: "yes" }, flow: "authorization-code-pkce", runnerUp: "authorization-code", avoid: ["implicit", "password"] },
  { answers: { appKind: "server-web", userPresent: "no" }, flow: "client-credentials", runnerUp: "authorization-code-pkce", avoid: ["password"] },
  { answers: { appKind: "spa", keepsSecret: "yes" }, flow: "authorization-code-pkce", runnerUp: "authorization-code", avoid: ["implicit"] },
  { answers: { appKind: "spa", keepsSecret: "no" }, flow: "authorization-code-pkce", runnerUp: "refresh-token", avoid: ["implicit"] },
  { answers: { appKind: "native" }, flow: "authorization-code-pkce", runnerUp: "refresh-token", avoid: ["password", "implicit"] },
  { answers: { appKind: "m2m" }, flow: "client-credentials", runnerUp: "authorization-code-pkce", avoid: ["password"] },
  { answers: { appKind: "device" }, flow: "device-code", runnerUp: "authorization-code-pkce", avoid: ["password"] },
  { answers: { appKind: "legacy-first-party", keepsSecret: "yes" }, flow: "authorization-code-pkce", runnerUp: "authorization-code", avoid: ["password"] },
  { answers: { appKind: "legacy-first-party", keepsSecret: "no" }, flow: "authorization-code-pkce", runnerUp: "refresh-token", avoid: ["password", "implicit"] },
];

describe("choosing a flow", () => {
  it.each(CASES)("recommends $flow (runner-up $runnerUp) for $answers", ({ answers, flow, runnerUp, avoid }) => {
    const recommendation = recommend(answers);
    expect(recommendation?.flow).toBe(flow);
    expect(recommendation?.runnerUp).toBe(runnerUp);
    expect(recommendation?.avoid).toEqual(avoid);
  });

  it("has a case above for every app kind and every row of the table", () => {
    expect(new Set(CASES.map((item) => item.answers.appKind))).toEqual(new Set(APP_KINDS));
    expect(CASES.length).toBe(RULES.length);
    for (const answers of allAnswerSets()) expect(CASES.some((item) => JSON.stringify(item.answers) === JSON.stringify(answers))).toBe(true);
  });

  it("never recommends implicit or password, nor offers them as the runner-up", () => {
    for (const answers of allAnswerSets()) {
      const recommendation = recommend(answers)!;
      expect(NEVER_RECOMMENDED).not.toContain(recommendation.flow);
      expect(NEVER_RECOMMENDED).not.toContain(recommendation.runnerUp);
      expect(recommendation.runnerUp).not.toBe(recommendation.flow);
    }
  });

  it("recommends PKCE for every client that uses the code flow, a confidential server-side web app included", () => {
    for (const answers of allAnswerSets()) {
      const recommendation = recommend(answers)!;
      if (recommendation.flow.startsWith("authorization-code")) expect(recommendation.flow).toBe("authorization-code-pkce");
    }
    expect(recommend({ appKind: "server-web", userPresent: "yes" })?.flow).toBe("authorization-code-pkce");
  });

  it("asks a follow-up only where it changes the answer", () => {
    for (const kind of APP_KINDS) {
      for (const question of followUpsFor({ appKind: kind })) {
        const yes = recommend({ appKind: kind, [question]: "yes" });
        const no = recommend({ appKind: kind, [question]: "no" });
        expect(yes, `${kind} ${question}`).toBeDefined();
        expect(yes!.id, `${kind} ${question}`).not.toBe(no!.id);
      }
    }
  });

  it("waits for the follow-up before recommending, and drops answers a new kind of app does not ask", () => {
    expect(recommend({})).toBeUndefined();
    expect(recommend({ appKind: "spa" })).toBeUndefined();
    expect(relevantAnswers({ appKind: "device", keepsSecret: "yes", userPresent: "no" })).toEqual({ appKind: "device" });
    expect(recommend({ appKind: "device", keepsSecret: "yes" })?.flow).toBe("device-code");
  });

  it("has words for every kind, question, recommendation and flow it warns against", () => {
    for (const kind of APP_KINDS) expect(APP_KIND_TEXT[kind].label).not.toBe("");
    for (const rule of RULES) {
      for (const question of Object.keys(rule.when ?? {})) expect(FOLLOW_UP_TEXT[question as keyof typeof FOLLOW_UP_TEXT]).toBeDefined();
      expect(RECOMMENDATION_TEXT[rule.recommendation.id]?.reasons.length, rule.recommendation.id).toBeGreaterThan(0);
      for (const flow of rule.recommendation.avoid) expect(WHY_NOT_TEXT[flow], flow).toBeDefined();
      expect(FLOW_SUMMARIES.some((summary) => summary.id === rule.recommendation.flow)).toBe(true);
    }
  });
});
