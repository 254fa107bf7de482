/**
 * Property-based tests over every endpoint of the mock world (DESIGN invariant 6, "Bad input never
 * breaks it", and invariant 1). Each property starts from a VALID request — real client ids, real
 * codes, tokens and user codes obtained in the world, real redirect URIs, real verifiers — and
 * mutates it: parameters dropped, duplicated, emptied or replaced (arbitrary strings, unicode,
 * lone surrogates, HTML payloads, values up to 100 KB, malformed percent-encoding like `%zz`),
 * unknown parameters added, random methods, content types, Authorization headers and bodies that
 * are not forms.
 *
 * Every mutation is labelled with its effect on the request:
 *   - "invalid": the request is certainly invalid (a credential, code, verifier, redirect URI,
 *     grant type, client id … no longer what the server issued or registered; a parameter sent
 *     twice, RFC 6749 §3.1/§3.2; a wrong method or content type; a body that is not a form);
 *   - "benign": the request is still valid (an unknown parameter added, which RFC 6749 §3.1/§3.2
 *     says MUST be ignored; the Basic scheme in another case, RFC 7235 §2.1; an optional parameter
 *     dropped; a user_code typed in lower case or without its dash, RFC 8628 §6.1 …);
 *   - "unknown": anything else (e.g. a scope replaced by another): only the general properties apply.
 * A request is invalid if any of its mutations is, valid if all are benign.
 *
 * Properties, for every request:
 *   1. the handler never throws (the promise resolves) and never answers 5xx;
 *   2. the response is well-formed: JSON endpoints answer a JSON object (Content-Type
 *      application/json) with a string `error` from the registered codes when status ≥ 400; HTML
 *      pages answer text/html and never contain an injected tag verbatim; redirects are 303 to a
 *      redirect URI registered for the client named in the request;
 *   3. NO TOKEN (code, access token, device approval, revocation) IS EVER GRANTED FOR AN INVALID
 *      REQUEST, and a valid one succeeds.
 *
 * Every property reuses one world; runs stay independent of their order because each run first
 * advances the simulated clock past the brute-force windows (60 s), obtains fresh codes, device
 * codes and user codes when it needs them, and renews pooled tokens before they expire.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { World } from "../../machines/world";
import { createWorld } from "../../machines/world";
import { basic, CHALLENGE, VERIFIER } from "../support/world-client";

const RUNS = 10_000;
const PROPERTY_TIMEOUT = 180_000;
const ISSUER = "https://authorization-server.example";
const API = "https://api.example";
const FORM_TYPE = "application/x-www-form-urlencoded";
const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** Longer than every brute-force window (client secrets and passwords: 60 s). */
const PAST_LOCKOUT = 61;

const SECRETS: Record<string, string> = {
  "web-app": "web-app-secret-demo-only",
  "inventory-service": "inventory-service-secret-demo-only",
  "first-party-app": "first-party-app-secret-demo-only",
  "resource-server": "resource-server-secret-demo-only",
};
const CLIENT_IDS = ["web-app", "spa", "inventory-service", "first-party-app", "legacy-spa", "tv-app"];
const REDIRECTS: Record<string, readonly string[]> = {
  "web-app": ["https://webapp.example/callback"],
  spa: ["https://spa.example/callback", "http://127.0.0.1/callback"],
  "legacy-spa": ["https://legacy.example/callback"],
};

/** Every parameter name some endpoint reads: adding one of these is never assumed harmless. */
const KNOWN_NAMES = new Set([
  "response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge", "code_challenge_method",
  "username", "password", "decision", "granted_scope", "grant_type", "code", "code_verifier", "client_secret",
  "refresh_token", "device_code", "token", "token_type_hint", "user_code", "access_token",
]);

/** RFC 6749 §4.1.2.1, §5.2; RFC 7009 §2.2.1; RFC 8628 §3.5; RFC 7591 (error page). */
const OAUTH_ERRORS = new Set([
  "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
  "unsupported_response_type", "invalid_scope", "access_denied", "server_error", "temporarily_unavailable",
  "unsupported_token_type", "authorization_pending", "slow_down", "expired_token", "invalid_token",
  "insufficient_scope", "invalid_redirect_uri",
]);
/** RFC 6749 §5.2: error and error_description use %x20-21 / %x23-5B / %x5D-7E. */
const ERROR_TEXT = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/;
/** Tags the AS's pages never contain themselves: finding one means an input was not escaped. */
const INJECTED_TAG = /<(script|img|svg|iframe)\b/i;

// =============================================================================================
// Values

const PAYLOADS = [
  '<script>alert("pwned")</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg/onload=alert(1)>",
  '</textarea><iframe src="javascript:alert(1)">',
  "javascript:alert(1)",
];
const AWKWARD = [
  "%zz", "%", "%%", "%E0%A4%A", "%00", "\u0000", "\ud800", "\udfff", "😀", "𝒜", "é", " ", "  ", "+", "&", "=",
  "a&b=c", "\r\n", "\t", "..", "/", "\\", "null", "undefined", "__proto__", "constructor", "toString", "[]", "{}", "'", '"',
];

const unsafeValue = fc.constantFrom(...PAYLOADS, ...AWKWARD);
const hugeValue = fc
  .tuple(fc.constantFrom("a", "<", "%", "é", "😀", "&x=", '"><img src=x>'), fc.integer({ min: 1_000, max: 100_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
const anyValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 8 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) },
  { weight: 3, arbitrary: unsafeValue },
  { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 4 }), unsafeValue, fc.string({ maxLength: 4 })).map((parts) => parts.join("")) },
  { weight: 1, arbitrary: hugeValue },
);
const paramName: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 3, arbitrary: fc.constantFrom(...KNOWN_NAMES) },
  { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "Code", "CLIENT_ID", "client_id ", "", "%zz", "scope[]", "x-unknown") },
  { weight: 1, arbitrary: unsafeValue },
);
/** Header values must be ByteStrings without CR, LF or NUL, or the Request cannot even be built. */
const latin1 = fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)), maxLength: 40 });

const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
const method: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "post", "get", "Post", "PROPFIND", "M-SEARCH", "FOO"),
  fc.stringMatching(/^[A-Z][A-Za-z]{0,7}$/).filter((m) => !FORBIDDEN_METHODS.has(m.toUpperCase())),
);

/** `arbitrary` once in `1 + never` runs, otherwise undefined (no mutation). */
function rarely<T>(arbitrary: fc.Arbitrary<T>, never = 7): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight: never, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });
}

// =============================================================================================
// Requests and their mutations

type Effect = "invalid" | "benign" | "unknown";

function verdict(effects: readonly Effect[]): Effect {
  if (effects.includes("invalid")) return "invalid";
  return effects.every((effect) => effect === "benign") ? "benign" : "unknown";
}

interface Special {
  readonly value: string | (() => Promise<string>);
  readonly effect: Effect;
}

interface FieldRule {
  /** Replacing the value with an arbitrary different one (or breaking its percent-encoding). */
  readonly change: Effect | ((value: string) => Effect);
  /** Dropping it, or sending it empty (RFC 6749 §3.1: "treated as if they were omitted"). */
  readonly drop: Effect;
  readonly duplicate: Effect;
  /** Adding it when the base request does not carry it. */
  readonly add?: Effect;
  /** Hand-picked replacements, each with its known effect. */
  readonly special?: readonly Special[];
}

interface Pair {
  name: string;
  value: string;
  /** Already-encoded value, when a mutation broke its percent-encoding on purpose. */
  raw?: string;
}

interface Scenario {
  readonly label: string;
  readonly method: string;
  readonly url: string;
  /** Where the parameters travel. */
  readonly carrier: "body" | "query";
  readonly pairs: readonly Pair[];
  readonly authorization?: string;
  /** Client id and secret behind `authorization`, to forge a wrong secret for the same client. */
  readonly basicClient?: string;
  readonly fields: Readonly<Record<string, FieldRule>>;
  /** Effect of adding an Authorization header to a request that has none. */
  readonly authorizationAdded: Effect;
  /**
   * Effect of replacing the Basic credentials with another registered party's real ones (default
   * invalid). "unknown" makes the whole request unknown: another legitimate caller took over.
   */
  readonly otherCredentials?: Effect;
}

const rule = (change: Effect | ((value: string) => Effect), drop: Effect, duplicate: Effect, special: Special[] = [], add?: Effect): FieldRule => ({
  change,
  drop,
  duplicate,
  special,
  add,
});
/** Any change, removal or repetition makes the request invalid. */
const critical = (special: Special[] = []): FieldRule => rule("invalid", "invalid", "invalid", special);
const invalidSpecials = (...values: (string | (() => Promise<string>))[]): Special[] => values.map((value) => ({ value, effect: "invalid" as const }));

const encodeValue = (value: string): string => new URLSearchParams([["", value]]).toString().slice(1);
/** What the server reads back from an encoded value. */
const decodeValue = (encoded: string): string => new URLSearchParams(`x=${encoded}`).get("x") ?? "";
const roundTrip = (value: string): string => decodeValue(encodeValue(value));

