"use client";

import { useId, useState, type FormEvent } from "react";
import type { FlowUrlNotice } from "@/machines/flow-url";
import { Icon } from "./icons";

export interface ScenarioChoice {
  readonly id: string;
  readonly title: string;
}

/** The "what if" picker: the flow's scenarios by title, the default path first. */
export function ScenarioPicker({ scenarios, value, onChange }: { scenarios: readonly ScenarioChoice[]; value: string; onChange: (id: string) => void }) {
  const id = useId();
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-semibold tracking-wide text-muted uppercase">
        What if…
      </label>
      <select
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        data-scenario-picker
        className="h-10 w-full min-w-0 truncate rounded-lg border border-line bg-surface-raised px-2.5 text-sm text-foreground"
      >
        {scenarios.map((scenario, index) => (
          <option key={scenario.id} value={scenario.id}>
            {index === 0 ? `${scenario.title} (default)` : scenario.title}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The seed the codes and tokens are drawn from: the same seed gives the same values in every browser. */
export function SeedField({ seed, onApply }: { seed: string; onApply: (raw: string) => void }) {
  const [value, setValue] = useState(seed);
  const id = useId();
  const hint = useId();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(value);
  }
  return (
    <form onSubmit={submit} className="flex items-center gap-1.5" aria-describedby={hint}>
      <label htmlFor={id} className="text-xs font-semibold tracking-wide text-muted uppercase">
        Seed
      </label>
      <div className="flex gap-1.5">
        <input
          id={id}
          name="seed"
          type="text"
          value={value}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setValue(event.target.value)}
          data-seed-field
          className="h-9 w-28 min-w-0 rounded-lg border border-line bg-surface-raised px-2.5 font-mono text-sm text-foreground"
        />
        <button type="submit" className="h-9 rounded-lg border border-line bg-surface-raised px-3 text-sm font-medium text-foreground hover:border-accent hover:text-accent">
          Apply
        </button>
      </div>
      <span id={hint} className="sr-only">
        The same seed gives the same codes and tokens, in any browser.
      </span>
    </form>
  );
}

/** Copies the page's address, which names the flow, scenario, step and seed. */
export function CopyLinkButton() {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <button
      type="button"
      onClick={copy}
      className="ml-auto inline-flex h-9 items-center gap-1.5 rounded-lg border border-line bg-surface-raised px-3 text-sm font-medium text-foreground hover:border-accent hover:text-accent"
    >
      <Icon name={copied ? "check" : "copy"} className="size-4" />
      <span aria-live="polite">{copied ? "Link copied" : "Copy link"}</span>
    </button>
  );
}

/** What the page did instead of what the address asked for. */
export function Notices({ notices, onDismiss }: { notices: readonly { readonly field: FlowUrlNotice["field"] | (string & {}); readonly message: string }[]; onDismiss: () => void }) {
  return (
    <div aria-live="polite">
      {notices.length > 0 ? (
        <div data-notices className="flex items-start gap-2 rounded-lg border border-[var(--tone-wait-line)] bg-[var(--tone-wait-soft)] px-3 py-2 text-sm text-foreground">
          <span className="mt-0.5 shrink-0 text-[var(--tone-wait)]">
            <Icon name="info" className="size-4" />
          </span>
          <ul className="min-w-0 flex-1 space-y-0.5">
            {notices.map((notice) => (
              <li key={`${notice.field}:${notice.message}`} data-notice={notice.field} className="break-words">
                {notice.message}
              </li>
            ))}
          </ul>
          <button type="button" onClick={onDismiss} className="shrink-0 rounded px-1.5 text-sm font-medium text-foreground underline-offset-2 hover:underline">
            Dismiss
          </button>
        </div>
      ) : null}
    </div>
  );
}
