/** The words of the "Check yourself" section (its questions are in the per-flow files). */
export const QUIZ_TEXT = {
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
} as const;
