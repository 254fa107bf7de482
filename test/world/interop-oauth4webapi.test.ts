/**
 * Interoperability (DESIGN invariant 1: "A standards-compliant OAuth client library, given the
 * world's fetch, must complete every flow against them"): oauth4webapi 3.8.8 is the client, the
 * world is the network. Every request goes through `world.fetch` via oauth4webapi's `customFetch`;
 * the person's part (consent page, device verification page) is done as a browser would: GET the
 * page, read its form, fill it in and POST it.
 *
 * oauth4webapi checks JWT timestamps against its own clock (Date.now()); the world runs on a
 * simulated clock, so every JWT check gets `[oauth.clockSkew]` = simulated now − real now.
 */
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";
import type { World } from "../../machines/world";
import { createWorld } from "../../machines/world";

const SPA_REDIRECT = "https://spa.example/callback";
const WEB_APP_REDIRECT = "https://webapp.example/callback";
const WEB_APP_SECRET = "web-app-secret-demo-only";
const INVENTORY_SECRET = "inventory-service-secret-demo-only";
const ALICE_SUB = "user-alice-7f3a";

interface Setup {
  world: World;
  as: oauth.AuthorizationServer;
  /** oauth4webapi's HTTP options: every request goes to world.fetch. */
  http: { [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<string, unknown>) => Promise<Response> };
  /** Seconds to add to the real clock to get the world's simulated clock. */
  skew(): number;
  /** Every request oauth4webapi sent, in order. */
  sent: Request[];
}

/** RFC 8414: discover the AS as oauth4webapi does (`algorithm: 'oauth2'` → /.well-known/oauth-authorization-server). */
async function setup(world?: World): Promise<Setup> {
  const w = world ?? (await createWorld());
  const sent: Request[] = [];
  const http = {
    [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<string, unknown>) => {
      const request = new Request(url, init as RequestInit);
      sent.push(request.clone());
      return w.fetch(request);
    },
  };
  const issuer = new URL(w.issuer);
  const response = await oauth.discoveryRequest(issuer, { ...http, algorithm: "oauth2" });
  const as = await oauth.processDiscoveryResponse(issuer, response);
  return { world: w, as, http, sent, skew: () => w.clock.now() - Math.floor(Date.now() / 1000) };
}

function clientFor(s: Setup, clientId: string): oauth.Client {
  return { client_id: clientId, [oauth.clockSkew]: s.skew() };
}

// ---------------------------------------------------------------------------------------------
// The browser: reads an HTML form and submits it the way a browser would.

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const match of tag.matchAll(/([a-zA-Z_-]+)(?:="([^"]*)")?/g)) attrs.set(match[1]!.toLowerCase(), decodeEntities(match[2] ?? ""));
  return attrs;
}

interface Form {
  action: string;
  method: string;
  fields: [string, string][];
}

/** The page's form: its action and the fields a browser would submit untouched (hidden inputs, ticked boxes). */
function readForm(html: string): Form {
  const formTag = /<form\b([^>]*)>/i.exec(html);
  if (!formTag) throw new Error("the page has no form");
  const form = attributes(formTag[1]!);
  const fields: [string, string][] = [];
  for (const match of html.matchAll(/<input\b([^>]*)>/gi)) {
    const attrs = attributes(match[1]!);
    const name = attrs.get("name");
    if (!name) continue;
    const type = attrs.get("type") ?? "text";
    if (type === "checkbox" && !attrs.has("checked")) continue;
    fields.push([name, attrs.get("value") ?? ""]);
  }
  return { action: form.get("action")!, method: (form.get("method") ?? "get").toUpperCase(), fields };
}

/** Fill in the visible fields, press the button named `decision`, and post the form. */
async function submit(world: World, form: Form, typed: Record<string, string>, decision: "allow" | "deny"): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of form.fields) body.append(name, name in typed ? typed[name]! : value);
  body.append("decision", decision);
  expect(form.method).toBe("POST");
  return world.fetch(form.action, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body });
}

interface Authorization {
  url: URL;
  state: string;
  verifier: string;
}

