/**
 * JWT access tokens (RFC 9068; OAUTH-RULES M1–M7): what the authorization server issues, and how
 * the resource server validates them (§4). Opaque tokens (RFC 7662) as the alternative format.
 */
import { describe, expect, it } from "vitest";
import { SignJWT, createLocalJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, importJWK, jwtVerify } from "jose";
import type { JSONWebKeySet, JWTPayload } from "jose";
import { createWorld } from "../../machines/world";
import type { World, WorldOptions } from "../../machines/world";
import { DEMO_RESOURCES, DEMO_USERS } from "../../machines/world/demo-data";
import { DEMO_SIGNING_KEY } from "../../machines/world/demo-signing-key";
import { createResourceServer } from "../../machines/world/rs";
import { CHALLENGE, VERIFIER, basic, callApi, clientAuth, exchangeCode, obtainCode, postForm } from "../support/world-client";

const ALICE_SUB = "user-alice-7f3a";

/** Authorization code + PKCE for the SPA: the token response body. */
async function spaTokens(world: World, scope = "profile order"): Promise<Record<string, unknown>> {
  const { code } = await obtainCode(world, "spa", { scope, code_challenge: CHALLENGE, code_challenge_method: "S256" });
  const response = await exchangeCode(world, "spa", code, { code_verifier: VERIFIER });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function clientCredentialsTokens(world: World, scope?: string): Promise<Record<string, unknown>> {
  const auth = clientAuth(world, "inventory-service");
  const response = await postForm(
    world,
    `${world.issuer}/token`,
    { grant_type: "client_credentials", ...(scope ? { scope } : {}), ...auth.fields },
    auth.headers,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function fetchJwks(world: World): Promise<JSONWebKeySet> {
  const doc = (await (await world.fetch(`${world.issuer}/.well-known/oauth-authorization-server`)).json()) as { jwks_uri: string };
  return (await (await world.fetch(doc.jwks_uri)).json()) as JSONWebKeySet;
}

describe("RFC 9068 §2.1 JWT access token header", () => {
  it("has typ at+jwt (lower case), alg RS256 and a kid that the JWKS publishes", async () => {
    const world = await createWorld();
    const { access_token } = await spaTokens(world);
    const header = decodeProtectedHeader(access_token as string);
    expect(header.typ).toBe("at+jwt");
    expect(header.alg).toBe("RS256");
    const jwks = await fetchJwks(world);
    expect(jwks.keys.map((key) => key.kid)).toContain(header.kid);
  });

  it("is a signed three-part compact JWS (never alg none)", async () => {
    const world = await createWorld();
    const token = (await spaTokens(world)).access_token as string;
    const parts = token.split(".");
    expect(parts).toHaveLength(3);
    expect(parts[2]!.length).toBeGreaterThan(300);
  });
});

describe("RFC 9068 §2.2 JWT access token claims", () => {
  it("carries iss, sub, aud, exp, iat, jti, client_id and scope with the expected values", async () => {
    const world = await createWorld();
    const tokens = await spaTokens(world, "profile order");
    const claims = decodeJwt(tokens.access_token as string);
    expect(claims.iss).toBe(world.issuer);
    expect(claims.sub).toBe(ALICE_SUB);
    expect(claims.aud).toBe(world.resourceServer);
    expect(claims.client_id).toBe("spa");
    expect(claims.scope).toBe("profile order");
    expect(typeof claims.jti).toBe("string");
    expect((claims.jti as string).length).toBeGreaterThanOrEqual(16);
  });

  it("sets iat to the simulated clock and exp to iat + 900, matching expires_in", async () => {
    const world = await createWorld();
    world.clock.advance(1234);
    const tokens = await spaTokens(world);
    const claims = decodeJwt(tokens.access_token as string);
    expect(claims.iat).toBe(world.clock.now());
    expect(claims.iat).toBe(Date.UTC(2026, 0, 1, 9, 0, 0) / 1000 + 1234);
    expect(claims.exp).toBe(claims.iat! + 900);
    expect(tokens.expires_in).toBe(900);
  });

  it("follows a configured access-token lifetime", async () => {
    const world = await createWorld({ lifetimes: { accessToken: 300 } });
    const tokens = await spaTokens(world);
    const claims = decodeJwt(tokens.access_token as string);
    expect(claims.exp).toBe(claims.iat! + 300);
    expect(tokens.expires_in).toBe(300);
  });

  it("gives every token its own jti", async () => {
    const world = await createWorld();
    const first = decodeJwt((await spaTokens(world)).access_token as string).jti;
    const second = decodeJwt((await spaTokens(world)).access_token as string).jti;
    expect(first).not.toBe(second);
  });

  it("puts the granted (narrowed) scope in the scope claim", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(
      world,
      "spa",
      { scope: "profile order", code_challenge: CHALLENGE, code_challenge_method: "S256" },
      { granted_scope: "order" },
    );
    const tokens = (await (await exchangeCode(world, "spa", code, { code_verifier: VERIFIER })).json()) as Record<string, unknown>;
    expect(decodeJwt(tokens.access_token as string).scope).toBe("order");
    expect(tokens.scope).toBe("order");
  });

  it("uses the client_id as sub for a client_credentials token (no resource owner, RFC 9068 §2.2)", async () => {
    const world = await createWorld();
    const tokens = await clientCredentialsTokens(world, "inventory:read");
    const claims = decodeJwt(tokens.access_token as string);
    expect(claims.sub).toBe("inventory-service");
    expect(claims.client_id).toBe("inventory-service");
    expect(claims.aud).toBe(world.resourceServer);
    expect(claims.scope).toBe("inventory:read");
  });

  it("uses the resource owner's sub, not the username, for a password-grant token", async () => {
    const world = await createWorld();
    const auth = clientAuth(world, "first-party-app");
    const response = await postForm(
      world,
      `${world.issuer}/token`,
      { grant_type: "password", username: "bob", password: "builder", scope: "profile", ...auth.fields },
      auth.headers,
    );
    const claims = decodeJwt(((await response.json()) as Record<string, unknown>).access_token as string);
    expect(claims.sub).toBe("user-bob-19c2");
    expect(claims.client_id).toBe("first-party-app");
  });
});

describe("RFC 9068 §4 validating a JWT access token against the AS's keys", () => {
  it("verifies with jose jwtVerify against createLocalJWKSet of the fetched JWKS", async () => {
    const world = await createWorld();
    const token = (await spaTokens(world)).access_token as string;
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(await fetchJwks(world)), {
      issuer: world.issuer,
      audience: world.resourceServer,
      typ: "at+jwt",
      algorithms: ["RS256"],
      currentDate: new Date(world.clock.now() * 1000),
      requiredClaims: ["iss", "exp", "aud", "sub", "client_id", "iat", "jti"],
    });
    expect(payload.sub).toBe(ALICE_SUB);
    expect(protectedHeader.typ).toBe("at+jwt");
  });

  it("fails verification once the simulated clock passes exp", async () => {
    const world = await createWorld();
    const token = (await spaTokens(world)).access_token as string;
    world.clock.advance(900);
    await expect(
      jwtVerify(token, createLocalJWKSet(await fetchJwks(world)), { currentDate: new Date(world.clock.now() * 1000) }),
    ).rejects.toThrow(/exp/);
  });

  it("is byte-identical for the same seed and steps (deterministic RS256)", async () => {
    const a = (await spaTokens(await createWorld({ seed: "same" }))).access_token;
    const b = (await spaTokens(await createWorld({ seed: "same" }))).access_token;
    expect(a).toBe(b);
  });

  it("is accepted by the world's resource server and expires there after 900 seconds with invalid_token", async () => {
    const world = await createWorld();
    const token = (await spaTokens(world)).access_token as string;
    const ok = await callApi(world, token, "/me");
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as Record<string, unknown>).sub).toBe(ALICE_SUB);
    world.clock.advance(900);
    const expired = await callApi(world, token, "/me");
    expect(expired.status).toBe(401);
    expect(expired.headers.get("www-authenticate")).toMatch(/^Bearer realm="https:\/\/api\.example", error="invalid_token"/);
  });
});

