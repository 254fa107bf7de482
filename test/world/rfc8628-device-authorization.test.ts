/**
 * RFC 8628 device authorization grant against the mock world (OAUTH-RULES K1–K10, DESIGN.md
 * "Defaults": device code 600 s, interval 5 s, slow_down adds 5 s measured from the previous poll).
 */
import { importJWK } from "jose";
import { describe, expect, it } from "vitest";
import type { World } from "../../machines/world";
import { createWorld } from "../../machines/world";
import { createAuthorizationServer } from "../../machines/world/as";
import { createClock, DEFAULT_START_TIME } from "../../machines/world/clock";
import type { ServerContext } from "../../machines/world/context";
import type { ClientMetadata } from "../../machines/world/demo-data";
import { DEMO_CLIENTS, DEMO_USERS, DEVICE_CODE_GRANT, SCOPES } from "../../machines/world/demo-data";
import { DEMO_SIGNING_KEY } from "../../machines/world/demo-signing-key";
import { resolvePolicy } from "../../machines/world/policy";
import { createRandom } from "../../machines/world/random";
import { Store } from "../../machines/world/store";
import { basic, callApi, clientAuth, postForm } from "../support/world-client";

const USER_CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;

interface DeviceAuthorizationResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}

async function startDevice(world: World, fields: Record<string, string> = {}): Promise<DeviceAuthorizationResponse> {
  const response = await postForm(world, `${world.issuer}/device_authorization`, { client_id: "tv-app", ...fields });
  expect(response.status).toBe(200);
  return (await response.json()) as DeviceAuthorizationResponse;
}

function poll(world: World, deviceCode: string, clientId = "tv-app"): Promise<Response> {
  const auth = clientAuth(world, clientId);
  return postForm(world, `${world.issuer}/token`, { grant_type: DEVICE_CODE_GRANT, device_code: deviceCode, ...auth.fields }, auth.headers);
}

async function pollError(world: World, deviceCode: string, clientId = "tv-app"): Promise<{ status: number; error: unknown }> {
  const response = await poll(world, deviceCode, clientId);
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, error: body.error };
}

function verify(world: World, fields: Record<string, string>): Promise<Response> {
  return postForm(world, `${world.issuer}/device`, { username: "alice", password: "wonderland", decision: "allow", ...fields });
}

/** Lower-case, no dash: what a person might type on a phone. */
function typed(userCode: string): string {
  return userCode.replace("-", "").toLowerCase();
}

