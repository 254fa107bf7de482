/**
 * The token endpoint (RFC 6749 §3.2): one POST, dispatched by grant_type to the grant modules.
 */
import { authenticateClient } from "../client-auth";
import type { ServerContext } from "../context";
import type { OAuthError } from "../errors";
import { isOAuthError, oauthError } from "../errors";
import type { Params } from "../http";
import { errorResponse, jsonResponse, param, readFormBody, rejectDuplicates } from "../http";
import { authorizationCodeGrant } from "./grants/authorization-code";
import { clientCredentialsGrant } from "./grants/client-credentials";
import { deviceCodeGrant } from "./grants/device-code";
import { passwordGrant } from "./grants/password";
import { refreshTokenGrant } from "./grants/refresh-token";
import type { GrantType } from "./grants/types";

const GRANT_TYPES: ReadonlyMap<string, GrantType> = new Map(
  [authorizationCodeGrant, refreshTokenGrant, clientCredentialsGrant, passwordGrant, deviceCodeGrant].map((grant) => [grant.grantType, grant]),
);

/** Grant types this server supports under its policy: OAuth 2.1 mode drops password (RFC 9700 §2.4). */
export function supportedGrantTypes(context: ServerContext): string[] {
  return [...GRANT_TYPES.keys()].filter((grantType) => !(grantType === "password" && context.policy.oauth21));
}

/** Parameters every token request may carry once (RFC 6749 §3.2, §2.3.1). */
const COMMON_PARAMETERS = ["grant_type", "client_id", "client_secret"];

function findGrantType(context: ServerContext, params: Params): GrantType | OAuthError {
  const grantType = param(params, "grant_type");
  if (grantType === undefined) return oauthError("invalid_request", "missing required parameter grant_type");
  const grant = GRANT_TYPES.get(grantType);
  if (!grant || !supportedGrantTypes(context).includes(grantType)) {
    return oauthError("unsupported_grant_type", `grant_type ${grantType} is not supported by this server`);
  }
  return grant;
}

export async function handleToken(context: ServerContext, request: Request): Promise<Response> {
  const params = await readFormBody(request);
  if (isOAuthError(params)) return errorResponse(params);
  // RFC 6749 §2.3.1: client credentials never travel in the request URI.
  if (new URL(request.url).searchParams.has("client_secret")) {
    return errorResponse(oauthError("invalid_request", "client_secret must not be sent in the URI query"));
  }
  const duplicate = rejectDuplicates(params, COMMON_PARAMETERS);
  if (duplicate) return errorResponse(duplicate);
  const grant = findGrantType(context, params);
  if (isOAuthError(grant)) return errorResponse(grant);
  const grantDuplicate = rejectDuplicates(params, grant.parameters);
  if (grantDuplicate) return errorResponse(grantDuplicate);

  const authenticated = authenticateClient(context, request, params);
  if (isOAuthError(authenticated)) return errorResponse(authenticated);
  // RFC 6749 §5.2: unauthorized_client when this client may not use this grant type.
  if (!authenticated.client.grant_types.includes(grant.grantType)) {
    return errorResponse(oauthError("unauthorized_client", `this client is not registered for the ${grant.grantType} grant`));
  }
  const result = await grant.handler(context, authenticated, params);
  // RFC 6749 §5.1: 200 with the token response, Cache-Control: no-store and Pragma: no-cache.
  return isOAuthError(result) ? errorResponse(result) : jsonResponse(result);
}
