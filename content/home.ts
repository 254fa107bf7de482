/** Text of the home page. */

export interface HomeLink {
  readonly label: string;
  readonly href: string;
}

/** A way in for one of the three audiences the site is made for. */
export interface Audience {
  readonly id: "learners" | "teachers" | "developers";
  readonly title: string;
  /** Who this is for, in a line. */
  readonly who: string;
  readonly points: readonly { readonly text: string; readonly soon?: boolean }[];
  /** The first thing to open. */
  readonly start: HomeLink;
  /** An example to show what the first thing looks like (a shareable link, a what-if). */
  readonly example?: HomeLink & { readonly note: string };
}

export const home = {
  lead: "Every OAuth 2.0 flow, played out step by step between its four roles — with every redirect, code, token and scope check in plain sight.",
  body: "The authorization server and resource server are mock servers that run inside your browser and behave as the RFCs say, so what you see is what a real server does. Step forward and back, then change something — deny consent, drop PKCE, forge the state — and watch the real consequence.",
  facts: ["Runs entirely in your browser", "Real PKCE and signed JWTs", "Every rule cites its RFC"],
  primaryAction: { label: "Start with the PKCE flow", href: "/flows/authorization-code-pkce" },
  secondaryAction: { label: "See all seven flows", href: "#flows" },

  preview: {
    caption: "Authorization Code with PKCE at a glance: dashed arrows go through the browser (front channel), solid ones go server to server (back channel).",
    lanes: ["Browser", "App", "Auth server", "API"],
    frontLegend: "front channel · through the browser",
    backLegend: "back channel · server to server",
  },

  audiencesHeading: "A way in",
  audiencesIntro: "Whether you are learning OAuth, teaching it or building with it, start here.",
  audiences: [
    {
      id: "learners",
      title: "Learning OAuth",
      who: "New to OAuth, or never quite sure why each step is there.",
      points: [
        { text: "Start with Authorization Code + PKCE and step through it: each step says what happens, why it exists and what breaks without it." },
        { text: "Then try the what-ifs: drop PKCE, skip the state check, replay a code — and watch the real consequence." },
        { text: "Read the concept pages on tokens, scopes, PKCE, state and what OAuth 2.1 changes." },
      ],
      start: { label: "Step through PKCE", href: "/flows/authorization-code-pkce" },
      example: {
        label: "What if PKCE is off?",
        href: "/flows/authorization-code-pkce?scenario=code-intercepted-pkce-off",
        note: "A malicious app steals the code and uses it.",
      },
    },
    {
      id: "teachers",
      title: "Teaching OAuth",
      who: "Running a class, a workshop or a security talk.",
      points: [
        { text: "Presenter-friendly: large lanes that read on a 1280×720 projector, arrow keys and space to step, play at your own speed." },
        { text: "Share a link that opens at the same step with the same seed, so every laptop in the room shows the same codes and tokens." },
        { text: "Stage an attack live: a CSRF login, an intercepted code, a replayed refresh token." },
      ],
      start: { label: "Open a shareable step", href: "/flows/authorization-code?step=7&seed=classroom" },
      example: {
        label: "/flows/authorization-code?step=7&seed=classroom",
        href: "/flows/authorization-code?step=7&seed=classroom",
        note: "Step 7 — the code comes back — with the seed “classroom”.",
      },
    },
    {
      id: "developers",
      title: "Building with OAuth",
      who: "Integrating a provider, writing a client or reviewing one.",
      points: [
        { text: "The raw HTTP request and response of every step, with copy as curl." },
        { text: "Real JWT access tokens, decoded and verified against the JWKS in the page." },
        { text: "Export a flow's sequence diagram as SVG, PNG or mermaid source." },
        { text: "Compare two flows side by side." },
      ],
      start: { label: "See the raw HTTP", href: "/flows/client-credentials" },
      example: {
        label: "Which flow fits my app?",
        href: "/choose",
        note: "A question or two, and the flow OAuth 2.1 recommends — or compare two: /compare.",
      },
    },
  ] satisfies readonly Audience[],

  flowsHeading: "The seven flows",
  flowsIntro: "Five flows in use today, and two deprecated ones kept to show what went wrong. Open one to step through it.",

  rolesHeading: "The four roles",
  rolesIntro:
    "RFC 6749 splits every OAuth exchange between four parties. Each one gets its own lane, in its own colour, in the simulator.",

  conceptsHeading: "Concepts",
  conceptsIntro: "Short pages on the ideas the flows are built from — read them in order, or the one a flow made you wonder about.",
  conceptsLink: { label: "All concepts", href: "/concepts" },
  soon: "Coming soon",
} as const;
