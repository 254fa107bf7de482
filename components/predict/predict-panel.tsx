"use client";

import { useEffect, useEffectEvent, useId, useMemo, useRef, useState } from "react";
import { narrationIn, type FlowInfo, type NarrationTable } from "@/components/flow/flow-info";
import { cn } from "@/components/ui/cn";
import { readStored, writeStored } from "@/components/ui/local-store";
import { optionLine, optionText, PREDICT_TEXT } from "@/content/predict";
import { parseScores, predictQuestion, recordAnswer, resetScore, SCORE_STORAGE_KEY, type PredictOption, type Scores } from "@/machines/predict";
import { FLOW_IDS } from "@/machines/flows/types";
import type { Trace } from "@/machines/trace";
import { flowRuns } from "./flow-runs";

/** Keys that would show the next step before it is predicted. */
const FORWARD_KEYS = new Set(["ArrowRight", "End", " "]);

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || !!target.closest("input, textarea, select, iframe"));
}

function OptionBody({ option, number }: { option: PredictOption; number: number }) {
  const text = optionText(option);
  return (
    <>
      <span aria-hidden="true" className="flex size-6 shrink-0 items-center justify-center rounded-md border border-line bg-surface font-mono text-xs font-semibold text-muted">
        {number}
      </span>
      <span className="flex min-w-0 flex-col gap-0.5">
        <span className="font-medium text-foreground">{text.title}</span>
        <span className="text-xs text-muted">{text.route}</span>
        {text.outcome ? <span className="text-xs font-medium text-foreground">{text.outcome}</span> : null}
      </span>
    </>
  );
}

/**
 * Predict mode: the learner chooses what happens at the step after the one shown, sees at once
 * whether it was right and why, then reveals the step. Choices come from machines/predict; the
 * score per flow stays in this browser.
 */
