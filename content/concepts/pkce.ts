import type { Concept } from "./types";

export const pkceConcept: Concept = {
  slug: "pkce",
  title: "PKCE",
  summary: "Proof Key for Code Exchange: how a client without a secret proves it is the one that started the sign-in, so a stolen code is worthless.",
  intro: [
    "PKCE — Proof Key for Code Exchange, RFC 7636, pronounced “pixie” — lets a client prove at the token endpoint that it is the same client that started the sign-in, without any client secret. It began as a fix for mobile apps; OAuth 2.1 asks every client to use it.",
  ],
  learn: [
    "The attack PKCE was designed against: a stolen authorization code",
    "How the code_verifier, the code_challenge and the S256 method fit together",
    "What the authorization server checks, and what it answers when a check fails",
    "Why plain is discouraged, and why every client should use PKCE",
  ],
  sections: [
    {
      id: "the-problem",
      title: "The problem: codes can be intercepted",
      blocks: [
        {
          kind: "paragraph",
          text: "The authorization code crosses the browser in a URL. A public client — a single-page app, a mobile app — has no secret, so at the token endpoint it proves nothing but its `client_id`, which anyone can read. Without PKCE, whoever obtains the code can redeem it.",
        },
        {
          kind: "paragraph",
          text: "And codes do get out. On a phone, a malicious app can register the same custom URL scheme as the real app and receive the redirect too (the attack RFC 7636 §1 describes). Elsewhere, codes leak through logs, browser history and `Referer` headers.",
        },
      ],
    },
    {
      id: "how-it-works",
      title: "How it works",
      blocks: [
        {
          kind: "list",
          ordered: true,
          items: [
            "Before the redirect, the client creates a `code_verifier`: a high-entropy random string of 43 to 128 characters from `A–Z a–z 0–9 - . _ ~` — typically 32 random bytes from a CSPRNG, base64url-encoded.",
            "It computes `code_challenge = BASE64URL(SHA-256(code_verifier))` — the S256 method.",
            "It sends `code_challenge` and `code_challenge_method=S256` with the authorization request, and keeps the verifier.",
            "The authorization server stores the challenge with the code it issues.",
            "At the token endpoint, the client sends the `code_verifier` along with the code.",
            "The server hashes the verifier and compares the result with the stored challenge. Equal: tokens. Different or missing: `invalid_grant`.",
          ],
        },
        {
          kind: "code",
          label: "The test vector of RFC 7636 Appendix B",
          text: "code_verifier  = dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\nSHA-256        = 32 bytes: 13 d3 1e 96 1a 1a d8 …\ncode_challenge = E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        },
        {
          kind: "code",
          label: "The same in a browser, with WebCrypto",
          text: "const bytes = crypto.getRandomValues(new Uint8Array(32));\nconst verifier = base64url(bytes);\nconst digest = await crypto.subtle.digest(\"SHA-256\", new TextEncoder().encode(verifier));\nconst challenge = base64url(new Uint8Array(digest));\n// base64url: base64 with + → -, / → _, and no = padding",
        },
      ],
    },
    {
      id: "why-it-works",
      title: "Why an intercepted code is worthless",
      blocks: [
        {
          kind: "paragraph",
          text: "Everything that crosses the browser — the challenge, the code — may be seen by an attacker. The verifier never does: it stays in the client until the token request, which travels directly to the token endpoint over TLS. And SHA-256 cannot be run backwards, so knowing the challenge does not reveal the verifier. An attacker holding an intercepted code has nothing to send as `code_verifier`.",
        },
      ],
    },
    {
      id: "s256-and-plain",
      title: "S256 and plain",
      blocks: [
        {
          kind: "paragraph",
          text: "RFC 7636 also defines a `plain` method, where the challenge is the verifier itself. It still protects against an attacker who sees only the response, but not against one who sees the request — a log, a proxy, a malicious app reading the authorization URL. RFC 7636 §4.2 says a client that can use S256 MUST use it; `plain` exists only for clients that cannot compute SHA-256, and RFC 9700 recommends S256.",
        },
      ],
    },
    {
      id: "server-rules",
      title: "What the authorization server must enforce",
      blocks: [
        {
          kind: "list",
          items: [
            "Require a `code_challenge` from public clients (this simulator's server does; OAuth 2.1 asks it of every client).",
            "Refuse a token request whose code was issued with a challenge but which carries no `code_verifier`, or the wrong one: `invalid_grant`.",
            "Refuse a `code_verifier` for a code that was issued without a challenge — otherwise an attacker could strip the challenge from the request and still pass (a PKCE downgrade, RFC 9700 §4.8).",
            "Compare exactly: no partial matches, no falling back to plain when S256 was announced.",
          ],
        },
      ],
    },
    {
      id: "every-client",
      title: "PKCE for every client",
      blocks: [
        {
          kind: "paragraph",
          text: "RFC 9700 §2.1.1 says public clients MUST use PKCE and confidential clients SHOULD; OAuth 2.1 makes it the rule for every authorization code flow. Even a client with a secret gains from it: PKCE also stops authorization code injection, where an attacker slips a stolen code into its own session at the client, and it protects against CSRF when the server enforces it.",
        },
      ],
    },
  ],
  recap: [
    "The client keeps a random code_verifier and sends only its SHA-256 hash, the code_challenge, through the browser.",
    "At the token endpoint it proves possession by sending the verifier; the server hashes and compares.",
    "An intercepted code is worthless without the verifier, which never crosses the browser.",
    "Use S256, not plain; the server must reject missing, wrong and downgraded verifiers.",
  ],
  tryIt: [
    { flow: "authorization-code-pkce", scenario: "default", label: "PKCE with S256", shows: "Follow the verifier, the challenge and the server's comparison in the inspector." },
    { flow: "authorization-code-pkce", scenario: "code-intercepted-pkce-off", label: "An intercepted code, PKCE off", shows: "A malicious app redeems the code first and reads Alice's profile." },
    { flow: "authorization-code-pkce", scenario: "code-intercepted-pkce-on", label: "An intercepted code, PKCE on", shows: "The malicious app has no verifier and gets invalid_grant." },
    { flow: "authorization-code-pkce", scenario: "wrong-verifier", label: "A verifier that does not match", shows: "The hash differs from the challenge: invalid_grant." },
    { flow: "authorization-code-pkce", scenario: "plain-method", label: "The plain method", shows: "It works, but the secret crosses the browser in the clear." },
  ],
  references: [
    { spec: "7636", section: "1", title: "Introduction: the interception attack" },
    { spec: "7636", section: "4.1", title: "Client creates a code verifier" },
    { spec: "7636", section: "4.2", title: "Client creates the code challenge" },
    { spec: "7636", section: "4.6", title: "Server verifies code_verifier" },
    { spec: "9700", section: "2.1.1", title: "Authorization code grant" },
    { spec: "9700", section: "4.8", title: "PKCE downgrade attack" },
  ],
};
