/**
 * Running a flow: the wire holds every message; each `step()` delivers the next one, and XState's
 * inspection API records the delivery as a trace step. Running to the end gives the whole trace.
 */
import type { AnyActorRef, InspectionEvent } from "xstate";
import { createActor } from "xstate";
import type { DeliverEvent, WireMessage, WireStepEvent } from "./roles/messages";
import { artifactsOf } from "./roles/messages";
import { stepKind } from "./steps";
import type { FlowDefinition, Scenario } from "./flows/types";
import { applyEdits, type RejectedEdit, type RequestEdit } from "./tamper";
import type { Knowledge, RoleId, RoleOutcome, Trace, TraceStep } from "./trace";
import { createWorld } from "./world";
import { createRandom } from "./world/random";

export class FlowStalledError extends Error {}

/** Turn one delivered message into the trace step it is. */
function toStep(message: WireMessage, index: number, time: number, references: FlowDefinition["references"]): TraceStep {
  const kind = stepKind(message.id);
  return {
    index,
    id: message.id,
    title: kind.title,
    from: message.from,
    to: message.to,
    channel: message.channel,
    ...(message.request ? { request: message.request } : {}),
    ...(message.response ? { response: message.response } : {}),
    ...(message.link ? { link: message.link } : {}),
    artifacts: artifactsOf(message),
    checks: message.checks ?? [],
    knowledge: {},
    reference: references?.[message.id] ?? kind.reference,
    time,
    ...(message.wait ? { waited: message.wait } : {}),
    ...(message.edited ? { edited: message.edited } : {}),
  };
}

export interface RunOptions {
  /** Also receives every inspection event (model-based coverage, debugging). */
  readonly inspect?: (event: InspectionEvent) => void;
  /**
   * The learner's edits: each changes the request of the step it names (by its index in this run)
   * just before the wire delivers it, so the receiving role gets the edited request.
   */
  readonly edits?: readonly RequestEdit[];
}

export interface FlowRun {
  /** Deliver the next message; false when the flow has ended. */
  step(): Promise<boolean>;
  readonly steps: readonly TraceStep[];
  /** The trace so far (complete once step() has returned false). */
  trace(): Trace;
}

export async function startFlow<S extends Scenario>(flow: FlowDefinition<S>, scenario: S, seed: string, options: RunOptions = {}): Promise<FlowRun> {
  const world = await createWorld({ seed, ...scenario.world });
  const random = createRandom(`${seed}:roles`);
  const steps: TraceStep[] = [];
  const inFlight = new Set<AnyActorRef>();
  /** Each role's latest knowledge and final output, kept as they change (a finished role leaves the system). */
  const knowledge: Partial<Record<RoleId, Knowledge>> = {};
  const ended: Partial<Record<RoleId, RoleOutcome>> = {};
  let wake: (() => void) | undefined;
  const edits = options.edits ?? [];
  const rejectedEdits: RejectedEdit[] = [];

  function inspect(event: InspectionEvent): void {
    options.inspect?.(event);
    const actor = event.actorRef as AnyActorRef & { logic?: object };
    // Actors that are not state machines are work in flight: a request being answered, a hash being computed.
    if (event.type === "@xstate.actor" && actor.logic && !("root" in actor.logic)) inFlight.add(actor);
    if (event.type === "@xstate.snapshot") {
      const snapshot = event.snapshot as { status: string; output?: RoleOutcome; context?: { knows?: Knowledge } };
      if (inFlight.has(actor) && snapshot.status !== "active") inFlight.delete(actor);
      const role = (actor as { systemId?: string }).systemId as RoleId | undefined;
      if (role && flow.roles.includes(role)) {
        if (snapshot.context?.knows) knowledge[role] = snapshot.context.knows;
        if (snapshot.status === "done" && snapshot.output) ended[role] = snapshot.output;
      }
    }
    if (event.type === "@xstate.event" && event.event.type === "DELIVER" && (event.sourceRef as (AnyActorRef & { systemId?: string }) | undefined)?.systemId === "wire") {
      steps.push(toStep((event.event as DeliverEvent).message, steps.length, world.clock.now(), flow.references));
    }
    wake?.();
  }

  const root = createActor(flow.createMachine({ world, random }, scenario), { inspect });
  root.start();
  const wire = root.system.get("wire") as AnyActorRef;
  const roles = flow.roles;
  const queue = (): readonly WireMessage[] => wire.getSnapshot().context.queue;

  /**
   * Wait until nothing is left running. Stepping only when every role is idle keeps the order of
   * the wire's queue independent of how fast a hash or a signature completes (determinism).
   */
  async function settle(): Promise<void> {
    for (let rounds = 0; inFlight.size > 0; rounds++) {
      if (rounds > 10_000) throw new FlowStalledError(`${flow.id}/${scenario.id} stalled with work in flight`);
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    const last = steps.at(-1);
    if (last) steps[steps.length - 1] = { ...last, knowledge: knowledgeOfRoles() };
  }

  function knowledgeOfRoles(): Partial<Record<RoleId, Knowledge>> {
    return { ...knowledge };
  }

  function outcomes(): RoleOutcome[] {
    return roles.flatMap((role) => (ended[role] ? [ended[role]] : []));
  }

  /** The learner's edits for the step about to happen, applied to its request; undefined when there are none. */
  function tamper(next: WireMessage): WireStepEvent | undefined {
    const mine = edits.filter((edit) => edit.step === steps.length);
    if (mine.length === 0) return undefined;
    const result = applyEdits(next.request, mine);
    rejectedEdits.push(...result.rejected);
    if (!result.request || result.applied.length === 0) return undefined;
    return { type: "WIRE.STEP", edited: { ...next, request: result.request, edited: result.applied } };
  }

  await settle();

  return {
    steps,
    async step() {
      const [next] = queue();
      if (!next) return false;
      if (next.wait) world.clock.advance(next.wait);
      wire.send(tamper(next) ?? { type: "WIRE.STEP" });
      await settle();
      return true;
    },
    trace: () => ({
      flow: flow.id,
      scenario: scenario.id,
      seed,
      roles,
      steps: [...steps],
      outcomes: outcomes(),
      ...(edits.length > 0 ? { rejectedEdits: [...rejectedEdits, ...edits.filter((edit) => edit.step >= steps.length).map((edit) => ({ edit, reason: `This run has ${steps.length} steps, so there is no step ${edit.step + 1} to edit.` }))] } : {}),
    }),
  };
}

/** Run a flow to its end and return its trace. */
export async function runFlow<S extends Scenario>(flow: FlowDefinition<S>, scenario: S, seed: string, options: RunOptions = {}): Promise<Trace> {
  const run = await startFlow(flow, scenario, seed, options);
  for (let guard = 0; await run.step(); guard++) {
    if (guard > 500) throw new FlowStalledError(`${flow.id}/${scenario.id} did not end within 500 steps`);
  }
  return run.trace();
}
