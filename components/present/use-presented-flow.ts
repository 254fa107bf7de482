"use client";

import { useActorRef, useSelector } from "@xstate/react";
import { useCallback, useSyncExternalStore } from "react";
import type { FlowInfo } from "@/components/flow/flow-info";
import type { FlowLocation } from "@/machines/flow-url";
import { playerMachine, type PlayerEvent, type TraceRequest } from "@/machines/player";
import type { Trace } from "@/machines/trace";

export function requestOf(flow: string, location: Pick<FlowLocation, "scenario" | "seed">): TraceRequest {
  return { flow, scenario: location.scenario, seed: location.seed };
}

const noSubscription = () => () => undefined;

/** False in the static HTML and while React hydrates it; true once the page runs. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * One flow played with the simulator's player (machines/player.ts): the default trace recorded at
 * build time is shown at once; any other scenario or seed loads the engine on demand.
 */
export function usePresentedFlow(flow: FlowInfo, initial: Trace) {
  const first = requestOf(flow.id, { scenario: initial.scenario, seed: initial.seed });
  const actor = useActorRef(playerMachine, { input: { known: [{ request: first, trace: initial }], show: first } });
  const send = useCallback((event: PlayerEvent) => actor.send(event), [actor]);
  const trace = useSelector(actor, (snapshot) => snapshot.context.trace);
  const index = useSelector(actor, (snapshot) => snapshot.context.index);
  const request = useSelector(actor, (snapshot) => snapshot.context.request);
  const notices = useSelector(actor, (snapshot) => snapshot.context.notices);
  const ready = useSelector(actor, (snapshot) => snapshot.matches("ready"));
  const loading = useSelector(actor, (snapshot) => snapshot.matches("loading"));
  const error = useSelector(actor, (snapshot) => (snapshot.matches("failed") ? (snapshot.context.error ?? "unknown error") : undefined));
  return { actor, send, trace, index, request, notices, ready, loading, error, step: trace?.steps[index] };
}

