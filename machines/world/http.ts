/**
 * The HTTP layer shared by the mock servers: reading parameters the way RFC 6749 §3.1/§3.2 asks,
 * and writing responses with the headers the RFCs require. Everything here works on Fetch API
 * Request and Response objects, so the same code runs in the browser and in Node.
 */
import type { OAuthError } from "./errors";
import { errorText, oauthError } from "./errors";

/** Request parameters as sent: every value of every name, in order. */
export type Params = ReadonlyMap<string, readonly string[]>;

/** Bodies above this are refused before parsing, so a huge request costs nothing. */
export const MAX_BODY_BYTES = 64 * 1024;

export function parseParams(encoded: string): Params {
  const params = new Map<string, string[]>();
  for (const [name, value] of new URLSearchParams(encoded)) {
    const values = params.get(name);
    if (values) values.push(value);
    else params.set(name, [value]);
  }
  return params;
}

/**
 * RFC 6749 §3.1, §3.2: "Parameters sent without a value MUST be treated as if they were omitted",
 * so an empty value reads as undefined.
 */
export function param(params: Params, name: string): string | undefined {
  const value = params.get(name)?.[0];
  return value === "" ? undefined : value;
}

/** RFC 6749 §3.1, §3.2: "Request and response parameters MUST NOT be included more than once." */
export function findDuplicates(params: Params, names: readonly string[]): string[] {
  return names.filter((name) => (params.get(name)?.length ?? 0) > 1);
}

export function rejectDuplicates(params: Params, names: readonly string[]): OAuthError | undefined {
  const duplicates = findDuplicates(params, names);
  if (duplicates.length === 0) return undefined;
  return oauthError("invalid_request", `parameters must not be provided more than once: ${duplicates.join(", ")}`);
}

function isFormEncoded(request: Request): boolean {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  return mediaType === "application/x-www-form-urlencoded";
}

async function readBoundedText(request: Request): Promise<string | undefined> {
  if (Number(request.headers.get("content-length") ?? "0") > MAX_BODY_BYTES) return undefined;
  const bytes = await request.arrayBuffer().catch(() => undefined);
  // RFC 6749 Appendix B: the body is UTF-8; invalid sequences decode to U+FFFD rather than throw.
  return bytes !== undefined && bytes.byteLength <= MAX_BODY_BYTES ? new TextDecoder().decode(bytes) : undefined;
}

/**
 * RFC 6749 §4.1.3, Appendix B: token, revocation and introspection requests are POSTs with an
 * application/x-www-form-urlencoded UTF-8 body.
 */
export async function readFormBody(request: Request): Promise<Params | OAuthError> {
  if (request.method !== "POST") {
    return oauthError("invalid_request", `this endpoint accepts only POST, not ${request.method}`, 405);
  }
  if (!isFormEncoded(request)) {
    return oauthError("invalid_request", "the request body must be application/x-www-form-urlencoded");
  }
  const text = await readBoundedText(request);
  if (text === undefined) return oauthError("invalid_request", `the request body is unreadable or larger than ${MAX_BODY_BYTES} bytes`, 413);
  return parseParams(text);
}

/** A form the person's browser posts (consent, device verification); undefined when it is not one. */
export async function readBrowserForm(request: Request): Promise<Params | undefined> {
  if (!isFormEncoded(request)) return undefined;
  const text = await readBoundedText(request);
  return text === undefined ? undefined : parseParams(text);
}

// ---------------------------------------------------------------------------------------------
// Responses

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * RFC 6749 §5.1 and §5.2: token responses and their errors carry Cache-Control: no-store and
 * Pragma: no-cache. We send both on every response that holds a token, a credential or an error
 * about one (OAUTH-RULES A7).
 */
export const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache" } as const;

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": JSON_TYPE, ...NO_STORE, ...headers },
  });
}

/** RFC 6749 §5.2: an error is a JSON object with `error` and `error_description` at the top level. */
export function errorResponse(error: OAuthError): Response {
  const allow: Record<string, string> = error.status === 405 ? { Allow: "POST" } : {};
  return jsonResponse({ error: error.error, error_description: error.error_description }, error.status, {
    ...allow,
    ...error.headers,
  });
}

/**
 * RFC 9700 §4.12: after a POST that may carry credentials, redirect with 303 so the browser turns
 * it into a GET and never re-posts the password; we use 303 for every authorization response
 * (as node-oidc-provider does), never 307.
 */
export function redirectResponse(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...NO_STORE } });
}

export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      ...NO_STORE,
      // The page is shown inside the simulator's mock browser; it runs no script of its own.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** Escape text for an HTML text node or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

// ---------------------------------------------------------------------------------------------
// WWW-Authenticate (RFC 7235 §4.1, RFC 6750 §3)

/**
 * One challenge: `Scheme name="value", …`. RFC 6750 §3 and RFC 6749 §5.2 restrict the values to
 * characters that need no escaping inside a quoted string.
 */
export function challenge(scheme: "Basic" | "Bearer", attributes: Record<string, string | undefined>): string {
  const parts = Object.entries(attributes)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}="${errorText(value)}"`);
  return `${scheme} ${parts.join(", ")}`;
}
