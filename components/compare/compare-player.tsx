"use client";

import "@/components/flow/flow.css";
import { useActorRef, useSelector } from "@xstate/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { CopyLinkButton, Notices, SeedField } from "@/components/flow/flow-options";
import { Icon, type IconName } from "@/components/flow/icons";
import { keepsKeys } from "@/components/flow/keys";
import { compareText, PHASE_TEXT } from "@/content/compare";
import { flows as FLOW_SUMMARIES, type FlowSummary } from "@/content/flows";
import type { Narration } from "@/content/narration";
import { flowFacts, movesAt, rowOfStep, parseCompareUrl, parseFlows, serializeCompareUrl, stepPhases, type CompareLocation, type CompareNotice } from "@/machines/compare";
import { comparePlayerMachine, positionsOf, type ComparePlayerEvent } from "@/machines/compare-player";
import { sanitizeSeed } from "@/machines/flow-url";
import { presentCompareHref } from "@/machines/present-compare-link";
import { PresentCompareLink } from "@/components/present/present-compare-link";
import { CompareColumn } from "./compare-column";
import { FlowPickers, ModeSwitch } from "./compare-options";
import { SummaryTable } from "./summary-table";

type NarrationLookup = (flow: string, scenario: string, stepId: string) => Narration | undefined;

const KEY_EVENTS: Readonly<Record<string, ComparePlayerEvent>> = {
  ArrowRight: { type: "NEXT" },
  ArrowLeft: { type: "BACK" },
  Home: { type: "FIRST" },
  End: { type: "LAST" },
  " ": { type: "TOGGLE" },
};

function BarButton({ icon, label, keys, onClick, disabled, primary }: { icon: IconName; label: string; keys: string; onClick: () => void; disabled?: boolean; primary?: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      aria-keyshortcuts={keys}
      title={label}
      className={
        primary
          ? "inline-flex size-10 items-center justify-center rounded-lg border border-accent bg-accent text-accent-foreground hover:opacity-90 disabled:opacity-40"
          : "inline-flex size-10 items-center justify-center rounded-lg border border-line bg-surface-raised text-foreground hover:border-accent hover:text-accent disabled:cursor-not-allowed disabled:opacity-40"
      }
    >
      <Icon name={icon} className={primary ? "size-5" : "size-4.5"} />
    </button>
  );
}

function summaryOf(id: string): FlowSummary {
  return FLOW_SUMMARIES.find((flow) => flow.id === id) ?? FLOW_SUMMARIES[0]!;
}

/**
 * The comparison: reads its address, runs the flows in the browser (the engine loads on first
 * use), and plays them side by side — together by phase or each on its own — with the table of
 * their differences below. The address always says what is shown.
 */
