/**
 * Narration that reads the same in every flow that records the step: the resource server's
 * refusal, the sign-in page shown again, and the attacker's call with a stolen token. Each flow's
 * file spreads what it needs and says the rest in its own words.
 */
import type { Narration } from "@/content/narration";

/** `api-error` in general: either status, since learners can untick scopes in any flow. */
export const apiError: Narration = {
  what: "The resource server refuses the call. A 401 with invalid_token means the token itself is no good (expired, revoked or forged); a 403 with insufficient_scope means the token is valid but does not carry the scope this endpoint needs. The WWW-Authenticate header names the error, and for a 403 the scope that is missing.",
  why: "RFC 6750 gives the client a machine-readable reason, so it knows what to do next: get a new token after a 401, or ask the person for more access after a 403.",
  without: "Without a precise error the client could not tell an expired token from a missing permission; it would retry blindly or give up, and the person would never learn why.",
};

/** `consent-rejected`: the learner unticked every scope, or the sign-in failed. */
export const consentRejected: Narration = {
  what: "The authorization server shows its sign-in page again with a message (here: no permission was left ticked) and does not redirect back to the app.",
  why: "Mistakes the person can fix, such as a wrong password or an empty choice, are handled on the authorization server's own page; only a final answer, a code or an error such as access_denied, goes back to the client.",
  without: "Without showing the page again, every typo would end the flow with an error at the app, and an empty grant would produce a token that allows nothing.",
};

/** `attacker-api-request` with a token the attacker obtained somehow. */
export const attackerApiRequest: Narration = {
  what: "The attacker calls GET /me on the API with the stolen access token in an Authorization: Bearer header, exactly as the real app would.",
  why: "A bearer token works for whoever presents it (RFC 6750): the resource server checks the token, not who is sending it.",
  without: "If access tokens were bound to the client that received them (sender-constrained, with DPoP or mutual TLS), a stolen copy would be useless on its own.",
};

/** `attacker-api-response`: the stolen token works. */
export const attackerApiResponse: Narration = {
  what: "The resource server finds a valid signature, the right audience, an unexpired token and the profile scope, and answers 200 with Alice's profile — to the attacker.",
  why: "Nothing in the request tells the resource server that the sender is not the client the token was issued to: that is what bearer means.",
  without: "Only a shorter token lifetime, revocation, or sender-constrained tokens would have stopped this call.",
};

/** `attacker-api-error`: the stolen token no longer works, or lacks the scope. */
export const attackerApiError: Narration = {
  what: "The resource server refuses the attacker's call: 401 invalid_token when the token has been revoked or has expired, or 403 insufficient_scope when it lacks the scope the endpoint needs.",
  why: "The resource server checks every token on every call, so a token the authorization server has revoked stops working for everyone who holds a copy.",
  without: "A resource server that trusted a JWT until its expiry without asking whether it was revoked would still have served the attacker.",
};

/** `authorization-error-page`: the client_id or redirect_uri cannot be trusted (a tampered request). */
export const authorizationErrorPage: Narration = {
  what: "The authorization server shows an error page itself and does not redirect anywhere.",
  why: "When the client_id or the redirect_uri cannot be trusted, RFC 6749 §4.1.2.1 says the server MUST NOT redirect: the only address it has is the one it cannot trust.",
  without: "Redirecting to an unverified address would deliver codes, or errors carrying state, to whoever wrote that address into the link.",
};
