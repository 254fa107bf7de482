/** RFC 7009 token revocation against the mock world (OAUTH-RULES I1–I10). */
import { describe, expect, it } from "vitest";
import type { World } from "../../machines/world";
import { createWorld } from "../../machines/world";
import { basic, callApi, clientAuth, exchangeCode, obtainCode, postForm, runPkceFlow } from "../support/world-client";

interface Tokens {
  access_token: string;
  refresh_token: string;
  scope: string;
}

/** web-app (confidential, client_secret_basic): authorization code flow for alice. */
async function webAppTokens(world: World): Promise<Tokens> {
  const { code } = await obtainCode(world, "web-app");
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

function revoke(world: World, clientId: string, fields: Record<string, string>): Promise<Response> {
  const auth = clientAuth(world, clientId);
  return postForm(world, `${world.issuer}/revoke`, { ...fields, ...auth.fields }, auth.headers);
}

function refresh(world: World, clientId: string, refreshToken: string): Promise<Response> {
  const auth = clientAuth(world, clientId);
  return postForm(world, `${world.issuer}/token`, { grant_type: "refresh_token", refresh_token: refreshToken, ...auth.fields }, auth.headers);
}

async function introspect(world: World, token: string): Promise<Record<string, unknown>> {
  const response = await postForm(world, `${world.issuer}/introspect`, { token }, { Authorization: basic("resource-server", "resource-server-secret-demo-only") });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function errorOf(response: Response): Promise<unknown> {
  return ((await response.json()) as Record<string, unknown>).error;
}

describe("RFC 7009 §2.1–§2.2 revoking an access token", () => {
  it("answers 200 and the resource server then refuses the token with 401 invalid_token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(200);
    const response = await revoke(world, "web-app", { token: tokens.access_token });
    expect(response.status).toBe(200);
    const api = await callApi(world, tokens.access_token, "/me");
    expect(api.status).toBe(401);
    expect(api.headers.get("www-authenticate")).toMatch(/^Bearer realm="https:\/\/api\.example", error="invalid_token"/);
  });

  it("makes introspection answer {\"active\":false} for the revoked access token (I6)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    expect((await introspect(world, tokens.access_token)).active).toBe(true);
    await revoke(world, "web-app", { token: tokens.access_token });
    expect(await introspect(world, tokens.access_token)).toStrictEqual({ active: false });
  });

  it("leaves the refresh token of the grant usable when only the access token is revoked (I5: MAY, here it does not)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    await revoke(world, "web-app", { token: tokens.access_token, token_type_hint: "access_token" });
    const refreshed = await refresh(world, "web-app", tokens.refresh_token);
    expect(refreshed.status).toBe(200);
    const fresh = (await refreshed.json()) as Tokens;
    expect((await callApi(world, fresh.access_token, "/me")).status).toBe(200);
  });

  it("does not revoke the other access tokens of the client", async () => {
    const world = await createWorld();
    const first = await webAppTokens(world);
    const second = await webAppTokens(world);
    await revoke(world, "web-app", { token: first.access_token });
    expect((await callApi(world, second.access_token, "/me")).status).toBe(200);
  });
});

describe("RFC 7009 §2.1 revoking a refresh token", () => {
  it("answers 200, and the refresh token then gets invalid_grant", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await revoke(world, "web-app", { token: tokens.refresh_token, token_type_hint: "refresh_token" });
    expect(response.status).toBe(200);
    const refreshed = await refresh(world, "web-app", tokens.refresh_token);
    expect(refreshed.status).toBe(400);
    expect(await errorOf(refreshed)).toBe("invalid_grant");
  });

  it("also revokes the access tokens of the same grant (I4)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const refreshed = (await (await refresh(world, "web-app", tokens.refresh_token)).json()) as Tokens;
    expect((await callApi(world, refreshed.access_token, "/me")).status).toBe(200);
    await revoke(world, "web-app", { token: tokens.refresh_token });
    for (const accessToken of [tokens.access_token, refreshed.access_token]) {
      const api = await callApi(world, accessToken, "/me");
      expect(api.status).toBe(401);
      expect(api.headers.get("www-authenticate")).toContain('error="invalid_token"');
      expect(await introspect(world, accessToken)).toStrictEqual({ active: false });
    }
  });

  it("leaves the tokens of another grant of the same client untouched", async () => {
    const world = await createWorld();
    const first = await webAppTokens(world);
    const second = await webAppTokens(world);
    await revoke(world, "web-app", { token: first.refresh_token });
    expect((await callApi(world, second.access_token, "/me")).status).toBe(200);
    expect((await refresh(world, "web-app", second.refresh_token)).status).toBe(200);
  });
});

describe("RFC 7009 §2.2 invalid tokens and token_type_hint", () => {
  it("answers 200 for an unknown token", async () => {
    const world = await createWorld();
    const response = await revoke(world, "web-app", { token: "45ghiukldjahdnhzdauz" });
    expect(response.status).toBe(200);
  });

  it("answers 200 for an already revoked token", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    expect((await revoke(world, "web-app", { token: tokens.access_token })).status).toBe(200);
    expect((await revoke(world, "web-app", { token: tokens.access_token })).status).toBe(200);
  });

  it("ignores a wrong token_type_hint and still revokes the access token (I3)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await revoke(world, "web-app", { token: tokens.access_token, token_type_hint: "refresh_token" });
    expect(response.status).toBe(200);
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(401);
  });

  it("ignores a wrong token_type_hint and still revokes the refresh token (I3)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await revoke(world, "web-app", { token: tokens.refresh_token, token_type_hint: "access_token" });
    expect(response.status).toBe(200);
    expect(await errorOf(await refresh(world, "web-app", tokens.refresh_token))).toBe("invalid_grant");
  });

  it("ignores an unknown token_type_hint value (I3)", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await revoke(world, "web-app", { token: tokens.access_token, token_type_hint: "id_token" });
    expect(response.status).toBe(200);
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(401);
  });
});

