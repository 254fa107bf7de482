/**
 * Client authentication at the token, revocation, introspection and device authorization
 * endpoints (RFC 6749 §2.3, §3.2.1, §5.2).
 */
import type { ServerContext } from "./context";
import { findClient } from "./context";
import type { ClientMetadata } from "./demo-data";
import type { OAuthError } from "./errors";
import { oauthError } from "./errors";
import type { Params } from "./http";
import { challenge, param } from "./http";
import { timingSafeEqual } from "./pkce";

export type ClientAuthMethod = ClientMetadata["token_endpoint_auth_method"];

export interface AuthenticatedClient {
  readonly client: ClientMetadata;
  readonly method: ClientAuthMethod;
}

/** RFC 6749 §2.3.1 asks the server to resist brute force on client secrets. */
export const MAX_FAILED_CLIENT_AUTHENTICATIONS = 10;
export const FAILED_ATTEMPT_WINDOW = 60;

interface BasicCredentials {
  readonly clientId: string;
  readonly secret: string;
}

/**
 * RFC 6749 §2.3.1: Basic credentials are base64(urlencode(client_id) ":" urlencode(secret)); each
 * part is form-urlencoded (Appendix B) before encoding, so it is decoded after splitting.
 */
export function parseBasicCredentials(header: string): BasicCredentials | OAuthError {
  const match = /^Basic +([A-Za-z0-9+/]+={0,2}) *$/i.exec(header);
  if (!match) return oauthError("invalid_request", "the Authorization header is not well-formed Basic credentials");
  let decoded: string;
  try {
    decoded = atob(match[1]!);
  } catch {
    return oauthError("invalid_request", "the Basic credentials are not valid base64");
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return oauthError("invalid_request", "the Basic credentials lack the ':' between client_id and secret");
  try {
    const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, " "));
    return { clientId: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return oauthError("invalid_request", "the Basic credentials are not correctly form-urlencoded (RFC 6749 Appendix B)");
  }
}

/** RFC 6749 §5.2: invalid_client is 401, with a WWW-Authenticate matching the scheme the client used. */
function invalidClient(context: ServerContext, description: string, usedBasic: boolean, headers: Record<string, string> = {}): OAuthError {
  const www: Record<string, string> = usedBasic
    ? { "WWW-Authenticate": challenge("Basic", { realm: context.issuer, error: "invalid_client", error_description: description }) }
    : {};
  return oauthError("invalid_client", description, 401, { ...www, ...headers });
}

/**
 * Identify and authenticate the client of a token-endpoint-style request. Public clients
 * (`none`) identify themselves with client_id only (RFC 6749 §2.3, §3.2.1).
 */
export function authenticateClient(
  context: ServerContext,
  request: Request,
  params: Params,
): AuthenticatedClient | OAuthError {
  const authorization = request.headers.get("authorization");
  const bodyClientId = param(params, "client_id");
  const bodySecret = param(params, "client_secret");

  let basic: BasicCredentials | undefined;
  if (authorization !== null) {
    if (!/^basic /i.test(authorization)) {
      return oauthError("invalid_request", "only the Basic scheme authenticates clients at this endpoint");
    }
    const parsed = parseBasicCredentials(authorization);
    if ("error" in parsed) return parsed;
    basic = parsed;
    // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
    if (bodySecret !== undefined) {
      return oauthError("invalid_request", "the client used more than one authentication method");
    }
    if (bodyClientId !== undefined && bodyClientId !== basic.clientId) {
      return oauthError("invalid_request", "client_id in the body differs from the authenticated client");
    }
  }

  const usedBasic = basic !== undefined;
  const clientId = basic?.clientId ?? bodyClientId;
  // RFC 6749 §5.2: "no client authentication included" is invalid_client (OAUTH-RULES S: 401).
  if (clientId === undefined) return invalidClient(context, "no client authentication included", false);
  const client = findClient(context, clientId);
  if (!client) return invalidClient(context, "client authentication failed: unknown client", usedBasic);

  const method: ClientAuthMethod = usedBasic ? "client_secret_basic" : bodySecret !== undefined ? "client_secret_post" : "none";
  if (method !== client.token_endpoint_auth_method) {
    return invalidClient(
      context,
      `client authentication failed: this client is registered for ${client.token_endpoint_auth_method}, not ${method}`,
      usedBasic,
    );
  }
  if (method === "none") return { client, method };

  const now = context.clock.now();
  const key = `client:${client.client_id}`;
  const retryAfter = context.store.lockedFor(key, now, MAX_FAILED_CLIENT_AUTHENTICATIONS);
  if (retryAfter > 0) {
    return invalidClient(context, `too many failed authentications; try again in ${retryAfter} seconds`, usedBasic, {
      "Retry-After": String(retryAfter),
    });
  }
  const secret = basic?.secret ?? bodySecret ?? "";
  if (!timingSafeEqual(secret, client.client_secret ?? "")) {
    context.store.recordFailure(key, now, FAILED_ATTEMPT_WINDOW);
    return invalidClient(context, "client authentication failed: wrong client secret", usedBasic);
  }
  return { client, method };
}
