/**
 * Edits in the flow page's address, so a teacher can share "this flow with this edit":
 *
 *   &edit=<step>.<where>.<op>.<name>[=<value>]      (repeated, one per edit)
 *
 * - step: the step number as the page counts it (1-based, like `step=`); the request of that step
 *   in the edited run is changed just before it is sent;
 * - where: `query`, `form` or `header`;  op: `set`, `add` or `remove` (remove takes no value);
 * - name and value are percent-encoded as one query value (`encodeURIComponent`), except that
 *   `: / = ,` stay readable. The first `=` after the name starts the value.
 *
 * Example: `?scenario=default&step=5&seed=demo&edit=4.query.set.redirect_uri=https://attacker.example/cb`
 *
 * Reading never throws: an edit that cannot be used (bad percent-encoding, an unknown part or
 * operation, a header name that is not a token, a value over the cap …) is left out and a notice
 * says why, like every other parameter of the page.
 */
import type { FlowUrlNotice } from "./flow-url";
import { quote } from "./flow-url";
import { MAX_EDITS, editProblem, normaliseEdits, type EditOp, type EditPlace, type RequestEdit } from "./tamper";

const SPEC = /^(\d{1,4})\.(query|form|header)\.(set|add|remove)\.([^=]*)(?:=([\s\S]*))?$/;

function encodePart(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%2F/gi, "/").replace(/%3D/gi, "=").replace(/%2C/gi, ",");
}

/** One edit as the value of an `edit` parameter (already percent-encoded). */
export function serializeEdit(edit: RequestEdit): string {
  const head = `${edit.step + 1}.${edit.where}.${edit.op}.${encodePart(edit.name)}`;
  return edit.op === "remove" ? head : `${head}=${encodePart(edit.value ?? "")}`;
}

/** `&edit=…&edit=…` for a list of edits; "" when there are none. */
export function serializeEdits(edits: readonly RequestEdit[]): string {
  return normaliseEdits(edits)
    .map((edit) => `&edit=${serializeEdit(edit)}`)
    .join("");
}

function notice(message: string): FlowUrlNotice {
  return { field: "edit", message };
}

/** Read one decoded `edit` value; an edit, or a notice saying why it was left out. */
export function parseEdit(spec: string): { edit: RequestEdit } | { notice: FlowUrlNotice } {
  const match = SPEC.exec(spec);
  if (!match) {
    return { notice: notice(`The edit ${quote(spec)} is not of the form step.where.op.name=value (e.g. 4.query.set.scope=admin), so it is left out.`) };
  }
  const [, step, where, op, name, value] = match as unknown as [string, string, EditPlace, EditOp, string, string | undefined];
  if (Number(step) < 1) return { notice: notice(`The edit ${quote(spec)} names step 0; steps are counted from 1, so it is left out.`) };
  if (op !== "remove" && value === undefined) return { notice: notice(`The edit ${quote(spec)} says ${op} but gives no “=value”, so it is left out.`) };
  const edit: RequestEdit = op === "remove" ? { step: Number(step) - 1, where, op, name } : { step: Number(step) - 1, where, op, name, value: value ?? "" };
  const problem = editProblem(edit);
  if (problem) return { notice: notice(`The edit ${quote(spec)} is left out: ${problem}`) };
  return { edit };
}

/** The raw (still percent-encoded) values of every `edit` parameter in a query string. */
function rawEditValues(search: string): string[] {
  return search
    .replace(/^\?/, "")
    .split("&")
    .filter((part) => part === "edit" || part.startsWith("edit="))
    .map((part) => part.slice(5));
}

/** Every edit a page address carries, with a notice for each one left out. Never throws. */
export function parseEditsFromSearch(search: string): { edits: RequestEdit[]; notices: FlowUrlNotice[] } {
  const edits: RequestEdit[] = [];
  const notices: FlowUrlNotice[] = [];
  for (const raw of rawEditValues(search)) {
    let spec: string;
    try {
      spec = decodeURIComponent(raw.replace(/\+/g, " "));
    } catch {
      notices.push(notice(`The edit ${quote(raw)} is not valid percent-encoding (a “%” must be followed by two hex digits), so it is left out.`));
      continue;
    }
    if (spec === "") continue;
    const parsed = parseEdit(spec);
    if ("notice" in parsed) notices.push(parsed.notice);
    else edits.push(parsed.edit);
  }
  const kept = normaliseEdits(edits);
  if (kept.length > MAX_EDITS) {
    notices.push(notice(`The link carries ${kept.length} edits; only the first ${MAX_EDITS} are applied.`));
    return { edits: kept.slice(0, MAX_EDITS), notices };
  }
  return { edits: kept, notices };
}

