"use client";

import "@/components/flow/flow.css";
import "./present.css";
import { useEffect, useSyncExternalStore } from "react";
import type { FlowInfo, NarrationTable } from "@/components/flow/flow-info";
import { narrationIn } from "@/components/flow/flow-info";
import { Icon, type IconName } from "@/components/flow/icons";
import { Stage } from "@/components/flow/stage";
import { embedText } from "@/content/present";
import { parseFlowUrl, serializeFlowUrl } from "@/machines/flow-url";
import type { PlayerEvent } from "@/machines/player";
import type { Trace } from "@/machines/trace";
import { keepsKeys } from "@/components/flow/keys";
import { requestOf, usePresentedFlow } from "./use-presented-flow";

const noSubscription = () => () => undefined;

const KEY_EVENTS: Readonly<Record<string, PlayerEvent>> = {
  ArrowRight: { type: "NEXT" },
  ArrowLeft: { type: "BACK" },
  Home: { type: "FIRST" },
  End: { type: "LAST" },
};

function EmbedButton({ icon, label, keys, disabled, onClick }: { icon: IconName; label: string; keys: string; disabled: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      aria-keyshortcuts={keys}
      title={label}
      className="inline-flex size-9 items-center justify-center rounded-lg border border-line bg-surface-raised text-foreground hover:border-accent hover:text-accent disabled:cursor-not-allowed disabled:opacity-40"
    >
      <Icon name={icon} className="size-4" />
    </button>
  );
}

/**
 * The embed view: one flow's stage, the step's title and narration, and step buttons — for an
 * iframe on a course page or a slide. A link opens the same step in the full simulator.
 */
export function EmbedPlayer({ flow, initial, narration }: { flow: FlowInfo; initial: Trace; narration: NarrationTable }) {
  const { actor, send, trace, index, request, notices, ready, loading, error, step } = usePresentedFlow(flow, initial);
  const search = useSyncExternalStore(
    noSubscription,
    () => window.location.search,
    () => null,
  );

  useEffect(() => {
    if (search === null) return;
    const parsed = parseFlowUrl(search, { scenarios: flow.scenarios, grantable: false });
    actor.send({ type: "LOAD", request: requestOf(flow.id, parsed.location), index: parsed.location.step - 1, notices: parsed.notices });
  }, [actor, flow, search]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      const command = KEY_EVENTS[event.key];
      if (!command || keepsKeys(event.target, event.key)) return;
      event.preventDefault();
      send(command);
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [send]);

  const scenario = request?.scenario ?? initial.scenario;
  const seed = request?.seed ?? initial.seed;
  const count = trace?.steps.length ?? 0;
  const scenarioTitle = flow.scenarios.find((candidate) => candidate.id === scenario)?.title ?? scenario;
  const href = `/flows/${flow.id}${serializeFlowUrl({ scenario, step: index + 1, seed })}`;
  const stepNarration = step ? narrationIn(narration, scenario, step.id) : undefined;

  return (
    <div
      className="embed flex flex-col gap-2 p-2 sm:p-3"
      data-player={loading ? "loading" : error ? "failed" : ready ? "ready" : "idle"}
      data-hydrated={search !== null || undefined}
    >
      <header className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <div className="min-w-0">
          <h1 className="text-base font-bold text-foreground">{flow.name}</h1>
          <p className="text-xs text-muted">{scenarioTitle}</p>
        </div>
        <a href={href} target="_blank" rel="noopener" className="inline-flex items-center gap-1 text-sm font-medium text-accent underline-offset-2 hover:underline" data-open-simulator>
          {embedText.openInSimulator}
          <Icon name="external" className="size-3.5" />
          <span className="sr-only">{embedText.opensInNewTab}</span>
        </a>
      </header>
      {notices.length > 0 ? (
        <ul className="rounded-md border border-[var(--tone-wait-line)] bg-[var(--tone-wait-soft)] px-2 py-1 text-xs text-[var(--tone-wait)]" data-notices>
          {notices.map((notice) => (
            <li key={notice.field}>{notice.message}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md border border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] px-2 py-1 text-sm text-[var(--tone-error)]">
          {embedText.failed} {error}
          {typeof window !== "undefined" && !window.isSecureContext ? <span className="mt-1 block">{embedText.insecure}</span> : null}
        </p>
      ) : null}
      {trace && step ? (
        <>
          <section aria-labelledby="embed-stage-heading" className="embed-stage">
            <h2 id="embed-stage-heading" className="sr-only">
              {embedText.stageHeading}
            </h2>
            <Stage trace={trace} index={index} onSelect={(target) => send({ type: "GOTO", index: target })} />
          </section>
          <div role="group" aria-label={embedText.controls} className="flex items-center gap-1.5">
            <EmbedButton icon="restart" label={embedText.first} keys="Home" disabled={!ready || index === 0} onClick={() => send({ type: "FIRST" })} />
            <EmbedButton icon="back" label={embedText.back} keys="ArrowLeft" disabled={!ready || index === 0} onClick={() => send({ type: "BACK" })} />
            <EmbedButton icon="next" label={embedText.next} keys="ArrowRight" disabled={!ready || index >= count - 1} onClick={() => send({ type: "NEXT" })} />
            <p className="ml-1 min-w-0 truncate text-sm text-foreground" aria-live="polite" data-live-region>
              <span className="font-semibold tabular-nums">
                Step {index + 1} of {count}:
              </span>{" "}
              {step.title}
            </p>
          </div>
          {stepNarration ? <p className="text-sm leading-6 text-pretty text-foreground">{stepNarration.what}</p> : null}
        </>
      ) : (
        <p className="text-sm text-muted">{embedText.loading}</p>
      )}
    </div>
  );
}
