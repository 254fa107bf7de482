/**
 * Comparing flows side by side (`/compare?flows=a,b[,c]&seed=S`): line their traces up by phase so
 * the same moment of each flow shares a row, and measure their differences from the traces
 * themselves — round trips, channels, what crosses the browser, who holds which secret, whether a
 * person takes part, whether a refresh token is issued. No React here, and no hand-written facts:
 * every figure is counted from the recorded steps (DESIGN invariant 3).
 */
import { FLOW_IDS, type FlowId } from "./flows/types";
import { clampStep, DEFAULT_SEED, quote, sanitizeSeed } from "./flow-url";
import { stepTone } from "./stage";
import { PHASES, tablePhase, type Phase } from "./steps/phases";
import { REPLIES } from "./steps";
import type { ArtifactKind, RoleId, Trace, TraceStep } from "./trace";

export { PHASES, type Phase } from "./steps/phases";

// ——— Phases and rows ———

/** Whether `reply` answers `request`: it comes from where the request went, as the reply step the request can get. */
function answers(request: TraceStep, reply: TraceStep): boolean {
  if (!request.request || !reply.response || reply.from !== request.to || reply.to !== request.from) return false;
  const replies = REPLIES[request.id];
  return replies !== undefined && [replies.ok, replies.error, replies.redirect].includes(reply.id);
}

/**
 * The phase of each step of a trace: the table's (machines/steps/phases.ts), except that
 * - an answer that follows its request at once shares the request's phase (the token response
 *   to a refresh request is part of renewing, not of the first token exchange);
 * - a poll answered "keep waiting" (authorization_pending, slow_down; RFC 8628 §3.5), with its
 *   answer, is part of getting authorization: the person has not approved yet.
 * A step id the table lacks (never, a test sees to that) counts as the phase before it.
 */
export function stepPhases(trace: Trace): Phase[] {
  const phases: Phase[] = [];
  trace.steps.forEach((step, index) => {
    const previous = trace.steps[index - 1];
    const next = trace.steps[index + 1];
    let phase = tablePhase(step.id) ?? phases[index - 1] ?? PHASES[0];
    if (previous && answers(previous, step)) phase = phases[index - 1]!;
    if (stepTone(step) === "wait") phase = "authorize";
    if (next && answers(step, next) && stepTone(next) === "wait") phase = "authorize";
    phases.push(phase);
  });
  return phases;
}

/** A run of consecutive steps of one phase. */
export interface PhaseBlock {
  readonly phase: Phase;
  /** Step indices, consecutive. */
  readonly steps: readonly number[];
}

export function phaseBlocks(trace: Trace): PhaseBlock[] {
  const blocks: { phase: Phase; steps: number[] }[] = [];
  stepPhases(trace).forEach((phase, index) => {
    const last = blocks.at(-1);
    if (last && last.phase === phase) last.steps.push(index);
    else blocks.push({ phase, steps: [index] });
  });
  return blocks;
}

/** One moment of the comparison: the step each flow takes in it, or null when it takes none. */
export interface CompareRow {
  readonly phase: Phase;
  /** One cell per flow, in column order: a step index into that flow's trace, or null. */
  readonly cells: readonly (number | null)[];
}

/**
 * Line traces up by phase (lockstep). Each trace is cut into phase blocks; round by round, the
 * earliest phase (in PHASES order) among the blocks the traces are at is played: every trace at
 * a block of that phase contributes it, the others wait. A round has as many rows as its longest
 * block; a shorter block leaves its cells empty (null) once it is done.
 */
export function alignByPhase(traces: readonly Trace[]): CompareRow[] {
  const blocks = traces.map(phaseBlocks);
  const at = traces.map(() => 0);
  const rows: CompareRow[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const current = blocks.map((list, column) => list[at[column]!]);
    const phases = current.flatMap((block) => (block ? [PHASES.indexOf(block.phase)] : []));
    if (phases.length === 0) break;
    const phase = PHASES[Math.min(...phases)]!;
    const playing = current.map((block) => (block && block.phase === phase ? block : undefined));
    const height = Math.max(...playing.map((block) => block?.steps.length ?? 0));
    for (let offset = 0; offset < height; offset++) {
      rows.push({ phase, cells: playing.map((block) => block?.steps[offset] ?? null) });
    }
    playing.forEach((block, column) => {
      if (block) at[column]! += 1;
    });
  }
  return rows;
}

