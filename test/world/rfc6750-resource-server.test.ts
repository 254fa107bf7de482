/**
 * RFC 6750 bearer token usage at the mock resource server (OAUTH-RULES H1–H11), with RFC 9068 §4
 * JWT validation (M5) and RFC 7662 introspection of opaque tokens.
 */
import type { JWTPayload } from "jose";
import { base64url, decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { World } from "../../machines/world";
import { createWorld } from "../../machines/world";
import { DEMO_SIGNING_KEY } from "../../machines/world/demo-signing-key";
import { authorizeUrl, callApi, clientAuth, consent, exchangeCode, obtainCode, postForm } from "../support/world-client";

const REALM_ONLY = 'Bearer realm="https://api.example"';

interface Tokens {
  access_token: string;
  refresh_token?: string;
  scope: string;
}

async function webAppTokens(world: World, scope?: string): Promise<Tokens> {
  const { code } = await obtainCode(world, "web-app", scope === undefined ? {} : { scope });
  const response = await exchangeCode(world, "web-app", code);
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
}

async function serviceToken(world: World, scope: string): Promise<string> {
  const auth = clientAuth(world, "inventory-service");
  const response = await postForm(world, `${world.issuer}/token`, { grant_type: "client_credentials", scope, ...auth.fields }, auth.headers);
  expect(response.status).toBe(200);
  return ((await response.json()) as Tokens).access_token;
}

function withAuthorization(world: World, authorization: string | undefined, path = "/me", method = "GET"): Promise<Response> {
  return world.fetch(`${world.resourceServer}${path}`, { method, headers: authorization === undefined ? {} : { Authorization: authorization } });
}

/** A JWT with these claims and header, signed with the published demo key. */
async function signWithDemoKey(claims: JWTPayload, header: { alg: string; typ?: string; kid?: string }): Promise<string> {
  const key = await importJWK(DEMO_SIGNING_KEY, "RS256");
  return new SignJWT(claims).setProtectedHeader(header).sign(key);
}

function demoHeader(typ = "at+jwt") {
  return { alg: "RS256", typ, kid: DEMO_SIGNING_KEY.kid };
}

let otherKey: Promise<CryptoKeyPair> | undefined;

/** An RSA key pair that is not the authorization server's (generated once: RSA generation is slow). */
function attackerKey(): Promise<CryptoKeyPair> {
  otherKey ??= generateKeyPair("RS256");
  return otherKey;
}

function encodeJson(value: unknown): string {
  return base64url.encode(JSON.stringify(value));
}

function challengeOf(response: Response): string | null {
  return response.headers.get("www-authenticate");
}

/** RFC 6750 §3: 401 with a challenge naming invalid_token. */
async function expectInvalidToken(response: Response, description?: RegExp): Promise<void> {
  expect(response.status).toBe(401);
  const challenge = challengeOf(response);
  expect(challenge).toMatch(/^Bearer realm="https:\/\/api\.example", error="invalid_token", error_description="[^"]+"$/);
  if (description) expect(challenge!.match(/error_description="([^"]*)"/)![1]).toMatch(description);
  expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_token");
}

/** RFC 6750 §3.1: 400 invalid_request. */
function expectInvalidRequest(response: Response): void {
  expect(response.status).toBe(400);
  expect(challengeOf(response)).toMatch(/^Bearer realm="https:\/\/api\.example", error="invalid_request"/);
}

describe("RFC 6750 §3 / §3.1 request without usable credentials", () => {
  it("answers a request without Authorization with 401 and exactly Bearer realm=\"https://api.example\"", async () => {
    const world = await createWorld();
    const response = await callApi(world, undefined, "/me");
    expect(response.status).toBe(401);
    expect(challengeOf(response)).toBe(REALM_ONLY);
  });

  it("answers another scheme (Basic) with 401 and a challenge without an error attribute", async () => {
    const world = await createWorld();
    const response = await withAuthorization(world, `Basic ${btoa("alice:wonderland")}`);
    expect(response.status).toBe(401);
    expect(challengeOf(response)).toBe(REALM_ONLY);
  });

  it("ignores an access_token in the query string (OAuth 2.1 §5.1): 401 without an error attribute", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await world.fetch(`${world.resourceServer}/me?access_token=${encodeURIComponent(tokens.access_token)}`);
    expect(response.status).toBe(401);
    expect(challengeOf(response)).toBe(REALM_ONLY);
  });

  it("uses the Authorization header and ignores a query-string access_token sent alongside", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await world.fetch(`${world.resourceServer}/me?access_token=garbage`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
    expect(response.status).toBe(200);
  });

  it("ignores an access_token in a form body (RFC 6750 §2.2 is optional and not supported): 401 without error", async () => {
    const world = await createWorld();
    const tokens = await serviceToken(world, "inventory:write");
    const response = await postForm(world, `${world.resourceServer}/inventory`, { access_token: tokens });
    expect(response.status).toBe(401);
    expect(challengeOf(response)).toBe(REALM_ONLY);
  });
});

