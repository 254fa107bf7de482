/**
 * The mock authorization server: one Fetch handler, `(Request) => Promise<Response>`, routing to
 * the endpoints its RFC 8414 metadata publishes.
 */
import type { ServerContext } from "../context";
import { ENDPOINTS } from "../context";
import { oauthError } from "../errors";
import { errorResponse, jsonResponse } from "../http";
import { handleAuthorization } from "./authorize";
import { handleDeviceAuthorization, handleDeviceVerification } from "./device";
import { handleIntrospection } from "./introspect";
import { handleJwks, handleMetadata } from "./metadata";
import { handleRevocation } from "./revoke";
import { handleToken } from "./token";

export type FetchHandler = (request: Request) => Promise<Response>;

type Endpoint = (context: ServerContext, request: Request) => Response | Promise<Response>;

function getOnly(endpoint: (context: ServerContext) => Response): Endpoint {
  return (context, request) =>
    request.method === "GET" || request.method === "HEAD"
      ? endpoint(context)
      : errorResponse(oauthError("invalid_request", `this endpoint accepts only GET and HEAD, not ${request.method}`, 405, { Allow: "GET, HEAD" }));
}

const ROUTES: ReadonlyMap<string, Endpoint> = new Map<string, Endpoint>([
  [ENDPOINTS.metadata, getOnly(handleMetadata)],
  [ENDPOINTS.jwks, getOnly(handleJwks)],
  [ENDPOINTS.authorization, handleAuthorization],
  [ENDPOINTS.token, handleToken],
  [ENDPOINTS.revocation, handleRevocation],
  [ENDPOINTS.introspection, handleIntrospection],
  [ENDPOINTS.deviceAuthorization, handleDeviceAuthorization],
  [ENDPOINTS.deviceVerification, handleDeviceVerification],
]);

/**
 * RFC 9700 §2.6 / OAuth 2.1 §3.1: the authorization endpoint MUST NOT support CORS; the endpoints
 * a browser-based client calls directly may. WWW-Authenticate is exposed so such a client can read
 * it (RFC 9449 §7.1 note).
 */
const CORS_ENDPOINTS = new Set<string>([ENDPOINTS.token, ENDPOINTS.revocation, ENDPOINTS.introspection, ENDPOINTS.deviceAuthorization]);

function corsPreflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Methods": "POST",
      "Access-Control-Allow-Headers": "Authorization, Content-Type",
      "Access-Control-Max-Age": "600",
    },
  });
}

function withCors(response: Response): Response {
  response.headers.set("Access-Control-Allow-Origin", "*");
  response.headers.set("Access-Control-Expose-Headers", "WWW-Authenticate, Retry-After");
  return response;
}

export function createAuthorizationServer(context: ServerContext): FetchHandler {
  return async function authorizationServer(request) {
    try {
      context.store.sweep(context.clock.now(), context.policy.lifetimes.deviceCode);
      const path = new URL(request.url).pathname;
      const endpoint = ROUTES.get(path);
      if (!endpoint) return jsonResponse({ error: "not_found", error_description: `no endpoint at ${path}` }, 404);
      if (CORS_ENDPOINTS.has(path)) {
        return request.method === "OPTIONS" ? corsPreflight() : withCors(await endpoint(context, request));
      }
      return await endpoint(context, request);
    } catch (cause) {
      // RFC 6749 §5.2 has no code for our own bugs beyond server_error; never let one escape.
      console.error("authorization server failed", cause);
      return errorResponse(oauthError("server_error", "the authorization server failed unexpectedly", 500));
    }
  };
}
