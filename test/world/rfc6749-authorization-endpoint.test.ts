/**
 * The authorization endpoint (RFC 6749 §3.1, §4.1.1–§4.1.2.1, §4.2; RFC 9207; RFC 9700 §2.1, §2.6,
 * §4.12; OAUTH-RULES A1–A4, A11, A13, B1–B16, B22) and the DESIGN.md decisions that complete it.
 */
import { describe, expect, it } from "vitest";
import * as oauth from "oauth4webapi";
import { createWorld } from "../../machines/world";
import type { World } from "../../machines/world";
import {
  CHALLENGE,
  FORM,
  VERIFIER,
  authorizeUrl,
  callApi,
  consent,
  exchangeCode,
  obtainCode,
  redirectParams,
} from "../support/world-client";

const ISSUER_ENCODED = "https%3A%2F%2Fauthorization-server.example";
const WEB_CALLBACK = "https://webapp.example/callback";
const SPA_CALLBACK = "https://spa.example/callback";
const LEGACY_CALLBACK = "https://legacy.example/callback";

/** A valid request of the confidential web app (PKCE is optional for it by default). */
const WEB: Readonly<Record<string, string>> = {
  response_type: "code",
  client_id: "web-app",
  redirect_uri: WEB_CALLBACK,
  state: "xyz",
};

/** A valid request of the public SPA (PKCE required). */
const SPA: Readonly<Record<string, string>> = {
  response_type: "code",
  client_id: "spa",
  redirect_uri: SPA_CALLBACK,
  state: "xyz",
  code_challenge: CHALLENGE,
  code_challenge_method: "S256",
};

const LEGACY: Readonly<Record<string, string>> = {
  response_type: "token",
  client_id: "legacy-spa",
  redirect_uri: LEGACY_CALLBACK,
  state: "xyz",
};

/** A copy of `params` without `name`. */
function without(params: Readonly<Record<string, string>>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => key !== name));
}

function get(world: World, params: Record<string, string>): Promise<Response> {
  return world.fetch(authorizeUrl(world, params));
}

/** GET with a query string written by hand (duplicates, odd encodings). */
function getRaw(world: World, query: string): Promise<Response> {
  return world.fetch(`${world.issuer}/authorize?${query}`);
}

/** POST a browser form whose fields may repeat, as checkboxes do. */
function postFields(world: World, fields: [string, string][]): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of fields) body.append(name, value);
  return world.fetch(`${world.issuer}/authorize`, { method: "POST", headers: FORM, body });
}

/** RFC 6749 §4.1.2.1: an untrusted client or redirect URI gets an error page and no redirect. */
async function expectErrorPage(response: Response, error?: string): Promise<string> {
  expect(response.status).toBe(400);
  expect(response.headers.get("location")).toBeNull();
  expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  const html = await response.text();
  if (error !== undefined) expect(html).toContain(error);
  return html;
}

/** RFC 6749 §4.1.2.1 + RFC 9207: an error redirect to `base` with error, state (or none) and iss. */
function expectErrorRedirect(response: Response, base: string, error: string, state: string | null = "xyz"): URLSearchParams {
  expect(response.status).toBe(303);
  const location = response.headers.get("location");
  expect(location).not.toBeNull();
  const url = new URL(location!);
  expect(`${url.origin}${url.pathname}`).toBe(base);
  expect(url.hash).toBe("");
  const params = url.searchParams;
  expect(params.get("error")).toBe(error);
  expect(params.get("state")).toBe(state);
  expect(params.get("iss")).toBe("https://authorization-server.example");
  expect(params.get("code")).toBeNull();
  expect(location).toContain(`iss=${ISSUER_ENCODED}`);
  return params;
}

/** Parse the hidden inputs of the consent form (the request's own parameters, posted back). */
function hiddenInputs(html: string): [string, string][] {
  const decode = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
  return [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [decode(m[1]!), decode(m[2]!)]);
}

