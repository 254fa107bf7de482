/**
 * Presenter mode for a comparison (`/present/compare?flows=a,b[,c]&seed=S&step=N`): the
 * comparison steps together by phase, so its address is the compare page's address with one step
 * (the row) and no mode. These helpers read and write that address and turn what the presenter
 * shows into the state the audience window follows (machines/presentation-sync.ts). No React here.
 */
import { parseCompareUrl, type CompareLocation, type CompareNotice } from "./compare";
import type { ShownCompare } from "./presentation-sync";

export { compareLinkOf, PRESENT_COMPARE_PATH, presentCompareHref, presentCompareQuery } from "./present-compare-link";

/**
 * Read a presenter or audience address. Never throws: what parseCompareUrl cannot use is replaced
 * with a notice, and a comparison "each on its own" (mode=apart) is presented together, from its
 * first flow's step, with a notice.
 */
export function parsePresentCompareUrl(search: string | URLSearchParams): { location: CompareLocation; notices: CompareNotice[] } {
  const { location, notices } = parseCompareUrl(search);
  if (location.mode === "together") return { location, notices };
  return {
    location: { ...location, mode: "together", steps: [1] },
    notices: [...notices, { field: "mode", message: "Presenter mode steps the flows together, phase by phase, so it starts at the first moment." }],
  };
}

/** What the audience should see, from the compare player's location and row (0-based). */
export function shownCompare(location: Pick<CompareLocation, "flows" | "seed">, row: number): ShownCompare {
  return { kind: "compare", flows: [...location.flows], seed: location.seed, step: Math.max(0, Math.trunc(row)) + 1 };
}

/** Whether a player showing `location` can follow `shown` by moving to another row (no new traces to run). */
export function sameComparison(location: Pick<CompareLocation, "flows" | "seed"> | undefined, shown: Pick<ShownCompare, "flows" | "seed">): boolean {
  return location !== undefined && location.seed === shown.seed && location.flows.length === shown.flows.length && location.flows.every((flow, index) => flow === shown.flows[index]);
}
