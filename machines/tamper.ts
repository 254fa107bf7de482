/**
 * Tampering: a learner edits a request before the wire delivers it — sets, adds or removes a
 * query parameter, a form parameter or a header — and the receiving role (a real mock server, or
 * the client at its callback) gets exactly the edited request. The rest of the flow re-runs from
 * the real answer. Everything here is pure: validating an edit, applying it to a recorded request,
 * and comparing an edited trace with the original one.
 */
import type { RecordedRequest, Trace, TraceStep } from "./trace";

/** Where in a request an edit applies. */
export type EditPlace = "query" | "form" | "header";
/** set: replace every occurrence with one value (or add it); add: append one more; remove: drop every occurrence. */
export type EditOp = "set" | "add" | "remove";

export const EDIT_PLACES: readonly EditPlace[] = ["query", "form", "header"];
export const EDIT_OPS: readonly EditOp[] = ["set", "add", "remove"];

export interface RequestEdit {
  /** The step whose request is edited: its index in the trace, i.e. the wire's delivery count (0-based). */
  readonly step: number;
  readonly where: EditPlace;
  readonly op: EditOp;
  readonly name: string;
  /** The new value (set, add); ignored by remove. */
  readonly value?: string;
}

/** An edit the run could not apply, and why. */
export interface RejectedEdit {
  readonly edit: RequestEdit;
  readonly reason: string;
}

/** Caps that keep a link short and a page readable; a longer value gets a clear message instead. */
export const MAX_EDIT_VALUE = 2000;
export const MAX_EDIT_NAME = 64;
export const MAX_EDITS = 12;

/** RFC 9110 §5.6.2: a header field name is a token. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Header values a Fetch Headers object accepts as they are: visible ASCII, space and tab (RFC 9110 §5.5). */
const HEADER_VALUE = /^[\t\x20-\x7E]*$/;

/** Why an edit cannot be sent as it is; undefined when it can. Never throws. */
export function editProblem(edit: RequestEdit): string | undefined {
  if (!Number.isInteger(edit.step) || edit.step < 0) return "An edit names a step by its number.";
  if (!EDIT_PLACES.includes(edit.where)) return `“${String(edit.where).slice(0, 20)}” is not a part of a request: use query, form or header.`;
  if (!EDIT_OPS.includes(edit.op)) return `“${String(edit.op).slice(0, 20)}” is not an edit: use set, add or remove.`;
  const name = String(edit.name ?? "");
  if (name === "") return "A parameter or header needs a name.";
  if (name.length > MAX_EDIT_NAME) return `The name is ${name.length} characters long; names are capped at ${MAX_EDIT_NAME}.`;
  if (name.includes("=")) return "A parameter name cannot contain “=”.";
  if (edit.where === "header" && !TOKEN.test(name)) return `“${name.slice(0, 40)}” is not a header name: header names are tokens (letters, digits and ! # $ % & ' * + - . ^ _ \` | ~), no spaces or colons.`;
  if (edit.op === "remove") return undefined;
  const value = edit.value ?? "";
  if (value.length > MAX_EDIT_VALUE) return `The value is ${value.length} characters long; edited values are capped at ${MAX_EDIT_VALUE}.`;
  if (edit.where === "header" && /[\r\n]/.test(value)) return "A header value cannot contain a line break (CR or LF): it would split the request (header injection).";
  if (edit.where === "header" && !HEADER_VALUE.test(value)) return "Header values here are plain ASCII text: remove the other characters.";
  return undefined;
}

function editParams(params: URLSearchParams, edit: RequestEdit): void {
  if (edit.op === "remove") params.delete(edit.name);
  else if (edit.op === "add") params.append(edit.name, edit.value ?? "");
  else if (params.has(edit.name)) {
    // Keep the parameter where it was; drop any repeats of it.
    const entries = [...params];
    const at = entries.findIndex(([key]) => key === edit.name);
    const next = entries.filter(([key], index) => key !== edit.name || index === at).map(([key, value]): [string, string] => (key === edit.name ? [key, edit.value ?? ""] : [key, value]));
    for (const key of new Set(entries.map(([key]) => key))) params.delete(key);
    for (const [key, value] of next) params.append(key, value);
  } else params.append(edit.name, edit.value ?? "");
}

function isFormRequest(request: RecordedRequest): boolean {
  const type = request.headers.find(([key]) => key.toLowerCase() === "content-type")?.[1] ?? "";
  return request.method !== "GET" && request.method !== "HEAD" && type.includes("application/x-www-form-urlencoded");
}