describe("RFC 6749 §3.1 authorization endpoint: methods and parameters", () => {
  it("answers a valid GET authorization request with the login and consent page (200 HTML form posting to the endpoint)", async () => {
    const world = await createWorld();
    const response = await get(world, WEB);
    expect(response.status).toBe(200);
    expect(response.headers.get("location")).toBeNull();
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain(`<form method="post" action="https://authorization-server.example/authorize">`);
    expect(html).toContain('name="username"');
    expect(html).toContain('name="password"');
    expect(html).toContain('name="decision" value="allow"');
    expect(html).toContain('name="decision" value="deny"');
  });

  it("posts the consent page's own hidden fields back to complete the request", async () => {
    const world = await createWorld();
    const html = await (await get(world, { ...WEB, scope: "profile order" })).text();
    const fields = hiddenInputs(html);
    expect(fields).toContainEqual(["client_id", "web-app"]);
    expect(fields).toContainEqual(["state", "xyz"]);
    const response = await postFields(world, [
      ...fields.filter(([name]) => name !== "granted_scope"),
      ["username", "alice"],
      ["password", "wonderland"],
      ["decision", "allow"],
    ]);
    expect(response.status).toBe(303);
    expect(redirectParams(response).get("code")).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it("answers the consent POST with 303 See Other, never 307 (RFC 9700 §4.12)", async () => {
    const world = await createWorld();
    const allow = await consent(world, WEB);
    expect(allow.status).toBe(303);
    const deny = await consent(world, WEB, { decision: "deny" });
    expect(deny.status).toBe(303);
  });

  it("answers PUT with 405 and Allow: GET, POST", async () => {
    const world = await createWorld();
    const response = await world.fetch(authorizeUrl(world, WEB), { method: "PUT" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect(response.headers.get("location")).toBeNull();
  });

  it.each([
    ["application/json", JSON.stringify({ ...WEB, username: "alice", password: "wonderland", decision: "allow" })],
    ["text/plain", new URLSearchParams({ ...WEB, username: "alice", password: "wonderland", decision: "allow" }).toString()],
  ])("refuses a consent POST sent as %s with a 400 page and no redirect", async (contentType, body) => {
    const world = await createWorld();
    const response = await world.fetch(`${world.issuer}/authorize`, { method: "POST", headers: { "Content-Type": contentType }, body });
    await expectErrorPage(response, "invalid_request");
  });

  it("treats client_id sent without a value as missing (RFC 6749 §3.1): 400 page", async () => {
    const world = await createWorld();
    const response = await getRaw(world, `response_type=code&client_id=&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}&state=xyz`);
    await expectErrorPage(response, "invalid_request");
  });

  it("treats state sent without a value as omitted: the response carries no state", async () => {
    const world = await createWorld();
    const response = await consent(world, { ...WEB, state: "" });
    expect(response.status).toBe(303);
    const params = redirectParams(response);
    expect(params.get("code")).not.toBeNull();
    expect(params.has("state")).toBe(false);
  });

  it("treats scope sent without a value as omitted: the client's registered scope is granted", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "" });
    const tokens = (await (await exchangeCode(world, "web-app", code)).json()) as Record<string, unknown>;
    expect(tokens.scope).toBe("profile order inventory:read");
  });

  it("ignores unrecognized request parameters (RFC 6749 §3.1)", async () => {
    const world = await createWorld();
    const page = await get(world, { ...WEB, prompt: "consent", foo: "bar" });
    expect(page.status).toBe(200);
    const response = await consent(world, { ...WEB, foo: "bar" });
    expect(response.status).toBe(303);
    expect(redirectParams(response).get("code")).not.toBeNull();
  });

  it("rejects a duplicated response_type with invalid_request, echoing state and iss", async () => {
    const world = await createWorld();
    const response = await getRaw(world, `response_type=code&response_type=code&client_id=web-app&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}&state=xyz`);
    expectErrorRedirect(response, WEB_CALLBACK, "invalid_request", "xyz");
  });

  it("rejects a duplicated state with invalid_request and echoes no state (it cannot tell which is the client's)", async () => {
    const world = await createWorld();
    const response = await getRaw(world, `response_type=code&client_id=web-app&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}&state=one&state=two`);
    expectErrorRedirect(response, WEB_CALLBACK, "invalid_request", null);
  });

  it("rejects a duplicated scope in the consent POST with invalid_request", async () => {
    const world = await createWorld();
    const response = await postFields(world, [
      ...Object.entries(WEB),
      ["scope", "profile"],
      ["scope", "order"],
      ["username", "alice"],
      ["password", "wonderland"],
      ["decision", "allow"],
    ]);
    expectErrorRedirect(response, WEB_CALLBACK, "invalid_request", "xyz");
  });

  it("answers a duplicated client_id with a 400 page and no redirect", async () => {
    const world = await createWorld();
    const response = await getRaw(world, `response_type=code&client_id=web-app&client_id=spa&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}&state=xyz`);
    await expectErrorPage(response, "invalid_request");
  });

  it("answers a duplicated redirect_uri with a 400 page and no redirect", async () => {
    const world = await createWorld();
    const cb = encodeURIComponent(WEB_CALLBACK);
    const response = await getRaw(world, `response_type=code&client_id=web-app&redirect_uri=${cb}&redirect_uri=${cb}&state=xyz`);
    await expectErrorPage(response, "invalid_request");
  });
});

describe("RFC 6749 §4.1.2.1 untrusted client or redirect URI: error page, never a redirect", () => {
  it("shows a 400 page with invalid_request when client_id is missing", async () => {
    const world = await createWorld();
    const rest = without(WEB, "client_id");
    await expectErrorPage(await get(world, rest), "invalid_request");
  });

  it("shows a 400 page with invalid_client when client_id is unknown", async () => {
    const world = await createWorld();
    await expectErrorPage(await get(world, { ...WEB, client_id: "no-such-client" }), "invalid_client");
  });

  it("shows a 400 page, not a redirect, for an unknown client on the consent POST too", async () => {
    const world = await createWorld();
    await expectErrorPage(await consent(world, { ...WEB, client_id: "no-such-client" }), "invalid_client");
  });

  it("shows a 400 page for a client that registered no redirect URI (inventory-service)", async () => {
    const world = await createWorld();
    await expectErrorPage(await get(world, { ...WEB, client_id: "inventory-service" }));
  });

  it("shows a 400 page with invalid_redirect_uri for a redirect_uri that is not registered", async () => {
    const world = await createWorld();
    await expectErrorPage(await get(world, { ...WEB, redirect_uri: "https://attacker.example/callback" }), "invalid_redirect_uri");
  });

  it.each([
    ["an explicit default port", "https://webapp.example:443/callback"],
    ["an upper-case host", "https://WEBAPP.EXAMPLE/callback"],
    ["a trailing slash", "https://webapp.example/callback/"],
    ["an extra query", "https://webapp.example/callback?extra=1"],
    ["a fragment", "https://webapp.example/callback#fragment"],
    ["an empty fragment", "https://webapp.example/callback#"],
    ["http instead of https", "http://webapp.example/callback"],
    ["a different path case", "https://webapp.example/Callback"],
    ["a relative reference", "/callback"],
    ["a sub-domain", "https://evil.webapp.example/callback"],
  ])("matches redirect_uri by exact string: %s is refused with a page and no redirect (RFC 9700 §4.1.3)", async (_label, redirectUri) => {
    const world = await createWorld();
    const page = await get(world, { ...WEB, redirect_uri: redirectUri });
    await expectErrorPage(page, "invalid_redirect_uri");
    const post = await consent(world, { ...WEB, redirect_uri: redirectUri });
    await expectErrorPage(post, "invalid_redirect_uri");
  });

  it("checks the client and redirect URI before anything else: an untrusted redirect wins over a bad response_type and scope", async () => {
    const world = await createWorld();
    const response = await get(world, { ...WEB, response_type: "foo", scope: "no-such-scope", redirect_uri: "https://attacker.example/cb" });
    await expectErrorPage(response, "invalid_redirect_uri");
  });

  it("requires redirect_uri when the client registered several (spa): 400 page with invalid_request", async () => {
    const world = await createWorld();
    const rest = without(SPA, "redirect_uri");
    await expectErrorPage(await get(world, rest), "invalid_request");
  });

  it("uses the single registered redirect URI when redirect_uri is omitted (web-app)", async () => {
    const world = await createWorld();
    const rest = without(WEB, "redirect_uri");
    expect((await get(world, rest)).status).toBe(200);
    const response = await consent(world, rest);
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location.startsWith(`${WEB_CALLBACK}?code=`)).toBe(true);
  });

  it("registers only https or loopback http redirect URIs for the demo clients (RFC 9700 §2.6)", async () => {
    const world = await createWorld();
    const uris = world.clients.flatMap((c) => c.redirect_uris);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(uri).toMatch(/^(https:\/\/|http:\/\/(127\.0\.0\.1|\[::1\])[:/])/);
  });
});

