/**
 * Client authentication at the token endpoint (RFC 6749 §2.3, §3.2.1, §5.2, Appendix B) as
 * OAUTH-RULES C1–C9 and section S describe it.
 */
import { describe, expect, it } from "vitest";
import type { World } from "../../machines/world";
import { createWorld } from "../../machines/world";
import { parseBasicCredentials } from "../../machines/world/client-auth";
import { basic, obtainCode, postForm } from "../support/world-client";

type Body = Record<string, unknown>;

const ISSUER = "https://authorization-server.example";
const WEB_APP_SECRET = "web-app-secret-demo-only";
const INVENTORY_SECRET = "inventory-service-secret-demo-only";
/** RFC 6749 §5.2: the client authentication failure challenge for the Basic scheme. */
const BASIC_INVALID_CLIENT = new RegExp(`^Basic realm="${ISSUER.replace(/[.]/g, "\\.")}", error="invalid_client", error_description="[\\x20-\\x21\\x23-\\x5B\\x5D-\\x7E]+"$`);

function tokenRequest(world: World, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return postForm(world, `${world.issuer}/token`, fields, headers);
}

/**
 * The password grant for first-party-app, and client credentials for inventory-service, are the
 * simplest requests whose only moving part is client authentication.
 */
function passwordRequest(world: World, headers: Record<string, string>, extra: Record<string, string> = {}): Promise<Response> {
  return tokenRequest(world, { grant_type: "password", username: "alice", password: "wonderland", ...extra }, headers);
}

function clientCredentials(world: World, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return tokenRequest(world, { grant_type: "client_credentials", ...fields }, headers);
}

