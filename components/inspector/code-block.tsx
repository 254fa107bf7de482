import type { ReactNode, Ref } from "react";
import { cn } from "@/components/ui/cn";

/**
 * Monospace text exactly as given, wrapped, scrolling when long. Focusable, so a keyboard user can
 * scroll it; labelled, so a screen reader says what it is. Text only: markup in it stays text.
 */
export function CodeBlock({ label, children, className, ref }: { label: string; children: ReactNode; className?: string; ref?: Ref<HTMLPreElement> }) {
  return (
    <pre
      ref={ref}
      tabIndex={0}
      aria-label={label}
      className={cn(
        "max-h-80 overflow-auto rounded-lg border border-line bg-surface p-3 font-mono text-xs leading-5 break-all whitespace-pre-wrap text-foreground",
        className,
      )}
    >
      {children}
    </pre>
  );
}