describe("RFC 6750 §2.1 Authorization: Bearer syntax", () => {
  it("answers Bearer with no token with 400 invalid_request", async () => {
    const world = await createWorld();
    expectInvalidRequest(await withAuthorization(world, "Bearer"));
  });

  it("answers Bearer followed only by spaces with 400 invalid_request", async () => {
    const world = await createWorld();
    expectInvalidRequest(await withAuthorization(world, "Bearer    "));
  });

  it("answers a token with an illegal character with 400 invalid_request", async () => {
    const world = await createWorld();
    expectInvalidRequest(await withAuthorization(world, "Bearer mF_9.B5f-4!1JqM"));
  });

  it("answers two tokens in one header with 400 invalid_request", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    expectInvalidRequest(await withAuthorization(world, `Bearer ${tokens.access_token} ${tokens.access_token}`));
  });

  it("answers two Authorization headers (combined by Fetch) with 400 invalid_request", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const headers = new Headers();
    headers.append("Authorization", `Bearer ${tokens.access_token}`);
    headers.append("Authorization", `Bearer ${tokens.access_token}`);
    expectInvalidRequest(await world.fetch(`${world.resourceServer}/me`, { headers }));
  });

  it("accepts the scheme name in lower case (bearer)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    expect((await withAuthorization(world, `bearer ${tokens.access_token}`)).status).toBe(200);
  });

  it("accepts the scheme name in upper case (BEARER) and mixed case (bEaReR)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    expect((await withAuthorization(world, `BEARER ${tokens.access_token}`)).status).toBe(200);
    expect((await withAuthorization(world, `bEaReR ${tokens.access_token}`)).status).toBe(200);
  });

  it("accepts more than one space between the scheme and the token (1*SP)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    expect((await withAuthorization(world, `Bearer   ${tokens.access_token}`)).status).toBe(200);
  });

  it("answers a valid token with 200 and the signed-in person's data", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await callApi(world, tokens.access_token, "/me");
    expect(response.status).toBe(200);
    expect(challengeOf(response)).toBeNull();
    expect(await response.json()).toEqual({ sub: "user-alice-7f3a", name: "Alice Liddell", username: "alice" });
  });
});

