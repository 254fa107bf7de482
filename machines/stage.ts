/**
 * What the flow page's stage and mock browser show for a trace at a step: the lanes, each message
 * as an arrow between them, whether it failed, and what the resource owner's browser displays.
 * Pure functions of the trace, so the components only present them (STYLE rule 6).
 */
import { pageAlert, pageHeading, readForm } from "./roles/html-form";
import type { Artifact, ArtifactKind, RoleId, Trace, TraceStep } from "./trace";
import { REASON_PHRASES } from "./http-status";

/** Lanes left to right: the browser at the edge, then the client, the servers, and the attacker last. */
export const LANE_ORDER: readonly RoleId[] = ["resourceOwner", "client", "authorizationServer", "resourceServer", "attacker"];

/** The flows whose consent page a learner can change: the resource owner's ticks reach the server. */
export const GRANTABLE_FLOWS: readonly string[] = ["authorization-code", "authorization-code-pkce", "implicit", "refresh-token", "device-code"];

export function involvesAttacker(trace: Trace): boolean {
  return trace.steps.some((step) => step.from === "attacker" || step.to === "attacker");
}

/** The lanes of the stage: the flow's roles in lane order; the attacker only when a step involves it. */
export function stageLanes(trace: Trace): RoleId[] {
  const attacker = involvesAttacker(trace);
  return LANE_ORDER.filter((role) => (role === "attacker" ? attacker : trace.roles.includes(role)));
}

export interface Arrow {
  /** Lane indices (0-based). */
  readonly from: number;
  readonly to: number;
  readonly direction: "right" | "left" | "self";
  /** The lanes the message's label spans, first and last (inclusive). */
  readonly span: readonly [number, number];
}

export function arrowOf(step: TraceStep, lanes: readonly RoleId[]): Arrow {
  const from = Math.max(0, lanes.indexOf(step.from));
  const to = Math.max(0, lanes.indexOf(step.to));
  if (from === to) {
    const first = Math.max(0, from - 1);
    const last = Math.min(lanes.length - 1, from + 1);
    return { from, to, direction: "self", span: [first, last] };
  }
  return { from, to, direction: to > from ? "right" : "left", span: [Math.min(from, to), Math.max(from, to)] };
}

/**
 * The words on a front-channel arrow: "via browser" for what the browser carries (redirects,
 * pages, forms), "on screen" for what a device shows, "outside HTTP" for a link handed over or a
 * URL read (a lure, an intercepted redirect, a script reading the address bar).
 */
export function channelTag(step: TraceStep): string | undefined {
  if (step.channel !== "front") return undefined;
  if (step.link && !step.request && !step.response) return "outside HTTP";
  if (step.link && step.response && !step.response.headers.some(([name]) => name.toLowerCase() === "location")) return "on screen";
  return "via browser";
}

export function statusText(status: number): string {
  return `${status} ${REASON_PHRASES[status] ?? ""}`.trim();
}

export function header(headers: readonly (readonly [string, string])[] | undefined, name: string): string | undefined {
  return headers?.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
}

function isHtml(step: TraceStep): boolean {
  return /text\/html/i.test(header(step.response?.headers, "content-type") ?? "");
}

/** `https://host/path?query#fragment` → `host/path`, for short labels. */
export function shortUrl(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)([^?#]*)/i.exec(url);
  return match ? `${match[1]}${match[2] || "/"}` : url;
}

/** One line for the message on the arrow: `GET webapp.example/login`, `302 Found → …/authorize`. */
export function messageSummary(step: TraceStep): string | undefined {
  if (step.request) return `${step.request.method} ${shortUrl(step.request.url)}`;
  if (step.response) {
    const location = header(step.response.headers, "location");
    return location ? `${statusText(step.response.status)} → ${shortUrl(location)}` : statusText(step.response.status);
  }
  if (step.link) return `link: ${shortUrl(step.link)}`;
  return undefined;
}

/** What went wrong in a step, as the RFC error code (or the check that failed) and its description. */
export interface StepProblem {
  readonly code: string;
  readonly description?: string;
}

/** RFC 8628 §3.5: answers that tell a polling device to wait, not that it failed. */
const WAIT_ERRORS = new Set(["authorization_pending", "slow_down"]);

function jsonError(body: string | undefined): StepProblem | undefined {
  if (!body || !body.trimStart().startsWith("{")) return undefined;
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    if (typeof parsed.error !== "string") return undefined;
    return { code: parsed.error, ...(typeof parsed.error_description === "string" ? { description: parsed.error_description } : {}) };
  } catch {
    return undefined;
  }
}

function challengeError(challenge: string | undefined): StepProblem | undefined {
  const code = challenge ? /error="([^"]*)"/.exec(challenge)?.[1] : undefined;
  if (!code) return undefined;
  const description = /error_description="([^"]*)"/.exec(challenge!)?.[1];
  return { code, ...(description ? { description } : {}) };
}

