/**
 * Playback of a comparison: load (run each flow's default scenario at the seed), then step the
 * flows together — one row of the phase alignment at a time — or apart, each flow on its own.
 * Keys and controls send the same events as on the flow page (NEXT, BACK, FIRST, LAST, TOGGLE).
 */
import { assertEvent, assign, fromPromise, setup } from "xstate";
import { alignByPhase, fitSteps, rowOfStep, shownStep, type CompareLocation, type CompareNotice, type CompareRow, type StepMode } from "./compare";
import { STEP_MS } from "./player";
import type { Trace } from "./trace";

/**
 * Run the default scenario of each flow at the seed. The engine (the flows and the mock servers)
 * is imported here, on first use, as machines/player.ts does: the page's first load stays lean,
 * and any flows and seed a link names can be compared (recording every combination at build time
 * would ship every flow's trace in the page).
 */
export async function loadComparison(flows: readonly string[], seed: string): Promise<Trace[]> {
  const [{ findFlow }, { runFlow }] = await Promise.all([import("./flows"), import("./run")]);
  const traces: Trace[] = [];
  for (const id of flows) {
    const flow = findFlow(id);
    if (!flow) throw new Error(`There is no flow “${id}”.`);
    traces.push(await runFlow(flow, flow.scenarios[0]!, seed));
  }
  return traces;
}

export interface ComparePlayerContext {
  readonly location?: CompareLocation;
  readonly traces?: readonly Trace[];
  readonly rows: readonly CompareRow[];
  readonly mode: StepMode;
  /** Stepping together: the row shown. */
  readonly row: number;
  /** Stepping apart: each flow's step. */
  readonly steps: readonly number[];
  /** Stepping apart: the flow the keys move. */
  readonly active: number;
  readonly notices: readonly CompareNotice[];
  readonly error?: string;
}

export type ComparePlayerEvent =
  | { type: "LOAD"; location: CompareLocation; notices?: readonly CompareNotice[] }
  | { type: "DISMISS_NOTICES" }
  /** `column`: stepping apart, the flow to move (default: the active one). */
  | { type: "NEXT"; column?: number }
  | { type: "BACK"; column?: number }
  | { type: "FIRST"; column?: number }
  | { type: "LAST"; column?: number }
  | { type: "GOTO_ROW"; row: number }
  /** Show this step of one flow: together, the row where it happens; apart, only that flow moves. */
  | { type: "GOTO_STEP"; column: number; step: number }
  | { type: "SET_MODE"; mode: StepMode }
  | { type: "PLAY" }
  | { type: "PAUSE" }
  | { type: "TOGGLE" };

type Move = "NEXT" | "BACK" | "FIRST" | "LAST";

function clamp(value: number, count: number): number {
  return Math.min(Math.max(0, Math.trunc(value)), Math.max(0, count - 1));
}

function stepCount(context: ComparePlayerContext, column: number): number {
  return context.traces?.[column]?.steps.length ?? 0;
}

function moved(position: number, count: number, move: Move): number {
  if (move === "NEXT") return clamp(position + 1, count);
  if (move === "BACK") return clamp(position - 1, count);
  if (move === "FIRST") return 0;
  return Math.max(0, count - 1);
}

function columnOf(context: ComparePlayerContext, event: { column?: number }): number {
  const column = event.column ?? context.active;
  return clamp(column, context.traces?.length ?? 1);
}

/** Apply a move to the row (together) or to one flow's step (apart). */
function applyMove(context: ComparePlayerContext, event: ComparePlayerEvent & { type: Move }): Partial<ComparePlayerContext> {
  if (context.mode === "together") return { row: moved(context.row, context.rows.length, event.type) };
  const column = columnOf(context, event);
  return { active: column, steps: context.steps.map((step, index) => (index === column ? moved(step, stepCount(context, index), event.type) : step)) };
}

function atEnd(context: ComparePlayerContext): boolean {
  if (context.mode === "together") return context.row >= context.rows.length - 1;
  return context.steps[context.active]! >= stepCount(context, context.active) - 1;
}

/** Where the flows are shown, the same moment in either mode. */
export function positionsOf(context: ComparePlayerContext): number[] {
  if (!context.traces) return [];
  if (context.mode === "apart") return [...context.steps];
  return context.traces.map((_, column) => shownStep(context.rows, context.row, column));
}

