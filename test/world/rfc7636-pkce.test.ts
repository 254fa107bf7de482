/**
 * Proof Key for Code Exchange (RFC 7636; OAuth 2.1 §4.1.1–§4.1.3; RFC 9700 §2.1.1, §4.8;
 * OAUTH-RULES B17–B21, E1–E11 and the section S choices the world documents in
 * machines/world/as/authorize.ts and as/grants/authorization-code.ts).
 */
import { describe, expect, it } from "vitest";
import * as oauth from "oauth4webapi";
import { createWorld } from "../../machines/world";
import type { World } from "../../machines/world";
import { computeCodeChallenge } from "../../machines/world/pkce";
import { CHALLENGE, VERIFIER, authorizeUrl, consent, exchangeCode, obtainCode, redirectParams } from "../support/world-client";

const SPA_CALLBACK = "https://spa.example/callback";
const WEB_CALLBACK = "https://webapp.example/callback";

const SPA: Readonly<Record<string, string>> = {
  response_type: "code",
  client_id: "spa",
  redirect_uri: SPA_CALLBACK,
  state: "xyz",
};

const WEB: Readonly<Record<string, string>> = {
  response_type: "code",
  client_id: "web-app",
  redirect_uri: WEB_CALLBACK,
  state: "xyz",
};

function get(world: World, params: Record<string, string>): Promise<Response> {
  return world.fetch(authorizeUrl(world, params));
}

/** RFC 6749 §4.1.2.1 + RFC 9207: an error redirect with error, state and iss. */
function expectErrorRedirect(response: Response, base: string, error: string): URLSearchParams {
  expect(response.status).toBe(303);
  const url = new URL(response.headers.get("location")!);
  expect(`${url.origin}${url.pathname}`).toBe(base);
  expect(url.searchParams.get("error")).toBe(error);
  expect(url.searchParams.get("state")).toBe("xyz");
  expect(url.searchParams.get("iss")).toBe("https://authorization-server.example");
  expect(url.searchParams.get("code")).toBeNull();
  return url.searchParams;
}

/** RFC 6749 §5.2: 400 JSON error with no-store / no-cache. */
async function expectTokenError(response: Response, error: string): Promise<void> {
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(response.headers.get("pragma")).toBe("no-cache");
  expect(((await response.json()) as Record<string, unknown>).error).toBe(error);
}

async function expectTokens(response: Response): Promise<Record<string, unknown>> {
  expect(response.status).toBe(200);
  const body = (await response.json()) as Record<string, unknown>;
  expect(typeof body.access_token).toBe("string");
  expect(body.token_type).toBe("Bearer");
  return body;
}

/** An SPA code issued with the given PKCE parameters. */
async function spaCode(world: World, pkce: Record<string, string>): Promise<string> {
  return (await obtainCode(world, "spa", pkce)).code;
}

