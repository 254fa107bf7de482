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

export { QUIZ_TEXT } from "./text";
