/** The client credentials grant (RFC 6749 §4.4): a confidential client acting on its own behalf. */
import { isPublicClient } from "../../context";
import { oauthError } from "../../errors";
import { param } from "../../http";
import { resolveRequestedScope } from "../../scope";
import { createGrant, issueTokens } from "../../tokens";
import type { GrantType } from "./types";

export const clientCredentialsGrant: GrantType = {
  grantType: "client_credentials",
  parameters: ["scope"],
  async handler(context, { client }, params) {
    // RFC 6749 §4.4: "The client credentials grant type MUST only be used by confidential clients."
    if (isPublicClient(client)) return oauthError("unauthorized_client", "only confidential clients may use client_credentials");
    const scope = resolveRequestedScope(param(params, "scope"), client.scope, context.scopes);
    if ("error" in scope) return scope;
    // RFC 9068 §2.2: sub identifies the client itself when no resource owner is involved.
    const grant = createGrant(context, client.client_id, client.client_id);
    // RFC 6749 §4.4.3: "A refresh token SHOULD NOT be included."
    return issueTokens(context, client, grant, scope, undefined);
  },
};
