/**
 * The flow page's address: `/flows/<flow>?scenario=X&step=N&seed=S[&grant=a,b]`, so a shared link
 * opens at the same step of the same scenario with the same codes and tokens.
 *
 * Reading it never throws: a value that cannot be used falls back to a default and says so in a
 * notice the page shows (an unknown scenario → the default one, a step out of range → the nearest,
 * a seed with characters it may not carry → those removed, or "demo").
 */

export const DEFAULT_SEED = "demo";
export const MAX_SEED_LENGTH = 64;
/** Characters a seed keeps: unreserved URL characters (RFC 3986 §2.3), so it reads the same in any link. */
const SEED_CHARACTERS = /[A-Za-z0-9._~-]/g;
/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ) — minus the comma that separates them here. */
const SCOPE_TOKEN = /^[\x21\x23-\x2B\x2D-\x5B\x5D-\x7E]{1,64}$/;
const MAX_GRANTED_SCOPES = 16;

export type FlowUrlField = "scenario" | "step" | "seed" | "grant" | "edit";

/** Why a value in the address was not used as it is. */
export interface FlowUrlNotice {
  readonly field: FlowUrlField;
  readonly message: string;
}

export interface ScenarioOption {
  readonly id: string;
  readonly title: string;
}

/** Where in a flow the page is: what the address says once every value is usable. */
export interface FlowLocation {
  readonly scenario: string;
  /** 1-based, as people count steps ("Step 3 of 14"); clamped with clampStep once the trace is known. */
  readonly step: number;
  readonly seed: string;
  /** The scopes the person leaves ticked on the consent page; undefined: as the page offers them. */
  readonly grant?: readonly string[];
}

export interface ParsedFlowUrl {
  readonly location: FlowLocation;
  readonly notices: readonly FlowUrlNotice[];
}

export interface ParseOptions {
  /** The flow's scenarios, the default first. */
  readonly scenarios: readonly ScenarioOption[];
  /** Whether the flow has a consent page whose scope choices a learner can change. */
  readonly grantable: boolean;
}

/** A value quoted in a notice: shortened, so a huge parameter cannot flood the page. */
export function quote(value: string, max = 40): string {
  const short = value.length > max ? `${value.slice(0, max)}…` : value;
  return `“${short}”`;
}

export function parseScenario(raw: string | null, scenarios: readonly ScenarioOption[]): { scenario: string; notice?: FlowUrlNotice } {
  const fallback = scenarios[0];
  if (!fallback) throw new Error("a flow has at least one scenario");
  if (raw === null || raw === "") return { scenario: fallback.id };
  if (scenarios.some((scenario) => scenario.id === raw)) return { scenario: raw };
  return {
    scenario: fallback.id,
    notice: { field: "scenario", message: `This flow has no scenario ${quote(raw)}, so it shows the default one: ${fallback.title}.` },
  };
}

/** The step number the address asks for (1-based); clampStep fits it to the trace. */
export function parseStep(raw: string | null): { step: number; notice?: FlowUrlNotice } {
  if (raw === null || raw === "") return { step: 1 };
  const text = raw.trim();
  if (!/^\d+$/.test(text)) {
    return { step: 1, notice: { field: "step", message: `${quote(raw)} is not a step number, so the flow starts at step 1.` } };
  }
  const step = Math.min(Number(text), Number.MAX_SAFE_INTEGER);
  if (step < 1) return { step: 1, notice: { field: "step", message: "Steps are counted from 1, so the flow starts at step 1." } };
  return { step };
}

/** Fit a requested step (1-based) into a trace of `count` steps. */
export function clampStep(step: number, count: number): { step: number; notice?: FlowUrlNotice } {
  const last = Math.max(1, count);
  if (!Number.isFinite(step) || step < 1) return { step: 1 };
  if (step <= last) return { step: Math.floor(step) };
  const asked = step >= Number.MAX_SAFE_INTEGER ? "a step that far" : `step ${step}`;
  return { step: last, notice: { field: "step", message: `This scenario has ${last} steps, not ${asked}, so it shows the last one.` } };
}

export function sanitizeSeed(raw: string | null): { seed: string; notice?: FlowUrlNotice } {
  if (raw === null) return { seed: DEFAULT_SEED };
  if (raw.trim() === "") {
    return { seed: DEFAULT_SEED, notice: { field: "seed", message: `An empty seed makes no codes, so the flow uses the seed ${quote(DEFAULT_SEED)}.` } };
  }
  const kept = (raw.match(SEED_CHARACTERS) ?? []).join("");
  const seed = kept.slice(0, MAX_SEED_LENGTH);
  if (seed === raw) return { seed };
  if (seed === "") {
    return {
      seed: DEFAULT_SEED,
      notice: { field: "seed", message: `The seed ${quote(raw)} has no letters or digits, so the flow uses the seed ${quote(DEFAULT_SEED)}.` },
    };
  }
  const why = kept.length > MAX_SEED_LENGTH && kept.length === raw.length ? `is longer than ${MAX_SEED_LENGTH} characters` : "has characters a seed cannot carry (only letters, digits and - . _ ~)";
  return { seed, notice: { field: "seed", message: `The seed ${quote(raw)} ${why}, so the flow uses ${quote(seed)}.` } };
}

/** `grant=profile,order` → ["profile", "order"]; `grant=` → [] (every box unticked); absent → undefined. */
export function parseGrant(raw: string | null, grantable: boolean): { grant?: readonly string[]; notice?: FlowUrlNotice } {
  if (raw === null) return {};
  if (!grantable) {
    return { notice: { field: "grant", message: "This scenario has no consent page to tick scopes on, so the granted scopes in the link are ignored." } };
  }
  const parts = raw.split(/[,\s]+/).filter((part) => part !== "");
  const grant = [...new Set(parts.filter((part) => SCOPE_TOKEN.test(part)))].slice(0, MAX_GRANTED_SCOPES);
  if (grant.length === parts.length) return { grant };
  const dropped = parts.filter((part) => !grant.includes(part));
  return {
    grant,
    notice: { field: "grant", message: `${quote(dropped.join(" "))} ${dropped.length === 1 ? "is not a scope" : "are not scopes"} the consent page could offer, so they are left out.` },
  };
}

/** Read the query string of a flow page; every notice says what was not used and what is shown instead. */
export function parseFlowUrl(search: string | URLSearchParams, options: ParseOptions): ParsedFlowUrl {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const scenario = parseScenario(params.get("scenario"), options.scenarios);
  const step = parseStep(params.get("step"));
  const seed = sanitizeSeed(params.get("seed"));
  const grant = parseGrant(params.get("grant"), options.grantable);
  const notices = [scenario.notice, step.notice, seed.notice, grant.notice].filter((notice): notice is FlowUrlNotice => notice !== undefined);
  return {
    location: { scenario: scenario.scenario, step: step.step, seed: seed.seed, ...(grant.grant ? { grant: grant.grant } : {}) },
    notices,
  };
}

/** Percent-encode a query value, keeping the characters scopes use readable (`order:read`). */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":");
}

/** The query string of a location, always naming scenario, step and seed: `?scenario=…&step=…&seed=…`. */
export function serializeFlowUrl(location: FlowLocation): string {
  const parts = [`scenario=${encodeValue(location.scenario)}`, `step=${Math.max(1, Math.floor(location.step))}`, `seed=${encodeValue(location.seed)}`];
  if (location.grant) parts.push(`grant=${location.grant.map(encodeValue).join(",")}`);
  return `?${parts.join("&")}`;
}
