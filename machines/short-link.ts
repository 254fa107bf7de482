/**
 * Short links for a room: `/s?f=pkce&c=1&n=3&s=demo` is easy to read off a projector and type on
 * a phone. The site is a static export with no server, so /s expands the link in the browser to
 * the flow page's full address (`/flows/authorization-code-pkce?scenario=…&step=3&seed=demo`).
 *
 *   f  the flow: a short name below, or its full id
 *   c  the scenario: its place in the flow's list, 0 for the default (left out when 0)
 *   n  the step, counted from 1 (left out when 1)
 *   s  the seed (left out when it is the default one)
 *
 * A comparison (machines/present-compare.ts) has its own: `/s?v=pkce,cc&n=5&s=demo` stands for
 * `/compare?flows=authorization-code-pkce,client-credentials&seed=demo&step=5`.
 *
 *   v  the flows compared, short names or full ids, comma-separated (instead of f)
 *   n  the moment, counted from 1;  s  the seed (as above)
 *
 * Expanding never throws. An unknown flow is an error the /s page shows; any other value that
 * cannot be used is handed on as it is, so the flow page falls back and says why, as it does for
 * any address.
 */
import { DEFAULT_SEED } from "./flow-url";
import { FLOW_IDS, type FlowId } from "./flows/types";

/** The short name of each flow in a short link. */
export const SHORT_FLOW_NAMES: Readonly<Record<FlowId, string>> = {
  "authorization-code": "code",
  "authorization-code-pkce": "pkce",
  "client-credentials": "cc",
  "refresh-token": "refresh",
  "device-code": "device",
  implicit: "implicit",
  password: "password",
};

/** Each flow's scenario ids, the default first, as the flow registry lists them. */
export type ScenarioTable = Readonly<Record<string, readonly string[]>>;

export interface ShortLinkTarget {
  readonly flow: FlowId;
  /** The scenario's place in the flow's list (0: the default). */
  readonly scenarioIndex: number;
  /** 1-based. */
  readonly step: number;
  readonly seed: string;
}

/** The path and query of a short link: `/s?f=pkce&n=3`. */
export function shortLink(target: ShortLinkTarget): string {
  const parts = [`f=${SHORT_FLOW_NAMES[target.flow]}`];
  const scenario = Math.max(0, Math.trunc(target.scenarioIndex));
  if (scenario > 0) parts.push(`c=${scenario}`);
  const step = Math.max(1, Math.trunc(target.step));
  if (step > 1) parts.push(`n=${step}`);
  if (target.seed !== DEFAULT_SEED) parts.push(`s=${encodeURIComponent(target.seed)}`);
  return `/s?${parts.join("&")}`;
}

/** The flow a short link names: its short name or its full id. */
export function flowOfShortName(name: string | null): FlowId | undefined {
  if (name === null) return undefined;
  const byShortName = FLOW_IDS.find((id) => SHORT_FLOW_NAMES[id] === name);
  if (byShortName) return byShortName;
  return (FLOW_IDS as readonly string[]).includes(name) ? (name as FlowId) : undefined;
}

export type ExpandedShortLink =
  /** `flow`: the flow opened (a comparison's first known flow); `flows`: a comparison's flows as named. */
  | { readonly ok: true; readonly href: string; readonly flow: FlowId; readonly flows?: readonly string[] } | { readonly ok: false; readonly reason: "no-flow" | "unknown-flow"; readonly flow?: string };

/** The short link of a comparison stepped together at moment `step`: `/s?v=pkce,cc&n=5`. */
export function shortCompareLink(target: { readonly flows: readonly FlowId[]; readonly step: number; readonly seed: string }): string {
  const parts = [`v=${target.flows.map((flow) => SHORT_FLOW_NAMES[flow]).join(",")}`];
  const step = Math.max(1, Math.trunc(target.step));
  if (step > 1) parts.push(`n=${step}`);
  if (target.seed !== DEFAULT_SEED) parts.push(`s=${encodeURIComponent(target.seed)}`);
  return `/s?${parts.join("&")}`;
}

/**
 * The compare page's address a comparison's short link stands for. Names that are no flow are
 * handed on as they are (at most four), so the compare page leaves them out and says so.
 */
function expandCompareLink(raw: string, params: URLSearchParams): ExpandedShortLink {
  const named = raw.split(",").slice(0, 4).map((name) => name.trim()).filter((name) => name !== "");
  const flows = named.map((name) => flowOfShortName(name) ?? name);
  const first = flows.find((name): name is FlowId => (FLOW_IDS as readonly string[]).includes(name));
  if (!first) return named.length === 0 ? { ok: false, reason: "no-flow" } : { ok: false, reason: "unknown-flow", flow: raw };
  const query = new URLSearchParams({ flows: flows.join(","), seed: params.get("s") ?? DEFAULT_SEED, step: params.get("n") ?? "1" });
  return { ok: true, flow: first, flows, href: `/compare?${query.toString().replaceAll("%2C", ",")}` };
}

/** The flow page's address a short link stands for (path and query), or why there is none. */
export function expandShortLink(search: string | URLSearchParams, scenarios: ScenarioTable): ExpandedShortLink {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const rawCompare = params.get("v");
  if (rawCompare !== null && !params.has("f")) return expandCompareLink(rawCompare, params);
  const rawFlow = params.get("f");
  if (rawFlow === null || rawFlow === "") return { ok: false, reason: "no-flow" };
  const flow = flowOfShortName(rawFlow);
  if (!flow) return { ok: false, reason: "unknown-flow", flow: rawFlow };

  const list = scenarios[flow] ?? [];
  const rawScenario = params.get("c");
  let scenario = list[0] ?? "";
  if (rawScenario !== null && rawScenario !== "") {
    const index = /^\d{1,4}$/.test(rawScenario) ? Number(rawScenario) : Number.NaN;
    // Out of range or not a number: hand it on, and the flow page says it has no such scenario.
    scenario = list[index] ?? rawScenario;
  }
  const step = params.get("n") ?? "1";
  const seed = params.get("s") ?? DEFAULT_SEED;
  const query = new URLSearchParams({ scenario, step, seed });
  return { ok: true, flow, href: `/flows/${flow}?${query.toString()}` };
}
