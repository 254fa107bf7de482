"use client";

import { useSelector } from "@xstate/react";
import { useContext, useMemo } from "react";
import type { TraceRequest } from "@/machines/player";
import type { RequestEdit } from "@/machines/tamper";
import { FlowPlayerContext } from "./tamper-context";

/** What the tampering controls (the request editor, the exercises) may do on the flow page. */
export interface Tampering {
  /** What the page shows now: flow, scenario, seed, and the edits in force. */
  readonly request: TraceRequest;
  /** Re-run with these edits (replacing the current ones); optionally in another scenario and opening another step. */
  readonly applyEdits: (edits: readonly RequestEdit[], options?: { scenario?: string; index?: number }) => void;
  /** Back to the run without edits. */
  readonly undo: () => void;
  readonly goTo: (index: number) => void;
}

const NO_ACTOR = { subscribe: () => ({ unsubscribe: () => undefined }), getSnapshot: () => undefined };

/** The flow page's tampering controls; undefined outside a flow page (the inspector then offers no editor). */
export function useTampering(): Tampering | undefined {
  const player = useContext(FlowPlayerContext);
  const actor = player?.actor;
  const request = useSelector(actor ?? NO_ACTOR, (snapshot) => snapshot?.context.request);
  return useMemo(() => {
    if (!actor || !request) return undefined;
    const { edits: _current, ...plain } = request;
    void _current;
    return {
      request,
      applyEdits: (edits, options = {}) => {
        const base: TraceRequest = options.scenario && options.scenario !== plain.scenario ? { flow: plain.flow, scenario: options.scenario, seed: plain.seed } : plain;
        actor.send({ type: "LOAD", request: edits.length > 0 ? { ...base, edits } : base, ...(options.index !== undefined ? { index: options.index } : {}) });
      },
      undo: () => actor.send({ type: "LOAD", request: plain }),
      goTo: (index) => actor.send({ type: "GOTO", index }),
    };
  }, [actor, request]);
}
