/** RFC 7662 token introspection against the mock world (OAUTH-RULES J1–J6). */
import { decodeJwt } from "jose";
import { describe, expect, it } from "vitest";
import type { World } from "../../machines/world";
import { createWorld } from "../../machines/world";
import { basic, clientAuth, exchangeCode, obtainCode, postForm, runPkceFlow } from "../support/world-client";

const RS_AUTH = { Authorization: basic("resource-server", "resource-server-secret-demo-only") };

interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
}

async function webAppTokens(world: World, extra: Record<string, string> = {}): Promise<Tokens> {
  const { code } = await obtainCode(world, "web-app", extra);
  const response = await exchangeCode(world, "web-app", code);
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
}

async function serviceToken(world: World): Promise<string> {
  const auth = clientAuth(world, "inventory-service");
  const response = await postForm(world, `${world.issuer}/token`, { grant_type: "client_credentials", ...auth.fields }, auth.headers);
  expect(response.status).toBe(200);
  return ((await response.json()) as Tokens).access_token;
}

function introspectAs(world: World, clientId: string, fields: Record<string, string>): Promise<Response> {
  const auth = clientAuth(world, clientId);
  return postForm(world, `${world.issuer}/introspect`, { ...fields, ...auth.fields }, auth.headers);
}

async function introspectionOf(response: Response): Promise<Record<string, unknown>> {
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** RFC 7662 §2.2: an inactive token's response is exactly {"active":false}, byte for byte. */
async function expectInactive(response: Response): Promise<void> {
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('{"active":false}');
}

describe("RFC 7662 §2.2 introspection response for an active token", () => {
  it("answers a confidential client about its own access token with active:true and every claim", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const now = world.clock.now();
    const body = await introspectionOf(await introspectAs(world, "web-app", { token: tokens.access_token }));
    expect(body).toStrictEqual({
      active: true,
      scope: "profile order inventory:read",
      client_id: "web-app",
      username: "alice",
      token_type: "Bearer",
      exp: now + 900,
      iat: now,
      sub: "user-alice-7f3a",
      aud: "https://api.example",
      iss: "https://authorization-server.example",
      jti: decodeJwt(tokens.access_token).jti,
    });
  });

  it("reports the claims that match the JWT access token itself", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world, { scope: "order" });
    const claims = decodeJwt(tokens.access_token);
    const body = await introspectionOf(await introspectAs(world, "web-app", { token: tokens.access_token }));
    expect(body.scope).toBe("order");
    expect(body.scope).toBe(claims.scope);
    expect(body.sub).toBe(claims.sub);
    expect(body.exp).toBe(claims.exp);
    expect(body.iat).toBe(claims.iat);
    expect(body.aud).toBe(claims.aud);
    expect(body.iss).toBe(claims.iss);
    expect(body.client_id).toBe(claims.client_id);
  });

  it("answers a confidential client about its own refresh token with active:true", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const body = await introspectionOf(await introspectAs(world, "web-app", { token: tokens.refresh_token, token_type_hint: "refresh_token" }));
    expect(body.active).toBe(true);
    expect(body.client_id).toBe("web-app");
    expect(body.sub).toBe("user-alice-7f3a");
    expect(body.scope).toBe("profile order inventory:read");
    expect(body.exp).toBe(world.clock.now() + 86_400);
  });

  it("ignores a wrong token_type_hint (the access token is found anyway)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const body = await introspectionOf(await introspectAs(world, "web-app", { token: tokens.access_token, token_type_hint: "refresh_token" }));
    expect(body.active).toBe(true);
    expect(body.token_type).toBe("Bearer");
  });

  it("keeps a token active up to just before its expiry (899 s)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    world.clock.advance(899);
    expect((await introspectionOf(await introspectAs(world, "web-app", { token: tokens.access_token }))).active).toBe(true);
  });

  it("answers with Cache-Control: no-store and Pragma: no-cache (J6)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await introspectAs(world, "web-app", { token: tokens.access_token });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
  });

  it("sends Cache-Control: no-store on an inactive answer too", async () => {
    const world = await createWorld();
    const response = await introspectAs(world, "web-app", { token: "garbage" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("RFC 7662 §2.2 inactive tokens: exactly {\"active\":false}", () => {
  it("answers an expired access token (901 s) with exactly {\"active\":false}", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    world.clock.advance(901);
    await expectInactive(await introspectAs(world, "web-app", { token: tokens.access_token }));
  });

  it("answers a revoked access token with exactly {\"active\":false}", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const auth = clientAuth(world, "web-app");
    expect((await postForm(world, `${world.issuer}/revoke`, { token: tokens.access_token }, auth.headers)).status).toBe(200);
    await expectInactive(await introspectAs(world, "web-app", { token: tokens.access_token }));
  });

  it("answers a revoked refresh token with exactly {\"active\":false}", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const auth = clientAuth(world, "web-app");
    await postForm(world, `${world.issuer}/revoke`, { token: tokens.refresh_token }, auth.headers);
    await expectInactive(await introspectAs(world, "web-app", { token: tokens.refresh_token }));
  });

  it("answers a rotated refresh token with exactly {\"active\":false}, and its successor as active", async () => {
    const world = await createWorld({ refreshTokenRotation: "all" });
    const tokens = await webAppTokens(world);
    const auth = clientAuth(world, "web-app");
    const refreshed = await postForm(world, `${world.issuer}/token`, { grant_type: "refresh_token", refresh_token: tokens.refresh_token }, auth.headers);
    expect(refreshed.status).toBe(200);
    const successor = ((await refreshed.json()) as Tokens).refresh_token;
    await expectInactive(await introspectAs(world, "web-app", { token: tokens.refresh_token }));
    expect((await introspectionOf(await introspectAs(world, "web-app", { token: successor }))).active).toBe(true);
  });

  it("answers an unknown token with exactly {\"active\":false}", async () => {
    const world = await createWorld();
    await expectInactive(await introspectAs(world, "web-app", { token: "2YotnFZFEjr1zCsicMWpAA" }));
  });

  it("answers a garbage token with exactly {\"active\":false}", async () => {
    const world = await createWorld();
    await expectInactive(await introspectAs(world, "web-app", { token: "<script>alert(1)</script> %00 \u00e9." }));
  });

  it("answers a JWT-shaped forgery with exactly {\"active\":false}", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const [header, payload, signature] = tokens.access_token.split(".");
    const flipped = `${header}.${payload}.${signature!.startsWith("A") ? "B" : "A"}${signature!.slice(1)}`;
    await expectInactive(await introspectAs(world, "web-app", { token: flipped }));
  });

  it("answers a confidential client about another client's access token with exactly {\"active\":false}", async () => {
    const world = await createWorld();
    const serviceAccess = await serviceToken(world);
    await expectInactive(await introspectAs(world, "web-app", { token: serviceAccess }));
  });

  it("answers a confidential client about another client's refresh token with exactly {\"active\":false}", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    await expectInactive(await introspectAs(world, "inventory-service", { token: tokens.refresh_token }));
    await expectInactive(await introspectAs(world, "inventory-service", { token: tokens.access_token }));
  });
});

