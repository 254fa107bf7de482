/**
 * Predict the next step: the choices a learner picks from before a step is revealed, generated
 * from the recorded trace and the traces of the flow's other scenarios (DESIGN invariant 3: no
 * hand-written list of steps or answers). Pure functions, no React; the same trace, step and seed
 * always give the same choices in the same order (invariant 4).
 *
 * A choice shows who sends what to whom (the route, the channel, the step's title) and, where the
 * step refuses or checks something, how it ends (the RFC error code, or which check fails). The
 * true step is one choice; the others are what really happens at this point in another scenario
 * (the error the tampered run gets at the same request), the same step with another ending, the
 * same message on the wrong route or channel, and steps from elsewhere in the flow.
 */
import { stepProblem } from "./stage";
import type { Channel, RoleId, Trace, TraceStep } from "./trace";
import { createRandom } from "./world/random";

/** How a choice says the step ends. */
export type OptionOutcome =
  /** The server refuses: an RFC error code (`invalid_grant`) or an HTTP status (`400 Bad Request`). */
  | { readonly kind: "refused"; readonly code: string }
  /** A polling device is told to keep waiting (RFC 8628 §3.5). */
  | { readonly kind: "wait"; readonly code: string }
  /** One of the role's checks fails: its label. */
  | { readonly kind: "check-fails"; readonly check: string }
  /** Every check the role makes passes. */
  | { readonly kind: "checks-pass" };

/** Where a choice came from (the true step, or which kind of distractor). */
export type OptionSource =
  | "true"
  /** What happens at this point in another scenario of the flow. */
  | "scenario"
  /** The same step with another ending (another error, another check failing). */
  | "ending"
  /** The true message on the wrong route (sender and receiver swapped). */
  | "route"
  /** The true message on the wrong channel (a back-channel message sent through the browser). */
  | "channel"
  /** Another step of the flow. */
  | "flow";

export interface PredictOption {
  /** What the choice shows, as one string: two choices never share it. */
  readonly key: string;
  readonly from: RoleId;
  readonly to: RoleId;
  readonly channel: Channel;
  readonly title: string;
  readonly outcome?: OptionOutcome;
  readonly correct: boolean;
  readonly source: OptionSource;
  /** The scenario whose run shows this choice (for a distractor drawn from another scenario). */
  readonly scenario?: string;
}

export interface PredictQuestion {
  /** The step to predict: an index into trace.steps. */
  readonly stepIndex: number;
  readonly options: readonly PredictOption[];
  /** The index of the true step among the options. */
  readonly answer: number;
}

/** How many choices a question offers (fewer only if the flow cannot tell that many apart). */
export const OPTION_COUNT = 4;

const WAIT_CODES = new Set(["authorization_pending", "slow_down"]);

/** How a recorded step ends, as a choice shows it. */
export function outcomeOf(step: TraceStep): OptionOutcome | undefined {
  const problem = stepProblem(step);
  if (problem) {
    if (problem.code === "check failed") return { kind: "check-fails", check: problem.description ?? "" };
    return WAIT_CODES.has(problem.code) ? { kind: "wait", code: problem.code } : { kind: "refused", code: problem.code };
  }
  return step.checks.length > 0 ? { kind: "checks-pass" } : undefined;
}

function outcomeKey(outcome: OptionOutcome | undefined): string {
  if (!outcome) return "";
  switch (outcome.kind) {
    case "refused":
    case "wait":
      return `${outcome.kind}:${outcome.code}`;
    case "check-fails":
      return `check-fails:${outcome.check}`;
    case "checks-pass":
      return "checks-pass";
  }
}

function makeOption(
  fields: Pick<PredictOption, "from" | "to" | "channel" | "title"> & { outcome?: OptionOutcome | undefined },
  source: OptionSource,
  scenario?: string,
): PredictOption {
  const key = [fields.from, fields.to, fields.channel, fields.title, outcomeKey(fields.outcome)].join("\u0000");
  return {
    key,
    from: fields.from,
    to: fields.to,
    channel: fields.channel,
    title: fields.title,
    ...(fields.outcome ? { outcome: fields.outcome } : {}),
    correct: source === "true",
    source,
    ...(scenario !== undefined ? { scenario } : {}),
  };
}

/** The choice a recorded step is. */
export function optionOf(step: TraceStep, source: OptionSource, scenario?: string): PredictOption {
  return makeOption({ from: step.from, to: step.to, channel: step.channel, title: step.title, outcome: outcomeOf(step) }, source, scenario);
}

