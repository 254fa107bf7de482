/**
 * The few words the flow page shows before predict mode or "Check yourself" has loaded (their
 * own text loads with them: content/predict.ts, content/quiz/).
 */
export const LEARN_MODES_TEXT = {
  predictToggle: "Predict each step",
  predictLoading: "Loading predict mode…",
  quizHeading: "Check yourself",
  quizLoading: "Loading the questions…",
} as const;
