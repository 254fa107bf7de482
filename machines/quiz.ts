/**
 * "Check yourself": where a question's answer shows in the live run, and the learner's answers as
 * stored in the browser, validated on read. Pure functions, no React.
 */
import type { Trace } from "./trace";

export interface QuizReferenceLike {
  readonly step: string;
  readonly scenario?: string;
}

/** The 1-based number of the first step with this id in the trace, or undefined if it has none. */
export function stepNumberOf(trace: Trace, stepId: string): number | undefined {
  const index = trace.steps.findIndex((step) => step.id === stepId);
  return index === -1 ? undefined : index + 1;
}

/** Which scenario shows a reference: the one it names, else the flow's default (first) one. */
export function referenceScenario(reference: QuizReferenceLike, scenarios: readonly string[]): string | undefined {
  return reference.scenario ?? scenarios[0];
}

/**
 * Where to show a reference in the live run: in the trace shown, when it records the step and the
 * reference names no other scenario; else at the step of the named (or default) scenario's trace.
 */
export function resolveReference(
  reference: QuizReferenceLike,
  shown: Trace,
  traceOf: (scenario: string) => Trace | undefined,
  scenarios: readonly string[],
): { scenario: string; step: number } | undefined {
  const scenario = referenceScenario(reference, scenarios);
  if (!scenario) return undefined;
  if (reference.scenario === undefined || reference.scenario === shown.scenario) {
    const here = stepNumberOf(shown, reference.step);
    if (here !== undefined) return { scenario: shown.scenario, step: here };
  }
  const trace = traceOf(scenario);
  const step = trace ? stepNumberOf(trace, reference.step) : undefined;
  return step !== undefined ? { scenario, step } : undefined;
}

/** Flow → question id → the choice the learner picked. */
export type QuizProgress = Readonly<Record<string, Readonly<Record<string, number>>>>;

export const QUIZ_STORAGE_KEY = "oauth-flow-simulator:check-yourself:v1";

/** What the stored answers may name: each flow's questions and how many choices each has. */
export type QuizShape = Readonly<Record<string, readonly { readonly id: string; readonly choices: readonly unknown[] }[]>>;

/** Stored answers, validated: known flows and questions, whole choice indices in range; anything else is dropped. */
export function parseQuizProgress(raw: string | null | undefined, shape: QuizShape): QuizProgress {
  if (typeof raw !== "string" || raw.length > 20_000) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const progress: Record<string, Record<string, number>> = {};
  for (const [flow, questions] of Object.entries(shape)) {
    if (!Object.prototype.hasOwnProperty.call(parsed, flow)) continue;
    const answers = (parsed as Record<string, unknown>)[flow];
    if (typeof answers !== "object" || answers === null || Array.isArray(answers)) continue;
    for (const question of questions) {
      if (!Object.prototype.hasOwnProperty.call(answers, question.id)) continue;
      const choice = (answers as Record<string, unknown>)[question.id];
      if (typeof choice === "number" && Number.isInteger(choice) && choice >= 0 && choice < question.choices.length) {
        (progress[flow] ??= {})[question.id] = choice;
      }
    }
  }
  return progress;
}

export function recordQuizAnswer(progress: QuizProgress, flow: string, question: string, choice: number): QuizProgress {
  return { ...progress, [flow]: { ...progress[flow], [question]: choice } };
}

export function resetQuiz(progress: QuizProgress, flow: string): QuizProgress {
  return Object.fromEntries(Object.entries(progress).filter(([id]) => id !== flow));
}
