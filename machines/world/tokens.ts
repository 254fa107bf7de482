/**
 * Issuing and looking up tokens: RFC 9068 JWT access tokens (or opaque ones), refresh tokens, and
 * the token response of RFC 6749 §5.1.
 */
import { decodeJwt, SignJWT } from "jose";
import type { ServerContext } from "./context";
import { isPublicClient, randomToken } from "./context";
import type { ClientMetadata } from "./demo-data";
import { DEMO_SIGNING_KEY } from "./demo-signing-key";
import { formatScope } from "./scope";
import type { AccessTokenRecord, Grant, RefreshTokenRecord } from "./store";

export const SIGNING_KEY_ID = DEMO_SIGNING_KEY.kid;

/** The public half of the demo key, as the JWKS endpoint publishes it (RFC 7517 §5). */
export { DEMO_PUBLIC_JWK as PUBLIC_JWK } from "./demo-signing-key";

/** RFC 6749 §5.1: the successful token response. */
export interface TokenResponse {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token?: string;
  scope: string;
}

export function createGrant(context: ServerContext, clientId: string, sub: string): Grant {
  const grant: Grant = { id: randomToken(context, 16), clientId, sub, revoked: false, keepUntil: context.clock.now() };
  context.store.grants.set(grant.id, grant);
  return grant;
}

/**
 * RFC 9068 §2: a JWT access token with typ "at+jwt", signed RS256, carrying iss, sub, aud, exp,
 * iat, jti, client_id and scope. With the opaque policy the token is a random string the resource
 * server must introspect (RFC 7662).
 */
export async function issueAccessToken(
  context: ServerContext,
  grant: Grant,
  scope: readonly string[],
): Promise<{ token: string; record: AccessTokenRecord }> {
  const iat = context.clock.now();
  const exp = iat + context.policy.lifetimes.accessToken;
  const jti = randomToken(context, 16);
  const record: AccessTokenRecord = {
    jti,
    clientId: grant.clientId,
    sub: grant.sub,
    scope,
    iat,
    exp,
    grantId: grant.id,
    revoked: false,
  };
  const token =
    context.policy.accessTokenFormat === "jwt"
      ? await new SignJWT({ client_id: grant.clientId, scope: formatScope(scope) })
          .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: SIGNING_KEY_ID })
          .setIssuer(context.issuer)
          .setSubject(grant.sub)
          .setAudience(context.resourceServer)
          .setIssuedAt(iat)
          .setExpirationTime(exp)
          .setJti(jti)
          .sign(context.signingKey)
      : randomToken(context);
  context.store.accessTokens.set(token, record);
  context.store.touchGrant(grant.id, exp);
  return { token, record };
}

export function issueRefreshToken(context: ServerContext, grant: Grant, scope: readonly string[]): string {
  const token = randomToken(context);
  const exp = context.clock.now() + context.policy.lifetimes.refreshToken;
  const record: RefreshTokenRecord = { clientId: grant.clientId, sub: grant.sub, scope, grantId: grant.id, exp, rotated: false };
  context.store.refreshTokens.set(token, record);
  context.store.touchGrant(grant.id, exp);
  return token;
}

/** RFC 9700 §4.14.2: public clients' refresh tokens rotate (unless the policy says otherwise). */
export function rotatesRefreshTokens(context: ServerContext, client: ClientMetadata): boolean {
  const rotation = context.policy.refreshTokenRotation;
  return rotation === "all" || (rotation === "public" && isPublicClient(client));
}

/** RFC 6749 §1.5: refresh tokens go only to clients registered for the refresh_token grant. */
export function mayReceiveRefreshToken(client: ClientMetadata): boolean {
  return client.grant_types.includes("refresh_token");
}

/**
 * Issue the tokens of one successful grant and shape the RFC 6749 §5.1 response. `scope` is
 * always returned (OAuth 2.1 §3.2.3 RECOMMENDS it; RFC 6749 §5.1 requires it when it differs).
 * A refresh token is issued, with `refreshTokenScope`, when that is given and the client is
 * registered for refresh tokens.
 */
export async function issueTokens(
  context: ServerContext,
  client: ClientMetadata,
  grant: Grant,
  scope: readonly string[],
  refreshTokenScope: readonly string[] | undefined,
): Promise<TokenResponse> {
  const { token } = await issueAccessToken(context, grant, scope);
  const response: TokenResponse = {
    access_token: token,
    token_type: "Bearer",
    expires_in: context.policy.lifetimes.accessToken,
    scope: formatScope(scope),
  };
  if (refreshTokenScope && mayReceiveRefreshToken(client)) {
    response.refresh_token = issueRefreshToken(context, grant, refreshTokenScope);
  }
  return response;
}

/** An access token is active while it is unexpired, unrevoked and its grant stands. */
export function findActiveAccessToken(context: ServerContext, token: string): AccessTokenRecord | undefined {
  const record = context.store.accessTokens.get(token);
  if (!record || record.revoked || record.exp <= context.clock.now() || !context.store.isGrantActive(record.grantId)) {
    return undefined;
  }
  return record;
}

export function findActiveRefreshToken(context: ServerContext, token: string): RefreshTokenRecord | undefined {
  const record = context.store.refreshTokens.get(token);
  if (!record || record.rotated || record.exp <= context.clock.now() || !context.store.isGrantActive(record.grantId)) {
    return undefined;
  }
  return record;
}

/** The jti of a JWT, without verifying it; undefined for anything that is not a JWT. */
export function peekJti(token: string): string | undefined {
  try {
    const { jti } = decodeJwt(token);
    return typeof jti === "string" ? jti : undefined;
  } catch {
    return undefined;
  }
}
