/** Steps of the browser-based flows and the attacks on them (RFC 6749 §4.1, §10; RFC 7636). */
import type { Replies, StepKind } from "./kinds";
import { rfc } from "./kinds";

export const BROWSER_FLOW_STEPS = {
  // The browser-based flows (RFC 6749 §4.1, §4.2)
  "start-login": { title: "Resource owner clicks “Sign in”", reference: rfc("6749", "4.1") },
  "generate-state": { title: "Client generates a state value", reference: rfc("6749", "10.12") },
  "generate-pkce": { title: "Client generates a code_verifier and its code_challenge", reference: rfc("7636", "4.1") },
  "redirect-to-authorization": { title: "Client redirects the browser to the authorization endpoint", reference: rfc("6749", "4.1.1") },
  "authorization-request": { title: "Browser sends the authorization request", reference: rfc("6749", "4.1.1") },
  "login-page": { title: "Authorization server shows the sign-in and consent page", reference: rfc("6749", "3.1") },
  "authorization-error-page": { title: "Authorization server shows an error and does not redirect", reference: rfc("6749", "4.1.2.1") },
  consent: { title: "Resource owner signs in and decides", reference: rfc("6749", "4.1.1") },
  "authorization-response": { title: "Authorization server redirects back to the client", reference: rfc("6749", "4.1.2") },
  "consent-rejected": { title: "Authorization server shows the sign-in page again", reference: rfc("6749", "3.1") },
  callback: { title: "Browser delivers the authorization response to the client", reference: rfc("6749", "4.1.2") },
  "verify-callback": { title: "Client checks the authorization response", reference: rfc("6749", "10.12") },
  "callback-rejected": { title: "Client refuses the authorization response", reference: rfc("6749", "10.12") },
  "token-request": { title: "Client exchanges the code at the token endpoint", reference: rfc("6749", "4.1.3") },
  "token-response": { title: "Authorization server issues tokens", reference: rfc("6749", "5.1") },
  "token-error": { title: "Authorization server refuses the token request", reference: rfc("6749", "5.2") },
  "api-request": { title: "Client calls the API with the access token", reference: rfc("6750", "2.1") },
  "api-response": { title: "Resource server answers", reference: rfc("6749", "7") },
  "api-error": { title: "Resource server refuses the request", reference: rfc("6750", "3.1") },
  "signed-in-page": { title: "Client shows the resource owner the result", reference: rfc("6749", "4.1") },
  "error-page": { title: "Client shows the resource owner an error", reference: rfc("6749", "4.1.2.1") },
  "token-replay": { title: "The same code is sent to the token endpoint again", reference: rfc("6749", "10.5") },
  "token-replay-response": { title: "Authorization server issues tokens a second time", reference: rfc("6749", "10.5") },
  "token-replay-error": { title: "Authorization server refuses the reused code and revokes its tokens", reference: rfc("6749", "10.5") },
  // The attacker's moves
  "malicious-link": { title: "Attacker sends the victim a crafted link", reference: rfc("9700", "4.1") },
  "csrf-link": { title: "Attacker gets the victim's browser to open the callback with its code", reference: rfc("6749", "10.12") },
  "attacker-authorization-request": { title: "Attacker starts an authorization request for its own account", reference: rfc("6749", "10.12") },
  "attacker-login-page": { title: "Authorization server shows the attacker its sign-in page", reference: rfc("6749", "3.1") },
  "attacker-consent": { title: "Attacker signs in with its own account", reference: rfc("6749", "10.12") },
  "attacker-authorization-response": { title: "Authorization server redirects with a code for the attacker's account", reference: rfc("6749", "10.12") },
  "code-intercepted": { title: "A malicious app intercepts the redirect with the code", reference: rfc("7636", "1") },
  "attacker-token-request": { title: "Attacker tries to redeem the intercepted code", reference: rfc("7636", "1") },
  "attacker-token-response": { title: "Authorization server gives the attacker tokens", reference: rfc("7636", "1") },
  "attacker-token-error": { title: "Authorization server refuses the attacker", reference: rfc("7636", "4.6") },
  "attacker-api-request": { title: "Attacker calls the API with the stolen token", reference: rfc("6750", "5.3") },
  "attacker-api-response": { title: "Resource server answers the attacker", reference: rfc("6750", "5.3") },
  "attacker-api-error": { title: "Resource server refuses the attacker", reference: rfc("6750", "3.1") },
  navigate: { title: "Browser opens a page", reference: rfc("6749", "1.2") },
} satisfies Record<string, StepKind>;

export const BROWSER_FLOW_REPLIES: Record<string, Replies> = {
  "authorization-request": { ok: "login-page", error: "authorization-error-page", redirect: "authorization-response" },
  consent: { ok: "login-page", error: "consent-rejected", redirect: "authorization-response" },
  "token-request": { ok: "token-response", error: "token-error" },
  "api-request": { ok: "api-response", error: "api-error" },
  "token-replay": { ok: "token-replay-response", error: "token-replay-error" },
  "attacker-authorization-request": { ok: "attacker-login-page", error: "authorization-error-page", redirect: "attacker-authorization-response" },
  "attacker-consent": { ok: "attacker-login-page", error: "consent-rejected", redirect: "attacker-authorization-response" },
  "attacker-token-request": { ok: "attacker-token-response", error: "attacker-token-error" },
  "attacker-api-request": { ok: "attacker-api-response", error: "attacker-api-error" },
};
