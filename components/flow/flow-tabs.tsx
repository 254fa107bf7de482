"use client";

import { useId, useRef, useState, type KeyboardEvent } from "react";
import { cn } from "@/components/ui/cn";
import { lazyPart } from "@/components/ui/lazy-part";
import type { Trace } from "@/machines/trace";
import { useNearScreen } from "./use-near-screen";

function Placeholder({ text }: { text: string }) {
  return <p className="flex min-h-[20rem] items-center justify-center rounded-2xl border border-line bg-surface p-4 text-sm text-muted">{text}</p>;
}

const loadInspector = () => import("@/components/inspector/inspector");

/** The inspector (and jose, which verifies tokens) is fetched when its area comes near the screen. */
const Inspector = lazyPart(() => loadInspector().then((module) => module.Inspector), <Placeholder text="Loading the inspector…" />);

/** The diagram panel (and mermaid behind it) is fetched only when its tab is first opened. */
const loadDiagramPanel = () => import("@/components/diagram/sequence-diagram-panel");
const loadExercisesPanel = () => import("./exercises-panel");

const SequenceDiagramPanel = lazyPart(() => loadDiagramPanel().then((module) => module.SequenceDiagramPanel), <Placeholder text="Loading the diagram…" />);

/** The guided tampering exercises are fetched only when their tab is first opened. */
const ExercisesPanel = lazyPart(() => loadExercisesPanel().then((module) => module.ExercisesPanel), <Placeholder text="Loading the exercises…" />);

type TabId = "inspector" | "diagram" | "tamper";

const TABS: readonly { id: TabId; label: string }[] = [
  { id: "inspector", label: "Inspect this step" },
  { id: "diagram", label: "Sequence diagram" },
  { id: "tamper", label: "Tamper" },
];

/** The step's inspector, and the whole flow as a sequence diagram (mounted only while its tab is open). */
export function FlowTabs({ trace, index }: { trace: Trace; index: number }) {
  const [tab, setTab] = useState<TabId>("inspector");
  const idBase = useId();
  const refs = useRef(new Map<TabId, HTMLButtonElement>());
  const area = useRef<HTMLElement>(null);
  const [near, markNear] = useNearScreen(area);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const at = TABS.findIndex((item) => item.id === tab);
    const target = event.key === "ArrowRight" ? (at + 1) % TABS.length : event.key === "ArrowLeft" ? (at - 1 + TABS.length) % TABS.length : event.key === "Home" ? 0 : event.key === "End" ? TABS.length - 1 : undefined;
    if (target === undefined) return;
    event.preventDefault();
    const next = TABS[target]!;
    setTab(next.id);
    refs.current.get(next.id)?.focus();
  }

  return (
    <section ref={area} aria-labelledby={`${idBase}-heading`} className="awaits-address render-when-near min-w-0" onFocusCapture={markNear}>
      <h2 id={`${idBase}-heading`} className="sr-only">
        Inspect and diagram
      </h2>
      <div role="tablist" aria-label="Inspect or diagram" onKeyDown={onKeyDown} className="flex gap-1 overflow-x-auto border-b border-line">
        {TABS.map((item) => {
          const active = item.id === tab;
          return (
            <button
              key={item.id}
              ref={(element) => {
                if (element) refs.current.set(item.id, element);
                else refs.current.delete(item.id);
              }}
              type="button"
              role="tab"
              id={`${idBase}-tab-${item.id}`}
              aria-selected={active}
              aria-controls={active ? `${idBase}-panel-${item.id}` : undefined}
              tabIndex={active ? 0 : -1}
              onClick={() => setTab(item.id)}
              className={cn(
                "-mb-px border-b-2 px-3 py-2 text-sm font-semibold whitespace-nowrap",
                active ? "border-accent text-foreground" : "border-transparent text-muted hover:text-foreground",
              )}
            >
              {item.label}
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${idBase}-panel-${tab}`} aria-labelledby={`${idBase}-tab-${tab}`} className="pt-3">
        {!near ? (
          <Placeholder text="The inspector opens as you scroll to it." />
        ) : tab === "inspector" ? (
          <Inspector trace={trace} index={index} />
        ) : tab === "tamper" ? (
          <ExercisesPanel trace={trace} />
        ) : (
          <SequenceDiagramPanel trace={trace} index={index} />
        )}
      </div>
    </section>
  );
}
