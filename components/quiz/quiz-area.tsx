"use client";

import { lazyPart } from "@/components/ui/lazy-part";
import { useId, useRef } from "react";
import { useNearScreen } from "@/components/flow/use-near-screen";
import type { FlowInfo } from "@/components/flow/flow-info";
import { LEARN_MODES_TEXT } from "@/content/learn-modes";
import type { Trace } from "@/machines/trace";
import type { ShowStep } from "./quiz-section";

const QUIZ_HEADING = LEARN_MODES_TEXT.quizHeading;
const LOADING = LEARN_MODES_TEXT.quizLoading;

/** The questions (and their text for every flow) load when the section comes near the screen. */
const loadQuizSection = () => import("./quiz-section");

const QuizSection = lazyPart(() => loadQuizSection().then((module) => module.QuizSection), <p className="text-sm text-muted">{LOADING}</p>);

/** "Check yourself", under the player: mounted lazily as the learner scrolls to it. */
export function QuizArea({ flow, trace, onShow }: { flow: FlowInfo; trace: Trace; onShow: ShowStep }) {
  const id = useId();
  const area = useRef<HTMLElement>(null);
  const [near, markNear] = useNearScreen(area);
  return (
    <section ref={area} aria-labelledby={id} className="render-when-near mt-4 min-w-0" onFocusCapture={markNear} data-quiz-area>
      <h2 id={id} className="text-xl font-bold tracking-tight text-foreground">
        {QUIZ_HEADING}
      </h2>
      <div className="mt-2">{near ? <QuizSection flow={flow} trace={trace} onShow={onShow} /> : <p className="text-sm text-muted">{LOADING}</p>}</div>
    </section>
  );
}
