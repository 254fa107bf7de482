/**
 * The token endpoint (RFC 6749 §3.2, §4.1.3, §4.3, §4.4, §5; OAuth 2.1 §4.1.3, §7.5.2; RFC 9700 §2.4)
 * as OAUTH-RULES A1–A10, D1–D12 and G1–G3 describe it. Every request goes through `world.fetch`.
 */
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import type { World } from "../../machines/world";
import { createWorld } from "../../machines/world";
import {
  basic,
  callApi,
  CHALLENGE,
  client,
  clientAuth,
  exchangeCode,
  FORM,
  obtainCode,
  postForm,
  VERIFIER,
} from "../support/world-client";

type Body = Record<string, unknown>;

const INVENTORY = { client_id: "inventory-service", client_secret: "inventory-service-secret-demo-only" } as const;
const FIRST_PARTY = basic("first-party-app", "first-party-app-secret-demo-only");
/** RFC 6749 §4.1.2.1 / §5.2: error and error_description use only %x20-21 / %x23-5B / %x5D-7E. */
const ERROR_TEXT = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/;

function tokenUrl(world: World): string {
  return `${world.issuer}/token`;
}

function tokenRequest(world: World, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return postForm(world, tokenUrl(world), fields, headers);
}

/** A raw token request whose body is sent exactly as given. */
function rawTokenRequest(world: World, body: string, headers: Record<string, string> = FORM, url = tokenUrl(world)): Promise<Response> {
  return world.fetch(url, { method: "POST", headers, body });
}

function expectNoStore(response: Response): void {
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("pragma")).toBe("no-cache");
}

/** RFC 6749 §5.2: the status, a JSON body with the error code, and the no-store headers. */
async function expectError(response: Response, status: number, error: string): Promise<Body> {
  const body = (await response.json()) as Body;
  expect({ status: response.status, error: body.error }).toEqual({ status, error });
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expectNoStore(response);
  return body;
}

async function expectTokens(response: Response): Promise<Body> {
  const body = (await response.json()) as Body;
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(typeof body.access_token).toBe("string");
  return body;
}

function clientCredentials(world: World, extra: Record<string, string> = {}): Promise<Response> {
  return tokenRequest(world, { grant_type: "client_credentials", ...INVENTORY, ...extra });
}

function passwordGrant(world: World, fields: Record<string, string>, authorization = FIRST_PARTY): Promise<Response> {
  return tokenRequest(world, { grant_type: "password", ...fields }, { Authorization: authorization });
}

function refresh(world: World, clientId: string, refreshToken: string): Promise<Response> {
  const auth = clientAuth(world, clientId);
  return tokenRequest(world, { grant_type: "refresh_token", refresh_token: refreshToken, ...auth.fields }, auth.headers);
}

/** web-app (confidential, client_secret_basic): authorize with consent and redeem the code. */
async function webAppTokens(world: World): Promise<Body> {
  const { code } = await obtainCode(world, "web-app", { scope: "profile order" });
  return expectTokens(await exchangeCode(world, "web-app", code));
}

const SPA_PKCE = { scope: "profile order", code_challenge: CHALLENGE, code_challenge_method: "S256" };