/** Deterministic shuffle (Fisher–Yates) driven by the seeded generator. */
function shuffle<T>(items: readonly T[], seed: string): T[] {
  const random = createRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const bytes = random.bytes(4);
    const value = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    const j = value % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** What really happens at the same point in another run: after the same step, or to the same request. */
function scenarioCandidates(trace: Trace, runs: readonly Trace[], stepIndex: number): PredictOption[] {
  const previous = stepIndex > 0 ? trace.steps[stepIndex - 1]!.id : undefined;
  const current = trace.steps[stepIndex]!;
  const found: { option: PredictOption; distance: number }[] = [];
  for (const run of runs) {
    run.steps.forEach((step, j) => {
      const after = previous === undefined ? j === 0 : j > 0 && run.steps[j - 1]!.id === previous;
      // The same step id with another ending: the answer the tampered scenario gets at the same request.
      const sameStep = step.id === current.id;
      if (after || sameStep) found.push({ option: optionOf(step, "scenario", run.scenario), distance: Math.abs(j - stepIndex) });
    });
  }
  // Nearest first: the comparable point of each run before its far-away repeats.
  return found.sort((a, b) => a.distance - b.distance).map((entry) => entry.option);
}

/** The true step with another ending: another check fails, or all of them pass. */
function endingCandidates(step: TraceStep): PredictOption[] {
  const base = { from: step.from, to: step.to, channel: step.channel, title: step.title };
  if (step.checks.length === 0) return [];
  return [...step.checks.map((check) => makeOption({ ...base, outcome: { kind: "check-fails", check: check.label } }, "ending")), makeOption({ ...base, outcome: { kind: "checks-pass" } }, "ending")];
}

/** The true message on the wrong route or through the wrong channel. */
function variantCandidates(step: TraceStep): PredictOption[] {
  const outcome = outcomeOf(step);
  const found: PredictOption[] = [];
  if (step.from !== step.to) found.push(makeOption({ from: step.to, to: step.from, channel: step.channel, title: step.title, outcome }, "route"));
  // A server-to-server message sent through the browser instead: the learner should know it never is.
  if (step.channel === "back") found.push(makeOption({ from: step.from, to: step.to, channel: "front", title: step.title, outcome }, "channel"));
  return found;
}

/** Other steps of the flow, nearest to this point first (the step after the true one leads). */
function flowCandidates(trace: Trace, runs: readonly Trace[], stepIndex: number): PredictOption[] {
  const found: { option: PredictOption; distance: number }[] = [];
  for (const run of [trace, ...runs]) {
    run.steps.forEach((step, j) => {
      if (run === trace && j === stepIndex) return;
      found.push({ option: optionOf(step, "flow", run === trace ? undefined : run.scenario), distance: Math.abs(j - stepIndex) + (run === trace ? 0 : 0.5) });
    });
  }
  return found.sort((a, b) => a.distance - b.distance).map((entry) => entry.option);
}

/**
 * The choices for the step at `stepIndex` of `trace`: the true step exactly once, and distractors
 * drawn from `runs` (the traces of the flow's scenarios, the shown one among them or not), none of
 * which reads the same as the true step or as another choice. `seed` varies which distractors and
 * which order; the same inputs always give the same question. Undefined for a step the trace lacks.
 */
export function predictQuestion(trace: Trace, runs: readonly Trace[], stepIndex: number, seed = ""): PredictQuestion | undefined {
  const step = trace.steps[stepIndex];
  if (!step || !Number.isInteger(stepIndex)) return undefined;
  const truth = optionOf(step, "true");
  const base = `${trace.flow}:${trace.scenario}:${trace.seed}:${stepIndex}:${seed}`;
  const others = runs.filter((run) => run.flow === trace.flow);

  const taken = new Set([truth.key]);
  const chosen: PredictOption[] = [];
  function take(candidates: readonly PredictOption[], limit: number): void {
    for (const candidate of candidates) {
      if (chosen.length >= OPTION_COUNT - 1 || limit <= 0) return;
      if (taken.has(candidate.key)) continue;
      taken.add(candidate.key);
      chosen.push(candidate);
      limit--;
    }
  }
  // Two from what other scenarios do here, then one wrong route or channel or ending, then the flow's other steps.
  const scenario = scenarioCandidates(trace, others, stepIndex);
  const nearest = scenario.slice(0, 6);
  take(shuffle(nearest, `${base}:scenario`), 2);
  take(shuffle([...endingCandidates(step), ...variantCandidates(step)], `${base}:variant`), 1);
  take(scenario, OPTION_COUNT);
  take(flowCandidates(trace, others, stepIndex), OPTION_COUNT);
  take(shuffle([...endingCandidates(step), ...variantCandidates(step)], `${base}:variant`), OPTION_COUNT);

  const options = shuffle([truth, ...chosen], `${base}:order`);
  return { stepIndex, options, answer: options.findIndex((option) => option.correct) };
}

// ——— The score, kept in the browser ———

export interface Score {
  readonly right: number;
  readonly total: number;
}

/** Flow id → score. */
export type Scores = Readonly<Record<string, Score>>;

export const SCORE_STORAGE_KEY = "oauth-flow-simulator:predict-scores:v1";

/** A score no real session reaches: anything above it in storage was not written by this page. */
const MAX_COUNT = 1_000_000;

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT;
}

/**
 * Scores as stored, validated: only known flows, only whole counts with right ≤ total. Anything
 * else — corrupt JSON, a hostile value, a prototype trick — is dropped, never thrown.
 */
export function parseScores(raw: string | null | undefined, flows: readonly string[]): Scores {
  if (typeof raw !== "string" || raw.length > 10_000) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
  const scores: Record<string, Score> = {};
  for (const flow of flows) {
    if (!Object.prototype.hasOwnProperty.call(parsed, flow)) continue;
    const value = (parsed as Record<string, unknown>)[flow];
    if (typeof value !== "object" || value === null) continue;
    const { right, total } = value as { right?: unknown; total?: unknown };
    if (isCount(right) && isCount(total) && right <= total) scores[flow] = { right, total };
  }
  return scores;
}

export function recordAnswer(scores: Scores, flow: string, correct: boolean): Scores {
  const current = scores[flow] ?? { right: 0, total: 0 };
  if (current.total >= MAX_COUNT) return scores;
  return { ...scores, [flow]: { right: current.right + (correct ? 1 : 0), total: current.total + 1 } };
}

export function resetScore(scores: Scores, flow: string): Scores {
  return Object.fromEntries(Object.entries(scores).filter(([id]) => id !== flow));
}
