"use client";

import { useId, useSyncExternalStore } from "react";
import { cn } from "@/components/ui/cn";
import {
  applyThemeChoice,
  nextThemeChoice,
  readThemeChoice,
  subscribeTheme,
  type ThemeChoice,
} from "./theme";

const LABELS: Record<ThemeChoice, string> = {
  light: "Light",
  dark: "Dark",
  system: "System",
};

const serverChoice = (): ThemeChoice => "system";

/**
 * One button that cycles the colour theme: light → dark → system (follows the device).
 * Its accessible name says the theme in effect; its description says what a press does.
 * The icon is chosen by CSS from <html data-theme>, so it is right from the first paint.
 */
export function ThemeToggle({ className }: { className?: string }) {
  const choice = useSyncExternalStore(subscribeTheme, readThemeChoice, serverChoice);
  const next = nextThemeChoice(choice);
  const hintId = useId();
  return (
    <button
      type="button"
      onClick={() => applyThemeChoice(next)}
      aria-label={`Theme: ${LABELS[choice]}`}
      aria-describedby={hintId}
      data-theme-choice={choice}
      title={`Theme: ${LABELS[choice]} — switch to ${LABELS[next]}`}
      className={cn(
        "inline-flex size-9 shrink-0 items-center justify-center rounded-md text-muted hover:bg-surface hover:text-foreground",
        className,
      )}
    >
      <span id={hintId} hidden>
        {`Switches to ${LABELS[next]}${next === "system" ? " (follows your device)" : ""}`}
      </span>
      <ThemeIcons />
    </button>
  );
}

/** All three icons; globals.css shows the one that matches <html data-theme> (none: system). */
function ThemeIcons() {
  const common = {
    width: 20,
    height: 20,
    viewBox: "0 0 24 24",
    fill: "none",
    stroke: "currentColor",
    strokeWidth: 1.8,
    strokeLinecap: "round" as const,
    strokeLinejoin: "round" as const,
    "aria-hidden": true,
  };
  return (
    <>
      <svg {...common} className="theme-icon theme-icon-light">
        <circle cx="12" cy="12" r="4" />
        <path d="M12 2v2M12 20v2M4.93 4.93l1.41 1.41M17.66 17.66l1.41 1.41M2 12h2M20 12h2M4.93 19.07l1.41-1.41M17.66 6.34l1.41-1.41" />
      </svg>
      <svg {...common} className="theme-icon theme-icon-dark">
        <path d="M20.5 14.2A8.5 8.5 0 0 1 9.8 3.5a8.5 8.5 0 1 0 10.7 10.7Z" />
      </svg>
      <svg {...common} className="theme-icon theme-icon-system">
        <rect x="3" y="4" width="18" height="12" rx="2" />
        <path d="M8 20h8M12 16v4" />
        <path d="M12 6.5a3.5 3.5 0 0 0 0 7Z" fill="currentColor" stroke="none" />
      </svg>
    </>
  );
}
