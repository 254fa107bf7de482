/**
 * The resource owner password credentials grant (RFC 6749 §4.3). Deprecated: RFC 9700 §2.4 says it
 * MUST NOT be used and OAuth 2.1 removes it; the token endpoint refuses it in OAuth 2.1 mode.
 */
import { oauthError } from "../../errors";
import { param } from "../../http";
import { authenticateResourceOwner } from "../../resource-owner";
import { resolveRequestedScope } from "../../scope";
import { createGrant, issueTokens } from "../../tokens";
import type { GrantType } from "./types";

export const passwordGrant: GrantType = {
  grantType: "password",
  parameters: ["username", "password", "scope"],
  async handler(context, { client }, params) {
    const username = param(params, "username");
    const password = param(params, "password");
    if (username === undefined || password === undefined) {
      return oauthError("invalid_request", "missing required parameter username or password");
    }
    const scope = resolveRequestedScope(param(params, "scope"), client.scope, context.scopes);
    if ("error" in scope) return scope;
    // RFC 6749 §5.2: wrong resource owner credentials are invalid_grant; §4.3.2: resist brute force.
    const login = authenticateResourceOwner(context, username, password);
    if (!login.ok) {
      return oauthError("invalid_grant", login.reason, 400, login.retryAfter ? { "Retry-After": String(login.retryAfter) } : undefined);
    }
    const grant = createGrant(context, client.client_id, login.user.sub);
    return issueTokens(context, client, grant, scope, scope);
  },
};
