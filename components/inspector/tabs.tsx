"use client";

import type { KeyboardEvent, ReactNode } from "react";
import { useRef } from "react";
import { cn } from "@/components/ui/cn";

export interface TabItem<Id extends string> {
  readonly id: Id;
  readonly label: string;
  /** Shown instead of the label when the inspector is narrow. */
  readonly shortLabel?: string;
  /** Shown after the label; its text is part of the tab's name. */
  readonly badge?: ReactNode;
}

/**
 * A WAI-ARIA tablist with automatic activation: ←/→ move and select, Home/End jump; the keys are
 * kept from the page's own step shortcuts while focus is on a tab.
 */
export function Tabs<Id extends string>({ label, tabs, selected, onSelect, idBase }: { label: string; tabs: readonly TabItem<Id>[]; selected: Id; onSelect: (id: Id) => void; idBase: string }) {
  const refs = useRef(new Map<Id, HTMLButtonElement>());

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = tabs.findIndex((tab) => tab.id === selected);
    const target =
      event.key === "ArrowRight" ? (at + 1) % tabs.length
      : event.key === "ArrowLeft" ? (at - 1 + tabs.length) % tabs.length
      : event.key === "Home" ? 0
      : event.key === "End" ? tabs.length - 1
      : undefined;
    if (target === undefined) return;
    // The page steps through the flow with the same keys: keep these for the tabs (React's root
    // listener may sit on the document itself, hence the immediate stop as well).
    event.preventDefault();
    event.stopPropagation();
    event.nativeEvent.stopImmediatePropagation();
    const next = tabs[target]!;
    onSelect(next.id);
    refs.current.get(next.id)?.focus();
  }

  return (
    <div role="tablist" aria-label={label} onKeyDown={onKeyDown} className="flex overflow-x-auto border-b border-line @md:gap-1">
      {tabs.map((tab) => {
        const active = tab.id === selected;
        return (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) refs.current.set(tab.id, element);
              else refs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${idBase}-tab-${tab.id}`}
            aria-selected={active}
            aria-controls={active ? `${idBase}-panel-${tab.id}` : undefined}
            tabIndex={active ? 0 : -1}
            onClick={() => onSelect(tab.id)}
            className={cn(
              "-mb-px inline-flex shrink-0 items-center gap-1 border-b-2 px-1.5 py-2 text-sm font-medium whitespace-nowrap @md:gap-1.5 @md:px-3",
              active ? "border-accent text-foreground" : "border-transparent text-muted hover:border-line hover:text-foreground",
            )}
          >
            {tab.shortLabel ? (
              <>
                <span className="@md:hidden">{tab.shortLabel}</span>
                <span className="hidden @md:inline">{tab.label}</span>
              </>
            ) : (
              tab.label
            )}
            {tab.badge ? <> {tab.badge}</> : null}
          </button>
        );
      })}
    </div>
  );
}

/** The panel of the selected tab. */
export function TabPanel({ idBase, tabId, children }: { idBase: string; tabId: string; children: ReactNode }) {
  return (
    <div role="tabpanel" id={`${idBase}-panel-${tabId}`} aria-labelledby={`${idBase}-tab-${tabId}`} tabIndex={0} className="pt-4 focus-visible:outline-offset-4">
      {children}
    </div>
  );
}
