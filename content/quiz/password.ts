import type { QuizQuestion } from "./types";

export const passwordQuiz: readonly QuizQuestion[] = [
  {
    id: "why-deprecated",
    question: "Why is the resource owner password credentials grant deprecated?",
    choices: [
      "The person types their password into the app itself, so the app sees it — and people learn to give their password to any app that asks.",
      "It cannot return a refresh token.",
      "It requires a browser.",
      "Passwords are longer than access tokens.",
    ],
    answer: 0,
    explanation: "RFC 9700 §2.4: the password grant MUST NOT be used. It exposes the credentials to the client, cannot support multi-factor sign-in or consent at the authorization server, and trains people to be phished. OAuth 2.1 removes it.",
    see: { step: "enter-password" },
  },
  {
    id: "who-sees-password",
    question: "In this flow, who sees the person's password besides the authorization server?",
    choices: ["Nobody.", "The resource server.", "The client: it sends the password to the token endpoint itself.", "Only the browser's password manager."],
    answer: 2,
    explanation: "RFC 6749 §4.3.2: the client sends username and password in its token request. In the code flow, only the authorization server's own page ever sees the password.",
    see: { step: "password-token-request" },
  },
  {
    id: "wrong-password",
    question: "The password is wrong. What does the token endpoint answer?",
    choices: ["401 invalid_client.", "400 invalid_grant.", "A sign-in page with a message.", "403 insufficient_scope."],
    answer: 1,
    explanation: "RFC 6749 §5.2: invalid_grant covers resource owner credentials that are invalid. The client, not the authorization server, has to tell the person.",
    see: { step: "token-error", scenario: "wrong-password" },
  },
  {
    id: "oauth-2-1",
    question: "What does an authorization server in OAuth 2.1 mode answer to grant_type=password?",
    choices: ["A token, as before.", "invalid_scope.", "A redirect to the sign-in page.", "unsupported_grant_type."],
    answer: 3,
    explanation: "RFC 6749 §5.2: unsupported_grant_type means the server does not support this grant. An app should move to the code flow with PKCE, where the person signs in on the authorization server's page.",
    see: { step: "token-error", scenario: "refused-in-oauth-2-1" },
  },
];
