import type { Concept } from "./types";

export const rolesConcept: Concept = {
  slug: "roles",
  title: "The four roles",
  summary: "Who is who in OAuth — resource owner, client, authorization server, resource server — and who must never see what.",
  intro: [
    "Every OAuth exchange happens between four parties, which RFC 6749 names in its first section. Most of the rules in the specification follow from one question: which of them may see which secret?",
    "In the simulator each role has its own lane, and the inspector shows, after every step, what each role knows.",
  ],
  learn: [
    "Who the resource owner, the client, the authorization server and the resource server are, and who plays each part here",
    "Which role holds which secret, and which must never see it",
    "The difference between the front channel and the back channel",
    "Why confidential and public clients are treated differently",
  ],
  sections: [
    {
      id: "four-roles",
      title: "The four roles",
      blocks: [
        {
          kind: "definitions",
          items: [
            {
              term: "Resource owner",
              definition: "The person who owns the data and can grant access to it. In the simulator: Alice, at her browser — or, in the device flow, at her phone.",
            },
            {
              term: "Client",
              definition: "The application that wants access on the resource owner's behalf. “Client” names the role, not a kind of software: a web server, a single-page app, a mobile app, a TV app and a back-end service can all be clients.",
            },
            {
              term: "Authorization server",
              definition: "Signs the resource owner in, asks for their consent, and issues tokens. Here it is `https://authorization-server.example`, with its `/authorize`, `/token`, `/revoke` and `/device` endpoints.",
            },
            {
              term: "Resource server",
              definition: "The API that holds the data. It accepts access tokens, checks them and their scope on every request, and answers. Here it is `https://api.example`.",
            },
          ],
        },
        {
          kind: "paragraph",
          text: "The authorization server and the resource server are often run by the same organisation, sometimes in the same program, but their jobs differ: one issues tokens, the other checks them. Keeping them apart in your head makes every later rule easier to place.",
        },
      ],
    },
    {
      id: "who-knows-what",
      title: "Who knows what",
      blocks: [
        {
          kind: "list",
          items: [
            "The password is known only to the resource owner and the authorization server. The client never sees it — except in the deprecated password grant, which is exactly why that grant is deprecated.",
            "A client secret, when there is one, is shared by the client and the authorization server only. It never goes to the browser or to the API.",
            "The access token goes from the authorization server to the client, and from the client to the resource server. The person usually never sees it.",
            "The `code_verifier` of PKCE stays inside the client until the token request.",
          ],
        },
        {
          kind: "callout",
          tone: "note",
          title: "Watch it in the inspector",
          text: "After each step, the inspector lists what every role has learned so far: which codes, tokens and secrets. A value turning up in the wrong column is what an attack looks like.",
        },
      ],
    },
    {
      id: "channels",
      title: "Front channel and back channel",
      blocks: [
        {
          kind: "paragraph",
          text: "Messages travel in two ways. On the front channel they go through the person's browser, as redirects and form posts: the browser, its extensions and the scripts on the page can see them, and they end up in the history and in server logs. On the back channel one server calls another directly, over TLS, and nothing in the browser sees the message.",
        },
        {
          kind: "paragraph",
          text: "OAuth's design puts short-lived, low-value values on the front channel — a `state`, a one-time `code` — and keeps tokens and secrets on the back channel. The simulator draws the two differently, so you can follow which is which.",
        },
      ],
    },
    {
      id: "client-types",
      title: "Confidential and public clients",
      blocks: [
        {
          kind: "paragraph",
          text: "RFC 6749 §2.1 divides clients in two. A confidential client can keep a secret: a web application whose code runs on its own server. A public client cannot: a single-page app or a mobile app ships its code to every user, and anything embedded in it can be read. A public client is identified by its `client_id` alone, which is not a secret.",
        },
        {
          kind: "definitions",
          items: [
            { term: "`web-app`", definition: "Confidential. A server-side web app; it authenticates at the token endpoint with a client secret (HTTP Basic)." },
            { term: "`spa`", definition: "Public. A single-page or mobile app; it proves itself with PKCE instead of a secret." },
            { term: "`inventory-service`", definition: "Confidential. A back-end service with no person involved; it uses the client credentials grant." },
            { term: "`tv-app`", definition: "Public. A TV with no browser; it uses the device authorization grant." },
            { term: "`legacy-spa` and `first-party-app`", definition: "The clients of the two deprecated flows, implicit and password, kept to show what went wrong." },
          ],
        },
        {
          kind: "paragraph",
          text: "Much of modern OAuth exists to make up for what public clients lack: PKCE replaces the secret at the token endpoint, and refresh token rotation limits what a stolen refresh token can do.",
        },
      ],
    },
    {
      id: "attacker",
      title: "A fifth lane: the attacker",
      blocks: [
        {
          kind: "paragraph",
          text: "Some scenarios add an attacker: a site that forges a request, a malicious app on the same phone, a script injected into a page. The attacker plays by the protocol — it has an ordinary account and calls ordinary endpoints — and the scenario shows which check stops it, or what happens when nobody checks.",
        },
      ],
    },
  ],
  recap: [
    "The resource owner grants, the client asks, the authorization server issues, the resource server checks.",
    "The password stays between the person and the authorization server.",
    "Front-channel messages pass through the browser and can leak; tokens and secrets travel on the back channel.",
    "Confidential clients have a secret; public clients do not, and rely on PKCE instead.",
  ],
  tryIt: [
    { flow: "authorization-code", scenario: "default", label: "All four roles", shows: "The classic redirect flow, from “Sign in” to the API's answer." },
    { flow: "client-credentials", scenario: "default", label: "No resource owner", shows: "A service gets a token for itself: only three lanes are busy." },
    { flow: "device-code", scenario: "default", label: "The owner on a second device", shows: "The person approves on their phone while the TV waits." },
    { flow: "authorization-code-pkce", scenario: "code-intercepted-pkce-on", label: "The attacker's lane", shows: "A malicious app receives the code too — and cannot use it." },
  ],
  references: [
    { spec: "6749", section: "1.1", title: "Roles" },
    { spec: "6749", section: "1.2", title: "Protocol flow" },
    { spec: "6749", section: "2.1", title: "Client types" },
  ],
};
