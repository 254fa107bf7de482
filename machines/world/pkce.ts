/**
 * Proof Key for Code Exchange (RFC 7636), computed with WebCrypto.
 */
import { base64url } from "./random";

export type CodeChallengeMethod = "S256" | "plain";

/** RFC 7636 §4.1, §4.2: code-verifier = code-challenge = 43*128unreserved. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

export function isWellFormedPkceValue(value: string): boolean {
  return PKCE_VALUE.test(value);
}

/** RFC 7636 §4.2: S256 → BASE64URL-ENCODE(SHA256(ASCII(code_verifier))); plain → the verifier itself. */
export async function computeCodeChallenge(verifier: string, method: CodeChallengeMethod): Promise<string> {
  if (method === "plain") return verifier;
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

/** RFC 7636 §4.6: the server recomputes the challenge from the verifier with the method bound to the code. */
export async function verifyCodeVerifier(
  verifier: string,
  challenge: string,
  method: CodeChallengeMethod,
): Promise<boolean> {
  return timingSafeEqual(await computeCodeChallenge(verifier, method), challenge);
}

/** Compare without an early exit, so timing does not reveal how much of a secret matched. */
export function timingSafeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  }
  return difference === 0;
}
