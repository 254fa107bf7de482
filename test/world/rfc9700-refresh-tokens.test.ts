/**
 * Refresh tokens (RFC 6749 §6, §10.4; OAuth 2.1 §4.3; RFC 9700 §4.14.2) as OAUTH-RULES F1–F9
 * describe them: scope binding, expiry, and rotation with reuse detection for public clients.
 */
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import type { World, WorldOptions } from "../../machines/world";
import { createWorld } from "../../machines/world";
import { callApi, CHALLENGE, clientAuth, exchangeCode, obtainCode, postForm, VERIFIER } from "../support/world-client";

type Body = Record<string, unknown>;

function expectNoStore(response: Response): void {
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("pragma")).toBe("no-cache");
}

async function expectError(response: Response, status: number, error: string): Promise<Body> {
  const body = (await response.json()) as Body;
  expect({ status: response.status, error: body.error }).toEqual({ status, error });
  expectNoStore(response);
  return body;
}

async function expectTokens(response: Response): Promise<Body> {
  const body = (await response.json()) as Body;
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(typeof body.access_token).toBe("string");
  expectNoStore(response);
  return body;
}

/** A refresh request authenticated the way `clientId` registered. */
function refresh(world: World, clientId: string, refreshToken: string | undefined, extra: Record<string, string> = {}): Promise<Response> {
  const auth = clientAuth(world, clientId);
  const fields: Record<string, string> = { grant_type: "refresh_token", ...auth.fields, ...extra };
  if (refreshToken !== undefined) fields.refresh_token = refreshToken;
  return postForm(world, `${world.issuer}/token`, fields, auth.headers);
}

/** The public spa's tokens from an authorization code + PKCE flow. */
async function spaTokens(world: World, scope = "profile order"): Promise<Body> {
  const { code } = await obtainCode(world, "spa", { scope, code_challenge: CHALLENGE, code_challenge_method: "S256" });
  return expectTokens(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }));
}

/** The confidential web-app's tokens from an authorization code flow. */
async function webAppTokens(world: World, scope = "profile order"): Promise<Body> {
  const { code } = await obtainCode(world, "web-app", { scope });
  return expectTokens(await exchangeCode(world, "web-app", code));
}

async function setup(clientId: "spa" | "web-app", options: WorldOptions = {}): Promise<{ world: World; tokens: Body; rt: string }> {
  const world = await createWorld(options);
  const tokens = clientId === "spa" ? await spaTokens(world) : await webAppTokens(world);
  expect(typeof tokens.refresh_token).toBe("string");
  return { world, tokens, rt: tokens.refresh_token as string };
}