describe("RFC 8252 §7.3 / OAuth 2.1 §8.4.2 loopback redirect URIs accept any port", () => {
  const spaLoopback = (redirectUri: string) => ({ ...SPA, redirect_uri: redirectUri });

  it("accepts http://127.0.0.1:51234/callback for the registered http://127.0.0.1/callback and redirects there", async () => {
    const world = await createWorld();
    expect((await get(world, spaLoopback("http://127.0.0.1:51234/callback"))).status).toBe(200);
    const response = await consent(world, spaLoopback("http://127.0.0.1:51234/callback"));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")!.startsWith("http://127.0.0.1:51234/callback?code=")).toBe(true);
  });

  it("accepts the registered loopback URI without a port", async () => {
    const world = await createWorld();
    expect((await get(world, spaLoopback("http://127.0.0.1/callback"))).status).toBe(200);
  });

  it("sends errors for a loopback request to the port the client used", async () => {
    const world = await createWorld();
    const response = await get(world, { ...spaLoopback("http://127.0.0.1:8765/callback"), scope: "no-such-scope" });
    expectErrorRedirect(response, "http://127.0.0.1:8765/callback", "invalid_scope");
  });

  it.each([
    ["another path", "http://127.0.0.1:51234/other"],
    ["an extra query", "http://127.0.0.1:51234/callback?x=1"],
    ["a fragment", "http://127.0.0.1:51234/callback#x"],
    ["localhost instead of the registered IP literal", "http://localhost:51234/callback"],
    ["the IPv6 loopback instead of the registered IPv4 one", "http://[::1]:51234/callback"],
    ["https on the loopback address", "https://127.0.0.1:51234/callback"],
  ])("still matches every loopback component but the port: %s is refused", async (_label, redirectUri) => {
    const world = await createWorld();
    await expectErrorPage(await get(world, spaLoopback(redirectUri)), "invalid_redirect_uri");
  });

  it("allows no port change for a non-loopback redirect URI", async () => {
    const world = await createWorld();
    await expectErrorPage(await get(world, { ...WEB, redirect_uri: "https://webapp.example:8443/callback" }), "invalid_redirect_uri");
  });
});

