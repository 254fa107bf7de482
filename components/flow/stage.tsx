"use client";

import { useEffect, useMemo, useRef, type CSSProperties } from "react";
import { stageLanes } from "@/machines/stage";
import type { Trace } from "@/machines/trace";
import { Icon } from "./icons";
import { LANES } from "./lanes";
import { MessageRow } from "./message-row";
import { OutcomeList } from "./outcome-list";

/** "61 s", "15 min", "2 h": how much simulated time passed before a step. */
export function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** Scroll only the timeline (never the page) so the current row is in view. */
function keepInView(container: HTMLElement, row: HTMLElement, smooth: boolean) {
  const offset = row.getBoundingClientRect().top - container.getBoundingClientRect().top + container.scrollTop;
  const top = offset - 8;
  const bottom = offset + row.offsetHeight + 8;
  const header = (container.querySelector("[data-lane-header]") as HTMLElement | null)?.offsetHeight ?? 0;
  let target: number | undefined;
  if (bottom > container.scrollTop + container.clientHeight) target = bottom - container.clientHeight;
  if (top - header < (target ?? container.scrollTop)) target = top - header;
  if (target !== undefined) container.scrollTo({ top: Math.max(0, target), behavior: smooth ? "smooth" : "auto" });
}

/**
 * The stage: one lane per role, and the flow's messages so far as a timeline of arrows — the
 * current one highlighted and animated, the earlier ones kept, dimmed. At the last step, how each
 * role ended.
 */
export function Stage({ trace, index, onSelect }: { trace: Trace; index: number; onSelect: (index: number) => void }) {
  const lanes = useMemo(() => stageLanes(trace), [trace]);
  const changed = useMemo(() => new Set(trace.changed ?? []), [trace]);
  const scroller = useRef<HTMLDivElement>(null);
  const atEnd = index >= trace.steps.length - 1;

  useEffect(() => {
    const container = scroller.current;
    if (!container) return;
    const row = container.querySelector<HTMLElement>(atEnd ? "[data-outcomes]" : '[aria-current="step"]');
    if (!row) return;
    const smooth = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    keepInView(container, row, smooth);
  }, [index, atEnd, trace]);

  const shown = trace.steps.slice(0, index + 1);
  return (
    <div className="flow-stage" style={{ "--lanes": lanes.length } as CSSProperties}>
      <div
        ref={scroller}
        tabIndex={0}
        role="region"
        aria-label="Messages so far"
        className="relative h-[24rem] overflow-y-auto overscroll-contain rounded-xl border border-line bg-surface sm:h-[26rem] lg:h-[max(20rem,calc(100dvh-19.5rem))]"
      >
        <div data-lane-header className="flow-lanes sticky top-0 z-20 border-b border-line bg-surface">
          {lanes.map((role) => (
            <div key={role} className="flow-lane-head px-1 pt-1.5 pb-1 text-center" style={{ "--lane": LANES[role].color } as CSSProperties}>
              <span className="hidden text-xs leading-4 font-semibold sm:block">{LANES[role].name}</span>
              <span className="hidden text-[0.6875rem] leading-4 text-muted sm:block">{LANES[role].hint}</span>
              <span className="block text-[0.6875rem] leading-4 font-semibold sm:hidden">{LANES[role].short}</span>
            </div>
          ))}
        </div>
        <div className="relative px-1 pt-1 pb-3">
          <div className="flow-lifelines" aria-hidden="true">
            {lanes.map((role) => (
              <span key={role} style={{ "--lane": LANES[role].color } as CSSProperties} />
            ))}
          </div>
          <ol className="relative flex flex-col gap-1" aria-label={`Steps 1 to ${index + 1} of ${trace.steps.length}`}>
            {shown.map((step) => (
              <WaitAndRow key={step.index} waited={step.waited}>
                <MessageRow step={step} lanes={lanes} current={step.index === index} onSelect={onSelect} changed={changed.has(step.index)} />
              </WaitAndRow>
            ))}
          </ol>
          {atEnd ? <OutcomeList trace={trace} className="relative mx-1 mt-3" /> : null}
        </div>
      </div>
    </div>
  );
}

function WaitAndRow({ waited, children }: { waited?: number; children: React.ReactNode }) {
  if (!waited) return children;
  return (
    <>
      <li className="relative flex items-center justify-center gap-1.5 py-0.5 text-xs text-muted" data-wait={waited}>
        <span className="flex items-center gap-1 rounded-full border border-dashed border-line bg-surface px-2 py-0.5">
          <Icon name="clock" className="size-3.5" />
          {formatWait(waited)} later
        </span>
      </li>
      {children}
    </>
  );
}
