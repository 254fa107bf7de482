import { createActor, fromPromise, SimulatedClock, waitFor } from "xstate";
import { describe, expect, it } from "vitest";
import { clampIndex, KNOWN_TRACES, loadTrace, playerMachine, STEP_MS, type PlayerInput, type TraceRequest } from "@/machines/player";
import type { Trace } from "@/machines/trace";

/** A trace of `count` steps, enough for playback (the machine reads only its length). */
function fakeTrace(count: number, scenario = "default"): Trace {
  return {
    flow: "authorization-code",
    scenario,
    seed: "demo",
    roles: ["resourceOwner", "client"],
    steps: Array.from({ length: count }, (_, index) => ({
      index,
      id: `step-${index}`,
      title: `Step ${index}`,
      from: "resourceOwner" as const,
      to: "client" as const,
      channel: "front" as const,
      artifacts: [],
      checks: [],
      knowledge: {},
      reference: { rfc: "6749", section: "4.1" },
      time: 0,
    })),
    outcomes: [],
  };
}

const request: TraceRequest = { flow: "authorization-code", scenario: "default", seed: "demo" };

/** A player whose traces come from `lengths` (scenario id → step count), on a simulated clock. */
function startPlayer(lengths: Record<string, number> = { default: 5, short: 2 }, input: PlayerInput = {}) {
  const clock = new SimulatedClock();
  const loaded: TraceRequest[] = [];
  const machine = playerMachine.provide({
    actors: {
      loadTrace: fromPromise<Trace, TraceRequest>(async ({ input }) => {
        loaded.push(input);
        const count = lengths[input.scenario];
        if (count === undefined) throw new Error(`no scenario ${input.scenario}`);
        return fakeTrace(count, input.scenario);
      }),
    },
  });
  const actor = createActor(machine, { input, clock }).start();
  return { actor, clock, loaded };
}

async function ready(actor: ReturnType<typeof startPlayer>["actor"]) {
  return waitFor(actor, (snapshot) => snapshot.matches("ready") || snapshot.matches("failed"));
}

