/** Text of the home page. */
export const home = {
  lead: "Every OAuth 2.0 flow, played out step by step between its four roles — with every redirect, code, token and scope check in plain sight.",
  body: "The authorization server and resource server are mock servers that run inside your browser and behave as the RFCs say, so what you see is what a real server does. Step forward and back, then change something — deny consent, drop PKCE, forge the state — and watch the real consequence.",
  facts: ["Runs entirely in your browser", "Real PKCE and signed JWTs", "Every rule cites its RFC"],
  rolesHeading: "The four roles",
  rolesIntro:
    "RFC 6749 splits every OAuth exchange between four parties. Each one gets its own lane in the simulator.",
  flowsHeading: "The seven flows",
  flowsIntro: "Five flows in use today, and two deprecated ones kept to show what went wrong.",
  flowsStatus: "Interactive simulators for each flow are coming soon.",
} as const;

/**
 * The authorization code flow with PKCE at a glance, drawn beside the home page's title.
 * Lanes follow `roles` (owner, client, AS, RS); "front" messages travel through the browser.
 */
export const heroSequence = {
  caption: "Authorization code with PKCE, at a glance",
  legendFront: "through the browser",
  legendBack: "server to server",
  lanes: ["Resource owner", "Client", "Authorization server", "Resource server"],
  messages: [
    { from: 0, to: 1, label: "“Sign in with …”", channel: "front" },
    { from: 1, to: 2, label: "authorization request + code_challenge", channel: "front" },
    { from: 2, to: 0, label: "login and consent", channel: "front" },
    { from: 2, to: 1, label: "redirect with code + state", channel: "front" },
    { from: 1, to: 2, label: "code + code_verifier", channel: "back" },
    { from: 2, to: 1, label: "access token (JWT)", channel: "back" },
    { from: 1, to: 3, label: "GET /orders, Bearer token", channel: "back" },
    { from: 3, to: 1, label: "200 OK, the data", channel: "back" },
  ],
} as const;