describe("RFC 6749 §4.1.2.1 error response by redirect (with RFC 9207 iss)", () => {
  it("redirects at once with invalid_request when response_type is missing — the GET shows no consent page", async () => {
    const world = await createWorld();
    const rest = without(WEB, "response_type");
    expectErrorRedirect(await get(world, rest), WEB_CALLBACK, "invalid_request");
  });

  it("redirects with unsupported_response_type for an unknown response_type", async () => {
    const world = await createWorld();
    expectErrorRedirect(await get(world, { ...WEB, response_type: "foo" }), WEB_CALLBACK, "unsupported_response_type");
  });

  it("redirects with unauthorized_client when a code-only client asks for response_type=token", async () => {
    const world = await createWorld();
    expectErrorRedirect(await get(world, { ...WEB, response_type: "token" }), WEB_CALLBACK, "unauthorized_client");
  });

  it("redirects with unauthorized_client when the implicit client asks for response_type=code", async () => {
    const world = await createWorld();
    expectErrorRedirect(await get(world, { ...LEGACY, response_type: "code" }), LEGACY_CALLBACK, "unauthorized_client");
  });

  it.each([
    ["malformed (double space)", "profile  order"],
    ["malformed (a quote character)", 'profile "order"'],
    ["unknown to the server", "admin"],
    ["known but outside the client's registered scope", "inventory:write"],
    ["partly outside the client's registered scope", "profile inventory"],
  ])("redirects with invalid_scope for a scope that is %s", async (_label, scope) => {
    const world = await createWorld();
    expectErrorRedirect(await get(world, { ...WEB, scope }), WEB_CALLBACK, "invalid_scope");
    expectErrorRedirect(await consent(world, { ...WEB, scope }), WEB_CALLBACK, "invalid_scope");
  });

  it("accepts a narrower scope that the registered scope covers (order:items under order)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "order:items" });
    const tokens = (await (await exchangeCode(world, "web-app", code)).json()) as Record<string, unknown>;
    expect(tokens.scope).toBe("order:items");
  });

  it("redirects with access_denied, state and iss when the person denies", async () => {
    const world = await createWorld();
    const response = await consent(world, WEB, { decision: "deny" });
    expectErrorRedirect(response, WEB_CALLBACK, "access_denied");
  });

  it("keeps an error redirect in the query component for the code flow", async () => {
    const world = await createWorld();
    const response = await consent(world, { ...WEB, scope: "admin" });
    const location = response.headers.get("location")!;
    expect(location.startsWith(`${WEB_CALLBACK}?error=invalid_scope`)).toBe(true);
    expect(location).not.toContain("#");
  });

  it("lets oauth4webapi read an error redirect as the authorization error (iss and state first, RFC 9207)", async () => {
    const world = await createWorld();
    const as = await discover(world);
    const response = await consent(world, WEB, { decision: "deny" });
    const url = new URL(response.headers.get("location")!);
    let caught: unknown;
    try {
      oauth.validateAuthResponse(as, { client_id: "web-app" }, url, "xyz");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(oauth.AuthorizationResponseError);
    expect((caught as oauth.AuthorizationResponseError).error).toBe("access_denied");
  });
});

