/**
 * Words of "predict the next step": how a choice reads (its route, channel and ending — the rest
 * is the step's own title and the roles' names), and the panel's labels and feedback.
 */
import type { OptionOutcome, PredictOption } from "@/machines/predict";
import { ROLE_NAMES } from "@/machines/trace";

export const CHANNEL_WORDS = {
  front: "front channel, through the browser",
  back: "back channel, server to server",
  local: "inside one role, nothing sent",
} as const;

export function outcomeWords(outcome: OptionOutcome): string {
  switch (outcome.kind) {
    case "refused":
      return `refused: ${outcome.code}`;
    case "wait":
      return `told to keep waiting: ${outcome.code}`;
    case "check-fails":
      return `this check fails: “${outcome.check}”`;
    case "checks-pass":
      return "every check passes";
  }
}

export interface OptionText {
  /** "Client → Authorization server · back channel, server to server". */
  readonly route: string;
  /** The step's title. */
  readonly title: string;
  /** How it ends, when the step refuses or checks something. */
  readonly outcome?: string;
}

/** How a choice reads: every field of the option shows, so two options never read the same. */
export function optionText(option: PredictOption): OptionText {
  const route = option.from === option.to ? ROLE_NAMES[option.from] : `${ROLE_NAMES[option.from]} → ${ROLE_NAMES[option.to]}`;
  return {
    route: `${route} · ${CHANNEL_WORDS[option.channel]}`,
    title: option.title,
    ...(option.outcome ? { outcome: outcomeWords(option.outcome) } : {}),
  };
}

/** The whole choice as one line (for screen readers' announcements and tests). */
export function optionLine(option: PredictOption): string {
  const text = optionText(option);
  return [text.title, text.route, text.outcome].filter(Boolean).join(" — ");
}

export const PREDICT_TEXT = {
  heading: "Predict the next step",
  intro: "Before each step is revealed, choose what happens next. Keys 1–4 choose; → reveals the step once you have answered.",
  question: (step: number, count: number) => `What happens at step ${step} of ${count}?`,
  preparing: "Preparing the choices (running the flow’s other scenarios)…",
  failed: "The choices could not be prepared:",
  right: "Right.",
  wrong: "Not quite.",
  trueStep: "What happens:",
  why: "Why this step exists:",
  otherScenario: (title: string) => `What you chose is what happens in the scenario “${title}”.`,
  reveal: (step: number) => `Reveal step ${step}`,
  answerFirst: "Choose what happens next first: keys 1 to 4.",
  ended: "The flow has ended: there is no next step to predict.",
  restart: "Start again from step 1",
  score: (right: number, total: number) => `${right} of ${total} right`,
  noScore: "No predictions yet",
  scoreLabel: "Your score on this flow",
  reset: "Reset score",
  resetDone: "Score reset.",
  announceOn: (step: number, count: number, options: number) => `Predict mode. What happens at step ${step} of ${count}? Choose 1 to ${options}.`,
  announceAnswer: (correct: boolean, line: string) => `${correct ? "Right" : "Not quite"}. What happens: ${line}. Press → or the reveal button to see it.`,
  storageNote: "Kept in this browser only.",
} as const;
