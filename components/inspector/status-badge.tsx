import { cn } from "@/components/ui/cn";

/** Pass or fail as an icon and a word on a solid badge: never colour alone, readable in light and dark. */
export function StatusBadge({ ok, okText = "Passed", failText = "Failed", className }: { ok: boolean; okText?: string; failText?: string; className?: string }) {
  return (
    <span
      data-status={ok ? "pass" : "fail"}
      className={cn(
        "inline-flex shrink-0 items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap text-white",
        ok ? "bg-emerald-700" : "bg-red-700",
        className,
      )}
    >
      {ok ? <CheckIcon /> : <CrossIcon />}
      {ok ? okText : failText}
    </span>
  );
}

export function CheckIcon({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className={cn("size-3.5", className)} fill="none" stroke="currentColor" strokeWidth="2.25" strokeLinecap="round" strokeLinejoin="round">
      <path d="M3 8.5l3.2 3L13 4.5" />
    </svg>
  );
}

export function CrossIcon({ className }: { className?: string }) {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className={cn("size-3.5", className)} fill="none" stroke="currentColor" strokeWidth="2.25" strokeLinecap="round">
      <path d="M4 4l8 8M12 4l-8 8" />
    </svg>
  );
}
