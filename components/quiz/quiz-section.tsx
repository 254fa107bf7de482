"use client";

import { useEffect, useId, useState, type FormEvent } from "react";
import { scenarioTrace } from "@/components/predict/flow-runs";
import type { FlowInfo } from "@/components/flow/flow-info";
import { cn } from "@/components/ui/cn";
import { readStored, writeStored } from "@/components/ui/local-store";
import { QUIZ_TEXT, QUIZZES, quizFor, type QuizQuestion } from "@/content/quiz";
import { parseQuizProgress, QUIZ_STORAGE_KEY, recordQuizAnswer, referenceScenario, resetQuiz, resolveReference, type QuizProgress } from "@/machines/quiz";
import type { Trace } from "@/machines/trace";

export type ShowStep = (scenario: string, step: number) => void;

function readProgress(): QuizProgress {
  return parseQuizProgress(readStored(QUIZ_STORAGE_KEY), QUIZZES);
}

/** "See it at step N": resolved against the trace shown, or the named scenario's run (recorded on first need). */
function SeeIt({ question, flow, trace, onShow }: { question: QuizQuestion; flow: FlowInfo; trace: Trace; onShow: ShowStep }) {
  const reference = question.see!;
  const scenarios = flow.scenarios.map((scenario) => scenario.id);
  const [other, setOther] = useState<Trace>();
  const needed = referenceScenario(reference, scenarios);
  const here = resolveReference(reference, trace, () => undefined, scenarios);
  useEffect(() => {
    if (here || !needed) return;
    let live = true;
    scenarioTrace(flow.id, needed, trace.seed).then(
      (found) => live && setOther(found),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [here, needed, flow.id, trace.seed]);
  const resolved = here ?? (other && other.seed === trace.seed ? resolveReference(reference, trace, (id) => (id === other.scenario ? other : undefined), scenarios) : undefined);
  if (!resolved) return null;
  const title = flow.scenarios.find((scenario) => scenario.id === resolved.scenario)?.title ?? resolved.scenario;
  const label = resolved.scenario === trace.scenario ? QUIZ_TEXT.seeAt(resolved.step) : QUIZ_TEXT.seeIn(resolved.step, title);
  return (
    <button
      type="button"
      data-see-step={resolved.step}
      data-see-scenario={resolved.scenario}
      onClick={() => onShow(resolved.scenario, resolved.step)}
      className="mt-1 inline-flex items-center gap-1 rounded-md border border-line bg-surface px-2 py-1 text-left text-sm font-medium text-accent hover:border-accent"
    >
      {label} <span aria-hidden="true">↑</span>
    </button>
  );
}

function Question({
  question,
  number,
  stored,
  flow,
  trace,
  onAnswer,
  onShow,
}: {
  question: QuizQuestion;
  number: number;
  stored: number | undefined;
  flow: FlowInfo;
  trace: Trace;
  onAnswer: (choice: number) => void;
  onShow: ShowStep;
}) {
  const name = useId();
  const [selected, setSelected] = useState<number | undefined>(stored);
  const shown = stored !== undefined && selected === stored ? stored : undefined;
  const right = shown === question.answer;
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (selected !== undefined) onAnswer(selected);
  }
  return (
    <li data-quiz-question={question.id} data-answered={shown === undefined ? undefined : right ? "right" : "wrong"} className="rounded-xl border border-line bg-surface-raised p-3 sm:p-4">
      <form onSubmit={submit}>
        <fieldset className="min-w-0">
          <legend className="text-sm font-semibold text-foreground">
            <span className="text-muted">{number}. </span>
            {question.question}
          </legend>
          <div className="mt-2 flex flex-col gap-1.5">
            {question.choices.map((choice, i) => (
              <label
                key={i}
                className={cn(
                  "flex cursor-pointer items-start gap-2 rounded-md border px-2 py-1.5 text-sm",
                  shown !== undefined && i === question.answer ? "border-[var(--tone-ok-line)] bg-[var(--tone-ok-soft)]" : shown === i ? "border-[var(--tone-error-line)] bg-[var(--tone-error-soft)]" : "border-transparent",
                )}
              >
                <input type="radio" name={name} value={i} checked={selected === i} onChange={() => setSelected(i)} className="mt-1 accent-[var(--accent)]" />
                <span>{choice}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button
          type="submit"
          disabled={selected === undefined}
          className="mt-2 rounded-lg border border-accent bg-accent px-3 py-1 text-sm font-semibold text-accent-foreground hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50"
        >
          {QUIZ_TEXT.check}
        </button>
      </form>
      {shown !== undefined ? (
        <div className="mt-2 space-y-1 text-sm">
          <p className={cn("font-semibold", right ? "text-[var(--tone-ok)]" : "text-[var(--tone-error)]")}>
            {right ? QUIZ_TEXT.right : QUIZ_TEXT.wrong}
            {!right ? <span className="font-normal text-foreground"> {QUIZ_TEXT.answerIs} {question.choices[question.answer]}</span> : null}
          </p>
          <p className="text-foreground">{question.explanation}</p>
          {question.see ? <SeeIt question={question} flow={flow} trace={trace} onShow={onShow} /> : null}
        </div>
      ) : null}
    </li>
  );
}

/** "Check yourself": a handful of questions on why the flow is built as it is, answers kept in this browser. */
export function QuizSection({ flow, trace, onShow }: { flow: FlowInfo; trace: Trace; onShow: ShowStep }) {
  const questions = quizFor(flow.id);
  const [progress, setProgress] = useState<QuizProgress>(readProgress);
  const [announcement, setAnnouncement] = useState("");
  const [generation, setGeneration] = useState(0);
  const answers = progress[flow.id] ?? {};
  const answered = questions.filter((question) => answers[question.id] !== undefined);
  const right = answered.filter((question) => answers[question.id] === question.answer).length;

  function answer(question: QuizQuestion, number: number, choice: number) {
    const next = recordQuizAnswer(readProgress(), flow.id, question.id, choice);
    writeStored(QUIZ_STORAGE_KEY, JSON.stringify(next));
    setProgress(next);
    setAnnouncement(`${number}. ${choice === question.answer ? QUIZ_TEXT.right : `${QUIZ_TEXT.wrong} ${QUIZ_TEXT.answerIs} ${question.choices[question.answer]}`}`);
  }

  function reset() {
    const next = resetQuiz(readProgress(), flow.id);
    writeStored(QUIZ_STORAGE_KEY, JSON.stringify(next));
    setProgress(next);
    setGeneration((value) => value + 1);
    setAnnouncement(QUIZ_TEXT.resetDone);
  }

  return (
    <div data-quiz>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <p className="text-sm text-muted">
          {QUIZ_TEXT.intro} {QUIZ_TEXT.storageNote}
        </p>
        <p className="flex items-center gap-2 text-sm">
          <span data-quiz-progress className="font-semibold text-foreground">
            {QUIZ_TEXT.progress(right, answered.length, questions.length)}
          </span>
          <button
            type="button"
            onClick={reset}
            disabled={answered.length === 0}
            className="rounded-md border border-line px-2 py-0.5 text-xs text-foreground hover:border-accent disabled:cursor-not-allowed disabled:opacity-50"
          >
            {QUIZ_TEXT.reset}
          </button>
        </p>
      </div>
      <p role="status" aria-live="polite" aria-atomic="true" data-quiz-status className="sr-only">
        {announcement}
      </p>
      <ol className="mt-3 grid gap-3 lg:grid-cols-2">
        {questions.map((question, i) => (
          <Question
            key={`${generation}:${question.id}`}
            question={question}
            number={i + 1}
            stored={answers[question.id]}
            flow={flow}
            trace={trace}
            onAnswer={(choice) => answer(question, i + 1, choice)}
            onShow={onShow}
          />
        ))}
      </ol>
    </div>
  );
}
