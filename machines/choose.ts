/**
 * "Which flow fits my app?" as a table: the kind of app, and a follow-up question only where the
 * answer changes the recommendation. Follows OAuth 2.1 (draft-ietf-oauth-v2-1) and the Security
 * BCP (RFC 9700): every client using the code flow uses PKCE (RFC 9700 §2.1.1), native apps are
 * public clients that use the code flow with PKCE (RFC 8252 §6, §8.1), a browser-based app keeps
 * its tokens out of the browser when it can (a backend for frontend), the implicit grant and the
 * password grant are never recommended (RFC 9700 §2.1.2, §2.4) — they appear only to say why not.
 * The words live in content/choose.ts, keyed by the ids here.
 */
import type { FlowId } from "./flows/types";

export const APP_KINDS = ["server-web", "spa", "native", "m2m", "device", "legacy-first-party"] as const;
export type AppKind = (typeof APP_KINDS)[number];

/** Follow-up questions, each a yes or no. */
export const FOLLOW_UP_IDS = ["userPresent", "keepsSecret"] as const;
export type FollowUpId = (typeof FOLLOW_UP_IDS)[number];
export type YesNo = "yes" | "no";

export interface Answers {
  readonly appKind?: AppKind;
  readonly userPresent?: YesNo;
  readonly keepsSecret?: YesNo;
}

/** Flows OAuth 2.1 leaves out: never recommended, never a runner-up, shown only to explain why not. */
export const NEVER_RECOMMENDED: readonly FlowId[] = ["implicit", "password"];

export interface Recommendation {
  /** Key of the reasons in content/choose.ts. */
  readonly id: string;
  readonly flow: FlowId;
  /** The next best flow, to compare with. */
  readonly runnerUp: FlowId;
  /** Flows this kind of app is tempted by that it must not use, each explained in content. */
  readonly avoid: readonly FlowId[];
}

interface Rule {
  readonly appKind: AppKind;
  /** Follow-up answers this row needs; a row with none matches once the kind is known. */
  readonly when?: Readonly<Partial<Record<FollowUpId, YesNo>>>;
  readonly recommendation: Recommendation;
}

/** The follow-ups each kind of app is asked, because their answers change the recommendation. */
export const FOLLOW_UPS: Readonly<Record<AppKind, readonly FollowUpId[]>> = {
  "server-web": ["userPresent"],
  spa: ["keepsSecret"],
  native: [],
  m2m: [],
  device: [],
  "legacy-first-party": ["keepsSecret"],
};

export const RULES: readonly Rule[] = [
  // A server-side web app is a confidential client: code flow with PKCE, plus its client secret at the token endpoint.
  { appKind: "server-web", when: { userPresent: "yes" }, recommendation: { id: "confidential-web", flow: "authorization-code-pkce", runnerUp: "authorization-code", avoid: ["implicit", "password"] } },
  // No person: the server acts on its own behalf (RFC 6749 §4.4).
  { appKind: "server-web", when: { userPresent: "no" }, recommendation: { id: "server-no-user", flow: "client-credentials", runnerUp: "authorization-code-pkce", avoid: ["password"] } },
  // A single-page app with a backend that keeps a secret: the backend is the confidential client (backend for frontend).
  { appKind: "spa", when: { keepsSecret: "yes" }, recommendation: { id: "spa-backend", flow: "authorization-code-pkce", runnerUp: "authorization-code", avoid: ["implicit"] } },
  // A single-page app on its own is a public client: PKCE, and short-lived, rotated refresh tokens.
  { appKind: "spa", when: { keepsSecret: "no" }, recommendation: { id: "spa-public", flow: "authorization-code-pkce", runnerUp: "refresh-token", avoid: ["implicit"] } },
  // Native apps are public clients (RFC 8252 §8.4): PKCE through the system browser.
  { appKind: "native", recommendation: { id: "native", flow: "authorization-code-pkce", runnerUp: "refresh-token", avoid: ["password", "implicit"] } },
  { appKind: "m2m", recommendation: { id: "m2m", flow: "client-credentials", runnerUp: "authorization-code-pkce", avoid: ["password"] } },
  // No browser or keyboard to sign in with: the person approves on another device (RFC 8628).
  { appKind: "device", recommendation: { id: "device", flow: "device-code", runnerUp: "authorization-code-pkce", avoid: ["password"] } },
  // A first-party app that asks for the password today moves to the code flow with PKCE (RFC 9700 §2.4).
  { appKind: "legacy-first-party", when: { keepsSecret: "yes" }, recommendation: { id: "first-party-confidential", flow: "authorization-code-pkce", runnerUp: "authorization-code", avoid: ["password"] } },
  { appKind: "legacy-first-party", when: { keepsSecret: "no" }, recommendation: { id: "first-party-public", flow: "authorization-code-pkce", runnerUp: "refresh-token", avoid: ["password", "implicit"] } },
];

/** The follow-ups to ask, given the kind of app (none until it is known). */
export function followUpsFor(answers: Answers): readonly FollowUpId[] {
  return answers.appKind ? FOLLOW_UPS[answers.appKind] : [];
}

/** Whether every question that matters has an answer. */
export function isComplete(answers: Answers): boolean {
  return answers.appKind !== undefined && followUpsFor(answers).every((question) => answers[question] !== undefined);
}

/** The recommendation for complete answers; undefined while a question that matters is open. */
export function recommend(answers: Answers): Recommendation | undefined {
  if (!isComplete(answers)) return undefined;
  const rule = RULES.find((candidate) => candidate.appKind === answers.appKind && Object.entries(candidate.when ?? {}).every(([question, value]) => answers[question as FollowUpId] === value));
  return rule?.recommendation;
}

/** Keep only answers to questions still asked (changing the kind of app drops follow-ups it does not ask). */
export function relevantAnswers(answers: Answers): Answers {
  if (!answers.appKind) return {};
  const kept: { -readonly [K in keyof Answers]: Answers[K] } = { appKind: answers.appKind };
  for (const question of followUpsFor(answers)) if (answers[question]) kept[question] = answers[question];
  return kept;
}

/** Every complete set of answers the table knows, one per row: what the tests and the page walk through. */
export function allAnswerSets(): Answers[] {
  return RULES.map((rule) => ({ appKind: rule.appKind, ...rule.when }));
}
