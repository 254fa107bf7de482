/**
 * mermaid, loaded on demand (through mermaid-library.ts) the first time a diagram is drawn, so the
 * library (≈ 190 KB gz) is never part of a page's first load, nor of what is kept for offline use.
 * Renders are queued one at a time, because mermaid's configuration is global.
 */
import type { Mermaid, MermaidConfig } from "mermaid";
import type { ResolvedTheme } from "@/components/theme/theme";

let loading: Promise<Mermaid> | undefined;

function loadMermaid(): Promise<Mermaid> {
  loading ??= import("./mermaid-library").then((module) => module.default);
  // A failed load (offline before it was cached) may be retried by the next render.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

const FONT =
  'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif';

/** mermaid's "base" theme, coloured like the site (app/globals.css) in each mode. */
const THEME_VARIABLES: Record<ResolvedTheme, NonNullable<MermaidConfig["themeVariables"]>> = {
  light: {
    darkMode: false,
    fontFamily: FONT,
    background: "#ffffff",
    primaryColor: "#eef2ff",
    primaryBorderColor: "#6366f1",
    primaryTextColor: "#0f172a",
    textColor: "#0f172a",
    lineColor: "#475569",
    actorBkg: "#f8fafc",
    actorBorder: "#94a3b8",
    actorTextColor: "#0f172a",
    actorLineColor: "#cbd5e1",
    signalColor: "#334155",
    signalTextColor: "#0f172a",
    noteBkgColor: "#fefce8",
    noteBorderColor: "#ca8a04",
    noteTextColor: "#422006",
    labelBoxBkgColor: "#eef2ff",
    labelBoxBorderColor: "#6366f1",
    labelTextColor: "#1e1b4b",
    loopTextColor: "#0f172a",
  },
  dark: {
    darkMode: true,
    fontFamily: FONT,
    background: "#0b1120",
    primaryColor: "#1e2548",
    primaryBorderColor: "#818cf8",
    primaryTextColor: "#e2e8f0",
    textColor: "#e2e8f0",
    lineColor: "#a3b1c6",
    actorBkg: "#16213a",
    actorBorder: "#475569",
    actorTextColor: "#e2e8f0",
    actorLineColor: "#334155",
    signalColor: "#cbd5e1",
    signalTextColor: "#e2e8f0",
    noteBkgColor: "#2a2410",
    noteBorderColor: "#a16207",
    noteTextColor: "#fef3c7",
    labelBoxBkgColor: "#1e2548",
    labelBoxBorderColor: "#818cf8",
    labelTextColor: "#e0e7ff",
    loopTextColor: "#e2e8f0",
  },
};

function configFor(theme: ResolvedTheme): MermaidConfig {
  return {
    startOnLoad: false,
    // strict: labels are text (no HTML, no click handlers), and mermaid runs its output through DOMPurify.
    securityLevel: "strict",
    // A failed render throws and cleans up, instead of drawing mermaid's own error picture.
    suppressErrorRendering: true,
    theme: "base",
    themeVariables: THEME_VARIABLES[theme],
    fontFamily: FONT,
    sequence: {
      // The SVG keeps its natural size (width and height attributes); the panel scales it.
      useMaxWidth: false,
      mirrorActors: true,
      messageFontSize: 14,
      noteFontSize: 13,
      actorFontSize: 14,
      boxMargin: 8,
      noteMargin: 8,
      messageMargin: 36,
    },
  };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * The SVG text mermaid draws for `source` in `theme`. `id` must be unique in the document and not
 * in use: mermaid removes any element with that id before it draws.
 */
export function renderMermaid(id: string, source: string, theme: ResolvedTheme): Promise<string> {
  const run = async () => {
    const mermaid = await loadMermaid();
    mermaid.initialize(configFor(theme));
    const { svg } = await mermaid.render(id, source);
    return svg;
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