describe("player", () => {
  it("waits, idle, until it is asked to load a trace", () => {
    const { actor } = startPlayer();
    expect(actor.getSnapshot().value).toBe("idle");
  });

  it("loads a trace and opens at the requested step", async () => {
    const { actor } = startPlayer();
    actor.send({ type: "LOAD", request, index: 3 });
    expect(actor.getSnapshot().value).toBe("loading");
    const snapshot = await ready(actor);
    expect(snapshot.value).toEqual({ ready: "paused" });
    expect(snapshot.context.index).toBe(3);
    expect(snapshot.context.trace?.steps).toHaveLength(5);
  });

  it("clamps a requested step past the end to the last step, and says so", async () => {
    const { actor } = startPlayer();
    const scenarioNotice = { field: "scenario" as const, message: "no such scenario" };
    actor.send({ type: "LOAD", request, index: 9998, notices: [scenarioNotice] });
    const snapshot = await ready(actor);
    expect(snapshot.context.index).toBe(4);
    expect(snapshot.context.notices).toEqual([scenarioNotice, { field: "step", message: "This scenario has 5 steps, not step 9999, so it shows the last one." }]);
    actor.send({ type: "DISMISS_NOTICES" });
    expect(actor.getSnapshot().context.notices).toEqual([]);
  });

  it("replaces the notices of an earlier load", async () => {
    const { actor } = startPlayer();
    actor.send({ type: "LOAD", request, index: 0, notices: [{ field: "seed", message: "seed fixed" }] });
    await ready(actor);
    actor.send({ type: "LOAD", request: { ...request, scenario: "short" }, index: 0 });
    expect((await ready(actor)).context.notices).toEqual([]);
  });

  it("steps next and back, and stops at either end", async () => {
    const { actor } = startPlayer();
    actor.send({ type: "LOAD", request, index: 0 });
    await ready(actor);
    actor.send({ type: "BACK" });
    expect(actor.getSnapshot().context.index).toBe(0);
    actor.send({ type: "NEXT" });
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().context.index).toBe(2);
    actor.send({ type: "BACK" });
    expect(actor.getSnapshot().context.index).toBe(1);
    for (let i = 0; i < 10; i++) actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().context.index).toBe(4);
  });

  it("jumps to the first, the last and any step, clamping GOTO into the trace", async () => {
    const { actor } = startPlayer();
    actor.send({ type: "LOAD", request, index: 2 });
    await ready(actor);
    actor.send({ type: "LAST" });
    expect(actor.getSnapshot().context.index).toBe(4);
    actor.send({ type: "FIRST" });
    expect(actor.getSnapshot().context.index).toBe(0);
    actor.send({ type: "GOTO", index: 3 });
    expect(actor.getSnapshot().context.index).toBe(3);
    actor.send({ type: "GOTO", index: 99 });
    expect(actor.getSnapshot().context.index).toBe(4);
    actor.send({ type: "GOTO", index: -5 });
    expect(actor.getSnapshot().context.index).toBe(0);
  });

  it("plays one step per delay and pauses by itself on the last step", async () => {
    const { actor, clock } = startPlayer();
    actor.send({ type: "LOAD", request, index: 2 });
    await ready(actor);
    actor.send({ type: "PLAY" });
    expect(actor.getSnapshot().value).toEqual({ ready: "playing" });
    clock.increment(STEP_MS - 1);
    expect(actor.getSnapshot().context.index).toBe(2);
    clock.increment(1);
    expect(actor.getSnapshot().context.index).toBe(3);
    clock.increment(STEP_MS);
    expect(actor.getSnapshot().context.index).toBe(4);
    expect(actor.getSnapshot().value).toEqual({ ready: "paused" });
  });

  it("plays faster at a higher speed, through the named stepDelay", async () => {
    const { actor, clock } = startPlayer();
    actor.send({ type: "LOAD", request, index: 0 });
    await ready(actor);
    actor.send({ type: "SET_SPEED", speed: 2 });
    actor.send({ type: "PLAY" });
    clock.increment(STEP_MS / 2);
    expect(actor.getSnapshot().context.index).toBe(1);
    clock.increment(STEP_MS / 2);
    expect(actor.getSnapshot().context.index).toBe(2);
  });

  it("ignores a speed it does not offer", () => {
    const { actor } = startPlayer();
    actor.send({ type: "SET_SPEED", speed: 1000 });
    expect(actor.getSnapshot().context.speed).toBe(1);
  });

  it("pauses on PAUSE and toggles with TOGGLE (the space key)", async () => {
    const { actor, clock } = startPlayer();
    actor.send({ type: "LOAD", request, index: 0 });
    await ready(actor);
    actor.send({ type: "TOGGLE" });
    expect(actor.getSnapshot().value).toEqual({ ready: "playing" });
    actor.send({ type: "PAUSE" });
    expect(actor.getSnapshot().value).toEqual({ ready: "paused" });
    clock.increment(STEP_MS * 3);
    expect(actor.getSnapshot().context.index).toBe(0);
    actor.send({ type: "TOGGLE" });
    actor.send({ type: "TOGGLE" });
    expect(actor.getSnapshot().value).toEqual({ ready: "paused" });
  });

  it("starts again from the first step when played at the end", async () => {
    const { actor } = startPlayer();
    actor.send({ type: "LOAD", request, index: 4 });
    await ready(actor);
    actor.send({ type: "PLAY" });
    expect(actor.getSnapshot().context.index).toBe(0);
    expect(actor.getSnapshot().value).toEqual({ ready: "playing" });
  });

  it("hands control back to the learner when they step during playback", async () => {
    const { actor, clock } = startPlayer();
    actor.send({ type: "LOAD", request, index: 0 });
    await ready(actor);
    actor.send({ type: "PLAY" });
    actor.send({ type: "NEXT" });
    expect(actor.getSnapshot().value).toEqual({ ready: "paused" });
    clock.increment(STEP_MS * 2);
    expect(actor.getSnapshot().context.index).toBe(1);
  });

  it("keeps showing the old trace while a new one loads, then keeps the step when asked to", async () => {
    const { actor, loaded } = startPlayer({ default: 5 });
    actor.send({ type: "LOAD", request, index: 3 });
    await ready(actor);
    actor.send({ type: "LOAD", request: { ...request, grantedScope: ["profile"] } });
    expect(actor.getSnapshot().value).toBe("loading");
    expect(actor.getSnapshot().context.trace?.steps).toHaveLength(5);
    const snapshot = await ready(actor);
    expect(snapshot.context.index).toBe(3);
    expect(loaded.at(-1)).toEqual({ ...request, grantedScope: ["profile"] });
  });

  it("clamps the kept step into a shorter trace", async () => {
    const { actor } = startPlayer();
    actor.send({ type: "LOAD", request, index: 4 });
    await ready(actor);
    actor.send({ type: "LOAD", request: { ...request, scenario: "short" } });
    expect((await ready(actor)).context.index).toBe(1);
  });

  it("reports a flow that cannot run, and recovers on the next LOAD", async () => {
    const { actor } = startPlayer();
    actor.send({ type: "LOAD", request: { ...request, scenario: "missing" } });
    const failed = await ready(actor);
    expect(failed.value).toBe("failed");
    expect(failed.context.error).toBe("no scenario missing");
    actor.send({ type: "LOAD", request });
    expect((await ready(actor)).value).toEqual({ ready: "paused" });
  });

  it("lets only the latest of two quick LOADs land", async () => {
    const { actor } = startPlayer();
    actor.send({ type: "LOAD", request, index: 0 });
    actor.send({ type: "LOAD", request: { ...request, scenario: "short" }, index: 0 });
    const snapshot = await ready(actor);
    expect(snapshot.context.trace?.scenario).toBe("short");
  });
});

