/** Token introspection (RFC 7662). */
import { authenticateClient, FAILED_ATTEMPT_WINDOW, MAX_FAILED_CLIENT_AUTHENTICATIONS, parseBasicCredentials } from "../client-auth";
import type { ServerContext } from "../context";
import { isPublicClient } from "../context";
import type { OAuthError } from "../errors";
import { isOAuthError, oauthError } from "../errors";
import type { Params } from "../http";
import { challenge, errorResponse, jsonResponse, param, readFormBody, rejectDuplicates } from "../http";
import { timingSafeEqual } from "../pkce";
import { formatScope } from "../scope";
import { findActiveAccessToken, findActiveRefreshToken } from "../tokens";

type Caller = { kind: "client"; clientId: string } | { kind: "resource-server" };

/**
 * RFC 7662 §2.1: "the endpoint MUST also require some form of authorization". Confidential
 * clients authenticate as at the token endpoint; the resource server has its own credentials.
 */
function authorizeCaller(context: ServerContext, request: Request, params: Params): Caller | OAuthError {
  const authorization = request.headers.get("authorization");
  const { id, secret } = context.resourceServerCredentials;
  if (authorization !== null && /^basic /i.test(authorization)) {
    const basic = parseBasicCredentials(authorization);
    if (!isOAuthError(basic) && basic.clientId === id) {
      // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request."
      const bodyClientId = param(params, "client_id");
      if (param(params, "client_secret") !== undefined || (bodyClientId !== undefined && bodyClientId !== id)) {
        return oauthError("invalid_request", "the caller used more than one authentication method");
      }
      // RFC 6749 §2.3.1: the resource server's secret is protected against brute force like a client's.
      const www = { "WWW-Authenticate": challenge("Basic", { realm: context.issuer, error: "invalid_client" }) };
      const now = context.clock.now();
      const key = `client:${id}`;
      const retryAfter = context.store.lockedFor(key, now, MAX_FAILED_CLIENT_AUTHENTICATIONS);
      if (retryAfter > 0) {
        return oauthError("invalid_client", `too many failed authentications; try again in ${retryAfter} seconds`, 401, { ...www, "Retry-After": String(retryAfter) });
      }
      if (timingSafeEqual(basic.secret, secret)) return { kind: "resource-server" };
      context.store.recordFailure(key, now, FAILED_ATTEMPT_WINDOW);
      return oauthError("invalid_client", "resource server authentication failed", 401, www);
    }
  }
  const authenticated = authenticateClient(context, request, params);
  if (isOAuthError(authenticated)) return authenticated;
  if (isPublicClient(authenticated.client)) {
    return oauthError("invalid_client", "introspection requires a confidential client's credentials", 401);
  }
  return { kind: "client", clientId: authenticated.client.client_id };
}

export async function handleIntrospection(context: ServerContext, request: Request): Promise<Response> {
  const params = await readFormBody(request);
  if (isOAuthError(params)) return errorResponse(params);
  const duplicate = rejectDuplicates(params, ["token", "token_type_hint", "client_id", "client_secret"]);
  if (duplicate) return errorResponse(duplicate);
  const caller = authorizeCaller(context, request, params);
  if (isOAuthError(caller)) return errorResponse(caller);
  const token = param(params, "token");
  if (token === undefined) return errorResponse(oauthError("invalid_request", "missing required parameter token"));

  // RFC 7662 §2.2: a client sees only its own tokens; the resource server sees the tokens meant for it.
  const maySee = (clientId: string) => caller.kind === "resource-server" || caller.clientId === clientId;
  const accessToken = findActiveAccessToken(context, token);
  if (accessToken && maySee(accessToken.clientId)) {
    return jsonResponse({
      active: true,
      scope: formatScope(accessToken.scope),
      client_id: accessToken.clientId,
      username: context.users.find((user) => user.sub === accessToken.sub)?.username,
      token_type: "Bearer",
      exp: accessToken.exp,
      iat: accessToken.iat,
      sub: accessToken.sub,
      aud: context.resourceServer,
      iss: context.issuer,
      jti: accessToken.jti,
    });
  }
  const refreshToken = caller.kind === "client" ? findActiveRefreshToken(context, token) : undefined;
  if (refreshToken && maySee(refreshToken.clientId)) {
    return jsonResponse({
      active: true,
      scope: formatScope(refreshToken.scope),
      client_id: refreshToken.clientId,
      token_type: "refresh_token",
      exp: refreshToken.exp,
      sub: refreshToken.sub,
      iss: context.issuer,
    });
  }
  // RFC 7662 §2.2: inactive, unknown, or not yours — {"active": false} and nothing more.
  return jsonResponse({ active: false });
}
