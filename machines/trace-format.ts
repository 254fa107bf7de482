/**
 * A trace as something to read: a mermaid sequence diagram (the site's whole-flow diagram, the
 * CLI's `--format mermaid`) and a numbered plain-text step list (the CLI's default). Both are
 * derived from the recorded trace only (DESIGN invariant 3) and are pure functions of it.
 */
import type { Check, RecordedRequest, RecordedResponse, RoleId, RoleOutcome, Trace, TraceStep } from "./trace";
import { ROLE_NAMES } from "./trace";
import { REASON_PHRASES } from "./http-status";

function roleName(role: RoleId): string {
  return (ROLE_NAMES as Readonly<Record<string, string>>)[role] ?? role;
}

function headerOf(message: { readonly headers: readonly (readonly [string, string])[] }, name: string): string | undefined {
  const lower = name.toLowerCase();
  return message.headers.find(([key]) => key.toLowerCase() === lower)?.[1];
}

function statusLine(response: RecordedResponse): string {
  const reason = REASON_PHRASES[response.status];
  return reason ? `${response.status} ${reason}` : String(response.status);
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * A URL short enough for a diagram arrow: origin and path, then the names (not the values) of its
 * query and fragment parameters. Text that is not a URL is returned as it is.
 */
export function shortUrl(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed) return url;
  // Name at most three parameters, so a long authorization request keeps the diagram readable.
  const names = (params: URLSearchParams) => {
    const keys = [...new Set(params.keys())];
    return keys.length > 4 ? `${keys.slice(0, 3).join("&")}&…` : keys.join("&");
  };
  const query = parsed.search ? `?${names(parsed.searchParams)}` : "";
  const fragment = parsed.hash ? `#${names(new URLSearchParams(parsed.hash.slice(1)))}` : "";
  return `${parsed.origin}${parsed.pathname}${query}${fragment}`;
}

/** The OAuth error a step carries: an error status, an `error` parameter or JSON member, a WWW-Authenticate error. */
export function stepError(step: TraceStep): string | undefined {
  const fromUrl = (url: string | undefined) => {
    const parsed = url ? parseUrl(url) : undefined;
    if (!parsed) return undefined;
    return parsed.searchParams.get("error") ?? new URLSearchParams(parsed.hash.slice(1)).get("error") ?? undefined;
  };
  const { request, response } = step;
  if (response) {
    let json: unknown;
    try {
      json = JSON.parse(response.body ?? "");
    } catch {
      json = undefined;
    }
    const fromJson = typeof json === "object" && json !== null && typeof (json as { error?: unknown }).error === "string" ? (json as { error: string }).error : undefined;
    const challenge = headerOf(response, "www-authenticate");
    const fromChallenge = challenge ? /error="([^"]*)"/.exec(challenge)?.[1] : undefined;
    const found = fromJson ?? fromChallenge ?? fromUrl(headerOf(response, "location"));
    if (found) return found;
    if (response.status >= 400) return statusLine(response);
  }
  return fromUrl(request?.url) ?? fromUrl(step.link);
}

/** The HTTP summary of a step: its request line, its status and redirect target, or the link handed over. */
function httpSummary(step: TraceStep): string | undefined {
  if (step.request) return `${step.request.method} ${shortUrl(step.request.url)}`;
  if (step.response) {
    const location = headerOf(step.response, "location");
    return location ? `${statusLine(step.response)} → ${shortUrl(location)}` : statusLine(step.response);
  }
  if (step.link) return `link ${shortUrl(step.link)}`;
  return undefined;
}

function checkLine(check: Check): string {
  if (check.passed) return `✓ ${check.label}`;
  const compared = check.expected !== undefined || check.actual !== undefined ? ` (expected ${check.expected ?? "?"}, got ${check.actual ?? "?"})` : "";
  return `✗ ${check.label}${compared}`;
}

function outcomeLine(outcome: RoleOutcome): string {
  return `${outcome.kind === "resource" ? "✓" : "✗"} ${outcome.kind} ${outcome.result}: ${outcome.summary}`;
}

// ---------------------------------------------------------------------------------------------
// mermaid

/** Characters a label may not hold as they are, as mermaid entity codes. */
const MERMAID_ENTITIES: Readonly<Record<string, string>> = {
  "#": "#35;",
  ";": "#59;",
  "%": "#37;",
  "&": "#amp;",
  '"': "#quot;",
  "<": "#lt;",
  ">": "#gt;",
  "\uFB02": "#64258;",
  "\u00B6": "#182;",
};

/**
 * Text made safe for a mermaid sequence diagram label. Message and note text runs to the end of the
 * line and may not hold `#` or `;`; `%%{` would start a directive; `<` `>` would be HTML. Each of
 * these becomes a mermaid entity code (`#35;`, `#59;`, `#lt;` …), which mermaid decodes when it
 * draws, so the learner sees the original characters. Line breaks and control characters become
 * spaces: one label, one line.
 *
 * mermaid's entity pre-pass has quirks that are defused too: it marks entities with `ﬂ°` and `¶ß`
 * (so those characters are entities themselves); it drops the `;` of a line matching
 * `style…:…#…;` or `classDef…:…#…;` (so those words get one letter as an entity); and it reads a
 * leading `wrap:` as a layout hint.
 */
