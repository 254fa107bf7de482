/**
 * Text of "Choose a flow" (/choose): the questions, their answers, and why each recommendation
 * (machines/choose.ts) is what it is, keyed by the table's ids.
 */
import type { AppKind, FollowUpId, YesNo } from "@/machines/choose";
import type { FlowId } from "@/machines/flows/types";

export const APP_KIND_TEXT: Readonly<Record<AppKind, { readonly label: string; readonly hint: string }>> = {
  "server-web": { label: "Server-side web app", hint: "Pages are rendered on your server, which talks to the authorization server." },
  spa: { label: "Single-page app", hint: "JavaScript in the browser (React, Vue, Angular …) calls the API." },
  native: { label: "Mobile or desktop app", hint: "Installed on a phone or a computer; anyone can unpack it." },
  m2m: { label: "Machine to machine", hint: "A service, job or daemon calling an API with no person involved." },
  device: { label: "Device with no browser or keyboard", hint: "A smart TV, a console, a printer or a command-line tool." },
  "legacy-first-party": { label: "First-party app that asks for the password", hint: "Your own app that collects the username and password today." },
};

export const FOLLOW_UP_TEXT: Readonly<Record<FollowUpId, { readonly question: string; readonly hint: string; readonly answers: Readonly<Record<YesNo, string>> }>> = {
  userPresent: {
    question: "Does a person sign in to it?",
    hint: "Is the app acting for a person whose data it reads, or only for itself?",
    answers: { yes: "Yes, people sign in and it reads their data", no: "No, it only reaches its own data" },
  },
  keepsSecret: {
    question: "Does it have a server that can keep a secret?",
    hint: "A client secret is safe only on a server you run — never in code shipped to browsers or devices.",
    answers: { yes: "Yes, a server of ours handles the sign-in", no: "No, everything runs on the user's device" },
  },
};

export interface RecommendationText {
  readonly headline: string;
  readonly reasons: readonly string[];
  /** Why the runner-up comes second, as the link to the comparison says it. */
  readonly runnerUp: string;
}

