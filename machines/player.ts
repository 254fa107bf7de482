/**
 * Playback of a flow's trace on the flow page: load (run the flow), then step through it — next,
 * back, first, last, go to a step — or play it at a speed. Steps are indices into the recorded
 * trace, so going back or jumping is instant: nothing is run again until the scenario, the seed
 * or the granted scopes change.
 */
import { assertEvent, assign, fromPromise, setup } from "xstate";
import { clampStep, type FlowUrlNotice } from "./flow-url";
import type { RequestEdit } from "./tamper";
import type { Trace } from "./trace";

/** What to run: a flow, one of its scenarios, a seed, and the scopes the person leaves ticked. */
export interface TraceRequest {
  readonly flow: string;
  readonly scenario: string;
  readonly seed: string;
  readonly grantedScope?: readonly string[];
  /** The learner's edits to requests (tampering); absent or empty: the run as the roles make it. */
  readonly edits?: readonly RequestEdit[];
}

/** A trace already recorded, and the request it answers. */
export interface KnownTrace {
  readonly request: TraceRequest;
  readonly trace: Trace;
}

/** How many recorded traces the player keeps, so going back to a scenario is instant. */
export const KNOWN_TRACES = 12;

/** One string per distinct request: same flow, scenario, seed and ticked scopes. */
export function requestKey(request: TraceRequest): string {
  const key: unknown[] = [request.flow, request.scenario, request.seed, request.grantedScope ?? null];
  if (request.edits && request.edits.length > 0) key.push(request.edits.map((edit) => [edit.step, edit.where, edit.op, edit.name, edit.value ?? null]));
  return JSON.stringify(key);
}

/** Playback speeds, as multiples of the normal pace. */
export const SPEEDS = [0.5, 1, 1.5, 2, 4] as const;
/** How long one step stays on screen at speed 1 while playing. */
export const STEP_MS = 2400;

export interface PlayerContext {
  readonly request?: TraceRequest;
  /** The trace being shown; kept while a new one loads, so the page does not blink. */
  readonly trace?: Trace;
  /** The step shown: an index into trace.steps. */
  readonly index: number;
  /** The step to show once the loading trace arrives (clamped to its length). */
  readonly pendingIndex: number;
  readonly speed: number;
  readonly error?: string;
  /** Why what is shown differs from what was asked (a scenario that does not exist, a step past the end …). */
  readonly notices: readonly FlowUrlNotice[];
  /** Traces recorded so far (and any handed in), newest last: asking for one again shows it at once. */
  readonly known: readonly KnownTrace[];
}

export type PlayerEvent =
  /**
   * Run a flow; `index` is the step to open (default: stay on the current one); `notices` say what
   * the request changed from what was asked (they replace the previous ones).
   */
  | { type: "LOAD"; request: TraceRequest; index?: number; notices?: readonly FlowUrlNotice[] }
  | { type: "DISMISS_NOTICES" }
  | { type: "NEXT" }
  | { type: "BACK" }
  | { type: "FIRST" }
  | { type: "LAST" }
  | { type: "GOTO"; index: number }
  | { type: "PLAY" }
  | { type: "PAUSE" }
  | { type: "TOGGLE" }
  | { type: "SET_SPEED"; speed: number };

export interface PlayerInput {
  readonly speed?: number;
  /** Traces recorded beforehand (the page's default one, recorded when the site was built). */
  readonly known?: readonly KnownTrace[];
  /** Show this request's trace from the start, if it is known. */
  readonly show?: TraceRequest;
}

/** Load the engine (the flows and the mock servers): on first use, or ahead of it when a learner reaches for a control. */
export function loadEngine() {
  return Promise.all([import("./flows"), import("./run")]);
}

/** The comparison of an edited run with the original: loaded only for runs with edits. */
export function loadTamper() {
  return import("./tamper");
}

