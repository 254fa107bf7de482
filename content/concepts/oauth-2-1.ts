import type { Concept } from "./types";

export const oauth21Concept: Concept = {
  slug: "oauth-2-1",
  title: "What OAuth 2.1 changes",
  summary: "OAuth 2.1 folds a decade of security advice into one document: two grants removed, PKCE and exact redirect URIs required, bearer tokens kept out of URLs.",
  intro: [
    "OAuth 2.1 is not a new protocol. It consolidates RFC 6749, RFC 6750, PKCE and the security advice gathered since 2012 — now published as RFC 9700, the OAuth 2.0 Security Best Current Practice — into one specification, and drops what proved unsafe. A client that already follows RFC 9700 needs few changes.",
  ],
  learn: [
    "Which two grants OAuth 2.1 removes, and why",
    "What becomes mandatory: PKCE and exact redirect URI matching",
    "The smaller changes: no tokens in query strings, protected refresh tokens",
    "How each flow in this simulator stands under OAuth 2.1",
  ],
  sections: [
    {
      id: "implicit-removed",
      title: "The implicit grant is gone",
      blocks: [
        {
          kind: "paragraph",
          text: "The implicit grant (`response_type=token`) returned the access token in the URL fragment, straight to the browser. There it sits in the address bar and the history, readable by every script on the page, with no way to bind it to the client. It existed because browsers once could not call a token endpoint on another origin; with CORS they can, and the authorization code flow with PKCE does the same job without putting a token in a URL. RFC 9700 §2.1.2 says clients SHOULD NOT use it; OAuth 2.1 removes it.",
        },
      ],
    },
    {
      id: "password-removed",
      title: "The password grant is gone",
      blocks: [
        {
          kind: "paragraph",
          text: "The resource owner password credentials grant has the client collect the person's password and send it to the token endpoint. The client sees the password, the authorization server cannot add a second factor, passkeys or single sign-on, and people learn to type their password into apps — the habit phishing feeds on. RFC 9700 §2.4 says it MUST NOT be used; OAuth 2.1 removes it. First-party apps use the authorization code flow with PKCE, like any other.",
        },
      ],
    },
    {
      id: "pkce-required",
      title: "PKCE for every authorization code flow",
      blocks: [
        {
          kind: "paragraph",
          text: "RFC 6749 had no PKCE; RFC 7636 added it for public clients. OAuth 2.1 makes it the rule for every client using the authorization code flow, confidential ones included, with S256 as the method to use. Besides protecting public clients' codes, it stops authorization code injection and, when the server enforces it, CSRF.",
        },
      ],
    },
    {
      id: "exact-redirect-uris",
      title: "Exact redirect URI matching",
      blocks: [
        {
          kind: "paragraph",
          text: "RFC 6749 allowed partial registration and matching of redirect URIs. OAuth 2.1 requires the authorization server to compare them as exact strings — with one exception for native apps: on a loopback address (`http://127.0.0.1`), any port is accepted, since the app picks a free port at run time (RFC 8252 §7.3).",
        },
      ],
    },
    {
      id: "no-tokens-in-urls",
      title: "No bearer tokens in query strings",
      blocks: [
        {
          kind: "paragraph",
          text: "RFC 6750 §2.3 let a client send the access token as an `access_token` query parameter. OAuth 2.1 drops that: tokens go in the `Authorization` header (or, rarely, a form body). A URL ends up in logs, the history and `Referer` headers. This simulator's resource server ignores a token in the query string and answers 401.",
        },
      ],
    },
    {
      id: "refresh-tokens",
      title: "Protected refresh tokens",
      blocks: [
        {
          kind: "paragraph",
          text: "Refresh tokens issued to public clients must be either sender-constrained or one-time use — rotated on every refresh, so that a stolen one used twice gives itself away (RFC 9700 §4.14.2).",
        },
      ],
    },
    {
      id: "flows-under-oauth-2-1",
      title: "The flows of this simulator under OAuth 2.1",
      blocks: [
        {
          kind: "definitions",
          items: [
            { term: "Authorization code with PKCE", definition: "The flow OAuth 2.1 is built around, for every kind of app that signs a person in." },
            { term: "Authorization code", definition: "Kept — with PKCE added, even for clients with a secret." },
            { term: "Client credentials", definition: "Kept, for services acting on their own behalf." },
            { term: "Refresh token", definition: "Kept, with rotation or sender-constraining for public clients." },
            { term: "Device code", definition: "A separate RFC (8628) that works alongside OAuth 2.1." },
            { term: "Implicit", definition: "Removed." },
            { term: "Resource owner password", definition: "Removed." },
          ],
        },
        {
          kind: "callout",
          tone: "note",
          title: "Still a draft",
          text: "OAuth 2.1 (draft-ietf-oauth-v2-1) is an Internet-Draft, not yet an RFC. RFC 9700, which it draws on, was published in January 2025; its advice applies to OAuth 2.0 deployments today.",
        },
      ],
    },
  ],
  recap: [
    "OAuth 2.1 consolidates OAuth 2.0 and its security advice; it is an evolution, not a new protocol.",
    "The implicit and password grants are removed.",
    "PKCE is required for every authorization code flow, and redirect URIs match exactly.",
    "Bearer tokens stay out of URLs; public clients' refresh tokens rotate or are sender-constrained.",
  ],
  tryIt: [
    { flow: "implicit", scenario: "refused-in-oauth-2-1", label: "An OAuth 2.1 server refuses implicit", shows: "response_type=token is answered with unsupported_response_type." },
    { flow: "password", scenario: "refused-in-oauth-2-1", label: "An OAuth 2.1 server refuses password", shows: "grant_type=password is answered with unsupported_grant_type." },
    { flow: "implicit", scenario: "token-read-by-another-script", label: "Why implicit went", shows: "A token in the URL is read by another script on the page." },
    { flow: "authorization-code-pkce", scenario: "default", label: "The flow OAuth 2.1 recommends", shows: "The authorization code flow with PKCE, from start to API call." },
    { flow: "refresh-token", scenario: "refresh-token-replayed", label: "Rotated refresh tokens", shows: "Reuse of a rotated refresh token revokes the whole grant." },
  ],
  references: [
    { spec: "draft-ietf-oauth-v2-1", title: "The OAuth 2.1 Authorization Framework" },
    { spec: "9700", section: "2.1.2", title: "Implicit grant" },
    { spec: "9700", section: "2.4", title: "Resource owner password credentials grant" },
    { spec: "9700", section: "2.1.1", title: "Authorization code grant" },
    { spec: "6750", section: "2.3", title: "URI query parameter" },
    { spec: "8252", section: "7.3", title: "Loopback interface redirection" },
    { spec: "9700", section: "4.14.2", title: "Recommendations for refresh token protection" },
  ],
};
