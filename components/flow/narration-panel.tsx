import type { Narration } from "@/content/narration";
import { customGrantNote, rfcUrl } from "@/content/narration-notes";
import { cn } from "@/components/ui/cn";
import { stepProblem, stepTone } from "@/machines/stage";
import type { TraceStep } from "@/machines/trace";
import { Icon } from "./icons";
import { LANES } from "./lanes";

const CHANNELS = { front: "Front channel · through the browser", back: "Back channel · server to server", local: "Inside one role" } as const;

/** What happens in the step, why it exists, what would go wrong without it, and the RFC section. */
export function NarrationPanel({ step, count, narration, grantedScope }: { step: TraceStep; count: number; narration?: Narration; grantedScope?: readonly string[] }) {
  const problem = stepProblem(step);
  const tone = stepTone(step);
  const route = step.from === step.to ? LANES[step.from].name : `${LANES[step.from].name} → ${LANES[step.to].name}`;
  return (
    <section aria-labelledby="narration-heading" className="rounded-xl border border-line bg-surface-raised p-4 shadow-sm" data-narration={narration ? "present" : "missing"}>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-muted">
        <span className="font-semibold text-foreground">
          Step {step.index + 1} of {count}
        </span>
        <span aria-hidden="true">·</span>
        <span>{route}</span>
        <span aria-hidden="true">·</span>
        <span>{CHANNELS[step.channel]}</span>
      </p>
      <h2 id="narration-heading" className="mt-1 text-lg leading-snug font-semibold text-balance text-foreground">
        {step.title}
      </h2>
      {problem && tone !== "ok" ? (
        <p
          className={cn(
            "mt-2 flex items-start gap-1.5 rounded-md border px-2 py-1.5 text-sm",
            tone === "wait"
              ? "border-[var(--tone-wait-line)] bg-[var(--tone-wait-soft)] text-[var(--tone-wait)]"
              : "border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] text-[var(--tone-error)]",
          )}
        >
          <Icon name={tone === "wait" ? "hourglass" : "alert"} className="mt-0.5 size-4 shrink-0" />
          <span>
            <span className="font-semibold">{tone === "wait" ? "Keep waiting: " : problem.code === "check failed" ? "A check failed: " : "Refused: "}</span>
            {problem.code === "check failed" ? problem.description : <code className="font-mono font-semibold">{problem.code}</code>}
            {problem.code !== "check failed" && problem.description ? ` — ${problem.description}` : null}
          </span>
        </p>
      ) : null}
      {narration && grantedScope ? (
        <p data-custom-grant className="mt-2 flex items-start gap-1.5 rounded-md border border-line bg-surface px-2 py-1.5 text-xs leading-5 text-muted">
          <Icon name="info" className="mt-0.5 size-3.5 shrink-0" />
          {customGrantNote(grantedScope)}
        </p>
      ) : null}
      {narration ? (
        <div className="mt-2 space-y-2 text-sm leading-6 text-foreground">
          <p>{narration.what}</p>
          <div>
            <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">Why this step exists</h3>
            <p>{narration.why}</p>
          </div>
          <div>
            <h3 className="text-xs font-semibold tracking-wide text-muted uppercase">Without it</h3>
            <p>{narration.without}</p>
          </div>
        </div>
      ) : null}
      <p className="mt-3 text-sm">
        <a
          href={rfcUrl(step.reference.rfc, step.reference.section)}
          target="_blank"
          rel="noreferrer"
          className="inline-flex items-center gap-1 rounded font-medium text-accent underline-offset-2 hover:underline"
        >
          RFC {step.reference.rfc} §{step.reference.section}
          <Icon name="external" className="size-3.5" />
          <span className="sr-only">(opens the RFC on rfc-editor.org in a new tab)</span>
        </a>
      </p>
    </section>
  );
}
