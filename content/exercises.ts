/**
 * Guided tampering exercises, per flow: change one request before it is sent and see what a
 * faithful server (or client) does with it. Each names the step it edits by step id, the edit
 * itself (machine-readable, so "do it for me" and test/content/exercises.test.ts can apply it),
 * and what the learner should see. They apply to each flow's default scenario.
 */
import type { Exercise } from "@/machines/exercises";
import type { FlowId } from "@/machines/flows/types";

/** The scenario every exercise starts from: each flow's default path. */
export const EXERCISE_SCENARIO = "default";

const ATTACKER_CALLBACK = "https://attacker.example/callback";

const swapRedirectUri: Exercise = {
  id: "swap-redirect-uri",
  title: "Swap the redirect_uri for an attacker’s site",
  instructions: "In the browser’s authorization request, set the query parameter redirect_uri to https://attacker.example/callback, then send it.",
  target: { step: "authorization-request" },
  edits: [{ where: "query", op: "set", name: "redirect_uri", value: ATTACKER_CALLBACK }],
  expect: { step: "authorization-error-page", status: 400, error: "invalid_redirect_uri" },
  expectText: "an error page (HTTP 400, invalid_redirect_uri) from the authorization server, and no redirect at all",
  why: "The authorization server compares redirect_uri exactly with the ones the client registered. When it does not match, RFC 6749 §4.1.2.1 forbids redirecting — the error would go to the attacker — so the person sees an error page and no code is ever issued.",
};

function askForScope(scope: string, client: string): Exercise {
  return {
    id: "scope-not-allowed",
    title: "Ask for a scope the client may not have",
    instructions: `In the browser’s authorization request, set the query parameter scope to “${scope}”, then send it.`,
    target: { step: "authorization-request" },
    edits: [{ where: "query", op: "set", name: "scope", value: scope }],
    expect: { step: "authorization-response", status: 303, error: "invalid_scope" },
    expectText: "a redirect back to the client carrying error=invalid_scope",
    why: `The client ${client} registered the scopes it may ask for (RFC 7591 “scope”). A scope outside them is refused with invalid_scope (RFC 6749 §4.1.2.1) — and since the redirect_uri is trusted, the error goes back to the client by redirect.`,
  };
}

const tamperState: Exercise = {
  id: "tamper-state",
  title: "Tamper with state on the way back",
  instructions: "When the browser delivers the authorization response to the client (the callback), set the query parameter state to “forged”, then send it.",
  target: { step: "callback" },
  edits: [{ where: "query", op: "set", name: "state", value: "forged" }],
  expect: { role: "client", result: "state_matches" },
  expectText: "the client refuses the callback: its state check fails and it never redeems the code",
  why: "The client compares the state in the callback with the one it stored for this browser session (RFC 6749 §10.12). A different state means the response may belong to someone else’s login (CSRF), so it stops.",
};

function removeBasicAuth(step: string): Exercise {
  return {
    id: "remove-authorization",
    title: "Remove the Authorization header",
    instructions: "In the client’s request to the token endpoint, remove the Authorization header (the client’s Basic credentials), then send it.",
    target: { step },
    edits: [{ where: "header", op: "remove", name: "authorization" }],
    expect: { step: "token-error", status: 401, error: "invalid_client" },
    expectText: "HTTP 401 invalid_client from the token endpoint",
    why: "A confidential client must authenticate at the token endpoint (RFC 6749 §3.2.1). Without credentials the server answers invalid_client with 401 (RFC 6749 §5.2): a stolen code alone is worth nothing.",
  };
}

const dropVerifier: Exercise = {
  id: "drop-code-verifier",
  title: "Drop the code_verifier",
  instructions: "In the client’s token request, remove the form parameter code_verifier, then send it.",
  target: { step: "token-request" },
  edits: [{ where: "form", op: "remove", name: "code_verifier" }],
  expect: { step: "token-error", status: 400, error: "invalid_grant" },
  expectText: "HTTP 400 invalid_grant from the token endpoint, and no token",
  why: "The code was issued with a code_challenge, so the token endpoint demands the verifier that hashes to it (RFC 7636 §4.6). Without it the code is useless — exactly what stops an app that intercepted the code.",
};

