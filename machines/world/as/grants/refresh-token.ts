/** Refreshing an access token (RFC 6749 §6) with rotation and reuse detection (RFC 9700 §4.14.2). */
import { oauthError } from "../../errors";
import { param } from "../../http";
import { checkNarrowing, parseScope } from "../../scope";
import { issueTokens, rotatesRefreshTokens } from "../../tokens";
import type { GrantType } from "./types";

export const refreshTokenGrant: GrantType = {
  grantType: "refresh_token",
  parameters: ["refresh_token", "scope"],
  async handler(context, { client }, params) {
    const token = param(params, "refresh_token");
    if (token === undefined) return oauthError("invalid_request", "missing required parameter refresh_token");
    const record = context.store.refreshTokens.get(token);
    if (!record || record.exp <= context.clock.now()) return oauthError("invalid_grant", "refresh token is invalid or expired");
    // RFC 6749 §6: the token must have been issued to the authenticated client.
    if (record.clientId !== client.client_id) return oauthError("invalid_grant", "refresh token was issued to another client");
    if (record.rotated) {
      // RFC 9700 §4.14.2: a rotated token presented again means it leaked; revoke the whole family.
      context.store.revokeGrant(record.grantId);
      return oauthError("invalid_grant", "refresh token was already used; every token of this grant is now revoked");
    }
    if (!context.store.isGrantActive(record.grantId)) return oauthError("invalid_grant", "refresh token was revoked");

    // RFC 6749 §6: a requested scope MUST NOT include any scope not originally granted; omitted means the same.
    const requested = param(params, "scope");
    let scope = record.scope;
    if (requested !== undefined) {
      const tokens = parseScope(requested);
      if (!tokens) return oauthError("invalid_scope", "the scope parameter is malformed (RFC 6749 section 3.3)");
      const problem = checkNarrowing(tokens, record.scope, context.scopes);
      if (problem) return oauthError("invalid_scope", `the requested scope exceeds the scope granted by the resource owner: ${problem}`);
      scope = tokens;
    }

    const grant = context.store.grants.get(record.grantId)!;
    const rotate = rotatesRefreshTokens(context, client);
    // RFC 9700 §4.14.2: a new refresh token each time, the old one remembered as used.
    if (rotate) record.rotated = true;
    // OAuth 2.1 §4.3.3: the new refresh token keeps the original scope, not the narrowed one.
    return issueTokens(context, client, grant, scope, rotate ? record.scope : undefined);
  },
};