describe("RFC 6750 §3.1 invalid_token (RFC 9068 §4 JWT validation)", () => {
  it("answers a garbage token with 401 invalid_token", async () => {
    const world = await createWorld();
    await expectInvalidToken(await callApi(world, "mF_9.B5f-4.1JqM"));
  });

  it("answers an opaque-looking unknown token with 401 invalid_token", async () => {
    const world = await createWorld();
    await expectInvalidToken(await callApi(world, "2YotnFZFEjr1zCsicMWpAA"));
  });

  it("answers an expired token (901 s) with 401 invalid_token and a description that says it expired", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    world.clock.advance(901);
    await expectInvalidToken(await callApi(world, tokens.access_token), /expire/i);
  });

  it("still accepts the token just before expiry (899 s)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    world.clock.advance(899);
    expect((await callApi(world, tokens.access_token)).status).toBe(200);
  });

  it("answers a token whose payload was changed by one character with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const [header, payload, signature] = tokens.access_token.split(".");
    const json = new TextDecoder().decode(base64url.decode(payload!));
    expect(json).toContain('"sub":"user-alice-7f3a"');
    const tampered = base64url.encode(json.replace('"sub":"user-alice-7f3a"', '"sub":"user-alice-7f3b"'));
    await expectInvalidToken(await callApi(world, `${header}.${tampered}.${signature}`), /signature/);
  });

  it("answers a token whose raw payload text had one character flipped with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const [header, payload, signature] = tokens.access_token.split(".");
    const index = Math.floor(payload!.length / 2);
    const flipped = `${payload!.slice(0, index)}${payload![index] === "A" ? "B" : "A"}${payload!.slice(index + 1)}`;
    await expectInvalidToken(await callApi(world, `${header}.${flipped}.${signature}`));
  });

  it("answers a token signed by another RSA key (same claims and header) with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const { privateKey } = await attackerKey();
    const forged = await new SignJWT(decodeJwt(tokens.access_token)).setProtectedHeader(decodeProtectedHeader(tokens.access_token) as { alg: string }).sign(privateKey);
    expect(decodeProtectedHeader(forged).kid).toBe(DEMO_SIGNING_KEY.kid);
    await expectInvalidToken(await callApi(world, forged), /signature/);
  });

  it("answers a token signed by a key with an unknown kid with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const { privateKey } = await attackerKey();
    const forged = await new SignJWT(decodeJwt(tokens.access_token)).setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: "attacker" }).sign(privateKey);
    await expectInvalidToken(await callApi(world, forged), /unknown key/);
  });

  it("answers an alg: none token with the real claims with 401 invalid_token (RFC 9068 §4)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const unsigned = `${encodeJson({ alg: "none", typ: "at+jwt" })}.${tokens.access_token.split(".")[1]}.`;
    await expectInvalidToken(await callApi(world, unsigned), /^(?!.*revoked)/);
  });

  it("answers an HS256 token (algorithm confusion) with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const secret = new TextEncoder().encode(DEMO_SIGNING_KEY.n);
    const forged = await new SignJWT(decodeJwt(tokens.access_token)).setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: DEMO_SIGNING_KEY.kid }).sign(secret);
    await expectInvalidToken(await callApi(world, forged), /RS256/);
  });

  it("answers a JWT with typ \"JWT\" instead of at+jwt with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const resigned = await signWithDemoKey(decodeJwt(tokens.access_token), demoHeader("JWT"));
    await expectInvalidToken(await callApi(world, resigned), /typ must be at\+jwt/);
  });

  it("answers a token for another audience (signed with the demo key) with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const resigned = await signWithDemoKey({ ...decodeJwt(tokens.access_token), aud: "https://other.example" }, demoHeader());
    await expectInvalidToken(await callApi(world, resigned), /not meant for this resource server/);
  });

  it("answers a token from another issuer (signed with the demo key) with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const resigned = await signWithDemoKey({ ...decodeJwt(tokens.access_token), iss: "https://evil.example" }, demoHeader());
    await expectInvalidToken(await callApi(world, resigned), /not issued by the expected authorization server/);
  });

  it("answers a token missing a required claim (jti) with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const claims = decodeJwt(tokens.access_token);
    delete claims.jti;
    const resigned = await signWithDemoKey(claims, demoHeader());
    await expectInvalidToken(await callApi(world, resigned), /jti/);
  });

  it("answers a well-signed token the authorization server never issued with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world, "profile");
    // The demo key is public: anyone can mint a wider token, but the AS has no record of it.
    const minted = await signWithDemoKey({ ...decodeJwt(tokens.access_token), scope: "profile order inventory:read", jti: "minted" }, demoHeader());
    await expectInvalidToken(await callApi(world, minted, "/orders"), /revoked|not active|unknown/);
  });

  it("answers a revoked token with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const auth = clientAuth(world, "web-app");
    expect((await postForm(world, `${world.issuer}/revoke`, { token: tokens.access_token }, auth.headers)).status).toBe(200);
    await expectInvalidToken(await callApi(world, tokens.access_token), /revoked/);
  });
});

