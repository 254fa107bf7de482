/**
 * DESIGN invariant 4 (deterministic): same flow + seed ⇒ byte-identical responses — codes, tokens,
 * JWT signatures, user codes, timestamps. Random values come from the seeded generator, time from
 * the simulated clock, and RS256 signatures are deterministic.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import type { World, WorldOptions } from "../../machines/world";
import { createWorld } from "../../machines/world";
import { authorizeUrl, basic, CHALLENGE, FORM, VERIFIER } from "../support/world-client";

/** One HTTP exchange exactly as the world answered it. */
interface Entry {
  step: string;
  status: number;
  headers: [string, string][];
  body: string;
}

async function record(step: string, response: Response): Promise<Entry> {
  const headers = [...response.headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { step, status: response.status, headers, body: await response.text() };
}

function post(world: World, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return world.fetch(`${world.issuer}${path}`, { method: "POST", headers: { ...FORM, ...headers }, body: new URLSearchParams(fields) });
}

function json(entry: Entry): Record<string, string> {
  return JSON.parse(entry.body) as Record<string, string>;
}

/**
 * The script: authorization code + PKCE (spa), an API call, refresh with rotation, client
 * credentials, the device flow, and a confidential client's code flow with introspection and
 * revocation. Yields one entry per response so two worlds can be stepped in any interleaving.
 */
async function* script(world: World): AsyncGenerator<Entry> {
  yield await record("metadata", await world.fetch(`${world.issuer}/.well-known/oauth-authorization-server`));
  yield await record("jwks", await world.fetch(`${world.issuer}/jwks.json`));

  // Authorization code + PKCE for the public SPA.
  const spaRequest = {
    response_type: "code",
    client_id: "spa",
    redirect_uri: "https://spa.example/callback",
    scope: "profile order",
    state: "s1",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
  };
  yield await record("authorize GET", await world.fetch(authorizeUrl(world, spaRequest)));
  const consent = await record("authorize POST", await post(world, "/authorize", { ...spaRequest, username: "alice", password: "wonderland", decision: "allow" }));
  yield consent;
  const code = new URL(consent.headers.find(([name]) => name === "location")![1]).searchParams.get("code")!;
  world.clock.advance(3);
  const spaTokens = await record(
    "token authorization_code",
    await post(world, "/token", { grant_type: "authorization_code", code, redirect_uri: spaRequest.redirect_uri, client_id: "spa", code_verifier: VERIFIER }),
  );
  yield spaTokens;
  yield await record("api /me", await world.fetch(`${world.resourceServer}/me`, { headers: { Authorization: `Bearer ${json(spaTokens).access_token}` } }));

  // Refresh with rotation.
  world.clock.advance(600);
  yield await record("token refresh_token", await post(world, "/token", { grant_type: "refresh_token", refresh_token: json(spaTokens).refresh_token!, client_id: "spa" }));

  // Client credentials.
  yield await record(
    "token client_credentials",
    await post(world, "/token", { grant_type: "client_credentials", client_id: "inventory-service", client_secret: "inventory-service-secret-demo-only", scope: "inventory:write" }),
  );

  // Device flow.
  const device = await record("device_authorization", await post(world, "/device_authorization", { client_id: "tv-app", scope: "profile" }));
  yield device;
  const deviceGrant = { grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: json(device).device_code!, client_id: "tv-app" };
  yield await record("device poll pending", await post(world, "/token", deviceGrant));
  yield await record("device page", await world.fetch(json(device).verification_uri_complete!));
  yield await record("device approve", await post(world, "/device", { user_code: json(device).user_code!, username: "bob", password: "builder", decision: "allow" }));
  world.clock.advance(5);
  yield await record("device poll tokens", await post(world, "/token", deviceGrant));

  // A confidential client: code flow, introspection, revocation.
  const webRequest = { response_type: "code", client_id: "web-app", redirect_uri: "https://webapp.example/callback", state: "w1" };
  const webConsent = await record("web-app authorize POST", await post(world, "/authorize", { ...webRequest, username: "alice", password: "wonderland", decision: "allow" }));
  yield webConsent;
  const webCode = new URL(webConsent.headers.find(([name]) => name === "location")![1]).searchParams.get("code")!;
  const webAuth = { Authorization: basic("web-app", "web-app-secret-demo-only") };
  const webTokens = await record("web-app token", await post(world, "/token", { grant_type: "authorization_code", code: webCode, redirect_uri: webRequest.redirect_uri }, webAuth));
  yield webTokens;
  yield await record("introspect", await post(world, "/introspect", { token: json(webTokens).access_token! }, webAuth));
  yield await record("revoke", await post(world, "/revoke", { token: json(webTokens).access_token! }, webAuth));
  yield await record("api after revoke", await world.fetch(`${world.resourceServer}/orders`, { headers: { Authorization: `Bearer ${json(webTokens).access_token}` } }));
}

async function transcript(options?: WorldOptions): Promise<Entry[]> {
  const world = await createWorld(options);
  const entries: Entry[] = [];
  for await (const entry of script(world)) entries.push(entry);
  return entries;
}

function find(entries: Entry[], step: string): Entry {
  const entry = entries.find((candidate) => candidate.step === step);
  if (!entry) throw new Error(`no step ${step}`);
  return entry;
}

/** The random artifacts of a transcript: codes, tokens, JWT signatures, device and user codes. */
function artifacts(entries: Entry[]) {
  const location = (step: string) => new URL(find(entries, step).headers.find(([name]) => name === "location")![1]);
  const spa = json(find(entries, "token authorization_code"));
  const refreshed = json(find(entries, "token refresh_token"));
  const device = json(find(entries, "device_authorization"));
  return {
    code: location("authorize POST").searchParams.get("code"),
    accessToken: spa.access_token,
    signature: spa.access_token!.split(".")[2],
    jti: (JSON.parse(atob(spa.access_token!.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { jti: string }).jti,
    refreshToken: spa.refresh_token,
    rotatedRefreshToken: refreshed.refresh_token,
    clientCredentialsToken: json(find(entries, "token client_credentials")).access_token,
    deviceCode: device.device_code,
    userCode: device.user_code,
    deviceToken: json(find(entries, "device poll tokens")).access_token,
    webCode: location("web-app authorize POST").searchParams.get("code"),
  };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("DESIGN invariant 4: same seed, same responses", () => {
  it("runs the whole script successfully (the transcript is a real flow, not a string of errors)", async () => {
    const entries = await transcript({ seed: "lesson-1" });
    expect(entries.map((entry) => [entry.step, entry.status])).toEqual([
      ["metadata", 200],
      ["jwks", 200],
      ["authorize GET", 200],
      ["authorize POST", 303],
      ["token authorization_code", 200],
      ["api /me", 200],
      ["token refresh_token", 200],
      ["token client_credentials", 200],
      ["device_authorization", 200],
      ["device poll pending", 400],
      ["device page", 200],
      ["device approve", 200],
      ["device poll tokens", 200],
      ["web-app authorize POST", 303],
      ["web-app token", 200],
      ["introspect", 200],
      ["revoke", 200],
      ["api after revoke", 401],
    ]);
    expect(json(find(entries, "device poll pending")).error).toBe("authorization_pending");
  });

  it("gives byte-identical responses (status, headers, body) for two worlds with the same seed", async () => {
    const first = await transcript({ seed: "lesson-1" });
    const second = await transcript({ seed: "lesson-1" });
    expect(second).toEqual(first);
    // The comparison covers the random artifacts, not only their shape.
    const a = artifacts(first);
    expect(a.code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.accessToken!.split(".")).toHaveLength(3);
    expect(a.userCode).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(artifacts(second)).toEqual(a);
  });

  it("gives the same responses whether two same-seed worlds run one after the other or interleaved", async () => {
    const sequential = await transcript({ seed: "interleaved" });
    const left = script(await createWorld({ seed: "interleaved" }));
    const right = script(await createWorld({ seed: "interleaved" }));
    const fromLeft: Entry[] = [];
    const fromRight: Entry[] = [];
    for (;;) {
      const a = await left.next();
      const b = await right.next();
      if (a.done || b.done) {
        expect(a.done && b.done).toBe(true);
        break;
      }
      fromLeft.push(a.value);
      fromRight.push(b.value);
    }
    expect(fromLeft).toEqual(sequential);
    expect(fromRight).toEqual(sequential);
  });

  it("does not depend on the wall clock or Math.random", async () => {
    const reference = await transcript({ seed: "clockless" });
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2031-07-15T03:14:15Z") });
    vi.spyOn(Math, "random").mockReturnValue(0.123456789);
    expect(new Date().getUTCFullYear()).toBe(2031);
    const underOtherTime = await transcript({ seed: "clockless" });
    expect(underOtherTime).toEqual(reference);
  });

  it("stamps JWTs with the simulated clock: iat is the world's now, exp is 900 s later", async () => {
    const entries = await transcript({ seed: "times" });
    const token = json(find(entries, "token authorization_code")).access_token!;
    const claims = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { iat: number; exp: number };
    // The script advanced the clock by 3 s before the token request.
    expect(claims.iat).toBe(1767258000 + 3);
    expect(claims.exp).toBe(1767258000 + 3 + 900);
  });
});

describe("DESIGN invariant 4: a different seed, different values", () => {
  it("changes every code and token, including JWT signatures and user codes", async () => {
    const a = artifacts(await transcript({ seed: "alpha" }));
    const b = artifacts(await transcript({ seed: "beta" }));
    for (const key of Object.keys(a) as (keyof typeof a)[]) {
      expect(typeof a[key], key).toBe("string");
      expect(b[key], key).not.toBe(a[key]);
    }
  });

  it("keeps the same statuses: only the random values differ", async () => {
    const a = await transcript({ seed: "alpha" });
    const b = await transcript({ seed: "beta" });
    expect(b.map((entry) => [entry.step, entry.status])).toEqual(a.map((entry) => [entry.step, entry.status]));
    // Responses with no random value in them are identical across seeds.
    expect(find(b, "metadata")).toEqual(find(a, "metadata"));
    expect(find(b, "jwks")).toEqual(find(a, "jwks"));
    expect(find(b, "authorize GET")).toEqual(find(a, "authorize GET"));
  });
});

describe("DESIGN \"Defaults of createWorld()\": seed and clock", () => {
  it("uses the seed \"demo\" when none is given", async () => {
    const world = await createWorld();
    expect(world.seed).toBe("demo");
    expect(await transcript()).toEqual(await transcript({ seed: "demo" }));
  });

  it("starts the clock at 2026-01-01T09:00:00Z (1767258000)", async () => {
    const world = await createWorld();
    expect(world.clock.now()).toBe(1767258000);
    expect(new Date(world.clock.now() * 1000).toISOString()).toBe("2026-01-01T09:00:00.000Z");
  });

  it("moves the clock only by advance", async () => {
    const world = await createWorld();
    await world.fetch(`${world.issuer}/.well-known/oauth-authorization-server`);
    expect(world.clock.now()).toBe(1767258000);
    world.clock.advance(42);
    expect(world.clock.now()).toBe(1767258042);
  });

  it("treats the seed as a string: \"1\" and \"01\" give different worlds", async () => {
    const a = artifacts(await transcript({ seed: "1" }));
    const b = artifacts(await transcript({ seed: "01" }));
    expect(b.code).not.toBe(a.code);
  });
});