describe("RFC 7009 §2.2.1 error responses", () => {
  it("refuses a request without token with 400 invalid_request and no-store", async () => {
    const world = await createWorld();
    const response = await revoke(world, "web-app", {});
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await errorOf(response)).toBe("invalid_request");
  });

  it("refuses a token parameter sent twice with invalid_request", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const body = new URLSearchParams([["token", tokens.access_token], ["token", tokens.refresh_token]]);
    const response = await world.fetch(`${world.issuer}/revoke`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basic("web-app", "web-app-secret-demo-only") },
      body,
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe("invalid_request");
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(200);
  });

  it("refuses wrong client credentials with 401 invalid_client and a Basic challenge, and revokes nothing", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await postForm(world, `${world.issuer}/revoke`, { token: tokens.access_token }, { Authorization: basic("web-app", "wrong-secret") });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe("invalid_client");
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm="https:\/\/authorization-server\.example", error="invalid_client"/);
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(200);
  });

  it("refuses a confidential client that sends no credentials with 401 invalid_client", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await postForm(world, `${world.issuer}/revoke`, { token: tokens.access_token, client_id: "web-app" });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe("invalid_client");
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(200);
  });

  it("refuses a request with no client identification at all with 401 invalid_client", async () => {
    const world = await createWorld();
    const response = await postForm(world, `${world.issuer}/revoke`, { token: "45ghiukldjahdnhzdauz" });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe("invalid_client");
  });

  it("refuses a token issued to another client with 400 invalid_request and does not revoke it (I1, I10)", async () => {
    const world = await createWorld();
    const serviceAccess = await serviceToken(world);
    const response = await revoke(world, "web-app", { token: serviceAccess });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe("invalid_request");
    expect((await callApi(world, serviceAccess, "/inventory")).status).toBe(200);
  });

  it("refuses another client's refresh token and leaves its grant intact", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await revoke(world, "first-party-app", { token: tokens.refresh_token });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe("invalid_request");
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(200);
    expect((await refresh(world, "web-app", tokens.refresh_token)).status).toBe(200);
  });

  it("refuses a public client revoking a confidential client's token, and does not revoke it", async () => {
    const world = await createWorld();
    const tokens = await webAppTokens(world);
    const response = await revoke(world, "spa", { token: tokens.access_token });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe("invalid_request");
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(200);
  });

  it("answers GET with 405 and Allow: POST", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${world.issuer}/revoke?token=45ghiukldjahdnhzdauz`, {
      headers: { Authorization: basic("web-app", "web-app-secret-demo-only") },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });

  it("refuses a body that is not form-encoded with 400 invalid_request", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${world.issuer}/revoke`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: basic("web-app", "web-app-secret-demo-only") },
      body: JSON.stringify({ token: "45ghiukldjahdnhzdauz" }),
    });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe("invalid_request");
  });
});

describe("RFC 7009 §2.1 public clients", () => {
  it("lets the public spa revoke its own access token with client_id only", async () => {
    const world = await createWorld();
    const { tokens } = await runPkceFlow(world);
    const accessToken = tokens.access_token as string;
    expect((await callApi(world, accessToken, "/me")).status).toBe(200);
    const response = await postForm(world, `${world.issuer}/revoke`, { token: accessToken, client_id: "spa" });
    expect(response.status).toBe(200);
    expect((await callApi(world, accessToken, "/me")).status).toBe(401);
  });

  it("lets the public spa revoke its own refresh token with client_id only, revoking the grant", async () => {
    const world = await createWorld();
    const { tokens } = await runPkceFlow(world);
    const response = await postForm(world, `${world.issuer}/revoke`, { token: tokens.refresh_token as string, client_id: "spa" });
    expect(response.status).toBe(200);
    const refreshed = await refresh(world, "spa", tokens.refresh_token as string);
    expect(refreshed.status).toBe(400);
    expect(await errorOf(refreshed)).toBe("invalid_grant");
    expect((await callApi(world, tokens.access_token as string, "/me")).status).toBe(401);
  });

  it("refuses a public client that also sends a client_secret with 401 invalid_client", async () => {
    const world = await createWorld();
    const { tokens } = await runPkceFlow(world);
    const response = await postForm(world, `${world.issuer}/revoke`, { token: tokens.access_token as string, client_id: "spa", client_secret: "guess" });
    expect(response.status).toBe(401);
    expect(await errorOf(response)).toBe("invalid_client");
    expect((await callApi(world, tokens.access_token as string, "/me")).status).toBe(200);
  });
});

describe("RFC 7009 §2.1 CORS for browser-based clients", () => {
  it("answers a revocation request with Access-Control-Allow-Origin and exposes WWW-Authenticate", async () => {
    const world = await createWorld();
    const response = await postForm(world, `${world.issuer}/revoke`, { token: "x" }, { Authorization: basic("web-app", "wrong") });
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-expose-headers")).toContain("WWW-Authenticate");
  });
});
