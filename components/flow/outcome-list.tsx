import { useId, type CSSProperties } from "react";
import { cn } from "@/components/ui/cn";
import type { RoleOutcome, Trace } from "@/machines/trace";
import { Icon } from "./icons";
import { LANES } from "./lanes";

/** Good or bad for the person whose data it is: an attacker reaching the API is bad news. */
function isGood(outcome: RoleOutcome): boolean {
  return outcome.role === "attacker" ? outcome.kind === "error" : outcome.kind === "resource";
}

function headline(outcome: RoleOutcome): string {
  if (outcome.role === "attacker") return outcome.kind === "resource" ? "The attacker got in" : "The attacker was stopped";
  return outcome.kind === "resource" ? "Reached the resource" : "Stopped with an error";
}

/** How each role ended the run, shown at the flow's last step. */
export function OutcomeList({ trace, className }: { trace: Trace; className?: string }) {
  // A unique id per list: the compare page shows several flows' outcomes at once.
  const headingId = useId();
  if (trace.outcomes.length === 0) return null;
  return (
    <section data-outcomes aria-labelledby={headingId} className={cn("rounded-xl border border-line bg-surface-raised p-3", className)}>
      <h3 id={headingId} className="text-sm font-semibold text-foreground">
        How it ended
      </h3>
      <ul className="mt-2 grid gap-2 sm:grid-cols-2">
        {trace.outcomes.map((outcome) => {
          const good = isGood(outcome);
          return (
            <li
              key={outcome.role}
              data-outcome-role={outcome.role}
              data-outcome-kind={outcome.kind}
              data-outcome-result={outcome.result}
              style={{ "--lane": LANES[outcome.role].color } as CSSProperties}
              className={cn(
                "flex items-start gap-2 rounded-lg border border-l-4 border-l-[var(--lane)] px-2.5 py-2 text-sm",
                good ? "border-[var(--tone-ok-line)] bg-[var(--tone-ok-soft)]" : "border-[var(--tone-error-line)] bg-[var(--tone-error-soft)]",
              )}
            >
              <span className={cn("mt-0.5 shrink-0", good ? "text-[var(--tone-ok)]" : "text-[var(--tone-error)]")}>
                <Icon name={good ? "check" : outcome.role === "attacker" ? "alert" : "cross"} className="size-4" />
              </span>
              <span className="min-w-0">
                <span className="block font-semibold text-foreground">
                  {LANES[outcome.role].name}: {headline(outcome)}{" "}
                  <code className={cn("rounded px-1 font-mono text-xs whitespace-nowrap", good ? "text-[var(--tone-ok)]" : "text-[var(--tone-error)]")}>
                    {outcome.kind === "resource" ? `HTTP ${outcome.result}` : outcome.result}
                  </code>
                </span>
                <span className="block text-foreground">{outcome.summary}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