describe("RFC 6749 §4.1.2 authorization response", () => {
  it("answers 303 to the redirect URI with code, state and the URL-encoded issuer as iss", async () => {
    const world = await createWorld();
    const response = await consent(world, WEB);
    expect(response.status).toBe(303);
    const location = response.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^https://webapp\\.example/callback\\?code=[A-Za-z0-9_-]{20,}&state=xyz&iss=${ISSUER_ENCODED}$`));
  });

  it("echoes a state with reserved and non-ASCII characters exactly (RFC 6749 §4.1.2)", async () => {
    const world = await createWorld();
    const state = "a b&c=d/é?#+%";
    const response = await consent(world, { ...WEB, state });
    expect(redirectParams(response).get("state")).toBe(state);
  });

  it("includes no state in the response when the request had none", async () => {
    const world = await createWorld();
    const rest = without(WEB, "state");
    const response = await consent(world, rest);
    const params = redirectParams(response);
    expect(params.get("code")).not.toBeNull();
    expect(params.has("state")).toBe(false);
    expect(params.get("iss")).toBe(world.issuer);
  });

  it("passes oauth4webapi's validateAuthResponse (iss and state checked)", async () => {
    const world = await createWorld();
    const as = await discover(world);
    const response = await consent(world, WEB);
    const params = oauth.validateAuthResponse(as, { client_id: "web-app" }, new URL(response.headers.get("location")!), "xyz");
    expect(params.get("code")).toBe(redirectParams(response).get("code"));
  });

  it("grants the client's registered scope when scope is omitted", async () => {
    const world = await createWorld();
    const page = await (await get(world, WEB)).text();
    for (const scope of ["profile", "order", "inventory:read"]) expect(page).toContain(`name="granted_scope" value="${scope}"`);
    const { code } = await obtainCode(world, "web-app");
    const tokens = (await (await exchangeCode(world, "web-app", code)).json()) as Record<string, unknown>;
    expect(tokens.scope).toBe("profile order inventory:read");
  });

  it("issues a code that expires after 60 seconds (RFC 6749 §4.1.2: short-lived)", async () => {
    const fresh = await createWorld();
    const { code: early } = await obtainCode(fresh, "web-app");
    fresh.clock.advance(59);
    expect((await exchangeCode(fresh, "web-app", early)).status).toBe(200);

    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    world.clock.advance(60);
    const response = await exchangeCode(world, "web-app", code);
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_grant");
  });

  it("binds the code to the client it was issued to (another client gets invalid_grant)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "spa", { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    const response = await exchangeCode(world, "web-app", code, { redirect_uri: SPA_CALLBACK, code_verifier: VERIFIER });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_grant");
  });

  it("binds the code to the redirect URI of the request (a different one gets invalid_grant)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "spa", { redirect_uri: "http://127.0.0.1:4000/callback", code_challenge: CHALLENGE, code_challenge_method: "S256" });
    const response = await exchangeCode(world, "spa", code, { redirect_uri: "http://127.0.0.1:5000/callback", code_verifier: VERIFIER });
    expect(response.status).toBe(400);
    expect(((await response.json()) as Record<string, unknown>).error).toBe("invalid_grant");
  });

  it("does not reveal the code_challenge in the code or the authorization response (RFC 6749 §4.1.2, OAuth 2.1)", async () => {
    const world = await createWorld();
    const response = await consent(world, SPA);
    const location = response.headers.get("location")!;
    expect(location).not.toContain(CHALLENGE);
    expect(location).not.toContain("code_challenge");
  });
});

