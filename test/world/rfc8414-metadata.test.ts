/**
 * Authorization server metadata (RFC 8414; OAUTH-RULES L, E9, B16) and the JWKS it points to
 * (RFC 7517, RFC 7518 §6.3).
 */
import { describe, expect, it } from "vitest";
import * as oauth from "oauth4webapi";
import { createWorld } from "../../machines/world";
import type { World, WorldOptions } from "../../machines/world";
import { clientAuth, postForm } from "../support/world-client";

const WELL_KNOWN = "/.well-known/oauth-authorization-server";

async function metadata(options: WorldOptions = {}): Promise<{ world: World; doc: Record<string, unknown> }> {
  const world = await createWorld(options);
  const response = await world.fetch(`${world.issuer}${WELL_KNOWN}`);
  expect(response.status).toBe(200);
  return { world, doc: (await response.json()) as Record<string, unknown> };
}

const ENDPOINT_FIELDS = [
  "authorization_endpoint",
  "token_endpoint",
  "jwks_uri",
  "revocation_endpoint",
  "introspection_endpoint",
  "device_authorization_endpoint",
] as const;

describe("RFC 8414 §3 obtaining the metadata", () => {
  it("serves 200 application/json at /.well-known/oauth-authorization-server on the issuer", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${world.issuer}${WELL_KNOWN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(typeof doc).toBe("object");
    expect(Array.isArray(doc)).toBe(false);
  });

  it("answers POST with 405 and Allow: GET, HEAD", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${world.issuer}${WELL_KNOWN}`, { method: "POST", body: "x" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
  });

  it("answers 404 for a path the server does not serve", async () => {
    const world = await createWorld();
    expect((await world.fetch(`${world.issuer}/.well-known/openid-configuration-nope`)).status).toBe(404);
  });

  it("passes oauth4webapi discovery (issuer must match the one the URL was built from)", async () => {
    const world = await createWorld();
    const issuer = new URL(world.issuer);
    const response = await oauth.discoveryRequest(issuer, {
      algorithm: "oauth2",
      [oauth.customFetch]: (url: string, init: RequestInit) => world.fetch(url, init),
    });
    const as = await oauth.processDiscoveryResponse(issuer, response);
    expect(as.issuer).toBe(world.issuer);
    expect(as.token_endpoint).toBe(`${world.issuer}/token`);
  });
});

describe("RFC 8414 §2 metadata values", () => {
  it("publishes issuer equal to world.issuer: https, with no query or fragment", async () => {
    const { world, doc } = await metadata();
    expect(doc.issuer).toBe(world.issuer);
    expect(doc.issuer).toBe("https://authorization-server.example");
    const url = new URL(doc.issuer as string);
    expect(url.protocol).toBe("https:");
    expect(url.search).toBe("");
    expect(url.hash).toBe("");
  });

  it("puts every endpoint on the issuer origin", async () => {
    const { world, doc } = await metadata();
    for (const field of ENDPOINT_FIELDS) {
      expect(typeof doc[field], field).toBe("string");
      expect(new URL(doc[field] as string).origin, field).toBe(world.issuer);
    }
  });

  it("has every published endpoint answer through world.fetch (no 404)", async () => {
    const { world, doc } = await metadata();
    for (const field of ENDPOINT_FIELDS) {
      const response = await world.fetch(doc[field] as string);
      expect(response.status, field).not.toBe(404);
      expect(response.status, field).toBeLessThan(500);
    }
  });

  it("publishes the token endpoint that actually issues tokens", async () => {
    const { world, doc } = await metadata();
    const auth = clientAuth(world, "inventory-service");
    const response = await postForm(world, doc.token_endpoint as string, { grant_type: "client_credentials", ...auth.fields }, auth.headers);
    expect(response.status).toBe(200);
  });

  it("lists code and token response types and the implicit and password grants in OAuth 2.0 mode", async () => {
    const { doc } = await metadata();
    expect(doc.response_types_supported).toEqual(["code", "token"]);
    const grants = doc.grant_types_supported as string[];
    for (const grant of [
      "authorization_code",
      "refresh_token",
      "client_credentials",
      "password",
      "implicit",
      "urn:ietf:params:oauth:grant-type:device_code",
    ]) {
      expect(grants).toContain(grant);
    }
  });

  it("lists only the code response type and neither implicit nor password in OAuth 2.1 mode", async () => {
    const { doc } = await metadata({ oauth21: true });
    expect(doc.response_types_supported).toEqual(["code"]);
    const grants = doc.grant_types_supported as string[];
    expect(grants).not.toContain("implicit");
    expect(grants).not.toContain("password");
    for (const grant of ["authorization_code", "refresh_token", "client_credentials", "urn:ietf:params:oauth:grant-type:device_code"]) {
      expect(grants).toContain(grant);
    }
  });

  it("agrees with the token endpoint in OAuth 2.1 mode: the unlisted password grant is unsupported_grant_type", async () => {
    const { world } = await metadata({ oauth21: true });
    const auth = clientAuth(world, "first-party-app");
    const response = await postForm(
      world,
      `${world.issuer}/token`,
      { grant_type: "password", username: "alice", password: "wonderland", ...auth.fields },
      auth.headers,
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("unsupported_grant_type");
  });

  it("publishes code_challenge_methods_supported S256 and plain by default (RFC 9700 §2.1.1)", async () => {
    const { doc } = await metadata();
    expect(doc.code_challenge_methods_supported).toEqual(["S256", "plain"]);
  });

  it("publishes only S256 when plain PKCE is switched off", async () => {
    const { doc } = await metadata({ allowPlainPkce: false });
    expect(doc.code_challenge_methods_supported).toEqual(["S256"]);
  });

  it("publishes no code_challenge_methods_supported when PKCE is off (the server does not support it)", async () => {
    const { doc } = await metadata({ pkce: "off" });
    expect(doc).not.toHaveProperty("code_challenge_methods_supported");
  });

  it("advertises authorization_response_iss_parameter_supported: true (RFC 9207 §3)", async () => {
    const { doc } = await metadata();
    expect(doc.authorization_response_iss_parameter_supported).toBe(true);
  });

  it("lists the world's scopes and every demo client's token endpoint auth method", async () => {
    const { world, doc } = await metadata();
    expect(doc.scopes_supported).toEqual([...world.scopes]);
    const methods = doc.token_endpoint_auth_methods_supported as string[];
    for (const c of world.clients) expect(methods).toContain(c.token_endpoint_auth_method);
  });
});

describe("RFC 7517 JWKS at jwks_uri", () => {
  async function jwks(): Promise<{ world: World; response: Response; keys: Record<string, unknown>[] }> {
    const { world, doc } = await metadata();
    const response = await world.fetch(doc.jwks_uri as string);
    const body = (await response.json()) as { keys: Record<string, unknown>[] };
    return { world, response, keys: body.keys };
  }

  it("serves 200 JSON with exactly one RSA signing key with a kid", async () => {
    const { response, keys } = await jwks();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key!.kty).toBe("RSA");
    expect(typeof key!.kid).toBe("string");
    expect((key!.kid as string).length).toBeGreaterThan(0);
    expect(typeof key!.n).toBe("string");
    expect(key!.e).toBe("AQAB");
    expect(key!.alg).toBe("RS256");
    expect(key!.use).toBe("sig");
  });

  it("publishes no private key members (d, p, q, dp, dq, qi, oth, k)", async () => {
    const { keys } = await jwks();
    for (const member of ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]) expect(keys[0]).not.toHaveProperty(member);
  });

  it("answers POST with 405", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${world.issuer}/jwks.json`, { method: "POST", body: "x" });
    expect(response.status).toBe(405);
  });
});
