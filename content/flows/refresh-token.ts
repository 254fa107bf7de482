/**
 * Narration of refreshing an access token (RFC 6749 §6) with rotation and reuse detection
 * (RFC 9700 §4.14.2), and of revoking it (RFC 7009). The sign-in that comes first is the
 * authorization code flow with PKCE, so those steps read as they do there.
 */
import type { FlowNarration, Narration } from "@/content/narration";
import { authorizationCodePkceNarration } from "./authorization-code-pkce";
import { apiError, attackerApiError, attackerApiResponse } from "./shared";

const signIn = authorizationCodePkceNarration.steps;

const accessTokenExpired: Narration = {
  what: "The app has been idle for 901 seconds and its access token lived 900: the resource server answers 401 invalid_token, “the access token expired”.",
  why: "Access tokens are short-lived on purpose, so that a leaked one is soon worthless. A 401 invalid_token tells the app the token itself is the problem.",
  without: "A token that never expired would stay useful to whoever copied it, for as long as the account exists.",
};

export const refreshTokenNarration: FlowNarration = {
  steps: {
    "start-login": signIn["start-login"]!,
    "generate-pkce": signIn["generate-pkce"]!,
    "redirect-to-authorization": signIn["redirect-to-authorization"]!,
    "authorization-request": signIn["authorization-request"]!,
    "login-page": signIn["login-page"]!,
    consent: signIn.consent!,
    "consent-rejected": signIn["consent-rejected"]!,
    "authorization-response": signIn["authorization-response"]!,
    callback: signIn.callback!,
    "verify-callback": signIn["verify-callback"]!,
    "token-request": signIn["token-request"]!,
    "token-response": {
      what: "The authorization server answers 200 with a new access token (Bearer, 900 seconds) and its scope. After the sign-in the answer also holds the first refresh token; after a refresh, a new refresh token replaces the one just used, which the server now remembers as spent.",
      why: "Replacing the refresh token on every use (rotation) is how RFC 9700 §4.14.2 protects refresh tokens held by public clients, which cannot authenticate themselves.",
      without: "Without rotation a refresh token can be used again and again, so a stolen one keeps working unnoticed — pick the “what if” without rotation.",
    },
    "token-error": {
      what: "The authorization server refuses the refresh with a JSON error (RFC 6749 §5.2): invalid_grant when the refresh token is expired, revoked or already used, invalid_scope when the scope asked for exceeds the original grant.",
      why: "The refresh token is only as good as the grant behind it; once that is revoked or in doubt, it stops working.",
      without: "A server that refreshed any token it had once issued could never end a session.",
    },
    "api-request": {
      what: "The app calls the API with its current access token in an Authorization: Bearer header. After an idle spell, the call comes long after the previous one: the step shows how much simulated time has passed.",
      why: "The app uses the access token until the API says it no longer works; it does not need to ask the authorization server first.",
      without: "Without a token the API answers 401 with a WWW-Authenticate challenge.",
    },
    "api-response": {
      what: "The resource server verifies the token's signature, issuer, audience, expiry and scope, and answers 200 with Alice's profile.",
      why: "A token obtained by refreshing is as good as the first one, for as long as it lives.",
      without: "An API that skipped the expiry check would accept tokens long after they should have died.",
    },
    "api-error": apiError,
    "signed-in-page": {
      what: "The app shows the person that they are signed in as Alice Liddell. From here on it works with the tokens it holds, without sending the person back to the authorization server.",
      why: "A refresh token is what lets an app stay signed in for hours or days while each access token lasts only minutes.",
      without: "Without a refresh token, every expired access token would mean another trip through the sign-in page.",
    },
    "error-page": {
      what: "The app shows the person an error instead of their data, with the error it ran into.",
      why: "When a check fails or a server refuses, the client stops and says so.",
      without: "A client that carried on after an error would act on answers it cannot trust.",
    },
    "refresh-request": {
      what: "The app posts grant_type=refresh_token with its refresh token and client_id=spa to the token endpoint. It sends no secret: it is a public client.",
      why: "RFC 6749 §6: a refresh token gets a new access token without involving the person. A public client cannot authenticate, so RFC 9700 §4.14.2 requires its refresh tokens to be rotated or bound to the client (sender-constrained).",
      without: "The app would have to send the person through the sign-in every 15 minutes, or use long-lived access tokens, which make every leak worse.",
    },
    "refresh-token-stolen": {
      what: "A script injected into the app's page — through a cross-site scripting bug or a compromised third-party library — reads the refresh token and posts it to https://attacker.example/collect.",
      why: "Anything stored in a browser is within reach of any script running in the page. This is the threat refresh token rotation is designed to limit (RFC 9700 §4.14).",
      without: "Keeping refresh tokens out of the browser altogether, behind a backend for the frontend, removes this threat; rotation only detects it.",
    },
    "attacker-refresh-request": {
      what: "From its own machine, the attacker redeems the stolen refresh token at the token endpoint with client_id=spa, exactly as the app would.",
      why: "A public client has no secret, so nothing in the request tells the server it does not come from the real app.",
      without: "A sender-constrained refresh token (bound to a key only the real app holds, as with DPoP) would be refused here.",
    },
    "attacker-refresh-response": {
      what: "The server cannot tell the attacker from the app, so it issues a new access token and, rotating, a new refresh token; the stolen one is now marked as used.",
      why: "The theft is not yet visible: whoever redeems a refresh token first gets the new pair. Rotation pays off at the next step, when the other party presents the old token.",
      without: "A refresh token bound to a key only the real app holds (sender-constrained) would have been refused at the previous step, and nothing would have been issued.",
    },
    "attacker-api-request": {
      what: "The attacker calls GET /me with the access token it obtained with the stolen refresh token.",
      why: "A bearer token works for whoever presents it; the attacker wants Alice's data.",
      without: "If the access token were sender-constrained, the attacker could not use it without the real app's key.",
    },
    "attacker-api-response": attackerApiResponse,
    "attacker-api-error": attackerApiError,
    "revocation-request": {
      what: "The person signs out, and the app posts its refresh token to the revocation endpoint with token_type_hint=refresh_token and client_id=spa.",
      why: "RFC 7009 lets a client tell the authorization server that it no longer needs a token, so it stops working now rather than when it expires.",
      without: "Signing out would only forget the tokens in the app; any copy, in a stolen backup or an attacker's hands, would keep working for a day.",
    },
    "revocation-response": {
      what: "The server answers 200 with an empty body. Revoking a refresh token also invalidates the access tokens issued under the same grant.",
      why: "RFC 7009 §2.2: the answer is 200 even for a token the server does not know, so the endpoint reveals nothing about which tokens exist. §2.1: revoking a refresh token SHOULD also revoke its grant's access tokens.",
      without: "If only the refresh token died, the last access token would keep working until it expired.",
    },
  },
  scenarios: {
    default: {
      "api-error": accessTokenExpired,
      "refresh-request": {
        what: "Instead of bothering the person, the app posts grant_type=refresh_token with its refresh token and client_id=spa to the token endpoint.",
        why: "RFC 6749 §6: this is what the refresh token is for — a new access token, without the person, after the old one expired.",
        without: "Without a refresh token, the app would have to send the person back through the sign-in page.",
      },
    },
    "refresh-token-replayed": {
      "api-error": accessTokenExpired,
      "refresh-request": {
        what: "The real app, its access token expired, presents its refresh token — the one the attacker has already redeemed.",
        why: "Now two parties have used the same refresh token. The server cannot tell which is the thief, but it knows one of them must be.",
        without: "Without rotation there would be nothing to notice: the same token would work for both, as in the “what if” without rotation.",
      },
      "token-error": {
        what: "The server sees a spent refresh token presented again. It revokes every token of the grant — the attacker's fresh ones included — and answers invalid_grant.",
        why: "RFC 9700 §4.14.2: a rotated refresh token used twice means it leaked, so the whole token family is revoked. The person signs in again; the attacker is locked out.",
        without: "Without reuse detection, the attacker would keep refreshing for as long as the grant lives, and the app would be the one locked out.",
      },
      "attacker-api-error": {
        what: "The attacker's brand-new access token is refused: 401 invalid_token, the token has been revoked.",
        why: "The resource server checks each token against the authorization server's revocations, so the family's revocation takes effect at once.",
        without: "A resource server that trusted a JWT until its expiry would have served the attacker for up to 15 more minutes.",
      },
    },
    "rotation-off": {
      "api-error": accessTokenExpired,
      "attacker-refresh-response": {
        what: "This server does not rotate refresh tokens: it issues the attacker a new access token and leaves the stolen refresh token valid.",
        why: "Without rotation, a refresh token is a reusable credential, and every party holding it can refresh independently.",
        without: "With rotation, the app's next refresh would expose the theft — pick the “what if” where the stolen token is used twice.",
      },
      "refresh-request": {
        what: "The real app presents the same refresh token the attacker used a moment ago.",
        why: "Without rotation, a second use looks exactly like a first one.",
        without: "With rotation, this second use would trigger reuse detection and revoke the whole family.",
      },
      "token-response": {
        what: "At sign-in the app gets its first refresh token. When it refreshes, the server answers with a new access token but no new refresh token: it does not rotate, so the old refresh token stays valid — for the app, and for the attacker.",
        why: "This is how many servers worked before RFC 9700; it is still allowed for confidential clients, which authenticate when they refresh.",
        without: "With rotation and reuse detection, the leak would have been caught here.",
      },
      "attacker-api-response": {
        what: "The API answers the attacker 200 with Alice's profile — and will go on doing so, refresh after refresh, until the refresh token expires or someone revokes it.",
        why: "Nothing tells either the app or the server that the refresh token is being used twice.",
        without: "Rotation, sender-constrained tokens, or a backend that keeps the refresh token out of the browser would each have stopped this.",
      },
    },
    "scope-narrowed": {
      "refresh-request": {
        what: "Right after sign-in, the app refreshes, asking for scope=profile only — narrower than the profile order it was granted.",
        why: "RFC 6749 §6 lets a client ask for a subset of the original scope, so it holds only what it needs right now (least privilege).",
        without: "A client that always carried its widest token would expose more than needed whenever the token leaked.",
      },
      "token-response": {
        what: "At sign-in the tokens carry profile order. After the refresh, the new access token carries profile only, as asked; the new refresh token keeps the original grant, so the app could ask for order again later.",
        why: "OAuth 2.1: a new refresh token keeps the scope of the one it replaces; only the access token is narrowed.",
        without: "If narrowing the access token also narrowed the refresh token, the app would need the person's consent again to get order back.",
      },
      "api-request": {
        what: "The app calls GET /me at sign-in; then, with its narrowed token, GET /me again (needs profile) and GET /orders (needs order:read).",
        why: "The second call needs a scope the app just gave up.",
        without: "If the resource server did not check scope per endpoint, narrowing the token would achieve nothing.",
      },
      "api-error": {
        what: "GET /orders is refused: 403 insufficient_scope, and WWW-Authenticate names the scope it needs, order:read. The token is valid, but profile does not cover order:read.",
        why: "RFC 6750 §3.1: 403 insufficient_scope says a token with more scope is needed. This app could refresh again asking for order, which its refresh token still allows.",
        without: "A 401 would send the app to refresh with the same narrow scope, and fail again.",
      },
    },
    "token-revoked": {
      "api-request": {
        what: "The app calls GET /me — first with its fresh token, and once more after signing out, with the access token it had before the revocation.",
        why: "The second call shows what revocation does to a copy of the token that is still around.",
        without: "Without revocation, signing out would leave the last access token working for up to 15 minutes, for anyone holding a copy.",
      },
      "api-error": {
        what: "The resource server answers 401 invalid_token: the access token has been revoked, although it had 14 minutes left to live.",
        why: "A JWT carries no revocation state; this resource server also checks the authorization server's revocation list, as deployments that need immediate revocation do (or they introspect the token, RFC 7662).",
        without: "A resource server that only checked the JWT's signature and expiry would accept the revoked token until it expired.",
      },
    },
  },
};