export const RECOMMENDATION_TEXT: Readonly<Record<string, RecommendationText>> = {
  "confidential-web": {
    headline: "Authorization Code with PKCE, and your client secret",
    reasons: [
      "OAuth 2.1 and RFC 9700 ask every client using the code flow to use PKCE — confidential ones too: it binds the code to the browser session that asked for it.",
      "Your server is a confidential client: it also authenticates at the token endpoint with its secret, which never reaches the browser.",
      "Tokens stay on your server; the browser only ever sees the short-lived code.",
    ],
    runnerUp: "Compare with the code flow without PKCE to see what the client secret alone leaves open.",
  },
  "server-no-user": {
    headline: "Client Credentials",
    reasons: [
      "No person takes part, so there is nobody to ask for consent: the server gets a token for itself (RFC 6749 §4.4).",
      "Only a confidential client may use it: your server keeps the secret.",
      "If people do sign in later, switch to the code flow with PKCE for their data.",
    ],
    runnerUp: "Compare with the code flow with PKCE, the flow you need as soon as the app acts for a person.",
  },
  "spa-backend": {
    headline: "Authorization Code with PKCE, run by your backend",
    reasons: [
      "Let your backend be the OAuth client (a backend for frontend): it keeps the secret and the tokens, the browser keeps only a session cookie.",
      "PKCE is required for every client using the code flow (OAuth 2.1, RFC 9700 §2.1.1).",
      "No access token or refresh token ever sits in JavaScript, where an injected script could read it.",
    ],
    runnerUp: "Compare with the confidential code flow to see what the backend's secret adds.",
  },
  "spa-public": {
    headline: "Authorization Code with PKCE",
    reasons: [
      "A single-page app cannot keep a secret: anyone can read its code. PKCE replaces the secret with a one-time verifier only this browser holds.",
      "The token comes back over the back channel, not in the URL where history, logs and other scripts could read it.",
      "Keep access tokens short-lived; if you use refresh tokens, the server must rotate them (RFC 9700 §4.14).",
    ],
    runnerUp: "Compare with the refresh token flow to see how the app stays signed in without asking again.",
  },
  native: {
    headline: "Authorization Code with PKCE, through the system browser",
    reasons: [
      "Native apps are public clients (RFC 8252): a secret in the app binary is not a secret.",
      "Sign in in the system browser, not an embedded web view, so the app never sees the password.",
      "PKCE makes a code stolen by another app on the device useless (RFC 7636).",
    ],
    runnerUp: "Compare with the refresh token flow: native apps stay signed in with rotated refresh tokens.",
  },
  m2m: {
    headline: "Client Credentials",
    reasons: [
      "There is no person, so no browser, no sign-in and no consent: the service authenticates as itself.",
      "Keep the secret on the server (or use a private key JWT or mutual TLS, RFC 7523 and RFC 8705).",
      "Ask for the narrowest scope the job needs.",
    ],
    runnerUp: "Compare with the code flow with PKCE, for when the service acts for a person instead.",
  },
  device: {
    headline: "Device Authorization",
    reasons: [
      "The device has no browser or keyboard to sign in with, so the person approves on their phone or computer (RFC 8628).",
      "The device never sees the password: it only shows a short code and polls for its tokens.",
      "The person signs in where they already are, with their password manager and second factor.",
    ],
    runnerUp: "Compare with the code flow with PKCE, for a device that can open a browser.",
  },
  "first-party-confidential": {
    headline: "Authorization Code with PKCE, and your client secret",
    reasons: [
      "Even your own app should not handle the password: sign-in moves to the authorization server, where second factors and single sign-on work (RFC 9700 §2.4).",
      "With a server of your own, the app is a confidential client: PKCE plus its secret at the token endpoint.",
      "A stolen app token no longer means a stolen password.",
    ],
    runnerUp: "Compare with the code flow without PKCE to see what PKCE adds to the secret.",
  },
  "first-party-public": {
    headline: "Authorization Code with PKCE",
    reasons: [
      "Move sign-in from your app's own form to the authorization server: the app never sees the password again (RFC 9700 §2.4).",
      "Without a server of your own, the app is a public client: PKCE takes the place of a secret.",
      "Stay signed in with refresh tokens the server rotates, not with a stored password.",
    ],
    runnerUp: "Compare with the refresh token flow to see how the app stays signed in.",
  },
};

/** Why a deprecated flow is not the answer, said where a kind of app might be tempted by it. */
export const WHY_NOT_TEXT: Readonly<Partial<Record<FlowId, string>>> = {
  implicit:
    "Not Implicit: it returns the access token in the URL fragment, where browser history, logs and any script on the page can read it. OAuth 2.1 removes it (RFC 9700 §2.1.2).",
  password:
    "Not Resource Owner Password: the app would collect the person's password itself — exactly what OAuth exists to avoid — and no second factor or single sign-on can work. OAuth 2.1 removes it (RFC 9700 §2.4).",
};

export const chooseText = {
  title: "Choose a flow",
  description: "A few questions about your app, and the OAuth flow that fits it — following OAuth 2.1 and the Security BCP.",
  intro: "Answer a question or two about your app. The recommendation follows OAuth 2.1 and the OAuth Security BCP (RFC 9700), and opens the flow in the simulator or side by side with the runner-up.",
  appKindQuestion: "What kind of app are you building?",
  submit: "Recommend a flow",
  incomplete: "Answer the questions above first.",
  resultHeading: "Use this flow",
  reasonsHeading: "Why",
  openFlow: (name: string) => `Step through ${name}`,
  compare: (name: string, runnerUp: string) => `Compare ${name} with ${runnerUp}`,
  runnerUpLabel: "Runner-up",
  avoidHeading: "Not these",
  announce: (name: string) => `Recommended: ${name}.`,
  homeLink: { label: "Which flow fits my app?", href: "/choose" },
} as const;