/** Run the flow the request names. */
export async function loadTrace(request: TraceRequest): Promise<Trace> {
  const [{ findFlow }, { runFlow }] = await loadEngine();
  const flow = findFlow(request.flow);
  if (!flow) throw new Error(`There is no flow “${request.flow}”.`);
  const scenario = flow.scenarios.find((candidate) => candidate.id === request.scenario);
  if (!scenario) throw new Error(`The flow “${request.flow}” has no scenario “${request.scenario}”.`);
  const asked = request.grantedScope ? { ...scenario, grantedScope: request.grantedScope } : scenario;
  if (!request.edits || request.edits.length === 0) return runFlow(flow, asked, request.seed);
  // An edited run, and which of its steps differ from the run without the edits.
  const [{ changedSteps }, original, edited] = await Promise.all([loadTamper(), runFlow(flow, asked, request.seed), runFlow(flow, asked, request.seed, { edits: request.edits })]);
  return { ...edited, changed: changedSteps(original, edited) };
}

function lastIndex(context: PlayerContext): number {
  return Math.max(0, (context.trace?.steps.length ?? 1) - 1);
}

export function clampIndex(index: number, count: number): number {
  if (!Number.isFinite(index)) return index > 0 ? Math.max(0, count - 1) : 0;
  return Math.min(Math.max(0, Math.trunc(index)), Math.max(0, count - 1));
}

function findKnown(known: readonly KnownTrace[], request: TraceRequest): KnownTrace | undefined {
  const key = requestKey(request);
  return known.find((entry) => requestKey(entry.request) === key);
}

/** The trace to show for a load and the step to open, with a notice when the step was past the end. */
function arrive(context: PlayerContext, request: TraceRequest, trace: Trace, pendingIndex: number, notices: readonly FlowUrlNotice[]) {
  const clamped = clampStep(pendingIndex + 1, trace.steps.length).notice;
  return {
    request,
    trace,
    index: clampIndex(pendingIndex, trace.steps.length),
    notices: clamped ? [...notices, clamped] : notices,
    known: [...context.known.filter((entry) => requestKey(entry.request) !== requestKey(request)), { request, trace }].slice(-KNOWN_TRACES),
  };
}

/** Whether a LOAD asks for what is already on screen: the same run at the same step, with nothing to say about it. */
function asksForWhatIsShown(context: PlayerContext, event: Extract<PlayerEvent, { type: "LOAD" }>): boolean {
  if (!context.request || !context.trace || context.notices.length > 0 || (event.notices?.length ?? 0) > 0) return false;
  return (event.index ?? context.index) === context.index && requestKey(event.request) === requestKey(context.request);
}

function speedOf(value: number): number {
  return (SPEEDS as readonly number[]).includes(value) ? value : 1;
}

