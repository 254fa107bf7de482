"use client";

import { lazyPart } from "@/components/ui/lazy-part";
import { LEARN_MODES_TEXT } from "@/content/learn-modes";

/** The panel, its choices and the engine behind them load only when predict mode is first switched on. */
const loadPredictPanel = () => import("./predict-panel");

export const LazyPredictPanel = lazyPart(
  () => loadPredictPanel().then((module) => module.PredictPanel),
  <p className="rounded-xl border-2 border-accent/60 bg-surface-raised p-4 text-sm text-muted">{LEARN_MODES_TEXT.predictLoading}</p>,
);

/** The switch between watching the flow and predicting each step. */
export function PredictToggle({ on, onChange, onWarmUp }: { on: boolean; onChange: (on: boolean) => void; onWarmUp?: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      data-predict-toggle
      onClick={() => onChange(!on)}
      onPointerEnter={onWarmUp}
      onFocus={onWarmUp}
      className="inline-flex h-10 items-center gap-2 rounded-lg border border-line bg-surface-raised px-3 text-sm font-medium text-foreground hover:border-accent aria-pressed:border-accent aria-pressed:bg-accent-soft"
    >
      <span aria-hidden="true" className="relative inline-flex h-4 w-7 shrink-0 items-center rounded-full border border-line bg-surface">
        <span className={on ? "absolute right-0.5 size-2.5 rounded-full bg-accent" : "absolute left-0.5 size-2.5 rounded-full bg-muted"} />
      </span>
      {LEARN_MODES_TEXT.predictToggle}
    </button>
  );
}

/** Fetch the panel's code ahead of the click, when the learner reaches for the switch. */
export function preloadPredictPanel(): void {
  void loadPredictPanel().catch(() => undefined);
}