/** The step a column shows at a row: its latest step up to that row; -1 when it has none yet. */
export function shownStep(rows: readonly CompareRow[], row: number, column: number): number {
  for (let index = Math.min(row, rows.length - 1); index >= 0; index--) {
    const cell = rows[index]?.cells[column];
    if (cell !== null && cell !== undefined) return cell;
  }
  return -1;
}

/** Whether the column takes a step of its own at this row (it is not waiting for the others). */
export function movesAt(rows: readonly CompareRow[], row: number, column: number): boolean {
  const cell = rows[row]?.cells[column];
  return cell !== null && cell !== undefined;
}

/** The first row at which a column shows the given step (the row to open when a column is at that step). */
export function rowOfStep(rows: readonly CompareRow[], column: number, step: number): number {
  const found = rows.findIndex((row) => row.cells[column] === step);
  return found < 0 ? 0 : found;
}

// ——— The summary: what the traces say ———

/** Artifact kinds the comparison reports, in the order it lists them (error and iss are not credentials). */
export const REPORTED_KINDS: readonly ArtifactKind[] = [
  "code",
  "access_token",
  "refresh_token",
  "password",
  "client_secret",
  "code_verifier",
  "code_challenge",
  "state",
  "device_code",
  "user_code",
];

/** Kinds that are secrets: whoever holds one must keep it from everyone else. */
export const SECRET_KINDS: readonly ArtifactKind[] = ["password", "client_secret", "code_verifier", "refresh_token", "access_token", "device_code"];

/** The parties whose secrets the comparison lists (the attacker of a what-if is not one). */
export const PARTIES: readonly RoleId[] = ["resourceOwner", "client", "authorizationServer", "resourceServer"];

export interface FlowFacts {
  readonly flow: string;
  /** Every step of the trace. */
  readonly steps: number;
  /** HTTP request/response pairs: a request and the answer it got. */
  readonly roundTrips: number;
  readonly frontRoundTrips: number;
  readonly backRoundTrips: number;
  /** Messages through the resource owner's browser (or shown to the person), and server to server. */
  readonly frontMessages: number;
  readonly backMessages: number;
  /** Computations inside one role. */
  readonly localSteps: number;
  /** Kinds that travel through the browser or that the resource owner comes to know. */
  readonly crossesBrowser: readonly ArtifactKind[];
  /** For each party of the flow, the secret kinds it holds by the end; absent: the party takes no part. */
  readonly secrets: Readonly<Partial<Record<RoleId, readonly ArtifactKind[]>>>;
  /** A person takes part (signs in, approves, or types a password). */
  readonly userInvolved: boolean;
  /** The authorization server issues a refresh token. */
  readonly refreshToken: boolean;
}

/**
 * Each HTTP request paired with its answer: an answer pairs with the latest unanswered request
 * that went the other way between the same two roles. Returns [request index, answer index] pairs.
 */
export function roundTrips(trace: Trace): [number, number][] {
  const open: number[] = [];
  const pairs: [number, number][] = [];
  for (const step of trace.steps) {
    if (step.request) open.push(step.index);
    if (!step.response) continue;
    for (let at = open.length - 1; at >= 0; at--) {
      const request = trace.steps[open[at]!]!;
      if (request.from === step.to && request.to === step.from) {
        pairs.push([request.index, step.index]);
        open.splice(at, 1);
        break;
      }
    }
  }
  return pairs;
}

function ordered(kinds: Iterable<ArtifactKind>, order: readonly ArtifactKind[]): ArtifactKind[] {
  const set = new Set(kinds);
  return order.filter((kind) => set.has(kind));
}

