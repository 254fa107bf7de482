"use client";

import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { resolvedTheme, subscribeTheme, type ResolvedTheme } from "@/components/theme/theme";
import { cn } from "@/components/ui/cn";
import type { Trace } from "@/machines/trace";
import { toMermaid } from "@/machines/trace-format";
import { copyText } from "./copy-text";
import { statementSelector, stepStatements } from "./diagram-steps";
import { renderMermaid } from "./mermaid-render";
import { backgroundColour, downloadBlob, fileName, pngBlob, prepareSvg, svgFileText, type PreparedSvg } from "./svg-export";

const SVG_NS = "http://www.w3.org/2000/svg";

type Drawn = { readonly key: string; readonly svg: string } | { readonly key: string; readonly error: string };

let renderCount = 0;

/** The smallest scale the diagram is shown at by default: below it, it opens at its natural size. */
const AUTO_FIT = 0.35;

const serverTheme = (): ResolvedTheme => "light";

function messageOf(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === "string" && error) return error;
  return "mermaid gave no reason";
}

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === "function" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * Marks step `index` in a drawn diagram: a band across the whole diagram behind the step's message
 * (or note), its arrow drawn thicker, and the band scrolled into view inside `scroller`.
 */
function highlightStep(svg: SVGSVGElement, statement: number | undefined, index: number, scroller: HTMLElement | null, scroll: boolean) {
  svg.querySelectorAll("[data-highlight]").forEach((element) => element.remove());
  svg.querySelectorAll<SVGElement>("[data-current-step]").forEach((element) => {
    element.removeAttribute("data-current-step");
    element.style.removeProperty("stroke-width");
  });
  if (statement === undefined) return;
  const target = svg.querySelector<SVGGraphicsElement>(statementSelector(statement));
  if (!target || typeof target.getBBox !== "function") return;

  // A message's label lines are the text elements mermaid draws just before its line.
  const parts: SVGGraphicsElement[] = [target];
  if (target.getAttribute("data-et") === "message") {
    let previous = target.previousElementSibling;
    while (previous && previous.classList.contains("messageText")) {
      parts.push(previous as SVGGraphicsElement);
      previous = previous.previousElementSibling;
    }
    target.setAttribute("data-current-step", String(index + 1));
    target.style.setProperty("stroke-width", "3px");
  } else {
    target.setAttribute("data-current-step", String(index + 1));
  }

  let top = Infinity;
  let bottom = -Infinity;
  for (const part of parts) {
    try {
      const box = part.getBBox();
      top = Math.min(top, box.y);
      bottom = Math.max(bottom, box.y + box.height);
    } catch {
      // Not laid out (hidden): no band.
    }
  }
  if (!Number.isFinite(top)) return;
  const viewBox = svg.viewBox.baseVal;
  const band = document.createElementNS(SVG_NS, "rect");
  band.setAttribute("data-highlight", String(index + 1));
  band.setAttribute("x", String(viewBox.x));
  band.setAttribute("width", String(viewBox.width));
  band.setAttribute("y", String(top - 8));
  band.setAttribute("height", String(bottom - top + 16));
  band.setAttribute("rx", "6");
  band.setAttribute("fill", getComputedStyle(document.documentElement).getPropertyValue("--accent").trim() || "#4338ca");
  band.setAttribute("fill-opacity", "0.14");
  // Behind the actors and messages, in front of mermaid's own coloured bands.
  const anchor = [...svg.children].find((child) => !child.matches("style, defs, rect.rect")) ?? null;
  svg.insertBefore(band, anchor);

  if (!scroll || !scroller) return;
  const view = scroller.getBoundingClientRect();
  const bandBox = band.getBoundingClientRect();
  // Across: the step's label (or note) is what must be read; its arrow may be wider than the view.
  const boxes = parts.map((part) => part.getBoundingClientRect());
  const labels = boxes.length > 1 ? boxes.slice(1) : boxes;
  const left = Math.min(...labels.map((box) => box.left));
  const right = Math.max(...labels.map((box) => box.right));
  const behavior: ScrollBehavior = prefersReducedMotion() ? "auto" : "smooth";
  const outsideY = bandBox.top < view.top || bandBox.bottom > view.bottom;
  const outsideX = left < view.left || right > view.right;
  if (outsideY || outsideX) {
    const centreX = right - left <= view.width - 32 ? (left + right) / 2 : left + view.width / 2 - 16;
    scroller.scrollTo({
      top: outsideY ? scroller.scrollTop + bandBox.top - view.top - view.height / 3 : scroller.scrollTop,
      left: outsideX ? scroller.scrollLeft + centreX - view.left - view.width / 2 : scroller.scrollLeft,
      behavior,
    });
  }
}

