/**
 * The resource owner password credentials grant (RFC 6749 §4.3) for a first-party app with a
 * secret. Deprecated: RFC 9700 §2.4 says it MUST NOT be used and OAuth 2.1 removes it — the
 * person's password goes to the client, which is exactly what OAuth exists to avoid.
 */
import { setup } from "xstate";
import { passwordClientMachine, resourceOwnerAtClientForm } from "../roles/password-client";
import { ENDPOINTS } from "../world";
import { clientOf, endpointsOf } from "./authorization-code";
import { infrastructure, INFRASTRUCTURE_ACTORS } from "./compose";
import type { Scenario } from "./types";
import { defineFlow } from "./types";
import { rfc } from "../steps/kinds";

export interface PasswordScenario extends Scenario {
  /** What the person types as their password (default: the right one). */
  readonly typedPassword?: string;
  /** The person signs out: the app revokes its tokens before the API call (RFC 7009). */
  readonly signsOut?: boolean;
}

const CLIENT_ID = "first-party-app";
/** The app's own origin; the password grant registers no redirect URI. */
const CLIENT_ORIGIN = "https://app.acme.example";

export const passwordFlow = defineFlow<PasswordScenario>({
  id: "password",
  title: "Resource owner password (deprecated)",
  deprecated: true,
  roles: ["resourceOwner", "client", "authorizationServer", "resourceServer"],
  references: {
    "start-login": rfc("6749", "4.3"),
    "signed-in-page": rfc("6749", "4.3"),
    "error-page": rfc("6749", "5.2"),
  },
  scenarios: [
    {
      id: "default",
      title: "The person types their password into the app, which trades it for tokens",
      expected: [{ role: "client", kind: "resource", result: "200" }],
    },
    {
      id: "wrong-password",
      title: "The person types a wrong password",
      typedPassword: "looking-glass",
      expected: [
        { role: "client", kind: "error", result: "invalid_grant" },
        { role: "resourceOwner", kind: "error", result: "invalid_grant" },
      ],
    },
    {
      id: "refused-in-oauth-2-1",
      title: "An OAuth 2.1 server refuses grant_type=password",
      world: { oauth21: true },
      expected: [{ role: "client", kind: "error", result: "unsupported_grant_type" }],
    },
    {
      id: "token-revoked",
      title: "The person signs out: the app revokes its tokens, and the API refuses the access token",
      signsOut: true,
      expected: [{ role: "client", kind: "error", result: "invalid_token" }],
    },
  ],
  createMachine({ world }, scenario) {
    const client = clientOf(world, CLIENT_ID);
    const clientLogic = passwordClientMachine.provide({
      guards: scenario.signsOut ? { signsOutBeforeApiCall: () => true } : {},
    });
    return setup({
      actors: {
        ...INFRASTRUCTURE_ACTORS,
        resourceOwner: resourceOwnerAtClientForm,
        client: clientLogic,
      },
    }).createMachine({
      id: "password",
      description: "Resource owner, first-party app, authorization server and API, linked by the wire",
      invoke: [
        ...infrastructure(world),
        {
          src: "client",
          systemId: "client",
          input: {
            client,
            origin: CLIENT_ORIGIN,
            tokenEndpoint: endpointsOf(world).tokenEndpoint,
            revocationEndpoint: `${world.issuer}${ENDPOINTS.revocation}`,
            api: { method: "GET", url: `${world.resourceServer}/me` },
            scope: "profile order",
          },
        },
        {
          src: "resourceOwner",
          systemId: "resourceOwner",
          input: {
            startUrl: `${CLIENT_ORIGIN}/login`,
            clientOrigin: CLIENT_ORIGIN,
            issuer: world.issuer,
            account: { username: "alice", password: scenario.typedPassword ?? "wonderland" },
            decision: "allow" as const,
          },
        },
      ],
    });
  },
});