describe("RFC 6750 §3.1 insufficient_scope and the scope hierarchy", () => {
  it("answers a valid token without the needed scope with 403 insufficient_scope and scope=\"<needed>\"", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world, "profile");
    const response = await callApi(world, tokens.access_token, "/orders");
    expect(response.status).toBe(403);
    expect(challengeOf(response)).toMatch(/^Bearer realm="https:\/\/api\.example", error="insufficient_scope", error_description="[^"]*", scope="order:read"$/);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("insufficient_scope");
  });

  it("lets a token with order call GET /orders/items (order:items) and GET /orders (order:read)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world, "order");
    expect(tokens.scope).toBe("order");
    const items = await callApi(world, tokens.access_token, "/orders/items");
    expect(items.status).toBe(200);
    expect(((await items.json()) as Record<string, unknown>).owner).toBe("user-alice-7f3a");
    expect((await callApi(world, tokens.access_token, "/orders")).status).toBe(200);
  });

  it("does not let order:read cover its sibling order:items", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world, "order:read");
    expect((await callApi(world, tokens.access_token, "/orders")).status).toBe(200);
    const response = await callApi(world, tokens.access_token, "/orders/items");
    expect(response.status).toBe(403);
    expect(challengeOf(response)).toContain('scope="order:items"');
  });

  it("does not let order cover profile (GET /me needs profile)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world, "order");
    const response = await callApi(world, tokens.access_token, "/me");
    expect(response.status).toBe(403);
    expect(challengeOf(response)).toContain('scope="profile"');
  });

  it("lets a client_credentials token with inventory:write PUT /inventory/price (inventory:price:write)", async () => {
    const world = await createWorld();
    const token = await serviceToken(world, "inventory:write");
    const response = await callApi(world, token, "/inventory/price", "PUT");
    expect(response.status).toBe(200);
    expect(((await response.json()) as Record<string, unknown>).by).toBe("inventory-service");
  });

  it("refuses POST /inventory (inventory:write) to a token with only inventory:read: 403 scope=\"inventory:write\"", async () => {
    const world = await createWorld();
    const token = await serviceToken(world, "inventory:read");
    expect((await callApi(world, token, "/inventory")).status).toBe(200);
    const response = await callApi(world, token, "/inventory", "POST");
    expect(response.status).toBe(403);
    expect(challengeOf(response)).toContain('error="insufficient_scope"');
    expect(challengeOf(response)).toContain('scope="inventory:write"');
  });

  it("does not let inventory:write cover inventory:read", async () => {
    const world = await createWorld();
    const token = await serviceToken(world, "inventory:write");
    const response = await callApi(world, token, "/inventory", "GET");
    expect(response.status).toBe(403);
    expect(challengeOf(response)).toContain('scope="inventory:read"');
  });
});

