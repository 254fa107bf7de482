/**
 * The authorization server's memory stays flat however many flows run (store.ts: "Every record
 * expires on the simulated clock and is swept"), yet expired device codes are remembered long
 * enough to answer expired_token (DESIGN "Decisions": "expired device codes are remembered long
 * enough to answer `expired_token`"; RFC 8628 §3.5).
 */
import { describe, expect, it } from "vitest";
import type { World } from "../../machines/world";
import { createWorld } from "../../machines/world";
import { CHALLENGE, clientAuth, consent, exchangeCode, obtainCode, postForm, VERIFIER } from "../support/world-client";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
const PKCE = { code_challenge: CHALLENGE, code_challenge_method: "S256" };

type Sizes = Record<string, number>;

function total(sizes: Sizes): number {
  return Object.values(sizes).reduce((sum, n) => sum + n, 0);
}

/** A mistyped password on the consent page: a failed sign-in the server counts (brute-force protection). */
async function wrongPassword(world: World): Promise<void> {
  const request = { response_type: "code", client_id: "spa", redirect_uri: "https://spa.example/callback", state: "s", ...PKCE };
  const wrong = await consent(world, request, { password: "not-the-password" });
  expect(wrong.status).toBe(400);
  await wrong.body?.cancel();
}

/** One complete authorization code + PKCE flow for the SPA. */
async function codeFlow(world: World): Promise<void> {
  const { code } = await obtainCode(world, "spa", PKCE);
  const response = await exchangeCode(world, "spa", code, { code_verifier: VERIFIER });
  expect(response.status).toBe(200);
  await response.body?.cancel();
}

/** A device flow to the end: authorization, approval, tokens. */
async function deviceFlow(world: World): Promise<void> {
  const started = await postForm(world, `${world.issuer}/device_authorization`, { client_id: "tv-app" });
  const { device_code, user_code } = (await started.json()) as { device_code: string; user_code: string };
  const approved = await postForm(world, `${world.issuer}/device`, { user_code, username: "bob", password: "builder", decision: "allow" });
  expect(approved.status).toBe(200);
  const tokens = await postForm(world, `${world.issuer}/token`, { grant_type: DEVICE_GRANT, device_code, client_id: "tv-app" });
  expect(tokens.status).toBe(200);
  await tokens.body?.cancel();
}

async function clientCredentials(world: World): Promise<void> {
  const auth = clientAuth(world, "inventory-service");
  const response = await postForm(world, `${world.issuer}/token`, { grant_type: "client_credentials", ...auth.fields });
  expect(response.status).toBe(200);
  await response.body?.cancel();
}

/**
 * The flow tests use opaque access tokens: the store keeps every access token the same way
 * whatever its format (keyed by the token string), and skipping 2,000 RSA signatures keeps the
 * file fast.
 */
const FAST = { accessTokenFormat: "opaque" } as const;

/** Run `flows` flows, 60 simulated seconds apart, and take the store's size after each listed count. */
async function runFlows(world: World, flows: number, snapshotsAt: number[]): Promise<Map<number, Sizes>> {
  const snapshots = new Map<number, Sizes>();
  for (let i = 1; i <= flows; i++) {
    world.clock.advance(60);
    await codeFlow(world);
    if (i % 10 === 0) {
      await wrongPassword(world);
      await deviceFlow(world);
      await clientCredentials(world);
    }
    if (snapshotsAt.includes(i)) snapshots.set(i, world.storeSize());
  }
  return snapshots;
}

