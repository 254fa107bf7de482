/**
 * "Check yourself", one file per flow: questions on why the flow is built as it is, each with the
 * step (and scenario) of the live run that shows the answer. test/content/quiz.test.ts checks that
 * every reference names a step the flow's traces record.
 */
import type { FlowId } from "@/machines/flows/types";
import { authorizationCodeQuiz } from "./authorization-code";
import { authorizationCodePkceQuiz } from "./authorization-code-pkce";
import { clientCredentialsQuiz } from "./client-credentials";
import { deviceCodeQuiz } from "./device-code";
import { implicitQuiz } from "./implicit";
import { passwordQuiz } from "./password";
import { refreshTokenQuiz } from "./refresh-token";
import type { QuizQuestion } from "./types";

export type { QuizQuestion, QuizReference } from "./types";

export const QUIZZES: Readonly<Record<FlowId, readonly QuizQuestion[]>> = {
  "authorization-code": authorizationCodeQuiz,
  "authorization-code-pkce": authorizationCodePkceQuiz,
  "client-credentials": clientCredentialsQuiz,
  "refresh-token": refreshTokenQuiz,
  "device-code": deviceCodeQuiz,
  implicit: implicitQuiz,
  password: passwordQuiz,
};

export function quizFor(flow: string): readonly QuizQuestion[] {
  return (QUIZZES as Readonly<Record<string, readonly QuizQuestion[] | undefined>>)[flow] ?? [];
}

export const QUIZ_TEXT = {
  heading: "Check yourself",
  intro: "Why is the flow built this way? Answer, then see it happen in the live run.",
  check: "Check",
  right: "Right.",
  wrong: "Not quite.",
  answerIs: "The answer:",
  seeAt: (step: number) => `See it at step ${step}`,
  seeIn: (step: number, scenario: string) => `See it at step ${step} of “${scenario}”`,
  progress: (right: number, answered: number, total: number) => `${answered} of ${total} answered, ${right} right`,
  reset: "Reset answers",
  resetDone: "Your answers on this flow were cleared.",
  storageNote: "Your answers are kept in this browser only.",
  loading: "Loading the questions…",
} as const;
