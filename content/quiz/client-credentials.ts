import type { QuizQuestion } from "./types";

export const clientCredentialsQuiz: readonly QuizQuestion[] = [
  {
    id: "no-refresh-token",
    question: "Why does the client credentials flow give no refresh token?",
    choices: [
      "Refresh tokens are deprecated everywhere in OAuth 2.1.",
      "The access token never expires in this flow.",
      "The client can simply ask again with its own credentials; there is no person whose consent a refresh token would need to keep.",
      "The token endpoint cannot issue two tokens at once.",
    ],
    answer: 2,
    explanation: "RFC 6749 §4.4.3: a refresh token SHOULD NOT be included. Getting a new access token costs the client one more request with its credentials, and nobody has to be asked.",
    see: { step: "token-response" },
  },
  {
    id: "no-browser",
    question: "Why is there no browser, no sign-in and no consent page in this flow?",
    choices: [
      "The client acts on its own behalf, not a person's: there is no resource owner to ask.",
      "The authorization server skips consent for trusted apps.",
      "The consent page is shown later, when the token expires.",
      "Because the request is made over HTTP/2.",
    ],
    answer: 0,
    explanation: "The client is the resource owner here (RFC 6749 §4.4): a service calling another service with its own authority. It authenticates and asks for a token in one back-channel request.",
    see: { step: "client-credentials-request" },
  },
  {
    id: "invalid-client",
    question: "The token endpoint answers 401 invalid_client. What went wrong?",
    choices: [
      "The client asked for a scope it may not have.",
      "The client's authentication failed: a wrong or missing secret.",
      "The access token expired.",
      "The resource server refused the request.",
    ],
    answer: 1,
    explanation: "RFC 6749 §5.2: invalid_client means client authentication failed; with HTTP Basic the server answers 401 with a WWW-Authenticate header.",
    see: { step: "token-error", scenario: "wrong-secret" },
  },
  {
    id: "invalid-scope",
    question: "The client asks for a scope it was never registered for. What does the token endpoint answer?",
    choices: ["A token with every scope the client asked for.", "A token with no scope at all.", "403 insufficient_scope from the API.", "400 invalid_scope, and no token."],
    answer: 3,
    explanation: "RFC 6749 §5.2: invalid_scope means the requested scope is invalid, unknown or exceeds what the client may have. A client's registered scope is the most it may ask for (RFC 7591 §2).",
    see: { step: "token-error", scenario: "scope-not-allowed" },
  },
  {
    id: "scope-at-api",
    question: "Who decides whether a token may call a given endpoint?",
    choices: [
      "The client, before sending the request.",
      "The resource server, on every call, by checking the token's scope against what the endpoint needs.",
      "The authorization server, once per day.",
      "Nobody: a valid token may call everything.",
    ],
    answer: 1,
    explanation: "The resource server validates each token and its scope (RFC 6750 §3.1); a token that lacks the scope gets 403 insufficient_scope.",
    see: { step: "api-error", scenario: "insufficient-scope" },
  },
];
