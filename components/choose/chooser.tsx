"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";
import { Oauth21Badge } from "@/components/flow-card";
import { APP_KIND_TEXT, chooseText, FOLLOW_UP_TEXT, RECOMMENDATION_TEXT, WHY_NOT_TEXT } from "@/content/choose";
import { flowHref, flows, type FlowSummary } from "@/content/flows";
import { APP_KINDS, followUpsFor, isComplete, recommend, relevantAnswers, type Answers, type FollowUpId, type Recommendation, type YesNo } from "@/machines/choose";
import { compareHref } from "@/machines/compare";

function summaryOf(id: string): FlowSummary {
  return flows.find((flow) => flow.id === id) ?? flows[0]!;
}

const OPTION =
  "flex cursor-pointer items-start gap-2.5 rounded-lg border border-line bg-surface-raised px-3 py-2 text-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent";

function Question({ name, legend, hint, options, value, onChange }: { name: string; legend: string; hint?: string; options: readonly { value: string; label: string; hint?: string }[]; value?: string; onChange: (value: string) => void }) {
  return (
    <fieldset className="flex flex-col gap-2" data-question={name}>
      <legend className="text-lg font-semibold text-foreground">{legend}</legend>
      {hint ? <p className="-mt-1 text-sm text-muted">{hint}</p> : null}
      <div className="grid gap-2 sm:grid-cols-2">
        {options.map((option) => (
          <label key={option.value} className={OPTION}>
            <input type="radio" name={name} value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} className="mt-1 accent-[var(--accent)]" />
            <span>
              <span className="block font-medium text-foreground">{option.label}</span>
              {option.hint ? <span className="block text-muted">{option.hint}</span> : null}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function Result({ recommendation, headingRef }: { recommendation: Recommendation; headingRef: React.RefObject<HTMLHeadingElement | null> }) {
  const flow = summaryOf(recommendation.flow);
  const runnerUp = summaryOf(recommendation.runnerUp);
  const text = RECOMMENDATION_TEXT[recommendation.id];
  return (
    <section aria-labelledby="choose-result" className="flex flex-col gap-3 rounded-xl border border-accent bg-surface-raised p-4 shadow-sm sm:p-5" data-result={recommendation.id} data-flow={recommendation.flow} data-runner-up={recommendation.runnerUp}>
      <p className="text-xs font-semibold tracking-wide text-muted uppercase">{chooseText.resultHeading}</p>
      <h2 id="choose-result" ref={headingRef} tabIndex={-1} className="text-2xl font-bold tracking-tight text-foreground focus:outline-none">
        {text?.headline ?? flow.name}
      </h2>
      <div className="flex flex-wrap items-center gap-2 text-sm text-muted">
        <Oauth21Badge status={flow.oauth21} label={flow.oauth21Label} />
        <span>
          {flow.name} · {flow.spec}
        </span>
      </div>
      {text ? (
        <div>
          <h3 className="text-sm font-semibold text-foreground">{chooseText.reasonsHeading}</h3>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm leading-6 text-foreground">
            {text.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <a href={flowHref(flow.id)} data-open-flow className="inline-flex items-center gap-2 rounded-lg bg-accent px-4 py-2 font-medium text-accent-foreground hover:opacity-90">
          {chooseText.openFlow(flow.name)} <span aria-hidden="true">→</span>
        </a>
        <a href={compareHref([flow.id, runnerUp.id])} data-open-compare className="inline-flex items-center rounded-lg border border-line bg-surface px-4 py-2 font-medium text-foreground hover:border-accent hover:text-accent">
          {chooseText.compare(flow.name, runnerUp.name)}
        </a>
      </div>
      {text ? (
        <p className="text-sm text-muted">
          <span className="font-semibold text-foreground">{chooseText.runnerUpLabel}: </span>
          {runnerUp.name}. {text.runnerUp}
        </p>
      ) : null}
      {recommendation.avoid.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold text-foreground">{chooseText.avoidHeading}</h3>
          <ul className="mt-1 space-y-1 text-sm leading-6 text-foreground">
            {recommendation.avoid.map((id) => (
              <li key={id} data-avoid={id}>
                {WHY_NOT_TEXT[id]}{" "}
                <a href={compareHref([flow.id, id])} className="font-medium text-accent underline-offset-2 hover:underline">
                  {chooseText.compare(flow.name, summaryOf(id).name)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/**
 * The questionnaire: the kind of app, then only the follow-ups that change the answer; on
 * submit, the recommendation with its reasons, focus moved to it and its name announced.
 */
export function Chooser() {
  const [answers, setAnswers] = useState<Answers>({});
  const [shown, setShown] = useState<Recommendation>();
  const [announcement, setAnnouncement] = useState("");
  const [problem, setProblem] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (shown) headingRef.current?.focus();
  }, [shown]);

  function answer(change: Answers) {
    setAnswers((current) => relevantAnswers({ ...current, ...change }));
    setShown(undefined);
    setProblem(false);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const recommendation = recommend(answers);
    setShown(recommendation);
    setProblem(!recommendation);
    setAnnouncement(recommendation ? chooseText.announce(RECOMMENDATION_TEXT[recommendation.id]?.headline ?? summaryOf(recommendation.flow).name) : chooseText.incomplete);
  }

  return (
    <div className="flex flex-col gap-6">
      {/* autoComplete off: the browser must not restore ticks on Back that React state does not know of. */}
      <form onSubmit={submit} autoComplete="off" className="flex flex-col gap-6" data-chooser>
        <Question
          name="appKind"
          legend={chooseText.appKindQuestion}
          options={APP_KINDS.map((kind) => ({ value: kind, label: APP_KIND_TEXT[kind].label, hint: APP_KIND_TEXT[kind].hint }))}
          value={answers.appKind}
          onChange={(value) => answer({ appKind: value as Answers["appKind"] })}
        />
        {followUpsFor(answers).map((question: FollowUpId) => (
          <Question
            key={question}
            name={question}
            legend={FOLLOW_UP_TEXT[question].question}
            hint={FOLLOW_UP_TEXT[question].hint}
            options={(["yes", "no"] as const).map((value: YesNo) => ({ value, label: FOLLOW_UP_TEXT[question].answers[value] }))}
            value={answers[question]}
            onChange={(value) => answer({ [question]: value as YesNo })}
          />
        ))}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className="rounded-lg bg-accent px-5 py-2.5 font-medium text-accent-foreground shadow-sm hover:opacity-90" aria-describedby={problem ? "choose-problem" : undefined}>
            {chooseText.submit}
          </button>
          {problem && !isComplete(answers) ? (
            <p id="choose-problem" className="text-sm text-[var(--tone-error)]">
              {chooseText.incomplete}
            </p>
          ) : null}
        </div>
      </form>
      <p role="status" aria-live="polite" className="sr-only" data-announcement>
        {announcement}
      </p>
      {shown ? <Result recommendation={shown} headingRef={headingRef} /> : null}
    </div>
  );
}