/** Apply one edit to a recorded request; a reason instead when it cannot be applied. Never throws. */
export function applyEdit(request: RecordedRequest, edit: RequestEdit): { request: RecordedRequest } | { reason: string } {
  const problem = editProblem(edit);
  if (problem) return { reason: problem };
  try {
    if (edit.where === "query") {
      const url = new URL(request.url);
      const params = new URLSearchParams(url.search);
      editParams(params, edit);
      const query = params.toString();
      url.search = query ? `?${query}` : "";
      return { request: { ...request, url: url.href } };
    }
    if (edit.where === "form") {
      if (!isFormRequest(request)) return { reason: `This is a ${request.method} request without a form body: edit its query or headers instead.` };
      const params = new URLSearchParams(request.body ?? "");
      editParams(params, edit);
      const body = params.toString();
      const { body: _old, ...rest } = request;
      void _old;
      return { request: body ? { ...rest, body } : rest };
    }
    const lower = edit.name.toLowerCase();
    const others = request.headers.filter(([key]) => key.toLowerCase() !== lower);
    const existing = request.headers.filter(([key]) => key.toLowerCase() === lower);
    const value = (edit.value ?? "").trim();
    if (edit.op === "remove") return { request: { ...request, headers: others } };
    if (edit.op === "add") return { request: { ...request, headers: [...request.headers, [lower, value]] } };
    // set: in place of the first occurrence, or at the end.
    if (existing.length === 0) return { request: { ...request, headers: [...request.headers, [lower, value]] } };
    const at = request.headers.findIndex(([key]) => key.toLowerCase() === lower);
    const headers = request.headers.filter(([key], index) => key.toLowerCase() !== lower || index === at).map(([key, v]): [string, string] => (key.toLowerCase() === lower ? [key, value] : [key, v]));
    return { request: { ...request, headers } };
  } catch {
    return { reason: "The request could not be edited this way." };
  }
}

/** Apply every edit meant for one step, in order; those that cannot be applied say why. */
export function applyEdits(request: RecordedRequest | undefined, edits: readonly RequestEdit[]): { request?: RecordedRequest; applied: RequestEdit[]; rejected: RejectedEdit[] } {
  if (!request) return { applied: [], rejected: edits.map((edit) => ({ edit, reason: `Step ${edit.step + 1} sends no HTTP request, so there is nothing to edit.` })) };
  let current = request;
  const applied: RequestEdit[] = [];
  const rejected: RejectedEdit[] = [];
  for (const edit of edits) {
    const result = applyEdit(current, edit);
    if ("reason" in result) rejected.push({ edit, reason: result.reason });
    else {
      current = result.request;
      applied.push(edit);
    }
  }
  return { request: current, applied, rejected };
}

/** A step without what tampering adds to it, for comparing runs. */
function content(step: TraceStep): string {
  const { edited: _edited, ...rest } = step;
  void _edited;
  return JSON.stringify(rest);
}

/**
 * The steps of an edited run (indices) that differ from the original run: from the first edit on,
 * every step whose content is not the same as the original's step at that place.
 */
export function changedSteps(original: Trace, edited: Trace): number[] {
  const first = edited.steps.findIndex((step) => step.edited !== undefined);
  const from = first === -1 ? edited.steps.length : first;
  const changed: number[] = [];
  for (let index = from; index < edited.steps.length; index++) {
    const before = original.steps[index];
    if (!before || content(before) !== content(edited.steps[index]!)) changed.push(index);
  }
  return changed;
}

/** "set query redirect_uri = …", as the inspector shows an edit. */
export function describeEdit(edit: RequestEdit, max = 60): string {
  const where = edit.where === "header" ? "header" : edit.where === "form" ? "form parameter" : "query parameter";
  if (edit.op === "remove") return `removed the ${where} ${edit.name}`;
  const value = edit.value ?? "";
  const shown = value.length > max ? `${value.slice(0, max)}…` : value;
  return `${edit.op === "add" ? "added" : "set"} the ${where} ${edit.name} to “${shown}”`;
}

/** The same edits in a stable order (by step, as given within a step), without exact duplicates. */
export function normaliseEdits(edits: readonly RequestEdit[]): RequestEdit[] {
  const seen = new Set<string>();
  const kept: RequestEdit[] = [];
  for (const edit of edits) {
    const key = JSON.stringify([edit.step, edit.where, edit.op, edit.name, edit.op === "remove" ? null : (edit.value ?? "")]);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(edit.op === "remove" ? { step: edit.step, where: edit.where, op: edit.op, name: edit.name } : { step: edit.step, where: edit.where, op: edit.op, name: edit.name, value: edit.value ?? "" });
  }
  return kept.map((edit, order) => ({ edit, order })).sort((a, b) => a.edit.step - b.edit.step || a.order - b.order).map(({ edit }) => edit);
}