describe("RFC 7636 §4.2 and Appendix B: computing the code challenge", () => {
  it("computes the Appendix B S256 challenge from the Appendix B verifier", async () => {
    expect(await computeCodeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "S256")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("computes the OAuth 2.1 §4.1.1 example challenge", async () => {
    expect(await computeCodeChallenge("3641a2d12d66101249cdf7a79c000c1f8c05d2aafcf14bf146497bed", "S256")).toBe("6fdkQaPm51l13DSukcAH3Mdx7_ntecHYd1vi3n0hMZY");
  });

  it("uses the verifier itself as the plain challenge", async () => {
    expect(await computeCodeChallenge(VERIFIER, "plain")).toBe(VERIFIER);
  });

  it("agrees with oauth4webapi's calculatePKCECodeChallenge for random verifiers (base64url, no padding)", async () => {
    for (let i = 0; i < 5; i++) {
      const verifier = oauth.generateRandomCodeVerifier();
      const challenge = await computeCodeChallenge(verifier, "S256");
      expect(challenge).toBe(await oauth.calculatePKCECodeChallenge(verifier));
      expect(challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    }
  });
});

describe("RFC 7636 §4.4.1 / OAuth 2.1 §4.1.2.1: who must send a code_challenge", () => {
  it("redirects a public client without code_challenge with invalid_request, state and iss", async () => {
    const world = await createWorld();
    expectErrorRedirect(await get(world, SPA), SPA_CALLBACK, "invalid_request");
    expectErrorRedirect(await consent(world, SPA), SPA_CALLBACK, "invalid_request");
  });

  it("lets a confidential client go without PKCE under the default policy (PKCE required for public clients)", async () => {
    const world = await createWorld();
    expect((await get(world, WEB)).status).toBe(200);
    const { code } = await obtainCode(world, "web-app");
    await expectTokens(await exchangeCode(world, "web-app", code));
  });

  it("refuses a confidential client without code_challenge when the policy is pkce: all", async () => {
    const world = await createWorld({ pkce: "all" });
    expectErrorRedirect(await get(world, WEB), WEB_CALLBACK, "invalid_request");
  });

  it("accepts a confidential client with S256 when the policy is pkce: all", async () => {
    const world = await createWorld({ pkce: "all" });
    const { code } = await obtainCode(world, "web-app", { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    await expectTokens(await exchangeCode(world, "web-app", code, { code_verifier: VERIFIER }));
  });

  it("refuses code_challenge_method without a code_challenge", async () => {
    const world = await createWorld();
    expectErrorRedirect(await get(world, { ...WEB, code_challenge_method: "S256" }), WEB_CALLBACK, "invalid_request");
  });

  it("treats an empty code_challenge as missing (RFC 6749 §3.1)", async () => {
    const world = await createWorld();
    expectErrorRedirect(await get(world, { ...SPA, code_challenge: "", code_challenge_method: "S256" }), SPA_CALLBACK, "invalid_request");
  });
});

describe("RFC 7636 §4.3 / §4.4.1: code_challenge_method", () => {
  it.each(["S512", "s256", "foo"])("refuses the unknown method %s with invalid_request", async (method) => {
    const world = await createWorld();
    expectErrorRedirect(await get(world, { ...SPA, code_challenge: CHALLENGE, code_challenge_method: method }), SPA_CALLBACK, "invalid_request");
  });

  it("accepts plain by default and redeems with the verifier equal to the challenge", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: VERIFIER, code_challenge_method: "plain" });
    await expectTokens(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }));
  });

  it("refuses plain with invalid_request when allowPlainPkce is false, and still accepts S256", async () => {
    const world = await createWorld({ allowPlainPkce: false });
    expectErrorRedirect(await get(world, { ...SPA, code_challenge: VERIFIER, code_challenge_method: "plain" }), SPA_CALLBACK, "invalid_request");
    expect((await get(world, { ...SPA, code_challenge: CHALLENGE, code_challenge_method: "S256" })).status).toBe(200);
  });

  it("defaults an omitted method to plain (RFC 7636 §4.3): the verifier must equal the challenge", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: VERIFIER });
    await expectTokens(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }));
  });

  it("verifies an omitted method as plain, not S256: the S256 pair does not redeem it", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: CHALLENGE });
    await expectTokenError(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }), "invalid_grant");
  });

  it("refuses an omitted method when plain is not allowed", async () => {
    const world = await createWorld({ allowPlainPkce: false });
    expectErrorRedirect(await get(world, { ...SPA, code_challenge: CHALLENGE }), SPA_CALLBACK, "invalid_request");
  });
});

describe("RFC 7636 §4.2: code_challenge = 43*128unreserved", () => {
  it.each([
    ["too short (42 characters)", "a".repeat(42)],
    ["too long (129 characters)", "a".repeat(129)],
    ["base64 with padding", `${CHALLENGE}=`],
    ["base64 '+' and '/'", `${"a".repeat(41)}+/`],
    ["a space", `${"a".repeat(42)} b`],
    ["non-ASCII", `${"a".repeat(42)}é`],
  ])("refuses a code_challenge that is %s with invalid_request", async (_label, challenge) => {
    const world = await createWorld();
    expectErrorRedirect(await get(world, { ...SPA, code_challenge: challenge, code_challenge_method: "S256" }), SPA_CALLBACK, "invalid_request");
  });

  it.each([
    ["43 characters", "a".repeat(43)],
    ["128 characters", "a".repeat(128)],
    ["every unreserved character", `AZaz09-._~${"x".repeat(33)}`],
  ])("accepts a code_challenge of %s", async (_label, challenge) => {
    const world = await createWorld();
    expect((await get(world, { ...SPA, code_challenge: challenge, code_challenge_method: "S256" })).status).toBe(200);
  });
});