/** A refresh-token request for web-app (client_secret_basic): it needs a refresh token first. */
async function webAppRefreshRequest(world: World, headers: Record<string, string>, extra: Record<string, string> = {}): Promise<Response> {
  return tokenRequest(world, { grant_type: "refresh_token", refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA", ...extra }, headers);
}

/** web-app redeems a fresh authorization code, authenticating with the given Authorization header. */
async function webAppCodeRequest(world: World, authorization: string): Promise<Response> {
  const { code } = await obtainCode(world, "web-app");
  return tokenRequest(world, { grant_type: "authorization_code", code, redirect_uri: "https://webapp.example/callback" }, { Authorization: authorization });
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

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
  return body;
}

describe("RFC 6749 §2.3.1 client password: HTTP Basic", () => {
  it("authenticates web-app with Basic base64(urlencode(client_id) \":\" urlencode(secret))", async () => {
    const world = await createWorld();
    const response = await webAppCodeRequest(world, basic("web-app", WEB_APP_SECRET));
    const body = await expectTokens(response);
    expect(body.token_type).toBe("Bearer");
  });

  it("form-urlencoding-decodes each part after splitting (Appendix B): every character percent-encoded still authenticates", async () => {
    const world = await createWorld();
    const percentAll = (text: string) => [...text].map((ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`).join("");
    const header = `Basic ${base64(`${percentAll("web-app")}:${percentAll(WEB_APP_SECRET)}`)}`;
    await expectTokens(await webAppCodeRequest(world, header));
  });

  it("decodes a percent-escaped client_id (web%2Dapp) before looking the client up", async () => {
    const world = await createWorld();
    // "web%2Dapp" decodes to "web-app"; a server that skipped decoding would look up "web%2Dapp" and fail.
    const header = `Basic ${base64(`web%2Dapp:${WEB_APP_SECRET}`)}`;
    await expectError(await webAppRefreshRequest(world, { Authorization: header }), 400, "invalid_grant");
  });

  it("accepts the Basic scheme name case-insensitively (RFC 7235 §2.1)", async () => {
    const world = await createWorld();
    const header = basic("first-party-app", "first-party-app-secret-demo-only").replace(/^Basic/, "bAsIc");
    await expectTokens(await passwordRequest(world, { Authorization: header }));
  });

  it("answers a wrong secret sent with Basic with 401 invalid_client and a Basic challenge naming the issuer as realm", async () => {
    const world = await createWorld();
    const response = await webAppRefreshRequest(world, { Authorization: basic("web-app", "wrong-secret") });
    const body = await expectError(response, 401, "invalid_client");
    const challenge = response.headers.get("www-authenticate");
    expect(challenge).toMatch(BASIC_INVALID_CLIENT);
    expect(challenge).toContain(`error_description="${body.error_description as string}"`);
  });

  it("answers an unknown client sent with Basic with 401 invalid_client and a Basic challenge", async () => {
    const world = await createWorld();
    const response = await webAppRefreshRequest(world, { Authorization: basic("s6BhdRkqt3", "7Fjfp0ZBr1KtDRbnfVdmIw") });
    await expectError(response, 401, "invalid_client");
    expect(response.headers.get("www-authenticate")).toMatch(BASIC_INVALID_CLIENT);
  });

  it("lets a browser-based client read the challenge (Access-Control-Expose-Headers lists WWW-Authenticate)", async () => {
    const world = await createWorld();
    const response = await webAppRefreshRequest(world, { Authorization: basic("web-app", "wrong-secret") });
    expect(response.status).toBe(401);
    expect(response.headers.get("access-control-expose-headers") ?? "").toMatch(/(^|,\s*)WWW-Authenticate(\s*,|$)/i);
  });

  it.each([
    ["not base64", "Basic !!!not-base64!!!"],
    ["a base64 string of impossible length", "Basic a"],
    ["no colon between id and secret", `Basic ${base64("web-app")}`],
    ["a bad percent-escape", `Basic ${base64("web-app:%zz")}`],
    ["no credentials after the scheme", "Basic "],
  ])("rejects malformed Basic credentials (%s) with 400 invalid_request", async (_case, header) => {
    const world = await createWorld();
    await expectError(await webAppRefreshRequest(world, { Authorization: header }), 400, "invalid_request");
  });

  it.each([
    ["Bearer", "Bearer mF_9.B5f-4.1JqM"],
    ["Digest", 'Digest username="web-app"'],
    ["a bare token", "d2ViLWFwcDp3ZWItYXBwLXNlY3JldC1kZW1vLW9ubHk="],
  ])("rejects a non-Basic Authorization header (%s) with invalid_request", async (_case, header) => {
    const world = await createWorld();
    await expectError(await webAppRefreshRequest(world, { Authorization: header }), 400, "invalid_request");
  });
});

describe("RFC 6749 §2.3.1 client password: request body (client_secret_post)", () => {
  it("authenticates inventory-service with client_id and client_secret in the body", async () => {
    const world = await createWorld();
    await expectTokens(await clientCredentials(world, { client_id: "inventory-service", client_secret: INVENTORY_SECRET }));
  });

  it("answers a wrong secret in the body with 401 invalid_client and no WWW-Authenticate", async () => {
    const world = await createWorld();
    const response = await clientCredentials(world, { client_id: "inventory-service", client_secret: "wrong-secret" });
    await expectError(response, 401, "invalid_client");
    expect(response.headers.get("www-authenticate")).toBeNull();
  });

  it("answers an unknown client in the body with 401 invalid_client and no WWW-Authenticate", async () => {
    const world = await createWorld();
    const response = await clientCredentials(world, { client_id: "s6BhdRkqt3", client_secret: "7Fjfp0ZBr1KtDRbnfVdmIw" });
    await expectError(response, 401, "invalid_client");
    expect(response.headers.get("www-authenticate")).toBeNull();
  });

  it("answers an unknown public client_id with 401 invalid_client", async () => {
    const world = await createWorld();
    const response = await tokenRequest(world, { grant_type: "refresh_token", refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA", client_id: "no-such-app" });
    await expectError(response, 401, "invalid_client");
  });

  it("answers missing client_secret for a client registered for client_secret_post with 401 invalid_client", async () => {
    const world = await createWorld();
    await expectError(await clientCredentials(world, { client_id: "inventory-service" }), 401, "invalid_client");
  });
});

describe("RFC 6749 §2.3, §5.2 client authentication failures", () => {
  it("answers a request with no client authentication at all with 401 invalid_client (OAUTH-RULES S)", async () => {
    const world = await createWorld();
    const response = await tokenRequest(world, { grant_type: "refresh_token", refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA" });
    await expectError(response, 401, "invalid_client");
    expect(response.headers.get("www-authenticate")).toBeNull();
  });

  it("answers Basic plus client_secret in the body with 400 invalid_request (more than one method)", async () => {
    const world = await createWorld();
    const response = await webAppRefreshRequest(world, { Authorization: basic("web-app", WEB_APP_SECRET) }, { client_secret: WEB_APP_SECRET });
    await expectError(response, 400, "invalid_request");
  });

  it("answers a body client_id differing from the Basic one with invalid_request", async () => {
    const world = await createWorld();
    const response = await webAppRefreshRequest(world, { Authorization: basic("web-app", WEB_APP_SECRET) }, { client_id: "spa" });
    await expectError(response, 400, "invalid_request");
  });

  it("accepts a body client_id equal to the Basic one", async () => {
    const world = await createWorld();
    const response = await passwordRequest(world, { Authorization: basic("first-party-app", "first-party-app-secret-demo-only") }, { client_id: "first-party-app" });
    await expectTokens(response);
  });

  it("treats an empty client_secret next to Basic as omitted, not as a second method (RFC 6749 §3.2)", async () => {
    const world = await createWorld();
    const response = await passwordRequest(world, { Authorization: basic("first-party-app", "first-party-app-secret-demo-only") }, { client_secret: "", client_id: "" });
    await expectTokens(response);
  });

  it("answers web-app using client_secret_post instead of its registered client_secret_basic with 401 invalid_client", async () => {
    const world = await createWorld();
    const response = await webAppRefreshRequest(world, {}, { client_id: "web-app", client_secret: WEB_APP_SECRET });
    await expectError(response, 401, "invalid_client");
    expect(response.headers.get("www-authenticate")).toBeNull();
  });

  it("answers inventory-service using Basic instead of its registered client_secret_post with 401 invalid_client and a challenge", async () => {
    const world = await createWorld();
    const response = await clientCredentials(world, {}, { Authorization: basic("inventory-service", INVENTORY_SECRET) });
    await expectError(response, 401, "invalid_client");
    expect(response.headers.get("www-authenticate")).toMatch(BASIC_INVALID_CLIENT);
  });

  it("answers web-app sending only its client_id (no secret) with 401 invalid_client", async () => {
    const world = await createWorld();
    await expectError(await webAppRefreshRequest(world, {}, { client_id: "web-app" }), 401, "invalid_client");
  });

  it("answers a public client that sends a secret in the body with 401 invalid_client (OAUTH-RULES C7)", async () => {
    const world = await createWorld();
    const response = await tokenRequest(world, {
      grant_type: "refresh_token",
      refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA",
      client_id: "spa",
      client_secret: "anything",
    });
    await expectError(response, 401, "invalid_client");
  });

  it("answers a public client that authenticates with Basic with 401 invalid_client", async () => {
    const world = await createWorld();
    const response = await tokenRequest(world, { grant_type: "refresh_token", refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA" }, { Authorization: basic("spa", "anything") });
    await expectError(response, 401, "invalid_client");
    expect(response.headers.get("www-authenticate")).toMatch(BASIC_INVALID_CLIENT);
  });

  it("identifies a public client by client_id alone: the request reaches the grant (invalid_grant for an unknown refresh token)", async () => {
    const world = await createWorld();
    const response = await tokenRequest(world, { grant_type: "refresh_token", refresh_token: "tGzv3JOkF0XG5Qx2TlKWIA", client_id: "spa" });
    await expectError(response, 400, "invalid_grant");
  });
});

describe("RFC 6749 §2.3.1 brute-force protection of client secrets", () => {
  async function failTimes(world: World, times: number): Promise<void> {
    for (let attempt = 1; attempt <= times; attempt++) {
      const response = await webAppRefreshRequest(world, { Authorization: basic("web-app", `guess-${attempt}`) });
      await expectError(response, 401, "invalid_client");
      expect(response.headers.get("retry-after")).toBeNull();
    }
  }

  it("refuses even the right secret after 10 wrong ones within 60 s: 401 invalid_client with Retry-After", async () => {
    const world = await createWorld();
    await failTimes(world, 10);
    world.clock.advance(15);
    const response = await webAppRefreshRequest(world, { Authorization: basic("web-app", WEB_APP_SECRET) });
    await expectError(response, 401, "invalid_client");
    expect(response.headers.get("retry-after")).toBe("45");
    expect(response.headers.get("www-authenticate")).toMatch(BASIC_INVALID_CLIENT);
  });

  it("still accepts the right secret after 9 wrong ones", async () => {
    const world = await createWorld();
    await failTimes(world, 9);
    const response = await webAppRefreshRequest(world, { Authorization: basic("web-app", WEB_APP_SECRET) });
    // Authentication passed: the unknown refresh token is the only problem left.
    await expectError(response, 400, "invalid_grant");
  });

  it("accepts the right secret again once the 60 s window has passed", async () => {
    const world = await createWorld();
    await failTimes(world, 10);
    await expectError(await webAppRefreshRequest(world, { Authorization: basic("web-app", WEB_APP_SECRET) }), 401, "invalid_client");
    world.clock.advance(60);
    await expectError(await webAppRefreshRequest(world, { Authorization: basic("web-app", WEB_APP_SECRET) }), 400, "invalid_grant");
  });

  it("locks out a client_secret_post client the same way, without a WWW-Authenticate header", async () => {
    const world = await createWorld();
    for (let attempt = 1; attempt <= 10; attempt++) {
      await expectError(await clientCredentials(world, { client_id: "inventory-service", client_secret: `guess-${attempt}` }), 401, "invalid_client");
    }
    const response = await clientCredentials(world, { client_id: "inventory-service", client_secret: INVENTORY_SECRET });
    await expectError(response, 401, "invalid_client");
    expect(response.headers.get("retry-after")).toBe("60");
    expect(response.headers.get("www-authenticate")).toBeNull();
  });

  it("locks only the attacked client: another client still authenticates", async () => {
    const world = await createWorld();
    await failTimes(world, 10);
    await expectTokens(await clientCredentials(world, { client_id: "inventory-service", client_secret: INVENTORY_SECRET }));
  });
});

describe("RFC 6749 §2.3.1, Appendix B: decoding Basic credentials (parseBasicCredentials)", () => {
  it("decodes the §2.3.1 example czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3 (OAUTH-RULES P9)", () => {
    expect(parseBasicCredentials("Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3")).toEqual({
      clientId: "s6BhdRkqt3",
      secret: "7Fjfp0ZBr1KtDRbnfVdmIw",
    });
  });

  it("decodes the §4.1.3 example czZCaGRSa3F0MzpnWDFmQmF0M2JW (OAUTH-RULES P10)", () => {
    expect(parseBasicCredentials("Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW")).toEqual({ clientId: "s6BhdRkqt3", secret: "gX1fBat3bV" });
  });

  it("round-trips ' %&+' through form-urlencoding (node-oidc-provider's Appendix B case)", () => {
    const formEncoded = new URLSearchParams({ v: " %&+" }).toString().slice(2);
    expect(formEncoded).toBe("+%25%26%2B");
    const header = `Basic ${base64(`${formEncoded}:${formEncoded}`)}`;
    expect(parseBasicCredentials(header)).toEqual({ clientId: " %&+", secret: " %&+" });
  });

  it("decodes %20 and + alike as a space (encodeURIComponent and form encoding agree)", () => {
    const header = `Basic ${base64(`${encodeURIComponent(" %&+")}:${encodeURIComponent(" %&+")}`)}`;
    expect(parseBasicCredentials(header)).toEqual({ clientId: " %&+", secret: " %&+" });
  });

  it("round-trips non-ASCII characters as UTF-8 percent-escapes (OAUTH-RULES P11: ' %&+£€')", () => {
    const formEncoded = new URLSearchParams({ v: " %&+£€" }).toString().slice(2);
    expect(formEncoded).toBe("+%25%26%2B%C2%A3%E2%82%AC");
    expect(parseBasicCredentials(`Basic ${base64(`app:${formEncoded}`)}`)).toEqual({ clientId: "app", secret: " %&+£€" });
  });

  it("splits on the first colon, so an encoded colon in the id and a raw colon in the secret both survive", () => {
    const header = `Basic ${base64(`${encodeURIComponent("an:identifier")}:pass:word`)}`;
    expect(parseBasicCredentials(header)).toEqual({ clientId: "an:identifier", secret: "pass:word" });
  });

  it("accepts an empty secret after the colon", () => {
    expect(parseBasicCredentials(`Basic ${base64("web-app:")}`)).toEqual({ clientId: "web-app", secret: "" });
  });

  it.each([
    ["not base64", "Basic %%%"],
    ["no colon", `Basic ${base64("s6BhdRkqt3")}`],
    ["a bad percent-escape", `Basic ${base64("s6BhdRkqt3:%E2%82")}`],
    ["another scheme", "Bearer czZCaGRSa3F0MzpnWDFmQmF0M2JW"],
  ])("refuses %s with invalid_request", (_case, header) => {
    const result = parseBasicCredentials(header);
    expect(result).toMatchObject({ error: "invalid_request", status: 400 });
  });
});
