"use client";

import "@/components/flow/flow.css";
import "./present.css";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type RefObject } from "react";
import type { FlowInfo, NarrationTable } from "@/components/flow/flow-info";
import { narrationIn } from "@/components/flow/flow-info";
import { Icon } from "@/components/flow/icons";
import { Stage } from "@/components/flow/stage";
import { cn } from "@/components/ui/cn";
import { presentText } from "@/content/present";
import type { SpeakerNote } from "@/content/speaker-notes";
import { parseFlowUrl, serializeFlowUrl } from "@/machines/flow-url";
import { FLOW_IDS } from "@/machines/flows/types";
import {
  channelName,
  createAudienceSync,
  createPresenterSync,
  keyCommand,
  newSession,
  parseSession,
  type AudienceSync,
  type PresentationCommand,
  type PresentationState,
  type SyncChannel,
} from "@/machines/presentation-sync";
import { presentCompareHref } from "@/machines/present-compare-link";
import { presentFlowHref } from "@/machines/present-flow-link";
import { shortLink } from "@/machines/short-link";
import { stepProblem, stepTone } from "@/machines/stage";
import type { Trace } from "@/machines/trace";
import { PresentClock } from "./present-clock";
import { QrPanel } from "./qr-panel";
import { keepsKeys } from "@/components/flow/keys";
import { requestOf, usePresentedFlow } from "./use-presented-flow";

export type PresentView = "presenter" | "audience";

const noSubscription = () => () => undefined;

/** The page's query string once it runs in the browser; null in the static HTML and while hydrating. */
export function useSearch(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => window.location.search,
    () => null,
  );
}

export function openChannel(session: string): SyncChannel | undefined {
  if (typeof BroadcastChannel === "undefined") return undefined;
  return new BroadcastChannel(channelName(session)) as unknown as SyncChannel;
}