describe("traces already recorded", () => {
  it("shows a trace handed in at once, without running the flow", () => {
    const trace = fakeTrace(7);
    const { actor, loaded } = startPlayer({}, { known: [{ request, trace }], show: request });
    expect(actor.getSnapshot().value).toEqual({ ready: "paused" });
    expect(actor.getSnapshot().context.trace).toBe(trace);
    actor.send({ type: "LOAD", request, index: 5 });
    expect(actor.getSnapshot().value).toEqual({ ready: "paused" });
    expect(actor.getSnapshot().context.index).toBe(5);
    expect(loaded).toEqual([]);
  });

  it("keeps its snapshot's context when asked for the run and step it already shows, so nothing renders again", () => {
    const trace = fakeTrace(7);
    const { actor } = startPlayer({}, { known: [{ request, trace }], show: request });
    const before = actor.getSnapshot().context;
    actor.send({ type: "LOAD", request: { ...request }, index: 0, notices: [] });
    expect(actor.getSnapshot().context).toBe(before);
    actor.send({ type: "LOAD", request: { ...request } });
    expect(actor.getSnapshot().context).toBe(before);
  });

  it("still acts on a load of the run it shows that moves the step, brings notices, clears notices or stops playback", () => {
    const trace = fakeTrace(7);
    const { actor } = startPlayer({}, { known: [{ request, trace }], show: request });
    actor.send({ type: "LOAD", request, index: 2 });
    expect(actor.getSnapshot().context.index).toBe(2);
    const notice = { field: "seed" as const, message: "seed fixed" };
    actor.send({ type: "LOAD", request, notices: [notice] });
    expect(actor.getSnapshot().context.notices).toEqual([notice]);
    actor.send({ type: "LOAD", request });
    expect(actor.getSnapshot().context.notices).toEqual([]);
    actor.send({ type: "PLAY" });
    actor.send({ type: "LOAD", request });
    expect(actor.getSnapshot().value).toEqual({ ready: "paused" });
  });

  it("says so when a known trace is shorter than the step asked for", () => {
    const { actor } = startPlayer({}, { known: [{ request, trace: fakeTrace(3) }], show: request });
    actor.send({ type: "LOAD", request, index: 9 });
    expect(actor.getSnapshot().context.index).toBe(2);
    expect(actor.getSnapshot().context.notices.map((notice) => notice.field)).toEqual(["step"]);
  });

  it("shows a scenario recorded before again at once, without running it again", async () => {
    const { actor, loaded } = startPlayer();
    actor.send({ type: "LOAD", request, index: 0 });
    await ready(actor);
    actor.send({ type: "LOAD", request: { ...request, scenario: "short" }, index: 0 });
    await ready(actor);
    actor.send({ type: "LOAD", request, index: 2 });
    expect(actor.getSnapshot().value).toEqual({ ready: "paused" });
    expect(actor.getSnapshot().context.trace?.scenario).toBe("default");
    expect(loaded.map((entry) => entry.scenario)).toEqual(["default", "short"]);
  });

  it("tells requests apart by their ticked scopes", async () => {
    const { actor, loaded } = startPlayer();
    actor.send({ type: "LOAD", request, index: 0 });
    await ready(actor);
    actor.send({ type: "LOAD", request: { ...request, grantedScope: [] } });
    await ready(actor);
    expect(loaded).toHaveLength(2);
  });

  it(`keeps at most ${KNOWN_TRACES} traces`, async () => {
    const lengths = Object.fromEntries(Array.from({ length: KNOWN_TRACES + 3 }, (_, i) => [`s${i}`, 2]));
    const { actor } = startPlayer(lengths);
    for (const scenario of Object.keys(lengths)) {
      actor.send({ type: "LOAD", request: { ...request, scenario } });
      await ready(actor);
    }
    expect(actor.getSnapshot().context.known).toHaveLength(KNOWN_TRACES);
  });
});

describe("clampIndex", () => {
  it("fits any number into [0, count - 1]", () => {
    expect(clampIndex(3.7, 10)).toBe(3);
    expect(clampIndex(Number.POSITIVE_INFINITY, 10)).toBe(9);
    expect(clampIndex(Number.NaN, 10)).toBe(0);
    expect(clampIndex(5, 0)).toBe(0);
  });
});

describe("loadTrace (the real engine)", () => {
  it("runs the flow with the scopes the person leaves ticked", async () => {
    const all = await loadTrace(request);
    const profileOnly = await loadTrace({ ...request, grantedScope: ["profile"] });
    const consent = (trace: Trace) => trace.steps.find((step) => step.id === "consent")?.request?.body ?? "";
    expect(new URLSearchParams(consent(all)).getAll("granted_scope")).toEqual(["", "profile", "order"]);
    expect(new URLSearchParams(consent(profileOnly)).getAll("granted_scope")).toEqual(["", "profile"]);
  });

  it("refuses an unknown flow or scenario with a message", async () => {
    await expect(loadTrace({ ...request, flow: "nope" })).rejects.toThrow("There is no flow “nope”.");
    await expect(loadTrace({ ...request, scenario: "nope" })).rejects.toThrow("has no scenario “nope”");
  });
});
