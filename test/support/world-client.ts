/**
 * A minimal hand-rolled OAuth client and browser for driving the mock world in tests and
 * benchmarks: every step is a real HTTP request through `world.fetch`.
 */
import type { World } from "../../machines/world";
import { computeCodeChallenge } from "../../machines/world/pkce";

export const FORM = { "Content-Type": "application/x-www-form-urlencoded" } as const;

export function basic(clientId: string, secret: string): string {
  return `Basic ${btoa(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`)}`;
}

export function client(world: World, clientId: string) {
  const found = world.clients.find((candidate) => candidate.client_id === clientId);
  if (!found) throw new Error(`no demo client ${clientId}`);
  return found;
}

/** Headers and body fields that authenticate `clientId` the way it registered (RFC 6749 §2.3.1). */
export function clientAuth(world: World, clientId: string): { headers: Record<string, string>; fields: Record<string, string> } {
  const registered = client(world, clientId);
  switch (registered.token_endpoint_auth_method) {
    case "client_secret_basic":
      return { headers: { Authorization: basic(clientId, registered.client_secret!) }, fields: {} };
    case "client_secret_post":
      return { headers: {}, fields: { client_id: clientId, client_secret: registered.client_secret! } };
    default:
      return { headers: {}, fields: { client_id: clientId } };
  }
}

export async function postForm(world: World, url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return world.fetch(url, { method: "POST", headers: { ...FORM, ...headers }, body: new URLSearchParams(fields) });
}

export function authorizeUrl(world: World, params: Record<string, string>): string {
  return `${world.issuer}/authorize?${new URLSearchParams(params)}`;
}

export const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
export const CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

export interface ConsentOptions {
  username?: string;
  password?: string;
  decision?: string;
  granted_scope?: string;
}

/** The person submits the consent form: the request's parameters plus their answer. */
export async function consent(world: World, request: Record<string, string>, answer: ConsentOptions = {}): Promise<Response> {
  const fields: Record<string, string> = {
    ...request,
    username: answer.username ?? "alice",
    password: answer.password ?? "wonderland",
    decision: answer.decision ?? "allow",
  };
  if (answer.granted_scope !== undefined) fields.granted_scope = answer.granted_scope;
  return postForm(world, `${world.issuer}/authorize`, fields);
}

/** Query (or fragment) parameters of a redirect's Location. */
export function redirectParams(response: Response): URLSearchParams {
  const location = response.headers.get("location");
  if (!location) throw new Error(`expected a redirect, got ${response.status}`);
  const url = new URL(location);
  return new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
}

/** Authorize with consent and return the code: authorization code flow up to the redirect back. */
export async function obtainCode(
  world: World,
  clientId: string,
  extra: Record<string, string> = {},
  answer: ConsentOptions = {},
): Promise<{ code: string; request: Record<string, string> }> {
  const registered = client(world, clientId);
  const request: Record<string, string> = {
    response_type: "code",
    client_id: clientId,
    redirect_uri: registered.redirect_uris[0]!,
    state: "xyz",
    ...extra,
  };
  const response = await consent(world, request, answer);
  const params = redirectParams(response);
  const code = params.get("code");
  if (!code) throw new Error(`no code: ${params}`);
  return { code, request };
}

export async function exchangeCode(world: World, clientId: string, code: string, extra: Record<string, string> = {}): Promise<Response> {
  const auth = clientAuth(world, clientId);
  return postForm(
    world,
    `${world.issuer}/token`,
    { grant_type: "authorization_code", code, redirect_uri: client(world, clientId).redirect_uris[0]!, ...auth.fields, ...extra },
    auth.headers,
  );
}

export async function callApi(world: World, accessToken: string | undefined, path = "/me", method = "GET"): Promise<Response> {
  return world.fetch(`${world.resourceServer}${path}`, {
    method,
    headers: accessToken === undefined ? {} : { Authorization: `Bearer ${accessToken}` },
  });
}

/** One complete authorization code + PKCE flow for the public SPA: authorize, consent, token, API call. */
export async function runPkceFlow(world: World, verifier = VERIFIER): Promise<{ tokens: Record<string, unknown>; api: Response }> {
  const challenge = await computeCodeChallenge(verifier, "S256");
  await world.fetch(authorizeUrl(world, { response_type: "code", client_id: "spa", redirect_uri: "https://spa.example/callback", scope: "profile order", state: "s1", code_challenge: challenge, code_challenge_method: "S256" }));
  const { code } = await obtainCode(world, "spa", { scope: "profile order", code_challenge: challenge, code_challenge_method: "S256" });
  const tokenResponse = await exchangeCode(world, "spa", code, { code_verifier: verifier });
  const tokens = (await tokenResponse.json()) as Record<string, unknown>;
  const api = await callApi(world, tokens.access_token as string, "/me");
  return { tokens, api };
}
