import type { Concept } from "./types";

export const stateAndCsrfConcept: Concept = {
  slug: "state-and-csrf",
  title: "State and CSRF",
  summary: "Why anyone can deliver a code to your callback, how the state parameter tells your own sign-in from a planted one, and what iss and exact redirect URIs add.",
  intro: [
    "The authorization response comes back to the client through the browser, as a plain URL. Anyone can make a browser open a URL. So a client needs a way to tell a response to a sign-in it started from one an attacker planted — that is what `state` is for.",
  ],
  learn: [
    "How login CSRF against the callback works, step by step",
    "How state defeats it, and what makes a good state value",
    "Why PKCE protects against the same attack",
    "What the iss parameter and exact redirect URI matching add",
  ],
  sections: [
    {
      id: "the-problem",
      title: "The problem: anyone can send a browser to your callback",
      blocks: [
        {
          kind: "paragraph",
          text: "A client's callback, such as `https://webapp.example/callback?code=…&state=…`, is an ordinary URL. A link in an email, an image tag or a hidden iframe on any web page can make the victim's browser request it — with the victim's cookies for the client attached. This is cross-site request forgery (CSRF), and RFC 6749 §10.12 describes it for the redirect URI.",
        },
      ],
    },
    {
      id: "login-csrf",
      title: "Login CSRF, step by step",
      blocks: [
        {
          kind: "list",
          ordered: true,
          items: [
            "The attacker starts an ordinary sign-in at the app from its own browser, and signs in to the authorization server with its own account.",
            "The authorization server redirects the attacker's browser to the app's callback with a code — for the attacker's account. The attacker does not follow the redirect; it keeps the URL.",
            "The attacker gets the victim's browser to open that URL.",
            "An app that does not check `state` redeems the code and signs the victim in — as the attacker.",
            "Whatever the victim now saves in the app (a card number, documents, a search history) lands in the attacker's account, where the attacker can read it.",
          ],
        },
      ],
    },
    {
      id: "state",
      title: "How state stops it",
      blocks: [
        {
          kind: "list",
          items: [
            "Before redirecting, the client generates a fresh, unguessable value — from a cryptographically secure random number generator (CSPRNG), with at least 128 bits of entropy — and stores it in the person's session, bound to this browser.",
            "It sends the value as `state` in the authorization request; the authorization server returns it unchanged with the code.",
            "At the callback the client compares the returned `state` with the stored one, exactly, and refuses the response if they differ or if no sign-in is in progress. Then it discards the stored value: state is single-use.",
          ],
        },
        {
          kind: "code",
          label: "What the client compares at its callback",
          text: "stored in this browser's session:   state = 8EB6385g9CYNf3GYmPCoTA\nreturned in the callback URL:       state = 8EB6385g9CYNf3GYmPCoTA   ✓ same: go on\n\nplanted by the attacker:            state = attacker-chosen-state\nstored in the victim's session:     (no sign-in in progress)         ✗ refuse",
        },
        {
          kind: "paragraph",
          text: "The attacker cannot supply a matching value: it was generated for the victim's browser and never left it except in the victim's own sign-in. In the simulator, state comes from the seed, so that a shared link reproduces every value; a real client must use a CSPRNG.",
        },
      ],
    },
    {
      id: "pkce",
      title: "PKCE protects too",
      blocks: [
        {
          kind: "paragraph",
          text: "PKCE binds the code to a `code_challenge` chosen by whoever started the sign-in. A code the attacker planted is bound to the attacker's challenge, and the victim's client has no matching `code_verifier`, so the token endpoint refuses it. RFC 9700 §2.1 therefore lets a client that has made sure its authorization server enforces PKCE rely on PKCE for CSRF protection; otherwise a one-time `state` bound to the browser MUST be used.",
        },
      ],
    },
    {
      id: "iss",
      title: "The iss parameter and mix-up attacks",
      blocks: [
        {
          kind: "paragraph",
          text: "A client that works with several authorization servers must also know which one answered. RFC 9207 adds `iss` to the authorization response: the authorization server's issuer identifier, which the client compares with the server it sent the person to. Without it, an attacker's server could get the client to send a code from an honest server to the wrong token endpoint — a mix-up attack (RFC 9700 §4.4).",
        },
      ],
    },
    {
      id: "redirect-uri",
      title: "Exact redirect URI matching",
      blocks: [
        {
          kind: "paragraph",
          text: "A related attack changes where the response goes: a link to the real authorization server with the real `client_id`, but `redirect_uri` pointing at the attacker. The authorization server must compare the `redirect_uri` with the client's registered URIs by exact string match (RFC 9700 §4.1) and, when it does not match, show an error itself instead of redirecting (RFC 6749 §4.1.2.1). Prefix and wildcard matching have let attackers slip in addresses they control.",
        },
      ],
    },
  ],
  recap: [
    "The callback is an ordinary URL: an attacker can make any browser open it.",
    "state is a single-use, unguessable value bound to the browser that started the sign-in; compare it exactly, and refuse when it is missing.",
    "An enforced PKCE also stops planted codes; iss stops mix-ups between authorization servers.",
    "The authorization server matches redirect URIs exactly, and never redirects to one it cannot trust.",
  ],
  tryIt: [
    { flow: "authorization-code", scenario: "csrf-state-checked", label: "The attack, stopped", shows: "A planted code arrives; the state check fails and the app refuses it." },
    { flow: "authorization-code", scenario: "csrf-state-skipped", label: "The attack, succeeding", shows: "The app skips the check and signs the victim in as Mallory." },
    { flow: "authorization-code", scenario: "redirect-uri-tampered", label: "A swapped redirect URI", shows: "The authorization server refuses to redirect to the attacker." },
    { flow: "authorization-code", scenario: "default", label: "state going out and coming back", shows: "Follow the state chip from the client to the server and back." },
  ],
  references: [
    { spec: "6749", section: "10.12", title: "Cross-site request forgery" },
    { spec: "9700", section: "2.1", title: "Protecting redirect-based flows" },
    { spec: "9700", section: "4.7", title: "Cross-site request forgery" },
    { spec: "9207", section: "2", title: "Authorization server issuer identifier in the response" },
    { spec: "9700", section: "4.1", title: "Insufficient redirect URI validation" },
    { spec: "6749", section: "4.1.2.1", title: "Error response" },
  ],
};
