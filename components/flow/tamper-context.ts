"use client";

import { createContext, useContext } from "react";
import type { RequestEdit } from "@/machines/tamper";
import type { TraceRequest } from "@/machines/player";

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

export const TamperContext = createContext<Tampering | undefined>(undefined);

/** The flow page's tampering controls; undefined outside a flow page (the inspector then offers no editor). */
export function useTampering(): Tampering | undefined {
  return useContext(TamperContext);
}
