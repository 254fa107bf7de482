import { cn } from "@/components/ui/cn";
import type { Check, TraceStep } from "@/machines/trace";
import { PanelNote } from "./panel-note";
import { roleName } from "./role-names";
import { StatusBadge } from "./status-badge";

/** The checks a role made in this step: pass or fail, what it compared, expected against actual. */
export function ChecksPanel({ step }: { step: TraceStep }) {
  if (step.checks.length === 0) {
    return <PanelNote>No role makes a check in this step.</PanelNote>;
  }
  return (
    <ul className="space-y-3">
      {step.checks.map((check) => (
        <CheckItem key={check.id} check={check} />
      ))}
    </ul>
  );
}

function CheckItem({ check }: { check: Check }) {
  return (
    <li
      data-check={check.id}
      className={cn("rounded-xl border bg-surface-raised p-3", check.passed ? "border-line" : "border-2 border-red-600 dark:border-red-400")}
    >
      <div className="flex flex-wrap items-start gap-2">
        <StatusBadge ok={check.passed} />
        <p className="min-w-0 flex-1 text-sm font-medium text-foreground">{check.label}</p>
      </div>
      <p className="mt-1 text-xs text-muted">
        Checked by {roleName(check.by)} · <code className="font-mono">{check.id}</code>
      </p>
      {check.expected !== undefined || check.actual !== undefined ? (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
          {check.expected !== undefined ? (
            <>
              <dt className="text-muted">Expected</dt>
              <dd className="font-mono break-all text-foreground">{check.expected}</dd>
            </>
          ) : null}
          {check.actual !== undefined ? (
            <>
              <dt className="text-muted">Actual</dt>
              <dd className={cn("font-mono break-all", check.passed ? "text-foreground" : "font-semibold text-red-700 dark:text-red-300")}>{check.actual === "" ? "(empty)" : check.actual}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </li>
  );
}
