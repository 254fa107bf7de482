/**
 * Narration of the resource owner password credentials grant (RFC 6749 §4.3) for Acme's own app
 * `first-party-app`. Deprecated: RFC 9700 §2.4 says it MUST NOT be used, and OAuth 2.1 removes it.
 * Its scenarios: a wrong password, an OAuth 2.1 server refusing it, and revocation on sign-out.
 */
import type { FlowNarration } from "@/content/narration";
import { apiError } from "./shared";

export const passwordNarration: FlowNarration = {
  steps: {
    "start-login": {
      what: "The person opens Acme's own app and chooses to sign in; the browser asks the app for its /login page.",
      why: "With the password grant, sign-in starts and ends at the client: there is no redirect to the authorization server at all. The grant is deprecated — RFC 9700 says it MUST NOT be used, and OAuth 2.1 removes it.",
      without: "With the authorization code flow, the app would instead send the person to the authorization server's own sign-in page.",
    },
    "client-login-page": {
      what: "The app shows its own sign-in form, asking for the username and password of the person's account at the authorization server.",
      why: "This is the defining trait of the grant (RFC 6749 §4.3): the client collects the resource owner's credentials itself. It was meant only for highly trusted first-party apps, as a migration path from storing passwords.",
      without: "If the sign-in page were the authorization server's, the app would never see the password — which is the whole idea of OAuth.",
    },
    "enter-password": {
      what: "The person types their username and password into the app's form, and it posts them to the app.",
      why: "The app now holds the person's password, in the clear, if only for a moment.",
      without: "Without handing over the password, there is nothing for this grant to exchange — the reason it cannot support multi-factor sign-in, passkeys or single sign-on.",
    },
    "password-token-request": {
      what: "The app posts grant_type=password with the username, the password and scope=profile order to the token endpoint, authenticating itself with its client secret in an HTTP Basic header.",
      why: "The authorization server checks the client and the person's credentials, and issues tokens if both are right; the person is never asked to consent.",
      without: "If the app were compromised, or simply logged its requests, every password that passed through it would be exposed, and with it the person's whole account, not just this app's access.",
    },
    "token-response": {
      what: "The authorization server answers 200 with a JWT access token (Bearer, 900 seconds), a refresh token and the granted scope.",
      why: "The app can now call the API with a token and, in principle, forget the password — the one improvement this grant offered over storing passwords.",
      without: "Without tokens the app would have to store the password and send it with every API call, the even older practice this grant was meant to retire.",
    },
    "token-error": {
      what: "The authorization server refuses the token request with a 400 and a JSON error (RFC 6749 §5.2).",
      why: "The error code tells the app what went wrong, without saying more than it needs to.",
      without: "A vague failure would leave the app unable to tell the person whether to retype their password or to update the app.",
    },
    "api-request": {
      what: "The app calls GET https://api.example/me with the access token in an Authorization: Bearer header.",
      why: "From here on the app works like any other OAuth client.",
      without: "Without a token the API answers 401 with a WWW-Authenticate challenge.",
    },
    "api-response": {
      what: "The resource server verifies the token's signature, issuer, audience, expiry and profile scope, and answers 200 with Alice's profile.",
      why: "The resource server cannot tell how a token was obtained; it checks the token, not the grant.",
      without: "An API that skipped any of these checks would accept forged, foreign or expired tokens.",
    },
    "api-error": apiError,
    "signed-in-page": {
      what: "The app shows the person that they are signed in as Alice Liddell.",
      why: "It works — which is why this grant lingered — but the app has seen the password, and the person has learned to type it into an app.",
      without: "With the authorization code flow and PKCE, the same first-party app gets the same tokens without ever seeing the password.",
    },
    "error-page": {
      what: "The app shows the person an error instead of signing them in, with the error it ran into.",
      why: "When a server refuses, the client stops and says so.",
      without: "A client that carried on after an error would act on answers it cannot trust.",
    },
    "revocation-request": {
      what: "The person signs out, and the app posts its refresh token to the revocation endpoint with token_type_hint=refresh_token, authenticating with its client secret.",
      why: "RFC 7009 lets a client tell the authorization server it no longer needs a token, so it stops working now rather than when it expires.",
      without: "Signing out would only forget the tokens in the app; any copy would keep working, the refresh token for a day.",
    },
    "revocation-response": {
      what: "The server answers 200 with an empty body. Revoking the refresh token also invalidates the access tokens of the same grant.",
      why: "RFC 7009 §2.1: revoking a refresh token SHOULD also revoke the access tokens issued with it. §2.2: the answer is 200 even for unknown tokens, so the endpoint reveals nothing.",
      without: "If only the refresh token died, the last access token would keep working until it expired.",
    },
  },
  scenarios: {
    "wrong-password": {
      "enter-password": {
        what: "The person types their username with a wrong password.",
        why: "The app cannot check the password itself; only the authorization server knows it.",
        without: "An app that stored passwords to check them locally would be one more place for them to leak from.",
      },
      "token-error": {
        what: "The authorization server answers 400 invalid_grant: wrong username or password.",
        why: "RFC 6749 §5.2: invalid resource owner credentials are invalid_grant. The message does not say which of the two was wrong.",
        without: "A message that said “no such user” would let anyone find out who has an account. And since the app, not the server, shows the sign-in form, the server cannot offer password reset, a second factor or a CAPTCHA.",
      },
      "error-page": {
        what: "The app tells the person the sign-in failed; they can try again.",
        why: "Every retry sends the password through the app once more.",
        without: "With the authorization server's own sign-in page, the person would retry there, with its protections against guessing.",
      },
    },
    "refused-in-oauth-2-1": {
      "password-token-request": {
        what: "The app posts the username and password to an authorization server that follows OAuth 2.1.",
        why: "OAuth 2.1 removed the password grant, following RFC 9700 §2.4: it MUST NOT be used.",
        without: "A server that kept accepting it would keep teaching people to type their password into apps.",
      },
      "token-error": {
        what: "The server answers 400 unsupported_grant_type: grant_type password is not supported.",
        why: "RFC 6749 §5.2: unsupported_grant_type is the answer for a grant type the server does not offer. The password reached the server anyway — refusing cannot undo that the app collected it.",
        without: "Only moving the app to the authorization code flow with PKCE stops passwords from passing through it.",
      },
      "error-page": {
        what: "The app shows the error: this server no longer accepts the password grant. The fix is to sign in through the authorization server's own page.",
        why: "First-party apps get no exception in OAuth 2.1: they use the authorization code flow with PKCE, like everyone else.",
        without: "Without the refusal, nothing would push the app off the deprecated grant.",
      },
    },
    "token-revoked": {
      "api-request": {
        what: "After signing out, the app (or anyone holding a copy of the token) calls GET /me with the old access token.",
        why: "This call shows that revoking the refresh token also killed the access token issued with it.",
        without: "Without revocation, the access token would keep working for up to 15 minutes after sign-out.",
      },
      "api-error": {
        what: "The resource server answers 401 invalid_token: the access token has been revoked.",
        why: "A JWT carries no revocation state; this resource server also checks the authorization server's revocation list, as deployments that need immediate revocation do (or they introspect the token, RFC 7662).",
        without: "A resource server that only checked the JWT's signature and expiry would accept it until it expired.",
      },
      "error-page": {
        what: "The app shows the API's refusal: the person has signed out, and the token no longer opens anything.",
        why: "Signing out should mean the tokens stop working, not merely that the app forgets them.",
        without: "If signing out only cleared the app's memory, every copy of the tokens would live on.",
      },
    },
  },
};
