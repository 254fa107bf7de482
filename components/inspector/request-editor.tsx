"use client";

import { useId, useMemo, useState, type FormEvent } from "react";
import type { Tampering } from "@/components/flow/tampering";
import { editablePlaces, editorRows, editsFromRows, rowProblem, type EditorRow } from "@/machines/request-editor";
import { MAX_EDITS, MAX_EDIT_VALUE, normaliseEdits, type EditPlace } from "@/machines/tamper";
import type { TraceStep } from "@/machines/trace";

const PLACE_NAMES: Readonly<Record<EditPlace, string>> = { query: "Query parameters", form: "Form parameters", header: "Headers" };
const PLACE_SINGULAR: Readonly<Record<EditPlace, string>> = { query: "query parameter", form: "form parameter", header: "header" };
const INPUT = "h-8 w-full min-w-0 rounded-md border border-line bg-surface-raised px-2 font-mono text-xs text-foreground aria-[invalid=true]:border-[var(--tone-error)]";
const BUTTON = "inline-flex h-8 shrink-0 items-center rounded-md border border-line bg-surface-raised px-2.5 text-xs font-medium text-foreground hover:border-accent hover:text-accent disabled:cursor-not-allowed disabled:opacity-50";

function Problem({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return null;
  return (
    <p id={id} className="mt-0.5 text-xs text-[var(--tone-error)]" data-edit-problem>
      {text}
    </p>
  );
}

/**
 * "Edit before sending": the step's request as a table of query and form parameters and headers,
 * each value changeable and each row removable, plus rows the learner adds. Sending re-runs the
 * flow with the edits, so the receiving server answers exactly what was sent.
 */
export function RequestEditor({ step, tampering, onClose }: { step: TraceStep; tampering: Tampering; onClose: () => void }) {
  const request = step.request!;
  const idBase = useId();
  const places = useMemo(() => editablePlaces(request), [request]);
  const [rows, setRows] = useState<EditorRow[]>(() => editorRows(request));
  const [added, setAdded] = useState(0);
  const [place, setPlace] = useState<EditPlace>(places.includes("form") ? "form" : "query");

  const edits = editsFromRows(step.index, rows);
  const problems = rows.map(rowProblem);
  const hasProblem = problems.some((problem) => problem !== undefined);
  const total = normaliseEdits([...(tampering.request.edits ?? []), ...edits]);
  const tooMany = total.length > MAX_EDITS;

  function update(key: string, change: Partial<EditorRow>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }

  function addRow() {
    setRows((current) => [...current, { key: `added:${added}`, where: place, name: "", value: "", removed: false }]);
    setAdded(added + 1);
  }

  function send(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (edits.length === 0 || hasProblem || tooMany) return;
    tampering.applyEdits(total, { index: step.index });
    onClose();
  }

  return (
    <form onSubmit={send} aria-labelledby={`${idBase}-heading`} data-request-editor className="space-y-3 rounded-lg border border-dashed border-accent bg-surface p-3">
      <div>
        <h4 id={`${idBase}-heading`} className="text-sm font-semibold text-foreground">
          Edit before sending: step {step.index + 1}
        </h4>
        <p className="text-xs text-muted">
          Change a value, remove a parameter or header, or add one. The receiving {step.to === "client" ? "client" : "server"} gets exactly this request, and the rest of the flow re-runs from its real answer.
        </p>
      </div>
      {places.map((where) => {
        const inPlace = rows.filter((row) => row.where === where);
        if (inPlace.length === 0) return null;
        return (
          <fieldset key={where} className="min-w-0">
            <legend className="text-xs font-semibold tracking-wide text-muted uppercase">{PLACE_NAMES[where]}</legend>
            <ul className="mt-1 space-y-1.5">
              {inPlace.map((row) => {
                const at = rows.indexOf(row);
                const problem = problems[at];
                const problemId = `${idBase}-problem-${row.key}`;
                const label = row.original === undefined ? `new ${PLACE_SINGULAR[where]}` : `${row.name} (${PLACE_SINGULAR[where]})`;
                return (
                  <li key={row.key} data-edit-row={`${where}:${row.name}`} data-added-row={row.original === undefined || undefined} data-removed={row.removed || undefined} className="grid grid-cols-[minmax(0,1fr)_auto] items-start gap-1.5 sm:grid-cols-[minmax(5rem,9rem)_minmax(0,1fr)_auto]">
                    {row.original === undefined ? (
                      <input
                        type="text"
                        aria-label={`Name of the ${label}`}
                        placeholder="name"
                        value={row.name}
                        maxLength={80}
                        spellCheck={false}
                        autoComplete="off"
                        onChange={(event) => update(row.key, { name: event.target.value })}
                        className={INPUT}
                      />
                    ) : (
                      <span className={`truncate pt-1.5 font-mono text-xs ${row.removed ? "text-muted line-through" : "text-accent"}`} title={row.name}>
                        {row.name}
                      </span>
                    )}
                    <div className="col-span-2 min-w-0 sm:col-span-1 sm:col-start-2 sm:row-start-1">
                      <input
                        type="text"
                        aria-label={row.original === undefined ? `Value of the ${label}` : label}
                        value={row.value}
                        disabled={row.removed}
                        maxLength={MAX_EDIT_VALUE + 100}
                        spellCheck={false}
                        autoComplete="off"
                        aria-invalid={problem ? true : undefined}
                        aria-describedby={problem ? problemId : undefined}
                        onChange={(event) => update(row.key, { value: event.target.value })}
                        className={INPUT}
                      />
                      <Problem id={problemId} text={problem} />
                    </div>
                    <button type="button" aria-pressed={row.removed} onClick={() => update(row.key, { removed: !row.removed })} className={`${BUTTON} col-start-2 row-start-1 sm:col-start-3`}>
                      {row.removed ? "Keep" : "Remove"}
                      <span className="sr-only"> {row.name || label}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
      <div className="flex flex-wrap items-end gap-1.5">
        <label className="flex flex-col gap-0.5 text-xs text-muted">
          Add to
          <select value={place} onChange={(event) => setPlace(event.target.value as EditPlace)} className="h-8 rounded-md border border-line bg-surface-raised px-1.5 text-xs text-foreground">
            {places.map((where) => (
              <option key={where} value={where}>
                {PLACE_NAMES[where].toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={addRow} className={BUTTON} data-add-row>
          Add a {PLACE_SINGULAR[place]}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-2 border-t border-line pt-3">
        <button
          type="submit"
          disabled={edits.length === 0 || hasProblem || tooMany}
          data-send-edited
          className="inline-flex h-9 items-center rounded-lg border border-accent bg-accent px-3 text-sm font-semibold text-accent-foreground hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Send edited request
        </button>
        <button type="button" onClick={onClose} className="inline-flex h-9 items-center rounded-lg border border-line bg-surface-raised px-3 text-sm font-medium text-foreground hover:border-accent hover:text-accent">
          Cancel
        </button>
        <p className="text-xs text-muted" aria-live="polite">
          {tooMany
            ? `A run carries at most ${MAX_EDITS} edits; undo some first.`
            : hasProblem
              ? "Fix the marked values to send."
              : edits.length === 0
                ? "Nothing changed yet."
                : `${edits.length} ${edits.length === 1 ? "change" : "changes"} to send.`}
        </p>
      </div>
    </form>
  );
}