function encodePairs(pairs: readonly Pair[]): string {
  return pairs.map((pair) => `${encodeValue(pair.name)}=${pair.raw ?? encodeValue(pair.value)}`).join("&");
}

interface FormMutation {
  readonly kind: "drop" | "duplicate" | "empty" | "replace" | "add" | "badPercent";
  readonly pick: number;
  readonly name: string;
  readonly value: string;
  readonly special: number | null;
  readonly at: number;
}

const formMutation: fc.Arbitrary<FormMutation> = fc.record({
  kind: fc.constantFrom("drop", "duplicate", "empty", "replace", "replace", "add", "badPercent"),
  pick: fc.nat(),
  name: paramName,
  value: anyValue,
  special: fc.option(fc.nat(), { freq: 2 }),
  at: fc.nat(),
});

type AuthorizationMutation =
  | { readonly kind: "drop" }
  | { readonly kind: "raw"; readonly value: string }
  | { readonly kind: "basic"; readonly id: string; readonly secret: string }
  | { readonly kind: "wrongSecret"; readonly secret: string }
  | { readonly kind: "otherClient"; readonly index: number }
  | { readonly kind: "schemeCase" };

const OTHER_CREDENTIALS = Object.keys(SECRETS);
const authorizationMutation: fc.Arbitrary<AuthorizationMutation> = fc.oneof(
  fc.constant({ kind: "drop" as const }),
  latin1.map((value) => ({ kind: "raw" as const, value })),
  fc.constantFrom("Basic", "Basic !!!", `Basic ${btoa("no-colon")}`, `Basic ${btoa("%zz:%zz")}`, `Basic ${btoa("web-app")}=`, "Bearer abc", "Digest x").map((value) => ({ kind: "raw" as const, value })),
  fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })).map(([id, secret]) => ({ kind: "basic" as const, id, secret })),
  fc.string({ maxLength: 30 }).map((secret) => ({ kind: "wrongSecret" as const, secret })),
  fc.nat().map((index) => ({ kind: "otherClient" as const, index })),
  fc.constant({ kind: "schemeCase" as const }),
);

const FORM_VARIANTS = [
  "application/x-www-form-urlencoded;charset=UTF-8",
  "APPLICATION/X-WWW-FORM-URLENCODED",
  "application/x-www-form-urlencoded ; charset=utf-8",
];
const contentTypeMutation: fc.Arbitrary<{ value: string | null }> = fc.oneof(
  fc.constant({ value: null }),
  fc.constantFrom(...FORM_VARIANTS, "application/json", "text/plain", "multipart/form-data; boundary=x", "application/x-www-form-urlencodedx", "").map((value) => ({ value })),
  latin1.map((value) => ({ value })),
);

const bodyMutation: fc.Arbitrary<{ kind: "json" } | { kind: "text"; text: string }> = fc.oneof(
  fc.constant({ kind: "json" as const }),
  fc.oneof(anyValue, fc.constantFrom("%zz", "a=%zz&%zz=b", "=&&==", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--")).map((text) => ({ kind: "text" as const, text })),
);

const EXTRA_HEADERS = ["Origin", "Cookie", "Accept", "Accept-Language", "X-Forwarded-For", "DPoP", "Content-Length"];
const extraHeader = fc.tuple(fc.constantFrom(...EXTRA_HEADERS), latin1);

interface RequestMutations {
  readonly form: readonly FormMutation[];
  readonly method?: string;
  readonly contentType?: { value: string | null };
  readonly authorization?: AuthorizationMutation;
  readonly body?: { kind: "json" } | { kind: "text"; text: string };
  readonly header?: [string, string];
}

const requestMutations: fc.Arbitrary<RequestMutations> = fc.record({
  form: fc.oneof({ weight: 1, arbitrary: fc.constant([]) }, { weight: 5, arbitrary: fc.array(formMutation, { minLength: 1, maxLength: 3 }) }),
  method: rarely(method, 12),
  contentType: rarely(contentTypeMutation, 12),
  authorization: rarely(authorizationMutation, 6),
  body: rarely(bodyMutation, 20),
  header: rarely(extraHeader, 6),
});

function isFormType(value: string): boolean {
  return value.split(";")[0]!.trim().toLowerCase() === FORM_TYPE;
}

const SAFE_METHODS = new Set(["GET", "HEAD"]);
const NORMALISED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
/** The method as the Fetch API normalises it (only these six are upper-cased). */
function normaliseMethod(value: string): string {
  return NORMALISED_METHODS.has(value.toUpperCase()) ? value.toUpperCase() : value;
}

interface Built {
  readonly url: string;
  readonly init: RequestInit;
  readonly effect: Effect;
  /** The parameters as the server can read them (none when the body is not a form). */
  readonly seen: URLSearchParams;
  readonly method: string;
  readonly authorization: string | undefined;
}

async function pickValue(scenario: Scenario, name: string, mutation: FormMutation, original: string | undefined): Promise<{ value: string; effect?: Effect }> {
  const specials = scenario.fields[name]?.special ?? [];
  if (mutation.special !== null && specials.length > 0) {
    const special = specials[mutation.special % specials.length]!;
    const value = typeof special.value === "function" ? await special.value() : special.value;
    if (value !== original) return { value, effect: special.effect };
  }
  return { value: mutation.value };
}

/** Apply the mutations to a scenario's valid request and label the result. */
async function build(scenario: Scenario, mutations: RequestMutations): Promise<Built> {
  const pairs: Pair[] = scenario.pairs.map((pair) => ({ ...pair }));
  /** Hand-picked replacement values and their known effect, by name and value. */
  const specialEffects = new Map<string, Effect>();

  for (const mutation of mutations.form) {
    if (mutation.kind === "add") {
      const base = scenario.pairs.find((pair) => pair.name === mutation.name);
      const picked = await pickValue(scenario, mutation.name, mutation, base?.value);
      if (picked.effect) specialEffects.set(`${mutation.name}\u0000${roundTrip(picked.value)}`, picked.effect);
      pairs.push({ name: mutation.name, value: picked.value });
      continue;
    }
    if (pairs.length === 0) continue;
    const index = mutation.pick % pairs.length;
    const target = pairs[index]!;
    const original = scenario.pairs.find((pair) => pair.name === target.name)?.value;
    switch (mutation.kind) {
      case "drop":
        pairs.splice(index, 1);
        break;
      case "empty":
        target.value = "";
        delete target.raw;
        break;
      case "duplicate":
        pairs.splice(index + 1, 0, { ...target });
        break;
      case "replace": {
        const picked = await pickValue(scenario, target.name, mutation, original);
        if (picked.effect) specialEffects.set(`${target.name}\u0000${roundTrip(picked.value)}`, picked.effect);
        target.value = picked.value;
        delete target.raw;
        break;
      }
      case "badPercent": {
        const encoded = target.raw ?? encodeValue(target.value);
        const at = mutation.at % (encoded.length + 1);
        target.raw = `${encoded.slice(0, at)}%zz${encoded.slice(at)}`;
        break;
      }
    }
  }

  // Label the parameters by comparing what the server will read with the valid request.
  const effects: Effect[] = [];
  const unlisted = (name: string): Effect => (KNOWN_NAMES.has(name) ? "unknown" : "benign");
  const names = new Set([...scenario.pairs.map((pair) => pair.name), ...pairs.map((pair) => pair.name)]);
  for (const name of names) {
    const fieldRule = scenario.fields[name];
    const sent = pairs.filter((pair) => pair.name === name).map((pair) => (pair.raw !== undefined ? decodeValue(pair.raw) : roundTrip(pair.value)));
    const original = scenario.pairs.find((pair) => pair.name === name)?.value;
    if (sent.length > 1) {
      // RFC 6749 §3.1, §3.2: "MUST NOT be included more than once."
      effects.push(fieldRule?.duplicate ?? unlisted(name));
    } else if (original !== undefined) {
      if (sent.length === 1 && sent[0] === original) continue;
      // RFC 6749 §3.1: an empty parameter counts as omitted.
      if (sent.length === 0 || sent[0] === "") effects.push(fieldRule?.drop ?? unlisted(name));
      else {
        const value = sent[0]!;
        const change = fieldRule ? (typeof fieldRule.change === "function" ? fieldRule.change(value) : fieldRule.change) : unlisted(name);
        effects.push(specialEffects.get(`${name}\u0000${value}`) ?? change);
      }
    } else if (sent.length === 1) {
      // An added empty OAuth parameter counts as omitted, but the consent form's own fields
      // (granted_scope="" is "nothing ticked") do not follow RFC 6749 §3.1: only unknown names are harmless.
      if (sent[0] === "") effects.push(!fieldRule && unlisted(name) === "benign" ? "benign" : "unknown");
      else effects.push(fieldRule ? (fieldRule.add ?? "unknown") : unlisted(name));
    }
  }

  const headers = new Headers();
  const encoded = encodePairs(pairs);
  let url = scenario.url;
  let body: string | undefined;
  if (scenario.carrier === "query") url = `${scenario.url}?${encoded}`;
  else body = encoded;
  // The server refuses bodies over 64 KiB (413) — its own limit, not a rule to assert here.
  if (scenario.carrier === "body" && encoded.length > 64 * 1024) effects.push("unknown");
  if (scenario.carrier === "body") headers.set("Content-Type", FORM_TYPE);

  let requestMethod = scenario.method;
  if (mutations.method !== undefined && normaliseMethod(mutations.method) !== scenario.method) {
    requestMethod = mutations.method;
    effects.push("invalid");
  }
  if (mutations.contentType !== undefined) {
    if (mutations.contentType.value === null) {
      headers.delete("Content-Type");
      // A string body without a type goes out as text/plain.
      effects.push(scenario.carrier === "body" ? "invalid" : "benign");
    } else {
      headers.set("Content-Type", mutations.contentType.value);
      effects.push(scenario.carrier === "body" && !isFormType(headers.get("Content-Type") ?? "") ? "invalid" : "benign");
    }
  }
  if (mutations.body !== undefined) {
    body = mutations.body.kind === "json" ? JSON.stringify(Object.fromEntries(pairs.map((pair) => [pair.name, pair.value]))) : mutations.body.text;
    effects.push(scenario.carrier === "body" ? "invalid" : "unknown");
  }

  let authorization = scenario.authorization;
  const auth = mutations.authorization;
  if (auth !== undefined) {
    const before = authorization;
    switch (auth.kind) {
      case "drop":
        authorization = undefined;
        break;
      case "raw":
        authorization = auth.value;
        break;
      case "basic":
        authorization = basic(auth.id, auth.secret);
        break;
      case "wrongSecret":
        authorization = basic(scenario.basicClient ?? "web-app", auth.secret);
        break;
      case "otherClient": {
        const id = OTHER_CREDENTIALS[auth.index % OTHER_CREDENTIALS.length]!;
        authorization = basic(id, SECRETS[id]!);
        break;
      }
      case "schemeCase":
        authorization = before?.replace(/^Basic /, "bAsIc ");
        break;
    }
    const normalisedBefore = before?.trim();
    const normalisedAfter = authorization?.trim();
    if (auth.kind === "schemeCase" || normalisedAfter === normalisedBefore) effects.push("benign");
    else if (before === undefined) effects.push(scenario.authorizationAdded);
    else if (auth.kind === "otherClient") effects.push(scenario.otherCredentials ?? "invalid");
    else effects.push("invalid");
  }
  if (authorization !== undefined) headers.set("Authorization", authorization);
  if (mutations.header) {
    headers.set(mutations.header[0], mutations.header[1]);
    effects.push(mutations.header[0] === "Content-Length" || mutations.header[0] === "DPoP" ? "unknown" : "benign");
  }

  const finalMethod = normaliseMethod(requestMethod);
  const init: RequestInit = { method: requestMethod, headers };
  if (!SAFE_METHODS.has(finalMethod) && body !== undefined) init.body = body;
  const contentType = headers.get("Content-Type") ?? (init.body !== undefined ? "text/plain;charset=UTF-8" : "");
  const seen =
    scenario.carrier === "query"
      ? new URLSearchParams(new URL(url).search)
      : init.body !== undefined && isFormType(contentType)
        ? new URLSearchParams(body)
        : new URLSearchParams();
  const anotherCaller = scenario.otherCredentials === "unknown" && auth?.kind === "otherClient";
  return { url, init, effect: anotherCaller ? "unknown" : verdict(effects), seen, method: finalMethod, authorization };
}

// =============================================================================================
// Response checks

async function readJson(response: Response): Promise<Record<string, unknown>> {
  expect(response.headers.get("content-type") ?? "(no Content-Type)").toMatch(/^application\/json/);
  const text = await response.text();
  const body: unknown = JSON.parse(text);
  expect(typeof body === "object" && body !== null && !Array.isArray(body)).toBe(true);
  return body as Record<string, unknown>;
}

/** A JSON endpoint's answer: a JSON object, and a registered string `error` when status ≥ 400. */
async function checkJson(response: Response, options: { noStore?: boolean } = {}): Promise<Record<string, unknown>> {
  expect(response.status).toBeGreaterThanOrEqual(200);
  expect(response.status).toBeLessThan(500);
  const body = await readJson(response);
  if (response.status >= 400) {
    expect(typeof body.error).toBe("string");
    expect(OAUTH_ERRORS.has(body.error as string) || body.error === "not_found" || body.error === "method_not_allowed").toBe(true);
    expect(body.error).toMatch(ERROR_TEXT);
    if (body.error_description !== undefined) expect(body.error_description).toMatch(ERROR_TEXT);
  }
  if (options.noStore) {
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
  }
  return body;
}

/** An HTML page: text/html, no redirect, no injected tag. */
async function checkHtml(response: Response): Promise<string> {
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get("location")).toBeNull();
  expect(response.headers.get("content-type") ?? "(no Content-Type)").toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).not.toMatch(INJECTED_TAG);
  return html;
}

