import { describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import {
  decodeAccessToken,
  DEMO_JWKS,
  describeExpiry,
  formatEpoch,
  tokenTimes,
  verifyAccessToken,
} from "@/machines/jwt-inspect";
import { FLOWS } from "@/machines/flows";
import { runFlow } from "@/machines/run";
import type { Trace } from "@/machines/trace";
import { PUBLIC_JWK, SIGNING_KEY_ID } from "@/machines/world/tokens";

async function trace(flow: keyof typeof FLOWS, scenario?: string): Promise<Trace> {
  const definition = FLOWS[flow];
  const chosen = scenario ? definition.scenarios.find((s) => s.id === scenario) : definition.scenarios[0];
  if (!chosen) throw new Error(`no scenario ${scenario}`);
  return runFlow(definition, chosen, "demo");
}

/** The access token the token response of a default run carries, and when it was issued. */
async function issuedToken() {
  const t = await trace("authorization-code-pkce");
  const step = t.steps.find((s) => s.id === "token-response")!;
  return { token: step.artifacts.find((a) => a.kind === "access_token")!.value, time: step.time };
}

/** Flip one character of a base64url segment (0 = header, 1 = payload, 2 = signature). */
function tamper(token: string, segment: number, replace: (part: string) => string): string {
  const parts = token.split(".");
  parts[segment] = replace(parts[segment]!);
  return parts.join(".");
}

function b64(json: object): string {
  return Buffer.from(JSON.stringify(json)).toString("base64url");
}

describe("decodeAccessToken", () => {
  it("decodes an RFC 9068 access token's header and claims", async () => {
    const { token, time } = await issuedToken();
    const decoded = decodeAccessToken(token);
    if (decoded.format !== "jwt") throw new Error("expected a JWT");
    expect(decoded.header).toEqual({ alg: "RS256", typ: "at+jwt", kid: SIGNING_KEY_ID });
    expect(decoded.claims).toMatchObject({
      iss: "https://authorization-server.example",
      aud: "https://api.example",
      client_id: "spa",
      scope: "profile order",
      iat: time,
      exp: time + 900,
    });
    expect(decoded.segments.join(".")).toBe(token);
  });

  it("calls a token that is not three dot-separated parts opaque", () => {
    expect(decodeAccessToken("def998mS9jm16rp04MatlhZzw2AsYBKDim8PDxuO7PM")).toEqual({ format: "opaque" });
  });

  it("reports three parts that do not decode as malformed", () => {
    expect(decodeAccessToken("not.a.jwt").format).toBe("malformed");
  });
});

describe("verifyAccessToken", () => {
  it("verifies a token from a run with the published demo key, at the step's time", async () => {
    const { token, time } = await issuedToken();
    expect(await verifyAccessToken(token, time)).toEqual({
      signature: { ok: true, kid: PUBLIC_JWK.kid, alg: "RS256" },
      claims: { ok: true },
    });
  });

  it("the JWKS in the page holds the public half only", () => {
    expect(DEMO_JWKS.keys).toHaveLength(1);
    expect(Object.keys(DEMO_JWKS.keys[0]!).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"]);
  });

  it("fails the signature of a token whose claims were changed", async () => {
    const { token, time } = await issuedToken();
    const claims = decodeAccessToken(token);
    if (claims.format !== "jwt") throw new Error("expected a JWT");
    const forged = tamper(token, 1, () => b64({ ...claims.claims, scope: "profile order admin" }));
    const result = await verifyAccessToken(forged, time);
    expect(result.signature).toMatchObject({ ok: false, code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", message: "signature verification failed" });
    expect(result.claims).toBeUndefined();
  });

  it("fails the signature of a token whose signature was altered", async () => {
    const { token, time } = await issuedToken();
    const altered = tamper(token, 2, (sig) => (sig[0] === "A" ? "B" : "A") + sig.slice(1));
    expect((await verifyAccessToken(altered, time)).signature).toMatchObject({ ok: false, code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" });
  });

  it("refuses alg none instead of trusting the header", async () => {
    const { token, time } = await issuedToken();
    const unsigned = `${b64({ alg: "none", typ: "at+jwt" })}.${token.split(".")[1]}.`;
    expect((await verifyAccessToken(unsigned, time)).signature).toMatchObject({ ok: false, code: "ERR_JOSE_ALG_NOT_ALLOWED" });
  });

  it("finds no key for a token signed by someone else's key", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT({ client_id: "spa", scope: "admin" })
      .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: "attacker-key" })
      .setIssuer("https://authorization-server.example")
      .setAudience("https://api.example")
      .setSubject("user-alice-7f3a")
      .setIssuedAt(1_767_258_000)
      .setExpirationTime(1_767_258_900)
      .setJti("x")
      .sign(privateKey);
    expect((await verifyAccessToken(forged, 1_767_258_000)).signature).toMatchObject({ ok: false, code: "ERR_JWKS_NO_MATCHING_KEY" });
    // …and with the attacker's own key in the JWKS it would verify: trust lives in the JWKS, not the token.
    const attackerJwks = { keys: [{ ...(await exportJWK(publicKey)), kid: "attacker-key", alg: "RS256" }] };
    expect((await verifyAccessToken(forged, 1_767_258_000, { jwks: attackerJwks })).signature).toMatchObject({ ok: true, kid: "attacker-key" });
  });

  it("reports a genuine token as expired relative to a later simulated time", async () => {
    const { token, time } = await issuedToken();
    const result = await verifyAccessToken(token, time + 901);
    expect(result.signature).toMatchObject({ ok: true, kid: PUBLIC_JWK.kid });
    expect(result.claims).toMatchObject({ ok: false, code: "ERR_JWT_EXPIRED", claim: "exp", reason: "check_failed" });
  });

  it("treats exp itself as expired, as the resource server does", async () => {
    const { token, time } = await issuedToken();
    expect((await verifyAccessToken(token, time + 899)).claims).toEqual({ ok: true });
    expect((await verifyAccessToken(token, time + 900)).claims).toMatchObject({ ok: false, code: "ERR_JWT_EXPIRED" });
  });

  it("sees the refresh-token flow's first token expired at the step that retries the API", async () => {
    const t = await trace("refresh-token");
    const late = t.steps.filter((s) => s.id === "api-request")[1]!;
    const token = late.artifacts.find((a) => a.kind === "access_token")!.value;
    const result = await verifyAccessToken(token, late.time);
    expect(result.claims).toMatchObject({ ok: false, code: "ERR_JWT_EXPIRED" });
    const decoded = decodeAccessToken(token);
    if (decoded.format !== "jwt") throw new Error("expected a JWT");
    expect(describeExpiry(tokenTimes(decoded.claims, late.time))).toBe("expired 1 s ago");
  });

  it("names the claim when the issuer or audience is not the expected one", async () => {
    const { token, time } = await issuedToken();
    expect((await verifyAccessToken(token, time, { issuer: "https://other.example" })).claims).toMatchObject({ ok: false, code: "ERR_JWT_CLAIM_VALIDATION_FAILED", claim: "iss" });
    expect((await verifyAccessToken(token, time, { audience: "https://other-api.example" })).claims).toMatchObject({ ok: false, code: "ERR_JWT_CLAIM_VALIDATION_FAILED", claim: "aud" });
  });
});

describe("expiry in simulated time", () => {
  it("counts down from exp", () => {
    const claims = { iat: 1_767_258_000, exp: 1_767_258_900 };
    expect(tokenTimes(claims, 1_767_258_000)).toEqual({ iat: 1_767_258_000, exp: 1_767_258_900, remaining: 900, expired: false });
    expect(describeExpiry(tokenTimes(claims, 1_767_258_000))).toBe("expires in 900 s (15 min)");
    expect(describeExpiry(tokenTimes(claims, 1_767_258_890))).toBe("expires in 10 s");
    expect(describeExpiry(tokenTimes(claims, 1_767_258_900))).toBe("expired at this very second");
    expect(describeExpiry(tokenTimes(claims, 1_767_262_500))).toBe("expired 3600 s (60 min) ago");
    expect(describeExpiry(tokenTimes({}, 0))).toBe("no expiry (no exp claim)");
  });

  it("formats epoch seconds as UTC, independent of the viewer's time zone", () => {
    expect(formatEpoch(1_767_258_000)).toBe("2026-01-01 09:00:00 UTC");
  });
});
