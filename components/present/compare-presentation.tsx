"use client";

import "@/components/flow/flow.css";
import "./present.css";
import { useActorRef, useSelector } from "@xstate/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { Icon } from "@/components/flow/icons";
import { Stage } from "@/components/flow/stage";
import { cn } from "@/components/ui/cn";
import { compareText, PHASE_TEXT } from "@/content/compare";
import { flows as FLOW_SUMMARIES } from "@/content/flows";
import type { Narration } from "@/content/narration";
import { presentCompareText, presentText } from "@/content/present";
import type { SpeakerNote } from "@/content/speaker-notes";
import { movesAt, parseFlows, type CompareLocation } from "@/machines/compare";
import { comparePlayerMachine, positionsOf } from "@/machines/compare-player";
import { DEFAULT_SEED, sanitizeSeed } from "@/machines/flow-url";
import type { FlowId } from "@/machines/flows/types";
import { compareLinkOf, parsePresentCompareUrl, presentCompareHref, presentCompareQuery, sameComparison, shownCompare } from "@/machines/present-compare";
import { presentFlowHref } from "@/machines/present-flow-link";
import { shortCompareLink } from "@/machines/short-link";
import {
  createAudienceSync,
  createPresenterSync,
  newSession,
  parseSession,
  type AudienceSync,
  type PresentationCommand,
  type PresentationState,
  type ShownCompare,
} from "@/machines/presentation-sync";
import { openChannel, toggleFullscreen, ToolButton, usePresenterKeys, useSearch, type PresentView } from "./presentation";
import { PresentClock } from "./present-clock";
import { QrPanel } from "./qr-panel";

type NarrationLookup = (flow: string, scenario: string, stepId: string) => Narration | undefined;

/** Speaker notes of every flow, flow id → step id → note (the presenter's window shows them). */
export type CompareNotes = Readonly<Record<string, Readonly<Record<string, SpeakerNote>>>>;

function nameOf(flow: string): string {
  return FLOW_SUMMARIES.find((summary) => summary.id === flow)?.name ?? flow;
}

/**
 * Counts window resizes (settled for 150 ms): a stage remounts on it, and so scrolls its current
 * step back into view when the projector's window is resized or goes full screen.
 */
function useResizeCount(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    let timer: number | undefined;
    let size = `${window.innerWidth}x${window.innerHeight}`;
    const onResize = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const now = `${window.innerWidth}x${window.innerHeight}`;
        if (now === size) return;
        size = now;
        setCount((value) => value + 1);
      }, 150);
    };
    window.addEventListener("resize", onResize);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener("resize", onResize);
    };
  }, []);
  return count;
}

/** The location the player loads to show what a presenter shows: the same checks as the address. */
function locationOf(shown: ShownCompare): CompareLocation {
  return { flows: parseFlows(shown.flows.join(",")).flows, seed: sanitizeSeed(shown.seed).seed, mode: "together", steps: [shown.step] };
}

/**
 * Presenter mode for a comparison, and its audience window: the compare page's columns stepped
 * together by phase, in large type; the presenter's window also has each column's speaker notes,
 * a clock and the buttons. The presenter drives; audience windows follow over the same
 * BroadcastChannel sync as a flow's presentation (machines/presentation-sync.ts, kind "compare").
 */