/** The CORS preflight of the token-style endpoints: 204, no body. */
function isPreflight(built: Built, response: Response): boolean {
  return built.method === "OPTIONS" && response.status === 204;
}

function checkBasicChallenge(built: Built, response: Response): void {
  // RFC 6749 §5.2: 401 with a WWW-Authenticate matching the scheme the client used.
  if (response.status === 401 && built.authorization !== undefined && /^basic /i.test(built.authorization.trim())) {
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm="https:\/\/authorization-server\.example", error="invalid_client"/);
  }
}

// =============================================================================================
// The world: helpers that obtain real artifacts

async function post(world: World, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return world.fetch(`${ISSUER}${path}`, { method: "POST", headers: { "Content-Type": FORM_TYPE, ...headers }, body: new URLSearchParams(fields) });
}

async function freshCode(world: World, clientId: "web-app" | "spa"): Promise<string> {
  const response = await post(world, "/authorize", {
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECTS[clientId]![0]!,
    state: "s",
    code_challenge: CHALLENGE,
    code_challenge_method: "S256",
    username: "alice",
    password: "wonderland",
    decision: "allow",
  });
  const code = new URL(response.headers.get("location")!).searchParams.get("code");
  if (!code) throw new Error(`no code for ${clientId}: ${response.status}`);
  return code;
}

interface Tokens {
  access_token: string;
  refresh_token?: string;
  /** Simulated time after which the pooled tokens must be renewed. */
  renewAt: number;
}

async function webAppTokens(world: World): Promise<Tokens> {
  const code = await freshCode(world, "web-app");
  const response = await post(
    world,
    "/token",
    { grant_type: "authorization_code", code, redirect_uri: REDIRECTS["web-app"]![0]!, code_verifier: VERIFIER },
    { Authorization: basic("web-app", SECRETS["web-app"]!) },
  );
  const body = (await response.json()) as { access_token: string; refresh_token: string };
  return { ...body, renewAt: world.clock.now() + 900 - 2 * PAST_LOCKOUT };
}

async function spaTokens(world: World): Promise<Tokens> {
  const code = await freshCode(world, "spa");
  const response = await post(world, "/token", {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECTS.spa![0]!,
    client_id: "spa",
    code_verifier: VERIFIER,
  });
  const body = (await response.json()) as { access_token: string; refresh_token: string };
  return { ...body, renewAt: world.clock.now() + 900 - 2 * PAST_LOCKOUT };
}

async function inventoryTokens(world: World): Promise<Tokens> {
  const response = await post(world, "/token", {
    grant_type: "client_credentials",
    client_id: "inventory-service",
    client_secret: SECRETS["inventory-service"]!,
    scope: "inventory:read inventory:write",
  });
  const body = (await response.json()) as { access_token: string };
  return { ...body, renewAt: world.clock.now() + 900 - 2 * PAST_LOCKOUT };
}

/** A device authorization for tv-app: device_code and user_code (as displayed, XXXX-XXXX). */
async function freshDevice(world: World): Promise<{ device_code: string; user_code: string }> {
  const response = await post(world, "/device_authorization", { client_id: "tv-app", scope: "profile" });
  return (await response.json()) as { device_code: string; user_code: string };
}

async function approveDevice(world: World, userCode: string): Promise<void> {
  const response = await post(world, "/device", { user_code: userCode, username: "alice", password: "wonderland", decision: "allow" });
  if (response.status !== 200) throw new Error(`device approval failed: ${response.status}`);
  await response.body?.cancel();
}

/** Send a built request: the promise must resolve (property 1). */
async function send(world: World, built: Built): Promise<Response> {
  return world.fetch(built.url, built.init);
}

// =============================================================================================
// Field rules shared by the authorization endpoint and the device page

