/**
 * Reading an access token the way a resource server does (RFC 9068 §4): decode the JWT, verify its
 * signature against the authorization server's JWKS (RFC 7517 §5) — the demo key published on
 * purpose, held in the page — and validate typ, iss, aud and exp at the step's simulated time.
 * A token that is not a JWT is opaque: only the authorization server can say what it means
 * (introspection, RFC 7662).
 */
import type { JWTPayload, ProtectedHeaderParameters } from "jose";
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify } from "jose";
import { ISSUER, RESOURCE_SERVER } from "./world/origins";
import { DEMO_PUBLIC_JWK as PUBLIC_JWK } from "./world/demo-signing-key";

/** RFC 9068 §2.1: the media type an access token's `typ` header names. */
export const ACCESS_TOKEN_TYP = "at+jwt";
export const EXPECTED_ISSUER = ISSUER;
export const EXPECTED_AUDIENCE = RESOURCE_SERVER;

/** The authorization server's JWKS as its jwks_uri publishes it. */
export const DEMO_JWKS = { keys: [{ ...PUBLIC_JWK }] };

export type DecodedToken =
  | {
      readonly format: "jwt";
      readonly header: ProtectedHeaderParameters;
      readonly claims: JWTPayload;
      /** The three base64url segments: header, payload, signature. */
      readonly segments: readonly [string, string, string];
    }
  | { readonly format: "opaque" }
  /** Three dot-separated parts that do not decode as a JWT. */
  | { readonly format: "malformed"; readonly reason: string };

/** RFC 7519 §7.2 steps 1–8 without the signature: split, base64url-decode, parse the JSON. */
export function decodeAccessToken(token: string): DecodedToken {
  const segments = token.split(".");
  if (segments.length !== 3) return { format: "opaque" };
  try {
    return {
      format: "jwt",
      header: decodeProtectedHeader(token),
      claims: decodeJwt(token),
      segments: segments as unknown as readonly [string, string, string],
    };
  } catch (error) {
    return { format: "malformed", reason: error instanceof Error ? error.message : String(error) };
  }
}

export interface TokenTimes {
  readonly iat?: number;
  readonly exp?: number;
  /** exp − now in seconds: positive while valid, zero or negative once expired. */
  readonly remaining?: number;
  readonly expired: boolean;
}

/** RFC 7519 §4.1.4: the token is expired at or after `exp` (the same rule the resource server applies). */
export function tokenTimes(claims: JWTPayload, now: number): TokenTimes {
  const iat = typeof claims.iat === "number" ? claims.iat : undefined;
  const exp = typeof claims.exp === "number" ? claims.exp : undefined;
  if (exp === undefined) return { iat, expired: false };
  return { iat, exp, remaining: exp - now, expired: exp <= now };
}

/** "expires in 900 s (15 min)", "expires now", "expired 1 s ago". */
export function describeExpiry(times: TokenTimes): string {
  if (times.remaining === undefined) return "no expiry (no exp claim)";
  const seconds = Math.abs(times.remaining);
  const span = `${seconds} s${seconds >= 120 ? ` (${formatSpan(seconds)})` : ""}`;
  if (times.remaining > 0) return `expires in ${span}`;
  if (times.remaining === 0) return "expired at this very second";
  return `expired ${span} ago`;
}

function formatSpan(seconds: number): string {
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/** Epoch seconds as an unambiguous UTC date: "2026-01-01 09:15:00 UTC". */
export function formatEpoch(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

export interface Failure {
  readonly ok: false;
  /** jose's error code, e.g. ERR_JWS_SIGNATURE_VERIFICATION_FAILED, ERR_JWT_EXPIRED. */
  readonly code: string;
  readonly message: string;
  /** For a claim failure: the claim and why, e.g. exp / check_failed. */
  readonly claim?: string;
  readonly reason?: string;
}

export interface Verification {
  /** RFC 7515 §5.2: the signature, checked with the JWKS key the header's kid selects. */
  readonly signature: { readonly ok: true; readonly kid: string; readonly alg: string } | Failure;
  /** RFC 9068 §4: typ, iss, aud, exp/nbf at the given time; only checked once the signature holds. */
  readonly claims?: { readonly ok: true } | Failure;
}

function failure(error: unknown): Failure {
  if (error instanceof errors.JOSEError) {
    const claimError = error as Partial<errors.JWTClaimValidationFailed>;
    return {
      ok: false,
      code: error.code,
      message: error.message,
      ...(typeof claimError.claim === "string" ? { claim: claimError.claim } : {}),
      ...(typeof claimError.reason === "string" ? { reason: claimError.reason } : {}),
    };
  }
  return { ok: false, code: "ERR_UNKNOWN", message: error instanceof Error ? error.message : String(error) };
}

export interface VerifyOptions {
  /** The JWKS to verify against; the demo authorization server's by default. */
  readonly jwks?: { keys: object[] };
  readonly issuer?: string;
  readonly audience?: string;
}

/**
 * Verify an access token as the resource server would at simulated time `now` (epoch seconds):
 * first the signature alone (so an expired but genuine token still shows whose key signed it),
 * then the RFC 9068 claims with jose's jwtVerify, currentDate = now and no clock tolerance.
 */
export async function verifyAccessToken(token: string, now: number, options: VerifyOptions = {}): Promise<Verification> {
  const keySet = createLocalJWKSet((options.jwks ?? DEMO_JWKS) as Parameters<typeof createLocalJWKSet>[0]);
  let signature: Verification["signature"];
  try {
    const { protectedHeader } = await compactVerify(token, keySet, { algorithms: ["RS256"] });
    signature = { ok: true, kid: protectedHeader.kid ?? "(no kid)", alg: protectedHeader.alg };
  } catch (error) {
    return { signature: failure(error) };
  }
  try {
    await jwtVerify(token, keySet, {
      algorithms: ["RS256"],
      typ: ACCESS_TOKEN_TYP,
      issuer: options.issuer ?? EXPECTED_ISSUER,
      audience: options.audience ?? EXPECTED_AUDIENCE,
      currentDate: new Date(now * 1000),
      requiredClaims: ["exp", "iat", "sub", "client_id", "jti"],
    });
    return { signature, claims: { ok: true } };
  } catch (error) {
    return { signature, claims: failure(error) };
  }
}
