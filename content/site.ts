/** Site-wide text: the name, the one-line pitch, and the footer note. */
export const site = {
  name: "OAuth Flow Simulator",
  tagline: "Learn OAuth 2.0 by running it.",
  description:
    "Learn OAuth 2.0 by running it: every flow, step by step, between the four roles of RFC 6749, against spec-faithful mock servers that run in your browser.",
  footer:
    "The authorization and resource servers are mock servers that run in your browser — nothing you do here is sent anywhere.",
  /** Header links: sections of the home page and the concept pages, reachable from every page. */
  nav: [
    { href: "/#roles", label: "Roles" },
    { href: "/#flows", label: "Flows" },
    { href: "/concepts", label: "Concepts" },
    { href: "/compare", label: "Compare" },
    // On a phone the header has room for four links; this one is reached from the home page there.
    { href: "/choose", label: "Choose a flow", hideOnPhone: true },
  ],
} as const;
