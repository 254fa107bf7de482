/** Token revocation (RFC 7009). */
import { authenticateClient } from "../client-auth";
import type { ServerContext } from "../context";
import { isOAuthError, oauthError } from "../errors";
import { errorResponse, NO_STORE, param, readFormBody, rejectDuplicates } from "../http";

export async function handleRevocation(context: ServerContext, request: Request): Promise<Response> {
  const params = await readFormBody(request);
  if (isOAuthError(params)) return errorResponse(params);
  const duplicate = rejectDuplicates(params, ["token", "token_type_hint", "client_id", "client_secret"]);
  if (duplicate) return errorResponse(duplicate);
  // RFC 7009 §2.1: the server first validates the client's credentials.
  const authenticated = authenticateClient(context, request, params);
  if (isOAuthError(authenticated)) return errorResponse(authenticated);
  const token = param(params, "token");
  if (token === undefined) return errorResponse(oauthError("invalid_request", "missing required parameter token"));

  // RFC 7009 §2.1: a wrong or unknown token_type_hint is ignored; every token type is searched.
  const { store } = context;
  const accessToken = store.accessTokens.get(token);
  const refreshToken = store.refreshTokens.get(token);
  const owner = accessToken?.clientId ?? refreshToken?.clientId;
  // RFC 7009 §2.1: the server checks the token was issued to the client making the request, and refuses otherwise.
  if (owner !== undefined && owner !== authenticated.client.client_id) {
    return errorResponse(oauthError("invalid_request", "the token was not issued to this client"));
  }
  // RFC 7009 §2.1: revoking a refresh token SHOULD also invalidate the access tokens of its grant.
  if (refreshToken) store.revokeGrant(refreshToken.grantId);
  // RFC 7009 §2.1: revoking an access token MAY leave the refresh token alone; here it does.
  if (accessToken) accessToken.revoked = true;
  // RFC 7009 §2.2: 200 whether or not the token was valid — invalid tokens cause no error.
  return new Response(null, { status: 200, headers: NO_STORE });
}
