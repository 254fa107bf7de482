/**
 * Speaker notes for presenter mode, keyed by step id (as narration is): what to say while the
 * room looks at a step, and a question to put to it. Shown only in the presenter's window.
 * A flow can say something else about a step it uses differently. test/content/speaker-notes.test.ts
 * fails when a step any trace records has no note, or a note names a step no trace records.
 */
import type { FlowId } from "@/machines/flows/types";

export interface SpeakerNote {
  /** What to tell the room, in a sentence or two. */
  readonly say: string;
  /** A question to ask the room, if the step invites one. */
  readonly ask?: string;
}

export const SPEAKER_NOTES: Readonly<Record<string, SpeakerNote>> = {
  "start-login": {
    say: "Everything starts with a person who wants the app to do something for them. Point out the four lanes: person and browser, client, authorization server, resource server.",
    ask: "Which of these four parties should never see the password?",
  },
  "generate-state": {
    say: "Before sending anyone away, the client makes a random state value and remembers it. It will only accept an answer that carries it back.",
    ask: "What could an attacker do if the client accepted any answer at all?",
  },
  "generate-pkce": {
    say: "The client invents a secret, the code verifier, and sends only its SHA-256 hash, the challenge. Whoever redeems the code later must show the original.",
    ask: "Why send the hash and not the verifier itself?",
  },
  "redirect-to-authorization": {
    say: "The client does not talk to the authorization server here: it sends the browser there with a redirect. This is the front channel, and everything in it is visible in the address bar.",
  },
  "authorization-request": {
    say: "Read the query string aloud: response_type, client_id, redirect_uri, scope, state. This is the client asking for permission, carried by the browser.",
    ask: "Which of these parameters could a user tamper with, and what stops that from mattering?",
  },
  "login-page": {
    say: "The sign-in page belongs to the authorization server, not to the app. The password goes to the party that already knows it, and nowhere else.",
  },
  consent: {
    say: "The person signs in and decides which scopes to grant. Consent is per client and per scope, and the person can say no.",
    ask: "What would you expect to happen if they press Deny?",
  },
  "consent-rejected": {
    say: "The authorization server refuses the form and shows its page again: the person may grant only scopes the client asked for, and must decide.",
  },
  "authorization-response": {
    say: "The authorization server sends the browser back to the registered redirect URI with a short-lived, one-time code and the same state.",
    ask: "Why a code and not the token itself?",
  },
  callback: {
    say: "The browser delivers the code to the client's callback. The code has passed through the browser, so treat it as something others may have seen.",
  },
  "verify-callback": {
    say: "The client compares the state with the one it stored, and checks the issuer. A mismatch means this answer is not to a request it made.",
  },
  "token-request": {
    say: "Now the back channel: the client calls the token endpoint directly, with the code and its own credentials. The browser is not involved and sees none of this.",
    ask: "What does the authorization server check before it issues a token?",
  },
  "token-response": {
    say: "Tokens at last: an access token for the API, often a refresh token too, with an expiry and the granted scope. Note Cache-Control: no-store.",
  },
  "api-request": {
    say: "The client calls the API with the access token in the Authorization header as a bearer token. Whoever holds it can use it.",
  },
  "api-response": {
    say: "The resource server verifies the token's signature, audience, expiry and scope, and only then answers.",
    ask: "Did the resource server have to ask the authorization server anything?",
  },
  "api-error": {
    say: "The resource server refuses, and says why in the WWW-Authenticate header: an invalid token, or a scope the token does not cover.",
  },
  "signed-in-page": {
    say: "The person sees the result. Recap the path: browser for the consent, back channel for the tokens, bearer token for the API.",
  },
  "error-page": {
    say: "The flow ends with an error the client shows the person. Read the error code: it is the real one a server would send.",
    ask: "Which step made this go wrong?",
  },
  "authorization-error-page": {
    say: "The authorization server refuses to redirect at all: the client or its redirect URI is not one it trusts. Sending an error to an unknown address would help an attacker.",
  },
  "token-error": {
    say: "The token endpoint refuses. Read the error code aloud: invalid_grant, invalid_client and the rest each mean something precise.",
  },
  "attacker-authorization-request": {
    say: "Meet the attacker. They start a perfectly normal authorization request, for their own account.",
  },
  "attacker-login-page": {
    say: "The authorization server cannot tell an attacker from anyone else at this point: it shows the usual page.",
  },
  "attacker-consent": {
    say: "The attacker signs in as themselves. Nothing is wrong yet; watch what they do with the code.",
  },
  "attacker-authorization-response": {
    say: "The attacker now holds a valid code for their own account, and does not redeem it.",
    ask: "What could they gain by making someone else's browser deliver this code?",
  },
  "malicious-link": {
    say: "The attacker sends the victim a link to the real authorization server, but with its own redirect_uri. Ask: what must the server check before it sends a code anywhere?",
  },
  "csrf-link": {
    say: "The attacker gets the victim's browser to open the client's callback, carrying the attacker's code. This is login CSRF: only the state check can tell.",
  },
  "token-replay": {
    say: "The same code is sent a second time. Codes are one-time by design.",
  },
  "token-replay-error": {
    say: "The authorization server refuses, and also revokes the tokens it issued for that code, because a replay means the code leaked.",
  },
  "code-intercepted": {
    say: "A malicious app on the same device claims the redirect and sees the code. On mobile, custom URL schemes make this possible.",
    ask: "The attacker has the code. What do they still not have?",
  },
  "attacker-token-request": {
    say: "The attacker tries to redeem the stolen code at the token endpoint.",
  },
  "attacker-token-response": {
    say: "Without PKCE, the code alone is enough: the attacker gets tokens. This is the attack PKCE exists to stop.",
  },
  "attacker-token-error": {
    say: "With PKCE the attacker is refused: they cannot show the code verifier whose hash was sent at the start.",
  },
  "attacker-api-request": {
    say: "The attacker uses the token they got. The resource server only sees a bearer token; it cannot know who holds it.",
  },
  "attacker-api-response": {
    say: "The API answers the attacker. A leaked bearer token is as good as the real thing until it expires or is revoked.",
  },
  "attacker-api-error": {
    say: "The API refuses the attacker: the token has been revoked or has expired. Short lifetimes and revocation limit the damage of a leak.",
  },
  "client-credentials-request": {
    say: "No person, no browser: the client authenticates as itself and asks for a token for its own use.",
    ask: "Why is there no refresh token in this flow?",
  },
  "refresh-request": {
    say: "The access token has expired. The client trades its refresh token for a new one on the back channel, without bothering the person.",
  },
  "refresh-token-stolen": {
    say: "An injected script sends the refresh token to the attacker. This is why refresh tokens for browser apps must rotate.",
  },
  "attacker-refresh-request": {
    say: "The attacker redeems the stolen refresh token before the client does.",
  },
  "attacker-refresh-response": {
    say: "The attacker gets fresh tokens. Watch what happens when the real client tries its now-used refresh token.",
  },
  "revocation-request": {
    say: "Signing out properly means telling the authorization server to revoke the token, not just forgetting it.",
  },
  "revocation-response": {
    say: "The authorization server answers 200 whether or not it knew the token, so the answer reveals nothing.",
  },
  "device-authorization-request": {
    say: "A TV or a command-line tool has no good browser or keyboard. It asks for a device code and a short user code.",
  },
  "device-authorization-response": {
    say: "The authorization server answers with a device code for the device, a user code for the person, and where to enter it.",
  },
  "show-user-code": {
    say: "The device shows the user code and the address. The person will use their phone, a device that has a browser.",
    ask: "Why is the user code short and the device code long?",
  },
  "device-token-request": {
    say: "Meanwhile the device polls the token endpoint with the device code, no faster than the interval it was given.",
  },
  "device-token-error": {
    say: "Not yet: authorization_pending means keep waiting, slow_down means poll less often, access_denied and expired_token mean stop.",
  },
  "open-verification-uri": {
    say: "On the phone, the person opens the verification page of the authorization server.",
  },
  "device-consent": {
    say: "The person checks that the code matches the one on the screen, signs in and decides.",
    ask: "What attack does comparing the code protect against?",
  },
  "device-consent-result": {
    say: "The phone tells the person to go back to the device. The device's next poll gets the tokens.",
  },
  "read-fragment": {
    say: "In the implicit flow the access token arrives in the URL fragment, and the page's script reads it from there.",
  },
  "script-reads-fragment": {
    say: "Any other script on the page can read the same fragment. The token sits in the browser, exposed to everything that runs there.",
    ask: "How does the code flow with PKCE avoid this?",
  },
  "client-login-page": {
    say: "In the password grant the app shows its own sign-in form. The person hands their password to the app.",
    ask: "Why is that a problem even when the app is honest?",
  },
  "enter-password": {
    say: "The password is now in the client's hands. There is no consent page and no way to grant less than everything.",
  },
  "password-token-request": {
    say: "The client sends the username and password to the token endpoint. OAuth 2.1 removes this grant for good reason.",
  },
};

/** Notes a flow says differently for a step it uses differently. */
export const FLOW_SPEAKER_NOTES: Readonly<Partial<Record<FlowId, Readonly<Record<string, SpeakerNote>>>>> = {
  implicit: {
    "authorization-response": {
      say: "Here is the difference: the authorization server puts the access token itself in the redirect's fragment. No code, no back channel, no client authentication.",
      ask: "Where can this token end up: history, logs, other scripts?",
    },
  },
  "client-credentials": {
    "token-response": {
      say: "The token is issued to the client for itself: no user, no refresh token. When it expires, the client simply asks again.",
    },
  },
  password: {
    "token-response": {
      say: "It works, and that is the problem: the client got tokens by holding the person's password. The authorization server could not ask the person anything.",
    },
  },
};

export function speakerNoteFor(flow: string, stepId: string): SpeakerNote | undefined {
  const own = (FLOW_SPEAKER_NOTES as Readonly<Record<string, Readonly<Record<string, SpeakerNote>> | undefined>>)[flow];
  return (own && Object.hasOwn(own, stepId) ? own[stepId] : undefined) ?? (Object.hasOwn(SPEAKER_NOTES, stepId) ? SPEAKER_NOTES[stepId] : undefined);
}
