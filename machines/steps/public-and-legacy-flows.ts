/** Steps of the PKCE, implicit and password flows not already in browser-flows.ts. */
import type { Replies, StepKind } from "./kinds";

export const PUBLIC_AND_LEGACY_FLOW_STEPS: Record<string, StepKind> = {};

export const PUBLIC_AND_LEGACY_FLOW_REPLIES: Record<string, Replies> = {};
