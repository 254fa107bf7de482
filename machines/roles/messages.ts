/**
 * What travels between role actors: HTTP requests and responses (recorded as plain data so the
 * trace can hold them), and local computations. Every message goes through the wire.
 */
import type { RequestEdit } from "../tamper";
import type { Artifact, ArtifactKind, Channel, Check, Knowledge, RecordedRequest, RecordedResponse, RoleId } from "../trace";

export interface WireMessage {
  /** The trace step id this message becomes. */
  readonly id: string;
  readonly from: RoleId;
  readonly to: RoleId;
  readonly channel: Channel;
  readonly request?: RecordedRequest;
  readonly response?: RecordedResponse;
  /** Values computed locally (a PKCE pair, a state) that travel in no HTTP message. */
  readonly computed?: readonly Artifact[];
  readonly checks?: readonly Check[];
  /** Seconds of simulated time that pass before this message is delivered (a wait, a poll interval). */
  readonly wait?: number;
  /** A link handed to a person or app (a lure in a phishing mail, a URL read from the address bar). */
  readonly link?: string;
  /** The learner's edits to this message's request, applied just before delivery (tampering). */
  readonly edited?: readonly RequestEdit[];
}

export type DeliverEvent = { type: "DELIVER"; message: WireMessage };
export type WireSendEvent = { type: "WIRE.SEND"; message: WireMessage };
/** Deliver the next message; `edited` is the learner's edited version of it, delivered in its place (tampering). */
export type WireStepEvent = { type: "WIRE.STEP"; edited?: WireMessage };
/** A server's answer to the request it was just delivered. */
export type WireReplyEvent = { type: "WIRE.REPLY"; message: WireMessage };

export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

export async function recordRequest(request: Request): Promise<RecordedRequest> {
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
  return { method: request.method, url: request.url, headers: [...request.headers], ...(body ? { body } : {}) };
}

export async function recordResponse(response: Response): Promise<RecordedResponse> {
  const body = await response.text();
  return { status: response.status, headers: [...response.headers], ...(body ? { body } : {}) };
}

export function toRequest(recorded: RecordedRequest): Request {
  return new Request(recorded.url, { method: recorded.method, headers: [...recorded.headers.map(([k, v]) => [k, v] as [string, string])], body: recorded.body });
}

export function header(message: { headers: readonly (readonly [string, string])[] }, name: string): string | undefined {
  const lower = name.toLowerCase();
  return message.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

export function formRequest(url: string, fields: Record<string, string> | readonly (readonly [string, string])[], headers: Record<string, string> = {}): RecordedRequest {
  return {
    method: "POST",
    url,
    headers: Object.entries({ "content-type": "application/x-www-form-urlencoded", ...headers }),
    body: new URLSearchParams(fields as Record<string, string> | [string, string][]).toString(),
  };
}

export function getRequest(url: string, headers: Record<string, string> = {}): RecordedRequest {
  return { method: "GET", url, headers: Object.entries(headers) };
}

export function redirectTo(location: string, status = 302): RecordedResponse {
  return { status, headers: [["location", location]] };
}

export function htmlPage(status: number, html: string): RecordedResponse {
  return { status, headers: [["content-type", "text/html; charset=utf-8"]], body: html };
}

export function jsonBody(response: RecordedResponse): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(response.body ?? "");
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The query or fragment parameters of a URL. */
export function urlParams(url: string): { query: URLSearchParams; fragment: URLSearchParams } {
  const parsed = new URL(url);
  return { query: parsed.searchParams, fragment: new URLSearchParams(parsed.hash.slice(1)) };
}

const CARRIED: readonly ArtifactKind[] = [
  "state",
  "code_verifier",
  "code_challenge",
  "code",
  "access_token",
  "refresh_token",
  "device_code",
  "user_code",
  "client_secret",
  "password",
  "iss",
  "error",
];

function fromParams(params: URLSearchParams, where: string): Artifact[] {
  return CARRIED.flatMap((kind) => params.getAll(kind).filter(Boolean).map((value) => ({ kind, value, where })));
}

/** Every artifact a message carries, wherever it travels: URL, form, JSON body or header. */
export function artifactsOf(message: WireMessage): Artifact[] {
  const found: Artifact[] = [...(message.computed ?? [])];
  const { request, response, link } = message;
  if (link) {
    const { query, fragment } = urlParams(link);
    found.push(...fromParams(query, "query"), ...fromParams(fragment, "fragment"));
  }
  if (request) {
    const { query, fragment } = urlParams(request.url);
    found.push(...fromParams(query, "query"), ...fromParams(fragment, "fragment"));
    if (request.body && header(request, "content-type")?.includes("x-www-form-urlencoded")) {
      found.push(...fromParams(new URLSearchParams(request.body), "form"));
    }
    const authorization = header(request, "authorization");
    if (authorization && /^bearer /i.test(authorization)) found.push({ kind: "access_token", value: authorization.slice(7).trim(), where: "header" });
    if (authorization && /^basic /i.test(authorization)) {
      const decoded = safeAtob(authorization.slice(6).trim());
      const secret = decoded?.slice(decoded.indexOf(":") + 1);
      if (secret) found.push({ kind: "client_secret", value: decodeURIComponent(secret.replace(/\+/g, " ")), where: "header" });
    }
  }
  if (response) {
    const location = header(response, "location");
    if (location) {
      const { query, fragment } = urlParams(location);
      found.push(...fromParams(query, "query"), ...fromParams(fragment, "fragment"));
    }
    const json = jsonBody(response);
    for (const kind of CARRIED) {
      const value = json[kind];
      if (typeof value === "string") found.push({ kind, value, where: "json" });
    }
  }
  // One entry per kind and value: a token in two places is still one artifact.
  return found.filter((artifact, index) => found.findIndex((other) => other.kind === artifact.kind && other.value === artifact.value) === index);
}

function safeAtob(text: string): string | undefined {
  try {
    return atob(text);
  } catch {
    return undefined;
  }
}

/** Add what a role has just seen to what it knows. */
export function learn(knows: Knowledge, artifacts: readonly Artifact[]): Knowledge {
  const next: Partial<Record<ArtifactKind, readonly string[]>> = { ...knows };
  for (const { kind, value } of artifacts) {
    if (kind === "error" || kind === "iss") continue;
    const values = next[kind] ?? [];
    if (!values.includes(value)) next[kind] = [...values, value];
  }
  return next;
}

/** The event that hands a message to the wire. */
export function wireSend(message: WireMessage): WireSendEvent {
  return { type: "WIRE.SEND", message };
}
