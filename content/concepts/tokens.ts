import type { Concept } from "./types";

export const tokensConcept: Concept = {
  slug: "tokens",
  title: "Tokens",
  summary: "Access tokens and refresh tokens: bearer or sender-constrained, JWT or opaque, and why they expire.",
  intro: [
    "A token is what the client holds instead of the person's password. The access token opens the API; the refresh token gets new access tokens. How a token is used, what it contains and how long it lives decide how much harm a leaked one can do.",
  ],
  learn: [
    "What access tokens and refresh tokens are each for",
    "The difference between bearer and sender-constrained tokens",
    "JWT access tokens versus opaque ones, and how a resource server checks each",
    "Why access tokens expire quickly, and what expiry cannot do",
  ],
  sections: [
    {
      id: "access-and-refresh",
      title: "Access tokens and refresh tokens",
      blocks: [
        {
          kind: "definitions",
          items: [
            {
              term: "Access token",
              definition: "Sent to the resource server with every API call. Short-lived: 900 seconds in this simulator. It carries, or points to, who granted access, to which client, for which API and with which scopes.",
            },
            {
              term: "Refresh token",
              definition: "Sent only to the authorization server's token endpoint, to get a new access token when the old one expires. Longer-lived: a day here. Never sent to an API.",
            },
            {
              term: "Authorization code",
              definition: "Not a token: a one-time voucher, valid for a minute, that the client exchanges for tokens. It is what crosses the browser in the code flow, so that tokens do not have to.",
            },
          ],
        },
        {
          kind: "paragraph",
          text: "The token response says what the client got: `access_token`, `token_type` (`Bearer`), `expires_in`, the granted `scope` and, when the client may have one, a `refresh_token`. It is sent with `Cache-Control: no-store`, because it holds credentials.",
        },
      ],
    },
    {
      id: "bearer",
      title: "Bearer tokens",
      blocks: [
        {
          kind: "paragraph",
          text: "A bearer token works for whoever holds it (RFC 6750): the resource server checks the token, not who presents it. That makes bearer tokens simple to use — and means that a copy is as good as the original.",
        },
        {
          kind: "code",
          label: "An API call with a bearer token",
          text: "GET /me HTTP/1.1\nHost: api.example\nAuthorization: Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6ImF0K2p3dCIs…",
        },
        {
          kind: "list",
          items: [
            "Send it in the `Authorization` header, over TLS (RFC 6750 §2.1).",
            "Never put it in a URL: URLs end up in logs, the browser history and `Referer` headers. OAuth 2.1 removes the `access_token` query parameter altogether.",
            "Keep it out of reach of scripts you do not control. In the implicit scenarios, a script on the page copies the token from the address bar and uses it.",
          ],
        },
      ],
    },
    {
      id: "sender-constrained",
      title: "Sender-constrained tokens",
      blocks: [
        {
          kind: "paragraph",
          text: "A sender-constrained token is bound to a key that only the client holds, and every use must prove possession of that key. With DPoP (RFC 9449) the client signs a small proof for each request with its private key; with mutual TLS (RFC 8705) the token is bound to the client's TLS certificate. A stolen copy, without the key, is useless.",
        },
        {
          kind: "paragraph",
          text: "RFC 9700 recommends sender-constraining access tokens, and requires that refresh tokens of public clients be either sender-constrained or rotated. This simulator uses bearer tokens throughout, so that you can see what happens when one leaks.",
        },
      ],
    },
    {
      id: "jwt-or-opaque",
      title: "JWT or opaque",
      blocks: [
        {
          kind: "paragraph",
          text: "An access token is either self-contained or a reference. A JWT access token (RFC 9068) carries its claims, signed by the authorization server; the resource server checks the signature with the server's published keys (its JWKS) and reads the claims, with no call to the authorization server. An opaque token is a random string; the resource server asks the authorization server what it means, through token introspection (RFC 7662).",
        },
        {
          kind: "code",
          label: "The access token of the authorization code flow, decoded",
          text: 'header  {"alg":"RS256","typ":"at+jwt","kid":"WeIzu0IpRyhNBGm_LvvZIdHjbIuDTRGIVkOJ_gkNo5w"}\npayload {"client_id":"web-app","scope":"profile order",\n         "iss":"https://authorization-server.example",\n         "sub":"user-alice-7f3a","aud":"https://api.example",\n         "iat":1767258000,"exp":1767258900,"jti":"tG-Wl8lSBeXDAhgCYqKHoQ"}',
        },
        {
          kind: "list",
          items: [
            "The resource server checks `typ` is `at+jwt` (so an ID token cannot pass as an access token), the signature, `iss`, `aud` (the token is meant for this API), `exp`, and then the `scope` the endpoint needs.",
            "A JWT needs no network call per request, but anyone holding it can read its claims — put nothing secret in them — and it cannot be withdrawn without extra machinery.",
            "An opaque token reveals nothing and can be revoked at once, at the price of asking the authorization server (or a cache) on every request.",
            "Either way, the client should treat the access token as opaque: its contents are for the resource server.",
          ],
        },
      ],
    },
    {
      id: "expiry",
      title: "Expiry",
      blocks: [
        {
          kind: "paragraph",
          text: "Every access token here expires 900 seconds after it is issued (`exp` = `iat` + 900). After that the resource server answers `401` with `error=\"invalid_token\"`, and a client with a refresh token gets a new access token without troubling the person. The simulator runs on a simulated clock, so you can watch a token expire without waiting a quarter of an hour.",
        },
        {
          kind: "callout",
          tone: "pitfall",
          title: "Expiry is not revocation",
          text: "A short lifetime limits how long a leaked token works; it does not end access when the person signs out. For that, the client revokes its tokens (RFC 7009) — and a resource server that only checks a JWT's signature and `exp` will go on accepting a revoked JWT until it expires. This simulator's resource server also checks the authorization server's revocation list.",
        },
      ],
    },
  ],
  recap: [
    "Access tokens go to the API and live minutes; refresh tokens go only to the authorization server and live longer.",
    "A bearer token works for whoever holds it; a sender-constrained token needs the client's key too.",
    "A JWT is checked locally with the authorization server's keys; an opaque token is checked by introspection.",
    "Expiry limits the damage of a leak; revocation ends access early.",
  ],
  tryIt: [
    { flow: "authorization-code", scenario: "default", label: "Decode a JWT access token", shows: "Open the inspector at the token response: header, claims, expiry and signature check." },
    { flow: "implicit", scenario: "token-read-by-another-script", label: "A bearer token copied", shows: "Another script on the page takes the token and calls the API with it." },
    { flow: "refresh-token", scenario: "default", label: "A token expires", shows: "After 901 idle seconds the API answers 401; the app refreshes." },
    { flow: "refresh-token", scenario: "token-revoked", label: "A revoked JWT refused", shows: "After sign-out, the API refuses a token that had minutes left." },
  ],
  references: [
    { spec: "6749", section: "1.4", title: "Access token" },
    { spec: "6749", section: "1.5", title: "Refresh token" },
    { spec: "6750", section: "2.1", title: "Authorization request header field" },
    { spec: "9068", section: "2", title: "JWT access token header and data structure" },
    { spec: "7662", section: "2", title: "Token introspection endpoint" },
    { spec: "9449", section: "1", title: "DPoP: demonstrating proof of possession" },
    { spec: "9700", section: "2.2", title: "Token replay prevention" },
  ],
};