/** Every kind a role has known at any step of the trace. */
export function knownKinds(trace: Trace, role: RoleId): Set<ArtifactKind> {
  const kinds = new Set<ArtifactKind>();
  for (const step of trace.steps) {
    for (const [kind, values] of Object.entries(step.knowledge[role] ?? {})) {
      if (values && values.length > 0) kinds.add(kind as ArtifactKind);
    }
  }
  return kinds;
}

function takesPart(trace: Trace, role: RoleId): boolean {
  return trace.steps.some((step) => step.from === role || step.to === role);
}

export function flowFacts(trace: Trace): FlowFacts {
  const pairs = roundTrips(trace);
  const channelOf = (index: number) => trace.steps[index]!.channel;
  const throughBrowser = new Set<ArtifactKind>(knownKinds(trace, "resourceOwner"));
  for (const step of trace.steps) {
    if (step.channel === "front") for (const artifact of step.artifacts) throughBrowser.add(artifact.kind);
  }
  const secrets: Partial<Record<RoleId, readonly ArtifactKind[]>> = {};
  for (const role of PARTIES) {
    if (takesPart(trace, role)) secrets[role] = ordered(knownKinds(trace, role), SECRET_KINDS);
  }
  return {
    flow: trace.flow,
    steps: trace.steps.length,
    roundTrips: pairs.length,
    frontRoundTrips: pairs.filter(([request]) => channelOf(request) === "front").length,
    backRoundTrips: pairs.filter(([request]) => channelOf(request) === "back").length,
    frontMessages: trace.steps.filter((step) => step.channel === "front").length,
    backMessages: trace.steps.filter((step) => step.channel === "back").length,
    localSteps: trace.steps.filter((step) => step.channel === "local").length,
    crossesBrowser: ordered(throughBrowser, REPORTED_KINDS),
    secrets,
    userInvolved: takesPart(trace, "resourceOwner"),
    refreshToken: trace.steps.some((step) => step.from === "authorizationServer" && step.artifacts.some((artifact) => artifact.kind === "refresh_token")),
  };
}

// ——— The address ———

export type StepMode = "together" | "apart";
export const STEP_MODES: readonly StepMode[] = ["together", "apart"];
export const MIN_FLOWS = 2;
export const MAX_FLOWS = 3;
/** What the page compares when the address names too few usable flows. */
export const DEFAULT_COMPARISON: readonly FlowId[] = ["authorization-code", "authorization-code-pkce"];

export type CompareUrlField = "flows" | "seed" | "mode" | "step";

export interface CompareNotice {
  readonly field: CompareUrlField;
  readonly message: string;
}

export interface CompareLocation {
  readonly flows: readonly FlowId[];
  readonly seed: string;
  readonly mode: StepMode;
  /**
   * 1-based. Together: one number, the row. Apart: one per flow, each that flow's step. Fitted
   * to the traces with fitSteps once they are known.
   */
  readonly steps: readonly number[];
}

function isFlowId(value: string): value is FlowId {
  return (FLOW_IDS as readonly string[]).includes(value);
}

/** Read `flows=a,b[,c]`: unknown ids and repeats are left out, more than three cut, fewer than two filled up. */
export function parseFlows(raw: string | null): { flows: FlowId[]; notices: CompareNotice[] } {
  const notices: CompareNotice[] = [];
  const parts = (raw ?? "").split(",").map((part) => part.trim()).filter((part) => part !== "");
  const unknown = parts.filter((part) => !isFlowId(part));
  if (unknown.length > 0) {
    const names = unknown.slice(0, 3).map((part) => quote(part)).join(", ") + (unknown.length > 3 ? " …" : "");
    notices.push({ field: "flows", message: `There is no flow ${names}, so ${unknown.length === 1 ? "it is" : "they are"} left out.` });
  }
  const known = parts.filter(isFlowId);
  let flows = [...new Set(known)];
  if (flows.length < known.length) notices.push({ field: "flows", message: "A flow was named twice; it is compared once." });
  if (flows.length > MAX_FLOWS) {
    notices.push({ field: "flows", message: `Up to ${MAX_FLOWS} flows fit side by side, so the comparison shows the first ${MAX_FLOWS}.` });
    flows = flows.slice(0, MAX_FLOWS);
  }
  if (flows.length < MIN_FLOWS) {
    const added = DEFAULT_COMPARISON.filter((flow) => !flows.includes(flow)).slice(0, MIN_FLOWS - flows.length);
    if (raw !== null || flows.length > 0) {
      notices.push({
        field: "flows",
        message: `A comparison needs ${MIN_FLOWS} or ${MAX_FLOWS} flows, so it adds ${added.map((flow) => quote(flow)).join(" and ")}.`,
      });
    }
    flows = [...flows, ...added];
  }
  return { flows, notices };
}