describe("RFC 8628 §3.1–§3.2 device authorization request and response", () => {
  it("answers 200 JSON with device_code, user_code, verification_uri(_complete), expires_in 600 and interval 5", async () => {
    const world = await createWorld();
    const response = await postForm(world, `${world.issuer}/device_authorization`, { client_id: "tv-app", scope: "profile" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(typeof body.device_code).toBe("string");
    expect((body.device_code as string).length).toBeGreaterThanOrEqual(32);
    expect(typeof body.user_code).toBe("string");
    expect(body.verification_uri).toBe("https://authorization-server.example/device");
    expect(typeof body.verification_uri_complete).toBe("string");
    expect(body.expires_in).toBe(600);
    expect(body.interval).toBe(5);
  });

  it("sends Cache-Control: no-store and Pragma: no-cache on the device authorization response", async () => {
    const world = await createWorld();
    const response = await postForm(world, `${world.issuer}/device_authorization`, { client_id: "tv-app" });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
  });

  it("issues a user_code of the form XXXX-XXXX from the base-20 alphabet (§6.1)", async () => {
    const world = await createWorld();
    for (let i = 0; i < 20; i += 1) {
      const { user_code } = await startDevice(world);
      expect(user_code).toMatch(USER_CODE);
    }
  });

  it("issues distinct device_codes and user_codes for separate requests", async () => {
    const world = await createWorld();
    const first = await startDevice(world);
    const second = await startDevice(world);
    expect(second.device_code).not.toBe(first.device_code);
    expect(second.user_code).not.toBe(first.user_code);
  });

  it("puts verification_uri and verification_uri_complete on the issuer origin, with the user_code in the latter", async () => {
    const world = await createWorld();
    const { verification_uri, verification_uri_complete, user_code } = await startDevice(world);
    expect(new URL(verification_uri).origin).toBe(world.issuer);
    const complete = new URL(verification_uri_complete);
    expect(complete.origin).toBe(world.issuer);
    expect(complete.pathname).toBe(new URL(verification_uri).pathname);
    expect(complete.searchParams.get("user_code")).toBe(user_code);
  });

  it("serves the verification_uri through world.fetch (200 HTML)", async () => {
    const world = await createWorld();
    const { verification_uri } = await startDevice(world);
    const response = await world.fetch(verification_uri);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain('name="user_code"');
  });

  it("refuses a client not registered for the device grant with unauthorized_client", async () => {
    const world = await createWorld();
    const auth = clientAuth(world, "web-app");
    const response = await postForm(world, `${world.issuer}/device_authorization`, auth.fields, auth.headers);
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(((await response.json()) as Record<string, unknown>).error).toBe("unauthorized_client");
  });

  it("refuses an unknown client with 401 invalid_client", async () => {
    const world = await createWorld();
    const response = await postForm(world, `${world.issuer}/device_authorization`, { client_id: "no-such-client" });
    expect(response.status).toBe(401);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_client");
  });

  it("refuses a scope beyond the client's registration with invalid_scope", async () => {
    const world = await createWorld();
    const response = await postForm(world, `${world.issuer}/device_authorization`, { client_id: "tv-app", scope: "inventory:write" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_scope");
  });

  it("accepts only POST at the device authorization endpoint (405 on GET)", async () => {
    const world = await createWorld();
    const response = await world.fetch(`${world.issuer}/device_authorization?client_id=tv-app`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
  });
});

describe("RFC 8628 §3.3 user interaction (verification page)", () => {
  it("shows the user_code and the client's name on GET /device?user_code=… (§3.3.1)", async () => {
    const world = await createWorld();
    const { verification_uri_complete, user_code } = await startDevice(world);
    const response = await world.fetch(verification_uri_complete);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(`value="${user_code}"`);
    expect(html).toContain("Acme TV (device with no browser)");
  });

  it("accepts a lower-case user_code without the dash and answers a 200 page on allow", async () => {
    const world = await createWorld();
    const { user_code } = await startDevice(world);
    const response = await verify(world, { user_code: typed(user_code) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("Device connected");
  });

  it("answers a 400 page for an unknown user_code", async () => {
    const world = await createWorld();
    const { user_code } = await startDevice(world);
    expect(user_code).not.toBe("ZZZZ-ZZZZ");
    const response = await verify(world, { user_code: "ZZZZ-ZZZZ" });
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("not valid");
  });

  it("answers a 4xx page for a wrong password and leaves the request pending", async () => {
    const world = await createWorld();
    const { user_code, device_code } = await startDevice(world);
    const response = await verify(world, { user_code, password: "not-wonderland" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get("location")).toBeNull();
    expect(await pollError(world, device_code)).toEqual({ status: 400, error: "authorization_pending" });
  });

  it("answers a 400 page when the decision is missing, and does not approve", async () => {
    const world = await createWorld();
    const { user_code, device_code } = await startDevice(world);
    const response = await postForm(world, `${world.issuer}/device`, { user_code, username: "alice", password: "wonderland" });
    expect(response.status).toBe(400);
    expect(await pollError(world, device_code)).toEqual({ status: 400, error: "authorization_pending" });
  });

  it("refuses a granted_scope wider than the requested scope with a 400 page", async () => {
    const world = await createWorld();
    const { user_code, device_code } = await startDevice(world, { scope: "profile" });
    const response = await verify(world, { user_code, granted_scope: "profile order:read" });
    expect(response.status).toBe(400);
    expect(await pollError(world, device_code)).toEqual({ status: 400, error: "authorization_pending" });
  });

  it("refuses to approve a user_code a second time once it has been used", async () => {
    const world = await createWorld();
    const { user_code } = await startDevice(world);
    expect((await verify(world, { user_code })).status).toBe(200);
    const again = await verify(world, { user_code, username: "bob", password: "builder" });
    expect(again.status).toBe(400);
  });
});

describe("RFC 8628 §3.4–§3.5 device access token request: pending and slow_down", () => {
  it("answers authorization_pending (400, no-store) before the user has approved", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    const response = await poll(world, device_code);
    expect(response.status).toBe(400);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
    expect(((await response.json()) as Record<string, unknown>).error).toBe("authorization_pending");
  });

  it("answers authorization_pending again when the client waits the full interval between polls", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    expect((await pollError(world, device_code)).error).toBe("authorization_pending");
    world.clock.advance(5);
    expect((await pollError(world, device_code)).error).toBe("authorization_pending");
  });

  it("answers slow_down when the client polls sooner than the interval", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    expect((await pollError(world, device_code)).error).toBe("authorization_pending");
    world.clock.advance(2);
    expect(await pollError(world, device_code)).toEqual({ status: 400, error: "slow_down" });
  });

  it("raises the interval to 10 s after slow_down: a poll 6 s later is slow_down again", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    await poll(world, device_code);
    world.clock.advance(1);
    expect((await pollError(world, device_code)).error).toBe("slow_down");
    world.clock.advance(6);
    expect((await pollError(world, device_code)).error).toBe("slow_down");
  });

  it("raises the interval to 10 s after slow_down: a poll 10 s after the previous poll is authorization_pending", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    await poll(world, device_code);
    world.clock.advance(1);
    expect((await pollError(world, device_code)).error).toBe("slow_down");
    world.clock.advance(10);
    expect((await pollError(world, device_code)).error).toBe("authorization_pending");
  });

  it("measures the interval from the previous poll, not from the first one", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    await poll(world, device_code); // t=0
    world.clock.advance(4);
    expect((await pollError(world, device_code)).error).toBe("slow_down"); // t=4, interval now 10
    world.clock.advance(9);
    // t=13 is 13 s after the first poll but only 9 s after the previous one.
    expect((await pollError(world, device_code)).error).toBe("slow_down");
  });

  it("adds 5 s for every slow_down (§3.5: for this and all subsequent requests)", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    await poll(world, device_code);
    world.clock.advance(1);
    expect((await pollError(world, device_code)).error).toBe("slow_down"); // interval 10
    world.clock.advance(1);
    expect((await pollError(world, device_code)).error).toBe("slow_down"); // interval 15
    world.clock.advance(14);
    expect((await pollError(world, device_code)).error).toBe("slow_down"); // interval 20
    world.clock.advance(20);
    expect((await pollError(world, device_code)).error).toBe("authorization_pending");
  });

  it("refuses a poll without device_code with invalid_request", async () => {
    const world = await createWorld();
    const response = await postForm(world, `${world.issuer}/token`, { grant_type: DEVICE_CODE_GRANT, client_id: "tv-app" });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_request");
  });

  it("refuses an unknown device_code with invalid_grant", async () => {
    const world = await createWorld();
    expect(await pollError(world, "not-a-device-code")).toEqual({ status: 400, error: "invalid_grant" });
  });
});

describe("RFC 8628 §3.5 device access token response after the user's decision", () => {
  it("issues an access token and a refresh token to tv-app on the first poll after approval", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    expect((await pollError(world, device_code)).error).toBe("authorization_pending");
    expect((await verify(world, { user_code: typed(user_code) })).status).toBe(200);
    world.clock.advance(5);
    const response = await poll(world, device_code);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
    const tokens = (await response.json()) as Record<string, unknown>;
    expect(typeof tokens.access_token).toBe("string");
    expect(tokens.token_type).toBe("Bearer");
    expect(tokens.expires_in).toBe(900);
    expect(typeof tokens.refresh_token).toBe("string");
    expect(tokens.scope).toBe("profile order:read");
  });

  it("issues an access token that works at the resource server for the approving user", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    await verify(world, { user_code: typed(user_code) });
    const tokens = (await (await poll(world, device_code)).json()) as Record<string, string>;
    const api = await callApi(world, tokens.access_token, "/me");
    expect(api.status).toBe(200);
    expect(await api.json()).toEqual({ sub: "user-alice-7f3a", name: "Alice Liddell", username: "alice" });
  });

  it("issues a refresh token that refreshes for tv-app", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    await verify(world, { user_code });
    const tokens = (await (await poll(world, device_code)).json()) as Record<string, string>;
    const refreshed = await postForm(world, `${world.issuer}/token`, { grant_type: "refresh_token", refresh_token: tokens.refresh_token!, client_id: "tv-app" });
    expect(refreshed.status).toBe(200);
    expect(((await refreshed.json()) as Record<string, unknown>).scope).toBe("profile order:read");
  });

  it("answers access_denied to the next poll after the user denies", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    const page = await verify(world, { user_code, decision: "deny" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("denied");
    world.clock.advance(5);
    expect(await pollError(world, device_code)).toEqual({ status: 400, error: "access_denied" });
  });

  it("reflects a granted_scope narrowed on the device page in the token's scope", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    expect((await verify(world, { user_code, granted_scope: "profile" })).status).toBe(200);
    const tokens = (await (await poll(world, device_code)).json()) as Record<string, string>;
    expect(tokens.scope).toBe("profile");
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(200);
    expect((await callApi(world, tokens.access_token, "/orders")).status).toBe(403);
  });

  it("refuses a device_code polled by a client not registered for the device grant (unauthorized_client) and leaves it usable", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    await verify(world, { user_code });
    const stolen = await postForm(
      world,
      `${world.issuer}/token`,
      { grant_type: DEVICE_CODE_GRANT, device_code },
      { Authorization: basic("web-app", "web-app-secret-demo-only") },
    );
    expect(stolen.status).toBe(400);
    expect(((await stolen.json()) as Record<string, unknown>).error).toBe("unauthorized_client");
    expect((await poll(world, device_code)).status).toBe(200);
  });
});