/**
 * RFC 9068 §4 at the resource server, isolated from the AS's revocation list: a standalone RS that
 * considers every token "active", so only its JWT checks can refuse a forged token. Tokens are
 * forged with the published demo key, so each one differs from a valid token in one respect only.
 */
describe("RFC 9068 §4 resource server validation (any failure is invalid_token)", () => {
  async function standaloneRs(world: World) {
    const rs = createResourceServer({
      origin: world.resourceServer,
      issuer: world.issuer,
      jwksUri: `${world.issuer}/jwks.json`,
      introspectionEndpoint: `${world.issuer}/introspect`,
      credentials: { id: "resource-server", secret: "resource-server-secret-demo-only" },
      resources: DEMO_RESOURCES,
      users: DEMO_USERS,
      clock: world.clock,
      fetch: world.fetch,
      isActive: () => true,
    });
    return (token: string) => rs(new Request(`${world.resourceServer}/me`, { headers: { Authorization: `Bearer ${token}` } }));
  }

  function validClaims(world: World): JWTPayload {
    const now = world.clock.now();
    return {
      iss: world.issuer,
      sub: ALICE_SUB,
      aud: world.resourceServer,
      iat: now,
      exp: now + 900,
      jti: "forged-jti-0001",
      client_id: "spa",
      scope: "profile",
    };
  }

  async function forge(claims: JWTPayload, header: Record<string, unknown> = {}, key?: CryptoKey): Promise<string> {
    const signingKey = key ?? ((await importJWK(DEMO_SIGNING_KEY, "RS256")) as CryptoKey);
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: DEMO_SIGNING_KEY.kid, ...header }).sign(signingKey);
  }

  async function expectInvalidToken(response: Response): Promise<void> {
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="https:\/\/api\.example", error="invalid_token"/);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_token");
  }

  it("accepts a correctly formed and signed token (control)", async () => {
    const world = await createWorld();
    const call = await standaloneRs(world);
    const response = await call(await forge(validClaims(world)));
    expect(response.status).toBe(200);
  });

  it("accepts typ application/at+jwt (RFC 9068 §2.1)", async () => {
    const world = await createWorld();
    const call = await standaloneRs(world);
    expect((await call(await forge(validClaims(world), { typ: "application/at+jwt" }))).status).toBe(200);
  });

  it.each([
    ["typ JWT", { typ: "JWT" }],
    ["no typ", { typ: undefined }],
  ])("rejects a token with %s", async (_label, header) => {
    const world = await createWorld();
    const call = await standaloneRs(world);
    await expectInvalidToken(await call(await forge(validClaims(world), header)));
  });

  it("rejects an unsigned token with alg none", async () => {
    const world = await createWorld();
    const call = await standaloneRs(world);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const token = `${encode({ alg: "none", typ: "at+jwt" })}.${encode(validClaims(world))}.`;
    await expectInvalidToken(await call(token));
  });

  it("rejects a token signed with another key under the demo kid", async () => {
    const world = await createWorld();
    const call = await standaloneRs(world);
    const { privateKey } = await generateKeyPair("RS256");
    await expectInvalidToken(await call(await forge(validClaims(world), {}, privateKey as CryptoKey)));
  });

  it("rejects a token signed with an unknown kid", async () => {
    const world = await createWorld();
    const call = await standaloneRs(world);
    const { privateKey } = await generateKeyPair("RS256");
    await expectInvalidToken(await call(await forge(validClaims(world), { kid: "someone-else" }, privateKey as CryptoKey)));
  });

  it.each([
    ["another issuer", { iss: "https://evil-as.example" }],
    ["another audience", { aud: "https://other-api.example" }],
    ["an expired exp", { exp: Date.UTC(2026, 0, 1, 9, 0, 0) / 1000 - 1 }],
  ])("rejects a token with %s", async (_label, override) => {
    const world = await createWorld();
    const call = await standaloneRs(world);
    await expectInvalidToken(await call(await forge({ ...validClaims(world), ...override })));
  });

  it.each(["iss", "exp", "aud", "sub", "client_id", "iat", "jti"])("rejects a token without the required %s claim", async (claim) => {
    const world = await createWorld();
    const call = await standaloneRs(world);
    const claims = validClaims(world);
    delete claims[claim];
    await expectInvalidToken(await call(await forge(claims)));
  });
});

