import type { QuizQuestion } from "./types";

export const implicitQuiz: readonly QuizQuestion[] = [
  {
    id: "why-deprecated",
    question: "Why is the implicit grant deprecated?",
    choices: [
      "It is slower than the code flow.",
      "It needs a client secret that browsers cannot keep.",
      "The access token is handed over in the URL, where the browser, its history and any script on the page can see it — and nothing binds it to the client.",
      "It cannot request scopes.",
    ],
    answer: 2,
    explanation: "RFC 9700 §2.1.2: clients should not use the implicit grant; the code flow with PKCE gives browser apps the same result without putting the token in the address bar. OAuth 2.1 removes it.",
    see: { step: "read-fragment" },
  },
  {
    id: "fragment",
    question: "Why does the token come back in the fragment (#access_token=…) and not the query?",
    choices: [
      "The fragment is encrypted by the browser.",
      "A browser never sends the fragment to a server, so the token does not reach the client's server logs — but it stays visible to scripts in the page.",
      "Fragments are shorter than queries.",
      "The query is reserved for errors.",
    ],
    answer: 1,
    explanation: "RFC 6749 §4.2.2 returns the token in the fragment; RFC 3986 §3.5 keeps fragments out of requests. That protects against server logs, not against the page's own scripts.",
    see: { step: "authorization-response" },
  },
  {
    id: "another-script",
    question: "Another script runs on the same page (an ad, a compromised library). What can it do in the implicit flow?",
    choices: [
      "Read the access token from the address bar and call the API as the person.",
      "Nothing: scripts cannot read the URL.",
      "Only read the state value.",
      "Only change the page's colours.",
    ],
    answer: 0,
    explanation: "Any script on the page can read location.hash. The stolen token is a bearer token, so the API serves whoever presents it (RFC 6750, RFC 9700 §4.3.2).",
    see: { step: "script-reads-fragment", scenario: "token-read-by-another-script" },
  },
  {
    id: "oauth-2-1",
    question: "What does an authorization server in OAuth 2.1 mode answer to response_type=token?",
    choices: [
      "A token, with a warning header.",
      "A sign-in page that never ends.",
      "A redirect with error=unsupported_response_type.",
      "An access token without a refresh token.",
    ],
    answer: 2,
    explanation: "RFC 6749 §4.2.2.1: unsupported_response_type means the server does not support obtaining a token this way. The client must switch to the code flow with PKCE.",
    see: { step: "authorization-response", scenario: "refused-in-oauth-2-1" },
  },
  {
    id: "no-refresh",
    question: "Why does the implicit grant never issue a refresh token?",
    choices: [
      "Refresh tokens only exist for the password grant.",
      "It would travel in the same URL as the access token, and a long-lived token in the browser's address bar is far too exposed.",
      "The implicit grant's tokens never expire.",
      "The browser cannot store two tokens.",
    ],
    answer: 1,
    explanation: "RFC 6749 §4.2.2: the authorization server MUST NOT issue a refresh token in the implicit grant. When the access token expires, the app has to send the person through the authorization endpoint again.",
    see: { step: "authorization-response" },
  },
];
