/**
 * The device authorization grant's two endpoints on the authorization server (RFC 8628): the
 * device authorization endpoint the device calls (§3.1–§3.2) and the verification page the user
 * opens on another device (§3.3).
 */
import { authenticateClient } from "../client-auth";
import type { ServerContext } from "../context";
import { ENDPOINTS, findClient, randomToken } from "../context";
import { DEVICE_CODE_GRANT } from "../demo-data";
import { isOAuthError, oauthError } from "../errors";
import type { Params } from "../http";
import { errorResponse, htmlResponse, jsonResponse, param, parseParams, readBrowserForm, readFormBody, rejectDuplicates } from "../http";
import { authenticateResourceOwner } from "../resource-owner";
import { resolveRequestedScope } from "../scope";
import type { DeviceAuthorization } from "../store";
import { createGrant } from "../tokens";
import { readGrantedScope } from "./authorize";
import { deviceResultPage, deviceVerificationPage } from "./pages";

/** RFC 8628 §6.1: base-20, no vowels, no digits — hard to misread, hard to spell words with. */
export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";

/** RFC 8628 §6.1: compare user codes case-insensitively and without the dash or spaces. */
export function normalizeUserCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z]/g, "");
}

function formatUserCode(normalized: string): string {
  return `${normalized.slice(0, 4)}-${normalized.slice(4)}`;
}

/** RFC 8628 §3.1–§3.2: issue device_code, user_code and where the user should go. */
export async function handleDeviceAuthorization(context: ServerContext, request: Request): Promise<Response> {
  const params = await readFormBody(request);
  if (isOAuthError(params)) return errorResponse(params);
  const duplicate = rejectDuplicates(params, ["client_id", "client_secret", "scope"]);
  if (duplicate) return errorResponse(duplicate);
  const authenticated = authenticateClient(context, request, params);
  if (isOAuthError(authenticated)) return errorResponse(authenticated);
  const { client } = authenticated;
  if (!client.grant_types.includes(DEVICE_CODE_GRANT)) {
    return errorResponse(oauthError("unauthorized_client", "this client is not registered for the device authorization grant"));
  }
  const scope = resolveRequestedScope(param(params, "scope"), client.scope, context.scopes);
  if (isOAuthError(scope)) return errorResponse(scope);

  const deviceCode = randomToken(context);
  let userCode = context.random.string(8, USER_CODE_ALPHABET);
  while (context.store.userCodes.has(userCode)) userCode = context.random.string(8, USER_CODE_ALPHABET);
  const lifetime = context.policy.lifetimes.deviceCode;
  const authorization: DeviceAuthorization = {
    deviceCode,
    userCode,
    clientId: client.client_id,
    scope,
    expiresAt: context.clock.now() + lifetime,
    interval: context.policy.deviceInterval,
    lastPollAt: undefined,
    status: "pending",
    sub: undefined,
    grantedScope: undefined,
    grantId: undefined,
  };
  context.store.deviceAuthorizations.set(deviceCode, authorization);
  context.store.userCodes.set(userCode, deviceCode);
  const verificationUri = `${context.issuer}${ENDPOINTS.deviceVerification}`;
  const displayed = formatUserCode(userCode);
  return jsonResponse({
    device_code: deviceCode,
    user_code: displayed,
    verification_uri: verificationUri,
    verification_uri_complete: `${verificationUri}?user_code=${encodeURIComponent(displayed)}`,
    expires_in: lifetime,
    interval: context.policy.deviceInterval,
  });
}

type Lookup = { authorization: DeviceAuthorization } | { problem: string };

function findPendingAuthorization(context: ServerContext, userCode: string | undefined): Lookup {
  if (userCode === undefined) return { problem: "enter the code shown on your device" };
  const deviceCode = context.store.userCodes.get(normalizeUserCode(userCode));
  const authorization = deviceCode ? context.store.deviceAuthorizations.get(deviceCode) : undefined;
  if (!authorization) return { problem: "that code is not valid; check the code on your device" };
  if (authorization.expiresAt <= context.clock.now()) return { problem: "that code has expired; start again on your device" };
  if (authorization.status !== "pending") return { problem: "that code has already been used" };
  return { authorization };
}

function verificationPage(context: ServerContext, params: Params, status: number, message?: string): Response {
  const userCode = param(params, "user_code");
  const lookup = findPendingAuthorization(context, userCode);
  const found = "authorization" in lookup ? lookup.authorization : undefined;
  return htmlResponse(
    deviceVerificationPage({
      action: `${context.issuer}${ENDPOINTS.deviceVerification}`,
      userCode,
      client: found ? findClient(context, found.clientId) : undefined,
      scopes: found?.scope,
      username: param(params, "username"),
      message: message ?? (userCode !== undefined && "problem" in lookup ? lookup.problem : undefined),
    }),
    status,
  );
}

/** RFC 8628 §3.3: the user enters (or confirms) the user_code, signs in and decides. */
export async function handleDeviceVerification(context: ServerContext, request: Request): Promise<Response> {
  if (request.method === "GET") return verificationPage(context, parseParams(new URL(request.url).search), 200);
  if (request.method !== "POST") {
    return htmlResponse(deviceVerificationPage({ action: `${context.issuer}${ENDPOINTS.deviceVerification}`, message: `use GET or POST, not ${request.method}` }), 405);
  }
  const params = await readBrowserForm(request);
  if (!params) {
    return htmlResponse(deviceVerificationPage({ action: `${context.issuer}${ENDPOINTS.deviceVerification}`, message: "the form must be posted as application/x-www-form-urlencoded, within 64 KiB" }), 400);
  }
  const lookup = findPendingAuthorization(context, param(params, "user_code"));
  if ("problem" in lookup) return verificationPage(context, params, 400, lookup.problem);
  const { authorization } = lookup;
  const client = findClient(context, authorization.clientId)!;

  const decision = params.get("decision");
  if (decision?.length !== 1 || (decision[0] !== "allow" && decision[0] !== "deny")) {
    return verificationPage(context, params, 400, "choose Allow or Deny");
  }
  // Unlike a consent page, a deny here changes server state (the device's login is cancelled), so
  // only a signed-in person may give either answer.
  const login = authenticateResourceOwner(context, param(params, "username"), param(params, "password"));
  if (!login.ok) return verificationPage(context, params, login.retryAfter ? 429 : 400, login.reason);
  if (decision[0] === "deny") {
    // RFC 8628 §3.5: the device's next poll gets access_denied.
    authorization.status = "denied";
    return htmlResponse(deviceResultPage(false, client));
  }
  const granted = readGrantedScope(context, params, authorization.scope);
  if (typeof granted === "string") return verificationPage(context, params, 400, granted);

  const grant = createGrant(context, client.client_id, login.user.sub);
  context.store.touchGrant(grant.id, authorization.expiresAt);
  authorization.status = "approved";
  authorization.sub = login.user.sub;
  authorization.grantedScope = granted;
  authorization.grantId = grant.id;
  return htmlResponse(deviceResultPage(true, client));
}
