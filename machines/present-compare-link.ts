/**
 * Addresses of a presented comparison: the presenter's and audience's (/present/compare) and the
 * compare page's, which the QR code opens on a phone. Type imports only, so the flow presenter can
 * use them without pulling in the comparison's logic.
 */
import type { ShownCompare } from "./presentation-sync";

export const PRESENT_COMPARE_PATH = "/present/compare";

/** `?flows=a,b&seed=S&step=N`: the query of a comparison presented at row `step` (1-based). */
export function presentCompareQuery(shown: Pick<ShownCompare, "flows" | "seed" | "step">): string {
  // As serializeCompareUrl writes it, less the mode: presenter mode has one way to step.
  return `?flows=${shown.flows.map(encodeURIComponent).join(",")}&seed=${encodeURIComponent(shown.seed)}&step=${Math.max(1, Math.floor(shown.step))}`;
}

/** The presenter's address for a comparison shown at a row; an audience window adds view and session. */
export function presentCompareHref(shown: Pick<ShownCompare, "flows" | "seed" | "step">, audience?: { session: string }): string {
  const query = presentCompareQuery(shown);
  return `${PRESENT_COMPARE_PATH}${query}${audience ? `&view=audience&session=${audience.session}` : ""}`;
}

/** The compare page's own address at the same moment: what the QR code and link open on a phone. */
export function compareLinkOf(shown: Pick<ShownCompare, "flows" | "seed" | "step">): string {
  return `/compare${presentCompareQuery(shown)}`;
}

