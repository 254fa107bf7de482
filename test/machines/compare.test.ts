import { createActor, SimulatedClock, waitFor } from "xstate";
import { beforeAll, describe, expect, it } from "vitest";
import {
  alignByPhase,
  DEFAULT_COMPARISON,
  fitSteps,
  flowFacts,
  parseCompareUrl,
  PHASES,
  phaseBlocks,
  serializeCompareUrl,
  shownStep,
  stepPhases,
} from "@/machines/compare";
import { comparePlayerMachine } from "@/machines/compare-player";
import { STEP_MS } from "@/machines/player";
import { DEFAULT_SEED } from "@/machines/flow-url";
import { FLOW_IDS, FLOWS, type FlowId } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import { STEPS } from "@/machines/steps";
import { STEP_PHASES } from "@/machines/steps/phases";
import type { ArtifactKind, RoleId, Trace } from "@/machines/trace";

const traces = {} as Record<FlowId, Trace>;
const allScenarioTraces: Trace[] = [];

beforeAll(async () => {
  for (const id of FLOW_IDS) {
    const flow = FLOWS[id];
    traces[id] = await runFlow(flow, flow.scenarios[0]!, DEFAULT_SEED);
    for (const scenario of flow.scenarios) allScenarioTraces.push(await runFlow(flow, scenario, DEFAULT_SEED));
  }
}, 60_000);

describe("the phase table", () => {
  it("gives every step id of machines/steps a phase", () => {
    const missing = Object.keys(STEPS).filter((id) => !Object.hasOwn(STEP_PHASES, id));
    expect(missing).toEqual([]);
  });

  it("names no step id that machines/steps does not know", () => {
    expect(Object.keys(STEP_PHASES).filter((id) => !Object.hasOwn(STEPS, id))).toEqual([]);
  });

  it("covers every step any scenario of any flow records", () => {
    const unknown = allScenarioTraces.flatMap((trace) => trace.steps.filter((step) => !Object.hasOwn(STEP_PHASES, step.id)).map((step) => `${trace.flow}/${trace.scenario}: ${step.id}`));
    expect(unknown).toEqual([]);
  });
});

describe("phases of a trace", () => {
  it("puts every default path in the order authorize → tokens → api, each phase once", () => {
    for (const id of ["authorization-code", "authorization-code-pkce", "device-code", "password"] as const) {
      expect(phaseBlocks(traces[id]).map((block) => block.phase), id).toEqual(["authorize", "tokens", "api"]);
    }
    expect(phaseBlocks(traces["client-credentials"]).map((block) => block.phase)).toEqual(["tokens", "api"]);
    // The implicit grant's token comes with the authorization response: it has no token phase.
    expect(phaseBlocks(traces.implicit).map((block) => block.phase)).toEqual(["authorize", "api"]);
  });

  it("counts a device's polls answered authorization_pending as waiting for authorization, and its last poll as getting tokens", () => {
    const trace = traces["device-code"];
    const phases = stepPhases(trace);
    const polls = trace.steps.filter((step) => step.id === "device-token-request");
    expect(polls.length).toBeGreaterThan(1);
    for (const poll of polls.slice(0, -1)) {
      expect(trace.steps[poll.index + 1]!.response?.body).toContain("authorization_pending");
      expect(phases[poll.index]).toBe("authorize");
    }
    const last = polls.at(-1)!;
    expect(trace.steps[last.index + 1]!.id).toBe("token-response");
    expect([phases[last.index], phases[last.index + 1]]).toEqual(["tokens", "tokens"]);
  });

  it("puts the token response to a refresh request in the renew phase, not the token phase", () => {
    const trace = traces["refresh-token"];
    const phases = stepPhases(trace);
    const refresh = trace.steps.find((step) => step.id === "refresh-request")!;
    expect(trace.steps[refresh.index + 1]!.id).toBe("token-response");
    expect(phases[refresh.index + 1]).toBe("renew");
    expect(phaseBlocks(trace).map((block) => block.phase)).toEqual(["authorize", "tokens", "api", "renew", "api"]);
  });
});

