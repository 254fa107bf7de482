/**
 * Scopes: syntax from RFC 6749 §3.3 and the hierarchy this world uses (DESIGN "Scope hierarchy").
 */
import type { OAuthError } from "./errors";
import { oauthError } from "./errors";

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by single spaces. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** Parse a scope string into its distinct tokens, or undefined if it breaks RFC 6749 §3.3. */
export function parseScope(scope: string): string[] | undefined {
  const tokens = scope.split(" ");
  if (!tokens.every((token) => SCOPE_TOKEN.test(token))) return undefined;
  // RFC 6749 §3.3: the order does not matter, so a repeated token adds nothing.
  return [...new Set(tokens)];
}

export function formatScope(tokens: readonly string[]): string {
  return tokens.join(" ");
}

/**
 * Does `granted` cover `needed`? A scope covers itself and every scope that extends it by
 * `:segment`s (`order` covers `order:items`), and `X:write` covers `X:<anything>:write`
 * (`inventory:write` covers `inventory:price:write`).
 */
export function scopeCovers(granted: string, needed: string): boolean {
  if (granted === needed || needed.startsWith(`${granted}:`)) return true;
  if (!granted.endsWith(":write")) return false;
  const base = granted.slice(0, -":write".length);
  return needed.startsWith(`${base}:`) && needed.endsWith(":write");
}

/** True when every needed scope is covered by one of the granted ones. */
export function scopesCover(granted: readonly string[], needed: readonly string[]): boolean {
  return needed.every((scope) => granted.some((g) => scopeCovers(g, scope)));
}

/**
 * Narrowing a scope (consent, refresh): every token must be one this server knows and covered by
 * `within`. Returns the reason when it is not.
 */
export function checkNarrowing(tokens: readonly string[], within: readonly string[], known: readonly string[]): string | undefined {
  const unknown = tokens.filter((token) => !known.includes(token));
  if (unknown.length > 0) return `unknown scope: ${unknown.join(" ")}`;
  const outside = tokens.filter((token) => !scopesCover(within, [token]));
  if (outside.length > 0) return `not within what was granted: ${outside.join(" ")}`;
  return undefined;
}

/**
 * RFC 6749 §3.3, RFC 7591 §2: the requested scope must be well-formed, known to this server and
 * within what the client registered; an omitted scope means the client's registered scope.
 */
export function resolveRequestedScope(
  requested: string | undefined,
  registered: string,
  known: readonly string[],
): string[] | OAuthError {
  const registeredTokens = parseScope(registered) ?? [];
  if (requested === undefined) return registeredTokens;
  const tokens = parseScope(requested);
  if (!tokens) return oauthError("invalid_scope", "the scope parameter is malformed (RFC 6749 section 3.3)");
  const problem = checkNarrowing(tokens, registeredTokens, known);
  return problem ? oauthError("invalid_scope", `the client may not request this scope: ${problem}`) : tokens;
}
