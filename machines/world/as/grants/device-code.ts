/** The device access token request (RFC 8628 §3.4, §3.5). */
import { oauthError } from "../../errors";
import { param } from "../../http";
import { DEVICE_CODE_GRANT } from "../../demo-data";
import { issueTokens } from "../../tokens";
import type { GrantType } from "./types";

export const deviceCodeGrant: GrantType = {
  grantType: DEVICE_CODE_GRANT,
  parameters: ["device_code"],
  async handler(context, { client }, params) {
    const deviceCode = param(params, "device_code");
    if (deviceCode === undefined) return oauthError("invalid_request", "missing required parameter device_code");
    const authorization = context.store.deviceAuthorizations.get(deviceCode);
    if (!authorization) return oauthError("invalid_grant", "device_code is invalid");
    if (authorization.clientId !== client.client_id) return oauthError("invalid_grant", "device_code was issued to another client");
    const now = context.clock.now();

    if (authorization.status === "consumed") {
      // RFC 8628 is silent on reuse; like a reused authorization code (RFC 6749 §10.5), deny and revoke.
      if (authorization.grantId) context.store.revokeGrant(authorization.grantId);
      return oauthError("invalid_grant", "device_code was already used; the tokens issued from it are revoked");
    }
    // RFC 8628 §3.5: expired_token once the device_code has expired.
    if (authorization.expiresAt <= now) return oauthError("expired_token", "the device_code has expired; start over");
    // RFC 8628 §3.5: access_denied once the user said no.
    if (authorization.status === "denied") return oauthError("access_denied", "the user denied the request");
    if (authorization.status === "pending") {
      const previous = authorization.lastPollAt;
      authorization.lastPollAt = now;
      // RFC 8628 §3.5: slow_down — "the interval MUST be increased by 5 seconds for this and all subsequent requests".
      if (previous !== undefined && now - previous < authorization.interval) {
        authorization.interval += 5;
        return oauthError("slow_down", `polling too fast; wait at least ${authorization.interval} seconds between requests`);
      }
      return oauthError("authorization_pending", "the user has not yet approved the request");
    }
    const grant = context.store.grants.get(authorization.grantId!);
    if (!grant || grant.revoked) return oauthError("invalid_grant", "the authorization behind this device_code was revoked");
    authorization.status = "consumed";
    const scope = authorization.grantedScope ?? authorization.scope;
    return issueTokens(context, client, grant, scope, scope);
  },
};
