/**
 * The device authorization grant (RFC 8628): a TV app with no browser; the person signs in on
 * their phone while the TV polls the token endpoint.
 */
import { setup } from "xstate";
import { deviceClientMachine } from "../roles/device-client";
import { deviceUserMachine } from "../roles/device-user";
import { ENDPOINTS } from "../world";
import { clientOf } from "./authorization-code";
import { infrastructure, INFRASTRUCTURE_ACTORS } from "./compose";
import type { Scenario } from "./types";
import { defineFlow } from "./types";
import { rfc } from "../steps/kinds";

export interface DeviceCodeScenario extends Scenario {
  readonly decision?: "allow" | "deny";
  /** The person never opens the verification page. */
  readonly walksAway?: boolean;
  /** Seconds between the TV's polls when it does not keep to the server's interval. */
  readonly pollEvery?: number;
}

const CLIENT_ID = "tv-app";

export const deviceCodeFlow = defineFlow<DeviceCodeScenario>({
  id: "device-code",
  title: "Device code",
  deprecated: false,
  roles: ["resourceOwner", "client", "authorizationServer", "resourceServer"],
  references: {
    // The person signs in at the verification URI, not at an authorization endpoint.
    "login-page": rfc("8628", "3.3"),
  },
  scenarios: [
    {
      id: "default",
      title: "The person approves on their phone while the TV polls",
      expected: [
        { role: "resourceOwner", kind: "resource", result: "200" },
        { role: "client", kind: "resource", result: "200" },
      ],
    },
    {
      id: "slow-down",
      title: "The TV polls too fast and is told to slow down",
      pollEvery: 2,
      expected: [{ role: "client", kind: "resource", result: "200" }],
    },
    {
      id: "access-denied",
      title: "The person denies the TV access",
      decision: "deny",
      expected: [{ role: "client", kind: "error", result: "access_denied" }],
    },
    {
      id: "code-expired",
      title: "Nobody enters the code: it expires while the TV polls",
      walksAway: true,
      pollEvery: 200,
      expected: [{ role: "client", kind: "error", result: "expired_token" }],
    },
  ],
  createMachine({ world }, scenario) {
    const client = clientOf(world, CLIENT_ID);
    return setup({
      actors: {
        ...INFRASTRUCTURE_ACTORS,
        resourceOwner: deviceUserMachine,
        client: deviceClientMachine,
      },
    }).createMachine({
      id: "device-code",
      description: "The person with a phone, the TV app, the authorization server and the API, linked by the wire",
      invoke: [
        ...infrastructure(world),
        {
          src: "resourceOwner",
          systemId: "resourceOwner",
          input: {
            account: { username: "alice", password: "wonderland" },
            decision: scenario.decision ?? "allow",
            walksAway: scenario.walksAway,
            ...(scenario.grantedScope ? { grantedScope: scenario.grantedScope } : {}),
          },
        },
        {
          src: "client",
          systemId: "client",
          input: {
            client,
            deviceAuthorizationEndpoint: `${world.issuer}${ENDPOINTS.deviceAuthorization}`,
            tokenEndpoint: `${world.issuer}${ENDPOINTS.token}`,
            scope: "profile order:read",
            api: { method: "GET", url: `${world.resourceServer}/me` },
            pollEvery: scenario.pollEvery,
          },
        },
      ],
    });
  },
});