export function ComparePlayer() {
  const actor = useActorRef(comparePlayerMachine);
  const send = useCallback((event: ComparePlayerEvent) => actor.send(event), [actor]);
  const context = useSelector(actor, (snapshot) => snapshot.context);
  const ready = useSelector(actor, (snapshot) => snapshot.matches("ready"));
  const loading = useSelector(actor, (snapshot) => snapshot.matches("loading"));
  const playing = useSelector(actor, (snapshot) => snapshot.matches({ ready: "playing" }));
  const failed = useSelector(actor, (snapshot) => snapshot.matches("failed"));
  const [narrate, setNarrate] = useState<NarrationLookup>();

  // Read the address once the page runs (the static HTML cannot know it).
  useEffect(() => {
    const parsed = parseCompareUrl(window.location.search);
    actor.send({ type: "LOAD", location: parsed.location, notices: parsed.notices });
  }, [actor]);

  // The narration loads with the engine, not in the first load.
  useEffect(() => {
    let live = true;
    void import("@/content/narration").then(({ narrationFor }) => {
      if (live) setNarrate(() => (flow: string, scenario: string, stepId: string) => narrationFor(flow as FlowSummary["id"], scenario, stepId));
    });
    return () => {
      live = false;
    };
  }, []);

  const { traces, rows, row, mode, location, notices, error } = context;
  const positions = useMemo(() => positionsOf(context), [context]);

  // Keep the address in step with what is shown.
  useEffect(() => {
    if (!ready || !location || !traces) return;
    const timer = window.setTimeout(() => {
      const steps = mode === "together" ? [row + 1] : positions.map((step) => step + 1);
      const query = serializeCompareUrl({ flows: location.flows, seed: location.seed, mode, steps });
      if (window.location.search !== query) window.history.replaceState(window.history.state, "", `${window.location.pathname}${query}`);
    }, 120);
    return () => window.clearTimeout(timer);
  }, [ready, location, traces, mode, row, positions]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const command = KEY_EVENTS[event.key];
      if (!command || keepsKeys(event.target, event.key)) return;
      event.preventDefault();
      actor.send(command);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [actor]);

  const reload = useCallback(
    (change: Partial<CompareLocation>, extraNotices: readonly CompareNotice[] = []) => {
      if (!location) return;
      const next: CompareLocation = { ...location, mode, steps: [1], ...change };
      send({ type: "LOAD", location: next, notices: extraNotices });
    },
    [location, mode, send],
  );

  const phases = useMemo(() => traces?.map(stepPhases) ?? [], [traces]);
  const facts = useMemo(() => traces?.map(flowFacts) ?? [], [traces]);
  const summaries = useMemo(() => (location?.flows ?? []).map(summaryOf), [location]);
  const rowPhase = mode === "together" ? rows[row]?.phase : undefined;

  let status: string = compareText.loading;
  if (ready && traces) {
    if (mode === "together") {
      status = compareText.status(row + 1, rows.length, PHASE_TEXT[rowPhase ?? "authorize"].label);
    } else {
      const column = context.active;
      const step = traces[column]?.steps[positions[column] ?? 0];
      status = compareText.columnStatus(summaries[column]?.name ?? "", (positions[column] ?? 0) + 1, traces[column]?.steps.length ?? 0, step?.title ?? "");
    }
  }
  const count = mode === "together" ? rows.length : (traces?.[context.active]?.steps.length ?? 0);
  const position = mode === "together" ? row : (positions[context.active] ?? 0);

  const applyFlows = (chosen: string[]) => {
    const parsed = parseFlows(chosen.join(","));
    reload({ flows: parsed.flows }, parsed.notices);
  };
  const applySeed = (raw: string) => {
    const sanitized = sanitizeSeed(raw);
    const steps = mode === "together" ? [row + 1] : positions.map((step) => step + 1);
    reload({ seed: sanitized.seed, steps }, sanitized.notice ? [{ field: "seed" as const, message: sanitized.notice.message }] : []);
  };
  // On wide screens the seed and the link sit in the sticky bar; on narrow ones, with the other options.
  const seedAndLink = (
    <>
      {location ? <SeedField key={location.seed} seed={location.seed} onApply={applySeed} /> : null}
      <CopyLinkButton />
      {location ? <PresentCompareLink href={presentCompareHref({ flows: location.flows, seed: location.seed, step: (mode === "together" ? row : rowOfStep(rows, context.active, positions[context.active] ?? 0)) + 1 })} /> : null}
    </>
  );

  return (
    <div className="flex flex-col gap-3" data-compare={loading ? "loading" : failed ? "failed" : ready ? "ready" : "idle"}>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        {location ? <FlowPickers key={location.flows.join(",")} flows={location.flows} all={FLOW_SUMMARIES} onApply={applyFlows} /> : null}
        <ModeSwitch mode={mode} onChange={(value) => send({ type: "SET_MODE", mode: value })} />
        <div className="flex flex-wrap items-end gap-2 lg:hidden">{seedAndLink}</div>
      </div>
      <Notices notices={notices} onDismiss={() => send({ type: "DISMISS_NOTICES" })} />
      <div className="sticky top-0 z-30 -mx-4 border-y border-line bg-background/95 px-4 py-1.5 backdrop-blur-sm sm:-mx-6 sm:px-6">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <div className="flex items-center gap-1.5" role="group" aria-label="Playback">
            <BarButton icon="restart" label="Restart" keys="Home" onClick={() => send({ type: "FIRST" })} disabled={!ready || (position === 0 && !playing)} />
            <BarButton icon="back" label="Back" keys="ArrowLeft" onClick={() => send({ type: "BACK" })} disabled={!ready || position === 0} />
            <BarButton icon={playing ? "pause" : "play"} label={playing ? "Pause" : "Play"} keys="Space" onClick={() => send({ type: playing ? "PAUSE" : "PLAY" })} disabled={!ready} primary />
            <BarButton icon="next" label="Next" keys="ArrowRight" onClick={() => send({ type: "NEXT" })} disabled={!ready || position >= count - 1} />
          </div>
          <p role="status" aria-live="polite" aria-atomic="true" data-live-region className="min-w-0 flex-1 basis-48 truncate text-sm font-medium text-foreground" title={status}>
            {status}
          </p>
          <div className="hidden flex-wrap items-center gap-2 lg:flex">{seedAndLink}</div>
        </div>
      </div>
      {failed ? (
        <p role="alert" className="rounded-lg border border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] px-3 py-2 text-sm text-[var(--tone-error)]">
          {compareText.failed} {error}
        </p>
      ) : null}
      {traces ? (
        <div className={traces.length === 3 ? "grid gap-x-4 gap-y-4 md:gap-y-2 lg:grid-cols-3" : "grid gap-x-4 gap-y-4 md:grid-cols-2 md:gap-y-2"} data-compare-row={row} data-row-phase={rowPhase ?? ""} data-loading={loading || undefined}>
          {traces.map((trace, column) => {
            const index = positions[column] ?? -1;
            return (
              <CompareColumn
                key={`${trace.flow}-${column}`}
                column={column}
                summary={summaryOf(trace.flow)}
                trace={trace}
                index={index}
                phase={index >= 0 ? phases[column]?.[index] : undefined}
                rowPhase={rowPhase}
                moves={mode === "together" && movesAt(rows, row, column)}
                apart={mode === "apart"}
                active={context.active === column}
                narration={index >= 0 ? narrate?.(trace.flow, trace.scenario, trace.steps[index]!.id) : undefined}
                send={send}
              />
            );
          })}
        </div>
      ) : null}
      {traces ? <p className="-mt-2 hidden text-xs text-muted lg:block">{mode === "together" ? compareText.keysHint : compareText.keysHintApart}</p> : null}
      {traces && facts.length === traces.length ? <SummaryTable facts={facts} summaries={traces.map((trace) => summaryOf(trace.flow))} /> : null}
    </div>
  );
}
