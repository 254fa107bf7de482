/**
 * The guided tampering exercises in content/exercises.ts are tied to the engine: each names a step
 * its flow records, its edit applies, and what it tells the learner to expect is what the mock
 * servers (or the client) really do when the edit is applied.
 */
import { describe, expect, it } from "vitest";
import { EXERCISE_SCENARIO, EXERCISES, exercisesFor } from "@/content/exercises";
import { exerciseResult, findStep, resolveExercise } from "@/machines/exercises";
import { FLOW_IDS, FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import { MAX_EDITS, editProblem } from "@/machines/tamper";

describe.each(FLOW_IDS)("exercises of %s", (flowId) => {
  const flow = FLOWS[flowId];
  const scenario = flow.scenarios.find((candidate) => candidate.id === EXERCISE_SCENARIO)!;

  it("has the scenario the exercises start from", () => expect(scenario).toBeDefined());

  it("has at least three, with distinct ids and text for a person", () => {
    const exercises = exercisesFor(flowId);
    expect(exercises.length).toBeGreaterThanOrEqual(3);
    expect(new Set(exercises.map((exercise) => exercise.id)).size).toBe(exercises.length);
    for (const exercise of exercises) {
      for (const text of [exercise.title, exercise.instructions, exercise.expectText, exercise.why]) expect(text.trim().length, exercise.id).toBeGreaterThan(10);
      expect(exercise.why, exercise.id).toMatch(/RFC \d+/);
      expect(exercise.edits.length).toBeLessThanOrEqual(MAX_EDITS);
    }
  });

  it.each(EXERCISES[flowId].map((exercise) => [exercise.id, exercise] as const))("%s: names a step the flow records, and its expectation holds once its edit is applied", async (_id, exercise) => {
    const original = await runFlow(flow, scenario, "demo");
    const target = findStep(original, exercise.target);
    expect(target, `step ${exercise.target.step} is not recorded by ${flowId}`).toBeDefined();
    expect(target!.request, `step ${exercise.target.step} sends no request`).toBeDefined();
    // Without the edit, the learner has not seen it yet.
    expect(exerciseResult(exercise, original).seen).toBe(false);
    const resolved = resolveExercise(exercise, original);
    if ("reason" in resolved) throw new Error(resolved.reason);
    for (const edit of resolved.edits) expect(editProblem(edit)).toBeUndefined();
    const edited = await runFlow(flow, scenario, "demo", { edits: resolved.edits });
    expect(edited.rejectedEdits).toEqual([]);
    expect(edited.steps[target!.index]!.edited).toHaveLength(exercise.edits.length);
    const result = exerciseResult(exercise, edited);
    expect(result.seen, result.detail).toBe(true);
    // The expectation names a step or role the edited run really has.
    if ("step" in exercise.expect) expect(edited.steps.some((step) => step.id === (exercise.expect as { step: string }).step)).toBe(true);
  });
});

it("an exercise names a step id the flow never records → it cannot be resolved, and the page says so", async () => {
  const original = await runFlow(FLOWS["client-credentials"], FLOWS["client-credentials"].scenarios[0]!, "demo");
  const broken = { ...EXERCISES["client-credentials"][0]!, target: { step: "no-such-step" } };
  expect(resolveExercise(broken, original)).toEqual({ reason: "This run has no step “no-such-step”." });
});
