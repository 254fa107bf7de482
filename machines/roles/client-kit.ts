/**
 * What every client role does the same way: authenticate at the token endpoint as it registered,
 * and turn an answer into the page the person sees and the outcome the trace records.
 */
import type { ClientMetadata } from "../world";
import type { Check, RecordedRequest, RecordedResponse, RoleId, RoleOutcome } from "../trace";
import type { WireMessage } from "./messages";
import { escapeHtml } from "../world/http";
import { getRequest, header, htmlPage, jsonBody, urlParams } from "./messages";

/** RFC 6749 §2.3.1: Basic with form-urlencoded parts, or the secret in the body, or client_id only. */
export function clientAuthentication(client: ClientMetadata): { headers: Record<string, string>; fields: Record<string, string> } {
  const formEncode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  switch (client.token_endpoint_auth_method) {
    case "client_secret_basic":
      return { headers: { authorization: `Basic ${btoa(`${formEncode(client.client_id)}:${formEncode(client.client_secret ?? "")}`)}` }, fields: {} };
    case "client_secret_post":
      return { headers: {}, fields: { client_id: client.client_id, client_secret: client.client_secret ?? "" } };
    default:
      return { headers: {}, fields: { client_id: client.client_id } };
  }
}

/** The OAuth error in a response: JSON body, WWW-Authenticate, or the Location's error parameter. */
export function oauthErrorOf(response: RecordedResponse | undefined): { code: string; description: string } | undefined {
  if (!response) return undefined;
  const body = jsonBody(response);
  if (typeof body.error === "string") return { code: body.error, description: typeof body.error_description === "string" ? body.error_description : "" };
  const challenge = header(response, "www-authenticate");
  const fromChallenge = challenge ? /error="([^"]*)"/.exec(challenge)?.[1] : undefined;
  if (fromChallenge) return { code: fromChallenge, description: /error_description="([^"]*)"/.exec(challenge!)?.[1] ?? "" };
  const location = header(response, "location");
  if (location) {
    const { query, fragment } = urlParams(location);
    const error = query.get("error") ?? fragment.get("error");
    if (error) return { code: error, description: query.get("error_description") ?? fragment.get("error_description") ?? "" };
  }
  return response.status >= 400 ? { code: String(response.status), description: "" } : undefined;
}

/** Why a flow failed, from the message that ended it and the checks that were made. */
export function describeFailure(message: WireMessage, checks: readonly Check[]): { code: string; summary: string } {
  const failed = checks.find((check) => !check.passed);
  if (message.channel === "local" && failed) {
    const callbackError = failed.id === "authorization-granted" && failed.actual && failed.actual !== "(nothing)" ? failed.actual : undefined;
    return callbackError ? { code: callbackError, summary: "the authorization server returned an error instead of a code" } : { code: failed.id.replace(/-/g, "_"), summary: `check failed: ${failed.label}` };
  }
  const error = oauthErrorOf(message.response);
  return error ? { code: error.code, summary: error.description || `HTTP ${message.response?.status}` } : { code: "unexpected_response", summary: "the server's answer was not understood" };
}

/** The error page a client shows the person. */
export function errorPage(code: string, summary: string): RecordedResponse {
  return htmlPage(400, `<!doctype html><title>Sign-in failed</title><h1>Sign-in failed</h1><p role="alert">${escapeHtml(code)}: ${escapeHtml(summary)}</p>`);
}

/** The outcome a role records when a message ended its flow with an error. */
export function failureOutcome(role: RoleId, message: WireMessage, checks: readonly Check[] = []): RoleOutcome {
  const failure = describeFailure(message, checks);
  return { role, kind: "error", result: failure.code, summary: failure.summary };
}

/** The page a server-side client shows after its API call, and the outcome it records. */
export function pageFor(response: RecordedResponse, role: RoleId = "client"): { page: RecordedResponse; outcome: RoleOutcome } {
  const error = oauthErrorOf(response);
  if (response.status !== 200 || error) {
    const code = error?.code ?? String(response.status);
    return {
      page: htmlPage(502, `<!doctype html><title>API call failed</title><h1>The API refused the request</h1><p role="alert">${escapeHtml(code)}: ${escapeHtml(error?.description ?? "")}</p>`),
      outcome: { role, kind: "error", result: code, summary: error?.description || `HTTP ${response.status}` },
    };
  }
  const data = jsonBody(response);
  const who = typeof data.name === "string" ? data.name : typeof data.sub === "string" ? data.sub : typeof data.owner === "string" ? data.owner : undefined;
  const summary = who ? `got the data of ${who}` : "got the data";
  const heading = who ? `Signed in as ${who}` : "Done";
  return {
    page: htmlPage(200, `<!doctype html><title>${escapeHtml(heading)}</title><h1>${escapeHtml(heading)}</h1>`),
    outcome: { role, kind: "resource", result: "200", summary },
  };
}

/** RFC 6749 §5.1: a 200 token response with an access_token. */
export function carriesAccessToken(message: WireMessage): boolean {
  return message.response?.status === 200 && typeof jsonBody(message.response).access_token === "string";
}

/** RFC 6750 §2.1: an API call with the token in the Authorization header. */
export function apiRequest(api: { readonly method: string; readonly url: string }, accessToken: string | undefined): RecordedRequest {
  return { ...getRequest(api.url, { authorization: `Bearer ${accessToken}` }), method: api.method };
}
