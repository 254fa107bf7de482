import type { QuizQuestion } from "./types";

export const authorizationCodeQuiz: readonly QuizQuestion[] = [
  {
    id: "code-through-browser",
    question: "Why does the authorization code travel through the browser, while the access token does not?",
    choices: [
      "Browsers cannot carry values as long as an access token.",
      "The code is short-lived, single-use and useless without the client's secret; the token is fetched on the back channel so it never lands in the browser's address bar, history or logs.",
      "The access token is encrypted, and only servers can decrypt it.",
      "The authorization server does not know the browser's address, so it cannot send it the token.",
    ],
    answer: 1,
    explanation:
      "The front channel is exposed: addresses end up in history, logs and Referer headers. So only a one-time code crosses it, and the client swaps that code for tokens server to server, authenticating with its secret (RFC 6749 §4.1.3, §10.5).",
    see: { step: "token-request" },
  },
  {
    id: "state",
    question: "What does the state parameter protect against?",
    choices: [
      "A stolen access token being used at the API.",
      "The authorization server being impersonated.",
      "Cross-site request forgery: an attacker making the victim's browser finish a sign-in with the attacker's own code.",
      "The code expiring before the client can use it.",
    ],
    answer: 2,
    explanation:
      "The client binds state to the browser session that started the request and refuses a callback whose state does not match. In the forged-link scenario, that check is what stops the victim's session from being logged into the attacker's account (RFC 6749 §10.12).",
    see: { step: "verify-callback", scenario: "csrf-state-checked" },
  },
  {
    id: "redirect-uri",
    question: "Why does the authorization server show an error page instead of redirecting when the redirect_uri is not one the client registered?",
    choices: [
      "Redirecting to an address it cannot trust could hand the code, or the error, to whoever controls that address.",
      "Because a redirect would be slower than an error page.",
      "Because the browser refuses redirects to other sites.",
      "It does redirect: the error goes to the unregistered address.",
    ],
    answer: 0,
    explanation:
      "RFC 6749 §4.1.2.1: when the redirect URI is missing, invalid or mismatched, the server must inform the resource owner and must not redirect automatically — otherwise it would be an open redirector for codes.",
    see: { step: "authorization-error-page", scenario: "redirect-uri-tampered" },
  },
  {
    id: "code-replay",
    question: "What must the authorization server do when the same code is sent to the token endpoint a second time?",
    choices: [
      "Issue a second pair of tokens, since the client is authenticated.",
      "Ignore the request and answer 200 with an empty body.",
      "Return the same tokens it issued the first time.",
      "Refuse it with invalid_grant, and revoke the tokens issued for that code.",
    ],
    answer: 3,
    explanation:
      "A code is single-use. A second use means someone else may hold it, so the server refuses it and should revoke every token already issued from it (RFC 6749 §4.1.2). Watch the API call fail with invalid_token right after.",
    see: { step: "token-replay-error", scenario: "code-replayed" },
  },
  {
    id: "code-lifetime",
    question: "Why does an authorization code expire so quickly (60 seconds here)?",
    choices: [
      "To save memory on the authorization server.",
      "A short life shrinks the window in which a leaked code can be used; the client redeems it at once anyway.",
      "Because the access token expires at the same moment.",
      "So that the person has to sign in again every minute.",
    ],
    answer: 1,
    explanation: "RFC 6749 §4.1.2 recommends a maximum lifetime of 10 minutes; many servers use far less. A late exchange gets invalid_grant.",
    see: { step: "token-error", scenario: "code-expired" },
  },
];
