/**
 * The mock OAuth world: an authorization server and a resource server as Fetch handlers, with
 * demo clients, users and APIs, a simulated clock and a seeded random source (DESIGN.md "The world").
 */
import { importJWK } from "jose";
import { createAuthorizationServer } from "./as";
import type { FetchHandler } from "./as";
import type { Clock } from "./clock";
import { createClock, DEFAULT_START_TIME } from "./clock";
import type { ServerContext } from "./context";
import { ENDPOINTS } from "./context";
import type { ClientMetadata, DemoUser, Resource } from "./demo-data";
import { DEMO_CLIENTS, DEMO_RESOURCES, DEMO_USERS, SCOPES } from "./demo-data";
import { DEMO_SIGNING_KEY } from "./demo-signing-key";
import type { WorldOptions, WorldPolicy } from "./policy";
import { resolvePolicy } from "./policy";
import { createRandom } from "./random";
import { createResourceServer } from "./rs";
import { Store } from "./store";
import { findActiveAccessToken } from "./tokens";

export type { ClientMetadata, DemoUser, Resource } from "./demo-data";
export type { WorldOptions, WorldPolicy } from "./policy";
export type { FetchHandler } from "./as";
export { ENDPOINTS } from "./context";

export interface World {
  /** The AS origin; serves RFC 8414 metadata at /.well-known/oauth-authorization-server. */
  readonly issuer: string;
  /** The RS origin; access tokens' `aud`. */
  readonly resourceServer: string;
  /** Routes by origin to the AS or RS; never follows redirects; any other origin rejects with a TypeError. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
  readonly clock: Clock;
  readonly clients: readonly ClientMetadata[];
  readonly users: readonly DemoUser[];
  readonly resources: readonly Resource[];
  readonly scopes: readonly string[];
  readonly seed: string;
  readonly policy: WorldPolicy;
  /** How many records the AS holds, by kind (for the memory benchmark and tests). */
  storeSize(): Record<string, number>;
}

import { ISSUER, RESOURCE_SERVER } from "./origins";

export { ISSUER, RESOURCE_SERVER } from "./origins";
/** The resource server's own credentials at the introspection endpoint (demo values). */
const RESOURCE_SERVER_CREDENTIALS = { id: "resource-server", secret: "resource-server-secret-demo-only" } as const;

let signingKey: Promise<CryptoKey> | undefined;

/** The demo key is imported once per page or process: every world signs with the same published key. */
function demoSigningKey(): Promise<CryptoKey> {
  signingKey ??= importJWK(DEMO_SIGNING_KEY, "RS256") as Promise<CryptoKey>;
  return signingKey;
}

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const seed = options.seed ?? "demo";
  const policy = resolvePolicy(options);
  const clock = createClock(options.startTime ?? DEFAULT_START_TIME);
  const context: ServerContext = {
    issuer: ISSUER,
    resourceServer: RESOURCE_SERVER,
    policy,
    clock,
    random: createRandom(seed),
    store: new Store(),
    clients: DEMO_CLIENTS,
    users: DEMO_USERS,
    scopes: SCOPES,
    signingKey: await demoSigningKey(),
    resourceServerCredentials: RESOURCE_SERVER_CREDENTIALS,
  };
  const authorizationServer = createAuthorizationServer(context);
  const handlers = new Map<string, FetchHandler>([[ISSUER, authorizationServer]]);

  async function worldFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    let request: Request;
    try {
      request = new Request(input, init);
    } catch (cause) {
      throw new TypeError("Failed to fetch: the request is not valid", { cause });
    }
    const handler = handlers.get(new URL(request.url).origin);
    // As a browser would on a DNS failure: a rejected promise with a TypeError.
    if (!handler) throw new TypeError(`Failed to fetch: no server at ${new URL(request.url).origin} in this world`);
    return handler(request);
  }

  handlers.set(
    RESOURCE_SERVER,
    createResourceServer({
      origin: RESOURCE_SERVER,
      issuer: ISSUER,
      jwksUri: `${ISSUER}${ENDPOINTS.jwks}`,
      introspectionEndpoint: `${ISSUER}${ENDPOINTS.introspection}`,
      credentials: RESOURCE_SERVER_CREDENTIALS,
      resources: DEMO_RESOURCES,
      users: DEMO_USERS,
      clock,
      fetch: worldFetch,
      isActive: (token) => findActiveAccessToken(context, token) !== undefined,
    }),
  );

  return {
    issuer: ISSUER,
    resourceServer: RESOURCE_SERVER,
    fetch: worldFetch,
    clock,
    clients: DEMO_CLIENTS,
    users: DEMO_USERS,
    resources: DEMO_RESOURCES,
    scopes: SCOPES,
    seed,
    policy,
    storeSize: () => context.store.size(),
  };
}
