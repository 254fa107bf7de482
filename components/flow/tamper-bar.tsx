"use client";

import { describeEdit } from "@/machines/tamper";
import type { Trace } from "@/machines/trace";
import { Icon } from "./icons";
import { useTampering } from "./tampering";

/** Ranges of step numbers, as people read them: "10–14, 16". */
function ranges(indices: readonly number[]): string {
  const parts: string[] = [];
  for (let at = 0; at < indices.length; ) {
    let end = at;
    while (end + 1 < indices.length && indices[end + 1] === indices[end]! + 1) end++;
    parts.push(end === at ? String(indices[at]! + 1) : `${indices[at]! + 1}–${indices[end]! + 1}`);
    at = end + 1;
  }
  return parts.join(", ");
}

/** What the learner edited in this run, which steps changed because of it, and the way back. */
export function TamperBar({ trace, busy }: { trace: Trace; busy: boolean }) {
  const tampering = useTampering();
  if (!tampering) return null;
  const edited = trace.steps.filter((step) => step.edited);
  const changed = trace.changed ?? [];
  return (
    <section aria-label="Your edits" data-tamper-bar className="flex flex-wrap items-start gap-x-3 gap-y-2 rounded-lg border border-dashed border-accent bg-accent-soft px-3 py-2 text-sm text-foreground">
      <Icon name="info" className="mt-0.5 size-4 shrink-0 text-accent" />
      <div className="min-w-[14rem] flex-1 space-y-1">
        <p className="font-semibold">You are watching an edited run.</p>
        <ul className="space-y-0.5">
          {edited.map((step) => (
            <li key={step.index} className="break-words">
              <button type="button" onClick={() => tampering.goTo(step.index)} className="font-medium text-accent underline underline-offset-2">
                Step {step.index + 1}
              </button>{" "}
              ({step.title}): you {step.edited!.map((edit) => describeEdit(edit)).join("; ")}.
            </li>
          ))}
        </ul>
        <p data-changed-summary className="text-muted">
          {changed.length === 0
            ? "No step differs from the original run: the servers answered exactly as before."
            : `${changed.length === 1 ? "Step" : "Steps"} ${ranges(changed)} ${changed.length === 1 ? "differs" : "differ"} from the original run (marked “changed” on the stage).`}
        </p>
        {trace.rejectedEdits && trace.rejectedEdits.length > 0 ? (
          <ul className="space-y-0.5" data-rejected-edits>
            {trace.rejectedEdits.map((rejected, at) => (
              <li key={at} className="break-words text-[var(--tone-error)]">
                Not applied ({describeEdit(rejected.edit, 30)} at step {rejected.edit.step + 1}): {rejected.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <button
        type="button"
        onClick={tampering.undo}
        disabled={busy}
        data-undo-edits
        className="inline-flex h-9 shrink-0 items-center gap-1.5 rounded-lg border border-line bg-surface-raised px-3 font-medium text-foreground hover:border-accent hover:text-accent disabled:opacity-50"
      >
        <Icon name="restart" className="size-4" />
        Undo edits
      </button>
    </section>
  );
}