export function toggleFullscreen() {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

/**
 * Keys: the presenter acts on them (`run`); an audience window hands them to the presenter over
 * its sync, so a clicker aimed at the projector still works. F (full screen) is local to a window.
 */
export function usePresenterKeys(view: PresentView | undefined, run: (command: PresentationCommand) => void, audienceSync: RefObject<AudienceSync | undefined>) {
  useEffect(() => {
    if (!view) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (keepsKeys(event.target, event.key)) return;
      if (event.key === "f" || event.key === "F") {
        event.preventDefault();
        toggleFullscreen();
        return;
      }
      const command = keyCommand(event.key);
      if (!command) return;
      event.preventDefault();
      if (view === "presenter") run(command);
      else audienceSync.current?.command(command);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [view, run, audienceSync]);
}

export function ToolButton({ label, pressed, keys, onClick, children }: { label: string; pressed?: boolean; keys?: string; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      aria-pressed={pressed}
      aria-keyshortcuts={keys}
      title={keys ? `${label} (${keys})` : label}
      className={cn(
        "inline-flex h-10 items-center gap-1.5 rounded-lg border px-3 text-sm font-medium",
        pressed ? "border-accent bg-accent text-accent-foreground" : "border-line bg-surface-raised text-foreground hover:border-accent hover:text-accent",
      )}
    >
      {children}
    </button>
  );
}

/**
 * Presenter mode and the audience window: one flow's stage in large type with the step's title
 * and one line of narration; the presenter's window also has speaker notes, a clock and the
 * buttons. The presenter drives; audience windows follow over a BroadcastChannel
 * (machines/presentation-sync.ts). Which of the two a window is comes from its address
 * (`view=audience`), read once the page runs, so the static HTML shows no notes.
 */
export function Presentation({ flow, initial, narration, notes }: { flow: FlowInfo; initial: Trace; narration: NarrationTable; notes: Readonly<Record<string, SpeakerNote>> }) {
  const { actor, send, trace, index, request, notices, ready, loading, error, step } = usePresentedFlow(flow, initial);
  const search = useSearch();
  const view: PresentView | undefined = search === null ? undefined : new URLSearchParams(search).get("view") === "audience" ? "audience" : "presenter";
  const [blank, setBlank] = useState(false);
  const [qr, setQr] = useState(false);
  const [connected, setConnected] = useState(false);
  const [blocked, setBlocked] = useState<string>();
  const session = useRef<string | undefined>(undefined);
  const presenterSync = useRef<ReturnType<typeof createPresenterSync> | undefined>(undefined);
  const audienceSync = useRef<AudienceSync | undefined>(undefined);

  const count = trace?.steps.length ?? 0;
  const scenario = request?.scenario ?? initial.scenario;
  const seed = request?.seed ?? initial.seed;
  /** What the audience should see, read from the player itself (never a render behind). */
  const toggles = useRef({ blank: false, qr: false });
  const stateNow = useCallback((): PresentationState | undefined => {
    const snapshot = actor.getSnapshot();
    const { request: shownRequest, index: shownIndex } = snapshot.context;
    if (!snapshot.matches("ready") || !shownRequest) return undefined;
    return { shown: { kind: "flow", flow: flow.id, scenario: shownRequest.scenario, seed: shownRequest.seed, step: shownIndex + 1 }, ...toggles.current };
  }, [actor, flow.id]);

  // Read the address once the page runs: the scenario, step and seed to open.
  useEffect(() => {
    if (search === null) return;
    const parsed = parseFlowUrl(search, { scenarios: flow.scenarios, grantable: false });
    actor.send({ type: "LOAD", request: requestOf(flow.id, parsed.location), index: parsed.location.step - 1, notices: parsed.notices });
    // Only the first address counts: the presenter rewrites it as it goes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actor, flow, search === null]);

  const run = useCallback(
    (command: PresentationCommand) => {
      switch (command) {
        case "NEXT":
        case "BACK":
        case "FIRST":
        case "LAST":
          send({ type: command });
          break;
        case "TOGGLE_BLANK":
          setBlank((value) => !value);
          break;
        case "TOGGLE_QR":
          setQr((value) => !value);
          break;
      }
    },
    [send],
  );

  // The presenter's end of the channel: answers audience windows, takes keys pressed there.
  useEffect(() => {
    if (view !== "presenter") return;
    const params = new URLSearchParams(window.location.search);
    const id = parseSession(params.get("session")) ?? newSession();
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
  const shownKey = ready && request ? `${request.scenario} ${request.seed} ${index} ${blank} ${qr}` : undefined;
  useEffect(() => {
    toggles.current = { blank, qr };
    if (view !== "presenter" || shownKey === undefined) return;
    const state = stateNow();
    if (!state || state.shown.kind !== "flow") return;
    presenterSync.current?.publish(state);
    const query = `${serializeFlowUrl({ scenario: state.shown.scenario, step: state.shown.step, seed: state.shown.seed })}&session=${session.current ?? ""}`;
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
        if (shown.kind === "compare") {
          // The presenter moved to a comparison: this window follows it there.
          window.location.replace(presentCompareHref(shown, { session: id }));
          return;
        }
        if (shown.flow !== flow.id) {
          // The presenter moved to another flow: this window follows it there.
          if ((FLOW_IDS as readonly string[]).includes(shown.flow)) {
            window.location.replace(presentFlowHref(shown, { session: id }));
          }
          return;
        }
        actor.send({ type: "LOAD", request: requestOf(flow.id, shown), index: shown.step - 1 });
      },
    });
    audienceSync.current = sync;
    return () => {
      audienceSync.current = undefined;
      sync.close();
    };
  }, [view, actor, flow.id]);

  usePresenterKeys(view, run, audienceSync);

  const openAudience = useCallback(() => {
    const id = session.current;
    if (!id) return;
    const url = presentFlowHref({ flow: flow.id, scenario, step: index + 1, seed }, { session: id });
    const opened = window.open(url, `oauth-sim-audience-${id}`, "popup,width=1280,height=720");
    setBlocked(opened ? undefined : `${window.location.origin}${url}`);
  }, [flow.id, scenario, index, seed]);

  const presenter = view === "presenter";
  const audience = view === "audience";
  const scenarioIndex = Math.max(0, flow.scenarios.findIndex((candidate) => candidate.id === scenario));
  const scenarioTitle = flow.scenarios[scenarioIndex]?.title ?? scenario;
  const link = shortLink({ flow: flow.id as (typeof FLOW_IDS)[number], scenarioIndex, step: index + 1, seed });
  const problem = step ? stepProblem(step) : undefined;
  const tone = step ? stepTone(step) : "ok";
  const stepNarration = step ? narrationIn(narration, scenario, step.id) : undefined;
  const note = step ? notes[step.id] : undefined;
  const simulatorHref = `/flows/${flow.id}${serializeFlowUrl({ scenario, step: index + 1, seed })}`;

  return (
    <div
      className="present flex flex-col gap-3 p-3 sm:p-4 lg:h-dvh lg:overflow-hidden"
      data-present-view={view ?? "static"}
      data-player={loading ? "loading" : error ? "failed" : ready ? "ready" : "idle"}
      data-hydrated={view ? true : undefined}
      data-connected={audience ? connected : undefined}
    >
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <div className="min-w-[16rem] flex-1">
          <h1 className="truncate text-xl font-bold tracking-tight text-foreground lg:text-2xl">
            {flow.name}
            <span className="sr-only"> — {audience ? presentText.audienceTitle(flow.name) : presentText.presenterTitle(flow.name)}</span>
          </h1>
          <p className="truncate text-sm text-muted lg:text-base">
            {scenarioTitle}
            {seed !== initial.seed ? ` · ${presentText.seedLabel} ${seed}` : null}
          </p>
        </div>
        {audience && !connected ? <p className="text-sm text-muted">{presentText.waitingForPresenter}</p> : null}
        {presenter ? (
          <>
            <label className="flex min-w-0 items-center gap-2 text-sm text-muted">
              <span>{presentText.scenarioLabel}</span>
              <select
                value={scenario}
                onChange={(event) => {
                  send({ type: "LOAD", request: requestOf(flow.id, { scenario: event.target.value, seed }), index: 0 });
                  // Hand the keys back to the clicker.
                  event.target.blur();
                }}
                data-present-scenario
                className="h-10 max-w-[16rem] min-w-0 truncate rounded-lg border border-line bg-surface-raised px-2 text-sm text-foreground"
              >
                {flow.scenarios.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.title}
                  </option>
                ))}
              </select>
            </label>
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
              <a href={simulatorHref} className="inline-flex h-10 items-center rounded-lg px-2 text-sm font-medium text-accent underline-offset-4 hover:underline">
                {presentText.backToFlow}
              </a>
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
          {notices.map((notice) => (
            <li key={notice.field}>{notice.message}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-lg border border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] px-3 py-2 text-[var(--tone-error)]">
          {presentText.failed} {error}
        </p>
      ) : null}

      <p className="sr-only" aria-live="polite" data-live-region>
        {ready && step ? `${presentText.counterLabel(index + 1, count)}: ${step.title}` : presentText.loading}
      </p>

      {trace && step ? (
        <div className="grid min-h-0 flex-1 gap-4 lg:grid-cols-[minmax(0,1.4fr)_minmax(0,1fr)]" data-loading={loading || undefined}>
          <section aria-labelledby="present-stage-heading" className="present-stage min-h-0">
            <h2 id="present-stage-heading" className="sr-only">
              {presentText.stageHeading}
            </h2>
            <Stage trace={trace} index={index} onSelect={(target) => (presenter ? send({ type: "GOTO", index: target }) : undefined)} />
          </section>
          <section aria-labelledby="present-step-title" className="flex min-h-0 flex-col gap-3 overflow-y-auto">
            <p className="present-counter font-mono font-bold text-accent tabular-nums" data-present-counter aria-label={presentText.counterLabel(index + 1, count)}>
              {presentText.counter(index + 1, count)}
            </p>
            <h2 id="present-step-title" className="present-title font-bold text-balance text-foreground" data-present-title>
              {step.title}
            </h2>
            {problem && tone !== "ok" ? (
              <p
                className={cn(
                  "present-narration rounded-lg border px-3 py-2 font-semibold",
                  tone === "wait"
                    ? "border-[var(--tone-wait-line)] bg-[var(--tone-wait-soft)] text-[var(--tone-wait)]"
                    : "border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] text-[var(--tone-error)]",
                )}
              >
                {problem.code === "check failed" ? problem.description : problem.code}
              </p>
            ) : null}
            {stepNarration ? <p className="present-narration text-pretty text-foreground">{stepNarration.what}</p> : null}
            {presenter ? (
              <aside aria-labelledby="present-notes-heading" className="mt-auto rounded-xl border border-line bg-surface p-3 lg:p-4" data-speaker-notes>
                <h2 id="present-notes-heading" className="text-xs font-semibold tracking-wide text-muted uppercase">
                  {presentText.notesHeading}
                </h2>
                {note ? (
                  <>
                    <p className="mt-1 text-base leading-7 text-foreground lg:text-lg">{note.say}</p>
                    {note.ask ? (
                      <p className="mt-2 text-base leading-7 text-foreground lg:text-lg">
                        <span className="font-semibold">{presentText.notesAsk}: </span>
                        {note.ask}
                      </p>
                    ) : null}
                  </>
                ) : (
                  <p className="mt-1 text-muted">{presentText.noNote}</p>
                )}
                <details className="mt-3 text-sm text-muted">
                  <summary className="cursor-pointer">{presentText.keysHeading}</summary>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
                    {presentText.keys.map(([keys, what]) => (
                      <div key={keys} className="contents">
                        <dt className="font-mono text-foreground">{keys}</dt>
                        <dd>{what}</dd>
                      </div>
                    ))}
                  </dl>
                </details>
              </aside>
            ) : null}
          </section>
        </div>
      ) : (
        <p className="text-muted">{presentText.loading}</p>
      )}

      {qr && view ? <QrPanel path={link} onClose={presenter ? () => run("TOGGLE_QR") : undefined} /> : null}
      {blank ? (
        <div className="fixed inset-0 z-50 bg-black" data-blank role="status">
          <span className="sr-only">{presenter ? presentText.blanked : presentText.blankedAudience}</span>
        </div>
      ) : null}
    </div>
  );
}