describe("DESIGN.md login and consent decisions (RFC 6749 §3.1, §3.3)", () => {
  it("re-shows the page with 400 and no redirect on a wrong password", async () => {
    const world = await createWorld();
    const response = await consent(world, WEB, { password: "not-the-password" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    const html = await response.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('name="decision" value="allow"');
  });

  it("re-shows the page with 400 for an unknown user", async () => {
    const world = await createWorld();
    const response = await consent(world, WEB, { username: "nobody", password: "x" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("re-shows the page with 400 and no redirect when decision is missing", async () => {
    const world = await createWorld();
    const response = await postFields(world, [...Object.entries(WEB), ["username", "alice"], ["password", "wonderland"]]);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain('name="decision"');
  });

  it("re-shows the page with 400 and no redirect for an unknown decision", async () => {
    const world = await createWorld();
    const response = await consent(world, WEB, { decision: "maybe" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("reflects a narrowed granted_scope in the token response's scope", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app", { scope: "profile order" }, { granted_scope: "profile" });
    const response = await exchangeCode(world, "web-app", code);
    expect(response.status).toBe(200);
    expect(((await response.json()) as Record<string, unknown>).scope).toBe("profile");
  });

  it("reads granted_scope as the browser posts the checkboxes (hidden empty field plus ticked boxes)", async () => {
    const world = await createWorld();
    const response = await postFields(world, [
      ...Object.entries({ ...WEB, scope: "profile order inventory:read" }),
      ["username", "alice"],
      ["password", "wonderland"],
      ["granted_scope", ""],
      ["granted_scope", "profile"],
      ["granted_scope", "inventory:read"],
      ["decision", "allow"],
    ]);
    expect(response.status).toBe(303);
    const code = redirectParams(response).get("code")!;
    const tokens = (await (await exchangeCode(world, "web-app", code)).json()) as Record<string, unknown>;
    expect(tokens.scope).toBe("profile inventory:read");
  });

  it("answers a 400 page and no redirect when every box is unticked (only the hidden empty granted_scope)", async () => {
    const world = await createWorld();
    const response = await postFields(world, [
      ...Object.entries({ ...WEB, scope: "profile order" }),
      ["username", "alice"],
      ["password", "wonderland"],
      ["granted_scope", ""],
      ["decision", "allow"],
    ]);
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("answers a 400 page when granted_scope is wider than the requested scope", async () => {
    const world = await createWorld();
    const response = await consent(world, { ...WEB, scope: "profile" }, { granted_scope: "profile order" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });

  it("answers a 400 page when granted_scope names a scope the server does not know (not a subset; RFC 9068 §2.2.3)", async () => {
    const world = await createWorld();
    const response = await consent(world, { ...WEB, scope: "order" }, { granted_scope: "order:bogus" });
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
  });
});

describe("RFC 6749 §4.2 implicit grant (legacy-spa, deprecated) and OAuth 2.1 §10.1", () => {
  it("returns the access token in the fragment with token_type, expires_in, state and iss, and no refresh token", async () => {
    const world = await createWorld();
    const response = await consent(world, LEGACY);
    expect(response.status).toBe(303);
    const url = new URL(response.headers.get("location")!);
    expect(`${url.origin}${url.pathname}`).toBe(LEGACY_CALLBACK);
    expect(url.search).toBe("");
    const fragment = new URLSearchParams(url.hash.slice(1));
    expect(fragment.get("access_token")).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(fragment.get("token_type")).toBe("Bearer");
    expect(fragment.get("expires_in")).toBe("900");
    expect(fragment.get("state")).toBe("xyz");
    expect(fragment.get("iss")).toBe(world.issuer);
    expect(fragment.has("refresh_token")).toBe(false);
    expect(fragment.has("code")).toBe(false);
  });

  it("issues an implicit access token the resource server accepts", async () => {
    const world = await createWorld();
    const token = redirectParams(await consent(world, LEGACY)).get("access_token")!;
    const api = await callApi(world, token, "/me");
    expect(api.status).toBe(200);
    expect(((await api.json()) as Record<string, unknown>).sub).toBe("user-alice-7f3a");
  });

  it("sends implicit errors in the fragment (RFC 6749 §4.2.2.1)", async () => {
    const world = await createWorld();
    const response = await get(world, { ...LEGACY, scope: "inventory:write" });
    expect(response.status).toBe(303);
    const url = new URL(response.headers.get("location")!);
    expect(url.search).toBe("");
    const fragment = new URLSearchParams(url.hash.slice(1));
    expect(fragment.get("error")).toBe("invalid_scope");
    expect(fragment.get("state")).toBe("xyz");
    expect(fragment.get("iss")).toBe(world.issuer);
  });

  it("sends access_denied for the implicit client in the fragment", async () => {
    const world = await createWorld();
    const url = new URL((await consent(world, LEGACY, { decision: "deny" })).headers.get("location")!);
    const fragment = new URLSearchParams(url.hash.slice(1));
    expect(fragment.get("error")).toBe("access_denied");
    expect(fragment.get("state")).toBe("xyz");
    expect(fragment.has("access_token")).toBe(false);
  });

  it("refuses response_type=token with unsupported_response_type in OAuth 2.1 mode", async () => {
    const world = await createWorld({ oauth21: true });
    expectErrorRedirect(await get(world, LEGACY), LEGACY_CALLBACK, "unsupported_response_type");
    const post = await consent(world, LEGACY);
    expectErrorRedirect(post, LEGACY_CALLBACK, "unsupported_response_type");
  });

  it("still serves the authorization code flow in OAuth 2.1 mode", async () => {
    const world = await createWorld({ oauth21: true });
    const response = await consent(world, SPA);
    expect(response.status).toBe(303);
    expect(redirectParams(response).get("code")).not.toBeNull();
  });
});

describe("RFC 9700 §2.6 / OAuth 2.1 §3.1 no CORS at the authorization endpoint; no caching of its pages", () => {
  it("sends no Access-Control-Allow-Origin on the page, the redirects, the error page or a preflight", async () => {
    const world = await createWorld();
    const responses = [
      await get(world, WEB),
      await consent(world, WEB),
      await consent(world, WEB, { decision: "deny" }),
      await get(world, { ...WEB, client_id: "no-such-client" }),
      await consent(world, WEB, { password: "wrong" }),
      await world.fetch(`${world.issuer}/authorize`, {
        method: "OPTIONS",
        headers: { Origin: "https://spa.example", "Access-Control-Request-Method": "POST" },
      }),
    ];
    for (const response of responses) expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("sends Cache-Control: no-store on the consent page, the re-shown page, the error page and the redirects", async () => {
    const world = await createWorld();
    const responses = [
      await get(world, WEB),
      await consent(world, WEB, { password: "wrong" }),
      await get(world, { ...WEB, redirect_uri: "https://attacker.example/" }),
      await consent(world, WEB),
      await get(world, { ...WEB, scope: "admin" }),
    ];
    for (const response of responses) expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("DESIGN invariant 6: input never injects HTML into the authorization pages", () => {
  const XSS = `"><script>alert(1)</script>`;

  it("escapes an injected <script> in state and other request fields on the consent page", async () => {
    const world = await createWorld();
    const response = await get(world, { ...WEB, state: XSS, nonce: XSS });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).not.toContain("<script");
    expect(html).toContain("&#60;script&#62;");
    expect(hiddenInputs(html)).toContainEqual(["state", XSS]);
  });

  it("escapes an injected <script> in the username when the page is re-shown", async () => {
    const world = await createWorld();
    const response = await consent(world, { ...WEB, state: XSS }, { username: XSS, password: "wrong" });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain("<script");
  });

  it.each([
    ["client_id", { ...WEB, client_id: XSS }],
    ["redirect_uri", { ...WEB, redirect_uri: `https://webapp.example/${XSS}` }],
    ["redirect_uri with javascript:", { ...WEB, redirect_uri: `javascript:${XSS}` }],
  ])("escapes an injected <script> in %s on the error page", async (_label, params) => {
    const world = await createWorld();
    const html = await expectErrorPage(await get(world, params));
    expect(html).not.toContain("<script");
  });

  it("never puts an injected scope on a page: an invalid scope is an invalid_scope redirect", async () => {
    const world = await createWorld();
    const response = await get(world, { ...WEB, scope: `profile ${XSS}` });
    expectErrorRedirect(response, WEB_CALLBACK, "invalid_scope");
    expect(response.headers.get("location")).not.toContain("<script");
  });
});

async function discover(world: World): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(world.issuer);
  const response = await oauth.discoveryRequest(issuer, {
    algorithm: "oauth2",
    [oauth.customFetch]: (url: string, init: RequestInit) => world.fetch(url, init),
  });
  return oauth.processDiscoveryResponse(issuer, response);
}