export function escapeMermaid(text: string): string {
  return text
    .replace(/[#;%&"<>\uFB02\u00B6]/g, (char) => MERMAID_ENTITIES[char]!)
    .replace(/style/g, "styl#101;")
    .replace(/classDef/g, "classD#101;f")
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .trim()
    .replace(/^((?:no)?wrap):/i, "$1#58;");
}

/** mermaid's own line break inside a label. */
const BREAK = "<br/>";

/** A participant id mermaid accepts: letters, digits and underscores. */
function participant(role: RoleId): string {
  const id = role.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[A-Za-z_]/.test(id) ? id : `r_${id}`;
}

/**
 * The arrow of a step: back channel solid (`->>`), front channel dashed (`-->>`); a link handed over
 * outside HTTP is an open async arrow (`--)`); an error answer ends in a cross (`-x`, `--x`).
 */
function arrowOf(step: TraceStep, failed: boolean): string {
  const dashed = step.channel !== "back";
  if (failed) return dashed ? "--x" : "-x";
  if (!step.request && !step.response && step.link) return "--)";
  return dashed ? "-->>" : "->>";
}

function noteOver(roles: readonly RoleId[], lines: readonly string[]): string {
  const over = [...new Set(roles)].map(participant).join(",");
  return `  Note over ${over}: ${lines.map(escapeMermaid).join(BREAK)}`;
}

/**
 * The trace as a mermaid `sequenceDiagram`: one participant per role in `trace.roles` order, one
 * arrow (or, for a local step, one note) per step, failed checks and error answers marked with ✗
 * and a red band, and each role's outcome in a closing note.
 */
export function toMermaid(trace: Trace): string {
  const lines = ["sequenceDiagram"];
  for (const role of trace.roles) lines.push(`  participant ${participant(role)} as ${escapeMermaid(roleName(role))}`);
  for (const step of trace.steps) {
    const error = stepError(step);
    const failedChecks = step.checks.some((check) => !check.passed);
    const marked = error !== undefined || failedChecks;
    const heading = `${step.index + 1}. ${error !== undefined ? "✗ " : ""}${step.title}${step.waited ? ` (after ${step.waited} s)` : ""}`;
    const summary = httpSummary(step);
    const body: string[] = [];
    if (marked) body.push("  rect rgb(255, 228, 228)");
    if (step.channel === "local" || step.from === step.to) {
      body.push(noteOver([step.from, step.to], [heading, ...(summary ? [summary] : []), ...step.checks.map(checkLine)]));
    } else {
      const label = [heading, ...(summary ? [summary] : []), ...(error !== undefined && !summary?.includes(error) ? [`error: ${error}`] : [])];
      body.push(`  ${participant(step.from)}${arrowOf(step, error !== undefined)}${participant(step.to)}: ${label.map(escapeMermaid).join(BREAK)}`);
      if (step.checks.length > 0) body.push(noteOver([...new Set(step.checks.map((check) => check.by))], step.checks.map(checkLine)));
    }
    if (marked) body.push("  end");
    lines.push(...body);
  }
  for (const outcome of trace.outcomes) lines.push(noteOver([outcome.role], [outcomeLine(outcome)]));
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// text

/** Control characters (an escape sequence in a hostile URL) shown as code points, never sent to a terminal. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function requestLines(request: RecordedRequest): string[] {
  const lines = [`${request.method} ${request.url}`];
  const authorization = headerOf(request, "authorization");
  if (authorization) lines.push(`Authorization: ${authorization}`);
  if (request.body) lines.push(`body: ${request.body}`);
  return lines;
}

function responseLines(response: RecordedResponse): string[] {
  const lines = [`HTTP ${statusLine(response)}`];
  const location = headerOf(response, "location");
  if (location) lines.push(`Location: ${location}`);
  const challenge = headerOf(response, "www-authenticate");
  if (challenge) lines.push(`WWW-Authenticate: ${challenge}`);
  return lines;
}

/**
 * The trace as a numbered step list: each step's title and id, who talks to whom on which channel,
 * the RFC section, the HTTP request line or status, the artifacts it carries and the checks made,
 * then each role's outcome.
 */
export function toText(trace: Trace): string {
  const out: string[] = [];
  out.push(`${trace.flow} · ${trace.scenario} · seed ${JSON.stringify(trace.seed)}`);
  out.push(`Roles: ${trace.roles.map(roleName).join(", ")}`);
  out.push("");
  const width = String(trace.steps.length).length;
  const indent = " ".repeat(width + 2);
  for (const step of trace.steps) {
    const error = stepError(step);
    out.push(`${String(step.index + 1).padStart(width)}. ${error !== undefined ? "✗ " : ""}${step.title}  [${step.id}]`);
    const route = step.from === step.to ? `${step.from} (local)` : `${step.from} → ${step.to} · ${step.channel} channel`;
    out.push(`${indent}${route} · RFC ${step.reference.rfc} §${step.reference.section}${step.waited ? ` · after ${step.waited} s` : ""}`);
    const details: string[] = [];
    if (step.link) details.push(`link: ${step.link}`);
    if (step.request) details.push(...requestLines(step.request));
    if (step.response) details.push(...responseLines(step.response));
    if (error !== undefined && !step.response) details.push(`error: ${error}`);
    const computed = step.artifacts.filter((artifact) => artifact.where === "computed");
    for (const artifact of computed) details.push(`${artifact.kind} = ${artifact.value}`);
    const carried = step.artifacts.filter((artifact) => artifact.where !== "computed");
    if (carried.length > 0) details.push(`carries: ${carried.map((artifact) => `${artifact.kind} (${artifact.where})`).join(", ")}`);
    details.push(...step.checks.map(checkLine));
    for (const line of details) out.push(`${indent}${line}`);
  }
  out.push("");
  out.push("Outcomes:");
  if (trace.outcomes.length === 0) out.push("  (no role reached an end)");
  for (const outcome of trace.outcomes) out.push(`  ${roleName(outcome.role)}: ${outcomeLine(outcome)}`);
  return `${printable(out.join("\n"))}\n`;
}