/** RFC 6749 §4.1.1 + RFC 7636 §4.3: the authorization request a real client builds. */
async function authorizationRequest(s: Setup, clientId: string, redirectUri: string, scope: string): Promise<Authorization> {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(s.as.authorization_endpoint!);
  url.searchParams.set("client_id", clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", scope);
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set("code_challenge_method", "S256");
  return { url, state, verifier };
}

/** The person at the browser: open the authorization URL, sign in as alice, decide; returns the 303. */
async function browserConsent(s: Setup, url: URL, decision: "allow" | "deny" = "allow", username = "alice", password = "wonderland"): Promise<Response> {
  const page = await s.world.fetch(url);
  expect(page.status).toBe(200);
  expect(page.headers.get("content-type")).toMatch(/^text\/html/);
  const form = readForm(await page.text());
  return submit(s.world, form, { username, password }, decision);
}

/** The redirect back to the client: a 303 whose Location is the callback URL. */
function callbackUrl(response: Response): URL {
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location")!);
}

/** Authorization code + PKCE, start to finish, with oauth4webapi. */
async function codeFlow(
  s: Setup,
  clientId: string,
  redirectUri: string,
  clientAuth: oauth.ClientAuth,
  scope = "profile order",
): Promise<oauth.TokenEndpointResponse> {
  const { url, state, verifier } = await authorizationRequest(s, clientId, redirectUri, scope);
  const client = clientFor(s, clientId);
  const params = oauth.validateAuthResponse(s.as, client, callbackUrl(await browserConsent(s, url)), state);
  const response = await oauth.authorizationCodeGrantRequest(s.as, client, clientAuth, params, redirectUri, verifier, s.http);
  return oauth.processAuthorizationCodeResponse(s.as, client, response);
}

async function callApi(s: Setup, accessToken: string, path = "/me", method = "GET"): Promise<Response> {
  return oauth.protectedResourceRequest(accessToken, method, new URL(`${s.world.resourceServer}${path}`), undefined, undefined, s.http);
}

/** The rejection a promise ends with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

// ---------------------------------------------------------------------------------------------

describe("RFC 8414 §3 authorization server metadata, as oauth4webapi discovers it", () => {
  it("discovers the issuer and every endpoint the flows need", async () => {
    const { as, world } = await setup();
    expect(as.issuer).toBe(world.issuer);
    expect(as.authorization_endpoint).toBe(`${world.issuer}/authorize`);
    expect(as.token_endpoint).toBe(`${world.issuer}/token`);
    expect(as.jwks_uri).toBe(`${world.issuer}/jwks.json`);
    expect(as.revocation_endpoint).toBe(`${world.issuer}/revoke`);
    expect(as.introspection_endpoint).toBe(`${world.issuer}/introspect`);
    expect(as.device_authorization_endpoint).toBe(`${world.issuer}/device_authorization`);
    expect(as.code_challenge_methods_supported).toContain("S256");
    expect(as.authorization_response_iss_parameter_supported).toBe(true);
  });

  it("fetches the metadata from /.well-known/oauth-authorization-server with a GET", async () => {
    const s = await setup();
    expect(s.sent).toHaveLength(1);
    expect(s.sent[0]!.method).toBe("GET");
    expect(s.sent[0]!.url).toBe("https://authorization-server.example/.well-known/oauth-authorization-server");
  });
});

describe("RFC 6749 §4.1 + RFC 7636 authorization code with PKCE (public client spa)", () => {
  it("completes the flow: authorization URL, consent, validated callback, token, API call", async () => {
    const s = await setup();
    const { url, state, verifier } = await authorizationRequest(s, "spa", SPA_REDIRECT, "profile order");
    const callback = callbackUrl(await browserConsent(s, url));
    expect(`${callback.origin}${callback.pathname}`).toBe(SPA_REDIRECT);
    const client = clientFor(s, "spa");
    const params = oauth.validateAuthResponse(s.as, client, callback, state);
    expect(params.get("code")).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const response = await oauth.authorizationCodeGrantRequest(s.as, client, oauth.None(), params, SPA_REDIRECT, verifier, s.http);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const tokens = await oauth.processAuthorizationCodeResponse(s.as, client, response);
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.expires_in).toBe(900);
    expect(tokens.scope).toBe("profile order");
    expect(typeof tokens.refresh_token).toBe("string");

    const api = await callApi(s, tokens.access_token, "/me");
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ sub: ALICE_SUB, name: "Alice Liddell", username: "alice" });
  });

  it("sends the public client's client_id and code_verifier in the token request, and no Authorization header", async () => {
    const s = await setup();
    await codeFlow(s, "spa", SPA_REDIRECT, oauth.None());
    const tokenRequest = s.sent.find((request) => request.url === `${s.world.issuer}/token`)!;
    expect(tokenRequest.headers.get("authorization")).toBeNull();
    const body = new URLSearchParams(await tokenRequest.text());
    expect(body.get("grant_type")).toBe("authorization_code");
    expect(body.get("client_id")).toBe("spa");
    expect(body.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.get("redirect_uri")).toBe(SPA_REDIRECT);
  });

  it("lets the person narrow the scope on the consent page, and the token response says so", async () => {
    const s = await setup();
    const { url, state, verifier } = await authorizationRequest(s, "spa", SPA_REDIRECT, "profile order");
    const page = await s.world.fetch(url);
    const form = readForm(await page.text());
    // Untick "order": the browser submits only the hidden empty granted_scope and the "profile" box.
    form.fields = form.fields.filter(([name, value]) => !(name === "granted_scope" && value === "order"));
    const client = clientFor(s, "spa");
    const params = oauth.validateAuthResponse(s.as, client, callbackUrl(await submit(s.world, form, { username: "alice", password: "wonderland" }, "allow")), state);
    const tokens = await oauth.processAuthorizationCodeResponse(
      s.as,
      client,
      await oauth.authorizationCodeGrantRequest(s.as, client, oauth.None(), params, SPA_REDIRECT, verifier, s.http),
    );
    expect(tokens.scope).toBe("profile");
    expect((await callApi(s, tokens.access_token, "/me")).status).toBe(200);
  });
});

describe("RFC 6749 §4.1 + §2.3.1 authorization code for a confidential client (web-app, client_secret_basic)", () => {
  it("completes the flow with HTTP Basic client authentication and reads the orders", async () => {
    const s = await setup();
    const tokens = await codeFlow(s, "web-app", WEB_APP_REDIRECT, oauth.ClientSecretBasic(WEB_APP_SECRET), "profile order");
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.scope).toBe("profile order");
    expect(typeof tokens.refresh_token).toBe("string");
    const orders = await callApi(s, tokens.access_token, "/orders");
    expect(orders.status).toBe(200);
    expect(((await orders.json()) as { owner: string }).owner).toBe(ALICE_SUB);
  });

  it("authenticates with Authorization: Basic base64(urlencode(id):urlencode(secret)) and no secret in the body", async () => {
    const s = await setup();
    await codeFlow(s, "web-app", WEB_APP_REDIRECT, oauth.ClientSecretBasic(WEB_APP_SECRET));
    const tokenRequest = s.sent.find((request) => request.url === `${s.world.issuer}/token`)!;
    // oauth4webapi form-encodes "-" as %2D before base64 (RFC 6749 Appendix B); the AS decodes it back.
    expect(tokenRequest.headers.get("authorization")).toBe(`Basic ${btoa("web%2Dapp:web%2Dapp%2Dsecret%2Ddemo%2Donly")}`);
    const body = new URLSearchParams(await tokenRequest.text());
    expect(body.has("client_secret")).toBe(false);
  });
});

describe("RFC 6749 §4.4 client credentials (inventory-service, client_secret_post)", () => {
  it("obtains a token with the requested scope and no refresh token, and writes to the inventory", async () => {
    const s = await setup();
    const client = clientFor(s, "inventory-service");
    const response = await oauth.clientCredentialsGrantRequest(s.as, client, oauth.ClientSecretPost(INVENTORY_SECRET), { scope: "inventory:write" }, s.http);
    const tokens = await oauth.processClientCredentialsResponse(s.as, client, response);
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.scope).toBe("inventory:write");
    expect(tokens.refresh_token).toBeUndefined();

    const write = await callApi(s, tokens.access_token, "/inventory", "POST");
    expect(write.status).toBe(200);
    expect(await write.json()).toEqual({ updated: true, by: "inventory-service" });
    // inventory:write covers inventory:price:write (DESIGN "Scope hierarchy").
    expect((await callApi(s, tokens.access_token, "/inventory/price", "PUT")).status).toBe(200);
  });

  it("sends client_id and client_secret in the form body", async () => {
    const s = await setup();
    const client = clientFor(s, "inventory-service");
    await oauth.processClientCredentialsResponse(
      s.as,
      client,
      await oauth.clientCredentialsGrantRequest(s.as, client, oauth.ClientSecretPost(INVENTORY_SECRET), {}, s.http),
    );
    const body = new URLSearchParams(await s.sent.at(-1)!.text());
    expect(body.get("grant_type")).toBe("client_credentials");
    expect(body.get("client_id")).toBe("inventory-service");
    expect(body.get("client_secret")).toBe(INVENTORY_SECRET);
  });
});

describe("RFC 6749 §6 + RFC 9700 §4.14.2 refresh token rotation and reuse detection (spa)", () => {
  it("rotates the refresh token and issues a new working access token", async () => {
    const s = await setup();
    const first = await codeFlow(s, "spa", SPA_REDIRECT, oauth.None());
    s.world.clock.advance(600);
    const client = clientFor(s, "spa");
    const refreshed = await oauth.processRefreshTokenResponse(
      s.as,
      client,
      await oauth.refreshTokenGrantRequest(s.as, client, oauth.None(), first.refresh_token!, s.http),
    );
    expect(typeof refreshed.refresh_token).toBe("string");
    expect(refreshed.refresh_token).not.toBe(first.refresh_token);
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect(refreshed.scope).toBe("profile order");
    expect((await callApi(s, refreshed.access_token, "/me")).status).toBe(200);
  });

  it("rejects the reuse of a rotated refresh token with ResponseBodyError invalid_grant and revokes the family", async () => {
    const s = await setup();
    const first = await codeFlow(s, "spa", SPA_REDIRECT, oauth.None());
    const client = clientFor(s, "spa");
    const refreshed = await oauth.processRefreshTokenResponse(
      s.as,
      client,
      await oauth.refreshTokenGrantRequest(s.as, client, oauth.None(), first.refresh_token!, s.http),
    );

    const reuse = await oauth.refreshTokenGrantRequest(s.as, client, oauth.None(), first.refresh_token!, s.http);
    const error = await rejection(oauth.processRefreshTokenResponse(s.as, client, reuse));
    expect(error).toBeInstanceOf(oauth.ResponseBodyError);
    expect((error as oauth.ResponseBodyError).error).toBe("invalid_grant");
    expect((error as oauth.ResponseBodyError).status).toBe(400);

    // The whole grant is revoked: the new refresh token and the new access token no longer work.
    const next = await oauth.refreshTokenGrantRequest(s.as, client, oauth.None(), refreshed.refresh_token!, s.http);
    const nextError = await rejection(oauth.processRefreshTokenResponse(s.as, client, next));
    expect((nextError as oauth.ResponseBodyError).error).toBe("invalid_grant");
    const api = await rejection(callApi(s, refreshed.access_token, "/me"));
    expect(api).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    expect((api as oauth.WWWAuthenticateChallengeError).status).toBe(401);
  });
});

describe("RFC 8628 device authorization grant (tv-app)", () => {
  it("completes the flow: device authorization, authorization_pending, approval on /device, tokens", async () => {
    const s = await setup();
    const client = clientFor(s, "tv-app");
    const device = await oauth.processDeviceAuthorizationResponse(
      s.as,
      client,
      await oauth.deviceAuthorizationRequest(s.as, client, oauth.None(), { scope: "profile order:read" }, s.http),
    );
    expect(device.verification_uri).toBe(`${s.world.issuer}/device`);
    expect(device.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(device.expires_in).toBe(600);
    expect(device.interval).toBe(5);

    // The device polls before the person has done anything.
    const pending = await rejection(
      oauth.processDeviceCodeResponse(s.as, client, await oauth.deviceCodeGrantRequest(s.as, client, oauth.None(), device.device_code, s.http)),
    );
    expect(pending).toBeInstanceOf(oauth.ResponseBodyError);
    expect((pending as oauth.ResponseBodyError).error).toBe("authorization_pending");
    expect((pending as oauth.ResponseBodyError).status).toBe(400);

    // The person opens verification_uri_complete on a phone, signs in and approves.
    const page = await s.world.fetch(device.verification_uri_complete!);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(device.user_code);
    const approved = await submit(s.world, readForm(html), { username: "alice", password: "wonderland" }, "allow");
    expect(approved.status).toBe(200);

    s.world.clock.advance(device.interval!);
    const tokens = await oauth.processDeviceCodeResponse(
      s.as,
      client,
      await oauth.deviceCodeGrantRequest(s.as, client, oauth.None(), device.device_code, s.http),
    );
    expect(tokens.token_type).toBe("bearer");
    expect(tokens.scope).toBe("profile order:read");
    const me = await callApi(s, tokens.access_token, "/me");
    expect(await me.json()).toEqual({ sub: ALICE_SUB, name: "Alice Liddell", username: "alice" });
    expect((await callApi(s, tokens.access_token, "/orders")).status).toBe(200);
  });

  it("reports access_denied to the polling device when the person denies", async () => {
    const s = await setup();
    const client = clientFor(s, "tv-app");
    const device = await oauth.processDeviceAuthorizationResponse(
      s.as,
      client,
      await oauth.deviceAuthorizationRequest(s.as, client, oauth.None(), {}, s.http),
    );
    const page = await s.world.fetch(device.verification_uri_complete!);
    await submit(s.world, readForm(await page.text()), { username: "alice", password: "wonderland" }, "deny");
    const denied = await rejection(
      oauth.processDeviceCodeResponse(s.as, client, await oauth.deviceCodeGrantRequest(s.as, client, oauth.None(), device.device_code, s.http)),
    );
    expect((denied as oauth.ResponseBodyError).error).toBe("access_denied");
  });
});

describe("RFC 7009 revocation and RFC 7662 introspection (web-app)", () => {
  it("introspects an active access token with the claims a client expects", async () => {
    const s = await setup();
    const tokens = await codeFlow(s, "web-app", WEB_APP_REDIRECT, oauth.ClientSecretBasic(WEB_APP_SECRET));
    const client = clientFor(s, "web-app");
    const info = await oauth.processIntrospectionResponse(
      s.as,
      client,
      await oauth.introspectionRequest(s.as, client, oauth.ClientSecretBasic(WEB_APP_SECRET), tokens.access_token, s.http),
    );
    expect(info.active).toBe(true);
    expect(info.client_id).toBe("web-app");
    expect(info.sub).toBe(ALICE_SUB);
    expect(info.scope).toBe("profile order");
    expect(info.aud).toBe(s.world.resourceServer);
    expect(info.iss).toBe(s.world.issuer);
    expect(info.exp! - info.iat!).toBe(900);
  });

  it("revokes the access token: processRevocationResponse succeeds, introspection turns inactive, the API refuses it", async () => {
    const s = await setup();
    const tokens = await codeFlow(s, "web-app", WEB_APP_REDIRECT, oauth.ClientSecretBasic(WEB_APP_SECRET));
    const client = clientFor(s, "web-app");
    const auth = oauth.ClientSecretBasic(WEB_APP_SECRET);
    const revoked = await oauth.revocationRequest(s.as, client, auth, tokens.access_token, s.http);
    expect(revoked.status).toBe(200);
    await expect(oauth.processRevocationResponse(revoked)).resolves.toBeUndefined();

    const info = await oauth.processIntrospectionResponse(s.as, client, await oauth.introspectionRequest(s.as, client, auth, tokens.access_token, s.http));
    expect(info).toEqual({ active: false });
    const api = await rejection(callApi(s, tokens.access_token));
    expect((api as oauth.WWWAuthenticateChallengeError).cause[0]!.parameters.error).toBe("invalid_token");
  });

  it("revokes the refresh token: it no longer refreshes and introspects inactive", async () => {
    const s = await setup();
    const tokens = await codeFlow(s, "web-app", WEB_APP_REDIRECT, oauth.ClientSecretBasic(WEB_APP_SECRET));
    const client = clientFor(s, "web-app");
    const auth = oauth.ClientSecretBasic(WEB_APP_SECRET);
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(s.as, client, auth, tokens.refresh_token!, { ...s.http, additionalParameters: { token_type_hint: "refresh_token" } }),
    );
    const info = await oauth.processIntrospectionResponse(s.as, client, await oauth.introspectionRequest(s.as, client, auth, tokens.refresh_token!, s.http));
    expect(info.active).toBe(false);
    const refresh = await rejection(
      oauth.processRefreshTokenResponse(s.as, client, await oauth.refreshTokenGrantRequest(s.as, client, auth, tokens.refresh_token!, s.http)),
    );
    expect((refresh as oauth.ResponseBodyError).error).toBe("invalid_grant");
  });

  it("answers revocation of an unknown token with 200 (RFC 7009 §2.2)", async () => {
    const s = await setup();
    const client = clientFor(s, "web-app");
    const response = await oauth.revocationRequest(s.as, client, oauth.ClientSecretBasic(WEB_APP_SECRET), "not-a-token", s.http);
    await expect(oauth.processRevocationResponse(response)).resolves.toBeUndefined();
  });
});

describe("RFC 9068 §4 JWT access token validation by oauth4webapi's validateJwtAccessToken", () => {
  async function validate(s: Setup, accessToken: string, audience = "https://api.example") {
    const request = new Request(`${s.world.resourceServer}/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
    return oauth.validateJwtAccessToken(s.as, request, audience, { ...s.http, [oauth.clockSkew]: s.skew() });
  }

  it("accepts the world's access token (typ at+jwt, RS256, JWKS from jwks_uri) and returns its claims", async () => {
    const s = await setup();
    const tokens = await codeFlow(s, "spa", SPA_REDIRECT, oauth.None());
    const claims = await validate(s, tokens.access_token);
    expect(claims.iss).toBe(s.world.issuer);
    expect(claims.aud).toBe("https://api.example");
    expect(claims.sub).toBe(ALICE_SUB);
    expect(claims.client_id).toBe("spa");
    expect(claims.scope).toBe("profile order");
    expect(claims.iat).toBe(s.world.clock.now());
    expect(claims.exp).toBe(s.world.clock.now() + 900);
    expect(typeof claims.jti).toBe("string");
    // The key came from the AS's JWKS through world.fetch.
    expect(s.sent.some((request) => request.url === `${s.world.issuer}/jwks.json`)).toBe(true);
  });

  it("accepts the client credentials token, whose sub is the client itself", async () => {
    const s = await setup();
    const client = clientFor(s, "inventory-service");
    const tokens = await oauth.processClientCredentialsResponse(
      s.as,
      client,
      await oauth.clientCredentialsGrantRequest(s.as, client, oauth.ClientSecretPost(INVENTORY_SECRET), {}, s.http),
    );
    const claims = await validate(s, tokens.access_token);
    expect(claims.sub).toBe("inventory-service");
    expect(claims.client_id).toBe("inventory-service");
  });

  it("rejects the token once the simulated clock is past exp (plus oauth4webapi's 30 s tolerance)", async () => {
    const s = await setup();
    const tokens = await codeFlow(s, "spa", SPA_REDIRECT, oauth.None());
    s.world.clock.advance(899);
    await expect(validate(s, tokens.access_token)).resolves.toMatchObject({ sub: ALICE_SUB });
    s.world.clock.advance(60);
    const error = await rejection(validate(s, tokens.access_token));
    expect(error).toBeInstanceOf(oauth.OperationProcessingError);
    expect((error as oauth.OperationProcessingError).code).toBe(oauth.JWT_TIMESTAMP_CHECK);
  });

  it("rejects the token for another audience", async () => {
    const s = await setup();
    const tokens = await codeFlow(s, "spa", SPA_REDIRECT, oauth.None());
    const error = await rejection(validate(s, tokens.access_token, "https://other-api.example"));
    expect((error as oauth.OperationProcessingError).code).toBe(oauth.JWT_CLAIM_COMPARISON);
  });
});

describe("RFC 6749 §4.1.2.1 + RFC 9207 authorization error responses, as oauth4webapi sees them", () => {
  it("raises AuthorizationResponseError access_denied when the person denies (iss and state checked first)", async () => {
    const s = await setup();
    const { url, state } = await authorizationRequest(s, "spa", SPA_REDIRECT, "profile");
    const callback = callbackUrl(await browserConsent(s, url, "deny"));
    expect(callback.searchParams.get("iss")).toBe(s.world.issuer);
    expect(callback.searchParams.get("state")).toBe(state);
    const error = thrown(() => oauth.validateAuthResponse(s.as, clientFor(s, "spa"), callback, state));
    expect(error).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((error as oauth.AuthorizationResponseError).error).toBe("access_denied");
  });

  it("raises AuthorizationResponseError invalid_scope for an unknown scope, redirected with iss and state", async () => {
    const s = await setup();
    const { url, state } = await authorizationRequest(s, "spa", SPA_REDIRECT, "profile admin");
    const page = await s.world.fetch(url);
    const callback = callbackUrl(page);
    const error = thrown(() => oauth.validateAuthResponse(s.as, clientFor(s, "spa"), callback, state));
    expect(error).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((error as oauth.AuthorizationResponseError).error).toBe("invalid_scope");
  });

  it("refuses a callback whose state is not the one the client sent (CSRF)", async () => {
    const s = await setup();
    const { url } = await authorizationRequest(s, "spa", SPA_REDIRECT, "profile");
    const callback = callbackUrl(await browserConsent(s, url));
    const error = thrown(() => oauth.validateAuthResponse(s.as, clientFor(s, "spa"), callback, "a-different-state"));
    expect(error).toBeInstanceOf(oauth.OperationProcessingError);
    expect((error as oauth.OperationProcessingError).code).toBe(oauth.INVALID_RESPONSE);
    expect((error as Error).message).toBe('unexpected "state" response parameter value');
  });

  it("refuses a callback whose iss names another authorization server (mix-up defence)", async () => {
    const s = await setup();
    const { url, state } = await authorizationRequest(s, "spa", SPA_REDIRECT, "profile");
    const callback = callbackUrl(await browserConsent(s, url));
    const otherAs = { ...s.as, issuer: "https://other-as.example" };
    const error = thrown(() => oauth.validateAuthResponse(otherAs, clientFor(s, "spa"), callback, state));
    expect((error as Error).message).toBe('unexpected "iss" (issuer) response parameter value');
  });
});

describe("RFC 6749 §5.2 token endpoint errors, as oauth4webapi raises them", () => {
  it("rejects a reused authorization code with invalid_grant and revokes the first token (§4.1.2, §10.5)", async () => {
    const s = await setup();
    const { url, state, verifier } = await authorizationRequest(s, "spa", SPA_REDIRECT, "profile");
    const client = clientFor(s, "spa");
    const params = oauth.validateAuthResponse(s.as, client, callbackUrl(await browserConsent(s, url)), state);
    const first = await oauth.processAuthorizationCodeResponse(
      s.as,
      client,
      await oauth.authorizationCodeGrantRequest(s.as, client, oauth.None(), params, SPA_REDIRECT, verifier, s.http),
    );
    const replay = await oauth.authorizationCodeGrantRequest(s.as, client, oauth.None(), params, SPA_REDIRECT, verifier, s.http);
    const error = await rejection(oauth.processAuthorizationCodeResponse(s.as, client, replay));
    expect(error).toBeInstanceOf(oauth.ResponseBodyError);
    expect((error as oauth.ResponseBodyError).error).toBe("invalid_grant");
    expect((error as oauth.ResponseBodyError).status).toBe(400);
    expect((error as oauth.ResponseBodyError).response.headers.get("cache-control")).toBe("no-store");
    expect(await rejection(callApi(s, first.access_token))).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
  });

  it("rejects a code_verifier that does not match the challenge with invalid_grant (RFC 7636 §4.6)", async () => {
    const s = await setup();
    const { url, state } = await authorizationRequest(s, "spa", SPA_REDIRECT, "profile");
    const client = clientFor(s, "spa");
    const params = oauth.validateAuthResponse(s.as, client, callbackUrl(await browserConsent(s, url)), state);
    const response = await oauth.authorizationCodeGrantRequest(s.as, client, oauth.None(), params, SPA_REDIRECT, oauth.generateRandomCodeVerifier(), s.http);
    const error = await rejection(oauth.processAuthorizationCodeResponse(s.as, client, response));
    expect((error as oauth.ResponseBodyError).error).toBe("invalid_grant");
  });

  it("answers a wrong Basic secret with 401 and a Basic challenge, which oauth4webapi raises as WWWAuthenticateChallengeError", async () => {
    const s = await setup();
    const { url, state, verifier } = await authorizationRequest(s, "web-app", WEB_APP_REDIRECT, "profile");
    const client = clientFor(s, "web-app");
    const params = oauth.validateAuthResponse(s.as, client, callbackUrl(await browserConsent(s, url)), state);
    const response = await oauth.authorizationCodeGrantRequest(s.as, client, oauth.ClientSecretBasic("wrong-secret"), params, WEB_APP_REDIRECT, verifier, s.http);
    const error = await rejection(oauth.processAuthorizationCodeResponse(s.as, client, response));
    expect(error).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    const challengeError = error as oauth.WWWAuthenticateChallengeError;
    expect(challengeError.status).toBe(401);
    expect(challengeError.cause).toHaveLength(1);
    expect(challengeError.cause[0]!.scheme).toBe("basic");
    expect(challengeError.cause[0]!.parameters.realm).toBe(s.world.issuer);
    expect(challengeError.cause[0]!.parameters.error).toBe("invalid_client");
    expect(await challengeError.response.json()).toMatchObject({ error: "invalid_client" });
  });

  it("answers a wrong client_secret_post secret with ResponseBodyError invalid_client, status 401, no challenge", async () => {
    const s = await setup();
    const client = clientFor(s, "inventory-service");
    const response = await oauth.clientCredentialsGrantRequest(s.as, client, oauth.ClientSecretPost("wrong-secret"), {}, s.http);
    expect(response.headers.get("www-authenticate")).toBeNull();
    const error = await rejection(oauth.processClientCredentialsResponse(s.as, client, response));
    expect(error).toBeInstanceOf(oauth.ResponseBodyError);
    expect((error as oauth.ResponseBodyError).error).toBe("invalid_client");
    expect((error as oauth.ResponseBodyError).status).toBe(401);
  });
});

describe("RFC 6750 §3 resource server challenges, parsed by oauth4webapi", () => {
  // oauth4webapi 3.8.8 keeps parseWwwAuthenticateChallenges internal; protectedResourceRequest runs it
  // on every response and raises WWWAuthenticateChallengeError with the parsed challenges as `cause`.

  it("answers an invalid token with 401 Bearer error=invalid_token", async () => {
    const s = await setup();
    const error = await rejection(callApi(s, "not-a-valid-token"));
    expect(error).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    const { cause, status } = error as oauth.WWWAuthenticateChallengeError;
    expect(status).toBe(401);
    expect(cause).toHaveLength(1);
    expect(cause[0]!.scheme).toBe("bearer");
    expect(cause[0]!.parameters.realm).toBe("https://api.example");
    expect(cause[0]!.parameters.error).toBe("invalid_token");
    expect(typeof cause[0]!.parameters.error_description).toBe("string");
  });

  it("answers a valid token without the needed scope with 403 Bearer error=insufficient_scope and the scope needed", async () => {
    const s = await setup();
    const tokens = await codeFlow(s, "spa", SPA_REDIRECT, oauth.None(), "profile");
    const error = await rejection(callApi(s, tokens.access_token, "/orders"));
    const { cause, status } = error as oauth.WWWAuthenticateChallengeError;
    expect(status).toBe(403);
    expect(cause[0]!.scheme).toBe("bearer");
    expect(cause[0]!.parameters.error).toBe("insufficient_scope");
    expect(cause[0]!.parameters.scope).toBe("order:read");
  });

  it("answers an expired token with 401 invalid_token", async () => {
    const s = await setup();
    const tokens = await codeFlow(s, "spa", SPA_REDIRECT, oauth.None(), "profile");
    s.world.clock.advance(901);
    const error = await rejection(callApi(s, tokens.access_token));
    const { cause, status } = error as oauth.WWWAuthenticateChallengeError;
    expect(status).toBe(401);
    expect(cause[0]!.parameters.error).toBe("invalid_token");
    expect(cause[0]!.parameters.error_description).toBe("the access token expired");
  });
});