describe("HTTP semantics of the resource server", () => {
  it("answers an unknown path with 404", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    expect((await callApi(world, tokens.access_token, "/no-such-thing")).status).toBe(404);
  });

  it("answers a wrong method with 405 and Allow listing the methods of that path", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const me = await callApi(world, tokens.access_token, "/me", "DELETE");
    expect(me.status).toBe(405);
    expect(me.headers.get("allow")).toBe("GET");
    const inventory = await callApi(world, tokens.access_token, "/inventory", "PATCH");
    expect(inventory.status).toBe(405);
    expect(inventory.headers.get("allow")?.split(/,\s*/).sort()).toEqual(["GET", "POST"]);
  });

  it("exposes WWW-Authenticate to browsers through Access-Control-Expose-Headers (RFC 9449 §7.1 note)", async () => {
    const world = await createWorld();
    const response = await callApi(world, undefined, "/me");
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const exposed = (response.headers.get("access-control-expose-headers") ?? "").split(/,\s*/).map((name) => name.toLowerCase());
    expect(exposed).toContain("www-authenticate");
  });

  it("answers a CORS preflight that allows the Authorization header", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${world.resourceServer}/me`, {
      method: "OPTIONS",
      headers: { Origin: "https://spa.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("authorization");
  });
});

describe("RFC 7662 §2.1 opaque access tokens at the resource server", () => {
  it("accepts an opaque access token through introspection", async () => {
    const world = await createWorld({ accessTokenFormat: "opaque" });
    const tokens = await webAppTokens(world);
    expect(tokens.access_token.split(".")).toHaveLength(1);
    const response = await callApi(world, tokens.access_token, "/me");
    expect(response.status).toBe(200);
    expect(((await response.json()) as Record<string, unknown>).sub).toBe("user-alice-7f3a");
  });

  it("applies the scope check to opaque tokens (403 insufficient_scope)", async () => {
    const world = await createWorld({ accessTokenFormat: "opaque" });
    const tokens = await webAppTokens(world, "profile");
    const response = await callApi(world, tokens.access_token, "/orders");
    expect(response.status).toBe(403);
    expect(challengeOf(response)).toContain('scope="order:read"');
  });

  it("refuses a revoked opaque token with 401 invalid_token", async () => {
    const world = await createWorld({ accessTokenFormat: "opaque" });
    const tokens = await webAppTokens(world);
    const auth = clientAuth(world, "web-app");
    expect((await postForm(world, `${world.issuer}/revoke`, { token: tokens.access_token }, auth.headers)).status).toBe(200);
    await expectInvalidToken(await callApi(world, tokens.access_token));
  });

  it("refuses an expired opaque token (901 s) with 401 invalid_token", async () => {
    const world = await createWorld({ accessTokenFormat: "opaque" });
    const tokens = await webAppTokens(world);
    world.clock.advance(901);
    await expectInvalidToken(await callApi(world, tokens.access_token));
  });

  it("refuses an opaque refresh token presented as an access token with 401 invalid_token", async () => {
    const world = await createWorld({ accessTokenFormat: "opaque" });
    const tokens = await webAppTokens(world);
    await expectInvalidToken(await callApi(world, tokens.refresh_token!));
  });
});

describe("world.fetch (DESIGN.md \"The world\")", () => {
  it("rejects a request to an unknown origin with a TypeError", async () => {
    const world = await createWorld();
    await expect(world.fetch("https://unknown.example/me")).rejects.toBeInstanceOf(TypeError);
  });

  it("treats another scheme or port as another origin and rejects it with a TypeError", async () => {
    const world = await createWorld();
    await expect(world.fetch("http://api.example/me")).rejects.toBeInstanceOf(TypeError);
    await expect(world.fetch("https://api.example:8443/me")).rejects.toBeInstanceOf(TypeError);
  });

  it("never follows a redirect: the consent POST's 303 to the client is visible with its Location", async () => {
    const world = await createWorld();
    const request = { response_type: "code", client_id: "web-app", redirect_uri: "https://webapp.example/callback", state: "xyz" };
    expect((await world.fetch(authorizeUrl(world, request))).status).toBe(200);
    const response = await consent(world, request);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe("https://webapp.example/callback");
    expect(location.searchParams.get("state")).toBe("xyz");
    expect(location.searchParams.get("code")).toMatch(/.+/);
  });
});
