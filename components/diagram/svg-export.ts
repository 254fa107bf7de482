/**
 * What the panel does with mermaid's SVG text: parse it into an element (never innerHTML), strip
 * anything active defensively, colour the participants like the simulator's lanes, and export it
 * as an SVG or a PNG file.
 */
import type { ResolvedTheme } from "@/components/theme/theme";

const SVG_NS = "http://www.w3.org/2000/svg";

/** Elements that could run or load something; mermaid's strict output holds none, and keeps none. */
const ACTIVE = "script, foreignObject, foreignobject, iframe, object, embed, image, use[href^='http'], a";

/** The lane colour of each role (the --role-* variables of app/globals.css); the attacker is red. */
const ROLE_VARIABLES: Readonly<Record<string, string>> = {
  resourceOwner: "--role-owner",
  client: "--role-client",
  authorizationServer: "--role-as",
  resourceServer: "--role-rs",
};
const ATTACKER: Record<ResolvedTheme, string> = { light: "#dc2626", dark: "#f87171" };

export interface PreparedSvg {
  readonly element: SVGSVGElement;
  /** Natural size in CSS pixels (from the viewBox). */
  readonly width: number;
  readonly height: number;
}

function naturalSize(svg: SVGSVGElement): { width: number; height: number } {
  const box = (svg.getAttribute("viewBox") ?? "").split(/[\s,]+/).map(Number);
  const fromBox = box.length === 4 && box.every(Number.isFinite) ? { width: box[2]!, height: box[3]! } : undefined;
  // The viewBox is what is drawn; mermaid's height attribute can be a little off from it.
  const width = fromBox?.width || Number.parseFloat(svg.getAttribute("width") ?? "") || 800;
  const height = fromBox?.height || Number.parseFloat(svg.getAttribute("height") ?? "") || 600;
  return { width, height };
}

/**
 * mermaid's SVG text as a detached element of this document, or null if it is not an SVG.
 * Parsed by DOMParser (scripts in parsed markup never run), then stripped of active elements,
 * event-handler attributes and links that leave the document.
 */
export function prepareSvg(svgText: string, theme: ResolvedTheme, label: string): PreparedSvg | null {
  const parsed = new DOMParser().parseFromString(svgText, "text/html");
  const source = parsed.body.querySelector("svg");
  if (!source) return null;
  for (const element of source.querySelectorAll(ACTIVE)) element.remove();
  for (const element of [source, ...source.querySelectorAll("*")]) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      const isLink = name === "href" || name === "xlink:href" || name === "src";
      if (name.startsWith("on") || (isLink && !attribute.value.startsWith("#"))) element.removeAttribute(attribute.name);
    }
  }
  const svg = document.importNode(source, true) as unknown as SVGSVGElement;
  if (svg.namespaceURI !== SVG_NS) return null;

  // Participants in their lane colours; red "something failed" bands toned down in dark mode.
  const styles = typeof getComputedStyle === "function" ? getComputedStyle(document.documentElement) : undefined;
  for (const actor of svg.querySelectorAll<SVGRectElement>("rect.actor[name]")) {
    const role = actor.getAttribute("name") ?? "";
    const variable = ROLE_VARIABLES[role];
    const colour = variable ? styles?.getPropertyValue(variable).trim() : role === "attacker" ? ATTACKER[theme] : undefined;
    if (colour) {
      actor.setAttribute("stroke", colour);
      actor.style.setProperty("stroke", colour);
      actor.style.setProperty("stroke-width", "2px");
    }
  }
  if (theme === "dark") {
    for (const band of svg.querySelectorAll<SVGRectElement>(":scope > rect.rect")) {
      band.setAttribute("fill", "#f87171");
      band.setAttribute("fill-opacity", "0.2");
    }
  }

  const { width, height } = naturalSize(svg);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.removeAttribute("aria-roledescription");
  return { element: svg, width, height };
}

/** The theme's page background, painted behind exported diagrams so dark ones stay readable. */
export function backgroundColour(): string {
  const value = typeof getComputedStyle === "function" ? getComputedStyle(document.documentElement).getPropertyValue("--background").trim() : "";
  return value || "#ffffff";
}

/** A standalone SVG file of a prepared diagram (well-formed XML, its background painted). */
export function svgFileText(prepared: PreparedSvg, background: string): string {
  const clone = prepared.element.cloneNode(true) as SVGSVGElement;
  clone.querySelectorAll("[data-highlight]").forEach((element) => element.remove());
  clone.setAttribute("xmlns", SVG_NS);
  clone.style.setProperty("background-color", background);
  clone.style.removeProperty("max-width");
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}\n`;
}

/** The diagram drawn on a canvas at `scale`× its natural size, as a PNG. */
export async function pngBlob(prepared: PreparedSvg, background: string, scale = 2): Promise<Blob> {
  const text = svgFileText(prepared, background);
  const image = new Image();
  image.decoding = "async";
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error("the browser could not load the SVG as an image"));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await loaded;
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(prepared.width * scale);
  canvas.height = Math.ceil(prepared.height * scale);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("this browser cannot draw on a canvas");
  context.fillStyle = background;
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the canvas gave no PNG"))), "image/png");
  });
}

/** Saves a blob as a file through a temporary object URL. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from ids: lower-case letters, digits and dashes only. */
export function fileName(parts: readonly string[], extension: string): string {
  const stem = parts
    .map((part) => part.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, ""))
    .filter(Boolean)
    .join("-");
  return `${stem || "diagram"}.${extension}`;
}
