"use client";

import type { Trace } from "@/machines/trace";

/** What happened in one step, for developers: the raw HTTP of the step. */
export function Inspector({ trace, index }: { trace: Trace; index: number }) {
  const step = trace.steps[index];
  if (!step) return null;
  return (
    <section aria-label="Inspector" className="text-sm">
      {step.request ? <pre className="overflow-x-auto whitespace-pre-wrap break-all">{`${step.request.method} ${step.request.url}`}</pre> : null}
      {step.response ? <pre className="overflow-x-auto whitespace-pre-wrap break-all">{`HTTP ${step.response.status}`}</pre> : null}
    </section>
  );
}
