/**
 * The authorization code grant (RFC 6749 §4.1) for a confidential server-side web app.
 */
import { setup } from "xstate";
import { attackerMachine } from "../roles/attacker";
import { authorizationCodeClientMachine, ignoresState } from "../roles/authorization-code-client";
import { resourceOwnerMachine } from "../roles/resource-owner";
import type { World } from "../world";
import { ENDPOINTS } from "../world";
import { infrastructure, INFRASTRUCTURE_ACTORS } from "./compose";
import type { Scenario } from "./types";
import { defineFlow } from "./types";

export interface AuthorizationCodeScenario extends Scenario {
  readonly decision?: "allow" | "deny";
  /** Who starts: the person at the client (default), or an attacker with a crafted link. */
  readonly attack?: "csrf" | "tampered-redirect";
  /** A client that does not check state (RFC 6749 §10.12). */
  readonly skipsStateCheck?: boolean;
  readonly replaysCode?: boolean;
  readonly exchangeDelay?: number;
}

const CLIENT_ID = "web-app";

export function clientOf(world: World, clientId: string) {
  return world.clients.find((client) => client.client_id === clientId)!;
}

export function endpointsOf(world: World) {
  return {
    authorizationEndpoint: `${world.issuer}${ENDPOINTS.authorization}`,
    tokenEndpoint: `${world.issuer}${ENDPOINTS.token}`,
  };
}

/** The attacker's crafted authorization request: the real client, but the attacker's redirect_uri. */
function tamperedLink(world: World): string {
  const url = new URL(endpointsOf(world).authorizationEndpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", CLIENT_ID);
  url.searchParams.set("redirect_uri", "https://attacker.example/steal");
  url.searchParams.set("scope", "profile order");
  url.searchParams.set("state", "looks-legitimate");
  return url.href;
}

export const authorizationCodeFlow = defineFlow<AuthorizationCodeScenario>({
  id: "authorization-code",
  title: "Authorization code",
  deprecated: false,
  roles: ["resourceOwner", "client", "authorizationServer", "resourceServer", "attacker"],
  scenarios: [
    { id: "default", title: "The person signs in and allows access", expected: [{ role: "client", kind: "resource", result: "200" }] },
    { id: "consent-denied", title: "The person denies consent", decision: "deny", expected: [{ role: "client", kind: "error", result: "access_denied" }] },
    {
      id: "csrf-state-checked",
      title: "CSRF: an attacker's code arrives, and the client checks state",
      attack: "csrf",
      expected: [{ role: "client", kind: "error", result: "state_matches" }],
    },
    {
      id: "csrf-state-skipped",
      title: "CSRF: the client skips the state check and signs the victim into the attacker's account",
      attack: "csrf",
      skipsStateCheck: true,
      expected: [{ role: "client", kind: "resource", result: "200" }],
    },
    {
      id: "code-replayed",
      title: "The code is used twice",
      replaysCode: true,
      expected: [{ role: "client", kind: "error", result: "invalid_token" }],
    },
    {
      id: "redirect-uri-tampered",
      title: "An attacker swaps the redirect URI",
      attack: "tampered-redirect",
      expected: [{ role: "resourceOwner", kind: "error", result: "invalid_redirect_uri" }],
    },
    {
      id: "code-expired",
      title: "The code expires before the client redeems it",
      exchangeDelay: 61,
      expected: [{ role: "client", kind: "error", result: "invalid_grant" }],
    },
  ],
  createMachine({ world, random }, scenario) {
    const client = clientOf(world, CLIENT_ID);
    const clientOrigin = new URL(client.redirect_uris[0]!).origin;
    const api = { method: "GET", url: `${world.resourceServer}/me` };
    const clientLogic = authorizationCodeClientMachine.provide({
      guards: {
        ...(scenario.skipsStateCheck ? { isAuthorizationResponseValid: ignoresState } : {}),
        ...(scenario.replaysCode ? { replaysCode: () => true } : {}),
      },
    });
    return setup({
      actors: {
        ...INFRASTRUCTURE_ACTORS,
        resourceOwner: resourceOwnerMachine,
        client: clientLogic,
        attacker: attackerMachine,
      },
    }).createMachine({
      id: "authorization-code",
      description: "Resource owner, confidential client, authorization server and API, linked by the wire",
      invoke: [
        ...infrastructure(world),
        {
          src: "client",
          systemId: "client",
          input: { client, issuer: world.issuer, ...endpointsOf(world), api, scope: "profile order", pkceMethod: "none", random, exchangeDelay: scenario.exchangeDelay },
        },
        ...(scenario.attack
          ? [
              {
                src: "attacker" as const,
                systemId: "attacker",
                input: {
                  plan: scenario.attack === "csrf" ? ("csrf" as const) : ("lure" as const),
                  link: scenario.attack === "tampered-redirect" ? tamperedLink(world) : undefined,
                  client,
                  ...endpointsOf(world),
                  account: { username: "mallory", password: "evil" },
                  api,
                },
              },
            ]
          : []),
        {
          src: "resourceOwner",
          systemId: "resourceOwner",
          input: {
            startUrl: scenario.attack ? undefined : `${clientOrigin}/login`,
            clientOrigin,
            issuer: world.issuer,
            account: { username: "alice", password: "wonderland" },
            decision: scenario.decision ?? "allow",
            ...(scenario.grantedScope ? { grantedScope: scenario.grantedScope } : {}),
          },
        },
      ],
    });
  },
});
