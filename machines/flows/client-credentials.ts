/**
 * The client credentials grant (RFC 6749 §4.4): a machine-to-machine service, no person involved.
 */
import { setup } from "xstate";
import { clientCredentialsClientMachine } from "../roles/client-credentials-client";
import { ENDPOINTS } from "../world";
import { clientOf } from "./authorization-code";
import { infrastructure, INFRASTRUCTURE_ACTORS } from "./compose";
import type { Scenario } from "./types";
import { defineFlow } from "./types";

export interface ClientCredentialsScenario extends Scenario {
  /** The scope the service asks for. */
  readonly scope: string;
  /** A secret other than the registered one (a typo, a rotated secret not yet deployed). */
  readonly secret?: string;
  /** The API calls the service makes, as "METHOD /path"; GET /inventory when omitted. */
  readonly calls?: readonly string[];
}

const CLIENT_ID = "inventory-service";

export const clientCredentialsFlow = defineFlow<ClientCredentialsScenario>({
  id: "client-credentials",
  title: "Client credentials",
  deprecated: false,
  roles: ["client", "authorizationServer", "resourceServer"],
  scenarios: [
    {
      id: "default",
      title: "The service gets a token for itself and reads the inventory",
      scope: "inventory:read",
      expected: [{ role: "client", kind: "resource", result: "200" }],
    },
    {
      id: "wrong-secret",
      title: "The service sends the wrong client secret",
      scope: "inventory:read",
      secret: "an-old-secret",
      expected: [{ role: "client", kind: "error", result: "invalid_client" }],
    },
    {
      id: "scope-not-allowed",
      title: "The service asks for a scope it is not registered for",
      scope: "order",
      expected: [{ role: "client", kind: "error", result: "invalid_scope" }],
    },
    {
      id: "insufficient-scope",
      title: "A read-only token is used to change the inventory",
      scope: "inventory:read",
      calls: ["GET /inventory", "POST /inventory"],
      expected: [{ role: "client", kind: "error", result: "insufficient_scope" }],
    },
  ],
  createMachine({ world }, scenario) {
    const registered = clientOf(world, CLIENT_ID);
    const client = scenario.secret === undefined ? registered : { ...registered, client_secret: scenario.secret };
    const calls = (scenario.calls ?? ["GET /inventory"]).map((call) => {
      const [method, path] = call.split(" ");
      return { method: method!, url: `${world.resourceServer}${path}` };
    });
    return setup({
      actors: {
        ...INFRASTRUCTURE_ACTORS,
        client: clientCredentialsClientMachine,
      },
    }).createMachine({
      id: "client-credentials",
      description: "A backend service, the authorization server and the API, linked by the wire",
      invoke: [
        ...infrastructure(world),
        { src: "client", systemId: "client", input: { client, tokenEndpoint: `${world.issuer}${ENDPOINTS.token}`, scope: scenario.scope, calls } },
      ],
    });
  },
});
