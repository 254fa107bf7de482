"use client";

import { Oauth21Badge } from "@/components/flow-card";
import { Icon } from "@/components/flow/icons";
import { LANES } from "@/components/flow/lanes";
import { Stage } from "@/components/flow/stage";
import { cn } from "@/components/ui/cn";
import { compareText, PHASE_TEXT } from "@/content/compare";
import { flowHref, type FlowSummary } from "@/content/flows";
import type { Narration } from "@/content/narration";
import type { ComparePlayerEvent } from "@/machines/compare-player";
import type { Phase } from "@/machines/steps/phases";
import type { Trace } from "@/machines/trace";

const CHANNELS = { front: "front channel", back: "back channel", local: "inside one role" } as const;

function StepButton({ label, icon, onClick, disabled }: { label: string; icon: "back" | "next"; onClick: () => void; disabled: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
      className="inline-flex size-9 items-center justify-center rounded-lg border border-line bg-surface-raised text-foreground hover:border-accent hover:text-accent disabled:cursor-not-allowed disabled:opacity-40"
    >
      <Icon name={icon} className="size-4" />
    </button>
  );
}

/**
 * One flow of the comparison: its name and status, the phase it is in, the step it shows with a
 * line of narration, and the stage with its messages so far. While the others catch up it keeps
 * its last step; before its first phase starts it says why it has nothing yet.
 */
export function CompareColumn({
  column,
  summary,
  trace,
  index,
  phase,
  rowPhase,
  moves,
  apart,
  active,
  narration,
  send,
}: {
  column: number;
  summary: FlowSummary;
  trace: Trace;
  /** The step shown; -1 before the flow's first step. */
  index: number;
  /** The phase of the step shown. */
  phase?: Phase;
  /** Together: the phase of the current row. */
  rowPhase?: Phase;
  /** Together: whether this flow takes a step in the current row. */
  moves: boolean;
  apart: boolean;
  active: boolean;
  narration?: Narration;
  send: (event: ComparePlayerEvent) => void;
}) {
  const step = index >= 0 ? trace.steps[index] : undefined;
  const headingId = `compare-flow-${column}`;
  const waiting = !apart && !moves;
  const route = step ? (step.from === step.to ? LANES[step.from].name : `${LANES[step.from].name} → ${LANES[step.to].name}`) : undefined;
  return (
    <section
      aria-labelledby={headingId}
      data-compare-column={column}
      data-flow={trace.flow}
      data-step-index={index}
      data-phase={phase ?? ""}
      data-moves={moves || undefined}
      // Side by side, the columns share their row heights (subgrid), so every stage starts at the same height.
      className={cn("flex min-w-0 flex-col gap-2 rounded-xl border bg-surface p-3 md:row-span-4 md:grid md:grid-rows-subgrid md:gap-2", apart && active ? "border-accent" : "border-line")}
    >
      <header className="flex flex-col gap-1">
        <h2 id={headingId} className="text-lg font-semibold text-foreground">
          <a href={flowHref(summary.id)} className="rounded hover:text-accent hover:underline">
            {summary.name}
          </a>
        </h2>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted">
          <Oauth21Badge status={summary.oauth21} label={summary.oauth21Label} />
          <span>{summary.audience}</span>
        </p>
      </header>
      <div className={cn("rounded-lg border bg-surface-raised p-3", waiting ? "border-dashed border-line" : "border-line")} data-step-card>
        <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-muted">
          <span className="font-semibold text-accent" data-phase-label>
            {phase ? PHASE_TEXT[phase].label : rowPhase ? PHASE_TEXT[rowPhase].label : ""}
          </span>
          {step ? (
            <>
              <span aria-hidden="true">·</span>
              <span className="font-semibold text-foreground">
                Step {index + 1} of {trace.steps.length}
              </span>
              <span aria-hidden="true">·</span>
              <span>{CHANNELS[step.channel]}</span>
            </>
          ) : null}
          {waiting ? (
            <span className="inline-flex items-center gap-1 rounded-full border border-dashed border-line px-2" data-waiting>
              <Icon name="clock" className="size-3" />
              {step ? compareText.waiting : compareText.notStarted}
            </span>
          ) : null}
        </p>
        {step ? (
          <>
            <p className="mt-1 font-semibold text-balance text-foreground" data-step-title>
              {step.title}
            </p>
            <p className="text-xs text-muted">{route}</p>
            {narration ? <p className="mt-1 text-sm leading-5 text-foreground">{narration.what}</p> : null}
          </>
        ) : (
          <p className="mt-1 text-sm text-foreground">{rowPhase ? PHASE_TEXT[rowPhase].missing : null}</p>
        )}
      </div>
      {apart ? (
        <div className="flex items-center gap-1.5" role="group" aria-label={`Step ${summary.name}`}>
          <StepButton label={`Back in ${summary.name}`} icon="back" onClick={() => send({ type: "BACK", column })} disabled={index <= 0} />
          <StepButton label={`Next in ${summary.name}`} icon="next" onClick={() => send({ type: "NEXT", column })} disabled={index >= trace.steps.length - 1} />
        </div>
      ) : (
        <div aria-hidden="true" className="max-md:hidden" />
      )}
      {step ? (
        <Stage trace={trace} index={index} onSelect={(target) => send({ type: "GOTO_STEP", column, step: target })} />
      ) : (
        <div className="flex h-24 items-center justify-center rounded-xl border border-dashed border-line text-sm text-muted">{compareText.notStarted}</div>
      )}
    </section>
  );
}
