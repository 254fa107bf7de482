"use client";

import "./flow.css";
import { useActorRef, useSelector } from "@xstate/react";
import type { ActorRefFrom, SnapshotFrom } from "xstate";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { DEFAULT_SEED, parseFlowUrl, sanitizeSeed, serializeFlowUrl, type FlowLocation } from "@/machines/flow-url";
import { loadEngine, playerMachine, type PlayerEvent, type TraceRequest } from "@/machines/player";
import type { Trace } from "@/machines/trace";
import { stepTone } from "@/machines/stage";
import { markAddressShown } from "./address-pending";
import { BrowserWindow } from "./browser-window";
import { CopyLinkButton, Notices, ScenarioPicker, SeedField } from "./flow-options";
import { narrationIn, type FlowInfo, type NarrationTable } from "./flow-info";
import { FlowTabs } from "./flow-tabs";
import { keepsKeys } from "./keys";
import { loadEditUrl, loadTamperBar } from "./lazy-parts";
import { NarrationPanel } from "./narration-panel";
import { PlayerControls } from "./player-controls";
import { Stage } from "./stage";
import { LazyPredictPanel, preloadPredictPanel, PredictToggle } from "@/components/predict/predict-mode";
import { QuizArea } from "@/components/quiz/quiz-area";
import { FlowPlayerContext } from "./tamper-context";
import { lazyPart } from "@/components/ui/lazy-part";

/** The bar that says what the learner edited, with "Undo edits": fetched only once there are edits. */
const TamperBar = lazyPart(() => loadTamperBar().then((module) => module.TamperBar), null);

/** Read edits from an address only when it carries some: the parser is not part of the first load. */
const EDIT_IN_ADDRESS = /(?:^\?|&)edit=/;

const KEY_EVENTS: Readonly<Record<string, PlayerEvent>> = {
  ArrowRight: { type: "NEXT" },
  ArrowLeft: { type: "BACK" },
  Home: { type: "FIRST" },
  End: { type: "LAST" },
  " ": { type: "TOGGLE" },
};

const noSubscription = () => () => undefined;

/** False in the static HTML and while React hydrates it; true once the page runs. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

function requestOf(flow: string, location: Pick<FlowLocation, "scenario" | "seed" | "grant">, edits?: TraceRequest["edits"]): TraceRequest {
  return { flow, scenario: location.scenario, seed: location.seed, ...(location.grant ? { grantedScope: location.grant } : {}), ...(edits && edits.length > 0 ? { edits } : {}) };
}

/** Once the player has settled on what was asked (shown it, or failed to run it), call `then` before the next frame. */
function whenSettled(actor: ActorRefFrom<typeof playerMachine>, then: () => void): void {
  const settled = (snapshot: SnapshotFrom<typeof playerMachine>) => !snapshot.matches("loading");
  // The next frame: React has rendered the new snapshot by then (store updates render in a microtask).
  const beforeNextFrame = () => void window.requestAnimationFrame(then);
  if (settled(actor.getSnapshot())) return beforeNextFrame();
  const subscription = actor.subscribe((snapshot) => {
    if (!settled(snapshot)) return;
    subscription.unsubscribe();
    beforeNextFrame();
  });
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((scope) => b.includes(scope));
}

/**
 * The simulator of one flow: runs it in the browser (the mock servers included), then plays the
 * recorded trace on the stage, in the mock browser, in the narration and in the inspector. The
 * address always says which scenario, step and seed are shown, so a link reopens the same view.
 */