describe("RFC 7662 §2.1 caller authorization", () => {
  it("refuses a request with no authentication with 401 invalid_client", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await postForm(world, `${world.issuer}/introspect`, { token: tokens.access_token });
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.error).toBe("invalid_client");
    expect(body.active).toBeUndefined();
  });

  it("refuses a public client (spa, client_id only) with 401 invalid_client", async () => {
    const world = await createWorld();
    const { tokens } = await runPkceFlow(world);
    const response = await postForm(world, `${world.issuer}/introspect`, { token: tokens.access_token as string, client_id: "spa" });
    expect(response.status).toBe(401);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_client");
  });

  it("refuses a wrong client secret with 401 invalid_client and a Basic challenge", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await postForm(world, `${world.issuer}/introspect`, { token: tokens.access_token }, { Authorization: basic("web-app", "nope") });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm="https:\/\/authorization-server\.example", error="invalid_client"/);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_client");
  });

  it("refuses the resource server's id with a wrong secret with 401 invalid_client", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await postForm(world, `${world.issuer}/introspect`, { token: tokens.access_token }, { Authorization: basic("resource-server", "guess") });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic /);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_client");
  });

  it("lets the resource server's credentials introspect any client's access token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const serviceAccess = await serviceToken(world);
    const { tokens: spaTokens } = await runPkceFlow(world);
    const webApp = await introspectionOf(await postForm(world, `${world.issuer}/introspect`, { token: tokens.access_token }, RS_AUTH));
    expect(webApp).toMatchObject({ active: true, client_id: "web-app", sub: "user-alice-7f3a", aud: "https://api.example" });
    const service = await introspectionOf(await postForm(world, `${world.issuer}/introspect`, { token: serviceAccess }, RS_AUTH));
    expect(service).toMatchObject({ active: true, client_id: "inventory-service", sub: "inventory-service", scope: "inventory:read inventory:write" });
    const spa = await introspectionOf(await postForm(world, `${world.issuer}/introspect`, { token: spaTokens.access_token as string }, RS_AUTH));
    expect(spa).toMatchObject({ active: true, client_id: "spa", scope: "profile order" });
  });

  it("answers the resource server about a refresh token with {\"active\":false} (it sees access tokens only)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    await expectInactive(await postForm(world, `${world.issuer}/introspect`, { token: tokens.refresh_token }, RS_AUTH));
  });

  it("answers the resource server about an expired access token with {\"active\":false}", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    world.clock.advance(901);
    await expectInactive(await postForm(world, `${world.issuer}/introspect`, { token: tokens.access_token }, RS_AUTH));
  });
});

describe("RFC 7662 §2.1 request format", () => {
  it("refuses a request without token with 400 invalid_request", async () => {
    const world = await createWorld();
    const response = await introspectAs(world, "web-app", {});
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_request");
  });

  it("answers GET with 405 and Allow: POST", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${world.issuer}/introspect?token=abc`, { headers: RS_AUTH });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("refuses a token parameter sent twice with 400 invalid_request", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${world.issuer}/introspect`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...RS_AUTH },
      body: "token=a&token=b",
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_request");
  });
});

describe("RFC 7662 with opaque access tokens", () => {
  it("introspects an opaque access token with the same claims as a JWT one", async () => {
    const world = await createWorld({ accessTokenFormat: "opaque" });
    const tokens = await webAppTokens(world);
    expect(tokens.access_token.split(".")).toHaveLength(1);
    const body = await introspectionOf(await introspectAs(world, "web-app", { token: tokens.access_token }));
    expect(body).toMatchObject({ active: true, client_id: "web-app", sub: "user-alice-7f3a", scope: "profile order inventory:read", token_type: "Bearer" });
    expect(typeof body.jti).toBe("string");
  });
});