export function ComparePresentation({ notes }: { notes: CompareNotes }) {
  const actor = useActorRef(comparePlayerMachine);
  const context = useSelector(actor, (snapshot) => snapshot.context);
  const ready = useSelector(actor, (snapshot) => snapshot.matches("ready"));
  const loading = useSelector(actor, (snapshot) => snapshot.matches("loading"));
  const failed = useSelector(actor, (snapshot) => snapshot.matches("failed"));
  const search = useSearch();
  const view: PresentView | undefined = search === null ? undefined : new URLSearchParams(search).get("view") === "audience" ? "audience" : "presenter";
  const [blank, setBlank] = useState(false);
  const [qr, setQr] = useState(false);
  const [connected, setConnected] = useState(false);
  const [blocked, setBlocked] = useState<string>();
  const [target, setTarget] = useState<ShownCompare>();
  const [narrate, setNarrate] = useState<NarrationLookup>();
  const session = useRef<string | undefined>(undefined);
  const presenterSync = useRef<ReturnType<typeof createPresenterSync> | undefined>(undefined);
  const audienceSync = useRef<AudienceSync | undefined>(undefined);
  const toggles = useRef({ blank: false, qr: false });
  const resized = useResizeCount();

  const { traces, rows, row, location, notices, error } = context;
  const positions = positionsOf(context);

  /** What the audience should see, read from the player itself (never a render behind). */
  const stateNow = useCallback((): PresentationState | undefined => {
    const snapshot = actor.getSnapshot();
    const { location: shownLocation, row: shownRow } = snapshot.context;
    if (!snapshot.matches("ready") || !shownLocation) return undefined;
    return { shown: shownCompare(shownLocation, shownRow), ...toggles.current };
  }, [actor]);

  // Read the address once the page runs: the flows, seed and moment to open.
  useEffect(() => {
    if (search === null) return;
    const parsed = parsePresentCompareUrl(search);
    actor.send({ type: "LOAD", location: parsed.location, notices: parsed.notices });
    // Only the first address counts: the presenter rewrites it as it goes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actor, search === null]);

  // The narration loads with the engine, not in the first load.
  useEffect(() => {
    let live = true;
    void import("@/content/narration").then(({ narrationFor }) => {
      if (live) setNarrate(() => (flow: string, scenario: string, stepId: string) => narrationFor(flow as FlowId, scenario, stepId));
    });
    return () => {
      live = false;
    };
  }, []);

  const run = useCallback(
    (command: PresentationCommand) => {
      switch (command) {
        case "NEXT":
        case "BACK":
        case "FIRST":
        case "LAST":
          actor.send({ type: command });
          break;
        case "TOGGLE_BLANK":
          setBlank((value) => !value);
          break;
        case "TOGGLE_QR":
          setQr((value) => !value);
          break;
      }
    },
    [actor],
  );

  // The presenter's end of the channel: answers audience windows, takes keys pressed there.
  useEffect(() => {
    if (view !== "presenter") return;
    const id = parseSession(new URLSearchParams(window.location.search).get("session")) ?? newSession();
    session.current = id;
    const channel = openChannel(id);
    if (!channel) return;
    const sync = createPresenterSync({ channel, session: id, current: stateNow, onCommand: run });
    presenterSync.current = sync;
    return () => {
      presenterSync.current = undefined;
      sync.close();
    };
  }, [view, run, stateNow]);

  // Every change the presenter makes goes to the audience, and into the address (a reload keeps it).
  const shownKey = ready && location ? `${location.flows.join(",")} ${location.seed} ${row} ${blank} ${qr}` : undefined;
  useEffect(() => {
    toggles.current = { blank, qr };
    if (view !== "presenter" || shownKey === undefined) return;
    const state = stateNow();
    if (!state || state.shown.kind !== "compare") return;
    presenterSync.current?.publish(state);
    const query = `${presentCompareQuery(state.shown)}&session=${session.current ?? ""}`;
    if (window.location.search !== query) window.history.replaceState(window.history.state, "", `${window.location.pathname}${query}`);
  }, [view, shownKey, blank, qr, stateNow]);

  // The audience's end: ask for the presenter's state, then follow it.
  useEffect(() => {
    if (view !== "audience") return;
    const id = parseSession(new URLSearchParams(window.location.search).get("session")) ?? "default";
    const channel = openChannel(id);
    if (!channel) return;
    const sync = createAudienceSync({
      channel,
      session: id,
      onState: (next) => {
        setConnected(true);
        setBlank(next.blank);
        setQr(next.qr);
        const { shown } = next;
        if (shown.kind === "flow") {
          // The presenter moved to one flow: this window follows it there.
          window.location.replace(presentFlowHref(shown, { session: id }));
          return;
        }
        setTarget(shown);
      },
    });
    audienceSync.current = sync;
    return () => {
      audienceSync.current = undefined;
      sync.close();
    };
  }, [view]);

  // The audience follows the latest state: another row of the same traces, or other flows or seed to run.
  useEffect(() => {
    if (view !== "audience" || !target) return;
    const wanted = locationOf(target);
    const snapshot = actor.getSnapshot();
    if (!sameComparison(snapshot.context.location, wanted)) {
      actor.send({ type: "LOAD", location: wanted });
      return;
    }
    // Still loading these traces: this effect runs again once they are ready.
    if (snapshot.matches("ready") && snapshot.context.row !== target.step - 1) actor.send({ type: "GOTO_ROW", row: target.step - 1 });
  }, [view, target, ready, actor]);

  usePresenterKeys(view, run, audienceSync);

  const shown = location ? shownCompare(location, row) : undefined;

  const openAudience = useCallback(() => {
    const id = session.current;
    if (!id || !shown) return;
    const url = presentCompareHref(shown, { session: id });
    const opened = window.open(url, `oauth-sim-audience-${id}`, "popup,width=1280,height=720");
    setBlocked(opened ? undefined : `${window.location.origin}${url}`);
  }, [shown]);

  const presenter = view === "presenter";
  const audience = view === "audience";
  const flows = location?.flows ?? [];
  const names = flows.map(nameOf);
  const phase = rows[row]?.phase;
  const phaseLabel = phase ? PHASE_TEXT[phase].label : "";
  const live = ready && traces ? presentCompareText.counterLabel(row + 1, rows.length, phaseLabel) : presentCompareText.loading;

  return (
    <div
      className="present present-compare flex flex-col gap-3 p-3 sm:p-4 lg:h-dvh lg:overflow-hidden"
      data-present-view={view ?? "static"}
      data-present-kind="compare"
      data-player={loading ? "loading" : failed ? "failed" : ready ? "ready" : "idle"}
      data-hydrated={view ? true : undefined}
      data-connected={audience ? connected : undefined}
    >
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="flex min-w-0 flex-1 items-baseline gap-x-4 max-lg:basis-full">
          <p
            className="present-counter shrink-0 font-mono font-bold text-accent tabular-nums"
            data-present-counter
            aria-label={ready ? presentCompareText.counterLabel(row + 1, rows.length, phaseLabel) : undefined}
          >
            {ready ? presentText.counter(row + 1, rows.length) : "…"}
          </p>
          <div className="min-w-0">
            <h1 className={cn("line-clamp-2 text-lg leading-tight font-bold tracking-tight text-foreground", presenter ? "lg:text-xl" : "lg:text-2xl")}>
              <span className="sr-only">{presentCompareText.headingPrefix}: </span>
              {names.length > 0 ? presentCompareText.heading(names) : presentCompareText.presenterTitle}
              <span className="sr-only"> — {audience ? presentCompareText.audienceTitle : presentCompareText.presenterTitle}</span>
            </h1>
            <p className="truncate text-base font-semibold text-foreground lg:text-lg" data-present-phase>
              {phaseLabel}
              {location && location.seed !== DEFAULT_SEED ? <span className="font-normal text-muted">{` · ${presentText.seedLabel} ${location.seed}`}</span> : null}
            </p>
          </div>
        </div>
        {audience && !connected ? <p className="text-sm text-muted">{presentText.waitingForPresenter}</p> : null}
        {presenter ? (
          <>
            <PresentClock />
            <div className="flex flex-wrap items-center gap-2" role="toolbar" aria-label="Presentation">
              <ToolButton label={presentText.openAudience} onClick={openAudience}>
                <Icon name="monitor" className="size-4" />
                {presentText.openAudienceShort}
              </ToolButton>
              <ToolButton label={presentText.showQr} pressed={qr} keys="Q" onClick={() => run("TOGGLE_QR")}>
                {presentText.qrShort}
              </ToolButton>
              <ToolButton label={presentText.blank} pressed={blank} keys="B" onClick={() => run("TOGGLE_BLANK")}>
                {presentText.blankShort}
              </ToolButton>
              <ToolButton label={presentText.fullscreen} keys="F" onClick={toggleFullscreen}>
                {presentText.fullscreen}
              </ToolButton>
              {shown ? (
                <a href={compareLinkOf(shown)} className="inline-flex h-10 items-center rounded-lg px-2 text-sm font-medium text-accent underline-offset-4 hover:underline">
                  {presentCompareText.backToCompare}
                </a>
              ) : null}
            </div>
          </>
        ) : null}
      </header>

      {blocked ? (
        <p role="alert" className="rounded-lg border border-[var(--tone-wait-line)] bg-[var(--tone-wait-soft)] px-3 py-2 text-sm text-[var(--tone-wait)]">
          {presentText.audienceBlocked} <span className="font-mono break-all select-all">{blocked}</span>
        </p>
      ) : null}
      {presenter && notices.length > 0 ? (
        <ul className="rounded-lg border border-[var(--tone-wait-line)] bg-[var(--tone-wait-soft)] px-3 py-2 text-sm text-[var(--tone-wait)]" data-notices>
          {notices.map((notice, at) => (
            <li key={`${notice.field}-${at}`}>{notice.message}</li>
          ))}
        </ul>
      ) : null}
      {failed ? (
        <p role="alert" className="rounded-lg border border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] px-3 py-2 text-[var(--tone-error)]">
          {presentCompareText.failed} {error}
        </p>
      ) : null}

      <p className="sr-only" aria-live="polite" data-live-region>
        {live}
      </p>

      {traces && narrate ? (
        <div className={cn("grid min-h-0 flex-1 gap-3 lg:gap-4", traces.length === 3 ? "lg:grid-cols-3" : "md:grid-cols-2")} data-compare-row={row} data-loading={loading || undefined}>
          {traces.map((trace, column) => {
            const index = positions[column] ?? -1;
            const step = index >= 0 ? trace.steps[index] : undefined;
            const moves = movesAt(rows, row, column);
            const name = nameOf(trace.flow);
            const headingId = `present-compare-flow-${column}`;
            const narration = step ? narrate?.(trace.flow, trace.scenario, step.id) : undefined;
            return (
              <section
                key={`${trace.flow}-${column}`}
                aria-labelledby={headingId}
                className={cn("flex min-h-0 min-w-0 flex-col gap-2 rounded-xl border bg-surface p-2 lg:p-3", moves ? "border-accent" : "border-dashed border-line")}
                data-compare-column={column}
                data-flow={trace.flow}
                data-step-index={index}
                data-moves={moves || undefined}
              >
                <h2 id={headingId} className="text-lg font-bold text-foreground lg:text-xl">
                  {name}
                </h2>
                <p className="flex flex-wrap items-center gap-x-2 text-sm text-muted">
                  {step ? <span className="font-semibold text-foreground">{presentCompareText.stepOf(index + 1, trace.steps.length)}</span> : null}
                  {!moves ? (
                    <span className="inline-flex items-center gap-1 rounded-full border border-dashed border-line px-2" data-waiting>
                      <Icon name="clock" className="size-3" />
                      {step ? compareText.waiting : compareText.notStarted}
                    </span>
                  ) : null}
                </p>
                <p className="present-column-title font-bold text-balance text-foreground" data-column-title>
                  {step ? step.title : phase ? PHASE_TEXT[phase].missing : ""}
                </p>
                {narration ? <p className="present-column-narration text-pretty text-foreground">{narration.what}</p> : null}
                {step ? (
                  <div className="present-stage min-h-0 flex-1">
                    <h3 className="sr-only">{presentCompareText.stageHeading(name)}</h3>
                    <Stage key={resized} trace={trace} index={index} onSelect={(target_) => (presenter ? actor.send({ type: "GOTO_STEP", column, step: target_ }) : undefined)} />
                  </div>
                ) : (
                  <div className="flex min-h-24 flex-1 items-center justify-center rounded-xl border border-dashed border-line text-muted">{compareText.notStarted}</div>
                )}
              </section>
            );
          })}
        </div>
      ) : (
        <p className="text-muted">{failed ? null : presentCompareText.loading}</p>
      )}

      {presenter && traces ? (
        <aside aria-labelledby="present-notes-heading" className="shrink-0 rounded-xl border border-line bg-surface p-3 lg:max-h-[28dvh] lg:overflow-y-auto" data-speaker-notes>
          <h2 id="present-notes-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
            {presentText.notesHeading}
          </h2>
          <div className={cn("mt-1 grid gap-3", traces.length === 3 ? "lg:grid-cols-3" : "md:grid-cols-2")}>
            {traces.map((trace, column) => {
              const index = positions[column] ?? -1;
              const step = index >= 0 ? trace.steps[index] : undefined;
              const moves = movesAt(rows, row, column);
              const note = step ? notes[trace.flow]?.[step.id] : undefined;
              return (
                <div key={`${trace.flow}-${column}`} data-notes-column={column}>
                  <h3 className="text-sm font-semibold text-accent">
                    {presentCompareText.notesFor(nameOf(trace.flow))}
                    {step && !moves ? <span className="font-normal text-muted"> · {presentCompareText.waitingNote}</span> : null}
                  </h3>
                  {note ? (
                    <>
                      <p className="text-base leading-6 text-foreground">{note.say}</p>
                      {note.ask ? (
                        <p className="mt-1 text-base leading-6 text-foreground">
                          <span className="font-semibold">{presentText.notesAsk}: </span>
                          {note.ask}
                        </p>
                      ) : null}
                    </>
                  ) : (
                    <p className="text-muted">{step ? presentText.noNote : presentCompareText.notStartedNote}</p>
                  )}
                </div>
              );
            })}
          </div>
          <details className="mt-2 text-sm text-muted">
            <summary className="cursor-pointer">{presentText.keysHeading}</summary>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
              {presentCompareText.keys.map(([keys, what]) => (
                <div key={keys} className="contents">
                  <dt className="font-mono text-foreground">{keys}</dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </details>
        </aside>
      ) : null}

      {qr && view && location ? <QrPanel path={shortCompareLink({ flows: location.flows, seed: location.seed, step: row + 1 })} onClose={presenter ? () => run("TOGGLE_QR") : undefined} /> : null}
      {blank ? (
        <div className="fixed inset-0 z-50 bg-black" data-blank role="status">
          <span className="sr-only">{presenter ? presentText.blanked : presentText.blankedAudience}</span>
        </div>
      ) : null}
    </div>
  );
}
