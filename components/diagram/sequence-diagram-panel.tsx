"use client";

import { toMermaid } from "@/machines/trace-format";
import type { Trace } from "@/machines/trace";

/** The whole flow as a sequence diagram. */
export function SequenceDiagramPanel({ trace }: { trace: Trace; index: number }) {
  return <pre className="overflow-x-auto text-xs">{toMermaid(trace)}</pre>;
}
