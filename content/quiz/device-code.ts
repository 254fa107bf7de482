import type { QuizQuestion } from "./types";

export const deviceCodeQuiz: readonly QuizQuestion[] = [
  {
    id: "why-poll",
    question: "Why does the device poll the token endpoint instead of waiting for a redirect?",
    choices: [
      "Polling is faster than a redirect.",
      "The device has no browser the authorization server could redirect back to: the person approves on another device, so the device keeps asking until there is an answer.",
      "Redirects are deprecated in OAuth 2.1.",
      "The token endpoint cannot send a redirect.",
    ],
    answer: 1,
    explanation: "RFC 8628 §3.4: the device polls at the interval it was given; until the person has decided it gets authorization_pending.",
    see: { step: "device-token-error" },
  },
  {
    id: "slow-down",
    question: "What must the device do when the poll answers slow_down?",
    choices: ["Stop polling and show an error.", "Poll again at once.", "Add 5 seconds to its polling interval, and keep polling.", "Ask the person for their password."],
    answer: 2,
    explanation: "RFC 8628 §3.5: slow_down means the device polls too often; it must increase its interval by 5 seconds for this and all later requests.",
    see: { step: "device-token-error", scenario: "slow-down" },
  },
  {
    id: "user-code",
    question: "Why does the person type a short user_code rather than the device_code?",
    choices: [
      "The user_code is short enough to type on a phone; the long device_code stays with the device, which alone uses it to poll for the tokens.",
      "The device_code is secret from the authorization server.",
      "They are the same value, written differently.",
      "The user_code is the person's password.",
    ],
    answer: 0,
    explanation: "RFC 8628 §3.2, §6.1: the user_code is made for people (short, case-insensitive); the device_code is a long value the device presents when it polls.",
    see: { step: "show-user-code" },
  },
  {
    id: "expiry",
    question: "What ends the polling if nobody ever approves?",
    choices: [
      "The device polls forever.",
      "The authorization server sends a push notification.",
      "The person's browser closes the session.",
      "The device code expires and the next poll gets expired_token.",
    ],
    answer: 3,
    explanation: "RFC 8628 §3.5: expired_token means the device_code has expired; the device must start again with a new device authorization request.",
    see: { step: "device-token-error", scenario: "code-expired" },
  },
  {
    id: "denied",
    question: "The person presses “Deny” on their phone. What does the device learn?",
    choices: [
      "Nothing: it polls until the code expires.",
      "Its next poll gets access_denied, and it stops.",
      "It gets a token without any scope.",
      "It is redirected to an error page.",
    ],
    answer: 1,
    explanation: "RFC 8628 §3.5: access_denied ends the polling; the device should tell the person it was not authorized.",
    see: { step: "device-token-error", scenario: "access-denied" },
  },
];
