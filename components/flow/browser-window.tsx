"use client";

import { cn } from "@/components/ui/cn";
import { useEffect, useMemo, useState } from "react";
import { whenIdleAfterLoad } from "@/components/ui/when-idle";
import { browserView, framePageAt, scopeChoicesOf, shortUrl, statusText, submittedScopes, urlParts, type BrowserPage, type PageView } from "@/machines/stage";
import type { Trace } from "@/machines/trace";
import { AddressBar } from "./address-bar";
import { Icon } from "./icons";
import { LANES, ROLE_PHRASES } from "./lanes";
import { ScopeChoices } from "./scope-choices";

/** A page's HTML for the frame: as sent, with a plain default font for pages that bring no style. */
function frameDocument(html: string): string {
  if (/<style[\s>]/i.test(html)) return html;
  const base = "<style>body{font:15px/1.5 system-ui,sans-serif;margin:1.25rem;color:#1b2333;background:#fff}h1{font-size:1.2rem}</style>";
  const doctype = /^<!doctype html>/i.exec(html)?.[0] ?? "";
  return `${doctype || "<!doctype html>"}${base}${html.slice(doctype.length)}`;
}

function Message({ icon, title, children, tone = "neutral" }: { icon: Parameters<typeof Icon>[0]["name"]; title: string; children?: React.ReactNode; tone?: "neutral" | "danger" }) {
  return (
    <div className="flex min-h-40 flex-col items-center justify-center gap-2 px-6 py-8 text-center">
      <span className={cn("rounded-full p-2", tone === "danger" ? "bg-[var(--tone-error-soft)] text-[var(--tone-error)]" : "bg-surface text-muted")}>
        <Icon name={icon} className="size-5" />
      </span>
      <p className="text-sm font-semibold text-foreground">{title}</p>
      {children ? <div className="max-w-sm text-sm leading-6 text-muted">{children}</div> : null}
    </div>
  );
}

function PageBody({ page }: { page: BrowserPage }) {
  switch (page.kind) {
    case "blank":
      return <Message icon="monitor" title="Nothing has happened in this browser yet." />;
    case "loading":
      return (
        <Message icon="hourglass" title={`Waiting for ${shortUrl(page.url).split("/")[0]} to answer…`}>
          The browser sent <code className="font-mono text-xs">{page.method}</code> and shows nothing new until the answer arrives.
        </Message>
      );
    case "redirect":
      return (
        <Message icon="next" title={`${statusText(page.status)}: a redirect`}>
          The browser follows the <code className="font-mono text-xs">Location</code> header to{" "}
          <strong className="font-semibold text-foreground">{shortUrl(page.location)}</strong> on its own — the person sees only the address change.
        </Message>
      );
    case "link":
      return (
        <Message icon="link" title={`A link arrives from ${ROLE_PHRASES[page.from]}`} tone={page.from === "attacker" ? "danger" : "neutral"}>
          <span className="block break-all rounded-md border border-line bg-background px-2 py-1 text-left font-mono text-xs text-foreground">
            {urlParts(page.link).map((part) => part.text).join("")}
          </span>
          <span className="mt-2 block">It points at a real site, so it looks harmless. One click sends the browser there.</span>
        </Message>
      );
    case "script":
      return (
        <Message icon="cog" title={`The app’s page is open at ${shortUrl(page.url).split("/")[0]}`}>
          Its own script reads what it needs from the address bar
          {page.url.includes("#") ? (
            <>
              {" "}— the part after <code className="font-mono text-xs">#</code>, which never reached the server
            </>
          ) : null}
          .
        </Message>
      );
    case "page":
      // Shown by the frame that BrowserWindow keeps loaded.
      return null;
  }
}

/** The sender's HTML in a frame that runs nothing: no scripts, no same-origin access, no form submission. */
function PageFrame({ page, hidden }: { page: PageView; hidden: boolean }) {
  return (
    <iframe
      // No allow-scripts, no allow-same-origin, no allow-forms: the page is shown, never run or submitted.
      sandbox=""
      srcDoc={frameDocument(page.html)}
      title={`Page from ${ROLE_PHRASES[page.from]}: ${page.title}`}
      hidden={hidden}
      aria-hidden={hidden || undefined}
      className={cn("flow-browser-frame pointer-events-none", page.from === "authorizationServer" ? "flow-browser-frame-zoomed h-[27.5rem]" : "h-40")}
      tabIndex={-1}
    />
  );
}