function redirectRule(clientId: string): FieldRule {
  const registered = REDIRECTS[clientId]!;
  const first = registered[0]!;
  const lookalikes: Special[] = invalidSpecials(
    `${first}/`,
    `${first}?x=1`,
    `${first}#fragment`,
    first.toUpperCase(),
    first.replace("https://", "http://"),
    first.replace(/^(https:\/\/[^/]+)/, "$1:443"),
    first.replace(/^https:\/\/([^/]+)/, "https://$1.evil.example"),
    first.replace(/^https:\/\//, "https://evil.example@"),
    `${first}/../callback`,
    "https://evil.example/callback",
    "http://localhost/callback",
    "javascript:alert(1)",
    "/callback",
  );
  // RFC 8252 §7.3: a loopback redirect URI may use any port (the SPA registered one).
  const loopback: Special[] =
    clientId === "spa"
      ? [
          { value: "http://127.0.0.1/callback", effect: "benign" },
          { value: "http://127.0.0.1:8080/callback", effect: "benign" },
          { value: "http://127.0.0.1:8080/other", effect: "invalid" },
          { value: "http://[::1]:8080/callback", effect: "invalid" },
        ]
      : [];
  return rule("invalid", registered.length === 1 ? "benign" : "invalid", "invalid", [...lookalikes, ...loopback]);
}

const USERNAME_RULE = rule("invalid", "invalid", "unknown", invalidSpecials("bob", "ALICE", "alice ", " alice", "mallory"));
// (No other user's real password here: with "bob" as username it would make a valid sign-in.)
const PASSWORD_RULE = rule("invalid", "invalid", "unknown", invalidSpecials("Wonderland", "wonderland ", "wonder land", "WONDERLAND", "wonderlan"));
const DECISION_RULE = rule("invalid", "invalid", "invalid", invalidSpecials("deny", "Allow", "allow ", "ALLOW", "yes", "1"));
/**
 * Another registered client's id is not certainly invalid: with the redirect_uri dropped it can make
 * a valid request of that client (the trust check still applies to it).
 */
const CLIENT_ID_AT_AUTHORIZE = (clientId: string): FieldRule =>
  critical([
    ...CLIENT_IDS.filter((id) => id !== clientId).map((value) => ({ value, effect: "unknown" as const })),
    ...invalidSpecials(clientId.toUpperCase(), `${clientId} `, "resource-server"),
  ]);

/** RFC 7636 §4.2: code-challenge = 43*128unreserved. */
const PKCE_VALUE = /^[A-Za-z0-9\-._~]{43,128}$/;

interface AuthorizeBase {
  readonly clientId: "web-app" | "spa" | "legacy-spa";
  readonly pairs: Pair[];
  readonly fields: Record<string, FieldRule>;
}

function authorizeBase(clientId: "web-app" | "spa" | "legacy-spa", state: string): AuthorizeBase {
  const implicit = clientId === "legacy-spa";
  const pairs: Pair[] = [
    { name: "response_type", value: implicit ? "token" : "code" },
    { name: "client_id", value: clientId },
    { name: "redirect_uri", value: REDIRECTS[clientId]![0]! },
    { name: "scope", value: "profile" },
    { name: "state", value: state },
  ];
  const fields: Record<string, FieldRule> = {
    response_type: critical(invalidSpecials(implicit ? "code" : "token", "code token", "CODE", "id_token", "code ")),
    client_id: CLIENT_ID_AT_AUTHORIZE(clientId),
    redirect_uri: redirectRule(clientId),
    // The registered scope is used when scope is omitted (RFC 7591 §2, DESIGN "Scope hierarchy").
    scope: rule("unknown", "benign", "invalid", [
      { value: "admin", effect: "invalid" },
      { value: "profile  profile", effect: "invalid" },
      { value: "inventory:write", effect: "invalid" },
      { value: "profile profile", effect: "benign" },
      { value: '"profile"', effect: "invalid" },
    ]),
    state: rule("benign", "benign", "invalid"),
  };
  if (!implicit) {
    pairs.push({ name: "code_challenge", value: CHALLENGE }, { name: "code_challenge_method", value: "S256" });
    fields.code_challenge = rule((value) => (PKCE_VALUE.test(value) ? "benign" : "invalid"), clientId === "spa" ? "invalid" : "unknown", "invalid", [
      { value: CHALLENGE.slice(0, 42), effect: "invalid" },
      { value: `${CHALLENGE}=`, effect: "invalid" },
      { value: VERIFIER, effect: "benign" },
    ]);
    fields.code_challenge_method = rule("invalid", "unknown", "invalid", [
      { value: "s256", effect: "invalid" },
      { value: "SHA256", effect: "invalid" },
      { value: "plain", effect: "benign" },
    ]);
  }
  return { clientId, pairs, fields };
}

/** Is the request's client and redirect URI certainly trusted, certainly not, or unclear (RFC 6749 §4.1.2.1)? */
function trust(seen: URLSearchParams): { kind: "trusted"; redirect: string } | { kind: "untrusted" } | { kind: "unclear" } {
  const clientIds = seen.getAll("client_id");
  const redirects = seen.getAll("redirect_uri");
  const clientId = clientIds.filter((value) => value !== "");
  if (clientId.length === 0 && clientIds.length <= 1) return { kind: "untrusted" };
  if (clientId.length > 1 || redirects.filter((value) => value !== "").length > 1) return { kind: "untrusted" };
  if (clientIds.length > 1 || redirects.length > 1) return { kind: "unclear" };
  const registered = Object.hasOwn(REDIRECTS, clientId[0]!) ? REDIRECTS[clientId[0]!] : undefined;
  if (!registered) return { kind: "untrusted" };
  const redirect = redirects[0] ?? "";
  if (redirect === "") return registered.length === 1 ? { kind: "trusted", redirect: registered[0]! } : { kind: "untrusted" };
  if (registered.includes(redirect)) return { kind: "trusted", redirect };
  const loopback = /^http:\/\/127\.0\.0\.1(?::\d{1,5})?(\/[^?#]*)$/.exec(redirect);
  if (loopback && registered.some((uri) => uri === `http://127.0.0.1${loopback[1]}`)) return { kind: "trusted", redirect };
  return { kind: "untrusted" };
}

/** RFC 6749 §4.1.2, §4.1.2.1, RFC 9207: a redirect goes to the trusted redirect URI, with iss. */
function checkRedirect(built: Built, response: Response): URLSearchParams {
  expect(response.status).toBe(303);
  const location = response.headers.get("location")!;
  const target = trust(built.seen);
  expect(target.kind).not.toBe("untrusted");
  if (target.kind === "trusted") expect(location.split(/[?#]/)[0]).toBe(target.redirect);
  const url = new URL(location);
  const params = new URLSearchParams(url.hash ? url.hash.slice(1) : url.search);
  expect(params.get("iss")).toBe(ISSUER);
  const states = built.seen.getAll("state");
  if (params.has("state")) expect(states).toContain(params.get("state"));
  else if (states.length === 1 && states[0] !== "") throw new Error("state was not echoed (RFC 6749 §4.1.2)");
  return params;
}

/**
 * The request now names another registered client: its redirect URI rules apply, not the base
 * client's, so the mutation labels no longer decide validity (the trust check still does).
 */
function effectFor(built: Built, clientId: string): Effect {
  const named = built.seen.getAll("client_id");
  const swapped = named.length === 1 && named[0] !== clientId && Object.hasOwn(REDIRECTS, named[0]!);
  return swapped ? "unknown" : built.effect;
}

const issuesSomething = (location: string | null): boolean => location !== null && /[?&#](code|access_token)=/.test(location);

// =============================================================================================

describe("RFC 6749 §3.1, §4.1.1, §4.1.2.1 GET /authorize under mutation", () => {
  it(`never fails, never redirects to an untrusted URI, never issues anything, escapes every echoed value (${RUNS} runs)`, async () => {
    const world = await createWorld();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("web-app", "spa", "legacy-spa" as const), fc.string({ maxLength: 10 }), requestMutations, async (clientId, state, mutations) => {
        const base = authorizeBase(clientId, state || "xyz");
        const scenario: Scenario = {
          label: "authorize GET",
          method: "GET",
          url: `${ISSUER}/authorize`,
          carrier: "query",
          pairs: base.pairs,
          fields: base.fields,
          authorizationAdded: "benign",
        };
        const built = await build(scenario, mutations);
        const response = await send(world, built);
        expect(response.status).toBeLessThan(500);
        const location = response.headers.get("location");
        // A GET never issues a code or token: only the consent POST does.
        expect(issuesSomething(location)).toBe(false);
        if (location !== null) {
          const params = checkRedirect(built, response);
          expect(params.has("error")).toBe(true);
          expect(OAUTH_ERRORS.has(params.get("error")!)).toBe(true);
          expect(params.get("error_description") ?? "").toMatch(ERROR_TEXT);
          await response.body?.cancel();
        } else {
          const html = await checkHtml(response);
          if (trust(built.seen).kind === "untrusted") expect(response.status).toBeGreaterThanOrEqual(400);
          if (response.status === 405) expect(response.headers.get("allow")).toBe("GET, POST");
          if (response.status === 200) expect(html).toContain('<form method="post" action="https://authorization-server.example/authorize">');
        }
        const effect = effectFor(built, clientId);
        if (effect === "benign") expect(response.status).toBe(200);
        if (effect === "invalid") expect(response.status).not.toBe(200);
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});

describe("RFC 6749 §4.1.2, §4.2.2 POST /authorize (the consent form) under mutation", () => {
  it(`issues a code or token only for a valid request with the right password, and redirects only to registered URIs (${RUNS} runs)`, async () => {
    const world = await createWorld();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("web-app", "spa", "legacy-spa" as const), fc.string({ maxLength: 10 }), requestMutations, async (clientId, state, mutations) => {
        world.clock.advance(PAST_LOCKOUT);
        const base = authorizeBase(clientId, state || "xyz");
        const scenario: Scenario = {
          label: "authorize POST",
          method: "POST",
          url: `${ISSUER}/authorize`,
          carrier: "body",
          pairs: [...base.pairs, { name: "username", value: "alice" }, { name: "password", value: "wonderland" }, { name: "decision", value: "allow" }],
          fields: { ...base.fields, username: USERNAME_RULE, password: PASSWORD_RULE, decision: DECISION_RULE },
          authorizationAdded: "benign",
        };
        const built = await build(scenario, mutations);
        const response = await send(world, built);
        expect(response.status).toBeLessThan(500);
        const location = response.headers.get("location");
        if (location !== null) {
          const params = checkRedirect(built, response);
          if (!params.has("code") && !params.has("access_token")) expect(OAUTH_ERRORS.has(params.get("error") ?? "")).toBe(true);
          await response.body?.cancel();
        } else {
          await checkHtml(response);
        }
        // The core property: never a code or token for an invalid request.
        const effect = effectFor(built, clientId);
        if (effect === "invalid") expect(issuesSomething(location)).toBe(false);
        if (effect === "benign") {
          expect(response.status).toBe(303);
          const url = new URL(location!);
          const params = new URLSearchParams(clientId === "legacy-spa" ? url.hash.slice(1) : url.search);
          expect(params.get(clientId === "legacy-spa" ? "access_token" : "code")).toBeTruthy();
          expect(params.get("state")).toBe(built.seen.get("state") || null);
        }
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});

// ---------------------------------------------------------------------------------------------

type TokenCase = "code-web" | "code-spa" | "client-credentials" | "refresh-web" | "refresh-spa" | "device" | "password";

const GRANT_TYPE_RULE = critical(invalidSpecials("authorization_code", "refresh_token", "client_credentials", "password", DEVICE_GRANT, "AUTHORIZATION_CODE", "implicit", "urn:ietf:params:oauth:grant-type:token-exchange"));

describe("RFC 6749 §3.2, §4.1.3, §4.4, §6, §4.3; RFC 8628 §3.4 POST /token under mutation", () => {
  it(`issues tokens only for valid requests: a mutated code, secret, verifier, redirect URI, refresh token or device code never yields an access_token (${RUNS} runs)`, async () => {
    const world = await createWorld();
    let webRefresh: Tokens | undefined;
    let spaRefresh: Tokens | undefined;

    async function scenarioFor(kind: TokenCase): Promise<Scenario> {
      const token = `${ISSUER}/token`;
      switch (kind) {
        case "code-web":
        case "code-spa": {
          const clientId = kind === "code-web" ? "web-app" : "spa";
          const code = await freshCode(world, clientId);
          const redirect = REDIRECTS[clientId]![0]!;
          const pairs: Pair[] = [
            { name: "grant_type", value: "authorization_code" },
            { name: "code", value: code },
            { name: "redirect_uri", value: redirect },
            { name: "code_verifier", value: VERIFIER },
          ];
          if (clientId === "spa") pairs.push({ name: "client_id", value: "spa" });
          const otherCode = () => freshCode(world, clientId === "spa" ? "web-app" : "spa");
          return {
            label: kind,
            method: "POST",
            url: token,
            carrier: "body",
            pairs,
            authorization: clientId === "web-app" ? basic("web-app", SECRETS["web-app"]!) : undefined,
            basicClient: "web-app",
            authorizationAdded: "invalid",
            fields: {
              grant_type: GRANT_TYPE_RULE,
              code: critical(invalidSpecials(otherCode, code.slice(0, -1), `${code}A`, code.toLowerCase(), "SplxlOBeZQQYbYS6WxSbIA")),
              redirect_uri: critical(invalidSpecials(`${redirect}/`, `${redirect}?x=1`, redirect.toUpperCase(), "https://evil.example/callback", REDIRECTS.spa![1]!)),
              code_verifier: critical(invalidSpecials(CHALLENGE, `${VERIFIER}x`, VERIFIER.slice(0, 42), VERIFIER.toLowerCase(), "3641a2d12d66101249cdf7a79c000c1f8c05d2aafcf14bf146497bed")),
              client_id: critical(invalidSpecials("web-app", "tv-app", "SPA", "legacy-spa")),
              client_secret: rule("invalid", "unknown", "invalid", [], "invalid"),
            },
          };
        }
        case "client-credentials":
          return {
            label: kind,
            method: "POST",
            url: token,
            carrier: "body",
            pairs: [
              { name: "grant_type", value: "client_credentials" },
              { name: "client_id", value: "inventory-service" },
              { name: "client_secret", value: SECRETS["inventory-service"]! },
              { name: "scope", value: "inventory:read" },
            ],
            authorizationAdded: "invalid",
            fields: {
              grant_type: GRANT_TYPE_RULE,
              client_id: critical(invalidSpecials("web-app", "INVENTORY-SERVICE", "first-party-app", "spa")),
              client_secret: critical(invalidSpecials(SECRETS["inventory-service"]!.toUpperCase(), `${SECRETS["inventory-service"]} `, SECRETS["inventory-service"]!.slice(0, -1), SECRETS["web-app"]!)),
              scope: rule("unknown", "benign", "invalid", [
                { value: "inventory:write", effect: "benign" },
                { value: "inventory:price:write", effect: "benign" },
                { value: "inventory", effect: "invalid" },
                { value: "profile", effect: "invalid" },
                { value: "admin", effect: "invalid" },
              ]),
            },
          };
        case "refresh-web":
        case "refresh-spa": {
          const spa = kind === "refresh-spa";
          if (spa && (!spaRefresh || world.clock.now() >= spaRefresh.renewAt + 80_000)) spaRefresh = await spaTokens(world);
          if (!spa && (!webRefresh || world.clock.now() >= webRefresh.renewAt + 80_000)) webRefresh = await webAppTokens(world);
          const refreshToken = (spa ? spaRefresh : webRefresh)!.refresh_token!;
          const pairs: Pair[] = [
            { name: "grant_type", value: "refresh_token" },
            { name: "refresh_token", value: refreshToken },
          ];
          if (spa) pairs.push({ name: "client_id", value: "spa" });
          return {
            label: kind,
            method: "POST",
            url: token,
            carrier: "body",
            pairs,
            authorization: spa ? undefined : basic("web-app", SECRETS["web-app"]!),
            basicClient: "web-app",
            authorizationAdded: "invalid",
            fields: {
              grant_type: GRANT_TYPE_RULE,
              refresh_token: critical(invalidSpecials(refreshToken.slice(1), `${refreshToken}=`, refreshToken.toUpperCase())),
              client_id: critical(invalidSpecials("web-app", "tv-app")),
            },
          };
        }
        case "device": {
          const device = await freshDevice(world);
          await approveDevice(world, device.user_code);
          return {
            label: kind,
            method: "POST",
            url: token,
            carrier: "body",
            pairs: [
              { name: "grant_type", value: DEVICE_GRANT },
              { name: "device_code", value: device.device_code },
              { name: "client_id", value: "tv-app" },
            ],
            authorizationAdded: "invalid",
            fields: {
              grant_type: GRANT_TYPE_RULE,
              device_code: critical(invalidSpecials(device.user_code, device.device_code.slice(0, -1), device.device_code.toLowerCase())),
              client_id: critical(invalidSpecials("spa", "web-app", "TV-APP")),
            },
          };
        }
        case "password":
          return {
            label: kind,
            method: "POST",
            url: token,
            carrier: "body",
            pairs: [
              { name: "grant_type", value: "password" },
              { name: "username", value: "alice" },
              { name: "password", value: "wonderland" },
            ],
            authorization: basic("first-party-app", SECRETS["first-party-app"]!),
            basicClient: "first-party-app",
            authorizationAdded: "invalid",
            fields: { grant_type: GRANT_TYPE_RULE, username: critical(invalidSpecials("bob", "ALICE", "alice ")), password: critical(invalidSpecials("Wonderland", "wonderlan", "wonderland ")) },
          };
      }
    }

    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<TokenCase>("code-web", "code-web", "code-web", "code-spa", "code-spa", "code-spa", "client-credentials", "client-credentials", "refresh-web", "refresh-spa", "device", "password"),
        requestMutations,
        async (kind, mutations) => {
          world.clock.advance(PAST_LOCKOUT);
          const scenario = await scenarioFor(kind);
          const built = await build(scenario, mutations);
          const response = await send(world, built);
          expect(response.status).toBeLessThan(500);
          if (isPreflight(built, response)) return;
          const body = await checkJson(response, { noStore: true });
          checkBasicChallenge(built, response);
          if (response.status === 401) expect(body.error).toBe("invalid_client");
          if (response.status === 200) {
            // RFC 6749 §5.1.
            expect(typeof body.access_token).toBe("string");
            expect(body.token_type).toBe("Bearer");
            expect(body.expires_in).toBe(900);
            if (kind === "refresh-spa" && typeof body.refresh_token === "string") spaRefresh = { ...spaRefresh!, refresh_token: body.refresh_token };
          }
          // The core property: no token for an invalid request …
          if (built.effect === "invalid") {
            expect(response.status).not.toBe(200);
            expect(body.access_token).toBeUndefined();
          }
          // … and a valid one succeeds.
          if (built.effect === "benign") expect({ status: response.status, error: body.error }).toEqual({ status: 200, error: undefined });
        },
      ),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});

// ---------------------------------------------------------------------------------------------

interface TokenPool {
  web?: Tokens;
  inventory?: Tokens;
}

async function pooled(world: World, pool: TokenPool, kind: "web" | "inventory"): Promise<Tokens> {
  const current = pool[kind];
  if (current && world.clock.now() < current.renewAt) return current;
  const fresh = kind === "web" ? await webAppTokens(world) : await inventoryTokens(world);
  pool[kind] = fresh;
  return fresh;
}

/** Ask the AS, as the token's owner, whether the token is still active (RFC 7662). */
async function isActive(world: World, token: string, owner: "web" | "inventory"): Promise<boolean> {
  const response =
    owner === "web"
      ? await post(world, "/introspect", { token }, { Authorization: basic("web-app", SECRETS["web-app"]!) })
      : await post(world, "/introspect", { token, client_id: "inventory-service", client_secret: SECRETS["inventory-service"]! });
  expect(response.status).toBe(200);
  return ((await response.json()) as { active: boolean }).active;
}

const HINT_RULE = rule("benign", "benign", "invalid", [
  { value: "refresh_token", effect: "benign" },
  { value: "access_token", effect: "benign" },
  { value: "id_token", effect: "benign" },
  { value: "ACCESS_TOKEN", effect: "benign" },
], "benign");

describe("RFC 7009 §2.1, §2.2 POST /revoke under mutation", () => {
  it(`revokes only for a valid request by the token's own client, ignores token_type_hint, and answers 200 or a JSON error (${RUNS} runs)`, async () => {
    const world = await createWorld();
    const pool: TokenPool = {};
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("web-access", "web-refresh", "inventory-access" as const), requestMutations, async (kind, mutations) => {
        world.clock.advance(PAST_LOCKOUT);
        const owner = kind === "inventory-access" ? "inventory" : "web";
        const tokens = await pooled(world, pool, owner);
        const token = kind === "web-refresh" ? tokens.refresh_token! : tokens.access_token;
        const otherToken = async () => (await pooled(world, pool, owner === "web" ? "inventory" : "web")).access_token;
        const web = owner === "web";
        const scenario: Scenario = {
          label: kind,
          method: "POST",
          url: `${ISSUER}/revoke`,
          carrier: "body",
          pairs: web
            ? [
                { name: "token", value: token },
                { name: "token_type_hint", value: kind === "web-refresh" ? "refresh_token" : "access_token" },
              ]
            : [
                { name: "token", value: token },
                { name: "client_id", value: "inventory-service" },
                { name: "client_secret", value: SECRETS["inventory-service"]! },
              ],
          authorization: web ? basic("web-app", SECRETS["web-app"]!) : undefined,
          basicClient: "web-app",
          authorizationAdded: "invalid",
          fields: {
            token: critical(invalidSpecials(otherToken, token.slice(0, -1), `${token}x`)),
            token_type_hint: HINT_RULE,
            client_id: critical(invalidSpecials("web-app", "spa")),
            client_secret: critical(invalidSpecials(SECRETS["web-app"]!, "")),
          },
        };
        const built = await build(scenario, mutations);
        const response = await send(world, built);
        expect(response.status).toBeLessThan(500);
        if (!isPreflight(built, response)) {
          if (response.status === 200) {
            expect(response.headers.get("cache-control")).toBe("no-store");
            await response.body?.cancel();
          } else {
            const body = await checkJson(response, { noStore: true });
            expect(["invalid_request", "invalid_client", "unsupported_token_type"]).toContain(body.error);
            checkBasicChallenge(built, response);
          }
        }
        const active = await isActive(world, token, owner);
        // The core property: an invalid request revokes nothing; a valid one revokes.
        if (built.effect === "invalid") expect(active).toBe(true);
        if (built.effect === "benign") {
          expect(response.status).toBe(200);
          expect(active).toBe(false);
        }
        if (!active) pool[owner] = undefined;
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});

describe("RFC 7662 §2.1, §2.2 POST /introspect under mutation", () => {
  it(`tells a token's state only to authorised callers: invalid requests never see active:true, inactive answers carry nothing else (${RUNS} runs)`, async () => {
    const world = await createWorld();
    const pool: TokenPool = {};
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("web-app", "resource-server", "inventory-service", "web-app-refresh" as const), requestMutations, async (caller, mutations) => {
        world.clock.advance(PAST_LOCKOUT);
        const tokens = await pooled(world, pool, "web");
        const token = caller === "web-app-refresh" ? tokens.refresh_token! : tokens.access_token;
        const viaBasic = caller !== "inventory-service";
        const basicId = caller === "resource-server" ? "resource-server" : "web-app";
        const scenario: Scenario = {
          label: caller,
          method: "POST",
          url: `${ISSUER}/introspect`,
          carrier: "body",
          pairs: viaBasic
            ? [{ name: "token", value: token }]
            : [
                { name: "token", value: token },
                { name: "client_id", value: "inventory-service" },
                { name: "client_secret", value: SECRETS["inventory-service"]! },
              ],
          authorization: viaBasic ? basic(basicId, SECRETS[basicId]!) : undefined,
          basicClient: basicId,
          // Another party's real credentials make another, legitimate caller (e.g. the resource server).
          authorizationAdded: "unknown",
          otherCredentials: "unknown",
          fields: {
            token: critical(invalidSpecials(token.slice(0, -1), `${token}x`, token.toUpperCase())),
            token_type_hint: HINT_RULE,
            client_id: critical(invalidSpecials("web-app", "spa", "tv-app")),
            client_secret: critical(invalidSpecials(SECRETS["web-app"]!)),
          },
        };
        const built = await build(scenario, mutations);
        const response = await send(world, built);
        expect(response.status).toBeLessThan(500);
        if (isPreflight(built, response)) return;
        const body = await checkJson(response, { noStore: true });
        checkBasicChallenge(built, response);
        if (response.status === 200) {
          expect(typeof body.active).toBe("boolean");
          // RFC 7662 §2.2: nothing about an inactive token, not even why.
          if (body.active === false) expect(body).toEqual({ active: false });
        }
        if (built.effect === "invalid") expect(body.active).not.toBe(true);
        if (built.effect === "benign") {
          expect(response.status).toBe(200);
          // A client sees only its own tokens; the resource server sees access tokens.
          if (caller === "inventory-service") expect(body).toEqual({ active: false });
          else expect(body).toMatchObject({ active: true, client_id: "web-app", sub: "user-alice-7f3a" });
        }
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});

describe("RFC 6749 §2.3, §2.3.1 the resource server's credentials at the introspection endpoint", () => {
  // Found by the introspection property: another party's Basic credentials over a client's body credentials.
  it("rejects a request that authenticates twice: the resource server's Basic credentials plus a client_secret in the body", async () => {
    const world = await createWorld();
    const { access_token } = await webAppTokens(world);
    const response = await post(
      world,
      "/introspect",
      { token: access_token, client_id: "inventory-service", client_secret: SECRETS["inventory-service"]! },
      { Authorization: basic("resource-server", SECRETS["resource-server"]!) },
    );
    // RFC 6749 §2.3: "The client MUST NOT use more than one authentication method in each request";
    // the token endpoint and the client path of this endpoint answer invalid_request (OAUTH-RULES C3).
    expect(response.status).toBe(400);
    const body = await checkJson(response, { noStore: true });
    expect(body.error).toBe("invalid_request");
  });

  it("locks out the resource server's credentials after repeated wrong secrets, as it does a client's", async () => {
    const world = await createWorld();
    const { access_token } = await webAppTokens(world);
    for (let attempt = 0; attempt < 10; attempt++) {
      const wrong = await post(world, "/introspect", { token: access_token }, { Authorization: basic("resource-server", `guess-${attempt}`) });
      expect(wrong.status).toBe(401);
      await wrong.body?.cancel();
    }
    // RFC 6749 §2.3.1: the endpoint MUST be protected against brute force (OAUTH-RULES C8).
    const locked = await post(world, "/introspect", { token: access_token }, { Authorization: basic("resource-server", SECRETS["resource-server"]!) });
    expect(locked.status).toBe(401);
    expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await checkJson(locked, { noStore: true })).error).toBe("invalid_client");
  });
});

// ---------------------------------------------------------------------------------------------

const USER_CODE = /^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/;

describe("RFC 8628 §3.1, §3.2 POST /device_authorization under mutation", () => {
  it(`issues a device_code only to a registered device client, always as well-formed JSON (${RUNS} runs)`, async () => {
    const world = await createWorld();
    await fc.assert(
      fc.asyncProperty(fc.boolean(), requestMutations, async (withScope, mutations) => {
        world.clock.advance(PAST_LOCKOUT);
        const pairs: Pair[] = [{ name: "client_id", value: "tv-app" }];
        if (withScope) pairs.push({ name: "scope", value: "profile" });
        const scenario: Scenario = {
          label: "device_authorization",
          method: "POST",
          url: `${ISSUER}/device_authorization`,
          carrier: "body",
          pairs,
          authorizationAdded: "invalid",
          fields: {
            client_id: critical(invalidSpecials("web-app", "spa", "TV-APP", "tv-app ", "inventory-service")),
            scope: rule("unknown", "benign", "invalid", [
              { value: "profile order:read", effect: "benign" },
              { value: "order:read", effect: "benign" },
              { value: "order", effect: "invalid" },
              { value: "admin", effect: "invalid" },
              { value: "profile  order:read", effect: "invalid" },
            ], "unknown"),
            client_secret: rule("invalid", "unknown", "invalid", [], "invalid"),
          },
        };
        const built = await build(scenario, mutations);
        const response = await send(world, built);
        expect(response.status).toBeLessThan(500);
        if (isPreflight(built, response)) return;
        const body = await checkJson(response, { noStore: true });
        checkBasicChallenge(built, response);
        if (response.status >= 400) expect(["invalid_request", "invalid_client", "unauthorized_client", "invalid_scope"]).toContain(body.error);
        if (response.status === 200) {
          expect(body.user_code).toMatch(USER_CODE);
          expect(body.device_code).toMatch(/^[A-Za-z0-9_-]{43}$/);
          expect(body.verification_uri).toBe(`${ISSUER}/device`);
          expect(body.verification_uri_complete).toBe(`${ISSUER}/device?user_code=${body.user_code as string}`);
          expect(body.expires_in).toBe(600);
          expect(body.interval).toBe(5);
        }
        if (built.effect === "invalid") {
          expect(response.status).not.toBe(200);
          expect(body.device_code).toBeUndefined();
        }
        if (built.effect === "benign") expect(response.status).toBe(200);
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});

describe("RFC 8628 §3.3 POST /device (verification page) under mutation", () => {
  it(`approves a device only for the right user_code, password and decision; pages are escaped HTML (${RUNS} runs)`, async () => {
    const world = await createWorld();
    await fc.assert(
      fc.asyncProperty(requestMutations, async (mutations) => {
        world.clock.advance(PAST_LOCKOUT);
        const device = await freshDevice(world);
        const code = device.user_code;
        const letters = code.replace("-", "");
        const otherLetter = letters[0] === "B" ? "C" : "B";
        const scenario: Scenario = {
          label: "device POST",
          method: "POST",
          url: `${ISSUER}/device`,
          carrier: "body",
          pairs: [
            { name: "user_code", value: code },
            { name: "username", value: "alice" },
            { name: "password", value: "wonderland" },
            { name: "decision", value: "allow" },
          ],
          authorizationAdded: "benign",
          fields: {
            // RFC 8628 §6.1: the code is compared case-insensitively, without the dash (DESIGN: normalised).
            user_code: rule("invalid", "invalid", "unknown", [
              { value: code.toLowerCase(), effect: "benign" },
              { value: letters, effect: "benign" },
              { value: ` ${code} `, effect: "benign" },
              { value: `${letters.slice(0, 4)} ${letters.slice(4)}`, effect: "benign" },
              { value: `${otherLetter}${letters.slice(1)}`, effect: "invalid" },
              { value: letters.slice(0, 7), effect: "invalid" },
              { value: `${letters}B`, effect: "invalid" },
            ]),
            username: USERNAME_RULE,
            password: PASSWORD_RULE,
            decision: DECISION_RULE,
          },
        };
        const built = await build(scenario, mutations);
        const response = await send(world, built);
        await checkHtml(response);
        if (response.status === 405) expect(built.method).not.toBe("POST");
        // What the device sees when it polls right after.
        const poll = await post(world, "/token", { grant_type: DEVICE_GRANT, device_code: device.device_code, client_id: "tv-app" });
        const pollBody = await checkJson(poll, { noStore: true });
        if (built.effect === "invalid") {
          expect(poll.status).toBe(400);
          expect(["authorization_pending", "access_denied"]).toContain(pollBody.error);
        }
        if (built.effect === "benign") {
          expect(response.status).toBe(200);
          expect(poll.status).toBe(200);
          expect(typeof pollBody.access_token).toBe("string");
        }
      }),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});

// ---------------------------------------------------------------------------------------------

type RsAuthorization =
  | { kind: "keep" }
  | { kind: "drop" }
  | { kind: "schemeCase"; scheme: string }
  | { kind: "spaces"; count: number }
  | { kind: "flip"; segment: number; position: number; char: number }
  | { kind: "truncate"; position: number }
  | { kind: "otherScheme"; scheme: string }
  | { kind: "raw"; value: string }
  | { kind: "bearerRaw"; value: string }
  | { kind: "bare" }
  | { kind: "twoTokens" }
  | { kind: "otherToken" };

const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const rsAuthorization: fc.Arbitrary<RsAuthorization> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "keep" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "drop" as const }) },
  { weight: 1, arbitrary: fc.constantFrom("bearer", "BEARER", "bEaReR").map((scheme) => ({ kind: "schemeCase" as const, scheme })) },
  { weight: 1, arbitrary: fc.integer({ min: 2, max: 5 }).map((count) => ({ kind: "spaces" as const, count })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("flip" as const), segment: fc.nat(), position: fc.nat(), char: fc.nat() }) },
  { weight: 1, arbitrary: fc.nat().map((position) => ({ kind: "truncate" as const, position })) },
  { weight: 1, arbitrary: fc.constantFrom("Basic", "DPoP", "Token", "MAC", "Bearer:").map((scheme) => ({ kind: "otherScheme" as const, scheme })) },
  { weight: 1, arbitrary: latin1.map((value) => ({ kind: "raw" as const, value })) },
  { weight: 1, arbitrary: fc.oneof(latin1, fc.constantFrom("a b", "a,b", "%zz", "tok==x", "é", "<script>")).map((value) => ({ kind: "bearerRaw" as const, value })) },
  { weight: 1, arbitrary: fc.constant({ kind: "bare" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "twoTokens" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "otherToken" as const }) },
);

const RESOURCES = [
  { method: "GET", path: "/me", scope: "profile" },
  { method: "GET", path: "/orders", scope: "order:read" },
  { method: "GET", path: "/orders/items", scope: "order:items" },
  { method: "GET", path: "/inventory", scope: "inventory:read" },
  { method: "POST", path: "/inventory", scope: "inventory:write" },
  { method: "PUT", path: "/inventory/price", scope: "inventory:price:write" },
] as const;
/** What each token may do (DESIGN "Scope hierarchy"): alice's web-app token has profile order inventory:read. */
const ALLOWED = {
  alice: new Set(["GET /me", "GET /orders", "GET /orders/items", "GET /inventory"]),
  inventory: new Set(["GET /inventory", "POST /inventory", "PUT /inventory/price"]),
};

const rsPath = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constantFrom("/", "/me/", "/ME", "//me", "/me/..", "/me/../orders", "/me?x=1", "/me#f", "/%6De", "/me%zz", "/orders/items/", "/inventory/price/..", "/.well-known/oauth-authorization-server", "/\u00e9", "/<script>") },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 6 }), unsafeValue), { maxLength: 4 }).map((segments) => `/${segments.join("/")}`) },
);

function mutateToken(token: string, auth: Extract<RsAuthorization, { kind: "flip" | "truncate" }>): string {
  const segments = token.split(".");
  if (auth.kind === "truncate") {
    const at = auth.position % token.length;
    return token.slice(0, at) + token.slice(at + 1);
  }
  // Never the last character of a segment: its low bits may be unused, so a change there can decode to the same bytes.
  const index = auth.segment % segments.length;
  const segment = segments[index]!;
  if (segment.length < 2) return `${token}x`;
  const position = auth.position % (segment.length - 1);
  const current = segment[position]!;
  let replacement = B64URL[auth.char % B64URL.length]!;
  if (replacement === current) replacement = current === "A" ? "B" : "A";
  segments[index] = segment.slice(0, position) + replacement + segment.slice(position + 1);
  return segments.join(".");
}

describe("RFC 6750 §2.1, §3, §3.1 the resource server under mutation", () => {
  it(`grants access only with an unmodified valid token that has the scope; every refusal is a well-formed JSON error with its challenge (${RUNS} runs)`, async () => {
    const jwtWorld = await createWorld();
    const opaqueWorld = await createWorld({ accessTokenFormat: "opaque" });
    const tokens = {
      jwt: { alice: (await webAppTokens(jwtWorld)).access_token, inventory: (await inventoryTokens(jwtWorld)).access_token },
      opaque: { alice: (await webAppTokens(opaqueWorld)).access_token, inventory: (await inventoryTokens(opaqueWorld)).access_token },
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("jwt", "opaque" as const),
        fc.constantFrom("alice", "inventory" as const),
        fc.constantFrom(...RESOURCES),
        rsPath,
        rarely(method, 8),
        rsAuthorization,
        rarely(fc.constant(true), 10),
        rarely(anyValue, 6),
        async (format, holder, resource, pathOverride, methodOverride, auth, queryToken, body) => {
          const world = format === "jwt" ? jwtWorld : opaqueWorld;
          const otherHolder = holder === "alice" ? "inventory" : "alice";
          let token = tokens[format][holder];
          let effectiveHolder: "alice" | "inventory" = holder;
          let authorization: string | undefined = `Bearer ${token}`;
          let tokenState: "valid" | "invalid" | "malformed" | "none" = "valid";
          switch (auth.kind) {
            case "keep":
              break;
            case "drop":
              authorization = undefined;
              tokenState = "none";
              break;
            case "schemeCase":
              authorization = `${auth.scheme} ${token}`;
              break;
            case "spaces":
              authorization = `Bearer${" ".repeat(auth.count)}${token}`;
              break;
            case "flip":
            case "truncate":
              authorization = `Bearer ${mutateToken(token, auth)}`;
              tokenState = "invalid";
              break;
            case "otherScheme":
              authorization = `${auth.scheme} ${token}`;
              tokenState = "none";
              break;
            case "raw":
              authorization = auth.value;
              tokenState = "malformed";
              break;
            case "bearerRaw":
              authorization = `Bearer ${auth.value}`;
              tokenState = "malformed";
              break;
            case "bare":
              authorization = "Bearer";
              tokenState = "malformed";
              break;
            case "twoTokens":
              authorization = `Bearer ${token}, Bearer ${tokens[format][otherHolder]}`;
              tokenState = "malformed";
              break;
            case "otherToken":
              token = tokens[format][otherHolder];
              effectiveHolder = otherHolder;
              authorization = `Bearer ${token}`;
              break;
          }
          const path = pathOverride ?? resource.path;
          const query = queryToken ? `${path.includes("?") ? "&" : "?"}access_token=${tokens[format][holder]}` : "";
          const url = new URL(`${API}${path.startsWith("/") ? path : `/${path}`}${query}`);
          const requestMethod = methodOverride ?? resource.method;
          const finalMethod = normaliseMethod(requestMethod);
          const init: RequestInit = { method: requestMethod, headers: authorization === undefined ? {} : { Authorization: authorization } };
          if (body !== undefined && !SAFE_METHODS.has(finalMethod)) init.body = body;
          const response = await world.fetch(url, init);

          expect(response.status).toBeLessThan(500);
          if (finalMethod === "OPTIONS") {
            expect(response.status).toBe(204);
            return;
          }
          const target = RESOURCES.find((candidate) => candidate.path === url.pathname && candidate.method === finalMethod);
          const json = await readJson(response);
          const challenge = response.headers.get("www-authenticate");
          if (response.status < 300) {
            // Access only for an existing resource, a valid unmodified token, and the scope it needs.
            expect(target).toBeDefined();
            expect(tokenState).toBe("valid");
            expect(ALLOWED[effectiveHolder].has(`${target!.method} ${target!.path}`)).toBe(true);
            return;
          }
          if (response.status === 401 && json.error === undefined) {
            // RFC 6750 §3.1: no credentials (or another scheme) — a bare challenge without an error code.
            expect(challenge).toBe('Bearer realm="https://api.example"');
            expect(typeof json.error_description).toBe("string");
            expect(tokenState).not.toBe("valid");
          } else {
            expect(typeof json.error).toBe("string");
            expect(json.error).toMatch(ERROR_TEXT);
            if ([400, 401, 403].includes(response.status)) {
              expect(challenge).toMatch(new RegExp(`^Bearer realm="https://api\\.example", error="${json.error as string}", error_description="[^"]*"`));
              expect({ 400: "invalid_request", 401: "invalid_token", 403: "insufficient_scope" }[response.status as 400 | 401 | 403]).toBe(json.error);
            }
            if (response.status === 403) expect(challenge).toContain(`scope="${target?.scope}"`);
          }
          if (target && tokenState === "valid") {
            // A valid token gets the resource or, without the scope, 403 (RFC 6750 §3.1).
            const allowed = ALLOWED[effectiveHolder].has(`${target.method} ${target.path}`);
            expect(response.status).toBe(allowed ? 200 : 403);
          }
          if (target && tokenState === "invalid") expect(response.status).toBe(401);
          if (target && tokenState === "none") expect(response.status).toBe(401);
          if (!RESOURCES.some((candidate) => candidate.path === url.pathname)) expect(response.status).toBe(404);
        },
      ),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);
});

// ---------------------------------------------------------------------------------------------

const AS_PATHS = [
  "/.well-known/oauth-authorization-server",
  "/jwks.json",
  "/token",
  "/revoke",
  "/introspect",
  "/device_authorization",
  "/authorize",
  "/device",
];

describe("RFC 8414 §3 metadata, RFC 7517 JWKS, and any other path or method", () => {
  it(`answers every method on every path without failing; metadata and JWKS are JSON, unknown paths a JSON 404 (${RUNS} runs)`, async () => {
    const world = await createWorld();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(ISSUER, API),
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...AS_PATHS) },
          { weight: 1, arbitrary: fc.constantFrom("/.well-known/oauth-authorization-server/x", "/.well-known/openid-configuration", "/JWKS.JSON", "//jwks.json", "/jwks.json/", "/%zz", "/%2e%2e/jwks.json", "/jwks.json%00", "/") },
          { weight: 2, arbitrary: fc.array(fc.oneof(fc.string({ maxLength: 6 }), unsafeValue), { maxLength: 4 }).map((segments) => `/${segments.join("/")}`) },
        ),
        fc.oneof({ weight: 3, arbitrary: fc.constant("GET") }, { weight: 2, arbitrary: method }),
        rarely(extraHeader, 3),
        rarely(latin1.map((value) => ["Authorization", value] as [string, string]), 4),
        async (origin, path, requestMethod, header, authorization) => {
          world.clock.advance(PAST_LOCKOUT);
          const headers = new Headers();
          if (header) headers.set(header[0], header[1]);
          if (authorization) headers.set(authorization[0], authorization[1]);
          const url = new URL(`${origin}${path}`);
          const finalMethod = normaliseMethod(requestMethod);
          const response = await world.fetch(url, { method: requestMethod, headers });
          expect(response.status).toBeLessThan(500);
          const pathname = url.pathname;
          const isAs = origin === ISSUER;
          if (isAs && (pathname === "/authorize" || pathname === "/device")) {
            await checkHtml(response);
            return;
          }
          if (finalMethod === "OPTIONS" && response.status === 204) return;
          if (!isAs && response.status === 401) {
            // RFC 6750 §3.1: a resource request without a Bearer token — the bare challenge.
            expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm="https:\/\/api\.example"/);
            await readJson(response);
            return;
          }
          if (isAs && (pathname === AS_PATHS[0] || pathname === AS_PATHS[1]) && !SAFE_METHODS.has(finalMethod)) {
            // RFC 9110 §15.5.6: 405 with Allow. (Its empty body is tested on its own below.)
            expect(response.status).toBe(405);
            expect(response.headers.get("allow")).toBe("GET, HEAD");
            return;
          }
          const body = await checkJson(response);
          if (isAs && pathname === AS_PATHS[0]) {
            expect(response.status).toBe(200);
            expect(body.issuer).toBe(ISSUER);
            expect(body.token_endpoint).toBe(`${ISSUER}/token`);
          } else if (isAs && pathname === AS_PATHS[1]) {
            expect(response.status).toBe(200);
            const keys = body.keys as Record<string, unknown>[];
            expect(keys).toHaveLength(1);
            // Only the public half is published: no private members (RFC 7518 §6.3.2).
            for (const member of ["d", "p", "q", "dp", "dq", "qi"]) expect(keys[0]).not.toHaveProperty(member);
          } else if (isAs && !AS_PATHS.includes(pathname)) {
            expect(response.status).toBe(404);
            expect(body.error).toBe("not_found");
          } else if (!isAs && !RESOURCES.some((resource) => resource.path === pathname)) {
            expect(response.status).toBe(404);
          } else if (isAs) {
            // A token-style endpoint reached without a form: never a success.
            expect(response.status).toBeGreaterThanOrEqual(400);
          }
        },
      ),
      { numRuns: RUNS },
    );
  }, PROPERTY_TIMEOUT);

  it("answers a non-GET request to the metadata and JWKS endpoints with a JSON error, like every other AS error", async () => {
    const world = await createWorld();
    for (const path of ["/.well-known/oauth-authorization-server", "/jwks.json"]) {
      const response = await world.fetch(`${ISSUER}${path}`, { method: "POST" });
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD");
      await checkJson(response);
    }
  });
});