describe("RFC 6749 §6 refreshing an access token", () => {
  it("issues a new Bearer access token with expires_in 900 and the original scope", async () => {
    const { world, tokens, rt } = await setup("web-app");
    const body = await expectTokens(await refresh(world, "web-app", rt));
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(900);
    expect(body.scope).toBe("profile order");
    expect(body.access_token).not.toBe(tokens.access_token);
    expect(decodeJwt(body.access_token as string)).toMatchObject({ sub: "user-alice-7f3a", client_id: "web-app", scope: "profile order" });
  });

  it("issues an access token the resource server accepts", async () => {
    const { world, rt } = await setup("spa");
    const body = await expectTokens(await refresh(world, "spa", rt));
    const api = await callApi(world, body.access_token as string, "/orders");
    expect(api.status).toBe(200);
    expect(((await api.json()) as Body).owner).toBe("user-alice-7f3a");
  });

  it("rejects a request without refresh_token with invalid_request", async () => {
    const { world } = await setup("web-app");
    await expectError(await refresh(world, "web-app", undefined), 400, "invalid_request");
  });

  it("treats an empty refresh_token as omitted: invalid_request", async () => {
    const { world } = await setup("web-app");
    await expectError(await refresh(world, "web-app", ""), 400, "invalid_request");
  });

  it("rejects refresh_token sent twice with invalid_request", async () => {
    const { world, rt } = await setup("web-app");
    const auth = clientAuth(world, "web-app");
    const body = new URLSearchParams([
      ["grant_type", "refresh_token"],
      ["refresh_token", rt],
      ["refresh_token", rt],
    ]);
    const response = await world.fetch(`${world.issuer}/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...auth.headers },
      body,
    });
    await expectError(response, 400, "invalid_request");
  });

  it("rejects an unknown refresh token with invalid_grant", async () => {
    const { world } = await setup("web-app");
    await expectError(await refresh(world, "web-app", "tGzv3JOkF0XG5Qx2TlKWIA"), 400, "invalid_grant");
  });

  it("rejects the spa's refresh token presented by web-app with invalid_grant", async () => {
    const { world, rt } = await setup("spa");
    await expectError(await refresh(world, "web-app", rt), 400, "invalid_grant");
  });

  it("rejects web-app's refresh token presented by spa with invalid_grant", async () => {
    const { world, rt } = await setup("web-app");
    await expectError(await refresh(world, "spa", rt), 400, "invalid_grant");
  });

  it("requires the confidential client to authenticate: web-app's refresh token with client_id alone gets 401 invalid_client", async () => {
    const { world, rt } = await setup("web-app");
    const response = await postForm(world, `${world.issuer}/token`, { grant_type: "refresh_token", refresh_token: rt, client_id: "web-app" });
    await expectError(response, 401, "invalid_client");
  });

  it("rejects a refresh token revoked at the revocation endpoint with invalid_grant", async () => {
    const { world, rt } = await setup("web-app");
    const auth = clientAuth(world, "web-app");
    const revoked = await postForm(world, `${world.issuer}/revoke`, { token: rt, token_type_hint: "refresh_token" }, auth.headers);
    expect(revoked.status).toBe(200);
    await expectError(await refresh(world, "web-app", rt), 400, "invalid_grant");
  });
});

describe("RFC 9700 §4.14.2 refresh token expiry (86 400 s in this world)", () => {
  it("still refreshes 86 399 seconds after the refresh token was issued", async () => {
    const { world, rt } = await setup("web-app");
    world.clock.advance(86_399);
    await expectTokens(await refresh(world, "web-app", rt));
  });

  it("rejects a refresh token past its 86 400 s lifetime with invalid_grant", async () => {
    const { world, rt } = await setup("web-app");
    world.clock.advance(86_401);
    await expectError(await refresh(world, "web-app", rt), 400, "invalid_grant");
  });

  it("rejects an expired public-client refresh token with invalid_grant", async () => {
    const { world, rt } = await setup("spa");
    world.clock.advance(86_401);
    await expectError(await refresh(world, "spa", rt), 400, "invalid_grant");
  });
});

describe("RFC 6749 §6, OAuth 2.1 §4.3.3 scope of a refresh request", () => {
  it("issues an access token with the narrower scope asked for and returns scope", async () => {
    const { world, rt } = await setup("web-app");
    const body = await expectTokens(await refresh(world, "web-app", rt, { scope: "profile" }));
    expect(body.scope).toBe("profile");
    expect(decodeJwt(body.access_token as string).scope).toBe("profile");
  });

  it("lets the resource server enforce the narrower scope: /me works, /orders answers 403 insufficient_scope", async () => {
    const { world, rt } = await setup("web-app");
    const body = await expectTokens(await refresh(world, "web-app", rt, { scope: "profile" }));
    expect((await callApi(world, body.access_token as string, "/me")).status).toBe(200);
    const orders = await callApi(world, body.access_token as string, "/orders");
    expect(orders.status).toBe(403);
    expect(orders.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  it("accepts a scope the granted one covers by hierarchy (order covers order:items)", async () => {
    const { world, rt } = await setup("web-app");
    const body = await expectTokens(await refresh(world, "web-app", rt, { scope: "order:items" }));
    expect(body.scope).toBe("order:items");
  });

  it("keeps the original scope on a non-rotating refresh token after a narrowed refresh", async () => {
    const { world, rt } = await setup("web-app");
    await expectTokens(await refresh(world, "web-app", rt, { scope: "profile" }));
    const again = await expectTokens(await refresh(world, "web-app", rt));
    expect(again.scope).toBe("profile order");
  });

  it("gives the rotated refresh token the ORIGINAL scope, not the narrowed one", async () => {
    const { world, rt } = await setup("spa");
    const narrowed = await expectTokens(await refresh(world, "spa", rt, { scope: "profile" }));
    expect(narrowed.scope).toBe("profile");
    expect(typeof narrowed.refresh_token).toBe("string");
    const next = await expectTokens(await refresh(world, "spa", narrowed.refresh_token as string));
    expect(next.scope).toBe("profile order");
    expect(decodeJwt(next.access_token as string).scope).toBe("profile order");
  });

  it("treats an empty scope as omitted: the original scope", async () => {
    const { world, rt } = await setup("web-app");
    const body = await expectTokens(await refresh(world, "web-app", rt, { scope: "" }));
    expect(body.scope).toBe("profile order");
  });

  it("rejects a scope wider than granted with invalid_scope, even one the client is registered for", async () => {
    const { world, rt } = await setup("web-app");
    await expectError(await refresh(world, "web-app", rt, { scope: "profile order inventory:read" }), 400, "invalid_scope");
  });

  it("rejects a broader parent of a granted scope with invalid_scope", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world, "order:read");
    await expectError(await refresh(world, "web-app", tokens.refresh_token as string, { scope: "order" }), 400, "invalid_scope");
  });

  it.each([
    ["two spaces between tokens", "profile  order"],
    ["a leading space", " profile"],
    ["a double quote", 'profile "order"'],
    ["a backslash", "profile\\order"],
    ["a non-ASCII character", "profilé"],
  ])("rejects a malformed scope (%s) with invalid_scope", async (_case, scope) => {
    const { world, rt } = await setup("web-app");
    await expectError(await refresh(world, "web-app", rt, { scope }), 400, "invalid_scope");
  });

  it("rejects an unknown scope with invalid_scope, even one that extends a granted scope by name (RFC 6749 §5.2)", async () => {
    const { world, rt } = await setup("web-app");
    await expectError(await refresh(world, "web-app", rt, { scope: "order:nonexistent" }), 400, "invalid_scope");
  });

  it("does not consume a rotating refresh token on a refused scope: it still refreshes afterwards", async () => {
    const { world, rt } = await setup("spa");
    await expectError(await refresh(world, "spa", rt, { scope: "inventory:read" }), 400, "invalid_scope");
    await expectTokens(await refresh(world, "spa", rt));
  });
});

describe("RFC 9700 §4.14.2 refresh token rotation and reuse detection", () => {
  it("rotates the public spa's refresh token: a new one, different from the old", async () => {
    const { world, rt } = await setup("spa");
    const body = await expectTokens(await refresh(world, "spa", rt));
    expect(typeof body.refresh_token).toBe("string");
    expect(body.refresh_token).not.toBe(rt);
  });

  it("rejects the spa's rotated-out refresh token with invalid_grant", async () => {
    const { world, rt } = await setup("spa");
    await expectTokens(await refresh(world, "spa", rt));
    await expectError(await refresh(world, "spa", rt), 400, "invalid_grant");
  });

  it("revokes the whole family when a rotated-out token is reused: the new refresh token is invalid_grant", async () => {
    const { world, rt } = await setup("spa");
    const rotated = await expectTokens(await refresh(world, "spa", rt));
    await expectError(await refresh(world, "spa", rt), 400, "invalid_grant");
    await expectError(await refresh(world, "spa", rotated.refresh_token as string), 400, "invalid_grant");
  });

  it("revokes the whole family when a rotated-out token is reused: the latest access token gets 401 invalid_token", async () => {
    const { world, tokens, rt } = await setup("spa");
    const rotated = await expectTokens(await refresh(world, "spa", rt));
    expect((await callApi(world, rotated.access_token as string)).status).toBe(200);
    await expectError(await refresh(world, "spa", rt), 400, "invalid_grant");

    const latest = await callApi(world, rotated.access_token as string);
    expect(latest.status).toBe(401);
    expect(latest.headers.get("www-authenticate")).toMatch(/^Bearer realm="https:\/\/api\.example", error="invalid_token"/);
    expect((await callApi(world, tokens.access_token as string)).status).toBe(401);
  });

  it("detects reuse of a token two rotations back and revokes the newest refresh token", async () => {
    const { world, rt } = await setup("spa");
    const second = await expectTokens(await refresh(world, "spa", rt));
    const third = await expectTokens(await refresh(world, "spa", second.refresh_token as string));
    await expectError(await refresh(world, "spa", rt), 400, "invalid_grant");
    await expectError(await refresh(world, "spa", third.refresh_token as string), 400, "invalid_grant");
  });

  it("does not rotate the confidential web-app's refresh token by default: no refresh_token in the response", async () => {
    const { world, rt } = await setup("web-app");
    const body = await expectTokens(await refresh(world, "web-app", rt));
    expect(body).not.toHaveProperty("refresh_token");
  });

  it("keeps web-app's refresh token working for further refreshes by default", async () => {
    const { world, rt } = await setup("web-app");
    await expectTokens(await refresh(world, "web-app", rt));
    const again = await expectTokens(await refresh(world, "web-app", rt));
    expect((await callApi(world, again.access_token as string)).status).toBe(200);
  });

  it('rotates web-app\'s refresh token with refreshTokenRotation: "all"', async () => {
    const { world, rt } = await setup("web-app", { refreshTokenRotation: "all" });
    const body = await expectTokens(await refresh(world, "web-app", rt));
    expect(typeof body.refresh_token).toBe("string");
    expect(body.refresh_token).not.toBe(rt);
    await expectError(await refresh(world, "web-app", rt), 400, "invalid_grant");
  });

  it('revokes web-app\'s token family on reuse with refreshTokenRotation: "all"', async () => {
    const { world, rt } = await setup("web-app", { refreshTokenRotation: "all" });
    const rotated = await expectTokens(await refresh(world, "web-app", rt));
    await expectError(await refresh(world, "web-app", rt), 400, "invalid_grant");
    await expectError(await refresh(world, "web-app", rotated.refresh_token as string), 400, "invalid_grant");
    expect((await callApi(world, rotated.access_token as string)).status).toBe(401);
  });

  it('does not rotate the spa\'s refresh token with refreshTokenRotation: "off"', async () => {
    const { world, rt } = await setup("spa", { refreshTokenRotation: "off" });
    const body = await expectTokens(await refresh(world, "spa", rt));
    expect(body).not.toHaveProperty("refresh_token");
    await expectTokens(await refresh(world, "spa", rt));
  });
});

describe("RFC 6750 §3.1 an access token from a refresh at the resource server", () => {
  it("works until it expires, then gets 401 invalid_token whose description says it expired", async () => {
    const { world, rt } = await setup("web-app");
    const body = await expectTokens(await refresh(world, "web-app", rt));
    world.clock.advance(899);
    expect((await callApi(world, body.access_token as string)).status).toBe(200);
    world.clock.advance(2);
    const api = await callApi(world, body.access_token as string);
    expect(api.status).toBe(401);
    const challenge = api.headers.get("www-authenticate") ?? "";
    expect(challenge).toMatch(/^Bearer realm="https:\/\/api\.example", error="invalid_token", error_description="[^"]*expir[^"]*"$/);
    const error = (await api.json()) as Body;
    expect(error.error).toBe("invalid_token");
    expect(error.error_description).toMatch(/expir/);
  });

  it("gets 401 invalid_token 901 s after the refresh, and a new refresh brings a working token", async () => {
    const { world, rt } = await setup("spa");
    const first = await expectTokens(await refresh(world, "spa", rt));
    world.clock.advance(901);
    const expired = await callApi(world, first.access_token as string);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as Body).error_description).toMatch(/expir/);
    const second = await expectTokens(await refresh(world, "spa", first.refresh_token as string));
    expect((await callApi(world, second.access_token as string)).status).toBe(200);
  });
});
