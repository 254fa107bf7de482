/**
 * Ties the narration in content/ to the traces the engine records (DESIGN invariant 5): every step
 * of every run a learner can produce has narration, and every narration names a step that some run
 * actually records. The runs are every scenario of every flow, with two seeds, and — for flows with
 * a consent page — with every choice of scopes the person can leave ticked there, and the runs of
 * the guided tampering exercises.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Narration } from "@/content/narration";
import { NARRATION, narrationFor } from "@/content/narration";
import type { FlowDefinition, FlowId, Scenario } from "@/machines/flows";
import { FLOW_IDS, FLOWS } from "@/machines/flows";
import { EXERCISE_SCENARIO, exercisesFor } from "@/content/exercises";
import { resolveExercise } from "@/machines/exercises";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";

interface Run {
  readonly flow: FlowId;
  readonly scenario: string;
  /** How this run differs from the scenario as defined, for failure messages. */
  readonly variant: string;
  readonly trace: Trace;
}

const SEEDS = ["demo", "narration-coverage"];

function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => all.concat(all.map((subset) => [...subset, item])), [[]]);
}

/** The scopes the consent page offers as checkboxes: those of the person's authorization request. */
function offeredScopes(trace: Trace): string[] {
  const request = trace.steps.find((step) => step.id === "authorization-request" && step.from === "resourceOwner");
  const scope = request?.request ? new URL(request.request.url).searchParams.get("scope") : null;
  return scope ? scope.split(" ") : [];
}

async function runsOf(flow: FlowDefinition<Scenario>): Promise<Run[]> {
  const runs: Run[] = [];
  for (const scenario of flow.scenarios) {
    for (const seed of SEEDS) {
      const trace = await runFlow(flow, scenario, seed);
      runs.push({ flow: flow.id, scenario: scenario.id, variant: `seed ${seed}`, trace });
    }
    // The simulator re-runs a scenario with the boxes the learner leaves ticked on the consent page.
    const offered = offeredScopes(runs.at(-1)!.trace);
    for (const grantedScope of offered.length > 0 ? subsets(offered) : []) {
      const trace = await runFlow(flow, { ...scenario, grantedScope }, "demo");
      runs.push({ flow: flow.id, scenario: scenario.id, variant: `granted scope [${grantedScope.join(" ")}]`, trace });
    }
  }
  // The tampering exercises: runs a learner makes by editing a request (content/exercises.ts).
  const original = await runFlow(flow, flow.scenarios.find((scenario) => scenario.id === EXERCISE_SCENARIO)!, "demo");
  for (const exercise of exercisesFor(flow.id)) {
    const resolved = resolveExercise(exercise, original);
    if ("reason" in resolved) continue;
    const trace = await runFlow(flow, flow.scenarios.find((scenario) => scenario.id === EXERCISE_SCENARIO)!, "demo", { edits: resolved.edits });
    runs.push({ flow: flow.id, scenario: EXERCISE_SCENARIO, variant: `exercise ${exercise.id}`, trace });
  }
  return runs;
}

let runs: Run[] = [];

beforeAll(async () => {
  runs = (await Promise.all(FLOW_IDS.map((id) => runsOf(FLOWS[id])))).flat();
}, 120_000);

function stepIdsOf(selected: readonly Run[]): Set<string> {
  return new Set(selected.flatMap((run) => run.trace.steps.map((step) => step.id)));
}

const FIELDS = ["what", "why", "without"] as const satisfies readonly (keyof Narration)[];

function everyNarration(): { where: string; narration: Narration }[] {
  return FLOW_IDS.flatMap((flow) => {
    const { steps, scenarios = {} } = NARRATION[flow];
    return [
      ...Object.entries(steps).map(([step, narration]) => ({ where: `${flow} ${step}`, narration })),
      ...Object.entries(scenarios).flatMap(([scenario, byStep]) =>
        Object.entries(byStep).map(([step, narration]) => ({ where: `${flow}/${scenario} ${step}`, narration })),
      ),
    ];
  });
}

describe("narration coverage", () => {
  it("registers narration for each of the seven flows", () => {
    expect(Object.keys(NARRATION).sort()).toEqual([...FLOW_IDS].sort());
  });

  it("explains every step of every scenario, whatever scopes are left ticked: what happens, why, and what would go wrong without it", () => {
    expect(runs.length).toBeGreaterThan(FLOW_IDS.length * 2);
    const missing: string[] = [];
    for (const run of runs) {
      for (const step of run.trace.steps) {
        const narration = narrationFor(run.flow, run.scenario, step.id);
        const empty = FIELDS.filter((field) => !narration?.[field]?.trim());
        if (empty.length > 0) {
          missing.push(`${run.flow}/${run.scenario} (${run.variant}) step ${step.index + 1} ${step.id}: no ${empty.join(", ")}`);
        }
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it("names, at flow level, only steps that some run of that flow records", () => {
    const orphans = FLOW_IDS.flatMap((flow) => {
      const recorded = stepIdsOf(runs.filter((run) => run.flow === flow));
      return Object.keys(NARRATION[flow].steps)
        .filter((step) => !recorded.has(step))
        .map((step) => `${flow}: ${step}`);
    });
    expect(orphans).toEqual([]);
  });

  it("names, per scenario, only scenarios of that flow and steps that some run of that scenario records", () => {
    const orphans = FLOW_IDS.flatMap((flow) => {
      const scenarioIds = FLOWS[flow].scenarios.map((scenario) => scenario.id);
      return Object.entries(NARRATION[flow].scenarios ?? {}).flatMap(([scenario, byStep]) => {
        if (!scenarioIds.includes(scenario)) return [`${flow}: no scenario ${scenario}`];
        const recorded = stepIdsOf(runs.filter((run) => run.flow === flow && run.scenario === scenario));
        return Object.keys(byStep)
          .filter((step) => !recorded.has(step))
          .map((step) => `${flow}/${scenario}: ${step}`);
      });
    });
    expect(orphans).toEqual([]);
  });

  it("says something new where a scenario replaces a step's narration", () => {
    const repeats = FLOW_IDS.flatMap((flow) =>
      Object.entries(NARRATION[flow].scenarios ?? {}).flatMap(([scenario, byStep]) =>
        Object.entries(byStep)
          .filter(([step, narration]) => NARRATION[flow].steps[step]?.what === narration.what)
          .map(([step]) => `${flow}/${scenario}: ${step}`),
      ),
    );
    expect(repeats).toEqual([]);
  });

  it("is plain text in whole sentences: no HTML, no markdown, no placeholders", () => {
    const problems: string[] = [];
    for (const { where, narration } of everyNarration()) {
      for (const field of FIELDS) {
        const text = narration[field];
        if (/<\/?[a-z][^>]*>/i.test(text)) problems.push(`${where} ${field}: looks like HTML`);
        if (/[`*_]{2}|`/.test(text)) problems.push(`${where} ${field}: looks like markdown`);
        if (text.trim().split(/\s+/).length < 4) problems.push(`${where} ${field}: fewer than four words`);
        if (!/[.!?”)]$/.test(text.trim())) problems.push(`${where} ${field}: does not end a sentence`);
      }
    }
    expect(problems).toEqual([]);
  });
});