describe("aligning flows by phase", () => {
  it("lines up the same phase of two flows in the same rows, every step once and in order", () => {
    const pair = [traces["authorization-code-pkce"], traces["device-code"]];
    const rows = alignByPhase(pair);
    pair.forEach((trace, column) => {
      const phases = stepPhases(trace);
      const cells = rows.map((row) => row.cells[column]).filter((cell): cell is number => cell !== null);
      expect(cells).toEqual(trace.steps.map((step) => step.index));
      rows.forEach((row) => {
        const cell = row.cells[column];
        if (cell !== null && cell !== undefined) expect(phases[cell]).toBe(row.phase);
      });
    });
    // Both start calling the API on the same row.
    const firstApi = pair.map((trace) => trace.steps.findIndex((step) => step.id === "api-request"));
    const rowOf = (column: number) => rows.findIndex((row) => row.cells[column] === firstApi[column]);
    expect(rowOf(0)).toBe(rowOf(1));
    // Each phase takes as many rows as its longest block.
    const height = (phase: string) => Math.max(...pair.map((trace) => stepPhases(trace).filter((p) => p === phase).length));
    expect(rows.length).toBe(PHASES.reduce((sum, phase) => sum + height(phase), 0));
  });

  it("aligns three flows, the one without a phase waiting with its cells empty", () => {
    const three = [traces["authorization-code"], traces["client-credentials"], traces.implicit];
    const rows = alignByPhase(three);
    const byPhase = (column: number) => PHASES.map((phase) => rows.filter((row) => row.phase === phase && row.cells[column] !== null).length);
    // Rows per phase = the longest block of that phase among the three.
    for (const phase of PHASES) {
      const height = Math.max(...three.map((trace) => stepPhases(trace).filter((p) => p === phase).length));
      expect(rows.filter((row) => row.phase === phase).length, phase).toBe(height);
    }
    expect(byPhase(1)[0]).toBe(0); // client credentials: no authorization phase
    expect(shownStep(rows, 0, 1)).toBe(-1);
    const firstTokensRow = rows.findIndex((row) => row.phase === "tokens");
    expect(rows[firstTokensRow]!.cells[1]).toBe(0);
    expect(rows.map((row) => row.phase)).toEqual([...rows.map((row) => row.phase)].sort((a, b) => PHASES.indexOf(a) - PHASES.indexOf(b)));
  });

  it("holds a finished column on its last step", () => {
    const rows = alignByPhase([traces["client-credentials"], traces["refresh-token"]]);
    expect(shownStep(rows, rows.length - 1, 0)).toBe(traces["client-credentials"].steps.length - 1);
    expect(shownStep(rows, rows.length - 1, 1)).toBe(traces["refresh-token"].steps.length - 1);
  });
});

/** Independent counts: each request matched first-in-first-out with a later answer going back between the same roles. */
function countRoundTrips(trace: Trace, channel?: "front" | "back"): number {
  const used = new Set<number>();
  let count = 0;
  for (const request of trace.steps.filter((step) => step.request)) {
    const answer = trace.steps.find((step) => step.index > request.index && step.response && !used.has(step.index) && step.from === request.to && step.to === request.from);
    if (!answer) continue;
    used.add(answer.index);
    if (!channel || request.channel === channel) count++;
  }
  return count;
}

