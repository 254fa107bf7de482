"use client";

import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { toCurl } from "@/machines/curl";
import type { RecordedRequest } from "@/machines/trace";
import { CodeBlock } from "./code-block";

type CopyState = "idle" | "copied" | "manual";

/** Select every character of an element, so Ctrl+C / ⌘C copies it. */
function selectContents(element: HTMLElement): void {
  const selection = window.getSelection();
  if (!selection) return;
  const range = document.createRange();
  range.selectNodeContents(element);
  selection.removeAllRanges();
  selection.addRange(range);
}

/**
 * "Copy as curl": writes the command with the Clipboard API and says "Copied"; where there is no
 * clipboard (an insecure origin, a refused permission) it shows the command selected, for the
 * keyboard to copy. The command can also be opened and read without copying.
 */
export function CopyCurl({ request }: { request: RecordedRequest }) {
  const command = toCurl(request);
  const [state, setState] = useState<CopyState>("idle");
  const [shown, setShown] = useState(false);
  const commandRef = useRef<HTMLPreElement>(null);
  const commandId = useId();

  // A new request (the next step) starts fresh.
  const [forCommand, setForCommand] = useState(command);
  if (forCommand !== command) {
    setForCommand(command);
    setState("idle");
  }

  useEffect(() => {
    if (state === "manual" && commandRef.current) {
      commandRef.current.focus();
      selectContents(commandRef.current);
    }
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(command);
      setState("copied");
    } catch {
      setShown(true);
      setState("manual");
    }
  }

  const open = shown || state === "manual";
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={copy}
          className="inline-flex items-center gap-1.5 rounded-md border border-line bg-surface-raised px-2.5 py-1 text-xs font-medium text-foreground hover:bg-accent-soft"
        >
          <ClipboardIcon />
          Copy as curl
        </button>
        <button
          type="button"
          aria-expanded={open}
          aria-controls={open ? commandId : undefined}
          onClick={() => {
            setShown(!open);
            if (open) setState("idle");
          }}
          className="rounded-md px-2 py-1 text-xs font-medium text-accent underline-offset-2 hover:underline"
        >
          {open ? "Hide command" : "Show command"}
        </button>
        <span role="status" className={cn("text-xs font-medium", state === "copied" ? "text-emerald-700 dark:text-emerald-300" : "text-muted")}>
          {state === "copied" ? "✓ Copied" : state === "manual" ? "Clipboard unavailable: the command is selected — press Ctrl+C (⌘C on a Mac)." : ""}
        </span>
      </div>
      {open ? (
        <div id={commandId} className="space-y-1">
          <CodeBlock ref={commandRef} label="The request as a curl command">
            {command}
          </CodeBlock>
          <p className="text-xs text-muted">The .example hosts exist only inside this page, so the command shows the exact request rather than reaching a server.</p>
        </div>
      ) : null}
    </div>
  );
}

function ClipboardIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
      <rect x="4.5" y="2.5" width="9" height="11" rx="1.5" />
      <path d="M2.5 5v8.5a1.5 1.5 0 0 0 1.5 1.5h7" strokeLinecap="round" />
    </svg>
  );
}
