/**
 * Narration of the authorization code grant with PKCE (RFC 6749 §4.1 + RFC 7636) for the public
 * single-page app `spa`, and of its scenarios: an intercepted code with PKCE off and on, a wrong
 * code_verifier, the plain method, and a grant too narrow for the API the app calls.
 */
import type { FlowNarration } from "@/content/narration";
import { apiError, attackerApiError, attackerApiResponse, authorizationErrorPage, consentRejected } from "./shared";

export const authorizationCodePkceNarration: FlowNarration = {
  steps: {
    "authorization-error-page": authorizationErrorPage,
    "start-login": {
      what: "The person clicks “Sign in” in Acme Shop, a single-page app running in their browser (it could as well be a mobile app).",
      why: "The app needs access to the person's account at the API, so it starts an authorization request on their behalf.",
      without: "An app that could not send the person to the authorization server would have to ask for their password itself — the practice OAuth exists to end.",
    },
    "generate-pkce": {
      what: "The app draws a state and a code_verifier (32 random bytes, base64url-encoded: 43 characters), then computes code_challenge = BASE64URL(SHA-256(code_verifier)). It keeps the verifier to itself; only the challenge will leave. Here the random values come from the simulator's seed so links are reproducible; a real app uses a CSPRNG such as crypto.getRandomValues.",
      why: "PKCE (RFC 7636) lets the token endpoint check that whoever redeems the code is the app that started this sign-in, without any client secret: only the app knows the verifier behind the challenge.",
      without: "A public client has no secret, so without PKCE anyone who gets hold of the code can redeem it — pick the “what if” where a malicious app intercepts the code and the server does not check PKCE.",
    },
    "redirect-to-authorization": {
      what: "The app sends the browser to the authorization server's /authorize endpoint with response_type=code, client_id=spa, its redirect_uri, the scope (profile order), the state, the code_challenge and code_challenge_method=S256.",
      why: "The challenge travels through the browser with the request, and the server stores it with the code it will issue; the verifier stays behind in the app.",
      without: "Without a challenge in this request, the server would have nothing to compare a verifier with later, and the code alone would be enough to get tokens.",
    },
    "authorization-request": {
      what: "The browser sends the authorization request to the authorization server, every parameter in the query string.",
      why: "The server checks the client_id, the exact redirect_uri, the scopes, and that a public client sent a well-formed code_challenge with a method it supports.",
      without: "A server that accepted a public client's request without a code_challenge would issue codes that anyone holding them could redeem.",
    },
    "login-page": {
      what: "The authorization server shows its own sign-in and consent page: Acme Shop (client_id spa) asks for profile and order, each a checkbox the person may untick.",
      why: "The person authenticates to the authorization server, on its origin, and decides what the app may have; the app cannot read what is typed here.",
      without: "Without this page the password would pass through the app, and the person could neither see nor narrow what they grant.",
    },
    consent: {
      what: "The person signs in as alice and clicks Allow; the form posts the credentials, the decision and the scopes left ticked.",
      why: "Unticking a box narrows the grant (least privilege): the code, and every token issued from it, carries only what was allowed.",
      without: "Without the person's decision, any app could obtain access to their data just by sending them to the authorization server.",
    },
    "consent-rejected": consentRejected,
    "authorization-response": {
      what: "The authorization server redirects the browser back to the app with a one-time code, the state and its issuer (iss). The code is stored with the code_challenge it must be redeemed against.",
      why: "The code crosses the browser and may leak — through a malicious app, a log, a history — so it is short-lived (60 seconds here), single-use, and useless without the verifier. Real servers generate it with a CSPRNG.",
      without: "A code not bound to a challenge is as good as a token to whoever intercepts it.",
    },
    callback: {
      what: "The browser delivers the authorization response to the app's /callback: code, state and iss in the query string.",
      why: "The redirect brings the person, and the code, back to the app that started the sign-in.",
      without: "Without a registered callback address, the server would have no safe place to send the code.",
    },
    "verify-callback": {
      what: "The app checks the response: state matches the one it generated, iss is the authorization server it used, and there is a code rather than an error.",
      why: "state guards against login CSRF (RFC 6749 §10.12) and iss against mix-up attacks (RFC 9207). With PKCE enforced, a forged code would also fail at the token endpoint, but checking here stops it before any request.",
      without: "An app that skipped these checks could be fed a code from someone else's sign-in.",
    },
    "token-request": {
      what: "The app posts the code to the token endpoint with grant_type=authorization_code, its redirect_uri, client_id=spa and the code_verifier. It sends no secret: a public client has none to keep.",
      why: "The server computes BASE64URL(SHA-256(code_verifier)) and compares it with the stored challenge (RFC 7636 §4.6). Only the app that generated the verifier can pass.",
      without: "Without the verifier, the token endpoint could not tell the real app from anyone else who learned the code.",
    },
    "token-response": {
      what: "The verifier matches: the server answers 200 with a signed JWT access token (Bearer, 900 seconds), a refresh token and the granted scope, marked Cache-Control: no-store.",
      why: "The app now holds tokens inside the browser, where they are exposed to any script on the page; that is why they are short-lived, and why RFC 9700 asks for refresh token rotation for public clients.",
      without: "With long-lived tokens, one cross-site scripting bug would give an attacker lasting access.",
    },
    "token-error": {
      what: "The authorization server refuses the token request with 400 invalid_grant: the code_verifier does not match, or the code was already used, or has expired.",
      why: "Every check on the code fails closed (RFC 6749 §5.2), and the error code says which rule failed.",
      without: "A server that issued tokens despite a mismatched verifier would make PKCE pointless.",
    },
    "api-request": {
      what: "The app calls the API with the access token in an Authorization: Bearer header.",
      why: "The header keeps the token out of URLs, logs and Referer headers (RFC 6750 §2.1); OAuth 2.1 forbids sending it in the query string.",
      without: "Without a token the API answers 401 with a WWW-Authenticate challenge.",
    },
    "api-response": {
      what: "The resource server verifies the JWT's signature against the authorization server's keys, checks its type, issuer, audience, expiry and scope, and answers 200 with Alice's profile.",
      why: "The resource server enforces access on every call; the token's scope decides which endpoints it opens.",
      without: "An API that skipped any of these checks would accept forged, foreign or expired tokens.",
    },
    "api-error": apiError,
    "signed-in-page": {
      what: "The app shows the person that they are signed in as Alice Liddell.",
      why: "The flow is done: the app holds its tokens and can call the API until the access token expires, then refresh it.",
      without: "If the app kept its tokens where any script can read them, such as localStorage, one cross-site scripting bug would expose them; keeping them in memory, or behind a backend for the frontend, limits the damage.",
    },
    "error-page": {
      what: "The app shows the person an error instead of signing them in, with the error it ran into.",
      why: "A client must fail closed: when a check fails or a server refuses, it stops and says so.",
      without: "A client that carried on after an error would act on answers it cannot trust.",
    },
    // A malicious app on the device (the interception scenarios)
    "code-intercepted": {
      what: "The redirect back to the app goes to an address that a malicious app on the same device has also claimed (a custom URL scheme, say), so the operating system hands the URL, code included, to the malicious app too.",
      why: "This is the attack PKCE was designed against (RFC 7636 §1): on mobile and desktop, nothing guarantees that only the intended app receives a redirect.",
      without: "The interception itself cannot be prevented by OAuth; what PKCE does is make the intercepted code worthless.",
    },
    "attacker-token-request": {
      what: "The malicious app posts the stolen code to the token endpoint with client_id=spa, just as the real app would. It cannot send a code_verifier: it never saw one.",
      why: "A public client proves nothing but its client_id, which is public; the code_verifier is the only thing the attacker lacks.",
      without: "If the server did not ask for the verifier, this request would be indistinguishable from the real app's.",
    },
    "attacker-token-response": {
      what: "This server does not enforce PKCE, so it cannot tell the attacker from the app: it issues tokens for Alice's account to the malicious app.",
      why: "Without PKCE, possession of the code is all the token endpoint checks for a public client.",
      without: "With PKCE enforced, the server would have demanded the code_verifier and refused, as in the “what if” where the server does check PKCE.",
    },
    "attacker-token-error": {
      what: "The code was issued against a code_challenge, so the server demands the matching code_verifier; the attacker has none, and gets 400 invalid_grant.",
      why: "RFC 7636 §4.6: the server verifies the verifier against the challenge before issuing anything. Here the failed attempt does not use up the code.",
      without: "Without this check the malicious app would now hold Alice's tokens.",
    },
    "attacker-api-request": {
      what: "The malicious app calls GET /me with the access token it got for Alice's account, in an Authorization: Bearer header, exactly as the real app would.",
      why: "A bearer token works for whoever presents it (RFC 6750): the resource server checks the token, not who sends it.",
      without: "Only stopping the code's redemption, with PKCE, would have kept this token out of the attacker's hands.",
    },
    "attacker-api-response": attackerApiResponse,
    "attacker-api-error": attackerApiError,
  },
  scenarios: {
    "code-intercepted-pkce-off": {
      "token-request": {
        what: "The real app redeems its code, with its code_verifier — but the malicious app got there first.",
        why: "The server ignores PKCE here, so the verifier is not what decides; the code is single-use, and it has already been used.",
        without: "Had the server enforced PKCE, the attacker's redemption would have failed and this one would have succeeded.",
      },
      "token-error": {
        what: "The server answers 400 invalid_grant: the code was already used, so it revokes the tokens issued from it. Too late: the attacker has already read Alice's profile.",
        why: "RFC 6749 §4.1.2: a reused code is denied and its tokens SHOULD be revoked. It limits the damage, but cannot undo a call that already succeeded.",
        without: "Without the revocation the attacker would keep its tokens for as long as they live. Only PKCE prevents the theft in the first place.",
      },
      "error-page": {
        what: "The real app shows the person an error: its sign-in failed, while the attacker got in.",
        why: "This is what a public client without PKCE risks on every sign-in.",
        without: "With PKCE enforced, the real app would have been the one to succeed.",
      },
    },
    "code-intercepted-pkce-on": {
      "token-request": {
        what: "The real app redeems the same code with its code_verifier. The attacker's attempt did not consume it.",
        why: "The verifier is the proof the attacker could not give: BASE64URL(SHA-256(code_verifier)) equals the stored challenge.",
        without: "If a failed attempt used up the code, a malicious app could break every sign-in just by racing to send the codes it intercepts.",
      },
      "token-response": {
        what: "The verifier matches, so the real app gets its tokens; the malicious app got nothing but an error.",
        why: "PKCE turned the intercepted code into a useless string for anyone without the verifier.",
        without: "Without PKCE, as in the “what if” where the server does not check it, the attacker would have redeemed the code first.",
      },
    },
    "wrong-verifier": {
      "generate-pkce": {
        what: "The app generates a state, a code_verifier and its code_challenge as usual. But before the callback, it loses that verifier — as when a sign-in in another tab overwrites it in storage — and will send a different one.",
        why: "This scenario shows that the server really checks the verifier, so a bug on the client's side surfaces at once.",
        without: "Without one verifier stored per sign-in, tied to its state, two sign-ins in two tabs overwrite each other's verifiers — the bug this scenario reproduces.",
      },
      "token-request": {
        what: "The app sends a code_verifier that is not the one its challenge was computed from.",
        why: "To the server this looks exactly like an attacker guessing a verifier.",
        without: "If the server accepted it, an attacker could send any verifier at all and redeem the codes it intercepts.",
      },
      "token-error": {
        what: "The server hashes the verifier it received, gets a value different from the stored S256 challenge, and answers 400 invalid_grant.",
        why: "RFC 7636 §4.6: if the values are not equal, the server MUST return an error. It cannot tell a buggy client from an attacker, and must not try.",
        without: "A server that let a mismatched verifier through would accept any verifier at all, and PKCE would protect nothing.",
      },
      "error-page": {
        what: "The app shows an error; the person has to sign in again.",
        why: "The fix is on the client's side: keep one verifier per sign-in, tied to its state.",
        without: "Retrying the token request cannot help: the code is bound to the lost verifier's challenge, and will expire within a minute anyway.",
      },
    },
    "plain-method": {
      "generate-pkce": {
        what: "With the plain method, the code_challenge is the code_verifier itself. The check fails on purpose: the value about to cross the browser is the secret.",
        why: "RFC 7636 §4.2 allows plain only for clients that cannot compute SHA-256, and says a client able to use S256 MUST use it. RFC 9700 and OAuth 2.1 recommend S256.",
        without: "With S256, seeing the challenge does not reveal the verifier, because SHA-256 cannot be reversed.",
      },
      "redirect-to-authorization": {
        what: "The app redirects to /authorize with code_challenge set to the verifier and code_challenge_method=plain.",
        why: "Whatever reads this URL — a log, a proxy, a malicious app, the browser history — now knows the verifier.",
        without: "With S256, this URL would carry only a hash.",
      },
      "token-request": {
        what: "The app sends the same value as code_verifier; the server compares it directly with the stored challenge.",
        why: "With plain, the comparison is a string equality, so anyone who saw the authorization request can pass it.",
        without: "With S256 the server hashes the verifier first, so a copy of the challenge is not enough to pass.",
      },
      "token-response": {
        what: "It matches, so the app gets its tokens. It works — but an attacker who saw the authorization request and intercepted the code could have redeemed it just as well.",
        why: "plain still protects against an attacker who sees only the response, not the request; S256 protects against both.",
        without: "The default scenario uses S256, where the challenge in the URL reveals nothing about the verifier.",
      },
    },
    "insufficient-scope": {
      consent: {
        what: "The person signs in and allows profile only, unticking order.",
        why: "Consent is granular: the person gives the app the least it needs, and the app must cope with getting less than it asked for.",
        without: "If consent were all or nothing, people would have to give apps everything they ask for, or do without them.",
      },
      "token-response": {
        what: "The server issues tokens for what was granted: the scope field, and the token's scope claim, say profile — less than the profile order the app asked for.",
        why: "RFC 6749 §5.1: when the granted scope differs from the request, the server must say so, so the client can tell what it may do.",
        without: "A client that assumed it got everything it asked for would find out only when the API refused.",
      },
      "api-request": {
        what: "The app calls GET /orders, which needs the scope order:read.",
        why: "In this world's scope hierarchy, order would have covered order:read — but order was not granted.",
        without: "If the resource server did not check the scope on every endpoint, a token granted for the profile would open the orders as well.",
      },
      "api-error": {
        what: "The resource server answers 403 insufficient_scope, and its WWW-Authenticate header names the scope it needs: order:read. The token is valid; it just does not open this door.",
        why: "RFC 6750 §3.1: 403 insufficient_scope, unlike 401, tells the client that a new token with the same scope will not help — it needs more access.",
        without: "A plain 401 would send the app to refresh its token, getting the same scope again, in a loop.",
      },
      "error-page": {
        what: "The app tells the person it cannot show their orders. A well-behaved app would explain why and offer to ask for the order permission again.",
        why: "Asking for more scope later, when a feature needs it, is better than asking for everything up front.",
        without: "An app that treated a 403 like an expired token would refresh and retry, and fail the same way every time.",
      },
    },
  },
};