export const comparePlayerMachine = setup({
  types: {
    context: {} as ComparePlayerContext,
    events: {} as ComparePlayerEvent,
  },
  actors: {
    loadComparison: fromPromise<Trace[], CompareLocation>(({ input }) => loadComparison(input.flows, input.seed)),
  },
  delays: {
    stepDelay: STEP_MS,
  },
  guards: {
    isAtEnd: ({ context }) => atEnd(context),
    hasTraces: ({ context }) => context.traces !== undefined,
  },
  actions: {
    requestComparison: assign(({ event }) => {
      assertEvent(event, "LOAD");
      return { location: event.location, mode: event.location.mode, notices: event.notices ?? [], error: undefined };
    }),
    move: assign(({ context, event }) => {
      assertEvent(event, ["NEXT", "BACK", "FIRST", "LAST"]);
      return applyMove(context, event);
    }),
    first: assign(({ context }) => applyMove(context, { type: "FIRST" })),
    next: assign(({ context }) => applyMove(context, { type: "NEXT" })),
    goToRow: assign(({ context, event }) => {
      assertEvent(event, "GOTO_ROW");
      return { mode: "together" as const, row: clamp(event.row, context.rows.length) };
    }),
    goToStep: assign(({ context, event }) => {
      assertEvent(event, "GOTO_STEP");
      const column = columnOf(context, event);
      const step = clamp(event.step, stepCount(context, column));
      if (context.mode === "together") return { row: rowOfStep(context.rows, column, step) };
      return { active: column, steps: context.steps.map((current, index) => (index === column ? step : current)) };
    }),
    setMode: assign(({ context, event }) => {
      assertEvent(event, "SET_MODE");
      if (event.mode === context.mode) return {};
      if (event.mode === "apart") {
        // Each flow stays on the step it shows; the first flow that has one takes the keys.
        const steps = positionsOf(context).map((step) => Math.max(0, step));
        return { mode: "apart" as const, steps };
      }
      // Together again at the row where the flow the keys moved reaches its step.
      const row = rowOfStep(context.rows, context.active, context.steps[context.active] ?? 0);
      return { mode: "together" as const, row };
    }),
  },
}).createMachine({
  id: "comparePlayer",
  description: "Plays two or three flows side by side, lined up by phase or each on its own.",
  context: { rows: [], mode: "together", row: 0, steps: [], active: 0, notices: [] },
  initial: "idle",
  on: {
    LOAD: { target: ".loading", actions: "requestComparison", reenter: true },
    DISMISS_NOTICES: { actions: assign({ notices: [] }) },
  },
  states: {
    idle: {
      description: "Nothing asked for yet: the page has not read its address.",
    },
    loading: {
      description: "Running each flow's default scenario against the mock servers to record its trace.",
      invoke: {
        src: "loadComparison",
        input: ({ context }) => context.location!,
        onDone: {
          target: "ready",
          actions: assign(({ context, event }) => {
            const traces = event.output;
            const rows = alignByPhase(traces);
            const location = context.location!;
            const fitted = fitSteps(location, rows.length, traces.map((trace) => trace.steps.length));
            return {
              traces,
              rows,
              row: location.mode === "together" ? fitted.steps[0]! - 1 : 0,
              steps: location.mode === "apart" ? fitted.steps.map((step) => step - 1) : traces.map(() => 0),
              active: 0,
              notices: fitted.notice ? [...context.notices, fitted.notice] : context.notices,
            };
          }),
        },
        onError: {
          target: "failed",
          actions: assign({ error: ({ event }) => (event.error instanceof Error ? event.error.message : String(event.error)) }),
        },
      },
    },
    failed: {
      description: "A flow could not be run; the error says why.",
    },
    ready: {
      description: "The traces are loaded and lined up; the learner steps through them.",
      initial: "paused",
      on: {
        NEXT: { target: ".paused", actions: "move" },
        BACK: { target: ".paused", actions: "move" },
        FIRST: { target: ".paused", actions: "move" },
        LAST: { target: ".paused", actions: "move" },
        GOTO_ROW: { target: ".paused", actions: "goToRow" },
        GOTO_STEP: { target: ".paused", actions: "goToStep" },
        SET_MODE: { target: ".paused", actions: "setMode" },
      },
      states: {
        paused: {
          description: "Showing one moment until the learner moves on.",
          on: {
            PLAY: [{ guard: "isAtEnd", target: "playing", actions: "first" }, { target: "playing" }],
            TOGGLE: [{ guard: "isAtEnd", target: "playing", actions: "first" }, { target: "playing" }],
          },
        },
        playing: {
          description: "Moving on after each delay, until the end.",
          always: { guard: "isAtEnd", target: "paused" },
          after: {
            stepDelay: { target: "playing", reenter: true, actions: "next" },
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
