/**
 * The mock resource server (RFC 6750): bearer tokens in the Authorization header, JWT access
 * tokens verified against the authorization server's JWKS (RFC 9068 §4), opaque ones introspected
 * (RFC 7662), and every endpoint guarded by one scope.
 */
import type { JWTPayload } from "jose";
import { createLocalJWKSet, errors as joseErrors, jwtVerify } from "jose";
import type { Clock } from "../clock";
import type { DemoUser, Resource } from "../demo-data";
import { demoResourceBody } from "../demo-data";
import { challenge, jsonResponse } from "../http";
import { parseScope, scopesCover } from "../scope";
import type { FetchHandler } from "../as";

export interface ResourceServerOptions {
  readonly origin: string;
  readonly issuer: string;
  readonly jwksUri: string;
  readonly introspectionEndpoint: string;
  readonly credentials: { readonly id: string; readonly secret: string };
  readonly resources: readonly Resource[];
  readonly users: readonly DemoUser[];
  readonly clock: Clock;
  /** Reaches the authorization server (the world's fetch). */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /**
   * Whether the authorization server still considers a token active. A JWT carries no revocation
   * state, so this resource server checks the authorization server's revocation list as well, as
   * deployments that need immediate revocation do (RFC 9068 §5 leaves this to the deployment).
   */
  readonly isActive: (token: string) => boolean;
}

/** What a valid token tells the resource server. */
interface TokenInfo {
  readonly sub: string;
  readonly client_id: string;
  readonly scope: readonly string[];
}

type Verdict = TokenInfo | { readonly invalid: string };

/** RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
const BEARER_CREDENTIALS = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

export function createResourceServer(options: ResourceServerOptions): FetchHandler {
  let jwks: ReturnType<typeof createLocalJWKSet> | undefined;
  const realm = options.origin;

  async function keySet(): Promise<ReturnType<typeof createLocalJWKSet>> {
    if (!jwks) {
      const response = await options.fetch(options.jwksUri);
      jwks = createLocalJWKSet(await response.json());
    }
    return jwks;
  }

  /** RFC 9068 §4: validate a JWT access token; any failure is invalid_token. */
  async function verifyJwt(token: string): Promise<Verdict> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keySet(), {
        issuer: options.issuer,
        audience: options.origin,
        typ: "at+jwt",
        algorithms: ["RS256"],
        currentDate: new Date(options.clock.now() * 1000),
        requiredClaims: ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"],
      }));
    } catch (error) {
      return { invalid: describeJwtFailure(error) };
    }
    if (!options.isActive(token)) return { invalid: "the access token has been revoked, or was never issued by this authorization server" };
    return {
      sub: String(payload.sub),
      client_id: String(payload.client_id),
      scope: parseScope(typeof payload.scope === "string" ? payload.scope : "") ?? [],
    };
  }

  /** RFC 7662 §2.1: ask the authorization server about an opaque token. */
  async function introspect(token: string): Promise<Verdict> {
    const { id, secret } = options.credentials;
    const response = await options.fetch(options.introspectionEndpoint, {
      method: "POST",
      headers: {
        Authorization: `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`,
        "Content-Type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams({ token, token_type_hint: "access_token" }),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status !== 200 || body.active !== true) return { invalid: "the access token is not active" };
    // RFC 9700 §2.3: refuse tokens not meant for this resource server.
    if (body.aud !== options.origin) return { invalid: "the access token is not meant for this resource server" };
    return {
      sub: String(body.sub),
      client_id: String(body.client_id),
      scope: parseScope(typeof body.scope === "string" ? body.scope : "") ?? [],
    };
  }

  /** RFC 6750 §3: the error goes in the WWW-Authenticate challenge; the body repeats it for the learner. */
  function bearerError(status: 400 | 401 | 403, error: string, description: string, scope?: string): Response {
    return jsonResponse({ error, error_description: description }, status, {
      "WWW-Authenticate": challenge("Bearer", { realm, error, error_description: description, scope }),
    });
  }

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const candidates = options.resources.filter((resource) => resource.path === url.pathname);
    if (candidates.length === 0) return jsonResponse({ error: "not_found", error_description: `no resource at ${url.pathname}` }, 404);
    const resource = candidates.find((candidate) => candidate.method === request.method);
    if (!resource) {
      return jsonResponse({ error: "method_not_allowed", error_description: `${request.method} is not allowed here` }, 405, {
        Allow: candidates.map((candidate) => candidate.method).join(", "),
      });
    }

    const authorization = request.headers.get("authorization");
    // RFC 6750 §3.1: a request without credentials, or with another scheme, gets a challenge without an error code.
    if (authorization === null || !/^bearer(\s|$)/i.test(authorization)) {
      const queryNote = url.searchParams.has("access_token")
        ? " (an access_token in the query string is ignored: OAuth 2.1 section 5.1)"
        : "";
      return jsonResponse({ error_description: `authentication required: send an access token as Authorization: Bearer${queryNote}` }, 401, {
        "WWW-Authenticate": challenge("Bearer", { realm }),
      });
    }
    const match = BEARER_CREDENTIALS.exec(authorization);
    // RFC 6750 §3.1: a malformed request is invalid_request, 400.
    if (!match) {
      return bearerError(400, "invalid_request", "the Authorization header is not Bearer <token>");
    }
    const token = match[1]!;
    const verdict = token.split(".").length === 3 ? await verifyJwt(token) : await introspect(token);
    if ("invalid" in verdict) {
      // RFC 6750 §3.1: expired, revoked, malformed or otherwise invalid → 401 invalid_token.
      return bearerError(401, "invalid_token", verdict.invalid);
    }
    // RFC 6750 §3.1: a valid token without the needed scope → 403 insufficient_scope with the scope needed.
    if (!scopesCover(verdict.scope, [resource.scope])) {
      return bearerError(403, "insufficient_scope", `this endpoint needs the scope ${resource.scope}`, resource.scope);
    }
    return jsonResponse(demoResourceBody(resource, verdict, options.users));
  }

  return async function resourceServer(request) {
    try {
      if (request.method === "OPTIONS") {
        return new Response(null, {
          status: 204,
          headers: {
            "Access-Control-Allow-Origin": "*",
            "Access-Control-Allow-Methods": "GET, POST, PUT",
            "Access-Control-Allow-Headers": "Authorization, Content-Type",
          },
        });
      }
      const response = await handle(request);
      response.headers.set("Access-Control-Allow-Origin", "*");
      response.headers.set("Access-Control-Expose-Headers", "WWW-Authenticate");
      return response;
    } catch (cause) {
      console.error("resource server failed", cause);
      return jsonResponse({ error: "server_error", error_description: "the resource server failed unexpectedly" }, 500);
    }
  };
}

/** Say why a JWT was refused, in the words a learner can act on. */
function describeJwtFailure(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "the access token expired";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return "the access token signature does not verify";
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === "aud") return "the access token is not meant for this resource server";
    if (error.claim === "iss") return "the access token was not issued by the expected authorization server";
    if (error.claim === "typ") return "the token is not an access token (typ must be at+jwt)";
    return `the access token claim ${error.claim} is invalid`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return "the access token is not signed with RS256";
  if (error instanceof joseErrors.JWKSNoMatchingKey) return "the access token is signed with an unknown key";
  return "the access token is malformed";
}