describe("RFC 7662 opaque access tokens (accessTokenFormat: opaque)", () => {
  const OPAQUE: WorldOptions = { accessTokenFormat: "opaque" };

  it("issues an access token that is not a JWT", async () => {
    const world = await createWorld(OPAQUE);
    const token = (await spaTokens(world)).access_token as string;
    expect(token.split(".")).toHaveLength(1);
    expect(() => decodeJwt(token)).toThrow();
    expect(token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it("lets the resource server accept it through introspection", async () => {
    const world = await createWorld(OPAQUE);
    const token = (await spaTokens(world)).access_token as string;
    const api = await callApi(world, token, "/me");
    expect(api.status).toBe(200);
    expect(((await api.json()) as Record<string, unknown>).sub).toBe(ALICE_SUB);
  });

  it("answers introspection with the claims a JWT would carry", async () => {
    const world = await createWorld(OPAQUE);
    const token = (await spaTokens(world)).access_token as string;
    const response = await postForm(world, `${world.issuer}/introspect`, { token }, { Authorization: basic("resource-server", "resource-server-secret-demo-only") });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ active: true, iss: world.issuer, aud: world.resourceServer, sub: ALICE_SUB, client_id: "spa", scope: "profile order" });
    expect(body.exp).toBe((body.iat as number) + 900);
  });

  it("lets the resource server accept an opaque client_credentials token for its scope", async () => {
    const world = await createWorld(OPAQUE);
    const token = (await clientCredentialsTokens(world, "inventory:read")).access_token as string;
    expect(token.includes(".")).toBe(false);
    expect((await callApi(world, token, "/inventory")).status).toBe(200);
  });

  it("has the resource server refuse an opaque token once expired", async () => {
    const world = await createWorld(OPAQUE);
    const token = (await spaTokens(world)).access_token as string;
    world.clock.advance(900);
    const api = await callApi(world, token, "/me");
    expect(api.status).toBe(401);
    expect(api.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
  });
});
