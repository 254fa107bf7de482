"use client";

import { useState } from "react";

const LIMIT = 22;

/**
 * A long secret-looking value shortened to its start and end; the button beside it shows it whole
 * (and the full value is its title, for a mouse hover). Short values are shown as they are.
 */
export function TruncatedValue({ value, label }: { value: string; label: string }) {
  const [open, setOpen] = useState(false);
  if (value.length <= LIMIT) return <code className="font-mono text-xs break-all text-foreground">{value}</code>;
  return (
    <span className="inline-flex max-w-full min-w-0 flex-wrap items-baseline gap-x-1.5">
      <code title={open ? undefined : value} className="min-w-0 font-mono text-xs break-all text-foreground">
        {open ? value : `${value.slice(0, 10)}…${value.slice(-4)}`}
      </code>
      <button
        type="button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="rounded px-1 text-xs font-medium whitespace-nowrap text-accent underline-offset-2 hover:underline"
      >
        {open ? "show less " : "show all "}
        <span className="sr-only">
          of {label} ({value.length} characters)
        </span>
      </button>
    </span>
  );
}
