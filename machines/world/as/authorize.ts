/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1–§4.1.2, §4.2.1–§4.2.2) with PKCE (RFC 7636)
 * and the iss response parameter (RFC 9207).
 *
 * GET shows the login and consent page; POST carries the request's own parameters plus the
 * person's `username`, `password`, `decision` and optional `granted_scope`.
 */
import type { ServerContext } from "../context";
import { ENDPOINTS, findClient, isPublicClient, randomToken } from "../context";
import type { ClientMetadata } from "../demo-data";
import type { OAuthError } from "../errors";
import { oauthError } from "../errors";
import type { Params } from "../http";
import { findDuplicates, htmlResponse, param, parseParams, readBrowserForm, redirectResponse } from "../http";
import type { CodeChallengeMethod } from "../pkce";
import { isWellFormedPkceValue } from "../pkce";
import { authenticateResourceOwner } from "../resource-owner";
import { checkNarrowing, formatScope, parseScope, resolveRequestedScope } from "../scope";
import { createGrant, issueAccessToken } from "../tokens";
import { consentPage, errorPage } from "./pages";

/** The authorization request's own parameters (RFC 6749 §4.1.1, §4.2.1; RFC 7636 §4.3). */
const REQUEST_PARAMETERS = [
  "response_type",
  "client_id",
  "redirect_uri",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
] as const;

type ResponseMode = "query" | "fragment";

export interface AuthorizationRequest {
  readonly client: ClientMetadata;
  /** Where the response goes: the redirect_uri as sent, or the single registered one. */
  readonly redirectTo: string;
  /** The redirect_uri parameter exactly as sent, which the code is bound to (RFC 6749 §4.1.3). */
  readonly redirectUriParameter: string | undefined;
  readonly responseType: "code" | "token";
  readonly scope: readonly string[];
  readonly state: string | undefined;
  readonly codeChallenge: string | undefined;
  readonly codeChallengeMethod: CodeChallengeMethod | undefined;
}

type Validation =
  | { readonly kind: "valid"; readonly request: AuthorizationRequest }
  /** RFC 6749 §4.1.2.1: the client or redirect URI cannot be trusted — tell the user, never redirect. */
  | { readonly kind: "untrusted"; readonly error: OAuthError }
  | { readonly kind: "redirect"; readonly error: OAuthError; readonly redirectTo: string; readonly state: string | undefined; readonly mode: ResponseMode };

/**
 * RFC 9700 §2.1, §4.1.3: redirect URIs match by exact string comparison. RFC 8252 §7.3, OAuth 2.1
 * §8.4.2: a loopback redirect URI may use any port.
 */
export function matchesRegisteredRedirectUri(candidate: string, registered: string): boolean {
  if (candidate === registered) return true;
  const loopback = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::(\d{1,5}))?(\/.*)?$/;
  const want = loopback.exec(registered);
  const got = loopback.exec(candidate);
  const validPort = got?.[2] === undefined || Number(got[2]) <= 65535;
  return want !== null && got !== null && validPort && want[1] === got[1] && (want[3] ?? "") === (got[3] ?? "");
}