describe("the summary, measured from the traces", () => {
  it.each(FLOW_IDS)("%s: every figure equals what its trace says", (id) => {
    const trace = traces[id];
    const facts = flowFacts(trace);
    expect(facts.steps).toBe(trace.steps.length);
    expect(facts.frontMessages).toBe(trace.steps.filter((step) => step.channel === "front").length);
    expect(facts.backMessages).toBe(trace.steps.filter((step) => step.channel === "back").length);
    expect(facts.frontMessages + facts.backMessages + facts.localSteps).toBe(trace.steps.length);
    expect(facts.roundTrips).toBe(countRoundTrips(trace));
    expect(facts.frontRoundTrips).toBe(countRoundTrips(trace, "front"));
    expect(facts.backRoundTrips).toBe(countRoundTrips(trace, "back"));
    const front = new Set(trace.steps.filter((step) => step.channel === "front").flatMap((step) => step.artifacts.map((artifact) => artifact.kind)));
    for (const step of trace.steps) for (const kind of Object.keys(step.knowledge.resourceOwner ?? {})) front.add(kind as ArtifactKind);
    expect(new Set(facts.crossesBrowser)).toEqual(new Set([...front].filter((kind) => kind !== "error" && kind !== "iss")));
    const last = trace.steps.at(-1)!;
    for (const [role, kinds] of Object.entries(facts.secrets) as [RoleId, ArtifactKind[]][]) {
      for (const kind of kinds) expect(last.knowledge[role]?.[kind]?.length, `${role} ${kind}`).toBeGreaterThan(0);
    }
    expect(facts.userInvolved).toBe(trace.steps.some((step) => step.from === "resourceOwner" || step.to === "resourceOwner"));
    expect(facts.refreshToken).toBe(trace.steps.some((step) => step.response?.body?.includes('"refresh_token"') === true));
  });

  it("tells the flows apart where they really differ", () => {
    const facts = Object.fromEntries(FLOW_IDS.map((id) => [id, flowFacts(traces[id])])) as Record<FlowId, ReturnType<typeof flowFacts>>;
    expect(facts["authorization-code"].secrets.client).toContain("client_secret");
    expect(facts["authorization-code-pkce"].secrets.client).toContain("code_verifier");
    expect(facts["authorization-code-pkce"].secrets.client).not.toContain("client_secret");
    expect(facts["authorization-code-pkce"].crossesBrowser).toContain("code");
    expect(facts["authorization-code-pkce"].crossesBrowser).not.toContain("code_verifier");
    expect(facts.implicit.crossesBrowser).toContain("access_token");
    expect(facts.password.secrets.client).toContain("password");
    expect(facts["client-credentials"].userInvolved).toBe(false);
    expect(facts["client-credentials"].frontMessages).toBe(0);
    expect(facts["client-credentials"].secrets.resourceOwner).toBeUndefined();
    expect(facts.implicit.refreshToken).toBe(false);
    expect(facts["device-code"].crossesBrowser).toContain("user_code");
  });
});

describe("the compare address", () => {
  it("reads two or three known flows, a seed, a mode and steps", () => {
    const parsed = parseCompareUrl("?flows=implicit,password,device-code&seed=class-1&mode=apart&step=2,3,4");
    expect(parsed.notices).toEqual([]);
    expect(parsed.location).toEqual({ flows: ["implicit", "password", "device-code"], seed: "class-1", mode: "apart", steps: [2, 3, 4] });
    expect(parseCompareUrl(serializeCompareUrl(parsed.location)).location).toEqual(parsed.location);
  });

  it.each([
    ["?flows=nope,implicit", ["implicit", "authorization-code"], /no flow “nope”/],
    ["?flows=implicit,implicit", ["implicit", "authorization-code"], /named twice/],
    ["?flows=implicit", ["implicit", "authorization-code"], /needs 2 or 3 flows/],
    ["?flows=", [...DEFAULT_COMPARISON], /needs 2 or 3 flows/],
    ["?flows=a,b,c,d", [...DEFAULT_COMPARISON], /no flow “a”, “b”, “c” …/],
    ["?flows=implicit,password,device-code,refresh-token", ["implicit", "password", "device-code"], /first 3/],
    ["?flows=<script>alert(1)</script>,password", ["password", "authorization-code"], /no flow “<script>/],
  ])("falls back visibly for %s", (search, flows, message) => {
    const parsed = parseCompareUrl(search);
    expect(parsed.location.flows).toEqual(flows);
    expect(parsed.notices.map((notice) => notice.message).join(" ")).toMatch(message);
  });

  it("opens the default comparison without a notice when the address names no flows", () => {
    expect(parseCompareUrl("")).toEqual({ location: { flows: [...DEFAULT_COMPARISON], seed: DEFAULT_SEED, mode: "together", steps: [1] }, notices: [] });
  });

  it("replaces a bad seed, mode or step and says so", () => {
    const parsed = parseCompareUrl("?flows=implicit,password&seed=%3Cb%3E&mode=sideways&step=abc");
    expect(parsed.location).toMatchObject({ seed: "b", mode: "together", steps: [1] });
    expect(parsed.notices.map((notice) => notice.field)).toEqual(["seed", "mode", "step"]);
  });

  it("fits a step past the end to the last row, or to each flow's last step when apart", () => {
    expect(fitSteps({ flows: [], seed: "demo", mode: "together", steps: [9999] }, 16, [14, 15]).steps).toEqual([16]);
    expect(fitSteps({ flows: [], seed: "demo", mode: "together", steps: [9999] }, 16, [14, 15]).notice?.field).toBe("step");
    expect(fitSteps({ flows: [], seed: "demo", mode: "apart", steps: [3, 99] }, 16, [14, 15]).steps).toEqual([3, 15]);
  });
});

