/**
 * The implicit grant (RFC 6749 §4.2) for a legacy single-page app. Deprecated: RFC 9700 §2.1.2
 * says clients SHOULD NOT use it, and OAuth 2.1 removes it. The access token travels in the URL
 * fragment, where the page's script — and anything else that can read the address bar — finds it.
 */
import { setup } from "xstate";
import { implicitClientMachine, pageScriptAttackerMachine } from "../roles/implicit-client";
import { resourceOwnerMachine } from "../roles/resource-owner";
import { ENDPOINTS } from "../world";
import { clientOf, endpointsOf } from "./authorization-code";
import { infrastructure, INFRASTRUCTURE_ACTORS } from "./compose";
import type { Scenario } from "./types";
import { defineFlow } from "./types";
import { rfc } from "../steps/kinds";

export interface ImplicitScenario extends Scenario {
  /** A third-party script on the page reads the token from the address bar (RFC 9700 §4.3.2). */
  readonly scriptOnPage?: boolean;
  /** The person signs out: the page revokes its token before the API call (RFC 7009). */
  readonly signsOut?: boolean;
}

const CLIENT_ID = "legacy-spa";

export const implicitFlow = defineFlow<ImplicitScenario>({
  id: "implicit",
  title: "Implicit (deprecated)",
  deprecated: true,
  roles: ["resourceOwner", "client", "authorizationServer", "resourceServer", "attacker"],
  references: {
    "start-login": rfc("6749", "4.2"),
    "redirect-to-authorization": rfc("6749", "4.2.1"),
    "authorization-request": rfc("6749", "4.2.1"),
    "consent": rfc("6749", "4.2.1"),
    "authorization-response": rfc("6749", "4.2.2"),
    "callback": rfc("6749", "4.2.2"),
    "signed-in-page": rfc("6749", "4.2"),
    "error-page": rfc("6749", "4.2.2.1"),
  },
  scenarios: [
    {
      id: "default",
      title: "The access token comes back in the URL fragment, and the page's script uses it",
      expected: [{ role: "client", kind: "resource", result: "200" }],
    },
    {
      id: "token-read-by-another-script",
      title: "Another script on the page reads the token from the address bar and calls the API with it",
      scriptOnPage: true,
      expected: [
        { role: "client", kind: "resource", result: "200" },
        { role: "attacker", kind: "resource", result: "200" },
      ],
    },
    {
      id: "refused-in-oauth-2-1",
      title: "An OAuth 2.1 server refuses response_type=token",
      world: { oauth21: true },
      expected: [
        { role: "client", kind: "error", result: "unsupported_response_type" },
        { role: "resourceOwner", kind: "error", result: "unsupported_response_type" },
      ],
    },
    {
      id: "stolen-token-after-sign-out",
      title: "Another script steals the token, but the person signs out first: the revoked token is useless to it",
      scriptOnPage: true,
      signsOut: true,
      expected: [
        { role: "client", kind: "error", result: "invalid_token" },
        { role: "attacker", kind: "error", result: "invalid_token" },
      ],
    },
    {
      id: "token-revoked",
      title: "The person signs out: the page revokes its token (client_id only), and the API refuses it",
      signsOut: true,
      expected: [{ role: "client", kind: "error", result: "invalid_token" }],
    },
  ],
  createMachine({ world, random }, scenario) {
    const client = clientOf(world, CLIENT_ID);
    const clientOrigin = new URL(client.redirect_uris[0]!).origin;
    const api = { method: "GET", url: `${world.resourceServer}/me` };
    const clientLogic = implicitClientMachine.provide({
      guards: scenario.signsOut ? { signsOutBeforeApiCall: () => true } : {},
    });
    return setup({
      actors: {
        ...INFRASTRUCTURE_ACTORS,
        resourceOwner: resourceOwnerMachine,
        client: clientLogic,
        attacker: pageScriptAttackerMachine,
      },
    }).createMachine({
      id: "implicit",
      description: "Resource owner, the page's script, authorization server and API, linked by the wire",
      invoke: [
        ...infrastructure(world),
        {
          src: "client",
          systemId: "client",
          input: {
            client,
            issuer: world.issuer,
            authorizationEndpoint: endpointsOf(world).authorizationEndpoint,
            revocationEndpoint: `${world.issuer}${ENDPOINTS.revocation}`,
            api,
            scope: "profile order:read",
            random,
            ...(scenario.scriptOnPage ? { sharesPageWith: "attacker" as const } : {}),
          },
        },
        ...(scenario.scriptOnPage ? [{ src: "attacker" as const, systemId: "attacker", input: { api } }] : []),
        {
          src: "resourceOwner",
          systemId: "resourceOwner",
          input: {
            startUrl: `${clientOrigin}/login`,
            clientOrigin,
            issuer: world.issuer,
            account: { username: "alice", password: "wonderland" },
            decision: "allow" as const,
            ...(scenario.grantedScope ? { grantedScope: scenario.grantedScope } : {}),
          },
        },
      ],
    });
  },
});
