/**
 * The home page's small picture of a flow, read from its trace (DESIGN invariant 3: no second,
 * hand-written list of steps): the messages on the network from the first one that carries an
 * OAuth value to the API's answer, each labelled with its method and path or its status, and
 * marked with the values that travel for the first time in it.
 */
import { REASON_PHRASES } from "./http-status";
import { LANE_ORDER } from "./stage";
import type { ArtifactKind, RoleId, Trace, TraceStep } from "./trace";

export interface PreviewMessage {
  /** Lane indices in LANE_ORDER: resource owner, client, authorization server, resource server. */
  readonly from: number;
  readonly to: number;
  readonly label: string;
  /** Short names of the values that first travel in this message (at most two). */
  readonly chips: readonly string[];
  readonly channel: "front" | "back";
}

/** The values worth a chip, most telling first, with the short names the picture uses. */
const CHIP_NAMES: readonly (readonly [ArtifactKind, string])[] = [
  ["code", "code"],
  ["code_verifier", "verifier"],
  ["code_challenge", "challenge"],
  ["access_token", "access_token"],
  ["state", "state"],
  ["password", "password"],
];
const MAX_CHIPS = 2;

function labelOf(step: TraceStep): string {
  if (step.request) {
    const url = new URL(step.request.url);
    const bearer = step.request.headers.some(([name, value]) => name.toLowerCase() === "authorization" && /^bearer /i.test(value));
    return `${step.request.method} ${url.pathname}${bearer ? " · Bearer" : ""}`;
  }
  if (step.response) return `${step.response.status} ${REASON_PHRASES[step.response.status] ?? ""}`.trim();
  return step.title;
}

const laneOf = (role: RoleId) => LANE_ORDER.indexOf(role);

export function previewMessages(trace: Trace): PreviewMessage[] {
  const network = trace.steps.filter((step) => step.channel !== "local" && laneOf(step.from) < 4 && laneOf(step.to) < 4);
  const first = network.findIndex((step) => step.artifacts.length > 0);
  const last = network.findLastIndex((step) => step.from === "resourceServer");
  if (first === -1 || last < first) return [];
  const seen = new Set<ArtifactKind>();
  return network.slice(first, last + 1).map((step) => {
    const fresh = step.artifacts.map((artifact) => artifact.kind).filter((kind) => !seen.has(kind));
    for (const kind of fresh) seen.add(kind);
    return {
      from: laneOf(step.from),
      to: laneOf(step.to),
      label: labelOf(step),
      chips: CHIP_NAMES.filter(([kind]) => fresh.includes(kind))
        .slice(0, MAX_CHIPS)
        .map(([, name]) => name),
      channel: step.channel === "back" ? "back" : "front",
    };
  });
}