function parseMode(raw: string | null): { mode: StepMode; notice?: CompareNotice } {
  if (raw === null || raw === "") return { mode: "together" };
  if ((STEP_MODES as readonly string[]).includes(raw)) return { mode: raw as StepMode };
  return { mode: "together", notice: { field: "mode", message: `${quote(raw)} is not a way to step (together or apart), so the flows step together.` } };
}

function parseSteps(raw: string | null): { steps: number[]; notice?: CompareNotice } {
  if (raw === null || raw === "") return { steps: [1] };
  const parts = raw.split(",").map((part) => part.trim());
  if (parts.length > MAX_FLOWS || !parts.every((part) => /^\d{1,15}$/.test(part))) {
    return { steps: [1], notice: { field: "step", message: `${quote(raw)} is not a step number, so the comparison starts at step 1.` } };
  }
  const steps = parts.map(Number);
  if (steps.some((step) => step < 1)) return { steps: steps.map((step) => Math.max(1, step)), notice: { field: "step", message: "Steps are counted from 1, so the comparison starts there." } };
  return { steps };
}

/** Read a compare page's query string; never throws, every value it cannot use is replaced and said so. */
export function parseCompareUrl(search: string | URLSearchParams): { location: CompareLocation; notices: CompareNotice[] } {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const flows = parseFlows(params.get("flows"));
  const seed = sanitizeSeed(params.get("seed"));
  const mode = parseMode(params.get("mode"));
  const steps = parseSteps(params.get("step"));
  const notices = [...flows.notices, ...(seed.notice ? [{ field: "seed" as const, message: seed.notice.message }] : []), mode.notice, steps.notice].filter(
    (notice): notice is CompareNotice => notice !== undefined,
  );
  return { location: { flows: flows.flows, seed: seed.seed, mode: mode.mode, steps: steps.steps }, notices };
}

/**
 * Fit the address's steps to the traces: together, one row of `rowCount`; apart, one step per
 * flow (a missing one is 1). A step past the end shows the last one, with a notice.
 */
export function fitSteps(location: CompareLocation, rowCount: number, stepCounts: readonly number[]): { steps: number[]; notice?: CompareNotice } {
  if (location.mode === "together") {
    const fitted = clampStep(location.steps[0] ?? 1, rowCount);
    return { steps: [fitted.step], ...(fitted.notice ? { notice: { field: "step" as const, message: fitted.notice.message.replace("This scenario has", "Stepped together, these flows have") } } : {}) };
  }
  let notice: CompareNotice | undefined;
  const steps = stepCounts.map((count, column) => {
    const fitted = clampStep(location.steps[column] ?? 1, count);
    if (fitted.notice && !notice) notice = { field: "step", message: "A step in the link is past the end of its flow, so that flow shows its last step." };
    return fitted.step;
  });
  return { steps, ...(notice ? { notice } : {}) };
}

/** `?flows=a,b&seed=S&mode=together&step=N` (apart: `step=N,M[,K]`). */
export function serializeCompareUrl(location: CompareLocation): string {
  const steps = (location.mode === "together" ? location.steps.slice(0, 1) : location.steps).map((step) => Math.max(1, Math.floor(step)));
  return `?flows=${location.flows.join(",")}&seed=${encodeURIComponent(location.seed)}&mode=${location.mode}&step=${steps.join(",")}`;
}

export function compareHref(flows: readonly string[], seed: string = DEFAULT_SEED): string {
  return `/compare?flows=${flows.map(encodeURIComponent).join(",")}${seed === DEFAULT_SEED ? "" : `&seed=${encodeURIComponent(seed)}`}`;
}
