/** The authorization code grant's token request (RFC 6749 §4.1.3) with PKCE (RFC 7636 §4.5–§4.6). */
import type { ServerContext } from "../../context";
import { oauthError } from "../../errors";
import type { OAuthError } from "../../errors";
import { param } from "../../http";
import { isWellFormedPkceValue, verifyCodeVerifier } from "../../pkce";
import type { AuthorizationCode } from "../../store";
import { issueTokens } from "../../tokens";
import type { GrantType } from "./types";

/** RFC 7636 §4.6, RFC 9700 §4.8.2: the verifier must match the challenge bound to the code. */
async function checkCodeVerifier(context: ServerContext, code: AuthorizationCode, verifier: string | undefined): Promise<OAuthError | undefined> {
  if (context.policy.pkce === "off") return undefined;
  if (code.codeChallenge === undefined) {
    // RFC 9700 §4.8.2 (PKCE downgrade): a verifier for a code issued without a challenge is refused;
    // OAuth 2.1 §3.2.4 names the error invalid_request.
    return verifier === undefined
      ? undefined
      : oauthError("invalid_request", "code_verifier sent, but the authorization request had no code_challenge");
  }
  if (verifier === undefined) return oauthError("invalid_grant", "code_verifier required: the authorization request had a code_challenge");
  // RFC 7636 §4.1: code-verifier = 43*128unreserved.
  if (!isWellFormedPkceValue(verifier)) {
    return oauthError("invalid_request", "code_verifier must be 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]");
  }
  const matches = await verifyCodeVerifier(verifier, code.codeChallenge, code.codeChallengeMethod ?? "plain");
  return matches ? undefined : oauthError("invalid_grant", `code_verifier does not match the ${code.codeChallengeMethod} code_challenge`);
}

/**
 * RFC 6749 §4.1.3: redirect_uri is required when the authorization request included it, and when
 * sent it must be identical to where the code was delivered.
 */
function checkRedirectUri(context: ServerContext, code: AuthorizationCode, redirectUri: string | undefined): OAuthError | undefined {
  if (redirectUri === undefined) {
    // OAuth 2.1 §4.1.3 dropped redirect_uri from the token request; RFC 6749 §4.1.3 requires it.
    return code.redirectUriSent && !context.policy.oauth21 ? oauthError("invalid_request", "missing required parameter redirect_uri") : undefined;
  }
  return redirectUri === code.redirectUri ? undefined : oauthError("invalid_grant", "redirect_uri does not match the authorization request");
}

export const authorizationCodeGrant: GrantType = {
  grantType: "authorization_code",
  parameters: ["code", "redirect_uri", "code_verifier"],
  async handler(context, { client }, params) {
    const codeValue = param(params, "code");
    if (codeValue === undefined) return oauthError("invalid_request", "missing required parameter code");
    const code = context.store.codes.get(codeValue);
    // RFC 6749 §5.2: invalid, expired or revoked codes are invalid_grant.
    if (!code) return oauthError("invalid_grant", "authorization code is invalid");
    if (code.clientId !== client.client_id) return oauthError("invalid_grant", "authorization code was issued to another client");
    const rejection = checkRedirectUri(context, code, param(params, "redirect_uri")) ?? (await checkCodeVerifier(context, code, param(params, "code_verifier")));
    if (rejection) return rejection;
    if (code.consumed) {
      // RFC 6749 §4.1.2, §10.5; OAuth 2.1 §7.5.2: deny a second use and revoke what the code yielded —
      // only now, after the replay proved otherwise valid, so a forged replay cannot revoke anything.
      context.store.revokeGrant(code.grantId);
      return oauthError("invalid_grant", "authorization code was already used; the tokens issued from it are revoked");
    }
    if (code.expiresAt <= context.clock.now()) return oauthError("invalid_grant", "authorization code is expired");
    if (!context.store.isGrantActive(code.grantId)) return oauthError("invalid_grant", "the authorization behind this code was revoked");
    code.consumed = true;
    const grant = context.store.grants.get(code.grantId)!;
    return issueTokens(context, client, grant, code.scope, code.scope);
  },
};