describe("RFC 7636 §4.5–§4.6: the token request's code_verifier", () => {
  it("redeems an S256 code with the matching verifier", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    const tokens = await expectTokens(await exchangeCode(world, "spa", code, { code_verifier: VERIFIER }));
    expect(typeof tokens.refresh_token).toBe("string");
  });

  it("redeems with a random oauth4webapi verifier and its S256 challenge", async () => {
    const world = await createWorld();
    const verifier = oauth.generateRandomCodeVerifier();
    const code = await spaCode(world, { code_challenge: await oauth.calculatePKCECodeChallenge(verifier), code_challenge_method: "S256" });
    await expectTokens(await exchangeCode(world, "spa", code, { code_verifier: verifier }));
  });

  it("rejects a missing code_verifier with invalid_grant", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    await expectTokenError(await exchangeCode(world, "spa", code), "invalid_grant");
  });

  it("rejects a code_verifier that does not match the challenge with invalid_grant", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    await expectTokenError(await exchangeCode(world, "spa", code, { code_verifier: "x".repeat(43) }), "invalid_grant");
  });

  it("rejects the challenge itself sent as the verifier of an S256 code (the intercepted value is useless)", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    await expectTokenError(await exchangeCode(world, "spa", code, { code_verifier: CHALLENGE }), "invalid_grant");
  });

  it.each([
    ["too short (42 characters)", VERIFIER.slice(0, 42)],
    ["too long (129 characters)", "a".repeat(129)],
    ["with a bad character", `${VERIFIER.slice(0, 42)}+`],
  ])("rejects a malformed code_verifier (%s) with invalid_request", async (_label, verifier) => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    await expectTokenError(await exchangeCode(world, "spa", code, { code_verifier: verifier }), "invalid_request");
  });

  it("accepts verifiers of 43 and 128 characters (the ABNF bounds)", async () => {
    for (const verifier of ["v".repeat(43), "V".repeat(128)]) {
      const world = await createWorld();
      const code = await spaCode(world, { code_challenge: await computeCodeChallenge(verifier, "S256"), code_challenge_method: "S256" });
      await expectTokens(await exchangeCode(world, "spa", code, { code_verifier: verifier }));
    }
  });

  it("rejects a code_verifier for a code issued without a challenge with invalid_request (PKCE downgrade, RFC 9700 §4.8.2)", async () => {
    const world = await createWorld();
    const { code } = await obtainCode(world, "web-app");
    await expectTokenError(await exchangeCode(world, "web-app", code, { code_verifier: VERIFIER }), "invalid_request");
  });

  it("rejects a duplicated code_verifier with invalid_request", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    const body = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: SPA_CALLBACK, client_id: "spa" });
    body.append("code_verifier", VERIFIER);
    body.append("code_verifier", VERIFIER);
    const response = await world.fetch(`${world.issuer}/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
    await expectTokenError(response, "invalid_request");
  });
});

describe("RFC 7636 §4.4 / OAuth 2.1 §4.1.2: the challenge is bound to the code", () => {
  it("ignores a code_challenge re-sent at the token endpoint: an attacker's own pair does not redeem the code", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    const attackerVerifier = "attacker-verifier-".padEnd(43, "z");
    const response = await exchangeCode(world, "spa", code, {
      code_verifier: attackerVerifier,
      code_challenge: await computeCodeChallenge(attackerVerifier, "S256"),
      code_challenge_method: "S256",
    });
    await expectTokenError(response, "invalid_grant");
  });

  it("verifies with the method bound to the code, not one sent at the token endpoint", async () => {
    const world = await createWorld();
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    await expectTokenError(await exchangeCode(world, "spa", code, { code_verifier: CHALLENGE, code_challenge_method: "plain" }), "invalid_grant");
  });

  it("binds each challenge to its own transaction: swapped verifiers fail", async () => {
    const world = await createWorld();
    const verifierA = "a".repeat(43);
    const verifierB = "b".repeat(43);
    const codeA = await spaCode(world, { code_challenge: await computeCodeChallenge(verifierA, "S256"), code_challenge_method: "S256" });
    const codeB = await spaCode(world, { code_challenge: await computeCodeChallenge(verifierB, "S256"), code_challenge_method: "S256" });
    await expectTokenError(await exchangeCode(world, "spa", codeA, { code_verifier: verifierB }), "invalid_grant");
    await expectTokenError(await exchangeCode(world, "spa", codeB, { code_verifier: verifierA }), "invalid_grant");
    await expectTokens(await exchangeCode(world, "spa", codeA, { code_verifier: verifierA }));
  });

  it("keeps the challenge out of the authorization response and the token response", async () => {
    const world = await createWorld();
    const response = await consent(world, { ...SPA, code_challenge: CHALLENGE, code_challenge_method: "S256" });
    expect(response.headers.get("location")).not.toContain(CHALLENGE);
    const code = redirectParams(response).get("code")!;
    const tokenText = await (await exchangeCode(world, "spa", code, { code_verifier: VERIFIER })).text();
    expect(tokenText).not.toContain(CHALLENGE);
  });
});

describe("pkce: off — the vulnerable server that ignores RFC 7636", () => {
  it("gives a public client a code without any code_challenge", async () => {
    const world = await createWorld({ pkce: "off" });
    expect((await get(world, SPA)).status).toBe(200);
    const response = await consent(world, SPA);
    expect(response.status).toBe(303);
    expect(redirectParams(response).get("code")).not.toBeNull();
  });

  it("redeems a code issued with a challenge without any verifier", async () => {
    const world = await createWorld({ pkce: "off" });
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    await expectTokens(await exchangeCode(world, "spa", code));
  });

  it("redeems a code issued with a challenge with a wrong verifier", async () => {
    const world = await createWorld({ pkce: "off" });
    const code = await spaCode(world, { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    await expectTokens(await exchangeCode(world, "spa", code, { code_verifier: "w".repeat(43) }));
  });

  it("ignores a malformed challenge and an unknown method (unrecognized parameters)", async () => {
    const world = await createWorld({ pkce: "off" });
    expect((await get(world, { ...SPA, code_challenge: "short", code_challenge_method: "foo" })).status).toBe(200);
  });
});
