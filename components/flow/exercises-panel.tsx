"use client";

import { useState } from "react";
import { EXERCISE_SCENARIO, exercisesFor } from "@/content/exercises";
import { exerciseResult, findStep, resolveExercise, type Exercise } from "@/machines/exercises";
import { loadTrace } from "@/machines/player";
import type { Trace } from "@/machines/trace";
import { Icon } from "./icons";
import { useTampering } from "./tampering";

const BUTTON = "inline-flex h-8 items-center rounded-md border border-line bg-surface-raised px-2.5 text-xs font-medium text-foreground hover:border-accent hover:text-accent disabled:cursor-not-allowed disabled:opacity-50";

function Status({ exercise, trace }: { exercise: Exercise; trace: Trace }) {
  const edited = trace.steps.some((step) => step.edited);
  if (trace.scenario !== EXERCISE_SCENARIO) {
    return <p data-exercise-status="other-scenario" className="text-xs text-muted">This exercise starts from the default scenario; “Do it for me” switches to it.</p>;
  }
  if (!edited) return <p data-exercise-status="not-tried" className="text-xs text-muted">Not tried yet: this run has no edits.</p>;
  const result = exerciseResult(exercise, trace);
  return result.seen ? (
    <p data-exercise-status="seen" className="flex items-start gap-1 text-xs font-semibold text-[var(--tone-ok)]">
      <Icon name="check" className="mt-px size-3.5 shrink-0" />
      <span>You saw it: {result.detail}.</span>
    </p>
  ) : (
    <p data-exercise-status="not-yet" className="text-xs text-foreground">
      <span className="font-semibold">Not yet:</span> {result.detail}
    </p>
  );
}

/** Guided tampering: what to change, where, what a faithful server should answer — and whether this run shows it. */
export function ExercisesPanel({ trace }: { trace: Trace }) {
  const tampering = useTampering();
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const exercises = exercisesFor(trace.flow);
  if (!tampering || exercises.length === 0) return <p className="text-sm text-muted">This flow has no tampering exercises.</p>;

  async function doIt(exercise: Exercise) {
    if (!tampering) return;
    setBusy(exercise.id);
    setProblem(undefined);
    try {
      const original = await loadTrace({ flow: trace.flow, scenario: EXERCISE_SCENARIO, seed: tampering.request.seed });
      const resolved = resolveExercise(exercise, original);
      if ("reason" in resolved) setProblem(resolved.reason);
      else tampering.applyEdits(resolved.edits, { scenario: EXERCISE_SCENARIO, index: resolved.edits[0]!.step });
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="exercises-heading" className="space-y-3 rounded-2xl border border-line bg-surface-raised p-3 sm:p-4">
      <div>
        <h3 id="exercises-heading" className="text-base font-semibold text-foreground">
          Tamper with the flow
        </h3>
        <p className="text-sm text-muted">
          Open a step’s request in the inspector, choose “Edit before sending”, change it and send it. The mock servers answer exactly as real ones would. Each exercise says what you should see; “Do it for me” makes the edit.
        </p>
      </div>
      {problem ? (
        <p role="alert" className="text-sm text-[var(--tone-error)]">
          {problem}
        </p>
      ) : null}
      <ol className="grid gap-3 md:grid-cols-2">
        {exercises.map((exercise) => {
          const target = findStep(trace, exercise.target);
          return (
            <li key={exercise.id} data-exercise={exercise.id} className="flex flex-col gap-1.5 rounded-xl border border-line bg-surface p-3">
              <h4 className="text-sm font-semibold text-foreground">{exercise.title}</h4>
              <p className="text-sm text-foreground">{exercise.instructions}</p>
              <p className="text-xs text-muted">
                <span className="font-semibold text-foreground">Expect:</span> {exercise.expectText}.
              </p>
              <Status exercise={exercise} trace={trace} />
              <details className="text-xs text-muted">
                <summary className="cursor-pointer font-medium text-foreground">Why?</summary>
                <p className="mt-1">{exercise.why}</p>
              </details>
              <div className="mt-auto flex flex-wrap gap-1.5 pt-1">
                {target && trace.scenario === EXERCISE_SCENARIO ? (
                  <button type="button" className={BUTTON} onClick={() => tampering.goTo(target.index)}>
                    Go to step {target.index + 1}
                  </button>
                ) : null}
                <button type="button" className={BUTTON} disabled={busy !== undefined} onClick={() => void doIt(exercise)} data-do-it>
                  {busy === exercise.id ? "Running…" : "Do it for me"}
                  <span className="sr-only">: {exercise.title}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
