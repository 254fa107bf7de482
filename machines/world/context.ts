/**
 * What the authorization server's handlers share: configuration, demo data, clock, random source,
 * store and signing key. One context is one authorization server.
 */
import type { Clock } from "./clock";
import type { ClientMetadata, DemoUser } from "./demo-data";
import type { WorldPolicy } from "./policy";
import type { Random } from "./random";
import { base64url } from "./random";
import type { Store } from "./store";

export interface ServerContext {
  readonly issuer: string;
  readonly resourceServer: string;
  readonly policy: WorldPolicy;
  readonly clock: Clock;
  readonly random: Random;
  readonly store: Store;
  readonly clients: readonly ClientMetadata[];
  readonly users: readonly DemoUser[];
  readonly scopes: readonly string[];
  readonly signingKey: CryptoKey;
  /** The resource server's own credentials for the introspection endpoint (RFC 7662 §2.1). */
  readonly resourceServerCredentials: { readonly id: string; readonly secret: string };
}

export const ENDPOINTS = {
  metadata: "/.well-known/oauth-authorization-server",
  jwks: "/jwks.json",
  authorization: "/authorize",
  token: "/token",
  revocation: "/revoke",
  introspection: "/introspect",
  deviceAuthorization: "/device_authorization",
  deviceVerification: "/device",
} as const;

export function findClient(context: ServerContext, clientId: string): ClientMetadata | undefined {
  return context.clients.find((client) => client.client_id === clientId);
}

export function isPublicClient(client: ClientMetadata): boolean {
  return client.token_endpoint_auth_method === "none";
}

/** Drawn from the seeded generator: 32 octets, base64url, as RFC 7636 §4.1 recommends for verifiers. */
export function randomToken(context: ServerContext, octets = 32): string {
  return base64url(context.random.bytes(octets));
}
