/**
 * A recorded HTTP message as a developer reads it: the raw message text (RFC 9112 §3, §4), a
 * `curl` command that sends the same request, and the request a response answers. Pure functions
 * of the trace.
 */
import type { RecordedRequest, RecordedResponse, Trace, TraceStep } from "./trace";
import { REASON_PHRASES } from "./http-status";

/**
 * One argument for a POSIX shell: wrapped in single quotes, inside which nothing is special, and
 * each single quote written as `'\''` (close, escaped quote, reopen).
 */
export function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The request as a curl command: `-i` to print the response's status line and headers, `-X` for
 * any method but GET, one `-H` per recorded header, the body as `--data-raw` (no `@file` magic).
 * No `--location`: each redirect is a step of its own in the simulator. The first line holds the
 * method and URL; each header and the body follow on a continuation line.
 */
export function toCurl(request: RecordedRequest): string {
  const method = request.method === "GET" ? "" : ` -X ${/^[A-Z]+$/.test(request.method) ? request.method : shellQuote(request.method)}`;
  const lines = [`curl -i${method} ${shellQuote(request.url)}`];
  for (const [name, value] of request.headers) lines.push(`-H ${shellQuote(`${name}: ${value}`)}`);
  if (request.body !== undefined) lines.push(`--data-raw ${shellQuote(request.body)}`);
  return lines.join(" \\\n  ");
}

export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? "";
}

/** The request line in absolute form (RFC 9112 §3.2.2), so the recorded URL is shown whole. */
export function requestLine(request: RecordedRequest): string {
  return `${request.method} ${request.url} HTTP/1.1`;
}

export function statusLine(response: RecordedResponse): string {
  return `HTTP/1.1 ${response.status} ${reasonPhrase(response.status)}`.trimEnd();
}

export function headerValue(message: { readonly headers: readonly (readonly [string, string])[] }, name: string): string | undefined {
  const lower = name.toLowerCase();
  return message.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

export type BodyKind = "json" | "form" | "html" | "text";

export function bodyKind(message: { readonly headers: readonly (readonly [string, string])[]; readonly body?: string }): BodyKind {
  const type = (headerValue(message, "content-type") ?? "").toLowerCase();
  if (type.includes("json")) return "json";
  if (type.startsWith("application/x-www-form-urlencoded")) return "form";
  if (type.startsWith("text/html")) return "html";
  return "text";
}

/** The body for reading: JSON indented by two spaces; anything else (HTML too) exactly as recorded. */
export function prettyBody(message: { readonly headers: readonly (readonly [string, string])[]; readonly body?: string }): string | undefined {
  const { body } = message;
  if (body === undefined || body === "") return undefined;
  if (bodyKind(message) !== "json") return body;
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The parameters a message carries in a URL query or fragment, or a form body, decoded. */
export interface DecodedParameters {
  readonly source: string;
  readonly entries: readonly (readonly [string, string])[];
}

function urlParameters(url: string, label: string): DecodedParameters[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [];
  }
  const found: DecodedParameters[] = [];
  const query = [...parsed.searchParams.entries()];
  if (query.length > 0) found.push({ source: `${label} query`, entries: query });
  const fragment = [...new URLSearchParams(parsed.hash.slice(1)).entries()];
  if (fragment.length > 0) found.push({ source: `${label} fragment`, entries: fragment });
  return found;
}

export function requestParameters(request: RecordedRequest): DecodedParameters[] {
  const found = urlParameters(request.url, "URL");
  if (request.body && bodyKind(request) === "form") {
    found.push({ source: "form body", entries: [...new URLSearchParams(request.body).entries()] });
  }
  return found;
}

export function responseParameters(response: RecordedResponse): DecodedParameters[] {
  const location = headerValue(response, "location");
  return location ? urlParameters(location, "Location") : [];
}

/**
 * The request a response step answers: the latest earlier step with a request sent by the
 * responder's counterpart to the responder (a token response answers the token request).
 */
export function requestAnsweredBy(trace: Trace, index: number): TraceStep | undefined {
  const step = trace.steps[index];
  if (!step?.response || step.request) return undefined;
  for (let i = index - 1; i >= 0; i--) {
    const earlier = trace.steps[i];
    if (earlier?.request && !earlier.response && earlier.from === step.to && earlier.to === step.from) return earlier;
  }
  return undefined;
}

/** The step that answers a request step: the first later response its requests' pairing leads back to it. */
export function responseTo(trace: Trace, index: number): TraceStep | undefined {
  const step = trace.steps[index];
  if (!step?.request || step.response) return undefined;
  for (let i = index + 1; i < trace.steps.length; i++) {
    const later = trace.steps[i];
    if (later?.response && !later.request && later.from === step.to && later.to === step.from) {
      return requestAnsweredBy(trace, i)?.index === index ? later : undefined;
    }
  }
  return undefined;
}