describe("RFC 8628 §3.5 expired_token and device_code reuse", () => {
  it("answers expired_token once the device_code has expired (601 s)", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    world.clock.advance(601);
    expect(await pollError(world, device_code)).toEqual({ status: 400, error: "expired_token" });
  });

  it("still answers authorization_pending just before expiry (599 s)", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    world.clock.advance(599);
    expect((await pollError(world, device_code)).error).toBe("authorization_pending");
  });

  it("answers expired_token even after the user approved, if the device polls too late", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    await verify(world, { user_code });
    world.clock.advance(601);
    expect((await pollError(world, device_code)).error).toBe("expired_token");
  });

  it("remembers an expired device_code long enough to answer expired_token minutes later", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    world.clock.advance(601);
    await poll(world, device_code); // lets the store sweep
    world.clock.advance(300);
    expect((await pollError(world, device_code)).error).toBe("expired_token");
  });

  it("refuses an expired user_code on the verification page (400) and does not approve it", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    world.clock.advance(601);
    const response = await verify(world, { user_code });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("expired");
    expect((await pollError(world, device_code)).error).toBe("expired_token");
  });

  it("refuses a device_code reused after success with invalid_grant and revokes the tokens issued from it (K9)", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    await verify(world, { user_code });
    const tokens = (await (await poll(world, device_code)).json()) as Record<string, string>;
    expect((await callApi(world, tokens.access_token, "/me")).status).toBe(200);
    world.clock.advance(5);
    expect(await pollError(world, device_code)).toEqual({ status: 400, error: "invalid_grant" });
    const api = await callApi(world, tokens.access_token, "/me");
    expect(api.status).toBe(401);
    expect(api.headers.get("www-authenticate")).toContain('error="invalid_token"');
    const refreshed = await postForm(world, `${world.issuer}/token`, { grant_type: "refresh_token", refresh_token: tokens.refresh_token!, client_id: "tv-app" });
    expect(refreshed.status).toBe(400);
    expect(((await refreshed.json()) as Record<string, unknown>).error).toBe("invalid_grant");
  });
});

