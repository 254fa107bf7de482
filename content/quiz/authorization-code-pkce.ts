import type { QuizQuestion } from "./types";

export const authorizationCodePkceQuiz: readonly QuizQuestion[] = [
  {
    id: "what-pkce-protects",
    question: "What does PKCE protect against?",
    choices: [
      "Someone who intercepts the authorization code redeeming it, because they do not hold the code_verifier.",
      "A person typing the wrong password.",
      "The access token being read by the resource server.",
      "The authorization server's signing key leaking.",
    ],
    answer: 0,
    explanation:
      "The token endpoint only accepts the code together with the verifier whose hash the authorization request carried. An app that intercepted the redirect has the code but not the verifier, so it gets invalid_grant (RFC 7636 §1).",
    see: { step: "attacker-token-error", scenario: "code-intercepted-pkce-on" },
  },
  {
    id: "challenge-safe",
    question: "Why may the code_challenge cross the browser, but not the code_verifier?",
    choices: [
      "The challenge is encrypted with the authorization server's key.",
      "The browser deletes the challenge after the redirect.",
      "The challenge is a SHA-256 hash of the verifier: seeing it does not reveal the verifier.",
      "Both cross the browser; neither is secret.",
    ],
    answer: 2,
    explanation: "With S256 the challenge is BASE64URL(SHA256(verifier)). Only the client knows the verifier, and it sends it on the back channel, with the code (RFC 7636 §4.2, §4.5).",
    see: { step: "generate-pkce" },
  },
  {
    id: "public-client",
    question: "Why does a single-page or mobile app use PKCE rather than a client secret?",
    choices: [
      "Client secrets are only allowed on the back channel of servers built in Java.",
      "It cannot keep a secret: anyone can read one out of the app's code. A fresh verifier per sign-in proves the same app is finishing what it started.",
      "PKCE is faster to compute than a secret is to send.",
      "Public clients may not talk to the token endpoint at all.",
    ],
    answer: 1,
    explanation: "A public client (RFC 6749 §2.1) ships its code to every user. PKCE replaces a static secret with a one-time proof per authorization request; OAuth 2.1 requires it for every client using the code flow.",
    see: { step: "token-request" },
  },
  {
    id: "without-pkce",
    question: "Without PKCE, what happens when a malicious app intercepts the redirect with the code?",
    choices: [
      "The authorization server notices the wrong app and refuses.",
      "Nothing: a code alone cannot be redeemed by a public client.",
      "The browser blocks the malicious app.",
      "It redeems the code first and gets the tokens; the real app's exchange then fails.",
    ],
    answer: 3,
    explanation: "A public client has no secret, so the code is all it takes. In this scenario the attacker gets tokens and calls the API as the person (RFC 7636 §1, RFC 9700 §4.5).",
    see: { step: "attacker-token-response", scenario: "code-intercepted-pkce-off" },
  },
  {
    id: "plain-method",
    question: "Why is the plain code_challenge_method discouraged?",
    choices: [
      "With plain the challenge is the verifier itself, so whoever sees the authorization request sees the verifier too.",
      "Plain challenges are longer and do not fit in a URL.",
      "Plain is not supported by any authorization server.",
      "Plain needs a client secret.",
    ],
    answer: 0,
    explanation: "RFC 7636 §4.2 allows plain only when S256 cannot be computed; RFC 9700 §2.1.1 says to use S256. The client's own check flags it here.",
    see: { step: "generate-pkce", scenario: "plain-method" },
  },
  {
    id: "insufficient-scope",
    question: "The token is valid, yet the API answers 403 insufficient_scope. Why?",
    choices: [
      "The token has expired.",
      "The token does not carry the scope this endpoint needs: the person did not grant it.",
      "The client used the wrong code_verifier.",
      "The API is down.",
    ],
    answer: 1,
    explanation: "RFC 6750 §3.1: insufficient_scope means the request needs more privileges than the token carries; the WWW-Authenticate header names the scope that is missing.",
    see: { step: "api-error", scenario: "insufficient-scope" },
  },
];
