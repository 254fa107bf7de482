/** "Check yourself": questions about why a flow is built as it is, answered against the live run. */

/** A step of the run that shows the answer: its step id, in a scenario (default: the flow's first). */
export interface QuizReference {
  readonly step: string;
  readonly scenario?: string;
}

export interface QuizQuestion {
  /** Stable within its flow: progress is stored by it. */
  readonly id: string;
  readonly question: string;
  readonly choices: readonly string[];
  /** The index of the right choice. */
  readonly answer: number;
  /** Why the right answer is right (shown once answered). */
  readonly explanation: string;
  /** Where the live run shows it ("see it at step N"). */
  readonly see?: QuizReference;
}
