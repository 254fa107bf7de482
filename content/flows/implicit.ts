/**
 * Narration of the implicit grant (RFC 6749 §4.2) for the legacy single-page app `legacy-spa`.
 * Deprecated: RFC 9700 §2.1.2 says clients SHOULD NOT use it, and OAuth 2.1 removes it. Its
 * scenarios: a token read by another script, an OAuth 2.1 server refusing it, and revocation.
 */
import type { FlowNarration } from "@/content/narration";
import { apiError, attackerApiError, attackerApiRequest, attackerApiResponse, authorizationErrorPage, consentRejected } from "./shared";

export const implicitNarration: FlowNarration = {
  steps: {
    "authorization-error-page": authorizationErrorPage,
    "start-login": {
      what: "The person clicks “Sign in” in the old Acme widget, a single-page app built when browsers could not yet make cross-origin requests to a token endpoint.",
      why: "The implicit grant was designed for such apps: it returns the access token directly to the browser, skipping the code exchange. It is deprecated — RFC 9700 says clients SHOULD NOT use it, and OAuth 2.1 removes it.",
      without: "Today the same app would use the authorization code flow with PKCE, which works in any modern browser.",
    },
    "generate-state": {
      what: "The page's script draws a random state and keeps it in the page's session storage. Here it comes from the simulator's seed so links are reproducible; a real app uses a CSPRNG such as crypto.getRandomValues.",
      why: "state ties the token that will come back to the sign-in this page started (RFC 6749 §10.12).",
      without: "An attacker could slip the page a token for the attacker's own account, and the page would use it.",
    },
    "redirect-to-authorization": {
      what: "The app sends the browser to /authorize with response_type=token, client_id=legacy-spa, its redirect_uri, the scope (profile order:read) and the state.",
      why: "response_type=token asks for the access token itself in the redirect back, instead of a code.",
      without: "With response_type=code and PKCE, only a short-lived, single-use code would cross the browser.",
    },
    "authorization-request": {
      what: "The browser sends the authorization request to the authorization server, every parameter in the query string.",
      why: "The server checks the client_id, the exact redirect_uri, that this client is registered for response_type=token, and the scopes.",
      without: "Exact redirect_uri matching matters even more here than for codes: a token sent to the wrong address is immediately usable.",
    },
    "login-page": {
      what: "The authorization server shows its sign-in and consent page: the Old Acme widget (client_id legacy-spa) asks for profile and order:read.",
      why: "The sign-in and the consent work exactly as in the code flow; only what comes back differs.",
      without: "Without this page the password would pass through the app, and the person could neither see nor narrow what they grant.",
    },
    consent: {
      what: "The person signs in as alice and clicks Allow; the form posts the credentials, the decision and the scopes left ticked.",
      why: "The token about to be issued carries only the scopes the person allowed.",
      without: "Without the person's decision, any app could obtain access to their data just by sending them to the authorization server.",
    },
    "consent-rejected": consentRejected,
    "authorization-response": {
      what: "The authorization server redirects the browser to the app with the access token in the URL fragment (after #), along with token_type, expires_in, scope, state and iss. No refresh token is issued.",
      why: "Browsers never send the fragment to a server, so the token does not reach the app's web server's logs — but it does sit in the address bar and the browser history, readable by every script on the page (RFC 6749 §4.2.2).",
      without: "With the code flow, only a one-time code would be in the URL, and the token would come back in the body of a back-channel response.",
    },
    callback: {
      what: "The browser loads the app's /callback page. The request carries no token: the fragment stays in the browser.",
      why: "The page itself is just HTML and a script; the token is waiting in the address bar for that script to read it.",
      without: "If the token were in the query string instead, the browser would send it to the app's server, into its access logs, and on in Referer headers.",
    },
    "read-fragment": {
      what: "The page's script reads location.hash and parses access_token, state and iss out of it.",
      why: "This is the only way the app can get the token in the implicit flow: from the URL, in the browser.",
      without: "Any other script on the same page can do exactly the same — pick the “what if” where another script reads the token.",
    },
    "verify-callback": {
      what: "The script checks that state matches the one it stored, that iss is the authorization server it used, and that the fragment holds an access token rather than an error.",
      why: "state guards against a token injected by an attacker (RFC 6749 §10.12); iss against a response from another server (RFC 9207).",
      without: "Unlike with PKCE, the server cannot check anything more later: the token is already issued, and the client's checks are the last line of defence.",
    },
    "api-request": {
      what: "The page's script calls GET https://api.example/me with the access token in an Authorization: Bearer header.",
      why: "The token is a bearer token: presenting it is all it takes.",
      without: "Without a token the API answers 401 with a WWW-Authenticate challenge.",
    },
    "api-response": {
      what: "The resource server verifies the token's signature, issuer, audience, expiry and profile scope, and answers 200 with Alice's profile.",
      why: "The resource server cannot tell how a token was obtained; an implicit token is as good as any other.",
      without: "A resource server that wanted to refuse implicit tokens would need the authorization server to mark them, or to stop issuing them — which is what OAuth 2.1 does.",
    },
    "api-error": apiError,
    "signed-in-page": {
      what: "The page shows the person that they are signed in as Alice Liddell. When the token expires in 15 minutes, the app has no refresh token: it must send the person through the authorization server again.",
      why: "The implicit grant never issues refresh tokens (RFC 6749 §4.2.2), because the browser is no place to keep one.",
      without: "Without a refresh token, the app must send the person back to the authorization server whenever its token expires, usually silently in a hidden iframe — which browsers increasingly block.",
    },
    "error-page": {
      what: "The page shows the person an error instead of their data, with the error it ran into.",
      why: "When a check fails or a server refuses, the client stops and says so.",
      without: "A client that carried on after an error would act on answers it cannot trust.",
    },
    "script-reads-fragment": {
      what: "Another script on the same page — an analytics tag, an advert, a compromised dependency — reads the address bar, access token included, and sends it to its owner.",
      why: "Every script on a page shares its location. A token in the URL is in reach of all of them, and also of the browser history and of anyone who copies the link (RFC 9700 §4.3.2).",
      without: "With the code flow and PKCE, the URL holds only a spent one-time code, which is worthless without the code_verifier.",
    },
    "attacker-api-request": attackerApiRequest,
    "attacker-api-response": attackerApiResponse,
    "attacker-api-error": attackerApiError,
    "revocation-request": {
      what: "The person signs out, and the page posts its access token to the revocation endpoint with token_type_hint=access_token and its client_id only — a public client has no secret to authenticate with.",
      why: "RFC 7009 lets a client tell the authorization server that a token is no longer needed, so it stops working now rather than when it expires.",
      without: "Signing out would only forget the token in this page; every other copy would keep working until it expired.",
    },
    "revocation-response": {
      what: "The server answers 200 with an empty body: the token is revoked.",
      why: "RFC 7009 §2.2: the answer is 200 even for a token the server does not know, so the endpoint reveals nothing about which tokens exist.",
      without: "An endpoint that answered differently for unknown tokens would let anyone probe which tokens are valid.",
    },
  },
  scenarios: {
    "refused-in-oauth-2-1": {
      "authorization-response": {
        what: "This server follows OAuth 2.1, which removed the implicit grant. It redirects back with error=unsupported_response_type, a description, the state and iss — in the query string — and issues no token.",
        why: "OAuth 2.1 drops response_type=token, following RFC 9700 §2.1.2: a token in a URL is exposed to too much. The request was otherwise valid, so the error goes back to the client (RFC 6749 §4.1.2.1).",
        without: "A server that still allowed the implicit grant would keep exposing tokens in URLs for every client that asked.",
      },
      callback: {
        what: "The browser loads the app's callback with the error in the query string.",
        why: "The client learns of the refusal the same way it would learn of a token.",
        without: "Without the redirect, the person would be stuck on the authorization server's page, and the app would never learn why.",
      },
      "read-fragment": {
        what: "The page's script looks for the token in the URL and finds only the error, error_description, state and iss.",
        why: "The app was written for the implicit grant; it now has to deal with a server that no longer speaks it.",
        without: "An app that assumed a token was always there would crash here instead of reporting the error.",
      },
      "verify-callback": {
        what: "state and iss match, but the third check fails: the response carries unsupported_response_type instead of an access token.",
        why: "The app checks the error response like any other, and stops.",
        without: "An app that did not check for an error before using the response could report a confusing failure later.",
      },
      "error-page": {
        what: "The page shows the error: the implicit grant is not supported in OAuth 2.1. The fix is to move the app to the authorization code flow with PKCE.",
        why: "Every browser today can make the cross-origin token request the code flow needs — the reason the implicit grant existed is gone.",
        without: "Without this refusal, the app would go on receiving tokens in URLs, with all the exposure that brings.",
      },
    },
    "token-read-by-another-script": {
      "attacker-api-request": {
        what: "The script's owner calls GET /me with the token it read from the address bar.",
        why: "A bearer token works for whoever presents it.",
        without: "If the token were sender-constrained, bound to a key the real app holds, the copy would be useless on its own.",
      },
    },
    "token-revoked": {
      "api-request": {
        what: "After signing out, the page (or anyone holding a copy of the token) calls GET /me with the revoked token.",
        why: "This call shows that revocation takes effect at once, not when the token expires.",
        without: "Without revocation, signing out would leave the token working for up to 15 minutes, for the page and for any copy.",
      },
      "api-error": {
        what: "The resource server answers 401 invalid_token: the access token has been revoked, although it had most of its 15 minutes left.",
        why: "A JWT carries no revocation state; this resource server also checks the authorization server's revocation list, as deployments that need immediate revocation do (or they introspect the token, RFC 7662).",
        without: "A resource server that only checked the JWT's signature and expiry would accept it until it expired.",
      },
      "error-page": {
        what: "The page shows the API's refusal: the person has signed out, and the token no longer opens anything.",
        why: "Signing out should mean the tokens stop working, not merely that the app forgets them.",
        without: "If signing out only cleared the page's memory, every copy of the token would live on until it expired.",
      },
    },
    "stolen-token-after-sign-out": {
      "revocation-request": {
        what: "The person signs out before the other script gets to use the token: the page posts the access token to the revocation endpoint with its client_id.",
        why: "RFC 7009: revoking makes every copy of the token worthless, including copies the app does not know about.",
        without: "Without revocation, the stolen copy would work until the token expired.",
      },
      "api-error": {
        what: "The page's own call with the revoked token gets 401 invalid_token, as it should.",
        why: "Revocation applies to the token, not to whoever holds it.",
        without: "A resource server that skipped the revocation check would still accept the token.",
      },
      "error-page": {
        what: "The page shows the API's refusal: the person has signed out.",
        why: "Signing out should mean the tokens stop working.",
        without: "If signing out only cleared the page's memory, the stolen copy would still work.",
      },
      "script-reads-fragment": {
        what: "The other script still reads the token from the address bar and sends it to its owner — but the token was revoked moments ago.",
        why: "The fragment stays in the URL and the history after the page has used it; the theft still happens, only later.",
        without: "A page should at least clear the fragment once it has read it (history.replaceState); the code flow avoids the problem altogether.",
      },
      "attacker-api-error": {
        what: "The resource server refuses the stolen token: 401 invalid_token, revoked.",
        why: "The revocation reached the resource server before the attacker did.",
        without: "Had the person not signed out, the attacker would have had Alice's data, as in the “what if” where another script reads the token.",
      },
    },
  },
};
