/**
 * DESIGN invariant 4: same flow + scenario + seed ⇒ byte-identical trace; another seed ⇒ other
 * codes and tokens. Over every registered flow × scenario.
 */
import { describe, expect, it } from "vitest";
import type { FlowDefinition, Scenario } from "@/machines/flows";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { ArtifactKind, Trace } from "@/machines/trace";

const REGISTERED = Object.values(FLOWS).filter((flow): flow is FlowDefinition<Scenario> => flow !== undefined);
const CASES = REGISTERED.flatMap((flow) => flow.scenarios.map((scenario, index) => ({ flow, scenario, isDefault: index === 0, name: `${flow.id} / ${scenario.id}` })));

/** What the seed must change: every code and token the servers issue. */
const ISSUED: readonly ArtifactKind[] = ["code", "access_token", "refresh_token", "device_code"];

function issued(trace: Trace): string[] {
  return [...new Set(trace.steps.flatMap((step) => step.artifacts.filter((artifact) => ISSUED.includes(artifact.kind)).map((artifact) => `${artifact.kind}:${artifact.value}`)))];
}

describe.each(CASES)("$name", ({ flow, scenario, isDefault }) => {
  it("gives a byte-identical trace for the same seed, run after run", async () => {
    const first = JSON.stringify(await runFlow(flow, scenario, "demo"));
    const second = JSON.stringify(await runFlow(flow, scenario, "demo"));
    expect(second).toBe(first);
  });

  it("gives the same trace when two runs of the same seed interleave", async () => {
    const [a, b] = await Promise.all([runFlow(flow, scenario, "interleaved"), runFlow(flow, scenario, "interleaved")]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(a)).toBe(JSON.stringify(await runFlow(flow, scenario, "interleaved")));
  });

  it("issues other codes and tokens under another seed", async () => {
    const demo = await runFlow(flow, scenario, "demo");
    const other = await runFlow(flow, scenario, "another-seed");
    const demoIssued = issued(demo);
    const otherIssued = issued(other);
    if (isDefault) expect(demoIssued.some((value) => value.startsWith("access_token:")), "the default path issues an access token").toBe(true);
    // The same steps happen, with other values in them.
    expect(other.steps.map((step) => step.id)).toEqual(demo.steps.map((step) => step.id));
    expect(otherIssued.length).toBe(demoIssued.length);
    expect(otherIssued.filter((value) => demoIssued.includes(value))).toEqual([]);
    if (demoIssued.length > 0) expect(JSON.stringify(other)).not.toBe(JSON.stringify(demo));
  });
});