describe("the compare player", () => {
  async function loaded(search: string) {
    const actor = createActor(comparePlayerMachine).start();
    const parsed = parseCompareUrl(search);
    actor.send({ type: "LOAD", location: parsed.location, notices: parsed.notices });
    await waitFor(actor, (snapshot) => snapshot.matches("ready") || snapshot.matches("failed"), { timeout: 20_000 });
    return actor;
  }

  it("steps together by row, and apart moves only the active flow", async () => {
    const actor = await loaded("?flows=authorization-code-pkce,client-credentials");
    expect(actor.getSnapshot().matches("ready")).toBe(true);
    for (let i = 0; i < 12; i++) actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().context.row).toBe(12);
    actor.send({ type: "SET_MODE", mode: "apart" });
    const { steps } = actor.getSnapshot().context;
    const rows = actor.getSnapshot().context.rows;
    expect(steps).toEqual([shownStep(rows, 12, 0), shownStep(rows, 12, 1)]);
    actor.send({ type: "BACK", column: 1 });
    expect(actor.getSnapshot().context.steps).toEqual([steps[0], steps[1]! - 1]);
    actor.send({ type: "NEXT" }); // the keys move the flow last moved
    expect(actor.getSnapshot().context.steps).toEqual([steps[0], steps[1]]);
    actor.send({ type: "FIRST", column: 0 });
    expect(actor.getSnapshot().context.steps).toEqual([0, steps[1]]);
    actor.send({ type: "SET_MODE", mode: "together" });
    expect(actor.getSnapshot().context.row).toBe(0);
    actor.stop();
  }, 30_000);

  it("plays row by row with Space (TOGGLE) until the last row, then stops; Space again starts over", async () => {
    const clock = new SimulatedClock();
    const actor = createActor(comparePlayerMachine, { clock }).start();
    actor.send({ type: "LOAD", location: parseCompareUrl("?flows=client-credentials,password").location });
    await waitFor(actor, (snapshot) => snapshot.matches("ready"), { timeout: 20_000 });
    const rows = actor.getSnapshot().context.rows.length;
    actor.send({ type: "TOGGLE" });
    expect(actor.getSnapshot().matches({ ready: "playing" })).toBe(true);
    for (let row = 1; row < rows; row++) {
      clock.increment(STEP_MS);
      expect(actor.getSnapshot().context.row).toBe(row);
    }
    expect(actor.getSnapshot().matches({ ready: "paused" })).toBe(true);
    actor.send({ type: "TOGGLE" });
    expect(actor.getSnapshot().context.row).toBe(0);
    expect(actor.getSnapshot().matches({ ready: "playing" })).toBe(true);
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().matches({ ready: "paused" })).toBe(true);
    actor.stop();
  }, 30_000);
});
