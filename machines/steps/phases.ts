/**
 * The phase of every kind of step: the moment of an OAuth flow it belongs to, so that flows
 * compared side by side line up — every flow first gets authorization, then tokens, then calls
 * the API, and some later renew or revoke their tokens. Keyed by step id; a test fails when a
 * step id of machines/steps has no phase here.
 *
 * Two things the trace decides (machines/compare.ts): an answer that follows its request at once
 * takes the request's phase (the token response to a refresh is part of renewing), and a device's
 * poll answered "keep waiting" is part of getting authorization, since the person has not
 * approved yet (RFC 8628 §3.5).
 */

/** In the order a flow goes through them. */
export const PHASES = ["authorize", "tokens", "api", "renew", "revoke"] as const;

export type Phase = (typeof PHASES)[number];

export const STEP_PHASES: Readonly<Record<string, Phase>> = {
  // Getting authorization: the person (or, for the password grant, the client) proves who they are and agrees.
  "start-login": "authorize",
  "generate-state": "authorize",
  "generate-pkce": "authorize",
  "redirect-to-authorization": "authorize",
  "authorization-request": "authorize",
  "login-page": "authorize",
  "authorization-error-page": "authorize",
  consent: "authorize",
  "authorization-response": "authorize",
  "consent-rejected": "authorize",
  callback: "authorize",
  "verify-callback": "authorize",
  "callback-rejected": "authorize",
  navigate: "authorize",
  "malicious-link": "authorize",
  "csrf-link": "authorize",
  "attacker-authorization-request": "authorize",
  "attacker-login-page": "authorize",
  "attacker-consent": "authorize",
  "attacker-authorization-response": "authorize",
  "code-intercepted": "authorize",
  "client-login-page": "authorize",
  "enter-password": "authorize",
  "device-authorization-request": "authorize",
  "device-authorization-response": "authorize",
  "device-authorization-error": "authorize",
  "show-user-code": "authorize",
  "open-verification-uri": "authorize",
  "verification-page-error": "authorize",
  "device-consent": "authorize",
  "device-consent-result": "authorize",
  // The implicit grant has no token phase: its token arrives with the authorization response, in the fragment.
  "read-fragment": "authorize",
  "script-reads-fragment": "authorize",
  // Getting tokens: the client ends up holding an access token.
  "token-request": "tokens",
  "token-response": "tokens",
  "token-error": "tokens",
  "token-replay": "tokens",
  "token-replay-response": "tokens",
  "token-replay-error": "tokens",
  "attacker-token-request": "tokens",
  "attacker-token-response": "tokens",
  "attacker-token-error": "tokens",
  "client-credentials-request": "tokens",
  "password-token-request": "tokens",
  "device-token-request": "tokens",
  "device-token-error": "tokens",
  // Calling the API, and showing the person the result.
  "api-request": "api",
  "api-response": "api",
  "api-error": "api",
  "attacker-api-request": "api",
  "attacker-api-response": "api",
  "attacker-api-error": "api",
  "signed-in-page": "api",
  "error-page": "api",
  // Renewing tokens without the person (RFC 6749 §6), and the attacks on it (RFC 9700 §4.14).
  "refresh-request": "renew",
  "refresh-token-stolen": "renew",
  "attacker-refresh-request": "renew",
  "attacker-refresh-response": "renew",
  "attacker-refresh-error": "renew",
  // Revoking tokens on sign-out (RFC 7009).
  "revocation-request": "revoke",
  "revocation-response": "revoke",
  "revocation-error": "revoke",
};

/** The phase the table gives a step id; undefined for an id it does not know (a test keeps that from happening). */
export function tablePhase(stepId: string): Phase | undefined {
  return Object.hasOwn(STEP_PHASES, stepId) ? STEP_PHASES[stepId] : undefined;
}
