import type { QuizQuestion } from "./types";

export const refreshTokenQuiz: readonly QuizQuestion[] = [
  {
    id: "why-refresh",
    question: "Why is the access token short-lived, with a refresh token to get new ones?",
    choices: [
      "A leaked access token is useful only for minutes, while the client still gets new tokens without asking the person again.",
      "Because resource servers cannot read long tokens.",
      "So the person has to approve the app every 15 minutes.",
      "Because a refresh token is cheaper to sign than an access token.",
    ],
    answer: 0,
    explanation: "The access token goes to every API call; the refresh token only ever goes to the authorization server (RFC 6749 §1.5, §6). Expiry limits the damage of a leak without bothering the person.",
    see: { step: "refresh-request" },
  },
  {
    id: "rotation",
    question: "What does refresh-token rotation achieve when a refresh token is stolen?",
    choices: [
      "The attacker's refresh is always refused.",
      "Nothing: rotation only saves storage.",
      "Each refresh token works once, so when both the thief and the client use the same one, the server sees the reuse and refuses the second use.",
      "The client's refresh token is encrypted with the person's password.",
    ],
    answer: 2,
    explanation: "RFC 9700 §4.14.2: with rotation, a reused refresh token tells the server it was stolen. Here the attacker redeems it first, and the client's own refresh then fails with invalid_grant — the theft is detected.",
    see: { step: "token-error", scenario: "refresh-token-replayed" },
  },
  {
    id: "rotation-off",
    question: "With rotation off, how long can a thief keep using a stolen refresh token?",
    choices: [
      "Until the next access token expires.",
      "Until the refresh token expires or is revoked: the client and the thief both keep refreshing.",
      "Only once.",
      "Not at all: refresh tokens are bound to the browser.",
    ],
    answer: 1,
    explanation: "Without rotation the same refresh token stays valid, so nothing tells the server two parties are using it. The attacker's API calls keep working in this scenario.",
    see: { step: "attacker-api-response", scenario: "rotation-off" },
  },
  {
    id: "narrower-scope",
    question: "May a refresh request ask for less scope than the person originally granted?",
    choices: [
      "No: a refresh always returns the original scope.",
      "Yes, and it may also ask for more.",
      "Only if the person signs in again.",
      "Yes, a narrower scope — never one the original grant did not include.",
    ],
    answer: 3,
    explanation: "RFC 6749 §6: the requested scope must not include any scope not originally granted. Narrowing gives the client a less powerful token; the API then refuses what it no longer covers.",
    see: { step: "refresh-request", scenario: "scope-narrowed" },
  },
  {
    id: "revoked-jwt",
    question: "After the client revokes its token, the API refuses it even though the JWT has not expired. How?",
    choices: [
      "The JWT's signature changes when it is revoked.",
      "The browser deletes the token.",
      "The resource server checks with the authorization server (or its revocation list) on every call, not just the signature.",
      "It cannot: revocation only works for opaque tokens.",
    ],
    answer: 2,
    explanation: "RFC 7009 revokes the token at the authorization server; a resource server that asks (introspection, RFC 7662) or shares its revocation state refuses it with invalid_token.",
    see: { step: "api-error", scenario: "token-revoked" },
  },
];