export function FlowPlayer({ flow, initial, narration, header }: { flow: FlowInfo; initial: Trace; narration: NarrationTable; header: ReactNode }) {
  const actor = useActorRef(playerMachine, {
    input: { known: [{ request: requestOf(flow.id, { scenario: initial.scenario, seed: initial.seed }), trace: initial }], show: requestOf(flow.id, { scenario: initial.scenario, seed: initial.seed }) },
  });
  const send = useCallback((event: PlayerEvent) => actor.send(event), [actor]);
  const trace = useSelector(actor, (snapshot) => snapshot.context.trace);
  const index = useSelector(actor, (snapshot) => snapshot.context.index);
  const speed = useSelector(actor, (snapshot) => snapshot.context.speed);
  const request = useSelector(actor, (snapshot) => snapshot.context.request);
  const playing = useSelector(actor, (snapshot) => snapshot.matches({ ready: "playing" }));
  const ready = useSelector(actor, (snapshot) => snapshot.matches("ready"));
  const loading = useSelector(actor, (snapshot) => snapshot.matches("loading"));
  const error = useSelector(actor, (snapshot) => (snapshot.matches("failed") ? (snapshot.context.error ?? "unknown error") : undefined));

  const notices = useSelector(actor, (snapshot) => snapshot.context.notices);
  const hydrated = useHydrated();
  const controls = useRef<HTMLDivElement>(null);

  // Read the address once the page runs in the browser (the static HTML cannot know it).
  useEffect(() => {
    const search = window.location.search;
    const parsed = parseFlowUrl(search, { scenarios: flow.scenarios, grantable: flow.grantable });
    const load = (edits?: TraceRequest["edits"], notices: typeof parsed.notices = []) => {
      actor.send({ type: "LOAD", request: requestOf(flow.id, parsed.location, edits), index: parsed.location.step - 1, notices: [...parsed.notices, ...notices] });
      // The view the address names is on screen (or the error that says why not): show it (address-pending.ts).
      whenSettled(actor, markAddressShown);
    };
    if (!EDIT_IN_ADDRESS.test(search)) return load();
    let live = true;
    loadEditUrl()
      .then(({ parseEditsFromSearch }) => {
        const edits = parseEditsFromSearch(search);
        if (live) load(edits.edits, edits.notices);
      })
      .catch(() => live && load());
    return () => {
      live = false;
    };
  }, [actor, flow]);

  // Keep the address in step with what is shown (replaceState: no history entry per step).
  useEffect(() => {
    if (!ready || !request) return;
    let live = true;
    const timer = window.setTimeout(async () => {
      const base = serializeFlowUrl({ scenario: request.scenario, step: index + 1, seed: request.seed, ...(request.grantedScope ? { grant: request.grantedScope } : {}) });
      const edits = request.edits && request.edits.length > 0 ? (await loadEditUrl()).serializeEdits(request.edits) : "";
      const query = `${base}${edits}`;
      if (live && window.location.search !== query) window.history.replaceState(window.history.state, "", `${window.location.pathname}${query}`);
    }, 120);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [ready, request, index]);

  // ← → Home End and Space step and play, unless focus is in a control that uses those keys.
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

  // The sticky stage sits just under the sticky controls, whatever their height.
  useEffect(() => {
    const element = controls.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => {
      element.parentElement?.style.setProperty("--flow-controls-height", `${element.offsetHeight + 12}px`);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const scenario = request?.scenario ?? flow.scenarios[0]!.id;
  const seed = request?.seed ?? DEFAULT_SEED;
  /** Fetch the engine as soon as the learner reaches for a control that needs it. */
  const warmUp = useCallback(() => void loadEngine().catch(() => undefined), []);

  const loadScenario = useCallback(
    (id: string) => {
      actor.send({ type: "LOAD", request: requestOf(flow.id, { scenario: id, seed }), index: 0 });
    },
    [actor, flow.id, seed],
  );

  const applySeed = useCallback(
    (raw: string) => {
      const sanitized = sanitizeSeed(raw);
      if (request) actor.send({ type: "LOAD", request: { ...request, seed: sanitized.seed }, notices: sanitized.notice ? [sanitized.notice] : [] });
    },
    [actor, request],
  );

  const applyGrant = useCallback(
    (granted: string[], offered: readonly string[]) => {
      if (!request) return;
      const asScenarioSays = flow.scenarios.find((candidate) => candidate.id === request.scenario)?.grantedScope ?? offered;
      const { grantedScope: _previous, ...rest } = request;
      void _previous;
      actor.send({ type: "LOAD", request: sameScopes(granted, asScenarioSays) ? rest : { ...rest, grantedScope: granted } });
    },
    [actor, flow.scenarios, request],
  );

  const goTo = useCallback((target: number) => actor.send({ type: "GOTO", index: target }), [actor]);
  // Predict mode: the learner chooses what happens next before each step is revealed, so nothing shows the steps ahead.
  const [predict, setPredict] = useState(false);
  const togglePredict = useCallback(
    (on: boolean) => {
      if (on) actor.send({ type: "PAUSE" });
      setPredict(on);
    },
    [actor],
  );
  const player = useMemo(() => ({ actor, flow: flow.id }), [actor, flow.id]);
  const allTones = useMemo(() => trace?.steps.map(stepTone) ?? [], [trace]);
  const tones = useMemo(() => (predict ? allTones.map((tone, i) => (i > index ? "ok" : tone)) : allTones), [predict, allTones, index]);
  const revealed = useMemo(() => (predict && trace ? { ...trace, steps: trace.steps.slice(0, index + 1) } : trace), [predict, trace, index]);
  const showStep = useCallback(
    (scenario: string, number: number) => {
      if (request && scenario === request.scenario) actor.send({ type: "GOTO", index: number - 1 });
      else actor.send({ type: "LOAD", request: requestOf(flow.id, { scenario, seed }), index: number - 1 });
      document.querySelector("[data-player]")?.scrollIntoView({ block: "start" });
    },
    [actor, flow.id, request, seed],
  );
  const step = trace?.steps[index];

  return (
    <FlowPlayerContext value={player}>
      <div className="flex flex-col gap-3" data-player={loading ? "loading" : error ? "failed" : ready ? "ready" : "idle"} data-hydrated={hydrated || undefined}>
        <div className="grid gap-x-8 gap-y-3 lg:grid-cols-[minmax(0,1fr)_minmax(0,27rem)] lg:items-end">
          {header}
          <div className="awaits-address flex flex-col gap-2" onPointerEnter={warmUp} onFocusCapture={warmUp}>
            <ScenarioPicker scenarios={flow.scenarios} value={scenario} onChange={loadScenario} />
            <div className="flex flex-wrap items-end gap-2">
              <SeedField key={seed} seed={seed} onApply={applySeed} />
              <CopyLinkButton />
              <PredictToggle on={predict} onChange={togglePredict} onWarmUp={preloadPredictPanel} />
            </div>
          </div>
        </div>
        <Notices notices={notices} onDismiss={() => send({ type: "DISMISS_NOTICES" })} />
        {request?.edits && trace?.changed ? <TamperBar trace={trace} busy={loading} /> : null}
        <div ref={controls} className="awaits-address sticky top-0 z-30">
          <PlayerControls index={index} count={trace?.steps.length ?? 0} title={step?.title} tones={tones} changed={trace?.changed} playing={playing} speed={speed} ready={!!step} send={send} />
        </div>
        {predict && trace && step ? (
          <LazyPredictPanel flow={flow} trace={trace} index={index} narration={narration} onReveal={() => send({ type: "NEXT" })} onRestart={() => send({ type: "FIRST" })} />
        ) : null}
        {error ? (
          <p role="alert" className="rounded-lg border border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] px-3 py-2 text-sm text-[var(--tone-error)]">
            The flow could not be run: {error}
          </p>
        ) : null}
        {trace && step ? (
          <div className="awaits-address flow-layout" data-loading={loading || undefined}>
            <section aria-labelledby="stage-heading" className="flow-area-stage">
              <h2 id="stage-heading" className="sr-only">
                Stage: the messages between the roles
              </h2>
              <Stage trace={trace} index={index} onSelect={goTo} />
              <p className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-muted">
                <span className="inline-flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block h-0.5 w-6 bg-[repeating-linear-gradient(90deg,currentColor_0_5px,transparent_5px_8px)]" />
                  front channel (via the browser)
                </span>
                <span className="inline-flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block h-0.5 w-6 bg-current" />
                  back channel (server to server)
                </span>
                <span className="hidden lg:inline">
                  Keys: <kbd className="font-mono">←</kbd> <kbd className="font-mono">→</kbd> step · <kbd className="font-mono">Space</kbd> play/pause ·{" "}
                  <kbd className="font-mono">Home</kbd>/<kbd className="font-mono">End</kbd> first/last
                </span>
              </p>
            </section>
            <div className="flow-area-narration render-when-near">
              <NarrationPanel step={step} count={trace.steps.length} narration={narrationIn(narration, trace.scenario, step.id)} grantedScope={request?.grantedScope} />
            </div>
            <section aria-labelledby="browser-heading" className="flow-area-browser render-when-near" onPointerEnter={warmUp} onFocusCapture={warmUp}>
              <h2 id="browser-heading" className="mb-2 text-sm font-semibold text-muted">
                The resource owner&rsquo;s browser
              </h2>
              <BrowserWindow trace={trace} index={index} grantable={flow.grantable} busy={loading} onGrant={applyGrant} />
            </section>
          </div>
        ) : null}
        {revealed && step ? <FlowTabs trace={revealed} index={index} /> : null}
        {trace && step ? <QuizArea flow={flow} trace={trace} onShow={showStep} /> : null}
      </div>
    </FlowPlayerContext>
  );
}
