"use client";

import type { ReactNode } from "react";
import { useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { explainPkce } from "@/machines/pkce-explain";
import { formatEpoch } from "@/machines/jwt-inspect";
import type { Trace, TraceStep } from "@/machines/trace";
import { ChecksPanel } from "./checks-panel";
import { HttpPanel } from "./http-panel";
import { KnowledgePanel } from "./knowledge-panel";
import { PkcePanel } from "./pkce-panel";
import { CHANNEL_NAMES } from "./role-names";
import type { TabItem } from "./tabs";
import { TabPanel, Tabs } from "./tabs";
import { TokenPanel } from "./token-panel";

type InspectorTab = "http" | "token" | "pkce" | "knowledge" | "checks";

function Badge({ children, tone = "neutral" }: { children: ReactNode; tone?: "neutral" | "fail" }) {
  return (
    <span
      className={cn(
        "rounded-full px-1 text-xs leading-5 font-semibold @md:px-1.5",
        tone === "fail" ? "bg-red-700 text-white" : "bg-surface text-muted ring-1 ring-line",
      )}
    >
      {children}
    </span>
  );
}

function tabsFor(trace: Trace, index: number, step: TraceStep): TabItem<InspectorTab>[] {
  const tokens = new Set(step.artifacts.filter((a) => a.kind === "access_token").map((a) => a.value)).size;
  const failed = step.checks.filter((c) => !c.passed).length;
  const http = step.response ? String(step.response.status) : step.request?.method;
  return [
    { id: "http", label: "HTTP", badge: http ? <Badge>{http}</Badge> : undefined },
    { id: "token", label: "Token", badge: tokens > 0 ? <Badge>{String(tokens)}</Badge> : undefined },
    {
      id: "pkce",
      label: "PKCE",
      badge: explainPkce(trace, index) ? (
        <Badge>
          ●{" "}
          <span className="sr-only">in this step</span>
        </Badge>
      ) : undefined,
    },
    { id: "knowledge", label: "Who knows what", shortLabel: "Knows" },
    {
      id: "checks",
      label: "Checks",
      badge:
        failed > 0 ? (
          <Badge tone="fail">
            ✗ {failed}{" "}
            <span className="sr-only">failed</span>
          </Badge>
        ) : step.checks.length > 0 ? (
          <Badge>
            ✓ {step.checks.length}{" "}
            <span className="sr-only">passed</span>
          </Badge>
        ) : undefined,
    },
  ];
}

/** What happened in one step, for developers: raw HTTP, the token, PKCE, each role's knowledge, the checks. */
export function Inspector({ trace, index }: { trace: Trace; index: number }) {
  const [tab, setTab] = useState<InspectorTab>("http");
  const idBase = useId();
  const step = trace.steps[index];
  if (!step) return null;
  return (
    <section aria-label="Inspector" className="@container min-w-0 rounded-2xl border border-line bg-surface-raised p-3 sm:p-4">
      <p className="mb-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-muted">
        <code className="rounded bg-surface px-1.5 py-0.5 font-mono text-foreground ring-1 ring-line">{step.id}</code>
        <span>{CHANNEL_NAMES[step.channel]}</span>
        <span>
          simulated time <time dateTime={new Date(step.time * 1000).toISOString()}>{formatEpoch(step.time).slice(11)}</time>
        </span>
      </p>
      <Tabs label="Inspector views" tabs={tabsFor(trace, index, step)} selected={tab} onSelect={setTab} idBase={idBase} />
      <TabPanel idBase={idBase} tabId={tab}>
        {tab === "http" ? <HttpPanel trace={trace} step={step} /> : null}
        {tab === "token" ? <TokenPanel step={step} /> : null}
        {tab === "pkce" ? <PkcePanel trace={trace} index={index} /> : null}
        {tab === "knowledge" ? <KnowledgePanel trace={trace} index={index} /> : null}
        {tab === "checks" ? <ChecksPanel step={step} /> : null}
      </TabPanel>
    </section>
  );
}
