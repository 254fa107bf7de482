/** Token introspection (RFC 7662). */
import { authenticateClient, parseBasicCredentials } from "../client-auth";
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
      return timingSafeEqual(basic.secret, secret)
        ? { kind: "resource-server" }
        : oauthError("invalid_client", "resource server authentication failed", 401, {
            "WWW-Authenticate": challenge("Basic", { realm: context.issuer, error: "invalid_client" }),
          });
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
