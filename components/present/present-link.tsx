"use client";

import { Icon } from "@/components/flow/icons";
import type { MouseEvent, FocusEvent, PointerEvent } from "react";

type LinkEvent = MouseEvent<HTMLAnchorElement> | FocusEvent<HTMLAnchorElement> | PointerEvent<HTMLAnchorElement>;

/** The presenter-mode address for what the flow page shows now (its scenario, step and seed). */
export function presentHref(flow: string, search: string): string {
  const from = new URLSearchParams(search);
  const to = new URLSearchParams();
  for (const key of ["scenario", "step", "seed"]) {
    const value = from.get(key);
    if (value !== null) to.set(key, value);
  }
  const query = to.toString();
  return `/present/${flow}${query ? `?${query}` : ""}`;
}

/**
 * "Present" on the flow page: opens presenter mode at the step the page shows. The address is
 * read when the link is reached for (hover, focus, click), as the page keeps it in step.
 */
export function PresentLink({ flow, label, hint }: { flow: string; label: string; hint: string }) {
  const update = (event: LinkEvent) => {
    event.currentTarget.href = presentHref(flow, window.location.search);
  };
  return (
    <a
      href={`/present/${flow}`}
      onPointerEnter={update}
      onFocus={update}
      onClick={update}
      onAuxClick={update}
      title={hint}
      data-present-link
      className="inline-flex items-center gap-1 rounded-md px-1 text-sm font-medium text-accent underline-offset-4 hover:underline"
    >
      <Icon name="monitor" className="size-4" />
      {label}
    </a>
  );
}