/** RFC 6749 §4.1.2.1: decide first whether the client and its redirect URI can be trusted. */
function checkClientAndRedirectUri(
  context: ServerContext,
  params: Params,
): { client: ClientMetadata; redirectTo: string; redirectUriParameter: string | undefined } | OAuthError {
  const duplicated = findDuplicates(params, ["client_id", "redirect_uri"]);
  if (duplicated.length > 0) {
    return oauthError("invalid_request", `parameters must not be provided more than once: ${duplicated.join(", ")}`);
  }
  const clientId = param(params, "client_id");
  if (clientId === undefined) return oauthError("invalid_request", "missing required parameter client_id");
  const client = findClient(context, clientId);
  if (!client) return oauthError("invalid_client", "unknown client_id");
  if (client.redirect_uris.length === 0) {
    return oauthError("unauthorized_client", "this client has no redirect URIs and cannot use the authorization endpoint");
  }
  const redirectUri = param(params, "redirect_uri");
  if (redirectUri === undefined) {
    // RFC 6749 §3.1.2.3, OAuth 2.1 §2.3.2: optional only when exactly one redirect URI is registered.
    if (client.redirect_uris.length !== 1) {
      return oauthError("invalid_request", "missing required parameter redirect_uri (the client registered several)");
    }
    return { client, redirectTo: client.redirect_uris[0]!, redirectUriParameter: undefined };
  }
  if (!client.redirect_uris.some((registered) => matchesRegisteredRedirectUri(redirectUri, registered))) {
    return oauthError("invalid_redirect_uri", "redirect_uri did not match any of the client's registered redirect_uris");
  }
  return { client, redirectTo: redirectUri, redirectUriParameter: redirectUri };
}

/** RFC 6749 §3.1.1: response_type is code, or token where the implicit grant is still allowed. */
function checkResponseType(context: ServerContext, params: Params, client: ClientMetadata): "code" | "token" | OAuthError {
  const responseType = param(params, "response_type");
  if (responseType === undefined) return oauthError("invalid_request", "missing required parameter response_type");
  if (responseType !== "code" && responseType !== "token") {
    return oauthError("unsupported_response_type", `response_type ${responseType} is not supported`);
  }
  // OAuth 2.1 §10.1, RFC 9700 §2.1.2: the implicit grant is gone in OAuth 2.1.
  if (responseType === "token" && context.policy.oauth21) {
    return oauthError("unsupported_response_type", "the implicit grant (response_type=token) is not supported in OAuth 2.1");
  }
  // RFC 6749 §4.1.2.1: unauthorized_client when this client may not use this response type.
  if (!client.response_types.includes(responseType)) {
    return oauthError("unauthorized_client", `this client is not registered for response_type=${responseType}`);
  }
  return responseType;
}

/** RFC 7636 §4.3, §4.4.1; RFC 9700 §2.1.1; OAuth 2.1 §4.1.2.1. */
function checkCodeChallenge(
  context: ServerContext,
  params: Params,
  client: ClientMetadata,
): { codeChallenge?: string; codeChallengeMethod?: CodeChallengeMethod } | OAuthError {
  // With PKCE off the server behaves as one that never implemented RFC 7636: the parameters are
  // unrecognized and so ignored (RFC 6749 §3.1). This is the vulnerable setting scenarios need.
  if (context.policy.pkce === "off") return {};
  const challenge = param(params, "code_challenge");
  const method = param(params, "code_challenge_method");
  if (challenge === undefined) {
    if (method !== undefined) return oauthError("invalid_request", "code_challenge_method was sent without a code_challenge");
    const required = context.policy.pkce === "all" || isPublicClient(client);
    return required ? oauthError("invalid_request", "code_challenge required: this server requires PKCE for this client") : {};
  }
  // RFC 7636 §4.3: the method defaults to plain when omitted.
  const resolvedMethod = method ?? "plain";
  if (resolvedMethod !== "S256" && !(resolvedMethod === "plain" && context.policy.allowPlainPkce)) {
    return oauthError("invalid_request", `code_challenge_method ${resolvedMethod} is not supported (transform algorithm not supported)`);
  }
  // RFC 7636 §4.2: code-challenge = 43*128unreserved.
  if (!isWellFormedPkceValue(challenge)) {
    return oauthError("invalid_request", "code_challenge must be 43 to 128 characters of [A-Z a-z 0-9 - . _ ~]");
  }
  return { codeChallenge: challenge, codeChallengeMethod: resolvedMethod };
}

