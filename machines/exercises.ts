/**
 * Guided tampering exercises, as data a test and a "do it for me" button can apply: which step to
 * edit (by step id, resolved against the recorded trace), the edits, and what the learner should
 * see (a step's HTTP status and error code, or how a role ends). The text lives in content/.
 */
import { stepProblem } from "./stage";
import type { RequestEdit, EditOp, EditPlace } from "./tamper";
import type { ArtifactKind, RoleId, Trace, TraceStep } from "./trace";

/** A step of the run by its id; `occurrence` counts from 1 when the id occurs more than once. */
export interface StepRef {
  readonly step: string;
  readonly occurrence?: number;
}

export interface ExerciseEdit {
  readonly where: EditPlace;
  readonly op: EditOp;
  readonly name: string;
  /** A literal value … */
  readonly value?: string;
  /** … or one taken from the run itself (the code the server issued, the verifier the client made). */
  readonly valueFrom?: StepRef & { readonly artifact: ArtifactKind };
}

export type Expectation =
  /** A step with this id, at or after the edit, answered with this status (and this OAuth error code). */
  | { readonly step: string; readonly status: number; readonly error?: string }
  /** A role ends the run like this. */
  | { readonly role: RoleId; readonly result: string };

export interface Exercise {
  readonly id: string;
  readonly title: string;
  /** What to do, for a person. */
  readonly instructions: string;
  /** The step whose request the exercise edits. */
  readonly target: StepRef;
  readonly edits: readonly ExerciseEdit[];
  readonly expect: Expectation;
  /** "invalid_grant from the token endpoint": what the learner should see, for a person. */
  readonly expectText: string;
  /** Why the server (or client) answers so, with the RFC section. */
  readonly why: string;
}

export function findStep(trace: Trace, ref: StepRef): TraceStep | undefined {
  return trace.steps.filter((step) => step.id === ref.step)[(ref.occurrence ?? 1) - 1];
}

/** The exercise's edits as the run takes them (step indices, values from the run); a reason when it cannot be resolved. */
export function resolveExercise(exercise: Exercise, original: Trace): { edits: RequestEdit[] } | { reason: string } {
  const target = findStep(original, exercise.target);
  if (!target) return { reason: `This run has no step “${exercise.target.step}”.` };
  if (!target.request) return { reason: `Step “${exercise.target.step}” sends no request.` };
  const edits: RequestEdit[] = [];
  for (const edit of exercise.edits) {
    let value = edit.value;
    if (edit.valueFrom) {
      const from = findStep(original, edit.valueFrom);
      value = from?.artifacts.find((artifact) => artifact.kind === edit.valueFrom!.artifact)?.value;
      if (value === undefined) return { reason: `This run has no ${edit.valueFrom.artifact} in step “${edit.valueFrom.step}”.` };
    }
    edits.push(edit.op === "remove" ? { step: target.index, where: edit.where, op: edit.op, name: edit.name } : { step: target.index, where: edit.where, op: edit.op, name: edit.name, value: value ?? "" });
  }
  return { edits };
}

/** The OAuth error code a step's answer carries: JSON, WWW-Authenticate, the redirect's error, or an error page's "code: …". */
export function errorOf(step: TraceStep): string | undefined {
  const problem = stepProblem(step);
  if (!problem) return undefined;
  if (/^[a-z_]+$/.test(problem.code)) return problem.code;
  return /^([a-z_]+):/.exec(problem.description ?? "")?.[1];
}

export interface ExerciseResult {
  readonly seen: boolean;
  /** "invalid_grant (HTTP 400) at step 11", or what the run shows instead. */
  readonly detail: string;
}

/** Whether a run shows what the exercise expects (only steps at or after the first edit count). */
export function exerciseResult(exercise: Exercise, trace: Trace): ExerciseResult {
  const expect = exercise.expect;
  const firstEdit = trace.steps.findIndex((step) => step.edited !== undefined);
  if (firstEdit === -1) return { seen: false, detail: "this run has no edits yet." };
  const target = findStep(trace, exercise.target);
  if ("role" in expect) {
    const outcome = trace.outcomes.find((candidate) => candidate.role === expect.role);
    if (outcome?.result === expect.result) return { seen: true, detail: `${outcome.result}: ${outcome.summary}` };
    return { seen: false, detail: outcome ? `this run ends with ${outcome.result} (${outcome.summary}).` : "this run does not end that way." };
  }
  const candidates = trace.steps.slice(firstEdit).filter((step) => step.id === expect.step && step.response);
  const match = candidates.find((step) => step.response!.status === expect.status && (expect.error === undefined || errorOf(step) === expect.error));
  if (match) return { seen: true, detail: `${expect.error ? `${expect.error} ` : ""}(HTTP ${expect.status}) at step ${match.index + 1}` };
  const seen = candidates[0];
  if (seen) return { seen: false, detail: `step ${seen.index + 1} answers HTTP ${seen.response!.status}${errorOf(seen) ? ` ${errorOf(seen)}` : ""}.` };
  if (target && target.index < firstEdit) return { seen: false, detail: `your edit is at step ${firstEdit + 1}, but this exercise edits step ${target.index + 1}.` };
  return { seen: false, detail: "the run after your edit does not reach that answer." };
}