describe("store sweeping: memory stays bounded however many flows run", () => {
  it("does not grow between 500 and 2,000 flows once every lifetime fits in the window (refresh tokens 1 h)", async () => {
    const world = await createWorld({ ...FAST, lifetimes: { refreshToken: 3600 } });
    const snapshots = await runFlows(world, 2000, [500, 2000]);
    const at500 = snapshots.get(500)!;
    const at2000 = snapshots.get(2000)!;
    for (const kind of Object.keys(at2000)) expect(at2000[kind], kind).toBeLessThanOrEqual(at500[kind]!);
    // Bounded by what one refresh token lifetime (3600 s = 60 flows) can hold, not by the flow count.
    expect(at2000.refreshTokens).toBeLessThanOrEqual(3600 / 60 + 3600 / 600 + 1);
    expect(at2000.accessTokens).toBeLessThanOrEqual(2 * (900 / 60) + 1);
    expect(total(at2000)).toBeLessThan(500);
  }, 30_000);

  it("stops growing with the default lifetimes once the longest (refresh token, 24 h = 1,440 flows) has passed", async () => {
    const world = await createWorld(FAST);
    const snapshots = await runFlows(world, 2000, [500, 1500, 2000]);
    const at500 = snapshots.get(500)!;
    const at1500 = snapshots.get(1500)!;
    const at2000 = snapshots.get(2000)!;
    for (const kind of Object.keys(at2000)) expect(at2000[kind], kind).toBeLessThanOrEqual(at1500[kind]! + 1);
    // Short-lived records are flat from the start: codes of unexchanged flows, access tokens, failed sign-ins.
    expect(at2000.accessTokens).toBeLessThanOrEqual(at500.accessTokens!);
    expect(at2000.failedAttempts).toBeLessThanOrEqual(1);
    expect(at2000.codes).toBeLessThanOrEqual(at2000.grants!);
    // What remains is what a refresh token lifetime legitimately holds: at most one day of flows.
    // (A consumed device code is kept as long as its grant, to detect a replay, like a consumed code.)
    const flowsPerDay = 86_400 / 60;
    expect(at2000.refreshTokens).toBeLessThanOrEqual(flowsPerDay + flowsPerDay / 10 + 1);
    expect(at2000.deviceAuthorizations).toBeLessThanOrEqual(flowsPerDay / 10 + 1);
    expect(at2000.grants).toBeLessThanOrEqual(flowsPerDay + flowsPerDay / 10 + 900 / 600 + 2);
  }, 30_000);

  it("forgets everything once every lifetime has passed: the store is empty two days later", async () => {
    const world = await createWorld();
    await runFlows(world, 30, []);
    expect(total(world.storeSize())).toBeGreaterThan(0);
    world.clock.advance(2 * 86_400);
    // The store sweeps when the authorization server handles a request.
    await world.fetch(`${world.issuer}/.well-known/oauth-authorization-server`);
    expect(world.storeSize()).toEqual({
      grants: 0,
      codes: 0,
      accessTokens: 0,
      refreshTokens: 0,
      deviceAuthorizations: 0,
      userCodes: 0,
      failedAttempts: 0,
    });
  });

  it("sweeps an authorization code that was never exchanged once it has expired (and been answered as expired)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    expect(world.storeSize().codes).toBe(1);
    world.clock.advance(61);
    // Just after its 60 s lifetime the code is still known, so a late exchange learns why it fails.
    const late = await exchangeCode(world, "web-app", code);
    expect(late.status).toBe(400);
    expect(((await late.json()) as { error: string }).error).toBe("invalid_grant");
    world.clock.advance(600);
    await world.fetch(`${world.issuer}/jwks.json`);
    expect(world.storeSize().codes).toBe(0);
    expect(world.storeSize().grants).toBe(0);
  });
});

describe("RFC 8628 §3.5 expired_token, then sweeping", () => {
  async function startDevice(world: World): Promise<{ device_code: string; user_code: string }> {
    const response = await postForm(world, `${world.issuer}/device_authorization`, { client_id: "tv-app" });
    expect(response.status).toBe(200);
    return (await response.json()) as { device_code: string; user_code: string };
  }

  async function poll(world: World, deviceCode: string): Promise<{ status: number; body: Record<string, unknown>; cacheControl: string | null }> {
    const response = await postForm(world, `${world.issuer}/token`, { grant_type: DEVICE_GRANT, device_code: deviceCode, client_id: "tv-app" });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, cacheControl: response.headers.get("cache-control") };
  }

  it("answers expired_token just after the device code's 600 s lifetime", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    world.clock.advance(601);
    const answer = await poll(world, device_code);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe("expired_token");
    expect(answer.cacheControl).toBe("no-store");
    expect(world.storeSize().deviceAuthorizations).toBe(1);
  });

  it("still answers expired_token a while after expiry, even though sweeps have run", async () => {
    const world = await createWorld();
    const { device_code } = await startDevice(world);
    for (const step of [601, 100, 100, 100]) {
      world.clock.advance(step);
      expect((await poll(world, device_code)).body.error).toBe("expired_token");
    }
  });

  it("eventually sweeps the expired device code and its user_code; a late poll gets invalid_grant", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    world.clock.advance(601);
    expect((await poll(world, device_code)).body.error).toBe("expired_token");
    world.clock.advance(1800);
    const late = await poll(world, device_code);
    expect(late.status).toBe(400);
    expect(late.body.error).toBe("invalid_grant");
    expect(world.storeSize().deviceAuthorizations).toBe(0);
    expect(world.storeSize().userCodes).toBe(0);
    // The verification page no longer knows the code.
    const page = await world.fetch(`${world.issuer}/device?user_code=${encodeURIComponent(user_code)}`);
    expect(await page.text()).toContain("that code is not valid");
  });

  it("refuses to approve an expired user_code on the verification page", async () => {
    const world = await createWorld();
    const { device_code, user_code } = await startDevice(world);
    world.clock.advance(601);
    const approval = await postForm(world, `${world.issuer}/device`, { user_code, username: "alice", password: "wonderland", decision: "allow" });
    expect(approval.status).toBe(400);
    expect(await approval.text()).toContain("that code has expired");
    expect((await poll(world, device_code)).body.error).toBe("expired_token");
  });

  it("sweeps device codes that were never polled after 2,000 device authorizations", async () => {
    const world = await createWorld();
    let at500 = 0;
    for (let i = 1; i <= 2000; i++) {
      world.clock.advance(60);
      await startDevice(world);
      if (i === 500) at500 = world.storeSize().deviceAuthorizations!;
    }
    const at2000 = world.storeSize();
    expect(at2000.deviceAuthorizations).toBeLessThanOrEqual(at500);
    // Alive for 600 s plus as long again to answer expired_token: about 20 at 60 s apart.
    expect(at2000.deviceAuthorizations).toBeLessThanOrEqual(21);
    expect(at2000.userCodes).toBe(at2000.deviceAuthorizations);
  }, 30_000);
});