/**
 * The whole flow as a sequence diagram, drawn by mermaid from the trace (`toMermaid`). mermaid is
 * imported only when this panel mounts; the current step is marked; the diagram can be saved as
 * SVG or PNG, and its mermaid source copied or read.
 */
export function SequenceDiagramPanel({ trace, index }: { trace: Trace; index: number }) {
  const source = useMemo(() => toMermaid(trace), [trace]);
  const statements = useMemo(() => stepStatements(source), [source]);
  const theme = useSyncExternalStore(subscribeTheme, resolvedTheme, serverTheme);
  const key = `${theme}\n${source}`;
  const baseId = useId().replace(/[^A-Za-z0-9]/g, "");
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  // null: not chosen yet — fit the width when the diagram stays readable that way (see AUTO_FIT).
  const [fitChoice, setFitChoice] = useState<boolean | null>(null);
  const [fitsReadably, setFitsReadably] = useState(false);
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState<"svg" | "png" | null>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const preparedRef = useRef<PreparedSvg | null>(null);
  const [prepared, setPrepared] = useState<PreparedSvg | null>(null);
  const lastHighlighted = useRef<string | null>(null);

  const stepCount = trace.steps.length;
  const label = `Sequence diagram of ${trace.flow} (${trace.scenario}): ${stepCount} steps between ${trace.roles.length} participants`;

  // Draw (again) whenever the source or the theme changes.
  useEffect(() => {
    let cancelled = false;
    renderCount += 1;
    renderMermaid(`sequence-${baseId}-${renderCount}`, source, theme).then(
      (svg) => {
        if (!cancelled) setDrawn({ key, svg });
      },
      (error: unknown) => {
        if (!cancelled) setDrawn({ key, error: messageOf(error) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, source, theme, baseId]);

  const fit = fitChoice ?? fitsReadably;
  const current = drawn && drawn.key === key ? drawn : null;
  const status: "loading" | "ready" | "error" = !current ? "loading" : "svg" in current ? "ready" : "error";
  const svgText = drawn && "svg" in drawn ? drawn.svg : null;
  const error = current && "error" in current ? current.error : null;

  // Put the drawn SVG in the page (as parsed elements, never as HTML text).
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const next = svgText ? prepareSvg(svgText, theme, label) : null;
    host.replaceChildren(...(next ? [next.element] : []));
    preparedRef.current = next;
    lastHighlighted.current = null;
    setPrepared(next);
    const room = scrollerRef.current?.clientWidth ?? 0;
    setFitsReadably(next !== null && room > 0 && (room - 24) / next.width >= AUTO_FIT);
    // theme and label are read when the SVG arrives; a theme change brings a new SVG.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [svgText]);

  // Mark the current step, and bring it into view when the step changes.
  useEffect(() => {
    if (!prepared) return;
    const id = `${index}`;
    const moved = lastHighlighted.current !== id;
    highlightStep(prepared.element, statements.get(index), index, scrollerRef.current, moved);
    lastHighlighted.current = id;
  }, [prepared, statements, index, fit]);

  const say = (text: string) => {
    setNotice("");
    // A new message, even when it repeats the last one, is announced again.
    window.setTimeout(() => setNotice(text), 30);
  };

  const onCopy = async () => {
    const copied = await copyText(source);
    if (copied) {
      say("Copied the mermaid source to the clipboard.");
    } else {
      const details = document.getElementById(`${baseId}-source`) as HTMLDetailsElement | null;
      if (details) details.open = true;
      const code = document.getElementById(`${baseId}-code`);
      const selection = window.getSelection();
      if (code && selection) {
        const range = document.createRange();
        range.selectNodeContents(code);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      say("Copying is not allowed here: the source is selected below — press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  };

  const stem = [trace.flow, trace.scenario, "sequence"];
  const onDownloadSvg = () => {
    const ready = preparedRef.current;
    if (!ready) return;
    const text = svgFileText(ready, backgroundColour());
    const name = fileName(stem, "svg");
    downloadBlob(new Blob([text], { type: "image/svg+xml" }), name);
    say(`Saved ${name}.`);
  };
  const onDownloadPng = async () => {
    const ready = preparedRef.current;
    if (!ready) return;
    setBusy("png");
    try {
      const blob = await pngBlob(ready, backgroundColour(), 2);
      const name = fileName(stem, "png");
      downloadBlob(blob, name);
      say(`Saved ${name}.`);
    } catch (failure) {
      say(`Could not make a PNG: ${messageOf(failure)}`);
    } finally {
      setBusy(null);
    }
  };

  const button =
    "inline-flex items-center gap-1.5 rounded-md border border-line bg-surface-raised px-3 py-1.5 text-sm font-medium text-foreground shadow-xs hover:border-accent/60 disabled:cursor-not-allowed disabled:opacity-50 aria-pressed:border-accent aria-pressed:bg-accent-soft";

  return (
    <section aria-labelledby={`${baseId}-title`} data-diagram-status={status} className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div>
          <p id={`${baseId}-title`} className="text-base font-semibold text-foreground">
            Sequence diagram
          </p>
          <p className="text-xs text-muted">
            {`${stepCount} steps · dashed arrows go through the browser, solid ones server to server · ✗ marks a refusal`}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" className={button} aria-pressed={fit} onClick={() => setFitChoice(!fit)}>
            Fit to width
          </button>
          <button type="button" className={button} disabled={status !== "ready"} onClick={onDownloadSvg}>
            Download SVG
          </button>
          <button type="button" className={button} disabled={status !== "ready" || busy === "png"} onClick={onDownloadPng}>
            {busy === "png" ? "Drawing PNG…" : "Download PNG"}
          </button>
          <button type="button" className={button} onClick={onCopy}>
            Copy mermaid source
          </button>
        </div>
      </div>

      <p role="status" aria-live="polite" className="min-h-5 text-sm text-muted empty:min-h-0">
        {notice}
      </p>

      {error !== null ? (
        <div role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          <p className="font-semibold">The diagram could not be drawn.</p>
          <p className="mt-1">
            mermaid said: <span className="font-mono break-words">{error}</span>
          </p>
          <p className="mt-1">Its mermaid source is below; you can still copy it.</p>
        </div>
      ) : null}

      <div
        ref={scrollerRef}
        role="region"
        aria-label="Sequence diagram (scrollable)"
        aria-busy={status === "loading"}
        tabIndex={0}
        className={cn(
          "relative max-h-[min(70vh,52rem)] min-h-40 overflow-auto rounded-xl border border-line bg-background p-3",
          error !== null && !svgText && "hidden",
        )}
      >
        {status === "loading" ? (
          <div className={cn("flex flex-col gap-3 p-2", svgText && "absolute inset-x-0 top-0 bg-background/80")}>
            <p className="text-sm text-muted">{svgText ? "Redrawing the diagram…" : "Drawing the sequence diagram…"}</p>
            {svgText ? null : (
              <div aria-hidden="true" className="flex animate-pulse flex-col gap-3 motion-reduce:animate-none">
                <div className="flex justify-between gap-4">
                  {trace.roles.map((role) => (
                    <div key={role} className="h-8 flex-1 rounded-md bg-surface" />
                  ))}
                </div>
                {Array.from({ length: Math.min(stepCount, 6) }, (_, row) => (
                  <div key={row} className="h-3 rounded bg-surface" style={{ width: `${40 + ((row * 37) % 50)}%`, marginLeft: `${(row * 23) % 40}%` }} />
                ))}
              </div>
            )}
          </div>
        ) : null}
        <div
          ref={hostRef}
          data-fit={fit}
          className={cn("[&_svg]:block", fit ? "[&_svg]:h-auto [&_svg]:w-full" : "[&_svg]:max-w-none")}
        />
      </div>

      <details id={`${baseId}-source`} open={error !== null ? true : undefined} className="rounded-lg border border-line bg-surface">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-foreground">Mermaid source</summary>
        <pre
          role="region"
          aria-label="Mermaid source (scrollable)"
          tabIndex={0}
          className="max-h-80 overflow-auto border-t border-line px-3 py-2 text-xs leading-5 text-foreground"
        >
          <code id={`${baseId}-code`}>{source}</code>
        </pre>
      </details>
    </section>
  );
}
