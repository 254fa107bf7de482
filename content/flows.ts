import { FLOW_IDS, type FlowId } from "@/machines/flows/types";

/**
 * The seven flows the simulator teaches, as the home page lists them, in the registry's order.
 * Ids are the engine's (machines/flows): they are used in URLs (/flows/<id>), the CLI and tests.
 */
export const flowIds = FLOW_IDS;

export type { FlowId };

/**
 * Where a flow stands in OAuth 2.1 (draft-ietf-oauth-v2-1) and the Security BCP (RFC 9700).
 * - recommended: the flow OAuth 2.1 is built around;
 * - kept: part of OAuth 2.1;
 * - extension: a separate RFC that works alongside OAuth 2.1;
 * - deprecated: omitted from OAuth 2.1 — shown here to explain why.
 */
export type Oauth21Status = "recommended" | "kept" | "extension" | "deprecated";

export interface FlowSummary {
  id: FlowId;
  name: string;
  /** One line: what happens in this flow. */
  summary: string;
  /** Which kind of app uses it. */
  audience: string;
  /** The specification section that defines it. */
  spec: string;
  oauth21: Oauth21Status;
  /** The badge text for `oauth21`. */
  oauth21Label: string;
}

export const flows: readonly FlowSummary[] = [
  {
    id: "authorization-code",
    name: "Authorization Code",
    summary:
      "The app sends you to sign in, gets a one-time code back through your browser, and swaps it — with its secret — for tokens.",
    audience: "Server-side web apps",
    spec: "RFC 6749 §4.1",
    oauth21: "kept",
    oauth21Label: "OAuth 2.1: add PKCE",
  },
  {
    id: "authorization-code-pkce",
    name: "Authorization Code with PKCE",
    summary:
      "The same code flow, plus a secret the app makes up on the spot, so a stolen code is useless to anyone else.",
    audience: "Single-page, mobile and desktop apps",
    spec: "RFC 7636",
    oauth21: "recommended",
    oauth21Label: "OAuth 2.1: recommended",
  },
  {
    id: "client-credentials",
    name: "Client Credentials",
    summary:
      "A service calls an API on its own behalf: no person, no browser, just the client authenticating at the token endpoint.",
    audience: "Machine-to-machine services",
    spec: "RFC 6749 §4.4",
    oauth21: "kept",
    oauth21Label: "In OAuth 2.1",
  },
  {
    id: "refresh-token",
    name: "Refresh Token",
    summary:
      "When an access token expires, the client trades its refresh token for a new one instead of asking you again.",
    audience: "Any app that stays signed in",
    spec: "RFC 6749 §6",
    oauth21: "kept",
    oauth21Label: "In OAuth 2.1",
  },
  {
    id: "device-code",
    name: "Device Authorization",
    summary:
      "A TV or command-line tool shows a short code; you approve it on your phone while the device polls for tokens.",
    audience: "TVs, consoles and CLIs",
    spec: "RFC 8628",
    oauth21: "extension",
    oauth21Label: "Extension to OAuth 2.1",
  },
  {
    id: "implicit",
    name: "Implicit",
    summary:
      "The access token comes straight back in the URL fragment, where browser history and scripts can see it.",
    audience: "Legacy single-page apps",
    spec: "RFC 6749 §4.2",
    oauth21: "deprecated",
    oauth21Label: "Deprecated by OAuth 2.1",
  },
  {
    id: "password",
    name: "Resource Owner Password",
    summary:
      "The app collects your username and password itself and sends them on — the very thing OAuth exists to avoid.",
    audience: "Legacy first-party apps",
    spec: "RFC 6749 §4.3",
    oauth21: "deprecated",
    oauth21Label: "Deprecated by OAuth 2.1",
  },
];

/** The simulator page of a flow. */
export function flowHref(id: FlowId): string {
  return `/flows/${id}`;
}

/** The flow with this id, or undefined for an unknown id (never throws). */
export function findFlow(id: string): FlowSummary | undefined {
  return flows.find((flow) => flow.id === id);
}
