"use client";

import { useEffect, useSyncExternalStore } from "react";
import { shortLinkText } from "@/content/present";
import { expandShortLink, type ScenarioTable } from "@/machines/short-link";

const noSubscription = () => () => undefined;

/** Expands a short link (/s?f=…) to the flow page's address and goes there; says why when it cannot. */
export function ShortLinkRedirect({ scenarios }: { scenarios: ScenarioTable }) {
  const search = useSyncExternalStore(
    noSubscription,
    () => window.location.search,
    () => null,
  );
  const expanded = search === null ? undefined : expandShortLink(search, scenarios);
  const target = expanded?.ok ? expanded.href : undefined;

  useEffect(() => {
    // replace: the short link leaves no history entry, so Back leaves the flow page for where the student came from.
    if (target) window.location.replace(target);
  }, [target]);

  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4 px-4 py-16 text-center" data-short-link-page={expanded ? (expanded.ok ? "ok" : expanded.reason) : "reading"}>
      <h1 className="text-2xl font-bold text-foreground">{shortLinkText.title}</h1>
      {expanded && !expanded.ok ? (
        <p role="alert" className="text-foreground">
          {expanded.reason === "unknown-flow" && expanded.flow ? shortLinkText.unknownFlow(expanded.flow) : shortLinkText.noFlow}
        </p>
      ) : (
        <p className="text-muted">{shortLinkText.redirecting}</p>
      )}
      {target ? (
        <p className="text-sm text-muted">
          {shortLinkText.manual}{" "}
          <a href={target} className="font-medium break-all text-accent underline underline-offset-2">
            {target}
          </a>
        </p>
      ) : null}
      <a href="/#flows" className="text-sm font-medium text-accent underline underline-offset-2">
        {shortLinkText.homeLink}
      </a>
    </div>
  );
}
