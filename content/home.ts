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
