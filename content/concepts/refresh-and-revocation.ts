import type { Concept } from "./types";

export const refreshAndRevocationConcept: Concept = {
  slug: "refresh-and-revocation",
  title: "Refresh and revocation",
  summary: "How refresh tokens keep an app signed in, how rotation catches a stolen one, and how revocation ends access before tokens expire.",
  intro: [
    "Access tokens are short-lived on purpose. A refresh token lets an app get new ones without sending the person through the sign-in again; revocation lets the app — on the person's behalf — end access before the tokens expire. Both are where long-lived credentials live, so both are where attackers look.",
  ],
  learn: [
    "How a client uses its refresh token when the access token expires",
    "Refresh token rotation and reuse detection, and the theft they catch",
    "Narrowing the scope on refresh",
    "How token revocation (RFC 7009) works, and what it means for a JWT",
    "Where a browser-based app should keep its refresh token",
  ],
  sections: [
    {
      id: "why-refresh",
      title: "Why refresh tokens exist",
      blocks: [
        {
          kind: "paragraph",
          text: "A short access token lifetime limits the damage of a leak, but an app that had to send the person to the authorization server every 15 minutes would be unusable. A refresh token resolves the tension: it lives longer, but it is only ever sent to the authorization server's token endpoint, never to an API, and the authorization server can check, on every use, whether the grant behind it still stands.",
        },
      ],
    },
    {
      id: "refreshing",
      title: "Refreshing",
      blocks: [
        {
          kind: "code",
          label: "A public client's refresh request",
          text: "POST /token HTTP/1.1\nHost: authorization-server.example\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token&refresh_token=def998mS9jm16rp04MatlhZzw2AsYBKDim8PDxuO7PM&client_id=spa",
        },
        {
          kind: "list",
          items: [
            "A confidential client authenticates as it does for any token request; a public client sends its `client_id`.",
            "The server checks that the refresh token was issued to this client, has not expired, has not been revoked or used before.",
            "The answer is a new access token and, with rotation, a new refresh token that replaces the old one.",
            "The client may send a `scope` narrower than the original grant, never wider (RFC 6749 §6).",
          ],
        },
      ],
    },
    {
      id: "rotation",
      title: "Rotation and reuse detection",
      blocks: [
        {
          kind: "paragraph",
          text: "A public client cannot authenticate when it refreshes, so a stolen refresh token works for the thief exactly as for the app. RFC 9700 §4.14.2 therefore requires refresh tokens of public clients to be either sender-constrained (bound to a key the client holds) or rotated.",
        },
        {
          kind: "list",
          ordered: true,
          items: [
            "Rotation: every refresh returns a new refresh token, and the server remembers the old one as spent.",
            "A thief who redeems a stolen refresh token first gets a fresh pair — the theft is not yet visible.",
            "When the real app next presents its (now spent) refresh token, the server sees a token used twice. It cannot tell which party is the thief, so it revokes every token of the grant — the thief's included — and answers `invalid_grant`.",
            "The person signs in again; the attacker is locked out.",
          ],
        },
        {
          kind: "callout",
          tone: "pitfall",
          title: "Without rotation, nobody notices",
          text: "If refresh tokens are reusable, the app and the thief both keep refreshing, and nothing ever looks wrong — until the refresh token expires, which may be months away.",
        },
      ],
    },
    {
      id: "narrowing",
      title: "Narrowing the scope",
      blocks: [
        {
          kind: "paragraph",
          text: "An app that holds broad scopes can refresh for a narrow access token when it only needs a little — least privilege in time. The narrowed access token opens less; the new refresh token keeps the original grant, so the app can ask for the wider scope again later without the person.",
        },
      ],
    },
    {
      id: "revocation",
      title: "Revocation",
      blocks: [
        {
          kind: "code",
          label: "Revoking a refresh token on sign-out",
          text: "POST /revoke HTTP/1.1\nHost: authorization-server.example\nContent-Type: application/x-www-form-urlencoded\n\ntoken=def998mS9jm16rp04MatlhZzw2AsYBKDim8PDxuO7PM&token_type_hint=refresh_token&client_id=spa",
        },
        {
          kind: "list",
          items: [
            "The client authenticates (or, if public, sends its `client_id`), and the server checks the token was issued to that client.",
            "The answer is `200` even for a token the server does not know, so the endpoint reveals nothing about which tokens exist (RFC 7009 §2.2).",
            "Revoking a refresh token SHOULD also invalidate the access tokens issued under the same grant (RFC 7009 §2.1).",
            "Signing out should revoke: otherwise it only makes the app forget its tokens, and every copy of them keeps working.",
          ],
        },
      ],
    },
    {
      id: "revoking-a-jwt",
      title: "Revoking a JWT",
      blocks: [
        {
          kind: "paragraph",
          text: "A JWT access token is checked by its signature and its `exp`; neither changes when the authorization server revokes it. A resource server that checks only those will accept a revoked JWT until it expires. Deployments that need revocation to take effect at once either keep access tokens very short, introspect them (RFC 7662), or have the resource server consult the authorization server's revocation list — as this simulator's resource server does.",
        },
      ],
    },
    {
      id: "storage",
      title: "Where to keep a refresh token",
      blocks: [
        {
          kind: "paragraph",
          text: "Anything a browser-based app stores, any script running in its page can read — including a script injected through a cross-site scripting bug or a compromised library. Rotation limits what a stolen refresh token is worth; keeping tokens out of the browser altogether, in a backend that the app talks to with a cookie (a “backend for frontend”), removes the exposure; sender-constrained tokens (DPoP) make a copy useless without the app's key.",
        },
      ],
    },
  ],
  recap: [
    "A refresh token gets new access tokens from the token endpoint without the person, and is never sent to an API.",
    "Rotation replaces the refresh token on every use; a spent token used again revokes the whole grant.",
    "A client may narrow the scope on refresh, never widen it.",
    "Revocation (RFC 7009) ends access now; a JWT stays valid to a resource server that does not check for it.",
  ],
  tryIt: [
    { flow: "refresh-token", scenario: "default", label: "Refresh after expiry", shows: "The access token expires; the app refreshes and carries on." },
    { flow: "refresh-token", scenario: "refresh-token-replayed", label: "Rotation catches a thief", shows: "A stolen refresh token is used twice, and the whole family is revoked." },
    { flow: "refresh-token", scenario: "rotation-off", label: "Without rotation", shows: "The stolen refresh token keeps working for the attacker." },
    { flow: "refresh-token", scenario: "scope-narrowed", label: "Narrowing on refresh", shows: "The app refreshes for profile only; GET /orders is then refused." },
    { flow: "refresh-token", scenario: "token-revoked", label: "Revoke on sign-out", shows: "The app revokes its refresh token; its access token stops working too." },
    { flow: "implicit", scenario: "stolen-token-after-sign-out", label: "Revocation beats a thief", shows: "A script steals the token, but the person signed out first." },
  ],
  references: [
    { spec: "6749", section: "1.5", title: "Refresh token" },
    { spec: "6749", section: "6", title: "Refreshing an access token" },
    { spec: "9700", section: "4.14", title: "Refresh token protection" },
    { spec: "7009", section: "2.1", title: "Revocation request" },
    { spec: "7009", section: "2.2", title: "Revocation response" },
    { spec: "7662", section: "2", title: "Token introspection" },
  ],
};
