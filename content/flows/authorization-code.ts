/**
 * Narration of the authorization code grant (RFC 6749 §4.1) for the confidential web app
 * `web-app`, and of what its scenarios change: a denied consent, login CSRF with and without the
 * state check, a replayed code, a tampered redirect URI and an expired code.
 */
import type { FlowNarration } from "@/content/narration";
import { apiError, authorizationErrorPage, consentRejected } from "./shared";

export const authorizationCodeNarration: FlowNarration = {
  steps: {
    "start-login": {
      what: "The person clicks “Sign in” on the Acme Orders web app, and the browser asks the app's server for /login.",
      why: "Every flow with a person in it starts at the client: the app decides it needs access and starts an authorization request on the person's behalf.",
      without: "An app that could not send the person to the authorization server would have to ask for their password itself — the practice OAuth exists to end.",
    },
    "generate-state": {
      what: "The app's server draws a random, single-use state value and stores it in this browser's session. Here it comes from the simulator's seed so that a shared link shows the same values; a real client draws it from a cryptographically secure random number generator (CSPRNG).",
      why: "state ties the answer that will come back through the browser to the request this browser started (RFC 6749 §10.12). It must be unguessable, or an attacker could forge a matching answer.",
      without: "An attacker could send the person's browser an authorization response for the attacker's own account and the app would accept it: login CSRF, played out in the CSRF scenarios.",
    },
    "redirect-to-authorization": {
      what: "The app answers with a 302 redirect to the authorization server's /authorize endpoint, carrying response_type=code, its client_id (web-app), its registered redirect_uri, the scope it wants (profile order) and the state.",
      why: "The person signs in at the authorization server, not at the app: the password is typed only there, and the app learns only the outcome.",
      without: "The app would have to collect the person's password (the deprecated password grant), and every app would become a place where passwords can be phished or leaked.",
    },
    "authorization-request": {
      what: "The browser follows the redirect and sends the authorization request to the authorization server: a GET with every parameter in the query string.",
      why: "Before showing anything, the server validates the request: a known client_id, a redirect_uri that exactly matches one the client registered, a response_type the client may use, and scopes it knows.",
      without: "A server that skipped these checks could be told to send codes to any address an attacker chooses — the redirect-URI scenario shows the server refusing.",
    },
    "login-page": {
      what: "The authorization server answers with its own sign-in and consent page: which app is asking (Acme Orders, client_id web-app), the scopes it wants as checkboxes, and fields for username and password.",
      why: "The person authenticates to the authorization server and sees exactly what they are about to grant. The page comes from the server's own origin, so the app cannot read what is typed into it.",
      without: "Without a consent screen the person could neither see nor narrow what the app gets; without the server's own page, the password would pass through the app.",
    },
    consent: {
      what: "The person signs in as alice and clicks Allow; the form posts the credentials, the decision and the scopes left ticked back to the authorization server.",
      why: "Authenticating the person and getting their decision is the authorization server's job (RFC 6749 §4.1, step B). Unticking a box narrows the grant: the token will carry only what was allowed, never more than was asked.",
      without: "Without the person's decision, any app could obtain access to their data just by sending them to the authorization server.",
    },
    "consent-rejected": consentRejected,
    "authorization-response": {
      what: "The authorization server redirects the browser back to the app's redirect_uri with a one-time code, the state it was given, and its own issuer identifier (iss).",
      why: "The code is not a token: it lives 60 seconds here (RFC 6749 recommends at most 10 minutes), works once, and is bound to this client and redirect_uri, so a leaked URL is worth little. Real servers generate it with a CSPRNG. iss (RFC 9207) tells the app which server answered.",
      without: "Putting the access token itself in this URL, as the deprecated implicit grant does, exposes it to browser history, logs and every script on the page.",
    },
    callback: {
      what: "The browser delivers the authorization response to the app's /callback: code, state and iss travel in the query string.",
      why: "A redirect through the browser is the only way to bring the person back to the app. Everything sensitive that follows, redeeming the code, happens server to server.",
      without: "Without a registered callback to return to, the authorization server would have no safe place to send the code.",
    },
    "verify-callback": {
      what: "Before using the code, the app checks the response: state equals the value stored in this browser's session, iss names the authorization server it sent the person to, and the response carries a code rather than an error.",
      why: "state ties the response to a sign-in this browser started (RFC 6749 §10.12); iss ties it to the right server (RFC 9207), defeating mix-up attacks when an app trusts several servers.",
      without: "An app that skips these checks can be fed someone else's code — in the “what if” where the client skips the state check, the victim ends up signed in to the attacker's account.",
    },
    "token-request": {
      what: "The app's server posts the code to the token endpoint over the back channel with grant_type=authorization_code and the same redirect_uri, authenticating with its client secret in an HTTP Basic Authorization header.",
      why: "Only the registered client can redeem the code: the server checks the secret, that the code was issued to this client, is unexpired and unused, and that redirect_uri matches the authorization request. OAuth 2.1 adds PKCE here as well, even for clients with a secret.",
      without: "Anyone who saw the code in a URL could trade it for tokens; the client secret and the server-to-server channel keep the code from being enough on its own.",
    },
    "token-response": {
      what: "The authorization server answers 200 with JSON: a signed JWT access token (token_type Bearer, valid 900 seconds), a refresh token and the granted scope, marked Cache-Control: no-store.",
      why: "The access token is what the API accepts; it is short-lived so that a leak has limited reach, and the refresh token lets the app get a new one later without the person. The answer holds credentials, so nothing may cache it.",
      without: "Without tokens there is nothing to call the API with; with a long-lived access token instead, any leak would stay useful to an attacker for days or longer.",
    },
    "token-error": {
      what: "The authorization server refuses the token request with a 400 and a JSON error (RFC 6749 §5.2): invalid_grant when the code is expired, already used, or issued to someone else.",
      why: "Every check on the code fails closed, and the error code tells the client what went wrong without revealing anything useful to an attacker.",
      without: "A server that issued tokens for a stale or reused code would let a leaked code be redeemed long after it should have died.",
    },
    "api-request": {
      what: "The app's server calls GET https://api.example/me with the access token in an Authorization: Bearer header.",
      why: "A bearer token is presented as it is: whoever holds it may use it. So it travels in a header (RFC 6750 §2.1), over TLS, never in a URL.",
      without: "Without a token the API answers 401 with a WWW-Authenticate challenge; a token put in the query string would leak into logs and Referer headers, which is why OAuth 2.1 forbids it.",
    },
    "api-response": {
      what: "The resource server verifies the JWT's signature against the authorization server's published keys, checks typ at+jwt, iss, aud and exp and that the token is not revoked, finds the profile scope GET /me needs, and answers 200 with Alice's profile.",
      why: "The resource server enforces access: it trusts the token only because the authorization server signed it for this audience (RFC 9068), and it checks the scope on every request.",
      without: "An API that skipped the signature, audience or expiry checks would accept forged tokens, tokens meant for another API, or tokens long expired.",
    },
    "api-error": apiError,
    "signed-in-page": {
      what: "The app shows the person the result: they are signed in as Alice Liddell. The tokens stay on the app's server; the browser only has its session with the app.",
      why: "A confidential client keeps its tokens and its secret where no script in the browser can reach them — that is what makes it confidential.",
      without: "If the app handed the tokens to the browser, any script running in its pages could read and send them elsewhere.",
    },
    "error-page": {
      what: "The app shows the person an error page instead of signing them in, with the error it ran into.",
      why: "A client must fail closed: when one of its checks fails or a server refuses, it stops and says so rather than carrying on.",
      without: "A client that carried on after a failed check or an error response would act on answers it cannot trust.",
    },
    "token-replay": {
      what: "The same code is posted to the token endpoint a second time — here by a client that retries, but it could just as well be an attacker who copied the code from a log or a browser history.",
      why: "Codes are single-use (RFC 6749 §4.1.2); this step shows what the authorization server does when one comes back.",
      without: "If the server accepted the second use, a code that leaked from a URL could be redeemed by whoever found it, even after the app had used it.",
    },
    "token-replay-error": {
      what: "The authorization server answers 400 invalid_grant and, because the code has now been presented twice, revokes the tokens it already issued from it.",
      why: "RFC 6749 §4.1.2: the server MUST deny a reused code and SHOULD revoke the tokens issued from it, since it cannot tell which of the two redemptions was the legitimate one.",
      without: "An attacker who redeemed a stolen code first would keep working tokens; revoking them all cuts the attacker off at the cost of one extra sign-in.",
    },
    // The attacker's moves (the CSRF scenarios)
    "attacker-authorization-request": {
      what: "From its own browser, the attacker starts an ordinary authorization request for the same app (client_id web-app, the app's real redirect_uri), with a state it chose itself.",
      why: "Login CSRF begins with a genuine code — for the attacker's own account. The attacker needs nothing from the victim for this part.",
      without: "Nothing at this step can stop it: the request is genuine. The defence comes later, when the app compares state.",
    },
    "attacker-login-page": {
      what: "The authorization server shows the attacker the same sign-in and consent page anyone would see.",
      why: "The server cannot know the intent behind a well-formed request; it treats the attacker as the ordinary user of their own account that they are.",
      without: "Refusing here is not possible without refusing everyone: the attack is defeated at the client, not at the server.",
    },
    "attacker-consent": {
      what: "The attacker signs in as mallory and clicks Allow.",
      why: "The code that results is bound to Mallory's account — that is the whole point: the attacker wants the victim to end up using this account.",
      without: "An attacker without an account at the authorization server could not run this attack; but accounts are usually free to create.",
    },
    "attacker-authorization-response": {
      what: "The authorization server redirects the attacker's browser to the app's callback with a code for Mallory's account and the attacker's state. The attacker stops there and keeps the URL instead of following it.",
      why: "An unused code, still valid for 60 seconds, is the bait: whichever browser delivers it to the app will be signed in as Mallory, if the app lets it.",
      without: "Short code lifetimes narrow the window for this attack, but do not close it: the attacker can fetch a fresh code just before sending the link.",
    },
    "malicious-link": {
      what: "The attacker sends the victim a link to the real authorization server, with the real client_id web-app but redirect_uri=https://attacker.example/steal.",
      why: "If the server sent the code to that address, the attacker would hold a code for the victim's account, and could inject it into its own session with the app (RFC 9700 §4.1).",
      without: "Without checking redirect_uri against the registered ones, the authorization server would send the victim's code straight to the attacker.",
    },
    "csrf-link": {
      what: "The attacker gets the victim's browser to open that callback URL: a link in an email or a chat, or an invisible image or iframe on a page the victim visits.",
      why: "The request that follows comes from the victim's browser, with the victim's cookies for the app — a cross-site request forgery.",
      without: "Without a way to tie the response to the victim's own sign-in, the app cannot tell this request from a genuine return from the authorization server.",
    },
    "authorization-error-page": authorizationErrorPage,
  },
  scenarios: {
    "consent-denied": {
      consent: {
        what: "The person signs in as alice and clicks Deny.",
        why: "Consent is a real choice: the person may refuse, and the authorization server must report that to the app rather than keep the app waiting.",
        without: "If refusing was not possible, the consent page would be a formality, and people would learn to click through it.",
      },
      "authorization-response": {
        what: "The authorization server redirects back to the app's callback with error=access_denied, a description, the state and iss — and no code.",
        why: "RFC 6749 §4.1.2.1: once the client and redirect URI are trusted, errors go back to the client the same way a code would, so the app can tell the person what happened.",
        without: "Without an error response the app would never learn that the sign-in ended; the person would be stranded on the authorization server.",
      },
      callback: {
        what: "The browser delivers the error response to the app's callback: error, error_description, state and iss in the query string.",
        why: "The app receives refusals through the same callback as codes, and must handle both.",
        without: "An app that only expected a code would crash or loop on the error.",
      },
      "verify-callback": {
        what: "state and iss match, but the third check fails: the response carries access_denied instead of a code.",
        why: "Checking state on error responses too means an attacker cannot forge an error to disrupt someone else's sign-in.",
        without: "An app that looked for a code without checking for an error first could misreport the refusal as a server failure.",
      },
      "error-page": {
        what: "The app tells the person that sign-in was cancelled. No code or token was ever issued.",
        why: "The person said no, and the app must respect that; it may offer to try again, but must not retry automatically.",
        without: "An app that silently restarted the flow would pester the person into consenting.",
      },
    },
    "csrf-state-checked": {
      callback: {
        what: "The victim's browser delivers the attacker's code to the app's callback, together with the victim's session cookie for the app. The victim never clicked Sign in: no sign-in is in progress in this browser.",
        why: "This is the forged request: to the app it looks just like a genuine return from the authorization server.",
        without: "Only a value bound to this browser's own sign-in, state, can expose it as forged.",
      },
      "verify-callback": {
        what: "The app finds no state stored in this browser's session, so the attacker's state cannot match: the state check fails (the iss and code checks pass, since the code is genuine).",
        why: "state is the one value the attacker cannot supply: it was generated for this browser and never left it except in the victim's own sign-in (RFC 6749 §10.12).",
        without: "Skip this check and the attack succeeds — pick the “what if” where the client skips the state check to watch.",
      },
      "error-page": {
        what: "The app refuses the response (state_matches failed) and shows an error. The attacker's code is never redeemed.",
        why: "Failing closed on a state mismatch is what turns login CSRF into a harmless error page.",
        without: "Without the refusal, the victim would be signed in to the attacker's account.",
      },
    },
    "csrf-state-skipped": {
      callback: {
        what: "The victim's browser delivers the attacker's code to the app's callback, together with the victim's session cookie for the app. The victim never clicked Sign in.",
        why: "This is the forged request: to the app it looks just like a genuine return from the authorization server.",
        without: "Only the state check could expose it as forged — and this app does not make it.",
      },
      "verify-callback": {
        what: "The state check fails (shown in red), but this app ignores it; the other checks pass, since the code is genuine and came from the right server. The app goes ahead with a code it never asked for.",
        why: "This is the bug the scenario is about: an app that generates state but never compares it, or omits it altogether.",
        without: "With the comparison in place, the flow would stop here with an error page, as in the “what if” where the client checks state.",
      },
      "token-request": {
        what: "The app redeems the attacker's code with its own client secret. The authorization server sees nothing wrong: the code really was issued to this client and redirect_uri.",
        why: "The token endpoint can verify the client and the code, but not which browser the code came through; that check belongs to the client.",
        without: "With PKCE this exchange would fail too: the attacker's code is bound to the attacker's code_challenge, and the app holds no matching code_verifier (RFC 9700 §4.7.1).",
      },
      "token-response": {
        what: "The authorization server issues an access token and a refresh token for Mallory's account to the app.",
        why: "Everything the server checked was in order: genuine code, right client, right redirect_uri, within its lifetime.",
        without: "Nothing at the token endpoint can undo a missing state check.",
      },
      "api-response": {
        what: "The API answers 200 with Mallory's profile: the app now believes that the person at this browser is Mallory.",
        why: "The token is perfectly valid — for the wrong account.",
        without: "Only the client's state check, earlier, could have told the app the sign-in was not the victim's own.",
      },
      "signed-in-page": {
        what: "The victim sees “Signed in as Mallory”. Whatever they now save in the app — a card number, a document, their search history — goes into the attacker's account, where the attacker can read it.",
        why: "This is the harm of login CSRF (RFC 6749 §10.12): the victim is silently signed in as someone else.",
        without: "With state checked, the victim would have seen an error page instead.",
      },
    },
    "code-replayed": {
      "token-response": {
        what: "The first exchange succeeds: the authorization server issues an access token and a refresh token, and marks the code as used.",
        why: "A code may be redeemed exactly once; the server remembers that it has been.",
        without: "Without remembering used codes, the server could not detect the replay that comes next.",
      },
      "api-request": {
        what: "The app calls GET /me with the access token from the first exchange — which the authorization server revoked a moment ago, when the code came back.",
        why: "This shows the price of the defence: the server cannot tell the legitimate redemption from the replay, so both lose their tokens.",
        without: "Without the revocation, an attacker who replayed a stolen code first would keep its tokens.",
      },
      "api-error": {
        what: "The resource server answers 401 invalid_token: the access token has been revoked.",
        why: "The resource server checks every token against the authorization server's record of revoked grants, so a revocation takes effect at once.",
        without: "A resource server that trusted the JWT until its expiry would have served this call for up to 15 more minutes.",
      },
      "error-page": {
        what: "The API call failed, so the app shows an error; the person has to sign in again, which yields a fresh code.",
        why: "A replayed code is a sign of a leak; starting over with new codes and tokens is the safe answer.",
        without: "Carrying on with tokens from a compromised exchange would leave an attacker's copies working.",
      },
    },
    "redirect-uri-tampered": {
      "authorization-request": {
        what: "The victim's browser sends the tampered authorization request. The server compares redirect_uri with the URIs web-app registered, by exact string match.",
        why: "RFC 9700 §4.1 requires exact matching: prefix, wildcard or same-domain rules have each let attackers slip in an address they control.",
        without: "With loose matching, a look-alike address (an open redirect on the app's domain, say) could receive the code.",
      },
      "authorization-error-page": {
        what: "No registered redirect URI matches, so the server shows its own error page — invalid_redirect_uri — and redirects nowhere. The victim sees a warning; the attacker gets nothing.",
        why: "RFC 6749 §4.1.2.1: with an untrusted redirect URI, the server MUST NOT redirect, not even to report the error.",
        without: "Redirecting even an error there would make the server an open redirector (RFC 9700 §4.11); redirecting a code there would hand over the victim's account.",
      },
    },
    "code-expired": {
      "token-request": {
        what: "The app waits 61 seconds before redeeming the code — a slow queue, a stalled server — then posts it to the token endpoint as usual.",
        why: "Codes are meant to be redeemed at once; this scenario shows what happens when they are not.",
        without: "If codes never expired, one found in a browser history or a log weeks later would still be redeemable.",
      },
      "token-error": {
        what: "The code lived 60 seconds and has expired: the server answers 400 invalid_grant, “authorization code is expired”.",
        why: "RFC 6749 §4.1.2: codes MUST be short-lived (at most 10 minutes is recommended), to narrow the window in which a leaked code is useful.",
        without: "A long-lived code would give anyone who copies the callback URL plenty of time to redeem it.",
      },
      "error-page": {
        what: "The app shows an error: it has no tokens. The person must sign in again, which gives the app a fresh code.",
        why: "The only remedy for an expired code is a new authorization request; the client cannot extend it.",
        without: "There is no way around it — which is the point.",
      },
    },
  },
};
