"use client";

import { useId, useState, type FormEvent } from "react";

/**
 * The consent page's scope boxes, as the learner's own controls: untick one and re-run the flow,
 * and the person grants only what stays ticked — the token, and the API's answers, follow.
 */
export function ScopeChoices({
  offered,
  ticked,
  busy,
  onApply,
}: {
  offered: readonly string[];
  /** What the person ticked in the run shown. */
  ticked: readonly string[];
  busy: boolean;
  onApply: (granted: string[]) => void;
}) {
  const [chosen, setChosen] = useState<readonly string[]>(ticked);
  const hint = useId();
  const changed = chosen.length !== ticked.length || chosen.some((scope) => !ticked.includes(scope));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(offered.filter((scope) => chosen.includes(scope)));
  }

  return (
    <form onSubmit={submit} className="border-t border-line bg-surface px-3 py-2.5" aria-describedby={hint}>
      <fieldset>
        <legend className="text-sm font-semibold text-foreground">Try it: what does the person allow?</legend>
        <p id={hint} className="mt-0.5 text-xs leading-5 text-muted">
          Untick a scope and run the flow again from here: the token carries only what stays ticked, and the API refuses what it lacks.
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-2">
          {offered.map((scope) => (
            <label key={scope} className="inline-flex items-center gap-1.5 text-sm text-foreground">
              <input
                type="checkbox"
                name="granted_scope"
                value={scope}
                checked={chosen.includes(scope)}
                onChange={(event) =>
                  setChosen((current) => (event.target.checked ? [...current, scope] : current.filter((value) => value !== scope)))
                }
                className="size-4 accent-[var(--accent)]"
              />
              <code className="font-mono">{scope}</code>
            </label>
          ))}
          <button
            type="submit"
            disabled={!changed || busy}
            className="ml-auto rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-foreground hover:opacity-90 disabled:cursor-not-allowed disabled:opacity-50"
          >
            {busy ? "Running…" : "Run again with these scopes"}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