/**
 * Only tv-app is registered for the device grant in the demo world, so the "device_code of another
 * client" check (RFC 6749 §5.2 invalid_grant) is reached through an authorization server built with
 * one extra device client.
 */
async function serverWithTwoDeviceClients(): Promise<{ fetch: (request: Request) => Promise<Response>; issuer: string }> {
  const secondDevice: ClientMetadata = { ...DEMO_CLIENTS.find((c) => c.client_id === "tv-app")!, client_id: "tv-app-2", client_name: "Second TV" };
  const issuer = "https://authorization-server.example";
  const context: ServerContext = {
    issuer,
    resourceServer: "https://api.example",
    policy: resolvePolicy(),
    clock: createClock(DEFAULT_START_TIME),
    random: createRandom("demo"),
    store: new Store(),
    clients: [...DEMO_CLIENTS, secondDevice],
    users: DEMO_USERS,
    scopes: SCOPES,
    signingKey: (await importJWK(DEMO_SIGNING_KEY, "RS256")) as CryptoKey,
    resourceServerCredentials: { id: "resource-server", secret: "resource-server-secret-demo-only" },
  };
  return { fetch: createAuthorizationServer(context), issuer };
}

describe("RFC 6749 §5.2 / RFC 8628 §3.4 device_code bound to its client", () => {
  it("refuses a device_code issued to another device client with invalid_grant", async () => {
    const as = await serverWithTwoDeviceClients();
    const form = (fields: Record<string, string>) => ({
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields),
    });
    const started = await as.fetch(new Request(`${as.issuer}/device_authorization`, form({ client_id: "tv-app" })));
    const { device_code, user_code } = (await started.json()) as DeviceAuthorizationResponse;
    await as.fetch(new Request(`${as.issuer}/device`, form({ user_code, username: "alice", password: "wonderland", decision: "allow" })));
    const other = await as.fetch(new Request(`${as.issuer}/token`, form({ grant_type: DEVICE_CODE_GRANT, device_code, client_id: "tv-app-2" })));
    expect(other.status).toBe(400);
    expect(((await other.json()) as Record<string, unknown>).error).toBe("invalid_grant");
    const own = await as.fetch(new Request(`${as.issuer}/token`, form({ grant_type: DEVICE_CODE_GRANT, device_code, client_id: "tv-app" })));
    expect(own.status).toBe(200);
  });
});