export function validateAuthorizationRequest(context: ServerContext, params: Params): Validation {
  const trusted = checkClientAndRedirectUri(context, params);
  if ("error" in trusted) return { kind: "untrusted", error: trusted };
  const { client, redirectTo, redirectUriParameter } = trusted;

  const duplicated = findDuplicates(params, REQUEST_PARAMETERS);
  // A duplicated state is not echoed: we cannot know which one is the client's (node-oidc-provider does the same).
  const state = duplicated.includes("state") ? undefined : param(params, "state");
  // RFC 6749 §4.2.2.1: implicit errors travel in the fragment.
  const mode: ResponseMode =
    param(params, "response_type") === "token" && !context.policy.oauth21 && client.response_types.includes("token") ? "fragment" : "query";
  const fail = (error: OAuthError): Validation => ({ kind: "redirect", error, redirectTo, state, mode });

  if (duplicated.length > 0) {
    return fail(oauthError("invalid_request", `parameters must not be provided more than once: ${duplicated.join(", ")}`));
  }
  const responseType = checkResponseType(context, params, client);
  if (typeof responseType !== "string") return fail(responseType);
  const scope = resolveRequestedScope(param(params, "scope"), client.scope, context.scopes);
  if ("error" in scope) return fail(scope);
  const pkce = responseType === "code" ? checkCodeChallenge(context, params, client) : {};
  if ("error" in pkce) return fail(pkce);

  return {
    kind: "valid",
    request: {
      client,
      redirectTo,
      redirectUriParameter,
      responseType,
      scope,
      state,
      codeChallenge: pkce.codeChallenge,
      codeChallengeMethod: pkce.codeChallengeMethod,
    },
  };
}

/**
 * RFC 6749 §4.1.2 and §4.2.2: append the response to the redirect URI — in the query (keeping any
 * query the registered URI has) or, for the implicit grant, in the fragment. RFC 9207 §2: always
 * with `iss`.
 */
function authorizationResponseUrl(
  context: ServerContext,
  redirectTo: string,
  mode: ResponseMode,
  fields: Record<string, string | undefined>,
): string {
  const response = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) response.set(name, value);
  response.set("iss", context.issuer);
  const separator = mode === "fragment" ? "#" : redirectTo.includes("?") ? "&" : "?";
  return `${redirectTo}${separator}${response.toString()}`;
}

function errorRedirect(context: ServerContext, v: Extract<Validation, { kind: "redirect" }>): Response {
  return redirectResponse(
    authorizationResponseUrl(context, v.redirectTo, v.mode, {
      error: v.error.error,
      error_description: v.error.error_description,
      state: v.state,
    }),
  );
}

function untrustedPage(error: OAuthError): Response {
  return htmlResponse(errorPage(error.error, error.error_description), 400);
}

/** The fields the consent form posts back: the request as the client sent it, without empty values. */
function requestFields(params: Params): Map<string, string> {
  const fields = new Map<string, string>();
  for (const name of REQUEST_PARAMETERS) {
    const value = param(params, name);
    if (value !== undefined) fields.set(name, value);
  }
  return fields;
}

function showConsent(
  context: ServerContext,
  params: Params,
  request: AuthorizationRequest,
  status = 200,
  message?: string,
): Response {
  return htmlResponse(
    consentPage({
      action: `${context.issuer}${ENDPOINTS.authorization}`,
      client: request.client,
      scopes: request.scope,
      requestFields: requestFields(params),
      username: param(params, "username"),
      message,
    }),
    status,
  );
}

/**
 * The consent form's `granted_scope`: every value it carries, space-separated values split. When
 * absent, the person granted everything requested. The person may narrow the grant, never widen
 * it, and only to scopes this server knows (RFC 9068 §2.2.3: every scope must mean something).
 */
export function readGrantedScope(context: ServerContext, params: Params, requested: readonly string[]): readonly string[] | string {
  const values = params.get("granted_scope");
  if (values === undefined) return requested;
  const granted = parseScope(values.join(" ").trim().replace(/ +/g, " "));
  if (!granted) return "choose at least one permission to allow, or deny";
  const problem = checkNarrowing(granted, requested, context.scopes);
  return problem ? `granted_scope must be a subset of the requested scope (${problem})` : granted;
}

