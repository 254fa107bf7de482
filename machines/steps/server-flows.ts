/** Steps of the client credentials, refresh token and device flows not already in browser-flows.ts. */
import type { Replies, StepKind } from "./kinds";

export const SERVER_FLOW_STEPS: Record<string, StepKind> = {};

export const SERVER_FLOW_REPLIES: Record<string, Replies> = {};