export const playerMachine = setup({
  types: {
    context: {} as PlayerContext,
    events: {} as PlayerEvent,
    input: {} as PlayerInput,
  },
  actors: {
    loadTrace: fromPromise<Trace, TraceRequest>(({ input }) => loadTrace(input)),
  },
  delays: {
    /** The time a step stays on screen while playing, shorter at higher speeds. */
    stepDelay: ({ context }) => STEP_MS / context.speed,
  },
  guards: {
    hasNext: ({ context }) => context.index < lastIndex(context),
    hasPrevious: ({ context }) => context.index > 0,
    isAtEnd: ({ context }) => context.index >= lastIndex(context),
    isShown: ({ context, event }) => event.type === "LOAD" && asksForWhatIsShown(context, event),
    isKnown: ({ context, event }) => event.type === "LOAD" && findKnown(context.known, event.request) !== undefined,
    hasTrace: ({ context }) => context.trace !== undefined,
  },
  actions: {
    showKnown: assign(({ context, event }) => {
      assertEvent(event, "LOAD");
      const known = findKnown(context.known, event.request)!;
      return { ...arrive(context, known.request, known.trace, event.index ?? context.index, event.notices ?? []), error: undefined };
    }),
    requestTrace: assign(({ context, event }) => {
      assertEvent(event, "LOAD");
      return { request: event.request, pendingIndex: event.index ?? context.index, error: undefined, notices: event.notices ?? [] };
    }),
    next: assign({ index: ({ context }) => Math.min(context.index + 1, lastIndex(context)) }),
    back: assign({ index: ({ context }) => Math.max(context.index - 1, 0) }),
    first: assign({ index: 0 }),
    last: assign({ index: ({ context }) => lastIndex(context) }),
    goTo: assign({
      index: ({ context, event }) => {
        assertEvent(event, "GOTO");
        return clampIndex(event.index, lastIndex(context) + 1);
      },
    }),
    setSpeed: assign({
      speed: ({ event }) => {
        assertEvent(event, "SET_SPEED");
        return speedOf(event.speed);
      },
    }),
  },
}).createMachine({
  id: "player",
  description: "Plays a flow's recorded trace step by step.",
  context: ({ input }) => {
    const known = input.known ?? [];
    const shown = input.show ? findKnown(known, input.show) : undefined;
    return { index: 0, pendingIndex: 0, speed: speedOf(input.speed ?? 1), notices: [], known, ...(shown ? { request: shown.request, trace: shown.trace } : {}) };
  },
  initial: "idle",
  on: {
    LOAD: [
      { guard: "isKnown", target: ".ready", actions: "showKnown", reenter: true },
      { target: ".loading", actions: "requestTrace", reenter: true },
    ],
    SET_SPEED: { actions: "setSpeed" },
    DISMISS_NOTICES: { actions: assign({ notices: [] }) },
  },
  states: {
    idle: {
      description: "Nothing asked for yet: the page has not read its address.",
      always: { guard: "hasTrace", target: "ready" },
    },
    loading: {
      description: "Running the flow against the mock servers to record its trace.",
      invoke: {
        src: "loadTrace",
        input: ({ context }) => context.request!,
        onDone: {
          target: "ready",
          // A step past the end shows the last one, and says so.
          actions: assign(({ context, event }) => arrive(context, context.request!, event.output, context.pendingIndex, context.notices)),
        },
        onError: {
          target: "failed",
          actions: assign({ error: ({ event }) => (event.error instanceof Error ? event.error.message : String(event.error)) }),
        },
      },
    },
    failed: {
      description: "The flow could not be run; the error says why.",
    },
    ready: {
      description: "A trace is loaded; the learner steps through it or plays it.",
      initial: "paused",
      on: {
        // Stepping by hand takes over from playback.
        NEXT: { guard: "hasNext", target: ".paused", actions: "next" },
        BACK: { guard: "hasPrevious", target: ".paused", actions: "back" },
        FIRST: { target: ".paused", actions: "first" },
        LAST: { target: ".paused", actions: "last" },
        GOTO: { target: ".paused", actions: "goTo" },
      },
      states: {
        paused: {
          description: "Showing one step until the learner moves on.",
          on: {
            // Asked for what is on screen (the page reading its own address): nothing changes, nothing renders again.
            LOAD: { guard: "isShown" },
            PLAY: [{ guard: "isAtEnd", target: "playing", actions: "first" }, { target: "playing" }],
            TOGGLE: [{ guard: "isAtEnd", target: "playing", actions: "first" }, { target: "playing" }],
          },
        },
        playing: {
          description: "Moving to the next step after each delay, until the last one.",
          always: { guard: "isAtEnd", target: "paused" },
          after: {
            stepDelay: [
              { guard: "hasNext", target: "playing", reenter: true, actions: "next" },
              { target: "paused" },
            ],
          },
          on: {
            PAUSE: { target: "paused" },
            TOGGLE: { target: "paused" },
          },
        },
      },
    },
  },
});

export type PlayerMachine = typeof playerMachine;
