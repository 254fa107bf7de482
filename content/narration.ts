/**
 * Narration for every step of every flow, keyed by step id (DESIGN invariant 5): what happens,
 * why the step exists, what would go wrong without it, and the RFC section. A scenario may say
 * something different about a step it changes.
 */
import type { FlowId } from "@/machines/flows/types";
import { authorizationCodeNarration } from "./flows/authorization-code";
import { authorizationCodePkceNarration } from "./flows/authorization-code-pkce";
import { clientCredentialsNarration } from "./flows/client-credentials";
import { deviceCodeNarration } from "./flows/device-code";
import { implicitNarration } from "./flows/implicit";
import { passwordNarration } from "./flows/password";
import { refreshTokenNarration } from "./flows/refresh-token";

export interface Narration {
  /** What happens in this step, in a sentence or two. */
  readonly what: string;
  /** Why the step exists. */
  readonly why: string;
  /** What would go wrong without it. */
  readonly without: string;
}

export interface FlowNarration {
  /** Narration by step id, for every step any scenario of the flow records. */
  readonly steps: Readonly<Record<string, Narration>>;
  /** Scenario-specific narration that replaces the flow's for a step: scenario id → step id → narration. */
  readonly scenarios?: Readonly<Record<string, Readonly<Record<string, Narration>>>>;
}

/** Every flow's narration, one file per flow in content/flows/ (test/content/narration-coverage.test.ts ties it to the traces). */
export const NARRATION: Readonly<Record<FlowId, FlowNarration>> = {
  "authorization-code": authorizationCodeNarration,
  "authorization-code-pkce": authorizationCodePkceNarration,
  "client-credentials": clientCredentialsNarration,
  "refresh-token": refreshTokenNarration,
  "device-code": deviceCodeNarration,
  implicit: implicitNarration,
  password: passwordNarration,
};

export function narrationFor(flow: FlowId, scenario: string, stepId: string): Narration | undefined {
  const narration = NARRATION[flow];
  return narration?.scenarios?.[scenario]?.[stepId] ?? narration?.steps[stepId];
}
