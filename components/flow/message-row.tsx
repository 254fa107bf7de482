import { memo, type CSSProperties } from "react";
import { cn } from "@/components/ui/cn";
import { arrowOf, channelTag, chipsOf, messageSummary, stepProblem, stepTone } from "@/machines/stage";
import type { RoleId, TraceStep } from "@/machines/trace";
import { ArtifactChip } from "./artifact-chip";
import { Icon } from "./icons";
import { LANES } from "./lanes";

const CHANNEL_TEXT = { front: "front channel, through the browser", back: "back channel, server to server", local: "inside one role, nothing on the network" } as const;

function ChecksList({ step, compact }: { step: TraceStep; compact: boolean }) {
  const failed = step.checks.filter((check) => !check.passed);
  if (compact && failed.length === 0) {
    return (
      <p className="flex items-center justify-center gap-1 text-xs text-[var(--tone-ok)]">
        <Icon name="check" className="size-3.5" />
        {step.checks.length === 1 ? "1 check passed" : `${step.checks.length} checks passed`}
      </p>
    );
  }
  const shown = compact ? failed : step.checks;
  return (
    <ul className="mx-auto mt-1 flex w-fit max-w-full flex-col gap-0.5 text-left text-xs" aria-label="Checks">
      {shown.map((check) => (
        <li
          key={check.id}
          data-check={check.passed ? "passed" : "failed"}
          className={cn(
            "flex items-start gap-1.5 rounded-md px-1.5 py-0.5",
            check.passed ? "text-[var(--tone-ok)]" : "border border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] font-semibold text-[var(--tone-error)]",
          )}
        >
          <Icon name={check.passed ? "check" : "cross"} className="mt-px size-3.5 shrink-0" />
          <span>
            <span className="sr-only">{check.passed ? "Passed: " : "Failed: "}</span>
            {check.label}
            {!check.passed && check.expected !== undefined ? (
              <span className="block font-normal">
                expected <code className="font-mono">{check.expected}</code>, got <code className="font-mono">{check.actual ?? "nothing"}</code>
              </span>
            ) : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Problem({ step }: { step: TraceStep }) {
  const problem = stepProblem(step);
  if (!problem || problem.code === "check failed") return null;
  const wait = stepTone(step) === "wait";
  return (
    <p
      data-problem={problem.code}
      className={cn(
        "mx-auto mt-1 flex w-fit max-w-full items-start gap-1.5 rounded-md border px-1.5 py-0.5 text-left text-xs",
        wait
          ? "border-[var(--tone-wait-line)] bg-[var(--tone-wait-soft)] text-[var(--tone-wait)]"
          : "border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] text-[var(--tone-error)]",
      )}
    >
      <Icon name={wait ? "hourglass" : "alert"} className="mt-px size-3.5 shrink-0" />
      <span>
        <span className="sr-only">{wait ? "Told to wait: " : "Error: "}</span>
        <code className="font-mono font-semibold">{problem.code}</code>
        {problem.description ? <span> — {problem.description}</span> : null}
      </span>
    </p>
  );
}

/**
 * One message on the stage: an arrow from the sender's lane to the receiver's (dashed through the
 * browser, solid server to server, a marker for a step inside one role), its title, what it
 * carries, and what went wrong, if anything.
 */
export const MessageRow = memo(function MessageRow({
  step,
  lanes,
  current,
  onSelect,
  changed = false,
}: {
  step: TraceStep;
  lanes: readonly RoleId[];
  current: boolean;
  onSelect: (index: number) => void;
  /** This step differs from the run without the learner's edits. */
  changed?: boolean;
}) {
  const arrow = arrowOf(step, lanes);
  const tone = stepTone(step);
  const summary = messageSummary(step);
  const chips = chipsOf(step);
  const tag = channelTag(step);
  const [first, last] = arrow.span;
  const style = {
    "--sender": LANES[step.from].color,
    "--a": Math.min(arrow.from, arrow.to),
    "--b": Math.max(arrow.from, arrow.to),
    "--label-cols": `${first + 1} / ${last + 2}`,
    "--travel": arrow.direction === "right" ? 1 : arrow.direction === "left" ? -1 : 0,
  } as CSSProperties;
  const route = arrow.direction === "self" ? `${LANES[step.from].name}, ${CHANNEL_TEXT.local}` : `${LANES[step.from].name} to ${LANES[step.to].name}, ${CHANNEL_TEXT[step.channel]}`;

  return (
    <li
      className="flow-row"
      style={style}
      data-step={step.id}
      data-state={current ? "current" : "past"}
      data-channel={step.channel}
      data-dir={arrow.direction}
      data-tone={tone}
      data-changed={changed ? (step.edited ? "edited" : "changed") : undefined}
      aria-current={current ? "step" : undefined}
    >
      <p className="flow-label">
        <span className={cn("flow-label-text", current && "font-semibold")}>
          <button
            type="button"
            tabIndex={-1}
            onClick={() => onSelect(step.index)}
            aria-label={`Go to step ${step.index + 1}`}
            className={cn(
              "mr-1 inline-flex size-5 items-center justify-center rounded-full align-[1px] text-[0.6875rem] font-semibold tabular-nums",
              current ? "bg-accent text-accent-foreground" : "bg-line text-foreground hover:bg-accent hover:text-accent-foreground",
            )}
          >
            {step.index + 1}
          </button>
          {step.title}
          {tone === "error" ? (
            <span className="ml-1 inline-flex translate-y-0.5 text-[var(--tone-error)]">
              <Icon name="alert" className="size-3.5" />
              <span className="sr-only">(failed)</span>
            </span>
          ) : null}
          {changed ? (
            <span className="flow-changed ml-1.5 inline-block rounded border border-dashed border-accent bg-accent-soft px-1 text-[0.6875rem] leading-4 font-semibold text-foreground">
              {step.edited ? "edited by you" : "changed"}
            </span>
          ) : null}
        </span>
      </p>
      <div className="flow-arrow" aria-hidden="true">
        {arrow.direction === "self" ? (
          <span className="flow-self">
            <Icon name="cog" className="size-3" />
          </span>
        ) : (
          <span className="flow-line">
            <span className="flow-head" />
            {tag ? <span className="flow-tag">{tag}</span> : null}
          </span>
        )}
      </div>
      <div className="flow-meta">
        <span className="sr-only">{route}.</span>
        {summary ? <code className="rounded bg-surface px-1 font-mono text-[0.6875rem] leading-4 text-inherit">{summary}</code> : null}
        {chips.map((artifact) => (
          <ArtifactChip key={`${artifact.kind}:${artifact.where}:${artifact.value}`} artifact={artifact} />
        ))}
      </div>
      {step.checks.length > 0 || tone !== "ok" ? (
        <div className="flow-detail">
          {step.checks.length > 0 ? <ChecksList step={step} compact={!current} /> : null}
          <Problem step={step} />
        </div>
      ) : null}
    </li>
  );
});
