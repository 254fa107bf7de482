/**
 * The "edit before sending" table, as data: one row per query parameter, form parameter and
 * header of a recorded request, and the edits (machines/tamper.ts) that turn the original request
 * into what the learner typed. Pure; the editor component only shows rows and reports changes.
 */
import type { RecordedRequest } from "./trace";
import { editProblem, type EditPlace, type RequestEdit } from "./tamper";

export interface EditorRow {
  /** Stable key for the row: where, position, and whether the learner added it. */
  readonly key: string;
  readonly where: EditPlace;
  readonly name: string;
  readonly value: string;
  /** The value as recorded; undefined for a row the learner added. */
  readonly original?: string;
  readonly removed: boolean;
}

function isForm(request: RecordedRequest): boolean {
  const type = request.headers.find(([key]) => key.toLowerCase() === "content-type")?.[1] ?? "";
  return request.method !== "GET" && request.method !== "HEAD" && type.includes("application/x-www-form-urlencoded");
}

/** Which parts of this request can be edited: query always, form only for a form body, headers always. */
export function editablePlaces(request: RecordedRequest): EditPlace[] {
  return isForm(request) ? ["query", "form", "header"] : ["query", "header"];
}

/** The rows of a request, as recorded (never throws, even on a URL it cannot parse). */
export function editorRows(request: RecordedRequest): EditorRow[] {
  const rows: EditorRow[] = [];
  let query: [string, string][] = [];
  try {
    query = [...new URL(request.url).searchParams];
  } catch {
    query = [];
  }
  query.forEach(([name, value], at) => rows.push({ key: `query:${at}`, where: "query", name, value, original: value, removed: false }));
  if (isForm(request)) [...new URLSearchParams(request.body ?? "")].forEach(([name, value], at) => rows.push({ key: `form:${at}`, where: "form", name, value, original: value, removed: false }));
  request.headers.forEach(([name, value], at) => rows.push({ key: `header:${at}`, where: "header", name, value, original: value, removed: false }));
  return rows;
}

/** Why a row cannot be sent as it is (an added row with no name, a header value with a line break …). */
export function rowProblem(row: EditorRow): string | undefined {
  if (row.removed) return undefined;
  if (row.original !== undefined && row.value === row.original) return undefined;
  return editProblem({ step: 0, where: row.where, op: "set", name: row.name, value: row.value });
}

/** The edits that turn the recorded request into the rows as the learner left them, for the step at `step`. */
export function editsFromRows(step: number, rows: readonly EditorRow[]): RequestEdit[] {
  const edits: RequestEdit[] = [];
  const groups = new Map<string, EditorRow[]>();
  for (const row of rows) {
    const name = row.where === "header" ? row.name.toLowerCase() : row.name;
    // A row the learner added and then removed, or left without a name, sends nothing.
    if (row.original === undefined && (name === "" || row.removed)) continue;
    const key = `${row.where}\u0000${name}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const group of groups.values()) {
    const { where, name } = group[0]!;
    const original = group.filter((row) => row.original !== undefined).map((row) => row.original!);
    const kept = group.filter((row) => !row.removed).map((row) => row.value);
    const unchanged = original.length === kept.length && original.every((value, at) => value === kept[at]) && group.every((row) => row.original !== undefined);
    if (unchanged) continue;
    if (kept.length === 0) edits.push({ step, where, op: "remove", name });
    else if (original.length <= 1 && kept.length === 1) edits.push({ step, where, op: "set", name, value: kept[0]! });
    else {
      if (original.length > 0) edits.push({ step, where, op: "remove", name });
      for (const value of kept) edits.push({ step, where, op: "add", name, value });
    }
  }
  return edits;
}