function queryError(url: string | undefined): StepProblem | undefined {
  if (!url) return undefined;
  const parts = url.split(/[?#]/).slice(1).join("&");
  const params = new URLSearchParams(parts);
  const code = params.get("error");
  if (!code) return undefined;
  const description = params.get("error_description");
  return { code, ...(description ? { description } : {}) };
}

export function stepProblem(step: TraceStep): StepProblem | undefined {
  const failed = step.checks.find((check) => !check.passed);
  if (failed) return { code: "check failed", description: failed.label };
  const response = step.response;
  if (response) {
    const fromBody = jsonError(response.body) ?? challengeError(header(response.headers, "www-authenticate"));
    if (fromBody) return fromBody;
    const fromRedirect = queryError(header(response.headers, "location"));
    if (fromRedirect) return fromRedirect;
    if (response.status >= 400) {
      const alert = isHtml(step) && response.body ? (pageAlert(response.body) ?? pageHeading(response.body)) : undefined;
      return { code: statusText(response.status), ...(alert ? { description: alert } : {}) };
    }
    return undefined;
  }
  const errorArtifact = step.artifacts.find((artifact) => artifact.kind === "error");
  if (errorArtifact) return queryError(step.request?.url ?? step.link) ?? { code: errorArtifact.value };
  return undefined;
}

export type Tone = "ok" | "error" | "wait";

/** ok, error (a refusal or a failed check), or wait (a polling device told to keep waiting). */
export function stepTone(step: TraceStep): Tone {
  const problem = stepProblem(step);
  if (!problem) return "ok";
  return WAIT_ERRORS.has(problem.code) ? "wait" : "error";
}

/** A value shortened for a chip or an address bar: the start, an ellipsis, the end. */
export function truncateMiddle(value: string, max = 14): string {
  if (value.length <= max) return value;
  const head = Math.ceil((max - 1) * 0.7);
  const tail = max - 1 - head;
  return `${value.slice(0, head)}…${tail > 0 ? value.slice(-tail) : ""}`;
}

/** Artifacts to show as chips, without repeating one that travels twice in the same message. */
export function chipsOf(step: TraceStep): Artifact[] {
  const seen = new Set<string>();
  return step.artifacts.filter((artifact) => {
    const key = `${artifact.kind}\u0000${artifact.value}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ——— The resource owner's browser ———

export interface ScopeChoice {
  readonly value: string;
  readonly checked: boolean;
}

export type BrowserPage =
  /** Nothing loaded yet. */
  | { readonly kind: "blank" }
  /** A request is on its way; the browser waits for the answer. */
  | { readonly kind: "loading"; readonly url: string; readonly method: string }
  /** A redirect: the browser is about to follow Location. */
  | { readonly kind: "redirect"; readonly status: number; readonly location: string }
  /** An HTML page, as its sender wrote it. */
  | { readonly kind: "page"; readonly html: string; readonly title: string; readonly status: number; readonly from: RoleId; readonly stepIndex: number }
  /** A link handed to the person outside HTTP (a lure in an email or a chat). */
  | { readonly kind: "link"; readonly link: string; readonly from: RoleId }
  /** The client's own page is open and its script reads the address (the implicit grant's fragment). */
  | { readonly kind: "script"; readonly url: string };

export interface BrowserView {
  /** The address bar; undefined when the page did not come from a URL (a device's own screen). */
  readonly url?: string;
  readonly page: BrowserPage;
  /** True when the current step happens in the browser. */
  readonly active: boolean;
  /** Someone other than the page's own script read the address bar in this step (an intercepting app, another script). */
  readonly readBy?: RoleId;
}

function withoutFragment(url: string): string {
  const hash = url.indexOf("#");
  return hash === -1 ? url : url.slice(0, hash);
}

/** Whether the resource owner's browser takes part in a step. */
export function touchesBrowser(step: TraceStep): boolean {
  return step.channel === "front" && (step.from === "resourceOwner" || step.to === "resourceOwner");
}

/** What the resource owner's browser shows once the step at `index` has happened. */
export function browserView(trace: Trace, index: number): BrowserView {
  let url: string | undefined;
  let page: BrowserPage = { kind: "blank" };
  let readBy: RoleId | undefined;
  const last = Math.min(index, trace.steps.length - 1);
  for (let i = 0; i <= last; i++) {
    const step = trace.steps[i]!;
    readBy = undefined;
    if (!touchesBrowser(step)) continue;
    if (step.from === "resourceOwner" && step.request) {
      // A browser keeps the fragment of the URL it was sent to; the request carries none (RFC 3986 §3.5).
      url = url !== undefined && withoutFragment(url) === step.request.url ? url : step.request.url;
      page = { kind: "loading", url: step.request.url, method: step.request.method };
    } else if (step.to === "resourceOwner" && step.response) {
      const location = header(step.response.headers, "location");
      if (location) {
        url = location;
        page = { kind: "redirect", status: step.response.status, location };
      } else if (step.response.body !== undefined && isHtml(step)) {
        if (page.kind !== "loading") url = undefined;
        const title = pageHeading(step.response.body) || /<title>([^<]*)<\/title>/i.exec(step.response.body)?.[1] || "";
        page = { kind: "page", html: step.response.body, title, status: step.response.status, from: step.from, stepIndex: i };
      }
    } else if (step.link && step.to === "resourceOwner") {
      page = { kind: "link", link: step.link, from: step.from };
    } else if (step.link && step.from === "resourceOwner") {
      // The page's own script, or someone else, reads the address bar.
      url = step.link;
      if (step.to === "client") page = { kind: "script", url: step.link };
      else readBy = step.to;
    }
  }
  const current = trace.steps[last];
  return { ...(url !== undefined ? { url } : {}), page, active: current ? touchesBrowser(current) : false, ...(readBy ? { readBy } : {}) };
}

export type PageView = Extract<BrowserPage, { kind: "page" }>;

/**
 * The HTML page the browser's frame should hold at `index`: the one shown now, else the last one
 * shown, else — when `ahead` — the next one to come. Keeping one frame loaded across steps means
 * stepping past a redirect does not tear the frame down and parse the page again, and loading the
 * first page ahead means the step that shows it does not wait for a frame. Not while the page
 * loads, though (`ahead` false): a sandboxed frame gets a renderer process of its own, and starting
 * one then held the page's first paint back by a second in Lighthouse's Chromium, one run in two.
 */
export function framePageAt(pages: readonly BrowserPage[], index: number, { ahead = false } = {}): PageView | undefined {
  for (let i = Math.min(index, pages.length - 1); i >= 0; i--) {
    const page = pages[i]!;
    if (page.kind === "page") return page;
  }
  return ahead ? pages.find((page): page is PageView => page.kind === "page") : undefined;
}

/** The scope checkboxes of an authorization server's consent page, or [] when it has none. */
export function scopeChoicesOf(html: string): ScopeChoice[] {
  const form = readForm(html);
  if (!form) return [];
  return form.checkboxes.filter((box) => box.name === "granted_scope").map((box) => ({ value: box.value, checked: box.checked }));
}

/** The scopes the person actually left ticked when they answered the page shown at `pageIndex`. */
export function submittedScopes(trace: Trace, pageIndex: number): string[] | undefined {
  const answer = trace.steps.slice(pageIndex + 1).find((step) => step.from === "resourceOwner" && step.request?.method === "POST");
  if (!answer?.request?.body) return undefined;
  return new URLSearchParams(answer.request.body).getAll("granted_scope").filter((scope) => scope !== "");
}

export type UrlPartKind = "scheme" | "host" | "path" | "punct" | "name" | "value";

export interface UrlPart {
  readonly text: string;
  readonly kind: UrlPartKind;
  /** Parameters worth pointing at: the code, the state, a token in the fragment, an error. */
  readonly highlight?: ArtifactKind;
  readonly inFragment?: boolean;
}

const HIGHLIGHTED: ReadonlySet<string> = new Set<ArtifactKind>(["code", "state", "access_token", "refresh_token", "error", "code_challenge", "user_code"]);

function paramParts(text: string, inFragment: boolean): UrlPart[] {
  const parts: UrlPart[] = [];
  text.split("&").forEach((pair, i) => {
    if (i > 0) parts.push({ text: "&", kind: "punct", ...(inFragment ? { inFragment } : {}) });
    const equals = pair.indexOf("=");
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const highlight = HIGHLIGHTED.has(name) ? (name as ArtifactKind) : undefined;
    const extra = { ...(highlight ? { highlight } : {}), ...(inFragment ? { inFragment } : {}) };
    parts.push({ text: name, kind: "name", ...extra });
    if (equals !== -1) {
      parts.push({ text: "=", kind: "punct", ...extra });
      parts.push({ text: pair.slice(equals + 1), kind: "value", ...extra });
    }
  });
  return parts;
}

/** An address split for display, with the code, state and fragment token marked. */
export function urlParts(url: string): UrlPart[] {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(url);
  if (!match) return [{ text: url, kind: "path" }];
  const [, scheme, host, path, query, fragment] = match;
  const parts: UrlPart[] = [
    { text: scheme!, kind: "scheme" },
    { text: host!, kind: "host" },
  ];
  if (path) parts.push({ text: path, kind: "path" });
  if (query !== undefined) {
    parts.push({ text: "?", kind: "punct" });
    parts.push(...paramParts(query, false));
  }
  if (fragment !== undefined) {
    parts.push({ text: "#", kind: "punct", inFragment: true });
    parts.push(...paramParts(fragment, true));
  }
  return parts;
}