/**
 * The resource owner's browser: its address bar (the real URL of each redirect, with the code, the
 * state and a fragment's token marked), and the page it shows — the authorization server's own
 * HTML in a sandboxed frame, whose scope boxes the learner can change below it.
 */
export function BrowserWindow({
  trace,
  index,
  grantable,
  busy,
  onGrant,
}: {
  trace: Trace;
  index: number;
  grantable: boolean;
  busy: boolean;
  onGrant: (granted: string[], offered: readonly string[]) => void;
}) {
  const pages = useMemo(() => trace.steps.map((_, i) => browserView(trace, i).page), [trace]);
  // The first page is loaded into the frame ahead of its step, but only once the page has loaded (framePageAt).
  const [loadAhead, setLoadAhead] = useState(false);
  useEffect(() => whenIdleAfterLoad(() => setLoadAhead(true)), []);
  if (!trace.roles.includes("resourceOwner")) {
    return (
      <div className="rounded-xl border border-dashed border-line bg-surface">
        <Message icon="monitor" title="No browser in this flow">
          No person takes part: the client authenticates as itself and talks to the servers directly, over the back channel.
        </Message>
      </div>
    );
  }

  const view = browserView(trace, index);
  const page = view.page;
  const frame = framePageAt(pages, index, { ahead: loadAhead });
  const consent =
    grantable && page.kind === "page" && page.from === "authorizationServer" && trace.steps[page.stepIndex]?.to === "resourceOwner"
      ? scopeChoicesOf(page.html)
      : [];
  const ticked = page.kind === "page" ? (submittedScopes(trace, page.stepIndex) ?? consent.filter((box) => box.checked).map((box) => box.value)) : [];
  const fragmentToken = view.url ? urlParts(view.url).some((part) => part.inFragment && part.highlight === "access_token") : false;

  return (
    <div
      data-browser-active={view.active}
      className={cn(
        "flow-browser overflow-hidden rounded-xl border bg-surface-raised shadow-sm transition-shadow",
        view.active ? "border-[var(--role-owner)] ring-2 ring-[color-mix(in_srgb,var(--role-owner)_35%,transparent)]" : "border-line",
      )}
    >
      <div className="flex items-start gap-2 border-b border-line bg-surface px-2.5 py-2">
        <span className="mt-2 flex shrink-0 gap-1" aria-hidden="true">
          <span className="size-2.5 rounded-full bg-[#f87171]" />
          <span className="size-2.5 rounded-full bg-[#fbbf24]" />
          <span className="size-2.5 rounded-full bg-[#34d399]" />
        </span>
        <AddressBar url={view.url} />
      </div>
      {fragmentToken ? (
        <p className="flex items-start gap-1.5 border-b border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] px-3 py-1.5 text-xs text-[var(--tone-error)]">
          <Icon name="alert" className="mt-px size-3.5 shrink-0" />
          The access token is in the address bar: the browser&rsquo;s history, its extensions and every script on the page can read it.
        </p>
      ) : null}
      {view.readBy ? (
        <p className="flex items-start gap-1.5 border-b border-[var(--tone-error-line)] bg-[var(--tone-error-soft)] px-3 py-1.5 text-xs font-semibold text-[var(--tone-error)]">
          <Icon name="eye" className="mt-px size-3.5 shrink-0" />
          {LANES[view.readBy].name} reads this address.
        </p>
      ) : null}
      <div className="relative">
        <PageBody page={page} />
        {frame ? <PageFrame page={frame} hidden={page.kind !== "page"} /> : null}
        {!view.active ? (
          <p className="absolute top-2 right-2 rounded-full border border-line bg-surface-raised px-2 py-0.5 text-[0.6875rem] text-muted shadow-sm">
            Not part of this step
          </p>
        ) : null}
      </div>
      {consent.length > 0 ? (
        <ScopeChoices
          key={`${trace.seed}:${trace.scenario}:${ticked.join(" ")}`}
          offered={consent.map((box) => box.value)}
          ticked={ticked}
          busy={busy}
          onApply={(granted) => onGrant(granted, consent.map((box) => box.value))}
        />
      ) : null}
    </div>
  );
}