export function PredictPanel({
  flow,
  trace,
  index,
  narration,
  onReveal,
  onRestart,
}: {
  flow: FlowInfo;
  trace: Trace;
  index: number;
  narration: NarrationTable;
  onReveal: () => void;
  onRestart: () => void;
}) {
  const headingId = useId();
  const [runs, setRuns] = useState<{ key: string; traces?: Trace[]; error?: string }>();
  const [answer, setAnswer] = useState<{ stepIndex: number; trace: Trace; choice: number }>();
  const [scores, setScores] = useState<Scores>(() => parseScores(readStored(SCORE_STORAGE_KEY), FLOW_IDS));
  const [notice, setNotice] = useState("");
  const revealButton = useRef<HTMLButtonElement>(null);
  const firstOption = useRef<HTMLButtonElement>(null);
  const focusNext = useRef(false);

  const runsKey = JSON.stringify([flow.id, trace.seed]);
  useEffect(() => {
    let live = true;
    flowRuns(
      flow.id,
      flow.scenarios.map((scenario) => scenario.id),
      trace.seed,
    ).then(
      (traces) => live && setRuns({ key: runsKey, traces }),
      (error: unknown) => live && setRuns({ key: runsKey, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [flow.id, flow.scenarios, trace.seed, runsKey]);

  const ready = runs?.key === runsKey ? runs : undefined;
  const stepIndex = index + 1;
  const atEnd = stepIndex >= trace.steps.length;
  const question = useMemo(() => (ready?.traces && !atEnd ? predictQuestion(trace, ready.traces, stepIndex) : undefined), [ready, trace, stepIndex, atEnd]);
  const answered = answer && answer.trace === trace && answer.stepIndex === stepIndex ? answer : undefined;
  const chosen = answered && question ? question.options[answered.choice] : undefined;
  const truth = question ? question.options[question.answer] : undefined;
  const score = scores[flow.id];

  function choose(choice: number) {
    if (!question || answered || choice < 0 || choice >= question.options.length) return;
    const correct = choice === question.answer;
    setAnswer({ stepIndex, trace, choice });
    setNotice("");
    // Read storage again: another tab may have scored on another flow meanwhile.
    const next = recordAnswer(parseScores(readStored(SCORE_STORAGE_KEY), FLOW_IDS), flow.id, correct);
    writeStored(SCORE_STORAGE_KEY, JSON.stringify(next));
    setScores(next);
  }

  function reset() {
    const next = resetScore(parseScores(readStored(SCORE_STORAGE_KEY), FLOW_IDS), flow.id);
    writeStored(SCORE_STORAGE_KEY, JSON.stringify(next));
    setScores(next);
    setNotice(PREDICT_TEXT.resetDone);
  }

  function reveal() {
    focusNext.current = true;
    onReveal();
  }

  // Move focus to what comes next: the reveal button once answered, the first choice after a reveal.
  useEffect(() => {
    if (answered) revealButton.current?.focus({ preventScroll: true });
  }, [answered]);
  useEffect(() => {
    if (question && !answered && focusNext.current) {
      focusNext.current = false;
      firstOption.current?.focus({ preventScroll: true });
    }
  }, [question, answered]);

  // 1–4 choose; the keys that would show the next step wait until it has been predicted.
  const onChoose = useEffectEvent(choose);
  const open = !!question && !answered;
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
      if (!open) return;
      if (/^[1-9]$/.test(event.key) && !event.shiftKey) {
        const choice = Number(event.key) - 1;
        if (question && choice < question.options.length) {
          event.preventDefault();
          onChoose(choice);
        }
        return;
      }
      if (FORWARD_KEYS.has(event.key) && !event.shiftKey) {
        // Space on a focused button presses it; only stop what would step the player.
        if (event.key === " " && event.target instanceof HTMLElement && event.target.closest("button, a[href], summary, [role='button']")) return;
        event.preventDefault();
        setNotice(PREDICT_TEXT.answerFirst);
      }
    }
    // Capture: runs before the player's own key handler, which skips prevented events.
    window.addEventListener("keydown", onKeyDown, true);
    return () => window.removeEventListener("keydown", onKeyDown, true);
  }, [open, question]);

  const narrationWhy = truth ? narrationIn(narration, trace.scenario, trace.steps[stepIndex]!.id)?.why : undefined;
  const otherScenario =
    chosen && !chosen.correct && chosen.scenario && chosen.scenario !== trace.scenario ? flow.scenarios.find((scenario) => scenario.id === chosen.scenario)?.title : undefined;

  const announcement =
    answered && truth
      ? PREDICT_TEXT.announceAnswer(answered.choice === question!.answer, optionLine(truth))
      : notice || (question ? PREDICT_TEXT.announceOn(stepIndex + 1, trace.steps.length, question.options.length) : "");

  return (
    <section aria-labelledby={headingId} data-predict-panel className="rounded-xl border-2 border-accent/60 bg-surface-raised p-3 shadow-sm sm:p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="text-base font-semibold text-foreground">
          {PREDICT_TEXT.heading}
        </h2>
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted">{PREDICT_TEXT.scoreLabel}:</span>
          <span data-predict-score className="font-semibold text-foreground">
            {score ? PREDICT_TEXT.score(score.right, score.total) : PREDICT_TEXT.noScore}
          </span>
          <button
            type="button"
            onClick={reset}
            disabled={!score}
            className="rounded-md border border-line px-2 py-0.5 text-xs text-foreground hover:border-accent disabled:cursor-not-allowed disabled:opacity-50"
          >
            {PREDICT_TEXT.reset}
          </button>
        </p>
      </div>
      <p className="mt-1 text-sm text-muted">
        {PREDICT_TEXT.intro} {PREDICT_TEXT.storageNote}
      </p>
      <p role="status" aria-live="polite" aria-atomic="true" data-predict-status className="sr-only">
        {announcement}
      </p>
      {notice && !answered ? <p className="mt-2 text-sm font-medium text-foreground">{notice}</p> : null}

      {atEnd ? (
        <div className="mt-3 flex flex-wrap items-center gap-3 text-sm">
          <p>{PREDICT_TEXT.ended}</p>
          <button type="button" onClick={onRestart} className="rounded-lg border border-accent bg-accent px-3 py-1.5 font-semibold text-accent-foreground hover:opacity-90">
            {PREDICT_TEXT.restart}
          </button>
        </div>
      ) : ready?.error ? (
        <p role="alert" className="mt-3 text-sm text-[var(--tone-error)]">
          {PREDICT_TEXT.failed} {ready.error}
        </p>
      ) : !question ? (
        <p className="mt-3 text-sm text-muted">{PREDICT_TEXT.preparing}</p>
      ) : (
        <fieldset className="mt-3 min-w-0" data-predict-step={stepIndex + 1}>
          <legend className="text-sm font-semibold text-foreground">{PREDICT_TEXT.question(stepIndex + 1, trace.steps.length)}</legend>
          <ol className="mt-2 grid gap-2 md:grid-cols-2">
            {question.options.map((option, i) => {
              const isChosen = answered?.choice === i;
              const state = !answered ? undefined : option.correct ? "true" : isChosen ? "wrong" : "other";
              return (
                <li key={option.key} className="min-w-0">
                  <button
                    ref={i === 0 ? firstOption : undefined}
                    type="button"
                    onClick={() => choose(i)}
                    aria-disabled={answered ? true : undefined}
                    aria-keyshortcuts={String(i + 1)}
                    data-option={i + 1}
                    data-state={state}
                    className={cn(
                      "flex h-full w-full items-start gap-2 rounded-lg border px-2.5 py-2 text-left text-sm transition-colors",
                      !answered && "border-line bg-surface hover:border-accent",
                      state === "true" && "border-[var(--tone-ok-line)] bg-[var(--tone-ok-soft)]",
                      state === "wrong" && "border-[var(--tone-error-line)] bg-[var(--tone-error-soft)]",
                      state === "other" && "border-line bg-surface opacity-70",
                      answered && "cursor-default",
                    )}
                  >
                    <OptionBody option={option} number={i + 1} />
                    {state === "true" ? <span className="sr-only"> (what happens)</span> : null}
                    {isChosen ? <span className="sr-only"> (your answer)</span> : null}
                  </button>
                </li>
              );
            })}
          </ol>
        </fieldset>
      )}

      {answered && truth ? (
        <div data-predict-feedback={answered.choice === question!.answer ? "right" : "wrong"} className="mt-3 space-y-1.5 text-sm">
          <p className={cn("font-semibold", answered.choice === question!.answer ? "text-[var(--tone-ok)]" : "text-[var(--tone-error)]")}>
            {answered.choice === question!.answer ? PREDICT_TEXT.right : PREDICT_TEXT.wrong}
          </p>
          {answered.choice !== question!.answer ? (
            <p>
              <span className="font-semibold">{PREDICT_TEXT.trueStep}</span> {optionLine(truth)}
            </p>
          ) : null}
          {otherScenario ? <p className="text-muted">{PREDICT_TEXT.otherScenario(otherScenario)}</p> : null}
          {narrationWhy ? (
            <p>
              <span className="font-semibold">{PREDICT_TEXT.why}</span> {narrationWhy}
            </p>
          ) : null}
          <button
            ref={revealButton}
            type="button"
            onClick={reveal}
            aria-keyshortcuts="ArrowRight"
            className="mt-1 rounded-lg border border-accent bg-accent px-3 py-1.5 font-semibold text-accent-foreground hover:opacity-90"
          >
            {PREDICT_TEXT.reveal(stepIndex + 1)} <span aria-hidden="true">→</span>
          </button>
        </div>
      ) : null}
    </section>
  );
}
