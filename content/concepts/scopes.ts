import type { Concept } from "./types";

export const scopesConcept: Concept = {
  slug: "scopes",
  title: "Scopes and consent",
  summary: "How a client asks for permissions, how the person grants fewer, how the API enforces them — and what 403 insufficient_scope means.",
  intro: [
    "A scope is a permission with a name — `profile`, `order:read`. The client asks for some, the person grants some, the token carries them, and the resource server checks them on every request. Scopes are how OAuth gives an app some access rather than all of it.",
  ],
  learn: [
    "How scopes travel from the request to the consent page, the token and the API",
    "How this simulator's world arranges scopes in a hierarchy",
    "Why the person can grant less than was asked, and how the client finds out",
    "Least privilege: asking for little, and narrowing on refresh",
    "The difference between 401 invalid_token and 403 insufficient_scope",
  ],
  sections: [
    {
      id: "from-request-to-api",
      title: "From the request to the API",
      blocks: [
        {
          kind: "list",
          ordered: true,
          items: [
            "The client asks: `scope=profile order` in the authorization request, or in the token request for client credentials.",
            "The authorization server checks the request against what the client registered for, and refuses a scope beyond it with `invalid_scope`.",
            "The consent page lists each scope as a checkbox; the person may untick any of them, or deny.",
            "The token carries the scopes granted, and the token response's `scope` field says which — RFC 6749 §5.1 requires it when they differ from the request.",
            "The resource server checks, on every request, that the token's scopes cover what the endpoint needs.",
          ],
        },
        {
          kind: "paragraph",
          text: "RFC 6749 §3.3 defines only the syntax: a space-separated list of case-sensitive strings, in any order. What a scope means — which endpoints it opens — is up to the authorization server and the APIs it serves.",
        },
      ],
    },
    {
      id: "hierarchy",
      title: "The scope hierarchy of this world",
      blocks: [
        {
          kind: "paragraph",
          text: "Each endpoint of the simulated API needs one scope:",
        },
        {
          kind: "definitions",
          items: [
            { term: "`GET /me`", definition: "`profile`" },
            { term: "`GET /orders`", definition: "`order:read`" },
            { term: "`GET /orders/items`", definition: "`order:items`" },
            { term: "`GET /inventory`", definition: "`inventory:read`" },
            { term: "`POST /inventory`", definition: "`inventory:write`" },
            { term: "`PUT /inventory/price`", definition: "`inventory:price:write`" },
          ],
        },
        {
          kind: "paragraph",
          text: "A granted scope covers itself and every scope that extends it with more `:segments`: `order` covers `order:read` and `order:items`, and `inventory` covers every `inventory:…` scope. A `:write` scope also covers the write scopes beneath it: `inventory:write` covers `inventory:price:write` — but not `inventory:read`, and `order:read` does not cover `order:items`.",
        },
        {
          kind: "callout",
          tone: "note",
          title: "A convention, not the RFC",
          text: "This hierarchy is how this simulator's servers read scopes, and many real APIs use something like it; but to OAuth itself, scopes are opaque strings. Check what your authorization server means by each one.",
        },
      ],
    },
    {
      id: "consent",
      title: "Consent",
      blocks: [
        {
          kind: "paragraph",
          text: "The consent page is the authorization server's, not the client's: it names the client and lists what it asks for. The person may allow all of it, some of it, or nothing. The server never grants more than was asked — a consent form that tries to widen the request is refused — and a denial goes back to the client as `error=access_denied`.",
        },
        {
          kind: "paragraph",
          text: "In the simulator, the consent page in the browser window is real: untick a box and the flow runs again with what you chose, so you can see the token's `scope` change and the API's answers with it.",
        },
      ],
    },
    {
      id: "least-privilege",
      title: "Least privilege",
      blocks: [
        {
          kind: "list",
          items: [
            "Ask for what the app needs now, not for everything it might need one day. Ask for more later, when the person uses the feature that needs it.",
            "A client is registered with the scopes it may ever request; the authorization server refuses anything beyond them with `invalid_scope`.",
            "On refresh, a client may ask for fewer scopes than it was granted (RFC 6749 §6), so that the token it carries around opens less. It may never ask for more.",
            "Restricting tokens to one API (the `aud` claim) and to few scopes limits what a leaked token can do (RFC 9700 §2.3).",
          ],
        },
      ],
    },
    {
      id: "insufficient-scope",
      title: "401 or 403?",
      blocks: [
        {
          kind: "paragraph",
          text: "When the resource server refuses a request, RFC 6750 §3.1 says why, in the `WWW-Authenticate` header:",
        },
        {
          kind: "definitions",
          items: [
            { term: "401 invalid_token", definition: "The token itself is no good: expired, revoked, malformed, signed by the wrong key or meant for another API. Get a new token (refresh, or sign in again)." },
            { term: "403 insufficient_scope", definition: "The token is valid but does not carry the scope this endpoint needs; the `scope` attribute names it. A new token with the same scope will not help: the client needs more access, or must do without." },
            { term: "400 invalid_request", definition: "The request is malformed — for example a broken Authorization header." },
          ],
        },
        {
          kind: "code",
          label: "The answer to GET /orders with a token for profile only",
          text: 'HTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer realm="https://api.example", error="insufficient_scope",\n  error_description="this endpoint needs the scope order:read", scope="order:read"',
        },
        {
          kind: "callout",
          tone: "pitfall",
          title: "Do not treat 403 like 401",
          text: "A client that answers every refusal by refreshing its token will get the same scope back and fail again, in a loop. On 403, tell the person what is missing and offer to ask for it.",
        },
      ],
    },
  ],
  recap: [
    "Scopes are named permissions: asked for by the client, granted by the person, carried by the token, enforced by the API.",
    "The person can grant less than was asked; the token response's scope field says what was granted.",
    "In this world, order covers order:items and inventory:write covers inventory:price:write — a convention of this site, not of the RFC.",
    "Ask for little, narrow on refresh, and expect to be refused.",
    "401 means get a new token; 403 insufficient_scope means get more access.",
  ],
  tryIt: [
    { flow: "authorization-code-pkce", scenario: "insufficient-scope", label: "The person grants less", shows: "Only profile is allowed, so GET /orders answers 403 insufficient_scope." },
    { flow: "client-credentials", scenario: "insufficient-scope", label: "A read-only token tries to write", shows: "GET /inventory works; POST /inventory gets 403." },
    { flow: "client-credentials", scenario: "scope-not-allowed", label: "A scope the client may not have", shows: "The token endpoint refuses with invalid_scope." },
    { flow: "refresh-token", scenario: "scope-narrowed", label: "Narrowing on refresh", shows: "The app gives up order on refresh, and GET /orders is refused." },
    { flow: "authorization-code", scenario: "default", label: "Untick a box yourself", shows: "Change the consent in the browser window and watch the API's answer change." },
  ],
  references: [
    { spec: "6749", section: "3.3", title: "Access token scope" },
    { spec: "6749", section: "5.1", title: "Successful token response" },
    { spec: "6749", section: "6", title: "Refreshing an access token" },
    { spec: "6750", section: "3.1", title: "Error codes" },
    { spec: "9068", section: "2.2.3", title: "Authorization claims" },
    { spec: "9700", section: "2.3", title: "Access token privilege restriction" },
  ],
};
