/**
 * Every kind of step a flow can record: its short title and the RFC section it illustrates. Step
 * ids are stable: content/ keys narration on them, so renaming one is a content change too.
 * Each group of flows keeps its steps in its own file; this index joins them.
 */
import { BROWSER_FLOW_REPLIES, BROWSER_FLOW_STEPS } from "./browser-flows";
import { PUBLIC_AND_LEGACY_FLOW_REPLIES, PUBLIC_AND_LEGACY_FLOW_STEPS } from "./public-and-legacy-flows";
import { SERVER_FLOW_REPLIES, SERVER_FLOW_STEPS } from "./server-flows";
import type { Replies, StepKind } from "./kinds";
import { rfc } from "./kinds";

export type { Replies, StepKind } from "./kinds";

export const STEPS: Readonly<Record<string, StepKind>> = { ...BROWSER_FLOW_STEPS, ...PUBLIC_AND_LEGACY_FLOW_STEPS, ...SERVER_FLOW_STEPS };

export const REPLIES: Readonly<Record<string, Replies>> = { ...BROWSER_FLOW_REPLIES, ...PUBLIC_AND_LEGACY_FLOW_REPLIES, ...SERVER_FLOW_REPLIES };

export function replyStep(requestStep: string, status: number): string {
  const replies = REPLIES[requestStep];
  if (!replies) return `${requestStep}-reply`;
  if (status >= 300 && status < 400 && replies.redirect) return replies.redirect;
  return status >= 400 ? replies.error : replies.ok;
}

export function stepKind(id: string): StepKind {
  return STEPS[id] ?? { title: id, reference: rfc("6749", "1.2") };
}