export async function handleAuthorization(context: ServerContext, request: Request): Promise<Response> {
  if (request.method === "GET") {
    const params = parseParams(new URL(request.url).search);
    const validation = validateAuthorizationRequest(context, params);
    if (validation.kind === "untrusted") return untrustedPage(validation.error);
    if (validation.kind === "redirect") return errorRedirect(context, validation);
    return showConsent(context, params, validation.request);
  }
  if (request.method !== "POST") {
    return new Response(errorPage("invalid_request", `the authorization endpoint accepts GET and POST, not ${request.method}`), {
      status: 405,
      headers: { Allow: "GET, POST", "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const params = await readBrowserForm(request);
  if (!params) {
    return untrustedPage(oauthError("invalid_request", "the form must be posted as application/x-www-form-urlencoded, within 64 KiB"));
  }
  const validation = validateAuthorizationRequest(context, params);
  if (validation.kind === "untrusted") return untrustedPage(validation.error);
  if (validation.kind === "redirect") return errorRedirect(context, validation);
  const { request: authorization } = validation;
  try {
    return await decide(context, params, authorization);
  } catch (cause) {
    // RFC 6749 §4.1.2.1: a 500 cannot travel through a redirect, so the client gets server_error.
    console.error("authorization endpoint failed", cause);
    return errorRedirect(context, {
      kind: "redirect",
      error: oauthError("server_error", "the authorization server failed unexpectedly"),
      redirectTo: authorization.redirectTo,
      state: authorization.state,
      mode: authorization.responseType === "token" ? "fragment" : "query",
    });
  }
}

/** The person's answer: deny → access_denied; allow → sign in, narrow the scope, issue. */
async function decide(context: ServerContext, params: Params, request: AuthorizationRequest): Promise<Response> {
  const decision = params.get("decision");
  const mode: ResponseMode = request.responseType === "token" ? "fragment" : "query";
  if (decision?.length !== 1 || (decision[0] !== "allow" && decision[0] !== "deny")) {
    return showConsent(context, params, request, 400, "choose Allow or Deny");
  }
  if (decision[0] === "deny") {
    // RFC 6749 §4.1.2.1: "The resource owner or authorization server denied the request."
    return redirectResponse(
      authorizationResponseUrl(context, request.redirectTo, mode, {
        error: "access_denied",
        error_description: "the resource owner denied the request",
        state: request.state,
      }),
    );
  }
  const login = authenticateResourceOwner(context, param(params, "username"), param(params, "password"));
  if (!login.ok) return showConsent(context, params, request, login.retryAfter ? 429 : 400, login.reason);
  const granted = readGrantedScope(context, params, request.scope);
  if (typeof granted === "string") return showConsent(context, params, request, 400, granted);

  const grant = createGrant(context, request.client.client_id, login.user.sub);
  if (request.responseType === "token") {
    // RFC 6749 §4.2.2: the token goes in the fragment, and no refresh token is issued.
    const { token } = await issueAccessToken(context, grant, granted);
    return redirectResponse(
      authorizationResponseUrl(context, request.redirectTo, "fragment", {
        access_token: token,
        token_type: "Bearer",
        expires_in: String(context.policy.lifetimes.accessToken),
        scope: formatScope(granted),
        state: request.state,
      }),
    );
  }
  // RFC 6749 §4.1.2: a short-lived, single-use code bound to client, redirect URI and PKCE challenge.
  const code = randomToken(context);
  const expiresAt = context.clock.now() + context.policy.lifetimes.code;
  context.store.codes.set(code, {
    clientId: request.client.client_id,
    redirectUri: request.redirectTo,
    redirectUriSent: request.redirectUriParameter !== undefined,
    scope: granted,
    grantId: grant.id,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
    expiresAt,
    consumed: false,
  });
  context.store.touchGrant(grant.id, expiresAt);
  return redirectResponse(authorizationResponseUrl(context, request.redirectTo, "query", { code, state: request.state }));
}