describe("RFC 6749 §3.2 token endpoint requests", () => {
  it("refuses GET with 405 and Allow: POST (the client MUST use POST)", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${tokenUrl(world)}?grant_type=client_credentials&client_id=inventory-service`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expectNoStore(response);
  });

  it("rejects a JSON body with invalid_request (the body must be application/x-www-form-urlencoded)", async () => {
    const world = await createWorld();
    const response = await rawTokenRequest(world, JSON.stringify({ grant_type: "client_credentials", ...INVENTORY }), {
      "Content-Type": "application/json",
    });
    await expectError(response, 400, "invalid_request");
  });

  it.each([
    ["text/plain", { "Content-Type": "text/plain" }],
    ["multipart/form-data", { "Content-Type": "multipart/form-data; boundary=x" }],
  ])("rejects a form-shaped body sent as %s with invalid_request", async (_type, headers) => {
    const world = await createWorld();
    const response = await rawTokenRequest(world, new URLSearchParams({ grant_type: "client_credentials", ...INVENTORY }).toString(), headers);
    await expectError(response, 400, "invalid_request");
  });

  it("accepts a form body whose Content-Type names charset=UTF-8 (RFC 6749 Appendix B)", async () => {
    const world = await createWorld();
    const response = await rawTokenRequest(world, new URLSearchParams({ grant_type: "client_credentials", ...INVENTORY }).toString(), {
      "Content-Type": "application/x-www-form-urlencoded; charset=UTF-8",
    });
    await expectTokens(response);
  });

  it("refuses a body larger than 64 KiB with 413 invalid_request", async () => {
    const world = await createWorld();
    const body = `${new URLSearchParams({ grant_type: "client_credentials", ...INVENTORY })}&padding=${"a".repeat(64 * 1024)}`;
    await expectError(await rawTokenRequest(world, body), 413, "invalid_request");
  });

  it("accepts a body of exactly 64 KiB", async () => {
    const world = await createWorld();
    const start = `${new URLSearchParams({ grant_type: "client_credentials", ...INVENTORY })}&padding=`;
    const body = start + "a".repeat(64 * 1024 - start.length);
    expect(body.length).toBe(64 * 1024);
    await expectTokens(await rawTokenRequest(world, body));
  });

  it("measures the 64 KiB limit in bytes, so a body of multi-byte characters over 64 KiB is refused with 413", async () => {
    const world = await createWorld();
    // 33 000 × "é" is 33 000 characters but 66 000 UTF-8 bytes.
    const body = `${new URLSearchParams({ grant_type: "client_credentials", ...INVENTORY })}&padding=${"é".repeat(33_000)}`;
    expect(new TextEncoder().encode(body).length).toBeGreaterThan(64 * 1024);
    await expectError(await rawTokenRequest(world, body), 413, "invalid_request");
  });

  it.each([
    ["grant_type", "grant_type=client_credentials&grant_type=client_credentials&client_id=inventory-service&client_secret=inventory-service-secret-demo-only"],
    ["client_id", "grant_type=client_credentials&client_id=inventory-service&client_id=inventory-service&client_secret=inventory-service-secret-demo-only"],
    ["client_secret", "grant_type=client_credentials&client_id=inventory-service&client_secret=x&client_secret=inventory-service-secret-demo-only"],
    ["scope", "grant_type=client_credentials&client_id=inventory-service&client_secret=inventory-service-secret-demo-only&scope=inventory:read&scope=inventory:write"],
  ])("rejects a request that sends %s twice with invalid_request (parameters MUST NOT be included more than once)", async (_name, body) => {
    const world = await createWorld();
    await expectError(await rawTokenRequest(world, body), 400, "invalid_request");
  });

  it("rejects an authorization code sent twice with invalid_request", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    const body = new URLSearchParams([
      ["grant_type", "authorization_code"],
      ["code", code],
      ["code", code],
      ["redirect_uri", "https://webapp.example/callback"],
    ]).toString();
    const response = await rawTokenRequest(world, body, { ...FORM, Authorization: basic("web-app", "web-app-secret-demo-only") });
    await expectError(response, 400, "invalid_request");
  });

  it("refuses client_secret in the request URI even when the body is otherwise valid (RFC 6749 §2.3.1)", async () => {
    const world = await createWorld();
    const url = `${tokenUrl(world)}?client_secret=${INVENTORY.client_secret}`;
    const body = new URLSearchParams({ grant_type: "client_credentials", ...INVENTORY }).toString();
    await expectError(await rawTokenRequest(world, body, FORM, url), 400, "invalid_request");
  });

  it("rejects a request without grant_type with invalid_request", async () => {
    const world = await createWorld();
    await expectError(await tokenRequest(world, { ...INVENTORY }), 400, "invalid_request");
  });

  it("treats an empty grant_type as omitted: invalid_request", async () => {
    const world = await createWorld();
    await expectError(await tokenRequest(world, { grant_type: "", ...INVENTORY }), 400, "invalid_request");
  });

  it("rejects an unknown grant_type with unsupported_grant_type", async () => {
    const world = await createWorld();
    await expectError(await tokenRequest(world, { grant_type: "foobar", ...INVENTORY }), 400, "unsupported_grant_type");
  });

  it.each([
    ["inventory-service", "authorization_code", { code: "SplxlOBeZQQYbYS6WxSbIA", redirect_uri: "https://client.example.com/cb" }],
    ["web-app", "client_credentials", {}],
    ["web-app", "password", { username: "alice", password: "wonderland" }],
    ["first-party-app", "authorization_code", { code: "SplxlOBeZQQYbYS6WxSbIA", redirect_uri: "https://client.example.com/cb" }],
    ["spa", "urn:ietf:params:oauth:grant-type:device_code", { device_code: "GmRhmhcxhwAzkoEqiMEg_DnyEysNkuNhszIySk9eS" }],
    ["inventory-service", "refresh_token", { refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA" }],
  ])("answers %s using the %s grant it is not registered for with unauthorized_client", async (clientId, grantType, extra) => {
    const world = await createWorld();
    expect(client(world, clientId).grant_types).not.toContain(grantType);
    const auth = clientAuth(world, clientId);
    const response = await tokenRequest(world, { grant_type: grantType, ...extra, ...auth.fields }, auth.headers);
    await expectError(response, 400, "unauthorized_client");
  });

  it("treats an empty scope as omitted: the client's registered scope is granted (RFC 6749 §3.2, §3.3)", async () => {
    const world = await createWorld();
    const body = await expectTokens(await clientCredentials(world, { scope: "" }));
    expect(body.scope).toBe("inventory:read inventory:write");
  });

  it("treats an empty code_verifier as omitted: a code issued without PKCE is still redeemed", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    await expectTokens(await exchangeCode(world, "web-app", code, { code_verifier: "" }));
  });

  it("ignores unrecognized request parameters", async () => {
    const world = await createWorld();
    const body = await expectTokens(await clientCredentials(world, { foo: "bar", resource_owner_colour: "blue" }));
    expect(body.scope).toBe("inventory:read inventory:write");
  });
});

describe("RFC 6749 §5.1 successful token response", () => {
  it("answers 200 with application/json, Cache-Control: no-store and Pragma: no-cache", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "profile order" });
    const response = await exchangeCode(world, "web-app", code);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json(;|$)/);
    expectNoStore(response);
  });

  it("returns access_token, token_type Bearer, expires_in as the JSON number 900, refresh_token and scope at the top level", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "profile order" });
    const response = await exchangeCode(world, "web-app", code);
    const text = await response.text();
    expect(text).toContain('"expires_in":900');
    const body = JSON.parse(text) as Body;
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(900);
    expect(body.scope).toBe("profile order");
    expect(body.access_token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(typeof body.refresh_token).toBe("string");
    expect(body.refresh_token).not.toBe("");
  });

  it("returns scope when the client omitted it: the registered scope it was granted", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    const body = await expectTokens(await exchangeCode(world, "web-app", code));
    expect(body.scope).toBe("profile order inventory:read");
  });

  it("issues an access token the resource server accepts", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const api = await callApi(world, tokens.access_token as string, "/me");
    expect(api.status).toBe(200);
    expect(((await api.json()) as Body).sub).toBe("user-alice-7f3a");
  });
});

describe("RFC 6749 §5.2 error response", () => {
  it("carries only error and error_description, both in the characters §5.2 allows", async () => {
    const world = await createWorld();
    const responses = [
      await tokenRequest(world, { grant_type: 'evil"\\é\n<x>', ...INVENTORY }),
      await tokenRequest(world, { ...INVENTORY }),
      await tokenRequest(world, { grant_type: "authorization_code", code: 'bad"\\code' }, { Authorization: basic("web-app", "web-app-secret-demo-only") }),
      await clientCredentials(world, { scope: 'inventory:read "quoted"\\' }),
      await tokenRequest(world, { grant_type: "client_credentials", client_id: 'nobody"\\é', client_secret: "x" }),
    ];
    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expectNoStore(response);
      const body = (await response.json()) as Body;
      expect(Object.keys(body).sort()).toEqual(["error", "error_description"]);
      expect(body.error).toMatch(/^[a-z_]+$/);
      expect(typeof body.error_description).toBe("string");
      expect(body.error_description).toMatch(ERROR_TEXT);
    }
  });

  it("describes an unsupported grant type without echoing forbidden characters", async () => {
    const world = await createWorld();
    const body = await expectError(await tokenRequest(world, { grant_type: 'x"y\\z', ...INVENTORY }), 400, "unsupported_grant_type");
    expect(body.error_description).not.toMatch(/["\\]/);
  });
});

describe("RFC 6749 §4.1.3 access token request (authorization code grant)", () => {
  it("rejects a request without code with invalid_request", async () => {
    const world = await createWorld();
    const response = await tokenRequest(
      world,
      { grant_type: "authorization_code", redirect_uri: "https://webapp.example/callback" },
      { Authorization: basic("web-app", "web-app-secret-demo-only") },
    );
    await expectError(response, 400, "invalid_request");
  });

  it("rejects an unknown code with invalid_grant", async () => {
    const world = await createWorld();
    await expectError(await exchangeCode(world, "web-app", "SplxlOBeZQQYbYS6WxSbIA"), 400, "invalid_grant");
  });

  it("rejects a code issued to web-app when spa redeems it, with invalid_grant", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    await expectError(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }), 400, "invalid_grant");
  });

  it("rejects a code issued to spa when web-app redeems it, with invalid_grant", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "spa", SPA_PKCE);
    const response = await exchangeCode(world, "web-app", code, { code_verifier: VERIFIER, redirect_uri: "https://spa.example/callback" });
    await expectError(response, 400, "invalid_grant");
  });

  it("rejects a redirect_uri that differs from the authorization request's with invalid_grant", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    const response = await exchangeCode(world, "web-app", code, { redirect_uri: "https://webapp.example/callback?thensome" });
    await expectError(response, 400, "invalid_grant");
  });

  it("rejects an omitted redirect_uri with invalid_request in OAuth 2.0 mode (RFC 6749 §4.1.3 REQUIRED)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    const response = await tokenRequest(world, { grant_type: "authorization_code", code }, clientAuth(world, "web-app").headers);
    await expectError(response, 400, "invalid_request");
  });

  it("accepts an omitted redirect_uri in OAuth 2.0 mode when the authorization request omitted it too (REQUIRED only if included)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { redirect_uri: "" });
    const response = await tokenRequest(world, { grant_type: "authorization_code", code }, clientAuth(world, "web-app").headers);
    await expectTokens(response);
  });

  it("rejects a foreign redirect_uri at the token endpoint with invalid_grant when the authorization request omitted it", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { redirect_uri: "" });
    const response = await exchangeCode(world, "web-app", code, { redirect_uri: "https://evil.example/callback" });
    await expectError(response, 400, "invalid_grant");
  });

  it("accepts an omitted redirect_uri in OAuth 2.1 mode (OAuth 2.1 §4.1.3 dropped it)", async () => {
    const world = await createWorld({ oauth21: true });
    const { code } = await obtainCode(world, "web-app");
    const response = await tokenRequest(world, { grant_type: "authorization_code", code }, clientAuth(world, "web-app").headers);
    const body = await expectTokens(response);
    expect(body.token_type).toBe("Bearer");
  });

  it("still rejects a mismatched redirect_uri with invalid_grant in OAuth 2.1 mode", async () => {
    const world = await createWorld({ oauth21: true });
    const { code } = await obtainCode(world, "web-app");
    const response = await exchangeCode(world, "web-app", code, { redirect_uri: "https://evil.example/callback" });
    await expectError(response, 400, "invalid_grant");
  });

  it("redeems the public spa's code with its client_id and the PKCE verifier", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "spa", SPA_PKCE);
    const body = await expectTokens(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }));
    expect(body.scope).toBe("profile order");
    expect(decodeJwt(body.access_token as string).client_id).toBe("spa");
  });
});

describe("RFC 6749 §4.1.2 authorization code lifetime (60 s in this world)", () => {
  it("still redeems a code 59 seconds after it was issued", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    world.clock.advance(59);
    await expectTokens(await exchangeCode(world, "web-app", code));
  });

  it("rejects a code 61 seconds after it was issued with invalid_grant", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    world.clock.advance(61);
    await expectError(await exchangeCode(world, "web-app", code), 400, "invalid_grant");
  });
});

describe("RFC 6749 §4.1.2, §10.5; OAuth 2.1 §7.5.2 single-use authorization code", () => {
  it("rejects a reused authorization code with invalid_grant", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    await expectTokens(await exchangeCode(world, "web-app", code));
    await expectError(await exchangeCode(world, "web-app", code), 400, "invalid_grant");
  });

  it("revokes the access token issued from a reused code: the resource server answers 401 invalid_token", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "profile order" });
    const tokens = await expectTokens(await exchangeCode(world, "web-app", code));
    expect((await callApi(world, tokens.access_token as string)).status).toBe(200);

    await expectError(await exchangeCode(world, "web-app", code), 400, "invalid_grant");

    const api = await callApi(world, tokens.access_token as string);
    expect(api.status).toBe(401);
    expect(api.headers.get("www-authenticate")).toMatch(/^Bearer realm="https:\/\/api\.example", error="invalid_token"/);
    expect(((await api.json()) as Body).error).toBe("invalid_token");
  });

  it("revokes the refresh token issued from a reused code: refreshing answers invalid_grant", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    const tokens = await expectTokens(await exchangeCode(world, "web-app", code));
    await expectError(await exchangeCode(world, "web-app", code), 400, "invalid_grant");
    await expectError(await refresh(world, "web-app", tokens.refresh_token as string), 400, "invalid_grant");
  });

  it("revokes the public client's tokens when its code is replayed with the right verifier", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "spa", SPA_PKCE);
    const tokens = await expectTokens(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }));
    await expectError(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }), 400, "invalid_grant");
    expect((await callApi(world, tokens.access_token as string)).status).toBe(401);
    await expectError(await refresh(world, "spa", tokens.refresh_token as string), 400, "invalid_grant");
  });

  it("revokes access tokens refreshed from the grant too, when the code is reused", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "profile order" });
    const tokens = await expectTokens(await exchangeCode(world, "web-app", code));
    const refreshed = await expectTokens(await refresh(world, "web-app", tokens.refresh_token as string));
    expect((await callApi(world, refreshed.access_token as string)).status).toBe(200);
    await expectError(await exchangeCode(world, "web-app", code), 400, "invalid_grant");
    expect((await callApi(world, refreshed.access_token as string)).status).toBe(401);
  });

  it("still detects the reuse and revokes after the code's own 60 s lifetime has passed", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "profile order" });
    const tokens = await expectTokens(await exchangeCode(world, "web-app", code));
    world.clock.advance(120);
    await expectError(await exchangeCode(world, "web-app", code), 400, "invalid_grant");
    expect((await callApi(world, tokens.access_token as string)).status).toBe(401);
  });

  it("does not revoke anything when another client replays the code (invalid_grant)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "profile order" });
    const tokens = await expectTokens(await exchangeCode(world, "web-app", code));
    await expectError(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }), 400, "invalid_grant");
    expect((await callApi(world, tokens.access_token as string)).status).toBe(200);
  });

  it("does not revoke anything when the replay fails client authentication (invalid_client)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "profile order" });
    const tokens = await expectTokens(await exchangeCode(world, "web-app", code));
    const forged = await tokenRequest(
      world,
      { grant_type: "authorization_code", code, redirect_uri: "https://webapp.example/callback" },
      { Authorization: basic("web-app", "guessed-secret") },
    );
    await expectError(forged, 401, "invalid_client");
    expect((await callApi(world, tokens.access_token as string)).status).toBe(200);
    await expectTokens(await refresh(world, "web-app", tokens.refresh_token as string));
  });

  it("does not revoke anything when the replay sends a mismatched redirect_uri (invalid_grant)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "profile order" });
    const tokens = await expectTokens(await exchangeCode(world, "web-app", code));
    const replay = await exchangeCode(world, "web-app", code, { redirect_uri: "https://evil.example/callback" });
    await expectError(replay, 400, "invalid_grant");
    expect((await callApi(world, tokens.access_token as string)).status).toBe(200);
  });

  it("does not revoke anything when the replay carries a wrong PKCE verifier (invalid_grant)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "spa", SPA_PKCE);
    const tokens = await expectTokens(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }));
    const wrongVerifier = "A".repeat(43);
    await expectError(await exchangeCode(world, "spa", code, { code_verifier: wrongVerifier }), 400, "invalid_grant");
    expect((await callApi(world, tokens.access_token as string)).status).toBe(200);
    await expectTokens(await refresh(world, "spa", tokens.refresh_token as string));
  });
});

describe("RFC 6749 §4.4 client credentials grant", () => {
  it("issues an access token with no refresh token and sub = client_id (RFC 6749 §4.4.3, RFC 9068 §2.2)", async () => {
    const world = await createWorld();
    const response = await clientCredentials(world);
    const body = await expectTokens(response);
    expectNoStore(response);
    expect(body).not.toHaveProperty("refresh_token");
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(900);
    expect(body.scope).toBe("inventory:read inventory:write");
    const claims = decodeJwt(body.access_token as string);
    expect(claims.sub).toBe("inventory-service");
    expect(claims.client_id).toBe("inventory-service");
  });

  it("grants a narrower scope when asked and says so in scope", async () => {
    const world = await createWorld();
    const body = await expectTokens(await clientCredentials(world, { scope: "inventory:read" }));
    expect(body.scope).toBe("inventory:read");
    expect(decodeJwt(body.access_token as string).scope).toBe("inventory:read");
  });

  it("rejects a scope beyond the client's registration with invalid_scope", async () => {
    const world = await createWorld();
    await expectError(await clientCredentials(world, { scope: "inventory:read profile" }), 400, "invalid_scope");
  });

  it("rejects a scope broader than a registered one (inventory ⊋ inventory:read) with invalid_scope", async () => {
    const world = await createWorld();
    await expectError(await clientCredentials(world, { scope: "inventory" }), 400, "invalid_scope");
  });

  it.each(["spa", "tv-app"])("refuses the public client %s with unauthorized_client", async (clientId) => {
    const world = await createWorld();
    await expectError(await tokenRequest(world, { grant_type: "client_credentials", client_id: clientId }), 400, "unauthorized_client");
  });
});

describe("RFC 6749 §4.3 resource owner password credentials grant (deprecated, RFC 9700 §2.4)", () => {
  it("issues an access token and a refresh token for the first-party app", async () => {
    const world = await createWorld();
    const response = await passwordGrant(world, { username: "alice", password: "wonderland" });
    const body = await expectTokens(response);
    expectNoStore(response);
    expect(body.token_type).toBe("Bearer");
    expect(body.scope).toBe("profile order");
    expect(typeof body.refresh_token).toBe("string");
    expect(decodeJwt(body.access_token as string).sub).toBe("user-alice-7f3a");
  });

  it("rejects a wrong password with invalid_grant", async () => {
    const world = await createWorld();
    await expectError(await passwordGrant(world, { username: "alice", password: "looking-glass" }), 400, "invalid_grant");
  });

  it("rejects an unknown user with invalid_grant", async () => {
    const world = await createWorld();
    await expectError(await passwordGrant(world, { username: "carol", password: "wonderland" }), 400, "invalid_grant");
  });

  it("rejects a request without username with invalid_request", async () => {
    const world = await createWorld();
    await expectError(await passwordGrant(world, { password: "wonderland" }), 400, "invalid_request");
  });

  it("rejects a request without password with invalid_request", async () => {
    const world = await createWorld();
    await expectError(await passwordGrant(world, { username: "alice" }), 400, "invalid_request");
  });

  it("answers unsupported_grant_type in OAuth 2.1 mode", async () => {
    const world = await createWorld({ oauth21: true });
    await expectError(await passwordGrant(world, { username: "alice", password: "wonderland" }), 400, "unsupported_grant_type");
  });

  it("locks the account after 5 failed passwords within 60 s: even the right password gets invalid_grant with Retry-After", async () => {
    const world = await createWorld();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await passwordGrant(world, { username: "alice", password: `guess-${attempt}` });
      await expectError(response, 400, "invalid_grant");
      expect(response.headers.get("retry-after")).toBeNull();
    }
    world.clock.advance(10);
    const locked = await passwordGrant(world, { username: "alice", password: "wonderland" });
    await expectError(locked, 400, "invalid_grant");
    expect(locked.headers.get("retry-after")).toBe("50");
  });

  it("does not lock the account after only 4 failed passwords", async () => {
    const world = await createWorld();
    for (let attempt = 1; attempt <= 4; attempt++) {
      await expectError(await passwordGrant(world, { username: "alice", password: `guess-${attempt}` }), 400, "invalid_grant");
    }
    await expectTokens(await passwordGrant(world, { username: "alice", password: "wonderland" }));
  });

  it("accepts the right password again once the 60 s window has passed", async () => {
    const world = await createWorld();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expectError(await passwordGrant(world, { username: "alice", password: `guess-${attempt}` }), 400, "invalid_grant");
    }
    await expectError(await passwordGrant(world, { username: "alice", password: "wonderland" }), 400, "invalid_grant");
    world.clock.advance(60);
    await expectTokens(await passwordGrant(world, { username: "alice", password: "wonderland" }));
  });

  it("locks only the attacked account: bob still signs in while alice is locked", async () => {
    const world = await createWorld();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expectError(await passwordGrant(world, { username: "alice", password: `guess-${attempt}` }), 400, "invalid_grant");
    }
    await expectTokens(await passwordGrant(world, { username: "bob", password: "builder" }));
  });
});