export const EXERCISES: Readonly<Record<FlowId, readonly Exercise[]>> = {
  "authorization-code": [
    swapRedirectUri,
    askForScope("profile order admin", "web-app"),
    tamperState,
    removeBasicAuth("token-request"),
    {
      id: "change-code",
      title: "Send a code the server never issued",
      instructions: "In the client’s token request, set the form parameter code to “made-up-code”, then send it.",
      target: { step: "token-request" },
      edits: [{ where: "form", op: "set", name: "code", value: "made-up-code" }],
      expect: { step: "token-error", status: 400, error: "invalid_grant" },
      expectText: "HTTP 400 invalid_grant from the token endpoint",
      why: "An authorization code is only valid when the server issued it, to this client, for this redirect_uri, and not yet used or expired (RFC 6749 §4.1.3). Anything else is invalid_grant.",
    },
  ],
  "authorization-code-pkce": [
    dropVerifier,
    {
      id: "wrong-code-verifier",
      title: "Send someone else’s code_verifier",
      instructions: "In the client’s token request, set the form parameter code_verifier to a different value, e.g. “dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk”, then send it.",
      target: { step: "token-request" },
      edits: [{ where: "form", op: "set", name: "code_verifier", value: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk" }],
      expect: { step: "token-error", status: 400, error: "invalid_grant" },
      expectText: "HTTP 400 invalid_grant from the token endpoint",
      why: "The server hashes the verifier with SHA-256 and compares it with the code_challenge it stored with the code (RFC 7636 §4.6). Another verifier gives another hash.",
    },
    {
      id: "drop-code-challenge",
      title: "Drop the code_challenge from the authorization request",
      instructions: "In the browser’s authorization request, remove the query parameter code_challenge, then send it.",
      target: { step: "authorization-request" },
      edits: [{ where: "query", op: "remove", name: "code_challenge" }],
      expect: { step: "authorization-response", status: 303, error: "invalid_request" },
      expectText: "a redirect back to the client carrying error=invalid_request",
      why: "This server requires PKCE from public clients (RFC 9700 §2.1.1, RFC 7636 §4.4.1): an authorization request without a code_challenge is refused with invalid_request.",
    },
    swapRedirectUri,
  ],
  "client-credentials": [
    {
      id: "scope-not-allowed",
      title: "Ask for a scope the client may not have",
      instructions: "In the token request, set the form parameter scope to “order” (the shop’s orders, not the warehouse), then send it.",
      target: { step: "client-credentials-request" },
      edits: [{ where: "form", op: "set", name: "scope", value: "order" }],
      expect: { step: "token-error", status: 400, error: "invalid_scope" },
      expectText: "HTTP 400 invalid_scope from the token endpoint",
      why: "inventory-service registered inventory scopes only; the token endpoint refuses a broader scope with invalid_scope (RFC 6749 §5.2) instead of quietly granting it.",
    },
    {
      id: "wrong-secret",
      title: "Guess the client secret",
      instructions: "In the token request, set the form parameter client_secret to “guess”, then send it.",
      target: { step: "client-credentials-request" },
      edits: [{ where: "form", op: "set", name: "client_secret", value: "guess" }],
      expect: { step: "token-error", status: 401, error: "invalid_client" },
      expectText: "HTTP 401 invalid_client from the token endpoint",
      why: "Client authentication failed (RFC 6749 §5.2). A real server also counts failures and locks out a client that keeps guessing.",
    },
    {
      id: "change-grant-type",
      title: "Change grant_type",
      instructions: "In the token request, set the form parameter grant_type to “password”, then send it.",
      target: { step: "client-credentials-request" },
      edits: [{ where: "form", op: "set", name: "grant_type", value: "password" }],
      expect: { step: "token-error", status: 400, error: "unauthorized_client" },
      expectText: "HTTP 400 unauthorized_client from the token endpoint",
      why: "The client authenticated, but it is not registered for the password grant (RFC 6749 §5.2: unauthorized_client). The grants a client may use are part of its registration.",
    },
    {
      id: "remove-bearer",
      title: "Call the API without the token",
      instructions: "In the API call, remove the Authorization header, then send it.",
      target: { step: "api-request" },
      edits: [{ where: "header", op: "remove", name: "authorization" }],
      expect: { step: "api-error", status: 401 },
      expectText: "HTTP 401 from the API, with a WWW-Authenticate: Bearer challenge and no error code",
      why: "RFC 6750 §3.1: a request with no credentials gets a bare challenge — no error code, since nothing was wrong with a token that was never sent.",
    },
  ],
  "refresh-token": [
    {
      id: "send-code-twice",
      title: "Send the code a second time",
      instructions:
        "The code was already redeemed at step 10. In the later refresh request, turn it into a code exchange with that first code: set grant_type to authorization_code, add code (the first code), redirect_uri and code_verifier, and remove refresh_token. Then send it.",
      target: { step: "refresh-request" },
      edits: [
        { where: "form", op: "set", name: "grant_type", value: "authorization_code" },
        { where: "form", op: "remove", name: "refresh_token" },
        { where: "form", op: "set", name: "code", valueFrom: { step: "authorization-response", artifact: "code" } },
        { where: "form", op: "set", name: "redirect_uri", value: "https://spa.example/callback" },
        { where: "form", op: "set", name: "code_verifier", valueFrom: { step: "generate-pkce", artifact: "code_verifier" } },
      ],
      expect: { step: "token-error", status: 400, error: "invalid_grant" },
      expectText: "HTTP 400 invalid_grant from the token endpoint: a code works once",
      why: "An authorization code is single-use (RFC 6749 §4.1.2). A second redemption is refused, and the server revokes the tokens already issued for that code, because a replay means the code leaked.",
    },
    {
      id: "forged-refresh-token",
      title: "Send a refresh token the server never issued",
      instructions: "In the refresh request, set the form parameter refresh_token to “made-up-token”, then send it.",
      target: { step: "refresh-request" },
      edits: [{ where: "form", op: "set", name: "refresh_token", value: "made-up-token" }],
      expect: { step: "token-error", status: 400, error: "invalid_grant" },
      expectText: "HTTP 400 invalid_grant from the token endpoint",
      why: "A refresh token is checked like a code: it must exist, belong to this client and not be revoked or rotated away (RFC 6749 §6, RFC 9700 §4.14).",
    },
    {
      id: "widen-scope-on-refresh",
      title: "Ask for more scope when refreshing",
      instructions: "In the refresh request, add the form parameter scope with the value “profile order admin”, then send it.",
      target: { step: "refresh-request" },
      edits: [{ where: "form", op: "set", name: "scope", value: "profile order admin" }],
      expect: { step: "token-error", status: 400, error: "invalid_scope" },
      expectText: "HTTP 400 invalid_scope from the token endpoint",
      why: "A refreshed token may have the same or a narrower scope, never more than the person granted (RFC 6749 §6).",
    },
    {
      id: "drop-code-verifier",
      title: "Drop the code_verifier",
      instructions: "In the client’s first token request, remove the form parameter code_verifier, then send it.",
      target: { step: "token-request" },
      edits: [{ where: "form", op: "remove", name: "code_verifier" }],
      expect: { step: "token-error", status: 400, error: "invalid_grant" },
      expectText: "HTTP 400 invalid_grant from the token endpoint, and no refresh token at all",
      why: "No verifier, no tokens (RFC 7636 §4.6) — and so nothing to refresh later.",
    },
  ],
  "device-code": [
    {
      id: "scope-not-allowed",
      title: "Ask for a scope the device may not have",
      instructions: "In the device authorization request, set the form parameter scope to “profile admin”, then send it.",
      target: { step: "device-authorization-request" },
      edits: [{ where: "form", op: "set", name: "scope", value: "profile admin" }],
      expect: { step: "device-authorization-error", status: 400, error: "invalid_scope" },
      expectText: "HTTP 400 invalid_scope from the device authorization endpoint",
      why: "The device authorization endpoint checks the requested scope like the authorization endpoint does (RFC 8628 §3.2, RFC 6749 §3.3).",
    },
    {
      id: "forged-device-code",
      title: "Poll with a device code the server never issued",
      instructions: "In the device’s last poll of the token endpoint (step 12), set the form parameter device_code to “made-up-code”, then send it.",
      target: { step: "device-token-request", occurrence: 3 },
      edits: [{ where: "form", op: "set", name: "device_code", value: "made-up-code" }],
      expect: { step: "device-token-error", status: 400, error: "invalid_grant" },
      expectText: "HTTP 400 invalid_grant from the token endpoint",
      why: "The device_code is the device’s proof that it started this authorization (RFC 8628 §3.4); an unknown one is invalid_grant.",
    },
    {
      id: "change-grant-type",
      title: "Change grant_type",
      instructions: "In the device’s first poll, set the form parameter grant_type to “authorization_code”, then send it.",
      target: { step: "device-token-request" },
      edits: [{ where: "form", op: "set", name: "grant_type", value: "authorization_code" }],
      expect: { step: "device-token-error", status: 400, error: "unauthorized_client" },
      expectText: "HTTP 400 unauthorized_client from the token endpoint",
      why: "tv-app is registered for the device grant only; any other grant_type is refused with unauthorized_client (RFC 6749 §5.2).",
    },
    {
      id: "wrong-user-code",
      title: "Type a wrong user code on the phone",
      instructions: "When the person approves on the verification page, set the form parameter user_code to “AAAA-AAAA”, then send it.",
      target: { step: "device-consent" },
      edits: [{ where: "form", op: "set", name: "user_code", value: "AAAA-AAAA" }],
      expect: { step: "consent-rejected", status: 400 },
      expectText: "HTTP 400: the verification page refuses the code — and the TV keeps polling until its device code expires",
      why: "The user code links the person’s approval to one device’s request (RFC 8628 §3.3); a code the server did not issue approves nothing.",
    },
  ],
  implicit: [
    swapRedirectUri,
    askForScope("profile order:read admin", "legacy-spa"),
    {
      id: "tamper-state",
      title: "Tamper with state in the authorization request",
      instructions: "In the browser’s authorization request, set the query parameter state to “forged”, then send it. The server echoes it back with the token.",
      target: { step: "authorization-request" },
      edits: [{ where: "query", op: "set", name: "state", value: "forged" }],
      expect: { role: "client", result: "state_matches" },
      expectText: "the page’s script finds a state it never made, and refuses the token",
      why: "The state that comes back must be the one this page stored before leaving (RFC 6749 §10.12); otherwise the token may be someone else’s, injected by a CSRF attack.",
    },
    {
      id: "remove-bearer",
      title: "Call the API without the token",
      instructions: "In the API call, remove the Authorization header, then send it.",
      target: { step: "api-request" },
      edits: [{ where: "header", op: "remove", name: "authorization" }],
      expect: { step: "api-error", status: 401 },
      expectText: "HTTP 401 from the API with a bare Bearer challenge",
      why: "RFC 6750 §3.1: no credentials, no error code — just the challenge that says which scheme to use.",
    },
  ],
  password: [
    {
      id: "wrong-password",
      title: "Send a wrong password",
      instructions: "In the client’s token request, set the form parameter password to “guess”, then send it.",
      target: { step: "password-token-request" },
      edits: [{ where: "form", op: "set", name: "password", value: "guess" }],
      expect: { step: "token-error", status: 400, error: "invalid_grant" },
      expectText: "HTTP 400 invalid_grant from the token endpoint",
      why: "With the password grant the resource owner’s credentials are the grant (RFC 6749 §4.3.2); wrong ones are invalid_grant — and the client, not the authorization server, saw the password.",
    },
    removeBasicAuth("password-token-request"),
    {
      id: "scope-not-allowed",
      title: "Ask for a scope the client may not have",
      instructions: "In the client’s token request, set the form parameter scope to “profile order admin”, then send it.",
      target: { step: "password-token-request" },
      edits: [{ where: "form", op: "set", name: "scope", value: "profile order admin" }],
      expect: { step: "token-error", status: 400, error: "invalid_scope" },
      expectText: "HTTP 400 invalid_scope from the token endpoint",
      why: "The token endpoint checks the scope against what the client registered (RFC 6749 §3.3, §5.2).",
    },
    {
      id: "change-grant-type",
      title: "Change grant_type",
      instructions: "In the client’s token request, set the form parameter grant_type to “client_credentials”, then send it.",
      target: { step: "password-token-request" },
      edits: [{ where: "form", op: "set", name: "grant_type", value: "client_credentials" }],
      expect: { step: "token-error", status: 400, error: "unauthorized_client" },
      expectText: "HTTP 400 unauthorized_client from the token endpoint",
      why: "first-party-app is registered for the password grant (and refresh), not for client credentials (RFC 6749 §5.2).",
    },
  ],
};

/** The exercises of a flow (none for an unknown id). */
export function exercisesFor(flow: string): readonly Exercise[] {
  return (EXERCISES as Readonly<Record<string, readonly Exercise[] | undefined>>)[flow] ?? [];
}
